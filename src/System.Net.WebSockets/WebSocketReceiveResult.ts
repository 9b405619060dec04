/**
 * System.Net.WebSockets.WebSocketReceiveResult: what one ReceiveAsync(ArraySegment) call received.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.websockets.websocketreceiveresult
 */
import { ArgumentOutOfRangeException } from '../System/ArgumentOutOfRangeException.js';
import { Nullable } from '../System/Nullable.js';
import type { WebSocketCloseStatus } from './WebSocketCloseStatus.js';
import type { WebSocketMessageType } from './WebSocketMessageType.js';

/**
 * The result of `ReceiveAsync(ArraySegment, token)`: how many bytes were written into the buffer, the
 * message type, whether the message ended, and — once the peer's close frame arrived — its status and
 * description.
 *
 * @example
 * let receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
 * while (!receiveResult.CloseStatus.HasValue) {
 *   // … echo buffer.subarray(0, receiveResult.Count) …
 *   receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
 * }
 * await webSocket.CloseAsync(receiveResult.CloseStatus.Value, receiveResult.CloseStatusDescription, CancellationToken.None);
 */
export class WebSocketReceiveResult {
  /** The number of bytes received into the buffer. */
  readonly Count: number;
  /** True when this result ends the message. */
  readonly EndOfMessage: boolean;
  /** Text, Binary, or Close (the peer's close frame). */
  readonly MessageType: WebSocketMessageType;
  /** The peer's close status once its close frame was received; empty before. */
  readonly CloseStatus: Nullable<WebSocketCloseStatus>;
  /** The peer's close description once its close frame was received; `null` before. */
  readonly CloseStatusDescription: string | null;

  /**
   * @param count Bytes received; the message type is not validated, as in .NET.
   * @param closeStatus A status, a Nullable, or null (C#'s `WebSocketCloseStatus?`).
   * @throws {ArgumentOutOfRangeException} `count` is negative ("count").
   */
  constructor(
    count: number,
    messageType: WebSocketMessageType,
    endOfMessage: boolean,
    closeStatus?: Nullable<WebSocketCloseStatus> | WebSocketCloseStatus | null,
    closeStatusDescription?: string | null,
  ) {
    ArgumentOutOfRangeException.ThrowIfNegative(count, 'count');
    this.Count = count;
    this.EndOfMessage = endOfMessage;
    this.MessageType = messageType;
    this.CloseStatus = typeof closeStatus === 'object' && closeStatus !== null ? closeStatus : Nullable.Of(closeStatus);
    this.CloseStatusDescription = closeStatusDescription ?? null;
  }
}
