// examples/demo.ts (what `npm start` runs): the §5 controller server with the browser page at /, run as a
// process. The page itself is driven in a real browser by the interop suite (npm run test:interop).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ExampleProcess, anyPort, closeEvent, httpGet, loggedExceptions, nextMessage, root, wsConnect, wsUrl } from './example-process.js';

describe('demo', () => {
  it('is what npm start runs, after building', () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['start']).toBe('node dist/examples/demo.js');
    expect(pkg.scripts['prestart']).toMatch(/npm run build/);
  });

  it('serves the page at / with the elements a test drives', async () => {
    const server = ExampleProcess.start('demo.js', anyPort);
    const res = await httpGet(`${await server.listeningUrl()}/`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    for (const id of ['state', 'message', 'send', 'close', 'connect', 'log']) {
      expect(res.body).toContain(`id="${id}"`);
    }
    expect(res.body).toContain('new WebSocket(url)');
  });

  it('echoes through the seed\'s controller on /ws and logs each message as the seed does', async () => {
    const server = ExampleProcess.start('demo.js', anyPort);
    const client = await wsConnect(wsUrl(await server.listeningUrl()));
    client.send('브라우저에서');
    expect(await nextMessage(client)).toBe('서버에서 응답: 브라우저에서');
    await server.waitFor(/클라이언트 메시지 수신: 브라우저에서\n/);
    const closed = closeEvent(client);
    client.close(1000, 'Closing connection');
    expect(await closed).toEqual({ code: 1000, reason: 'Closing connection' });
  });

  it('on Ctrl+C closes every WebSocket with 1001 EndpointUnavailable and exits with code 0', async () => {
    const server = ExampleProcess.start('demo.js', anyPort);
    const url = wsUrl(await server.listeningUrl());
    const clients = await Promise.all([wsConnect(url), wsConnect(url)]);
    const closed = clients.map(closeEvent);
    const exit = await server.stop('SIGINT');
    expect((await Promise.all(closed)).map((c) => c.code)).toEqual([1001, 1001]);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.lines.slice(-2)).toEqual(['info: Microsoft.Hosting.Lifetime[0]', `      ${dotnetMessage('AspNetCore_ApplicationShuttingDown')}`]);
    // The seed's CloseAsync on a socket the host's 1001 already Closed is a consequence of the shutdown:
    // the host does not log it, so stderr stays empty.
    expect(loggedExceptions(server.stderr)).toEqual([]);
    expect(server.stderr).toBe('');
  });

  it('exits with code 0 and nothing on stderr on Ctrl+C after a page load', async () => {
    const server = ExampleProcess.start('demo.js', anyPort);
    expect((await httpGet(`${await server.listeningUrl()}/`)).status).toBe(200);
    expect(await server.stop('SIGINT')).toEqual({ code: 0, signal: null });
    expect(server.stderr).toBe('');
  });
});
