/**
 * System.IO.StreamWriter: writes text to a stream of bytes.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.io.streamwriter
 */
import { EOL } from 'node:os';
import { SR } from '../Resources/SR.js';
import { ArgumentException } from '../System/ArgumentException.js';
import { ArgumentNullException } from '../System/ArgumentNullException.js';
import { ArgumentOutOfRangeException } from '../System/ArgumentOutOfRangeException.js';
import { ObjectDisposedException } from '../System/ObjectDisposedException.js';
import type { Encoding } from '../System.Text/Encoding.js';
import { UTF8Encoding } from '../System.Text/Encoding.js';
import { CancellationToken } from '../System.Threading/CancellationToken.js';
import type { Stream } from './Stream.js';

/** .NET's StreamWriter.DefaultBufferSize, in characters. */
const DEFAULT_BUFFER_SIZE = 1024;
/** .NET's default encoding for a StreamWriter: UTF-8 without a byte order mark, throwing on lone surrogates. */
const UTF8_NO_BOM = Object.freeze(new UTF8Encoding(false, true));

/** What Write accepts: text, or a value written as .NET's `ToString()` would write it. */
export type StreamWriterValue = string | number | boolean | null | undefined;

/**
 * Writes text to a {@link Stream}, buffering it until the buffer fills, {@link StreamWriter.Flush} is
 * called, or (with {@link StreamWriter.AutoFlush}) after every write. The default encoding is UTF-8 without
 * a byte order mark; with `Encoding.UTF8` the mark (EF BB BF) is written first, unless the stream was already
 * past its start.
 *
 * Disposing the writer flushes it and disposes the stream too, unless `leaveOpen` was true. A stream that
 * can only be written asynchronously (a WebSocketStream) needs the `*Async` methods and `DisposeAsync()`.
 *
 * @remarks Differs from .NET: no `Write(char[], …)` or composite-format overloads; numbers are written as
 * JavaScript prints them.
 * @example
 * await using writer = new StreamWriter(stream);
 * writer.AutoFlush = true;
 * await writer.WriteLineAsync('hello');
 */
export class StreamWriter {
  /** The stream; null once disposed. */
  #stream: Stream | null;
  /** The stream, kept for BaseStream after Dispose. */
  readonly #baseStream: Stream;
  /** The encoding the text is written in. */
  readonly #encoding: Encoding;
  /** Characters buffered before they are encoded and written. */
  readonly #bufferSize: number;
  /** Keep the stream open on Dispose. */
  readonly #leaveOpen: boolean;
  /** Text written but not yet encoded. */
  #pending = '';
  /** Flush after every write. */
  #autoFlush = false;
  /** True once the encoding's preamble was written (or must not be). */
  #preambleDone: boolean;

  /** The line terminator WriteLine appends (the platform's, as Environment.NewLine). */
  NewLine: string = EOL;

  /**
   * A writer over `stream`.
   *
   * @param encoding null or omitted: UTF-8 without a byte order mark.
   * @param bufferSize Characters buffered; -1 for the default (1024).
   * @param leaveOpen true to keep `stream` open when the writer is disposed.
   * @throws {ArgumentNullException} `stream` is null.
   * @throws {ArgumentException} `stream` cannot write ("Stream was not writable.").
   * @throws {ArgumentOutOfRangeException} `bufferSize` is 0 or below -1.
   */
  constructor(stream: Stream, encoding?: Encoding | null, bufferSize = -1, leaveOpen = false) {
    if (stream == null) throw new ArgumentNullException('stream');
    if (!stream.CanWrite) throw new ArgumentException(SR.Argument_StreamNotWritable);
    if (bufferSize === -1) bufferSize = DEFAULT_BUFFER_SIZE;
    else ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferSize, 'bufferSize');
    this.#stream = stream;
    this.#baseStream = stream;
    this.#encoding = encoding ?? UTF8_NO_BOM;
    this.#bufferSize = bufferSize;
    this.#leaveOpen = leaveOpen;
    this.#preambleDone = stream.CanSeek && stream.Position > 0;
  }

  /** The encoding the text is written in. */
  get Encoding(): Encoding {
    return this.#encoding;
  }

  /** The stream being written. */
  get BaseStream(): Stream {
    return this.#baseStream;
  }

  /**
   * True to flush (to the stream, and the stream itself) after every write; setting it to true flushes now.
   *
   * @default false
   */
  get AutoFlush(): boolean {
    return this.#autoFlush;
  }

  set AutoFlush(value: boolean) {
    this.#ensureOpen();
    this.#autoFlush = value;
    if (value) this.Flush();
  }

  /**
   * Writes `value` (`true`/`false` as "True"/"False"; null writes nothing).
   *
   * @throws {ObjectDisposedException} The writer was disposed.
   */
  Write(value: StreamWriterValue): void {
    this.#append(format(value));
    if (this.#pending.length >= this.#bufferSize) this.#writePending(false);
    if (this.#autoFlush) this.Flush();
  }

  /**
   * Writes `value` and then {@link StreamWriter.NewLine}.
   *
   * @throws {ObjectDisposedException} The writer was disposed.
   */
  WriteLine(value?: StreamWriterValue): void {
    this.Write(format(value) + this.NewLine);
  }

  /**
   * Writes `value` asynchronously; see {@link StreamWriter.Write}.
   *
   * @throws {ObjectDisposedException} The writer was disposed.
   */
  async WriteAsync(value: StreamWriterValue, cancellationToken: CancellationToken = CancellationToken.None): Promise<void> {
    this.#append(format(value));
    if (this.#pending.length >= this.#bufferSize) await this.#writePendingAsync(false, cancellationToken);
    if (this.#autoFlush) await this.FlushAsync(cancellationToken);
  }

  /**
   * Writes `value` and {@link StreamWriter.NewLine} asynchronously.
   *
   * @throws {ObjectDisposedException} The writer was disposed.
   */
  WriteLineAsync(value?: StreamWriterValue, cancellationToken: CancellationToken = CancellationToken.None): Promise<void> {
    return this.WriteAsync(format(value) + this.NewLine, cancellationToken);
  }

  /**
   * Encodes the buffered text, writes it (after the preamble, the first time) and flushes the stream.
   *
   * @throws {ObjectDisposedException} The writer was disposed.
   */
  Flush(): void {
    this.#ensureOpen();
    this.#writePending(true);
    this.#stream!.Flush();
  }

  /**
   * Flushes asynchronously; see {@link StreamWriter.Flush}.
   *
   * @throws {ObjectDisposedException} The writer was disposed.
   */
  async FlushAsync(cancellationToken: CancellationToken = CancellationToken.None): Promise<void> {
    this.#ensureOpen();
    await this.#writePendingAsync(true, cancellationToken);
    await this.#stream!.FlushAsync(cancellationToken);
  }

  /** The same as {@link StreamWriter.Dispose}. */
  Close(): void {
    this.Dispose();
  }

  /** Flushes, then disposes the stream (unless `leaveOpen`). Idempotent. */
  Dispose(): void {
    if (this.#stream === null) return;
    try {
      this.Flush();
    } finally {
      const stream = this.#stream;
      this.#stream = null;
      if (!this.#leaveOpen) stream.Dispose();
    }
  }

  /** Flushes asynchronously, then disposes the stream asynchronously (unless `leaveOpen`). Idempotent. */
  async DisposeAsync(): Promise<void> {
    if (this.#stream === null) return;
    try {
      await this.FlushAsync();
    } finally {
      const stream = this.#stream;
      this.#stream = null;
      if (!this.#leaveOpen) await stream.DisposeAsync();
    }
  }

  /** `using writer = new StreamWriter(ms)` disposes it at the end of the block. */
  [Symbol.dispose](): void {
    this.Dispose();
  }

  /** `await using writer = new StreamWriter(stream)` disposes it asynchronously at the end of the block. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.DisposeAsync();
  }

  #append(text: string): void {
    this.#ensureOpen();
    this.#pending += text;
  }

  /** The bytes to write for the pending text (a trailing high surrogate waits for its pair unless `final`). */
  #takeBytes(final: boolean): Uint8Array | null {
    let text = this.#pending;
    let keep = '';
    const last = text.charCodeAt(text.length - 1);
    if (!final && last >= 0xd800 && last <= 0xdbff) {
      keep = text.slice(-1);
      text = text.slice(0, -1);
    }
    this.#pending = keep;
    const preamble = this.#preambleDone ? null : this.#encoding.GetPreamble();
    this.#preambleDone = true;
    const body = text.length > 0 ? this.#encoding.GetBytes(text) : null;
    if (preamble === null || preamble.length === 0) return body;
    if (body === null) return preamble;
    const bytes = new Uint8Array(preamble.length + body.length);
    bytes.set(preamble);
    bytes.set(body, preamble.length);
    return bytes;
  }

  #writePending(final: boolean): void {
    const bytes = this.#takeBytes(final);
    if (bytes !== null) this.#stream!.Write(bytes, 0, bytes.length);
  }

  async #writePendingAsync(final: boolean, cancellationToken: CancellationToken): Promise<void> {
    const bytes = this.#takeBytes(final);
    if (bytes !== null) await this.#stream!.WriteAsync(bytes, 0, bytes.length, cancellationToken);
  }

  #ensureOpen(): void {
    if (this.#stream === null) throw new ObjectDisposedException('StreamWriter', SR.ObjectDisposed_WriterClosed);
  }
}

/** A value as .NET's TextWriter.Write overloads print it. */
function format(value: StreamWriterValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}
