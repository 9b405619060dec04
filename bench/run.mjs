// dotnet-ws against raw ws, side by side: `npm run bench [-- options]`.
//
// Each scenario runs raw ws (its event API) and dotnet-ws (SendAsync/ReceiveAsync loops, as ported C#
// code is written) alternately, `--reps` times each, with the server in a forked child process
// (bench/server.mjs) and the client here, and prints each side's median and the ratio dotnet-ws / ws.
// The machine is shared and noisy: compare ratios from one run, not absolute figures across runs.
//
// Options:
//   --only a,b        scenarios whose name contains a or b (rtt, c2s, s2c, idle-<n>, fanin, flood)
//   --duration s      seconds measured per run (default 2)
//   --reps n          runs per side (default 3; idle and flood runs: at most 2)
//   --idle n,m        idle connection counts (default 1000,10000)
//   --fanin-conns n   fan-in connections (default 1000); --fanin-rate r: messages/s each (default 10)
//   --flood-mb n      flood size in MB (default 1000); --flood-rate r: reader pace, MB/s (default 250)
//   --core            dotnet-ws side without the host and ClientWebSocket (ManagedWebSocket directly)
//   --json file       also write the results as JSON
//   --cpu-prof dir    profile the child processes (node --cpu-prof) into dir; run this process with
//                     --cpu-prof too to profile the client side
// WS_NO_BUFFER_UTIL=1 makes ws ignore bufferutil (it is used automatically when installed).
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WebSocket, WebSocketServer } from 'ws';
import * as dotnet from './dotnet.mjs';

const { ArraySegment, CancellationToken, WebSocketMessageType } = dotnet;
const None = CancellationToken.None;
const here = path.dirname(fileURLToPath(import.meta.url));
const KB = 1024;
const MiB = 1024 * 1024;
const MB = 1e6;

const { values: args } = parseArgs({
  options: {
    only: { type: 'string', default: '' },
    duration: { type: 'string', default: '2' },
    reps: { type: 'string', default: '3' },
    idle: { type: 'string', default: '1000,10000' },
    'fanin-conns': { type: 'string', default: '1000' },
    'fanin-rate': { type: 'string', default: '10' },
    'flood-mb': { type: 'string', default: '1000' },
    'flood-rate': { type: 'string', default: '250' },
    core: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    json: { type: 'string' },
  },
});
const DURATION = Number(args.duration) * 1000;
const REPS = Math.max(1, Number(args.reps));
const WARMUP = Math.min(300, DURATION / 2);
const core = args.core;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const gc = () => globalThis.gc?.();

// ----------------------------------------------------------------------------------------------
// Processes and connections
// ----------------------------------------------------------------------------------------------

/** Forks bench/server.mjs; `ask(cmd)` sends an IPC request and resolves with the answer. */
async function forkChild(argv) {
  const execArgv = ['--expose-gc', ...(args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${args['cpu-prof']}`] : [])];
  const child = fork(path.join(here, 'server.mjs'), argv, { execArgv, stdio: 'inherit' });
  const pending = new Map();
  let nextId = 1;
  const exited = once(child, 'exit');
  child.on('message', (m) => {
    pending.get(m.id)?.(m);
    pending.delete(m.id);
  });
  const first = new Promise((resolve, reject) => {
    pending.set(0, resolve);
    exited.then(([code]) => reject(new Error(`bench child ${argv.join(' ')} exited with ${code}`)));
  });
  return {
    first,
    ask(cmd, extra = {}) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        child.send({ id, cmd, ...extra });
      });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        if (args['cpu-prof']) child.send({ id: -1, cmd: 'exit' });
        else child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** A server child for `side`; resolves once it listens. */
async function startServer(side, payload = 64 * KB) {
  const child = await forkChild(['serve', side, '--payload', String(payload), ...(core ? ['--core'] : [])]);
  const { port } = await child.first;
  return { ...child, url: (p) => `ws://127.0.0.1:${port}${p}` };
}

/** A raw ws client. */
function openWs(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Opens `n` raw ws clients, `batch` handshakes at a time. */
async function openMany(url, n, batch = 250) {
  const all = [];
  for (let i = 0; i < n; i += batch) {
    const opening = [];
    for (let j = i; j < Math.min(i + batch, n); j++) opening.push(openWs(url));
    all.push(...(await Promise.all(opening)));
  }
  for (const ws of all) ws.on('error', () => {});
  return all;
}

// ----------------------------------------------------------------------------------------------
// Scenarios: each run(side) returns { metricKey: value }
// ----------------------------------------------------------------------------------------------

/**
 * A measurement window in this process, WARMUP after its creation and DURATION long, driven by the
 * benchmark loop itself (`tick` with a running count), since a sending loop can hold this process's
 * event loop for seconds: each write completes at once on loopback and its callback runs on the next
 * tick, so timers would fire late. `tick` returns false once the window is over.
 */
class Window {
  from = performance.now() + WARMUP;
  to = this.from + DURATION;
  started = false;
  result = null;
  #count0 = 0;
  #t0 = 0;
  #cpu0 = null;

  tick(count) {
    const now = performance.now();
    if (!this.started) {
      if (now >= this.from) {
        this.started = true;
        this.#count0 = count;
        this.#t0 = now;
        this.#cpu0 = process.cpuUsage();
      }
      return true;
    }
    if (now < this.to) return true;
    if (this.result === null) {
      const cpu = process.cpuUsage(this.#cpu0);
      this.result = { count: count - this.#count0, ms: now - this.#t0, cpu: cpu.user + cpu.system };
    }
    return false;
  }
}

/**
 * Results of a throughput-like run: `value` per second as seen by the measuring side, and the CPU time
 * both processes spent per unit, each over its own window (robust to other load on the machine).
 */
function perUnit(value, client, clientUnits, server, serverUnits) {
  return { value, cpu: client.cpu / clientUnits + server.cpu / serverUnits };
}

/** 32-byte text messages, one round trip at a time, on one connection. */
async function rtt(side) {
  const srv = await startServer(side);
  try {
    let w;
    let server;
    if (side === 'ws') {
      const ws = await openWs(srv.url('/echo'));
      const msg = 'x'.repeat(32);
      server = srv.ask('window', { after: WARMUP, duration: DURATION });
      w = new Window();
      await new Promise((resolve) => {
        let n = 0;
        ws.on('message', () => {
          if (w.tick(++n)) ws.send(msg);
          else resolve();
        });
        ws.send(msg);
      });
      ws.terminate();
    } else {
      const webSocket = await dotnet.connect(srv.url('/echo'), { core });
      const message = new ArraySegment(Buffer.from('x'.repeat(32)));
      const buffer = new Uint8Array(4 * KB);
      server = srv.ask('window', { after: WARMUP, duration: DURATION });
      w = new Window();
      let n = 0;
      while (w.tick(n)) {
        await webSocket.SendAsync(message, WebSocketMessageType.Text, true, None);
        let receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), None);
        while (!receiveResult.EndOfMessage) receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), None);
        n++;
      }
      webSocket.Abort();
    }
    const s = await server;
    const c = w.result;
    return perUnit(c.count / (c.ms / 1000), c, c.count, s, s.msgs);
  } finally {
    await srv.kill();
  }
}

/** 64 KiB binary messages client → server, measured at the server (pipelined ws, awaited SendAsync). */
async function c2s(side) {
  const srv = await startServer(side);
  const payload = Buffer.alloc(64 * KB, 0xab);
  try {
    let w;
    let server;
    if (side === 'ws') {
      const ws = await openWs(srv.url('/sink'));
      server = srv.ask('window', { after: WARMUP, duration: DURATION });
      w = new Window();
      let sent = 0;
      // Pipelined, refilled from send callbacks while under ~1 MiB queued.
      await new Promise((resolve) => {
        const pump = () => {
          while (ws.bufferedAmount < MiB) {
            if (!w.tick(sent)) return resolve();
            ws.send(payload, { binary: true }, pump2);
            sent += payload.length;
          }
        };
        const pump2 = (err) => (err ? resolve() : pump());
        pump();
      });
      ws.terminate();
    } else {
      const webSocket = await dotnet.connect(srv.url('/sink'), { core });
      const segment = new ArraySegment(payload);
      server = srv.ask('window', { after: WARMUP, duration: DURATION });
      w = new Window();
      let sent = 0;
      while (w.tick(sent)) {
        await webSocket.SendAsync(segment, WebSocketMessageType.Binary, true, None);
        sent += payload.length;
      }
      webSocket.Abort();
    }
    const s = await server;
    return perUnit(s.bytes / MB / (s.ms / 1000), w.result, w.result.count / MB, s, s.bytes / MB);
  } finally {
    await srv.kill();
  }
}

/** 64 KiB binary messages server → client, measured at the client. */
async function s2c(side) {
  const srv = await startServer(side);
  try {
    let w;
    let server;
    if (side === 'ws') {
      const ws = await openWs(srv.url('/source'));
      server = srv.ask('window', { after: WARMUP, duration: DURATION });
      w = new Window();
      let bytes = 0;
      await new Promise((resolve) => {
        ws.on('message', (data) => {
          bytes += data.length;
          if (!w.tick(bytes)) resolve();
        });
      });
      ws.terminate();
    } else {
      const webSocket = await dotnet.connect(srv.url('/source'), { core });
      const buffer = new Uint8Array(64 * KB);
      server = srv.ask('window', { after: WARMUP, duration: DURATION });
      w = new Window();
      let bytes = 0;
      while (w.tick(bytes)) {
        const receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), None);
        bytes += receiveResult.Count;
      }
      webSocket.Abort();
    }
    const s = await server;
    const c = w.result;
    return perUnit(c.count / MB / (c.ms / 1000), c, c.count / MB, s, s.bytes / MB);
  } finally {
    await srv.kill();
  }
}

/**
 * `n` idle connections (raw ws clients on both sides; the server under test is parked in a receive):
 * server RSS and JS heap per connection after a forced GC, then one message on every connection to
 * check that all of them are served.
 */
async function idle(side, n) {
  const srv = await startServer(side);
  let conns = [];
  try {
    // Warm up the accept and echo paths so that code compiled on first use is not counted.
    const warm = await openMany(srv.url('/idle'), 10);
    await Promise.all(warm.map((ws) => new Promise((r) => (ws.once('message', r), ws.send('warm')))));
    for (const ws of warm) ws.terminate();
    while ((await srv.ask('stats')).conns > 0) await sleep(20);
    const m0 = await srv.ask('mem');
    conns = await openMany(srv.url('/idle'), n);
    for (let i = 0; i < 500 && (await srv.ask('stats')).conns < n; i++) await sleep(20);
    await sleep(200);
    const m1 = await srv.ask('mem');
    // Served: every connection gets its message back.
    const t0 = performance.now();
    let answered = 0;
    await Promise.race([
      Promise.all(
        conns.map(
          (ws) =>
            new Promise((r) => {
              ws.once('message', () => {
                answered++;
                r();
              });
              ws.send('0123456789abcdef');
            }),
        ),
      ),
      sleep(30_000),
    ]);
    return {
      rss: (m1.rss - m0.rss) / n,
      heap: (m1.heapUsed - m0.heapUsed) / n,
      served: answered,
      accepted: m1.conns,
      serveMs: performance.now() - t0,
    };
  } finally {
    // Server first, so that TIME_WAIT lands on its side and not on this process's ephemeral ports.
    await srv.kill();
    for (const ws of conns) ws.terminate();
    await sleep(100);
  }
}

/**
 * Fan-in: `conns` raw ws clients each send 32 B text at `rate`/s, spread evenly over time, to the
 * server's echo route; latency is from send to echo, per message.
 */
async function fanin(side) {
  const count = Number(args['fanin-conns']);
  const rate = Number(args['fanin-rate']);
  const srv = await startServer(side);
  let conns = [];
  try {
    conns = await openMany(srv.url('/echo'), count);
    const sentAt = conns.map(() => []);
    const latencies = [];
    let measureFrom = Infinity;
    let received = 0;
    conns.forEach((ws, i) => {
      const fifo = sentAt[i];
      ws.on('message', () => {
        const t = fifo.shift();
        received++;
        if (t >= measureFrom) latencies.push(performance.now() - t);
      });
    });
    const msg = 'x'.repeat(32);
    const perMs = (count * rate) / 1000;
    const start = performance.now();
    let sent = 0;
    measureFrom = start + Math.max(WARMUP, 500);
    const end = measureFrom + DURATION;
    await new Promise((resolve) => {
      const tick = setInterval(() => {
        const now = performance.now();
        if (now >= end) {
          clearInterval(tick);
          resolve();
          return;
        }
        const due = Math.floor((now - start) * perMs);
        while (sent < due) {
          const i = sent % count;
          sentAt[i].push(performance.now());
          conns[i].send(msg);
          sent++;
        }
      }, 1);
    });
    for (let i = 0; i < 100 && received < sent; i++) await sleep(20);
    latencies.sort((a, b) => a - b);
    const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
    return { p50: q(0.5), p99: q(0.99), lost: sent - received, samples: latencies.length };
  } finally {
    await srv.kill();
    for (const ws of conns) ws.terminate();
    await sleep(100);
  }
}

/**
 * A flood of 64 KiB binary messages from a raw ws server here (pipelined, as fast as it goes) into a
 * reader in a child process taking 4 KiB at a time at `--flood-rate` MB/s: the reader's peak RSS and
 * heap growth over its state once connected.
 */
async function flood(side) {
  const total = Number(args['flood-mb']) * MB;
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await once(wss, 'listening');
  const payload = Buffer.alloc(64 * KB, 0xef);
  wss.on('connection', (ws) => {
    ws.on('error', () => {});
    ws.once('message', () => {
      let sent = 0;
      const pump = () => {
        while (sent < total && ws.readyState === WebSocket.OPEN && ws.bufferedAmount < MiB) {
          const n = Math.min(payload.length, total - sent);
          sent += n;
          ws.send(n === payload.length ? payload : payload.subarray(0, n), { binary: true }, sent >= total ? done : pump2);
        }
      };
      const pump2 = (err) => {
        if (!err) pump();
      };
      const done = () => ws.close(1000);
      pump();
    });
  });
  const port = wss.address().port;
  const child = await forkChild([
    'flood',
    side,
    '--url',
    `ws://127.0.0.1:${port}/`,
    '--rate',
    args['flood-rate'],
    '--chunk',
    String(4 * KB),
    ...(core ? ['--core'] : []),
  ]);
  try {
    const r = await child.first;
    if (r.consumed !== total) throw new Error(`flood: ${side} read ${r.consumed} of ${total} bytes`);
    return { rss: r.rssGrowth, heap: r.heapGrowth, queued: r.peakQueued, mbps: r.consumed / MB / (r.ms / 1000) };
  } finally {
    await child.kill();
    for (const ws of wss.clients) ws.terminate();
    await new Promise((r) => wss.close(r));
  }
}

// ----------------------------------------------------------------------------------------------
// Reporting
// ----------------------------------------------------------------------------------------------

const fmt = {
  rate: (v) => Math.round(v).toLocaleString('en-US'),
  mbps: (v) => v.toFixed(0),
  bytes: (v) => Math.round(v).toLocaleString('en-US'),
  ms: (v) => v.toFixed(2),
  us: (v) => v.toFixed(1),
  mb: (v) => (v / MiB).toFixed(1),
};

/**
 * Scenarios. Each metric: key in the run's result, label, unit, formatter, whether higher is better,
 * and the target for the ratio dotnet-ws / ws (null: reported only).
 */
const scenarios = [
  {
    name: 'rtt',
    title: '32 B text round trips, one connection',
    run: rtt,
    metrics: [
      { key: 'value', label: 'round trips', unit: 'rt/s', fmt: fmt.rate, higher: true, target: 0.95 },
      { key: 'cpu', label: 'CPU/rt', unit: 'µs', fmt: fmt.us, higher: false, target: null },
    ],
  },
  {
    name: 'c2s',
    title: '64 KiB binary, client → server',
    run: c2s,
    metrics: [
      { key: 'value', label: 'throughput', unit: 'MB/s', fmt: fmt.mbps, higher: true, target: 0.95 },
      { key: 'cpu', label: 'CPU/MB', unit: 'µs', fmt: fmt.rate, higher: false, target: null },
    ],
  },
  {
    name: 's2c',
    title: '64 KiB binary, server → client',
    run: s2c,
    metrics: [
      { key: 'value', label: 'throughput', unit: 'MB/s', fmt: fmt.mbps, higher: true, target: 0.95 },
      { key: 'cpu', label: 'CPU/MB', unit: 'µs', fmt: fmt.rate, higher: false, target: null },
    ],
  },
  ...args.idle
    .split(',')
    .filter(Boolean)
    .map((s) => Number(s))
    .map((n) => ({
      name: `idle-${n}`,
      title: `${n.toLocaleString('en-US')} idle connections, server memory per connection`,
      heavy: true,
      run: (side) => idle(side, n),
      metrics: [
        { key: 'rss', label: 'RSS/conn', unit: 'B', fmt: fmt.bytes, higher: false, target: 1.1 },
        { key: 'heap', label: 'heap/conn', unit: 'B', fmt: fmt.bytes, higher: false, target: null },
      ],
      check: (side, runs) => {
        const served = Math.min(...runs.map((r) => r.served));
        const accepted = Math.min(...runs.map((r) => r.accepted));
        const ms = median(runs.map((r) => r.serveMs));
        return `${side}: ${accepted}/${n} accepted, ${served}/${n} served (one echo each, all within ${fmt.ms(ms)} ms median)`;
      },
    })),
  {
    name: 'fanin',
    title: `fan-in: ${args['fanin-conns']} connections × ${args['fanin-rate']} msg/s of 32 B, echo latency`,
    run: fanin,
    metrics: [
      { key: 'p50', label: 'p50', unit: 'ms', fmt: fmt.ms, higher: false, target: null },
      { key: 'p99', label: 'p99', unit: 'ms', fmt: fmt.ms, higher: false, target: null },
    ],
    check: (side, runs) =>
      `${side}: ${Math.max(...runs.map((r) => r.lost))} unanswered, ${Math.min(...runs.map((r) => r.samples))} samples per run`,
  },
  {
    name: 'flood',
    title: `${args['flood-mb']} MB flood into a 4 KiB reader paced at ${args['flood-rate']} MB/s, reader's peak growth (ws: pause/resume at 1 MiB / 256 KiB)`,
    heavy: true,
    run: flood,
    metrics: [
      { key: 'rss', label: 'RSS growth', unit: 'MiB', fmt: fmt.mb, higher: false, target: null },
      { key: 'heap', label: 'heap growth', unit: 'MiB', fmt: fmt.mb, higher: false, target: null },
    ],
    check: (side, runs) => {
      const q = runs.map((r) => r.queued);
      const rate = median(runs.map((r) => r.mbps));
      // Backpressure bound: high-water mark + one 64 KiB message + one socket read (≤ 64 KiB).
      const bound = MiB + 64 * KB + 64 * KB;
      const peak = q.some((v) => v == null) ? null : Math.max(...q);
      return `${side}: read at ${rate.toFixed(0)} MB/s; peak queued ${
        peak === null ? 'n/a' : `${(peak / MiB).toFixed(2)} MiB (bound ${(bound / MiB).toFixed(2)} MiB: ${peak <= bound ? 'within' : 'EXCEEDED'})`
      }`;
    },
  },
];

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function machine() {
  const require = createRequire(import.meta.url);
  const wsDir = path.dirname(require.resolve('ws'));
  // ws swaps in bufferutil's mask/unmask when it loads it (and WS_NO_BUFFER_UTIL is unset).
  const bufferUtil = require(path.join(wsDir, 'lib', 'buffer-util.js'));
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    ws: require('ws/package.json').version,
    bufferutil: bufferUtil.mask.name !== '_mask',
    dotnetWs: core ? 'ManagedWebSocket directly (--core)' : 'WebApplication + ClientWebSocket',
    load: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}

async function main() {
  const m = machine();
  console.log(
    `machine: ${m.cpu}, ${m.cores} cores, Node ${m.node}, ws ${m.ws}, bufferutil ${m.bufferutil ? 'yes' : 'no'}; ` +
      `dotnet-ws: ${m.dotnetWs}; load average ${m.load}`,
  );
  console.log(`run: duration ${DURATION / 1000} s, ${REPS} reps per side, alternating; ratio = dotnet-ws / ws`);
  const filters = args.only.split(',').filter(Boolean);
  const selected = scenarios.filter((s) => filters.length === 0 || filters.some((f) => s.name.includes(f)));
  const results = [];
  const started = performance.now();
  for (const s of selected) {
    console.log(`\n== ${s.name}: ${s.title}`);
    const t0 = performance.now();
    const runs = { ws: [], dotnet: [] };
    const reps = s.heavy ? Math.min(REPS, 2) : REPS;
    for (let rep = 0; rep < reps; rep++) {
      for (const side of rep % 2 === 0 ? ['ws', 'dotnet'] : ['dotnet', 'ws']) {
        gc();
        runs[side].push(await s.run(side));
      }
    }
    const entry = { name: s.name, title: s.title, metrics: [] };
    for (const metric of s.metrics) {
      const ws = median(runs.ws.map((r) => r[metric.key]));
      const dn = median(runs.dotnet.map((r) => r[metric.key]));
      const ratio = dn / ws;
      const list = (side) => runs[side].map((r) => metric.fmt(r[metric.key])).join(' ');
      console.log(`   ${metric.label.padEnd(12)} ws        ${metric.fmt(ws).padStart(10)} ${metric.unit}   runs ${list('ws')}`);
      console.log(`   ${''.padEnd(12)} dotnet-ws ${metric.fmt(dn).padStart(10)} ${metric.unit}   runs ${list('dotnet')}`);
      let verdict = 'reported';
      if (metric.target !== null) {
        const met = metric.higher ? ratio >= metric.target : ratio <= metric.target;
        verdict = `target ${metric.higher ? '≥' : '≤'} ${metric.target}: ${met ? 'met' : 'MISSED'}`;
      }
      console.log(`   ratio ${s.name} ${metric.label}: dotnet-ws/ws = ${ratio.toFixed(3)}   (${metric.higher ? 'higher' : 'lower'} is better; ${verdict})`);
      entry.metrics.push({ ...metric, fmt: undefined, ws, dotnet: ratio * ws, ratio, verdict });
    }
    if (s.check) for (const side of ['ws', 'dotnet']) console.log(`   ${s.check(side === 'ws' ? 'ws' : 'dotnet-ws', runs[side])}`);
    console.log(`   (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    entry.runs = runs;
    results.push(entry);
  }
  console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  // A Markdown table for the README.
  console.log('| scenario | metric | ws | dotnet-ws | ratio | target |');
  console.log('|---|---|---:|---:|---:|---|');
  for (const e of results) {
    for (const x of e.metrics) {
      const f = scenarios.find((s) => s.name === e.name).metrics.find((y) => y.key === x.key).fmt;
      console.log(`| ${e.name} | ${x.label} (${x.unit}) | ${f(x.ws)} | ${f(x.dotnet)} | ${x.ratio.toFixed(2)} | ${x.verdict} |`);
    }
  }
  if (args.json) writeFileSync(args.json, JSON.stringify({ machine: m, duration: DURATION, reps: REPS, results }, null, 2));
}

await main();
process.exit(0);
