/**
 * Microsoft.AspNetCore.Builder.WebSocketOptions: the settings of `app.UseWebSockets(options)`.
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.builder.websocketoptions
 */
import { ArgumentOutOfRangeException } from '../System/ArgumentOutOfRangeException.js';
import { TimeSpan } from '../System/TimeSpan.js';
import { SR } from '../Resources/SR.js';
import { HostList } from '../runtime/list.js';

/** The settable members, for the constructor's object-initializer argument. */
export interface WebSocketOptionsInit {
  /** Sets {@link WebSocketOptions.KeepAliveInterval}. */
  KeepAliveInterval?: TimeSpan;
  /** Sets {@link WebSocketOptions.KeepAliveTimeout}. */
  KeepAliveTimeout?: TimeSpan;
  /** Fills {@link WebSocketOptions.AllowedOrigins}. */
  AllowedOrigins?: Iterable<string>;
  /** @deprecated Setting this property has no effect. */
  ReceiveBufferSize?: number;
}

/**
 * Keep-alive defaults and the allowed origins for every WebSocket the app accepts.
 *
 * @example
 * ```ts
 * const options = new WebSocketOptions({ KeepAliveInterval: TimeSpan.FromSeconds(30) });
 * options.AllowedOrigins.Add('https://client.example.com');
 * app.UseWebSockets(options);
 * ```
 */
export class WebSocketOptions {
  /**
   * How often the server sends a keep-alive frame: an unsolicited Pong, or a Ping when
   * {@link KeepAliveTimeout} is set. `TimeSpan.Zero` turns keep-alive off. A negative value other than
   * `Timeout.InfiniteTimeSpan` is refused when a socket is accepted (ArgumentOutOfRangeException).
   * @default TimeSpan.FromMinutes(2)
   */
  KeepAliveInterval: TimeSpan = TimeSpan.FromMinutes(2);
  /**
   * `Origin` values allowed to open a WebSocket (Cross-Site WebSocket Hijacking protection). Empty, or
   * containing "*", allows every origin. Otherwise a WebSocket request whose Origin header is not in the
   * list (compared after lower-casing the list, case-sensitively) is answered 403 and never reaches the
   * application. Requests without an Origin header are allowed.
   * @default empty
   */
  readonly AllowedOrigins: HostList<string> = new HostList<string>();
  /**
   * Has no effect; kept so that code written for older ASP.NET Core compiles.
   * @deprecated Setting this property has no effect. It will be removed in a future version.
   */
  ReceiveBufferSize = 0;
  /** See {@link KeepAliveTimeout}. */
  #keepAliveTimeout: TimeSpan = TimeSpan.InfiniteTimeSpan;

  /**
   * Creates options with the defaults; `init` sets members as a C# object initializer would.
   * @throws {ArgumentOutOfRangeException} `init.KeepAliveTimeout` is negative and not infinite.
   */
  constructor(init?: WebSocketOptionsInit) {
    if (!init) return;
    if (init.KeepAliveInterval !== undefined) this.KeepAliveInterval = init.KeepAliveInterval;
    if (init.KeepAliveTimeout !== undefined) this.KeepAliveTimeout = init.KeepAliveTimeout;
    if (init.AllowedOrigins !== undefined) for (const origin of init.AllowedOrigins) this.AllowedOrigins.Add(origin);
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    if (init.ReceiveBufferSize !== undefined) this.ReceiveBufferSize = init.ReceiveBufferSize;
  }

  /**
   * How long to wait for the Pong that answers a keep-alive Ping before aborting the socket. Zero and
   * `Timeout.InfiniteTimeSpan` turn the wait off (unsolicited Pongs are sent instead).
   * @default Timeout.InfiniteTimeSpan
   * @throws {ArgumentOutOfRangeException} The value is negative and not `Timeout.InfiniteTimeSpan`.
   */
  get KeepAliveTimeout(): TimeSpan {
    return this.#keepAliveTimeout;
  }

  set KeepAliveTimeout(value: TimeSpan) {
    if (!value.Equals(TimeSpan.InfiniteTimeSpan) && value.CompareTo(TimeSpan.Zero) < 0) {
      throw new ArgumentOutOfRangeException(
        'value',
        value,
        SR.Format(SR.ArgumentOutOfRange_Generic_MustBeGreaterOrEqual, 'value', value.ToString(), TimeSpan.Zero.ToString()),
      );
    }
    this.#keepAliveTimeout = value;
  }
}
