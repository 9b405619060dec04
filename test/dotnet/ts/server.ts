// The server half of each differential scenario, ported line for line from ../ServerScenarios.cs: what
// the application does with the WebSocket it accepted for `/<run>/<scenario>`.
import {
  ArraySegment,
  CancellationTokenSource,
  OperationCanceledException,
  Timeout,
  TimeSpan,
  WebSocketCloseStatus,
  WebSocketState,
} from './dotnet-ws.js';
import type { WebSocket, WebSocketReceiveResult } from './dotnet-ws.js';
import {
  ArgumentChecks,
  Await,
  Echo,
  EveryOperation,
  None,
  Pattern,
  Receive,
  ReceiveLoop,
  ReceiveMessage,
  SendBinary,
  SendText,
} from './peer.js';
import { Describe, Q } from './transcript.js';
import type { Transcript } from './transcript.js';

/** Paths answered with 400 instead of an upgrade. */
export function Rejects(name: string): boolean {
  return name === 'connect-rejected';
}

/** The subprotocol to accept with, given what the client asked for. */
export function Choose(name: string, requested: readonly string[], t: Transcript): string | null {
  t.Line('requested', Q(requested.join(', ')));
  switch (name) {
    case 'subprotocol':
      return 'superchat';
    case 'subprotocol-case':
      return 'CHAT';
    case 'subprotocol-mismatch':
      return 'other';
    case 'subprotocol-unrequested':
      return 'other';
    case 'subprotocol-server-only':
      return 'chat';
    default:
      return null;
  }
}

/** Compression and keep-alive of the accept, by scenario (WebSocketAcceptContext). */
export function Configure(
  name: string,
  compression: (noTakeover: boolean, bits: number) => void,
  keepAlive: (interval: TimeSpan, timeout: TimeSpan) => void,
): void {
  switch (name) {
    case 'deflate':
    case 'deflate-flags':
    case 'raw-deflate-default':
    case 'raw-deflate-client-no-context-takeover':
    case 'raw-deflate-client-max-window-bits':
    case 'raw-deflate-server-max-window-bits':
    case 'raw-deflate-bad-offer':
    case 'raw-deflate-unknown-extension':
    case 'raw-deflate-two-offers':
      compression(false, 15);
      break;
    case 'deflate-options':
    case 'raw-deflate-server-options':
    case 'raw-deflate-server-options-net-offer':
      compression(true, 11);
      break;
    case 'raw-keepalive-server-pong':
      keepAlive(TimeSpan.FromMilliseconds(100), Timeout.InfiniteTimeSpan);
      break;
    case 'raw-keepalive-server-ping':
      keepAlive(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
      break;
    case 'raw-keepalive-server-timeout':
      keepAlive(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300));
      break;
  }
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function Run(name: string, ws: WebSocket, t: Transcript): Promise<void> {
  t.Line('accepted', `state=${WebSocketState[ws.State]} subprotocol=${Q(ws.SubProtocol)}`);
  switch (name) {
    case 'echo-client-close':
    case 'empty-messages':
    case 'memory-overloads':
    case 'segment-offset':
    case 'subprotocol':
    case 'subprotocol-case':
    case 'subprotocol-none':
    case 'subprotocol-unrequested':
    case 'subprotocol-server-only':
    case 'deflate':
    case 'deflate-options':
    case 'deflate-refused':
    case 'deflate-not-offered':
    case 'deflate-flags':
    case 'close-twice':
    case 'close-empty-status':
    case 'close-reason-123-bytes':
    case 'options-after-connect':
      await Echo(t, ws);
      break;

    case 'echo-server-close':
      await Receive(t, 'receive', ws, 4096);
      await SendText(t, 'send-echo', ws, 'hello');
      await t.Try('close-output', () => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, 'server-bye', None));
      t.Status('after-close-output', ws);
      await Receive(t, 'receive-data', ws, 4096);
      await Receive(t, 'receive-close', ws, 4096);
      t.Status('after-receive-close', ws);
      break;

    case 'server-closeasync':
      await Receive(t, 'receive', ws, 4096);
      await t.Try('close', () => ws.CloseAsync(4001 as WebSocketCloseStatus, 'server closing', None));
      t.Status('after-close', ws);
      break;

    case 'closeoutput-then-receive':
      await Receive(t, 'receive-data', ws, 4096);
      await Receive(t, 'receive-close', ws, 4096);
      t.Status('after-receive-close', ws);
      await Receive(t, 'receive-in-close-received', ws, 16);
      await SendText(t, 'send-in-close-received', ws, 'reply');
      await t.Try('close-output', () => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, 'half-ack', None));
      t.Status('after-close-output', ws);
      break;

    case 'closeoutput-pending-receive':
    case 'closeasync-pending-receive':
      await Receive(t, 'receive-close', ws, 16);
      t.Status('after-receive-close', ws);
      await t.Try('close-output', () => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, 'bye-too', None));
      t.Status('after-close-output', ws);
      break;

    case 'large-message': {
      const message = await ReceiveMessage(t, 'receive', ws, 4096);
      await SendBinary(t, 'send', ws, message!);
      await Echo(t, ws);
      break;
    }

    case 'small-buffers':
      await ReceiveMessage(t, 'receive-text', ws, 1);
      await ReceiveMessage(t, 'receive-binary', ws, 3);
      await SendText(t, 'send-text', ws, '\u20acuro');
      await SendBinary(t, 'send-binary', ws, Pattern(5));
      await Echo(t, ws);
      break;

    case 'fragmented':
      for (let i = 1; i <= 5; i++) await Receive(t, `receive-${i}`, ws, 100);
      await SendText(t, 'send-1', ws, 'gh', false);
      await SendText(t, 'send-2', ws, 'ij', false);
      await SendText(t, 'send-3', ws, 'kl', true);
      await Echo(t, ws);
      break;

    case 'fragmented-empty':
      for (let i = 1; i <= 6; i++) await Receive(t, `receive-${i}`, ws, 16);
      await SendText(t, 'send-1', ws, '', false);
      await SendText(t, 'send-2', ws, '', false);
      await SendText(t, 'send-3', ws, 'cd', false);
      await SendText(t, 'send-4', ws, '', true);
      await SendBinary(t, 'send-binary-1', ws, new Uint8Array(0), false);
      await SendBinary(t, 'send-binary-2', ws, new Uint8Array([9]), true);
      await Echo(t, ws);
      break;

    case 'zero-byte-receive':
      await Receive(t, 'receive', ws, 16);
      await SendText(t, 'send', ws, 'xyz');
      await Echo(t, ws);
      break;

    case 'concurrent-receives':
      await Receive(t, 'receive', ws, 16);
      await SendText(t, 'send-1', ws, 'one');
      await SendText(t, 'send-2', ws, 'two');
      await Echo(t, ws);
      break;

    case 'concurrent-sends':
      await Echo(t, ws);
      break;

    case 'close-discards-data':
      await Receive(t, 'receive', ws, 16);
      await SendText(t, 'send-1', ws, 'one');
      await SendText(t, 'send-2', ws, 'two');
      await SendText(t, 'send-3', ws, 'three');
      await Receive(t, 'receive-close', ws, 16);
      await t.Try('close', () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, 'ok', None));
      t.Status('after-close', ws);
      break;

    case 'dispose-pending-receive':
    case 'abort-pending-receive': {
      // Kestrel may drop a 101 not yet flushed when the socket is aborted at once: wait for the client.
      await Receive(t, 'receive-ready', ws, 16);
      const pending = ws.ReceiveAsync(new ArraySegment(new Uint8Array(16)), None);
      if (name === 'dispose-pending-receive') ws.Dispose();
      else ws.Abort();
      t.Status(`after-${name === 'dispose-pending-receive' ? 'dispose' : 'abort'}`, ws);
      await Await(t, 'pending-receive', pending, new Uint8Array(16));
      t.Status('final', ws);
      break;
    }

    case 'client-dispose-pending-receive':
    case 'client-abort-pending-receive':
      await Receive(t, 'receive', ws, 16);
      t.Status('after-drop', ws);
      break;

    case 'close-1005-received':
    case 'close-1004-received':
    case 'close-2999-received':
    case 'close-5000-received': {
      const code =
        name === 'close-1005-received' ? WebSocketCloseStatus.Empty : (Number.parseInt(name.substring(6, 10), 10) as WebSocketCloseStatus);
      await t.Try('close-output', () => ws.CloseOutputAsync(code, null, None));
      t.Status('after-close-output', ws);
      await Receive(t, 'receive-close', ws, 16);
      t.Status('after-receive-close', ws);
      break;
    }

    case 'close-validation': {
      const r = (await Receive(t, 'receive-close', ws, 16)) as WebSocketReceiveResult;
      t.Status('after-receive-close', ws);
      await ArgumentChecks(t, ws);
      await t.Try('close', () => ws.CloseAsync(r.CloseStatus.Value, 'C'.repeat(123), None));
      t.Status('after-close', ws);
      break;
    }

    case 'drop-by-server':
    case 'dispose-by-server':
      await Receive(t, 'receive', ws, 16);
      if (name === 'drop-by-server') ws.Abort();
      else ws.Dispose();
      t.Status('after-drop', ws);
      await EveryOperation(t, '', ws);
      break;

    case 'server-returns':
      await Receive(t, 'receive', ws, 16);
      t.Status('returning', ws);
      break;

    case 'drop-by-client':
      await Receive(t, 'receive', ws, 16);
      await Receive(t, 'receive-after-drop', ws, 16);
      t.Status('after-drop', ws);
      await EveryOperation(t, '', ws);
      break;

    case 'cancel-receive-client':
    case 'precanceled-send':
    case 'precanceled-receive':
    case 'precanceled-close':
    case 'precanceled-close-output':
    case 'subprotocol-mismatch':
      await ReceiveLoop(t, ws);
      break;

    case 'cancel-receive-server': {
      await Receive(t, 'receive-ready', ws, 16);
      const cts = new CancellationTokenSource();
      const buffer = new Uint8Array(16);
      const pending = ws.ReceiveAsync(new ArraySegment(buffer), cts.Token);
      cts.Cancel();
      try {
        await pending;
        t.Line('pending-receive', 'ok');
      } catch (e) {
        // On Kestrel the cancelled read races the abort it causes: OperationCanceledException or
        // Kestrel's ConnectionAbortedException (a subclass), from one run to the next.
        t.Line(
          'pending-receive',
          e instanceof OperationCanceledException ? 'faults an OperationCanceledException' : `faults ${Describe(e)}`,
        );
      }
      t.Status('after-cancel', ws);
      await EveryOperation(t, '', ws);
      break;
    }

    case 'raw-fragment-then-wait': {
      // .NET returns a first fragment at once; a receive that waits for the whole message gives up after 1 s.
      const cts = new CancellationTokenSource();
      cts.CancelAfter(1000);
      const r = await Receive(t, 'receive-first', ws, 100, cts.Token);
      if (r != null) await SendText(t, 'send', ws, 'got it');
      await ReceiveLoop(t, ws);
      break;
    }

    case 'raw-ping-unread':
      await delay(300);
      await SendText(t, 'send', ws, 'after a pause');
      await ReceiveLoop(t, ws);
      break;

    default:
      if (name.startsWith('raw-deflate-')) {
        await Echo(t, ws);
        break;
      }
      if (name.startsWith('raw-')) {
        // A raw peer (raw.ts) writes the frames; we read until the close or an error.
        await ReceiveLoop(t, ws);
        break;
      }
      t.Line('unknown-scenario', name);
      break;
  }
}
