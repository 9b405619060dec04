/**
 * The client under test for Autobahn|Testsuite's fuzzingserver, written as a C# user writes one with
 * ClientWebSocket: compression offered through Options.DangerousDeflateOptions (unless --plain), then the
 * protocol of the fuzzingserver: /getCaseCount, /runCase?case=N&agent=AGENT for N = 1..count (echoing every
 * fragment as it arrives and answering the close with the status received), and /updateReports?agent=AGENT.
 *
 * With --plain no compression is offered: DangerousDeflateOptions stays null, as in most programs, and a
 * ClientWebSocket on ws:// without compression reads its socket through the process-wide shared read
 * buffer (src/engine/socket-reads.ts), the path that --plain puts under the fuzzingserver.
 *
 * Run:  node test/autobahn/.build/echo-client.js ws://127.0.0.1:9001 dotnet-ws [--plain]
 * Prints "case count: N", then one line per case that ended with an exception (the fuzzingserver judges
 * the rest). Exit code 0 when every case ran, 1 when the fuzzingserver could not be reached.
 */
import { ArraySegment, OperationCanceledException, TimeSpan, Uri } from 'dotnet-ws/System';
import {
  ClientWebSocket,
  WebSocketCloseStatus,
  WebSocketDeflateOptions,
  WebSocketException,
  WebSocketMessageType,
} from 'dotnet-ws/System.Net.WebSockets';
import { Encoding } from 'dotnet-ws/System.Text';
import { CancellationToken, CancellationTokenSource } from 'dotnet-ws/System.Threading';

/** A case the fuzzingserver never ends is cancelled after this (its own longest timeout is 480 s). */
const CaseTimeout = TimeSpan.FromMinutes(10);

async function Main(args: string[]): Promise<number> {
  const offerCompression = !args.includes('--plain');
  const [serverUrl = 'ws://127.0.0.1:9001', agent = 'dotnet-ws'] = args.filter((arg) => arg !== '--plain');

  let caseCount: number;
  try {
    caseCount = await GetCaseCount(serverUrl);
  } catch (ex) {
    if (!(ex instanceof WebSocketException)) throw ex;
    console.error(`fuzzingserver unreachable at ${serverUrl}: ${ex.Message}`);
    return 1;
  }
  console.log(`case count: ${caseCount}; compression ${offerCompression ? 'offered' : 'not offered'}`);

  for (let caseNumber = 1; caseNumber <= caseCount; caseNumber++) {
    try {
      await RunCase(serverUrl, caseNumber, agent, offerCompression);
    } catch (ex) {
      // A case that breaks the protocol ends in an exception, as it does on .NET: note it and go on.
      if (!(ex instanceof WebSocketException || ex instanceof OperationCanceledException)) throw ex;
      console.log(`case ${caseNumber}: ${ex.constructor.name}: ${ex.Message}`);
    }
  }

  await UpdateReports(serverUrl, agent);
  console.log('reports updated');
  return 0;
}

async function GetCaseCount(serverUrl: string): Promise<number> {
  using webSocket = new ClientWebSocket();
  await webSocket.ConnectAsync(new Uri(`${serverUrl}/getCaseCount`), CancellationToken.None);

  const buffer = new Uint8Array(1024);
  const result = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
  const caseCount = Number.parseInt(Encoding.UTF8.GetString(buffer, 0, result.Count), 10);

  await webSocket.CloseAsync(WebSocketCloseStatus.NormalClosure, '', CancellationToken.None);
  return caseCount;
}

// C#: Uri.EscapeDataString(agent) is encodeURIComponent here (dotnet-ws has no EscapeDataString).
async function RunCase(serverUrl: string, caseNumber: number, agent: string, offerCompression: boolean): Promise<void> {
  using cts = new CancellationTokenSource(CaseTimeout);
  using webSocket = new ClientWebSocket();
  if (offerCompression) webSocket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
  // ClientWebSocket sends an unsolicited Pong every 30 s by default, and wstest ends a 12.*/13.* case at
  // the first control frame it receives (Case.onPong -> finishWhenDone closes with 1000), which fails
  // every case that lasts longer than the interval. Keep-alive off, as for any peer that mishandles it.
  webSocket.Options.KeepAliveInterval = TimeSpan.Zero;
  await webSocket.ConnectAsync(new Uri(`${serverUrl}/runCase?case=${caseNumber}&agent=${encodeURIComponent(agent)}`), cts.Token);

  const buffer = new Uint8Array(64 * 1024);
  let receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), cts.Token);

  while (!receiveResult.CloseStatus.HasValue) {
    await webSocket.SendAsync(
      new ArraySegment(buffer, 0, receiveResult.Count),
      receiveResult.MessageType,
      receiveResult.EndOfMessage,
      cts.Token,
    );

    receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), cts.Token);
  }

  await webSocket.CloseAsync(receiveResult.CloseStatus.Value, receiveResult.CloseStatusDescription, cts.Token);
}

async function UpdateReports(serverUrl: string, agent: string): Promise<void> {
  using webSocket = new ClientWebSocket();
  await webSocket.ConnectAsync(new Uri(`${serverUrl}/updateReports?agent=${encodeURIComponent(agent)}`), CancellationToken.None);

  // The fuzzingserver writes the reports, then closes.
  const buffer = new Uint8Array(1024);
  let receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
  while (receiveResult.MessageType !== WebSocketMessageType.Close) {
    receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
  }
  await webSocket.CloseAsync(WebSocketCloseStatus.NormalClosure, '', CancellationToken.None);
}

process.exitCode = await Main(process.argv.slice(2));
