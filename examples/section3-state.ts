/**
 * Seed §3 "WebSocket 상태 확인": checking `webSocket.State` against `WebSocketState.Open`.
 *
 * Around the seed's sample, the action prints the state at each step of a connection's life, so the
 * states the seed lists can be watched: Open after the accept, CloseReceived once the client's close
 * frame arrived, Closed after CloseAsync.
 *
 * Run:  node dist/examples/section3-state.js [--urls http://localhost:5000]
 * Talk: node dist/examples/client.js ws://localhost:5000/ws hello
 */
import { WebApplication } from 'dotnet-ws/Microsoft.AspNetCore.Builder';
import { StatusCodes } from 'dotnet-ws/Microsoft.AspNetCore.Http';
import { ApiController, ControllerBase, HttpGet, Route } from 'dotnet-ws/Microsoft.AspNetCore.Mvc';
import { ArraySegment } from 'dotnet-ws/System';
import { WebSocketMessageType, WebSocketState } from 'dotnet-ws/System.Net.WebSockets';
import { Encoding } from 'dotnet-ws/System.Text';
import { CancellationToken } from 'dotnet-ws/System.Threading';

@Route('/ws')
@ApiController
export class StateController extends ControllerBase {
  @HttpGet
  async Get(): Promise<void> {
    if (!this.HttpContext.WebSockets.IsWebSocketRequest) {
      this.HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
      return;
    }
    using webSocket = await this.HttpContext.WebSockets.AcceptWebSocketAsync();

    // The seed's sample.
    if (webSocket.State === WebSocketState.Open) {
      console.log('WebSocket 연결이 활성화됨');
    }

    // Not in the seed: each step of the connection's life, and the state it leaves the socket in.
    // `WebSocketState[state]` prints the member's name, as C#'s `{webSocket.State}` does.
    console.log(`State: ${WebSocketState[webSocket.State]}`);
    const buffer = new Uint8Array(1024 * 4);
    let result = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    while (result.MessageType !== WebSocketMessageType.Close) {
      const text = Encoding.UTF8.GetString(buffer, 0, result.Count);
      await webSocket.SendAsync(new ArraySegment(Encoding.UTF8.GetBytes(text)), WebSocketMessageType.Text, true, CancellationToken.None);
      console.log(`State after echoing "${text}": ${WebSocketState[webSocket.State]}`);
      result = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    }
    console.log(`State after the client's close frame: ${WebSocketState[webSocket.State]}`);
    await webSocket.CloseAsync(result.CloseStatus.Value, result.CloseStatusDescription, CancellationToken.None);
    console.log(`State after CloseAsync: ${WebSocketState[webSocket.State]}`);
  }
}

const builder = WebApplication.CreateBuilder(process.argv.slice(2));
const app = builder.Build();
app.UseWebSockets();
app.MapControllers();
await app.Run();
