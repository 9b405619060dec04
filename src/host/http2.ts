// Kestrel endpoints with HTTP/2 (ListenOptions.Protocols, UseHttps) on node:http2, and WebSockets over
// HTTP/2 (RFC 8441): an extended CONNECT with `:protocol = websocket` reaches the same UseWebSockets
// middleware, HttpContext.WebSockets and endpoints as an HTTP/1.1 upgrade, and is accepted with a 200
// on its stream, which then carries the WebSocket frames (ManagedWebSocket runs over any Duplex).
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type http2 from 'node:http2';
import type { Http2ServerRequest, Http2ServerResponse, Http2Session, ServerHttp2Stream } from 'node:http2';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { SecureContextOptions } from 'node:tls';
import { InvalidOperationException } from '../System/InvalidOperationException.js';
import { certificateTlsMaterial } from '../System.Security.Cryptography.X509Certificates/X509Certificate.js';
import { ManagedWebSocket, type ManagedWebSocketOwner } from '../System.Net.WebSockets/ManagedWebSocket.js';
import type { WebSocket } from '../System.Net.WebSockets/WebSocket.js';
import { WebSocketError } from '../System.Net.WebSockets/WebSocketError.js';
import { WebSocketException } from '../System.Net.WebSockets/WebSocketException.js';
import { SR } from '../Resources/SR.js';
import { TaskCanceledException } from '../System/TaskCanceledException.js';
import type { WebSocketOptions } from '../Microsoft.AspNetCore.Builder/WebSocketOptions.js';
import type { WebSocketAcceptContext } from '../Microsoft.AspNetCore.Http/WebSocketAcceptContext.js';
import { HttpProtocols } from '../Microsoft.AspNetCore.Server.Kestrel.Core/HttpProtocols.js';
import type { ListenOptions } from '../Microsoft.AspNetCore.Server.Kestrel.Core/ListenOptions.js';
import { connectionAborted, Exchange } from './features/exchange.js';
import type { ServerAddress, ServerFactory } from './listen.js';
import { NodeResponseSink } from './features/response-sink.js';
import type { ResponseSink } from './features/response-sink.js';
import { commaSeparatedValues, planAccept } from './features/websocket-feature.js';
import type { WebSocketFeature } from './features/exchange.js';
import { nodeHttp2 } from '../shared/node-http2.js';

/** RFC 8441 §3: the SETTINGS_ENABLE_CONNECT_PROTOCOL a server sends to allow extended CONNECT. */
const HTTP2_SETTINGS = Object.freeze({ enableConnectProtocol: true });

/** What a bound endpoint forwards to the pipeline. */
export interface EndpointListeners {
  request: (req: IncomingMessage, res: ServerResponse) => void;
  upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** An HTTP/2 CONNECT (the extended CONNECT of RFC 8441 among them). */
  connect: (req: Http2ServerRequest, res: Http2ServerResponse) => void;
}

/** The endpoint as a server address for bindAddress (scheme for the reported URL). */
export function endpointAddress(endpoint: ListenOptions): ServerAddress {
  const scheme = endpoint.certificate === null ? 'http' : 'https';
  const host = endpoint.host;
  if (host.toLowerCase() === 'localhost' && endpoint.port === 0) {
    throw new InvalidOperationException(SR.DynamicPortOnLocalhostNotSupported);
  }
  const shown = host.includes(':') ? `[${host}]` : host;
  return { url: `${scheme}://${shown}:${endpoint.port}`, scheme, host, port: endpoint.port };
}

function tlsOptions(endpoint: ListenOptions): SecureContextOptions {
  const material = certificateTlsMaterial(endpoint.certificate!);
  if (material === null) throw new InvalidOperationException(SR.dotnetws_ServerCertificateWithoutKey);
  return material.kind === 'pem'
    ? { cert: material.cert, key: material.key }
    : { pfx: material.pfx, ...(material.passphrase === undefined ? {} : { passphrase: material.passphrase }) };
}

/** Sessions of an HTTP/2 server, so that StopAsync can close them as it closes HTTP/1.1 connections. */
function trackSessions(server: http2.Http2Server | http2.Http2SecureServer): Server {
  const sessions = new Set<Http2Session>();
  server.on('session', (session: Http2Session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
    // A session error (a protocol violation, a reset connection) closes that session only.
    session.on('error', () => {});
  });
  return Object.assign(server, {
    closeAllConnections(): void {
      for (const session of sessions) session.destroy();
    },
  }) as unknown as Server;
}

/**
 * The server factory of an endpoint, as Kestrel serves its Protocols: HTTP/1.x on node:http(s); HTTP/2
 * (alone, or with HTTP/1.x over TLS by ALPN) on node:http2, advertising SETTINGS_ENABLE_CONNECT_PROTOCOL.
 * Without TLS, Http1AndHttp2 serves HTTP/1.x only, as Kestrel does.
 *
 * @throws {InvalidOperationException} Protocols is None or HTTP/3 only.
 */
export function endpointServerFactory(endpoint: ListenOptions, listeners: EndpointListeners): ServerFactory {
  const protocols = endpoint.Protocols;
  const http1 = (protocols & HttpProtocols.Http1) !== 0;
  const h2 = (protocols & HttpProtocols.Http2) !== 0;
  if (!http1 && !h2)
    throw new InvalidOperationException(SR.Format(SR.dotnetws_UnsupportedHttpProtocols, HttpProtocols[protocols] ?? String(protocols)));
  const tls = endpoint.certificate !== null;
  const request = (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => {
    if (req.httpVersionMajor === 2) http2RequestView(req as Http2ServerRequest);
    listeners.request(req as IncomingMessage, res as ServerResponse);
  };
  const connect = (req: IncomingMessage | Http2ServerRequest, res: Duplex | Http2ServerResponse) => {
    // HTTP/1.1 CONNECT on an HTTP/1.1+HTTP/2 endpoint: not served (as on a plain node:http server).
    if (req.httpVersionMajor !== 2) (res as Duplex).destroy();
    else listeners.connect(req as Http2ServerRequest, res as Http2ServerResponse);
  };
  if (!h2 || (!tls && http1)) {
    return () => {
      const server = tls ? createHttpsServer({ ...tlsOptions(endpoint), ALPNProtocols: ['http/1.1'] }) : createHttpServer();
      server.on('request', listeners.request);
      server.on('upgrade', listeners.upgrade);
      return server;
    };
  }
  return () => {
    const server = tls
      ? nodeHttp2().createSecureServer({ ...tlsOptions(endpoint), allowHTTP1: http1, settings: HTTP2_SETTINGS })
      : nodeHttp2().createServer({ settings: HTTP2_SETTINGS });
    server.on('request', request);
    server.on('connect', connect);
    if (http1) server.on('upgrade', listeners.upgrade);
    return trackSessions(server);
  };
}

/**
 * Makes an HTTP/2 request read as Kestrel shows it: Request.Protocol "HTTP/2", and header lines without
 * the pseudo-headers, with Host from `:authority`.
 */
function http2RequestView(req: Http2ServerRequest): void {
  const raw = req.rawHeaders;
  const lines: string[] = [];
  let authority: string | undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    if (name === ':authority') authority = raw[i + 1];
    else if (!name.startsWith(':')) lines.push(name, raw[i + 1]!);
  }
  if (authority !== undefined && !lines.some((n, i) => i % 2 === 0 && n.toLowerCase() === 'host')) lines.unshift('host', authority);
  Object.defineProperty(req, 'rawHeaders', { value: lines });
  Object.defineProperty(req, 'httpVersion', { value: '2' });
}

/**
 * A stream as the Exchange sees a connection: events and destroy on the stream, addresses from the
 * session's socket.
 */
class StreamConnection {
  readonly #stream: ServerHttp2Stream;
  readonly #socket: Socket | undefined;

  constructor(stream: ServerHttp2Stream) {
    this.#stream = stream;
    this.#socket = stream.session?.socket;
  }

  get remoteAddress(): string | undefined {
    return this.#socket?.remoteAddress;
  }
  get remotePort(): number | undefined {
    return this.#socket?.remotePort;
  }
  get localAddress(): string | undefined {
    return this.#socket?.localAddress;
  }
  get localPort(): number | undefined {
    return this.#socket?.localPort;
  }
  get encrypted(): boolean {
    return Boolean((this.#socket as { encrypted?: boolean } | undefined)?.encrypted);
  }
  get destroyed(): boolean {
    return this.#stream.destroyed;
  }
  get closed(): boolean {
    return this.#stream.closed;
  }
  on(event: string, listener: (...args: unknown[]) => void): this {
    this.#stream.on(event, listener);
    return this;
  }
  once(event: string, listener: (...args: unknown[]) => void): this {
    this.#stream.once(event, listener);
    return this;
  }
  off(event: string, listener: (...args: unknown[]) => void): this {
    this.#stream.off(event, listener);
    return this;
  }
  destroy(): void {
    this.#stream.destroy();
  }
}

/** The extended CONNECT details of an exchange. */
interface ExtendedConnect {
  readonly stream: ServerHttp2Stream;
  /** The `:protocol` pseudo-header. */
  readonly protocol: string;
}

/** Extended CONNECT exchanges and their stream. */
const extendedConnects = new WeakMap<Exchange, ExtendedConnect>();

/**
 * The exchange of an HTTP/2 CONNECT. Until the application accepts, the stream is read (bytes kept for
 * the WebSocket, its end signals RequestAborted), as an HTTP/1.1 upgrade request's socket is.
 */
export function http2ConnectExchange(req: Http2ServerRequest, res: Http2ServerResponse): Exchange {
  const stream = req.stream;
  const protocol = req.headers[':protocol'];
  http2RequestView(req);
  const view = {
    method: req.method,
    url: req.headers[':path'] ?? '',
    httpVersion: '2',
    rawHeaders: req.rawHeaders,
    socket: new StreamConnection(stream),
  } as unknown as IncomingMessage;
  const sink = new ConnectResponseSink(new NodeResponseSink(res as unknown as ServerResponse), stream, () => exchange.response.statusCode);
  const exchange: Exchange = new Exchange(view, sink, Buffer.alloc(0));
  if (typeof protocol === 'string') extendedConnects.set(exchange, { stream, protocol });
  return exchange;
}

/**
 * The response of an HTTP/2 CONNECT, as Kestrel's StatusCheckWriteStream and StatusCheckPipeWriter make it:
 * a 2xx answer has no body, so a body write throws InvalidOperationException (after WriteAsync sent the
 * headers, the client holds a 200); the unhandled exception then resets the stream with INTERNAL_ERROR, as
 * Kestrel resets a stream whose response started.
 */
class ConnectResponseSink implements ResponseSink {
  readonly #inner: NodeResponseSink;
  readonly #stream: ServerHttp2Stream;
  readonly #statusCode: () => number;
  /** A body was refused: an abort is the reset of the failed request. */
  #refused = false;

  constructor(inner: NodeResponseSink, stream: ServerHttp2Stream, statusCode: () => number) {
    this.#inner = inner;
    this.#stream = stream;
    this.#statusCode = statusCode;
  }

  get nodeResponse(): ServerResponse {
    return this.#inner.nodeResponse;
  }

  start(statusCode: number, headers: ReadonlyArray<readonly [string, string]>): void {
    this.#inner.start(statusCode, headers);
  }

  write(chunk: Uint8Array): Promise<void> {
    const status = this.#statusCode();
    if (status < 300) {
      this.#refused = true;
      return Promise.reject(new InvalidOperationException(SR.Format(SR.ConnectResponseCanNotHaveBody, status)));
    }
    return this.#inner.write(chunk);
  }

  end(): Promise<void> {
    return this.#inner.end();
  }

  abort(): void {
    if (this.#refused && !this.#stream.destroyed) this.#stream.close(nodeHttp2().constants.NGHTTP2_INTERNAL_ERROR);
    this.#inner.abort();
  }
}

/** The UseWebSockets feature of an HTTP/2 request, or null for an HTTP/1.x one. */
export function http2WebSocketFeature(exchange: Exchange, options: WebSocketOptions): WebSocketFeature | null {
  if (exchange.httpVersion !== '2') return null;
  return new Http2WebSocketFeature(exchange, options, extendedConnects.get(exchange) ?? null);
}

/** Response headers of the 200 that the feature writes itself. */
const HANDSHAKE_HEADERS = new Set([
  'sec-websocket-protocol',
  'sec-websocket-extensions',
  'content-length',
  'transfer-encoding',
  'connection',
  'upgrade',
]);

/** An accepted request's feature (see host-websocket-feature.ts). */
const ACCEPTED: WebSocketFeature = Object.freeze({
  IsWebSocketRequest: true,
  accept: (): Promise<WebSocket> => Promise.reject(new InvalidOperationException(SR.UpgradeCannotBeCalledMultipleTimes)),
});

/** UseWebSockets on an HTTP/2 request (ASP.NET Core's WebSocketMiddleware with IHttpExtendedConnectFeature). */
class Http2WebSocketFeature implements WebSocketFeature {
  readonly #exchange: Exchange;
  readonly #options: WebSocketOptions;
  readonly #connect: ExtendedConnect | null;

  constructor(exchange: Exchange, options: WebSocketOptions, connect: ExtendedConnect | null) {
    this.#exchange = exchange;
    this.#options = options;
    this.#connect = connect;
  }

  /**
   * ASP.NET Core on HTTP/2: an extended CONNECT whose `:protocol` is "websocket" (any case) and whose
   * Sec-WebSocket-Version lists 13. (No Upgrade, Connection or Sec-WebSocket-Key: RFC 8441 §5.)
   */
  get IsWebSocketRequest(): boolean {
    const connect = this.#connect;
    if (connect === null || this.#exchange.method !== 'CONNECT') return false;
    if (connect.protocol.toLowerCase() !== 'websocket') return false;
    return commaSeparatedValues(this.#exchange.header('sec-websocket-version')).includes('13');
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async accept(acceptContext: WebSocketAcceptContext | null): Promise<WebSocket> {
    if (!this.IsWebSocketRequest) throw new InvalidOperationException(SR.AspNetCore_NotAWebSocketRequest);
    const ex = this.#exchange;
    // The same checks and negotiation as an HTTP/1.1 accept.
    const { creation, negotiated } = planAccept(ex, this.#options, acceptContext);

    const stream = this.#connect!.stream;
    if (stream.destroyed || stream.closed) throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely);
    // RFC 8441 §5: a 2xx answers the extended CONNECT; the stream then carries the WebSocket.
    const headers: Record<string, string | string[]> = { ':status': '200' };
    for (const [name, value] of ex.response.headerEntries()) {
      const key = name.toLowerCase();
      if (HANDSHAKE_HEADERS.has(key)) continue;
      const existing = headers[key];
      headers[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
    if (creation.SubProtocol !== null) headers['sec-websocket-protocol'] = creation.SubProtocol;
    if (negotiated !== null) headers['sec-websocket-extensions'] = negotiated.header;
    const head = ex.detachUpgradeSocket();
    stream.respond(headers, { endStream: false });
    const socket = new ManagedWebSocket(stream, head, {
      IsServer: true,
      SubProtocol: creation.SubProtocol,
      KeepAliveInterval: creation.KeepAliveInterval,
      KeepAliveTimeout: creation.KeepAliveTimeout,
      deflate: negotiated?.parameters ?? null,
      owner: HTTP2_OWNER,
    });
    ex.webSocketFeature = ACCEPTED;
    ex.response.upgraded(200);
    ex.webSocket = socket;
    ex.packHeaders();
    return socket;
  }
}

/**
 * The owner of every WebSocket over HTTP/2. Kestrel over HTTP/2: Abort() resets the stream; its request body
 * read turns the stream's ConnectionAbortedException into TaskCanceledException (HttpRequestStream). The
 * stream's close needs nothing more: the exchange watches its connection as any request does.
 */
const HTTP2_OWNER: ManagedWebSocketOwner = Object.freeze({
  abortedReceive: (): TaskCanceledException => new TaskCanceledException(SR.AspNetCore_RequestAborted, connectionAborted()),
  streamClosed: (): void => {},
});
