// Hostile input, bounded in time: a raw-TCP fuzzer with a fixed seed (a failure replays) against the
// server's accept path and ClientWebSocket, a churn of 10,000 connections, and a flood into a slow
// reader. Whatever arrives, the process must not crash, each failure must surface as a .NET exception on
// the affected socket only, other connections must keep working, nothing may be left unhandled.
import net from 'node:net';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebApplication } from '../../src/Microsoft.AspNetCore.Builder/WebApplication.js';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { TimeSpan } from '../../src/System/TimeSpan.js';
import { Uri } from '../../src/System/Uri.js';
import { ClientWebSocket } from '../../src/System.Net.WebSockets/ClientWebSocket.js';
import type { ManagedWebSocket } from '../../src/System.Net.WebSockets/ManagedWebSocket.js';
import type { WebSocket } from '../../src/System.Net.WebSockets/WebSocket.js';
import { WebSocketError } from '../../src/System.Net.WebSockets/WebSocketError.js';
import { WebSocketException } from '../../src/System.Net.WebSockets/WebSocketException.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { closeBody, frame } from '../helpers/peers.js';
import { captureServerLog, unhandledApplicationException } from '../helpers/server-log.js';
import { readHead, switchingProtocols, upgradeRequest } from '../helpers/handshake.js';
import { None } from './roles.js';
import { echo } from '../helpers/messages.js';

/** mulberry32: a small seeded PRNG, so a failing case can be replayed from its seed and index. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Valid frame sequences a fuzz case starts from, before mutation. */
function templates(mask: boolean): Buffer[] {
  return [
    frame(0x1, 'hello', { mask }),
    frame(0x2, Buffer.alloc(200, 7), { mask }),
    frame(0x2, Buffer.alloc(300, 9), { mask }),
    Buffer.concat([frame(0x1, 'frag', { fin: false, mask }), frame(0x9, 'p', { mask }), frame(0x0, 'ment', { mask })]),
    frame(0x9, 'ping', { mask }),
    frame(0xa, 'pong', { mask }),
    frame(0x8, closeBody(1000, 'bye'), { mask }),
    Buffer.concat([frame(0x1, Buffer.from([0xe2, 0x82]), { fin: false, mask }), frame(0x0, Buffer.from([0xac]), { mask })]),
  ];
}

/** Bit flips, byte overwrites, truncation, insertion and duplication, 1–4 of them. */
function mutate(input: Buffer, random: () => number): Buffer {
  let b = Buffer.from(input);
  const int = (n: number) => Math.floor(random() * n);
  for (let m = 1 + int(4); m > 0; m--) {
    if (b.length === 0) break;
    switch (int(6)) {
      case 0:
        b[int(b.length)]! ^= 1 << int(8);
        break;
      case 1:
        b[int(b.length)] = int(256);
        break;
      case 2:
        b = b.subarray(0, int(b.length));
        break;
      case 3: {
        const at = int(b.length);
        const junk = Buffer.from(Array.from({ length: 1 + int(16) }, () => int(256)));
        b = Buffer.concat([b.subarray(0, at), junk, b.subarray(at)]);
        break;
      }
      case 4: {
        const at = int(b.length);
        b = Buffer.concat([b, b.subarray(at, at + 1 + int(32))]);
        break;
      }
      default:
        // The length byte of the first frame: any 7-bit value, 126 or 127.
        if (b.length > 1) b[1] = (b[1]! & 0x80) | int(128);
    }
  }
  return b;
}

/** How one WebSocket's life ended, as a line: a close, a .NET exception with its error code, or anything else. */
function outcome(e: unknown): string {
  if (e instanceof WebSocketException) return `WebSocketException ${WebSocketError[e.WebSocketErrorCode]}`;
  if (e instanceof Error) return `unexpected ${e.name}: ${e.message}`;
  return `unexpected ${String(e)}`;
}

/** Reads until the peer's close (answered) or an exception. */
async function drain(ws: WebSocket): Promise<string> {
  const buffer = new Uint8Array(4096);
  try {
    for (;;) {
      const r = await ws.ReceiveAsync(new ArraySegment(buffer), None);
      if (r.MessageType === WebSocketMessageType.Close) {
        await ws.CloseOutputAsync(r.CloseStatus.Value, r.CloseStatusDescription, None);
        return 'closed';
      }
    }
  } catch (e) {
    return outcome(e);
  }
}

const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
});

/** A WebApplication with `/fuzz` (reads until the end, records how) and `/echo` (echoes text). */
async function startServer(
  keepAccepted = false,
): Promise<{ app: WebApplication; port: number; outcomes: Promise<string>[]; accepted: WebSocket[] }> {
  const outcomes: Promise<string>[] = [];
  const accepted: WebSocket[] = [];
  const app = WebApplication.CreateBuilder([]).Build();
  app.Urls.Add('http://127.0.0.1:0');
  app.UseWebSockets();
  app.Map('/fuzz', async (context) => {
    const ws = await context.WebSockets.AcceptWebSocketAsync();
    const done = drain(ws);
    outcomes.push(done);
    await done;
  });
  app.Map('/echo', async (context) => {
    const ws = await context.WebSockets.AcceptWebSocketAsync();
    if (keepAccepted) accepted.push(ws);
    const buffer = new Uint8Array(64 * 1024);
    try {
      for (;;) {
        const r = await ws.ReceiveAsync(new ArraySegment(buffer), None);
        if (r.MessageType === WebSocketMessageType.Close) {
          await ws.CloseOutputAsync(r.CloseStatus.Value, r.CloseStatusDescription, None);
          return;
        }
        await ws.SendAsync(new ArraySegment(buffer, 0, r.Count), r.MessageType, r.EndOfMessage, None);
      }
    } catch {
      // the churn and flood tests end some connections abruptly
    }
  });
  await app.StartAsync();
  return { app, port: Number(new URL(app.Urls[0]!).port), outcomes, accepted };
}

async function connectClient(port: number, path: string): Promise<ClientWebSocket> {
  const ws = new ClientWebSocket();
  ws.Options.KeepAliveInterval = TimeSpan.Zero;
  await ws.ConnectAsync(new Uri(`ws://127.0.0.1:${port}${path}`), None);
  return ws;
}

describe('a fuzzer against the server (seed 0x5eed, 2000 cases)', () => {
  it('surfaces every failure as a WebSocketException on its own socket while an echo connection keeps working', async () => {
    // A mutated request that still reaches /fuzz but is no upgrade makes the handler's accept throw, which
    // the host logs (as Kestrel does) and answers with 500: those logs are captured and checked below.
    const log = captureServerLog();
    const { app, port, outcomes } = await startServer();
    const control = await connectClient(port, '/echo');
    const random = prng(0x5eed);
    const bases = templates(true);
    try {
      const cases = 2000;
      const batch = 25;
      for (let start = 0; start < cases; start += batch) {
        await Promise.all(
          Array.from({ length: batch }, async (_, k) => {
            const i = start + k;
            const socket = net.connect(port, '127.0.0.1');
            socket.on('error', () => {});
            // Read (and drop) whatever the server answers, so its end reaches us and 'close' fires.
            socket.resume();
            await once(socket, 'connect');
            let request = upgradeRequest('/fuzz', { host: `127.0.0.1:${port}` });
            // One case in five mutates the opening request instead of the frames.
            const handshakeCase = random() < 0.2;
            if (handshakeCase) request = mutate(Buffer.from(request), random).toString('latin1');
            const frames = mutate(
              Buffer.concat([bases[Math.floor(random() * bases.length)]!, bases[Math.floor(random() * bases.length)]!]),
              random,
            );
            const closed = once(socket, 'close');
            socket.write(request);
            if (!handshakeCase) socket.write(frames);
            if (i % 2 === 0) socket.end();
            else setImmediate(() => socket.destroy());
            await closed;
          }),
        );
        expect(await echo(control, `still here after ${start + batch}`)).toBe(`still here after ${start + batch}`);
      }
      const ends = await Promise.all(outcomes);
      const unexpected = ends.filter((o) => o.startsWith('unexpected'));
      expect(unexpected).toEqual([]);
      // Most cases reach a WebSocket; each ended with a close or a .NET exception.
      expect(ends.length).toBeGreaterThan(cases / 2);
      expect(new Set(ends)).toContain('WebSocketException Faulted');
      expect(unhandled).toEqual([]);
      expect(log.entries.length).toBeGreaterThan(0);
      for (const entry of log.entries)
        expect(entry).toMatch(unhandledApplicationException('InvalidOperationException: Not a WebSocket request.'));
    } finally {
      control.Dispose();
      await app.StopAsync();
      log.restore();
    }
  }, 120_000);
});

describe('a fuzzer against ClientWebSocket (seed 0xc11e, 500 cases)', () => {
  it('fails each bad handshake or frame with a WebSocketException and never crashes', async () => {
    const random = prng(0xc11e);
    const bases = templates(false);
    const server = net.createServer((socket) => {
      socket.on('error', () => {});
      void readHead(socket).then(
        (head) => {
          const handshakeCase = random() < 0.2;
          const response = Buffer.from(switchingProtocols(head));
          socket.write(handshakeCase ? mutate(response, random) : response);
          if (!handshakeCase)
            socket.write(
              mutate(Buffer.concat([bases[Math.floor(random() * bases.length)]!, bases[Math.floor(random() * bases.length)]!]), random),
            );
          socket.end();
          // Read (and drop) what the client sends, so its end reaches us and the socket closes.
          socket.resume();
        },
        () => socket.destroy(),
      );
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      const ends: string[] = [];
      for (let i = 0; i < 500; i++) {
        const ws = new ClientWebSocket();
        ws.Options.KeepAliveInterval = TimeSpan.Zero;
        try {
          await ws.ConnectAsync(new Uri(`ws://127.0.0.1:${port}/`), None);
          ends.push(await drain(ws));
        } catch (e) {
          ends.push(`connect: ${outcome(e)}`);
        } finally {
          ws.Dispose();
        }
      }
      expect(ends.filter((o) => o.includes('unexpected'))).toEqual([]);
      expect(unhandled).toEqual([]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  }, 120_000);
});

/** The V8 garbage collector, without --expose-gc on the command line. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

describe('churn: 10,000 connect, exchange, close cycles', () => {
  it('returns the heap and the open handles to their baseline', async () => {
    const { app, port } = await startServer();
    try {
      const cycle = async (i: number) => {
        const ws = await connectClient(port, '/echo');
        expect(await echo(ws, `m${i}`)).toBe(`m${i}`);
        await ws.CloseAsync(1000, null, None);
        ws.Dispose();
      };
      // Warm up, then measure.
      for (let i = 0; i < 200; i++) await cycle(i);
      collectGarbage();
      const heapBefore = process.memoryUsage().heapUsed;
      const handlesBefore = process.getActiveResourcesInfo().length;
      const total = 10_000;
      const parallel = 20;
      for (let start = 0; start < total; start += parallel) {
        await Promise.all(Array.from({ length: parallel }, (_, k) => cycle(start + k)));
      }
      collectGarbage();
      const heapAfter = process.memoryUsage().heapUsed;
      const handlesAfter = process.getActiveResourcesInfo().length;
      expect(heapAfter - heapBefore).toBeLessThan(8 * 1024 * 1024);
      expect(handlesAfter).toBeLessThanOrEqual(handlesBefore + 2);
      expect(unhandled).toEqual([]);
    } finally {
      await app.StopAsync();
    }
  }, 180_000);
});

describe('a flood into a slow reader', () => {
  it('keeps what the server holds for its application within its read-ahead', async () => {
    const { app, port, accepted } = await startServer(true);
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => {});
    try {
      await once(socket, 'connect');
      socket.write(upgradeRequest('/echo', { host: `127.0.0.1:${port}` }));
      await readHead(socket);
      // 64 MiB of 64 KiB binary frames, written as fast as TCP takes them; the echo handler echoes
      // what it reads, and nobody reads the echoes, so the server's reading is throttled too.
      const chunk = frame(0x2, Buffer.alloc(64 * 1024, 1), { mask: true });
      let written = 0;
      const flood = (async () => {
        while (written < 64 * 1024 * 1024) {
          written += chunk.length;
          if (!socket.write(chunk)) await once(socket, 'drain');
        }
      })();
      void flood.catch(() => {});
      while (accepted.length === 0) await new Promise((r) => setImmediate(r));
      const ws = accepted[0] as ManagedWebSocket;
      let peak = 0;
      // Sample until the flood stalls (the echoes are never read, so the handler's sends stop completing
      // and it stops receiving; nothing is read while nobody receives): the server must hold no more than
      // its read-ahead while the flood waits on TCP backpressure.
      let last = -1;
      for (let i = 0, still = 0; i < 2_000_000 && still < 2000; i++) {
        peak = Math.max(peak, ws.receiveBufferedAmount);
        still = written === last ? still + 1 : 0;
        last = written;
        await new Promise((r) => setImmediate(r));
      }
      expect(peak).toBeLessThanOrEqual(256 * 1024);
      expect(written).toBeLessThan(64 * 1024 * 1024);
      expect(unhandled).toEqual([]);
    } finally {
      socket.destroy();
      await app.StopAsync();
    }
  }, 60_000);
});
