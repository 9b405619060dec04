import { describe, expect, it } from 'vitest';
import type { ConnectionInfo } from '../../src/Microsoft.AspNetCore.Http/ConnectionInfo.js';
import { rawConnect, signal, startApp } from '../Microsoft.AspNetCore.Builder/WebApplication.helpers.js';

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
});
