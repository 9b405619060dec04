// The receiving engine with permessage-deflate: compressed messages (made by node:zlib directly, an
// independent compressor) cut into any frames, split at any byte boundaries, read with any buffer sizes,
// inflate to exactly the original messages; a compressed bomb goes through a small buffer in bounded memory.
import zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameReader, MessageKind, ReceiveStatus } from '../../src/protocol/frame-reader.js';
import { Opcode, encodeFrame } from '../../src/protocol/frame-writer.js';
import { MessageInflater } from '../../src/protocol/permessage-deflate.js';

const TAIL = Buffer.from([0x00, 0x00, 0xff, 0xff]);

/** A message compressed on its own (no context takeover), the 00 00 ff ff tail removed (RFC 7692 §7.2.1). */
function compress(payload: Buffer): Buffer {
  const out = zlib.deflateRawSync(payload, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  expect(out.subarray(-4)).toEqual(TAIL);
  return out.subarray(0, -4);
}

function cut(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let at = 0;
  for (const p of points) {
    parts.push(bytes.subarray(at, p));
    at = p;
  }
  parts.push(bytes.subarray(at));
  return parts;
}

/** Steps the reader to the end of its input, waiting on the inflater when it says so. */
async function readAll(reader: FrameReader, chunks: Buffer[], sizes: number[]): Promise<Array<{ kind: MessageKind; data: Buffer }>> {
  const messages: Array<{ kind: MessageKind; data: Buffer }> = [];
  let parts: Buffer[] = [];
  let next = 0;
  let n = 0;
  let size = sizes[0]!;
  let buffer = new Uint8Array(size);
  for (let guard = 0; guard < 1_000_000; guard++) {
    const status = reader.step(buffer, 0, size);
    if (status === ReceiveStatus.NeedMore) {
      if (next === chunks.length) return messages;
      reader.push(chunks[next++]!);
    } else if (status === ReceiveStatus.Wait) {
      const err = await new Promise<Error | null>((resolve) => reader.wait(resolve));
      if (err !== null) throw err;
    } else if (status === ReceiveStatus.Data) {
      parts.push(Buffer.from(buffer.subarray(0, reader.count)));
      if (reader.endOfMessage) {
        messages.push({ kind: reader.messageKind, data: Buffer.concat(parts) });
        parts = [];
      }
      size = sizes[++n % sizes.length]!;
      buffer = new Uint8Array(size);
    } else {
      throw new Error(`unexpected status ${status}`);
    }
  }
  throw new Error('the reader did not finish');
}

describe('FrameReader with permessage-deflate', () => {
  it('inflates any compressed messages, cut into any frames, split anywhere, read with any buffer sizes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            text: fc.boolean(),
            body: fc.string({ unit: 'grapheme', maxLength: 2000 }),
            repeat: fc.integer({ min: 1, max: 20 }),
            compressed: fc.boolean(),
            cuts: fc.array(fc.nat(), { maxLength: 4 }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 4 }),
        async (messages, splits, sizes) => {
          const wire: Buffer[] = [];
          const expected: Array<[MessageKind, string]> = [];
          for (const m of messages) {
            const payload = Buffer.from(m.body.repeat(m.repeat), 'utf8');
            const kind = m.text ? MessageKind.Text : MessageKind.Binary;
            expected.push([kind, payload.toString('hex')]);
            const frames = cut(m.compressed ? compress(payload) : payload, m.cuts);
            frames.forEach((f, i) => {
              const opcode = i > 0 ? Opcode.Continuation : m.text ? Opcode.Text : Opcode.Binary;
              wire.push(...encodeFrame(opcode, i === frames.length - 1, m.compressed && i === 0, f, true));
            });
          }
          const inflater = new MessageInflater(15, true);
          const reader = new FrameReader(true, inflater);
          const all = Buffer.concat(wire);
          const got = await readAll(
            reader,
            cut(all, splits).map((c) => Buffer.from(c)),
            sizes,
          );
          inflater.dispose();
          expect(got.map((g) => [g.kind, g.data.toString('hex')])).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reads a 64 MiB bomb (64 KiB compressed) through a 4 KiB buffer within a fixed amount of memory', async () => {
    const size = 64 * 1024 * 1024;
    const bomb = compress(Buffer.alloc(size));
    expect(bomb.length).toBeLessThan(128 * 1024);
    const inflater = new MessageInflater(15, true);
    const reader = new FrameReader(false, inflater);
    reader.push(Buffer.concat(encodeFrame(Opcode.Binary, true, true, bomb, false)));
    const buffer = new Uint8Array(4096);
    const before = process.memoryUsage().rss;
    let peak = 0;
    let total = 0;
    for (let i = 0; ; i++) {
      const status = reader.step(buffer, 0, buffer.length);
      if (status === ReceiveStatus.Wait) {
        await new Promise((resolve) => reader.wait(resolve));
        continue;
      }
      expect(status).toBe(ReceiveStatus.Data);
      total += reader.count;
      if (i % 1024 === 0) peak = Math.max(peak, process.memoryUsage().rss - before);
      if (reader.endOfMessage) break;
    }
    inflater.dispose();
    expect(total).toBe(size);
    // A memory bound, not a timing: far below the message's 64 MiB.
    expect(peak).toBeLessThan(32 * 1024 * 1024);
  }, 60_000);
});
