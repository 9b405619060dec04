// examples/section3-state.ts: the seed's §3 check of WebSocketState.Open, and the states a connection goes
// through, run as a process and driven by a ws client.
import { describe, expect, it } from 'vitest';
import { ExampleProcess, anyPort, closeEvent, nextMessage, wsConnect, wsUrl } from './example-process.js';

describe('section3-state', () => {
  it('prints "WebSocket 연결이 활성화됨" once accepted, then Open, CloseReceived and Closed', async () => {
    const server = ExampleProcess.start('section3-state.js', anyPort);
    const client = await wsConnect(wsUrl(await server.listeningUrl()));
    await server.waitFor(/State: Open\n/);
    client.send('a');
    expect(await nextMessage(client)).toBe('a');
    const closed = closeEvent(client);
    client.close(1000, 'done');
    expect(await closed).toEqual({ code: 1000, reason: 'done' });
    await server.waitFor(/State after CloseAsync: /);
    expect(server.lines.slice(8)).toEqual([
      'WebSocket 연결이 활성화됨',
      'State: Open',
      'State after echoing "a": Open',
      "State after the client's close frame: CloseReceived",
      'State after CloseAsync: Closed',
    ]);
    expect(await server.stop('SIGINT')).toEqual({ code: 0, signal: null });
    expect(server.stderr).toBe('');
  });
});
