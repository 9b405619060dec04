// examples/client.ts: the ClientWebSocket console client, run as a process against the §5 server (and
// the §2 one, which closes first), both real processes.
import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ExampleProcess, anyPort, wsUrl } from './example-process.js';
import { freePort } from '../helpers/ports.js';

describe('client', () => {
  it('sends each command-line message to the §5 server, prints each reply and closes', async () => {
    const server = ExampleProcess.start('section5-controller.js', anyPort);
    const url = wsUrl(await server.listeningUrl());
    const client = ExampleProcess.start('client.js', [url, '안녕하세요', 'second']);
    expect(await client.exited).toEqual({ code: 0, signal: null });
    expect(client.stderr).toBe('');
    expect(client.lines).toEqual([
      `연결됨: ${url} (State: Open)`,
      '서버에서 응답: 안녕하세요',
      '서버에서 응답: second',
      '연결 종료: State Closed, CloseStatus NormalClosure, CloseStatusDescription Closing connection',
    ]);
    await server.waitFor(/클라이언트 메시지 수신: second\n/);
    expect(server.lines.filter((l) => l.startsWith('클라이언트'))).toEqual([
      '클라이언트 메시지 수신: 안녕하세요',
      '클라이언트 메시지 수신: second',
    ]);
  });

  it('sends each line of standard input until it ends', async () => {
    const server = ExampleProcess.start('section5-controller.js', anyPort);
    const url = wsUrl(await server.listeningUrl());
    const client = ExampleProcess.start('client.js', [url]);
    client.stdin.write('첫째\n');
    await client.waitFor(/서버에서 응답: 첫째\n/);
    client.stdin.end('둘째\n');
    expect(await client.exited).toEqual({ code: 0, signal: null });
    expect(client.lines.slice(1)).toEqual([
      '서버에서 응답: 첫째',
      '서버에서 응답: 둘째',
      '연결 종료: State Closed, CloseStatus NormalClosure, CloseStatusDescription Closing connection',
    ]);
  });

  it("answers a server's close with the server's status (the §2 server closes after one message)", async () => {
    const server = ExampleProcess.start('section2-methods.js', anyPort);
    const url = wsUrl(await server.listeningUrl());
    const client = ExampleProcess.start('client.js', [url, 'one', 'two']);
    expect(await client.exited).toEqual({ code: 0, signal: null });
    expect(client.lines.slice(1)).toEqual([
      'Hello WebSocket Client!',
      '연결 종료: State Closed, CloseStatus NormalClosure, CloseStatusDescription Closing connection',
    ]);
  });

  it('prints the WebSocketException and exits with 1 when nothing listens', async () => {
    const url = `ws://127.0.0.1:${await freePort()}/ws`;
    const client = ExampleProcess.start('client.js', [url, 'hello']);
    expect(await client.exited).toEqual({ code: 1, signal: null });
    expect(client.stdout).toBe('');
    expect(client.stderr).toBe(`연결 실패: ${url}: ${dotnetMessage('net_webstatus_ConnectFailure')}\n`);
  });
});
