// The seed's 4 KiB ReceiveAsync loop under a flood, measured in the receiving process alone:
// `node bench/receive-loop.mjs [--mb 400] [--reps 4] [--buffer 4096] [--ws]`.
//
// A forked raw sender (no library: an upgrade request, then pre-masked 64 KiB binary frames written as
// fast as the socket takes them, then a close frame) floods an HTTP server here. dotnet-ws answers the
// upgrade by hand and runs the seed's loop over WebSocket.CreateFromStream (its own 4 KiB buffer,
// `while (!receiveResult.CloseStatus.HasValue)`); with --ws, raw ws (handleUpgrade, its 'message' event)
// takes a turn too. Prints, per run, the receiver's CPU per MB, its GC count and pause time, and
// throughput. With BENCH_DIST=/path/to/other/dist the runs alternate between ../dist (A) and that build
// (B) in one process, so that an A/B comparison shares the machine's load. Run the receiver with
// `node --max-semi-space-size=1 --min-semi-space-size=1` to make the scavenge count a measure of the
// bytes allocated per MB; `--trace-gc` shows the mark-compacts (see the note above bench/run.mjs's c2s()).
// A gain here is a hint, not a result: check it in `npm run bench -- --only c2s`, where the receiver is
// the host and a change that allocates less measured worse (see the note above bench/run.mjs's c2s()).
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { WebSocketServer } from 'ws';

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
    socket.write(
      'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    // The 101's header, then nothing until the receiver's close frame.
    let response = '';
    while (!response.includes('\r\n\r\n')) response += (await once(socket, 'data'))[0].toString('latin1');
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
      ws: { type: 'boolean', default: false },
    },
  });
  const load = (dist) => import(new URL('index.js', dist).href);
  const sides = [['A', await load(new URL('../dist/', import.meta.url))]];
  if (process.env.BENCH_DIST) sides.push(['B', await load(pathToFileURL(`${process.env.BENCH_DIST.replace(/\/$/, '')}/`))]);
  if (args.ws) sides.push(['ws', null]);

  let gcCount = 0;
  let gcMs = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcCount++;
      gcMs += e.duration;
    }
  }).observe({ entryTypes: ['gc'] });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 0 });
  let onUpgrade = null;
  const server = http.createServer();
  server.on('upgrade', (req, socket, head) => onUpgrade(req, socket, head));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const sender = fork(fileURLToPath(import.meta.url), ['sender', String(server.address().port)]);
  await once(sender, 'message');

  /** Counts from the first byte received to the peer's close: receiver CPU, GCs, time. */
  const meter = () => {
    const c0 = process.cpuUsage();
    const g0 = gcCount;
    const gm0 = gcMs;
    const t0 = performance.now();
    return (bytes) => {
      const c = process.cpuUsage(c0);
      const mb = bytes / MB;
      return {
        mb,
        cpuPerMB: (c.user + c.system) / mb,
        gcPer100MB: ((gcCount - g0) / mb) * 100,
        gcMs: gcMs - gm0,
        mbps: mb / ((performance.now() - t0) / 1000),
      };
    };
  };

  /** dotnet-ws: the seed's loop over the upgraded socket. */
  const dotnetSide = (lib, resolve, reject) => async (req, socket, head) => {
    try {
      const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
      );
      if (head.length > 0) socket.unshift(head);
      const webSocket = lib.WebSocket.CreateFromStream(socket, Object.assign(new lib.WebSocketCreationOptions(), { IsServer: true }));
      const buffer = new Uint8Array(Number(args.buffer));
      const None = lib.CancellationToken.None;
      let bytes = 0;
      const stop = meter();
      let receiveResult = await webSocket.ReceiveAsync(new lib.ArraySegment(buffer), None);
      while (!receiveResult.CloseStatus.HasValue) {
        bytes += receiveResult.Count;
        receiveResult = await webSocket.ReceiveAsync(new lib.ArraySegment(buffer), None);
      }
      const r = stop(bytes);
      await webSocket.CloseAsync(receiveResult.CloseStatus.Value, receiveResult.CloseStatusDescription, None);
      resolve(r);
    } catch (err) {
      reject(err);
    }
  };

  /** Raw ws: its event API, counting each message. */
  const wsSide = (resolve) => (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      let bytes = 0;
      const stop = meter();
      ws.on('message', (data) => (bytes += data.length));
      ws.on('close', () => resolve(stop(bytes)));
    });
  };

  const results = Object.fromEntries(sides.map(([name]) => [name, []]));
  for (let rep = 0; rep < Number(args.reps); rep++) {
    for (const [name, lib] of rep % 2 === 0 ? sides : [...sides].reverse()) {
      const done = new Promise((resolve, reject) => {
        onUpgrade = lib === null ? wsSide(resolve) : dotnetSide(lib, resolve, reject);
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
  wss.close();
}
