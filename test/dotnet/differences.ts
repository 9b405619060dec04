// Where dotnet-ws differs from .NET 10, seen by the differential suite (test/interop/dotnet.test.ts).
// Each entry names the comparisons it covers ("<scenario> <comparison>") and why the difference is there,
// with one line as .NET 10 prints it and as dotnet-ws prints it; those comparisons run as `it.fails`, so
// the day dotnet-ws matches .NET 10 the test turns red and the entry goes. After a run,
// test/interop/.build/dotnet-differences.md has every differing line of every comparison.
//
// Comparisons: "ts-client@kestrel", "ts-client@stream" (the dotnet-ws ClientWebSocket against Kestrel or
// the .NET CreateFromStream server), "net-client@ts-app", "net-client@ts-stream" (.NET's ClientWebSocket
// against the dotnet-ws WebApplication or CreateFromStream server), "ts-client" (no server, or no
// connection), "raw@ts-client", "raw@ts-app", "raw@ts-stream" (a raw peer against the dotnet-ws side,
// compared with the same peer against .NET), "seed" (the tutorial's .NET program against its example).
export interface Difference {
  id: string;
  /** "<scenario> <comparison>" keys; a trailing "*" matches any suffix. */
  cases: readonly string[];
  /** What differs, why, and what removes it. */
  reason: string;
  /** One line as .NET 10 prints it, and as dotnet-ws prints it. */
  dotnet: string;
  dotnetWs: string;
}

const bothClients = (scenario: string) => [`${scenario} ts-client@kestrel`, `${scenario} ts-client@stream`];

export const differences: readonly Difference[] = [
  // ---------------------------------------------------------------------------------------------
  // The frame engine (ManagedWebSocket over ws)
  // ---------------------------------------------------------------------------------------------
  {
    id: 'client-cancellation-type',
    cases: [
      ...bothClients('cancel-receive-client'),
      'dispose-pending-receive ts-client@kestrel',
      'precanceled-connect ts-client',
      'raw-hang-handshake raw@ts-client',
      'raw-no-close-reply raw@ts-client',
      'raw-no-close-reply-receive raw@ts-client',
      'raw-no-read raw@ts-client',
    ],
    reason:
      ".NET 10's ClientWebSocket fails a cancelled ConnectAsync, ReceiveAsync, SendAsync or CloseAsync with " +
      'TaskCanceledException (a subclass of OperationCanceledException; "A task was canceled." for ConnectAsync with a token ' +
      'cancelled beforehand); dotnet-ws throws OperationCanceledException with "The operation was canceled.". A server-side ' +
      '(Kestrel or CreateFromStream) socket throws OperationCanceledException on .NET 10 too, which dotnet-ws matches.',
    dotnet: "pending-receive: faults exception TaskCanceledException message='The operation was canceled.'",
    dotnetWs: "pending-receive: faults exception OperationCanceledException message='The operation was canceled.'",
  },
  // ---------------------------------------------------------------------------------------------
  // The host (WebApplication in place of Kestrel)
  // ---------------------------------------------------------------------------------------------
  {
    id: 'kestrel-abort-exception',
    cases: ['abort-pending-receive net-client@ts-app', 'raw-keepalive-server-timeout raw@ts-app'],
    reason:
      "On Kestrel, Abort() (or a keep-alive timeout) of an accepted socket fails its pending receive with Kestrel's own " +
      'ConnectionAbortedException ("The connection was aborted by the application."); dotnet-ws gives what ManagedWebSocket ' +
      'gives over any other stream (and what .NET gives behind CreateFromStream): OperationCanceledException "Aborted".',
    dotnet: "pending-receive: faults exception ConnectionAbortedException message='The connection was aborted by the application.'",
    dotnetWs: "pending-receive: faults exception OperationCanceledException message='Aborted'",
  },
  {
    id: 'kestrel-dispose-keeps-connection',
    cases: ['dispose-pending-receive net-client@ts-app'],
    reason:
      'On Kestrel, Dispose() of an accepted socket neither ends its pending receive nor closes the TCP connection: both ' +
      'wait until the request delegate returns (here: until the client gives up). dotnet-ws closes the connection at ' +
      'once, so the client sees ConnectionClosedPrematurely where a .NET client against Kestrel sees nothing.',
    dotnet: "receive: faults exception TaskCanceledException message='The operation was canceled.' (the client's own 1 s timeout)",
    dotnetWs:
      "receive: faults exception WebSocketException error=ConnectionClosedPrematurely message='The remote party closed the WebSocket connection without completing the close handshake.'",
  },
  {
    id: 'response-head',
    cases: [
      'raw-response-head raw@ts-app',
      'raw-deflate-default raw@ts-app',
      'raw-deflate-not-enabled raw@ts-app',
      'raw-deflate-server-options raw@ts-app',
      'raw-deflate-unknown-extension raw@ts-app',
      // Accepted since the engine negotiates compression itself (ws dropped these connections).
      'raw-deflate-bad-offer raw@ts-app',
      'raw-deflate-client-max-window-bits raw@ts-app',
      'raw-deflate-client-no-context-takeover raw@ts-app',
      'raw-deflate-server-max-window-bits raw@ts-app',
      'raw-deflate-server-options-net-offer raw@ts-app',
      'raw-deflate-two-offers raw@ts-app',
    ],
    reason:
      "Kestrel's 101 is Connection, Date, Server: Kestrel, Upgrade, Sec-WebSocket-Accept[, Sec-WebSocket-Extensions]; " +
      "dotnet-ws's (written by ws) is Upgrade, Connection, Sec-WebSocket-Accept[, …], with no Date and no Server header.",
    dotnet: "peer-response: 'Connection: Upgrade' / 'Date: <date>' / 'Server: Kestrel' / 'Upgrade: websocket'",
    dotnetWs: "peer-response: 'Upgrade: websocket' / 'Connection: Upgrade'",
  },
  {
    id: 'http-response-head',
    cases: [
      'raw-get-missing raw@ts-app',
      'raw-get-plain raw@ts-app',
      'raw-get-ws-route raw@ts-app',
      'seed2 seed',
      'seed3 seed',
      'seed4 seed',
      'seed5 seed',
    ],
    reason:
      "A plain HTTP answer (the seed's 400 on /ws, a 404, a 200): Kestrel writes Content-Length, Connection: close, Date, " +
      "Server: Kestrel (Content-Type first for a body); Node's http module writes Date before Connection and no Server.",
    dotnet: "peer-response: 'Content-Length: 0' / 'Connection: close' / 'Date: <date>' / 'Server: Kestrel'",
    dotnetWs: "peer-response: 'Content-Length: 0' / 'Date: <date>' / 'Connection: close'",
  },
  {
    id: 'rejected-upgrade-keep-alive',
    cases: ['raw-upgrade-version-8 raw@ts-app', 'raw-upgrade-no-key raw@ts-app', 'raw-upgrade-post raw@ts-app'],
    reason:
      'An upgrade request that is not a WebSocket request (version 8, no key, POST) answered 400 by the application: ' +
      'Kestrel keeps the connection (no Connection header, plus Date and Server); dotnet-ws answers Connection: close.',
    dotnet: "peer-response: 'Content-Length: 0' / 'Date: <date>' / 'Server: Kestrel'",
    dotnetWs: "peer-response: 'Content-Length: 0' / 'Connection: close'",
  },
  {
    id: 'host-startup-log',
    cases: ['seed2 seed', 'seed3 seed', 'seed4 seed', 'seed5 seed'],
    reason:
      'After "Application started. Press Ctrl+C to shut down." ASP.NET Core 10 logs "Hosting environment: Production" and ' +
      '"Content root path: <dir>" (Microsoft.Hosting.Lifetime[0]); the dotnet-ws host does not.',
    dotnet: 'info: Microsoft.Hosting.Lifetime[0] / Hosting environment: Production',
    dotnetWs: '(nothing)',
  },
  {
    id: 'example-bool-format',
    cases: ['seed2 seed'],
    reason:
      'examples/section2-methods.ts prints `${result.EndOfMessage}` (JavaScript\'s "true") where its C# twin\'s ' +
      '$"{result.EndOfMessage}" prints "True"; the example (and test/examples/section2-methods.test.ts) would print ' +
      "`${result.EndOfMessage ? 'True' : 'False'}`.",
    dotnet: 'ReceiveAsync: Text, Count 5, EndOfMessage True: hello',
    dotnetWs: 'ReceiveAsync: Text, Count 5, EndOfMessage true: hello',
  },
  // ---------------------------------------------------------------------------------------------
  // The opening handshake and permessage-deflate
  // ---------------------------------------------------------------------------------------------
  {
    id: 'request-head-order',
    cases: [
      'raw-request-head raw@ts-client',
      'raw-request-head-options raw@ts-client',
      'raw-deflate-offer-default raw@ts-client',
      'raw-deflate-offer-options raw@ts-client',
      'raw-deflate-answer-no-context-takeover raw@ts-client',
    ],
    reason:
      ".NET 10's ClientWebSocket writes Host, [custom headers], Connection: Upgrade, Upgrade: websocket, Sec-WebSocket-Key, " +
      "Sec-WebSocket-Version: 13, [Sec-WebSocket-Protocol], [Sec-WebSocket-Extensions]; dotnet-ws (ws's request) writes " +
      '[custom headers], [Sec-WebSocket-Protocol], Sec-WebSocket-Version, Sec-WebSocket-Key, Connection, Upgrade, ' +
      '[Sec-WebSocket-Extensions], Host. Servers do not care; a byte-for-byte comparison does.',
    dotnet: "peer-request: 'Host: 127.0.0.1:<port>' (right after the request line)",
    dotnetWs: "peer-request: 'Sec-WebSocket-Version: 13' (right after the request line; Host last)",
  },
  // ---------------------------------------------------------------------------------------------
  // API surface: messages and checks
  // ---------------------------------------------------------------------------------------------
  {
    id: 'argument-throw-helpers',
    cases: ['api-buffers ts-client', 'api-client-options ts-client', 'api-receive-result ts-client'],
    reason:
      '.NET 10 words several argument checks with the ArgumentOutOfRangeException.ThrowIf… helpers: CreateClientBuffer, ' +
      "CreateServerBuffer and ClientWebSocketOptions.SetBuffer say \"receiveBufferSize ('0') must be a non-negative and " +
      'non-zero value." (docs/behaviour.md#websocket-statics quotes "The argument must be a value greater than 1."), an empty SetBuffer segment says ' +
      "\"buffer ('0') must be a non-zero value.\", WebSocketReceiveResult(-1, …) says \"count ('-1') must be a non-negative " +
      'value." with "Actual value was -1."; but ValueWebSocketReceiveResult(0, (WebSocketMessageType)3, …) keeps the plain ' +
      '"Specified argument was out of the range of valid values." where dotnet-ws says "messageType (\'3\') must be less than ' +
      "or equal to '2'.\". SetRequestHeader with a bad name quotes it: \"Specified value 'X Bad' has invalid HTTP Header characters.\".",
    dotnet:
      "client-buffer-receive-0: throws exception ArgumentOutOfRangeException param=receiveBufferSize message='receiveBufferSize (\\'0\\') must be a non-negative and non-zero value. (Parameter \\'receiveBufferSize\\')\\u000aActual value was 0.'",
    dotnetWs:
      "client-buffer-receive-0: throws exception ArgumentOutOfRangeException param=receiveBufferSize message='The argument must be a value greater than 1. (Parameter \\'receiveBufferSize\\')\\u000aActual value was 0.'",
  },
  {
    id: 'array-segment-slice-message',
    cases: ['api-array-segment ts-client'],
    reason:
      'ArraySegment.Slice out of range: .NET 10 says "Index was out of range. Must be non-negative and less than or equal to ' +
      'the size of the collection."; dotnet-ws uses the indexer\'s "…less than the size of the collection." ' +
      '(src/System/ArraySegment.ts).',
    dotnet:
      "slice-past-count: throws exception ArgumentOutOfRangeException param=index message='Index was out of range. Must be non-negative and less than or equal to the size of the collection. (Parameter \\'index\\')'",
    dotnetWs:
      "slice-past-count: throws exception ArgumentOutOfRangeException param=index message='Index was out of range. Must be non-negative and less than the size of the collection. (Parameter \\'index\\')'",
  },
  {
    id: 'websocket-exception-native-messages',
    cases: ['api-exception ts-client'],
    reason:
      "On Linux, .NET 10's WebSocketException() and WebSocketException(int nativeError) take their message from " +
      'Win32Exception, i.e. strerror: "Success" for errno 0 (the parameterless constructor reads the last P/Invoke error), ' +
      '"Input/output error" for 5, "Unknown error -5" for -5. dotnet-ws gives the generic internal-error text and ' +
      'Windows-style "Unknown error (0x5)".',
    dotnet: "default: exception WebSocketException error=Success message='Success'",
    dotnetWs:
      "default: exception WebSocketException error=Success message='An internal WebSocket error occurred. Please see the innerException, if present, for more details. '",
  },
  {
    id: 'collect-details-read-only',
    cases: bothClients('options-after-connect'),
    reason:
      'ClientWebSocketOptions.CollectHttpResponseDetails throws InvalidOperationException ("The WebSocket has already been ' +
      'started.") once ConnectAsync was called, like the other setters (docs/behaviour.md#client-options agrees); dotnet-ws lets it be set.',
    dotnet: "set-collect: throws exception InvalidOperationException message='The WebSocket has already been started.'",
    dotnetWs: 'set-collect: ok',
  },
];

/** The differences a comparison key is listed under. */
export function differencesOf(key: string): Difference[] {
  return differences.filter((d) => d.cases.some((c) => (c.endsWith('*') ? key.startsWith(c.slice(0, -1)) : key === c)));
}
