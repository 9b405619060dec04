/**
 * System.IO.Stream: the base of byte streams (MemoryStream, WebSocketStream).
 *
 * @see https://learn.microsoft.com/dotnet/api/system.io.stream
 */
import { ArgumentNullException } from '../System/ArgumentNullException.js';
import { ArgumentOutOfRangeException } from '../System/ArgumentOutOfRangeException.js';
import { TaskCanceledException } from '../System/TaskCanceledException.js';
import { CancellationToken } from '../System.Threading/CancellationToken.js';
import { asyncArguments, validateBuffer } from '../runtime/stream-arguments.js';
import type { SeekOrigin } from './SeekOrigin.js';

/** .NET's Stream.CopyTo default buffer size (81920 bytes: below the large-object-heap threshold). */
const DEFAULT_COPY_BUFFER_SIZE = 81920;

/**
 * A sequence of bytes that can be read, written or sought, as the `Can*` properties say. `byte[]` is a
 * `Uint8Array`; the `(buffer, offset, count)` overloads and the `Span`/`Memory` overloads (one `Uint8Array`,
 * read or written whole) are both here, and each `*Async` method returns a `Promise`.
 *
 * A subclass implements `CanRead`, `CanSeek`, `CanWrite`, `Length`, `Position`, `Read`, `Write`, `Seek`,
 * `SetLength` and `Flush`; the asynchronous methods fall back to the synchronous ones, as on .NET.
 *
 * @remarks Differs from .NET: no `BeginRead`/`EndRead`, timeouts or `Stream.Null`. Dispose by overriding
 * `Dispose()` (there is no separate protected `Dispose(bool)`).
 * @example
 * using ms = new MemoryStream();
 * ms.Write(buffer.Array, buffer.Offset, result.Count);
 */
export abstract class Stream {
  /** True if the stream supports reading. */
  abstract get CanRead(): boolean;
  /** True if the stream supports seeking (`Length`, `Position`, `Seek`, `SetLength`). */
  abstract get CanSeek(): boolean;
  /** True if the stream supports writing. */
  abstract get CanWrite(): boolean;

  /** True if the stream supports read and write timeouts; false here. */
  get CanTimeout(): boolean {
    return false;
  }

  /**
   * The length of the stream in bytes.
   *
   * @throws {NotSupportedException} The stream cannot seek.
   * @throws {ObjectDisposedException} The stream was disposed.
   */
  abstract get Length(): number;

  /**
   * The current position in the stream.
   *
   * @throws {NotSupportedException} The stream cannot seek.
   * @throws {ObjectDisposedException} The stream was disposed.
   */
  abstract get Position(): number;
  abstract set Position(value: number);

  /**
   * Reads up to `count` bytes into `buffer` at `offset` and advances the position.
   *
   * @returns The number of bytes read; 0 at the end of the stream.
   * @throws {ArgumentNullException} `buffer` is null.
   * @throws {ArgumentOutOfRangeException} `offset` or `count` is negative, or they exceed the buffer.
   * @throws {NotSupportedException} The stream cannot read.
   * @throws {ObjectDisposedException} The stream was disposed.
   */
  abstract Read(buffer: Uint8Array | null, offset: number, count: number): number;
  /** Reads up to `buffer.length` bytes into `buffer` (.NET's `Read(Span<byte>)`). */
  abstract Read(buffer: Uint8Array): number;

  /**
   * Writes `count` bytes of `buffer` from `offset` and advances the position.
   *
   * @throws {ArgumentNullException} `buffer` is null.
   * @throws {ArgumentOutOfRangeException} `offset` or `count` is negative, or they exceed the buffer.
   * @throws {NotSupportedException} The stream cannot write.
   * @throws {ObjectDisposedException} The stream was disposed.
   */
  abstract Write(buffer: Uint8Array | null, offset: number, count: number): void;
  /** Writes all of `buffer` (.NET's `Write(ReadOnlySpan<byte>)`). */
  abstract Write(buffer: Uint8Array): void;

  /**
   * Sets the position to `offset` counted from `origin`.
   *
   * @returns The new position.
   * @throws {NotSupportedException} The stream cannot seek.
   */
  abstract Seek(offset: number, origin: SeekOrigin): number;

  /**
   * Sets the length of the stream (truncating or extending it).
   *
   * @throws {NotSupportedException} The stream cannot seek or write.
   */
  abstract SetLength(value: number): void;

  /** Writes any buffered data to the underlying device. */
  abstract Flush(): void;

  /**
   * Reads asynchronously; see {@link Stream.Read}. The default implementation reads synchronously.
   *
   * @returns A promise for the number of bytes read (0 at the end); it rejects with a
   * {@link TaskCanceledException} if `cancellationToken` is already canceled.
   * @throws {ArgumentNullException} `buffer` is null (thrown here, not by the promise).
   * @throws {ArgumentOutOfRangeException} `offset` or `count` is out of range (thrown here).
   */
  ReadAsync(buffer: Uint8Array | null, offset: number, count: number, cancellationToken?: CancellationToken): Promise<number>;
  /** Reads asynchronously into `buffer` (.NET's `ReadAsync(Memory<byte>)`). */
  ReadAsync(buffer: Uint8Array, cancellationToken?: CancellationToken): Promise<number>;
  ReadAsync(buffer: Uint8Array | null, a?: number | CancellationToken, b?: number, c?: CancellationToken): Promise<number> {
    const { view, token } = asyncArguments(buffer, a, b, c);
    if (token.IsCancellationRequested) return Stream.#canceled(token);
    try {
      return Promise.resolve(this.Read(view));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Writes asynchronously; see {@link Stream.Write}. The default implementation writes synchronously.
   *
   * @returns A promise that rejects with a {@link TaskCanceledException} if `cancellationToken` is already
   * canceled, or with the exception `Write` throws.
   * @throws {ArgumentNullException} `buffer` is null (thrown here, not by the promise).
   * @throws {ArgumentOutOfRangeException} `offset` or `count` is out of range (thrown here).
   */
  WriteAsync(buffer: Uint8Array | null, offset: number, count: number, cancellationToken?: CancellationToken): Promise<void>;
  /** Writes all of `buffer` asynchronously (.NET's `WriteAsync(ReadOnlyMemory<byte>)`). */
  WriteAsync(buffer: Uint8Array, cancellationToken?: CancellationToken): Promise<void>;
  WriteAsync(buffer: Uint8Array | null, a?: number | CancellationToken, b?: number, c?: CancellationToken): Promise<void> {
    const { view, token } = asyncArguments(buffer, a, b, c);
    if (token.IsCancellationRequested) return Stream.#canceled(token);
    try {
      this.Write(view);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Flushes asynchronously; the default implementation calls {@link Stream.Flush}.
   *
   * @returns A promise that rejects with a {@link TaskCanceledException} if `cancellationToken` is canceled.
   */
  FlushAsync(cancellationToken: CancellationToken = CancellationToken.None): Promise<void> {
    if (cancellationToken.IsCancellationRequested) return Stream.#canceled(cancellationToken);
    try {
      this.Flush();
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Reads one byte.
   *
   * @returns The byte (0–255), or -1 at the end of the stream.
   */
  ReadByte(): number {
    const one = new Uint8Array(1);
    return this.Read(one, 0, 1) === 0 ? -1 : one[0]!;
  }

  /** Writes one byte (the low 8 bits of `value`). */
  WriteByte(value: number): void {
    this.Write(Uint8Array.of(value & 0xff), 0, 1);
  }

  /**
   * Copies the rest of this stream to `destination`.
   *
   * @throws {ArgumentNullException} `destination` is null.
   * @throws {ArgumentOutOfRangeException} `bufferSize` is not positive.
   * @throws {NotSupportedException} This stream cannot read or `destination` cannot write.
   */
  CopyTo(destination: Stream, bufferSize = DEFAULT_COPY_BUFFER_SIZE): void {
    Stream.ValidateCopyToArguments(destination, bufferSize);
    const buffer = new Uint8Array(bufferSize);
    for (let n = this.Read(buffer, 0, bufferSize); n !== 0; n = this.Read(buffer, 0, bufferSize)) {
      destination.Write(buffer, 0, n);
    }
  }

  /**
   * Copies the rest of this stream to `destination` asynchronously.
   *
   * @throws {ArgumentNullException} `destination` is null (thrown here).
   * @throws {ArgumentOutOfRangeException} `bufferSize` is not positive (thrown here).
   */
  async CopyToAsync(
    destination: Stream,
    bufferSize: number = DEFAULT_COPY_BUFFER_SIZE,
    cancellationToken: CancellationToken = CancellationToken.None,
  ): Promise<void> {
    Stream.ValidateCopyToArguments(destination, bufferSize);
    const buffer = new Uint8Array(bufferSize);
    for (;;) {
      const n = await this.ReadAsync(buffer, 0, bufferSize, cancellationToken);
      if (n === 0) return;
      await destination.WriteAsync(buffer, 0, n, cancellationToken);
    }
  }

  /** Closes the stream: the same as {@link Stream.Dispose}. */
  Close(): void {
    this.Dispose();
  }

  /** Releases the stream's resources. Subclasses override it; the base does nothing. Idempotent. */
  Dispose(): void {}

  /** Disposes asynchronously; the default implementation calls {@link Stream.Dispose}. */
  DisposeAsync(): Promise<void> {
    try {
      this.Dispose();
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** `using ms = new MemoryStream()` disposes it at the end of the block. */
  [Symbol.dispose](): void {
    this.Dispose();
  }

  /** `await using stream = …` disposes it asynchronously at the end of the block. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.DisposeAsync();
  }

  /**
   * Checks `(buffer, offset, count)` as every .NET stream does.
   *
   * @throws {ArgumentNullException} `buffer` is null.
   * @throws {ArgumentOutOfRangeException} `offset` is negative ("Non-negative number required."), or `count`
   * is negative or runs past the end of `buffer`.
   */
  protected static ValidateBufferArguments(buffer: Uint8Array | null | undefined, offset: number, count: number): void {
    validateBuffer(buffer, offset, count);
  }

  /**
   * Checks CopyTo's arguments.
   *
   * @throws {ArgumentNullException} `destination` is null.
   * @throws {ArgumentOutOfRangeException} `bufferSize` is not positive.
   */
  protected static ValidateCopyToArguments(destination: Stream | null | undefined, bufferSize: number): void {
    if (destination == null) throw new ArgumentNullException('destination');
    ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferSize, 'bufferSize');
  }

  static #canceled<T>(token: CancellationToken): Promise<T> {
    return Promise.reject(new TaskCanceledException(undefined, undefined, token));
  }
}
