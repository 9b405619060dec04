// A connection keeps the process alive only while an operation on it is pending, as a .NET program ends
// when Main returns: a console client that returns without closing exits instead of hanging.
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';

const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
let server: WebSocketServer | null = null;
afterEach(async () => {
  for (const client of server?.clients ?? []) client.terminate();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = null;
});

/** Runs a module as a child process; resolves with its exit code and output (killed after 10 s). */
function run(source: string, port: number): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--input-type=module', '-e', source, String(port)], { timeout: 10_000 }, (err, stdout) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout });
    });
  });
}

describe('ClientWebSocket and the process lifetime', () => {
  it('lets a program that returns without closing exit', async () => {
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await once(server, 'listening');
    server.on('connection', (ws) => ws.on('message', (m) => ws.send(m)));
    const { port } = server.address() as AddressInfo;
    const { code, stdout } = await run(
      `import { ClientWebSocket, Uri, CancellationToken, ArraySegment, WebSocketMessageType } from ${JSON.stringify(dist)};
       const ws = new ClientWebSocket();
       await ws.ConnectAsync(new Uri('ws://127.0.0.1:' + process.argv[1] + '/'), CancellationToken.None);
       await ws.SendAsync(new ArraySegment(Buffer.from('hi')), WebSocketMessageType.Text, true, CancellationToken.None);
       const buffer = new Uint8Array(16);
       const r = await ws.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
       console.log('got', Buffer.from(buffer.subarray(0, r.Count)).toString());`,
      port,
    );
    expect([code, stdout.trim()]).toEqual([0, 'got hi']);
  });

  it('keeps the process alive while a receive is pending', async () => {
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await once(server, 'listening');
    // The server answers only after a while; the program must wait for it, not exit early.
    server.on('connection', (ws) => setTimeout(() => ws.send('late'), 300));
    const { port } = server.address() as AddressInfo;
    const { code, stdout } = await run(
      `import { ClientWebSocket, Uri, CancellationToken, ArraySegment } from ${JSON.stringify(dist)};
       const ws = new ClientWebSocket();
       await ws.ConnectAsync(new Uri('ws://127.0.0.1:' + process.argv[1] + '/'), CancellationToken.None);
       const buffer = new Uint8Array(16);
       ws.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None).then((r) =>
         console.log('got', Buffer.from(buffer.subarray(0, r.Count)).toString()));`,
      port,
    );
    expect([code, stdout.trim()]).toEqual([0, 'got late']);
  });
});
