// dotnet-ws against raw ws, side by side: `npm run bench [-- options]`.
//
// Each scenario runs raw ws (its event API) and dotnet-ws written exactly in the seed's shape (its own
// 4 KiB buffer per connection, loops on CloseStatus.HasValue, each SendAsync awaited) alternately, with the server in a forked child process (bench/server.mjs) and the
// client here, and prints each side's median and the ratio dotnet-ws / ws. rtt, c2s, s2c and idle also
// run a reference, ws-async: raw ws under the seed's code shape (awaited receives, and sends where
// SendAsync is awaited), which tells what that shape costs from what dotnet-ws adds to it. rtt, c2s and
// s2c keep every server up and switch sides every few hundred ms; the others start a fresh server per run.
// idle also runs its floor: a bare socket (an http server's upgraded socket kept with no WebSocket
// library: the least any library could keep), and the bare socket in the seed's shape (plus its 4 KiB
// buffer and a suspended async receive), which tells whether the seed's shape can meet ws at all.
// The machine is shared and noisy: compare ratios from one run, not absolute figures across runs.
//
// Options:
//   --only a,b        scenarios whose name contains a or b (rtt, rtt-2core, rtt-deflate, c2s, s2c, idle-<n>,
//                     idle-deflate-<n>, fanin, flood, big; h2-rtt, h2-c2s, h2-idle-<n> only for a filter
//                     that says h2)
//   --duration s      seconds measured per side (rtt, c2s, s2c) or per run (fanin) (default 3)
//   --slice ms        rtt, c2s and s2c alternate sides every `slice` ms (default 250)
//   --rounds n        rtt and rtt-2core: n rounds, each with fresh server processes and connections, their
//                     slices pooled (default 1). Two server processes running the same code can differ by
//                     several percent in CPU per round trip on a loaded machine; rounds average that out.
//   --reps n          runs per side of idle, fanin and flood (default 3; idle and flood: at most 2)
//   --idle n,m        idle connection counts (default 1000,10000)
//   --fanin-conns n   fan-in connections (default 1000); --fanin-rate r: messages/s each (default 5)
//   --flood-mb n      flood size in MB (default 1000); --flood-rate r: reader pace, MB/s (default 250)
//   --big-mib n       size of the one message of `big` in MiB (default 1024: the 1 GiB target)
//   --big-runs n      runs of `big`, each with a fresh reader process (default 3); every run is printed
//                     and the verdict judges the worst of them
//   --settle ms       c2s and s2c servers and big's reader sit idle `ms` after loading (and connecting),
//                     before anything is measured, on every side alike (default 0). What a process
//                     loads and first does grows V8's young generation; V8's memory reducer shrinks it
//                     again once a process idles (about 10 s), as a long-running server's has. A larger
//                     one frees each 64 KiB socket read later: see the note above c2s(). Say so beside
//                     any figure made with it.
//   --deflate-idle n  idle connections with permessage-deflate (default 1000)
//   --h2-conns n      WebSockets of h2-idle (default 1000): HTTP/2 beside HTTP/1.1 (bench/http2.mjs)
//   --core            dotnet-ws side without the host and ClientWebSocket (ManagedWebSocket directly)
//   --no-dotnet       leave out the .NET 10 peers (Kestrel, .NET's ClientWebSocket: bench/kestrel.mjs),
//                     which join rtt, c2s, s2c, idle and fan-in when `dotnet` with ASP.NET Core 10 is there
//   --tuned           also run dotnet-ws tuned (idle connections sharing one buffer, reads as large as the
//                     messages) beside the seed's shape, for c2s, s2c and idle
//   --json file       also write the results as JSON (bench/readme.mjs turns it into the README's table)
//   --readme          rewrite the README's Performance table from this run (bench/report.mjs), and save
//                     the run as bench/last-run.json
//   --cpu-prof dir    profile the child processes (node --cpu-prof) into dir; run this process with
//                     --cpu-prof too to profile the client side
//   --child-args "…"  more node flags for the child processes (say "--trace-gc")
// rtt runs with the server and this process pinned to one CPU (taskset -a -p, CPU 0), rtt-2core with
// one CPU each (server 0, client 1); without taskset (or with one CPU) they run unpinned and say so.
// WS_NO_BUFFER_UTIL=1 makes ws ignore bufferutil (it is used automatically when installed).
import { execFileSync, fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WebSocket, WebSocketServer } from 'ws';
import { readFileSync } from 'node:fs';
import * as dotnet from './dotnet.mjs';
import { DOTNET_LABELS, DOTNET_SIDES, dotnetPeersUnavailable, openDotnetSide, startKestrelServer } from './kestrel.mjs';
import { HTTP2_LABELS, http2Scenarios } from './http2.mjs';
import { markdownTable, median, ratio, renderSection, replaceSection, withVerdicts } from './report.mjs';
import { MessageQueue, sendAwaited, wsRoundTrips } from './ws-async.mjs';

const { ArraySegment, CancellationToken, WebSocketMessageType } = dotnet;
const None = CancellationToken.None;
const here = path.dirname(fileURLToPath(import.meta.url));
const KB = 1024;
const MiB = 1024 * 1024;
const MB = 1e6;

const { values: args } = parseArgs({
  options: {
    only: { type: 'string', default: '' },
    duration: { type: 'string', default: '3' },
    reps: { type: 'string', default: '3' },
    slice: { type: 'string', default: '250' },
    rounds: { type: 'string', default: '1' },
    idle: { type: 'string', default: '1000,10000' },
    'fanin-conns': { type: 'string', default: '1000' },
    'fanin-rate': { type: 'string', default: '5' },
    'flood-mb': { type: 'string', default: '1000' },
    'flood-rate': { type: 'string', default: '250' },
    'big-mib': { type: 'string', default: '1024' },
    'big-runs': { type: 'string', default: '3' },
    settle: { type: 'string', default: '0' },
    'deflate-idle': { type: 'string', default: '1000' },
    'h2-conns': { type: 'string', default: '1000' },
    core: { type: 'boolean', default: false },
    'no-dotnet': { type: 'boolean', default: false },
    tuned: { type: 'boolean', default: false },
    readme: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    'child-args': { type: 'string' },
    json: { type: 'string' },
  },
});
const DURATION = Number(args.duration) * 1000;
const REPS = Math.max(1, Number(args.reps));
const SLICE = Math.max(10, Number(args.slice));
/** --settle: idle time of a freshly started c2s/s2c server or big reader before measuring. */
const SETTLE = Math.max(0, Number(args.settle));
const WARMUP = Math.min(300, DURATION / 2);
const core = args.core;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const gc = () => globalThis.gc?.();

// The .NET 10 peers (bench/kestrel.mjs): Kestrel with ws clients, and .NET's ClientWebSocket against
// Kestrel (the C# program end to end), when `dotnet` is there; otherwise the run says why they are out.
const dotnetOff = args['no-dotnet'] ? 'left out (--no-dotnet)' : await dotnetPeersUnavailable();
/** The .NET sides scenario `name` adds: both for rtt/c2s/s2c, the Kestrel server for idle and fan-in. */
function dotnetSidesOf(name) {
  if (dotnetOff) return [];
  if (['rtt', 'c2s', 's2c'].includes(name)) return DOTNET_SIDES;
  return name.startsWith('idle-') || name === 'fanin' ? ['kestrel'] : [];
}

// ----------------------------------------------------------------------------------------------
// Processes and connections
// ----------------------------------------------------------------------------------------------

/** Forks bench/server.mjs; `ask(cmd)` sends an IPC request and resolves with the answer. */
async function forkChild(argv) {
  const execArgv = [
    '--expose-gc',
    ...(args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${args['cpu-prof']}`] : []),
    ...(args['child-args'] ? args['child-args'].split(' ').filter(Boolean) : []),
  ];
  const child = fork(path.join(here, 'server.mjs'), argv, { execArgv, stdio: 'inherit' });
  const pending = new Map();
  let nextId = 1;
  const exited = once(child, 'exit');
  let onNote = null;
  child.on('message', (m) => {
    // id -2: something the child tells unasked (the flood reader's first receive).
    if (m.id === -2) return void onNote?.(m);
    pending.get(m.id)?.(m);
    pending.delete(m.id);
  });
  const first = new Promise((resolve, reject) => {
    pending.set(0, resolve);
    exited.then(([code]) => reject(new Error(`bench child ${argv.join(' ')} exited with ${code}`)));
  });
  return {
    first,
    pid: child.pid,
    set onNote(fn) {
      onNote = fn;
    },
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
async function startServer(side, payload = 64 * KB, { deflate = false } = {}) {
  if (side === 'kestrel') return startKestrelServer(payload);
  const child = await forkChild([
    'serve',
    side,
    '--payload',
    String(payload),
    ...(core ? ['--core'] : []),
    ...(deflate ? ['--deflate'] : []),
  ]);
  const { port } = await child.first;
  return { ...child, url: (p) => `ws://127.0.0.1:${port}${p}` };
}

/** A raw ws client. */
function openWs(url, deflate = false) {
  return new Promise((resolve, reject) => {
    // With deflate, ws compresses every message (threshold 0), as the server side does (bench/server.mjs).
    const ws = new WebSocket(url, { perMessageDeflate: deflate ? { threshold: 0 } : false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Opens `n` raw ws clients, `batch` handshakes at a time. */
async function openMany(url, n, batch = 250, deflate = false) {
  const all = [];
  for (let i = 0; i < n; i += batch) {
    const opening = [];
    for (let j = i; j < Math.min(i + batch, n); j++) opening.push(openWs(url, deflate));
    all.push(...(await Promise.all(opening)));
  }
  for (const ws of all) ws.on('error', () => {});
  return all;
}

// ----------------------------------------------------------------------------------------------
// Scenarios: each run(side) returns { metricKey: value }
// ----------------------------------------------------------------------------------------------

/**
 * The idle scenarios' floor: a bare upgraded socket (no WebSocket library), and the same with what the
 * seed's code keeps per connection (its 4 KiB buffer, an async function suspended in a receive).
 */
const FLOOR_SIDES = ['bare', 'bare-seed'];

/** The sides of a sliced scenario that also runs the reference (raw ws in the seed's code shape). */
const WITH_REFERENCE = ['ws', 'ws-async', 'dotnet'];
/** The same, with dotnet-ws tuned when --tuned asks for it (scenarios where a tuned variant differs). */
const WITH_TUNED = args.tuned ? [...WITH_REFERENCE, 'dotnet-tuned'] : WITH_REFERENCE;

/**
 * Runs the sides of a scenario (`order`) in interleaved slices: every server stays up, every client stays
 * connected, and the client goes through them in order and back (ws, dotnet-ws, dotnet-ws, ws, …) every
 * `--slice` ms until each side has had `--duration` s, after one warm-up slice each. Background load on
 * the machine then hits all sides alike. `open(side)` returns { slice(ms) → result, close() }.
 */
async function sliced(open, order, name) {
  order = [...order, ...dotnetSidesOf(name)];
  const sides = {};
  try {
    // The .NET sides first get a second of unmeasured traffic, for .NET's tiered JIT (not in tiny runs).
    for (const side of order) {
      sides[side] = DOTNET_SIDES.includes(side) ? await openDotnetSide(name, side, DURATION >= 2000 ? 1000 : 0) : await open(side);
    }
    for (const side of order) await sides[side].slice(WARMUP);
    const runs = Object.fromEntries(order.map((side) => [side, []]));
    const n = Math.max(2, Math.round(DURATION / SLICE));
    for (let i = 0; i < n; i++) {
      for (const side of i % 2 === 0 ? order : [...order].reverse()) {
        runs[side].push(await sides[side].slice(SLICE));
      }
    }
    return runs;
  } finally {
    for (const side of Object.values(sides)) await side.close();
  }
}

/** CPU time of this process, µs. */
function cpuNow() {
  const c = process.cpuUsage();
  return c.user + c.system;
}

/**
 * The end of a slice: `units` done over `ms`, and the CPU time both processes spent on each
 * (robust to other load on the machine, unlike the rate).
 */
function sliceResult(units, ms, cpuClient, cpuServer, perSecond = units) {
  return { value: perSecond / (ms / 1000), cpu: (cpuClient + cpuServer) / units, serverCpu: cpuServer / units };
}

/** This process's CPU affinity at the start (taskset's list form), or null without taskset. */
const AFFINITY = (() => {
  try {
    return /: (\S+)\s*$/.exec(execFileSync('taskset', ['-pc', String(process.pid)], { encoding: 'utf8' }))?.[1] ?? null;
  } catch {
    return null;
  }
})();
/** Pinning works here: taskset exists and this process may use at least two CPUs. */
const CAN_PIN = AFFINITY !== null && os.cpus().length >= 2;

/** Pins every thread of process `pid` to `cpus` (taskset's list form). */
function pin(pid, cpus) {
  execFileSync('taskset', ['-a', '-pc', cpus, String(pid)], { stdio: 'ignore' });
}

/** --rounds: rtt's rounds of fresh processes. */
const ROUNDS = Math.max(1, Number(args.rounds));

/**
 * 32-byte text messages, one round trip at a time, on one connection. The reference side, ws-async,
 * is raw ws in the seed's code shape on both ends: each receive awaited (a promise per message), each
 * send not (which only makes the reference faster). `cores`: 1 pins the server and this process to CPU
 * 0, 2 pins the server to CPU 0 and this process to CPU 1 (when CAN_PIN). `deflate`: permessage-deflate
 * on both ends (ws with threshold 0, dotnet-ws with .NET's defaults), ws against dotnet-ws only.
 */
async function rtt({ cores = 0, deflate = false } = {}) {
  const pinned = CAN_PIN && cores > 0;
  if (pinned) pin(process.pid, cores === 1 ? '0' : '1');
  try {
    const name = deflate ? 'rtt-deflate' : cores === 2 ? 'rtt-2core' : 'rtt';
    const runs = await rttSides(pinned, deflate, name);
    for (let round = 1; round < (deflate ? 1 : ROUNDS); round++) {
      for (const [side, slices] of Object.entries(await rttSides(pinned, deflate, name))) runs[side].push(...slices);
    }
    return runs;
  } finally {
    if (pinned) pin(process.pid, AFFINITY);
  }
}

function rttSides(pinned, deflate, name) {
  return sliced(
    async (side) => {
      const srv = await startServer(side, 64 * KB, { deflate });
      if (pinned) pin(srv.pid, '0');
      const msg = 'x'.repeat(32);
      let loop;
      let close;
      if (side === 'ws-async') {
        const ws = await openWs(srv.url('/echo'), deflate);
        const messages = new MessageQueue(ws);
        loop = async (end) => {
          let n = 0;
          do {
            ws.send(msg);
            await messages.receive();
            n++;
          } while (performance.now() < end);
          return n;
        };
        close = () => ws.terminate();
      } else if (side === 'ws') {
        const ws = await openWs(srv.url('/echo'), deflate);
        loop = (end) => wsRoundTrips(ws, msg, end);
        close = () => ws.terminate();
      } else {
        const webSocket = await dotnet.connect(srv.url('/echo'), { core, deflate });
        const message = new ArraySegment(Buffer.from(msg));
        const buffer = new Uint8Array(4 * KB);
        loop = (end) => dotnet.seedRoundTrips(webSocket, message, buffer, end);
        close = () => webSocket.Abort();
      }
      return {
        async slice(ms) {
          const s0 = await srv.ask('stats');
          const c0 = cpuNow();
          const t0 = performance.now();
          const n = await loop(t0 + ms);
          const t1 = performance.now();
          const c1 = cpuNow();
          const s1 = await srv.ask('stats');
          return sliceResult(n, t1 - t0, c1 - c0, s1.cpu - s0.cpu);
        },
        async close() {
          close();
          await srv.kill();
        },
      };
    },
    deflate ? ['ws', 'dotnet'] : WITH_REFERENCE,
    name,
  );
}

/**
 * 64 KiB binary messages client → server: ws pipelined (refilled from send callbacks under ~1 MiB
 * queued), dotnet-ws one awaited SendAsync after the other. A slice lasts until the server has read
 * everything sent in it; the loops check their own deadline, since a sending loop can hold this
 * process's event loop for seconds (each write completes at once on loopback and its callback runs
 * on the next tick, so timers fire late).
 *
 * Where the dotnet-ws server's extra CPU went (`--child-args=--trace-gc`): before the library shipped as one
 * bundle, V8 ran 70 to 120 mark-compacts in it per run while ws's server ran none: loading ~180 ES modules
 * took new space from 1 to 8 MB (ws alone: 4 MB, `--trace-gc-verbose`), so scavenges, which free the 64 KiB
 * backing store of each socket read, came seldom. `--child-args=--max-semi-space-size=1` showed it (server
 * CPU per MB 1.1 to 1.3x ws's instead of 2.3 to 2.6x), and `--child-args=--import=file:///…/dist/index.js`
 * (dotnet-ws loaded into every server) made ws's server as slow. The bundle (scripts/build-package.mjs)
 * loads with 4 MB of new space as ws does; what its import leaves alive (~450 KiB: classes and closures of
 * the whole library, `node --expose-gc --min-semi-space-size=64 bench/startup-young.mjs dotnet`) is
 * promoted at the first scavenge under traffic, which can still take a server to 8 MB.
 * Each side also prints its server's page faults per MB: a server process whose freed socket reads sit
 * at the top of its malloc heap gives them back to the kernel and faults them in again (brk calls, 50 to
 * 240 faults per MB, +100 to 400 µs of system time per MB), one that does not stays near 0. A process
 * keeps its mode through a run. dotnet-ws's server (8 MiB of young generation once its first connection
 * is read from) was in it in about half the runs here (bundled build, load 5 to 7), ws's seldom; out of
 * it, dotnet-ws's server CPU per MB was 0.9 to 1.1x ws's, in it 1.4 to 2.3x. As a diagnosis only,
 * MALLOC_TRIM_THRESHOLD_=268435456 in the environment keeps every server out of it (0 to 3 faults per
 * MB, 304 against 265 µs).
 */
function c2s() {
  return sliced(
    async (side) => {
      const srv = await startServer(side);
      if (SETTLE > 0) await sleep(SETTLE);
      const payload = Buffer.alloc(64 * KB, 0xab);
      let sent = 0;
      let loop;
      let close;
      if (side === 'ws-async') {
        // Each send awaited until ws reports it written, as SendAsync is.
        const ws = await openWs(srv.url('/sink'));
        loop = async (end) => {
          do {
            sent += payload.length;
            await sendAwaited(ws, payload, { binary: true });
          } while (performance.now() < end);
        };
        close = () => ws.terminate();
      } else if (side === 'ws') {
        const ws = await openWs(srv.url('/sink'));
        loop = (end) =>
          new Promise((resolve) => {
            const pump = () => {
              while (ws.bufferedAmount < MiB) {
                if (performance.now() >= end) return resolve();
                sent += payload.length;
                ws.send(payload, { binary: true }, pump2);
              }
            };
            const pump2 = (err) => (err ? resolve() : pump());
            pump();
          });
        close = () => ws.terminate();
      } else {
        const webSocket = await dotnet.connect(srv.url('/sink'), { core });
        const segment = new ArraySegment(payload);
        loop = async (end) => {
          do {
            sent += payload.length;
            await webSocket.SendAsync(segment, WebSocketMessageType.Binary, true, None);
          } while (performance.now() < end);
        };
        close = () => webSocket.Abort();
      }
      return {
        async slice(ms) {
          const s0 = await srv.ask('stats');
          const sent0 = sent;
          const c0 = cpuNow();
          const t0 = performance.now();
          await loop(t0 + ms);
          let s1;
          do s1 = await srv.ask('stats');
          while (s1.bytes < sent);
          const t1 = performance.now();
          const bytes = sent - sent0;
          // The server's page faults (minor: pages the kernel maps in and zeroes) per MB, for the check.
          const serverFaults = (s1.faults - s0.faults) / (bytes / MB);
          return { ...sliceResult(bytes / MB, t1 - t0, cpuNow() - c0, s1.cpu - s0.cpu), serverFaults };
        },
        async close() {
          close();
          await srv.kill();
        },
      };
    },
    WITH_TUNED,
    'c2s',
  );
}

/**
 * 64 KiB binary messages server → client (ws pipelined, dotnet-ws awaited SendAsync), received by a
 * ws 'message' listener or the seed's ReceiveAsync loop with a 4 KiB buffer (tuned: 64 KiB). The server streams while
 * switched on; a slice lasts until the client has everything the server sent in it.
 */
function s2c() {
  return sliced(
    async (side) => {
      const srv = await startServer(side);
      if (SETTLE > 0) await sleep(SETTLE);
      let received = 0;
      let target = Infinity;
      let reached = null;
      const count = (n) => {
        received += n;
        if (received >= target) reached?.();
      };
      let close;
      if (side === 'ws-async') {
        // An awaited receive per message (the seed's loop), over a queue of ws's 'message' events.
        const ws = await openWs(srv.url('/source'));
        const messages = new MessageQueue(ws);
        const loop = (async () => {
          for (let m = await messages.receive(); m !== null; m = await messages.receive()) count(m.data.length);
        })();
        close = async () => {
          ws.terminate();
          await loop;
        };
      } else if (side === 'ws') {
        const ws = await openWs(srv.url('/source'));
        ws.on('message', (data) => count(data.length));
        close = () => ws.terminate();
      } else {
        // The seed's receive loop: a 4 KiB buffer, until the close; tuned, reads as large as the messages.
        const webSocket = await dotnet.connect(srv.url('/source'), { core });
        const buffer = new Uint8Array(side === 'dotnet-tuned' ? 64 * KB : 4 * KB);
        const loop = (async () => {
          let receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), None);
          while (!receiveResult.CloseStatus.HasValue) {
            count(receiveResult.Count);
            receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), None);
          }
        })().catch(() => {});
        close = async () => {
          webSocket.Abort();
          await loop;
        };
      }
      return {
        async slice(ms) {
          const received0 = received;
          const c0 = cpuNow();
          const t0 = performance.now();
          const on = await srv.ask('source', { on: true });
          await sleep(ms);
          const off = await srv.ask('source', { on: false });
          target = off.bytes;
          if (received < target) await new Promise((resolve) => (reached = resolve));
          reached = null;
          const t1 = performance.now();
          const bytes = received - received0;
          return sliceResult(bytes / MB, t1 - t0, cpuNow() - c0, off.cpu - on.cpu);
        },
        async close() {
          await close();
          await srv.kill();
        },
      };
    },
    WITH_TUNED,
    's2c',
  );
}

/**
 * `n` idle connections (raw ws clients on both sides; the server under test is parked in a receive):
 * server RSS and JS heap per connection after a forced GC (and, in the check line, external memory and
 * the young generation), then one message on every connection to check that all of them are served.
 */
async function idle(side, n, deflate = false) {
  const srv = await startServer(side, 64 * KB, { deflate });
  let conns = [];
  try {
    // Warm up the accept and echo paths so that code compiled on first use is not counted.
    const warm = await openMany(srv.url('/idle'), 10, 250, deflate);
    await Promise.all(warm.map((ws) => new Promise((r) => (ws.once('message', r), ws.send('warm')))));
    for (const ws of warm) ws.terminate();
    while ((await srv.ask('stats')).conns > 0) await sleep(20);
    const m0 = await srv.ask('mem');
    conns = await openMany(srv.url('/idle'), n, 250, deflate);
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
      // What RSS holds beyond the JS heap: ArrayBuffers and other external memory (the seed's 4 KiB
      // buffers), and V8's young generation, which grows while connections open and is all resident.
      external: (m1.external - m0.external) / n,
      young: m1.young,
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

/**
 * One message of `--big-mib` MiB (default 1 GiB) in one frame, from a raw sender here (the handshake by
 * hand, then the frame header and 64 KiB writes as fast as the socket takes them) to the seed's receive
 * loop with a 4 KiB buffer in a child process (bench/server.mjs flood, unpaced). Reports the reader's
 * peak RSS growth, and whether its first ReceiveAsync returned before this side had written the last
 * byte (the reader says so over IPC the moment it returns, so a "yes" is never early). dotnet-ws only: ws
 * hands over whole messages, so it would hold the whole GiB.
 * A socket read by Node's default is a 64 KiB ArrayBuffer that only a scavenge frees, so such a reader
 * holds every read since the last scavenge: the young generation's size over what the loop allocates per
 * byte, ~10 MiB here, more when V8's helper thread frees them late on a busy machine. ClientWebSocket's
 * plain ws:// socket reads into one shared buffer instead (src/engine/socket-reads.ts); --core
 * (ManagedWebSocket over a ws client's socket) still reads the default way. The check prints, for every
 * run, the reader's young generation (both semi-spaces, after the baseline's forced collections), the
 * peak of its ArrayBuffers' memory (socket reads waiting for a scavenge) and its page faults per MB. The
 * row runs `--big-runs` times (a fresh reader each) and judges the worst run.
 */
async function big(side) {
  const total = Number(args['big-mib']) * MiB;
  const chunk = Buffer.alloc(64 * KB, 0xef);
  let finishedAt = null;
  let firstAt = null;
  const server = http.createServer();
  server.on('upgrade', (req, socket) => {
    socket.on('error', () => {});
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    // The reader's first frame ("go") starts the send; anything after it (its close) ends the connection.
    socket.once('data', async () => {
      socket.on('data', () => socket.end());
      const header = Buffer.alloc(10);
      header[0] = 0x82;
      header[1] = 127;
      header.writeBigUInt64BE(BigInt(total), 2);
      socket.write(header);
      for (let sent = 0; sent < total && !socket.destroyed;) {
        const n = Math.min(chunk.length, total - sent);
        sent += n;
        const last = sent === total;
        const ok = socket.write(
          n === chunk.length ? chunk : chunk.subarray(0, n),
          last ? () => (finishedAt = performance.now()) : undefined,
        );
        if (!ok) await once(socket, 'drain');
      }
      socket.write(Buffer.from([0x88, 0x02, 0x03, 0xe8]));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const child = await forkChild([
    'flood',
    side,
    '--url',
    `ws://127.0.0.1:${server.address().port}/`,
    '--rate',
    '1e9',
    '--chunk',
    String(4 * KB),
    '--settle',
    String(SETTLE),
    ...(core ? ['--core'] : []),
  ]);
  child.onNote = () => (firstAt ??= performance.now());
  try {
    const r = await child.first;
    if (r.consumed !== total) throw new Error(`big: ${side} read ${r.consumed} of ${total} bytes`);
    return {
      rss: r.rssGrowth,
      heap: r.heapGrowth,
      buffers: r.arrayBuffersGrowth,
      mbps: r.consumed / MB / (r.ms / 1000),
      youngAtStart: r.youngAtStart,
      youngAtEnd: r.youngAtEnd,
      faultsPerMb: r.faults / (r.consumed / MB),
      firstBeforeEnd: firstAt !== null && (finishedAt === null || firstAt < finishedAt),
    };
  } finally {
    await child.kill();
    server.closeAllConnections?.();
    await new Promise((r) => server.close(r));
  }
}

// ----------------------------------------------------------------------------------------------
// Reporting
// ----------------------------------------------------------------------------------------------

/** The slices' figures as `n slices min | quartile median quartile | max`. */
function spread(values, format) {
  const q = [...values].sort((a, b) => a - b);
  const at = (p) => format(q[Math.min(q.length - 1, Math.floor(p * q.length))]);
  return `${q.length} slices ${at(0)} | ${at(0.25)} ${at(0.5)} ${at(0.75)} | ${at(1)}`;
}

const fmt = {
  rate: (v) => Math.round(v).toLocaleString('en-US'),
  mbps: (v) => v.toFixed(0),
  bytes: (v) => Math.round(v).toLocaleString('en-US'),
  ms: (v) => v.toFixed(2),
  us: (v) => v.toFixed(1),
  mib: (v) => (v / MiB).toFixed(1),
};
/** The name of each formatter, for the rows of the report (bench/report.mjs formats by name). */
const fmtName = new Map(Object.entries(fmt).map(([name, f]) => [f, name]));

/** Backpressure bound of the flood reader: high-water mark + one 64 KiB message + one socket read (≤ 64 KiB). */
const FLOOD_BOUND = MiB + 64 * KB + 64 * KB;
/** The issue's bound on the 1 GiB reader's RSS growth (every run within it). */
const BIG_RSS_BOUND = 16 * MiB;
/** --big-runs: runs of `big`, each with a fresh reader. */
const BIG_RUNS = Math.max(1, Number(args['big-runs']));

/**
 * Scenarios. Each metric: key in the run's result, label, unit, formatter, whether higher is better,
 * and the target for the ratio dotnet-ws / ws (null: reported only). `checks(runs)` adds rows whose
 * verdict is a condition (every connection served, the flood within its bound).
 */
const scenarios = [
  {
    name: 'rtt',
    sliced: true,
    title: `32 B text round trips, one connection, ${CAN_PIN ? 'both processes on one CPU' : 'unpinned'}`,
    reference: { side: 'ws-async', label: "ws in the seed's code shape (each receive awaited)" },
    run: () => rtt({ cores: 1 }),
    metrics: [
      { key: 'value', label: 'round trips', unit: 'rt/s', fmt: fmt.rate, higher: true, target: 1.0 },
      { key: 'cpu', label: 'CPU per round trip, both processes', unit: 'µs', fmt: fmt.us, higher: false, target: null },
    ],
  },
  {
    name: 'rtt-2core',
    sliced: true,
    title: `32 B text round trips, one connection, ${CAN_PIN ? 'one CPU per process' : 'unpinned, two-core variant'}`,
    reference: { side: 'ws-async', label: "ws in the seed's code shape (each receive awaited)" },
    run: () => rtt({ cores: 2 }),
    metrics: [
      { key: 'value', label: 'round trips', unit: 'rt/s', fmt: fmt.rate, higher: true, target: 0.98 },
      { key: 'cpu', label: 'CPU per round trip, both processes', unit: 'µs', fmt: fmt.us, higher: false, target: null },
      { key: 'serverCpu', label: 'server CPU per round trip', unit: 'µs', fmt: fmt.us, higher: false, target: 1.0 },
    ],
  },
  {
    name: 'rtt-deflate',
    sliced: true,
    sides: ['ws', 'dotnet'],
    title: '32 B text round trips with permessage-deflate, one connection, unpinned',
    run: () => rtt({ deflate: true }),
    metrics: [
      { key: 'value', label: 'round trips', unit: 'rt/s', fmt: fmt.rate, higher: true, target: null },
      { key: 'cpu', label: 'CPU per round trip, both processes', unit: 'µs', fmt: fmt.us, higher: false, target: null },
    ],
  },
  {
    name: 'c2s',
    sliced: true,
    tuned: true,
    title: '64 KiB binary, client → server',
    reference: { side: 'ws-async', label: "ws in the seed's code shape (each send and receive awaited)" },
    run: c2s,
    check: (side, runs) => {
      // The .NET peers' servers do not count theirs.
      const faults = runs.map((r) => r.serverFaults).filter((v) => v !== undefined);
      return `${side}: server page faults per MB ${faults.length > 0 ? spread(faults, (v) => v.toFixed(1)) : 'not counted'}`;
    },
    metrics: [
      { key: 'value', label: 'throughput', unit: 'MB/s', fmt: fmt.mbps, higher: true, target: 1.0 },
      { key: 'cpu', label: 'CPU per MB, both processes', unit: 'µs', fmt: fmt.rate, higher: false, target: null },
      { key: 'serverCpu', label: 'server CPU per MB', unit: 'µs', fmt: fmt.rate, higher: false, target: null },
    ],
  },
  {
    name: 's2c',
    sliced: true,
    tuned: true,
    title: '64 KiB binary, server → client',
    reference: { side: 'ws-async', label: "ws in the seed's code shape (each send and receive awaited)" },
    run: s2c,
    metrics: [
      { key: 'value', label: 'throughput', unit: 'MB/s', fmt: fmt.mbps, higher: true, target: 1.0 },
      { key: 'cpu', label: 'CPU per MB, both processes', unit: 'µs', fmt: fmt.rate, higher: false, target: null },
      { key: 'serverCpu', label: 'server CPU per MB', unit: 'µs', fmt: fmt.rate, higher: false, target: null },
    ],
  },
  ...args.idle
    .split(',')
    .filter(Boolean)
    .map((s) => Number(s))
    .map((n) => ({
      name: `idle-${n}`,
      title: `${n.toLocaleString('en-US')} idle connections`,
      heavy: true,
      tuned: true,
      // Raw ws under the seed's code shape: what the application's async frames cost by themselves.
      reference: { side: 'ws-async', label: "ws + async/await loop (the seed's code shape on raw ws)" },
      // The floor: a bare upgraded socket, alone and in the seed's shape (bench/floor-servers.mjs).
      floor: FLOOR_SIDES,
      run: (side) => idle(side, n),
      metrics: [
        { key: 'rss', label: 'server RSS per connection', unit: 'B', fmt: fmt.bytes, higher: false, target: 1.0 },
        { key: 'heap', label: 'server JS heap per connection', unit: 'B', fmt: fmt.bytes, higher: false, target: null },
      ],
      check: (side, runs) => {
        const served = Math.min(...runs.map((r) => r.served));
        const accepted = Math.min(...runs.map((r) => r.accepted));
        const ms = median(runs.map((r) => r.serveMs));
        const external = median(runs.map((r) => r.external));
        const young = runs.map((r) => r.young).join(', ');
        return (
          `${side}: ${accepted}/${n} accepted, ${served}/${n} served (one echo each, all within ${fmt.ms(ms)} ms median); ` +
          `external ${fmt.bytes(external)} B per connection, young generation ${young} MiB`
        );
      },
      checks: (runs, sides) => [
        {
          metric: `all ${n.toLocaleString('en-US')} accepted and answered`,
          values: Object.fromEntries(sides.map(([label, side]) => [label, everyServed(runs[side], n) ? 'yes' : 'no'])),
          comparisons: [{ label: 'dotnet-ws: all of them', holds: everyServed(runs.dotnet, n) }],
        },
      ],
    })),
  {
    name: `idle-deflate-${Number(args['deflate-idle'])}`,
    title: `${Number(args['deflate-idle']).toLocaleString('en-US')} idle connections with permessage-deflate`,
    heavy: true,
    sides: ['ws', 'dotnet'],
    run: (side) => idle(side, Number(args['deflate-idle']), true),
    metrics: [
      { key: 'rss', label: 'server RSS per connection', unit: 'B', fmt: fmt.bytes, higher: false, target: null },
      { key: 'heap', label: 'server JS heap per connection', unit: 'B', fmt: fmt.bytes, higher: false, target: null },
    ],
    check: (side, runs) => {
      const n = Number(args['deflate-idle']);
      return `${side}: ${Math.min(...runs.map((r) => r.accepted))}/${n} accepted, ${Math.min(...runs.map((r) => r.served))}/${n} served`;
    },
  },
  {
    name: 'fanin',
    title: `fan-in, ${Number(args['fanin-conns']).toLocaleString('en-US')} connections × ${args['fanin-rate']} msg/s of 32 B`,
    run: fanin,
    metrics: [
      { key: 'p50', label: 'p50 echo latency', unit: 'ms', fmt: fmt.ms, higher: false, target: null },
      { key: 'p99', label: 'p99 echo latency', unit: 'ms', fmt: fmt.ms, higher: false, target: null },
    ],
    check: (side, runs) =>
      `${side}: ${Math.max(...runs.map((r) => r.lost))} unanswered, ${Math.min(...runs.map((r) => r.samples))} samples per run`,
  },
  {
    name: 'flood',
    title: `${args['flood-mb']} MB flood read 4 KiB at a time at ${args['flood-rate']} MB/s`,
    heavy: true,
    run: flood,
    metrics: [
      { key: 'rss', label: "reader's RSS growth", unit: 'MiB', fmt: fmt.mib, higher: false, target: null },
      { key: 'heap', label: "reader's heap growth", unit: 'MiB', fmt: fmt.mib, higher: false, target: null },
    ],
    check: (side, runs) => {
      const rate = median(runs.map((r) => r.mbps));
      const peak = peakQueued(runs);
      return `${side}: read at ${rate.toFixed(0)} MB/s; peak queued ${
        peak === null
          ? 'n/a (ClientWebSocket has no receiveBufferedAmount; --core shows it)'
          : `${(peak / MiB).toFixed(2)} MiB (bound ${(FLOOD_BOUND / MiB).toFixed(2)} MiB: ${peak <= FLOOD_BOUND ? 'within' : 'EXCEEDED'})`
      }`;
    },
    checks: (runs, sides) => {
      const dn = peakQueued(runs.dotnet);
      return [
        {
          metric: 'peak receive queue',
          unit: 'MiB',
          format: 'mib',
          values: Object.fromEntries(sides.map(([label, side]) => [label, peakQueued(runs[side]) ?? 'not visible'])),
          // ClientWebSocket does not show its queue: no verdict then (--core shows it), not "met".
          comparisons: [
            { label: `dotnet-ws: within ${(FLOOD_BOUND / MiB).toFixed(2)} MiB`, holds: dn === null ? null : dn <= FLOOD_BOUND },
          ],
        },
      ];
    },
  },
  {
    name: 'big',
    title: `one ${Number(args['big-mib']).toLocaleString('en-US')} MiB message read 4 KiB at a time`,
    heavy: true,
    runs: BIG_RUNS,
    sides: ['dotnet'],
    run: big,
    metrics: [],
    check: (side, runs) =>
      [
        `${side}: ${runs.length} runs, each a fresh reader; the row judges the worst`,
        ...runs.map(
          (r, i) =>
            `run ${i + 1}: peak RSS growth ${fmt.mib(r.rss)} MiB, ArrayBuffers at peak ${fmt.mib(r.buffers)} MiB ` +
            `(${Math.round(r.buffers / (64 * KB))} × 64 KiB, the size of a socket read), young generation ${r.youngAtStart} MiB at the ` +
            `start and ${r.youngAtEnd} at the end, page faults per MB ${r.faultsPerMb.toFixed(1)}, ` +
            `read at ${fmt.mbps(r.mbps)} MB/s, first receive before the sender finished: ${r.firstBeforeEnd ? 'yes' : 'no'}`,
        ),
      ].join('\n   '),
    checks: (runs) => {
      const rss = Math.max(...runs.dotnet.map((r) => r.rss));
      const first = runs.dotnet.every((r) => r.firstBeforeEnd);
      return [
        {
          metric: "reader's peak RSS growth",
          unit: 'MiB',
          format: 'mib',
          values: { ws: 'n/a (holds whole messages)', 'dotnet-ws': rss },
          comparisons: [{ label: `dotnet-ws, worst of ${runs.dotnet.length} runs: ≤ 16 MiB`, holds: rss <= BIG_RSS_BOUND }],
        },
        {
          metric: 'first ReceiveAsync before the sender finished',
          values: { ws: 'n/a', 'dotnet-ws': first ? 'yes' : 'no' },
          comparisons: [{ label: 'dotnet-ws: yes, every run', holds: first }],
        },
      ];
    },
  },
  // HTTP/2 beside HTTP/1.1, dotnet-ws on both (bench/http2.mjs: its own sides and ratio).
  ...http2Scenarios({ duration: DURATION, slice: SLICE, warmup: WARMUP, conns: Number(args['h2-conns']) }).map((s) => ({
    ...s,
    metrics: s.metrics.map((m) => ({ ...m, fmt: fmt[m.fmt] })),
  })),
];

/** Whether every run of a side had all `n` connections accepted and answered. */
function everyServed(runs, n) {
  return runs.length > 0 && runs.every((r) => r.accepted === n && r.served === n);
}

/** The highest receive queue over a side's flood runs, or null when the side cannot show it. */
function peakQueued(runs) {
  const q = runs.map((r) => r.queued);
  return q.length === 0 || q.some((v) => v == null) ? null : Math.max(...q);
}

/** The column label of each side in the report. */
const SIDE_LABELS = {
  ws: 'ws',
  'ws-async': 'reference',
  dotnet: 'dotnet-ws',
  'dotnet-tuned': 'dotnet-ws (tuned)',
  bare: 'bare socket',
  'bare-seed': 'bare socket, seed shape',
  kestrel: 'Kestrel',
  net: '.NET client + Kestrel',
  ...HTTP2_LABELS,
};

function machine() {
  const require = createRequire(import.meta.url);
  const wsDir = path.dirname(require.resolve('ws'));
  // ws swaps in bufferutil's mask/unmask when it loads it (and WS_NO_BUFFER_UTIL is unset).
  const bufferUtil = require(path.join(wsDir, 'lib', 'buffer-util.js'));
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    ws: require('ws/package.json').version,
    bufferutil: bufferUtil.mask.name !== '_mask',
    dotnetWs: core ? 'ManagedWebSocket directly (--core)' : 'WebApplication + ClientWebSocket',
    load: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  };
}

/** The command line of this run, as a reader would type it. */
function commandLine() {
  const rest = process.argv.slice(2);
  const env = process.env.WS_NO_BUFFER_UTIL ? 'WS_NO_BUFFER_UTIL=1 ' : '';
  return `${env}npm run bench${rest.length ? ` -- ${rest.join(' ')}` : ''}`;
}

/**
 * The ratio of `b` to `a` for one metric: for sliced scenarios, the median of the ratios of neighbouring
 * slices (slice i of each side ran back to back, which cancels drifts in background load better than the
 * ratio of the medians); otherwise the ratio of the medians. NaN when there is nothing to compare.
 */
function compare(s, runs, key, a, b) {
  if (!runs[a]?.length || !runs[b]?.length) return NaN;
  if (s.sliced) return median(runs[a].map((r, i) => ratio(runs[b][i]?.[key], r[key])));
  return ratio(median(runs[b].map((r) => r[key])), median(runs[a].map((r) => r[key])));
}

async function main() {
  const m = machine();
  const date = new Date().toISOString().slice(0, 10);
  console.log(
    `machine: ${m.cpu}, ${m.cores} cores, Node ${m.node}, ws ${m.ws}, bufferutil ${m.bufferutil ? 'yes' : 'no'}; ` +
      `dotnet-ws: ${m.dotnetWs}; load average ${m.load}`,
  );
  console.log(
    `run: rtt/c2s/s2c ${DURATION / 1000} s per side in ${SLICE} ms slices, interleaved; ` +
      `other scenarios ${REPS} runs per side (idle, flood: at most 2; big: ${BIG_RUNS}, --big-runs), alternating; ` +
      'ratio = dotnet-ws / ws' +
      (SETTLE > 0 ? `; c2s/s2c servers and big's reader idle ${SETTLE} ms before measuring (--settle)` : ''),
  );
  if (ROUNDS > 1) console.log(`rtt: ${ROUNDS} rounds, each with fresh server processes, their slices pooled (--rounds)`);
  console.log(`.NET 10 peers: ${dotnetOff ? `skipped: ${dotnetOff}` : Object.values(DOTNET_LABELS).join('; ')}`);
  const filters = args.only.split(',').filter(Boolean);
  const selected = scenarios.filter(
    (s) => filters.length === 0 || filters.some((f) => s.name.includes(f) && (f.includes('h2') || !s.name.startsWith('h2-'))),
  );
  const rows = [];
  const raw = [];
  const started = performance.now();
  for (const s of selected) {
    console.log(`\n== ${s.name}: ${s.title}`);
    const t0 = performance.now();
    const ref = s.reference?.side;
    const tuned = args.tuned && s.tuned ? 'dotnet-tuned' : null;
    const peers = dotnetSidesOf(s.name);
    const order = s.sides ?? ['ws', ...(ref ? [ref] : []), 'dotnet', ...(tuned ? [tuned] : []), ...(s.floor ?? []), ...peers];
    const [a, b, versus] = s.versus ?? ['ws', 'dotnet', 'dotnet-ws / ws'];
    let runs = Object.fromEntries(order.map((side) => [side, []]));
    if (s.sliced) runs = await s.run();
    else {
      // `runs`: a scenario with its own count (big: --big-runs), whatever --reps says.
      const reps = s.runs ?? Math.min(REPS, s.heavy ? 2 : REPS);
      for (let rep = 0; rep < reps; rep++) {
        for (const side of rep % 2 === 0 ? order : [...order].reverse()) {
          gc();
          runs[side].push(await s.run(side));
        }
      }
    }
    const sides = order.filter((side) => runs[side]?.length).map((side) => [SIDE_LABELS[side], side]);
    for (const metric of s.metrics) {
      // Each run's figure; for sliced scenarios the spread of the slices (min, quartiles, max).
      const list = (side) => {
        const v = runs[side].map((r) => r[metric.key]);
        return s.sliced ? spread(v, metric.fmt) : `runs ${v.map(metric.fmt).join(' ')}`;
      };
      const values = Object.fromEntries(sides.map(([label, side]) => [label, median(runs[side].map((r) => r[metric.key]))]));
      const comparisons = [{ label: versus, ratio: compare(s, runs, metric.key, a, b), target: metric.target, higher: metric.higher }];
      if (ref) comparisons.push({ label: 'dotnet-ws / reference', ratio: compare(s, runs, metric.key, ref, 'dotnet') });
      if (tuned) comparisons.push({ label: 'tuned / ws', ratio: compare(s, runs, metric.key, 'ws', tuned) });
      if (s.floor) {
        // Whether the seed's shape can meet ws at all, and what dotnet-ws adds above each floor.
        const [bare, bareSeed] = s.floor;
        comparisons.push(
          { label: `${SIDE_LABELS[bareSeed]} / ws`, ratio: compare(s, runs, metric.key, 'ws', bareSeed) },
          { label: `dotnet-ws / ${SIDE_LABELS[bareSeed]}`, ratio: compare(s, runs, metric.key, bareSeed, 'dotnet') },
        );
        if (tuned) comparisons.push({ label: `tuned / ${SIDE_LABELS[bare]}`, ratio: compare(s, runs, metric.key, bare, tuned) });
      }
      for (const peer of peers.filter((p) => runs[p]?.length)) {
        comparisons.push({ label: `dotnet-ws / ${SIDE_LABELS[peer]}`, ratio: compare(s, runs, metric.key, peer, 'dotnet') });
      }
      const row = {
        scenario: s.title,
        metric: metric.label,
        unit: metric.unit,
        format: fmtName.get(metric.fmt) ?? 'plain',
        values,
        comparisons,
      };
      const [judged] = withVerdicts([row]);
      for (const [label, side] of sides) {
        console.log(
          `   ${metric.label.padEnd(36)} ${label.padEnd(23)} ${metric.fmt(values[label]).padStart(10)} ${metric.unit}   ${list(side)}`,
        );
      }
      for (const c of judged.comparisons) {
        const target = c.target === null || c.target === undefined ? '' : `; target ${c.higher ? '≥' : '≤'} ${c.target}: ${c.verdict}`;
        console.log(
          `   ratio ${s.name} ${metric.label}: ${c.label} = ${Number.isFinite(c.ratio) ? c.ratio.toFixed(3) : 'n/a'}   (${metric.higher ? 'higher' : 'lower'} is better${target})`,
        );
      }
      rows.push(row);
    }
    if (s.check) {
      for (const [label, side] of sides) console.log(`   ${s.check(label, runs[side])}`);
    }
    if (s.checks) for (const extra of s.checks(runs, sides)) rows.push({ scenario: s.title, unit: '', format: 'plain', ...extra });
    console.log(`   (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    raw.push({ name: s.name, runs });
  }
  console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  const report = { date, command: commandLine(), machine: m, duration: DURATION, reps: REPS, rows };
  // The Markdown table for the README, verdicts computed (bench/report.mjs).
  console.log(markdownTable(rows));
  const saved = `${JSON.stringify({ ...report, raw }, null, 2)}\n`;
  if (args.json) writeFileSync(args.json, saved);
  if (args.readme) {
    // The README's table, and the run it comes from beside it (test/bench.test.ts checks they agree).
    // Rendered from the saved form, so that what JSON cannot hold (NaN becomes null) reads the same.
    writeFileSync(path.join(here, 'last-run.json'), saved);
    const readme = path.join(here, '..', 'README.md');
    writeFileSync(readme, replaceSection(readFileSync(readme, 'utf8'), renderSection(JSON.parse(saved))));
    console.log(`\nREADME.md: Performance table rewritten from this run (saved as bench/last-run.json)`);
  }
}

await main();
process.exit(0);
