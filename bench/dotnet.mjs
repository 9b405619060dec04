// The dotnet-ws side of the benchmarks, written as a ported C# program would be: a WebApplication with
// app.UseWebSockets() and app.Map(...) whose handlers loop ReceiveAsync/SendAsync, and ClientWebSocket
// with ConnectAsync. Imports the built library (dist/), so `npm run bench` builds first.
//
// `core: true` skips the host and ClientWebSocket and builds ManagedWebSocket directly over ws's
// handleUpgrade / a ws client handing over its socket (the seam the host and the client use), to tell the cost of the
// core from the cost of the layers above it.
import http from 'node:http';
import { pathToFileURL } from 'node:url';

// BENCH_DIST=/path/to/dist benchmarks another build (say, one with a proposed change) in place of
// ../dist; it must resolve `ws` from the same place.
const dist = process.env.BENCH_DIST ? pathToFileURL(`${process.env.BENCH_DIST.replace(/\/$/, '')}/`) : new URL('../dist/', import.meta.url);
const {
  ArraySegment,
  CancellationToken,
  ClientWebSocket,
  TimeSpan,
  Uri,
  WebApplication,
  WebSocketMessageType,
  WebSocketState,
} = await import(new URL('index.js', dist).href);
const { ManagedWebSocket } = await import(new URL('System.Net.WebSockets/ManagedWebSocket.js', dist).href);
const { HandoffWebSocket, HANDSHAKE_CLIENT_OPTIONS, handshakeServer } = await import(new URL('internal/ws-handoff.js', dist).href);

export { ArraySegment, CancellationToken, WebSocketMessageType, WebSocketState };

const None = CancellationToken.None;
const KB = 1024;

/** One 4 KiB receive buffer shared by every idle connection (see the idle handler). */
const sharedIdleBuffer = new Uint8Array(4 * KB);

/**
 * The server's WebSocket handlers, by path. `stats` counts what the sink received. Each handler gets an
 * accepted WebSocket and runs until the connection ends.
 */
function handlers(stats, payload) {
  return {
    // The seed's echo loop: a 4 KiB buffer per connection, each piece sent back as it was received.
    '/echo': async (webSocket) => {
      const buffer = new Uint8Array(4 * KB);
      let receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), None);
      while (!receiveResult.CloseStatus.HasValue) {
        if (receiveResult.EndOfMessage) stats.msgs++;
        await webSocket.SendAsync(
          new ArraySegment(buffer, 0, receiveResult.Count),
          receiveResult.MessageType,
          receiveResult.EndOfMessage,
          None,
        );
        receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), None);
      }
      await webSocket.CloseAsync(receiveResult.CloseStatus.Value, receiveResult.CloseStatusDescription, None);
    },
    // The same loop parked in ReceiveAsync, but over a buffer shared by all connections, so that
    // the memory per connection is the library's and not the application's 4 KiB buffer. Echoes
    // the length only (the shared buffer may be overwritten by another connection meanwhile).
    '/idle': async (webSocket) => {
      let receiveResult = await webSocket.ReceiveAsync(new ArraySegment(sharedIdleBuffer), None);
      while (!receiveResult.CloseStatus.HasValue) {
        await webSocket.SendAsync(
          new ArraySegment(Buffer.alloc(receiveResult.Count, 0x78)),
          receiveResult.MessageType,
          receiveResult.EndOfMessage,
          None,
        );
        receiveResult = await webSocket.ReceiveAsync(new ArraySegment(sharedIdleBuffer), None);
      }
      await webSocket.CloseAsync(receiveResult.CloseStatus.Value, receiveResult.CloseStatusDescription, None);
    },
    // Reads everything with a buffer of the message size and counts it.
    '/sink': async (webSocket) => {
      const buffer = new Uint8Array(payload);
      let receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), None);
      while (!receiveResult.CloseStatus.HasValue) {
        stats.bytes += receiveResult.Count;
        if (receiveResult.EndOfMessage) stats.msgs++;
        receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), None);
      }
    },
    // Sends binary messages back to back, each awaited (one in flight, as SendAsync allows), while
    // the benchmark has the source switched on.
    '/source': async (webSocket) => {
      const segment = new ArraySegment(Buffer.alloc(payload, 0xcd));
      while (webSocket.State === WebSocketState.Open) {
        if (!stats.sourceOn) {
          await new Promise((resolve) => stats.sourceWake.push(resolve));
          continue;
        }
        stats.bytes += payload;
        await webSocket.SendAsync(segment, WebSocketMessageType.Binary, true, None);
      }
    },
  };
}

/** Runs a handler, ignoring the errors a benchmark's abrupt disconnects cause. */
function run(handler, webSocket, stats) {
  stats.conns++;
  handler(webSocket)
    .catch(() => {})
    .finally(() => {
      stats.conns--;
      webSocket.Dispose();
    });
}

/**
 * Starts a dotnet-ws server on 127.0.0.1 (any free port) with the benchmark routes.
 * @returns {Promise<{ port: number, close(): Promise<void> }>}
 */
export async function startServer({ stats, payload = 64 * KB, core = false, backlog = 4096 }) {
  const routes = handlers(stats, payload);
  if (core) {
    const server = http.createServer();
    const wss = handshakeServer();
    server.on('upgrade', (req, socket, head) => {
      const handler = routes[req.url];
      wss.handleUpgrade(req, socket, head, (carrier) => {
        const webSocket = new ManagedWebSocket(carrier.socket, carrier.head, {
          IsServer: true,
          SubProtocol: null,
          KeepAliveInterval: TimeSpan.Zero,
          KeepAliveTimeout: TimeSpan.InfiniteTimeSpan,
        });
        run(handler, webSocket, stats);
      });
    });
    await new Promise((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog }, resolve));
    return { port: server.address().port, close: () => new Promise((r) => server.close(() => r())) };
  }
  const app = WebApplication.Create();
  app.UseWebSockets();
  for (const [path, handler] of Object.entries(routes)) {
    app.Map(path, async (context) => {
      const webSocket = await context.WebSockets.AcceptWebSocketAsync();
      stats.conns++;
      try {
        await handler(webSocket);
      } catch {
        // Clients of the benchmark disconnect abruptly.
      } finally {
        stats.conns--;
        webSocket.Dispose();
      }
    });
  }
  await app.listen(0, '127.0.0.1');
  const url = [...app.Urls][0];
  return { port: Number(new URL(url).port), close: () => app.StopAsync() };
}

/**
 * Connects a dotnet-ws client (ClientWebSocket, or with `core` a ManagedWebSocket over RawWebSocket).
 * @returns {Promise<import('../dist/index.js').WebSocket>}
 */
export async function connect(url, { core = false } = {}) {
  if (core) {
    const carrier = new HandoffWebSocket(url, undefined, HANDSHAKE_CLIENT_OPTIONS);
    return new Promise((resolve, reject) => {
      carrier.onHandoff = (socket, head) =>
        resolve(
          new ManagedWebSocket(socket, head, {
            IsServer: false,
            SubProtocol: null,
            KeepAliveInterval: TimeSpan.Zero,
            KeepAliveTimeout: TimeSpan.InfiniteTimeSpan,
          }),
        );
      carrier.once('error', reject);
    });
  }
  const webSocket = new ClientWebSocket();
  await webSocket.ConnectAsync(new Uri(url), None);
  return webSocket;
}
