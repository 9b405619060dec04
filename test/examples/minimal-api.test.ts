// examples/minimal-api.ts: the §5 server as app.Map("/ws", …), run as a process and driven by a ws client.
import { describe, expect, it } from 'vitest';
import { ExampleProcess, anyPort, closeEvent, httpGet, nextMessage, wsConnect, wsUrl } from './example-process.js';

describe('minimal-api', () => {
  it('echoes "서버에서 응답: " + each message, logs it, and closes with the client\'s status', async () => {
    const server = ExampleProcess.start('minimal-api.js', anyPort);
    const client = await wsConnect(wsUrl(await server.listeningUrl()));
    client.send('안녕하세요');
    expect(await nextMessage(client)).toBe('서버에서 응답: 안녕하세요');
    await server.waitFor(/클라이언트 메시지 수신: 안녕하세요\n/);
    const closed = closeEvent(client);
    client.close(1000, 'Closing connection');
    expect(await closed).toEqual({ code: 1000, reason: 'Closing connection' });
    expect(server.lines.slice(8)).toEqual(['클라이언트 메시지 수신: 안녕하세요']);
  });

  it('answers a plain GET with 400, and exits cleanly on Ctrl+C', async () => {
    const server = ExampleProcess.start('minimal-api.js', anyPort);
    expect((await httpGet(`${await server.listeningUrl()}/ws`)).status).toBe(400);
    expect(await server.stop('SIGINT')).toEqual({ code: 0, signal: null });
    expect(server.stderr).toBe('');
  });
});
