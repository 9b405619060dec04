// The Microsoft.AspNetCore.Builder namespace: one explicit export per public type.
export { WebApplication } from './WebApplication.js';
export type { RouteHandler } from './WebApplication.js';
export { WebApplicationBuilder } from './WebApplicationBuilder.js';
export { WebSocketOptions } from './WebSocketOptions.js';
export type { WebSocketOptionsInit } from './WebSocketOptions.js';
// The types of WebApplication.Urls, WebSocketOptions.AllowedOrigins, builder.Services and builder.WebHost
// (ICollection<string>/IList<string>, IServiceCollection and ConfigureWebHostBuilder in .NET), exported
// as types so that their members are documented; they are created by the host, not by applications.
export type { HostList } from '../runtime/list.js';
export type { HostServiceCollection, HostWebHostBuilder } from '../host/services.js';
