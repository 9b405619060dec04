// Where an HttpResponse goes: Node's ServerResponse for a plain request, or raw HTTP/1.1 written on the
// socket of an upgrade request that the application did not accept as a WebSocket.
import { STATUS_CODES } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

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
    const grouped: Record<string, string | string[]> = {};
    for (const [name, value] of headers) {
      const existing = grouped[name];
      grouped[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
    this.#res.writeHead(statusCode, grouped);
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
 * ServerResponse). The connection closes after the response: `Connection: close`, and a body without
 * Content-Length ends with the connection.
 */
export class RawSocketResponseSink implements ResponseSink {
  /** The upgrade request's socket. */
  readonly #socket: Duplex;
  /** The response had a Content-Length, or has no body at all (HEAD). */
  #ended = false;

  constructor(socket: Duplex) {
    this.#socket = socket;
  }

  start(statusCode: number, headers: ReadonlyArray<readonly [string, string]>): void {
    const reason = STATUS_CODES[statusCode] ?? 'Unknown';
    let head = `HTTP/1.1 ${statusCode} ${reason}\r\n`;
    for (const [name, value] of headers) {
      if (name.toLowerCase() === 'connection') continue;
      head += `${name}: ${value}\r\n`;
    }
    head += 'Connection: close\r\n\r\n';
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
