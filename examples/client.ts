/**
 * A console client for the seed's §5 echo server, written as C# would write it with `ClientWebSocket`:
 * connect, send each message and print the server's reply ("서버에서 응답: …"), then close.
 *
 * Run:  node dist/examples/client.js [ws://localhost:5000/ws] [message …]
 *       With messages on the command line it sends those; without, it sends each line typed (or piped)
 *       on standard input until end of input (Ctrl+D).
 * Exit code: 0 after a clean close, 1 when the server cannot be reached.
 */
import { createInterface } from 'node:readline';
import { ArraySegment, Uri } from 'dotnet-ws/System';
import {
  ClientWebSocket,
  WebSocketCloseStatus,
  WebSocketError,
  WebSocketException,
  WebSocketMessageType,
  WebSocketState,
} from 'dotnet-ws/System.Net.WebSockets';
import type { WebSocketReceiveResult } from 'dotnet-ws/System.Net.WebSockets';
import { Encoding } from 'dotnet-ws/System.Text';
import { CancellationToken } from 'dotnet-ws/System.Threading';

async function Main(args: string[]): Promise<number> {
  const [url = 'ws://localhost:5000/ws', ...messages] = args;

  using webSocket = new ClientWebSocket();
  try {
    await webSocket.ConnectAsync(new Uri(url), CancellationToken.None);
  } catch (ex) {
    // C#: catch (WebSocketException ex) when (ex.WebSocketErrorCode == WebSocketError.Faulted)
    if (!(ex instanceof WebSocketException && ex.WebSocketErrorCode === WebSocketError.Faulted)) throw ex;
    console.error(`연결 실패: ${url}: ${ex.Message}`);
    return 1;
  }
  console.log(`연결됨: ${url} (State: ${WebSocketState[webSocket.State]})`);

  const buffer = new Uint8Array(1024 * 4);
  let closeResult: WebSocketReceiveResult | null = null;
  const lines = messages.length > 0 ? messages : createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    const message = Encoding.UTF8.GetBytes(line);
    await webSocket.SendAsync(new ArraySegment(message), WebSocketMessageType.Text, true, CancellationToken.None);

    const result = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    if (result.CloseStatus.HasValue) {
      closeResult = result;
      break;
    }
    console.log(Encoding.UTF8.GetString(buffer, 0, result.Count));
  }

  if (closeResult === null) {
    // We close: the server answers with the same status and description.
    await webSocket.CloseAsync(WebSocketCloseStatus.NormalClosure, 'Closing connection', CancellationToken.None);
  } else {
    // The server closed first (e.g. it is shutting down: 1001 EndpointUnavailable): answer with its status.
    await webSocket.CloseAsync(closeResult.CloseStatus.Value, closeResult.CloseStatusDescription, CancellationToken.None);
  }
  const closeStatus = webSocket.CloseStatus.Value;
  console.log(
    `연결 종료: State ${WebSocketState[webSocket.State]}, ` +
      `CloseStatus ${WebSocketCloseStatus[closeStatus] ?? closeStatus}, CloseStatusDescription ${webSocket.CloseStatusDescription}`,
  );
  return 0;
}

process.exitCode = await Main(process.argv.slice(2));
