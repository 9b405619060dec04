// What a 32-byte round trip costs each process when both share one CPU, counted rather than timed:
// `node bench/rtt-counts.mjs [--n 200000] [--cpu 1] [--pairs ws:ws,ws:dotnet,dotnet:ws,dotnet:dotnet] [--reps 1]`.
//
// Each pair is server:client, each end raw ws (its event API, answering inside its 'message' event) or
// dotnet-ws in the seed's shape (bench/dotnet.mjs: WebApplication + app.Map + AcceptWebSocketAsync,
// ClientWebSocket; every SendAsync and ReceiveAsync awaited), in two fresh processes pinned to one CPU
// (taskset). After 20,000 round trips of warm-up the client makes `n` more, and for each process this
// prints, per round trip: its CPU time (all threads, /proc/<pid>/task/*/schedstat), its context switches
// (/proc: voluntary = it blocked in epoll_wait; involuntary = the peer its write woke took the CPU), and,
// where `perf` can read the syscall tracepoints (root), its system calls (read, write/writev, epoll_pwait,
// epoll_ctl, futex). Counts do not depend on the machine's load; CPU time does, so compare CPU only
// between pairs run alternately (--reps), and say the load (printed) beside it.
//
// What it showed (session 5, load 4 to 8): every pair makes 1 read, 1 write (ws: 1 writev) and about 1.55
// epoll_pwait per process per round trip, no epoll_ctl, ~0.02 futex (V8's GC helper threads), and about
// one switch per process per round trip, ~55% voluntary and ~45% preempted right after its write; the
// extra half epoll_pwait is libuv's zero-timeout poll before it blocks (Node measures loop idle time),
// which a process preempted at its write skips. ws and dotnet-ws do not differ in any of these.
import { execFileSync, fork } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WebSocket, WebSocketServer } from 'ws';
import { countSyscalls } from './syscalls.mjs';

const here = fileURLToPath(import.meta.url);
const WARMUP = 20_000;
const MESSAGE = 'x'.repeat(32);

const [role, impl, port] = process.argv.slice(2);
if (role === 'serve') await serve(impl);
else if (role === 'client') await client(impl, Number(port));
else await main();

/** Child: an echo server on 127.0.0.1 (raw ws, or dotnet-ws's WebApplication); sends the parent its port. */
async function serve(kind) {
  if (kind === 'ws') {
    const server = http.createServer();
    const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, clientTracking: false });
    server.on('upgrade', (req, socket, head) =>
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on('error', () => {});
        ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
      }),
    );
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    process.send({ port: server.address().port });
    return;
  }
  const dotnet = await import('./dotnet.mjs');
  const { port: listening } = await dotnet.startServer({ stats: { msgs: 0, conns: 0, bytes: 0 } });
  process.send({ port: listening });
}

/** Child: connects, warms up, then makes `n` round trips each time the parent says 'go'. */
async function client(kind, serverPort) {
  const url = `ws://127.0.0.1:${serverPort}/echo`;
  let roundTrips;
  if (kind === 'ws') {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    await once(ws, 'open');
    roundTrips = (n) =>
      new Promise((resolve) => {
        let done = 0;
        const onMessage = () => {
          if (++done < n) ws.send(MESSAGE);
          else {
            ws.off('message', onMessage);
            resolve();
          }
        };
        ws.on('message', onMessage);
        ws.send(MESSAGE);
      });
  } else {
    const { ArraySegment, CancellationToken, WebSocketMessageType, connect } = await import('./dotnet.mjs');
    const None = CancellationToken.None;
    const webSocket = await connect(url);
    const message = new ArraySegment(Buffer.from(MESSAGE));
    const buffer = new Uint8Array(4 * 1024);
    roundTrips = async (n) => {
      for (let i = 0; i < n; i++) {
        await webSocket.SendAsync(message, WebSocketMessageType.Text, true, None);
        let receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), None);
        while (!receiveResult.EndOfMessage) receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), None);
      }
    };
  }
  await roundTrips(WARMUP);
  process.on('message', async ({ n }) => {
    const t0 = performance.now();
    await roundTrips(n);
    process.send({ ms: performance.now() - t0 });
  });
  process.send({ ready: true });
}

/** CPU time (ns) and context switches of every thread of `pid`. */
function snapshot(pid) {
  let ns = 0;
  let voluntary = 0;
  let involuntary = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    const status = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
    voluntary += Number(/^voluntary_ctxt_switches:\s+(\d+)/m.exec(status)[1]);
    involuntary += Number(/^nonvoluntary_ctxt_switches:\s+(\d+)/m.exec(status)[1]);
  }
  return { ns, voluntary, involuntary };
}

/** Whether `perf stat` can count the syscall tracepoints here. */
function canTrace() {
  try {
    const out = execFileSync('perf', ['stat', '-x,', '-e', 'syscalls:sys_enter_read', '--', 'true'], { encoding: 'utf8', stdio: 'pipe' });
    return !out.includes('not supported');
  } catch {
    return false;
  }
}

async function main() {
  const { values: args } = parseArgs({
    options: {
      n: { type: 'string', default: '200000' },
      cpu: { type: 'string', default: '1' },
      pairs: { type: 'string', default: 'ws:ws,ws:dotnet,dotnet:ws,dotnet:dotnet' },
      reps: { type: 'string', default: '1' },
    },
  });
  const n = Number(args.n);
  const trace = canTrace();
  console.log(
    `${n} round trips of 32 B text per pair (server:client), both processes on CPU ${args.cpu}; ` +
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; syscalls ${trace ? 'counted (perf)' : 'not counted (no perf)'}`,
  );
  for (let rep = 0; rep < Number(args.reps); rep++) {
    for (const pair of args.pairs.split(',')) {
      const [serverKind, clientKind] = pair.split(':');
      const server = fork(here, ['serve', serverKind], { stdio: 'inherit' });
      const [{ port: serverPort }] = await once(server, 'message');
      execFileSync('taskset', ['-a', '-pc', args.cpu, String(server.pid)], { stdio: 'ignore' });
      const client = fork(here, ['client', clientKind, String(serverPort)], { stdio: 'inherit' });
      execFileSync('taskset', ['-a', '-pc', args.cpu, String(client.pid)], { stdio: 'ignore' });
      await once(client, 'message');
      const tracers = trace ? [countSyscalls(server.pid), countSyscalls(client.pid)] : null;
      // perf attaches within milliseconds; the processes sit idle meanwhile.
      if (trace) await new Promise((resolve) => setTimeout(resolve, 500));
      const before = [snapshot(server.pid), snapshot(client.pid)];
      client.send({ n });
      const [{ ms }] = await once(client, 'message');
      const after = [snapshot(server.pid), snapshot(client.pid)];
      const syscalls = tracers ? await Promise.all(tracers.map((t) => t.stop())) : null;
      const per = (v) => (v / n).toFixed(3);
      const rows = ['server', 'client'].map((side, i) => {
        const cpu = (after[i].ns - before[i].ns) / 1000 / n;
        const calls = syscalls
          ? Object.entries(syscalls[i])
              .filter(([, c]) => c > 0)
              .map(([k, c]) => `${k} ${per(c)}`)
          : [];
        return (
          `   ${side} ${(side === 'server' ? serverKind : clientKind).padEnd(6)} CPU ${cpu.toFixed(2)} µs, ` +
          `switches voluntary ${per(after[i].voluntary - before[i].voluntary)} involuntary ${per(after[i].involuntary - before[i].involuntary)}` +
          (calls.length > 0 ? `; ${calls.join(', ')}` : '')
        );
      });
      console.log(`${pair}: ${Math.round(n / (ms / 1000))} rt/s\n${rows.join('\n')}`);
      client.kill();
      server.kill();
      await Promise.all([once(client, 'exit'), once(server, 'exit')]);
    }
  }
}
