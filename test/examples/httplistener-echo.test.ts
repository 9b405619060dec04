// examples/httplistener-echo.ts: the HttpListener echo server, run as a process on a free port and driven
// by a ws client and plain HTTP requests.
import { describe, expect, it } from 'vitest';
import { freePort } from '../helpers/ports.js';
import { ExampleProcess, closeEvent, httpGet, nextMessage, wsConnect } from './example-process.js';

async function start(): Promise<{ server: ExampleProcess; url: string }> {
  const port = await freePort();
  const server = ExampleProcess.start('httplistener-echo.js', [], { HOST: '127.0.0.1', PORT: String(port) });
  await server.waitFor(/Listening on http:\/\/127\.0\.0\.1:\d+\/ws\/\n/);
  return { server, url: `127.0.0.1:${port}/ws/` };
}

describe('httplistener-echo', () => {
  it('echoes a message, then closes as the client asked', async () => {
    const { server, url } = await start();
    const client = await wsConnect(`ws://${url}`);
    await server.waitFor(/Connected: 127\.0\.0\.1:\d+\n/);
    client.send('안녕하세요');
    expect(await nextMessage(client)).toBe('안녕하세요');
    const closed = closeEvent(client);
    client.close(1000, 'done');
    expect(await closed).toEqual({ code: 1000, reason: '' });
    await server.waitFor(/Disconnected\n/);
  });

  it('answers a plain GET with 400 and a path outside the prefix with 404', async () => {
    const { url } = await start();
    expect((await httpGet(`http://${url}`)).status).toBe(400);
    const outside = await httpGet(`http://${url.replace('/ws/', '/other')}`);
    expect([outside.status, outside.body]).toEqual([404, '<h1>Not Found (Not Found)</h1>']);
  });

  it('on Ctrl+C closes the listener, aborting its WebSockets, and exits with 0', async () => {
    const { server, url } = await start();
    const client = await wsConnect(`ws://${url}`);
    const closed = closeEvent(client);
    const exit = await server.stop('SIGINT');
    expect((await closed).code).toBe(1006);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.stderr).toBe('');
  });
});
