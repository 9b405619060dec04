// WebSockets over HTTP/2 (RFC 8441) beside HTTP/1.1, both dotnet-ws end to end: the WebApplication in a
// forked child (this file, `serve h1|h2`: HTTP/1.1, or cleartext HTTP/2 with HttpProtocols.Http2) and
// ClientWebSocket here (HttpVersion 2.0 with RequestVersionExact through one HttpMessageInvoker, or the
// default HTTP/1.1). The scenarios are those of bench/run.mjs in its shape (`sides`, `versus`), run by it:
//   h2-rtt       32 B text round trips on one WebSocket, the seed's echo loop on the server;
//   h2-c2s       64 KiB binary messages client → server, each SendAsync awaited;
//   h2-idle-<n>  n open WebSockets (one echo each): over HTTP/2 all on ONE connection, over HTTP/1.1 one
//                connection each; the server's RSS and JS heap growth per WebSocket.
// For one core, run the whole tree on it: `taskset -c 0 npm run bench -- --only h2`.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const KB = 1024;
const MB = 1e6;
const self = fileURLToPath(import.meta.url);
const dist = new URL('../dist/index.js', import.meta.url).href;

/** Column labels of the two sides. */
export const HTTP2_LABELS = { h1: 'dotnet-ws HTTP/1.1', h2: 'dotnet-ws HTTP/2' };

// ----------------------------------------------------------------------------------------------
// The server child
// ----------------------------------------------------------------------------------------------

async function serve(protocol) {
  const { ArraySegment, CancellationToken, HttpProtocols, WebApplication, WebSocketCloseStatus } = await import(dist);
  const { seedEcho } = await import('./dotnet.mjs');
  const None = CancellationToken.None;
  const stats = { bytes: 0, sockets: 0, ports: new Set() };
  const builder = WebApplication.CreateBuilder([]);
  if (protocol === 'h2') builder.WebHost.ConfigureKestrel((o) => o.Listen('127.0.0.1', 0, (l) => (l.Protocols = HttpProtocols.Http2)));
  else builder.WebHost.UseUrls('http://127.0.0.1:0');
  const app = builder.Build();
  app.UseWebSockets();
  // The seed's echo loop: a 4 KiB buffer, until the client closes.
  app.Map('/echo', async (context) => {
    const webSocket = await context.WebSockets.AcceptWebSocketAsync();
    stats.sockets++;
    stats.ports.add(context.Connection.RemotePort);
    try {
      await seedEcho(webSocket, { msgs: 0 });
    } catch {
      // The bench aborts its clients at the end.
    } finally {
      stats.sockets--;
    }
  });
  // Reads and counts until the client goes.
  app.Map('/sink', async (context) => {
    const webSocket = await context.WebSockets.AcceptWebSocketAsync();
    const buffer = new Uint8Array(64 * KB);
    try {
      for (;;) {
        const r = await webSocket.ReceiveAsync(new ArraySegment(buffer), None);
        if (r.CloseStatus.HasValue) {
          await webSocket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None);
          return;
        }
        stats.bytes += r.Count;
      }
    } catch {
      // The bench aborts its clients at the end.
    }
  });
  await app.StartAsync();
  const cpu = () => {
    const c = process.cpuUsage();
    return c.user + c.system;
  };
  process.on('message', ({ id, cmd }) => {
    if (cmd === 'stats') process.send({ id, bytes: stats.bytes, cpu: cpu() });
    else if (cmd === 'mem') {
      globalThis.gc?.();
      globalThis.gc?.();
      const m = process.memoryUsage();
      process.send({ id, rss: m.rss, heap: m.heapUsed, sockets: stats.sockets, connections: stats.ports.size });
    }
  });
  process.send({ id: 0, port: Number(new URL(app.Urls[0]).port) });
}

// ----------------------------------------------------------------------------------------------
// The client side (in bench/run.mjs's process)
// ----------------------------------------------------------------------------------------------

/** Forks a server child for `protocol` ('h1' | 'h2'); resolves once it listens. */
async function startServer(protocol) {
  const child = fork(self, ['serve', protocol], { execArgv: ['--expose-gc'], stdio: 'inherit' });
  const pending = new Map();
  let nextId = 1;
  const exited = once(child, 'exit');
  child.on('message', (m) => {
    pending.get(m.id)?.(m);
    pending.delete(m.id);
  });
  const { port } = await new Promise((resolve, reject) => {
    pending.set(0, resolve);
    exited.then(([code]) => reject(new Error(`bench/http2.mjs serve ${protocol} exited with ${code}`)));
  });
  return {
    url: (p) => `ws://127.0.0.1:${port}${p}`,
    ask(cmd) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        child.send({ id, cmd });
      });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** The client library and one connector per side: HTTP/2 shares one invoker (one connection per server). */
async function clientFor(protocol) {
  const lib = await import(dist);
  const { ClientWebSocket, HttpMessageInvoker, HttpVersion, HttpVersionPolicy, SocketsHttpHandler, CancellationToken } = lib;
  const invoker = protocol === 'h2' ? new HttpMessageInvoker(new SocketsHttpHandler()) : null;
  return {
    lib,
    async connect(url) {
      const ws = new ClientWebSocket();
      if (invoker) {
        ws.Options.HttpVersion = HttpVersion.Version20;
        ws.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        await ws.ConnectAsync(url, invoker, CancellationToken.None);
      } else await ws.ConnectAsync(url, CancellationToken.None);
      return ws;
    },
    dispose: () => invoker?.Dispose(),
  };
}

const cpuNow = () => {
  const c = process.cpuUsage();
  return c.user + c.system;
};

/** Runs both sides in alternating slices (h1, h2, h2, h1, …) after a warm-up slice each, as run.mjs's rtt. */
async function sliced(open, { duration, slice, warmup }) {
  const order = ['h1', 'h2'];
  const sides = {};
  try {
    for (const side of order) sides[side] = await open(side);
    for (const side of order) await sides[side].slice(warmup);
    const runs = { h1: [], h2: [] };
    const n = Math.max(2, Math.round(duration / slice));
    for (let i = 0; i < n; i++)
      for (const side of i % 2 === 0 ? order : [...order].reverse()) runs[side].push(await sides[side].slice(slice));
    return runs;
  } finally {
    for (const side of Object.values(sides)) await side.close();
  }
}

function rtt(options) {
  return sliced(async (side) => {
    const srv = await startServer(side);
    const client = await clientFor(side);
    const { ArraySegment, CancellationToken, WebSocketMessageType } = client.lib;
    const None = CancellationToken.None;
    const webSocket = await client.connect(srv.url('/echo'));
    const message = new ArraySegment(Buffer.from('x'.repeat(32)));
    const buffer = new Uint8Array(4 * KB);
    return {
      async slice(ms) {
        const s0 = await srv.ask('stats');
        const c0 = cpuNow();
        const t0 = performance.now();
        let n = 0;
        do {
          await webSocket.SendAsync(message, WebSocketMessageType.Text, true, None);
          let r = await webSocket.ReceiveAsync(new ArraySegment(buffer), None);
          while (!r.EndOfMessage) r = await webSocket.ReceiveAsync(new ArraySegment(buffer), None);
          n++;
        } while (performance.now() < t0 + ms);
        const t1 = performance.now();
        const c1 = cpuNow();
        const s1 = await srv.ask('stats');
        return { value: n / ((t1 - t0) / 1000), cpu: (c1 - c0 + s1.cpu - s0.cpu) / n };
      },
      async close() {
        webSocket.Abort();
        client.dispose();
        await srv.kill();
      },
    };
  }, options);
}

function c2s(options) {
  return sliced(async (side) => {
    const srv = await startServer(side);
    const client = await clientFor(side);
    const { ArraySegment, CancellationToken, WebSocketMessageType } = client.lib;
    const None = CancellationToken.None;
    const webSocket = await client.connect(srv.url('/sink'));
    const message = new ArraySegment(Buffer.alloc(64 * KB, 7));
    return {
      async slice(ms) {
        const s0 = await srv.ask('stats');
        const c0 = cpuNow();
        const t0 = performance.now();
        let sent = 0;
        do {
          await webSocket.SendAsync(message, WebSocketMessageType.Binary, true, None);
          sent += 64 * KB;
        } while (performance.now() < t0 + ms);
        // The slice ends when the server has read all of it.
        let s1 = await srv.ask('stats');
        while (s1.bytes - s0.bytes < sent) s1 = await srv.ask('stats');
        const t1 = performance.now();
        const c1 = cpuNow();
        const mb = sent / MB;
        return { value: mb / ((t1 - t0) / 1000), cpu: (c1 - c0 + s1.cpu - s0.cpu) / mb };
      },
      async close() {
        webSocket.Abort();
        client.dispose();
        await srv.kill();
      },
    };
  }, options);
}

/** `n` WebSockets open at once (250 handshakes at a time), one echo each; the server's memory per WebSocket. */
async function idle(side, n) {
  const srv = await startServer(side);
  const client = await clientFor(side);
  const { ArraySegment, CancellationToken, WebSocketMessageType } = client.lib;
  const None = CancellationToken.None;
  const sockets = [];
  try {
    const before = await srv.ask('mem');
    for (let i = 0; i < n; i += 250) {
      const batch = [];
      for (let j = i; j < Math.min(i + 250, n); j++) batch.push(client.connect(srv.url('/echo')));
      sockets.push(...(await Promise.all(batch)));
    }
    const buffer = new Uint8Array(64);
    const answered = await Promise.all(
      sockets.map(async (ws) => {
        await ws.SendAsync(new ArraySegment(Buffer.from('hi')), WebSocketMessageType.Text, true, None);
        const r = await ws.ReceiveAsync(new ArraySegment(buffer), None);
        return r.Count === 2;
      }),
    );
    const after = await srv.ask('mem');
    return {
      rss: (after.rss - before.rss) / n,
      heap: (after.heap - before.heap) / n,
      served: answered.filter(Boolean).length,
      open: after.sockets,
      connections: after.connections,
    };
  } finally {
    for (const ws of sockets) ws.Abort();
    client.dispose();
    await srv.kill();
  }
}

/**
 * The scenarios, in bench/run.mjs's shape: `sides` (h1, h2) and `versus` (the ratio HTTP/2 / HTTP/1.1)
 * in place of ws and dotnet-ws. No targets: the issue asks for the figures side by side.
 */
export function http2Scenarios({ duration, slice, warmup, conns }) {
  const fmtRate = (v) => Math.round(v).toLocaleString('en-US');
  const sides = ['h1', 'h2'];
  const versus = ['h1', 'h2', 'HTTP/2 / HTTP/1.1'];
  const n = conns;
  return [
    {
      name: 'h2-rtt',
      sliced: true,
      sides,
      versus,
      title: '32 B text round trips, one WebSocket, HTTP/2 beside HTTP/1.1',
      run: () => rtt({ duration, slice, warmup }),
      metrics: [
        { key: 'value', label: 'round trips', unit: 'rt/s', fmt: 'rate', higher: true, target: null },
        { key: 'cpu', label: 'CPU per round trip, both processes', unit: 'µs', fmt: 'us', higher: false, target: null },
      ],
    },
    {
      name: 'h2-c2s',
      sliced: true,
      sides,
      versus,
      title: '64 KiB binary, client → server, HTTP/2 beside HTTP/1.1',
      run: () => c2s({ duration, slice, warmup }),
      metrics: [
        { key: 'value', label: 'throughput', unit: 'MB/s', fmt: 'mbps', higher: true, target: null },
        { key: 'cpu', label: 'CPU per MB, both processes', unit: 'µs', fmt: 'rate', higher: false, target: null },
      ],
    },
    {
      name: `h2-idle-${n}`,
      heavy: true,
      sides,
      versus,
      title: `${n.toLocaleString('en-US')} WebSockets: one HTTP/2 connection beside ${n.toLocaleString('en-US')} HTTP/1.1 connections`,
      run: (side) => idle(side, n),
      metrics: [
        { key: 'rss', label: 'server RSS per WebSocket', unit: 'B', fmt: 'bytes', higher: false, target: null },
        { key: 'heap', label: 'server JS heap per WebSocket', unit: 'B', fmt: 'bytes', higher: false, target: null },
      ],
      check: (label, runs) =>
        `${label}: ${Math.min(...runs.map((r) => r.served))}/${n} answered, ${fmtRate(Math.min(...runs.map((r) => r.open)))} open on the server, ` +
        `over ${Math.max(...runs.map((r) => r.connections))} TCP connection(s)`,
      checks: (runs, labelled) => [
        {
          metric: `all ${n.toLocaleString('en-US')} answered`,
          values: Object.fromEntries(
            labelled.map(([label, side]) => [label, runs[side].every((r) => r.served === n && r.open === n) ? 'yes' : 'no']),
          ),
          comparisons: [
            { label: 'HTTP/2: all of them', holds: runs.h2.length > 0 && runs.h2.every((r) => r.served === n && r.open === n) },
          ],
        },
        {
          metric: 'TCP connections the WebSockets came over',
          values: Object.fromEntries(labelled.map(([label, side]) => [label, Math.max(...runs[side].map((r) => r.connections))])),
          comparisons: [{ label: 'HTTP/2: one', holds: runs.h2.length > 0 && runs.h2.every((r) => r.connections === 1) }],
        },
      ],
    },
  ];
}

if (process.argv[2] === 'serve') await serve(process.argv[3]);
