// Table-only port of CodeMazeBlog/CodeMazeGuides aspnetcore-webapi/RestVsWebSocket/Client/Program.cs
// (see ../README.md): a client that prints every message on a Task.Run loop until the server closes.
import { ClientWebSocket, WebSocketMessageType } from 'dotnet-ws/System.Net.WebSockets';
import { ArraySegment, Uri } from 'dotnet-ws/System';
import { Encoding } from 'dotnet-ws/System.Text';
import { CancellationToken } from 'dotnet-ws/System.Threading';
import { Task } from 'dotnet-ws/System.Threading.Tasks';

const ws = new ClientWebSocket();

await ws.ConnectAsync(new Uri('ws://localhost:5289/ws'), CancellationToken.None);

console.log('Connected!');

const receiveTask = Task.Run(async () => {
  const buffer = new Uint8Array(1024);
  while (true) {
    const result = await ws.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);

    if (result.MessageType === WebSocketMessageType.Close) {
      break;
    }

    const message = Encoding.UTF8.GetString(buffer, 0, result.Count);
    console.log('Received: ' + message);
  }
});

await receiveTask;
