/**
 * Microsoft.AspNetCore.Builder.WebApplication: the host, its request pipeline and its endpoints, on
 * node:http and ws.
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.builder.webapplication
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { InvalidOperationException } from '../System/InvalidOperationException.js';
import { OperationCanceledException } from '../System/OperationCanceledException.js';
import { TimeSpan } from '../System/TimeSpan.js';
import { CancellationToken } from '../System.Threading/CancellationToken.js';
import { SR } from '../Resources/SR.js';
import type { HttpContext } from '../Microsoft.AspNetCore.Http/HttpContext.js';
import { ControllerBase, setControllerContext } from '../Microsoft.AspNetCore.Mvc/ControllerBase.js';
import { describeActions, discoverControllers, registeredControllers } from '../host/controllers.js';
import type { ControllerType } from '../host/controllers.js';
import { HostList } from '../runtime/list.js';
import { bindAddress, configuredUrls, parseServerAddress } from '../host/listen.js';
import type { Listeners } from '../host/listen.js';
import { HostPipeline } from '../host/pipeline.js';
import { endpointAddress, endpointServerFactory } from '../host/http2.js';
import type { HostServiceCollection, HostWebHostBuilder } from '../host/services.js';
import type { IWebHostEnvironment } from '../Microsoft.AspNetCore.Hosting/IWebHostEnvironment.js';
import { exchangeOf } from '../Microsoft.AspNetCore.Http/HttpContext.js';
import { defaultFilesMiddleware, staticFilesMiddleware } from '../host/static-files.js';
import { WebApplicationBuilder, setApplicationFactory } from './WebApplicationBuilder.js';
import { WebSocketOptions } from './WebSocketOptions.js';

/**
 * A route handler: receives the HttpContext; may return a value, written as the response (a string as
 * text/plain, anything else as JSON), as minimal APIs do.
 */
export type RouteHandler = (context: HttpContext) => unknown;

/** Where the application is in its life. */
type State = 'new' | 'starting' | 'started' | 'stopping' | 'stopped';

/**
 * The web application: configure the pipeline (`UseWebSockets`, `Use`), map endpoints (`Map`,
 * `MapGet`, `MapControllers`) and run it (`Run`, `StartAsync`/`StopAsync`).
 *
 * @example
 * ```ts
 * const app = WebApplication.CreateBuilder(process.argv.slice(2)).Build();
 * app.UseWebSockets();
 * app.Map('/ws', async (context) => {
 *   if (context.WebSockets.IsWebSocketRequest) {
 *     using webSocket = await context.WebSockets.AcceptWebSocketAsync();
 *     await Echo(webSocket);
 *   } else {
 *     context.Response.StatusCode = StatusCodes.Status400BadRequest;
 *   }
 * });
 * await app.RunAsync('http://localhost:5000');
 * ```
 */
export class WebApplication implements AsyncDisposable {
  /** Command-line arguments given to CreateBuilder. */
  readonly #args: readonly string[];
  /** builder.Services. */
  readonly #services: HostServiceCollection;
  /** builder.WebHost. */
  readonly #webHost: HostWebHostBuilder;
  /** Middleware, endpoints and live requests. */
  readonly #pipeline = new HostPipeline();
  /** The addresses: configured ones before start, bound ones after. */
  readonly #urls = new HostList<string>();
  /** Servers this application listens with. */
  #servers: Server[] = [];
  /** Servers it was attached to, and the listener it added. */
  #attached: Array<{ server: Server | HttpsServer; listener: (req: IncomingMessage, socket: Duplex, head: Buffer) => void }> = [];
  /** Lifecycle. */
  #state: State = 'new';
  /** Resolves when a stop completed (RunAsync waits on it). */
  #stopped: Promise<void>;
  #resolveStopped!: () => void;
  /** The running StopAsync, so concurrent calls share it. */
  #stopping: Promise<void> | null = null;
  /** See {@link shutdownTimeout}. */
  #shutdownTimeout = TimeSpan.FromSeconds(5);

  /** builder.Environment. */
  readonly #environment: IWebHostEnvironment;
  /** UseHttpsRedirection has logged that it knows no HTTPS port. */
  #httpsPortWarned = false;

  /** @internal Use `WebApplication.CreateBuilder(args).Build()` or `WebApplication.Create(args)`. */
  constructor(args: readonly string[], services: HostServiceCollection, webHost: HostWebHostBuilder, environment: IWebHostEnvironment) {
    this.#args = args;
    this.#environment = environment;
    this.#services = services;
    this.#webHost = webHost;
    this.#stopped = new Promise((resolve) => (this.#resolveStopped = resolve));
  }

  /**
   * Starts configuring an application. `args` are command-line arguments; `--urls <url[;url…]>` sets the
   * addresses to listen on.
   *
   * @remarks Differs from .NET: `args` is not read from the process; pass `process.argv.slice(2)` to get
   * C#'s behaviour.
   */
  static CreateBuilder(args: readonly string[] = []): WebApplicationBuilder {
    return new WebApplicationBuilder(args);
  }

  /** `CreateBuilder(args).Build()`. */
  static Create(args: readonly string[] = []): WebApplication {
    return WebApplication.CreateBuilder(args).Build();
  }

  /**
   * The addresses. Before start: the ones to listen on (empty → `--urls`, then `ASPNETCORE_URLS`, then
   * `ASPNETCORE_HTTP_PORTS`/`HTTP_PORTS`, then `PORT`, then `http://localhost:5000`). After StartAsync: the
   * addresses actually bound, with the real port when 0 was asked (`http://127.0.0.1:0` →
   * `http://127.0.0.1:54321`). As with Kestrel, `localhost` binds both loopbacks and cannot take port 0,
   * and any host name other than localhost or an IP address binds every interface.
   * @remarks Node.js extension: the `PORT` environment variable. The collection is an array with
   * ICollection's `Add`, `Clear`, `Contains`, `Remove` and `Count`.
   */
  get Urls(): HostList<string> {
    return this.#urls;
  }

  /**
   * How long StopAsync waits for requests and WebSockets to finish before aborting their connections.
   * @default TimeSpan.FromSeconds(5)
   * @remarks Node.js extension (ASP.NET Core's HostOptions.ShutdownTimeout, whose default is 30 s).
   */
  get shutdownTimeout(): TimeSpan {
    return this.#shutdownTimeout;
  }

  set shutdownTimeout(value: TimeSpan) {
    this.#shutdownTimeout = value;
  }

  /**
   * Adds middleware: `(context, next) => …`; call `await next()` to run the rest of the pipeline.
   * Middleware runs in the order added, before the endpoint.
   * @returns this, for chaining.
   */
  Use(middleware: (context: HttpContext, next: (context?: HttpContext) => Promise<void>) => unknown): this {
    this.#pipeline.use(middleware);
    return this;
  }

  /**
   * The environment: `EnvironmentName` (from `--environment`, `ASPNETCORE_ENVIRONMENT` or
   * `DOTNET_ENVIRONMENT`; "Production" by default), `IsDevelopment()`, `ContentRootPath`, `WebRootPath`.
   */
  get Environment(): IWebHostEnvironment {
    return this.#environment;
  }

  /**
   * Places endpoint routing at this point of the pipeline: middleware added before it sees no endpoint
   * or route values (and may rewrite `Request.Path` before routing matches it). Without this call,
   * routing runs before the first middleware, as WebApplication does.
   * @returns this, for chaining.
   */
  UseRouting(): this {
    this.#pipeline.useRouting();
    return this;
  }

  /**
   * HTTPS redirection. The host never listens on HTTPS itself, so, as ASP.NET Core does when it cannot
   * determine an HTTPS port, requests pass through unchanged and the first plain-HTTP one logs the
   * warning "Failed to determine the https port for redirect.".
   * @returns this, for chaining.
   */
  UseHttpsRedirection(): this {
    this.#pipeline.useHost((context, next) => {
      if (!exchangeOf(context).isHttps && !this.#httpsPortWarned) {
        this.#httpsPortWarned = true;
        console.warn(`warn: Microsoft.AspNetCore.HttpsPolicy.HttpsRedirectionMiddleware[3]\n      ${SR.AspNetCore_FailedToDeterminePort}`);
      }
      return next();
    });
    return this;
  }

  /**
   * Authorization middleware. No endpoint here carries an authorization requirement, so, as in ASP.NET
   * Core for such endpoints, every request passes.
   * @throws {InvalidOperationException} Neither `builder.Services.AddAuthorization()` nor
   *   `AddControllers()` was called (ASP.NET Core's message).
   * @returns this, for chaining.
   */
  UseAuthorization(): this {
    if (!this.#services.authorization) {
      throw new InvalidOperationException(SR.Format(SR.UnableToFindServices, 'IServiceCollection.AddAuthorization'));
    }
    return this;
  }

  /**
   * Rewrites a request for a folder of `wwwroot` ("/" or "/docs/") to its default file (default.htm,
   * default.html, index.htm, index.html, the first that exists); a folder requested without its trailing
   * "/" is redirected (301) to it. Serve the file with {@link UseStaticFiles}, added after this.
   * @returns this, for chaining.
   */
  UseDefaultFiles(): this {
    this.#pipeline.useHost(defaultFilesMiddleware(this.#environment.WebRootPath, (e) => this.#pipeline.selectedEndpoint(e) !== null));
    return this;
  }

  /**
   * Serves the files of `wwwroot` (`Environment.WebRootPath`) to GET and HEAD requests that no endpoint
   * took, as ASP.NET Core's StaticFileMiddleware: the content type from the extension (a file of unknown
   * type is not served), Content-Length, Last-Modified and ETag, conditional requests (304, 412) and
   * ranges (206, 416). Other requests go on down the pipeline. Without a `wwwroot` folder, logs ASP.NET
   * Core's warning and serves nothing.
   * @returns this, for chaining.
   * @remarks Differs from .NET: the ETag is weak (`W/"size-mtime"`, from the `send` package) where
   * ASP.NET Core's is strong; both validate the same way. Files are served on plain requests only (not
   * on a WebSocket upgrade request).
   */
  UseStaticFiles(): this {
    this.#pipeline.useHost(staticFilesMiddleware(this.#environment.WebRootPath, (e) => this.#pipeline.selectedEndpoint(e) !== null));
    return this;
  }

  /**
   * `UseDefaultFiles()` then `UseStaticFiles()` (directory browsing stays off, as by default in ASP.NET Core).
   * @returns this, for chaining.
   */
  UseFileServer(): this {
    return this.UseDefaultFiles().UseStaticFiles();
  }

  /**
   * Adds the WebSocket middleware: after it, `context.WebSockets.IsWebSocketRequest` recognises WebSocket
   * requests and `AcceptWebSocketAsync` accepts them. Without `options`, those configured by
   * `builder.Services.AddWebSockets(...)` (defaults: keep-alive every 2 minutes, no timeout, any origin).
   * A WebSocket request from an origin not in `AllowedOrigins` is answered 403 here.
   * @returns this, for chaining.
   */
  UseWebSockets(options?: WebSocketOptions): this {
    this.#pipeline.useWebSockets(options ?? this.#services.webSocketOptions);
    return this;
  }

  /**
   * Maps `pattern` (a route template, e.g. `/ws` or `/rooms/{room}`) for every HTTP method. When several
   * endpoints match a request, the most specific template wins (literal, then constrained parameter,
   * then parameter, then catch-all, segment by segment); among equals, the first mapped.
   * @throws {Exception} The pattern is malformed (ASP.NET Core's message).
   * @throws {InvalidOperationException} The pattern names an unknown constraint.
   * @remarks Differs from .NET: a malformed pattern throws a plain Exception (ASP.NET Core's
   * RoutePatternException derives from Exception directly), and two equally specific endpoints do not
   * throw AmbiguousMatchException: the first mapped wins.
   */
  Map(pattern: string, handler: RouteHandler): void {
    this.#mapRoute(pattern, null, handler);
  }

  /** Maps `pattern` for GET. */
  MapGet(pattern: string, handler: RouteHandler): void {
    this.#mapRoute(pattern, ['GET'], handler);
  }

  /** Maps `pattern` for POST. */
  MapPost(pattern: string, handler: RouteHandler): void {
    this.#mapRoute(pattern, ['POST'], handler);
  }

  /** Maps `pattern` for PUT. */
  MapPut(pattern: string, handler: RouteHandler): void {
    this.#mapRoute(pattern, ['PUT'], handler);
  }

  /** Maps `pattern` for DELETE. */
  MapDelete(pattern: string, handler: RouteHandler): void {
    this.#mapRoute(pattern, ['DELETE'], handler);
  }

  /** Maps `pattern` for PATCH. */
  MapPatch(pattern: string, handler: RouteHandler): void {
    this.#mapRoute(pattern, ['PATCH'], handler);
  }

  /** Maps `pattern` for the given HTTP methods. */
  MapMethods(pattern: string, httpMethods: Iterable<string>, handler: RouteHandler): void {
    this.#mapRoute(pattern, [...httpMethods], handler);
  }

  #mapRoute(pattern: string, methods: readonly string[] | null, handler: RouteHandler): void {
    // The pipeline writes what the handler returns, once it settles: nothing of this method waits on it
    // for an accepted WebSocket's whole life. It calls the handler inside a try, so a synchronous throw is
    // handled as a rejection would be.
    this.#pipeline.addEndpoint(pattern, methods, (context) => handler(context));
  }

  /**
   * Maps the actions of the controllers (or only of `controllers`, when given). A controller is, as in
   * ASP.NET Core, a class with routed actions (`@HttpGet('/ws')`, `@Route`, …) that is named `…Controller`
   * or derives from ControllerBase, and is exported from its module (C#: public); a class decorated with
   * `@Route` or `@ApiController` is one in any case. For each request the framework creates the controller
   * with `new`, sets its HttpContext and calls the action with the route values as arguments, in template
   * order. Controllers without a class decorator are read from their modules' exports when the application
   * starts; a routed action that belongs to no controller is then reported with a warning.
   *
   * @throws {InvalidOperationException} An action of an `@ApiController` has no route.
   * @remarks Differs from .NET: controllers are found in the modules imported so far (there is no
   * assembly scan), and the optional `controllers` argument (a Node.js extension) restricts the set.
   * ASP.NET Core says nothing about a class it does not take for a controller; here the warning names the
   * action, since a missing `export` is easy to overlook.
   */
  MapControllers(...controllers: ControllerType[]): void {
    if (controllers.length > 0) {
      for (const type of controllers) this.#mapController(type);
      return;
    }
    for (const type of registeredControllers()) this.#mapController(type);
    const discovery = discoverControllers().then(({ found, unreachable }) => {
      for (const type of found) this.#mapController(type);
      for (const message of unreachable) console.warn(`warn: Microsoft.AspNetCore.Mvc.Infrastructure[0]\n      ${message}`);
    });
    this.#pipeline.waitFor(discovery);
  }

  #mapController(type: ControllerType): void {
    for (const action of describeActions(type)) {
      let parameterNames: readonly string[] = [];
      const pattern = this.#pipeline.addEndpoint(
        action.template,
        action.methods,
        // Not async: the pipeline writes the action's result once it settles (see #mapRoute).
        (context, exchange) => {
          const controller = new (type as unknown as new () => object)();
          if (controller instanceof ControllerBase) setControllerContext(controller, context);
          const method = (controller as Record<string, unknown>)[action.actionName] as (...args: unknown[]) => unknown;
          const args = parameterNames.map((name) => exchange.routeValues.get(name));
          return method.apply(controller, args);
        },
        [
          ['action', action.actionName],
          ['controller', action.controllerName],
        ],
      );
      parameterNames = pattern.parameterNames;
    }
  }

  /**
   * Runs the application until it is stopped (Ctrl+C, SIGTERM or StopAsync), listening on `url` if given.
   * With a handler instead, adds terminal middleware (IApplicationBuilder.Run).
   * @remarks Differs from .NET: returns a promise (C#'s Run blocks the thread).
   */
  Run(url?: string | null): Promise<void>;
  Run(handler: (context: HttpContext) => Promise<void>): void;
  Run(arg?: string | null | ((context: HttpContext) => Promise<void>)): Promise<void> | void {
    if (typeof arg === 'function') {
      this.#pipeline.use(async (context) => {
        await arg(context);
      });
      return;
    }
    return this.RunAsync(arg);
  }

  /**
   * Starts the application, prints the addresses, and resolves once it has stopped (Ctrl+C, SIGTERM or
   * StopAsync). With `url`, listens on that address only.
   */
  async RunAsync(url?: string | null): Promise<void> {
    if (url !== undefined && url !== null) {
      this.#urls.Clear();
      this.#urls.Add(url);
    }
    await this.StartAsync();
    const onSignal = () => {
      console.log(`info: Microsoft.Hosting.Lifetime[0]\n      ${SR.AspNetCore_ApplicationShuttingDown}`);
      void this.StopAsync();
    };
    // Before the lines below: whoever reads "Application started" may press Ctrl+C at once.
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    for (const address of this.#urls) {
      console.log(`info: Microsoft.Hosting.Lifetime[14]\n      ${SR.Format(SR.AspNetCore_NowListeningOn, address)}`);
    }
    console.log(`info: Microsoft.Hosting.Lifetime[0]\n      ${SR.AspNetCore_ApplicationStarted}`);
    // ASP.NET Core's ConsoleLifetime follows with the environment and the content root.
    console.log(
      `info: Microsoft.Hosting.Lifetime[0]\n      ${SR.Format(SR.AspNetCore_HostingEnvironment, this.#environment.EnvironmentName)}`,
    );
    console.log(
      `info: Microsoft.Hosting.Lifetime[0]\n      ${SR.Format(SR.AspNetCore_ContentRootPath, this.#environment.ContentRootPath)}`,
    );
    try {
      await this.#stopped;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }

  /**
   * Binds the addresses (see {@link Urls}) and starts serving. Resolves once listening; then `Urls`
   * holds the bound addresses.
   *
   * @throws {InvalidOperationException} Already started ("Server has already started."), an address is
   *   invalid, https (no certificate here: attach to an https.Server instead), has a path, or asks for a
   *   dynamic port on localhost.
   * @throws {Exception} An address is in use.
   * @throws {OperationCanceledException} `cancellationToken` is already cancelled.
   * @remarks Differs from .NET: https addresses are refused (there is no certificate configuration; attach
   * to an `https.Server` instead); an address in use is an Exception (Kestrel: IOException); the
   * "Now listening on" lines are printed by Run/RunAsync only.
   */
  async StartAsync(cancellationToken: CancellationToken = CancellationToken.None): Promise<void> {
    if (cancellationToken.IsCancellationRequested) {
      throw new OperationCanceledException(SR.OperationCanceled, undefined, cancellationToken);
    }
    if (this.#state !== 'new') throw new InvalidOperationException(SR.ServerAlreadyStarted);
    const urls = this.#urls.length > 0 ? [...this.#urls] : (this.#webHost.urls ?? configuredUrls(this.#args));
    // Endpoints from ConfigureKestrel replace the URLs (then not even parsed, as Kestrel ignores them).
    const addresses = this.#webHost.kestrel.endpoints.length > 0 ? [] : urls.map(parseServerAddress);
    this.#state = 'starting';
    await this.#pipeline.ready();
    const listeners: Listeners = {
      request: (req, res, local) => this.#pipeline.serveRequest(req, res, undefined, local),
      upgrade: (req, socket, head, local) => this.#pipeline.serveUpgrade(req, socket, head, undefined, local),
    };
    const servers: Server[] = [];
    const bound: string[] = [];
    try {
      // Endpoints from ConfigureKestrel replace the URLs; each serves its Protocols (src/host/http2.ts).
      const endpoints = this.#webHost.kestrel.endpoints;
      if (endpoints.length > 0) {
        // These servers are made by the endpoint's factory: each socket reports its local address itself.
        const withConnect = {
          request: this.#pipeline.handleRequest,
          upgrade: this.#pipeline.handleUpgrade,
          connect: this.#pipeline.handleHttp2Connect,
        };
        for (const endpoint of endpoints) {
          const result = await bindAddress(endpointAddress(endpoint), listeners, endpointServerFactory(endpoint, withConnect));
          servers.push(...result.servers);
          bound.push(...result.urls);
        }
      }
      for (const address of addresses) {
        const result = await bindAddress(address, listeners);
        servers.push(...result.servers);
        bound.push(...result.urls);
      }
    } catch (err) {
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
      this.#state = 'new';
      throw err;
    }
    this.#servers = servers;
    this.#urls.Clear();
    for (const url of bound) this.#urls.Add(url);
    this.#state = 'started';
  }

  /**
   * Stops: stops listening, sends a close frame (1001 EndpointUnavailable) on every open WebSocket, waits
   * up to {@link shutdownTimeout} (or until `cancellationToken` is cancelled) for requests and WebSockets
   * to finish, aborts what remains, and resolves once every connection is closed. Attached servers are
   * detached but not closed. Does nothing when the application is not running.
   * @remarks Differs from .NET: Kestrel sends no close frame; it waits for the requests (30 s by
   * default) and then drops the connections. Here WebSocket peers are told (1001) right away, and the wait
   * is {@link shutdownTimeout}.
   */
  StopAsync(cancellationToken: CancellationToken = CancellationToken.None): Promise<void> {
    if (this.#stopping) return this.#stopping;
    if (this.#state !== 'started' && this.#attached.length === 0) return Promise.resolve();
    this.#stopping = this.#stop(cancellationToken).finally(() => {
      this.#stopping = null;
    });
    return this.#stopping;
  }

  async #stop(cancellationToken: CancellationToken): Promise<void> {
    this.#state = 'stopping';
    for (const { server, listener } of this.#attached) server.off('upgrade', listener);
    this.#attached = [];
    const servers = this.#servers;
    this.#servers = [];
    const closed = servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())));

    let timer: NodeJS.Timeout | undefined;
    let registration: { Dispose(): void } | undefined;
    const deadline = new Promise<void>((resolve) => {
      const ms = this.#shutdownTimeout.TotalMilliseconds;
      // Negative (InfiniteTimeSpan) or beyond setTimeout's range: wait for the token only.
      if (ms >= 0 && ms <= 0x7fffffff) timer = setTimeout(resolve, ms);
      registration = cancellationToken.Register(() => resolve());
    });
    try {
      await this.#pipeline.shutdown(deadline);
      for (const server of servers) server.closeAllConnections();
      await Promise.all(closed);
    } finally {
      clearTimeout(timer);
      registration?.Dispose();
      this.#state = 'stopped';
      this.#resolveStopped();
    }
  }

  /** Stops the application if it is running. */
  async DisposeAsync(): Promise<void> {
    await this.StopAsync();
  }

  /** `await using app = …` stops the application at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.DisposeAsync();
  }

  // ----- Node.js extensions -----

  /**
   * Serves WebSocket upgrades arriving on an existing `http.Server` or `https.Server` through this
   * application's pipeline, so it can share a port with Express, Fastify or any other request handler.
   * Upgrade requests that match no endpoint get 404. Plain HTTP requests stay with the server's own
   * handler; route them here too with {@link handleRequest}. StopAsync detaches and closes the
   * WebSockets this application accepted, but leaves the server running.
   *
   * @returns this, for chaining.
   * @remarks Node.js extension.
   * @example
   * ```ts
   * const server = http.createServer(expressApp);
   * app.attach(server);            // WebSockets on /ws go to the app's endpoints
   * expressApp.use(app.handleRequest); // and so can plain requests that Express does not handle
   * server.listen(3000);
   * ```
   */
  attach(server: Server | HttpsServer): this {
    const listener = (req: IncomingMessage, socket: Duplex, head: Buffer) => this.#pipeline.handleUpgrade(req, socket, head);
    server.on('upgrade', listener);
    this.#attached.push({ server, listener });
    if (this.#state === 'stopped') this.#state = 'new';
    return this;
  }

  /**
   * A request listener running this application's pipeline: usable as `http.createServer(app.handleRequest)`
   * or as Express/Connect middleware (`expressApp.use(app.handleRequest)`), where a request that matches
   * no endpoint is passed to `next()` instead of getting 404.
   * @remarks Node.js extension.
   */
  get handleRequest(): (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => void {
    return this.#pipeline.handleRequest;
  }

  /**
   * An 'upgrade' listener running this application's pipeline: `server.on('upgrade', app.handleUpgrade)`.
   * With `next`, an upgrade request that matches no endpoint is passed on untouched (to let another
   * WebSocket library have it) instead of getting 404.
   * @remarks Node.js extension.
   */
  get handleUpgrade(): (req: IncomingMessage, socket: Duplex, head: Buffer, next?: () => void) => void {
    return this.#pipeline.handleUpgrade;
  }

  /**
   * Listens on `port` (0: any free port) at `hostname` (default: every interface) and resolves once
   * listening; `Urls` then holds the bound address.
   * @remarks Node.js extension: shorthand for setting Urls and calling StartAsync.
   */
  async listen(port: number, hostname = '*'): Promise<void> {
    this.#urls.Clear();
    this.#urls.Add(`http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`);
    await this.StartAsync();
  }
}

// Build() makes the application through this, so that WebApplicationBuilder need not import this module.
setApplicationFactory((args, services, webHost, environment) => new WebApplication(args, services, webHost, environment));
