// Table-only port of andrebaltieri/dotnet-simple-websocket Server/Program.cs (see ../README.md): a
// minimal-API server that pushes the time every second.
import { WebApplication } from 'dotnet-ws/Microsoft.AspNetCore.Builder';
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
      await webSocket.SendAsync(
        Encoding.ASCII.GetBytes(`.NET Rocks -> ${DateTime.Now}`),
        WebSocketMessageType.Text,
        true,
        CancellationToken.None,
      );
      await Task.Delay(1000);
    }
  }
});
await app.RunAsync();
