/**
 * System.IO.MemoryStream: a stream over bytes in memory.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.io.memorystream
 */
import { SR } from '../Resources/SR.js';
import { ArgumentException } from '../System/ArgumentException.js';
import { ArgumentNullException } from '../System/ArgumentNullException.js';
import { ArgumentOutOfRangeException } from '../System/ArgumentOutOfRangeException.js';
import { NotSupportedException } from '../System/NotSupportedException.js';
import { UnauthorizedAccessException } from '../System/UnauthorizedAccessException.js';
import { bufferView, streamClosed } from '../runtime/stream-arguments.js';
import { IOException } from './IOException.js';
import { SeekOrigin } from './SeekOrigin.js';
import { Stream } from './Stream.js';

/** int.MaxValue: .NET's limit on a MemoryStream's length and position. */
const MAX_STREAM_LENGTH = 0x7fffffff;
/** .NET's Array.MaxLength, the largest capacity the doubling grows to. */
const ARRAY_MAX_LENGTH = 0x7fffffc7;
/** The first capacity an empty expandable stream grows to. */
const MIN_CAPACITY = 256;

/**
 * A stream whose bytes live in a `Uint8Array`. `new MemoryStream()` grows as it is written (capacity 256,
 * then doubling, as .NET); `new MemoryStream(bytes)` reads and writes the caller's array and cannot grow.
 * {@link MemoryStream.ToArray} and {@link MemoryStream.GetBuffer} still work after `Dispose()`.
 *
 * @example
 * using ms = new MemoryStream();
 * let result: WebSocketReceiveResult;
 * do {
 *   result = await ws.ReceiveAsync(buffer, CancellationToken.None);
 *   ms.Write(buffer.Array, buffer.Offset, result.Count);
 * } while (!result.EndOfMessage);
 * ms.Seek(0, SeekOrigin.Begin);
 */
export class MemoryStream extends Stream {
  /** The backing array (its length is the capacity, seen from index 0). */
  #buffer: Uint8Array;
  /** Where the stream starts in #buffer (the `index` of the (buffer, index, count) constructors). */
  readonly #origin: number;
  /** The current position, as an index into #buffer. */
  #position: number;
  /** The end of the data, as an index into #buffer. */
  #length: number;
  /** The usable end of #buffer. */
  #capacity: number;
  /** True for a stream that owns and grows its array. */
  #expandable: boolean;
  /** False for a read-only stream, and after Dispose. */
  #writable: boolean;
  /** True when GetBuffer() may hand out the array. */
  readonly #exposable: boolean;
  /** False after Dispose. */
  #isOpen = true;

  /** An empty stream that grows as needed. */
  constructor();
  /**
   * An empty stream that grows as needed, starting with `capacity` bytes.
   *
   * @throws {ArgumentOutOfRangeException} `capacity` is negative.
   */
  constructor(capacity: number);
  /**
   * A stream over `buffer` (reads and writes go to that array; it cannot grow).
   *
   * @param writable false for a read-only stream.
   * @throws {ArgumentNullException} `buffer` is null.
   */
  constructor(buffer: Uint8Array, writable?: boolean);
  /**
   * A stream over `count` bytes of `buffer` from `index`.
   *
   * @param publiclyVisible true to let {@link MemoryStream.GetBuffer} return `buffer`.
   * @throws {ArgumentNullException} `buffer` is null.
   * @throws {ArgumentOutOfRangeException} `index` or `count` is negative.
   * @throws {ArgumentException} `index` + `count` runs past the end of `buffer`.
   */
  constructor(buffer: Uint8Array, index: number, count: number, writable?: boolean, publiclyVisible?: boolean);
  constructor(first?: number | Uint8Array | null, second?: boolean | number, count?: number, writable = true, publiclyVisible = false) {
    super();
    if (first === undefined || typeof first === 'number') {
      const capacity = first ?? 0;
      ArgumentOutOfRangeException.ThrowIfNegative(capacity, 'capacity');
      this.#buffer = new Uint8Array(capacity);
      this.#origin = 0;
      this.#position = 0;
      this.#length = 0;
      this.#capacity = capacity;
      this.#expandable = true;
      this.#writable = true;
      this.#exposable = true;
      return;
    }
    if (first == null) throw new ArgumentNullException('buffer');
    let index = 0;
    let length = first.length;
    if (typeof second === 'number') {
      index = second;
      ArgumentOutOfRangeException.ThrowIfNegative(index, 'index');
      ArgumentOutOfRangeException.ThrowIfNegative(count ?? 0, 'count');
      if (first.length - index < count!) throw new ArgumentException(SR.Argument_InvalidOffLen);
      length = index + count!;
    } else {
      writable = second ?? true;
    }
    this.#buffer = first;
    this.#origin = index;
    this.#position = index;
    this.#length = length;
    this.#capacity = length;
    this.#expandable = false;
    this.#writable = writable;
    this.#exposable = typeof second === 'number' && publiclyVisible;
  }

  /** True until the stream is disposed. */
  override get CanRead(): boolean {
    return this.#isOpen;
  }

  /** True until the stream is disposed. */
  override get CanSeek(): boolean {
    return this.#isOpen;
  }

  /** True for a writable stream until it is disposed. */
  override get CanWrite(): boolean {
    return this.#writable;
  }

  /**
   * The number of bytes allocated for the stream.
   *
   * @throws {ArgumentOutOfRangeException} Set below `Length` ("capacity was less than the current size.").
   * @throws {NotSupportedException} Set on a stream that cannot grow ("Memory stream is not expandable.").
   * @throws {ObjectDisposedException} The stream was disposed.
   */
  get Capacity(): number {
    this.#ensureNotClosed();
    return this.#capacity - this.#origin;
  }

  set Capacity(value: number) {
    if (value < this.Length) throw new ArgumentOutOfRangeException('value', SR.ArgumentOutOfRange_SmallCapacity);
    this.#ensureNotClosed();
    if (!this.#expandable && value !== this.Capacity) throw new NotSupportedException(SR.NotSupported_MemStreamNotExpandable);
    if (this.#expandable && value !== this.#capacity) {
      const grown = new Uint8Array(value);
      grown.set(this.#buffer.subarray(0, this.#length));
      this.#buffer = grown;
      this.#capacity = value;
    }
  }

  /**
   * The number of bytes in the stream.
   *
   * @throws {ObjectDisposedException} The stream was disposed.
   */
  override get Length(): number {
    this.#ensureNotClosed();
    return this.#length - this.#origin;
  }

  /**
   * The current position; it may be set past the end (a later write fills the gap with zeros).
   *
   * @throws {ArgumentOutOfRangeException} Set to a negative value, or beyond int.MaxValue.
   * @throws {ObjectDisposedException} The stream was disposed.
   */
  override get Position(): number {
    this.#ensureNotClosed();
    return this.#position - this.#origin;
  }

  override set Position(value: number) {
    ArgumentOutOfRangeException.ThrowIfNegative(value, 'value');
    this.#ensureNotClosed();
    if (value > MAX_STREAM_LENGTH - this.#origin) throw new ArgumentOutOfRangeException('value', SR.ArgumentOutOfRange_StreamLength);
    this.#position = this.#origin + Math.trunc(value);
  }

  /**
   * Reads up to `count` bytes at the current position.
   *
   * @returns The number of bytes read; 0 at the end.
   * @throws {ArgumentNullException} `buffer` is null.
   * @throws {ArgumentOutOfRangeException} `offset` or `count` is out of range.
   * @throws {ObjectDisposedException} The stream was disposed.
   */
  override Read(buffer: Uint8Array | null, offset: number, count: number): number;
  /** Reads up to `buffer.length` bytes. */
  override Read(buffer: Uint8Array): number;
  override Read(buffer: Uint8Array | null, offset?: number, count?: number): number {
    const view = bufferView(buffer, offset, count);
    this.#ensureNotClosed();
    const n = Math.min(this.#length - this.#position, view.length);
    if (n <= 0) return 0;
    view.set(this.#buffer.subarray(this.#position, this.#position + n));
    this.#position += n;
    return n;
  }

  /** The byte at the current position (advancing it), or -1 at the end. */
  override ReadByte(): number {
    this.#ensureNotClosed();
    return this.#position >= this.#length ? -1 : this.#buffer[this.#position++]!;
  }

  /**
   * Writes `count` bytes of `buffer` at the current position, growing the stream if needed.
   *
   * @throws {ArgumentNullException} `buffer` is null (`buffer.Array` of an empty ArraySegment).
   * @throws {ArgumentOutOfRangeException} `offset` or `count` is out of range.
   * @throws {ObjectDisposedException} The stream was disposed.
   * @throws {NotSupportedException} The stream is read-only, or must grow and cannot.
   * @throws {IOException} The stream would exceed int.MaxValue bytes ("Stream was too long.").
   */
  override Write(buffer: Uint8Array | null, offset: number, count: number): void;
  /** Writes all of `buffer`. */
  override Write(buffer: Uint8Array): void;
  override Write(buffer: Uint8Array | null, offset?: number, count?: number): void {
    const view = bufferView(buffer, offset, count);
    this.#ensureNotClosed();
    this.#ensureWriteable();
    const end = this.#position + view.length;
    if (end > MAX_STREAM_LENGTH) throw new IOException(SR.IO_StreamTooLong);
    this.#extendTo(end);
    this.#buffer.set(view, this.#position);
    this.#position = end;
  }

  /** Writes one byte at the current position. */
  override WriteByte(value: number): void {
    this.#ensureNotClosed();
    this.#ensureWriteable();
    this.#extendTo(this.#position + 1);
    this.#buffer[this.#position++] = value & 0xff;
  }

  /**
   * Moves the position to `offset` from `origin`; past the end is allowed.
   *
   * @returns The new position.
   * @throws {ArgumentOutOfRangeException} `offset` is beyond int.MaxValue.
   * @throws {ArgumentException} `origin` is not a SeekOrigin ("Invalid seek origin.").
   * @throws {IOException} The position would be before the beginning of the stream.
   * @throws {ObjectDisposedException} The stream was disposed.
   */
  override Seek(offset: number, origin: SeekOrigin): number {
    this.#ensureNotClosed();
    if (offset > MAX_STREAM_LENGTH) throw new ArgumentOutOfRangeException('offset', SR.ArgumentOutOfRange_StreamLength);
    let base: number;
    switch (origin) {
      case SeekOrigin.Begin:
        base = this.#origin;
        break;
      case SeekOrigin.Current:
        base = this.#position;
        break;
      case SeekOrigin.End:
        base = this.#length;
        break;
      default:
        throw new ArgumentException(SR.Argument_InvalidSeekOrigin);
    }
    const target = base + Math.trunc(offset);
    if (target < this.#origin) throw new IOException(SR.IO_SeekBeforeBegin);
    this.#position = target;
    return this.#position - this.#origin;
  }

  /**
   * Truncates or extends the stream (new bytes are zero); the position moves back if it was past the end.
   *
   * @throws {ArgumentOutOfRangeException} `value` is negative or beyond int.MaxValue.
   * @throws {NotSupportedException} The stream is read-only or disposed ("Stream does not support
   * writing."), or must grow and cannot.
   */
  override SetLength(value: number): void {
    if (value < 0 || value > MAX_STREAM_LENGTH - this.#origin) {
      throw new ArgumentOutOfRangeException('value', SR.ArgumentOutOfRange_StreamLength);
    }
    this.#ensureWriteable();
    const end = this.#origin + Math.trunc(value);
    const oldLength = this.#length;
    if (end > oldLength) {
      this.#extendTo(end);
      this.#buffer.fill(0, oldLength, end);
    } else {
      this.#length = end;
    }
    if (this.#position > end) this.#position = end;
  }

  /** Does nothing: the bytes are already in memory. */
  override Flush(): void {}

  /** A copy of the stream's bytes (from its start, whatever the position); works after Dispose. */
  ToArray(): Uint8Array {
    return this.#buffer.slice(this.#origin, this.#length);
  }

  /**
   * The backing array itself, capacity included (only `Length` bytes are data); works after Dispose.
   *
   * @throws {UnauthorizedAccessException} The stream was made over a caller's array without
   * `publiclyVisible` ("MemoryStream's internal buffer cannot be accessed.").
   */
  GetBuffer(): Uint8Array {
    if (!this.#exposable) throw new UnauthorizedAccessException(SR.UnauthorizedAccess_MemStreamBuffer);
    return this.#buffer;
  }

  /**
   * Writes the whole content of this stream to `stream`.
   *
   * @throws {ArgumentNullException} `stream` is null.
   * @throws {ObjectDisposedException} This stream was disposed.
   */
  WriteTo(stream: Stream): void {
    if (stream == null) throw new ArgumentNullException('stream');
    this.#ensureNotClosed();
    stream.Write(this.#buffer, this.#origin, this.#length - this.#origin);
  }

  /** Closes the stream: reads, writes and seeks now throw; ToArray and GetBuffer still work. */
  override Dispose(): void {
    this.#isOpen = false;
    this.#writable = false;
    this.#expandable = false;
  }

  /** Makes room up to `end` (zeroing any gap between the old length and the position) and sets the length. */
  #extendTo(end: number): void {
    if (end <= this.#length) return;
    const gapStart = this.#length;
    if (end > this.#capacity) this.#ensureCapacity(end);
    // The bytes between the old end and a position set past it read as zeros, as on .NET.
    if (this.#position > gapStart) this.#buffer.fill(0, gapStart, this.#position);
    this.#length = end;
  }

  #ensureCapacity(value: number): void {
    if (!this.#expandable) throw new NotSupportedException(SR.NotSupported_MemStreamNotExpandable);
    let capacity = Math.max(value, MIN_CAPACITY);
    if (capacity < this.#capacity * 2) capacity = this.#capacity * 2;
    if (this.#capacity * 2 > ARRAY_MAX_LENGTH) capacity = Math.max(value, ARRAY_MAX_LENGTH);
    this.Capacity = capacity;
  }

  #ensureNotClosed(): void {
    if (!this.#isOpen) throw streamClosed();
  }

  #ensureWriteable(): void {
    if (!this.#writable) throw new NotSupportedException(SR.NotSupported_UnwritableStream);
  }
}
