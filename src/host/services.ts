// The few IServiceCollection / IWebHostBuilder calls that ASP.NET Core samples make on the builder, so that
// `builder.Services.AddControllers()` and `builder.WebHost.UseUrls(...)` port unchanged.
import { WebSocketOptions } from '../Microsoft.AspNetCore.Builder/WebSocketOptions.js';
import { KestrelServerOptions } from '../Microsoft.AspNetCore.Server.Kestrel.Core/KestrelServerOptions.js';

/**
 * `builder.Services`: only the registrations that affect this host.
 * @remarks Differs from .NET: not a dependency-injection container.
 */
export class HostServiceCollection {
  /** @internal Options configured by AddWebSockets, used by UseWebSockets() without arguments. */
  readonly webSocketOptions = new WebSocketOptions();

  /** AddAuthorization (or AddControllers, which includes it) was called: UseAuthorization may be used. */
  authorization = false;

  /**
   * Registers what controllers need; as in ASP.NET Core this includes the authorization services, so
   * `app.UseAuthorization()` may follow. Controllers are available to MapControllers in any case.
   * @returns this, for chaining.
   */
  AddControllers(): this {
    this.authorization = true;
    return this;
  }

  /**
   * Registers the authorization services that `app.UseAuthorization()` requires.
   * @returns this, for chaining.
   * @remarks Differs from .NET: there are no policies to configure; no endpoint here requires authorization.
   */
  AddAuthorization(): this {
    this.authorization = true;
    return this;
  }

  /**
   * Configures the {@link WebSocketOptions} that `app.UseWebSockets()` (without arguments) uses.
   * @returns this, for chaining.
   */
  AddWebSockets(configure: (options: WebSocketOptions) => void): this {
    configure(this.webSocketOptions);
    return this;
  }
}

/** `builder.WebHost`: the address settings. */
export class HostWebHostBuilder {
  /** @internal URLs from UseUrls, or null. */
  urls: string[] | null = null;
  /** @internal Endpoints declared with ConfigureKestrel (they replace the URLs, as in Kestrel). */
  readonly kestrel = new KestrelServerOptions();

  /**
   * Configures Kestrel's endpoints: `Listen`, `ListenLocalhost`, `ListenAnyIP`, each with its
   * `Protocols` (HTTP/1.x, HTTP/2 or both) and `UseHttps(certificate)`. Declared endpoints replace the
   * URLs (UseUrls, `--urls`, ASPNETCORE_URLS), as Kestrel does.
   * @returns this, for chaining.
   * @example
   * builder.WebHost.ConfigureKestrel((options) => {
   *   options.ListenLocalhost(5001, (listenOptions) => {
   *     listenOptions.Protocols = HttpProtocols.Http1AndHttp2;
   *     listenOptions.UseHttps(new X509Certificate2('server.pfx', 'password'));
   *   });
   * });
   */
  ConfigureKestrel(configure: (options: KestrelServerOptions) => void): this {
    configure(this.kestrel);
    return this;
  }

  /**
   * Sets the addresses to listen on (`"http://localhost:5001"`, several separated by ";").
   * @returns this, for chaining.
   */
  UseUrls(...urls: string[]): this {
    this.urls = urls
      .flatMap((u) => u.split(';'))
      .map((u) => u.trim())
      .filter((u) => u !== '');
    return this;
  }
}
