// What a server's start-up leaves alive in V8's young generation:
// `node --expose-gc --min-semi-space-size=64 bench/startup-young.mjs [ws|dotnet]` (default dotnet).
//
// V8 doubles the young generation once the bytes surviving its scavenges since the last doubling exceed
// its size, and a larger young generation keeps more 64 KiB socket reads alive between scavenges (see the
// note above c2s() in bench/run.mjs). A server's start-up feeds that count with everything its imports,
// its build, its listen and its first connection leave alive. With a semi-space of 64 MiB nothing is
// collected while the process starts, so after each stage one minor collection (gc({ type: 'minor' }))
// tells, deterministically, how many bytes the stage allocated in the young generation and how many of
// them are still alive; the next minor collection promotes those, so each stage counts only its own.
// Stages, as bench/server.mjs goes: ws imported (the bench's server always has it), the library imported
// (dotnet: dist/lib/dotnet-ws.js, or BENCH_DIST's), the server listening on 127.0.0.1 port 0 with one
// route, and a first connection open (a ws client in this process). Run `npm run build` first.
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';

const side = process.argv[2] ?? 'dotnet';
const dist = process.env.BENCH_DIST ? pathToFileURL(`${process.env.BENCH_DIST.replace(/\/$/, '')}/`) : new URL('../dist/', import.meta.url);
const KiB = 1024;

if (typeof globalThis.gc !== 'function' || !process.execArgv.some((a) => a.startsWith('--min-semi-space-size'))) {
  throw new Error('run with node --expose-gc --min-semi-space-size=64 bench/startup-young.mjs');
}

/** Bytes in use in the young generation. */
function youngUsed() {
  return v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_used_size;
}

/** Prints what the stage just ended allocated in the young generation, and what of it survives. */
function stage(name) {
  const allocated = youngUsed();
  globalThis.gc({ type: 'minor' });
  const alive = youngUsed();
  console.log(
    `${side.padEnd(6)} ${name.padEnd(24)} allocated ${(allocated / KiB).toFixed(0).padStart(5)} KiB, alive ${(alive / KiB).toFixed(0).padStart(4)} KiB`,
  );
}

globalThis.gc({ type: 'minor' });
globalThis.gc({ type: 'minor' });
const { WebSocket, WebSocketServer } = await import('ws');
stage('ws imported');
let port;
if (side === 'ws') {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => wss.once('listening', resolve));
  wss.on('connection', (socket) => socket.on('message', () => {}));
  port = wss.address().port;
} else {
  const { WebApplication } = await import(new URL('lib/dotnet-ws.js', dist).href);
  stage('library imported');
  const app = WebApplication.Create();
  app.UseWebSockets();
  app.Map('/sink', async (context) => {
    const webSocket = await context.WebSockets.AcceptWebSocketAsync();
    await webSocket.ReceiveAsync(new Uint8Array(4 * KiB), undefined);
  });
  await app.listen(0, '127.0.0.1');
  port = Number(new URL([...app.Urls][0]).port);
}
stage('listening');
const client = new WebSocket(`ws://127.0.0.1:${port}/sink`, { perMessageDeflate: false });
await new Promise((resolve) => client.once('open', resolve));
await new Promise((resolve) => setTimeout(resolve, 50));
stage('first connection open');
process.exit(0);
