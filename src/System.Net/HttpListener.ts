/**
 * System.Net.HttpListener: a small HTTP server that hands each request to the application, the classic
 * shape of a .NET WebSocket server without ASP.NET Core.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.httplistener
 */
import { createServer, STATUS_CODES } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { Socket } from 'node:net';
import { constants as osConstants } from 'node:os';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import { InvalidOperationException } from '../System/InvalidOperationException.js';
import { ObjectDisposedException } from '../System/ObjectDisposedException.js';
import type { ManagedWebSocket } from '../System.Net.WebSockets/ManagedWebSocket.js';
import { SR } from '../Resources/SR.js';
import { isWildcardHost, matchPrefix, parsePrefix } from '../listener/prefix.js';
import type { ListenerPrefix } from '../listener/prefix.js';
import { handshakeServer } from '../shared/ws-handoff.js';
import { HttpListenerContext } from './HttpListenerContext.js';
import { HttpListenerException } from './HttpListenerException.js';
import { HttpListenerPrefixCollection } from './HttpListenerPrefixCollection.js';
import type { ResponseSink } from './HttpListenerResponse.js';

/** The texts .NET gives the socket errors a bind can meet on Linux (strerror). */
const ERRNO_TEXT: Readonly<Record<string, string>> = {
  EADDRINUSE: 'Address already in use',
  EACCES: 'Permission denied',
  EADDRNOTAVAIL: 'Cannot assign requested address',
};

/** An HttpListenerException from a failed bind. */
function bindException(err: NodeJS.ErrnoException): HttpListenerException {
  const code = err.code ?? '';
  const errno = (osConstants.errno as Record<string, number | undefined>)[code] ?? 0;
  return new HttpListenerException(errno, ERRNO_TEXT[code] ?? err.message);
}

/** The host name of a Host header value ("[::1]:80" → "::1", "a:80" → "a"). */
function hostNameOf(host: string | undefined): string {
  if (host === undefined) return '';
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.indexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

/** An address as a listening socket reports it, without the IPv4-mapped prefix. */
function plainAddress(address: string | undefined): string {
  return (address ?? '').replace(/^::ffff:/, '');
}

/**
 * Whether a connection that arrived on `localAddress` may be served under `prefix`: "+", "*" and host
 * names other than localhost take every interface; localhost the loopback ones; an IP only itself.
 */
function servesAddress(prefix: ListenerPrefix, localAddress: string): boolean {
  if (isWildcardHost(prefix)) return true;
  if (prefix.host === 'localhost') return localAddress === '::1' || localAddress.startsWith('127.');
  return isIP(prefix.host) === 0 || plainAddress(prefix.host) === localAddress;
}

/** The errno a synchronous bind failure stands for: a privileged port without root, else a port in use. */
function likelyBindError(port: number): NodeJS.ErrnoException {
  const privileged = port > 0 && port < 1024 && process.getuid?.() !== 0;
  return Object.assign(new Error(privileged ? 'EACCES' : 'EADDRINUSE'), { code: privileged ? 'EACCES' : 'EADDRINUSE' });
}

/** Someone waiting in GetContextAsync. */
interface Waiter {
  resolve(context: HttpListenerContext): void;
  reject(error: Error): void;
}

/**
 * Listens on the URI prefixes in {@link HttpListener.Prefixes} and gives each request as an
 * {@link HttpListenerContext}.
 *
 * @remarks Differs from .NET: a prefix's port is bound on every interface (Node binds synchronously
 * only there) and connections arriving on an address no prefix names are dropped; the error code of a
 * failed bind is inferred (98 "Address already in use", or 13 "Permission denied" for a port below 1024
 * without root). `GetContext()` cannot block and returns a Promise, as `GetContextAsync()` does.
 * `https://` prefixes are accepted but served without TLS (there is no certificate binding as on Windows).
 * @example
 * const listener = new HttpListener();
 * listener.Prefixes.Add('http://localhost:8080/ws/');
 * listener.Start();
 * const context = await listener.GetContextAsync();
 */
export class HttpListener {
  /** The prefixes; the listener answers requests that one of them covers. */
  readonly Prefixes: HttpListenerPrefixCollection;
  /** Where the listener is in its life. */
  #state: 'stopped' | 'started' | 'closed' = 'stopped';
  /** The node:http servers, one per bound address and port. */
  readonly #servers = new Map<number, Server>();
  /** The first bind error since Start. */
  #bindError: HttpListenerException | null = null;
  /** Contexts no GetContextAsync took yet. */
  readonly #queue: HttpListenerContext[] = [];
  /** GetContextAsync calls waiting for a request. */
  readonly #waiters: Waiter[] = [];
  /** Upgrade sockets not yet answered, and accepted WebSockets: ended by Stop and Close. */
  readonly #open = new Set<Duplex>();
  readonly #webSockets = new Set<ManagedWebSocket>();
  /** ws in no-server mode, for the handshakes. */
  #webSocketServer: WebSocketServer | null = null;
  /** The 101's extra header lines by the request object given to ws. */
  readonly #responseHeaders = new WeakMap<IncomingMessage, readonly string[]>();

  constructor() {
    this.Prefixes = new HttpListenerPrefixCollection({
      checkDisposed: () => this.#checkDisposed(),
      prefixAdded: (uriPrefix) => {
        if (this.#state === 'started') this.#bind(parsePrefix(uriPrefix));
      },
      prefixRemoved: () => {},
    });
  }

  /** True: HttpListener works on every platform Node runs on. */
  static get IsSupported(): boolean {
    return true;
  }

  /** Whether Start was called and neither Stop, Close nor a failed bind followed. */
  get IsListening(): boolean {
    return this.#state === 'started' && this.#bindError === null;
  }

  /** Always false: requests are not tied to the connection's identity here. */
  get UnsafeConnectionNtlmAuthentication(): boolean {
    return false;
  }

  #checkDisposed(): void {
    if (this.#state === 'closed') throw new ObjectDisposedException('System.Net.HttpListener');
  }

  /** The prefixes taken apart. */
  #parsed(): ListenerPrefix[] {
    return [...this.Prefixes].map(parsePrefix);
  }

  /**
   * Starts listening on every prefix; a client may connect as soon as it returns. Calling it again while
   * started does nothing.
   *
   * @throws {ObjectDisposedException} The listener is closed.
   * @throws {HttpListenerException} A prefix's port is in use (98, "Address already in use").
   */
  Start(): void {
    this.#checkDisposed();
    if (this.#state === 'started') return;
    this.#state = 'started';
    this.#bindError = null;
    try {
      for (const prefix of this.#parsed()) this.#bind(prefix);
    } catch (e) {
      this.#state = 'stopped';
      throw e;
    }
  }

  /**
   * Opens the port a prefix needs, unless it is open already. The port is bound on every interface,
   * because only that binds synchronously in Node (a host name or address goes through an asynchronous
   * lookup first), so that a client may connect as soon as Start returns, as with .NET. A connection
   * that arrives on an address no prefix of its port names is dropped at once.
   *
   * @throws {HttpListenerException} The port is in use, or privileged.
   */
  #bind(prefix: ListenerPrefix): void {
    if (this.#servers.has(prefix.port)) return;
    const server = createServer();
    const port = prefix.port;
    server.on('connection', (socket: Socket) => {
      const local = plainAddress(socket.localAddress);
      if (!this.#parsed().some((p) => p.port === port && servesAddress(p, local))) socket.destroy();
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.#onRequest(req, res, prefix.secure));
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.#onUpgrade(req, socket, head, prefix.secure));
    server.on('error', (err: NodeJS.ErrnoException) => this.#onBindError(err));
    this.#servers.set(port, server);
    server.listen({ port: Number.isNaN(port) ? -1 : port, exclusive: true });
    if (!server.listening) {
      // Node reports the reason a tick later; .NET's Start throws now.
      this.#onBindError(likelyBindError(port));
      throw this.#bindError!;
    }
  }

  #onBindError(err: NodeJS.ErrnoException): void {
    if (this.#bindError !== null || this.#state !== 'started') return;
    this.#bindError = bindException(err);
    this.#closeServers();
    for (const waiter of this.#waiters.splice(0)) waiter.reject(this.#bindError);
  }

  /** The prefix that takes a request, by the port it came to, its Host header and path. */
  #match(req: IncomingMessage): ListenerPrefix | null {
    const path = (req.url ?? '/').split('?')[0]!;
    return matchPrefix(this.#parsed(), req.socket.localPort ?? 0, hostNameOf(req.headers.host), path);
  }

  #onRequest(req: IncomingMessage, res: ServerResponse, secure: boolean): void {
    const sink: ResponseSink = {
      send(statusCode, description, headers, body) {
        res.writeHead(statusCode, description, Object.fromEntries(headers));
        res.end(body);
      },
      abort: () => res.destroy(),
    };
    if (this.#match(req) === null) {
      sink.send(404, STATUS_CODES[404]!, new Map([['Server', 'Microsoft-NetCore/2.0']]), Buffer.from(SR.HttpListener_NotFoundBody));
      return;
    }
    this.#deliver(new HttpListenerContext(req, secure, sink, null));
  }

  #onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, secure: boolean): void {
    socket.on('error', () => socket.destroy());
    this.#open.add(socket);
    socket.once('close', () => this.#open.delete(socket));
    const sink: ResponseSink = {
      send(statusCode, description, headers, body) {
        let text = `HTTP/1.1 ${statusCode} ${description}\r\n`;
        for (const [name, value] of headers) text += `${name}: ${value}\r\n`;
        text += `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
        socket.end(Buffer.concat([Buffer.from(text, 'latin1'), body]));
      },
      abort: () => socket.destroy(),
    };
    if (this.#match(req) === null) {
      sink.send(404, STATUS_CODES[404]!, new Map([['Server', 'Microsoft-NetCore/2.0']]), Buffer.from(SR.HttpListener_NotFoundBody));
      return;
    }
    const upgrade = {
      socket,
      head,
      host: {
        webSocketServer: () => this.#handshakes(),
        setResponseHeaders: (view: IncomingMessage, lines: readonly string[]) => this.#responseHeaders.set(view, lines),
      },
      accepted: (webSocket: ManagedWebSocket) => {
        this.#open.delete(socket);
        this.#webSockets.add(webSocket);
        void webSocket.whenClosed().then(() => this.#webSockets.delete(webSocket));
      },
    };
    this.#deliver(new HttpListenerContext(req, secure, sink, upgrade));
  }

  #handshakes(): WebSocketServer {
    if (this.#webSocketServer === null) {
      const server = handshakeServer();
      server.on('headers', (headers: string[], req: IncomingMessage) => {
        headers.push(...(this.#responseHeaders.get(req) ?? []));
      });
      server.on('wsClientError', (_err: Error, socket: Duplex) => socket.destroy());
      this.#webSocketServer = server;
    }
    return this.#webSocketServer;
  }

  #deliver(context: HttpListenerContext): void {
    const waiter = this.#waiters.shift();
    if (waiter !== undefined) waiter.resolve(context);
    else this.#queue.push(context);
  }

  /**
   * Waits for the next request.
   *
   * @throws {InvalidOperationException} Start was not called, or Stop was (thrown at once, as .NET does).
   * @throws {ObjectDisposedException} The listener is closed; or (rejected) Stop or Close came while waiting.
   * @throws {HttpListenerException} (rejected) A port added while started could not be opened.
   */
  GetContextAsync(): Promise<HttpListenerContext> {
    this.#checkDisposed();
    if (this.#state !== 'started') throw new InvalidOperationException(SR.Format(SR.net_listener_mustcall, 'Start()'));
    if (this.#bindError !== null) return Promise.reject(this.#bindError);
    const queued = this.#queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /**
   * Waits for the next request.
   *
   * @remarks Differs from .NET: cannot block the thread, so it returns a Promise: `await listener.GetContext()`.
   * @throws {InvalidOperationException} Start was not called, or Stop was.
   * @throws {ObjectDisposedException} The listener is closed.
   */
  GetContext(): Promise<HttpListenerContext> {
    return this.GetContextAsync();
  }

  /** Closes the ports and every connection and WebSocket; GetContextAsync calls waiting reject. */
  #closeServers(): void {
    for (const server of this.#servers.values()) {
      server.close();
      server.closeAllConnections();
    }
    this.#servers.clear();
  }

  #shutDown(): void {
    this.#closeServers();
    for (const context of this.#queue.splice(0)) context.Response.Abort();
    for (const socket of this.#open) socket.destroy();
    this.#open.clear();
    for (const webSocket of this.#webSockets) webSocket.Abort();
    this.#webSockets.clear();
    for (const waiter of this.#waiters.splice(0)) waiter.reject(new ObjectDisposedException('listener'));
  }

  /**
   * Stops listening: closes the ports and every connection; the prefixes stay and Start may be called again.
   *
   * @throws {ObjectDisposedException} The listener is closed.
   */
  Stop(): void {
    this.#checkDisposed();
    if (this.#state !== 'started') return;
    this.#shutDown();
    this.#state = 'stopped';
  }

  /** Stops for good: closes the ports, every connection and WebSocket. A second call does nothing. */
  Close(): void {
    if (this.#state === 'closed') return;
    this.#shutDown();
    this.#state = 'closed';
  }

  /** Same as {@link HttpListener.Close}. */
  Abort(): void {
    this.Close();
  }

  /** Same as {@link HttpListener.Close}, so `using listener = new HttpListener()` closes it. */
  [Symbol.dispose](): void {
    this.Close();
  }
}
