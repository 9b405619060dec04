// A dotnet-ws WebApplication for the browser and Python clients, written as the seed tutorial writes its
// server: `/echo` echoes each whole message (reassembled from 4 KiB receives) until the client closes and
// answers the close with the client's status; `/server-close` waits for one message, says "bye-soon" and
// closes with 4001 "server closing". Each connection's outcome is recorded by path.
import {
  ArraySegment,
  CancellationToken,
  WebApplication,
  WebSocketCloseStatus,
  WebSocketMessageType,
  WebSocketState,
} from './dotnet-ws.js';
import type { HttpContext, WebSocket, WebSocketReceiveResult } from './dotnet-ws.js';

export interface EchoRecord {
  /** Each message received: type, length. */
  messages: Array<{ type: string; length: number }>;
  closeStatus: number | null;
  closeStatusDescription: string | null;
  state: string;
  error: string | null;
}

const None = CancellationToken.None;

/** Receives one whole message with 4 KiB receives; null at the peer's close. */
async function receiveMessage(ws: WebSocket): Promise<{ type: WebSocketMessageType; data: Buffer } | WebSocketReceiveResult> {
  const parts: Buffer[] = [];
  const buffer = new Uint8Array(4096);
  for (;;) {
    const r = await ws.ReceiveAsync(new ArraySegment(buffer), None);
    if (r.MessageType === WebSocketMessageType.Close) return r;
    parts.push(Buffer.from(buffer.subarray(0, r.Count)));
    if (r.EndOfMessage) return { type: r.MessageType, data: Buffer.concat(parts) };
  }
}

export async function startEchoApp(): Promise<{
  http: string;
  ws: string;
  record(path: string): Promise<EchoRecord>;
  stop(): Promise<void>;
}> {
  const records = new Map<string, { promise: Promise<EchoRecord>; resolve: (r: EchoRecord) => void }>();
  function slot(path: string): { promise: Promise<EchoRecord>; resolve: (r: EchoRecord) => void } {
    let entry = records.get(path);
    if (!entry) {
      let resolve!: (r: EchoRecord) => void;
      const promise = new Promise<EchoRecord>((r) => (resolve = r));
      records.set(path, (entry = { promise, resolve }));
    }
    return entry;
  }
  /** Runs the endpoint's body and records how the connection ended. */
  async function recordFor(path: string, run: (rec: EchoRecord) => Promise<void>, ws: WebSocket): Promise<void> {
    const rec: EchoRecord = { messages: [], closeStatus: null, closeStatusDescription: null, state: '', error: null };
    try {
      await run(rec);
    } catch (e) {
      rec.error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
    rec.closeStatus = ws.CloseStatus.HasValue ? (ws.CloseStatus.Value as number) : null;
    rec.closeStatusDescription = ws.CloseStatusDescription;
    rec.state = WebSocketState[ws.State];
    slot(path).resolve(rec);
  }

  const app = WebApplication.CreateBuilder([]).Build();
  app.Urls.Add('http://127.0.0.1:0');
  app.UseWebSockets();
  app.MapGet('/', () => 'dotnet-ws interop page');
  // `/echo` and `/echo-empty-close` (a separate record for a second client): the seed's echo loop.
  const echo = async (context: HttpContext) => {
    const ws = await context.WebSockets.AcceptWebSocketAsync();
    await recordFor(
      context.Request.Path,
      async (rec) => {
        for (;;) {
          const m = await receiveMessage(ws);
          if (!('data' in m)) {
            await ws.CloseAsync(m.CloseStatus.Value, m.CloseStatusDescription, None);
            return;
          }
          rec.messages.push({ type: WebSocketMessageType[m.type], length: m.data.length });
          await ws.SendAsync(new ArraySegment(m.data), m.type, true, None);
        }
      },
      ws,
    );
  };
  app.Map('/echo', echo);
  app.Map('/echo-empty-close', echo);
  app.Map('/server-close', async (context) => {
    const ws = await context.WebSockets.AcceptWebSocketAsync();
    await recordFor(
      '/server-close',
      async (rec) => {
        const m = await receiveMessage(ws);
        if ('data' in m) rec.messages.push({ type: WebSocketMessageType[m.type], length: m.data.length });
        await ws.SendAsync(new ArraySegment(Buffer.from('bye-soon')), WebSocketMessageType.Text, true, None);
        await ws.CloseAsync(4001 as WebSocketCloseStatus, 'server closing', None);
      },
      ws,
    );
  });
  await app.StartAsync();
  const http = app.Urls[0]!;
  return {
    http,
    ws: http.replace(/^http:/, 'ws:'),
    record: (path) => slot(path).promise,
    stop: () => app.StopAsync(),
  };
}

/** The messages the browser and Python clients send: text, binary, and 1 MiB of each. */
export const expectedMessages = [
  { type: 'Text', length: Buffer.byteLength('hello 안녕 🎉') },
  { type: 'Binary', length: 256 },
  { type: 'Binary', length: 1 << 20 },
  { type: 'Text', length: 3 * 349525 + 1 },
];
