// The servers a differential client half runs against, each logging the server half of every scenario
// into a TranscriptSet:
//   - mono:   ../cs/Program.cs in server mode (TcpListener, its own 101, WebSocket.CreateFromStream);
//   - app:    dotnet-ws's WebApplication (UseWebSockets, AcceptWebSocketAsync), the real accept path;
//   - stream: dotnet-ws's WebSocket.CreateFromStream behind the same hand-written handshake as the C#
//             server, so the C# and TypeScript servers differ only in the WebSocket underneath.
import net from 'node:net';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { TimeSpan, WebApplication, WebSocket } from './dotnet-ws.js';
import { startMono } from './mono.js';
import { Transcript } from './transcript.js';
import { TranscriptSet } from './transcripts.js';
import { Choose, Rejects, Run } from '../scenarios/server.js';
import { acceptKey, headers, readHead } from '../../helpers/handshake.js';

export interface ScenarioServer {
  /** ws://127.0.0.1:PORT */
  url: string;
  transcripts: TranscriptSet;
  stop(): Promise<void>;
}

export type ServerKind = 'mono' | 'app' | 'stream';

export function startServer(kind: ServerKind): Promise<ScenarioServer> {
  switch (kind) {
    case 'mono':
      return startMonoServer();
    case 'app':
      return startAppServer();
    case 'stream':
      return startStreamServer();
  }
}

async function startMonoServer(): Promise<ScenarioServer> {
  const transcripts = new TranscriptSet();
  const child = startMono(['server'], (line) => transcripts.addOutput(line));
  const port = await child.firstLine.then((l) => Number(/^listening (\d+)$/.exec(l)?.[1]));
  if (!port) throw new Error(`Mono server did not start: ${child.stderr()}`);
  return {
    url: `ws://127.0.0.1:${port}`,
    transcripts,
    stop: () => child.stop(),
  };
}

async function runScenario(transcripts: TranscriptSet, name: string, body: (t: Transcript) => Promise<void>): Promise<void> {
  const t = new Transcript(name, transcripts.open(name));
  try {
    await body(t);
  } catch (e) {
    t.Error('crash', 'throws', e);
  }
  transcripts.end(name);
}

async function startAppServer(): Promise<ScenarioServer> {
  const transcripts = new TranscriptSet();
  const app = WebApplication.Create();
  app.UseWebSockets();
  app.Use(async (context) => {
    const name = context.Request.Path.slice(1);
    await runScenario(transcripts, name, async (t) => {
      if (Rejects(name)) {
        t.Line('rejected', 'status=400');
        context.Response.StatusCode = 400;
        return;
      }
      const chosen = Choose(name, context.WebSockets.WebSocketRequestedProtocols, t);
      const ws = await context.WebSockets.AcceptWebSocketAsync(chosen);
      // The host tears the connection down when this delegate returns, as ASP.NET Core does.
      await Run(name, ws, t);
    });
  });
  await app.listen(0, '127.0.0.1');
  return {
    url: app.Urls[0]!.replace(/^http:/, 'ws:'),
    transcripts,
    stop: () => app.StopAsync(),
  };
}

async function startStreamServer(): Promise<ScenarioServer> {
  const transcripts = new TranscriptSet();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    void handle(socket);
  });
  async function handle(socket: net.Socket): Promise<void> {
    let head: string;
    try {
      head = await readHead(socket);
    } catch {
      socket.destroy();
      return;
    }
    const name = head.split(' ')[1]!.slice(1);
    const h = headers(head);
    await runScenario(transcripts, name, async (t) => {
      if (Rejects(name)) {
        t.Line('rejected', 'status=400');
        socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      const requested = (h.get('sec-websocket-protocol') ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p.length > 0);
      const chosen = Choose(name, requested, t);
      socket.write(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          `Sec-WebSocket-Accept: ${acceptKey(h.get('sec-websocket-key') ?? '')}\r\n` +
          (chosen != null ? `Sec-WebSocket-Protocol: ${chosen}\r\n` : '') +
          '\r\n',
      );
      // ASP.NET Core's default keep-alive interval (2 minutes), as the C# server uses.
      const ws = WebSocket.CreateFromStream(socket, true, chosen, TimeSpan.FromMinutes(2));
      try {
        await Run(name, ws, t);
      } finally {
        ws.Dispose();
      }
    });
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
