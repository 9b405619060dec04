// MessageInflater and MessageDeflater against independent peers: node:zlib's one-shot functions, ws's own
// PerMessageDeflate, and the frames .NET 10 wrote and read (test/fixtures/deflate-negotiation.json).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InflateError, MessageDeflater, MessageInflater } from '../../src/protocol/permessage-deflate.js';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { inflateFailureMessage } from '../../src/shared/deflate-messages.js';

const require = createRequire(import.meta.url);
/** ws's lib folder: its package exports do not list these files. */
const wsLib = join(dirname(require.resolve('ws')), 'lib');
/** ws's own permessage-deflate and extension-header parser: the independent peer. */
const WsPerMessageDeflate = require(join(wsLib, 'permessage-deflate.js')) as new (
  options: object,
  isServer: boolean,
  maxPayload: number,
) => WsPmd;
const wsExtension = require(join(wsLib, 'extension.js')) as { parse(header: string): Record<string, object[]> };
interface WsPmd {
  accept(offers: object[]): object;
  compress(data: Buffer, fin: boolean, cb: (err: Error | null, out: Buffer) => void): void;
  decompress(data: Buffer, fin: boolean, cb: (err: Error | null, out: Buffer) => void): void;
  cleanup(): void;
}

const TAIL = Buffer.from([0x00, 0x00, 0xff, 0xff]);
const SYNC = { finishFlush: zlib.constants.Z_SYNC_FLUSH };

/** Everything a test made, let go in afterEach. */
const made: Array<{ dispose(): void } | WsPmd> = [];
afterEach(() => {
  for (const m of made.splice(0)) {
    if ('dispose' in m) m.dispose();
    else m.cleanup();
  }
});
function inflater(windowBits: number, noContextTakeover: boolean): MessageInflater {
  const i = new MessageInflater(windowBits, noContextTakeover);
  made.push(i);
  return i;
}
function deflater(windowBits: number, noContextTakeover: boolean): MessageDeflater {
  const d = new MessageDeflater(windowBits, noContextTakeover);
  made.push(d);
  return d;
}

const compress = (d: MessageDeflater, data: Uint8Array, fin: boolean): Promise<Buffer> =>
  new Promise((resolve, reject) => d.compress(data, fin, (err, out) => (err ? reject(err) : resolve(out))));

const waitFor = (i: MessageInflater): Promise<void> => new Promise((resolve, reject) => i.wait((err) => (err ? reject(err) : resolve())));

/** Splits `data` into pieces whose sizes cycle through `sizes`. */
function split(data: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (let at = 0, k = 0; at < data.length; k++) {
    const size = sizes[k % sizes.length]!;
    pieces.push(data.subarray(at, at + size));
    at += size;
  }
  return pieces;
}

/**
 * Inflates one message the way an engine does: writes each frame's payload in pieces when the inflater
 * wants input, reads through a buffer whose size cycles through `readSizes`, ends after the last frame.
 */
async function inflateMessage(
  i: MessageInflater,
  frames: readonly Uint8Array[],
  { pieces = [1 << 30], readSizes = [4096] }: { pieces?: readonly number[]; readSizes?: readonly number[] } = {},
): Promise<Buffer> {
  const out: Buffer[] = [];
  const buffer = new Uint8Array(Math.max(...readSizes));
  let r = 0;
  const drain = (): void => {
    for (let n; (n = i.read(buffer, 0, readSizes[r++ % readSizes.length]!)) > 0;) out.push(Buffer.from(buffer.subarray(0, n)));
  };
  for (const frame of frames) {
    for (const piece of split(frame, pieces)) {
      for (drain(); !i.needsInput; drain()) await waitFor(i);
      i.write(piece);
    }
  }
  i.end();
  for (drain(); !i.messageComplete; drain()) await waitFor(i);
  return Buffer.concat(out);
}

/** A message's payload as node:zlib writes it: sync-flushed, tail removed (RFC 7692 §7.2.1). */
function zlibPayload(data: Uint8Array, windowBits = 15): Buffer {
  const out = zlib.deflateRawSync(data, { ...SYNC, windowBits: Math.max(9, windowBits) });
  return out.subarray(0, out.length - 4);
}

/** Text that compresses: words from a small vocabulary. */
function text(words: number, seed = 1): Buffer {
  const vocabulary = ['hello', 'world', 'deflate', 'window', 'context', 'takeover', 'frame', '\n', ' ', '{"id":', '}'];
  let s = '';
  let x = seed;
  for (let k = 0; k < words; k++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += vocabulary[x % vocabulary.length] + ' ';
  }
  return Buffer.from(s);
}

interface Fixture {
  send: Array<{ id: string; frames: Array<{ fin: boolean; rsv1: boolean; opcode: number; payload: string }> }>;
  receive: Array<{
    id: string;
    bufferSize: number;
    sent: string[];
    outcome: {
      results: Array<{
        count?: number;
        type?: string;
        endOfMessage?: boolean;
        text?: string;
        message?: string;
        exception?: string;
        webSocketError?: string;
      }>;
    };
  }>;
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/deflate-negotiation.json', import.meta.url), 'utf8')) as Fixture;

describe('MessageDeflater', () => {
  describe('#compress', () => {
    it.each([
      ['send', false],
      ['send-no-context-takeover', true],
    ] as const)('writes the payloads .NET wrote in the %s table', async (id, noContextTakeover) => {
      // Program.cs `Send`: hello, hello, empty, ab…, …empty…, cd, ab…, empty (then an uncompressed hello).
      const calls: Array<[string, boolean]> = [
        ['hello', true],
        ['hello', true],
        ['', true],
        ['ab', false],
        ['', false],
        ['cd', true],
        ['ab', false],
        ['', true],
      ];
      const d = deflater(15, noContextTakeover);
      const payloads = await Promise.all(calls.map(([s, fin]) => compress(d, Buffer.from(s), fin)));
      const expected = fixture.send
        .find((s) => s.id === id)!
        .frames.slice(0, calls.length)
        .map((f) => f.payload);
      expect(payloads.map((p) => p.toString('hex'))).toEqual(expected);
    });

    it('writes an empty final fragment as 00 and an empty non-final one as 00 00 00 ff ff', async () => {
      const d = deflater(15, false);
      expect((await compress(d, new Uint8Array(0), true)).toString('hex')).toBe('00');
      expect((await compress(d, new Uint8Array(0), false)).toString('hex')).toBe('000000ffff');
      expect((await compress(d, Buffer.from('x'), false)).subarray(-4)).toEqual(TAIL);
      expect((await compress(d, new Uint8Array(0), false)).toString('hex')).toBe('000000ffff');
      expect((await compress(d, new Uint8Array(0), true)).toString('hex')).toBe('00');
    });

    it('starts afresh after a message that ends with an empty fragment, without context takeover', async () => {
      // Found by Autobahn 13.2.11: an echo that ends a message with an empty final fragment kept its window,
      // and the peer, which resets its inflater per message, met distances into the old one.
      const d = deflater(15, true);
      const first = await compress(d, Buffer.from('hello hello hello'), false);
      const end = await compress(d, new Uint8Array(0), true);
      const second = await compress(d, Buffer.from('hello hello hello'), true);
      expect(zlib.inflateRawSync(Buffer.concat([first, end, TAIL]), { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString()).toBe(
        'hello hello hello',
      );
      // The second message inflates on its own, with a fresh inflater.
      expect(zlib.inflateRawSync(Buffer.concat([second, TAIL]), { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString()).toBe(
        'hello hello hello',
      );
    });

    it.each([8, 9, 10, 11, 12, 13, 14, 15])(
      'round-trips 20 messages through inflateRawSync at window bits %i, context kept',
      async (bits) => {
        const d = deflater(bits, false);
        const messages = Array.from({ length: 20 }, (_, k) => text(50 + k * 40, k));
        const payloads: Buffer[] = [];
        for (const m of messages) payloads.push(await compress(d, m, true));
        // With context takeover the messages are one DEFLATE stream: inflate them back to back.
        const stream = Buffer.concat(payloads.flatMap((p) => [p, TAIL]));
        expect(zlib.inflateRawSync(stream, { ...SYNC, windowBits: Math.max(9, bits) })).toEqual(Buffer.concat(messages));
        // A short message sent twice: the second time it is mostly a reference to the first.
        const short = text(25, 99);
        const first = await compress(d, short, true);
        expect((await compress(d, short, true)).length).toBeLessThan(first.length / 4);
      },
    );

    it.each([8, 9, 12, 15])('round-trips messages that each inflate alone at window bits %i, no context takeover', async (bits) => {
      const d = deflater(bits, true);
      for (let k = 0; k < 10; k++) {
        const m = text(200, 7); // the same message every time: only a fresh window compresses it alike
        const payload = await compress(d, m, true);
        expect(zlib.inflateRawSync(Buffer.concat([payload, TAIL]), { ...SYNC, windowBits: Math.max(9, bits) })).toEqual(m);
      }
    });

    it('keeps to its window: noise repeated 1024 bytes apart passes a strict 512-byte inflater', async () => {
      let x = 12345;
      const block = Buffer.from(Array.from({ length: 1024 }, () => (x = (x * 1103515245 + 12345) >>> 0) >>> 24));
      const m = Buffer.concat([block, block, block]);
      // 64-byte output chunks: a distance beyond the 512-byte window cannot be served from the output.
      const strict = { ...SYNC, windowBits: 9, chunkSize: 64 };
      const payload = await compress(deflater(9, false), m, true);
      expect(zlib.inflateRawSync(Buffer.concat([payload, TAIL]), strict)).toEqual(m);
      // A 15-bit deflater uses the 1024-byte distance, which the strict inflater rejects: the test can tell.
      const wide = await compress(deflater(15, false), m, true);
      expect(wide.length).toBeLessThan(m.length / 2);
      expect(() => zlib.inflateRawSync(Buffer.concat([wide, TAIL]), strict)).toThrow(/too far back/);
    });

    it('serves calls in call order, fragments of several messages queued at once', async () => {
      const d = deflater(15, false);
      const fragments = Array.from({ length: 30 }, (_, k) => text(20 + k, k));
      const order: number[] = [];
      const payloads = await Promise.all(
        fragments.map((f, k) =>
          compress(d, f, k % 3 === 2).then((p) => {
            order.push(k);
            return p;
          }),
        ),
      );
      expect(order).toEqual(fragments.map((_, k) => k));
      // Every third fragment ends a message: only those lose the tail.
      const stream = Buffer.concat(payloads.flatMap((p, k) => (k % 3 === 2 ? [p, TAIL] : [p])));
      expect(zlib.inflateRawSync(stream, SYNC)).toEqual(Buffer.concat(fragments));
    });

    it('gives a payload the caller may mask in place without harming later ones', async () => {
      const d = deflater(15, false);
      const first = await compress(d, Buffer.from('hello hello hello'), true);
      const copy = Buffer.from(first);
      first.fill(0xaa);
      const second = await compress(d, Buffer.from('hello hello hello'), true);
      const stream = Buffer.concat([copy, TAIL, second, TAIL]);
      expect(zlib.inflateRawSync(stream, SYNC).toString()).toBe('hello hello hellohello hello hello');
    });

    it.each([
      ['permessage-deflate', 15, false],
      ['permessage-deflate; server_no_context_takeover', 15, true],
      ['permessage-deflate; server_max_window_bits=9', 9, false],
      ['permessage-deflate; server_max_window_bits=11; server_no_context_takeover', 11, true],
    ] as const)('writes what ws inflates, across 25 fragmented messages (%s)', async (header, bits, noContextTakeover) => {
      // ws as the client of our server: it inflates with server_max_window_bits / server_no_context_takeover.
      const ws = new WsPerMessageDeflate({ serverNoContextTakeover: noContextTakeover, serverMaxWindowBits: bits }, false, 0);
      made.push(ws);
      ws.accept(wsExtension.parse(header)['permessage-deflate']!);
      const d = deflater(bits, noContextTakeover);
      for (let k = 0; k < 25; k++) {
        const m = text(30 + ((k * 37) % 300), k % 4);
        const parts = split(m, [1 + (k % 5) * 97, 13]);
        const got: Buffer[] = [];
        for (let p = 0; p < parts.length; p++) {
          const fin = p === parts.length - 1;
          const payload = await compress(d, parts[p]!, fin);
          // ws inflates frame by frame; its receiver joins the pieces.
          got.push(await new Promise<Buffer>((resolve, reject) => ws.decompress(payload, fin, (e, o) => (e ? reject(e) : resolve(o)))));
        }
        expect(Buffer.concat(got)).toEqual(m);
      }
    });
  });

  describe('#dispose', () => {
    it('drops pending calls: none of their callbacks comes, no error is raised', async () => {
      const d = new MessageDeflater(15, false);
      const witness = deflater(15, false);
      const calls: number[] = [];
      const big = text(20000, 3);
      for (let k = 0; k < 5; k++) d.compress(big, k === 4, () => calls.push(k));
      d.compress(new Uint8Array(0), true, () => calls.push(99));
      d.dispose();
      d.compress(big, true, () => calls.push(100));
      // The same work on another deflater: when it is done, the disposed one would have answered too.
      for (let k = 0; k < 5; k++) await compress(witness, big, k === 4);
      await compress(witness, new Uint8Array(0), true);
      await new Promise((r) => setImmediate(r));
      expect(calls).toEqual([]);
    });
  });

  it('rejects window bits outside 8..15', () => {
    expect(() => new MessageDeflater(7, false)).toThrow(RangeError);
    expect(() => new MessageDeflater(16, false)).toThrow(RangeError);
    expect(() => new MessageInflater(9.5, false)).toThrow(RangeError);
  });
});

describe('MessageInflater', () => {
  describe('#read', () => {
    it.each([8, 9, 10, 11, 12, 13, 14, 15])('inflates node:zlib’s payloads at window bits %i', async (bits) => {
      const i = inflater(bits, true);
      for (const [size, readSizes] of [
        [10, [1]],
        [5000, [7, 4096]],
        [70000, [65536]],
      ] as const) {
        const m = text(size / 5, size);
        expect(await inflateMessage(i, [zlibPayload(m, bits)], { readSizes })).toEqual(m.subarray(0, m.length));
      }
    });

    it('keeps the window across messages with context takeover, and starts afresh without it', async () => {
      const m = text(300, 5);
      // One deflate stream for two messages: the second is mostly back-references into the first.
      const z = zlib.createDeflateRaw({ flush: zlib.constants.Z_SYNC_FLUSH });
      const chunks: Buffer[] = [];
      z.on('data', (c: Buffer) => chunks.push(c));
      const flushOne = (data: Buffer): Promise<Buffer> =>
        new Promise((resolve) =>
          z.write(data, () => {
            const out = Buffer.concat(chunks.splice(0));
            resolve(out.subarray(0, out.length - 4));
          }),
        );
      const first = await flushOne(m);
      const second = await flushOne(m);
      z.close();
      expect(second.length).toBeLessThan(first.length / 4);

      const kept = inflater(15, false);
      expect(await inflateMessage(kept, [first])).toEqual(m);
      expect(await inflateMessage(kept, [second])).toEqual(m);

      // Without context takeover the second payload's references point nowhere: zlib says so.
      const fresh = inflater(15, true);
      expect(await inflateMessage(fresh, [first])).toEqual(m);
      await expect(inflateMessage(fresh, [second])).rejects.toMatchObject({ reason: 'invalid-data' });
    });

    it.each([
      ['permessage-deflate', 15, false],
      ['permessage-deflate; client_no_context_takeover', 15, true],
      ['permessage-deflate; client_max_window_bits=9', 9, false],
      ['permessage-deflate; client_max_window_bits=12; client_no_context_takeover', 12, true],
    ] as const)('inflates what ws compresses, across 25 fragmented messages (%s)', async (header, bits, noContextTakeover) => {
      // ws as a client compressing toward our server: client_max_window_bits / client_no_context_takeover.
      const ws = new WsPerMessageDeflate({ clientNoContextTakeover: noContextTakeover, clientMaxWindowBits: bits, threshold: 0 }, false, 0);
      made.push(ws);
      ws.accept(wsExtension.parse(header)['permessage-deflate']!);
      const i = inflater(bits, noContextTakeover);
      for (let k = 0; k < 25; k++) {
        const m = text(30 + ((k * 53) % 400), k % 3);
        const parts = split(m, [1 + (k % 7) * 61]);
        const frames: Buffer[] = [];
        for (let p = 0; p < parts.length; p++) {
          frames.push(
            await new Promise<Buffer>((resolve, reject) =>
              ws.compress(Buffer.from(parts[p]!), p === parts.length - 1, (e, o) => (e ? reject(e) : resolve(o))),
            ),
          );
        }
        expect(await inflateMessage(i, frames, { pieces: [3, 50], readSizes: [1 + k * 11] })).toEqual(m);
      }
    });

    it('reads an empty compressed message (the tail alone) as empty', async () => {
      const i = inflater(15, false);
      expect(await inflateMessage(i, [])).toEqual(Buffer.alloc(0));
      expect(i.messageComplete).toBe(true);
      expect(i.needsInput).toBe(true);
    });

    it('reads .NET’s empty message (00) as empty and goes on', async () => {
      const i = inflater(15, false);
      expect(await inflateMessage(i, [Buffer.from([0])])).toEqual(Buffer.alloc(0));
      expect((await inflateMessage(i, [zlibPayload(Buffer.from('abc'))])).toString()).toBe('abc');
    });
  });

  describe('#wait', () => {
    it('reports invalid compressed data with .NET’s message', async () => {
      const i = inflater(15, false);
      i.write(Buffer.from([0xff, 0xff, 0xff, 0xff]));
      const err = await new Promise<Error | null>((resolve) => i.wait(resolve));
      expect(err).toBeInstanceOf(InflateError);
      expect((err as InflateError).reason).toBe('invalid-data');
      expect(inflateFailureMessage(err!)).toBe(dotnetMessage('ZLibUnsupportedCompression'));
      expect((err!.cause as { code: string }).code).toBe('Z_DATA_ERROR');
      // The inflater is finished: reads return nothing, later waits get the same error.
      expect(i.read(new Uint8Array(10), 0, 10)).toBe(0);
      expect(i.needsInput).toBe(false);
      expect(await new Promise((resolve) => i.wait(resolve))).toBe(err);
    });

    it('reports a DEFLATE block with BFINAL as data after the end of the stream, as .NET 10 does', async () => {
      const i = inflater(15, false);
      const err = await inflateMessage(i, [zlib.deflateRawSync(Buffer.from('hello'))]).catch((e: unknown) => e as InflateError);
      expect(err).toBeInstanceOf(InflateError);
      expect((err as InflateError).reason).toBe('data-after-final-block');
      expect(inflateFailureMessage(err as InflateError)).toBe(dotnetMessage('net_WebSockets_DataAfterBFinal'));
    });

    it('answers on a later tick even when it could answer at once', async () => {
      const i = inflater(15, false);
      let called = false;
      i.wait(() => (called = true));
      expect(called).toBe(false);
      await new Promise((r) => process.nextTick(r));
      expect(called).toBe(true);
    });

    it('refuses a second wait while one is pending', () => {
      const i = inflater(15, false);
      i.write(Buffer.from([1, 2, 3]));
      i.wait(() => {});
      expect(() => i.wait(() => {})).toThrow();
    });
  });

  describe('#write', () => {
    it('copies the caller’s bytes: reusing the chunk at once changes nothing', async () => {
      const i = inflater(15, false);
      const m = text(400, 9);
      const payload = Buffer.from(zlibPayload(m));
      const chunk = Buffer.from(payload);
      i.write(chunk);
      chunk.fill(0xff);
      i.end();
      expect(() => i.end()).toThrow(/already called/);
      const out = Buffer.alloc(m.length + 10);
      let n = 0;
      while (!i.messageComplete) {
        n += i.read(out, n, out.length - n);
        if (!i.messageComplete) await waitFor(i);
      }
      expect(out.subarray(0, n)).toEqual(m);
    });

    it('refuses input while output waits unread', async () => {
      const i = inflater(15, false);
      i.write(zlibPayload(text(100)));
      await waitFor(i);
      expect(i.bufferedLength).toBeGreaterThan(0);
      expect(() => i.write(Buffer.from([0]))).toThrow(/needsInput/);
    });
  });

  describe('memory', () => {
    it('inflates a 1 GiB bomb through 4 KiB reads holding a bounded amount of it', { timeout: 180_000 }, async () => {
      // ~1 MiB of DEFLATE that inflates to 1 GiB of zeros, made without ever holding the 1 GiB.
      const zero = Buffer.alloc(1 << 20);
      const z = zlib.createDeflateRaw({ level: 9, flush: zlib.constants.Z_NO_FLUSH });
      const parts: Buffer[] = [];
      z.on('data', (c: Buffer) => parts.push(c));
      for (let k = 0; k < 1024; k++) await new Promise((r) => z.write(zero, r));
      await new Promise<void>((r) => z.flush(zlib.constants.Z_SYNC_FLUSH, () => r()));
      z.close();
      const bomb = Buffer.concat(parts);
      parts.length = 0;
      const payload = bomb.subarray(0, bomb.length - 4);
      expect(payload.length).toBeLessThan(1.1 * (1 << 20));

      const i = inflater(15, false);
      const before = process.memoryUsage();
      let peakRss = before.rss;
      let peakArrayBuffers = before.arrayBuffers;
      const out = new Uint8Array(4096);
      const pieces = split(payload, [64 * 1024]);
      let total = 0;
      // An application's ReceiveAsync loop: one 4 KiB read at a time, yielding to I/O between reads, so
      // zlib (on the thread pool) could run far ahead if nothing held it back.
      for (let reads = 1; !i.messageComplete; reads++) {
        const n = i.read(out, 0, out.length);
        total += n;
        // zlib pauses at 64 KiB unread, plus at most a chunk or two in flight.
        if (i.bufferedLength > 128 * 1024) expect.fail(`${i.bufferedLength} bytes inflated ahead of the reader`);
        if (n === 0) {
          if (i.needsInput) {
            if (pieces.length > 0) i.write(pieces.shift()!);
            else i.end();
          } else {
            await waitFor(i);
          }
        }
        if (reads % 1024 === 0) {
          const now = process.memoryUsage();
          peakRss = Math.max(peakRss, now.rss);
          peakArrayBuffers = Math.max(peakArrayBuffers, now.arrayBuffers);
        }
        await new Promise((r) => setImmediate(r));
      }
      expect(total).toBe(1 << 30);
      // A memory bound, not a timing: 64 MiB is generous; accumulating the output would take 1 GiB.
      expect(peakRss - before.rss).toBeLessThan(64 * 1024 * 1024);
      expect(peakArrayBuffers - before.arrayBuffers).toBeLessThan(64 * 1024 * 1024);
    });
  });

  describe('#dispose', () => {
    it('drops a message in flight: no wait callback comes, no error is raised', async () => {
      const i = new MessageInflater(15, false);
      const witness = inflater(15, false);
      const m = text(30000, 2);
      const payload = zlibPayload(m);
      const calls: string[] = [];
      i.write(payload);
      i.end();
      i.wait(() => calls.push('wait'));
      i.dispose();
      i.wait(() => calls.push('wait after dispose'));
      i.write(payload);
      i.end();
      expect(i.read(new Uint8Array(10), 0, 10)).toBe(0);
      expect(i.needsInput).toBe(false);
      expect(i.messageComplete).toBe(false);
      // The same work on another inflater: when it is done, the disposed one would have answered too.
      expect(await inflateMessage(witness, [payload])).toEqual(m);
      await new Promise((r) => setImmediate(r));
      expect(calls).toEqual([]);
    });

    it('drops a paused bomb half read', async () => {
      const i = new MessageInflater(15, false);
      i.write(zlibPayload(Buffer.alloc(8 << 20)));
      await waitFor(i);
      expect(i.read(new Uint8Array(100), 0, 100)).toBe(100);
      i.wait(() => {
        throw new Error('called after dispose');
      });
      i.dispose();
      const witness = inflater(15, false);
      expect((await inflateMessage(witness, [zlibPayload(Buffer.alloc(8 << 20))])).length).toBe(8 << 20);
    });
  });
});

// -----------------------------------------------------------------------------------------------------
// .NET's receive table, replayed: the engine recipe of the file header, fed the frames .NET read.
// -----------------------------------------------------------------------------------------------------
interface Frame {
  fin: boolean;
  rsv1: boolean;
  opcode: number;
  payload: Buffer;
}
function parseServerFrame(hex: string): Frame {
  const b = Buffer.from(hex, 'hex');
  let len = b[1]! & 0x7f;
  let at = 2;
  if (len === 126) {
    len = b.readUInt16BE(2);
    at = 4;
  } else if (len === 127) {
    len = Number(b.readBigUInt64BE(2));
    at = 10;
  }
  return { fin: (b[0]! & 0x80) !== 0, rsv1: (b[0]! & 0x40) !== 0, opcode: b[0]! & 0x0f, payload: b.subarray(at, at + len) };
}

/** ReceiveAsync results as .NET reports them: [count, text, endOfMessage] or the exception message. */
async function replay(frames: Frame[], bufferSize: number): Promise<Array<[number, string, boolean] | string>> {
  const results: Array<[number, string, boolean] | string> = [];
  const i = inflater(15, false);
  const buffer = new Uint8Array(bufferSize);
  let compressed = false;
  for (const frame of frames) {
    if (frame.opcode === 8) break;
    if (frame.opcode !== 0) compressed = frame.rsv1;
    if (!compressed) {
      results.push([frame.payload.length, frame.payload.toString('latin1'), frame.fin]);
      continue;
    }
    let left = frame.payload;
    let ended = false;
    try {
      do {
        // 1. Once the bytes fed before are consumed, feed what .NET reads: its inflater rents
        //    min(buffer, bytes left) from ArrayPool, which hands out powers of two from 16 up.
        if (left.length > 0 && i.needsInput) {
          const budget = Math.max(16, 2 ** Math.ceil(Math.log2(Math.min(bufferSize, left.length))));
          i.write(left.subarray(0, budget));
          left = left.subarray(budget);
        }
        if (left.length === 0 && frame.fin && !ended) {
          i.end();
          ended = true;
        }
        // 2. Fill the caller's buffer with what those bytes give.
        let n = 0;
        for (;;) {
          n += i.read(buffer, n, bufferSize - n);
          if (n === bufferSize || i.messageComplete || i.needsInput) break;
          await waitFor(i);
        }
        // 3. A full buffer at the end of the message: is that the last byte? (.NET's IsFinished probe.)
        if (n === bufferSize && ended && !i.messageComplete && i.bufferedLength === 0) await waitFor(i);
        results.push([n, Buffer.from(buffer.subarray(0, n)).toString('latin1'), i.messageComplete]);
      } while (frame.fin ? !i.messageComplete : left.length > 0 || !i.needsInput);
    } catch (e) {
      results.push(inflateFailureMessage(e as Error));
      return results;
    }
  }
  return results;
}

describe('the receive table of .NET 10, replayed', () => {
  it.each(fixture.receive.filter((r) => r.id !== 'r-rsv1-on-continuation').map((r) => [r.id, r] as const))(
    '%s gives the results .NET gave',
    async (_id, row) => {
      const expected = row.outcome.results
        .filter((r) => r.type !== 'Close')
        .map((r) => (r.exception !== undefined ? r.message! : ([r.count!, r.text!, r.endOfMessage!] as [number, string, boolean])));
      expect(await replay(row.sent.map(parseServerFrame), row.bufferSize)).toEqual(expected);
    },
  );
});

// -----------------------------------------------------------------------------------------------------
// Properties.
// -----------------------------------------------------------------------------------------------------
/** Messages with repeats (back-references) and noise (literals). */
const message = fc
  .array(fc.oneof(fc.constantFrom('hello ', 'world ', 'deflate ', '{"a":1}', '\u00e9\u4e2d'), fc.string({ maxLength: 12 })), {
    maxLength: 120,
  })
  .chain((words) => fc.uint8Array({ maxLength: 64 }).map((noise) => Buffer.concat([Buffer.from(words.join('')), Buffer.from(noise)])));
const sizes = fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 5 });

describe('permessage-deflate properties', () => {
  it('any messages, split into any fragments, written in any pieces and read in any sizes, inflate to the originals', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(message, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 8, max: 15 }),
        fc.boolean(),
        sizes,
        sizes,
        sizes,
        async (messages, bits, noContextTakeover, fragmentSizes, pieceSizes, readSizes) => {
          const d = new MessageDeflater(bits, noContextTakeover);
          const i = new MessageInflater(bits, noContextTakeover);
          try {
            const wire: Buffer[] = [];
            for (const m of messages) {
              const fragments = m.length === 0 ? [m] : split(m, fragmentSizes);
              const payloads: Buffer[] = [];
              for (let f = 0; f < fragments.length; f++) payloads.push(await compress(d, fragments[f]!, f === fragments.length - 1));
              expect(await inflateMessage(i, payloads, { pieces: pieceSizes, readSizes })).toEqual(m);
              wire.push(...payloads, TAIL);
              // node:zlib, independent of both classes, reads the same bytes.
              if (noContextTakeover) {
                expect(zlib.inflateRawSync(Buffer.concat([...payloads, TAIL]), { ...SYNC, windowBits: Math.max(9, bits) })).toEqual(m);
              }
            }
            if (!noContextTakeover) {
              expect(zlib.inflateRawSync(Buffer.concat(wire), { ...SYNC, windowBits: Math.max(9, bits) })).toEqual(Buffer.concat(messages));
            }
          } finally {
            d.dispose();
            i.dispose();
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
