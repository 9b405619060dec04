/**
 * System.Net.WebSockets.WebSocketCloseStatus: the well-known close codes of RFC 6455 §7.4.1.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.websockets.websocketclosestatus
 */

/**
 * A WebSocket close code. As in .NET there are no members for 1004, 1006 or 1012–1015; any other code is a
 * cast, as in C#: `4000 as WebSocketCloseStatus`. `WebSocketCloseStatus[code]` gives the name, or
 * `undefined` for a code without a member (where C# prints the number).
 */
export enum WebSocketCloseStatus {
  /** 1000: the purpose of the connection has been fulfilled. */
  NormalClosure = 1000,
  /** 1001: an endpoint is going away (server shutting down, browser leaving the page). */
  EndpointUnavailable = 1001,
  /** 1002: a protocol error. */
  ProtocolError = 1002,
  /** 1003: a message type the endpoint cannot accept. */
  InvalidMessageType = 1003,
  /** 1005: no status code was present in the close frame. */
  Empty = 1005,
  /** 1007: data inconsistent with the message type (e.g. invalid UTF-8 in a text message). */
  InvalidPayloadData = 1007,
  /** 1008: the message violates the endpoint's policy. */
  PolicyViolation = 1008,
  /** 1009: the message is too big to process. */
  MessageTooBig = 1009,
  /** 1010: the client expected the server to negotiate an extension. */
  MandatoryExtension = 1010,
  /** 1011: the server hit an unexpected condition. */
  InternalServerError = 1011,
}
