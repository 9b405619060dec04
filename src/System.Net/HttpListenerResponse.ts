/**
 * System.Net.HttpListenerResponse: the answer to an HttpListener request.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.httplistenerresponse
 */
import { STATUS_CODES } from 'node:http';
import { ArgumentException } from '../System/ArgumentException.js';
import { ObjectDisposedException } from '../System/ObjectDisposedException.js';
import { MemoryStream } from '../System.IO/MemoryStream.js';
import { SR } from '../Resources/SR.js';
import { ProtocolViolationException } from './ProtocolViolationException.js';

/** @internal Where a response goes: Node's ServerResponse, or the raw socket of a refused upgrade. */
export interface ResponseSink {
  send(statusCode: number, description: string, headers: ReadonlyMap<string, string>, body: Buffer): void;
  /** Drops the connection without an answer. */
  abort(): void;
}

/** The text .NET gives a status code when StatusDescription was not set ("" for codes it does not know). */
function describe(statusCode: number): string {
  return statusCode === 101 ? 'Switching Protocols' : (STATUS_CODES[statusCode] ?? '');
}

/**
 * Status, headers and body of one {@link HttpListenerContext}'s answer, sent by {@link HttpListenerResponse.Close}.
 *
 * @remarks Differs from .NET: `OutputStream` is a MemoryStream whose contents are sent at `Close()`, not
 * streamed as written.
 */
export class HttpListenerResponse {
  /** Where the answer goes. */
  readonly #sink: ResponseSink;
  #statusCode = 200;
  /** Null until set or read: reading fixes it to the current code's text, as .NET does. */
  #statusDescription: string | null = null;
  readonly #headers = new Map<string, string>([['Server', 'Microsoft-NetCore/2.0']]);
  #output: MemoryStream | null = null;
  /** Sent or aborted. */
  #closed = false;

  /** @internal Made by HttpListener. */
  constructor(sink: ResponseSink) {
    this.#sink = sink;
  }

  #checkDisposed(): void {
    if (this.#closed) throw new ObjectDisposedException('System.Net.HttpListenerResponse');
  }

  /**
   * The status code, 200 unless set.
   *
   * @throws {ProtocolViolationException} Set to a number that is not three digits.
   * @throws {ObjectDisposedException} Set after Close.
   */
  get StatusCode(): number {
    return this.#statusCode;
  }

  set StatusCode(value: number) {
    this.#checkDisposed();
    if (!Number.isInteger(value) || value < 100 || value > 999) throw new ProtocolViolationException(SR.net_invalidstatus);
    this.#statusCode = value;
  }

  /**
   * The reason phrase. Until set, reading it gives the text of the current status code and keeps it (as
   * .NET does: read it at 200 and a later 404 goes out as "404 OK").
   *
   * @throws {ArgumentException} The value has control characters.
   */
  get StatusDescription(): string {
    this.#statusDescription ??= describe(this.#statusCode);
    return this.#statusDescription;
  }

  set StatusDescription(value: string) {
    this.#checkDisposed();
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x1f\x7f]/.test(value)) throw new ArgumentException(SR.net_WebHeaderInvalidControlChars, 'value');
    this.#statusDescription = value;
  }

  /** The Content-Type header, or null. */
  get ContentType(): string | null {
    return this.#headers.get('Content-Type') ?? null;
  }

  set ContentType(value: string | null) {
    this.#checkDisposed();
    if (value === null || value === '') this.#headers.delete('Content-Type');
    else this.#headers.set('Content-Type', value);
  }

  /** The body, buffered until {@link HttpListenerResponse.Close}. */
  get OutputStream(): MemoryStream {
    this.#output ??= new MemoryStream();
    return this.#output;
  }

  /** Sets a header (AddHeader replaces, as .NET's does). */
  AddHeader(name: string, value: string): void {
    this.#checkDisposed();
    this.#headers.set(name, value);
  }

  /** Adds a value to a header, comma-separated. */
  AppendHeader(name: string, value: string): void {
    this.#checkDisposed();
    const old = this.#headers.get(name);
    this.#headers.set(name, old === undefined ? value : `${old},${value}`);
  }

  /** Sends the answer and ends the request. A second call does nothing. */
  Close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const body = this.#output === null ? Buffer.alloc(0) : Buffer.from(this.#output.ToArray());
    this.#sink.send(this.#statusCode, this.#statusDescription ?? describe(this.#statusCode), this.#headers, body);
  }

  /** Drops the connection without answering. */
  Abort(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#sink.abort();
  }

  /** @internal The WebSocket upgrade answered the request with 101. */
  upgraded(): void {
    this.#statusCode = 101;
    this.#statusDescription = describe(101);
    this.#closed = true;
  }

  /** Same as {@link HttpListenerResponse.Close}. */
  [Symbol.dispose](): void {
    this.Close();
  }
}
