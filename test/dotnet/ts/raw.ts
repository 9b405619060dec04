// Raw RFC 6455 peers: a TCP peer that writes exact bytes to the WebSocket under test (a .NET or a
// dotnet-ws client or server) and logs exact bytes back: the request or response head where a case
// asks for it, and every frame (compressed ones also inflated), so what goes on the wire is compared
// as well as what the application sees.
import net from 'node:net';
import zlib from 'node:zlib';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Q } from './transcript.js';
import { TranscriptSet } from './transcripts.js';
import { acceptKey, readHead } from '../../helpers/handshake.js';
import { FrameReader } from '../../helpers/raw-frames.js';
import type { Frame } from '../../helpers/raw-frames.js';

export { acceptKey };
export type { Frame };

// ----------------------------------------------------------------------------------------------
// Frames
// ----------------------------------------------------------------------------------------------

/** One frame; a client-role peer (`mask`) masks it with a fixed key. `length` overrides the length field. */
export function frame(
  opcode: number,
  payload: Buffer | string = Buffer.alloc(0),
  o: { fin?: boolean; rsv?: number; mask?: boolean; length?: bigint; form?: 16 | 64 } = {},
): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const fin = o.fin ?? true;
  const mask = o.mask ?? false;
  const len = o.length ?? BigInt(data.length);
  const head: number[] = [(fin ? 0x80 : 0) | ((o.rsv ?? 0) << 4) | opcode];
  const maskBit = mask ? 0x80 : 0;
  let ext = Buffer.alloc(0);
  if (len < 126n && o.form === undefined) head.push(maskBit | Number(len));
  else if (len < 65536n && o.form !== 64) {
    head.push(maskBit | 126);
    ext = Buffer.alloc(2);
    ext.writeUInt16BE(Number(len));
  } else {
    head.push(maskBit | 127);
    ext = Buffer.alloc(8);
    ext.writeBigUInt64BE(len);
  }
  if (!mask) return Buffer.concat([Buffer.from(head), ext, data]);
  const key = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const masked = Buffer.from(data);
  for (let i = 0; i < masked.length; i++) masked[i]! ^= key[i % 4]!;
  return Buffer.concat([Buffer.from(head), ext, key, masked]);
}

/** A close frame payload: code and reason. */
export function closeBody(code: number, reason: string | Buffer = ''): Buffer {
  const r = typeof reason === 'string' ? Buffer.from(reason) : reason;
  const b = Buffer.alloc(2 + r.length);
  b.writeUInt16BE(code);
  r.copy(b, 2);
  return b;
}

/** A permessage-deflate payload (RFC 7692 §7.2.1): raw DEFLATE, sync-flushed, the 00 00 ff ff tail removed. */
export function deflated(data: string | Buffer): Buffer {
  const out = zlib.deflateRawSync(typeof data === 'string' ? Buffer.from(data) : data, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  return out.subarray(0, out.length - 4);
}

// ----------------------------------------------------------------------------------------------
// HTTP heads
// ----------------------------------------------------------------------------------------------

/** An HTTP/1.1 response body: by Content-Length, chunked (decoded), or up to the connection's end. */
async function readBody(socket: net.Socket, headers: Map<string, string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let done: () => void;
  const complete = new Promise<void>((r) => (done = r));
  const length = headers.get('content-length');
  const chunked = /chunked/i.test(headers.get('transfer-encoding') ?? '');
  const body = () => Buffer.concat(chunks);
  socket.on('data', (d: Buffer) => {
    chunks.push(d);
    if (length !== undefined && body().length >= Number(length)) done();
    if (chunked && body().includes('0\r\n\r\n')) done();
  });
  socket.on('close', () => done());
  if (length === '0') done!();
  await complete;
  if (!chunked) return body();
  // Decode the chunks.
  const raw = body();
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const nl = raw.indexOf('\r\n', at);
    if (nl < 0) break;
    const size = Number.parseInt(raw.subarray(at, nl).toString('latin1'), 16);
    if (!(size > 0)) break;
    out.push(raw.subarray(nl + 2, nl + 2 + size));
    at = nl + 2 + size + 2;
  }
  return Buffer.concat(out);
}

function headerMap(head: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) map.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return map;
}

/**
 * A request head as the peer logs it, line by line and byte for byte, except what varies between runs:
 * the run tag in the path, the port in Host, the random Sec-WebSocket-Key.
 */
function requestLines(head: string): string[] {
  return head.split('\r\n').map((line, i) => {
    if (i === 0) return `peer-request: ${Q(line.replace(/ \/[^ ]*\/([^/ ]+) /, ' /<run>/$1 '))}`;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : line;
    const lower = name.toLowerCase();
    let value = colon > 0 ? line.slice(colon + 1) : '';
    if (lower === 'host') value = value.replace(/:\d+$/, ':<port>');
    if (lower === 'sec-websocket-key')
      value = /^ [A-Za-z0-9+/]{22}==$/.test(value) ? ' <16 random bytes, base64>' : `${value} (NOT 16 bytes of base64)`;
    return `peer-request: ${Q(`${name}:${value}`)}`;
  });
}

/** A response head as the peer logs it: the Date value and a correct Sec-WebSocket-Accept masked. */
function responseLines(head: string, key: string): string[] {
  return head.split('\r\n').map((line, i) => {
    if (i === 0) return `peer-response: ${Q(line)}`;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : line;
    const lower = name.toLowerCase();
    let value = colon > 0 ? line.slice(colon + 1) : '';
    if (lower === 'date') value = ' <date>';
    if (lower === 'sec-websocket-accept') value = value.trim() === acceptKey(key) ? ' <correct accept>' : `${value} (WRONG)`;
    return `peer-response: ${Q(`${name}:${value}`)}`;
  });
}

// ----------------------------------------------------------------------------------------------
// The peer's side of a connection
// ----------------------------------------------------------------------------------------------

/** A frame as the peer logs it; a compressed payload only as "(compressed)" (zlib builds differ in their bytes). */
function describeFrame(f: Frame, compressed: boolean): string {
  let payload: string;
  if (f.opcode === 0x8 && f.payload.length >= 2)
    payload = `code=${f.payload.readUInt16BE(0)} reason=${Q(f.payload.subarray(2).toString('latin1'))}`;
  else if (compressed) payload = `payload=(compressed)`;
  else payload = `payload=${f.payload.length <= 32 ? f.payload.toString('hex') : `${f.payload.length} bytes`}`;
  return `opcode=${f.opcode} fin=${f.fin} rsv=${f.rsv} masked=${f.masked} ${payload}`;
}

/** What a raw case does with a connection once the handshake is done. */
export class PeerIO {
  readonly #socket: net.Socket;
  readonly #frames: FrameReader;
  readonly #lines: string[];
  /** Whether the frames we write are masked (we play the client). */
  readonly mask: boolean;
  #inflater: zlib.InflateRaw | null = null;
  #compressed: Buffer[] | null = null;

  constructor(socket: net.Socket, lines: string[], mask: boolean) {
    this.#socket = socket;
    this.#frames = new FrameReader(socket);
    this.#lines = lines;
    this.mask = mask;
  }

  log(line: string): void {
    this.#lines.push(line);
  }

  write(...frames: Buffer[]): void {
    for (const b of frames) this.#socket.write(b);
  }

  /** A frame of ours, masked when we play the client. */
  send(opcode: number, payload: Buffer | string = Buffer.alloc(0), o: { fin?: boolean; rsv?: number } = {}): void {
    this.write(frame(opcode, payload, { ...o, mask: this.mask }));
  }

  /** The next frame, logged (and the message inflated once a compressed one is complete); null at the end. */
  async next(quiet: (f: Frame) => boolean = () => false): Promise<Frame | null> {
    for (;;) {
      const f = await this.#frames.next();
      if (f === null) return null;
      if (quiet(f)) continue;
      const compressed = f.opcode === 1 || f.opcode === 2 ? (f.rsv & 4) !== 0 : f.opcode === 0 && this.#compressed !== null;
      this.log(`peer-got: ${describeFrame(f, compressed)}`);
      await this.#inflate(f);
      return f;
    }
  }

  async #inflate(f: Frame): Promise<void> {
    if ((f.opcode === 1 || f.opcode === 2) && f.rsv & 4) this.#compressed = [];
    if (this.#compressed === null || f.opcode >= 8) return;
    this.#compressed.push(f.payload);
    if (!f.fin) return;
    const data = Buffer.concat([...this.#compressed, Buffer.from([0, 0, 0xff, 0xff])]);
    this.#compressed = null;
    this.#inflater ??= zlib.createInflateRaw({ windowBits: 15 });
    const inflater = this.#inflater;
    const out = await new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      const onData = (c: Buffer) => chunks.push(c);
      const onError = (e: Error) => resolve(`inflate error ${e.message}`);
      inflater.on('data', onData);
      inflater.once('error', onError);
      inflater.write(data);
      inflater.flush(zlib.constants.Z_SYNC_FLUSH, () => {
        inflater.off('data', onData);
        inflater.off('error', onError);
        const all = Buffer.concat(chunks);
        resolve(all.length <= 32 ? `inflated=${all.toString('hex')}` : `inflated=${all.length} bytes`);
      });
    });
    this.log(`peer-got-message: ${out}`);
  }

  /** Logs every frame until the connection ends; ends our side after a close frame unless told not to. */
  async tail(o: { quiet?: (f: Frame) => boolean; answerClose?: boolean } = {}): Promise<void> {
    for (;;) {
      const f = await this.next(o.quiet);
      if (f === null) break;
      if (f.opcode === 0x8 && o.answerClose !== false) this.#socket.end();
    }
    this.log('peer-got: end of connection');
  }

  /** Ends our side of the TCP connection (FIN). */
  end(): void {
    this.#socket.end();
  }

  /** Stops reading: the socket's receive window fills and the other side's sends block. */
  stopReading(): void {
    this.#socket.removeAllListeners('data');
    this.#socket.pause();
  }

  /** Whether the other side ends the connection within `ms` (we never end it); destroys it after. */
  async endedWithin(ms: number): Promise<boolean> {
    const s = this.#socket;
    const ended =
      s.destroyed || s.readableEnded
        ? true
        : await Promise.race([
            once(s, 'end').then(() => true),
            once(s, 'close').then(() => true),
            new Promise<boolean>((r) => setTimeout(() => r(false), ms)),
          ]);
    this.#socket.destroy();
    return ended;
  }

  async closed(): Promise<void> {
    if (!this.#socket.destroyed) await once(this.#socket, 'close');
  }
}

/** Pings and pongs (keep-alive frames, whose number depends on timing). */
const control = (f: Frame) => f.opcode === 0x9 || f.opcode === 0xa;

// ----------------------------------------------------------------------------------------------
// The cases
// ----------------------------------------------------------------------------------------------

export interface RawCase {
  /** Runs once the handshake is done (default: `frames`, then the tail). */
  play?: (io: PeerIO) => Promise<void>;
  /** The frames to write; `mask` is true when the WebSocket under test is a server. */
  frames?: (mask: boolean) => Buffer[];
  /** The peer as a server: extra header lines of its 101, or 'hang' (never answer). */
  /** A raw answer, or 'hang' for none. */
  answer?: string;
  /** Log the whole request head (peer as a server) or response head (peer as a client). */
  logHead?: boolean;
  /** The peer as a client: the request to send (default: a plain upgrade) and whether it is plain HTTP. */
  request?: (host: string, path: string, key: string) => string;
  http?: boolean;
}

function upgrade(host: string, path: string, key: string, extra = ''): string {
  return `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`;
}

const framesOnly = (make: (mask: boolean) => Buffer[]): RawCase => ({ frames: make });

/** Cases for both roles: frames to a client (unmasked) or to a server (masked). */
export const rawCases: Record<string, RawCase> = {
  'empty-close': framesOnly((mask) => [frame(0x8, Buffer.alloc(0), { mask })]),
  'ping-payload': framesOnly((mask) => [
    frame(0x9, 'are you there', { mask }),
    frame(0x1, 'after ping', { mask }),
    frame(0x8, closeBody(1000, 'done'), { mask }),
  ]),
  'ping-125-bytes': framesOnly((mask) => [frame(0x9, Buffer.alloc(125, 0x70), { mask }), frame(0x8, closeBody(1000), { mask })]),
  'unsolicited-pong': framesOnly((mask) => [frame(0xa, 'unasked', { mask }), frame(0x8, closeBody(1000), { mask })]),
  'interleaved-ping': framesOnly((mask) => [
    frame(0x1, 'ab', { fin: false, mask }),
    frame(0x9, 'p', { mask }),
    frame(0x0, 'cd', { mask }),
    frame(0x8, closeBody(1000), { mask }),
  ]),
  'empty-fragments': framesOnly((mask) => [
    frame(0x1, '', { fin: false, mask }),
    frame(0x0, 'ab', { fin: false, mask }),
    frame(0x0, '', { fin: false, mask }),
    frame(0x0, '', { mask }),
    frame(0x8, closeBody(1000), { mask }),
  ]),
  'invalid-utf8': framesOnly((mask) => [frame(0x1, Buffer.from([0x68, 0x69, 0xed, 0xa0, 0x80]), { mask })]),
  'invalid-utf8-overlong': framesOnly((mask) => [frame(0x1, Buffer.from([0xc0, 0xaf]), { mask })]),
  'invalid-utf8-split': framesOnly((mask) => [
    frame(0x1, Buffer.from([0xe2, 0x82]), { fin: false, mask }),
    frame(0x0, Buffer.from([0x28]), { mask }),
  ]),
  'invalid-utf8-truncated': framesOnly((mask) => [frame(0x1, Buffer.from([0x61, 0xe2, 0x82]), { mask })]),
  'utf8-split': framesOnly((mask) => [
    frame(0x1, Buffer.from([0xe2, 0x82]), { fin: false, mask }),
    frame(0x0, Buffer.from([0xac]), { mask }),
    frame(0x8, closeBody(1000), { mask }),
  ]),
  'binary-not-validated': framesOnly((mask) => [
    frame(0x2, Buffer.from([0xff, 0xfe, 0xc0]), { mask }),
    frame(0x8, closeBody(1000), { mask }),
  ]),
  'reserved-bits': framesOnly((mask) => [frame(0x1, 'x', { rsv: 2, mask })]),
  'reserved-bit-3': framesOnly((mask) => [frame(0x2, 'x', { rsv: 1, mask })]),
  'rsv1-without-deflate': framesOnly((mask) => [frame(0x1, 'x', { rsv: 4, mask })]),
  'reserved-opcode': framesOnly((mask) => [frame(0x3, 'x', { mask })]),
  'reserved-opcode-7': framesOnly((mask) => [frame(0x7, 'x', { mask })]),
  'reserved-control-opcode': framesOnly((mask) => [frame(0xb, 'x', { mask })]),
  'reserved-control-opcode-15': framesOnly((mask) => [frame(0xf, 'x', { mask })]),
  'control-too-long': framesOnly((mask) => [frame(0x9, Buffer.alloc(126, 0x61), { mask })]),
  'pong-too-long': framesOnly((mask) => [frame(0xa, Buffer.alloc(126, 0x61), { mask })]),
  'close-too-long': framesOnly((mask) => [frame(0x8, closeBody(1000, 'r'.repeat(124)), { mask })]),
  'fragmented-control': framesOnly((mask) => [frame(0x9, 'x', { fin: false, mask })]),
  'fragmented-close': framesOnly((mask) => [frame(0x8, closeBody(1000), { fin: false, mask })]),
  'continuation-first': framesOnly((mask) => [frame(0x0, 'x', { mask })]),
  'continuation-after-final': framesOnly((mask) => [frame(0x1, 'a', { mask }), frame(0x0, 'b', { mask })]),
  'new-message-inside-fragmented': framesOnly((mask) => [frame(0x1, 'a', { fin: false, mask }), frame(0x1, 'b', { mask })]),
  'close-inside-fragmented': framesOnly((mask) => [frame(0x1, 'a', { fin: false, mask }), frame(0x8, closeBody(1000, 'mid'), { mask })]),
  'close-one-byte': framesOnly((mask) => [frame(0x8, Buffer.from([0x03]), { mask })]),
  'close-code-999': framesOnly((mask) => [frame(0x8, closeBody(999), { mask })]),
  'close-code-1004': framesOnly((mask) => [frame(0x8, closeBody(1004), { mask })]),
  'close-code-1005': framesOnly((mask) => [frame(0x8, closeBody(1005), { mask })]),
  'close-code-1006': framesOnly((mask) => [frame(0x8, closeBody(1006), { mask })]),
  'close-code-1012': framesOnly((mask) => [frame(0x8, closeBody(1012, 'restart'), { mask })]),
  'close-code-1015': framesOnly((mask) => [frame(0x8, closeBody(1015), { mask })]),
  'close-code-1016': framesOnly((mask) => [frame(0x8, closeBody(1016), { mask })]),
  'close-code-2999': framesOnly((mask) => [frame(0x8, closeBody(2999), { mask })]),
  'close-code-3000': framesOnly((mask) => [frame(0x8, closeBody(3000, 'app'), { mask })]),
  'close-code-4999': framesOnly((mask) => [frame(0x8, closeBody(4999), { mask })]),
  'close-code-5000': framesOnly((mask) => [frame(0x8, closeBody(5000), { mask })]),
  'close-invalid-utf8-reason': framesOnly((mask) => [frame(0x8, closeBody(1000, Buffer.from([0xff])), { mask })]),
  'close-reason-123-bytes': framesOnly((mask) => [frame(0x8, closeBody(1001, 'r'.repeat(123)), { mask })]),
  'data-after-close': framesOnly((mask) => [frame(0x8, closeBody(1000, 'first'), { mask }), frame(0x1, 'late', { mask })]),
  'length-16-bit': framesOnly((mask) => [
    frame(0x2, Buffer.alloc(126, 7), { mask }),
    frame(0x2, Buffer.alloc(65535, 8), { mask }),
    frame(0x8, closeBody(1000), { mask }),
  ]),
  'length-64-bit': framesOnly((mask) => [frame(0x2, Buffer.alloc(65536, 9), { mask }), frame(0x8, closeBody(1000), { mask })]),
  'length-non-minimal': framesOnly((mask) => [
    frame(0x1, 'short', { mask, form: 16 }),
    frame(0x1, 'shorter', { mask, form: 64 }),
    frame(0x8, closeBody(1000), { mask }),
  ]),
  'length-top-bit': framesOnly((mask) => [frame(0x2, Buffer.alloc(0), { mask, length: 0x8000000000000001n })]),
  'many-frames-one-write': framesOnly((mask) => [
    Buffer.concat([1, 2, 3, 4, 5].map((i) => frame(0x1, `m${i}`, { mask }))),
    frame(0x8, closeBody(1000), { mask }),
  ]),
  'eof-mid-frame': {
    play: async (io) => {
      io.write(Buffer.from([0x81, io.mask ? 0x85 : 0x05]));
      io.end();
      await io.tail();
    },
  },
  'eof-no-close': {
    play: async (io) => {
      io.send(0x1, 'bye without close');
      io.end();
      await io.tail();
    },
  },
  // A frame longer than ws's default 100 MiB message limit: 300,000 bytes of it, then the peer's FIN.
  'frame-over-100mib': {
    play: async (io) => {
      io.write(
        Buffer.concat([frame(0x2, Buffer.alloc(0), { mask: io.mask, length: 200n * 1024n * 1024n }).subarray(0, io.mask ? 14 : 10)]),
      );
      const chunk = Buffer.alloc(300_000, 0x61);
      if (io.mask) for (let i = 0; i < chunk.length; i++) chunk[i]! ^= [0x12, 0x34, 0x56, 0x78][i % 4]!;
      io.write(chunk);
      io.end();
      await io.tail();
    },
  },
  // The first fragment, then nothing until the WebSocket under test says it got it.
  'fragment-then-wait': {
    play: async (io) => {
      io.send(0x1, 'part1', { fin: false });
      await io.next();
      io.send(0x0, 'part2');
      io.send(0x8, closeBody(1000));
      await io.tail();
    },
  },
  // The close answered, but the TCP connection left open: who ends it, and how soon?
  'close-reply-keep-open': {
    play: async (io) => {
      io.send(0x8, closeBody(1000, 'bye'));
      await io.next();
      io.log(
        (await io.endedWithin(2500))
          ? 'peer: the connection ended within 2.5 s of the close handshake'
          : 'peer: the connection was still open 2.5 s after the close handshake',
      );
    },
  },
  'ping-unread': {
    play: async (io) => {
      io.send(0x9, 'p1');
      await io.next();
      await io.next();
      io.send(0x8, closeBody(1000));
      await io.tail();
    },
  },
};

/** Cases where the WebSocket under test is a client (the peer serves). */
export const rawClientCases: Record<string, RawCase> = {
  'masked-to-client': framesOnly(() => [frame(0x1, 'x', { mask: true })]),
  'request-head': { logHead: true, frames: () => [frame(0x8, closeBody(1000))] },
  'request-head-options': { logHead: true, answer: 'Sec-WebSocket-Protocol: chat\r\n', frames: () => [frame(0x8, closeBody(1000))] },
  'keepalive-pong': {
    play: async (io) => {
      await io.next();
      await io.next();
      io.send(0x8, closeBody(1000));
      await io.tail({ quiet: control });
    },
  },
  'keepalive-ping': {
    play: async (io) => {
      for (let i = 0; i < 2; i++) {
        const f = await io.next();
        if (f?.opcode === 0x9) io.send(0xa, f.payload);
      }
      io.send(0x8, closeBody(1000));
      await io.tail({ quiet: control });
    },
  },
  'keepalive-timeout': { play: (io) => io.tail() },
  'keepalive-off': {
    play: async (io) => {
      await new Promise((r) => setTimeout(r, 400));
      io.send(0x8, closeBody(1000));
      await io.tail();
    },
  },
  'hang-handshake': { answer: 'hang' },
  'no-close-reply': { play: (io) => io.tail({ answerClose: false }) },
  'no-close-reply-receive': { play: (io) => io.tail({ answerClose: false }) },
  'no-read': {
    play: async (io) => {
      io.stopReading();
      io.log('peer: not reading');
      await io.closed();
      io.log('peer: connection closed');
    },
  },
  'deflate-offer-default': {
    logHead: true,
    answer: 'Sec-WebSocket-Extensions: permessage-deflate\r\n',
    play: deflatePlay,
  },
  'deflate-answer-no-context-takeover': {
    logHead: true,
    answer: 'Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; client_no_context_takeover\r\n',
    play: deflatePlay,
  },
  'deflate-offer-options': {
    logHead: true,
    answer:
      'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=9; server_max_window_bits=10; client_no_context_takeover; server_no_context_takeover\r\n',
    play: deflatePlay,
  },
  'deflate-answer-unoffered': { answer: 'Sec-WebSocket-Extensions: x-webkit-deflate-frame\r\n', play: (io) => io.tail() },
  'deflate-answer-bad-bits': {
    answer: 'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=20\r\n',
    play: (io) => io.tail(),
  },
  'deflate-unasked': {
    answer: 'Sec-WebSocket-Extensions: permessage-deflate\r\n',
    frames: () => [frame(0x1, 'plain'), frame(0x8, closeBody(1000))],
  },
};

/** Compressed and plain messages, then a close; the WebSocket under test echoes them. */
async function deflatePlay(io: PeerIO): Promise<void> {
  io.send(0x1, deflated('hello hello hello hello'), { rsv: 4 });
  io.send(0x2, Buffer.from([1, 2, 3]));
  // One compressed message split across two frames: RSV1 on the first only.
  const message = deflated('fragmented fragmented fragmented');
  const half = message.length >> 1;
  io.send(0x1, message.subarray(0, half), { rsv: 4, fin: false });
  io.send(0x0, message.subarray(half));
  io.send(0x8, closeBody(1000));
  await io.tail();
}

/** Cases where the WebSocket under test is a server (the peer connects). */
export const rawServerCases: Record<string, RawCase> = {
  'unmasked-to-server': framesOnly(() => [frame(0x1, 'x', { mask: false }), frame(0x8, closeBody(1000), { mask: true })]),
  'response-head': { logHead: true, frames: (mask) => [frame(0x8, closeBody(1000), { mask })] },
  'get-ws-route': { http: true, request: (host, path) => `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n` },
  'get-missing': { http: true, request: (host, path) => `GET ${path}/no/such/path HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n` },
  'get-plain': {
    http: true,
    request: (host, path) => `GET ${path.replace(/[^/]+$/, 'plain')} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
  },
  'upgrade-version-8': { http: true, request: (host, path, key) => upgrade(host, path, key).replace('Version: 13', 'Version: 8') },
  'upgrade-no-key': { http: true, request: (host, path, key) => upgrade(host, path, key).replace(/Sec-WebSocket-Key: .*\r\n/, '') },
  'upgrade-post': {
    http: true,
    request: (host, path, key) => upgrade(host, path, key).replace('GET ', 'POST ').replace('\r\n\r\n', '\r\nContent-Length: 0\r\n\r\n'),
  },
  'keepalive-server-pong': {
    play: async (io) => {
      await io.next();
      await io.next();
      io.send(0x8, closeBody(1000));
      await io.tail({ quiet: control });
    },
  },
  'keepalive-server-ping': {
    play: async (io) => {
      for (let i = 0; i < 2; i++) {
        const f = await io.next();
        if (f?.opcode === 0x9) io.send(0xa, f.payload);
      }
      io.send(0x8, closeBody(1000));
      await io.tail({ quiet: control });
    },
  },
  'keepalive-server-timeout': { play: (io) => io.tail() },
  ...Object.fromEntries(
    (
      [
        ['deflate-default', 'permessage-deflate; client_max_window_bits'],
        ['deflate-client-no-context-takeover', 'permessage-deflate; client_no_context_takeover'],
        ['deflate-client-max-window-bits', 'permessage-deflate; client_max_window_bits=10'],
        ['deflate-server-max-window-bits', 'permessage-deflate; server_max_window_bits=10'],
        ['deflate-server-options', 'permessage-deflate; client_max_window_bits'],
        [
          'deflate-server-options-net-offer',
          'permessage-deflate; client_max_window_bits=10; client_no_context_takeover; server_max_window_bits=12; server_no_context_takeover',
        ],
        ['deflate-bad-offer', 'permessage-deflate; server_max_window_bits=20'],
        ['deflate-unknown-extension', 'x-webkit-deflate-frame'],
        ['deflate-two-offers', 'permessage-deflate; server_max_window_bits=8, permessage-deflate'],
        ['deflate-not-enabled', 'permessage-deflate; client_max_window_bits'],
      ] as const
    ).map(([name, offer]) => [
      name,
      {
        logHead: true,
        request: (host: string, path: string, key: string) => upgrade(host, path, key, `Sec-WebSocket-Extensions: ${offer}\r\n`),
        play: deflatePlay,
      } satisfies RawCase,
    ]),
  ),
};

// ----------------------------------------------------------------------------------------------
// Running them
// ----------------------------------------------------------------------------------------------

async function play(c: RawCase, io: PeerIO): Promise<void> {
  if (c.play) return c.play(io);
  io.write(...(c.frames?.(io.mask) ?? []));
  await io.tail();
}

export interface RawServer {
  url: string;
  transcripts: TranscriptSet;
  stop(): Promise<void>;
}

/** A server that plays `raw-<case>` (the last path segment) to the client under test. */
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
      const path = head.split(' ')[1] ?? '';
      const key = path.replace(/^\//, '');
      const name = path.slice(path.lastIndexOf('/') + 1).replace(/^raw-/, '');
      const lines = transcripts.open(key);
      const c = rawCases[name] ?? rawClientCases[name];
      if (!c) {
        lines.push(`peer: unknown case ${name}`);
        socket.destroy();
      } else {
        if (c.logHead) lines.push(...requestLines(head));
        if (c.answer === 'hang') {
          lines.push('peer: not answering the upgrade');
          if (!socket.destroyed) await once(socket, 'close');
          lines.push('peer-got: end of connection');
        } else {
          const h = headerMap(head);
          socket.write(
            `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey(h.get('sec-websocket-key') ?? '')}\r\n${c.answer ?? ''}\r\n`,
          );
          await play(c, new PeerIO(socket, lines, false));
        }
      }
      transcripts.end(key);
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

/** Connects to the server under test at `<base>/raw-<case>` and plays the case; the peer's transcript. */
export async function runRawClient(base: string, name: string, timeoutMs = 10_000, pathname?: string): Promise<string[]> {
  const url = new URL(pathname ? `${base}${pathname}` : `${base}/${name}`);
  const c = rawCases[name.replace(/^raw-/, '')] ?? rawServerCases[name.replace(/^raw-/, '')];
  const lines: string[] = [];
  if (!c) return [`peer: unknown case ${name}`];
  const socket = net.connect(Number(url.port), url.hostname);
  socket.on('error', () => {});
  const timer = setTimeout(() => {
    lines.push('peer: timeout');
    socket.destroy();
  }, timeoutMs);
  try {
    await once(socket, 'connect');
    const key = randomBytes(16).toString('base64');
    const host = `${url.hostname}:${url.port}`;
    socket.write(c.request ? c.request(host, url.pathname, key) : upgrade(host, url.pathname, key));
    const head = await readHead(socket);
    if (c.logHead || c.http) lines.push(...responseLines(head, key));
    else
      lines.push(
        `peer-response: ${head.split('\r\n')[0]!.split(' ')[1]} accept-ok=${headerMap(head).get('sec-websocket-accept') === acceptKey(key)}`,
      );
    if (c.http) {
      lines.push(`peer-body: ${Q((await readBody(socket, headerMap(head))).toString('latin1'))}`);
    } else if (head.startsWith('HTTP/1.1 101')) {
      await play(c, new PeerIO(socket, lines, true));
    } else {
      socket.end();
    }
  } catch (e) {
    lines.push(`peer: ${(e as Error).message}`);
  } finally {
    clearTimeout(timer);
    socket.destroy();
  }
  return lines;
}
