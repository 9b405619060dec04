// The state behind an HttpResponse: status, headers, whether it started, and its sink.
import { InvalidOperationException } from '../../System/InvalidOperationException.js';
import { SR } from '../../Resources/SR.js';
import { DictionaryStore } from './dictionary.js';
import type { DictionaryGuard } from './dictionary.js';
import type { ResponseSink } from './response-sink.js';
import type { ServerResponse } from 'node:http';

/** RFC 9110 §5.6.2 token characters, the only ones a header name may use. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function invalidChar(ch: number): InvalidOperationException {
  return new InvalidOperationException(SR.Format(SR.InvalidAsciiOrControlChar, `0x${ch.toString(16).toUpperCase().padStart(4, '0')}`));
}

/**
 * Kestrel's response-header check: values are visible ASCII, space or tab. Names must also be RFC 9110
 * tokens (Node could not send anything else).
 */
function validateHeader(name: string, value: string | undefined): void {
  if (!TOKEN.test(name)) {
    const bad = [...name].find((c) => !TOKEN.test(c));
    throw invalidChar(bad === undefined ? 0 : bad.charCodeAt(0));
  }
  if (value === undefined) return;
  for (let i = 0; i < value.length; i++) {
    const ch = value.charCodeAt(i);
    if (ch > 0x7e || (ch < 0x20 && ch !== 0x09)) throw invalidChar(ch);
  }
}

/** The mutable state of one response. */
export class ResponseState implements DictionaryGuard {
  /** The status code to send. */
  statusCode = 200;
  /** Headers to send, guarded once the response started; made on first use (see {@link headers}). */
  #headers: DictionaryStore | null = null;
  /** True once the status line and headers were sent (or the connection was upgraded). */
  started = false;
  /** The sink under this response, null once the connection was handed to a WebSocket. */
  #sink: ResponseSink | null;
  /** Set when the response was finished, so it is finished once. */
  #finishing: Promise<void> | null = null;

  constructor(sink: ResponseSink | null) {
    this.#sink = sink;
  }

  /** Whether the headers were ever asked for (set, read or cleared): false means none was set. */
  get hasHeaders(): boolean {
    return this.#headers !== null;
  }

  /** Headers to send, guarded once the response started. */
  get headers(): DictionaryStore {
    this.#headers ??= new DictionaryStore(this);
    return this.#headers;
  }

  /** The headers to send, without making a store when none was set (an accepted WebSocket's usual case). */
  headerEntries(): Array<[string, string]> {
    return this.#headers === null ? [] : this.#headers.entries();
  }

  /** DictionaryGuard of the headers: read-only once started, and Kestrel's character check. */
  beforeChange(name: string, value: string | undefined): void {
    if (this.started) throw new InvalidOperationException(SR.HeadersAreReadOnly);
    validateHeader(name, value);
  }

  /** Sends the status line and headers if not done yet. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.#sink?.start(this.statusCode, this.headerEntries());
  }

  /** Writes body bytes, starting the response first. */
  async write(chunk: Uint8Array): Promise<void> {
    this.start();
    await this.#sink?.write(chunk);
  }

  /**
   * The response was started by other means than the sink (a file handed to Node's response directly):
   * headers become read-only and finish() only ends it.
   */
  markStarted(): void {
    this.started = true;
  }

  /** Node's response under a plain request, or null (an upgrade request's raw socket, or handed over). */
  get nodeResponse(): ServerResponse | null {
    return this.#sink?.nodeResponse ?? null;
  }

  /**
   * Ends the response: an unstarted one goes out with its status and an empty body (Content-Length: 0,
   * as Kestrel sends it), a started one is ended.
   */
  finish(): Promise<void> {
    if (this.#finishing) return this.#finishing;
    if (!this.started && !this.headers.has('content-length') && this.statusCode !== 204 && this.statusCode !== 304) {
      this.headers.setUnchecked('Content-Length', '0');
    }
    this.start();
    this.#finishing = this.#sink ? this.#sink.end() : Promise.resolve();
    return this.#finishing;
  }

  /**
   * Prepares the 500 Kestrel sends for an unhandled exception: only possible before the response
   * started; returns false when the connection must be aborted instead.
   */
  resetForError(statusCode: number): boolean {
    if (this.started) return false;
    this.statusCode = statusCode;
    for (const name of this.headers.names()) this.headers.setUnchecked(name, undefined);
    return true;
  }

  /** Drops the connection. */
  abort(): void {
    this.#sink?.abort();
  }

  /**
   * The connection became a WebSocket: ws wrote the 101 (over HTTP/2, the stream's 200, as Kestrel reports
   * it); nothing more goes through this response.
   */
  upgraded(statusCode = 101): void {
    this.statusCode = statusCode;
    this.started = true;
    this.#sink = null;
  }
}

/**
 * The state of every response upgraded to a WebSocket with a 101 and no header set: what it answers
 * (status 101, started, no headers, nothing to write to) is the same for all of them, so an open
 * connection need not keep a state of its own. Frozen: its public fields cannot change, and what could
 * change the rest (headers, status) throws once a response started.
 */
export const UPGRADED_RESPONSE: ResponseState = (() => {
  const state = new ResponseState(null);
  state.upgraded(101);
  Object.freeze(state);
  return state;
})();
