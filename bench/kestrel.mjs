// The .NET 10 peers of `npm run bench`, when `dotnet` (with ASP.NET Core 10) is on PATH: the question a
// port asks is how it compares with the C# it replaces. Two more sides:
//   kestrel  Kestrel (test/dotnet/Bench.cs: UseWebSockets, app.Map routes running the seed's
//            ReceiveAsync/SendAsync loop) as the server, with this process's ws client (the 'ws' side's
//            client) — the server row;
//   net      .NET's ClientWebSocket (its own process) against that Kestrel — the C# program end to end,
//            beside dotnet-ws's ClientWebSocket against its WebApplication.
// Both run the defaults of an ASP.NET Core 10 app (server GC). Processes inherit this process's CPU
// affinity as the Node children do; BENCH_DOTNET_SERVER_CPUS / BENCH_DOTNET_CLIENT_CPUS (taskset lists) pin
// them explicitly when the other sides are pinned. The protocol with the .NET processes: one request
// line "<id> <command> [arg]", one JSON answer line with the same id (test/dotnet/Bench.cs).
import { execFileSync, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { WebSocket } from 'ws';
import { wsRoundTrips } from './ws-async.mjs';
import { buildOracle, dotnetEnv, unusable } from '../test/dotnet/build.mjs';

const KB = 1024;
const MiB = 1024 * 1024;
const MB = 1e6;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The sides this module adds, when .NET 10 is there. */
export const DOTNET_SIDES = ['kestrel', 'net'];

/** Labels for the output. */
export const DOTNET_LABELS = {
  kestrel: 'ws client → Kestrel (ASP.NET Core 10)',
  net: '.NET ClientWebSocket → Kestrel (the C# program)',
};

let available;
/** Why the .NET peers cannot run (null: they can); builds the oracle once. */
export async function dotnetPeersUnavailable() {
  available ??= (async () => {
    const why = await unusable();
    if (why) return why;
    await buildOracle();
    return null;
  })();
  return available;
}

function hasTaskset() {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** `dotnet Oracle.dll args…`, under `taskset -c cpus` when a CPU list is given. */
async function spawnOracle(args, cpus) {
  const dll = await buildOracle();
  const [cmd, argv] = cpus && hasTaskset() ? ['taskset', ['-c', cpus, 'dotnet', dll, ...args]] : ['dotnet', [dll, ...args]];
  const child = spawn(cmd, argv, { env: dotnetEnv, stdio: ['pipe', 'pipe', 'inherit'] });
  const pending = new Map();
  let nextId = 1;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  createInterface({ input: child.stdout }).on('line', (line) => {
    let m;
    try {
      m = JSON.parse(line);
    } catch {
      return;
    }
    pending.get(m.id)?.(m);
    pending.delete(m.id);
  });
  const first = new Promise((resolve, reject) => {
    pending.set(0, resolve);
    exited.then((code) => reject(new Error(`dotnet ${args.join(' ')} exited with ${code}`)));
  });
  return {
    first,
    ask(cmd, arg = '') {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        child.stdin.write(`${id} ${cmd}${arg === '' ? '' : ` ${arg}`}\n`);
      });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin.end();
        const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Kestrel with the benchmark's routes, answering 'stats', 'mem' and 'source' as bench/server.mjs does:
 * the same shape as run.mjs's startServer(side).
 */
export async function startKestrelServer(payload = 64 * KB) {
  const child = await spawnOracle(['bench-server', '--payload', String(payload)], process.env.BENCH_DOTNET_SERVER_CPUS);
  const { port } = await child.first;
  return {
    first: Promise.resolve({ port }),
    ask: (cmd, extra = {}) => child.ask(cmd, cmd === 'source' ? (extra.on ? 'on' : 'off') : ''),
    kill: () => child.kill(),
    url: (p) => `ws://127.0.0.1:${port}${p}`,
  };
}

/** .NET's ClientWebSocket connected to `url`, running `mode` (rtt, c2s, s2c) on request. */
async function startNetClient(url, mode) {
  const child = await spawnOracle(['bench-client', url, mode], process.env.BENCH_DOTNET_CLIENT_CPUS);
  await child.first;
  return child;
}

/** CPU time of this process, µs. */
function cpuNow() {
  const c = process.cpuUsage();
  return c.user + c.system;
}

function result(units, ms, cpuClient, cpuServer) {
  return { value: units / (ms / 1000), cpu: (cpuClient + cpuServer) / units };
}

function openWs(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/**
 * One side of a sliced scenario (rtt, c2s, s2c) for bench/run.mjs's sliced(): { slice(ms), close() },
 * measured as the other sides are (a slice's rate and the CPU both processes spent per unit). `warmupMs`
 * of unmeasured traffic first lets .NET's tiered JIT reach its optimised code, as a running server has.
 */
export async function openDotnetSide(scenario, side, warmupMs = 0) {
  const s = await openSide(scenario, side);
  if (warmupMs > 0) await s.slice(warmupMs);
  return s;
}

async function openSide(scenario, side) {
  const srv = await startKestrelServer();
  const path = { rtt: '/echo', c2s: '/sink', s2c: '/source' }[scenario];
  if (side === 'net') {
    const client = await startNetClient(srv.url(path), scenario);
    let sentBefore = 0;
    return {
      async slice(ms) {
        const s0 = await srv.ask('stats');
        const t0 = performance.now();
        if (scenario === 'rtt') {
          const r = await client.ask('rtt', String(ms));
          const s1 = await srv.ask('stats');
          return result(r.n, r.ms, r.cpu, s1.cpu - s0.cpu);
        }
        if (scenario === 'c2s') {
          // `sent` is cumulative; a slice lasts until the server has read everything sent in it.
          const r = await client.ask('c2s', String(ms));
          const bytes = r.sent - sentBefore;
          sentBefore = r.sent;
          let s1;
          do s1 = await srv.ask('stats');
          while (s1.bytes < r.sent);
          return result(bytes / MB, performance.now() - t0, r.cpu, s1.cpu - s0.cpu);
        }
        // s2c: the server streams while switched on; the slice lasts until the client has all of it.
        const c0 = await client.ask('count');
        const on = await srv.ask('source', { on: true });
        await sleep(ms);
        const off = await srv.ask('source', { on: false });
        let c1;
        do c1 = await client.ask('count');
        while (c1.received < off.bytes);
        return result((c1.received - c0.received) / MB, performance.now() - t0, c1.cpu - c0.cpu, off.cpu - on.cpu);
      },
      async close() {
        await client.kill();
        await srv.kill();
      },
    };
  }
  // kestrel: this process's ws client, written as the 'ws' side writes it.
  const ws = await openWs(srv.url(path));
  ws.on('error', () => {});
  let received = 0;
  let target = Infinity;
  let reached = null;
  if (scenario === 's2c') {
    ws.on('message', (data) => {
      received += data.length;
      if (received >= target) reached?.();
    });
  }
  const msg = 'x'.repeat(32);
  const payload = Buffer.alloc(64 * KB, 0xab);
  let sent = 0;
  return {
    async slice(ms) {
      const s0 = await srv.ask('stats');
      const c0 = cpuNow();
      const t0 = performance.now();
      if (scenario === 'rtt') {
        const end = t0 + ms;
        const n = await wsRoundTrips(ws, msg, end);
        const t1 = performance.now();
        const c1 = cpuNow();
        const s1 = await srv.ask('stats');
        return result(n, t1 - t0, c1 - c0, s1.cpu - s0.cpu);
      }
      if (scenario === 'c2s') {
        const sent0 = sent;
        const end = t0 + ms;
        await new Promise((resolve) => {
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
        let s1;
        do s1 = await srv.ask('stats');
        while (s1.bytes < sent);
        return result((sent - sent0) / MB, performance.now() - t0, cpuNow() - c0, s1.cpu - s0.cpu);
      }
      const received0 = received;
      const on = await srv.ask('source', { on: true });
      await sleep(ms);
      const off = await srv.ask('source', { on: false });
      target = off.bytes;
      if (received < target) await new Promise((resolve) => (reached = resolve));
      reached = null;
      return result((received - received0) / MB, performance.now() - t0, cpuNow() - c0, off.cpu - on.cpu);
    },
    async close() {
      ws.terminate();
      await srv.kill();
    },
  };
}
