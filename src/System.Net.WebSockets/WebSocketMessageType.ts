/**
 * System.Net.WebSockets.WebSocketMessageType: the kind of a WebSocket message.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.websockets.websocketmessagetype
 */

/** The kind of message a frame carries, with .NET's numeric values. */
export enum WebSocketMessageType {
  /** UTF-8 text. */
  Text = 0,
  /** Binary data. */
  Binary = 1,
  /** The peer's close frame (only ever received; SendAsync rejects it). */
  Close = 2,
}
