/**
 * System.Net.WebSockets.WebSocketDeflateOptions: the permessage-deflate parameters (RFC 7692).
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.websockets.websocketdeflateoptions
 */
import { SR } from '../Resources/SR.js';
import { ArgumentOutOfRangeException } from '../System/ArgumentOutOfRangeException.js';

/**
 * Compression settings for a WebSocket (`DangerousDeflateOptions`). Compression exposes secrets in
 * compressed messages to CRIME/BREACH-style attacks; send such messages with
 * `WebSocketMessageFlags.DisableCompression`.
 *
 * @example
 * ws.Options.DangerousDeflateOptions = Object.assign(new WebSocketDeflateOptions(), { ClientMaxWindowBits: 10 });
 */
export class WebSocketDeflateOptions {
  #clientMaxWindowBits = 15;
  #serverMaxWindowBits = 15;

  /**
   * When true, the client keeps its compression context between messages.
   *
   * @default true
   */
  ClientContextTakeover = true;

  /**
   * When true, the server keeps its compression context between messages.
   *
   * @default true
   */
  ServerContextTakeover = true;

  /**
   * The base-2 logarithm of the client's LZ77 window, 9..15.
   *
   * @default 15
   * @throws {ArgumentOutOfRangeException} Outside 9..15 ("ClientMaxWindowBits").
   */
  get ClientMaxWindowBits(): number {
    return this.#clientMaxWindowBits;
  }

  set ClientMaxWindowBits(value: number) {
    this.#clientMaxWindowBits = checkWindowBits(value, 'ClientMaxWindowBits');
  }

  /**
   * The base-2 logarithm of the server's LZ77 window, 9..15.
   *
   * @default 15
   * @throws {ArgumentOutOfRangeException} Outside 9..15 ("ServerMaxWindowBits").
   */
  get ServerMaxWindowBits(): number {
    return this.#serverMaxWindowBits;
  }

  set ServerMaxWindowBits(value: number) {
    this.#serverMaxWindowBits = checkWindowBits(value, 'ServerMaxWindowBits');
  }
}

function checkWindowBits(value: number, paramName: string): number {
  if (!(value >= 9 && value <= 15)) {
    throw new ArgumentOutOfRangeException(paramName, value, SR.Format(SR.net_WebSockets_ArgumentOutOfRange, 9, 15));
  }
  return value;
}
