// ClientWebSocket against this project's own server (WebApplication + UseWebSockets), both sides
// written as the seed writes them.
import { describe, expect, it } from 'vitest';
import { WebApplication } from '../../src/Microsoft.AspNetCore.Builder/WebApplication.js';
import type { HttpContext } from '../../src/Microsoft.AspNetCore.Http/HttpContext.js';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { Uri } from '../../src/System/Uri.js';
import { Encoding } from '../../src/System.Text/Encoding.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import { WebSocketCloseStatus } from '../../src/System.Net.WebSockets/WebSocketCloseStatus.js';
import { WebSocketError } from '../../src/System.Net.WebSockets/WebSocketError.js';
import { WebSocketException } from '../../src/System.Net.WebSockets/WebSocketException.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { WebSocketState } from '../../src/System.Net.WebSockets/WebSocketState.js';
import { seedEcho } from '../helpers/messages.js';
import { client, closeAfter } from '../helpers/clients.js';

/** An app on 127.0.0.1:0 mapping `/ws` to `handler`; returns its ws:// base. */
async function serve(handler: (context: HttpContext) => Promise<void>): Promise<string> {
  const app = WebApplication.CreateBuilder([]).Build();
  app.Urls.Add('http://127.0.0.1:0');
  app.UseWebSockets();
  app.Map('/ws', handler);
  await app.StartAsync();
  closeAfter({ close: () => app.StopAsync() });
  return `ws://127.0.0.1:${new URL(app.Urls[0]!).port}`;
}

describe('ClientWebSocket against WebApplication', () => {
  it('round-trips text and binary with the seed loop and closes from the client', async () => {
    const base = await serve(seedEcho);
    const ws = client();
    await ws.ConnectAsync(new Uri(`${base}/ws`), CancellationToken.None);
    expect(ws.State).toBe(WebSocketState.Open);

    await ws.SendAsync(
      new ArraySegment(Encoding.UTF8.GetBytes('Hello WebSocket Server!')),
      WebSocketMessageType.Text,
      true,
      CancellationToken.None,
    );
    const buffer = new Uint8Array(1024 * 4);
    let result = await ws.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    expect([result.MessageType, result.EndOfMessage]).toEqual([WebSocketMessageType.Text, true]);
    expect(Encoding.UTF8.GetString(buffer, 0, result.Count)).toBe('Hello WebSocket Server!');

    await ws.SendAsync(new ArraySegment(new Uint8Array([0, 255, 7])), WebSocketMessageType.Binary, true, CancellationToken.None);
    result = await ws.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    expect(result.MessageType).toBe(WebSocketMessageType.Binary);
    expect(Array.from(buffer.subarray(0, result.Count))).toEqual([0, 255, 7]);

    await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, 'Closing connection', CancellationToken.None);
    expect(ws.State).toBe(WebSocketState.Closed);
    expect(ws.CloseStatus.Value).toBe(WebSocketCloseStatus.NormalClosure);
    expect(ws.CloseStatusDescription).toBe('Closing connection');
  });

  it('reads a large message in pieces', async () => {
    const payload = new Uint8Array(10_000).map((_, i) => i % 251);
    const base = await serve(async (context) => {
      using webSocket = await context.WebSockets.AcceptWebSocketAsync();
      await webSocket.SendAsync(new ArraySegment(payload), WebSocketMessageType.Binary, true, CancellationToken.None);
      const r = await webSocket.ReceiveAsync(new ArraySegment(new Uint8Array(16)), CancellationToken.None);
      await webSocket.CloseAsync(r.CloseStatus.Value, r.CloseStatusDescription, CancellationToken.None);
    });
    const ws = client();
    await ws.ConnectAsync(`${base}/ws`);
    const buffer = new Uint8Array(4096);
    const received: number[] = [];
    const pieces: Array<[number, boolean]> = [];
    for (let i = 0; i < 10; i++) {
      const r = await ws.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
      pieces.push([r.Count, r.EndOfMessage]);
      received.push(...buffer.subarray(0, r.Count));
      if (r.EndOfMessage) break;
    }
    expect(pieces).toEqual([
      [4096, false],
      [4096, false],
      [1808, true],
    ]);
    expect(received).toEqual(Array.from(payload));
    await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    expect(ws.State).toBe(WebSocketState.Closed);
  });

  it('receives a server-initiated close, answers it with CloseOutputAsync and ends Closed', async () => {
    const base = await serve(async (context) => {
      using webSocket = await context.WebSockets.AcceptWebSocketAsync('chat');
      await webSocket.CloseAsync(WebSocketCloseStatus.EndpointUnavailable, 'bye', CancellationToken.None);
    });
    const ws = client();
    ws.Options.AddSubProtocol('chat');
    await ws.ConnectAsync(`${base}/ws`);
    expect(ws.SubProtocol).toBe('chat');
    const buffer = new Uint8Array(64);
    const result = await ws.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    expect(result.MessageType).toBe(WebSocketMessageType.Close);
    expect(result.CloseStatus.Value).toBe(WebSocketCloseStatus.EndpointUnavailable);
    expect(result.CloseStatusDescription).toBe('bye');
    expect(ws.State).toBe(WebSocketState.CloseReceived);
    await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    expect(ws.State).toBe(WebSocketState.Closed);
    await ws.whenClosed();
  });

  it('reports an unmapped path as NotAWebSocket with the 404', async () => {
    const base = await serve(seedEcho);
    const ws = client();
    ws.Options.CollectHttpResponseDetails = true;
    let error: unknown;
    try {
      await ws.ConnectAsync(`${base}/elsewhere`);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WebSocketException);
    expect((error as WebSocketException).WebSocketErrorCode).toBe(WebSocketError.NotAWebSocket);
    expect((error as Error).message).toBe(dotnetMessage('net_WebSockets_ConnectStatusExpected', 404, 101));
    expect(ws.HttpStatusCode).toBe(404);
    expect(ws.State).toBe(WebSocketState.Closed);
  });
});
