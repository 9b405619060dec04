// The consumer scenario every project in test/package/ compiles under its own settings (ESM or
// CommonJS, standard decorators or experimentalDecorators) against the packed tarball: an attribute-
// routed controller, a WebSocket echo through it and a route parameter, over 127.0.0.1 port 0.
import assert from 'node:assert/strict';
import { WebApplication } from 'dotnet-ws/Microsoft.AspNetCore.Builder';
import { StatusCodes } from 'dotnet-ws/Microsoft.AspNetCore.Http';
import { ApiController, ControllerBase, HttpGet, HttpPost, Route } from 'dotnet-ws/Microsoft.AspNetCore.Mvc';
import { ArraySegment, Uri } from 'dotnet-ws/System';
import { Encoding } from 'dotnet-ws/System.Text';
import { CancellationToken } from 'dotnet-ws/System.Threading';
import { ClientWebSocket, WebSocket, WebSocketCloseStatus, WebSocketMessageType, WebSocketState } from 'dotnet-ws/System.Net.WebSockets';

@Route('/ws')
@ApiController
export class WebSocketController extends ControllerBase {
  // Without parentheses, as [HttpGet] in C#.
  @HttpGet
  async Get(): Promise<void> {
    if (this.HttpContext.WebSockets.IsWebSocketRequest) {
      const webSocket = await this.HttpContext.WebSockets.AcceptWebSocketAsync();
      await WebSocketController.Echo(webSocket);
    } else {
      this.HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
    }
  }

  @HttpGet('rooms/{room}')
  @HttpPost('rooms/{room}')
  Room(room: string): string {
    return `${this.Request.Method} room ${room}`;
  }

  private static async Echo(webSocket: WebSocket): Promise<void> {
    const buffer = new Uint8Array(1024 * 4);
    let receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    while (!receiveResult.CloseStatus.HasValue) {
      await webSocket.SendAsync(
        new ArraySegment(buffer, 0, receiveResult.Count),
        receiveResult.MessageType,
        receiveResult.EndOfMessage,
        CancellationToken.None,
      );
      receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    }
    await webSocket.CloseAsync(receiveResult.CloseStatus.Value, receiveResult.CloseStatusDescription, CancellationToken.None);
  }
}

/** Starts the app, talks to the controller over HTTP and WebSocket, stops it; throws on any difference. */
export async function runScenario(): Promise<string> {
  const app = WebApplication.CreateBuilder([]).Build();
  app.Urls.Add('http://127.0.0.1:0');
  app.UseWebSockets();
  app.MapControllers(WebSocketController);
  await app.StartAsync();
  try {
    const port = new URL(app.Urls[0]!).port;

    const get = await fetch(`http://127.0.0.1:${port}/ws/rooms/lobby`);
    assert.equal(await get.text(), 'GET room lobby');
    const post = await fetch(`http://127.0.0.1:${port}/ws/rooms/kitchen`, { method: 'POST' });
    assert.equal(await post.text(), 'POST room kitchen');
    assert.equal((await fetch(`http://127.0.0.1:${port}/ws`)).status, 400);

    const client = new ClientWebSocket();
    await client.ConnectAsync(new Uri(`ws://127.0.0.1:${port}/ws`), CancellationToken.None);
    assert.equal(client.State, WebSocketState.Open);
    await client.SendAsync(new ArraySegment(Encoding.UTF8.GetBytes('안녕하세요')), WebSocketMessageType.Text, true, CancellationToken.None);
    const buffer = new Uint8Array(64);
    const echo = await client.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    assert.equal(echo.MessageType, WebSocketMessageType.Text);
    assert.equal(Encoding.UTF8.GetString(buffer, 0, echo.Count), '안녕하세요');
    await client.CloseAsync(WebSocketCloseStatus.NormalClosure, 'bye', CancellationToken.None);
    assert.equal(client.State, WebSocketState.Closed);
    assert.equal(client.CloseStatus.Value, WebSocketCloseStatus.NormalClosure);
    assert.equal(client.CloseStatusDescription, 'bye');
    client.Dispose();
  } finally {
    await app.StopAsync();
  }
  return 'controller routes, a WebSocket echo and its close handshake';
}
