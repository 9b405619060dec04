// The floor: the least any Node.js library could keep and spend per upgraded WebSocket connection, through
// the documented socket API ('data' events in, socket.write out). No ws, no dotnet-ws: a plain http server
// whose 'upgrade' handler validates nothing, writes a correct 101 and keeps the socket as ws does (no
// delay, half-open off), with one 'data', one 'error' and one 'close' listener, each a function shared by
// every socket (any library has to learn of the close; here it counts the connection out). It is no
// WebSocket server: it answers only what the benchmark sends, masked frames of under 126 bytes, each
// read whole, with the same payload unmasked.
//
//   bare       the echo written inside the 'data' event (as ws's event API answers)
//   bare-seed  plus what the seed's code keeps and does per connection, whatever the library: its own
//              `new Uint8Array(4096)` and a loop suspended in an awaited receive (a promise per message,
//              made in the 'data' event as a ReceiveAsync is), each echo sent through an awaited, already
//              resolved promise (a SendAsync whose write the kernel took at once)
//
// The idle scenarios of bench/run.mjs run both as memory floors; bench/rtt-server.mjs runs them as CPU
// floors for 32-byte round trips.
import { createHash } from 'node:crypto';
import http from 'node:http';

/** RFC 6455 §1.3: the GUID a server appends to Sec-WebSocket-Key before hashing it. */
const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
/** A bare-seed connection's pending receive (its promise's resolve), kept on the socket. */
const kReceive = Symbol('receive');
const RESOLVED = Promise.resolve();

/** Starts the floor on 127.0.0.1 (any free port); `stats.conns` counts open connections, `stats.msgs` echoes. */
export function startBareServer({ stats, seedShape, backlog = 4096 }) {
  const server = http.createServer();
  function onData(chunk) {
    if (seedShape) this[kReceive](chunk);
    else echoFrames(this, chunk, chunk, stats);
  }
  function onError() {
    // The close that follows counts the connection out.
  }
  function onClose() {
    stats.conns--;
    if (seedShape) this[kReceive](null);
  }
  server.on('upgrade', (req, socket) => {
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}${WS_GUID}`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    socket.setNoDelay();
    // http's server sockets allow half-open connections; this one ends when its peer does, as ws's do.
    socket.allowHalfOpen = false;
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('close', onClose);
    stats.conns++;
    if (seedShape) seedSession(socket, stats);
  });
  return new Promise((resolve) =>
    server.listen({ port: 0, host: '127.0.0.1', backlog }, () =>
      resolve({ port: server.address().port, close: () => new Promise((r) => server.close(() => r())) }),
    ),
  );
}

/** The seed's loop on the floor: its own 4 KiB buffer, an awaited receive per chunk, an awaited send. */
async function seedSession(socket, stats) {
  const buffer = new Uint8Array(4096);
  let chunk = await receive(socket);
  while (chunk !== null) {
    echoFrames(socket, chunk, buffer, stats);
    await RESOLVED;
    chunk = await receive(socket);
  }
}

function receive(socket) {
  return new Promise((resolve) => (socket[kReceive] = resolve));
}

/**
 * Sends back each masked frame with a payload under 126 bytes that `chunk` holds whole, unmasked: through
 * `buffer` first when it is not `chunk` (the seed's receive into its own buffer), then into a frame of its
 * own. Anything else is dropped.
 */
function echoFrames(socket, chunk, buffer, stats) {
  let at = 0;
  while (at + 6 <= chunk.length) {
    const length = chunk[at + 1] & 0x7f;
    if (length > 125 || !(chunk[at + 1] & 0x80) || at + 6 + length > chunk.length) return;
    const frame = Buffer.allocUnsafe(2 + length);
    frame[0] = chunk[at];
    frame[1] = length;
    if (buffer === chunk) {
      for (let i = 0; i < length; i++) frame[2 + i] = chunk[at + 6 + i] ^ chunk[at + 2 + (i & 3)];
    } else {
      for (let i = 0; i < length; i++) buffer[i] = chunk[at + 6 + i] ^ chunk[at + 2 + (i & 3)];
      for (let i = 0; i < length; i++) frame[2 + i] = buffer[i];
    }
    stats.msgs++;
    socket.write(frame);
    at += 6 + length;
  }
}
