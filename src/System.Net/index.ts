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
