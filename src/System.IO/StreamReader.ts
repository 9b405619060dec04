/**
 * System.IO.StreamReader: reads text from a stream of bytes.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.io.streamreader
 */
import { SR } from '../Resources/SR.js';
import { ArgumentException } from '../System/ArgumentException.js';
import { ArgumentNullException } from '../System/ArgumentNullException.js';
import { ArgumentOutOfRangeException } from '../System/ArgumentOutOfRangeException.js';
import { ObjectDisposedException } from '../System/ObjectDisposedException.js';
import { Encoding } from '../System.Text/Encoding.js';
import { CancellationToken } from '../System.Threading/CancellationToken.js';
import type { Stream } from './Stream.js';

/** .NET's StreamReader.DefaultBufferSize and MinBufferSize, in bytes. */
const DEFAULT_BUFFER_SIZE = 1024;
const MIN_BUFFER_SIZE = 128;

/**
 * Reads characters, lines or the whole rest of a {@link Stream} as text. UTF-8 is the default; a UTF-8 byte
 * order mark at the start is skipped (when `detectEncodingFromByteOrderMarks` is true, the default, or the
 * encoding's own preamble is that mark, as with `Encoding.UTF8`). Invalid bytes become U+FFFD.
 *
 * The synchronous methods read the stream with `Read`, the `*Async` ones with `ReadAsync`; a stream that
 * can only be read asynchronously (a `WebSocketStream`) needs the `*Async` methods.
 *
 * Disposing the reader disposes the stream too, unless `leaveOpen` was true.
 *
 * @remarks Differs from .NET: only UTF-8 is decoded (the library has no other {@link Encoding}), so a UTF-16
 * or UTF-32 byte order mark is not detected; no `Read(char[], …)` overloads.
 * @example
 * ms.Seek(0, SeekOrigin.Begin);
 * using reader = new StreamReader(ms, Encoding.UTF8);
 * const text = await reader.ReadToEndAsync();
 */
export class StreamReader {
  /** The stream; null once disposed. */
  #stream: Stream | null;
  /** The stream, kept for BaseStream after Dispose. */
  readonly #baseStream: Stream;
  /** The encoding the text is decoded with. */
  readonly #encoding: Encoding;
  /** Skip a UTF-8 byte order mark at the start. */
  readonly #skipBom: boolean;
  /** Keep the stream open on Dispose. */
  readonly #leaveOpen: boolean;
  /** Bytes read from the stream, one chunk at a time. */
  readonly #bytes: Uint8Array;
  /** Decodes the chunks, holding an incomplete UTF-8 sequence between them. */
  #decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  /** Decoded text not yet consumed starts at #pos. */
  #chars = '';
  #pos = 0;
  /** True once the stream returned 0. */
  #eof = false;
  /** The first bytes, held until there are enough to look for a byte order mark; null once checked. */
  #prefix: Uint8Array | null = new Uint8Array(0);

  /** A UTF-8 reader over `stream`. */
  constructor(stream: Stream, detectEncodingFromByteOrderMarks?: boolean);
  /**
   * A reader over `stream` with `encoding` (null: UTF-8).
   *
   * @param bufferSize Bytes read at a time; -1 for the default (1024).
   * @param leaveOpen true to keep `stream` open when the reader is disposed.
   * @throws {ArgumentNullException} `stream` is null.
   * @throws {ArgumentException} `stream` cannot read ("Stream was not readable.").
   * @throws {ArgumentOutOfRangeException} `bufferSize` is 0 or below -1.
   */
  constructor(
    stream: Stream,
    encoding: Encoding | null,
    detectEncodingFromByteOrderMarks?: boolean,
    bufferSize?: number,
    leaveOpen?: boolean,
  );
  constructor(stream: Stream, second?: Encoding | boolean | null, detect = true, bufferSize = -1, leaveOpen = false) {
    if (stream == null) throw new ArgumentNullException('stream');
    if (!stream.CanRead) throw new ArgumentException(SR.Argument_StreamNotReadable);
    let encoding: Encoding | null = null;
    if (typeof second === 'boolean') detect = second;
    else encoding = second ?? null;
    if (bufferSize === -1) bufferSize = DEFAULT_BUFFER_SIZE;
    else ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferSize, 'bufferSize');
    this.#stream = stream;
    this.#baseStream = stream;
    this.#encoding = encoding ?? Encoding.UTF8;
    this.#skipBom = detect || this.#encoding.GetPreamble().length === 3;
    this.#leaveOpen = leaveOpen;
    this.#bytes = new Uint8Array(Math.max(bufferSize, MIN_BUFFER_SIZE));
  }

  /** The encoding the text is decoded with. */
  get CurrentEncoding(): Encoding {
    return this.#encoding;
  }

  /** The stream being read. */
  get BaseStream(): Stream {
    return this.#baseStream;
  }

  /**
   * True when everything was read (it may read the stream to find out).
   *
   * @throws {ObjectDisposedException} The reader was disposed.
   */
  get EndOfStream(): boolean {
    this.#ensureOpen();
    return this.#pos >= this.#chars.length && !this.#fill();
  }

  /**
   * The next character's UTF-16 code without consuming it, or -1 at the end.
   *
   * @throws {ObjectDisposedException} The reader was disposed.
   */
  Peek(): number {
    this.#ensureOpen();
    if (this.#pos >= this.#chars.length && !this.#fill()) return -1;
    return this.#chars.charCodeAt(this.#pos);
  }

  /**
   * Reads one character: its UTF-16 code, or -1 at the end.
   *
   * @throws {ObjectDisposedException} The reader was disposed.
   */
  Read(): number {
    const c = this.Peek();
    if (c !== -1) this.#pos++;
    return c;
  }

  /**
   * Reads a line: the characters up to "\n", "\r" or "\r\n" (not included).
   *
   * @returns The line, or null at the end of the stream.
   * @throws {ObjectDisposedException} The reader was disposed.
   */
  ReadLine(): string | null {
    this.#ensureOpen();
    let line: string | null = null;
    for (;;) {
      if (this.#pos >= this.#chars.length && !this.#fill()) return line;
      const end = this.#lineEnd();
      if (end === -1) {
        line = (line ?? '') + this.#chars.slice(this.#pos);
        this.#pos = this.#chars.length;
        continue;
      }
      line = (line ?? '') + this.#chars.slice(this.#pos, end);
      this.#pos = end + 1;
      if (this.#chars[end] === '\r' && (this.#pos < this.#chars.length || this.#fill()) && this.#chars[this.#pos] === '\n') this.#pos++;
      return line;
    }
  }

  /**
   * Reads a line asynchronously; see {@link StreamReader.ReadLine}.
   *
   * @throws {ObjectDisposedException} The reader was disposed.
   * @throws {OperationCanceledException} `cancellationToken` was canceled.
   */
  async ReadLineAsync(cancellationToken: CancellationToken = CancellationToken.None): Promise<string | null> {
    this.#ensureOpen();
    cancellationToken.ThrowIfCancellationRequested();
    let line: string | null = null;
    for (;;) {
      if (this.#pos >= this.#chars.length && !(await this.#fillAsync(cancellationToken))) return line;
      const end = this.#lineEnd();
      if (end === -1) {
        line = (line ?? '') + this.#chars.slice(this.#pos);
        this.#pos = this.#chars.length;
        continue;
      }
      line = (line ?? '') + this.#chars.slice(this.#pos, end);
      this.#pos = end + 1;
      if (
        this.#chars[end] === '\r' &&
        (this.#pos < this.#chars.length || (await this.#fillAsync(cancellationToken))) &&
        this.#chars[this.#pos] === '\n'
      ) {
        this.#pos++;
      }
      return line;
    }
  }

  /**
   * Reads everything from the current position to the end.
   *
   * @throws {ObjectDisposedException} The reader was disposed.
   */
  ReadToEnd(): string {
    this.#ensureOpen();
    while (this.#fill());
    return this.#takeAll();
  }

  /**
   * Reads everything to the end asynchronously.
   *
   * @throws {ObjectDisposedException} The reader was disposed.
   * @throws {OperationCanceledException} `cancellationToken` was canceled.
   */
  async ReadToEndAsync(cancellationToken: CancellationToken = CancellationToken.None): Promise<string> {
    this.#ensureOpen();
    cancellationToken.ThrowIfCancellationRequested();
    while (await this.#fillAsync(cancellationToken));
    return this.#takeAll();
  }

  /** Drops the text read ahead but not yet consumed (after the caller moved the stream's position). */
  DiscardBufferedData(): void {
    this.#chars = '';
    this.#pos = 0;
    this.#eof = false;
    this.#decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  }

  /** The same as {@link StreamReader.Dispose}. */
  Close(): void {
    this.Dispose();
  }

  /** Disposes the stream (unless `leaveOpen`); the reader then throws ObjectDisposedException. Idempotent. */
  Dispose(): void {
    const stream = this.#stream;
    if (stream === null) return;
    this.#stream = null;
    this.#chars = '';
    this.#pos = 0;
    if (!this.#leaveOpen) stream.Dispose();
  }

  /** `using reader = new StreamReader(ms)` disposes it at the end of the block. */
  [Symbol.dispose](): void {
    this.Dispose();
  }

  /** The index of the next "\r" or "\n" at or after #pos, or -1. */
  #lineEnd(): number {
    for (let i = this.#pos; i < this.#chars.length; i++) {
      const c = this.#chars.charCodeAt(i);
      if (c === 13 || c === 10) return i;
    }
    return -1;
  }

  #takeAll(): string {
    const rest = this.#chars.slice(this.#pos);
    this.#chars = '';
    this.#pos = 0;
    return rest;
  }

  /** Reads until more text is available; false at the end of the stream. */
  #fill(): boolean {
    while (!this.#eof) {
      const n = this.#stream!.Read(this.#bytes, 0, this.#bytes.length);
      if (this.#accept(n)) return true;
    }
    return false;
  }

  async #fillAsync(cancellationToken: CancellationToken): Promise<boolean> {
    while (!this.#eof) {
      const n = await this.#stream!.ReadAsync(this.#bytes, 0, this.#bytes.length, cancellationToken);
      if (this.#accept(n)) return true;
    }
    return false;
  }

  /** Decodes `n` fresh bytes of #bytes (0: the end); true if text was added. */
  #accept(n: number): boolean {
    let chunk = this.#bytes.subarray(0, n);
    if (n === 0) this.#eof = true;
    if (this.#prefix !== null) {
      const joined = new Uint8Array(this.#prefix.length + chunk.length);
      joined.set(this.#prefix);
      joined.set(chunk, this.#prefix.length);
      if (joined.length < 3 && !this.#eof) {
        this.#prefix = joined;
        return false;
      }
      this.#prefix = null;
      const bom = joined.length >= 3 && joined[0] === 0xef && joined[1] === 0xbb && joined[2] === 0xbf;
      chunk = bom && this.#skipBom ? joined.subarray(3) : joined;
    }
    const text = this.#eof ? this.#decoder.decode(chunk) : this.#decoder.decode(chunk, { stream: true });
    if (text.length === 0) return false;
    this.#chars = this.#chars.slice(this.#pos) + text;
    this.#pos = 0;
    return true;
  }

  #ensureOpen(): void {
    if (this.#stream === null) throw new ObjectDisposedException('StreamReader', SR.ObjectDisposed_ReaderClosed);
  }
}
