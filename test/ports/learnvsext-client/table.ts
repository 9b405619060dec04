// Table-only port of AvtsVivek/LearnVsExt src/apps/480500-WebSocketExOne/WebSocketExOneClient/Program.cs
// (see ../README.md): prints what the server sends, answers its close.
import { ClientWebSocket, WebSocketState, WebSocketMessageType, WebSocketCloseStatus } from 'dotnet-ws/System.Net.WebSockets';
import { Uri } from 'dotnet-ws/System';
import { Encoding } from 'dotnet-ws/System.Text';
import { CancellationToken } from 'dotnet-ws/System.Threading';

Console.Title = 'Client';

using ws = new ClientWebSocket();

await ws.ConnectAsync(new Uri('ws://localhost:5050/ws'), CancellationToken.None);
const buf: Uint8Array = new Uint8Array(1056);

while (ws.State === WebSocketState.Open) {
  const result = await ws.ReceiveAsync(buf, CancellationToken.None);

  if (result.MessageType === WebSocketMessageType.Close) {
    await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    console.log(`Client close ${result.CloseStatusDescription}`);
  } else {
    console.log(`string received: ${Encoding.ASCII.GetString(buf, 0, result.Count)}`);
  }
}
