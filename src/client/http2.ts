// ClientWebSocket over HTTP/2 (RFC 8441), as .NET's WebSocketHandle does with SocketsHttpHandler: an
// extended CONNECT (`:protocol = websocket`) on an HTTP/2 connection whose server sent
// SETTINGS_ENABLE_CONNECT_PROTOCOL, a 200 instead of a 101, and the stream as the WebSocket's Duplex.
// Connections are shared per server by the HttpMessageInvoker given to ConnectAsync (each WebSocket is
// one stream with its own flow control), and closed when their last stream closes.
import type { ClientHttp2Session, ClientHttp2Stream, IncomingHttpHeaders } from 'node:http2';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { SR } from '../Resources/SR.js';
import type { Uri } from '../System/Uri.js';
import type { Version } from '../System/Version.js';
import { HttpVersionPolicy } from '../System.Net.Http/HttpVersionPolicy.js';
import { HttpRequestError } from '../System.Net.Http/HttpRequestError.js';
import { HttpRequestException } from '../System.Net.Http/HttpRequestException.js';
import type { RemoteCertificateValidationCallback } from '../System.Net.Security/RemoteCertificateValidationCallback.js';
import { ManagedWebSocket } from '../System.Net.WebSockets/ManagedWebSocket.js';
import { WebSocketError } from '../System.Net.WebSockets/WebSocketError.js';
import { WebSocketException } from '../System.Net.WebSockets/WebSocketException.js';
import type { TimeSpan } from '../System/TimeSpan.js';
import { acceptServerDeflateResponse, isDeflateNegotiationFailure } from '../protocol/deflate-negotiation.js';
import type { ClientDeflateSettings, DeflateParameters } from '../protocol/deflate-negotiation.js';
import { negotiationFailureMessage } from '../shared/deflate-messages.js';
import { openConnection } from './transport.js';
import type { TransportSettings } from './transport.js';
import { nodeHttp2 } from '../shared/node-http2.js';

/** Which handshake(s) a connect makes, from Options.HttpVersion and HttpVersionPolicy (.NET's rules). */
export type HandshakePlan = { kind: 'http1' } | { kind: 'http2'; allowDowngrade: boolean } | { kind: 'unsupported' };

/**
 * .NET's choice: HTTP/2 for version 2.0 and above (over wss, or over ws with RequestVersionExact /
 * RequestVersionOrHigher, which use h2c with prior knowledge; ws with RequestVersionOrLower stays on
 * HTTP/1.1), or for 1.1 with RequestVersionOrHigher over wss; a version above 2.0 needs
 * RequestVersionOrLower; a version below 1.1 is not usable. HTTP/1.1 may follow a failed HTTP/2 attempt
 * when the version is 1.1 or the policy RequestVersionOrLower.
 */
export function handshakePlan(version: Version, policy: HttpVersionPolicy, secure: boolean): HandshakePlan {
  const atLeast2 = version.Major >= 2;
  const is11 = version.Major === 1 && version.Minor === 1;
  if (atLeast2 || (is11 && policy === HttpVersionPolicy.RequestVersionOrHigher && secure)) {
    const above2 = version.Major > 2 || (version.Major === 2 && version.Minor > 0);
    if (above2 && policy !== HttpVersionPolicy.RequestVersionOrLower) return { kind: 'unsupported' };
    const allowDowngrade = is11 || policy === HttpVersionPolicy.RequestVersionOrLower;
    // Without TLS there is no ALPN: RequestVersionOrLower sends HTTP/1.1 at once.
    if (!secure && policy === HttpVersionPolicy.RequestVersionOrLower) return { kind: 'http1' };
    return { kind: 'http2', allowDowngrade };
  }
  return is11 ? { kind: 'http1' } : { kind: 'unsupported' };
}

/** An HTTP/2 connection and its WebSocket streams. */
interface SessionEntry {
  readonly session: ClientHttp2Session;
  /** Streams opened on it and not yet closed. */
  streams: number;
}

/** HTTP/2 connections by server ("https://host:port"), shared by the connects of one invoker. */
export class Http2SessionPool {
  readonly #entries = new Map<string, Promise<SessionEntry | 'http1'>>();
  /** The handler's certificate callback, read per connection. */
  readonly validation: () => RemoteCertificateValidationCallback | null;
  #disposed = false;

  constructor(validation: () => RemoteCertificateValidationCallback | null) {
    this.validation = validation;
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  /** The live connection to `key`, or a new one made by `open`. */
  acquire(key: string, open: () => Promise<SessionEntry | 'http1'>): Promise<SessionEntry | 'http1'> {
    const existing = this.#entries.get(key);
    if (existing !== undefined) {
      return existing.then((entry) => {
        if (entry !== 'http1' && !entry.session.closed && !entry.session.destroyed) return entry;
        if (this.#entries.get(key) === existing) this.#entries.delete(key);
        return this.acquire(key, open);
      });
    }
    const opening = open();
    if (this.#disposed) return opening;
    this.#entries.set(key, opening);
    opening.then(
      (entry) => {
        if (entry === 'http1') this.#entries.delete(key);
        else entry.session.once('close', () => this.#entries.get(key) === opening && this.#entries.delete(key));
      },
      () => this.#entries.get(key) === opening && this.#entries.delete(key),
    );
    return opening;
  }

  /** Closes the idle connections; the others close with their last stream. */
  dispose(): void {
    this.#disposed = true;
    for (const opening of this.#entries.values()) {
      opening.then(
        (entry) => {
          if (entry !== 'http1' && entry.streams === 0) entry.session.close();
        },
        () => {},
      );
    }
    this.#entries.clear();
  }
}

/** What one HTTP/2 attempt needs from the connector. */
export interface Http2ConnectRequest {
  uri: Uri;
  transport: TransportSettings;
  allowDowngrade: boolean;
  /** Request headers (options' headers, subprotocols, cookies, extensions, authorization). */
  headers: Record<string, string>;
  requestedProtocols: readonly string[];
  deflate: ClientDeflateSettings | null;
  keepAliveInterval: TimeSpan;
  keepAliveTimeout: TimeSpan;
  /** The invoker's connections, or null for a connection of this connect's own. */
  pool: Http2SessionPool | null;
  /** Told about the response (status, header lines). */
  collect(status: number, rawHeaders: string[], setCookies: readonly string[]): void;
}

/** How an HTTP/2 attempt ended when it did not throw. */
export type Http2Outcome = { kind: 'open'; webSocket: ManagedWebSocket } | { kind: 'downgrade' };

/** Request headers HTTP/2 forbids (RFC 9113 §8.2.2) or carries as pseudo-headers. */
const CONNECTION_HEADERS = new Set(['connection', 'upgrade', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'host']);

/** .NET's failure of the connect itself: Faulted "Unable to connect to the remote server". */
function connectFailure(inner?: Error): WebSocketException {
  return new WebSocketException(WebSocketError.Faulted, SR.net_webstatus_ConnectFailure, inner);
}

/** Opens an HTTP/2 connection and waits for the server's SETTINGS; 'http1' when ALPN chose HTTP/1.1. */
async function openSession(request: Http2ConnectRequest): Promise<SessionEntry | 'http1'> {
  const secure = request.uri.Scheme === 'wss';
  let socket: Socket;
  try {
    socket = await openConnection({ ...request.transport, alpn: request.allowDowngrade ? ['h2', 'http/1.1'] : ['h2'] });
  } catch (e) {
    throw connectFailure(e as Error);
  }
  if (secure && (socket as TLSSocket).alpnProtocol !== 'h2') {
    socket.destroy();
    if (request.allowDowngrade) return 'http1';
    throw connectFailure(new HttpRequestException(HttpRequestError.VersionNegotiationError, SR.net_http_ssl_connection_failed));
  }
  const authority = `${secure ? 'https' : 'http'}://${request.uri.Authority}`;
  const session = nodeHttp2().connect(authority, { createConnection: () => socket });
  request.transport.track(session);
  return new Promise<SessionEntry>((resolve, reject) => {
    let lastError: Error | undefined;
    const onError = (err: Error) => {
      lastError ??= err;
    };
    const onClose = () => {
      reject(connectFailure(new HttpRequestException(HttpRequestError.ResponseEnded, SR.net_http_client_execution_error, lastError)));
    };
    session.on('error', onError);
    session.once('close', onClose);
    session.once('remoteSettings', () => {
      session.off('close', onClose);
      // Errors after the handshake reach each stream (and so each WebSocket) as a reset or a close.
      resolve({ session, streams: 0 });
    });
  });
}

/** One ConnectAsync's HTTP/2 attempt. */
export async function connectHttp2(request: Http2ConnectRequest): Promise<Http2Outcome> {
  const uri = request.uri;
  const key = `${uri.Scheme}://${uri.Authority}`;
  const opened =
    request.pool !== null && !request.pool.disposed
      ? await request.pool.acquire(key, () => openSession(request))
      : await openSession(request);
  if (opened === 'http1') return { kind: 'downgrade' };
  const entry = opened;
  const session = entry.session;
  const release = () => {
    entry.streams--;
    // A connection is kept only while it carries WebSockets: nothing idle keeps the process alive.
    if (entry.streams === 0) session.close();
  };
  // RFC 8441 §3: without SETTINGS_ENABLE_CONNECT_PROTOCOL there is no extended CONNECT.
  if (session.remoteSettings.enableConnectProtocol !== true) {
    entry.streams++;
    release();
    if (request.allowDowngrade) return { kind: 'downgrade' };
    throw connectFailure(new HttpRequestException(HttpRequestError.ExtendedConnectNotSupported, SR.net_unsupported_extended_connect));
  }

  const headers: Record<string, string> = {
    ':method': 'CONNECT',
    ':protocol': 'websocket',
    ':scheme': uri.Scheme === 'wss' ? 'https' : 'http',
    ':authority': uri.Authority,
    ':path': uri.PathAndQuery,
    'sec-websocket-version': '13',
  };
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (!CONNECTION_HEADERS.has(lower)) headers[lower] = value;
  }
  entry.streams++;
  let stream: ClientHttp2Stream;
  try {
    stream = session.request(headers, { endStream: false });
  } catch (e) {
    release();
    throw connectFailure(e as Error);
  }
  stream.once('close', release);
  request.transport.track(stream);

  const response = await new Promise<IncomingHttpHeaders>((resolve, reject) => {
    let lastError: Error | undefined;
    const onError = (err: Error) => {
      lastError ??= err;
    };
    const onClose = () => {
      stream.off('error', onError);
      reject(connectFailure(new HttpRequestException(HttpRequestError.ResponseEnded, SR.net_http_client_execution_error, lastError)));
    };
    stream.on('error', onError);
    stream.once('close', onClose);
    stream.once('response', (h) => {
      stream.off('close', onClose);
      stream.off('error', onError);
      resolve(h);
    });
  });

  const status = Number(response[':status']);
  const rawHeaders: string[] = [];
  for (const [name, value] of Object.entries(response)) {
    if (name.startsWith(':') || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) rawHeaders.push(name, String(v));
  }
  const setCookie = response['set-cookie'];
  request.collect(status, rawHeaders, setCookie === undefined ? [] : setCookie);
  const fail = (error: Error): never => {
    stream.close(nodeHttp2().constants.NGHTTP2_CANCEL);
    throw error;
  };
  // RFC 8441 §5: a 2xx accepts the extended CONNECT; .NET expects exactly 200.
  if (status !== 200) {
    fail(new WebSocketException(WebSocketError.NotAWebSocket, SR.Format(SR.net_WebSockets_ConnectStatusExpected, status, 200)));
  }
  let subProtocol: string | null = null;
  const offered = response['sec-websocket-protocol'];
  const chosen = typeof offered === 'string' ? offered.split(',')[0]!.trim() : '';
  if (chosen !== '') {
    subProtocol = request.requestedProtocols.find((p) => p.toLowerCase() === chosen.toLowerCase()) ?? null;
    if (subProtocol === null) {
      fail(
        new WebSocketException(
          WebSocketError.UnsupportedProtocol,
          SR.Format(SR.net_WebSockets_AcceptUnsupportedProtocol, request.requestedProtocols.join(', '), offered),
        ),
      );
    }
  }
  let agreed: DeflateParameters | null = null;
  if (request.deflate !== null) {
    const extensions = response['sec-websocket-extensions'];
    const lines = extensions === undefined ? undefined : Array.isArray(extensions) ? extensions : [extensions];
    const answer = acceptServerDeflateResponse(lines, request.deflate);
    if (isDeflateNegotiationFailure(answer))
      fail(new WebSocketException(answer.webSocketErrorCode as WebSocketError, negotiationFailureMessage(answer)));
    else agreed = answer;
  }
  const webSocket = new ManagedWebSocket(stream, Buffer.alloc(0), {
    IsServer: false,
    SubProtocol: subProtocol,
    KeepAliveInterval: request.keepAliveInterval,
    KeepAliveTimeout: request.keepAliveTimeout,
    deflate: agreed,
    httpClientStream: true,
  });
  flushBeforeReset(stream, webSocket);
  return { kind: 'open', webSocket };
}

/** How long a disposed WebSocket's last frames may take to leave before its stream is reset anyway. */
const FLUSH_WAIT_MS = 1000;

/**
 * A WebSocket's stream ends as .NET 10's does (test/dotnet, over HTTP/2): Dispose, or the end of a
 * failed or closed WebSocket, lets the frames already sent (a message, a close frame) leave first and ends
 * the stream (END_STREAM), as a TCP connection delivers what was written before it closes; the stream is
 * reset only when the server has not ended its side within FLUSH_WAIT_MS. Abort resets at once. Node's
 * stream.destroy() alone sends RST_STREAM ahead of the DATA still queued, or right behind END_STREAM,
 * and Kestrel drops what it had not read yet when a reset arrives.
 */
function flushBeforeReset(stream: ClientHttp2Stream, webSocket: ManagedWebSocket): void {
  let aborting = false;
  const abort = webSocket.Abort.bind(webSocket);
  webSocket.Abort = () => {
    aborting = true;
    abort();
  };
  const destroy = stream.destroy.bind(stream);
  stream.destroy = (error?: Error) => {
    if (aborting || error !== undefined || stream.destroyed || stream.closed) return destroy(error);
    if (stream.readableEnded) return destroy();
    const reset = () => {
      clearTimeout(timer);
      if (!stream.destroyed) stream.close(nodeHttp2().constants.NGHTTP2_CANCEL);
    };
    const timer = setTimeout(reset, FLUSH_WAIT_MS).unref();
    stream.once('close', () => clearTimeout(timer));
    // Whatever the server still sends is read and dropped, so that its END_STREAM can arrive.
    stream.removeAllListeners('data');
    stream.on('data', () => {});
    stream.once('end', reset);
    stream.resume();
    if (!stream.writableEnded) stream.end();
    return stream;
  };
}
