// Port of AvtsVivek/LearnVsExt src/apps/480500-WebSocketExOne/WebSocketExOneClient/Program.cs
// (see ../README.md): prints what the server sends, answers its close.
// Running version: table.ts plus the hand changes listed in ../README.md (marked `// hand:`); the
// harness change (marked `// harness:`) only lets the test choose the port or URL.
import { ClientWebSocket, WebSocketState, WebSocketMessageType, WebSocketCloseStatus } from 'dotnet-ws/System.Net.WebSockets';
import { ArraySegment, Uri } from 'dotnet-ws/System'; // hand: ArraySegment, for ReceiveAsync below
import { Encoding } from 'dotnet-ws/System.Text';
import { CancellationToken } from 'dotnet-ws/System.Threading';

process.title = 'Client'; // hand: Console.Title

using ws = new ClientWebSocket();

await ws.ConnectAsync(new Uri(process.argv[2] ?? 'ws://localhost:5050/ws') /* harness: URL */, CancellationToken.None);
const buf: Uint8Array = new Uint8Array(1056);

while (ws.State === WebSocketState.Open) {
  // hand: C# picks the ArraySegment overload for a byte[], whose result has CloseStatusDescription.
  const result = await ws.ReceiveAsync(new ArraySegment(buf), CancellationToken.None);

  if (result.MessageType === WebSocketMessageType.Close) {
    await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    console.log(`Client close ${result.CloseStatusDescription}`);
  } else {
    console.log(`string received: ${Encoding.ASCII.GetString(buf, 0, result.Count)}`);
  }
}
