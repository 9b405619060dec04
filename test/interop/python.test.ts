// Python's websockets (Debian's python3-websockets 10.4, run with /usr/bin/python3 as peers.md says) as
// a client of the dotnet-ws server, and as a server for ClientWebSocket: text, binary and 1 MiB messages,
// and the close handshake started from either side.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ArraySegment,
  CancellationToken,
  ClientWebSocket,
  Encoding,
  Uri,
  WebSocketCloseStatus,
  WebSocketMessageType,
  WebSocketState,
} from './lib/dotnet-ws.js';
import { expectedMessages, startEchoApp } from './lib/echo-app.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const python = '/usr/bin/python3';
const None = CancellationToken.None;

/** Runs a Python script to its end; its standard output's last line as JSON. */
function runPython(script: string, args: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [path.join(here, 'python', script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${script} exited with ${code}: ${err}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1)!));
    });
  });
}

describe('Python websockets client → dotnet-ws server', () => {
  let server: Awaited<ReturnType<typeof startEchoApp>>;
  beforeAll(async () => {
    server = await startEchoApp();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('echoes text, binary and 1 MiB messages intact and answers the client close with its status', async () => {
    expect(await runPython('client.py', [server.ws, 'echo'])).toEqual({
      echoed: [true, true, true, true],
      close_code: 1000,
      close_reason: 'done',
    });
    expect(await server.record('/echo')).toEqual({
      messages: expectedMessages,
      closeStatus: 1000,
      closeStatusDescription: 'done',
      state: 'Closed',
      error: null,
    });
  });

  it('closes with the server code and reason when the server closes', async () => {
    expect(await runPython('client.py', [server.ws, 'server-close'])).toEqual({
      messages: ['bye-soon'],
      close_code: 4001,
      close_reason: 'server closing',
    });
    const record = await server.record('/server-close');
    expect([record.closeStatus, record.state, record.error]).toEqual([4001, 'Closed', null]);
  });
});

describe('dotnet-ws ClientWebSocket → Python websockets server', () => {
  let port = 0;
  const finished: unknown[] = [];
  let waiting: (() => void) | null = null;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const child = spawn(python, [path.join(here, 'python', 'server.py')], { stdio: ['pipe', 'pipe', 'pipe'] });
    const lines = createInterface({ input: child.stdout });
    const exited = new Promise<void>((r) => child.on('close', () => r()));
    port = await new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      lines.once('line', (l) => resolve(Number(l)));
    });
    lines.on('line', (l) => {
      finished.push(JSON.parse(l));
      waiting?.();
    });
    stop = async () => {
      child.stdin.end();
      await exited;
    };
  });
  afterAll(async () => {
    await stop?.();
  });

  async function serverSaw(n: number): Promise<unknown> {
    while (finished.length < n) await new Promise<void>((r) => (waiting = r));
    return finished[n - 1];
  }

  async function receiveMessage(ws: ClientWebSocket): Promise<{ type: WebSocketMessageType; data: Buffer }> {
    const parts: Buffer[] = [];
    const buffer = new Uint8Array(4096);
    for (;;) {
      const r = await ws.ReceiveAsync(new ArraySegment(buffer), None);
      parts.push(Buffer.from(buffer.subarray(0, r.Count)));
      if (r.EndOfMessage) return { type: r.MessageType, data: Buffer.concat(parts) };
    }
  }

  it('gets text, binary and 1 MiB messages echoed intact and closes with CloseAsync', async () => {
    using ws = new ClientWebSocket();
    await ws.ConnectAsync(new Uri(`ws://127.0.0.1:${port}/echo`), None);
    const big = new Uint8Array(1 << 20);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 0xff;
    const messages: Array<[WebSocketMessageType, Uint8Array]> = [
      [WebSocketMessageType.Text, Encoding.UTF8.GetBytes('hello 안녕 🎉')],
      [WebSocketMessageType.Binary, Uint8Array.from({ length: 256 }, (_, i) => i)],
      [WebSocketMessageType.Binary, big],
      [WebSocketMessageType.Text, Encoding.UTF8.GetBytes('가'.repeat(349525) + '!')],
    ];
    for (const [type, bytes] of messages) {
      await ws.SendAsync(new ArraySegment(bytes), type, true, None);
      const m = await receiveMessage(ws);
      expect(m.type).toBe(type);
      expect(m.data.equals(bytes)).toBe(true);
    }
    await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, 'done', None);
    expect([ws.State, ws.CloseStatus.Value, ws.CloseStatusDescription]).toEqual([WebSocketState.Closed, 1000, 'done']);
    expect(await serverSaw(1)).toEqual({
      path: '/echo',
      received: expectedMessages.map((m) => [m.type, m.length]),
      close_code: 1000,
      close_reason: 'done',
    });
  });

  it('reads the server close as a Close result and answers it with CloseOutputAsync', async () => {
    using ws = new ClientWebSocket();
    await ws.ConnectAsync(new Uri(`ws://127.0.0.1:${port}/close`), None);
    const m = await receiveMessage(ws);
    expect([m.type, m.data.toString()]).toEqual([WebSocketMessageType.Text, 'bye']);
    const buffer = new Uint8Array(16);
    const r = await ws.ReceiveAsync(new ArraySegment(buffer), None);
    expect([r.MessageType, r.CloseStatus.Value, r.CloseStatusDescription, ws.State]).toEqual([
      WebSocketMessageType.Close,
      4002,
      'python closing',
      WebSocketState.CloseReceived,
    ]);
    await ws.CloseOutputAsync(r.CloseStatus.Value, r.CloseStatusDescription, None);
    expect(ws.State).toBe(WebSocketState.Closed);
    expect(await serverSaw(2)).toEqual({ path: '/close', received: [], close_code: 4002, close_reason: 'python closing' });
  });
});
