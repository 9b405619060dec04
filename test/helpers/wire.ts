// A raw TCP peer that records the exact frames dotnet-ws puts on the wire (FIN, RSV1–3, opcode, MASK, the
// masking key and the unmasked payload), does its side of the opening handshake itself, and writes frames
// by hand. It sees only the wire and drives dotnet-ws only through its public API (WebApplication,
// WebSocket.CreateFromStream, ClientWebSocket), so it judges any engine under them alike.
import net from 'node:net';
import { once } from 'node:events';
import zlib from 'node:zlib';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebApplication } from '../../src/Microsoft.AspNetCore.Builder/WebApplication.js';
import { WebSocketOptions } from '../../src/Microsoft.AspNetCore.Builder/WebSocketOptions.js';
import { WebSocketAcceptContext } from '../../src/Microsoft.AspNetCore.Http/WebSocketAcceptContext.js';
import { TimeSpan } from '../../src/System/TimeSpan.js';
import { Uri } from '../../src/System/Uri.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import { ClientWebSocket } from '../../src/System.Net.WebSockets/ClientWebSocket.js';
import { WebSocket } from '../../src/System.Net.WebSockets/WebSocket.js';
import { WebSocketCreationOptions } from '../../src/System.Net.WebSockets/WebSocketCreationOptions.js';
import type { WebSocketDeflateOptions } from '../../src/System.Net.WebSockets/WebSocketDeflateOptions.js';
import { readHead, switchingProtocols, upgradeRequest } from './handshake.js';
import { WireRecorder } from './raw-frames.js';
import type { WireFrame } from './raw-frames.js';

export { WireRecorder };
export type { WireFrame };

export const Opcode = { Continuation: 0x0, Text: 0x1, Binary: 0x2, Close: 0x8, Ping: 0x9, Pong: 0xa } as const;

/** Builds a frame as a peer writes it; `mask` masks it with a random key (a client's frames must be masked). */
export function encodeFrame(
  opcode: number,
  payload: Buffer | string = Buffer.alloc(0),
  o: { fin?: boolean; rsv1?: boolean; mask?: boolean } = {},
): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const head: number[] = [((o.fin ?? true) ? 0x80 : 0) | (o.rsv1 ? 0x40 : 0) | opcode];
  const maskBit = o.mask ? 0x80 : 0;
  let extended = Buffer.alloc(0);
  if (data.length < 126) head.push(maskBit | data.length);
  else if (data.length < 65536) {
    head.push(maskBit | 126);
    extended = Buffer.alloc(2);
    extended.writeUInt16BE(data.length);
  } else {
    head.push(maskBit | 127);
    extended = Buffer.alloc(8);
    extended.writeBigUInt64BE(BigInt(data.length));
  }
  if (!o.mask) return Buffer.concat([Buffer.from(head), extended, data]);
  const key = randomBytes(4);
  const masked = Buffer.from(data);
  for (let i = 0; i < masked.length; i++) masked[i]! ^= key[i % 4]!;
  return Buffer.concat([Buffer.from(head), extended, key, masked]);
}

/** A close frame's payload: the code, then the UTF-8 reason. */
export function closePayload(code: number, reason = ''): Buffer {
  const b = Buffer.alloc(2 + Buffer.byteLength(reason));
  b.writeUInt16BE(code);
  b.write(reason, 2);
  return b;
}

/**
 * The receiving side of permessage-deflate (RFC 7692 §7.2.2): one raw-inflate stream for the whole
 * connection, so a sender keeping its context (the default) is followed from message to message.
 */
export class MessageInflater {
  readonly #inflate = zlib.createInflateRaw();
  #out: Buffer[] = [];

  constructor() {
    this.#inflate.on('data', (chunk: Buffer) => this.#out.push(chunk));
  }

  /** The data of one compressed message: its frames' payloads joined, plus the 00 00 FF FF the sender removed. */
  async inflate(payloads: readonly Buffer[]): Promise<Buffer> {
    this.#inflate.write(Buffer.concat([...payloads, Buffer.from([0x00, 0x00, 0xff, 0xff])]));
    await new Promise<void>((resolve, reject) => {
      this.#inflate.once('error', reject);
      this.#inflate.flush(zlib.constants.Z_SYNC_FLUSH, () => {
        this.#inflate.off('error', reject);
        resolve();
      });
    });
    const data = Buffer.concat(this.#out);
    this.#out = [];
    return data;
  }

  close(): void {
    this.#inflate.close();
  }
}

// ----------------------------------------------------------------------------------------------------
// dotnet-ws in each role, with the raw peer on the other end of its TCP connection.
// ----------------------------------------------------------------------------------------------------

/** A dotnet-ws WebSocket and the raw peer facing it. */
export interface WirePeer {
  ws: WebSocket;
  socket: net.Socket;
  /** What the peer received from dotnet-ws. */
  wire: WireRecorder;
  /** Whether the peer's own frames must be masked (dotnet-ws is the server). */
  peerMasks: boolean;
  /** The opening request (as the server saw it) and response heads; empty for CreateFromStream. */
  request: string;
  response: string;
  /** Writes bytes as the peer. */
  write(b: Buffer): Promise<void>;
}

export interface RoleOptions {
  /** Compression: for the app, DangerousEnableCompression; for a client or a stream, DangerousDeflateOptions. */
  compression?: WebSocketDeflateOptions | null;
  /** The extension header the raw server puts in its 101 (ClientWebSocket); undefined: none. */
  answerExtensions?: string;
  /** The extension offer of the raw client (WebApplication); undefined: none. */
  offerExtensions?: string;
  keepAliveInterval?: TimeSpan;
  keepAliveTimeout?: TimeSpan;
}

const cleanups: Array<() => Promise<void> | void> = [];

/** Closes everything the role functions opened; call in afterEach. */
export async function closeWirePeers(): Promise<void> {
  for (const f of cleanups.splice(0).reverse()) await f();
}

function writer(socket: net.Socket): (b: Buffer) => Promise<void> {
  return (b) => new Promise<void>((resolve, reject) => socket.write(b, (err) => (err ? reject(err) : resolve())));
}

/** WebApplication + UseWebSockets + AcceptWebSocketAsync, and a raw client that writes the upgrade itself. */
export async function appServer(o: RoleOptions = {}): Promise<WirePeer> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let accepted!: (ws: WebSocket) => void;
  const acceptedWs = new Promise<WebSocket>((r) => (accepted = r));
  const app = WebApplication.CreateBuilder([]).Build();
  app.Urls.Add('http://127.0.0.1:0');
  const options = new WebSocketOptions();
  if (o.keepAliveInterval) options.KeepAliveInterval = o.keepAliveInterval;
  if (o.keepAliveTimeout) options.KeepAliveTimeout = o.keepAliveTimeout;
  app.UseWebSockets(options);
  app.Map('/ws', async (context) => {
    accepted(await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext({ DangerousEnableCompression: !!o.compression })));
    await released;
  });
  await app.StartAsync();
  const port = Number(new URL(app.Urls[0]!).port);
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  cleanups.push(async () => {
    release();
    socket.destroy();
    await app.StopAsync();
  });
  await once(socket, 'connect');
  const request = upgradeRequest('/ws', {
    host: `127.0.0.1:${port}`,
    headers: o.offerExtensions === undefined ? {} : { 'Sec-WebSocket-Extensions': o.offerExtensions },
  });
  socket.write(request);
  const response = await readHead(socket);
  if (!response.startsWith('HTTP/1.1 101 ')) throw new Error(`the app answered ${response.split('\r\n')[0]}`);
  const ws = await acceptedWs;
  return { ws, socket, wire: new WireRecorder(socket), peerMasks: true, request, response, write: writer(socket) };
}

/** WebSocket.CreateFromStream over one end of a TCP connection (no handshake: the stream is the WebSocket). */
export async function streamRole(isServer: boolean, o: RoleOptions = {}): Promise<WirePeer> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const accepted = once(server, 'connection') as Promise<[net.Socket]>;
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  await once(socket, 'connect');
  const [stream] = await accepted;
  const creation = new WebSocketCreationOptions();
  creation.IsServer = isServer;
  if (o.compression) creation.DangerousDeflateOptions = o.compression;
  if (o.keepAliveInterval) creation.KeepAliveInterval = o.keepAliveInterval;
  if (o.keepAliveTimeout) creation.KeepAliveTimeout = o.keepAliveTimeout;
  const wire = new WireRecorder(socket);
  const ws = WebSocket.CreateFromStream(stream, creation);
  cleanups.push(async () => {
    ws.Dispose();
    socket.destroy();
    stream.destroy();
    await new Promise((r) => server.close(r));
  });
  return { ws, socket, wire, peerMasks: isServer, request: '', response: '', write: writer(socket) };
}

/** ClientWebSocket against a raw server that reads the upgrade and writes the 101 itself. */
export async function clientRole(o: RoleOptions = {}): Promise<WirePeer> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const connection = once(server, 'connection') as Promise<[net.Socket]>;
  const ws = new ClientWebSocket();
  // Keep-alive off unless asked for: a quiet wire.
  ws.Options.KeepAliveInterval = o.keepAliveInterval ?? TimeSpan.Zero;
  if (o.keepAliveTimeout) ws.Options.KeepAliveTimeout = o.keepAliveTimeout;
  if (o.compression) ws.Options.DangerousDeflateOptions = o.compression;
  const connecting = ws.ConnectAsync(new Uri(`ws://127.0.0.1:${port}/`), CancellationToken.None);
  const [socket] = await connection;
  socket.on('error', () => {});
  cleanups.push(async () => {
    ws.Dispose();
    socket.destroy();
    await new Promise((r) => server.close(r));
  });
  const request = await readHead(socket);
  const response = switchingProtocols(
    request,
    o.answerExtensions === undefined ? '' : `Sec-WebSocket-Extensions: ${o.answerExtensions}\r\n`,
  );
  const wire = new WireRecorder(socket);
  socket.write(response);
  await connecting;
  return { ws, socket, wire, peerMasks: false, request, response, write: writer(socket) };
}
