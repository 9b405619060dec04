// The Microsoft.AspNetCore.Http namespace: one explicit export per public type.
export { ConnectionInfo } from './ConnectionInfo.js';
export { HttpContext } from './HttpContext.js';
export { HttpRequest } from './HttpRequest.js';
export { HttpResponse } from './HttpResponse.js';
export type { IHeaderDictionary } from './IHeaderDictionary.js';
export type { IQueryCollection } from './IQueryCollection.js';
export type { RequestDelegate } from './RequestDelegate.js';
export type { RouteValueDictionary } from './RouteValueDictionary.js';
export { StatusCodes } from './StatusCodes.js';
export { WebSocketAcceptContext } from './WebSocketAcceptContext.js';
export type { WebSocketAcceptContextInit } from './WebSocketAcceptContext.js';
export { WebSocketManager } from './WebSocketManager.js';
