// Port of andrebaltieri/dotnet-simple-websocket Server/Program.cs (see ../README.md): a
// minimal-API server that pushes the time every second.
// Running version: table.ts plus the hand changes listed in ../README.md (marked `// hand:`); the
// harness change (marked `// harness:`) only lets the test choose the port or URL.
import { WebApplication } from 'dotnet-ws/Microsoft.AspNetCore.Builder';
import { HttpStatusCode } from 'dotnet-ws/System.Net'; // hand: the import (HttpStatusCode is new in the library)
import { WebSocketMessageType } from 'dotnet-ws/System.Net.WebSockets';
import { Encoding } from 'dotnet-ws/System.Text';
import { CancellationToken } from 'dotnet-ws/System.Threading';
import { Task } from 'dotnet-ws/System.Threading.Tasks';

const builder = WebApplication.CreateBuilder(process.argv.slice(2));

const app = builder.Build();

app.UseWebSockets();
app.Map('/', async (context) => {
  if (!context.WebSockets.IsWebSocketRequest) context.Response.StatusCode = HttpStatusCode.BadRequest as number;
  else {
    using webSocket = await context.WebSockets.AcceptWebSocketAsync();
    while (true) {
      // hand: DateTime.Now has no counterpart.
      await webSocket.SendAsync(
        Encoding.ASCII.GetBytes(`.NET Rocks -> ${new Date().toLocaleString()}`),
        WebSocketMessageType.Text,
        true,
        CancellationToken.None,
      );
      await Task.Delay(1000);
    }
  }
});
await app.RunAsync();
