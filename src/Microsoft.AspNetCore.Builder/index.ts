// The Microsoft.AspNetCore.Builder namespace: one explicit export per public type.
export { WebApplication } from './WebApplication.js';
export type { RouteHandler } from './WebApplication.js';
export { WebApplicationBuilder } from './WebApplicationBuilder.js';
export { WebSocketOptions } from './WebSocketOptions.js';
export type { WebSocketOptionsInit } from './WebSocketOptions.js';
