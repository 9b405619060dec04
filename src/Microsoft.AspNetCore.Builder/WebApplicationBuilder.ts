/**
 * Microsoft.AspNetCore.Builder.WebApplicationBuilder: configures and builds a {@link WebApplication}.
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.builder.webapplicationbuilder
 */
import { InvalidOperationException } from '../System/InvalidOperationException.js';
import { SR } from '../Resources/SR.js';
import type { IWebHostEnvironment } from '../Microsoft.AspNetCore.Hosting/IWebHostEnvironment.js';
import { HostEnvironment } from '../host/environment.js';
import { HostServiceCollection, HostWebHostBuilder } from '../host/services.js';
import type { WebApplication } from './WebApplication.js';

/** How {@link WebApplicationBuilder.Build} makes the application (its constructor's arguments). */
type ApplicationFactory = (
  args: readonly string[],
  services: HostServiceCollection,
  webHost: HostWebHostBuilder,
  environment: IWebHostEnvironment,
) => WebApplication;

/**
 * Set by WebApplication's module as it loads: that module imports this one (CreateBuilder), not the other
 * way round, so the two load without a circle. A builder comes from `WebApplication.CreateBuilder` or from
 * the Microsoft.AspNetCore.Builder exports, which load WebApplication too, so it is set before Build runs.
 */
let createApplication: ApplicationFactory | null = null;

/** @internal Called once by WebApplication's module. */
export function setApplicationFactory(factory: ApplicationFactory): void {
  createApplication = factory;
}

/**
 * What `WebApplication.CreateBuilder(args)` returns: call {@link Build} to get the application.
 *
 * @example
 * ```ts
 * const builder = WebApplication.CreateBuilder(process.argv.slice(2));
 * builder.Services.AddControllers();
 * const app = builder.Build();
 * ```
 */
export class WebApplicationBuilder {
  /** Command-line arguments (`--urls http://localhost:5001`). */
  readonly #args: readonly string[];
  /** Service registrations that matter to this host. */
  readonly #services = new HostServiceCollection();
  /** Web host settings (UseUrls). */
  readonly #webHost = new HostWebHostBuilder();
  /** The environment, shared with the application. */
  readonly #environment: HostEnvironment;
  /** Build() was called. */
  #built = false;

  /** @internal Use WebApplication.CreateBuilder(args). */
  constructor(args: readonly string[]) {
    this.#args = [...args];
    this.#environment = new HostEnvironment(this.#args);
  }

  /**
   * The environment: `EnvironmentName` (from `--environment`, `ASPNETCORE_ENVIRONMENT` or
   * `DOTNET_ENVIRONMENT`; "Production" by default), `IsDevelopment()`, `ContentRootPath`, `WebRootPath`.
   */
  get Environment(): IWebHostEnvironment {
    return this.#environment;
  }

  /**
   * The services: `AddControllers()` (accepted for compatibility) and `AddWebSockets(configure)`.
   * @remarks Differs from .NET: not a dependency-injection container.
   */
  get Services(): HostServiceCollection {
    return this.#services;
  }

  /** Web host settings: `UseUrls(...)`. */
  get WebHost(): HostWebHostBuilder {
    return this.#webHost;
  }

  /**
   * Builds the application.
   * @throws {InvalidOperationException} Called a second time ("Build can only be called once.").
   */
  Build(): WebApplication {
    if (this.#built) throw new InvalidOperationException(SR.BuildCalled);
    if (createApplication === null) throw new Error('dotnet-ws: WebApplication was not loaded');
    this.#built = true;
    return createApplication(this.#args, this.#services, this.#webHost, this.#environment);
  }
}
