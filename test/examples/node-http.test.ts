// examples/node-http.ts: the §5 controller mounted on a plain node:http server beside its own routes,
// run as a process and driven by HTTP requests and a ws client.
import { describe, expect, it } from 'vitest';
import { ExampleProcess, closeEvent, httpGet, nextMessage, wsConnect, wsUrl } from './example-process.js';

/** Starts the example on 127.0.0.1 on a free port and returns it with its address. */
async function start(): Promise<{ server: ExampleProcess; http: string }> {
  const server = ExampleProcess.start('node-http.js', [], { HOST: '127.0.0.1', PORT: '0' });
  const m = await server.waitFor(/Listening on (http:\/\/127\.0\.0\.1:\d+) \(WebSocket: ws:\/\/127\.0\.0\.1:\d+\/ws\)\n/);
  return { server, http: m[1]! };
}

describe('node-http', () => {
  it("serves the existing app's own route", async () => {
    const { http } = await start();
    const res = await httpGet(`${http}/`);
    expect(res.status).toBe(200);
    expect(res.body).toBe('Hello from node:http. WebSocket: ws://<this host>/ws\n');
  });

  it('hands other requests to dotnet-ws (plain GET /ws: the controller\'s 400), then 404', async () => {
    const { http } = await start();
    expect((await httpGet(`${http}/ws`)).status).toBe(400);
    const res = await httpGet(`${http}/nowhere`);
    expect(res.status).toBe(404);
    expect(res.body).toBe('Not Found\n');
  });

  it('serves the seed\'s controller on /ws on the same port', async () => {
    const { server, http } = await start();
    const client = await wsConnect(wsUrl(http));
    client.send('같은 포트');
    expect(await nextMessage(client)).toBe('서버에서 응답: 같은 포트');
    await server.waitFor(/클라이언트 메시지 수신: 같은 포트\n/);
    const closed = closeEvent(client);
    client.close(1000, 'done');
    expect(await closed).toEqual({ code: 1000, reason: 'done' });
  });

  it('on Ctrl+C closes the WebSockets with 1001 EndpointUnavailable, then the server, and exits with 0', async () => {
    const { server, http } = await start();
    const client = await wsConnect(wsUrl(http));
    const closed = closeEvent(client);
    const exit = await server.stop('SIGINT');
    expect((await closed).code).toBe(1001);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.lines.at(-1)).toBe('Shutting down...');
    // As in demo.test.ts: nothing is logged for the seed's CloseAsync on the socket the host closed.
    expect(server.stderr).toBe('');
  });

  it('exits with 0 on Ctrl+C with nothing connected, printing nothing on stderr', async () => {
    const { server } = await start();
    expect(await server.stop('SIGINT')).toEqual({ code: 0, signal: null });
    expect(server.stderr).toBe('');
  });
});
