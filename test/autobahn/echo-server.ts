/**
 * The server under test for Autobahn|Testsuite's fuzzingclient, written as a C# user writes an echo server
 * on ASP.NET Core: WebApplication, UseWebSockets, app.Map, AcceptWebSocketAsync with compression enabled,
 * and the ReceiveAsync/SendAsync loop of the .NET samples. Each fragment is echoed as it arrives
 * (SendAsync(buffer[0..Count], MessageType, EndOfMessage)), so nothing is reassembled here; the close is
 * answered with the status and description received.
 *
 * Run:  node test/autobahn/.build/echo-server.js --urls http://127.0.0.1:0
 *       (prints "Now listening on: http://127.0.0.1:PORT"; wstest connects to ws://127.0.0.1:PORT/)
 *
 * C#:
 *   app.Map("/", async context => {
 *       if (context.WebSockets.IsWebSocketRequest) {
 *           using var webSocket = await context.WebSockets.AcceptWebSocketAsync(
 *               new WebSocketAcceptContext { DangerousEnableCompression = true, KeepAliveInterval = TimeSpan.Zero });
 *           await Echo(webSocket);
 *       } else context.Response.StatusCode = StatusCodes.Status400BadRequest;
 *   });
 */
import { WebApplication } from 'dotnet-ws/Microsoft.AspNetCore.Builder';
import { StatusCodes, WebSocketAcceptContext } from 'dotnet-ws/Microsoft.AspNetCore.Http';
import type { HttpContext } from 'dotnet-ws/Microsoft.AspNetCore.Http';
import { ArraySegment, TimeSpan } from 'dotnet-ws/System';
import type { WebSocket } from 'dotnet-ws/System.Net.WebSockets';
import { CancellationToken } from 'dotnet-ws/System.Threading';

const builder = WebApplication.CreateBuilder(process.argv.slice(2));
const app = builder.Build();

app.UseWebSockets();

app.Map('/', async (context: HttpContext) => {
  if (context.WebSockets.IsWebSocketRequest) {
    // KeepAliveInterval = TimeSpan.Zero: ASP.NET Core's default sends an unsolicited Pong every 2 minutes,
    // and wstest ends a 12.*/13.* case at the first control frame it receives (Case.onPong closes with
    // 1000), failing any case slower than that.
    using webSocket = await context.WebSockets.AcceptWebSocketAsync(
      new WebSocketAcceptContext({ DangerousEnableCompression: true, KeepAliveInterval: TimeSpan.Zero }),
    );
    await Echo(webSocket);
  } else {
    context.Response.StatusCode = StatusCodes.Status400BadRequest;
  }
});

await app.Run();

async function Echo(webSocket: WebSocket): Promise<void> {
  const buffer = new Uint8Array(64 * 1024);
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
