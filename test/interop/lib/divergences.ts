// Where dotnet-ws was seen to differ from .NET 8 (the spec, with Mono as the witness after normalising).
// Each one runs as `it.fails`: the test body is the strict comparison, which fails today; when dotnet-ws
// is fixed the test turns red and the entry goes. "documented" ones carry `@remarks Differs from .NET`
// in the source; the others contradict the spec and are reported to the lead.
export interface Divergence {
  id: string;
  /** The scenarios (raw cases named `raw-…`) that show it. */
  scenarios: readonly string[];
  /** The role of the dotnet-ws WebSocket that shows it. */
  role: 'client' | 'server' | 'both';
  documented: boolean;
  spec: string;
  summary: string;
}

export const divergences: readonly Divergence[] = [
  {
    id: 'whole-message-delivery',
    scenarios: ['raw-invalid-utf8-split', 'raw-new-message-inside-fragmented'],
    role: 'both',
    documented: true,
    spec: 'spec §3.7, §5',
    summary:
      'A message is handed over only once it has fully arrived (ws assembles it), so the valid first fragment is never ' +
      'returned before the error in a later fragment; .NET returns it, then faults.',
  },
  {
    id: 'invalid-close-frame-ends-aborted',
    scenarios: ['close-1005-received', 'close-1004-received', 'close-2999-received', 'close-5000-received'],
    role: 'client',
    documented: false,
    spec: 'spec §2 ("Receiving a close frame with an invalid code or 1-byte payload … the state Closed")',
    summary: 'After a close frame with an invalid code, a 1-byte payload or an invalid reason, the state is Aborted; .NET: Closed.',
  },
  {
    id: 'invalid-close-frame-ends-aborted',
    scenarios: [
      'raw-close-one-byte',
      'raw-close-code-999',
      'raw-close-code-1005',
      'raw-close-code-1016',
      'raw-close-code-2999',
      'raw-close-code-5000',
      'raw-close-invalid-utf8-reason',
    ],
    role: 'both',
    documented: false,
    spec: 'spec §2 ("Receiving a close frame with an invalid code or 1-byte payload … the state Closed")',
    summary: 'After a close frame with an invalid code, a 1-byte payload or an invalid reason, the state is Aborted; .NET: Closed.',
  },
  {
    id: 'invalid-close-reason-code',
    scenarios: ['raw-close-invalid-utf8-reason'],
    role: 'both',
    documented: false,
    spec: 'spec §3.8 (invalid UTF-8 close reason → close 1002 ProtocolError, WebSocketException(Faulted))',
    summary: 'A close frame whose reason is not UTF-8 is answered with 1007 (ws); .NET answers 1002.',
  },
  {
    id: 'one-byte-close-message',
    scenarios: ['raw-close-one-byte'],
    role: 'both',
    documented: false,
    spec: 'spec §3.8 (close payload of length 1 → WebSocketException(Faulted) with the generic Faulted message)',
    summary: "A 1-byte close payload faults with 'The WebSocket received an invalid control message.'; .NET uses the generic Faulted message.",
  },
  {
    id: 'unknown-opcode-format',
    scenarios: ['raw-reserved-control-opcode'],
    role: 'both',
    documented: false,
    spec: "spec §3.8 (net_Websockets_UnknownOpcode is formatted with the MessageOpcode enum: its decimal value, '0x11' for 0xB)",
    summary: "The unknown-opcode message for 0xB reads '0xB'; .NET formats the enum value and reads '0x11'.",
  },
];

/** The divergences a scenario shows when the dotnet-ws WebSocket under test has `role`. */
export function divergencesOf(scenario: string, role: 'client' | 'server'): Divergence[] {
  return divergences.filter((d) => d.scenarios.includes(scenario) && (d.role === 'both' || d.role === role));
}
