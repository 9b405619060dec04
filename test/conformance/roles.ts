// The four ways a dotnet-ws WebSocket meets the wire, each with a raw TCP peer that writes frames by hand
// and reads ours (test/helpers/peers.ts): WebSocket.CreateFromStream as server and as client, the
// server's accept path (WebApplication + AcceptWebSocketAsync) and ClientWebSocket. Every RFC 6455 case
// in this folder runs against all four.
import net from 'node:net';
import { afterEach, expect } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import type { WebSocket } from '../../src/System.Net.WebSockets/WebSocket.js';
import { WebSocketError } from '../../src/System.Net.WebSockets/WebSocketError.js';
import { WebSocketException } from '../../src/System.Net.WebSockets/WebSocketException.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { WebSocketState } from '../../src/System.Net.WebSockets/WebSocketState.js';
import { closeAll, FrameReader, rawPair } from '../helpers/peers.js';
import type { Frame } from '../helpers/peers.js';
import { appServer, clientRole, closeWirePeers, type WirePeer } from '../helpers/wire.js';
import { receive } from '../helpers/messages.js';

export const None = CancellationToken.None;

/** A dotnet-ws WebSocket and the raw peer on the other end of its TCP connection. */
export interface Conn {
  ws: WebSocket;
  /** The peer's end. */
  peer: net.Socket;
  /** Frames the peer receives, in order. */
  frames: FrameReader;
  /** Writes bytes as the peer; resolves once handed to the kernel. */
  send(b: Buffer): Promise<void>;
  /** True when the WebSocket is a server, so the peer's frames must be masked. */
  mask: boolean;
}

afterEach(async () => {
  await closeWirePeers();
  await closeAll();
});

async function streamRole(isServer: boolean): Promise<Conn> {
  const { ws, peer, frames, send } = await rawPair(isServer);
  return { ws, peer, frames, send, mask: isServer };
}

/** A role of test/helpers/wire.ts (the same accept path and handshakes) as a {@link Conn}. */
function asConn({ ws, socket, wire, peerMasks, write }: WirePeer): Conn {
  return { ws, peer: socket, frames: new FrameReader(wire), send: write, mask: peerMasks };
}

export const roles = {
  'server (CreateFromStream)': () => streamRole(true),
  'client (CreateFromStream)': () => streamRole(false),
  'server (WebApplication)': async () => asConn(await appServer()),
  ClientWebSocket: async () => asConn(await clientRole()),
} as const;

export type RoleName = keyof typeof roles;
export const roleNames = Object.keys(roles) as RoleName[];
export const serverRoles: RoleName[] = ['server (CreateFromStream)', 'server (WebApplication)'];
export const clientRoles: RoleName[] = ['client (CreateFromStream)', 'ClientWebSocket'];

export { receive, receiveMessage } from '../helpers/messages.js';

/** A result received before a fault: [MessageType, the bytes as latin1 text, EndOfMessage]. */
export type ReceivedResult = [WebSocketMessageType, string, boolean];

/**
 * Receives until a receive fails (at most `limit` results): the error, and every result received before
 * it, so a test sees what was delivered before the fault. A Close result ends it too (error null).
 */
export async function receiveUntilFault(ws: WebSocket, limit = 64): Promise<{ error: unknown; received: ReceivedResult[] }> {
  const received: ReceivedResult[] = [];
  for (let i = 0; i < limit; i++) {
    try {
      const { r, data } = await receive(ws, 64 * 1024);
      received.push([r.MessageType, data.toString('latin1'), r.EndOfMessage]);
      if (r.MessageType === WebSocketMessageType.Close) return { error: null, received };
    } catch (e) {
      return { error: e, received };
    }
  }
  return { error: new Error(`no error within ${limit} results`), received };
}

/**
 * What is delivered before the fault when a valid fragment precedes the error in the same message: that
 * fragment, as .NET returns it (EndOfMessage false), then the fault.
 */
export function fragmentFirst(type: WebSocketMessageType, data: string | Buffer): ReceivedResult[] {
  return [[type, typeof data === 'string' ? data : data.toString('latin1'), false]];
}

/** The error of {@link receiveUntilFault}, failing the test if anything was received before it. */
export async function receiveUntilError(ws: WebSocket, limit = 64): Promise<unknown> {
  const { error, received } = await receiveUntilFault(ws, limit);
  expect(received, 'results before the fault').toEqual([]);
  return error;
}

/** The next close frame the peer gets (skipping pongs and data), or null when the connection ended first. */
export async function nextClose(frames: FrameReader): Promise<Frame | null> {
  for (;;) {
    const f = await frames.next();
    if (f === null || f.opcode === 0x8) return f;
  }
}

/** The close code in a close frame's payload (1005 for an empty one). */
export function closeCode(f: Frame | null): number | null {
  if (f === null) return null;
  return f.payload.length >= 2 ? f.payload.readUInt16BE(0) : 1005;
}

/**
 * RFC 6455 §7.1.7 + docs/behaviour.md#utf-8, docs/behaviour.md#protocol-errors: after the results in `before` (none by default), the receive faults
 * with WebSocketException(Faulted, message),
 * the peer gets a close frame with `code` (masked when we are a client), the socket is Aborted and later
 * receives fail with the InvalidState message.
 */
export async function expectFailure(c: Conn, code: number, message: string, before: ReceivedResult[] = []): Promise<void> {
  const { error: err, received } = await receiveUntilFault(c.ws);
  expect(received, 'results delivered before the fault').toEqual(before);
  expect(err).toBeInstanceOf(WebSocketException);
  expect((err as WebSocketException).WebSocketErrorCode).toBe(WebSocketError.Faulted);
  expect((err as WebSocketException).message).toBe(message);
  const close = await nextClose(c.frames);
  expect(closeCode(close)).toBe(code);
  expect(close!.masked).toBe(!c.mask);
  expect(c.ws.State).toBe(WebSocketState.Aborted);
  await expect(c.ws.ReceiveAsync(new ArraySegment(new Uint8Array(8)), None)).rejects.toThrow(
    dotnetMessage('net_WebSockets_InvalidState', 'Aborted', 'Open, CloseSent'),
  );
}
