// Where dotnet-ws differs from .NET 10, seen by the differential suite (test/interop/dotnet.test.ts).
// Each entry names the comparisons it covers ("<scenario> <comparison>") and why the difference is there,
// with one line as .NET 10 prints it and as dotnet-ws prints it; those comparisons are pinned as they are
// today (test/interop/__snapshots__/dotnet.test.ts.snap holds their exact differing lines), so a change in
// the difference, a missing transcript, and the day dotnet-ws matches .NET 10 all turn the test red. After a run,
// test/interop/.build/dotnet-differences.md has every differing line of every comparison.
//
// Comparisons: "ts-client@kestrel", "ts-client@stream" (the dotnet-ws ClientWebSocket against Kestrel or
// the .NET CreateFromStream server), "net-client@ts-app", "net-client@ts-stream" (.NET's ClientWebSocket
// against the dotnet-ws WebApplication or CreateFromStream server), "ts-client" (no server, or no
// connection), "raw@ts-client", "raw@ts-app", "raw@ts-stream" (a raw peer against the dotnet-ws side,
// compared with the same peer against .NET), "seed" (the tutorial's .NET program against its example);
// "ts-client@kestrel-h2", "net-client@ts-app-h2": the same pairings over HTTP/2 (RFC 8441, h2c).
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

export const differences: readonly Difference[] = [
  // ---------------------------------------------------------------------------------------------
  // The host (WebApplication in place of Kestrel)
  // ---------------------------------------------------------------------------------------------
  {
    id: 'kestrel-dispose-keeps-connection',
    cases: ['dispose-pending-receive net-client@ts-app', 'dispose-pending-receive net-client@ts-app-h2'],
    reason:
      'On Kestrel, Dispose() of an accepted socket neither ends its pending receive nor closes the TCP connection: both ' +
      'wait until the request delegate returns (here: until the client gives up). dotnet-ws closes the connection at ' +
      'once, so the client sees ConnectionClosedPrematurely where a .NET client against Kestrel sees nothing. Kept on ' +
      "purpose: the socket here is the WebSocket's, not the request's, and holding a disposed socket's connection until " +
      'the delegate returns would leak it in handlers that never return (README, "Differences from .NET"). Removing it ' +
      'means tying the connection to the request delegate as Kestrel does.',
    dotnet: "receive: faults exception TaskCanceledException message='The operation was canceled.' (the client's own 1 s timeout)",
    dotnetWs:
      "receive: faults exception WebSocketException error=ConnectionClosedPrematurely message='The remote party closed the WebSocket connection without completing the close handshake.'",
  },
  // ---------------------------------------------------------------------------------------------
  // API surface: messages and checks
  // ---------------------------------------------------------------------------------------------
  {
    id: 'websocket-exception-native-messages',
    cases: ['api-exception ts-client'],
    reason:
      "On Linux, .NET 10's WebSocketException() and WebSocketException(int nativeError) take their message from " +
      'Win32Exception, i.e. strerror: "Success" for errno 0 (the parameterless constructor reads the last P/Invoke error), ' +
      '"Input/output error" for 5, "Unknown error -5" for -5. dotnet-ws gives the generic internal-error text and ' +
      'Windows-style "Unknown error (0x5)". Not removed: the text is the operating system\'s (glibc strerror here, ' +
      'FormatMessage on Windows) and the parameterless form depends on whatever P/Invoke ran last; Node 20 has no ' +
      "strerror (the later util.getSystemErrorMessage gives libuv's texts, e.g. 'no such file or directory'), so matching " +
      'would take a glibc table in Win32Exception that is wrong on every other platform.',
    dotnet: "default: exception WebSocketException error=Success message='Success'",
    dotnetWs:
      "default: exception WebSocketException error=Success message='An internal WebSocket error occurred. Please see the innerException, if present, for more details. '",
  },
];

/** The differences a comparison key is listed under. */
export function differencesOf(key: string): Difference[] {
  return differences.filter((d) => d.cases.some((c) => (c.endsWith('*') ? key.startsWith(c.slice(0, -1)) : key === c)));
}
