// One request/response exchange as the host sees it: the Node request and socket, the response state,
// RequestAborted, the route values, and (with UseWebSockets) the WebSocket feature.
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import type { Duplex } from 'node:stream';
import { CancellationTokenSource } from '../../System.Threading/CancellationTokenSource.js';
import { DictionaryStore } from './dictionary.js';
import { ResponseState } from './response.js';
import type { ResponseSink } from './response-sink.js';
import type { ManagedWebSocket, ManagedWebSocketOwner } from '../../System.Net.WebSockets/ManagedWebSocket.js';
import { SR } from '../../Resources/SR.js';
import { ConnectionAbortedException } from '../../Microsoft.AspNetCore.Connections/ConnectionAbortedException.js';
import { ConnectionInfo } from '../../Microsoft.AspNetCore.Http/ConnectionInfo.js';
import type { LocalEndpoint } from '../../Microsoft.AspNetCore.Http/ConnectionInfo.js';
import type { WebSocketAcceptContext } from '../../Microsoft.AspNetCore.Http/WebSocketAcceptContext.js';
import type { WebSocket } from '../../System.Net.WebSockets/WebSocket.js';

/** What WebSocketManager asks of the UseWebSockets middleware's feature (ASP.NET Core's IHttpWebSocketFeature). */
export interface WebSocketFeature {
  readonly IsWebSocketRequest: boolean;
  accept(acceptContext: WebSocketAcceptContext | null): Promise<WebSocket>;
}

/** What ends an exchange once its request pipeline settled: the host's pipeline that ran it (src/host/pipeline.ts). */
export interface ExchangeRunner {
  /** The pipeline resolved with `value` (an endpoint's result still to be written, or undefined). */
  pipelineResolved(exchange: Exchange, context: object, value: unknown): Promise<void>;
  /** The pipeline rejected with `err`. */
  pipelineRejected(exchange: Exchange, err: unknown): Promise<void>;
}

/** Per-connection bookkeeping: Kestrel-style ids, request numbers and the exchanges still running. */
interface ConnectionRecord {
  /** Requests seen so far. */
  requests: number;
  /** HttpContext.Connection, captured while the socket is open. */
  readonly info: ConnectionInfo;
  /** The running exchange, and the others when requests overlap (HTTP/1.1 pipelining). */
  current: Exchange | null;
  others: Set<Exchange> | null;
}

const connections = new WeakMap<Socket, ConnectionRecord>();

/** The connection closed: RequestAborted for every exchange still running on it. One listener for all. */
function onConnectionClose(this: Socket): void {
  const record = connections.get(this);
  if (record === undefined) return;
  record.current?.signalAborted();
  if (record.others !== null) for (const exchange of record.others) exchange.signalAborted();
}

/**
 * The header names WebSocket clients send most, as browsers, ws, .NET and Go spell them, and in lower case
 * (undici, HTTP/2): packed, each of these names is one character (see {@link packHeaders}).
 */
const COMMON_NAMES: readonly string[] = (() => {
  const names = [
    'Host',
    'Connection',
    'Upgrade',
    'Sec-WebSocket-Key',
    'Sec-WebSocket-Version',
    'Sec-WebSocket-Extensions',
    'Sec-WebSocket-Protocol',
    'Origin',
    'User-Agent',
    'Pragma',
    'Cache-Control',
    'Accept',
    'Accept-Encoding',
    'Accept-Language',
    'Cookie',
    'Authorization',
    'Sec-Fetch-Dest',
    'Sec-Fetch-Mode',
    'Sec-Fetch-Site',
  ];
  return [...names, ...names.map((name) => name.toLowerCase())];
})();

/**
 * The character of the first common name in a packed list: from U+0080 on, which a header name never is
 * (names are ASCII tokens), and which keeps the packed string one byte per character.
 */
const FIRST_NAME_CODE = 0x80;

/** A common name's packed character, by name. */
const PACKED_NAMES = new Map(COMMON_NAMES.map((name, i) => [name, String.fromCharCode(FIRST_NAME_CODE + i)]));

/** Whether `line` is a name written as its packed character. */
function isPackedName(line: string): boolean {
  return line.length === 1 && line.charCodeAt(0) >= FIRST_NAME_CODE;
}

/**
 * Header lines joined with LF, which Node's parser refuses in names and values, each common name written
 * as one character. Lines that could not be told apart once packed (an LF in a line, a one-character name
 * from U+0080 on: a lenient parser) keep the list as it is.
 */
function packHeaders(raw: readonly string[]): readonly string[] | string {
  const lines = raw.slice();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.includes('\n')) return raw;
    if (i % 2 !== 0) continue;
    if (isPackedName(line)) return raw;
    lines[i] = PACKED_NAMES.get(line) ?? line;
  }
  return lines.join('\n');
}

function unpackHeaders(packed: string): string[] {
  if (packed === '') return [];
  const lines = packed.split('\n');
  for (let i = 0; i < lines.length; i += 2) {
    const line = lines[i]!;
    if (isPackedName(line)) lines[i] = COMMON_NAMES[line.charCodeAt(0) - FIRST_NAME_CODE]!;
  }
  return lines;
}

/** `line.toLowerCase() === key` for a lower-case `key`, without the copy when both are ASCII. */
function isNamed(line: string, key: string): boolean {
  if (line.length !== key.length) return false;
  for (let i = 0; i < key.length; i++) {
    let c = line.charCodeAt(i);
    if (c >= 0x80) return line.toLowerCase() === key;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== key.charCodeAt(i)) return false;
  }
  return true;
}

/** Node's version string, interned for the common case (Node builds a new string per request). */
function internVersion(version: string): string {
  return version === '1.1' ? '1.1' : version;
}

/** Upgrade requests whose socket was not handed over yet, by socket. */
const upgrading = new WeakMap<Socket, Exchange>();

/** A request target in absolute form (RFC 9112 §3.2.2) reduced to its path and query, which are all that matter here. */
function originForm(url: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url;
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    // Leave it: it will match no route.
    return url;
  }
}

/** An upgrade request's read-ahead once its socket was handed over: nothing more is kept (one array for all). */
const DETACHED: Buffer[] = [];

/** An upgrade request's socket failed before its new owner took it: drop it (Node removed its own listeners). */
export function destroyOnError(this: Duplex): void {
  this.destroy();
}

/** Kestrel: Abort() (or a keep-alive timeout) aborts the connection, whose pending read then fails so. */
export function connectionAborted(): ConnectionAbortedException {
  return new ConnectionAbortedException(SR.ConnectionAbortedByApplication);
}

/** An exchange's RequestAborted was signalled before its source was made (one field rather than two). */
const ABORTED_EARLY = Symbol('aborted early');

/** Connections seen so far: the next one's number (ConnectionInfo makes Kestrel's id of it). */
let nextConnection = 0;

/** Decodes a request path as Kestrel does: percent-escapes decoded, except `%2F`, which stays. */
export function decodePath(rawPath: string): string {
  // Without an escape there is nothing to decode: the same string, not a copy kept for the request's life.
  if (!rawPath.includes('%')) return rawPath;
  return rawPath
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment).replace(/\//g, '%2F');
      } catch {
        return segment;
      }
    })
    .join('/');
}

/** Lower-cased header name → every value given for it, from the raw header lines. */
function collectHeaders(raw: readonly string[]): DictionaryStore {
  const values = new Map<string, { name: string; values: string[] }>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    const key = name.toLowerCase();
    const entry = values.get(key);
    if (entry) entry.values.push(raw[i + 1]!);
    else values.set(key, { name, values: [raw[i + 1]!] });
  }
  const store = new DictionaryStore(null);
  // StringValues joined as its ToString() does: with ",".
  for (const { name, values: v } of values.values()) store.setUnchecked(name, v.join(','));
  return store;
}

/**
 * Everything the host knows about one request. It keeps what it needs of Node's request rather than the
 * request itself: an upgraded connection would otherwise hold the IncomingMessage, its stream state and
 * listeners for its whole life.
 */
export class Exchange implements ManagedWebSocketOwner {
  /** The request method, e.g. "GET". */
  readonly method: string;
  /** The request target as received. */
  readonly url: string;
  /** "1.1", "1.0". */
  readonly httpVersion: string;
  /**
   * The header lines (name, value, name, value, …), or, once a WebSocket was accepted, the same packed
   * into one string (see {@link packHeaders}).
   */
  #rawHeaders: readonly string[] | string;
  /** A plain request's body (Node's request); null for an upgrade request, whose body is empty. */
  #body: Readable | null;
  /** The connection's socket. */
  readonly socket: Socket;
  /**
   * The connection's bookkeeping; once an accepted WebSocket took the connection over, only its
   * ConnectionInfo (see {@link handOver}).
   */
  #connection: ConnectionRecord | ConnectionInfo;
  /** For an upgrade request: the bytes that followed its headers (and any read since); null for a plain request. */
  #head: Buffer[] | null;
  /** The response state (once a WebSocket was accepted, possibly the one state they share). */
  response: ResponseState;
  /**
   * Cancelled when the connection goes away before the request completed (RequestAborted); created
   * when the application first asks for the token (already cancelled if the request was aborted by then).
   * {@link ABORTED_EARLY} until then once RequestAborted was signalled.
   */
  #aborted: CancellationTokenSource | typeof ABORTED_EARLY | null = null;
  /** Request headers, case-insensitive; built on first use (see {@link header}). */
  #requestHeaders: DictionaryStore | null = null;
  /** Route values of the selected endpoint; made when the first is stored or asked for (see {@link routeValues}). */
  #routeValues: DictionaryStore | null = null;
  /** The decoded path, without the query; middleware may rewrite it (UseDefaultFiles). */
  path: string;
  /**
   * What routing chose: the endpoint (or null) and, when only the method differs, the allowed methods;
   * null until routing ran.
   */
  selection: { endpoint: unknown; allowed: string[] | null } | null = null;
  /** This request's number on its connection (1 for the first). */
  readonly #requestNumber: number;
  /** Set by the UseWebSockets middleware. */
  webSocketFeature: WebSocketFeature | null = null;
  /** Set once the application accepted a WebSocket: torn down when the request ends. */
  webSocket: ManagedWebSocket | null = null;
  /** The exchange ended (its handler settled and its response was finished or torn down). */
  completed = false;
  /** The pipeline running this exchange, which ends it once the pipeline settles; null until it runs. */
  runner: ExchangeRunner | null = null;

  /**
   * `head`: an upgrade request's early bytes, or null for a plain request; `local`: the address of the
   * listener that accepted the connection, when it is bound to one (see ConnectionInfo).
   */
  constructor(req: IncomingMessage, sink: ResponseSink, head: Buffer | null, local: LocalEndpoint | null = null) {
    this.method = req.method ?? 'GET';
    this.url = req.url ?? '/';
    this.httpVersion = internVersion(req.httpVersion);
    this.#rawHeaders = req.rawHeaders;
    this.#body = head === null ? req : null;
    this.socket = req.socket;
    this.#head = head === null ? null : [head];
    this.response = new ResponseState(sink);
    const url = originForm(this.url);
    const q = url.indexOf('?');
    const rawPath = q >= 0 ? url.slice(0, q) : url;
    this.path = decodePath(rawPath.startsWith('/') ? rawPath : `/${rawPath}`);
    let record = connections.get(this.socket);
    if (!record) {
      record = { requests: 0, info: new ConnectionInfo(this.socket, nextConnection++, local), current: null, others: null };
      connections.set(this.socket, record);
      this.socket.on('close', onConnectionClose);
    }
    record.requests++;
    this.#connection = record;
    this.#requestNumber = record.requests;
    if (head !== null) {
      // Until the application accepts, keep reading, so that a client that leaves is noticed
      // (RequestAborted) as Kestrel notices it; early bytes are kept for the WebSocket.
      upgrading.set(this.socket, this);
      this.socket.on('data', Exchange.#upgradeData);
      this.socket.on('end', Exchange.#upgradeEnd);
    }
  }

  // An upgrade request's socket listeners until it is handed over: one function each for every request,
  // called with the socket as `this`, which finds its exchange in {@link upgrading}.
  static #upgradeData(this: Socket, chunk: Buffer): void {
    upgrading.get(this)!.#head?.push(chunk);
  }

  static #upgradeEnd(this: Socket): void {
    upgrading.get(this)?.signalAborted();
  }

  /** The raw query including "?", or "" when there is none. */
  get queryString(): string {
    const url = originForm(this.url);
    const q = url.indexOf('?');
    return q >= 0 && q < url.length - 1 ? url.slice(q) : '';
  }

  /** True for a TLS connection. */
  get isHttps(): boolean {
    return 'encrypted' in this.socket && Boolean((this.socket as { encrypted?: boolean }).encrypted);
  }

  /**
   * Request headers, case-insensitive, for HttpRequest.Headers: a store built from the raw header lines
   * on first use, which an application that never reads the headers does not pay for (for an upgraded
   * connection, for its whole life).
   */
  get requestHeaders(): DictionaryStore {
    this.#requestHeaders ??= collectHeaders(this.rawHeaders);
    return this.#requestHeaders;
  }

  /**
   * One request header, case-insensitively: every value given for it joined with "," (as the store
   * holds it), or undefined. Reads the raw header lines while the store has not been built.
   */
  header(name: string): string | undefined {
    if (this.#requestHeaders !== null) return this.#requestHeaders.get(name);
    const key = name.toLowerCase();
    const raw = this.rawHeaders;
    let value: string | undefined;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      // Compared without a lower-case copy of every name: a WebSocket request's check reads five headers.
      if (isNamed(raw[i]!, key)) value = value === undefined ? raw[i + 1]! : `${value},${raw[i + 1]!}`;
    }
    return value;
  }

  /** Route values of the selected endpoint (an endpoint without parameters leaves them empty). */
  get routeValues(): DictionaryStore {
    this.#routeValues ??= new DictionaryStore(null);
    return this.#routeValues;
  }

  /** The header lines: name, value, name, value, … */
  get rawHeaders(): readonly string[] {
    const raw = this.#rawHeaders;
    return typeof raw === 'string' ? unpackHeaders(raw) : raw;
  }

  /**
   * The request became a long-lived connection (an accepted WebSocket): keep its header lines as one
   * string rather than an array of two strings per header.
   */
  packHeaders(): void {
    if (typeof this.#rawHeaders !== 'string') this.#rawHeaders = packHeaders(this.#rawHeaders);
  }

  /** Kestrel-style connection id (formatted when asked for). */
  get connectionId(): string {
    return this.connectionInfo.Id;
  }

  /** HttpContext.Connection: the connection's addresses and id. */
  get connectionInfo(): ConnectionInfo {
    const connection = this.#connection;
    return connection instanceof ConnectionInfo ? connection : connection.info;
  }

  /** The request body: Node's request for a plain request, an empty stream for an upgrade request. */
  get body(): Readable {
    this.#body ??= Readable.from([]);
    return this.#body;
  }

  /** RequestAborted fires when the connection closes while this exchange runs (until {@link unwatchClose}). */
  watchClose(): void {
    const record = this.#connection;
    if (record instanceof ConnectionInfo) return;
    if (record.current === null) record.current = this;
    else (record.others ??= new Set()).add(this);
  }

  /** The exchange ended: its connection's close no longer concerns it. */
  unwatchClose(): void {
    const record = this.#connection;
    if (record instanceof ConnectionInfo) return;
    if (record.current === this) record.current = null;
    else record.others?.delete(this);
  }

  /**
   * An accepted WebSocket (whose owner this exchange is) took the connection over: no other request can
   * come on it, and the socket tells this exchange of the close ({@link streamClosed}), so the connection's
   * record, its entry by socket and its close listener go, unless another request on the connection
   * (HTTP/1.1 pipelining) still runs and needs them.
   */
  handOver(): void {
    const record = this.#connection;
    if (record instanceof ConnectionInfo || record.current !== this || (record.others !== null && record.others.size > 0)) return;
    connections.delete(this.socket);
    this.socket.off('close', onConnectionClose);
    this.#connection = record.info;
  }

  /** The accepted WebSocket's stream closed: RequestAborted, as the connection's close listener fires it. */
  streamClosed(): void {
    if (!this.completed) this.signalAborted();
  }

  /** What the accepted WebSocket's pending receive fails with once it is aborted (Kestrel's). */
  abortedReceive(): ConnectionAbortedException {
    return connectionAborted();
  }

  /** Kestrel-style request id: connection id, colon, request number (formatted when asked for). */
  get traceIdentifier(): string {
    return `${this.connectionId}:${this.#requestNumber.toString(16).toUpperCase().padStart(8, '0')}`;
  }

  /** True for a request that came through Node's 'upgrade' event. */
  get isUpgradeRequest(): boolean {
    return this.#head !== null;
  }

  /**
   * Hands an upgrade request's socket over: stops watching it and returns the bytes read so far. The
   * caller must attach its own reader in the same tick (ws does, in handleUpgrade).
   */
  detachUpgradeSocket(): Buffer {
    if (upgrading.get(this.socket) === this) {
      upgrading.delete(this.socket);
      this.socket.off('data', Exchange.#upgradeData);
      this.socket.off('end', Exchange.#upgradeEnd);
    }
    const chunks = this.#head ?? DETACHED;
    // The one chunk as it is (the upgrade listener's own copy): no second copy, no new empty buffer.
    const head = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    this.#head = DETACHED;
    return head;
  }

  /** The source behind RequestAborted. */
  get aborted(): CancellationTokenSource {
    const current = this.#aborted;
    if (current instanceof CancellationTokenSource) return current;
    const source = new CancellationTokenSource();
    this.#aborted = source;
    // Nothing can be registered on a source that did not exist: cancelling it cannot throw.
    if (current === ABORTED_EARLY) source.Cancel();
    return source;
  }

  /** Signals RequestAborted once; callback errors are reported, never thrown into the host. */
  signalAborted(): void {
    const source = this.#aborted;
    if (source === null) {
      this.#aborted = ABORTED_EARLY;
      return;
    }
    // Only this exchange cancels its source (the application gets its token): cancelled means signalled.
    if (source === ABORTED_EARLY || source.IsCancellationRequested) return;
    try {
      source.Cancel();
    } catch (err) {
      console.error(err);
    }
  }

  /** HttpContext.Abort(): RequestAborted fires and the connection is dropped. */
  abort(): void {
    this.signalAborted();
    this.response.abort();
    this.socket.destroy();
  }
}
