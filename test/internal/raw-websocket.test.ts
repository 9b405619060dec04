// Contract tests for the ws 8.23 internals that src/internal/raw-websocket.ts relies on. If ws changes
// any of them, these fail first and say which.
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as WsClient, WebSocketServer } from 'ws';
import { CLOSE_RECEIVED, RawWebSocket, rawServerOptions } from '../../src/internal/raw-websocket.js';
import { closeBody } from '../helpers/peers.js';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

async function pair(): Promise<{ raw: RawWebSocket; peer: WsClient }> {
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, ...rawServerOptions() });
  const accepted = new Promise<RawWebSocket>((resolve) =>
    server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => resolve(ws as RawWebSocket))),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const peer = new WsClient(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, { perMessageDeflate: false });
  peer.on('error', () => {});
  const [raw] = await Promise.all([accepted, once(peer, 'open')]);
  raw.on('error', () => {});
  cleanup.push(() => {
    raw.terminate();
    peer.terminate();
    server.closeAllConnections();
    server.close();
  });
  return { raw, peer };
}

describe('ws internals', () => {
  it('has the Receiver and Sender methods and fields RawWebSocket wraps or reads', async () => {
    const { raw } = await pair();
    const internals = raw as unknown as {
      _receiver: Record<string, unknown>;
      _sender: Record<string, unknown>;
      _socket: unknown;
    };
    for (const name of ['getData', 'dataMessage', 'getPayloadLength64', 'consume']) expect(typeof internals._receiver[name]).toBe('function');
    for (const name of ['_fin', '_opcode', '_payloadLength', '_fragments', '_bufferedBytes', '_buffers', '_allowSynchronousEvents']) expect(internals._receiver).toHaveProperty(name);
    for (const name of ['send', 'sendFrame', 'enqueue', 'dispatch']) expect(typeof internals._sender[name]).toBe('function');
    // _generateMask and _maskBuffer exist only when a mask generator was given; they pass through as undefined otherwise.
    expect(internals._sender).toHaveProperty('_state');
    for (const name of ['_closeFrameReceived', '_closeFrameSent', '_closeCode', '_closeMessage', '_readyState', '_closeTimeout', '_isServer']) {
      expect(raw).toHaveProperty(name);
    }
  });

  it('links each Receiver to its WebSocket through kWebSocket and emits conclude and error on the Receiver', async () => {
    const { raw } = await pair();
    const receiver = (raw as unknown as { _receiver: object })._receiver as Record<symbol, unknown> & {
      listeners(event: string): unknown[];
    };
    const kWebSocket = Object.getOwnPropertySymbols(receiver).find((sym) => sym.description === 'websocket');
    expect(kWebSocket).toBeDefined();
    expect(receiver[kWebSocket!]).toBe(raw);
    // ws's own handlers stay in place (RawWebSocket hooks emit, not the listeners): one each.
    expect(receiver.listeners('conclude')).toHaveLength(1);
    expect(receiver.listeners('error')).toHaveLength(1);
    // Every connection shares one hooked prototype: nothing per socket but the link.
    const other = await pair();
    expect(Object.getPrototypeOf(receiver)).toBe(Object.getPrototypeOf((other.raw as unknown as { _receiver: object })._receiver));
    expect(Object.getOwnPropertyNames(receiver)).not.toContain('getData');
  });
});

describe('RawWebSocket', () => {
  it('is the class ws instantiates for accepted sockets (the WebSocket server option)', async () => {
    const { raw } = await pair();
    expect(raw).toBeInstanceOf(RawWebSocket);
  });

  it('leaves a peer close unanswered and readyState OPEN, so the application can still send', async () => {
    const { raw, peer } = await pair();
    const received = new Promise<[number, string]>((resolve) => {
      raw.on(CLOSE_RECEIVED, (code: number, reason: Buffer) => resolve([code, reason.toString()]));
    });
    let peerClosed = false;
    peer.on('close', () => (peerClosed = true));
    const peerGot: string[] = [];
    peer.on('message', (d) => peerGot.push((d as Buffer).toString()));
    peer.close(4001, 'bye');
    expect(await received).toEqual([4001, 'bye']);
    expect(raw.readyState).toBe(RawWebSocket.OPEN);
    raw.send('still here');
    await once(peer, 'message');
    expect(peerGot).toEqual(['still here']);
    expect(peerClosed).toBe(false);
    raw.sendClose(closeBody(4002, 'mine'), () => {});
    const [code, reason] = (await once(peer, 'close')) as [number, Buffer];
    expect([code, reason.toString()]).toEqual([4002, 'mine']);
  });

  it('reports the close frame write through its callback with any 16-bit code', async () => {
    const { raw, peer } = await pair();
    peer.on('close', () => {});
    const err = await new Promise((resolve) => raw.sendClose(closeBody(1000), resolve));
    expect(err).toBeFalsy();
    expect((raw as unknown as { _closeFrameSent: boolean })._closeFrameSent).toBe(true);
  });

  it('records the frame lengths of a fragmented text message', async () => {
    const { raw, peer } = await pair();
    const lengths = new Promise<number[] | null>((resolve) => raw.on('message', () => resolve(raw.frameLengths)));
    peer.send('ab', { fin: false });
    peer.send('cde', { fin: true });
    expect(await lengths).toEqual([2, 3]);
  });
});
