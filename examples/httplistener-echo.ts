/**
 * The classic .NET WebSocket server without ASP.NET Core: an HttpListener that accepts WebSocket requests
 * on one prefix and echoes every message back, line by line as C# writes it.
 *
 * Run:  node dist/examples/httplistener-echo.js        (PORT from the environment; default 8080)
 * Try:  node dist/examples/client.js ws://localhost:8080/ws/ 안녕하세요
 * Stop: Ctrl+C: the listener is closed (its WebSockets with it) and the process exits.
 */
import { HttpListener } from 'dotnet-ws/System.Net';
import type { HttpListenerContext } from 'dotnet-ws/System.Net';
import { ObjectDisposedException } from 'dotnet-ws/System';
import { CancellationToken } from 'dotnet-ws/System.Threading';
import { WebSocketCloseStatus, WebSocketMessageType, WebSocketState } from 'dotnet-ws/System.Net.WebSockets';

const port = Number(process.env['PORT'] ?? 8080);
const host = process.env['HOST'] ?? 'localhost';

const listener = new HttpListener();
listener.Prefixes.Add(`http://${host}:${port}/ws/`);
listener.Start();
console.log(`Listening on http://${host}:${port}/ws/`);

process.once('SIGINT', () => {
  console.log('Shutting down...');
  listener.Close();
});

async function Echo(context: HttpListenerContext): Promise<void> {
  const wsContext = await context.AcceptWebSocketAsync(null);
  const webSocket = wsContext.WebSocket;
  console.log(`Connected: ${context.Request.RemoteEndPoint.ToString()}`);
  const buffer = new Uint8Array(1024 * 4);
  try {
    while (webSocket.State === WebSocketState.Open) {
      const result = await webSocket.ReceiveAsync(buffer, CancellationToken.None);
      if (result.MessageType === WebSocketMessageType.Close) {
        await webSocket.CloseAsync(WebSocketCloseStatus.NormalClosure, '', CancellationToken.None);
        break;
      }
      await webSocket.SendAsync(buffer.subarray(0, result.Count), result.MessageType, result.EndOfMessage, CancellationToken.None);
    }
  } catch (e) {
    console.log(`Connection ended: ${(e as Error).message}`);
  } finally {
    webSocket.Dispose();
    console.log('Disconnected');
  }
}

for (;;) {
  let context: HttpListenerContext;
  try {
    context = await listener.GetContextAsync();
  } catch (e) {
    if (e instanceof ObjectDisposedException) break;
    throw e;
  }
  if (context.Request.IsWebSocketRequest) {
    void Echo(context);
  } else {
    context.Response.StatusCode = 400;
    context.Response.Close();
  }
}
