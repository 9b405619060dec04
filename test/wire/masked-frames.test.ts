// A client's masked data frames, as a raw peer reads them (RFC 6455 §5.3): whatever their lengths around
// the size the sender builds frames in one reused buffer (64 KiB of payload), whatever window of the
// caller's array they come from, sent back to back, while the peer reads at once or not at all for a while,
// and with two clients of one process sending at the same time, every frame carries exactly its payload.
import { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import { WebSocket } from '../../src/System.Net.WebSockets/WebSocket.js';
import { WebSocketCreationOptions } from '../../src/System.Net.WebSockets/WebSocketCreationOptions.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { Uri } from '../../src/System/Uri.js';
import { client, peer } from '../helpers/clients.js';
import { makeCertificate } from '../helpers/servers.js';
import { clientRole, closeWirePeers, Opcode, streamRole, WireRecorder } from '../helpers/wire.js';
import type { WirePeer } from '../helpers/wire.js';

const None = CancellationToken.None;
const KB = 1024;
afterEach(closeWirePeers);

/** A payload of `length` bytes that differs from frame to frame (`seed`) and from byte to byte. */
function payloadOf(seed: number, length: number): Buffer {
  const b = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) b[i] = (seed * 131 + i * 7 + (i >>> 8)) & 0xff;
  return b;
}

/** Lengths around the frame sizes that matter: the header forms (125, 126, 64 Ki) and the reused buffer's size. */
const length = fc.oneof(
  fc.integer({ min: 0, max: 130 }),
  fc.integer({ min: 64 * KB - 40, max: 64 * KB + 40 }),
  fc.integer({ min: 0, max: 200 * KB }),
);

/** A message of `length` bytes cut from a larger array: `before` and `after` bytes around the window. */
const send = fc.record({ length, before: fc.integer({ min: 0, max: 9 }), after: fc.integer({ min: 0, max: 9 }) });

describe.each([
  ['ClientWebSocket', () => clientRole()],
  ['client (CreateFromStream)', () => streamRole(false)],
])('%s', (_role, open: () => Promise<WirePeer>) => {
  it('writes every frame with its own payload, masked, whatever its length and window', async () => {
    const c = await open();
    let seed = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(send, { minLength: 1, maxLength: 6 }), async (sends) => {
        const expected: Buffer[] = [];
        for (const s of sends) {
          const payload = payloadOf(++seed, s.length);
          const array = Buffer.concat([Buffer.alloc(s.before, 0xee), payload, Buffer.alloc(s.after, 0xee)]);
          await c.ws.SendAsync(new ArraySegment(array, s.before, s.length), WebSocketMessageType.Binary, true, None);
          expected.push(payload);
        }
        const frames = await c.wire.take(sends.length);
        expect(frames.map((f) => [f.opcode, f.fin, f.masked])).toEqual(sends.map(() => [Opcode.Binary, true, true]));
        expect(frames.map((f, i) => f.payload.equals(expected[i]!))).toEqual(sends.map(() => true));
      }),
      { numRuns: 40 },
    );
  });
});

describe('two clients of one process', () => {
  it('send back to back while their peers read nothing, then everything arrives intact', async () => {
    const peers = [await clientRole(), await clientRole()];
    for (const p of peers) p.socket.pause();
    const sizes = [64 * KB, 64 * KB - 14, 1000, 64 * KB + 1];
    const sent: Buffer[][] = [[], []];
    // Each client sends until one of its sends is still pending a few turns of the event loop later: the
    // kernel's buffers are full and frames wait in the stream.
    const stalled = peers.map(async (p, k) => {
      for (let n = 0; ; n++) {
        const payload = payloadOf(k * 100_000 + n, sizes[n % sizes.length]!);
        sent[k]!.push(payload);
        let done = false;
        const sending = p.ws.SendAsync(payload, WebSocketMessageType.Binary, true, None).then(() => (done = true));
        for (let turn = 0; turn < 3 && !done; turn++) await new Promise((r) => setImmediate(r));
        // (Wrapped: an async function returning the promise itself would wait for it.)
        if (!done) return { sending };
      }
    });
    const pending = (await Promise.all(stalled)).map((s) => s.sending);
    // One more send each, queued behind the stuck one.
    const last = peers.map((p, k) => {
      const payload = payloadOf(k * 100_000 + 99_999, 64 * KB);
      sent[k]!.push(payload);
      return p.ws.SendAsync(payload, WebSocketMessageType.Binary, true, None);
    });
    for (const p of peers) p.socket.resume();
    await Promise.all([...pending, ...last]);
    for (let k = 0; k < 2; k++) {
      const frames = await peers[k]!.wire.take(sent[k]!.length);
      expect(frames.length).toBe(sent[k]!.length);
      const wrong = frames.flatMap((f, i) => (f.masked && f.payload.equals(sent[k]![i]!) ? [] : [i]));
      expect(wrong).toEqual([]);
    }
  });
});

describe('a client over a Duplex that keeps what it is given', () => {
  it('gets a buffer of its own for every frame, so that frames read later are intact', async () => {
    // The far end receives the very buffers the client writes, as a PassThrough's reader does.
    const far = new Duplex({ read() {}, write: (_chunk, _encoding, cb) => cb() });
    const near = new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, cb) {
        far.push(chunk);
        cb();
      },
    });
    const creation = new WebSocketCreationOptions();
    creation.IsServer = false;
    const ws = WebSocket.CreateFromStream(near, creation);
    const sent = [64 * KB, 10, 64 * KB - 14, 200].map((n, i) => payloadOf(i + 1, n));
    for (const payload of sent) await ws.SendAsync(payload, WebSocketMessageType.Binary, true, None);
    // Only now does the reader look at what it was handed.
    const wire = new WireRecorder(far as unknown as Socket);
    const frames = await wire.take(sent.length);
    expect(frames.map((f, i) => f.masked && f.payload.equals(sent[i]!))).toEqual(sent.map(() => true));
    ws.Abort();
  });
});

describe('a frame longer than one piece (64 KiB), written while the peer reads nothing', () => {
  /** A ClientWebSocket whose peer reads nothing yet, sending `length` bytes from the middle of an array. */
  async function stalledSend(length: number) {
    const c = await clientRole();
    c.socket.pause();
    const payload = payloadOf(7, length);
    const array = Buffer.concat([Buffer.alloc(3, 0xee), payload, Buffer.alloc(5, 0xee)]);
    const sending = c.ws.SendAsync(new ArraySegment(array, 3, length), WebSocketMessageType.Binary, true, None);
    const settled = sending.then(
      () => null,
      (err: unknown) => err,
    );
    return { c, payload, array, settled };
  }

  it('arrives whole once the peer reads, and the caller’s array is left as it was', async () => {
    const { c, payload, array, settled } = await stalledSend(16 * 1024 * KB + 3);
    const before = Buffer.from(array);
    c.socket.resume();
    expect(await settled).toBeNull();
    const f = (await c.wire.next())!;
    expect([f.opcode, f.fin, f.masked, f.payload.length, f.payload.equals(payload)]).toEqual([
      Opcode.Binary,
      true,
      true,
      payload.length,
      true,
    ]);
    expect(array.equals(before)).toBe(true);
  });

  // A labelled difference (README, Differences from .NET): .NET copies a send's payload into its own send
  // buffer before SendAsync returns; here a long masked frame is masked from the caller's array a piece at
  // a time, so the array is the send's until its task completes (as it is by .NET's own contract).
  it('reads the caller’s array while the frame goes out, until the send completes', async () => {
    const length = 16 * 1024 * KB + 3;
    const { c, payload, array, settled } = await stalledSend(length);
    array[3 + length - 1] = payload[length - 1]! ^ 0xff;
    c.socket.resume();
    expect(await settled).toBeNull();
    const f = (await c.wire.next())!;
    expect(f.payload.subarray(0, length - 1).equals(payload.subarray(0, length - 1))).toBe(true);
    expect(f.payload[length - 1]).toBe(payload[length - 1]! ^ 0xff);
  });
});

describe('wss://', () => {
  it('delivers every message intact over TLS, short, of one piece and of many', async () => {
    const cert = makeCertificate('dotnet-ws test server', 'DNS:localhost,IP:127.0.0.1');
    const p = await peer({ tls: cert, echo: false });
    const ws = client();
    ws.Options.RemoteCertificateValidationCallback = () => true;
    await ws.ConnectAsync(new Uri(p.url), None);
    const server = await p.nextConnection();
    const received: Buffer[] = [];
    server.on('message', (data: Buffer) => received.push(data));
    const sent = [64 * KB, 10, 64 * KB - 14, 5 * 1024 * KB + 3, 64 * KB + 1, 200].map((n, i) => payloadOf(i + 1, n));
    for (const payload of sent) await ws.SendAsync(payload, WebSocketMessageType.Binary, true, None);
    while (received.length < sent.length) await new Promise((r) => setImmediate(r));
    expect(received.map((m, i) => m.equals(sent[i]!))).toEqual(sent.map(() => true));
  });
});
