// examples/section4-receive-loop.ts: the seed's §4 loop on CloseStatus.HasValue, run as a process and
// driven by a ws client.
import { describe, expect, it } from 'vitest';
import { ExampleProcess, anyPort, closeEvent, collectMessages, wsConnect, wsUrl } from './example-process.js';

describe('section4-receive-loop', () => {
  it('prints "클라이언트 메시지: " + each message until the client closes, and answers nothing', async () => {
    const server = ExampleProcess.start('section4-receive-loop.js', anyPort);
    const client = await wsConnect(wsUrl(await server.listeningUrl()));
    const messages = collectMessages(client);
    client.send('하나');
    client.send('둘');
    await server.waitFor(/클라이언트 메시지: 둘\n/);
    const closed = closeEvent(client);
    client.close(1000, 'bye');
    expect(await closed).toEqual({ code: 1000, reason: 'bye' });
    await server.waitFor(/CloseStatus: /);
    expect(server.lines.slice(8)).toEqual([
      '클라이언트 메시지: 하나',
      '클라이언트 메시지: 둘',
      'CloseStatus: NormalClosure, CloseStatusDescription: bye',
    ]);
    expect(messages).toEqual([]);
  });

  it('leaves the loop on a close with a code .NET has no name for, and prints the number', async () => {
    const server = ExampleProcess.start('section4-receive-loop.js', anyPort);
    const client = await wsConnect(wsUrl(await server.listeningUrl()));
    const closed = closeEvent(client);
    client.close(4000);
    expect(await closed).toEqual({ code: 4000, reason: '' });
    await server.waitFor(/CloseStatus: .*\n/);
    expect(server.lines.slice(8)).toEqual(['CloseStatus: 4000, CloseStatusDescription: ']);
    expect(await server.stop('SIGINT')).toEqual({ code: 0, signal: null });
    expect(server.stderr).toBe('');
  });
});
