/**
 * System.Net.WebSockets.ValueWebSocketReceiveResult: what one ReceiveAsync(Memory) call received.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.websockets.valuewebsocketreceiveresult
 */
import { ArgumentOutOfRangeException } from '../System/ArgumentOutOfRangeException.js';
import { WebSocketMessageType } from './WebSocketMessageType.js';

/**
 * The result of `ReceiveAsync(Uint8Array, token)` (C#'s `Memory<byte>` overload): count, type and end of
 * message only; the close status is on the socket (`ws.CloseStatus`).
 */
export class ValueWebSocketReceiveResult {
  /** The number of bytes received into the buffer. */
  readonly Count: number;
  /** True when this result ends the message. */
  readonly EndOfMessage: boolean;
  /** Text, Binary, or Close. */
  readonly MessageType: WebSocketMessageType;

  /**
   * @throws {ArgumentOutOfRangeException} `count` is negative ("count"), or `messageType` is not
   * Text/Binary/Close ("messageType"), with .NET 8's guard messages.
   */
  constructor(count: number, messageType: WebSocketMessageType, endOfMessage: boolean) {
    ArgumentOutOfRangeException.ThrowIfNegative(count, 'count');
    // .NET 10 compares (uint)messageType and throws the plain ArgumentOutOfRangeException("messageType").
    if (messageType >>> 0 > (WebSocketMessageType.Close as number)) throw new ArgumentOutOfRangeException('messageType');
    this.Count = count;
    this.EndOfMessage = endOfMessage;
    this.MessageType = messageType;
    Object.freeze(this);
  }
}
