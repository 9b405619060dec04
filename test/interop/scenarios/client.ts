// The client half of each differential scenario, ported line for line from ../cs/ClientScenarios.cs:
// a ClientWebSocket against the server half (a C# or a dotnet-ws server) at `<base>/<scenario>`.
import {
  ArraySegment,
  CancellationToken,
  CancellationTokenSource,
  ClientWebSocket,
  Encoding,
  Uri,
  WebSocketCloseStatus,
  WebSocketMessageType,
  WebSocketState,
} from '../lib/dotnet-ws.js';
import type { ClientWebSocketOptions } from '../lib/dotnet-ws.js';
import { ArgumentChecks, EveryOperation, None, Pattern, Receive, ReceiveLoop, ReceiveMemory, ReceiveMessage, SendBinary, SendText } from '../lib/peer.js';
import { Q, Transcript } from '../lib/transcript.js';

export interface ClientContext {
  BaseUrl: string;
  ClosedPort: number;
}

async function Connect(c: ClientContext, t: Transcript, path: string, configure: ((o: ClientWebSocketOptions) => void) | null): Promise<ClientWebSocket> {
  const ws = new ClientWebSocket();
  t.State('created', ws);
  if (configure != null) configure(ws.Options);
  if (!(await t.Try('connect', () => ws.ConnectAsync(new Uri(`${c.BaseUrl}/${path}`), None)))) {
    t.Line('after-connect', `state=${WebSocketState[ws.State]} subprotocol=${Q(ws.SubProtocol)} status=${ws.CloseStatus.HasValue ? String(ws.CloseStatus.Value) : 'null'}`);
    return ws;
  }
  t.Line('connected', `state=${WebSocketState[ws.State]} subprotocol=${Q(ws.SubProtocol)}`);
  return ws;
}

/** Runs the client half of `name`; returns the socket, which the runner disposes afterwards. */
export async function Run(name: string, c: ClientContext, t: Transcript): Promise<ClientWebSocket | null> {
  let ws: ClientWebSocket | null = null;
  switch (name) {
    case 'echo-client-close': {
      const s = (ws = await Connect(c, t, name, null));
      await SendText(t, 'send', s, 'hello \uc548\ub155');
      await Receive(t, 'receive', s, 4096);
      await t.Try('close', () => s.CloseAsync(WebSocketCloseStatus.NormalClosure, 'bye', None));
      t.Status('after-close', s);
      s.Dispose();
      t.Status('after-dispose', s);
      break;
    }

    case 'echo-server-close': {
      const s = (ws = await Connect(c, t, name, null));
      await SendText(t, 'send', s, 'hello');
      await Receive(t, 'receive-echo', s, 4096);
      await Receive(t, 'receive-close', s, 4096);
      t.Status('after-receive-close', s);
      await SendText(t, 'send-in-close-received', s, 'late');
      await Receive(t, 'receive-in-close-received', s, 16);
      await t.Try('close', () => s.CloseAsync(WebSocketCloseStatus.NormalClosure, 'client-bye', None));
      t.Status('after-close', s);
      break;
    }

    case 'closeoutput-then-receive': {
      const s = (ws = await Connect(c, t, name, null));
      await SendText(t, 'send', s, 'first');
      await t.Try('close-output', () => s.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, 'half', None));
      t.Status('after-close-output', s);
      await SendText(t, 'send-in-close-sent', s, 'x');
      await Receive(t, 'receive-data', s, 4096);
      await Receive(t, 'receive-close', s, 4096);
      t.Status('after-receive-close', s);
      break;
    }

    case 'large-message': {
      const s = (ws = await Connect(c, t, name, null));
      await SendBinary(t, 'send', s, Pattern(10000));
      await ReceiveMessage(t, 'receive', s, 4096);
      await t.Try('close', () => s.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
      t.Status('after-close', s);
      break;
    }

    case 'fragmented': {
      const s = (ws = await Connect(c, t, name, null));
      await SendText(t, 'send-1', s, 'ab', false);
      await SendText(t, 'send-2', s, 'cd', false);
      await SendText(t, 'send-3', s, 'ef', true);
      await SendBinary(t, 'send-binary-1', s, new Uint8Array([1, 2]), false);
      await SendText(t, 'send-binary-2-as-text', s, 'ZZ', true);
      for (let i = 1; i <= 3; i++) await Receive(t, `receive-${i}`, s, 100);
      await t.Try('close', () => s.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
      t.Status('after-close', s);
      break;
    }

    case 'empty-messages': {
      const s = (ws = await Connect(c, t, name, null));
      await SendText(t, 'send-text', s, '');
      await SendBinary(t, 'send-binary', s, new Uint8Array(0));
      await Receive(t, 'receive-1', s, 16);
      await Receive(t, 'receive-2', s, 16);
      await t.Try('close', () => s.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
      t.Status('after-close', s);
      break;
    }

    case 'memory-overloads': {
      const s = (ws = await Connect(c, t, name, null));
      await t.Try('send-memory', () => s.SendAsync(Encoding.UTF8.GetBytes('abc'), WebSocketMessageType.Text, true, None));
      await ReceiveMemory(t, 'receive-memory', s, 4096);
      await t.Try('send-memory-fragment-1', () => s.SendAsync(new Uint8Array([1, 2, 3]), WebSocketMessageType.Binary, false, None));
      await t.Try('send-memory-fragment-2', () => s.SendAsync(new Uint8Array([4, 5]), WebSocketMessageType.Binary, true, None));
      for (let i = 1; i <= 3; i++) await ReceiveMemory(t, `receive-small-${i}`, s, 2);
      await t.Try('close', () => s.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
      t.Status('after-close', s);
      break;
    }

    case 'zero-byte-receive': {
      const s = (ws = await Connect(c, t, name, null));
      await SendText(t, 'send', s, 'go');
      await Receive(t, 'receive-0', s, 0);
      await Receive(t, 'receive-1', s, 1);
      await Receive(t, 'receive-8', s, 8);
      await t.Try('close', () => s.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
      t.Status('after-close', s);
      break;
    }

    case 'segment-offset': {
      const s = (ws = await Connect(c, t, name, null));
      const source = Encoding.UTF8.GetBytes('0123456789');
      await t.Try('send-slice', () => s.SendAsync(new ArraySegment(source, 3, 4), WebSocketMessageType.Text, true, None));
      const buffer = Encoding.UTF8.GetBytes('................');
      try {
        const r = await s.ReceiveAsync(new ArraySegment(buffer, 5, 10), None);
        t.Line('receive-slice', `count=${r.Count} end=${r.EndOfMessage} buffer=${Q(Encoding.UTF8.GetString(buffer))}`);
      } catch (e) {
        t.Error('receive-slice', 'faults', e);
      }
      await t.Try('close', () => s.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
      t.Status('after-close', s);
      break;
    }

    case 'close-discards-data': {
      const s = (ws = await Connect(c, t, name, null));
      await SendText(t, 'send', s, 'ready');
      await t.Try('close', () => s.CloseAsync(WebSocketCloseStatus.NormalClosure, 'discarding', None));
      t.Status('after-close', s);
      break;
    }

    case 'dispose-pending-receive':
    case 'abort-pending-receive': {
      const s = (ws = await Connect(c, t, name, null));
      await Receive(t, 'receive', s, 16);
      t.Status('after-drop', s);
      break;
    }

    case 'close-1005-received':
    case 'close-1004-received':
    case 'close-2999-received':
    case 'close-5000-received': {
      const s = (ws = await Connect(c, t, name, null));
      await Receive(t, 'receive-close', s, 16);
      t.Status('after-receive-close', s);
      await Receive(t, 'receive-again', s, 16);
      break;
    }

    case 'close-validation': {
      const s = (ws = await Connect(c, t, name, null));
      await ArgumentChecks(t, s);
      await t.Try('close-output-4000', () => s.CloseOutputAsync(4000 as WebSocketCloseStatus, 'custom', None));
      t.Status('after-close-output', s);
      await Receive(t, 'receive-close', s, 16);
      t.Status('after-receive-close', s);
      break;
    }

    case 'drop-by-server':
    case 'dispose-by-server': {
      const s = (ws = await Connect(c, t, name, null));
      await SendText(t, 'send', s, 'drop');
      await Receive(t, 'receive', s, 16);
      t.Status('after-drop', s);
      await EveryOperation(t, '', s);
      break;
    }

    case 'drop-by-client': {
      const s = (ws = await Connect(c, t, name, null));
      await SendText(t, 'send', s, 'x');
      s.Abort();
      t.Status('after-abort', s);
      await EveryOperation(t, '', s);
      break;
    }

    case 'cancel-receive-client': {
      const s = (ws = await Connect(c, t, name, null));
      const cts = new CancellationTokenSource();
      const buffer = new Uint8Array(16);
      const pending = s.ReceiveAsync(new ArraySegment(buffer), cts.Token);
      cts.Cancel();
      try {
        await pending;
        t.Line('pending-receive', 'ok');
      } catch (e) {
        t.Error('pending-receive', 'faults', e);
      }
      t.Status('after-cancel', s);
      await EveryOperation(t, '', s);
      break;
    }

    case 'cancel-receive-server': {
      const s = (ws = await Connect(c, t, name, null));
      await Receive(t, 'receive', s, 16);
      t.Status('after-drop', s);
      break;
    }

    case 'precanceled-send': {
      const s = (ws = await Connect(c, t, name, null));
      await t.Try('send-precanceled', () => s.SendAsync(new ArraySegment(new Uint8Array([1])), WebSocketMessageType.Binary, true, new CancellationToken(true)));
      t.State('after-send-precanceled', s);
      break;
    }

    case 'precanceled-receive': {
      const s = (ws = await Connect(c, t, name, null));
      await Receive(t, 'receive-precanceled', s, 16, new CancellationToken(true));
      t.State('after-receive-precanceled', s);
      break;
    }

    case 'subprotocol': {
      const s = (ws = await Connect(c, t, name, (o) => {
        t.TrySync('add-empty', () => o.AddSubProtocol(''));
        t.TrySync('add-space', () => o.AddSubProtocol('a b'));
        t.TrySync('add-chat', () => o.AddSubProtocol('chat'));
        t.TrySync('add-duplicate', () => o.AddSubProtocol('Chat'));
        t.TrySync('add-superchat', () => o.AddSubProtocol('superchat'));
      }));
      t.TrySync('add-after-connect', () => s.Options.AddSubProtocol('late'));
      await t.Try('close', () => s.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
      t.Status('after-close', s);
      break;
    }

    case 'subprotocol-case':
    case 'subprotocol-none': {
      const s = (ws = await Connect(c, t, name, (o) => {
        o.AddSubProtocol('chat');
        o.AddSubProtocol('superchat');
      }));
      await t.Try('close', () => s.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
      t.Status('after-close', s);
      break;
    }

    case 'subprotocol-mismatch': {
      const s = (ws = await Connect(c, t, name, (o) => {
        o.AddSubProtocol('chat');
        o.AddSubProtocol('superchat');
      }));
      await SendText(t, 'send-after-failed-connect', s, 'x');
      break;
    }

    case 'connect-rejected': {
      const s = (ws = await Connect(c, t, name, null));
      await SendText(t, 'send-after-failed-connect', s, 'x');
      await t.Try('connect-again', () => s.ConnectAsync(new Uri(`${c.BaseUrl}/${name}`), None));
      break;
    }

    case 'connect-refused': {
      const s = (ws = new ClientWebSocket());
      await t.Try('connect', () => s.ConnectAsync(new Uri(`ws://127.0.0.1:${c.ClosedPort}/`), None));
      t.State('after-connect', s);
      break;
    }

    case 'not-connected': {
      const s = (ws = new ClientWebSocket());
      t.Status('created', s);
      await SendText(t, 'send', s, 'x');
      await Receive(t, 'receive', s, 16);
      await t.Try('close', () => s.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
      await t.Try('close-output', () => s.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, None));
      await t.Try('connect-http', () => s.ConnectAsync(new Uri(`http://127.0.0.1:${c.ClosedPort}/`), None));
      t.State('after-connect-http', s);
      s.Dispose();
      t.State('after-dispose', s);
      await SendText(t, 'send-after-dispose', s, 'x');
      await t.Try('connect-after-dispose', () => s.ConnectAsync(new Uri(`${c.BaseUrl}/x`), None));
      const aborted = new ClientWebSocket();
      aborted.Abort();
      t.State('abort-before-connect', aborted);
      break;
    }

    default:
      if (name.startsWith('raw-')) {
        // A raw peer (../lib/raw.ts) writes the frames; we read until the close or an error.
        ws = await Connect(c, t, name, null);
        await ReceiveLoop(t, ws);
        break;
      }
      t.Line('unknown-scenario', name);
      break;
  }
  return ws;
}

/** The runner: each scenario in turn, its transcript ended with "end", its socket disposed. */
export async function RunAll(names: readonly string[], c: ClientContext): Promise<Map<string, string[]>> {
  const transcripts = new Map<string, string[]>();
  for (const name of names) {
    const t = new Transcript(name);
    let ws: ClientWebSocket | null = null;
    try {
      ws = await Run(name, c, t);
    } catch (e) {
      t.Error('crash', 'throws', e);
    }
    transcripts.set(name, t.lines);
    // Whatever state the scenario left it in, the server half must see the connection end.
    ws?.Dispose();
  }
  return transcripts;
}
