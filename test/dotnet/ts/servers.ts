// The dotnet-ws twins of ../ScenarioServer.cs, in this process:
//   - app:    a WebApplication (UseWebSockets, AcceptWebSocketAsync(WebSocketAcceptContext)), the
//             twin of Kestrel (on HTTP/1.1, or on cleartext HTTP/2 as the twin of the h2c Kestrel);
//   - stream: a net.Server that reads the request itself, writes the 101 and wraps the socket with
//             WebSocket.CreateFromStream, the twin of the C# TcpListener server.
// Each logs the server half of every scenario into a TranscriptSet under "<run>/<scenario>".
import net from 'node:net';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import {
  HttpProtocols,
  StatusCodes,
  TimeSpan,
  WebApplication,
  WebSocket,
  WebSocketAcceptContext,
  WebSocketCreationOptions,
} from './dotnet-ws.js';
import type { HttpContext } from './dotnet-ws.js';
import { Configure, Choose, Rejects, Run } from './server.js';
import { Q, Transcript } from './transcript.js';
import { TranscriptSet } from './transcripts.js';
import { acceptKey, readHead } from '../../helpers/handshake.js';

const SCENARIO_TIMEOUT_MS = 10_000;

export interface ScenarioServer {
  /** ws://127.0.0.1:PORT */
  url: string;
  transcripts: TranscriptSet;
  stop(): Promise<void>;
}

/** "/<run>/<scenario>" → ["<run>/<scenario>", "<scenario>"]; anything else → null. */
function Parse(path: string | null): [string, string] | null {
  const parts = (path ?? '').split('/').filter((p) => p.length > 0);
  if (parts.length !== 2) return null;
  return [`${parts[0]}/${parts[1]}`, parts[1]!];
}

async function RunWithTimeout(name: string, ws: WebSocket, t: Transcript): Promise<void> {
  const run = Run(name, ws, t);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), SCENARIO_TIMEOUT_MS)));
  try {
    if ((await Promise.race([run, timedOut])) === 'timeout') {
      t.Line('timeout', 'the server half did not finish');
      ws.Abort();
    }
  } finally {
    clearTimeout(timer);
  }
}

/** The WebApplication twin of Kestrel; with `http2`, on cleartext HTTP/2 only (HttpProtocols.Http2). */
export async function startAppServer(http2 = false): Promise<ScenarioServer> {
  const transcripts = new TranscriptSet();
  let app: WebApplication;
  if (http2) {
    const builder = WebApplication.CreateBuilder([]);
    builder.WebHost.ConfigureKestrel((o) => o.Listen('127.0.0.1', 0, (l) => (l.Protocols = HttpProtocols.Http2)));
    app = builder.Build();
  } else app = WebApplication.Create();
  app.UseWebSockets();
  /** The scenario middleware (no route matched → 404, as a path nothing maps). */
  app.Use(async (context: HttpContext, next) => {
    const parsed = Parse(context.Request.Path);
    if (parsed == null) {
      await next(context);
      return;
    }
    const [key, name] = parsed;
    if (name === 'plain') {
      context.Response.ContentType = 'text/plain; charset=utf-8';
      await context.Response.WriteAsync('not a WebSocket endpoint');
      return;
    }
    const t = new Transcript(key, transcripts.open(key));
    try {
      if (Rejects(name)) {
        t.Line('rejected', 'status=400');
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return;
      }
      if (!context.WebSockets.IsWebSocketRequest) {
        t.Line('not-websocket', `method=${context.Request.Method}`);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return;
      }
      const chosen = Choose(name, context.WebSockets.WebSocketRequestedProtocols, t);
      const accept = new WebSocketAcceptContext({ SubProtocol: chosen });
      Configure(
        name,
        (noTakeover, bits) => {
          accept.DangerousEnableCompression = true;
          accept.DisableServerContextTakeover = noTakeover;
          accept.ServerMaxWindowBits = bits;
        },
        (interval, timeout) => {
          accept.KeepAliveInterval = interval;
          accept.KeepAliveTimeout = timeout;
        },
      );
      if (name.startsWith('deflate')) {
        t.Line('requested-extensions', Q(context.Request.Headers['Sec-WebSocket-Extensions'] ?? ''));
      }
      const ws = await context.WebSockets.AcceptWebSocketAsync(accept);
      // The host tears the connection down when this delegate returns, as ASP.NET Core does.
      await RunWithTimeout(name, ws, t);
    } catch (e) {
      t.Error('crash', 'throws', e);
    } finally {
      transcripts.end(key);
    }
  });
  if (http2) await app.StartAsync();
  else await app.listen(0, '127.0.0.1');
  return {
    url: app.Urls[0]!.replace(/^http:/, 'ws:'),
    transcripts,
    stop: () => app.StopAsync(),
  };
}

export async function startStreamServer(): Promise<ScenarioServer> {
  const transcripts = new TranscriptSet();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    void HandleStream(socket);
  });
  /** The CreateFromStream server: its own handshake, then the same server half. */
  async function HandleStream(socket: net.Socket): Promise<void> {
    let t: Transcript | null = null;
    let key = 'stream-crash';
    try {
      const head = await readHead(socket);
      const lines = head.split('\r\n');
      const parsed = Parse(lines[0]!.split(' ')[1] ?? null);
      if (parsed == null) {
        socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      const name = parsed[1];
      key = parsed[0];
      t = new Transcript(key, transcripts.open(key));
      const headers = new Map<string, string>();
      for (let i = 1; i < lines.length; i++) {
        const colon = lines[i]!.indexOf(':');
        if (colon > 0) headers.set(lines[i]!.slice(0, colon).trim().toLowerCase(), lines[i]!.slice(colon + 1).trim());
      }
      if (Rejects(name) || !headers.has('sec-websocket-key')) {
        t.Line(Rejects(name) ? 'rejected' : 'not-websocket', 'status=400');
        socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      const requested: string[] = [];
      const protocols = headers.get('sec-websocket-protocol');
      if (protocols !== undefined) {
        for (const p of protocols.split(',')) if (p.trim().length > 0) requested.push(p.trim());
      }
      const chosen = Choose(name, requested, t);
      const accept = acceptKey(headers.get('sec-websocket-key')!);
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n` +
          (chosen != null ? `Sec-WebSocket-Protocol: ${chosen}\r\n` : '') +
          '\r\n',
      );
      // ASP.NET Core's default keep-alive (2 minutes, no timeout), unless the scenario sets its own.
      const options = new WebSocketCreationOptions();
      options.IsServer = true;
      options.SubProtocol = chosen;
      options.KeepAliveInterval = TimeSpan.FromMinutes(2);
      Configure(
        name,
        () => {},
        (interval, timeout) => {
          options.KeepAliveInterval = interval;
          options.KeepAliveTimeout = timeout;
        },
      );
      const ws = WebSocket.CreateFromStream(socket, options);
      try {
        await RunWithTimeout(name, ws, t);
      } finally {
        // As ASP.NET Core does when the request delegate returns.
        ws.Dispose();
      }
    } catch (e) {
      t ??= new Transcript(key, transcripts.open(key));
      t.Error('crash', 'throws', e);
    }
    if (t !== null) transcripts.end(key);
  }
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    transcripts,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
