// The benchmark's child process (forked by bench/run.mjs with --expose-gc), in one of two roles:
//
//   serve <ws|ws-async|dotnet|dotnet-tuned|bare|bare-seed> [--core] [--payload N]
//       A WebSocket server on 127.0.0.1 with the routes /echo, /idle, /sink and /source, written with
//       ws's event API or with dotnet-ws in the seed's shape (see bench/dotnet.mjs; dotnet-tuned: its
//       tuned variants). Answers the parent's 'stats', 'mem' and 'snapshot' (bench/heap-diff.mjs)
//       requests over IPC. ws-async is a reference: raw ws under the seed's code shape. bare and
//       bare-seed are the floor (bench/floor-servers.mjs; no routes: every upgrade is kept and echoes
//       short frames): the least a library could keep and spend per connection, without and with the
//       seed's shape.
//   flood <ws|dotnet> [--core] --url URL --rate MBps --chunk N [--settle ms]
//       A client reading a flood from the parent's server, `chunk` bytes at a time at most `rate` MB/s,
//       while sampling its own RSS: what a slow reader's process holds while a fast peer sends. With
//       --settle, it idles `ms` once connected, before its baseline (bench/run.mjs --settle says why).
//
// Every message to the parent is { id, ...result }, `id` echoing the request's.
import http from 'node:http';
import v8 from 'node:v8';
import { WebSocket, WebSocketServer } from 'ws';
import { MessageQueue, sendAwaited } from './ws-async.mjs';

const [role, impl, ...rest] = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = rest.indexOf(`--${name}`);
  return i < 0 ? fallback : rest[i + 1];
};
const core = rest.includes('--core');
// --deflate: permessage-deflate on every side. ws compresses every message (threshold 0) as dotnet-ws and
// .NET do; its default threshold (1 KiB) would leave the 32-byte round trips uncompressed.
const deflate = rest.includes('--deflate');
const WS_DEFLATE = deflate ? { threshold: 0 } : false;
const KB = 1024;
const MiB = 1024 * 1024;

const send = (message) => process.send(message);

/** --settle (flood): idles this long once connected, before the baseline is taken. */
function settle() {
  const ms = Number(flag('settle', 0));
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}

/** V8's young generation (both semi-spaces, committed), MiB: how much is allocated between scavenges. */
function youngGeneration() {
  return v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size / MiB;
}

/**
 * Memory of this process after a full collection. `young` grows when much of what is allocated survives
 * scavenges (say, while connections open): most of the RSS that 1,000 idle connections add is new-space
 * pages (bench/heap-diff.mjs prints it before and after).
 */
async function memory() {
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await new Promise((r) => setImmediate(r));
  }
  const m = process.memoryUsage();
  return {
    rss: m.rss,
    heapUsed: m.heapUsed,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
    young: youngGeneration(),
    faults: process.resourceUsage().minorPageFault,
  };
}

// ----------------------------------------------------------------------------------------------
// serve
// ----------------------------------------------------------------------------------------------

/** ws's event API: the idiomatic handlers for each route. */
function startWsServer({ stats, payload, backlog = 4096 }) {
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: WS_DEFLATE, clientTracking: false });
  const source = Buffer.alloc(payload, 0xcd);
  server.on('upgrade', (req, socket, head) => {
    // Read here: were the callback below to use `req`, every listener made in it would keep the request
    // alive through the shared closure context (~1 KB per idle connection).
    const route = req.url;
    wss.handleUpgrade(req, socket, head, (ws) => {
      stats.conns++;
      ws.on('error', () => {});
      ws.on('close', () => stats.conns--);
      switch (route) {
        case '/echo':
          ws.on('message', (data, isBinary) => {
            stats.msgs++;
            ws.send(data, { binary: isBinary });
          });
          break;
        case '/idle':
          ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
          break;
        case '/sink':
          ws.on('message', (data) => {
            stats.bytes += data.length;
            stats.msgs++;
          });
          break;
        case '/source': {
          // Pipelined, at most ~1 MiB queued: the usual way to stream with ws. Runs while switched on.
          const pump = () => {
            while (stats.sourceOn && ws.readyState === WebSocket.OPEN && ws.bufferedAmount < MiB) {
              stats.bytes += source.length;
              ws.send(source, { binary: true }, pump2);
            }
          };
          const pump2 = (err) => {
            if (!err) pump();
          };
          stats.sourcePumps.add(pump);
          ws.on('close', () => stats.sourcePumps.delete(pump));
          pump();
          break;
        }
        default:
          ws.terminate();
      }
    });
  });
  return new Promise((resolve) =>
    server.listen({ port: 0, host: '127.0.0.1', backlog }, () =>
      resolve({ port: server.address().port, close: () => new Promise((r) => server.close(() => r())) }),
    ),
  );
}

/**
 * The reference: raw ws with the application written as the seed writes it, an async handler (as
 * app.Map's lambda) awaiting an async loop that awaits one promise per message received, and per send
 * where SendAsync would be awaited for its completion (/source; /echo does not wait, which only makes
 * the reference faster). It tells what that code shape costs on its own from what dotnet-ws costs.
 */
function startWsAsyncServer({ stats, payload, backlog = 4096 }) {
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: WS_DEFLATE, clientTracking: false });
  const echo = async (ws, messages) => {
    let message = await messages.receive();
    while (message !== null) {
      ws.send(message.data, { binary: message.isBinary });
      message = await messages.receive();
    }
  };
  const sink = async (ws, messages) => {
    let message = await messages.receive();
    while (message !== null) {
      stats.bytes += message.data.length;
      stats.msgs++;
      message = await messages.receive();
    }
  };
  const source = Buffer.alloc(payload, 0xcd);
  const pump = async (ws) => {
    while (ws.readyState === WebSocket.OPEN) {
      if (!stats.sourceOn) {
        await new Promise((resolve) => stats.sourceWake.push(resolve));
        continue;
      }
      stats.bytes += payload;
      await sendAwaited(ws, source, { binary: true });
    }
  };
  const routes = { '/sink': sink, '/source': pump };
  server.on('upgrade', (req, socket, head) => {
    const handler = routes[req.url] ?? echo;
    wss.handleUpgrade(req, socket, head, async (ws) => {
      const messages = new MessageQueue(ws);
      ws.on('error', () => {});
      stats.conns++;
      try {
        await handler(ws, messages);
      } catch {
        // Clients of the benchmark disconnect abruptly.
      } finally {
        stats.conns--;
      }
    });
  });
  return new Promise((resolve) =>
    server.listen({ port: 0, host: '127.0.0.1', backlog }, () =>
      resolve({ port: server.address().port, close: () => new Promise((r) => server.close(() => r())) }),
    ),
  );
}

async function serve() {
  // `sourceOn` switches the /source routes on and off; `sourcePumps` (ws) and `sourceWake` (dotnet-ws,
  // one-shot) restart them.
  const stats = { bytes: 0, msgs: 0, conns: 0, sourceOn: false, sourcePumps: new Set(), sourceWake: [] };
  const cpu = () => {
    const c = process.cpuUsage();
    return c.user + c.system;
  };
  const payload = Number(flag('payload', 64 * KB));
  const server =
    impl === 'ws'
      ? await startWsServer({ stats, payload })
      : impl === 'ws-async'
        ? await startWsAsyncServer({ stats, payload })
        : impl === 'bare' || impl === 'bare-seed'
          ? await (await import('./floor-servers.mjs')).startBareServer({ stats, seedShape: impl === 'bare-seed' })
          : await (await import('./dotnet.mjs')).startServer({ stats, payload, core, deflate, tuned: impl === 'dotnet-tuned' });
  process.on('message', async ({ id, cmd, on, file }) => {
    if (cmd === 'stats') {
      send({ id, bytes: stats.bytes, msgs: stats.msgs, conns: stats.conns, cpu: cpu(), faults: process.resourceUsage().minorPageFault });
    } else if (cmd === 'source') {
      stats.sourceOn = on;
      if (on) for (const wake of [...stats.sourcePumps, ...stats.sourceWake.splice(0)]) wake();
      send({ id, bytes: stats.bytes, cpu: cpu() });
    } else if (cmd === 'mem') send({ id, conns: stats.conns, ...(await memory()) });
    else if (cmd === 'snapshot') {
      // bench/heap-diff.mjs: a heap snapshot after a full collection.
      await memory();
      send({ id, file: v8.writeHeapSnapshot(file) });
    } else if (cmd === 'exit') process.exit(0); // lets --cpu-prof write its profile
  });
  send({ id: 0, port: server.port });
}

// ----------------------------------------------------------------------------------------------
// flood
// ----------------------------------------------------------------------------------------------

/**
 * Paces a reader to `rate` bytes per ms and tracks the peak RSS/heap while it runs, and the peak of the
 * ArrayBuffers' memory (mostly socket reads already consumed that wait for a scavenge to be freed).
 */
function pacer(rateBytesPerMs) {
  const peak = { rss: 0, heapUsed: 0, arrayBuffers: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > peak.rss) peak.rss = m.rss;
    if (m.heapUsed > peak.heapUsed) peak.heapUsed = m.heapUsed;
    if (m.arrayBuffers > peak.arrayBuffers) peak.arrayBuffers = m.arrayBuffers;
  };
  const timer = setInterval(sample, 5);
  let t0 = 0;
  let nextCheck = 0;
  return {
    peak,
    start() {
      t0 = performance.now();
    },
    /** Resolves when `consumed` bytes are within the pace; checked every MiB. */
    wait(consumed) {
      if (consumed < nextCheck) return null;
      nextCheck = consumed + MiB;
      sample();
      const ahead = consumed / rateBytesPerMs - (performance.now() - t0);
      return ahead >= 1 ? new Promise((r) => setTimeout(r, ahead)) : null;
    },
    stop() {
      clearInterval(timer);
      sample();
      return performance.now() - t0;
    },
  };
}

/** dotnet-ws: the seed's receive loop with a `chunk`-byte buffer. */
async function floodDotnet(url, chunk, pace) {
  const { connect, ArraySegment, CancellationToken, WebSocketMessageType } = await import('./dotnet.mjs');
  const None = CancellationToken.None;
  const webSocket = await connect(url, { core });
  await settle();
  const base = await memory();
  await webSocket.SendAsync(new ArraySegment(Buffer.from('go')), WebSocketMessageType.Text, true, None);
  pace.start();
  const buffer = new Uint8Array(chunk);
  let consumed = 0;
  let peakQueued = 0;
  let receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), None);
  // Tells the parent at once that the first receive returned (the 1 GiB scenario compares that moment
  // with the end of its send).
  send({ id: -2, first: true, count: receiveResult.Count });
  // receiveBufferedAmount is a ManagedWebSocket extension (server side, or --core); ClientWebSocket lacks it.
  const queuedBytes = typeof webSocket.receiveBufferedAmount === 'number' ? () => webSocket.receiveBufferedAmount : null;
  while (!receiveResult.CloseStatus.HasValue) {
    consumed += receiveResult.Count;
    if (queuedBytes !== null) {
      const queued = queuedBytes();
      if (queued > peakQueued) peakQueued = queued;
    }
    const wait = pace.wait(consumed);
    if (wait !== null) await wait;
    receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), None);
  }
  const ms = pace.stop();
  await webSocket.CloseAsync(receiveResult.CloseStatus.Value, receiveResult.CloseStatusDescription, None);
  return { base, consumed, ms, peakQueued: queuedBytes === null ? null : peakQueued };
}

/**
 * ws's event API with the pause/resume recipe of docs/behaviour.md#ws-backpressure: queue 'message' buffers, pause above
 * 1 MiB queued, resume at 256 KiB or when the reader waits on an empty queue; the reader takes
 * `chunk` bytes at a time, copying them out as ReceiveAsync would.
 */
async function floodWs(url, chunk, pace) {
  const HWM = MiB;
  const LWM = HWM / 4;
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const queue = [];
  let head = 0;
  let offset = 0;
  let queued = 0;
  let peakQueued = 0;
  let paused = false;
  let ended = false;
  let wake = null;
  ws.on('message', (data) => {
    queue.push(data);
    queued += data.length;
    if (queued > peakQueued) peakQueued = queued;
    if (!paused && queued > HWM) {
      paused = true;
      ws.pause();
    }
    wake?.();
  });
  ws.on('close', () => {
    ended = true;
    wake?.();
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  await settle();
  const base = await memory();
  ws.send('go');
  pace.start();
  const buffer = new Uint8Array(chunk);
  let consumed = 0;
  for (;;) {
    if (head === queue.length) {
      if (ended) break;
      if (paused) {
        paused = false;
        ws.resume();
      }
      await new Promise((r) => (wake = r));
      wake = null;
      continue;
    }
    const data = queue[head];
    const count = Math.min(chunk, data.length - offset);
    data.copy(buffer, 0, offset, offset + count);
    offset += count;
    queued -= count;
    if (offset === data.length) {
      queue[head++] = undefined;
      offset = 0;
      if (head === queue.length) {
        queue.length = 0;
        head = 0;
      }
    }
    if (paused && queued <= LWM) {
      paused = false;
      ws.resume();
    }
    consumed += count;
    const wait = pace.wait(consumed);
    if (wait !== null) await wait;
  }
  return { base, consumed, ms: pace.stop(), peakQueued };
}

async function flood() {
  const url = flag('url');
  const chunk = Number(flag('chunk', 4 * KB));
  const rate = Number(flag('rate', 250)) * 1e6; // bytes per second
  const pace = pacer(rate / 1000);
  const r = impl === 'ws' ? await floodWs(url, chunk, pace) : await floodDotnet(url, chunk, pace);
  const faults = process.resourceUsage().minorPageFault - r.base.faults;
  send({
    youngAtStart: r.base.young,
    youngAtEnd: youngGeneration(),
    faults,
    id: 0,
    consumed: r.consumed,
    ms: r.ms,
    rssGrowth: pace.peak.rss - r.base.rss,
    heapGrowth: pace.peak.heapUsed - r.base.heapUsed,
    arrayBuffersGrowth: pace.peak.arrayBuffers - r.base.arrayBuffers,
    peakQueued: r.peakQueued,
  });
  setTimeout(() => process.exit(0), 50);
}

if (role === 'serve') await serve();
else if (role === 'flood') await flood();
else throw new Error(`bench/server.mjs: unknown role ${role}`);
