// The dotnet-ws side of the benchmarks, written as a ported C# program would be: a WebApplication with
// app.UseWebSockets() and app.Map(...) whose handlers loop ReceiveAsync/SendAsync, and ClientWebSocket
// with ConnectAsync. Imports the built library (dist/), so `npm run bench` builds first.
//
// Every handler is written in the seed's shape (§4, §5): its own 4 KiB buffer per connection, a loop on
// `!receiveResult.CloseStatus.HasValue`, each SendAsync awaited. `tuned: true` swaps in the variants an
// application could tune to (one buffer shared by all idle connections, reads as large as the messages),
// reported beside the seed's shape, never instead of it.
//
// `core: true` skips the host and ClientWebSocket and builds ManagedWebSocket directly over ws's
// handleUpgrade / a ws client handing over its socket (the seam the host and the client use), to tell the cost of the
// core from the cost of the layers above it.
import http from 'node:http';
import { pathToFileURL } from 'node:url';

// BENCH_DIST=/path/to/dist benchmarks another build (say, one with a proposed change) in place of
// ../dist; it must resolve `ws` from the same place.
const dist = process.env.BENCH_DIST ? pathToFileURL(`${process.env.BENCH_DIST.replace(/\/$/, '')}/`) : new URL('../dist/', import.meta.url);
// The bundle (scripts/build-package.mjs) exports the public API and, for `core`, the internal seams.
const {
  ArraySegment,
  CancellationToken,
  ClientWebSocket,
  HANDSHAKE_CLIENT_OPTIONS,
  HandoffWebSocket,
  ManagedWebSocket,
  TimeSpan,
  Uri,
  WebApplication,
  WebSocketAcceptContext,
  WebSocketDeflateOptions,
  WebSocketMessageType,
  WebSocketState,
  handshakeServer,
} = await import(new URL('lib/dotnet-ws.js', dist).href);

export { ArraySegment, CancellationToken, WebSocketMessageType, WebSocketState };

const None = CancellationToken.None;
const KB = 1024;

/** One 4 KiB receive buffer shared by every idle connection (the tuned idle handler). */
const sharedIdleBuffer = new Uint8Array(4 * KB);

/** The seed's echo loop: a 4 KiB buffer per connection, each piece sent back as it was received. */
export async function seedEcho(webSocket, stats) {
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
}

/**
 * A client's 32-byte round trips in the seed's shape until `performance.now()` reaches `end` (at least
 * one): each SendAsync awaited, then the echo received whole into `buffer`. Returns how many.
 */
export async function seedRoundTrips(webSocket, message, buffer, end) {
  let n = 0;
  do {
    await webSocket.SendAsync(message, WebSocketMessageType.Text, true, None);
    let receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), None);
    while (!receiveResult.EndOfMessage) receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), None);
    n++;
  } while (performance.now() < end);
  return n;
}

/** The seed's receive loop as a sink: a 4 KiB buffer (or `size`), counting what arrives, until the close. */
async function seedSink(webSocket, stats, size = 4 * KB) {
  const buffer = new Uint8Array(size);
  let receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), None);
  while (!receiveResult.CloseStatus.HasValue) {
    stats.bytes += receiveResult.Count;
    if (receiveResult.EndOfMessage) stats.msgs++;
    receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), None);
  }
  await webSocket.CloseAsync(receiveResult.CloseStatus.Value, receiveResult.CloseStatusDescription, None);
}

/**
 * The server's WebSocket handlers, by path. `stats` counts what the sink received. Each handler gets an
 * accepted WebSocket and runs until the connection ends. `tuned`: the tuned variants of /idle and /sink.
 */
function handlers(stats, payload, tuned) {
  return {
    '/echo': (webSocket) => seedEcho(webSocket, stats),
    // Idle connections parked in the seed's loop, each with its own 4 KiB buffer.
    '/idle': tuned ? tunedIdle : (webSocket) => seedEcho(webSocket, { msgs: 0 }),
    // The seed's loop with 4 KiB reads; tuned, reads as large as the messages.
    '/sink': (webSocket) => seedSink(webSocket, stats, tuned ? payload : 4 * KB),
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

  // The tuned idle handler: the same loop over one buffer shared by all connections, so that the memory
  // per connection is the library's and not the application's 4 KiB buffer. Echoes the length only (the
  // shared buffer may be overwritten by another connection meanwhile).
  async function tunedIdle(webSocket) {
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
  }
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
export async function startServer({ stats, payload = 64 * KB, core = false, tuned = false, deflate = false, backlog = 4096 }) {
  const routes = handlers(stats, payload, tuned);
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
      // deflate: permessage-deflate accepted when the client offers it (ASP.NET Core's opt-in).
      const webSocket = await context.WebSockets.AcceptWebSocketAsync(
        deflate ? new WebSocketAcceptContext({ DangerousEnableCompression: true }) : undefined,
      );
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
export async function connect(url, { core = false, deflate = false } = {}) {
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
  // deflate: permessage-deflate offered with .NET's defaults (window 15 bits, context takeover).
  if (deflate) webSocket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
  await webSocket.ConnectAsync(new Uri(url), None);
  return webSocket;
}
