/**
 * Argument checks and exceptions shared by the library's streams (System.IO and WebSocketStream).
 */
import { SR } from '../Resources/SR.js';
import { ArgumentNullException } from '../System/ArgumentNullException.js';
import { ArgumentOutOfRangeException } from '../System/ArgumentOutOfRangeException.js';
import { NotSupportedException } from '../System/NotSupportedException.js';
import { ObjectDisposedException } from '../System/ObjectDisposedException.js';
import { CancellationToken } from '../System.Threading/CancellationToken.js';

/** The (buffer, offset, count) or (buffer) arguments of Read/Write, validated, as a view. */
export function bufferView(buffer: Uint8Array | null, offset: number | undefined, count: number | undefined): Uint8Array {
  if (offset === undefined && count === undefined) {
    if (buffer == null) throw new ArgumentNullException('buffer');
    return buffer;
  }
  validateBuffer(buffer, offset!, count!);
  return buffer!.subarray(offset, offset! + count!);
}

/** Stream.ValidateBufferArguments for the library's own streams. */
export function validateBuffer(buffer: Uint8Array | null | undefined, offset: number, count: number): void {
  if (buffer == null) throw new ArgumentNullException('buffer');
  if (!(offset >= 0)) throw new ArgumentOutOfRangeException('offset', SR.ArgumentOutOfRange_NeedNonNegNum);
  if (!(count >= 0) || count > buffer.length - offset) throw new ArgumentOutOfRangeException('count', SR.Argument_InvalidOffLen);
}

/** "Cannot access a closed Stream." */
export function streamClosed(): ObjectDisposedException {
  return new ObjectDisposedException(null, SR.ObjectDisposed_StreamClosed);
}

/** NotSupportedException for an operation the stream does not support. */
export function notSupported(message: string = SR.Arg_NotSupportedException): NotSupportedException {
  return new NotSupportedException(message);
}

/** The (buffer, offset, count, token) or (buffer, token) arguments of a ReadAsync/WriteAsync call, validated. */
export function asyncArguments(
  buffer: Uint8Array | null,
  a: number | CancellationToken | undefined,
  b: number | undefined,
  c: CancellationToken | undefined,
): { view: Uint8Array; token: CancellationToken } {
  if (typeof a === 'number') return { view: bufferView(buffer, a, b), token: c ?? CancellationToken.None };
  return { view: bufferView(buffer, undefined, undefined), token: a ?? CancellationToken.None };
}
