// Raw RFC 6455 peers for the differential suite: they write exact frames to the WebSocket under test (a
// Mono or a dotnet-ws client or server) and log every frame they get back, so what goes on the wire is
// compared too. Frames are built and read with ../../helpers/peers.ts.
import net from 'node:net';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { closeBody, frame, FrameReader } from '../../helpers/peers.js';
import type { Frame } from '../../helpers/peers.js';
import { acceptKey, headers, newKey, readHead, switchingProtocols, upgradeRequest } from '../../helpers/handshake.js';
import { Q } from './transcript.js';
import { TranscriptSet } from './transcripts.js';

/** What a raw peer writes for case `raw-<name>`; `mask` is true when the WebSocket under test is a server. */
export const rawCases: Record<string, (mask: boolean) => Buffer[]> = {
  'empty-close': (mask) => [frame(0x8, Buffer.alloc(0), { mask })],
  'ping-payload': (mask) => [frame(0x9, 'are you there', { mask }), frame(0x1, 'after ping', { mask }), frame(0x8, closeBody(1000, 'done'), { mask })],
  'unsolicited-pong': (mask) => [frame(0xa, 'unasked', { mask }), frame(0x8, closeBody(1000), { mask })],
  'interleaved-ping': (mask) => [
    frame(0x1, 'ab', { fin: false, mask }),
    frame(0x9, 'p', { mask }),
    frame(0x0, 'cd', { mask }),
    frame(0x8, closeBody(1000), { mask }),
  ],
  'invalid-utf8': (mask) => [frame(0x1, Buffer.from([0x68, 0x69, 0xed, 0xa0, 0x80]), { mask })],
  'invalid-utf8-split': (mask) => [frame(0x1, Buffer.from([0xe2, 0x82]), { fin: false, mask }), frame(0x0, Buffer.from([0x28]), { mask })],
  'utf8-split': (mask) => [frame(0x1, Buffer.from([0xe2, 0x82]), { fin: false, mask }), frame(0x0, Buffer.from([0xac]), { mask }), frame(0x8, closeBody(1000), { mask })],
  'reserved-bits': (mask) => [frame(0x1, 'x', { rsv: 2, mask })],
  'reserved-opcode': (mask) => [frame(0x3, 'x', { mask })],
  'reserved-control-opcode': (mask) => [frame(0xb, 'x', { mask })],
  'control-too-long': (mask) => [frame(0x9, Buffer.alloc(126, 0x61), { mask })],
  'fragmented-control': (mask) => [frame(0x9, 'x', { fin: false, mask })],
  'continuation-first': (mask) => [frame(0x0, 'x', { mask })],
  'new-message-inside-fragmented': (mask) => [frame(0x1, 'a', { fin: false, mask }), frame(0x1, 'b', { mask })],
  'close-one-byte': (mask) => [frame(0x8, Buffer.from([0x03]), { mask })],
  'close-code-999': (mask) => [frame(0x8, closeBody(999), { mask })],
  'close-code-1005': (mask) => [frame(0x8, closeBody(1005), { mask })],
  'close-code-1016': (mask) => [frame(0x8, closeBody(1016), { mask })],
  'close-code-2999': (mask) => [frame(0x8, closeBody(2999), { mask })],
  'close-code-3000': (mask) => [frame(0x8, closeBody(3000, 'app'), { mask })],
  'close-code-4999': (mask) => [frame(0x8, closeBody(4999), { mask })],
  'close-code-5000': (mask) => [frame(0x8, closeBody(5000), { mask })],
  'close-invalid-utf8-reason': (mask) => [frame(0x8, Buffer.concat([closeBody(1000), Buffer.from([0xff])]), { mask })],
  'close-reason-123-bytes': (mask) => [frame(0x8, closeBody(1001, 'r'.repeat(123)), { mask })],
  'length-16-bit': (mask) => [frame(0x2, Buffer.alloc(126, 7), { mask }), frame(0x2, Buffer.alloc(65535, 8), { mask }), frame(0x8, closeBody(1000), { mask })],
  'length-64-bit': (mask) => [frame(0x2, Buffer.alloc(65536, 9), { mask }), frame(0x8, closeBody(1000), { mask })],
};

/** Which raw cases run against which role: a masked frame is only wrong for a client. */
export const rawClientOnly: Record<string, (mask: boolean) => Buffer[]> = {
  'masked-to-client': () => [frame(0x1, 'x', { mask: true })],
};

function describeFrame(f: Frame): string {
  const payload =
    f.opcode === 0x8 && f.payload.length >= 2
      ? `code=${f.payload.readUInt16BE(0)} reason=${Q(f.payload.subarray(2).toString('latin1'))}`
      : `payload=${f.payload.length <= 32 ? f.payload.toString('hex') : `${f.payload.length} bytes`}`;
  return `opcode=${f.opcode} fin=${f.fin} rsv=${f.rsv} masked=${f.masked} ${payload}`;
}

/** Writes the case's frames, then logs every frame until the connection ends; ends our side after a close frame. */
async function play(socket: net.Socket, bytes: Buffer[], lines: string[]): Promise<void> {
  const frames = new FrameReader(socket);
  socket.on('error', () => {});
  for (const b of bytes) socket.write(b);
  for (;;) {
    const f = await frames.next();
    if (f === null) break;
    lines.push(`peer-got: ${describeFrame(f)}`);
    if (f.opcode === 0x8) socket.end();
  }
  lines.push('peer-got: end of connection');
}

export interface RawServer {
  url: string;
  transcripts: TranscriptSet;
  stop(): Promise<void>;
}

/** A server that plays `raw-<case>` (by request path) to the client under test. */
export async function startRawServer(): Promise<RawServer> {
  const transcripts = new TranscriptSet();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    void (async () => {
      const head = await readHead(socket).catch(() => null);
      if (head === null) return;
      const name = head.split(' ')[1]!.slice(1);
      const cases = { ...rawCases, ...rawClientOnly };
      const make = cases[name.replace(/^raw-/, '')];
      const lines = transcripts.open(name);
      if (!make) {
        lines.push(`peer: unknown case ${name}`);
        socket.destroy();
      } else {
        socket.write(switchingProtocols(head));
        await play(socket, make(false), lines);
      }
      transcripts.end(name);
    })();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    transcripts,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

/** Connects to the server under test at `<url>/raw-<case>` and plays the case; the peer's transcript. */
export async function runRawClient(url: string, name: string): Promise<string[]> {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  socket.on('error', () => {});
  await once(socket, 'connect');
  const key = newKey();
  const request = upgradeRequest(`/${name}`, { host: `${hostname}:${port}`, key });
  socket.write(request);
  const head = await readHead(socket);
  const lines = [`peer-response: ${head.split('\r\n')[0]!.split(' ')[1]} accept-ok=${headers(head).get('sec-websocket-accept') === acceptKey(key)}`];
  await play(socket, rawCases[name.replace(/^raw-/, '')]!(true), lines);
  socket.destroy();
  return lines;
}
