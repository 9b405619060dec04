/**
 * Seed §5 "WebSocket 서버 예제 (컨트롤러 기반)": the controller-based echo server, line for line.
 *
 * In an ASP.NET Core project this is Controllers/WebSocketController.cs. Importing this module defines
 * the class, and its `@Route`/`@ApiController` decorators register it for `app.MapControllers()` (there is
 * no assembly scan in Node.js: see section5-controller.ts, which imports it).
 */
// using Microsoft.AspNetCore.Mvc;
import { ApiController, ControllerBase, HttpGet, Route } from 'dotnet-ws/Microsoft.AspNetCore.Mvc';
// using System.Net.WebSockets;
import { WebSocketMessageType } from 'dotnet-ws/System.Net.WebSockets';
import type { WebSocket } from 'dotnet-ws/System.Net.WebSockets';
// using System.Text;
import { Encoding } from 'dotnet-ws/System.Text';
// What the Web SDK's implicit usings give C# (System, System.Threading, Microsoft.AspNetCore.Http).
import { ArraySegment } from 'dotnet-ws/System';
import { CancellationToken } from 'dotnet-ws/System.Threading';
import { StatusCodes } from 'dotnet-ws/Microsoft.AspNetCore.Http';

@Route('/ws')
@ApiController
export class WebSocketController extends ControllerBase {
  @HttpGet
  async Get(): Promise<void> {
    if (this.HttpContext.WebSockets.IsWebSocketRequest) {
      using webSocket = await this.HttpContext.WebSockets.AcceptWebSocketAsync();
      await WebSocketController.HandleWebSocketMessages(webSocket);
    } else {
      this.HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
    }
  }

  private static async HandleWebSocketMessages(webSocket: WebSocket): Promise<void> {
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
}
