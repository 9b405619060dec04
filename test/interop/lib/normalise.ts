// The only differences allowed between a Mono transcript and a dotnet-ws one, each named by the spec
// (../shared/spec/dotnet-websockets.md, "spec §n") or peers.md. A Mono rule rewrites what Mono 6.8
// (corefx of about 2018) prints into what .NET 8 prints, so the dotnet-ws line is compared with the
// .NET 8 expectation; an "all" rule removes what the spec says varies between .NET runs. Each Mono rule
// must still fire (mono.test.ts checks), so a rule cannot outlive the difference it covers.
import { dotnetMessage } from '../../helpers/dotnet-messages.js';
import { Q } from './transcript.js';

export type Side = 'client' | 'server';

export interface Normalisation {
  id: string;
  /** true: Mono's transcripts only; false: every transcript. */
  mono: boolean;
  /** The scenarios it applies to, or every one. */
  scenarios: readonly string[] | 'all';
  side: Side | 'both';
  /** Matched against the whole line ("<step>: <text>"). */
  from: RegExp;
  to: string | ((match: RegExpExecArray, scenario: string) => string);
  source: string;
  why: string;
}

const INVALID_CLOSE_RECEIVED = ['close-1005-received', 'close-1004-received', 'close-2999-received', 'close-5000-received'];
const RAW_INVALID_CLOSE = [
  'raw-close-one-byte',
  'raw-close-code-999',
  'raw-close-code-1005',
  'raw-close-code-1016',
  'raw-close-code-2999',
  'raw-close-code-5000',
  'raw-close-invalid-utf8-reason',
];

/** What .NET 8 throws for each raw case that breaks the protocol (spec §3.7, §3.8). */
export const rawProtocolErrors: Readonly<Record<string, string>> = {
  'raw-invalid-utf8': dotnetMessage('net_Websockets_WebSocketBaseFaulted'),
  'raw-invalid-utf8-split': dotnetMessage('net_Websockets_WebSocketBaseFaulted'),
  'raw-reserved-bits': dotnetMessage('net_Websockets_ReservedBitsSet'),
  // .NET formats the MessageOpcode enum, which has no name for 3 or 0xB: its decimal value.
  'raw-reserved-opcode': dotnetMessage('net_Websockets_UnknownOpcode', '3'),
  'raw-reserved-control-opcode': dotnetMessage('net_Websockets_UnknownOpcode', '11'),
  'raw-control-too-long': dotnetMessage('net_Websockets_InvalidControlMessage'),
  'raw-fragmented-control': dotnetMessage('net_Websockets_InvalidControlMessage'),
  'raw-continuation-first': dotnetMessage('net_Websockets_ContinuationFromFinalFrame'),
  'raw-new-message-inside-fragmented': dotnetMessage('net_Websockets_NonContinuationAfterNonFinalFrame'),
  'raw-masked-to-client': dotnetMessage('net_Websockets_ClientReceivedMaskedFrame'),
  ...Object.fromEntries(RAW_INVALID_CLOSE.map((n) => [n, dotnetMessage('net_Websockets_WebSocketBaseFaulted')])),
};
const disposedClient = `exception ObjectDisposedException message=${Q(`${dotnetMessage('ObjectDisposed_Generic')}\n${dotnetMessage('ObjectDisposed_ObjectName_Name', 'System.Net.WebSockets.ClientWebSocket')}`)}`;

export const normalisations: readonly Normalisation[] = [
  {
    id: 'argument-message-format',
    mono: true,
    scenarios: 'all',
    side: 'both',
    from: /^(.* param=(\S+) message='.*)\\u000aParameter name: \2'$/,
    to: (m) => `${m[1]} ${dotnetMessage('Arg_ParamName_Name', m[2]!).replace(/'/g, "\\'")}'`,
    source: 'peers.md; spec §1 (ArgumentException.Message appends " (Parameter \'name\')")',
    why: 'Mono formats ArgumentException messages as "…\\nParameter name: X"; .NET Core 3+ as "… (Parameter \'X\')".',
  },
  {
    id: 'close-description-resource',
    mono: true,
    scenarios: 'all',
    side: 'both',
    from: /^(close-12[46]-(?:utf8-)?bytes: .*)The UTF8-representation (.*)$/,
    to: (m) => `${m[1]}The UTF-8 representation ${m[2]}`,
    source: 'spec §3.3',
    why: 'Mono throws the Client assembly\'s copy of the message ("UTF8-representation"); .NET\'s ManagedWebSocket says "UTF-8 representation".',
  },
  {
    id: 'not-a-websocket',
    mono: true,
    scenarios: ['connect-rejected'],
    side: 'client',
    from: /^connect: faults exception WebSocketException error=Success message='Unable to connect to the remote server'$/,
    to: `connect: faults exception WebSocketException error=NotAWebSocket message=${Q(dotnetMessage('net_WebSockets_ConnectStatusExpected', 400, 101))}`,
    source: 'peers.md; spec §7.2',
    why: 'Mono reports a non-101 answer as Success "Unable to connect…"; .NET 8 as NotAWebSocket with the status code.',
  },
  {
    id: 'connect-failure-error-code',
    mono: true,
    scenarios: ['connect-refused'],
    side: 'client',
    from: /^connect: faults exception WebSocketException error=Success (message='Unable to connect to the remote server')$/,
    to: (m) => `connect: faults exception WebSocketException error=Faulted ${m[1]}`,
    source: 'spec §4 (ConnectAsync: any other failure → WebSocketException(Faulted, "Unable to connect to the remote server", inner))',
    why: 'Mono creates the exception without an error code (Success); .NET 8 passes WebSocketError.Faulted.',
  },
  {
    id: 'send-after-failed-connect',
    mono: true,
    scenarios: ['connect-rejected', 'subprotocol-mismatch'],
    side: 'client',
    from: /^send-after-failed-connect: throws exception NullReferenceException .*$/,
    to: `send-after-failed-connect: throws ${disposedClient}`,
    source: 'peers.md (a Mono bug); spec §7.2',
    why: 'After a failed connect .NET 8 has disposed the ClientWebSocket; Mono dereferences a null inner socket.',
  },
  {
    id: 'connect-after-failed-connect',
    mono: true,
    scenarios: ['connect-rejected'],
    side: 'client',
    from: /^connect-again: throws exception InvalidOperationException .*$/,
    to: `connect-again: throws ${disposedClient}`,
    source: 'spec §7.2 (on any failure the ClientWebSocket is disposed) and §7.2 (already disposed → ObjectDisposedException)',
    why: 'Mono leaves a failed ClientWebSocket in its Connecting bookkeeping; .NET 8 disposes it.',
  },
  {
    id: 'unsupported-protocol-message',
    mono: true,
    scenarios: ['subprotocol-mismatch'],
    side: 'client',
    from: /^(connect: faults exception WebSocketException error=UnsupportedProtocol message=.*but server is only accepting )\\'\\'( protocol\(s\)\.')$/,
    to: (m) => `${m[1]}\\'other\\'${m[2]}`,
    source: 'spec §7.2',
    why: "Mono leaves the server's protocol out of the message; .NET 8 names it.",
  },
  // The side that sent its close first, then read the peer's.
  ...(
    [
      ['echo-server-close', 'server'],
      ['closeoutput-then-receive', 'client'],
      ['close-validation', 'client'],
      ...INVALID_CLOSE_RECEIVED.map((n) => [n, 'server']),
    ] as Array<[string, Side]>
  ).map(
    ([scenario, side]): Normalisation => ({
      id: 'closed-after-both-close-frames',
      mono: true,
      scenarios: [scenario],
      side,
      from: /^after-receive-close: state=CloseReceived (.*)$/,
      to: (m) => `after-receive-close: state=Closed ${m[1]}`,
      source: 'peers.md; spec §2 (ReceiveAsync getting a close frame after we sent ours → Closed)',
      why: "Mono stays in CloseReceived when the peer's close arrives after its own CloseOutputAsync.",
    }),
  ),
  {
    id: 'close-output-after-close-received',
    mono: true,
    scenarios: ['closeoutput-then-receive'],
    side: 'server',
    from: /^after-close-output: state=CloseSent (.*)$/,
    to: (m) => `after-close-output: state=Closed ${m[1]}`,
    source: 'spec §2 (CloseOutputAsync after a received close → Closed, connection disposed)',
    why: 'Mono moves back to CloseSent when it answers a close it already received.',
  },
  {
    id: 'invalid-close-received',
    mono: true,
    scenarios: INVALID_CLOSE_RECEIVED,
    side: 'client',
    from: /^receive-close: faults exception WebSocketException error=ConnectionClosedPrematurely .*$/,
    to: `receive-close: faults exception WebSocketException error=Faulted message=${Q(dotnetMessage('net_Websockets_WebSocketBaseFaulted'))}`,
    source: 'spec §2 (a close frame with an invalid code: CloseReceived, close 1002 sent → Closed, then WebSocketException(Faulted)) and §3.8',
    why: 'Mono answers with 1002 but then waits for more input and reports the end of the connection instead.',
  },
  {
    id: 'invalid-close-received-state',
    mono: true,
    scenarios: INVALID_CLOSE_RECEIVED,
    side: 'client',
    from: /^after-receive-close: state=Aborted (.*)$/,
    to: (m) => `after-receive-close: state=Closed ${m[1]}`,
    source: 'spec §2 (as above: the state ends Closed, not Aborted)',
    why: 'Follows from the previous line: Mono ends Aborted.',
  },
  {
    id: 'invalid-close-received-again',
    mono: true,
    scenarios: INVALID_CLOSE_RECEIVED,
    side: 'client',
    from: /^(receive-again: faults exception WebSocketException error=InvalidState message=.*)\\'Aborted\\'(.*)$/,
    to: (m) => `${m[1]}\\'Closed\\'${m[2]}`,
    source: 'spec §2 (as above: the state ends Closed, and Abort never overrides Closed)',
    why: 'Follows from the previous line: the next receive names the state Mono ended in.',
  },
  {
    id: 'receive-error-as-connection-closed',
    mono: true,
    scenarios: Object.keys(rawProtocolErrors),
    side: 'both',
    from: /^(receive-\d+): faults exception WebSocketException error=ConnectionClosedPrematurely .*$/,
    to: (m, scenario) => `${m[1]}: faults exception WebSocketException error=Faulted message=${Q(rawProtocolErrors[scenario]!)}`,
    source: 'spec §3.7 and §3.8 (each protocol error faults the receive with WebSocketException(Faulted) and its own message)',
    why: 'Mono 6.8 wraps every receive failure in WebSocketException(ConnectionClosedPrematurely); the close code it sends is right.',
  },
  {
    id: 'invalid-close-frame-state',
    mono: true,
    scenarios: RAW_INVALID_CLOSE,
    side: 'both',
    from: /^final: state=Aborted (.*)$/,
    to: (m) => `final: state=Closed ${m[1]}`,
    source: 'spec §2 (a close frame with an invalid code, a 1-byte payload or an invalid reason: CloseReceived, close 1002 sent → Closed)',
    why: 'Mono ends Aborted.',
  },
  {
    id: 'precanceled-send',
    mono: true,
    scenarios: ['precanceled-send'],
    side: 'client',
    from: /^send-precanceled: faults exception OperationCanceledException .*$/,
    to: `send-precanceled: faults exception TaskCanceledException message=${Q(dotnetMessage('TaskCanceledException_ctor_DefaultMessage'))}`,
    source: 'spec §4 (SendAsync with an already-cancelled token → TaskCanceledException, state stays Open)',
    why: 'Mono registers the abort before checking the token: OperationCanceledException and Aborted.',
  },
  {
    id: 'precanceled-send-state',
    mono: true,
    scenarios: ['precanceled-send'],
    side: 'client',
    from: /^after-send-precanceled: state=Aborted$/,
    to: 'after-send-precanceled: state=Open',
    source: 'spec §4 (as above)',
    why: 'Follows from the previous line.',
  },
  {
    id: 'precanceled-receive',
    mono: true,
    scenarios: ['precanceled-receive'],
    side: 'client',
    from: /^receive-precanceled: faults exception OperationCanceledException message='Aborted'$/,
    to: `receive-precanceled: faults exception TaskCanceledException message=${Q(dotnetMessage('TaskCanceledException_ctor_DefaultMessage'))}`,
    source: 'spec §4 (ReceiveAsync with an already-cancelled token → TaskCanceledException carrying the token; Aborted)',
    why: 'Mono fails the receive through the abort instead of the cancelled mutex wait.',
  },
  {
    id: 'cancelled-pending-receive',
    mono: false,
    scenarios: ['cancel-receive-client', 'cancel-receive-server'],
    side: 'both',
    from: /^pending-receive: faults exception (?:OperationCanceledException|TaskCanceledException) message=.*$/,
    to: 'pending-receive: faults exception OperationCanceledException (type and message not compared)',
    source: 'spec §4 (a receive cancelled while pending faults with the stream\'s OperationCanceledException/TaskCanceledException or OperationCanceledException("Aborted"); .NET\'s tests accept any)',
    why: 'Which of the two .NET throws depends on where the read was when the token fired.',
  },
];

/** `lines` with every applicable rule applied; the ids of rules that changed a line go into `used`. */
export function normalise(lines: readonly string[], where: { scenario: string; side: Side; mono: boolean }, used?: Set<string>): string[] {
  return lines.map((line) => {
    let out = line;
    for (const rule of normalisations) {
      if (rule.mono && !where.mono) continue;
      if (rule.scenarios !== 'all' && !rule.scenarios.includes(where.scenario)) continue;
      if (rule.side !== 'both' && rule.side !== where.side) continue;
      const m = rule.from.exec(out);
      if (!m) continue;
      out = typeof rule.to === 'string' ? rule.to : rule.to(m, where.scenario);
      used?.add(rule.id);
    }
    return out;
  });
}
