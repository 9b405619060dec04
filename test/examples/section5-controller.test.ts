// examples/section5-controller.ts (+ examples/Controllers/WebSocketController.ts): the seed's §5 server,
// run as a process and driven by a ws client.
import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import path from 'node:path';
import { ExampleProcess, anyPort, closeEvent, httpGet, nextMessage, root, wsConnect, wsUrl } from './example-process.js';


describe('section5-controller', () => {
  it('prints the lifetime lines with the bound address, and exits cleanly on Ctrl+C', async () => {
    const server = ExampleProcess.start('section5-controller.js', anyPort);
    const url = await server.listeningUrl();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // ASP.NET Core 10 follows "Application started" with the environment and the content root.
    await server.waitFor(/Content root path: .*\n/);
    expect(server.lines).toEqual([
      'info: Microsoft.Hosting.Lifetime[14]',
      `      ${dotnetMessage('AspNetCore_NowListeningOn', url)}`,
      'info: Microsoft.Hosting.Lifetime[0]',
      `      ${dotnetMessage('AspNetCore_ApplicationStarted')}`,
      'info: Microsoft.Hosting.Lifetime[0]',
      '      Hosting environment: Production',
      'info: Microsoft.Hosting.Lifetime[0]',
      `      Content root path: ${path.resolve(root)}`,
    ]);
    expect(await server.stop('SIGINT')).toEqual({ code: 0, signal: null });
    expect(server.stderr).toBe('');
  });

  it('answers each message with "서버에서 응답: " + the message and logs it as the seed does', async () => {
    const server = ExampleProcess.start('section5-controller.js', anyPort);
    const client = await wsConnect(wsUrl(await server.listeningUrl()));
    client.send('안녕하세요');
    expect(await nextMessage(client)).toBe('서버에서 응답: 안녕하세요');
    client.send('second message');
    expect(await nextMessage(client)).toBe('서버에서 응답: second message');
    await server.waitFor(/클라이언트 메시지 수신: second message\n/);
    expect(server.lines.filter((l) => l.startsWith('클라이언트'))).toEqual([
      '클라이언트 메시지 수신: 안녕하세요',
      '클라이언트 메시지 수신: second message',
    ]);
  });

  it("closes with the client's status and description", async () => {
    const server = ExampleProcess.start('section5-controller.js', anyPort);
    const client = await wsConnect(wsUrl(await server.listeningUrl()));
    const closed = closeEvent(client);
    client.close(4000, 'bye now');
    expect(await closed).toEqual({ code: 4000, reason: 'bye now' });
  });

  it('answers a plain GET on /ws with 400', async () => {
    const server = ExampleProcess.start('section5-controller.js', anyPort);
    const res = await httpGet(`${await server.listeningUrl()}/ws`);
    expect(res.status).toBe(400);
  });

  it('on Ctrl+C closes open WebSockets with 1001 EndpointUnavailable and exits with code 0', async () => {
    const server = ExampleProcess.start('section5-controller.js', anyPort);
    const client = await wsConnect(wsUrl(await server.listeningUrl()));
    client.send('before shutdown');
    expect(await nextMessage(client)).toBe('서버에서 응답: before shutdown');
    const closed = closeEvent(client);
    const exit = await server.stop('SIGINT');
    expect((await closed).code).toBe(1001);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.lines.slice(-2)).toEqual(['info: Microsoft.Hosting.Lifetime[0]', `      ${dotnetMessage('AspNetCore_ApplicationShuttingDown')}`]);
    // The seed's loop then calls CloseAsync on a socket that the host's 1001 and the client's reply have
    // already Closed: .NET throws there too, but the host does not log what its own shutdown caused.
    expect(server.stderr).toBe('');
  });
});
