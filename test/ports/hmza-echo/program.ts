// Port of hmza-smha/WebSocket Program.cs (see ../README.md): an HttpListener server on /ws/.
// Running version: table.ts plus the hand changes listed in ../README.md (marked `// hand:`); the
// harness change (marked `// harness:`) only lets the test choose the port or URL.
import { HttpListener, HttpListenerContext } from 'dotnet-ws/System.Net';
import {
  WebSocket,
  WebSocketReceiveResult,
  WebSocketMessageType,
  WebSocketCloseStatus,
  HttpListenerWebSocketContext,
} from 'dotnet-ws/System.Net.WebSockets';
import { ArraySegment } from 'dotnet-ws/System';
import { Encoding } from 'dotnet-ws/System.Text';
import { CancellationToken } from 'dotnet-ws/System.Threading';

class WebSocketServer {
  public static async Main(args: string[]): Promise<void> {
    const listener: HttpListener = new HttpListener();
    listener.Prefixes.Add(`http://localhost:${process.env['PORT'] ?? '5000'}/ws/`); // harness: PORT
    listener.Start();
    console.log('WebSocket server started at ws://localhost:5000/ws/');

    while (true) {
      const context: HttpListenerContext = await listener.GetContextAsync();
      if (context.Request.IsWebSocketRequest) {
        const wsContext: HttpListenerWebSocketContext = await context.AcceptWebSocketAsync(null);
        const webSocket: WebSocket = wsContext.WebSocket;
        await WebSocketServer.HandleWebSocketConnection(webSocket);
      } else {
        context.Response.StatusCode = 400;
        context.Response.Close();
      }
    }
  }

  private static async HandleWebSocketConnection(webSocket: WebSocket): Promise<void> {
    const buffer: Uint8Array = new Uint8Array(1024);
    let result: WebSocketReceiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);

    while (result.MessageType !== WebSocketMessageType.Close) {
      const receivedMessage: string = Encoding.UTF8.GetString(buffer, 0, result.Count);
      console.log('Received: ' + receivedMessage);

      const responseMessage: string = 'Echo: ' + receivedMessage;
      const responseBuffer: Uint8Array = Encoding.UTF8.GetBytes(responseMessage);
      await webSocket.SendAsync(new ArraySegment(responseBuffer), WebSocketMessageType.Text, true, CancellationToken.None);

      result = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    }

    await webSocket.CloseAsync(WebSocketCloseStatus.NormalClosure, 'Closing', CancellationToken.None);
  }
}

// hand: nothing calls Main in JavaScript.
await WebSocketServer.Main(process.argv.slice(2));
