// Where dotnet-ws was seen to differ from .NET 8 (the spec, with Mono as the witness after normalising).
// Each one is pinned: its scenarios' tests assert the exact transcript dotnet-ws prints today (and what
// the raw peer saw), and that Mono's still differs. So a test fails both when the behaviour changes for
// the worse and when it is fixed (then the entry and its `today` go, and the strict comparison returns).
// "documented" ones are listed under "Differences from .NET" in the README and carry
// `@remarks Differs from .NET` in the source; the others contradict the spec and are reported to the lead.
export interface Divergence {
  id: string;
  /** The scenarios (raw cases named `raw-…`) that show it. */
  scenarios: readonly string[];
  /** The role of the dotnet-ws WebSocket that shows it. */
  role: 'client' | 'server' | 'both';
  documented: boolean;
  spec: string;
  summary: string;
  /** Where the README documents it (for documented ones). */
  readme?: string;
  /**
   * What dotnet-ws prints today, after normalising, per scenario and per dotnet-ws role (client: the
   * ClientWebSocket against the raw server; app, stream: the two servers against the raw client), with
   * the raw peer's lines. Recorded from a run of the current code.
   */
  today: Record<string, Partial<Record<'client' | 'app' | 'stream', { dotnetWs: readonly string[]; peer: readonly string[] }>>>;
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
    readme: 'README.md, "Differences from .NET" › WebSocket: "Results for a message come once the whole message has arrived"',
    today: {
      'raw-invalid-utf8-split': {
        client: {
          dotnetWs: [
            'created: state=None',
            'connect: ok',
            'connected: state=Open subprotocol=null',
            "receive-1: faults exception WebSocketException error=Faulted message='An exception caused the WebSocket to enter the Aborted state. Please see the InnerException, if present, for more details.'",
            'final: state=Aborted status=null desc=null',
          ],
          peer: [
            "peer-got: opcode=8 fin=true rsv=0 masked=true code=1007 reason=''",
            'peer-got: end of connection',
          ],
        },
        app: {
          dotnetWs: [
            "requested: ''",
            'accepted: state=Open subprotocol=null',
            "receive-1: faults exception WebSocketException error=Faulted message='An exception caused the WebSocket to enter the Aborted state. Please see the InnerException, if present, for more details.'",
            'final: state=Aborted status=null desc=null',
          ],
          peer: [
            'peer-response: 101 accept-ok=true',
            "peer-got: opcode=8 fin=true rsv=0 masked=false code=1007 reason=''",
            'peer-got: end of connection',
          ],
        },
        stream: {
          dotnetWs: [
            "requested: ''",
            'accepted: state=Open subprotocol=null',
            "receive-1: faults exception WebSocketException error=Faulted message='An exception caused the WebSocket to enter the Aborted state. Please see the InnerException, if present, for more details.'",
            'final: state=Aborted status=null desc=null',
          ],
          peer: [
            'peer-response: 101 accept-ok=true',
            "peer-got: opcode=8 fin=true rsv=0 masked=false code=1007 reason=''",
            'peer-got: end of connection',
          ],
        },
      },
      'raw-new-message-inside-fragmented': {
        client: {
          dotnetWs: [
            'created: state=None',
            'connect: ok',
            'connected: state=Open subprotocol=null',
            "receive-1: faults exception WebSocketException error=Faulted message='The WebSocket expected a continuation frame after having received a previous non-final frame.'",
            'final: state=Aborted status=null desc=null',
          ],
          peer: [
            "peer-got: opcode=8 fin=true rsv=0 masked=true code=1002 reason=''",
            'peer-got: end of connection',
          ],
        },
        app: {
          dotnetWs: [
            "requested: ''",
            'accepted: state=Open subprotocol=null',
            "receive-1: faults exception WebSocketException error=Faulted message='The WebSocket expected a continuation frame after having received a previous non-final frame.'",
            'final: state=Aborted status=null desc=null',
          ],
          peer: [
            'peer-response: 101 accept-ok=true',
            "peer-got: opcode=8 fin=true rsv=0 masked=false code=1002 reason=''",
            'peer-got: end of connection',
          ],
        },
        stream: {
          dotnetWs: [
            "requested: ''",
            'accepted: state=Open subprotocol=null',
            "receive-1: faults exception WebSocketException error=Faulted message='The WebSocket expected a continuation frame after having received a previous non-final frame.'",
            'final: state=Aborted status=null desc=null',
          ],
          peer: [
            'peer-response: 101 accept-ok=true',
            "peer-got: opcode=8 fin=true rsv=0 masked=false code=1002 reason=''",
            'peer-got: end of connection',
          ],
        },
      },
    },
  },
];

/** The divergences a scenario shows when the dotnet-ws WebSocket under test has `role`. */
export function divergencesOf(scenario: string, role: 'client' | 'server'): Divergence[] {
  return divergences.filter((d) => d.scenarios.includes(scenario) && (d.role === 'both' || d.role === role));
}
