// Table-only port of YFKxenigsegg/Presentation2 Program.cs (see ../README.md): an HttpListener echo server.
import { HttpListener, HttpListenerContext } from 'dotnet-ws/System.Net';
import { WebSocket, WebSocketReceiveResult, HttpListenerWebSocketContext } from 'dotnet-ws/System.Net.WebSockets';
import { ArraySegment } from 'dotnet-ws/System';
import { Encoding } from 'dotnet-ws/System.Text';
import { CancellationToken } from 'dotnet-ws/System.Threading';

class Program {
  static async Main(args: string[]): Promise<void> {
    const httpListener: HttpListener = new HttpListener();
    httpListener.Prefixes.Add('http://localhost:5000/');
    httpListener.Start();
    console.log('Listening...');

    while (true) {
      const context: HttpListenerContext = await httpListener.GetContextAsync();
      if (context.Request.IsWebSocketRequest) {
        const wsContext: HttpListenerWebSocketContext = await context.AcceptWebSocketAsync(null);
        const webSocket: WebSocket = wsContext.WebSocket;

        await Program.Echo(webSocket);
      } else {
        context.Response.StatusCode = 400;
        context.Response.Close();
      }
    }
  }

  private static async Echo(webSocket: WebSocket): Promise<void> {
    const buffer = new Uint8Array(1024 * 4);
    let result: WebSocketReceiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);

    while (!result.CloseStatus.HasValue) {
      const receivedMessage = Encoding.UTF8.GetString(buffer, 0, result.Count);
      console.log('Received: ' + receivedMessage);

      const serverMessage = Encoding.UTF8.GetBytes('Echo: ' + receivedMessage);
      await webSocket.SendAsync(new ArraySegment(serverMessage), result.MessageType, result.EndOfMessage, CancellationToken.None);

      result = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    }

    await webSocket.CloseAsync(result.CloseStatus.Value, result.CloseStatusDescription, CancellationToken.None);
  }
}
