/**
 * Seed §2 "주요 메소드": the four samples AcceptWebSocketAsync, ReceiveAsync, SendAsync and CloseAsync,
 * in the seed's order, as one action: accept the client, receive one message, send
 * "Hello WebSocket Client!", close with NormalClosure "Closing connection".
 *
 * Run:  node dist/examples/section2-methods.js [--urls http://localhost:5000]
 * Talk: node dist/examples/client.js ws://localhost:5000/ws hello
 */
import { WebApplication } from 'dotnet-ws/Microsoft.AspNetCore.Builder';
import { StatusCodes } from 'dotnet-ws/Microsoft.AspNetCore.Http';
import { ApiController, ControllerBase, HttpGet, Route } from 'dotnet-ws/Microsoft.AspNetCore.Mvc';
import { ArraySegment } from 'dotnet-ws/System';
import { WebSocketCloseStatus, WebSocketMessageType, WebSocketState } from 'dotnet-ws/System.Net.WebSockets';
import { Encoding } from 'dotnet-ws/System.Text';
import { CancellationToken } from 'dotnet-ws/System.Threading';

@Route('/ws')
@ApiController
export class MethodsController extends ControllerBase {
  @HttpGet
  async Get(): Promise<void> {
    if (!this.HttpContext.WebSockets.IsWebSocketRequest) {
      this.HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
      return;
    }

    // 🔹 AcceptWebSocketAsync
    const webSocket = await this.HttpContext.WebSockets.AcceptWebSocketAsync();

    // 🔹 ReceiveAsync
    const buffer = new Uint8Array(1024 * 4);
    const result = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    // Not in the seed: show what ReceiveAsync returned (a bool as C#'s interpolation prints it: True/False).
    console.log(
      `ReceiveAsync: ${WebSocketMessageType[result.MessageType]}, Count ${result.Count}, ` +
        `EndOfMessage ${result.EndOfMessage ? 'True' : 'False'}: ${Encoding.UTF8.GetString(buffer, 0, result.Count)}`,
    );

    // 🔹 SendAsync
    const message = Encoding.UTF8.GetBytes('Hello WebSocket Client!');
    await webSocket.SendAsync(new ArraySegment(message), WebSocketMessageType.Text, true, CancellationToken.None);

    // 🔹 CloseAsync
    await webSocket.CloseAsync(WebSocketCloseStatus.NormalClosure, 'Closing connection', CancellationToken.None);
    // Not in the seed: the handshake is complete.
    console.log(`CloseAsync: State ${WebSocketState[webSocket.State]}`);
  }
}

const builder = WebApplication.CreateBuilder(process.argv.slice(2));
const app = builder.Build();
app.UseWebSockets();
app.MapControllers();
await app.Run();
