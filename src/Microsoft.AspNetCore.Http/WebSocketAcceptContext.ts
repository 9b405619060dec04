/**
 * Microsoft.AspNetCore.Http.WebSocketAcceptContext: what `AcceptWebSocketAsync` negotiates.
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.http.websocketacceptcontext
 */
import { ArgumentOutOfRangeException } from '../System/ArgumentOutOfRangeException.js';
import { Nullable } from '../System/Nullable.js';
import { TimeSpan } from '../System/TimeSpan.js';
import { SR } from '../Resources/SR.js';

/** The settable members, for the constructor's object-initializer argument. */
export interface WebSocketAcceptContextInit {
  /** Sets {@link WebSocketAcceptContext.SubProtocol}. */
  SubProtocol?: string | null;
  /** Sets {@link WebSocketAcceptContext.KeepAliveInterval}. */
  KeepAliveInterval?: TimeSpan | Nullable<TimeSpan> | null;
  /** Sets {@link WebSocketAcceptContext.KeepAliveTimeout}. */
  KeepAliveTimeout?: TimeSpan | Nullable<TimeSpan> | null;
  /** Sets {@link WebSocketAcceptContext.DangerousEnableCompression}. */
  DangerousEnableCompression?: boolean;
  /** Sets {@link WebSocketAcceptContext.DisableServerContextTakeover}. */
  DisableServerContextTakeover?: boolean;
  /** Sets {@link WebSocketAcceptContext.ServerMaxWindowBits}. */
  ServerMaxWindowBits?: number;
}

function toNullable(value: TimeSpan | Nullable<TimeSpan> | null | undefined): Nullable<TimeSpan> {
  if (value === null || value === undefined) return Nullable.Null;
  return value instanceof TimeSpan ? Nullable.Of(value) : value;
}

/**
 * Options for accepting one WebSocket request: the subprotocol to answer with, keep-alive settings that
 * override the app's {@link "Microsoft.AspNetCore.Builder"!WebSocketOptions}, and permessage-deflate.
 *
 * @example
 * ```ts
 * const ws = await context.WebSockets.AcceptWebSocketAsync(
 *   new WebSocketAcceptContext({ SubProtocol: 'chat', KeepAliveInterval: TimeSpan.FromSeconds(15) }),
 * );
 * ```
 */
export class WebSocketAcceptContext {
  /** The subprotocol sent back in `Sec-WebSocket-Protocol`; null sends none. Not checked against the request. */
  SubProtocol: string | null = null;
  /**
   * Whether to accept a permessage-deflate offer from the client (RFC 7692). Compressing secrets together
   * with attacker-controlled data exposes them (CRIME/BREACH).
   * @default false
   */
  DangerousEnableCompression = false;
  /**
   * With compression, do not keep the server's compression context between messages (less memory, worse
   * ratio).
   * @default false
   */
  DisableServerContextTakeover = false;
  /** The keep-alive interval; empty takes WebSocketOptions.KeepAliveInterval. */
  #keepAliveInterval: Nullable<TimeSpan> = Nullable.Null;
  /** The keep-alive timeout; empty takes WebSocketOptions.KeepAliveTimeout. */
  #keepAliveTimeout: Nullable<TimeSpan> = Nullable.Null;
  /** Log2 of the server's LZ77 window with compression, 9..15. */
  #serverMaxWindowBits = 15;

  /**
   * Creates a context with the defaults; `init` sets members as a C# object initializer would
   * (`new WebSocketAcceptContext { SubProtocol = "chat" }`), through the same setters.
   *
   * @throws {ArgumentOutOfRangeException} An `init` value is out of range (see the setters).
   */
  constructor(init?: WebSocketAcceptContextInit) {
    if (init) {
      for (const key of [
        'SubProtocol',
        'KeepAliveInterval',
        'KeepAliveTimeout',
        'DangerousEnableCompression',
        'DisableServerContextTakeover',
        'ServerMaxWindowBits',
      ] as const) {
        if (key in init) (this as Record<typeof key, unknown>)[key] = init[key];
      }
    }
  }

  /**
   * The interval between keep-alive frames (an unsolicited Pong, or a Ping when {@link KeepAliveTimeout} is
   * set); empty uses `WebSocketOptions.KeepAliveInterval`. Accepts a TimeSpan, as C#'s implicit conversion
   * to `TimeSpan?` does.
   */
  get KeepAliveInterval(): Nullable<TimeSpan> {
    return this.#keepAliveInterval;
  }

  set KeepAliveInterval(value: TimeSpan | Nullable<TimeSpan> | null) {
    this.#keepAliveInterval = toNullable(value);
  }

  /**
   * How long to wait for the Pong answering a keep-alive Ping before aborting the socket; empty uses
   * `WebSocketOptions.KeepAliveTimeout`. Zero and `Timeout.InfiniteTimeSpan` turn the wait off.
   *
   * @throws {ArgumentOutOfRangeException} The value is negative and not `Timeout.InfiniteTimeSpan`
   *   (parameter name "value.Value", as .NET's ThrowIfLessThan reports it).
   */
  get KeepAliveTimeout(): Nullable<TimeSpan> {
    return this.#keepAliveTimeout;
  }

  set KeepAliveTimeout(value: TimeSpan | Nullable<TimeSpan> | null) {
    const nullable = toNullable(value);
    if (nullable.HasValue) {
      const span = nullable.Value;
      if (!span.Equals(TimeSpan.InfiniteTimeSpan) && span.CompareTo(TimeSpan.Zero) < 0) {
        throw new ArgumentOutOfRangeException(
          'value.Value',
          span,
          SR.Format(SR.ArgumentOutOfRange_Generic_MustBeGreaterOrEqual, 'value.Value', span.ToString(), TimeSpan.Zero.ToString()),
        );
      }
    }
    this.#keepAliveTimeout = nullable;
  }

  /**
   * The largest LZ77 window (log2) the server uses when compressing. Has no effect unless
   * {@link DangerousEnableCompression} is set and the client offers compression.
   * @default 15
   * @throws {ArgumentOutOfRangeException} The value is outside 9..15.
   */
  get ServerMaxWindowBits(): number {
    return this.#serverMaxWindowBits;
  }

  set ServerMaxWindowBits(value: number) {
    if (!(value >= 9 && value <= 15)) {
      throw new ArgumentOutOfRangeException('ServerMaxWindowBits', SR.AspNetCore_ServerMaxWindowBitsOutOfRange);
    }
    this.#serverMaxWindowBits = value;
  }
}
