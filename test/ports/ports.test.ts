// The eight ported C# programs (test/ports/*/program.ts, compiled to dist/ports/ by `npm run build`), each
// run as a process against a real peer on 127.0.0.1: the servers against ws clients, the clients against
// a ws server that sends a few messages and closes. Every loop they run is bounded by the peer.
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { WebSocket as WsClient } from 'ws';
import { freePort } from '../helpers/ports.js';
import { ExampleProcess, closeEvent, collectMessages, httpGet, nextMessage, wsConnect } from '../examples/example-process.js';
import { until } from '../helpers/wait.js';

const servers: WebSocketServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A ws server on 127.0.0.1 that, to each client, sends `messages` then closes with 1000 and `reason`. */
async function pushServer(messages: readonly string[], reason: string): Promise<string> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  servers.push(server);
  server.on('connection', (client: WsClient) => {
    for (const m of messages) client.send(m);
    client.close(1000, reason);
  });
  await new Promise((resolve) => server.once('listening', resolve));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Starts a port's compiled program. */
function run(name: string, args: readonly string[] = [], env: Record<string, string> = {}): ExampleProcess {
  return ExampleProcess.start(`../ports/${name}/program.js`, args, env);
}

describe('ported HttpListener servers', () => {
  it.each([
    ['presentation2-echo', '/', /Listening\.\.\.\n/],
    ['hmza-echo', '/ws/', /WebSocket server started at ws:\/\/localhost:5000\/ws\/\n/],
  ])('%s echoes "Echo: …", answers a plain GET with 400 and closes as asked', async (name, path, started) => {
    const port = await freePort();
    const server = run(name, [], { PORT: String(port) });
    await server.waitFor(started);
    // The prefix names localhost: a request for 127.0.0.1 is not its host (.NET answers 404 too).
    expect((await httpGet(`http://127.0.0.1:${port}${path}`)).status).toBe(404);
    expect((await httpGet(`http://localhost:${port}${path}`)).status).toBe(400);
    const client = await wsConnect(`ws://localhost:${port}${path}`);
    client.send('안녕');
    expect(await nextMessage(client)).toBe('Echo: 안녕');
    await server.waitFor(/Received: 안녕\n/);
    const closed = closeEvent(client);
    client.close(1000, 'done');
    const { code } = await closed;
    expect(code).toBe(1000);
    expect(server.stderr).toBe('');
  });
});

describe('ported ASP.NET Core servers', () => {
  it('simple-ticker-server pushes ".NET Rocks -> <time>" every second', async () => {
    const server = run('simple-ticker-server', ['--urls', 'http://127.0.0.1:0']);
    const [, url] = await server.waitFor(/Now listening on: (http:\/\/\S+)/);
    expect((await httpGet(`${url}/`)).status).toBe(400);
    const client = await wsConnect(url!.replace(/^http/, 'ws'));
    const messages = collectMessages(client);
    await until(() => messages.length >= 2, 'two ticks');
    expect(messages[0]).toMatch(/^\.NET Rocks -> \S/);
    client.terminate();
  });

  it('faculdade-broadcast sends each message to every open connection', async () => {
    const server = run('faculdade-broadcast', ['--urls', 'http://127.0.0.1:0']);
    const [, url] = await server.waitFor(/Now listening on: (http:\/\/\S+)/);
    const ws = url!.replace(/^http/, 'ws');
    const a = await wsConnect(ws);
    const b = await wsConnect(ws);
    const toB = nextMessage(b);
    a.send('hello');
    expect(await nextMessage(a)).toBe('hello');
    expect(await toB).toBe('hello');
    const closed = closeEvent(a);
    a.close(1000);
    expect((await closed).code).toBe(1000);
    // b still gets messages after a left (a is skipped, then dropped, as the original does).
    b.send('still here');
    expect(await nextMessage(b)).toBe('still here');
  });

  it('ecommerce-notify sends "Notification: …" to every open client and closes as asked', async () => {
    const server = run('ecommerce-notify', ['--urls', 'http://127.0.0.1:0']);
    const [, url] = await server.waitFor(/Now listening on: (http:\/\/\S+)/);
    const ws = `${url!.replace(/^http/, 'ws')}/ws`;
    const a = await wsConnect(ws);
    const b = await wsConnect(ws);
    const toB = nextMessage(b);
    a.send('order 42 shipped');
    expect(await nextMessage(a)).toBe('Notification: order 42 shipped');
    expect(await toB).toBe('Notification: order 42 shipped');
    const closed = closeEvent(b);
    b.close(1000, 'bye');
    expect(await closed).toEqual({ code: 1000, reason: 'bye' });
  });
});

describe('ported ClientWebSocket console clients', () => {
  it('simple-ticker-client prints each message (ASCII) and exits after answering the close', async () => {
    const url = await pushServer(['tick 1', 'tick 2 é'], 'bye');
    const client = run('simple-ticker-client', [url]);
    expect(await client.exited).toEqual({ code: 0, signal: null });
    expect(client.lines).toEqual(['tick 1', 'tick 2 ??']);
  });

  it('codemaze-client prints "Received: …" until the server closes', async () => {
    const url = await pushServer(['one', 'two'], '');
    const client = run('codemaze-client', [url]);
    await client.waitFor(/Received: two\n/);
    expect(client.lines).toEqual(['Connected!', 'Received: one', 'Received: two']);
  });

  it('learnvsext-client prints "string received: …" and "Client close <reason>" and exits', async () => {
    const url = await pushServer(['hi'], 'server done');
    const client = run('learnvsext-client', [url]);
    expect(await client.exited).toEqual({ code: 0, signal: null });
    expect(client.lines).toEqual(['string received: hi', 'Client close server done']);
  });
});
