// Table-only port of andrebaltieri/dotnet-simple-websocket Client/Program.cs (see ../README.md): prints
// what the server pushes until it closes.
import { ClientWebSocket, WebSocketState, WebSocketMessageType, WebSocketCloseStatus } from 'dotnet-ws/System.Net.WebSockets';
import { Uri } from 'dotnet-ws/System';
import { Encoding } from 'dotnet-ws/System.Text';
import { CancellationToken } from 'dotnet-ws/System.Threading';

using ws = new ClientWebSocket();
await ws.ConnectAsync(new Uri('ws://localhost:5065/'), CancellationToken.None);

const buffer = new Uint8Array(256);
while (ws.State === WebSocketState.Open) {
  const result = await ws.ReceiveAsync(buffer, CancellationToken.None);
  if (result.MessageType === WebSocketMessageType.Close)
    await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
  else console.log(Encoding.ASCII.GetString(buffer, 0, result.Count));
}
