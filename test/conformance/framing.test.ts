// RFC 6455 §5.2 base framing over raw TCP, for every role (roles.ts): payload lengths at the 7/16/64-bit
// boundaries both ways, length encodings, masking. See docs/behaviour.md#frame-layout, docs/behaviour.md#partial-reads.
import { describe, expect, it } from 'vitest';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { closeBody, frame } from '../helpers/peers.js';
import type { Frame } from '../helpers/peers.js';
import { None, receive, receiveMessage, roleNames, roles } from './roles.js';

function pattern(n: number, seed = 0): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 7 + seed) & 0xff;
  return b;
}

/** A frame header with the length written in `form` (7, 16 or 64 bits) whatever its size. */
function header(opcode: number, length: number, form: 7 | 16 | 64, mask: boolean): Buffer {
  const m = mask ? 0x80 : 0;
  if (form === 7) return Buffer.from([0x80 | opcode, m | length]);
  if (form === 16) {
    const b = Buffer.from([0x80 | opcode, m | 126, 0, 0]);
    b.writeUInt16BE(length, 2);
    return b;
  }
  const b = Buffer.alloc(10);
  b[0] = 0x80 | opcode;
  b[1] = m | 127;
  b.writeBigUInt64BE(BigInt(length), 2);
  return b;
}

/** The length field of the first frame in `bytes`: which form it used and its value. */
function lengthField(bytes: Buffer): { form: 7 | 16 | 64; length: number; masked: boolean } {
  const masked = (bytes[1]! & 0x80) !== 0;
  const l = bytes[1]! & 0x7f;
  if (l < 126) return { form: 7, length: l, masked };
  if (l === 126) return { form: 16, length: bytes.readUInt16BE(2), masked };
  return { form: 64, length: Number(bytes.readBigUInt64BE(2)), masked };
}

const lengths = [0, 1, 125, 126, 127, 65535, 65536, 65537, 200_000];

describe.each(roleNames)('RFC 6455 §5.2 payload lengths: %s', (role) => {
  it.each(lengths)('receives a %i-byte binary frame whole and intact', async (n) => {
    const c = await roles[role]();
    const payload = pattern(n);
    await c.send(frame(0x2, payload, { mask: c.mask }));
    const { r, data } = await receive(c.ws, n + 1);
    expect([r.Count, r.MessageType, r.EndOfMessage]).toEqual([n, WebSocketMessageType.Binary, true]);
    expect(data.equals(payload)).toBe(true);
  });

  it.each(lengths)('receives a %i-byte frame through a 4 KiB buffer in buffer-sized pieces', async (n) => {
    const c = await roles[role]();
    const payload = pattern(n, 3);
    await c.send(frame(0x2, payload, { mask: c.mask }));
    const m = await receiveMessage(c.ws, 4096);
    expect(m.data.equals(payload)).toBe(true);
    const expected: Array<[number, boolean]> = [];
    for (let left = n; ; left -= 4096) {
      expected.push([Math.min(left, 4096), left <= 4096]);
      if (left <= 4096) break;
    }
    expect(m.pieces).toEqual(expected);
  });

  it.each([
    [5, 16],
    [5, 64],
    [300, 64],
  ] as const)('accepts a %i-byte payload whose length is written in the %i-bit form', async (n, form) => {
    const c = await roles[role]();
    const payload = pattern(n, 9);
    const key = Buffer.from([1, 2, 3, 4]);
    const body = Buffer.from(payload);
    if (c.mask) for (let i = 0; i < body.length; i++) body[i]! ^= key[i % 4]!;
    await c.send(Buffer.concat([header(0x2, n, form, c.mask), c.mask ? key : Buffer.alloc(0), body]));
    const { r, data } = await receive(c.ws, n + 1);
    expect([r.Count, r.EndOfMessage]).toEqual([n, true]);
    expect(data.equals(payload)).toBe(true);
  });

  it.each(lengths)('sends a %i-byte message as one frame with the shortest length form', async (n) => {
    const c = await roles[role]();
    const raw: Buffer[] = [];
    c.peer.on('data', (chunk: Buffer) => raw.push(chunk));
    const payload = pattern(n, 5);
    const copy = Buffer.from(payload);
    await c.ws.SendAsync(new ArraySegment(new Uint8Array(payload.buffer, payload.byteOffset, n)), WebSocketMessageType.Binary, true, None);
    const f = await c.frames.next();
    expect([f!.opcode, f!.fin, f!.rsv, f!.masked]).toEqual([2, true, 0, !c.mask]);
    expect(f!.payload.equals(copy)).toBe(true);
    // The caller's buffer is not masked in place (docs/behaviour.md#frame-layout).
    expect(payload.equals(copy)).toBe(true);
    const field = lengthField(Buffer.concat(raw));
    expect(field).toEqual({ form: n < 126 ? 7 : n < 65536 ? 16 : 64, length: n, masked: !c.mask });
  });

  it('masks each frame with a fresh key as a client, and not at all as a server', async () => {
    const c = await roles[role]();
    const raw: Buffer[] = [];
    c.peer.on('data', (chunk: Buffer) => raw.push(chunk));
    for (let i = 0; i < 4; i++) await c.ws.SendAsync(new ArraySegment(new Uint8Array(4)), WebSocketMessageType.Binary, true, None);
    const frames: Array<Frame | null> = [];
    for (let i = 0; i < 4; i++) frames.push(await c.frames.next());
    // The mask bit of every frame: set by a client, clear from a server (c.mask: the peer is the client).
    expect(frames.map((f) => f?.masked)).toEqual(Array(4).fill(!c.mask));
    const bytes = Buffer.concat(raw);
    // Each frame is 2 header bytes, the key when masked, and 4 payload bytes.
    const stride = c.mask ? 6 : 10;
    expect(bytes.length).toBe(4 * stride);
    if (!c.mask) {
      const keys = new Set<string>();
      for (let at = 0; at < bytes.length; at += stride) keys.add(bytes.subarray(at + 2, at + 6).toString('hex'));
      // Four random keys are distinct in practice.
      expect(keys.size).toBe(4);
    }
  });

  it('keeps the frames of a message and the next message apart when they arrive in one TCP segment', async () => {
    const c = await roles[role]();
    await c.send(
      Buffer.concat([
        frame(0x1, 'one', { mask: c.mask }),
        frame(0x2, Buffer.from([1, 2]), { mask: c.mask }),
        frame(0x1, '', { mask: c.mask }),
        frame(0x8, closeBody(1000, 'end'), { mask: c.mask }),
      ]),
    );
    const seen: Array<[number, WebSocketMessageType, boolean, string]> = [];
    for (let i = 0; i < 4; i++) {
      const { r, data } = await receive(c.ws, 64);
      seen.push([r.Count, r.MessageType, r.EndOfMessage, data.toString('hex')]);
    }
    expect(seen).toEqual([
      [3, WebSocketMessageType.Text, true, Buffer.from('one').toString('hex')],
      [2, WebSocketMessageType.Binary, true, '0102'],
      [0, WebSocketMessageType.Text, true, ''],
      [0, WebSocketMessageType.Close, true, ''],
    ]);
  });

  it('reads a frame written one byte at a time', async () => {
    const c = await roles[role]();
    const bytes = frame(0x1, 'slow but whole', { mask: c.mask });
    for (const b of bytes) await c.send(Buffer.from([b]));
    const { r, data } = await receive(c.ws, 64);
    expect([r.Count, r.EndOfMessage, data.toString()]).toEqual([14, true, 'slow but whole']);
  });
});
