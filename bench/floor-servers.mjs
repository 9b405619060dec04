// Two probes for bench/rtt-server.mjs: how little a Node.js WebSocket echo server can spend per 32-byte
// round trip through the documented socket API ('data' events in, socket.write out), with and without the
// seed's code shape. Not WebSocket servers: each takes the socket over from ws after its handshake and
// reads only what the benchmark sends (one masked text frame under 126 bytes per read), so no library can
// come in under them; they tell what part of a server's CPU the library's code could still save.
//
//   rtt-floor       the echo written inside the 'data' event (as ws's event API answers)
//   rtt-floor-seed  the seed's shape: a loop awaiting one promise per message received (made in the 'data'
//                   event, as a ReceiveAsync is) and an already resolved one per send (as a SendAsync
//                   whose write the kernel took at once)
// (bench/server.mjs's bare and bare-seed are the idle scenarios' floor, for memory: their echo allocates
// freely, so they are no floor for CPU.)
import http from 'node:http';
import { WebSocketServer } from 'ws';

const RESOLVED = Promise.resolve();

/** Starts a probe on 127.0.0.1 (any free port); `stats.msgs` counts the echoes. */
export function startFloorServer({ stats, shape }) {
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, clientTracking: false });
  server.on('upgrade', (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, () => {
      // ws's own reading stops: the probe reads the frames itself.
      socket.removeAllListeners('data');
      if (shape === 'rtt-floor-seed') seedShaped(socket, stats);
      else socket.on('data', (chunk) => echo(socket, chunk, stats));
    }),
  );
  return new Promise((resolve) =>
    server.listen({ port: 0, host: '127.0.0.1' }, () =>
      resolve({ port: server.address().port, close: () => new Promise((r) => server.close(() => r())) }),
    ),
  );
}

/** Answers one masked text frame of under 126 bytes with the same text, unmasked. */
function echo(socket, chunk, stats) {
  const length = chunk[1] & 0x7f;
  const frame = Buffer.allocUnsafe(2 + length);
  frame[0] = 0x81;
  frame[1] = length;
  for (let i = 0; i < length; i++) frame[2 + i] = chunk[6 + i] ^ chunk[2 + (i & 3)];
  stats.msgs++;
  socket.write(frame);
}

/** The seed's loop over the same frames: an awaited receive into its own buffer, an awaited send. */
function seedShaped(socket, stats) {
  const buffer = new Uint8Array(4096);
  let waiting = null;
  socket.on('data', (chunk) => {
    const length = chunk[1] & 0x7f;
    for (let i = 0; i < length; i++) buffer[i] = chunk[6 + i] ^ chunk[2 + (i & 3)];
    const resolve = waiting;
    waiting = null;
    resolve?.({ Count: length, EndOfMessage: true, CloseStatus: { HasValue: false } });
  });
  const receive = () => new Promise((resolve) => (waiting = resolve));
  const send = (count) => {
    const frame = Buffer.allocUnsafe(2 + count);
    frame[0] = 0x81;
    frame[1] = count;
    for (let i = 0; i < count; i++) frame[2 + i] = buffer[i];
    socket.write(frame);
    return RESOLVED;
  };
  void (async () => {
    let receiveResult = await receive();
    while (!receiveResult.CloseStatus.HasValue) {
      stats.msgs++;
      await send(receiveResult.Count);
      receiveResult = await receive();
    }
  })();
}
