/**
 * The sending half of RFC 6455, sans I/O: the bytes of one frame (§5.2), masked with a fresh key when
 * the client sends it (§5.3). The caller's payload is never modified: a client's masked copy is new.
 * @see https://www.rfc-editor.org/rfc/rfc6455#section-5.2
 */
import { SHORT_COPY, applyMask, maskShort, writeMaskKey } from './masking.js';

export const enum Opcode {
  Continuation = 0x0,
  Text = 0x1,
  Binary = 0x2,
  Close = 0x8,
  Ping = 0x9,
  Pong = 0xa,
}

/** The key being applied (used at once, so one array serves every frame). */
const keyScratch = new Uint8Array(4);
/** Payloads up to this size are copied behind their header into one buffer: one write, one allocation. */
const COPY_LIMIT = 16 * 1024;

/** The header's length for a payload of `length` bytes (§5.2: the shortest form). */
function headerLength(length: number, mask: boolean): number {
  return (length < 126 ? 2 : length < 0x10000 ? 4 : 10) + (mask ? 4 : 0);
}

/**
 * Writes the header of a frame of `length` payload bytes at the start of `target` (with a fresh key when
 * `mask`, as its last 4 bytes); returns the header's length, where the payload starts.
 */
export function writeHeader(target: Buffer, opcode: Opcode, fin: boolean, rsv1: boolean, length: number, mask: boolean): number {
  target[0] = (fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode;
  let at: number;
  if (length < 126) {
    target[1] = length;
    at = 2;
  } else if (length < 0x10000) {
    target[1] = 126;
    target[2] = length >>> 8;
    target[3] = length & 0xff;
    at = 4;
  } else {
    target[1] = 127;
    const hi = Math.floor(length / 0x100000000);
    target.writeUInt32BE(hi, 2);
    target.writeUInt32BE(length >>> 0, 6);
    at = 10;
  }
  if (mask) {
    target[1] |= 0x80;
    writeMaskKey(target, at);
    at += 4;
  }
  return at;
}

/**
 * True when a frame of `length` payload bytes is best written as its header followed by the caller's payload
 * itself ({@link encodeHeader}); false when the payload is copied behind the header into one buffer
 * ({@link encodeWholeFrame}): small payloads (one write, one allocation) and every masked one.
 */
export function sendsPayloadApart(length: number, mask: boolean): boolean {
  return !mask && length > COPY_LIMIT;
}

/** An unmasked frame's header alone, for a payload written after it (see {@link sendsPayloadApart}). */
export function encodeHeader(opcode: Opcode, fin: boolean, rsv1: boolean, length: number): Buffer {
  const head = Buffer.allocUnsafe(headerLength(length, false));
  writeHeader(head, opcode, fin, rsv1, length, false);
  return head;
}

/** The bytes of a whole frame (header and payload) of `length` payload bytes. */
export function frameLength(length: number, mask: boolean): number {
  return headerLength(length, mask) + length;
}

/**
 * The whole frame in one new buffer: the header, then `source[start, start + length)` copied in, masked
 * when `mask` (taking no view of `source`, which costs more than copying a short payload).
 */
export function encodeWholeFrame(
  opcode: Opcode,
  fin: boolean,
  rsv1: boolean,
  source: Uint8Array,
  start: number,
  length: number,
  mask: boolean,
): Buffer {
  const frame = Buffer.allocUnsafe(frameLength(length, mask));
  writeWholeFrame(frame, opcode, fin, rsv1, source, start, length, mask);
  return frame;
}

/**
 * Writes the whole frame of {@link encodeWholeFrame} at the start of `target`, which holds at least
 * {@link frameLength} bytes (a buffer reused from frame to frame); returns that length.
 */
export function writeWholeFrame(
  target: Buffer,
  opcode: Opcode,
  fin: boolean,
  rsv1: boolean,
  source: Uint8Array,
  start: number,
  length: number,
  mask: boolean,
): number {
  const at = writeHeader(target, opcode, fin, rsv1, length, mask);
  if (length === 0) return at;
  if (!mask) {
    if (length < SHORT_COPY) maskShort(source, start, length, 0, 0, target, at);
    else target.set(start === 0 && length === source.length ? source : source.subarray(start, start + length), at);
  } else if (length < SHORT_COPY) {
    // XOR with the key just written.
    maskShort(source, start, length, target.readUInt32BE(at - 4), 0, target, at);
  } else {
    keyScratch[0] = target[at - 4]!;
    keyScratch[1] = target[at - 3]!;
    keyScratch[2] = target[at - 2]!;
    keyScratch[3] = target[at - 1]!;
    applyMask(source, start, start + length, keyScratch, 0, target, at);
  }
  return at + length;
}

/**
 * The frame as one or two buffers: `[frame]` when the payload was copied in (small payloads, and every
 * masked one), else `[header, payload]`, the caller's payload itself, to be written together.
 */
export function encodeFrame(opcode: Opcode, fin: boolean, rsv1: boolean, payload: Uint8Array, mask: boolean): Buffer[] {
  const length = payload.length;
  if (sendsPayloadApart(length, mask)) return [encodeHeader(opcode, fin, rsv1, length), payload as Buffer];
  return [encodeWholeFrame(opcode, fin, rsv1, payload, 0, length, mask)];
}

/** RFC 6455 §5.5.1: a close frame's payload, the 16-bit code then the UTF-8 reason; empty for 1005. */
export function closePayload(code: number, reason: Buffer | null): Buffer {
  const length = reason === null ? 0 : reason.length;
  const payload = Buffer.allocUnsafe(2 + length);
  payload.writeUInt16BE(code & 0xffff, 0);
  if (length > 0) reason!.copy(payload, 2);
  return payload;
}
