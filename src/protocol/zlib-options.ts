// What the two directions of permessage-deflate share: the tail of a sync flush, zlib's stream options
// and the window bits zlib is given (see permessage-deflate.ts on why 8 becomes 9).
import { Buffer } from 'node:buffer';
import type zlib from 'node:zlib';

/** The tail a sync flush ends with: an empty stored block's LEN/NLEN (RFC 7692 §7.2.1). */
export const TAIL = Buffer.from([0x00, 0x00, 0xff, 0xff]);
/** zlib output chunk and stream buffer size. */
export const CHUNK_SIZE = 16 * 1024;

/**
 * Options of every zlib stream: output chunks and the stream buffer at {@link CHUNK_SIZE}, whatever Node's
 * default high-water mark (16 KiB in Node 20, 64 KiB later). Node passes `highWaterMark` on to the stream;
 * @types/node does not list it.
 */
export const STREAM_OPTIONS: zlib.ZlibOptions & { highWaterMark: number } = { chunkSize: CHUNK_SIZE, highWaterMark: CHUNK_SIZE };

/** What a listener of a stream we let go does with a late error. */
export function ignore(): void {}

/** The window size given to zlib: RFC 7692's 8..15, with 8 as 9 (permessage-deflate.ts, "Window bits"). */
export function zlibWindowBits(windowBits: number): number {
  if (!Number.isInteger(windowBits) || windowBits < 8 || windowBits > 15) {
    throw new RangeError(`windowBits must be an integer from 8 to 15, got ${windowBits}`);
  }
  return Math.max(9, windowBits);
}
