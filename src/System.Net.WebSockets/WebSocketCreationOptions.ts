/**
 * System.Net.WebSockets.WebSocketCreationOptions: options for WebSocket.CreateFromStream.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.websockets.websocketcreationoptions
 */
import { SR } from '../Resources/SR.js';
import { validateSubprotocol } from '../shared/subprotocol.js';
import { ArgumentOutOfRangeException } from '../System/ArgumentOutOfRangeException.js';
import { TimeSpan } from '../System/TimeSpan.js';
import { Timeout } from '../System.Threading/Timeout.js';
import type { WebSocketDeflateOptions } from './WebSocketDeflateOptions.js';

/**
 * How `WebSocket.CreateFromStream(stream, options)` sets up the socket: which side it is, the agreed
 * subprotocol, keep-alive and compression.
 *
 * @example
 * const ws = WebSocket.CreateFromStream(socket, Object.assign(new WebSocketCreationOptions(), {
 *   IsServer: true,
 *   KeepAliveInterval: TimeSpan.FromSeconds(30),
 * }));
 */
export class WebSocketCreationOptions {
  #subProtocol: string | null = null;
  #keepAliveInterval: TimeSpan = TimeSpan.Zero;
  #keepAliveTimeout: TimeSpan = Timeout.InfiniteTimeSpan;

  /**
   * True for the server side (sends unmasked frames, expects masked ones); false for a client.
   *
   * @default false
   */
  IsServer = false;

  /**
   * The permessage-deflate settings; null means no compression.
   *
   * @default null
   */
  DangerousDeflateOptions: WebSocketDeflateOptions | null = null;

  /**
   * The subprotocol agreed during the handshake, or null.
   *
   * @default null
   * @throws {ArgumentException} The value is empty, white space or contains an invalid character ("subProtocol").
   */
  get SubProtocol(): string | null {
    return this.#subProtocol;
  }

  set SubProtocol(value: string | null) {
    if (value != null) validateSubprotocol(value);
    this.#subProtocol = value ?? null;
  }

  /**
   * How often to send keep-alive frames; `TimeSpan.Zero` or `Timeout.InfiniteTimeSpan` turns keep-alive off.
   *
   * @default TimeSpan.Zero
   * @throws {ArgumentOutOfRangeException} Negative other than −1 ms ("KeepAliveInterval").
   */
  get KeepAliveInterval(): TimeSpan {
    return this.#keepAliveInterval;
  }

  set KeepAliveInterval(value: TimeSpan) {
    this.#keepAliveInterval = checkKeepAlive(value, 'KeepAliveInterval');
  }

  /**
   * How long to wait for the PONG answering a keep-alive PING before aborting; `TimeSpan.Zero` or
   * `Timeout.InfiniteTimeSpan` sends unsolicited PONGs instead (.NET 9).
   *
   * @default Timeout.InfiniteTimeSpan
   * @throws {ArgumentOutOfRangeException} Negative other than −1 ms ("KeepAliveTimeout").
   */
  get KeepAliveTimeout(): TimeSpan {
    return this.#keepAliveTimeout;
  }

  set KeepAliveTimeout(value: TimeSpan) {
    this.#keepAliveTimeout = checkKeepAlive(value, 'KeepAliveTimeout');
  }
}

function checkKeepAlive(value: TimeSpan, paramName: string): TimeSpan {
  if (!value.Equals(Timeout.InfiniteTimeSpan) && value.CompareTo(TimeSpan.Zero) < 0) {
    throw new ArgumentOutOfRangeException(paramName, value, SR.Format(SR.net_WebSockets_ArgumentOutOfRange_TooSmall, 0));
  }
  return value;
}
