// The System.Net namespace: one explicit export per public type.
export { Cookie } from './Cookie.js';
export { CookieCollection } from './CookieCollection.js';
export { CookieContainer } from './CookieContainer.js';
export { CookieException } from './CookieException.js';
export { HttpVersion } from './HttpVersion.js';
export { NetworkCredential } from './NetworkCredential.js';
export { WebProxy } from './WebProxy.js';
export type { ICredentials } from './ICredentials.js';
export type { IWebProxy } from './IWebProxy.js';
export { HttpListener } from './HttpListener.js';
export { HttpListenerContext } from './HttpListenerContext.js';
export { HttpListenerException } from './HttpListenerException.js';
export { HttpListenerPrefixCollection } from './HttpListenerPrefixCollection.js';
export { HttpListenerRequest } from './HttpListenerRequest.js';
export { HttpListenerResponse } from './HttpListenerResponse.js';
export { IPEndPoint } from './IPEndPoint.js';
export { ProtocolViolationException } from './ProtocolViolationException.js';
export { HttpStatusCode } from './HttpStatusCode.js';
