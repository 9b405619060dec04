import { describe, expect, it } from 'vitest';
import type { ConnectionInfo } from '../../src/Microsoft.AspNetCore.Http/ConnectionInfo.js';
import { rawConnect, signal, startApp, track, wsConnect } from '../Microsoft.AspNetCore.Builder/WebApplication.helpers.js';
import { WebApplication } from '../../src/Microsoft.AspNetCore.Builder/WebApplication.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import { ArraySegment } from '../../src/System/ArraySegment.js';

describe('ConnectionInfo', () => {
  it('reports the addresses and ports of both ends', async () => {
    const seen = signal<ConnectionInfo>();
    const { port } = await startApp((app) => app.MapGet('/', (context) => seen.resolve(context.Connection)));
    const socket = await rawConnect(port);
    socket.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const info = await seen.promise;
    expect(info.RemoteIpAddress).toBe('127.0.0.1');
    expect(info.RemotePort).toBe(socket.localPort);
    expect(info.LocalIpAddress).toBe('127.0.0.1');
    expect(info.LocalPort).toBe(port);
    expect(info.Id).toMatch(/^[0-9A-V]{13}$/);
  });

  it('reports the local address each connection came to on a listener of every address', async () => {
    const seen = signal<[string | null, number]>();
    const app = WebApplication.CreateBuilder([]).Build();
    app.Urls.Add('http://*:0');
    app.MapGet('/', (context) => seen.resolve([context.Connection.LocalIpAddress, context.Connection.LocalPort]));
    await app.StartAsync();
    const { port } = track(app);
    const socket = await rawConnect(port);
    socket.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const [address, localPort] = await seen.promise;
    // The socket's own: on a dual-stack listener, an IPv4 client's connection is to "::ffff:127.0.0.1".
    expect(['127.0.0.1', '::ffff:127.0.0.1']).toContain(address);
    expect(localPort).toBe(port);
  });

  it('gives each connection its own id', async () => {
    const ids: string[] = [];
    const two = signal();
    const { port } = await startApp((app) =>
      app.MapGet('/', (context) => {
        ids.push(context.Connection.Id);
        if (ids.length === 2) two.resolve();
      }),
    );
    for (let i = 0; i < 2; i++) (await rawConnect(port)).write('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await two.promise;
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('keeps one id for the requests of a keep-alive connection, numbered in TraceIdentifier', async () => {
    const seen: Array<[string, string]> = [];
    const two = signal();
    const { port } = await startApp((app) =>
      app.MapGet('/', (context) => {
        seen.push([context.Connection.Id, context.TraceIdentifier]);
        if (seen.length === 2) two.resolve();
        return 'ok';
      }),
    );
    const socket = await rawConnect(port);
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await two.promise;
    const [[id1, trace1], [id2, trace2]] = seen as [[string, string], [string, string]];
    expect(id2).toBe(id1);
    expect(trace1).toBe(`${id1}:00000001`);
    expect(trace2).toBe(`${id1}:00000002`);
    socket.destroy();
  });

  it('still reports the addresses after the WebSocket connection has closed', async () => {
    const seen = signal<[string | null, number]>();
    const { ws } = await startApp((app) => {
      app.UseWebSockets();
      app.Map('/ws', async (context) => {
        const webSocket = await context.WebSockets.AcceptWebSocketAsync();
        // Reads until the client drops the connection (ConnectionClosedPrematurely).
        await webSocket.ReceiveAsync(new ArraySegment(new Uint8Array(16)), CancellationToken.None).catch(() => {});
        seen.resolve([context.Connection.RemoteIpAddress, context.Connection.RemotePort]);
      });
    });
    const client = await wsConnect(`${ws}/ws`);
    const clientPort = (client as unknown as { _socket: { localPort: number } })._socket.localPort;
    client.terminate();
    expect(await seen.promise).toEqual(['127.0.0.1', clientPort]);
  });
});
