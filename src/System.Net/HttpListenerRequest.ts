/**
 * System.Net.HttpListenerRequest: the request an HttpListener received.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.httplistenerrequest
 */
import type { IncomingMessage } from 'node:http';
import { Uri } from '../System/Uri.js';
import { commaSeparatedValues } from '../host/features/websocket-feature.js';
import { nameValueRecord, rawHeaderPairs } from '../listener/headers.js';
import type { NameValueRecord } from '../listener/headers.js';
import { IPEndPoint } from './IPEndPoint.js';

/** The request line, headers and connection of one {@link HttpListenerContext}. */
export class HttpListenerRequest {
  /** Node's request. */
  readonly #req: IncomingMessage;
  /** Came over TLS. */
  readonly #secure: boolean;
  /** Built on first use. */
  #headers: NameValueRecord | null = null;
  #query: NameValueRecord | null = null;
  #url: Uri | null = null;
  /** Captured at once: Node forgets a socket's addresses once it is destroyed. */
  readonly #remote: IPEndPoint;
  readonly #local: IPEndPoint;

  /** @internal Made by HttpListener. */
  constructor(req: IncomingMessage, secure: boolean) {
    this.#req = req;
    this.#secure = secure;
    // The port is bound dual-stack: an IPv4 peer shows as ::ffff:a.b.c.d, which .NET reports as a.b.c.d.
    const plain = (address: string | undefined) => (address ?? '').replace(/^::ffff:(?=\d+\.)/, '');
    this.#remote = new IPEndPoint(plain(req.socket.remoteAddress), req.socket.remotePort ?? 0);
    this.#local = new IPEndPoint(plain(req.socket.localAddress), req.socket.localPort ?? 0);
  }

  /**
   * Whether this is a WebSocket handshake: a `Connection` header listing `Upgrade` and an `Upgrade`
   * header naming `websocket` (case-insensitive), as .NET checks.
   */
  get IsWebSocketRequest(): boolean {
    const has = (name: string, token: string) =>
      commaSeparatedValues(this.#req.headers[name] as string | undefined).some((v) => v.toLowerCase() === token);
    return has('connection', 'upgrade') && has('upgrade', 'websocket');
  }

  /** The method, e.g. "GET". */
  get HttpMethod(): string {
    return this.#req.method ?? 'GET';
  }

  /** The full URL: scheme, the Host header, path and query. */
  get Url(): Uri {
    this.#url ??= new Uri(`${this.#secure ? 'https' : 'http'}://${this.UserHostName}${this.RawUrl}`);
    return this.#url;
  }

  /** The path and query as the client sent them, e.g. "/ws?room=1". */
  get RawUrl(): string {
    return this.#req.url ?? '/';
  }

  /** The Host header (the local end point when there is none). */
  get UserHostName(): string {
    return this.#req.headers.host ?? this.#local.ToString();
  }

  /** The headers, read by name case-insensitively: `request.Headers["Origin"]`. `Object.keys` gives AllKeys. */
  get Headers(): NameValueRecord {
    this.#headers ??= nameValueRecord(rawHeaderPairs(this.#req.rawHeaders));
    return this.#headers;
  }

  /** The query string's values by name: `request.QueryString["room"]`. */
  get QueryString(): NameValueRecord {
    this.#query ??= nameValueRecord(new URLSearchParams(this.RawUrl.split('?')[1] ?? '').entries());
    return this.#query;
  }

  /** The User-Agent header, or null. */
  get UserAgent(): string | null {
    return this.#req.headers['user-agent'] ?? null;
  }

  /** The Content-Type header, or null. */
  get ContentType(): string | null {
    return this.#req.headers['content-type'] ?? null;
  }

  /** The Content-Length, or -1 when the request did not give one. */
  get ContentLength64(): number {
    const length = this.#req.headers['content-length'];
    return length === undefined ? -1 : Number(length);
  }

  /** Whether a body follows (a Content-Length above 0, or chunked). */
  get HasEntityBody(): boolean {
    return this.ContentLength64 > 0 || this.#req.headers['transfer-encoding'] !== undefined;
  }

  /** The client's end point. */
  get RemoteEndPoint(): IPEndPoint {
    return this.#remote;
  }

  /** The server's end point on this connection. */
  get LocalEndPoint(): IPEndPoint {
    return this.#local;
  }

  /** Whether the client is on this machine (a loopback address). */
  get IsLocal(): boolean {
    const a = this.#remote.Address;
    return a === '::1' || a.startsWith('127.');
  }

  /** Whether the request came over TLS. */
  get IsSecureConnection(): boolean {
    return this.#secure;
  }

  /** Always false: HttpListener here does no authentication. */
  get IsAuthenticated(): boolean {
    return false;
  }

  /** Whether the client asked to keep the connection open. */
  get KeepAlive(): boolean {
    const connection = commaSeparatedValues(this.#req.headers.connection).map((v) => v.toLowerCase());
    return this.#req.httpVersion === '1.0' ? connection.includes('keep-alive') : !connection.includes('close');
  }
}
