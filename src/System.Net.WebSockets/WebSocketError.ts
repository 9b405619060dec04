/**
 * System.Net.WebSockets.WebSocketError: the error category of a WebSocketException.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.websockets.websocketerror
 */

/** What went wrong, as reported by `WebSocketException.WebSocketErrorCode`; .NET's numeric values. */
export enum WebSocketError {
  /** No error category (the default for exceptions constructed without one). */
  Success = 0,
  /** A message of an unexpected type was received. */
  InvalidMessageType = 1,
  /** The socket was aborted by an error: protocol violation, invalid UTF-8, keep-alive timeout, … */
  Faulted = 2,
  /** An error from the operating system or the transport. */
  NativeError = 3,
  /** The peer is not a WebSocket endpoint (e.g. the handshake response was not 101). */
  NotAWebSocket = 4,
  /** The peer does not support the requested protocol version. */
  UnsupportedVersion = 5,
  /** The peer does not support the requested subprotocol(s). */
  UnsupportedProtocol = 6,
  /** A handshake header was missing or invalid. */
  HeaderError = 7,
  /** The connection was closed without the close handshake. */
  ConnectionClosedPrematurely = 8,
  /** The operation is not valid in the socket's current state. */
  InvalidState = 9,
}
