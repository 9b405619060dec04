// Table-only port of daniloflorenzano/Faculdade-WebSocket Server/Program.cs (see ../README.md): a
// minimal-API chat server that broadcasts every message to every connection.
import { WebApplication } from 'dotnet-ws/Microsoft.AspNetCore.Builder';
import { WebSocket, WebSocketState, WebSocketMessageType, WebSocketCloseStatus } from 'dotnet-ws/System.Net.WebSockets';
import { Encoding } from 'dotnet-ws/System.Text';
import { CancellationToken } from 'dotnet-ws/System.Threading';

const builder = WebApplication.CreateBuilder(process.argv.slice(2));
const app = builder.Build();

const buffer = new Uint8Array(256);
const connections = new Dictionary<string, WebSocket>();

app.UseWebSockets();
app.Map('/', async (context) => {
  if (!context.WebSockets.IsWebSocketRequest) context.Response.StatusCode = HttpStatusCode.BadRequest as number;
  else {
    using webSocket = await context.WebSockets.AcceptWebSocketAsync();
    connections.Add(Guid.NewGuid().ToString(), webSocket);

    while (true) {
      if (webSocket.State === WebSocketState.Closed) continue;

      const res = await webSocket.ReceiveAsync(buffer, CancellationToken.None);

      if (res.MessageType === WebSocketMessageType.Close)
        await webSocket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
      else {
        const recievedMessage = Encoding.ASCII.GetString(buffer, 0, res.Count);
        const recievedMessageInBuffer = Encoding.ASCII.GetBytes(recievedMessage);

        for (const connection of connections) {
          // broadcasting
          if (connection.Value.State === WebSocketState.Open)
            await connection.Value.SendAsync(recievedMessageInBuffer, WebSocketMessageType.Text, true, CancellationToken.None);
          else connections.Remove(connection.Key);
        }
      }
    }
  }
});

await app.RunAsync();
