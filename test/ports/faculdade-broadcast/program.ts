// Port of daniloflorenzano/Faculdade-WebSocket Server/Program.cs (see ../README.md): a
// minimal-API chat server that broadcasts every message to every connection.
// Running version: table.ts plus the hand changes listed in ../README.md (marked `// hand:`); the
// harness change (marked `// harness:`) only lets the test choose the port or URL.
import { WebApplication } from 'dotnet-ws/Microsoft.AspNetCore.Builder';
import { randomUUID } from 'node:crypto'; // hand: Guid
import { HttpStatusCode } from 'dotnet-ws/System.Net'; // hand: the import (HttpStatusCode is new in the library)
import { WebSocket, WebSocketState, WebSocketMessageType, WebSocketCloseStatus } from 'dotnet-ws/System.Net.WebSockets';
import { Encoding } from 'dotnet-ws/System.Text';
import { CancellationToken } from 'dotnet-ws/System.Threading';

const builder = WebApplication.CreateBuilder(process.argv.slice(2));
const app = builder.Build();

const buffer = new Uint8Array(256);
const connections = new Map<string, WebSocket>(); // hand: Dictionary

app.UseWebSockets();
app.Map('/', async (context) => {
  if (!context.WebSockets.IsWebSocketRequest) context.Response.StatusCode = HttpStatusCode.BadRequest as number;
  else {
    using webSocket = await context.WebSockets.AcceptWebSocketAsync();
    connections.set(randomUUID(), webSocket); // hand: Dictionary.Add, Guid

    while (true) {
      // hand: the original spins here once the socket is closed (`continue`), which in .NET burns a
      // thread-pool thread and in Node would freeze the event loop: leave the loop instead.
      if (webSocket.State === WebSocketState.Closed) break;

      const res = await webSocket.ReceiveAsync(buffer, CancellationToken.None);

      if (res.MessageType === WebSocketMessageType.Close)
        await webSocket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
      else {
        const recievedMessage = Encoding.ASCII.GetString(buffer, 0, res.Count);
        const recievedMessageInBuffer = Encoding.ASCII.GetBytes(recievedMessage);

        for (const [Key, Value] of connections) {
          // hand: foreach over a Dictionary's KeyValuePairs
          // broadcasting
          if (Value.State === WebSocketState.Open)
            await Value.SendAsync(recievedMessageInBuffer, WebSocketMessageType.Text, true, CancellationToken.None);
          else connections.delete(Key); // hand: Dictionary.Remove
        }
      }
    }
  }
});

await app.RunAsync();
