/**
 * The seed's §5 echo server as a minimal API: `app.Map("/ws", …)` in Program.cs instead of a controller.
 * The handler and HandleWebSocketMessages are §5's lines; only `this.HttpContext` became the handler's
 * `context` parameter.
 *
 * Run:  node dist/examples/minimal-api.js [--urls http://localhost:5000]
 * Talk: node dist/examples/client.js ws://localhost:5000/ws 안녕하세요
 */
import { WebApplication } from 'dotnet-ws/Microsoft.AspNetCore.Builder';
import { StatusCodes } from 'dotnet-ws/Microsoft.AspNetCore.Http';
import type { HttpContext } from 'dotnet-ws/Microsoft.AspNetCore.Http';
import { ArraySegment } from 'dotnet-ws/System';
import { WebSocketMessageType } from 'dotnet-ws/System.Net.WebSockets';
import type { WebSocket } from 'dotnet-ws/System.Net.WebSockets';
import { Encoding } from 'dotnet-ws/System.Text';
import { CancellationToken } from 'dotnet-ws/System.Threading';

const builder = WebApplication.CreateBuilder(process.argv.slice(2));
const app = builder.Build();

app.UseWebSockets();

app.Map('/ws', async (context: HttpContext) => {
  if (context.WebSockets.IsWebSocketRequest) {
    using webSocket = await context.WebSockets.AcceptWebSocketAsync();
    await HandleWebSocketMessages(webSocket);
  } else {
    context.Response.StatusCode = StatusCodes.Status400BadRequest;
  }
});

await app.Run();

async function HandleWebSocketMessages(webSocket: WebSocket): Promise<void> {
  const buffer = new Uint8Array(1024 * 4);
  let receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);

  while (!receiveResult.CloseStatus.HasValue) {
    const receivedMessage: string = Encoding.UTF8.GetString(buffer, 0, receiveResult.Count);
    console.log(`클라이언트 메시지 수신: ${receivedMessage}`);

    const responseMessage: string = '서버에서 응답: ' + receivedMessage;
    const responseBuffer: Uint8Array = Encoding.UTF8.GetBytes(responseMessage);

    await webSocket.SendAsync(
      new ArraySegment(responseBuffer),
      WebSocketMessageType.Text,
      true,
      CancellationToken.None);

    receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
  }

  await webSocket.CloseAsync(
    receiveResult.CloseStatus.Value,
    receiveResult.CloseStatusDescription,
    CancellationToken.None);
}
