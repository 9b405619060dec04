/**
 * System.Net.WebSockets.WebSocketState: where a WebSocket is in its lifecycle.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.websockets.websocketstate
 */

/**
 * The lifecycle state of a WebSocket, with .NET's numeric values. `WebSocketState[ws.State]` gives the name
 * C#'s `ToString()` prints.
 */
export enum WebSocketState {
  /** A ClientWebSocket that was constructed but not connected yet. */
  None = 0,
  /** ClientWebSocket.ConnectAsync is in progress. */
  Connecting = 1,
  /** The handshake is done; messages can be sent and received. */
  Open = 2,
  /** This side sent a close frame and waits for the peer's. */
  CloseSent = 3,
  /** The peer's close frame arrived; this side has not sent its own yet. */
  CloseReceived = 4,
  /** Both close frames were exchanged, or the socket was disposed. */
  Closed = 5,
  /** Aborted: Abort(), a canceled operation, a protocol error, a lost connection or a keep-alive timeout. */
  Aborted = 6,
}
