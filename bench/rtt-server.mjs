// The server's CPU per 32-byte round trip (rtt-2core's shape: server on CPU 0, client on CPU 1), side by
// side for servers that npm run bench cannot put in one run: two builds of dotnet-ws, the probes of
// bench/floor-servers.mjs, all against the same client.
// `node bench/rtt-server.mjs [--sides ws,A=dist,B=/other/dist,bare,bare-seed] [--client ws|dotnet]
//  [--rounds 3] [--duration 3] [--slice 250] [--syscalls] [--record dir]`
//
// Each side is a server process (bench/server.mjs): ws (its event API), ws-async, bare, bare-seed, or
// `name=path` for dotnet-ws in the seed's shape from the build at path (BENCH_DIST of bench/dotnet.mjs;
// the build needs lib/). The sides' servers stay up and this process (the client) goes through them in
// slices, forward and back, as bench/run.mjs's rtt does; each round starts fresh servers. The client is
// raw ws for every side (--client ws), or dotnet-ws's ClientWebSocket (from ../dist or BENCH_DIST) for
// the dotnet-ws sides and raw ws for the others (--client dotnet: what npm run bench pairs).
//
// Prints per side the median server CPU per round trip, its ratio to every other side (of the medians,
// and the median of the slice-by-slice ratios), and from /proc: the main thread's and other threads' CPU,
// user and system time (100 Hz ticks) and context switches per round trip. --syscalls counts the
// server's system calls (perf stat, root); --record writes a perf profile of each server (perf record,
// with --perf-basic-prof so that JavaScript frames have names) to dir/<side>.<round>.data.
//
// What it showed (session 6, load 2 to 5, --client ws, 3 rounds): bare 0.87 to 0.93x ws's server
// CPU, bare-seed 0.93 to 0.96x, dotnet-ws 0.98 to 1.03x. Every server makes 1 read, 1 write (ws:
// writev) and 2 epoll_pwait per round trip; ~6 of ~10.5 us are the kernel's. What dotnet-ws spends above
// bare-seed (~0.5 us) is its protocol and .NET surface; the seed's shape itself costs bare-seed's
// 4 to 7% over bare. A perf profile (--record) found the short payload copy polymorphic (Buffer and
// Uint8Array on both sides), which src/protocol/masking.ts now splits in two.
import { execFileSync, fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { wsRoundTrips } from './ws-async.mjs';
import { countSyscalls } from './syscalls.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    sides: { type: 'string', default: 'ws,dotnet=dist,bare,bare-seed' },
    client: { type: 'string', default: 'ws' },
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '3' },
    slice: { type: 'string', default: '250' },
    syscalls: { type: 'boolean', default: false },
    record: { type: 'string' },
  },
});
const SLICE = Number(args.slice);
const SLICES = Math.max(2, Math.round((Number(args.duration) * 1000) / SLICE));
const MESSAGE = 'x'.repeat(32);
const TICK_US = 1e6 / 100;

const sides = args.sides.split(',').map((spec) => {
  const [name, dist] = spec.split('=');
  return { name, impl: dist === undefined ? name : 'dotnet', dist: dist === undefined ? null : path.resolve(here, '..', dist) };
});

/** Pins every thread of process `pid` to `cpus` (taskset's list form). */
function pin(pid, cpus) {
  execFileSync('taskset', ['-a', '-pc', cpus, String(pid)], { stdio: 'ignore' });
}

/** A side's server process; resolves once it listens. */
async function startServer(side) {
  const env = side.dist === null ? process.env : { ...process.env, BENCH_DIST: side.dist };
  const execArgv = ['--expose-gc', ...(args.record ? ['--perf-basic-prof'] : [])];
  const child = fork(path.join(here, 'server.mjs'), ['serve', side.impl], { env, execArgv, stdio: 'inherit' });
  const pending = new Map();
  let nextId = 1;
  child.on('message', (m) => {
    pending.get(m.id)?.(m);
    pending.delete(m.id);
  });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the ${side.name} server exited with ${code} before it listened`);
  });
  const { port } = await Promise.race([new Promise((resolve) => pending.set(0, resolve)), exited]);
  exited.catch(() => {});
  pin(child.pid, '0');
  return {
    pid: child.pid,
    url: `ws://127.0.0.1:${port}/echo`,
    ask(cmd) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        child.send({ id, cmd });
      });
    },
    async kill() {
      child.kill('SIGKILL');
      await once(child, 'exit');
    },
  };
}

/** The server's threads from /proc: main thread and other threads' CPU (ns), user/system ticks, switches. */
function procStats(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const out = { main: 0, other: 0, utime: Number(fields[11]), stime: Number(fields[12]), voluntary: 0, involuntary: 0 };
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let ns;
    try {
      ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      continue; // a thread that ended meanwhile
    }
    if (Number(tid) !== pid) {
      out.other += ns;
      continue;
    }
    out.main += ns;
    const status = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
    out.voluntary = Number(/^voluntary_ctxt_switches:\s+(\d+)/m.exec(status)[1]);
    out.involuntary = Number(/^nonvoluntary_ctxt_switches:\s+(\d+)/m.exec(status)[1]);
  }
  return out;
}

let dotnet = null;

/** Connects this side's client; returns { slice(ms), close() }. */
async function open(side) {
  const srv = await startServer(side);
  let loop;
  let close;
  if (args.client === 'ws' || side.impl !== 'dotnet') {
    const ws = new WebSocket(srv.url, { perMessageDeflate: false });
    await once(ws, 'open');
    loop = (end) => wsRoundTrips(ws, MESSAGE, end);
    close = () => ws.terminate();
  } else {
    dotnet ??= await import('./dotnet.mjs');
    const { ArraySegment } = dotnet;
    const webSocket = await dotnet.connect(srv.url);
    const message = new ArraySegment(Buffer.from(MESSAGE));
    const buffer = new Uint8Array(4096);
    loop = (end) => dotnet.seedRoundTrips(webSocket, message, buffer, end);
    close = () => webSocket.Abort();
  }
  return {
    pid: srv.pid,
    async slice(ms) {
      const p0 = procStats(srv.pid);
      const s0 = await srv.ask('stats');
      const n = await loop(performance.now() + ms);
      const s1 = await srv.ask('stats');
      const p1 = procStats(srv.pid);
      const proc = Object.fromEntries(Object.keys(p1).map((k) => [k, p1[k] - p0[k]]));
      return { n, cpu: (s1.cpu - s0.cpu) / n, proc };
    },
    async close() {
      close();
      await srv.kill();
    },
  };
}

/** Profiles `pid` (all threads, kernel included) until stop(). */
function record(pid, file) {
  const perf = spawn('perf', ['record', '-e', 'cpu-clock', '-F', '20000', '-g', '-o', file, '-p', String(pid)], { stdio: 'ignore' });
  return {
    async stop() {
      perf.kill('SIGINT');
      await once(perf, 'close');
    },
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

pin(process.pid, '1');
console.log(`server CPU per 32 B round trip, server on CPU 0, client on CPU 1; client ${args.client}; load average ${load()}`);
const runs = Object.fromEntries(sides.map((s) => [s.name, []]));
for (let round = 0; round < Number(args.rounds); round++) {
  const opened = {};
  for (const side of sides) opened[side.name] = await open(side);
  for (const side of sides) await opened[side.name].slice(SLICE);
  const watchers = sides.flatMap((s) => [
    ...(args.syscalls ? [{ side: s.name, syscalls: countSyscalls(opened[s.name].pid) }] : []),
    ...(args.record ? [{ side: s.name, profile: record(opened[s.name].pid, path.join(args.record, `${s.name}.${round}.data`)) }] : []),
  ]);
  // perf attaches within milliseconds; the servers sit idle meanwhile.
  if (watchers.length > 0) await new Promise((resolve) => setTimeout(resolve, 500));
  const first = Object.fromEntries(sides.map((s) => [s.name, runs[s.name].length]));
  for (let i = 0; i < SLICES; i++) {
    for (const side of i % 2 === 0 ? sides : [...sides].reverse()) runs[side.name].push(await opened[side.name].slice(SLICE));
  }
  for (const w of watchers) {
    if (w.profile) await w.profile.stop();
    if (!w.syscalls) continue;
    const counts = await w.syscalls.stop();
    const n = runs[w.side].slice(first[w.side]).reduce((sum, r) => sum + r.n, 0);
    const per = Object.entries(counts).map(([name, count]) => `${name} ${(count / n).toFixed(3)}`);
    console.log(`   round ${round + 1} ${w.side}: system calls per round trip: ${per.join(', ')}`);
  }
  for (const side of sides) await opened[side.name].close();
}
for (const side of sides) {
  const slices = runs[side.name];
  const cpu = median(slices.map((r) => r.cpu));
  const ratios = sides
    .filter((other) => other !== side)
    .map((other) => {
      const theirs = runs[other.name];
      const paired = median(slices.map((r, i) => r.cpu / theirs[i].cpu));
      return `/ ${other.name} ${(cpu / median(theirs.map((r) => r.cpu))).toFixed(3)} (by slice ${paired.toFixed(3)})`;
    });
  const n = slices.reduce((sum, r) => sum + r.n, 0);
  const total = (key) => slices.reduce((sum, r) => sum + r.proc[key], 0) / n;
  console.log(`${side.name.padEnd(15)} ${cpu.toFixed(2)} µs   ${ratios.join('   ')}`);
  console.log(
    `${''.padEnd(15)} main thread ${(total('main') / 1000).toFixed(2)} µs, other threads ${(total('other') / 1000).toFixed(2)} µs, ` +
      `user ${(total('utime') * TICK_US).toFixed(2)} µs, system ${(total('stime') * TICK_US).toFixed(2)} µs, ` +
      `switches ${total('voluntary').toFixed(3)} voluntary, ${total('involuntary').toFixed(3)} involuntary`,
  );
}
console.log(`load average ${load()}`);
