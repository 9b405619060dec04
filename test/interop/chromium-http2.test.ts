// Chromium's WebSocket over HTTP/2 (RFC 8441) against the dotnet-ws server: a WebApplication on TLS with
// HttpProtocols.Http1AndHttp2 and a certificate made for this run (openssl, test/helpers/servers.ts). The
// page is loaded over HTTP/2 from the same origin, so Chromium has an HTTP/2 connection whose SETTINGS
// carry SETTINGS_ENABLE_CONNECT_PROTOCOL, and opens its WebSockets on that connection as extended CONNECT
// streams. The server shows it: each WebSocket request is `HTTP/2 CONNECT`, from the client port that
// loaded the page. Echo, a close from either side. run.sh leaves this file out, saying why, without openssl.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, playwrightPath } from './lib/chromium.js';
import { makeCertificate } from '../helpers/servers.js';
import {
  ArraySegment,
  CancellationToken,
  HttpProtocols,
  WebApplication,
  WebSocketCloseStatus,
  WebSocketMessageType,
  WebSocketState,
  X509Certificate2,
} from './lib/dotnet-ws.js';
import type { HttpContext, WebSocket as ServerWebSocket } from './lib/dotnet-ws.js';

interface Browser {
  newContext(o: { ignoreHTTPSErrors: boolean }): Promise<{ newPage(): Promise<Page>; close(): Promise<void> }>;
  close(): Promise<void>;
}
interface Page {
  goto(url: string): Promise<{ status(): number } | null>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

/** What the server saw of one request. */
interface Seen {
  path: string;
  protocol: string;
  method: string;
  remotePort: number;
  isWebSocketRequest: boolean;
}

/** How a WebSocket endpoint's connection ended. */
interface Outcome {
  messages: string[];
  closeStatus: number | null;
  closeStatusDescription: string | null;
  state: string;
  error: string | null;
}

const None = CancellationToken.None;
let browser: Browser;
let page: Page;
let app: WebApplication;
let origin: string;
const seen: Seen[] = [];
const outcomes = new Map<string, { promise: Promise<Outcome>; resolve: (o: Outcome) => void }>();

function outcome(key: string): { promise: Promise<Outcome>; resolve: (o: Outcome) => void } {
  let entry = outcomes.get(key);
  if (!entry) {
    let resolve!: (o: Outcome) => void;
    const promise = new Promise<Outcome>((r) => (resolve = r));
    outcomes.set(key, (entry = { promise, resolve }));
  }
  return entry;
}

/** Receives one whole text message, or the close (null). */
async function receiveText(ws: ServerWebSocket): Promise<string | null> {
  const buffer = new Uint8Array(4096);
  const parts: Buffer[] = [];
  for (;;) {
    const r = await ws.ReceiveAsync(new ArraySegment(buffer), None);
    if (r.MessageType === WebSocketMessageType.Close) return null;
    parts.push(Buffer.from(buffer.subarray(0, r.Count)));
    if (r.EndOfMessage) return Buffer.concat(parts).toString();
  }
}

/** Runs a WebSocket endpoint's body, recording what it received and how the connection ended. */
async function endpoint(context: HttpContext, body: (ws: ServerWebSocket, received: string[]) => Promise<void>): Promise<void> {
  const key = context.Request.Query['id'] ?? context.Request.Path;
  const ws = await context.WebSockets.AcceptWebSocketAsync();
  const received: string[] = [];
  let error: string | null = null;
  try {
    await body(ws, received);
  } catch (e) {
    error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  outcome(key).resolve({
    messages: received,
    closeStatus: ws.CloseStatus.HasValue ? (ws.CloseStatus.Value as number) : null,
    closeStatusDescription: ws.CloseStatusDescription,
    state: WebSocketState[ws.State],
    error,
  });
}

beforeAll(async () => {
  expect(existsSync(playwrightPath), 'playwright-core is installed by test/interop/run.sh').toBe(true);
  const certificate = makeCertificate('localhost', 'DNS:localhost,IP:127.0.0.1');
  const builder = WebApplication.CreateBuilder([]);
  builder.WebHost.ConfigureKestrel((options) => {
    options.Listen('127.0.0.1', 0, (listenOptions) => {
      listenOptions.Protocols = HttpProtocols.Http1AndHttp2;
      listenOptions.UseHttps(X509Certificate2.CreateFromPem(certificate.cert, certificate.key));
    });
  });
  app = builder.Build();
  app.UseWebSockets();
  app.Use(async (context, next) => {
    seen.push({
      path: context.Request.Path,
      protocol: context.Request.Protocol,
      method: context.Request.Method,
      remotePort: context.Connection.RemotePort,
      isWebSocketRequest: context.WebSockets.IsWebSocketRequest,
    });
    await next(context);
  });
  app.MapGet('/', () => 'dotnet-ws over HTTP/2');
  // Echoes each message until the browser closes, then answers its close with the same status.
  app.Map('/echo', (context) =>
    endpoint(context, async (ws, received) => {
      for (;;) {
        const text = await receiveText(ws);
        if (text === null) {
          await ws.CloseAsync(ws.CloseStatus.Value, ws.CloseStatusDescription, None);
          return;
        }
        received.push(text);
        await ws.SendAsync(new ArraySegment(Buffer.from(text)), WebSocketMessageType.Text, true, None);
      }
    }),
  );
  // Waits for one message, answers "bye-soon" and closes with 4001.
  app.Map('/server-close', (context) =>
    endpoint(context, async (ws, received) => {
      const text = await receiveText(ws);
      if (text !== null) received.push(text);
      await ws.SendAsync(new ArraySegment(Buffer.from('bye-soon')), WebSocketMessageType.Text, true, None);
      await ws.CloseAsync(4001 as WebSocketCloseStatus, 'server closing', None);
    }),
  );
  await app.StartAsync();
  origin = app.Urls[0]!.replace('127.0.0.1', 'localhost');

  browser = await launchChromium<Browser>();
  // The certificate is this run's own: the context accepts it (as a user would after a warning).
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  page = await context.newPage();
  const response = await page.goto(`${origin}/`);
  expect(response?.status()).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  await app?.StopAsync();
});

describe('Chromium WebSocket over HTTP/2 → dotnet-ws server (TLS, Http1AndHttp2)', () => {
  it('loads the page over HTTP/2', () => {
    expect(seen[0]).toMatchObject({ path: '/', protocol: 'HTTP/2', method: 'GET' });
  });

  it('opens three WebSockets as extended CONNECTs on the page connection, echoes on each, and closes cleanly', async () => {
    const result = await page.evaluate(
      async (wsOrigin: string) => {
        const open = (id: string) =>
          new Promise<WebSocket>((resolve, reject) => {
            const ws = new WebSocket(`${wsOrigin}/echo?id=${id}`);
            ws.onopen = () => resolve(ws);
            ws.onerror = () => reject(new Error(`${id} failed`));
          });
        const roundTrip = (ws: WebSocket, text: string) =>
          new Promise<string>((resolve) => {
            ws.onmessage = (e) => resolve(e.data as string);
            ws.send(text);
          });
        const closed = (ws: WebSocket) =>
          new Promise<{ code: number; reason: string; wasClean: boolean }>((resolve) => {
            ws.onclose = (e) => resolve({ code: e.code, reason: e.reason, wasClean: e.wasClean });
          });
        const sockets = await Promise.all(['a', 'b', 'c'].map(open));
        const echoed: string[] = [];
        // Interleaved: one message on each, twice over.
        for (const round of [1, 2])
          for (const [i, ws] of sockets.entries()) echoed.push(await roundTrip(ws, `${'abc'[i]} ${round} 안녕 🎉`));
        // Closing one leaves the others open.
        const firstClosed = closed(sockets[0]!);
        sockets[0]!.close(1000, 'done');
        const first = await firstClosed;
        const stillOpen = sockets.slice(1).map((ws) => ws.readyState === WebSocket.OPEN);
        const afterClose = await roundTrip(sockets[1]!, 'still here');
        const rest = sockets.slice(1).map(closed);
        sockets[1]!.close(1000, 'done');
        sockets[2]!.close(4000, 'bye');
        return { echoed, first, stillOpen, afterClose, rest: await Promise.all(rest) };
      },
      origin.replace(/^https:/, 'wss:'),
    );
    expect(result).toEqual({
      echoed: ['a 1 안녕 🎉', 'b 1 안녕 🎉', 'c 1 안녕 🎉', 'a 2 안녕 🎉', 'b 2 안녕 🎉', 'c 2 안녕 🎉'],
      first: { code: 1000, reason: 'done', wasClean: true },
      stillOpen: [true, true],
      afterClose: 'still here',
      rest: [
        { code: 1000, reason: 'done', wasClean: true },
        { code: 4000, reason: 'bye', wasClean: true },
      ],
    });
    const outcomes = await Promise.all(['a', 'b', 'c'].map((id) => outcome(id).promise));
    expect(outcomes).toEqual([
      { messages: ['a 1 안녕 🎉', 'a 2 안녕 🎉'], closeStatus: 1000, closeStatusDescription: 'done', state: 'Closed', error: null },
      {
        messages: ['b 1 안녕 🎉', 'b 2 안녕 🎉', 'still here'],
        closeStatus: 1000,
        closeStatusDescription: 'done',
        state: 'Closed',
        error: null,
      },
      { messages: ['c 1 안녕 🎉', 'c 2 안녕 🎉'], closeStatus: 4000, closeStatusDescription: 'bye', state: 'Closed', error: null },
    ]);
    // The server's side: each WebSocket arrived as an extended CONNECT over HTTP/2, on the connection
    // (client port) that loaded the page.
    const sockets = seen.filter((s) => s.path === '/echo');
    expect(sockets.map((s) => [s.protocol, s.method, s.isWebSocketRequest])).toEqual(Array(3).fill(['HTTP/2', 'CONNECT', true]));
    expect(new Set([seen[0]!.remotePort, ...sockets.map((s) => s.remotePort)]).size).toBe(1);
  });

  it('closes cleanly when the server closes, with its code and reason', async () => {
    const result = await page.evaluate(
      async (wsOrigin: string) => {
        const ws = new WebSocket(`${wsOrigin}/server-close`);
        const messages: string[] = [];
        ws.onmessage = (e) => messages.push(e.data as string);
        const closed = new Promise<{ code: number; reason: string; wasClean: boolean }>((resolve) => {
          ws.onclose = (e) => resolve({ code: e.code, reason: e.reason, wasClean: e.wasClean });
        });
        await new Promise((resolve) => (ws.onopen = resolve));
        ws.send('ready');
        return { messages, close: await closed };
      },
      origin.replace(/^https:/, 'wss:'),
    );
    expect(result).toEqual({ messages: ['bye-soon'], close: { code: 4001, reason: 'server closing', wasClean: true } });
    expect(await outcome('/server-close').promise).toEqual({
      messages: ['ready'],
      closeStatus: 4001,
      closeStatusDescription: 'server closing',
      state: 'Closed',
      error: null,
    });
    expect(seen.find((s) => s.path === '/server-close')).toMatchObject({ protocol: 'HTTP/2', method: 'CONNECT' });
  });
});
