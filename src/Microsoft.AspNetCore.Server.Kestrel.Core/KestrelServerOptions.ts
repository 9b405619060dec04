/**
 * Mirrors ASP.NET Core's `Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions`: the endpoints
 * `builder.WebHost.ConfigureKestrel(...)` declares.
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.server.kestrel.core.kestrelserveroptions
 */
import { ArgumentOutOfRangeException } from '../System/ArgumentOutOfRangeException.js';
import { ListenOptions } from './ListenOptions.js';

/** Kestrel's options: the endpoints to listen on. */
export class KestrelServerOptions {
  /** @internal Endpoints in the order declared. */
  readonly endpoints: ListenOptions[] = [];
  /** @internal What ConfigureEndpointDefaults asked for, applied to each endpoint before its own callback. */
  #defaults: Array<(listenOptions: ListenOptions) => void> = [];

  /**
   * Listens on `address` ("127.0.0.1", "::1", "0.0.0.0", "::" …) and `port` (0: any free port).
   * @throws {@link System!ArgumentOutOfRangeException} when `port` is outside 0–65535.
   */
  Listen(address: string, port: number, configure?: (listenOptions: ListenOptions) => void): void {
    this.#add(address, port, configure);
  }

  /**
   * Listens on `port` of both loopback addresses (as `http://localhost:port`; port 0 is refused at start).
   * @throws {@link System!ArgumentOutOfRangeException} when `port` is outside 0–65535.
   */
  ListenLocalhost(port: number, configure?: (listenOptions: ListenOptions) => void): void {
    this.#add('localhost', port, configure);
  }

  /**
   * Listens on `port` of every interface.
   * @throws {@link System!ArgumentOutOfRangeException} when `port` is outside 0–65535.
   */
  ListenAnyIP(port: number, configure?: (listenOptions: ListenOptions) => void): void {
    this.#add('*', port, configure);
  }

  /** Configures every endpoint declared after this call (Kestrel applies it to all; declare defaults first). */
  ConfigureEndpointDefaults(configure: (listenOptions: ListenOptions) => void): void {
    this.#defaults.push(configure);
  }

  #add(host: string, port: number, configure?: (listenOptions: ListenOptions) => void): void {
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new ArgumentOutOfRangeException('port', port, 'Specified argument was out of the range of valid values.');
    }
    const options = new ListenOptions(host, port);
    for (const d of this.#defaults) d(options);
    configure?.(options);
    this.endpoints.push(options);
  }
}
