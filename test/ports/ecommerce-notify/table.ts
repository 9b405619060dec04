// Table-only port of BuiMinhWin/E-Commerce-Microservice DemoWebSocket/DemoWebSocket/Program.cs (see
// ../README.md): a minimal-API server that sends "Notification: …" to every open client.
import { WebApplication } from 'dotnet-ws/Microsoft.AspNetCore.Builder';
import { WebSocket, WebSocketState, WebSocketMessageType } from 'dotnet-ws/System.Net.WebSockets';
import { ArraySegment } from 'dotnet-ws/System';
import { Encoding } from 'dotnet-ws/System.Text';
import { CancellationToken } from 'dotnet-ws/System.Threading';

const builder = WebApplication.CreateBuilder(process.argv.slice(2));
const app = builder.Build();

app.UseWebSockets();

const connectedClients = new List<WebSocket>();

app.Map('/ws', async (context) => {
  if (context.WebSockets.IsWebSocketRequest) {
    const webSocket = await context.WebSockets.AcceptWebSocketAsync();
    connectedClients.Add(webSocket);

    await HandleClient(webSocket, connectedClients);
  } else {
    context.Response.StatusCode = 400;
  }
});

await app.Run();

async function HandleClient(webSocket: WebSocket, connectedClients: List<WebSocket>): Promise<void> {
  const buffer = new Uint8Array(1024 * 4);
  let result = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);

  while (!result.CloseStatus.HasValue) {
    const message = Encoding.UTF8.GetString(buffer, 0, result.Count);

    for (const client of connectedClients) {
      if (client.State === WebSocketState.Open) {
        const responseMessage = Encoding.UTF8.GetBytes(`Notification: ${message}`);
        await client.SendAsync(new ArraySegment(responseMessage), WebSocketMessageType.Text, true, CancellationToken.None);
      }
    }

    result = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
  }

  connectedClients.Remove(webSocket);
  await webSocket.CloseAsync(result.CloseStatus.Value, result.CloseStatusDescription, CancellationToken.None);
}
