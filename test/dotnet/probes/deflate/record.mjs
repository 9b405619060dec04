// Records .NET 10's permessage-deflate behaviour into test/fixtures/deflate-negotiation.json:
//   server   raw HTTP upgrade requests with a table of Sec-WebSocket-Extensions offers to a Kestrel app
//            (Program.cs `server`); the 101's header, byte for byte, and the parameters the accepted
//            ManagedWebSocket was built with.
//   client   ClientWebSocket with DangerousDeflateOptions against the raw server below, which answers with
//            a table of response headers: the offer .NET sent, the parameters it agreed or what it threw.
//   send     the frames .NET writes for compressed messages (empty, fragmented, DisableCompression).
//   receive  the ReceiveAsync results .NET gives for compressed frames the raw server writes.
//
// Run from the repository root: node test/dotnet/probes/deflate/record.mjs   (needs `dotnet` on PATH)
import { spawn, execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import net from 'node:net';
import zlib from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, '../../../fixtures/deflate-negotiation.json');

// ---------------------------------------------------------------------------------------------------------
// Tables.
// ---------------------------------------------------------------------------------------------------------
const serverSettings = [
  { serverContextTakeover: true, serverMaxWindowBits: 15 },
  { serverContextTakeover: false, serverMaxWindowBits: 15 },
  { serverContextTakeover: true, serverMaxWindowBits: 10 },
  { serverContextTakeover: false, serverMaxWindowBits: 9 },
];

/** Request header lines (each array is one request; several entries are several header lines). */
const offers = [
  null,
  ['permessage-deflate'],
  ['permessage-deflate; client_max_window_bits'],
  ['permessage-deflate; client_max_window_bits=10'],
  ['permessage-deflate; client_max_window_bits=9'],
  ['permessage-deflate; client_max_window_bits=15'],
  ['permessage-deflate; client_max_window_bits=8'],
  ['permessage-deflate; client_max_window_bits=7'],
  ['permessage-deflate; client_max_window_bits=16'],
  ['permessage-deflate; client_max_window_bits="12"'],
  ['permessage-deflate; client_max_window_bits= 12'],
  ['permessage-deflate; client_max_window_bits = 12'],
  ['permessage-deflate; client_max_window_bits=+12'],
  ['permessage-deflate; client_max_window_bits=012'],
  ['permessage-deflate; client_max_window_bits='],
  ['permessage-deflate; client_max_window_bits=abc'],
  ['permessage-deflate; client_max_window_bits="'],
  ['permessage-deflate; client_max_window_bitsX=11'],
  ['permessage-deflate; server_max_window_bits'],
  ['permessage-deflate; server_max_window_bits=12'],
  ['permessage-deflate; server_max_window_bits=9'],
  ['permessage-deflate; server_max_window_bits=15'],
  ['permessage-deflate; server_max_window_bits=8'],
  ['permessage-deflate; server_max_window_bits="11"'],
  ['permessage-deflate; client_no_context_takeover'],
  ['permessage-deflate; server_no_context_takeover'],
  ['permessage-deflate; client_no_context_takeover; client_no_context_takeover'],
  ['permessage-deflate; server_no_context_takeover; server_no_context_takeover'],
  ['permessage-deflate; server_max_window_bits=10; server_max_window_bits=11'],
  ['permessage-deflate; client_max_window_bits; client_max_window_bits=10'],
  ['permessage-deflate; client_max_window_bits=11; client_no_context_takeover; server_no_context_takeover; server_max_window_bits=10'],
  ['permessage-deflate; server_max_window_bits=10; client_no_context_takeover; client_max_window_bits=11'],
  ['permessage-deflate; client_no_context_takeover; client_max_window_bits; server_no_context_takeover; server_max_window_bits'],
  ['permessage-deflate; client_no_context_takeover=true'],
  ['permessage-deflate; CLIENT_NO_CONTEXT_TAKEOVER'],
  ['permessage-deflate; foo'],
  ['permessage-deflate; foo=bar; client_no_context_takeover'],
  ['permessage-deflate;client_no_context_takeover;server_max_window_bits=11'],
  ['permessage-deflate ; client_no_context_takeover'],
  ['permessage-deflate;\tclient_no_context_takeover'],
  ['permessage-deflate; ; client_no_context_takeover'],
  ['permessage-deflate;'],
  ['permessage-deflatex; client_no_context_takeover'],
  ['Permessage-Deflate; client_no_context_takeover'],
  ['x-webkit-deflate-frame'],
  ['foo, permessage-deflate; client_max_window_bits=10'],
  ['permessage-deflate; client_max_window_bits=8, permessage-deflate; client_max_window_bits=10'],
  ['permessage-deflate; server_max_window_bits=8, permessage-deflate; server_no_context_takeover, permessage-deflate'],
  ['permessage-deflate; client_no_context_takeover, permessage-deflate'],
  ['permessage-deflate; foo="a,b"; client_no_context_takeover'],
  ['"permessage-deflate; client_no_context_takeover"'],
  ['permessage-deflate; client_max_window_bits=8', 'permessage-deflate; server_no_context_takeover'],
  ['x-foo', 'permessage-deflate; client_max_window_bits'],
  [''],
  [', , permessage-deflate'],
];

const clientSettings = [
  { clientMaxWindowBits: 15, clientContextTakeover: true, serverMaxWindowBits: 15, serverContextTakeover: true },
  { clientMaxWindowBits: 10, clientContextTakeover: false, serverMaxWindowBits: 12, serverContextTakeover: false },
  { clientMaxWindowBits: 9, clientContextTakeover: true, serverMaxWindowBits: 15, serverContextTakeover: false },
  { clientMaxWindowBits: 15, clientContextTakeover: false, serverMaxWindowBits: 9, serverContextTakeover: true },
];

/** Response header lines the raw server answers with (null: no Sec-WebSocket-Extensions at all). */
const responses = [
  null,
  ['permessage-deflate'],
  ['permessage-deflate; client_max_window_bits=10'],
  ['permessage-deflate; client_max_window_bits=9'],
  ['permessage-deflate; client_max_window_bits=15'],
  ['permessage-deflate; client_max_window_bits=16'],
  ['permessage-deflate; client_max_window_bits=8'],
  ['permessage-deflate; client_max_window_bits'],
  ['permessage-deflate; client_max_window_bits="10"'],
  ['permessage-deflate; client_max_window_bits = 10'],
  ['permessage-deflate; client_max_window_bits=+10'],
  ['permessage-deflate; client_max_window_bits=abc'],
  ['permessage-deflate; server_max_window_bits=12'],
  ['permessage-deflate; server_max_window_bits=9'],
  ['permessage-deflate; server_max_window_bits=13'],
  ['permessage-deflate; server_max_window_bits=15'],
  ['permessage-deflate; server_max_window_bits'],
  ['permessage-deflate; server_max_window_bits=8'],
  ['permessage-deflate; client_no_context_takeover'],
  ['permessage-deflate; server_no_context_takeover'],
  ['permessage-deflate; server_max_window_bits=10; server_max_window_bits=12'],
  ['permessage-deflate;server_no_context_takeover;client_no_context_takeover'],
  ['permessage-deflate; client_max_window_bits=10; client_no_context_takeover; server_max_window_bits=9; server_no_context_takeover'],
  ['permessage-deflate; foo'],
  ['permessage-deflate; SERVER_NO_CONTEXT_TAKEOVER'],
  ['  permessage-deflate; server_no_context_takeover'],
  ['permessage-deflatex; server_no_context_takeover'],
  ['Permessage-Deflate; server_no_context_takeover'],
  ['x-foo, permessage-deflate'],
  ['permessage-deflate, x-foo'],
  ['permessage-deflate; server_max_window_bits=10, permessage-deflate'],
  ['x-foo', 'permessage-deflate; server_no_context_takeover'],
  ['permessage-deflate; server_no_context_takeover', 'permessage-deflate; server_max_window_bits=abc'],
  [''],
];

// ---------------------------------------------------------------------------------------------------------
// Frames.
// ---------------------------------------------------------------------------------------------------------
function frame(opcode, payload, { fin = true, rsv1 = false } = {}) {
  const len = payload.length;
  const head = len < 126 ? Buffer.alloc(2) : len < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  head[0] = (fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode;
  if (len < 126) head[1] = len;
  else if (len < 65536) {
    head[1] = 126;
    head.writeUInt16BE(len, 2);
  } else {
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(len), 2);
  }
  return Buffer.concat([head, payload]);
}

/** Parses whole frames off the front of `buf`; returns [frames, rest]. */
function parseFrames(buf) {
  const frames = [];
  for (;;) {
    if (buf.length < 2) break;
    let len = buf[1] & 0x7f;
    let off = 2;
    if (len === 126) {
      if (buf.length < 4) break;
      len = buf.readUInt16BE(2);
      off = 4;
    } else if (len === 127) {
      if (buf.length < 10) break;
      len = Number(buf.readBigUInt64BE(2));
      off = 10;
    }
    const masked = (buf[1] & 0x80) !== 0;
    const mask = masked ? buf.subarray(off, off + 4) : null;
    if (masked) off += 4;
    if (buf.length < off + len) break;
    const payload = Buffer.from(buf.subarray(off, off + len));
    if (mask) for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
    frames.push({ fin: (buf[0] & 0x80) !== 0, rsv1: (buf[0] & 0x40) !== 0, opcode: buf[0] & 0x0f, payload });
    buf = buf.subarray(off + len);
  }
  return [frames, buf];
}

const acceptKey = (key) =>
  createHash('sha1')
    .update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11')
    .digest('base64');

/** Ends with a sync flush: 00 00 ff ff, no BFINAL block (deflateRawSync would otherwise finish the stream). */
const syncFlushed = (text) => zlib.deflateRawSync(Buffer.from(text), { finishFlush: zlib.constants.Z_SYNC_FLUSH });

/** One message's payload: sync-flushed, the 00 00 ff ff tail stripped (RFC 7692 §7.2.1). */
function compress(text) {
  const out = syncFlushed(text);
  return out.subarray(0, out.length - 4);
}

/** What the raw server writes after the 101 in each receive scenario (then a close 1000). */
const receiveScenarios = {
  'r-small-buffer': { bufferSize: 4, frames: () => [frame(1, compress('hello world'), { rsv1: true })] },
  'r-exact-buffer': { bufferSize: 11, frames: () => [frame(1, compress('hello world'), { rsv1: true })] },
  'r-one-byte-frames': {
    bufferSize: 64,
    frames: () => {
      const c = compress('hello world');
      return [...c].map((b, i) => frame(i === 0 ? 1 : 0, Buffer.from([b]), { fin: i === c.length - 1, rsv1: i === 0 }));
    },
  },
  'r-unstripped-fragment': {
    bufferSize: 64,
    frames: () => {
      // A non-final fragment keeps its 00 00 ff ff; the final one is stripped (RFC 7692 §7.2.1).
      return [frame(1, syncFlushed('abcabc'), { fin: false, rsv1: true }), frame(0, compress('xyz'), { fin: true })];
    },
  },
  'r-empty-frame-then-message': {
    bufferSize: 64,
    frames: () => [frame(2, Buffer.alloc(0), { rsv1: true }), frame(1, compress('abc'), { rsv1: true })],
  },
  'r-empty-block-then-message': {
    bufferSize: 64,
    frames: () => [frame(2, Buffer.from([0]), { rsv1: true }), frame(1, compress('abc'), { rsv1: true })],
  },
  'r-bfinal-then-message': {
    bufferSize: 64,
    frames: () => [frame(1, zlib.deflateRawSync(Buffer.from('hello')), { rsv1: true }), frame(1, compress('world'), { rsv1: true })],
  },
  'r-mixed': {
    bufferSize: 64,
    frames: () => [frame(1, Buffer.from('plain')), frame(1, compress('zipped'), { rsv1: true })],
  },
  'r-rsv1-on-continuation': {
    bufferSize: 64,
    frames: () => [frame(1, syncFlushed('ab'), { fin: false, rsv1: true }), frame(0, compress('cd'), { rsv1: true })],
  },
  'r-invalid-data': { bufferSize: 64, frames: () => [frame(2, Buffer.from([0xff, 0xff, 0xff, 0xff]), { rsv1: true })] },
  'r-large': { bufferSize: 4096, frames: () => [frame(1, compress('abcdefghij'.repeat(1000)), { rsv1: true })] },
};

// ---------------------------------------------------------------------------------------------------------
// Kestrel side: raw upgrade requests.
// ---------------------------------------------------------------------------------------------------------
function upgrade(port, settings, lines) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const query = `takeover=${settings.serverContextTakeover ? 1 : 0}&bits=${settings.serverMaxWindowBits}`;
    let request =
      `GET /ws?${query} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
      `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n`;
    for (const line of lines ?? []) request += `Sec-WebSocket-Extensions: ${line}\r\n`;
    socket.write(request + '\r\n');
    let buf = Buffer.alloc(0);
    let head = null;
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      if (head === null) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const text = buf.subarray(0, end).toString('latin1').split('\r\n');
        buf = buf.subarray(end + 4);
        const status = Number(text[0].split(' ')[1]);
        const extensions = text
          .slice(1)
          .filter((l) => /^sec-websocket-extensions:/i.test(l))
          .map((l) => l.slice(l.indexOf(':') + 1).replace(/^ /, ''));
        head = { status, response: extensions.length === 0 ? null : extensions.length === 1 ? extensions[0] : extensions };
        if (status !== 101) {
          socket.destroy();
          resolve({ ...head, parameters: null });
          return;
        }
      }
      const [frames] = parseFrames(buf);
      if (frames.length > 0) {
        socket.destroy();
        resolve({ ...head, parameters: JSON.parse(frames[0].payload.toString()) });
      }
    });
    socket.on('error', reject);
  });
}

// ---------------------------------------------------------------------------------------------------------
// ClientWebSocket side: a raw server scripted by the case id in the request path.
// ---------------------------------------------------------------------------------------------------------
function rawServer(cases, seen) {
  const server = net.createServer((socket) => {
    let buf = Buffer.alloc(0);
    let c = null;
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      if (c === null) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
        buf = buf.subarray(end + 4);
        const id = lines[0].split(' ')[1].slice(1);
        c = cases.get(id);
        const header = (name) =>
          lines
            .slice(1)
            .filter((l) => l.toLowerCase().startsWith(name + ':'))
            .map((l) => l.slice(name.length + 1).trim());
        seen.set(id, { offer: header('sec-websocket-extensions'), frames: [] });
        let response =
          'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
          `Sec-WebSocket-Accept: ${acceptKey(header('sec-websocket-key')[0])}\r\n`;
        for (const line of c.response ?? []) response += `Sec-WebSocket-Extensions: ${line}\r\n`;
        socket.write(response + '\r\n');
        if (c.kind === 'receive') {
          for (const f of receiveScenarios[c.id].frames()) socket.write(f);
          socket.write(frame(8, Buffer.from([0x03, 0xe8])));
        }
      }
      const [frames, rest] = parseFrames(buf);
      buf = rest;
      for (const f of frames) {
        seen.get(c.id).frames.push({ fin: f.fin, rsv1: f.rsv1, opcode: f.opcode, payload: f.payload.toString('hex') });
        if (f.opcode === 8) {
          if (c.kind === 'send') socket.write(frame(8, Buffer.from([0x03, 0xe8])));
          socket.end();
        }
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function lines(child) {
  const rl = createInterface({ input: child.stdout });
  const queue = [];
  let wake = null;
  rl.on('line', (l) => {
    queue.push(l);
    wake?.();
  });
  return async () => {
    while (queue.length === 0) await new Promise((r) => (wake = r));
    return queue.shift();
  };
}

// ---------------------------------------------------------------------------------------------------------
// Run.
// ---------------------------------------------------------------------------------------------------------
execFileSync('dotnet', ['build', '-c', 'Release', '--nologo', '-v', 'q'], { cwd: here, stdio: 'inherit' });
const dll = join(here, 'bin/Release/net10.0/DeflateProbe.dll');

const kestrel = spawn('dotnet', [dll, 'server'], { stdio: ['ignore', 'pipe', 'inherit'] });
const next = lines(kestrel);
const port = Number((await next()).split(' ')[1]);
const runtime = (await next()).slice('RUNTIME '.length);
const serverTable = [];
for (const settings of serverSettings) {
  for (const offer of offers) {
    if (process.env.DEBUG) console.log(settings, offer);
    serverTable.push({ offer, settings, ...(await upgrade(port, settings, offer)) });
  }
}
kestrel.kill();

const cases = new Map();
let n = 0;
for (const settings of clientSettings) {
  for (const response of responses) {
    const id = `c${n++}`;
    cases.set(id, { id, kind: 'connect', settings, response });
  }
}
const defaults = clientSettings[0];
cases.set('send', { id: 'send', kind: 'send', settings: defaults, response: ['permessage-deflate'] });
cases.set('send-no-context-takeover', {
  id: 'send-no-context-takeover',
  kind: 'send',
  settings: { ...defaults, clientContextTakeover: false },
  response: ['permessage-deflate; client_no_context_takeover'],
});
for (const [id, s] of Object.entries(receiveScenarios)) {
  cases.set(id, { id, kind: 'receive', settings: defaults, response: ['permessage-deflate'], bufferSize: s.bufferSize });
}
const seen = new Map();
const server = await rawServer(cases, seen);
const dir = mkdtempSync(join(tmpdir(), 'deflate-probe-'));
writeFileSync(join(dir, 'cases.json'), JSON.stringify([...cases.values()]));
const client = spawn('dotnet', [dll, 'client', String(server.address().port), join(dir, 'cases.json')], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const read = lines(client);
const outcomes = new Map();
for (let i = 0; i < cases.size; i++) {
  const { id, outcome } = JSON.parse(await read());
  outcomes.set(id, outcome);
}
server.close();

const byKind = (kind) => [...cases.values()].filter((c) => c.kind === kind);
const out = {
  recordedWith: runtime,
  recordedBy: 'test/dotnet/probes/deflate/record.mjs',
  server: serverTable,
  clientOffers: clientSettings.map((settings) => ({
    settings,
    offer: seen.get([...cases.values()].find((c) => c.settings === settings).id).offer,
  })),
  client: byKind('connect').map((c) => ({ settings: c.settings, response: c.response, outcome: outcomes.get(c.id) })),
  send: [...cases.values()]
    .filter((c) => c.kind === 'send')
    .map((c) => ({ id: c.id, settings: c.settings, response: c.response, outcome: outcomes.get(c.id), frames: seen.get(c.id).frames })),
  receive: byKind('receive').map((c) => ({
    id: c.id,
    bufferSize: c.bufferSize,
    sent: receiveScenarios[c.id].frames().map((f) => f.toString('hex')),
    outcome: outcomes.get(c.id),
    framesFromClient: seen.get(c.id).frames,
  })),
};
// One row per line: small, and a re-recording diffs row by row.
const rows = Object.entries(out).map(([key, value]) =>
  Array.isArray(value)
    ? `  ${JSON.stringify(key)}: [\n${value.map((row) => '    ' + JSON.stringify(row)).join(',\n')}\n  ]`
    : `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
);
writeFileSync(fixture, `{\n${rows.join(',\n')}\n}\n`);
console.log(`wrote ${fixture}: ${serverTable.length} server rows, ${out.client.length} client rows`);
