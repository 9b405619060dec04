// The protocol engine's receiving half on its own: bytes in, results out. Property tests split valid
// frame streams at any byte boundaries and read them with any buffer sizes; corrupted streams must end in
// a fault or wait for more, never throw or spin.
import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameReader, MessageKind, ProtocolFault, ReceiveStatus } from '../../src/protocol/frame-reader.js';
import { Opcode, encodeFrame } from '../../src/protocol/frame-writer.js';
import { Utf8Validator } from '../../src/protocol/utf8.js';

/** One message as a sender fragments it, with control frames between its frames. */
interface Message {
  kind: MessageKind;
  frames: Buffer[];
  pingsAfter: number[];
}

const messageArb: fc.Arbitrary<Message> = fc
  .record({
    kind: fc.constantFrom(MessageKind.Text, MessageKind.Binary),
    text: fc.string({ unit: 'grapheme', maxLength: 300 }),
    bytes: fc.uint8Array({ maxLength: 300 }),
    cuts: fc.array(fc.nat({ max: 1000 }), { maxLength: 4 }),
    pings: fc.array(fc.nat({ max: 2 }), { maxLength: 5 }),
  })
  .map(({ kind, text, bytes, cuts, pings }) => {
    const payload = kind === MessageKind.Text ? Buffer.from(text, 'utf8') : Buffer.from(bytes);
    // Cut anywhere, even inside a code point: the reader must accept a split sequence.
    const frames = framesOf(payload, cuts);
    return { kind, frames, pingsAfter: frames.map((_, i) => pings[i] ?? 0) };
  });

/** `payload` as the frames of one message, cut at the points `cuts` name (each modulo its length + 1). */
function framesOf(payload: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (payload.length + 1)))].sort((a, b) => a - b);
  const frames: Buffer[] = [];
  let at = 0;
  for (const p of points) {
    frames.push(payload.subarray(at, p));
    at = p;
  }
  frames.push(payload.subarray(at));
  return frames;
}

/** The wire bytes of the messages, masked as a client sends them when `masked`. */
function wire(messages: Message[], masked: boolean): Buffer {
  const parts: Buffer[] = [];
  messages.forEach((m, n) => {
    m.frames.forEach((f, i) => {
      const opcode = i === 0 ? (m.kind === MessageKind.Text ? Opcode.Text : Opcode.Binary) : Opcode.Continuation;
      parts.push(...encodeFrame(opcode, i === m.frames.length - 1, false, f, masked));
      for (let p = 0; p < m.pingsAfter[i]!; p++)
        parts.push(...encodeFrame(Opcode.Ping, true, false, Buffer.from(`p${n}.${i}.${p}`), masked));
    });
  });
  return Buffer.concat(parts);
}

/** Splits `bytes` at the given points (taken modulo its length). */
function split(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => (bytes.length === 0 ? 0 : c % bytes.length)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let at = 0;
  for (const p of points) {
    if (p > at) chunks.push(Buffer.from(bytes.subarray(at, p)));
    at = p;
  }
  if (at < bytes.length) chunks.push(Buffer.from(bytes.subarray(at)));
  return chunks;
}

interface Result {
  kind: MessageKind;
  data: Buffer;
  endOfMessage: boolean;
}

/**
 * Reads everything: results, pings; pushes the next chunk whenever the reader needs more. `lent`: each
 * chunk is lent as a socket that shares its read buffer lends it (src/engine/socket-reads.ts): pushed as a
 * view of one buffer that is overwritten once the reader relocated what it kept (after each push's reads
 * and after each result), so a byte still read from there would read garbage; and every other result is
 * followed by the next chunk, as a read that comes while no receive is pending.
 */
function readAll(
  reader: FrameReader,
  chunks: Buffer[],
  sizes: number[],
  lent = false,
): { results: Result[]; pings: string[]; status: ReceiveStatus } {
  const results: Result[] = [];
  const pings: string[] = [];
  const lender = lent ? Buffer.alloc(Math.max(1, ...chunks.map((c) => c.length))) : null;
  let store: Buffer | null = null;
  const relocate = () => {
    if (lender === null) return;
    store = reader.relocate(store);
    lender.fill(0xaa);
  };
  const push = (chunk: Buffer) => {
    if (lender === null) return reader.push(chunk);
    relocate();
    chunk.copy(lender);
    reader.push(lender.subarray(0, chunk.length));
  };
  let next = 0;
  let n = 0;
  // A receive keeps its buffer until it gets a result (the reader fills it across pushes).
  let size = sizes[0]!;
  let buffer = new Uint8Array(size + 3).fill(0xee);
  for (let guard = 0; guard < 1_000_000; guard++) {
    const status = reader.step(buffer, 3, size);
    if (status === ReceiveStatus.NeedMore) {
      if (next === chunks.length) return { results, pings, status };
      push(chunks[next++]!);
      continue;
    }
    if (status === ReceiveStatus.Ping) pings.push(reader.payload.toString());
    else if (status === ReceiveStatus.Data) {
      results.push({
        kind: reader.messageKind,
        data: Buffer.from(buffer.subarray(3, 3 + reader.count)),
        endOfMessage: reader.endOfMessage,
      });
      n++;
      size = sizes[n % sizes.length]!;
      buffer = new Uint8Array(size + 3).fill(0xee);
      // A lent read may come while bytes are still buffered (no receive pending): it is appended to them.
      if (lender !== null && next < chunks.length && n % 2 === 1) push(chunks[next++]!);
      relocate();
    } else return { results, pings, status };
  }
  throw new Error('the reader did not finish');
}

describe('FrameReader', () => {
  it.each([
    ['pushed chunks it keeps', false],
    ['chunks lent until the next push, what is left relocated each time', true],
  ])(
    'yields exactly the payloads, message boundaries and types of any valid stream, split anywhere, read with any buffer sizes: %s',
    (_name, lent) => {
      fc.assert(
        fc.property(
          fc.array(messageArb, { minLength: 1, maxLength: 6 }),
          fc.boolean(),
          fc.array(fc.nat(), { maxLength: 20 }),
          fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 5 }),
          (messages, isServer, cuts, sizes) => {
            const reader = new FrameReader(isServer, null);
            const { results, pings, status } = readAll(reader, split(wire(messages, isServer), cuts), sizes, lent);
            expect(status).toBe(ReceiveStatus.NeedMore);
            // Regroup the results into messages.
            const got: Array<{ kind: MessageKind; data: Buffer; frames: number }> = [];
            let open: Result[] = [];
            for (const r of results) {
              open.push(r);
              if (r.endOfMessage) {
                got.push({ kind: r.kind, data: Buffer.concat(open.map((x) => x.data)), frames: open.length });
                open = [];
              }
            }
            expect(open).toEqual([]);
            expect(got.map((g) => [g.kind, g.data.toString('hex')])).toEqual(
              messages.map((m) => [m.kind, Buffer.concat(m.frames).toString('hex')]),
            );
            // A result never spans two frames: at least one result per frame.
            got.forEach((g, i) => expect(g.frames).toBeGreaterThanOrEqual(messages[i]!.frames.length));
            expect(pings.length).toBe(messages.reduce((sum, m) => sum + m.pingsAfter.reduce((a, b) => a + b, 0), 0));
          },
        ),
        { numRuns: 300 },
      );
    },
  );

  it('reads long messages right from chunks lent until the next push, split anywhere, read with any buffer sizes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 40_000, size: 'max' }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 9000 }), { minLength: 1, maxLength: 4 }),
        (payloads, cuts, sizes) => {
          const messages = payloads.map((p) => ({ kind: MessageKind.Binary, frames: [Buffer.from(p)], pingsAfter: [1] }));
          const { results, status } = readAll(new FrameReader(false, null), split(wire(messages, false), cuts), sizes, true);
          expect(status).toBe(ReceiveStatus.NeedMore);
          expect(Buffer.concat(results.map((r) => r.data)).equals(Buffer.concat(payloads))).toBe(true);
          expect(results.filter((r) => r.endOfMessage)).toHaveLength(payloads.length);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('reads masked payload right when receives into nothing (CloseAsync discarding) come between, split anywhere', () => {
    fc.assert(
      fc.property(
        fc.array(messageArb, { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 200 }), fc.boolean()), { minLength: 1, maxLength: 6 }),
        (anyMessages, cuts, reads) => {
          // A receive into nothing drops payload without unmasking it: the mask's position must still
          // follow, so that the receives after it unmask right. (Binary: text dropped in part would not
          // be whole UTF-8.)
          const messages = anyMessages.map((m) => ({ ...m, kind: MessageKind.Binary }));
          const payload = Buffer.concat(messages.flatMap((m) => m.frames));
          const chunks = split(wire(messages, true), cuts);
          const reader = new FrameReader(true, null);
          let next = 0;
          let at = 0;
          let n = 0;
          // A receive keeps its buffer until it gets a result (the reader fills it across pushes).
          let [size, discard] = reads[0]!;
          let buffer = discard ? null : new Uint8Array(size);
          for (let guard = 0; guard < 100_000; guard++) {
            const status = reader.step(buffer, 0, size);
            if (status === ReceiveStatus.NeedMore) {
              if (next === chunks.length) break;
              reader.push(chunks[next++]!);
              continue;
            }
            if (status === ReceiveStatus.Ping) continue;
            expect(status).toBe(ReceiveStatus.Data);
            if (buffer !== null)
              expect(Buffer.from(buffer.subarray(0, reader.count)).toString('hex')).toBe(
                payload.subarray(at, at + reader.count).toString('hex'),
              );
            at += reader.count;
            n++;
            [size, discard] = reads[n % reads.length]!;
            buffer = discard ? null : new Uint8Array(size);
          }
          expect(at).toBe(payload.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('fails a text message exactly when its bytes are not UTF-8, masked or not, split anywhere, read with any buffer sizes', () => {
    // Mostly ASCII with a few arbitrary bytes: ASCII right after a cut-off sequence is the case that a
    // check skipping ASCII copies must still fail.
    const byteArb = fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
      { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }) },
    );
    fc.assert(
      fc.property(
        fc.array(byteArb, { maxLength: 120 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 1, maxLength: 4 }),
        (bytes, frameCuts, masked, cuts, sizes) => {
          const payload = Buffer.from(bytes);
          const frames = framesOf(payload, frameCuts);
          const message = { kind: MessageKind.Text, frames, pingsAfter: frames.map(() => 0) };
          const reader = new FrameReader(masked, null);
          const { results, status } = readAll(reader, split(wire([message], masked), cuts), sizes);
          if (isUtf8(payload)) {
            expect(status).toBe(ReceiveStatus.NeedMore);
            expect(Buffer.concat(results.map((r) => r.data)).equals(payload)).toBe(true);
          } else {
            expect(status).toBe(ReceiveStatus.Fault);
            expect(reader.fault).toBe(ProtocolFault.InvalidUtf8);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('waits for min(buffer, rest of the frame) bytes before returning, as .NET does', () => {
    const reader = new FrameReader(false, null);
    reader.push(Buffer.concat(encodeFrame(Opcode.Binary, true, false, Buffer.alloc(10, 1), false)).subarray(0, 7));
    const buffer = new Uint8Array(8);
    expect(reader.step(buffer, 0, 8)).toBe(ReceiveStatus.NeedMore);
    reader.push(Buffer.alloc(3, 1));
    expect(reader.step(buffer, 0, 8)).toBe(ReceiveStatus.Data);
    expect([reader.count, reader.endOfMessage]).toEqual([8, false]);
    reader.push(Buffer.alloc(2, 1));
    expect(reader.step(buffer, 0, 8)).toBe(ReceiveStatus.Data);
    expect([reader.count, reader.endOfMessage]).toEqual([2, true]);
  });

  it('returns (0, type, false) for an empty buffer once a header arrived, and leaves the payload', () => {
    const reader = new FrameReader(false, null);
    reader.push(Buffer.concat(encodeFrame(Opcode.Text, true, false, Buffer.from('hi'), false)));
    expect(reader.step(new Uint8Array(0), 0, 0)).toBe(ReceiveStatus.Data);
    expect([reader.count, reader.messageKind, reader.endOfMessage]).toEqual([0, MessageKind.Text, false]);
    const buffer = new Uint8Array(4);
    expect(reader.step(buffer, 0, 4)).toBe(ReceiveStatus.Data);
    expect([reader.count, reader.endOfMessage, Buffer.from(buffer.subarray(0, 2)).toString()]).toEqual([2, true, 'hi']);
  });

  it('never throws, and ends in a fault or a wait for more, on any corruption of a valid stream', () => {
    fc.assert(
      fc.property(
        fc.array(messageArb, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (messages, isServer, flips, cuts) => {
          const bytes = wire(messages, isServer);
          for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value;
          const reader = new FrameReader(isServer, null);
          const { status } = readAll(reader, split(bytes, cuts), [7, 64, 1]);
          expect([ReceiveStatus.NeedMore, ReceiveStatus.Fault, ReceiveStatus.Close, ReceiveStatus.Pong]).toContain(status);
          if (status === ReceiveStatus.Fault) expect([1002, 1007, 1009]).toContain(reader.closeCode);
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each([
    ['RSV2 set', [0xa2, 0x00], ProtocolFault.ReservedBits],
    ['RSV1 without deflate', [0xc2, 0x00], ProtocolFault.CompressedWhenNotEnabled],
    ['an unknown opcode', [0x83, 0x00], ProtocolFault.UnknownOpcode],
    ['a fragmented ping', [0x09, 0x00], ProtocolFault.InvalidControlFrame],
    ['a 126-byte ping', [0x89, 0x7e, 0x00, 0x7e], ProtocolFault.InvalidControlFrame],
    ['a continuation with no message open', [0x80, 0x00], ProtocolFault.ContinuationFromFinal],
    ['a new message inside a fragmented one', [0x02, 0x00, 0x82, 0x00], ProtocolFault.NonContinuationAfterNonFinal],
    ['a 64-bit length with the top bit set', [0x82, 0x7f, 0x80, 0, 0, 0, 0, 0, 0, 0], ProtocolFault.InvalidPayloadLength],
    ['a close frame with a 1-byte payload', [0x88, 0x01, 0x03], ProtocolFault.InvalidCloseFrame],
    ['a close code of 1005', [0x88, 0x02, 0x03, 0xed], ProtocolFault.InvalidCloseFrame],
    ['a close reason that is not UTF-8', [0x88, 0x03, 0x03, 0xe8, 0xff], ProtocolFault.InvalidCloseFrame],
    ['invalid UTF-8 in a text frame', [0x81, 0x02, 0xc3, 0x28], ProtocolFault.InvalidUtf8],
    ['a text message that ends inside a code point', [0x81, 0x01, 0xe2], ProtocolFault.InvalidUtf8],
    ['a masked frame sent by a server', [0x82, 0x80, 1, 2, 3, 4], ProtocolFault.MaskedFrameFromServer],
  ])('faults on %s', (_name, bytes, fault) => {
    const reader = new FrameReader(false, null);
    reader.push(Buffer.from(bytes));
    let status: ReceiveStatus;
    do status = reader.step(new Uint8Array(16), 0, 16);
    while (status === ReceiveStatus.Data);
    expect([status, reader.fault]).toEqual([ReceiveStatus.Fault, fault]);
    expect(reader.closeCode).toBe(fault === ProtocolFault.InvalidUtf8 ? 1007 : 1002);
  });

  it('faults on an unmasked frame sent to a server', () => {
    const reader = new FrameReader(true, null);
    reader.push(Buffer.from([0x82, 0x00]));
    expect(reader.step(new Uint8Array(4), 0, 4)).toBe(ReceiveStatus.Fault);
    expect(reader.fault).toBe(ProtocolFault.UnmaskedFrameFromClient);
  });

  it('fails invalid UTF-8 as soon as it arrives, before the rest of the frame', () => {
    const reader = new FrameReader(false, null);
    // A 1000-byte text frame whose third byte is invalid: only its first 10 bytes have arrived.
    reader.push(Buffer.from([0x81, 0x7e, 0x03, 0xe8, 0x61, 0x61, 0xff, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61]));
    expect(reader.step(new Uint8Array(4096), 0, 4096)).toBe(ReceiveStatus.Fault);
    expect(reader.fault).toBe(ProtocolFault.InvalidUtf8);
  });

  it('reports an empty close frame as 1005 and a close code with its reason', () => {
    const reader = new FrameReader(false, null);
    reader.push(Buffer.from([0x88, 0x00]));
    expect(reader.step(new Uint8Array(4), 0, 4)).toBe(ReceiveStatus.Close);
    expect(reader.closeCode).toBe(1005);
    const other = new FrameReader(false, null);
    other.push(Buffer.from([0x88, 0x04, 0x0f, 0xa0, 0x6f, 0x6b]));
    expect(other.step(new Uint8Array(4), 0, 4)).toBe(ReceiveStatus.Close);
    expect([other.closeCode, other.payload.toString()]).toEqual([4000, 'ok']);
  });
});

describe('Utf8Validator', () => {
  it('accepts any string split at any byte boundaries', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.array(fc.nat(), { maxLength: 10 }), (text, cuts) => {
        const v = new Utf8Validator();
        const chunks = split(Buffer.from(text, 'utf8'), cuts);
        expect(chunks.every((c) => v.write(c, 0, c.length))).toBe(true);
        expect(v.finish()).toBe(true);
      }),
    );
  });

  it('agrees with a whole-buffer check on any bytes, split anywhere', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.array(fc.nat(), { maxLength: 10 }), (bytes, cuts) => {
        const v = new Utf8Validator();
        const chunks = split(Buffer.from(bytes), cuts);
        const ok = chunks.every((c) => v.write(c, 0, c.length)) && v.finish();
        expect(ok).toBe(isUtf8(bytes));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['an overlong two-byte form', [0xc0, 0xaf]],
    ['a surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a 0xF5 lead byte', [0xf5]],
  ])('fails %s at its first byte that cannot be valid, even cut short', (_name, bytes) => {
    const v = new Utf8Validator();
    expect(v.write(Uint8Array.from(bytes.slice(0, 2)), 0, Math.min(2, bytes.length))).toBe(false);
  });
});
