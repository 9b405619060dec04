// Where an HttpResponse goes: Node's ServerResponse for a plain request, or raw HTTP/1.1 written on the
// socket of an upgrade request that the application did not accept as a WebSocket.
import { Server as Http1Server, STATUS_CODES, ServerResponse as Http1Response } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { hasHeader, kestrelOrder, serverHeaders } from './response-head.js';

/** The transport under an HttpResponse. */
export interface ResponseSink {
  /** Sends the status line and headers. */
  start(statusCode: number, headers: ReadonlyArray<readonly [string, string]>): void;
  /** Writes body bytes; resolves once handed to the socket. */
  write(chunk: Uint8Array): Promise<void>;
  /** Ends the response (after start). */
  end(): Promise<void>;
  /** Drops the connection without finishing the response. */
  abort(): void;
  /** Node's response, when the sink writes to one. */
  readonly nodeResponse?: ServerResponse;
}

/**
 * Writes and resolves once the chunk was handed to the socket. A write on a connection that is gone is
 * dropped without an error, as Kestrel does: the application learns of it through RequestAborted.
 */
function writeAsync(write: (chunk: Uint8Array, cb: (err?: Error | null) => void) => boolean, chunk: Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    write(chunk, () => resolve());
  });
}

/** A plain request's response, through Node's ServerResponse. */
export class NodeResponseSink implements ResponseSink {
  /** Node's response. */
  readonly #res: ServerResponse;

  constructor(res: ServerResponse) {
    this.#res = res;
  }

  get nodeResponse(): ServerResponse {
    return this.#res;
  }

  start(statusCode: number, headers: ReadonlyArray<readonly [string, string]>): void {
    // Kestrel's head: its Date and Server, Connection only when closing, chunked framing named, in its
    // order (host-response-head.ts); Node adds none of its own (no Date, no "Connection: keep-alive").
    const res = this.#res;
    // HTTP/2 (host-http2.ts passes its compatibility response in the type of an HTTP/1.1 one): Node's head.
    if (!((res as unknown) instanceof Http1Response)) {
      res.writeHead(statusCode, grouped(headers));
      return;
    }
    const all: Array<readonly [string, string]> = [...headers];
    for (const extra of serverHeaders()) if (!hasHeader(all, extra[0].toLowerCase())) all.push(extra);
    res.sendDate = false;
    if (!hasHeader(all, 'connection')) {
      if (res.shouldKeepAlive) res.removeHeader('Connection');
      else all.push(['Connection', 'close']);
    }
    const bodyless = res.req?.method === 'HEAD' || statusCode === 204 || statusCode === 304 || statusCode < 200;
    if (!bodyless && res.useChunkedEncodingByDefault && !hasHeader(all, 'content-length') && !hasHeader(all, 'transfer-encoding')) {
      all.push(['Transfer-Encoding', 'chunked']);
    }
    res.writeHead(statusCode, grouped(kestrelOrder(all)));
  }

  write(chunk: Uint8Array): Promise<void> {
    if (chunk.length === 0 || this.#res.destroyed) return Promise.resolve();
    return writeAsync((c, cb) => this.#res.write(c, cb), chunk);
  }

  end(): Promise<void> {
    return new Promise((resolve) => {
      if (this.#res.writableEnded || this.#res.destroyed) {
        resolve();
        return;
      }
      this.#res.end(() => resolve());
      // A connection that died mid-response never calls end's callback.
      this.#res.once('close', () => resolve());
    });
  }

  abort(): void {
    this.#res.destroy();
  }
}

/**
 * An upgrade request's response written as raw HTTP/1.1 on its socket (Node gives an upgrade request no
 * ServerResponse). As Kestrel, the connection is kept for the next request when it can be: an HTTP/1.1
 * request without a body or a "Connection: close", a response with a Content-Length, on a plain-TCP
 * socket of a node:http server (which is given the socket back as a new connection), and no byte past
 * the request yet. Otherwise it closes after the response (`Connection: close`; a body without
 * Content-Length ends with the connection).
 */
export class RawSocketResponseSink implements ResponseSink {
  /** The upgrade request's socket. */
  readonly #socket: Duplex;
  /**
   * The server to give the socket back to, when the request allows keeping the connection; worked out
   * when the response starts (most upgrade requests are accepted and never get here), from {@link #req}.
   */
  #server: Http1Server | null = null;
  /** The request, until {@link #server} was worked out (null: nothing to work out). */
  #req: IncomingMessage | null;
  /** The response keeps the connection. */
  #keepAlive = false;
  /** The response had a Content-Length, or has no body at all (HEAD). */
  #ended = false;
  /**
   * The exchange watching the socket: detachUpgradeSocket() stops the watch and returns the bytes it read
   * meanwhile. The exchange itself rather than a closure over it, one object fewer per upgrade request.
   */
  watcher: { detachUpgradeSocket(): Buffer } | null = null;

  constructor(socket: Duplex, req?: IncomingMessage, nothingAfter = false) {
    this.#socket = socket;
    this.#req = req !== undefined && nothingAfter ? req : null;
  }

  start(statusCode: number, headers: ReadonlyArray<readonly [string, string]>): void {
    if (this.#req !== null) {
      this.#server = keepAliveServer(this.#req, this.#socket);
      this.#req = null;
    }
    const reason = STATUS_CODES[statusCode] ?? 'Unknown';
    let head = `HTTP/1.1 ${statusCode} ${reason}\r\n`;
    const closing = headers.some(([name, value]) => name.toLowerCase() === 'connection' && /(^|,)\s*close\s*(,|$)/i.test(value));
    this.#keepAlive = this.#server !== null && !closing && hasHeader(headers, 'content-length');
    const all: Array<readonly [string, string]> = headers.filter(([name]) => name.toLowerCase() !== 'connection');
    for (const extra of serverHeaders()) if (!hasHeader(all, extra[0].toLowerCase())) all.push(extra);
    if (!this.#keepAlive) all.push(['Connection', 'close']);
    for (const [name, value] of kestrelOrder(all)) head += `${name}: ${value}\r\n`;
    head += '\r\n';
    if (this.#socket.writable) this.#socket.write(head);
  }

  write(chunk: Uint8Array): Promise<void> {
    if (chunk.length === 0 || !this.#socket.writable) return Promise.resolve();
    return writeAsync((c, cb) => this.#socket.write(c, cb), chunk);
  }

  end(): Promise<void> {
    if (this.#ended) return Promise.resolve();
    this.#ended = true;
    return new Promise((resolve) => {
      const socket = this.#socket;
      if (socket.destroyed) {
        resolve();
        return;
      }
      if (this.#keepAlive && this.#server !== null) {
        // The bytes the client sent meanwhile belong to its next request: only a quiet connection is kept.
        const after = this.watcher?.detachUpgradeSocket() ?? Buffer.alloc(0);
        if (after.length === 0 && !socket.readableEnded) {
          this.#server.emit('connection', socket);
          resolve();
          return;
        }
      }
      socket.once('close', () => resolve());
      // As ws's abortHandshake: flush the response, then close. Reading off anything the peer sent makes
      // a reset (which could overtake the response) less likely.
      socket.resume();
      socket.once('finish', () => socket.destroy());
      socket.end();
    });
  }

  abort(): void {
    this.#socket.destroy();
  }
}

/** Header fields as writeHead takes them: a repeated name's values in one array, names in first-seen order. */
function grouped(headers: ReadonlyArray<readonly [string, string]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of headers) {
    const existing = out[name];
    out[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

/** The node:http server that can take `socket` back for `req`'s next request, or null. */
function keepAliveServer(req: IncomingMessage, socket: Duplex): Http1Server | null {
  const server = (socket as { server?: unknown }).server;
  if (!(server instanceof Http1Server) || !(socket instanceof Socket) || 'encrypted' in socket) return null;
  if (req.httpVersion !== '1.1') return null;
  if (/(^|,)\s*close\s*(,|$)/i.test(req.headers.connection ?? '')) return null;
  if (req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0) return null;
  return server;
}
