/**
 * Masking (RFC 6455 §5.3): XOR of the payload with a 4-byte key, and the keys a client draws.
 * Uses the optional native `bufferutil` for long payloads where it is installed, as `ws` does.
 */
import { randomFillSync } from 'node:crypto';
import { createRequire } from 'node:module';

interface BufferUtil {
  mask(source: Uint8Array, mask: Uint8Array, output: Uint8Array, offset: number, length: number): void;
}

/** The native masker, or null when `bufferutil` is not installed (it is an optional dependency). */
const native: BufferUtil | null = (() => {
  if (process.env['WS_NO_BUFFER_UTIL']) return null;
  try {
    return createRequire(import.meta.url)('bufferutil') as BufferUtil;
  } catch {
    return null;
  }
})();

/** Below this length the JavaScript loop beats the native call's overhead. */
const NATIVE_MIN = 48;

/**
 * Writes `source[start..end)` XOR the key into `output` from `outputOffset`; `keyOffset` is the position of
 * `source[start]` within the frame's payload, so that a payload copied in pieces is unmasked right.
 */
export function applyMask(
  source: Uint8Array,
  start: number,
  end: number,
  key: Uint8Array,
  keyOffset: number,
  output: Uint8Array,
  outputOffset: number,
): void {
  const length = end - start;
  const k0 = key[keyOffset & 3]!;
  const k1 = key[(keyOffset + 1) & 3]!;
  const k2 = key[(keyOffset + 2) & 3]!;
  const k3 = key[(keyOffset + 3) & 3]!;
  if (native !== null && length >= NATIVE_MIN) {
    const rotated = (keyOffset & 3) === 0 ? key : Uint8Array.of(k0, k1, k2, k3);
    native.mask(source.subarray(start, end), rotated, output, outputOffset, length);
    return;
  }
  let i = 0;
  for (; i + 3 < length; i += 4) {
    output[outputOffset + i] = source[start + i]! ^ k0;
    output[outputOffset + i + 1] = source[start + i + 1]! ^ k1;
    output[outputOffset + i + 2] = source[start + i + 2]! ^ k2;
    output[outputOffset + i + 3] = source[start + i + 3]! ^ k3;
  }
  for (; i < length; i++) output[outputOffset + i] = source[start + i]! ^ key[(keyOffset + i) & 3]!;
}

/**
 * Copies shorter than this run as a loop ({@link maskShort}, {@link unmaskShort}): a view and a native
 * call (Buffer#copy, bufferutil) cost more than the loop.
 */
export const SHORT_COPY = 64;

/**
 * Copies `length` bytes of `payload` from `start` into a frame being built, `frame` at `at`, XOR the key
 * (the 4 bytes as one big-endian number; 0 copies them as they are), byte i taking the key's byte at
 * payload position `position + i`. Returns the OR of the bytes written: below 0x80 when all were ASCII.
 *
 * {@link unmaskShort} is the same loop for received bytes: two functions, so that each keeps its own type
 * feedback. Shared, the loop would see a Buffer and a Uint8Array on each side and run polymorphic, at
 * nearly twice the cost (~80 ns more per 32-byte round trip).
 */
export function maskShort(
  payload: Uint8Array,
  start: number,
  length: number,
  key: number,
  position: number,
  frame: Uint8Array,
  at: number,
): number {
  const shift = (position & 3) * 8;
  const rotated = shift === 0 ? key : ((key << shift) | (key >>> (32 - shift))) >>> 0;
  const k0 = rotated >>> 24;
  const k1 = (rotated >>> 16) & 0xff;
  const k2 = (rotated >>> 8) & 0xff;
  const k3 = rotated & 0xff;
  let seen = 0;
  let i = 0;
  for (; i + 3 < length; i += 4) {
    const b0 = payload[start + i]! ^ k0;
    const b1 = payload[start + i + 1]! ^ k1;
    const b2 = payload[start + i + 2]! ^ k2;
    const b3 = payload[start + i + 3]! ^ k3;
    frame[at + i] = b0;
    frame[at + i + 1] = b1;
    frame[at + i + 2] = b2;
    frame[at + i + 3] = b3;
    seen |= b0 | b1 | b2 | b3;
  }
  // At most three bytes are left, which take k0, k1, k2.
  for (; i < length; i++) {
    const b = payload[start + i]! ^ (i % 4 === 0 ? k0 : i % 4 === 1 ? k1 : k2);
    frame[at + i] = b;
    seen |= b;
  }
  return seen;
}

/** {@link maskShort} for received bytes, `received` from `start` into the caller's `buffer` at `at`. */
export function unmaskShort(
  received: Uint8Array,
  start: number,
  length: number,
  key: number,
  position: number,
  buffer: Uint8Array,
  at: number,
): number {
  // The key rotated to the payload position, so that byte i takes k[i & 3].
  const shift = (position & 3) * 8;
  const rotated = shift === 0 ? key : ((key << shift) | (key >>> (32 - shift))) >>> 0;
  const k0 = rotated >>> 24;
  const k1 = (rotated >>> 16) & 0xff;
  const k2 = (rotated >>> 8) & 0xff;
  const k3 = rotated & 0xff;
  let seen = 0;
  let i = 0;
  for (; i + 3 < length; i += 4) {
    const b0 = received[start + i]! ^ k0;
    const b1 = received[start + i + 1]! ^ k1;
    const b2 = received[start + i + 2]! ^ k2;
    const b3 = received[start + i + 3]! ^ k3;
    buffer[at + i] = b0;
    buffer[at + i + 1] = b1;
    buffer[at + i + 2] = b2;
    buffer[at + i + 3] = b3;
    seen |= b0 | b1 | b2 | b3;
  }
  for (; i < length; i++) {
    const b = received[start + i]! ^ (i % 4 === 0 ? k0 : i % 4 === 1 ? k1 : k2);
    buffer[at + i] = b;
    seen |= b;
  }
  return seen;
}

/** A frame's masking key (one big-endian number) as the bytes {@link applyMask} takes: one shared array, used at once. */
const keyBytes = new Uint8Array(4);
export function maskKey(mask: number): Uint8Array {
  keyBytes[0] = mask >>> 24;
  keyBytes[1] = (mask >>> 16) & 0xff;
  keyBytes[2] = (mask >>> 8) & 0xff;
  keyBytes[3] = mask & 0xff;
  return keyBytes;
}

/** Random bytes drawn 8 KiB at a time: a client needs a fresh, unpredictable key per frame (§5.3). */
const POOL_SIZE = 8192;
let pool = Buffer.allocUnsafe(POOL_SIZE);
let poolOffset = POOL_SIZE;

/** Writes a fresh masking key into `target` at `offset`. */
export function writeMaskKey(target: Uint8Array, offset: number): void {
  if (poolOffset === POOL_SIZE) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_SIZE));
    poolOffset = 0;
  }
  target[offset] = pool[poolOffset]!;
  target[offset + 1] = pool[poolOffset + 1]!;
  target[offset + 2] = pool[poolOffset + 2]!;
  target[offset + 3] = pool[poolOffset + 3]!;
  poolOffset += 4;
}
