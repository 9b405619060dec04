// Real peers over real sockets on 127.0.0.1 for the core's tests: a raw `ws` peer on the other side of
// a server- or client-role ManagedWebSocket, and a raw TCP peer that writes and reads frames by hand.
import http from 'node:http';
import net from 'node:net';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket as WsClient, WebSocketServer } from 'ws';
import { ManagedWebSocket } from '../../src/System.Net.WebSockets/ManagedWebSocket.js';
import type { ManagedWebSocketOptions } from '../../src/System.Net.WebSockets/ManagedWebSocket.js';
import { WebSocket } from '../../src/System.Net.WebSockets/WebSocket.js';
import { WebSocketCreationOptions } from '../../src/System.Net.WebSockets/WebSocketCreationOptions.js';
import { TimeSpan } from '../../src/System/TimeSpan.js';
import { HANDSHAKE_CLIENT_OPTIONS, HandoffWebSocket, handshakeServer } from '../../src/shared/ws-handoff.js';
import { acceptServerDeflateResponse, clientDeflateOffer, negotiateServerDeflate } from '../../src/protocol/deflate-negotiation.js';
import type { DeflateParameters } from '../../src/protocol/deflate-negotiation.js';
import type { WebSocketDeflateOptions } from '../../src/System.Net.WebSockets/WebSocketDeflateOptions.js';
import { FrameReader } from './raw-frames.js';
import type { Frame } from './raw-frames.js';

export { FrameReader };
export type { Frame };

/** How the handshake of a pair is made: with `deflate`, permessage-deflate is negotiated as the host and client do. */
export interface RawOptions {
  deflate?: WebSocketDeflateOptions | null;
}

/** Everything a test opened, closed in afterEach. */
const open: Array<() => Promise<void> | void> = [];

export async function closeAll(): Promise<void> {
  const closers = open.splice(0);
  for (const close of closers.reverse()) await close();
}

function baseOptions(isServer: boolean, o: Partial<ManagedWebSocketOptions>): ManagedWebSocketOptions {
  return {
    IsServer: isServer,
    SubProtocol: null,
    KeepAliveInterval: TimeSpan.Zero,
    KeepAliveTimeout: TimeSpan.InfiniteTimeSpan,
    ...o,
  };
}

/** A server-role ManagedWebSocket (accepted through ws's noServer upgrade) and a plain `ws` client. */
export async function serverPair(
  o: Partial<ManagedWebSocketOptions> = {},
  raw: RawOptions = {},
  clientOptions: object = {},
): Promise<{ ws: ManagedWebSocket; peer: WsClient }> {
  const server = http.createServer();
  const wss = handshakeServer();
  const accepted = new Promise<ManagedWebSocket>((resolve) => {
    server.on('upgrade', (req, socket, head) => {
      const settings = raw.deflate
        ? { serverContextTakeover: raw.deflate.ServerContextTakeover, serverMaxWindowBits: raw.deflate.ServerMaxWindowBits }
        : null;
      const negotiated = settings === null ? null : negotiateServerDeflate(req.headers['sec-websocket-extensions'], settings);
      if (negotiated !== null) wss.once('headers', (headers: string[]) => headers.push(`Sec-WebSocket-Extensions: ${negotiated.header}`));
      wss.handleUpgrade(req, socket, head, (carrier) => {
        const { socket: stream, head: rest } = carrier as unknown as HandoffWebSocket;
        resolve(new ManagedWebSocket(stream!, rest, baseOptions(true, { ...o, deflate: negotiated?.parameters ?? null })));
      });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const peer = new WsClient(`ws://127.0.0.1:${port}/`, { perMessageDeflate: false, ...clientOptions });
  peer.on('error', () => {});
  const [ws] = await Promise.all([accepted, once(peer, 'open')]);
  open.push(async () => {
    ws.Dispose();
    peer.terminate();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  return { ws, peer };
}

/** A client-role ManagedWebSocket (connected by ws's client) and a plain `ws` server as its peer. */
export async function clientPair(
  o: Partial<ManagedWebSocketOptions> = {},
  raw: RawOptions = {},
): Promise<{ ws: ManagedWebSocket; peer: WsClient }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await once(wss, 'listening');
  const { port } = wss.address() as AddressInfo;
  const peerP = once(wss, 'connection') as Promise<[WsClient]>;
  const deflate = raw.deflate
    ? {
        clientMaxWindowBits: raw.deflate.ClientMaxWindowBits,
        clientContextTakeover: raw.deflate.ClientContextTakeover,
        serverMaxWindowBits: raw.deflate.ServerMaxWindowBits,
        serverContextTakeover: raw.deflate.ServerContextTakeover,
      }
    : null;
  const carrier = new HandoffWebSocket(`ws://127.0.0.1:${port}/`, undefined, {
    ...HANDSHAKE_CLIENT_OPTIONS,
    ...(deflate ? { headers: { 'Sec-WebSocket-Extensions': clientDeflateOffer(deflate) } } : {}),
  });
  let agreed: DeflateParameters | null = null;
  carrier.on('upgrade', (res: http.IncomingMessage) => {
    const answer = deflate ? acceptServerDeflateResponse(res.headers['sec-websocket-extensions'], deflate) : null;
    delete res.headers['sec-websocket-extensions'];
    agreed = answer !== null && !('failure' in answer) ? answer : null;
  });
  const ws = await new Promise<ManagedWebSocket>((resolve, reject) => {
    carrier.onHandoff = (stream, head) => resolve(new ManagedWebSocket(stream, head, baseOptions(false, { ...o, deflate: agreed })));
    carrier.once('error', reject);
  });
  const [peer] = await peerP;
  peer.on('error', () => {});
  open.push(async () => {
    ws.Dispose();
    peer.terminate();
    await new Promise((r) => wss.close(r));
  });
  return { ws, peer };
}

/** A decoded frame as a raw peer sees it. */

/** Builds one frame; a client-role peer (`mask`) masks it with a fixed key. */
export function frame(
  opcode: number,
  payload: Buffer | string = Buffer.alloc(0),
  o: { fin?: boolean; rsv?: number; mask?: boolean; length?: bigint } = {},
): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const fin = o.fin ?? true;
  const mask = o.mask ?? false;
  const len = o.length ?? BigInt(data.length);
  const head: number[] = [(fin ? 0x80 : 0) | ((o.rsv ?? 0) << 4) | opcode];
  const maskBit = mask ? 0x80 : 0;
  let ext = Buffer.alloc(0);
  if (len < 126n) head.push(maskBit | Number(len));
  else if (len < 65536n) {
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
export function closeBody(code: number, reason = ''): Buffer {
  const b = Buffer.alloc(2 + Buffer.byteLength(reason));
  b.writeUInt16BE(code);
  b.write(reason, 2);
  return b;
}

/**
 * A ManagedWebSocket made by WebSocket.CreateFromStream over one end of a TCP connection on 127.0.0.1,
 * and the other end as a raw peer that writes frames byte by byte and reads ours; `socket` is the
 * WebSocket's own end (to see, say, how much of what the peer wrote it has read).
 * `isServer`: the role of the ManagedWebSocket (a server expects masked frames from the peer).
 */
export async function rawPair(
  isServer: boolean,
  options: Partial<WebSocketCreationOptions> = {},
): Promise<{ ws: WebSocket; peer: net.Socket; socket: net.Socket; frames: FrameReader; send(b: Buffer): Promise<void> }> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const accepted = once(server, 'connection') as Promise<[net.Socket]>;
  const peer = net.connect(port, '127.0.0.1');
  await once(peer, 'connect');
  const [socket] = await accepted;
  const creation = new WebSocketCreationOptions();
  creation.IsServer = isServer;
  Object.assign(creation, options);
  const ws = WebSocket.CreateFromStream(socket, creation);
  peer.on('error', () => {});
  const frames = new FrameReader(peer);
  open.push(async () => {
    ws.Dispose();
    peer.destroy();
    socket.destroy();
    await new Promise((r) => server.close(r));
  });
  return {
    ws,
    peer,
    socket,
    frames,
    send: (b: Buffer) => new Promise<void>((resolve, reject) => peer.write(b, (err) => (err ? reject(err) : resolve()))),
  };
}
