// examples/section2-methods.ts: the seed's §2 samples (AcceptWebSocketAsync, ReceiveAsync, SendAsync,
// CloseAsync) in order, run as a process and driven by a ws client.
import { describe, expect, it } from 'vitest';
import { ExampleProcess, anyPort, closeEvent, collectMessages, httpGet, wsConnect, wsUrl } from './example-process.js';

describe('section2-methods', () => {
  it('receives one message, sends "Hello WebSocket Client!" and closes with NormalClosure "Closing connection"', async () => {
    const server = ExampleProcess.start('section2-methods.js', anyPort);
    const client = await wsConnect(wsUrl(await server.listeningUrl()));
    const messages = collectMessages(client);
    const closed = closeEvent(client);
    client.send('hello');
    expect(await closed).toEqual({ code: 1000, reason: 'Closing connection' });
    expect(messages).toEqual(['Hello WebSocket Client!']);
    await server.waitFor(/CloseAsync: /);
    expect(server.lines.slice(8)).toEqual(['ReceiveAsync: Text, Count 5, EndOfMessage True: hello', 'CloseAsync: State Closed']);
  });

  it('reports a binary message as such', async () => {
    const server = ExampleProcess.start('section2-methods.js', anyPort);
    const client = await wsConnect(wsUrl(await server.listeningUrl()));
    const closed = closeEvent(client);
    client.send(Buffer.from('abc'));
    await closed;
    await server.waitFor(/CloseAsync: /);
    expect(server.lines).toContain('ReceiveAsync: Binary, Count 3, EndOfMessage True: abc');
  });

  it('answers a plain GET with 400, and exits cleanly on Ctrl+C', async () => {
    const server = ExampleProcess.start('section2-methods.js', anyPort);
    expect((await httpGet(`${await server.listeningUrl()}/ws`)).status).toBe(400);
    expect(await server.stop('SIGINT')).toEqual({ code: 0, signal: null });
    expect(server.stderr).toBe('');
  });
});
