// Contract tests for the one ws member dotnet-ws relies on beyond ws's documented API: ws hands the
// upgraded socket over by calling `setSocket(socket, head, options)` on its WebSocket object, on the
// server (an instance of the `WebSocket` option's class) and on the client. If a ws release changes
// that, these fail first, with a clear name.
import http from 'node:http';
import net from 'node:net';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { HANDSHAKE_CLIENT_OPTIONS, HandoffWebSocket, handshakeServer } from '../../src/shared/ws-handoff.js';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

describe('ws handoff (server)', () => {
  it('ws calls setSocket on an instance of the WebSocket option with the socket and the bytes after the request', async () => {
    const server = http.createServer();
    const wss = handshakeServer();
    const handed = new Promise<HandoffWebSocket>((resolve) =>
      server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => resolve(ws as unknown as HandoffWebSocket))),
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const client = net.connect(port, '127.0.0.1');
    cleanup.push(() => {
      client.destroy();
      server.closeAllConnections();
      server.close();
    });
    await once(client, 'connect');
    // The request and a first frame in one segment: the frame must come out as `head`, not be lost.
    client.write(
      'GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n' +
        '\x81\x80\x01\x02\x03\x04',
      'latin1',
    );
    const carrier = await handed;
    expect(carrier).toBeInstanceOf(HandoffWebSocket);
    expect(carrier.socket).toBeInstanceOf(net.Socket);
    const [response] = (await once(client, 'data')) as [Buffer];
    expect(response.toString()).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
    // Whatever ws read past the request is either head or still in the socket: together, the frame.
    const rest: Buffer[] = [carrier.head];
    if (carrier.head.length < 6) {
      carrier.socket!.on('data', (d: Buffer) => rest.push(d));
      while (Buffer.concat(rest).length < 6) await once(carrier.socket!, 'data');
    }
    expect([...Buffer.concat(rest)]).toEqual([0x81, 0x80, 1, 2, 3, 4]);
  });
});

describe('ws handoff (client)', () => {
  it('ws calls setSocket on the client object once the 101 checks passed, with the bytes after the 101', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await once(wss, 'listening');
    cleanup.push(() => wss.close());
    wss.on('connection', (ws) => ws.send('first'));
    const carrier = new HandoffWebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`, undefined, HANDSHAKE_CLIENT_OPTIONS);
    const [socket, head] = await new Promise<[net.Socket, Buffer]>((resolve) => {
      carrier.onHandoff = (s, h) => resolve([s as net.Socket, h]);
    });
    cleanup.push(() => socket.destroy());
    const bytes: Buffer[] = [head];
    socket.on('data', (d: Buffer) => bytes.push(d));
    while (Buffer.concat(bytes).length < 7) await once(socket, 'data');
    expect(Buffer.concat(bytes).toString('latin1')).toBe('\x81\x05first');
    expect(carrier.readyState).toBe(HandoffWebSocket.CONNECTING);
  });
});
