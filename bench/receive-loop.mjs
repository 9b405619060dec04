// The seed's 4 KiB ReceiveAsync loop under a flood, measured in the receiving process alone:
// `node bench/receive-loop.mjs [--mb 400] [--reps 4]`.
//
// A forked raw sender (no library: pre-masked 64 KiB binary frames written as fast as the socket takes
// them) floods a WebSocket.CreateFromStream server socket whose handler is the seed's loop (its own 4 KiB
// buffer, `while (!receiveResult.CloseStatus.HasValue)`). Prints, per run, the receiver's CPU per MB, its
// GC count and pause time, and throughput. With BENCH_DIST=/path/to/other/dist the runs alternate between
// ../dist (A) and that build (B) in one process, so that an A/B comparison shares the machine's load.
// Run the receiver with `node --max-semi-space-size=1 --min-semi-space-size=1` to make the scavenge
// count a measure of bytes allocated per MB.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const KB = 1024;
const MB = 1e6;

if (process.argv[2] === 'sender') {
  // Child: connect, then flood `mb` MB of 64 KiB masked binary frames and a close frame, per 'go'.
  const port = Number(process.argv[3]);
  const frame = Buffer.alloc(14 + 64 * KB, 0x5a);
  frame[0] = 0x82;
  frame[1] = 0x80 | 127;
  frame.writeBigUInt64BE(BigInt(64 * KB), 2);
  frame.writeUInt32BE(0x12345678, 10);
  const batch = Buffer.concat(Array.from({ length: 16 }, () => frame));
  const close = Buffer.from([0x88, 0x82, 0, 0, 0, 0, 0x03, 0xe8]);
  process.on('message', async ({ mb }) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    await once(socket, 'connect');
    socket.on('error', () => {});
    socket.on('data', () => {});
    const total = mb * MB;
    for (let sent = 0; sent < total; sent += batch.length - 16 * 14) {
      if (!socket.write(batch)) await once(socket, 'drain');
    }
    socket.write(close);
    socket.end();
  });
  process.send('ready');
} else {
  const { values: args } = parseArgs({
    options: {
      mb: { type: 'string', default: '400' },
      reps: { type: 'string', default: '4' },
      buffer: { type: 'string', default: '4096' },
    },
  });
  const load = (dist) => import(new URL('index.js', dist).href);
  const sides = [['A', await load(new URL('../dist/', import.meta.url))]];
  if (process.env.BENCH_DIST) sides.push(['B', await load(pathToFileURL(`${process.env.BENCH_DIST.replace(/\/$/, '')}/`))]);

  let gcCount = 0;
  let gcMs = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcCount++;
      gcMs += e.duration;
    }
  }).observe({ entryTypes: ['gc'] });

  let onSocket = null;
  const server = net.createServer((socket) => onSocket(socket));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const sender = fork(fileURLToPath(import.meta.url), ['sender', String(server.address().port)]);
  await once(sender, 'message');

  const results = Object.fromEntries(sides.map(([name]) => [name, []]));
  for (let rep = 0; rep < Number(args.reps); rep++) {
    for (const [name, lib] of rep % 2 === 0 ? sides : [...sides].reverse()) {
      const done = new Promise((resolve, reject) => {
        onSocket = async (socket) => {
          try {
            const webSocket = lib.WebSocket.CreateFromStream(socket, Object.assign(new lib.WebSocketCreationOptions(), { IsServer: true }));
            const buffer = new Uint8Array(Number(args.buffer));
            const None = lib.CancellationToken.None;
            let bytes = 0;
            const c0 = process.cpuUsage();
            const g0 = gcCount;
            const gm0 = gcMs;
            const t0 = performance.now();
            let receiveResult = await webSocket.ReceiveAsync(new lib.ArraySegment(buffer), None);
            while (!receiveResult.CloseStatus.HasValue) {
              bytes += receiveResult.Count;
              receiveResult = await webSocket.ReceiveAsync(new lib.ArraySegment(buffer), None);
            }
            const t1 = performance.now();
            const c = process.cpuUsage(c0);
            await webSocket.CloseAsync(receiveResult.CloseStatus.Value, receiveResult.CloseStatusDescription, None);
            const mb = bytes / MB;
            resolve({
              mb,
              cpuPerMB: (c.user + c.system) / mb,
              gcPer100MB: ((gcCount - g0) / mb) * 100,
              gcMs: gcMs - gm0,
              mbps: mb / ((t1 - t0) / 1000),
            });
          } catch (err) {
            reject(err);
          }
        };
      });
      sender.send({ mb: Number(args.mb) });
      const r = await done;
      results[name].push(r);
      console.log(
        `${name} rep ${rep}: ${r.mb.toFixed(0)} MB, CPU ${r.cpuPerMB.toFixed(0)} µs/MB, ${r.gcPer100MB.toFixed(1)} GCs/100 MB (${r.gcMs.toFixed(0)} ms), ${r.mbps.toFixed(0)} MB/s`,
      );
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const [name, rs] of Object.entries(results)) {
    console.log(
      `${name} median: CPU ${median(rs.map((r) => r.cpuPerMB)).toFixed(0)} µs/MB, ${median(rs.map((r) => r.gcPer100MB)).toFixed(1)} GCs/100 MB, ${median(rs.map((r) => r.mbps)).toFixed(0)} MB/s`,
    );
  }
  sender.kill();
  server.close();
}
