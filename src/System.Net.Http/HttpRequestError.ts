/**
 * Mirrors .NET's `System.Net.Http.HttpRequestError`: why an HTTP request failed.
 * @see https://learn.microsoft.com/dotnet/api/system.net.http.httprequesterror
 */

/** Why an HTTP request failed (the members a WebSocket connect can meet, with .NET's values). */
export enum HttpRequestError {
  /** Not known. */
  Unknown = 0,
  /** The name could not be resolved. */
  NameResolutionError = 1,
  /** The connection could not be made. */
  ConnectionError = 2,
  /** TLS failed. */
  SecureConnectionError = 3,
  /** An HTTP/2 or HTTP/3 protocol error. */
  HttpProtocolError = 4,
  /** The server does not support extended CONNECT (RFC 8441), needed for WebSockets over HTTP/2. */
  ExtendedConnectNotSupported = 5,
  /** The server does not support the HTTP version asked for. */
  VersionNegotiationError = 6,
  /** Authentication with the server or proxy failed. */
  UserAuthenticationError = 7,
  /** The proxy tunnel failed. */
  ProxyTunnelError = 8,
  /** The response was invalid. */
  InvalidResponse = 9,
  /** The response ended before it was complete. */
  ResponseEnded = 10,
  /** The response exceeded a limit. */
  ConfigurationLimitExceeded = 11,
}
