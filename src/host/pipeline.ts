// The request pipeline of a WebApplication: middleware in registration order, then the endpoint that
// routing selected (404 when none, 405 when only the method differs), with ASP.NET Core's request
// lifetime: the response is completed when the handler's promise settles, an accepted WebSocket's
// connection is closed then, and an unhandled exception is logged and answered with 500 (or aborts the
// connection when the response already started) while the server keeps serving.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { CancellationToken } from '../System.Threading/CancellationToken.js';
import { WebSocketCloseStatus } from '../System.Net.WebSockets/WebSocketCloseStatus.js';
import { WebSocketError } from '../System.Net.WebSockets/WebSocketError.js';
import { WebSocketException } from '../System.Net.WebSockets/WebSocketException.js';
import { WebSocketState } from '../System.Net.WebSockets/WebSocketState.js';
import { SR } from '../Resources/SR.js';
import type { WebSocketOptions } from '../Microsoft.AspNetCore.Builder/WebSocketOptions.js';
import { exchangeOf, HttpContext } from '../Microsoft.AspNetCore.Http/HttpContext.js';
import type { LocalEndpoint } from '../Microsoft.AspNetCore.Http/ConnectionInfo.js';
import { destroyOnError, Exchange } from './features/exchange.js';
import type { ExchangeRunner } from './features/exchange.js';
import { NodeResponseSink, RawSocketResponseSink } from './features/response-sink.js';
import { comparePrecedence, parseRoutePattern } from './route-pattern.js';
import type { RoutePattern } from './route-pattern.js';
import { HostWebSocketFeature, tearDownWebSocket } from './features/websocket-feature.js';
import type { WebSocketHost } from './features/websocket-feature.js';
import { handshakeServer } from '../shared/ws-handoff.js';
import { dateHeaderLine, hasHeader, kestrelOrder, serverHeaders } from './features/response-head.js';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import { http2ConnectExchange, http2WebSocketFeature } from './http2.js';

/** The rest of the pipeline, as middleware sees it; called without a context it passes the same one. */
export type NextDelegate = (context?: HttpContext) => Promise<void>;

/** Middleware: `(context, next) => …`, as `app.Use` takes it. */
export type Middleware = (context: HttpContext, next: NextDelegate) => unknown;

/** A routable endpoint. */
interface Endpoint {
  pattern: RoutePattern;
  /** Upper-case methods, or null for any. */
  methods: readonly string[] | null;
  /** Extra route values (controller, action). */
  extraValues: ReadonlyArray<readonly [string, string]>;
  /** What routing records when it picks this endpoint: one object for every request it serves. */
  selection: Selection;
  /**
   * Runs the endpoint; returns what the handler returned (a value or a promise of one), which the
   * pipeline writes as the response when it is not undefined (see {@link writeResult}).
   */
  handle(context: HttpContext, exchange: Exchange): unknown;
}

/** Used as Express-style middleware: the rest of the host application, and whether this request went on to it. */
interface Passing {
  readonly next: (err?: unknown) => void;
  passedOn: boolean;
}

/**
 * The requests of a host used as Express-style middleware, with what they pass on to: a rare use, so an
 * entry here rather than a member of every request (or of the reaction every accepted WebSocket keeps).
 */
const passings = new WeakMap<Exchange, Passing>();

/** What routing chose for a request: the endpoint (or null) and, when only the method differs, the allowed methods. */
interface Selection {
  readonly endpoint: Endpoint | null;
  readonly allowed: string[] | null;
}

/**
 * Writes what a minimal-API handler or an action returned, as ASP.NET Core does for a returned value: a
 * string as text/plain, anything else as JSON.
 */
async function writeResult(context: HttpContext, result: unknown): Promise<void> {
  const response = context.Response;
  if (typeof result === 'string') {
    if (!response.HasStarted && response.ContentType === null) response.ContentType = 'text/plain; charset=utf-8';
    await response.WriteAsync(result);
    return;
  }
  if (!response.HasStarted && response.ContentType === null) response.ContentType = 'application/json; charset=utf-8';
  await response.WriteAsync(JSON.stringify(result) ?? 'null');
}

/** A settled promise for code paths with nothing to wait for. */
const RESOLVED: Promise<void> = Promise.resolve();

/** An empty buffer for every upgrade request that came without early bytes (nothing can be written to it). */
const EMPTY: Buffer = Buffer.alloc(0);

/** Discards a settled value (`await x` in an async function that returns nothing). */
function ignore(): void {}

/** Middleware the host installs itself (UseWebSockets); it returns next's promise, or RESOLVED. */
const hostMiddleware = new WeakSet<Middleware>();

/**
 * The exchange of an upgrade request. An upgrade the application answers itself goes out on the raw
 * socket: Kestrel keeps the connection when it can (response-sink.ts). A module function rather than a
 * closure made per request.
 */
function upgradeExchange(req: IncomingMessage, socket: Duplex, head: Buffer, local: LocalEndpoint | null): Exchange {
  const sink = new RawSocketResponseSink(socket, req, head.length === 0);
  const exchange = new Exchange(req, sink, head, local);
  sink.watcher = exchange;
  return exchange;
}

/** Resolves when `socket` has closed. */
function socketClosed(socket: Duplex): Promise<void> {
  if (socket.destroyed && (socket as { closed?: boolean }).closed !== false) return Promise.resolve();
  return new Promise((resolve) => socket.once('close', () => resolve()));
}

/** A request's pipeline resolved: `this` is its context (bound by HostPipeline's #whenSettled). */
function pipelineResolved(this: HttpContext, value: unknown): Promise<void> {
  const exchange = exchangeOf(this);
  return exchange.runner!.pipelineResolved(exchange, this, value);
}

/** A request's pipeline rejected: `this` is its context (bound by HostPipeline's #whenSettled). */
function pipelineRejected(this: HttpContext, err: unknown): Promise<void> {
  const exchange = exchangeOf(this);
  return exchange.runner!.pipelineRejected(exchange, err);
}

/** The pipeline, endpoints and live requests of one application. */
export class HostPipeline implements WebSocketHost, ExchangeRunner {
  /** Middleware in registration order. */
  readonly #middleware: Middleware[] = [];
  /** How many of them are the application's (not the host's own). */
  #appMiddleware = 0;
  /** Endpoints in registration order. */
  readonly #endpoints: Endpoint[] = [];
  /** Endpoints in match order (precedence, then registration), rebuilt after a change. */
  #ordered: Endpoint[] | null = null;
  /** Requests whose handler has not finished, or whose WebSocket is still open. */
  readonly #active = new Set<Exchange>();
  /** ws servers (no-server mode) by compression setting. */
  #webSocketServer: WebSocketServer | null = null;
  /** Header lines to add to the 101 (the app's response headers, the subprotocol), by the request handed to ws. */
  readonly #responseHeaders = new WeakMap<IncomingMessage, readonly string[]>();
  /** Called when #active becomes empty. */
  #idleWaiters: Array<() => void> = [];
  /** StopAsync has begun. */
  #stopping = false;
  /** UseRouting was called: routing runs at that place in the pipeline instead of before it. */
  #explicitRouting = false;
  /** Work that must finish before a request is served (controller discovery), or null. */
  #pending: Promise<void> | null = null;

  /**
   * Holds requests until `work` has finished (MapControllers reading modules); a failure of `work` is
   * logged and does not hold them further.
   */
  waitFor(work: Promise<void>): void {
    const previous = this.#pending;
    const settled = work.catch((err: unknown) => console.error(err));
    const pending: Promise<void> = (previous ? previous.then(() => settled) : settled).then(() => {
      if (this.#pending === pending) this.#pending = null;
    });
    this.#pending = pending;
  }

  /** Resolves once the work given to {@link waitFor} has finished. */
  ready(): Promise<void> {
    return this.#pending ?? RESOLVED;
  }

  /** Appends middleware. */
  use(middleware: Middleware): void {
    this.#middleware.push(middleware);
    if (!hostMiddleware.has(middleware)) this.#appMiddleware++;
  }

  /**
   * Places routing here (UseRouting): middleware before it sees no endpoint and no route values, and may
   * rewrite the path routing matches. Without it, routing runs before the first middleware, as
   * WebApplication adds UseRouting at the start of the pipeline.
   */
  useRouting(): void {
    this.#explicitRouting = true;
    const middleware: Middleware = (context, next) => {
      const exchange = exchangeOf(context);
      exchange.selection ??= this.#select(exchange);
      return next();
    };
    hostMiddleware.add(middleware);
    this.use(middleware);
  }

  /**
   * Adds middleware of the framework's (static files, HTTPS redirection) that awaits `next` as the
   * application's own does, so it is counted with them: an endpoint's result is written before it resumes.
   */
  useHost(middleware: Middleware): void {
    this.use(middleware);
  }

  /** The endpoint routing chose for `exchange`, or null (no match, or routing has not run yet). */
  selectedEndpoint(exchange: Exchange): unknown {
    return exchange.selection?.endpoint ?? null;
  }

  /** Installs the WebSocket middleware with `options` (UseWebSockets). */
  useWebSockets(options: WebSocketOptions): void {
    // As ASP.NET Core's WebSocketMiddleware constructor: the origin list is read once, lower-cased.
    const allowed = options.AllowedOrigins.map((o) => o.toLowerCase());
    const anyOriginAllowed = options.AllowedOrigins.length === 0 || options.AllowedOrigins.includes('*');
    // Host middleware that only inspects the request: it runs in #invoke's call, without an async frame
    // of its own that would stay suspended for the whole life of an accepted WebSocket.
    const middleware: Middleware = (context, next) => {
      const exchange = exchangeOf(context);
      if (exchange.webSocketFeature === null) {
        // HTTP/2 (RFC 8441's extended CONNECT): src/host/http2.ts.
        const feature = http2WebSocketFeature(exchange, options) ?? new HostWebSocketFeature(exchange, options, this);
        exchange.webSocketFeature = feature;
        if (!anyOriginAllowed) {
          const origin = exchange.header('origin');
          if (origin !== undefined && origin !== '' && feature.IsWebSocketRequest && !allowed.includes(origin)) {
            context.Response.StatusCode = 403;
            return RESOLVED;
          }
        }
      }
      return next();
    };
    hostMiddleware.add(middleware);
    this.use(middleware);
  }

  /**
   * Adds an endpoint for `template`, answering `methods` (null: any).
   * @throws {Exception} The template is malformed.
   * @throws {InvalidOperationException} The template names an unknown constraint.
   */
  addEndpoint(
    template: string,
    methods: readonly string[] | null,
    handle: Endpoint['handle'],
    extraValues: ReadonlyArray<readonly [string, string]> = [],
  ): RoutePattern {
    const pattern = parseRoutePattern(template);
    const endpoint: Endpoint = {
      pattern,
      methods: methods?.map((m) => m.toUpperCase()) ?? null,
      handle,
      extraValues,
      selection: { endpoint: null, allowed: null },
    };
    endpoint.selection = Object.freeze({ endpoint, allowed: null });
    this.#endpoints.push(endpoint);
    this.#ordered = null;
    return pattern;
  }

  /** Node 'request' listener (and Express-style middleware when `next` is given). */
  readonly handleRequest = (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void): void => {
    this.serveRequest(req, res, next, null);
  };

  /** Node 'upgrade' listener; with `next`, an upgrade no endpoint matches is passed on untouched. */
  readonly handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer, next?: () => void): void => {
    this.serveUpgrade(req, socket, head, next, null);
  };

  /** {@link handleRequest} on a server of the host's own: `local` is its address when it is bound to one. */
  serveRequest(req: IncomingMessage, res: ServerResponse, next: ((err?: unknown) => void) | undefined, local: LocalEndpoint | null): void {
    if (this.#pending !== null) {
      void this.#pending.then(() => this.serveRequest(req, res, next, local));
      return;
    }
    if (this.#stopping) res.shouldKeepAlive = false;
    const exchange = new Exchange(req, new NodeResponseSink(res), null, local);
    this.#run(exchange, next);
  }

  /** {@link handleUpgrade} on a server of the host's own: `local` is its address when it is bound to one. */
  serveUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, next: (() => void) | undefined, local: LocalEndpoint | null): void {
    // Node removed its own listeners: without this a reset from the client would be an uncaught error.
    socket.on('error', destroyOnError);
    // A copy, so that the connection does not keep Node's read buffer that `head` is a view of (when
    // empty, as it nearly always is, the one shared empty buffer).
    const copy = head.length === 0 ? EMPTY : Buffer.from(head);
    if (this.#pending !== null) {
      void this.#pending.then(() => this.#run(upgradeExchange(req, socket, copy, local), next));
      return;
    }
    this.#run(upgradeExchange(req, socket, copy, local), next);
  }

  /** node:http2 'connect' listener: an HTTP/2 CONNECT, RFC 8441's WebSocket requests among them. */
  readonly handleHttp2Connect = (req: Http2ServerRequest, res: Http2ServerResponse): void => {
    this.#run(http2ConnectExchange(req, res));
  };

  /**
   * Runs one exchange to its end; never rejects. Not an async function: while the endpoint runs (an
   * accepted WebSocket's whole life) only a reaction on the pipeline's promise waits, not a suspended
   * frame; #end does the rest once it settles.
   */
  #run(exchange: Exchange, next?: (err?: unknown) => void): void {
    this.#active.add(exchange);
    exchange.watchClose();
    const passing: Passing | null = next === undefined ? null : { next, passedOn: false };
    if (passing !== null) passings.set(exchange, passing);
    let pipeline: Promise<void>;
    const context = new HttpContext(exchange);
    try {
      // Routing runs first (UseRouting), so middleware already sees the route values.
      if (!this.#explicitRouting) exchange.selection = this.#select(exchange);
      // The terminal returns the endpoint's promise rather than awaiting it (one suspended frame fewer
      // per request); #invoke calls it inside its try, so a synchronous throw still becomes a rejection.
      const appMiddleware = this.#appMiddleware > 0;
      pipeline = this.#invoke(0, context, (context) => {
        const selection = (exchange.selection ??= this.#select(exchange)) as Selection;
        if (selection.endpoint) {
          const result = Promise.resolve(selection.endpoint.handle(context, exchange));
          // The result is written before the application's middleware resumes, as ASP.NET Core's endpoint
          // writes it. With only the host's own middleware in between, the pipeline's promise carries the
          // result to pipelineResolved instead: one reaction fewer for as long as the handler runs.
          return appMiddleware
            ? result.then((value) => (value === undefined ? undefined : writeResult(context, value)))
            : (result as Promise<void>);
        } else if (passing !== null) {
          // Used as middleware: what no endpoint takes belongs to the rest of the host application.
          passing.passedOn = true;
        } else if (selection.allowed) {
          context.Response.StatusCode = 405;
          context.Response.Headers['Allow'] = selection.allowed.join(', ');
        } else {
          context.Response.StatusCode = 404;
        }
        return RESOLVED;
      });
    } catch (err) {
      pipeline = Promise.reject(err);
    }
    this.#whenSettled(pipeline, exchange, context);
  }

  /**
   * Completes `exchange` once its pipeline settles. The reaction's two functions, which an accepted
   * WebSocket keeps for its whole life, are two functions shared by every request, bound to its context
   * (which leads to the exchange, and the exchange to this pipeline): 48 bytes each, where two closures
   * and the scope they shared were ~170.
   */
  #whenSettled(pipeline: Promise<void>, exchange: Exchange, context: HttpContext): void {
    exchange.runner = this;
    void pipeline.then(pipelineResolved.bind(context), pipelineRejected.bind(context));
  }

  /** @internal The pipeline rejected with `err` (see {@link pipelineRejected}). */
  pipelineRejected(exchange: Exchange, err: unknown): Promise<void> {
    this.#reportUnhandled(exchange, err);
    return this.#end(exchange);
  }

  /** @internal The pipeline resolved with `value`: an endpoint's result still to be written, or undefined. */
  async pipelineResolved(exchange: Exchange, context: HttpContext, value: unknown): Promise<void> {
    if (value !== undefined) {
      try {
        await writeResult(context, value);
      } catch (err) {
        this.#reportUnhandled(exchange, err);
      }
    }
    return this.#end(exchange);
  }

  /** The end of an exchange whose pipeline settled: response or WebSocket teardown, bookkeeping, `next`. */
  async #end(exchange: Exchange): Promise<void> {
    const passing = passings.get(exchange);
    const passedOn = passing?.passedOn === true;
    try {
      if (exchange.webSocket !== null) await tearDownWebSocket(exchange.webSocket);
      else if (!passedOn) await exchange.response.finish();
    } catch {
      exchange.abort();
    } finally {
      exchange.unwatchClose();
      exchange.completed = true;
      this.#active.delete(exchange);
      if (this.#active.size === 0) {
        const waiters = this.#idleWaiters;
        this.#idleWaiters = [];
        for (const resolve of waiters) resolve();
      }
    }
    if (passedOn) {
      try {
        passing.next();
      } catch (err) {
        console.error(err);
      }
    }
  }

  /**
   * Runs middleware `index` onward, ending in `terminal`. Not an async function: each level would
   * otherwise stay suspended (a generator, its promise and its reaction) for as long as the endpoint
   * runs, which for an accepted WebSocket is the connection's life. As an async function would, it
   * turns a synchronous throw into a rejection and resolves with undefined.
   */
  #invoke(index: number, context: HttpContext, terminal: (context: HttpContext) => Promise<void>): Promise<void> {
    try {
      const middleware = this.#middleware[index];
      if (middleware === undefined) return terminal(context);
      const result = middleware(context, (nextContext?: HttpContext) => this.#invoke(index + 1, nextContext ?? context, terminal));
      // The host's own middleware already returns a Promise<void> (next's, or a resolved one).
      if (hostMiddleware.has(middleware)) return result as Promise<void>;
      return Promise.resolve(result).then(ignore);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** Picks the endpoint for the request and fills its route values. */
  #select(exchange: Exchange): Selection {
    this.#ordered ??= this.#endpoints
      .map((endpoint, index) => ({ endpoint, index }))
      .sort((a, b) => comparePrecedence(a.endpoint.pattern, b.endpoint.pattern) || a.index - b.index)
      .map((e) => e.endpoint);
    const method = exchange.method.toUpperCase();
    let allowed: Set<string> | null = null;
    for (const endpoint of this.#ordered) {
      const values = endpoint.pattern.match(exchange.path);
      if (values === null) continue;
      if (endpoint.methods === null || endpoint.methods.includes(method)) {
        // Index loops: no entries array or iterators for the usual endpoint without parameters.
        const names = Object.keys(values);
        for (let i = 0; i < names.length; i++) exchange.routeValues.setUnchecked(names[i]!, values[names[i]!]);
        const extra = endpoint.extraValues;
        for (let i = 0; i < extra.length; i++) exchange.routeValues.setUnchecked(extra[i]![0], extra[i]![1]);
        return endpoint.selection;
      }
      allowed ??= new Set();
      for (const m of endpoint.methods) allowed.add(m);
    }
    return { endpoint: null, allowed: allowed ? [...allowed] : null };
  }

  /** Kestrel's handling of an exception thrown by the application. */
  #reportUnhandled(exchange: Exchange, err: unknown): void {
    // During shutdown the host itself closed every WebSocket (1001); an application that then answers
    // the close it read, as the seed does with CloseAsync, meets a Closed socket. That InvalidState is a
    // consequence of the shutdown, not an application fault: it is not logged.
    const closedByShutdown =
      this.#stopping &&
      exchange.webSocket !== null &&
      err instanceof WebSocketException &&
      err.WebSocketErrorCode === WebSocketError.InvalidState;
    if (!closedByShutdown) this.#logUnhandled(exchange, err);
    // An accepted WebSocket is aborted by its teardown; otherwise a 500 if nothing was sent yet.
    if (exchange.webSocket !== null) return;
    if (!exchange.response.resetForError(500)) exchange.abort();
  }

  #logUnhandled(exchange: Exchange, err: unknown): void {
    console.error(
      `fail: Microsoft.AspNetCore.Server.Kestrel[13]\n      ${SR.Format(SR.AspNetCore_UnhandledApplicationException, exchange.connectionId, exchange.traceIdentifier)}`,
      err,
    );
  }

  // ----- WebSocketHost -----

  webSocketServer(): WebSocketServer {
    let server = this.#webSocketServer;
    if (server === null) {
      server = handshakeServer();
      server.on('headers', (headers: string[], req: IncomingMessage) => {
        const extra = this.#responseHeaders.get(req);
        if (extra !== undefined) headers.push(...extra);
        kestrelUpgradeHead(headers);
      });
      // Our own checks ran first, so ws refusing a handshake means a request we could not normalise.
      server.on('wsClientError', (_err: Error, socket: Duplex) => socket.destroy());
      this.#webSocketServer = server;
    }
    return server;
  }

  setResponseHeaders(req: IncomingMessage, lines: readonly string[]): void {
    this.#responseHeaders.set(req, lines);
  }

  // ----- shutdown -----

  /** Number of requests still running (including open WebSockets). */
  get activeCount(): number {
    return this.#active.size;
  }

  /**
   * Graceful stop: sends a close frame (EndpointUnavailable) on every open WebSocket and waits for the
   * requests to finish; when `deadline` comes first, aborts every remaining connection and waits only for
   * the connections to close.
   */
  async shutdown(deadline: Promise<void>): Promise<void> {
    this.#stopping = true;
    // Every accepted WebSocket belongs to an exchange that stays active until its connection closed.
    for (const { webSocket: socket } of this.#active) {
      if (socket !== null && (socket.State === WebSocketState.Open || socket.State === WebSocketState.CloseReceived)) {
        socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, null, CancellationToken.None).catch(() => {});
      }
    }
    if (this.#active.size === 0) return;
    const idle = new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
    const timedOut = await Promise.race([idle.then(() => false), deadline.then(() => true)]);
    if (!timedOut) return;
    const closing: Array<Promise<void>> = [];
    for (const exchange of this.#active) {
      closing.push(socketClosed(exchange.socket));
      exchange.abort();
    }
    for (const { webSocket: socket } of this.#active) {
      if (socket === null) continue;
      closing.push(socket.whenClosed());
      socket.Abort();
    }
    await Promise.all(closing);
  }
}

// Module functions rather than closures made in kestrelUpgradeHead for every upgrade.

/** A header line's name and trimmed value. */
function headerField(line: string): [string, string] {
  const colon = line.indexOf(':');
  return [line.slice(0, colon), line.slice(colon + 1).trim()];
}

/** A field of ws's handshake (or of the subprotocol and extension this host negotiated). */
function isHandshakeField([name]: [string, string]): boolean {
  return /^(upgrade|connection|sec-websocket-(accept|protocol|extensions))$/i.test(name);
}

/**
 * Whether `line` already reads `${name}: ${value}` with its value trimmed (one space after the colon, no
 * white space around the value): then it is written as it is.
 */
function isWrittenAsField(line: string): boolean {
  const colon = line.indexOf(':');
  const first = line.charCodeAt(colon + 2);
  const last = line.charCodeAt(line.length - 1);
  return colon > 0 && line.charCodeAt(colon + 1) === 0x20 && first > 0x20 && first < 0x7f && last > 0x20 && last < 0x7f;
}

/** ws's three lines, then only Sec-WebSocket-Protocol and -Extensions lines (see {@link kestrelUpgradeHead}). */
function isCommonUpgradeHead(headers: readonly string[]): boolean {
  if (headers.length < 4 || headers[1] !== 'Upgrade: websocket' || headers[2] !== 'Connection: Upgrade') return false;
  if (!headers[3]!.startsWith('Sec-WebSocket-Accept:')) return false;
  for (let i = 4; i < headers.length; i++) {
    const line = headers[i]!;
    if (!line.startsWith('Sec-WebSocket-Protocol:') && !line.startsWith('Sec-WebSocket-Extensions:')) return false;
  }
  return true;
}

/**
 * Rewrites ws's 101 head in place (with the application's header lines and then the subprotocol and
 * extension lines pushed after ws's own) as Kestrel writes it: Kestrel's known headers in name order
 * (Connection, Date, Server: Kestrel, Upgrade, and any the application set), then the others in the order
 * they were added: the application's, Sec-WebSocket-Accept, -Protocol, -Extensions.
 */
export function kestrelUpgradeHead(headers: string[]): void {
  // The common head: ws's three lines and then only the subprotocol and extension lines this host pushes
  // (the application set no header). Kestrel's order for it written out: what the general path below
  // makes of it, without the arrays, regular expressions and sort that are most of a handshake's garbage.
  if (isCommonUpgradeHead(headers)) {
    // From the end, so that each line is read before its place is written.
    for (let i = headers.length - 1; i >= 3; i--) {
      const line = headers[i]!;
      if (isWrittenAsField(line)) headers[i + 2] = line;
      else {
        const [name, value] = headerField(line);
        headers[i + 2] = `${name}: ${value}`;
      }
    }
    headers[1] = 'Connection: Upgrade';
    headers[2] = dateHeaderLine();
    headers[3] = 'Server: Kestrel';
    headers[4] = 'Upgrade: websocket';
    return;
  }
  const fields = headers.slice(1).map(headerField);
  const accept = fields.find(([name]) => /^sec-websocket-accept$/i.test(name));
  const ordered: Array<[string, string]> = [
    ...fields.filter((f) => !isHandshakeField(f)),
    ['Connection', 'Upgrade'],
    ['Upgrade', 'websocket'],
    ...(accept === undefined ? [] : [accept]),
    ...fields.filter(([name]) => /^sec-websocket-(protocol|extensions)$/i.test(name)),
  ];
  for (const extra of serverHeaders()) if (!hasHeader(ordered, extra[0].toLowerCase())) ordered.push(extra);
  headers.splice(1, headers.length - 1, ...kestrelOrder(ordered).map(([name, value]) => `${name}: ${value}`));
}
