/**
 * Seed §4 "WebSocket 이벤트 감지 예제": the receive loop that runs until `receiveResult.CloseStatus.HasValue`.
 *
 * The seed's sample stops at the end of the loop; to finish the close handshake the action then answers
 * the client's close frame with CloseAsync, as §5 does.
 *
 * Run:  node dist/examples/section4-receive-loop.js [--urls http://localhost:5000]
 * Talk: node dist/examples/client.js ws://localhost:5000/ws 하나 둘
 */
import { WebApplication } from 'dotnet-ws/Microsoft.AspNetCore.Builder';
import { StatusCodes } from 'dotnet-ws/Microsoft.AspNetCore.Http';
import { ApiController, ControllerBase, HttpGet, Route } from 'dotnet-ws/Microsoft.AspNetCore.Mvc';
import { ArraySegment } from 'dotnet-ws/System';
import { WebSocketCloseStatus } from 'dotnet-ws/System.Net.WebSockets';
import type { WebSocketReceiveResult } from 'dotnet-ws/System.Net.WebSockets';
import { Encoding } from 'dotnet-ws/System.Text';
import { CancellationToken } from 'dotnet-ws/System.Threading';

@Route('/ws')
@ApiController
export class EventsController extends ControllerBase {
  @HttpGet
  async Get(): Promise<void> {
    if (!this.HttpContext.WebSockets.IsWebSocketRequest) {
      this.HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
      return;
    }
    using webSocket = await this.HttpContext.WebSockets.AcceptWebSocketAsync();

    // The seed's sample.
    const buffer = new Uint8Array(1024 * 4);
    let receiveResult: WebSocketReceiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);

    while (!receiveResult.CloseStatus.HasValue) {
      const receivedMessage: string = Encoding.UTF8.GetString(buffer, 0, receiveResult.Count);
      console.log(`클라이언트 메시지: ${receivedMessage}`);
      receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    }

    // Not in the seed: complete the close handshake with the client's status and description.
    // `WebSocketCloseStatus[code]` is the member's name (C#'s ToString()); a code with no member prints as a number.
    const closeStatus = receiveResult.CloseStatus.Value;
    console.log(`CloseStatus: ${WebSocketCloseStatus[closeStatus] ?? closeStatus}, CloseStatusDescription: ${receiveResult.CloseStatusDescription}`);
    await webSocket.CloseAsync(receiveResult.CloseStatus.Value, receiveResult.CloseStatusDescription, CancellationToken.None);
  }
}

const builder = WebApplication.CreateBuilder(process.argv.slice(2));
const app = builder.Build();
app.UseWebSockets();
app.MapControllers();
await app.Run();
