// Hostile peers over real sockets, each bounded in memory and time and each ending with .NET's exception:
// a frame that declares 1 GiB and trickles, a ping flood into a socket nobody receives on, a peer that
// never reads what it is sent. (Malformed frames, invalid UTF-8 and resets mid-frame: the other files here.)
import { afterEach, describe, expect, it } from 'vitest';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import type { ManagedWebSocket } from '../../src/System.Net.WebSockets/ManagedWebSocket.js';
import { WebSocketError } from '../../src/System.Net.WebSockets/WebSocketError.js';
import { WebSocketException } from '../../src/System.Net.WebSockets/WebSocketException.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { WebSocketState } from '../../src/System.Net.WebSockets/WebSocketState.js';
import { closeAll, frame, rawPair } from '../helpers/peers.js';

const None = CancellationToken.None;
afterEach(closeAll);

/** Resolves after `turns` turns of the event loop (lets I/O happen without a timer). */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
}

describe('a frame that declares 1 GiB and trickles', () => {
  it('hands each piece over as it arrives, holds no more than it was given, and ends with ConnectionClosedPrematurely', async () => {
    const { ws, peer, send } = await rawPair(true);
    const header = frame(0x2, Buffer.alloc(0), { length: 1n << 30n, mask: true });
    await send(header);
    const buffer = new Uint8Array(4096);
    let received = 0;
    let peak = 0;
    // 64 pieces of 4 KiB (the payload is masked with the helper's fixed key; its bytes do not matter).
    for (let i = 0; i < 64; i++) {
      await send(Buffer.alloc(4096, i));
      const r = await ws.ReceiveAsync(new ArraySegment(buffer), None);
      expect([r.Count, r.EndOfMessage, r.MessageType]).toEqual([4096, false, WebSocketMessageType.Binary]);
      received += r.Count;
      peak = Math.max(peak, (ws as ManagedWebSocket).receiveBufferedAmount);
    }
    expect(received).toBe(64 * 4096);
    expect(peak).toBeLessThanOrEqual(4096);
    // The peer gives up mid-frame.
    const pending = ws.ReceiveAsync(new ArraySegment(buffer), None);
    peer.destroy();
    const err = await pending.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WebSocketException);
    expect((err as WebSocketException).WebSocketErrorCode).toBe(WebSocketError.ConnectionClosedPrematurely);
    expect(ws.State).toBe(WebSocketState.Aborted);
  });
});

describe('a ping flood while nobody receives', () => {
  it('answers nothing and reads no more than its read-ahead until a receive is pending, then answers every ping', async () => {
    const { ws, peer, frames } = await rawPair(true);
    // 100,000 pings of 125 bytes: 13 MB, more than the kernel buffers of a loopback connection take.
    const ping = frame(0x9, 'x'.repeat(125), { mask: true });
    const flood = Buffer.concat(Array.from({ length: 100_000 }, () => ping));
    let flushed = false;
    peer.write(flood, () => (flushed = true));
    await turns(500);
    const held = (ws as ManagedWebSocket).receiveBufferedAmount;
    // Nothing was answered and the flood waits on TCP: what the socket holds is bounded.
    expect(held).toBeLessThanOrEqual(128 * 1024);
    expect(flushed).toBe(false);
    // A receive reads the flood and answers every ping, then gets the message behind it.
    const behind = frame(0x1, 'after', { mask: true });
    peer.write(behind);
    const r = await ws.ReceiveAsync(new ArraySegment(new Uint8Array(16)), None);
    expect([r.Count, r.MessageType]).toEqual([5, WebSocketMessageType.Text]);
    expect(flushed).toBe(true);
    let pongs = 0;
    while (pongs < 100_000) {
      const f = await frames.next();
      if (f === null || f.opcode !== 0xa) break;
      pongs++;
    }
    expect(pongs).toBe(100_000);
  }, 60_000);
});

describe('a peer that never reads', () => {
  it('stops completing SendAsync instead of buffering without bound, and completes them once the peer reads', async () => {
    const { ws, peer } = await rawPair(false);
    peer.pause();
    const message = Buffer.alloc(1024 * 1024, 1);
    let completed = 0;
    const sends = Array.from({ length: 64 }, () => ws.SendAsync(message, WebSocketMessageType.Binary, true, None).then(() => completed++));
    // Wait until completions stop: the kernel buffers are full and the rest wait their turn.
    let last = -1;
    for (let still = 0; still < 200;) {
      await turns(1);
      still = completed === last ? still + 1 : 0;
      last = completed;
    }
    expect(completed).toBeLessThan(64);
    expect(ws.State).toBe(WebSocketState.Open);
    peer.resume();
    peer.on('data', () => {});
    await Promise.all(sends);
    expect(completed).toBe(64);
  }, 60_000);
});
