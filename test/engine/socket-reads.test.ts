// src/engine/socket-reads.ts: a ClientWebSocket over ws:// without compression reads into one buffer shared
// by the process, each read lent to its receive pump, which copies out what a receive does not take at
// once. Whatever the reads' sizes and timing, every byte must come out as from any socket. Real sockets, a
// ws server on 127.0.0.1.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { Uri } from '../../src/System/Uri.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import type { ClientWebSocket } from '../../src/System.Net.WebSockets/ClientWebSocket.js';
import { WebSocketCloseStatus } from '../../src/System.Net.WebSockets/WebSocketCloseStatus.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { WebSocketDeflateOptions } from '../../src/System.Net.WebSockets/WebSocketDeflateOptions.js';
import { sharedReadBuffer } from '../../src/engine/socket-reads.js';
import { client, peer } from '../helpers/clients.js';

const None = CancellationToken.None;

/** Receives one whole message `size` bytes at a time; its bytes and how many results it took. */
async function receiveMessage(ws: ClientWebSocket, size: number): Promise<{ data: Buffer; results: number; type: WebSocketMessageType }> {
  const buffer = new Uint8Array(size);
  const parts: Buffer[] = [];
  for (let results = 1; ; results++) {
    const r = await ws.ReceiveAsync(new ArraySegment(buffer), None);
    parts.push(Buffer.from(buffer.subarray(0, r.Count)));
    if (r.EndOfMessage) return { data: Buffer.concat(parts), results, type: r.MessageType };
  }
}

/** A connected ClientWebSocket and the server's side of it. */
async function connected() {
  const server = await peer({ echo: false });
  const ws = client();
  const accepted = server.nextConnection();
  await ws.ConnectAsync(new Uri(`${server.url}/`), None);
  return { ws, remote: await accepted };
}

describe('a ClientWebSocket whose socket lends its reads', () => {
  it('is every plain ws:// ClientWebSocket without compression: its reads land in the shared buffer', async () => {
    const shared = sharedReadBuffer();
    shared.fill(0);
    const { ws, remote } = await connected();
    remote.send(Buffer.from('read into the shared buffer'), { binary: true });
    expect((await receiveMessage(ws, 4096)).data.toString()).toBe('read into the shared buffer');
    expect(shared.includes('read into the shared buffer')).toBe(true);
  });

  it('is not a ClientWebSocket that offers compression (an inflater may keep what it is handed)', async () => {
    const shared = sharedReadBuffer();
    shared.fill(0);
    const server = await peer({ echo: false });
    const ws = client();
    ws.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
    const accepted = server.nextConnection();
    await ws.ConnectAsync(new Uri(`${server.url}/`), None);
    (await accepted).send(Buffer.from('read as any socket reads'), { binary: true });
    expect((await receiveMessage(ws, 4096)).data.toString()).toBe('read as any socket reads');
    expect(shared.includes('read as any socket reads')).toBe(false);
  });

  it('reads a long message 4 KiB at a time byte for byte, fragments and pings between them', async () => {
    const { ws, remote } = await connected();
    const payload = randomBytes(3 * 1024 * 1024 + 123);
    const third = Math.floor(payload.length / 3);
    remote.send(payload.subarray(0, third), { binary: true, fin: false });
    remote.ping('between');
    remote.send(payload.subarray(third, 2 * third), { binary: true, fin: false });
    remote.send(payload.subarray(2 * third), { binary: true, fin: true });
    remote.send('after');
    const pong = new Promise<Buffer>((resolve) => remote.once('pong', resolve));
    const big = await receiveMessage(ws, 4096);
    expect(big.type).toBe(WebSocketMessageType.Binary);
    expect(big.data.equals(payload)).toBe(true);
    expect((await pong).toString()).toBe('between');
    const after = await receiveMessage(ws, 4096);
    expect([after.type, after.data.toString()]).toEqual([WebSocketMessageType.Text, 'after']);
  });

  it('keeps the bytes that arrived while no receive was pending (read ahead, then paused) until they are received', async () => {
    const { ws, remote } = await connected();
    const payload = randomBytes(1024 * 1024);
    // Written out to the client's socket before any receive: the client reads ahead and pauses.
    await new Promise<void>((resolve, reject) => remote.send(payload, { binary: true }, (err) => (err ? reject(err) : resolve())));
    remote.close(1000, 'done');
    const message = await receiveMessage(ws, 1000);
    expect(message.data.equals(payload)).toBe(true);
    const close = await ws.ReceiveAsync(new ArraySegment(new Uint8Array(16)), None);
    expect([close.MessageType, close.CloseStatus.Value, close.CloseStatusDescription]).toEqual([
      WebSocketMessageType.Close,
      WebSocketCloseStatus.NormalClosure,
      'done',
    ]);
  });

  it('keeps messages that came in separate reads while no receive was pending, however many', async () => {
    const { ws, remote } = await connected();
    const messages = Array.from({ length: 20 }, (_, i) => `message ${i} ${'x'.repeat(i * 50)}`);
    for (const m of messages) {
      // One read each (most likely): written, then a pause before the next.
      await new Promise<void>((resolve, reject) => remote.send(m, (err) => (err ? reject(err) : resolve())));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    for (const m of messages) expect((await receiveMessage(ws, 4096)).data.toString()).toBe(m);
  });

  it('gives each of two connections reading at once its own bytes (one read buffer for the process)', async () => {
    const a = await connected();
    const b = await connected();
    const payloads = [randomBytes(512 * 1024), randomBytes(512 * 1024)];
    a.remote.send(payloads[0]!, { binary: true });
    b.remote.send(payloads[1]!, { binary: true });
    const [fromA, fromB] = await Promise.all([receiveMessage(a.ws, 4096), receiveMessage(b.ws, 3000)]);
    expect(fromA.data.equals(payloads[0]!)).toBe(true);
    expect(fromB.data.equals(payloads[1]!)).toBe(true);
  });

  it('reads receives larger than a socket read (one result from several reads)', async () => {
    const { ws, remote } = await connected();
    const payload = randomBytes(1024 * 1024);
    remote.send(payload, { binary: true });
    const message = await receiveMessage(ws, 300 * 1024);
    expect(message.data.equals(payload)).toBe(true);
    expect(message.results).toBeGreaterThanOrEqual(4);
  });
});
