// The System.Net.Http namespace: the types ClientWebSocket's HTTP/2 connect uses.
export { HttpClient, HttpMessageInvoker } from './HttpMessageInvoker.js';
export { HttpRequestError } from './HttpRequestError.js';
export { HttpRequestException } from './HttpRequestException.js';
export { HttpVersionPolicy } from './HttpVersionPolicy.js';
export { SocketsHttpHandler } from './SocketsHttpHandler.js';
export type { SslClientAuthenticationOptions } from './SocketsHttpHandler.js';
