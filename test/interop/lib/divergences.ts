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
];

/** The divergences a scenario shows when the dotnet-ws WebSocket under test has `role`. */
export function divergencesOf(scenario: string, role: 'client' | 'server'): Divergence[] {
  return divergences.filter((d) => d.scenarios.includes(scenario) && (d.role === 'both' || d.role === role));
}
