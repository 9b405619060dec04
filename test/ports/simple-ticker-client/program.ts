// Port of andrebaltieri/dotnet-simple-websocket Client/Program.cs (see ../README.md): prints
// what the server pushes until it closes.
// Running version: table.ts plus the hand changes listed in ../README.md (marked `// hand:`); the
// harness change (marked `// harness:`) only lets the test choose the port or URL.
import { ClientWebSocket, WebSocketState, WebSocketMessageType, WebSocketCloseStatus } from 'dotnet-ws/System.Net.WebSockets';
import { Uri } from 'dotnet-ws/System';
import { Encoding } from 'dotnet-ws/System.Text';
import { CancellationToken } from 'dotnet-ws/System.Threading';

using ws = new ClientWebSocket();
await ws.ConnectAsync(new Uri(process.argv[2] ?? 'ws://localhost:5065/') /* harness: URL */, CancellationToken.None);

const buffer = new Uint8Array(256);
while (ws.State === WebSocketState.Open) {
  const result = await ws.ReceiveAsync(buffer, CancellationToken.None);
  if (result.MessageType === WebSocketMessageType.Close)
    await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
  else console.log(Encoding.ASCII.GetString(buffer, 0, result.Count));
}
