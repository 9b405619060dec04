// The client half of each differential scenario, ported line for line from ../ClientScenarios.cs: a
// ClientWebSocket against the server half (Kestrel, the CreateFromStream server, a dotnet-ws server or a
// raw peer) at `<base>/<scenario>`.
import {
  ArraySegment,
  CancellationToken,
  CancellationTokenSource,
  ClientWebSocket,
  Encoding,
  HttpMessageInvoker,
  HttpVersion,
  HttpVersionPolicy,
  SocketsHttpHandler,
  TimeSpan,
  Uri,
  UriKind,
  WebSocketCloseStatus,
  WebSocketDeflateOptions,
  WebSocketMessageFlags,
  WebSocketMessageType,
  WebSocketState,
} from './dotnet-ws.js';
import type { ClientWebSocketOptions, WebSocket } from './dotnet-ws.js';
import { Run as RunApi } from './api.js';
import {
  ArgumentChecks,
  Await,
  Echo,
  EveryOperation,
  None,
  Pattern,
  Receive,
  ReceiveLoop,
  ReceiveMemory,
  ReceiveMessage,
  SendBinary,
  SendText,
} from './peer.js';
import { Q, StatusText, Transcript } from './transcript.js';

export interface ClientContext {
  BaseUrl: string;
  ClosedPort: number;
  /** The socket of the running scenario, aborted by the runner when the scenario times out. */
  Current: WebSocket | null;
  /** Over HTTP/2: every Connect asks for HTTP/2 exactly, through this one invoker. */
  Http2Invoker?: HttpMessageInvoker | null;
}

async function Connect(
  c: ClientContext,
  t: Transcript,
  path: string,
  configure: ((o: ClientWebSocketOptions) => void) | null,
): Promise<ClientWebSocket> {
  const ws = new ClientWebSocket();
  c.Current = ws;
  t.State('created', ws);
  if (configure != null) configure(ws.Options);
  if (c.Http2Invoker != null) {
    ws.Options.HttpVersion = HttpVersion.Version20;
    ws.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
  }
  const uri = new Uri(`${c.BaseUrl}/${path}`);
  if (!(await t.Try('connect', () => (c.Http2Invoker != null ? ws.ConnectAsync(uri, c.Http2Invoker, None) : ws.ConnectAsync(uri, None))))) {
    t.Line(
      'after-connect',
      `state=${WebSocketState[ws.State]} subprotocol=${Q(ws.SubProtocol)} status=${StatusText(ws.CloseStatus)} http=${ws.HttpStatusCode}`,
    );
    return ws;
  }
  t.Line('connected', `state=${WebSocketState[ws.State]} subprotocol=${Q(ws.SubProtocol)}`);
  return ws;
}

/** The response's Sec-WebSocket-Extensions (CollectHttpResponseDetails must be set). */
function Extensions(t: Transcript, ws: ClientWebSocket): void {
  const headers = ws.HttpResponseHeaders;
  if (headers == null) {
    t.Line('response-extensions', 'no headers');
    return;
  }
  let values: readonly string[] | null = null;
  for (const [key, value] of headers) {
    if (key.toLowerCase() === 'sec-websocket-extensions') values = value;
  }
  t.Line('response-extensions', values == null ? 'none' : Q(values.join(' | ')));
}

function Deflate(
  o: ClientWebSocketOptions,
  clientBits: number,
  clientTakeover: boolean,
  serverBits: number,
  serverTakeover: boolean,
): void {
  o.CollectHttpResponseDetails = true;
  const d = new WebSocketDeflateOptions();
  d.ClientMaxWindowBits = clientBits;
  d.ClientContextTakeover = clientTakeover;
  d.ServerMaxWindowBits = serverBits;
  d.ServerContextTakeover = serverTakeover;
  o.DangerousDeflateOptions = d;
}

async function CloseNormally(t: Transcript, ws: WebSocket): Promise<void> {
  await t.Try('close', () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
  t.Status('after-close', ws);
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Runs the client half of `name`; the runner disposes `c.Current` afterwards. */
export async function Run(name: string, c: ClientContext, t: Transcript): Promise<void> {
  switch (name) {
    case 'echo-client-close': {
      const ws = await Connect(c, t, name, null);
      await SendText(t, 'send', ws, 'hello \uc548\ub155');
      await Receive(t, 'receive', ws, 4096);
      await t.Try('close', () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, 'bye', None));
      t.Status('after-close', ws);
      ws.Dispose();
      t.Status('after-dispose', ws);
      break;
    }

    case 'echo-server-close': {
      const ws = await Connect(c, t, name, null);
      await SendText(t, 'send', ws, 'hello');
      await Receive(t, 'receive-echo', ws, 4096);
      await Receive(t, 'receive-close', ws, 4096);
      t.Status('after-receive-close', ws);
      await SendText(t, 'send-in-close-received', ws, 'late');
      await Receive(t, 'receive-in-close-received', ws, 16);
      await t.Try('close', () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, 'client-bye', None));
      t.Status('after-close', ws);
      break;
    }

    case 'server-closeasync': {
      const ws = await Connect(c, t, name, null);
      await SendText(t, 'send', ws, 'close please');
      await Receive(t, 'receive-close', ws, 16);
      t.Status('after-receive-close', ws);
      await SendText(t, 'send-in-close-received', ws, 'late');
      await t.Try('close-output', () => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, 'ack', None));
      t.Status('after-close-output', ws);
      break;
    }

    case 'closeoutput-then-receive': {
      const ws = await Connect(c, t, name, null);
      await SendText(t, 'send', ws, 'first');
      await t.Try('close-output', () => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, 'half', None));
      t.Status('after-close-output', ws);
      await SendText(t, 'send-in-close-sent', ws, 'x');
      await Receive(t, 'receive-data', ws, 4096);
      await Receive(t, 'receive-close', ws, 4096);
      t.Status('after-receive-close', ws);
      break;
    }

    case 'closeoutput-pending-receive':
    case 'closeasync-pending-receive': {
      const ws = await Connect(c, t, name, null);
      const buffer = new Uint8Array(16);
      const pending = ws.ReceiveAsync(new ArraySegment(buffer), None);
      if (name === 'closeoutput-pending-receive')
        await t.Try('close-output', () => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, 'bye', None));
      else await t.Try('close', () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, 'bye', None));
      // After CloseOutputAsync the state is CloseSent until the pending receive reads the reply: a race.
      if (name === 'closeasync-pending-receive') t.Status('after-close', ws);
      await Await(t, 'pending-receive', pending, buffer);
      t.Status('final', ws);
      break;
    }

    case 'close-twice': {
      const ws = await Connect(c, t, name, null);
      await t.Try('close', () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, 'once', None));
      t.Status('after-close', ws);
      await t.Try('close-again', () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, 'twice', None));
      await t.Try('close-output-after-close', () => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, None));
      await SendText(t, 'send-after-close', ws, 'x');
      await Receive(t, 'receive-after-close', ws, 16);
      t.Status('final', ws);
      break;
    }

    case 'large-message': {
      const ws = await Connect(c, t, name, null);
      await SendBinary(t, 'send', ws, Pattern(10000));
      await ReceiveMessage(t, 'receive', ws, 4096);
      await CloseNormally(t, ws);
      break;
    }

    case 'small-buffers': {
      const ws = await Connect(c, t, name, null);
      await SendText(t, 'send-text', ws, '\uc548\ub155');
      await SendBinary(t, 'send-binary', ws, Pattern(10));
      await ReceiveMessage(t, 'receive-text', ws, 2);
      await ReceiveMessage(t, 'receive-binary', ws, 4);
      await CloseNormally(t, ws);
      break;
    }

    case 'fragmented': {
      const ws = await Connect(c, t, name, null);
      await SendText(t, 'send-1', ws, 'ab', false);
      await SendText(t, 'send-2', ws, 'cd', false);
      await SendText(t, 'send-3', ws, 'ef', true);
      await SendBinary(t, 'send-binary-1', ws, new Uint8Array([1, 2]), false);
      await SendText(t, 'send-binary-2-as-text', ws, 'ZZ', true);
      for (let i = 1; i <= 3; i++) await Receive(t, `receive-${i}`, ws, 100);
      await CloseNormally(t, ws);
      break;
    }

    case 'fragmented-empty': {
      const ws = await Connect(c, t, name, null);
      await SendText(t, 'send-1', ws, '', false);
      await SendText(t, 'send-2', ws, 'ab', false);
      await SendText(t, 'send-3', ws, '', false);
      await SendText(t, 'send-4', ws, '', true);
      await SendBinary(t, 'send-binary-1', ws, new Uint8Array(0), false);
      await SendBinary(t, 'send-binary-2', ws, new Uint8Array(0), true);
      for (let i = 1; i <= 6; i++) await Receive(t, `receive-${i}`, ws, 16);
      await CloseNormally(t, ws);
      break;
    }

    case 'empty-messages': {
      const ws = await Connect(c, t, name, null);
      await SendText(t, 'send-text', ws, '');
      await SendBinary(t, 'send-binary', ws, new Uint8Array(0));
      await Receive(t, 'receive-1', ws, 16);
      await Receive(t, 'receive-2', ws, 16);
      await CloseNormally(t, ws);
      break;
    }

    case 'memory-overloads': {
      const ws = await Connect(c, t, name, null);
      await t.Try('send-memory', () => ws.SendAsync(Encoding.UTF8.GetBytes('abc'), WebSocketMessageType.Text, true, None));
      await ReceiveMemory(t, 'receive-memory', ws, 4096);
      await t.Try('send-memory-fragment-1', () => ws.SendAsync(new Uint8Array([1, 2, 3]), WebSocketMessageType.Binary, false, None));
      await t.Try('send-memory-fragment-2', () => ws.SendAsync(new Uint8Array([4, 5]), WebSocketMessageType.Binary, true, None));
      for (let i = 1; i <= 3; i++) await ReceiveMemory(t, `receive-small-${i}`, ws, 2);
      await t.Try('send-flags-fragment-1', () =>
        ws.SendAsync(new Uint8Array([6]), WebSocketMessageType.Binary, WebSocketMessageFlags.None, None),
      );
      await t.Try('send-flags-fragment-2', () =>
        ws.SendAsync(new Uint8Array([7]), WebSocketMessageType.Binary, WebSocketMessageFlags.EndOfMessage, None),
      );
      for (let i = 1; i <= 2; i++) await ReceiveMemory(t, `receive-flags-${i}`, ws, 16);
      await CloseNormally(t, ws);
      break;
    }

    case 'zero-byte-receive': {
      const ws = await Connect(c, t, name, null);
      await SendText(t, 'send', ws, 'go');
      await Receive(t, 'receive-0', ws, 0);
      await Receive(t, 'receive-1', ws, 1);
      await Receive(t, 'receive-8', ws, 8);
      await CloseNormally(t, ws);
      break;
    }

    case 'segment-offset': {
      const ws = await Connect(c, t, name, null);
      const source = Encoding.UTF8.GetBytes('0123456789');
      await t.Try('send-slice', () => ws.SendAsync(new ArraySegment(source, 3, 4), WebSocketMessageType.Text, true, None));
      const buffer = Encoding.UTF8.GetBytes('................');
      try {
        const r = await ws.ReceiveAsync(new ArraySegment(buffer, 5, 10), None);
        t.Line('receive-slice', `count=${r.Count} end=${r.EndOfMessage} buffer=${Q(Encoding.UTF8.GetString(buffer))}`);
      } catch (e) {
        t.Error('receive-slice', 'faults', e);
      }
      await CloseNormally(t, ws);
      break;
    }

    case 'concurrent-receives': {
      const ws = await Connect(c, t, name, null);
      const b1 = new Uint8Array(16);
      const b2 = new Uint8Array(16);
      const first = ws.ReceiveAsync(new ArraySegment(b1), None);
      const second = ws.ReceiveAsync(new ArraySegment(b2), None);
      await SendText(t, 'send', ws, 'go');
      await Await(t, 'receive-first', first, b1);
      await Await(t, 'receive-second', second, b2);
      await CloseNormally(t, ws);
      break;
    }

    case 'concurrent-sends': {
      const ws = await Connect(c, t, name, null);
      const one = Encoding.UTF8.GetBytes('one');
      const two = Encoding.UTF8.GetBytes('two');
      const first = ws.SendAsync(new ArraySegment(one), WebSocketMessageType.Text, true, None);
      const second = ws.SendAsync(new ArraySegment(two), WebSocketMessageType.Text, true, None);
      await t.Try('send-first', () => first);
      await t.Try('send-second', () => second);
      await Receive(t, 'receive-1', ws, 16);
      await Receive(t, 'receive-2', ws, 16);
      await CloseNormally(t, ws);
      break;
    }

    case 'close-discards-data': {
      const ws = await Connect(c, t, name, null);
      await SendText(t, 'send', ws, 'ready');
      await t.Try('close', () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, 'discarding', None));
      t.Status('after-close', ws);
      break;
    }

    case 'dispose-pending-receive':
    case 'abort-pending-receive': {
      // Kestrel keeps the connection open after Dispose() until the request delegate returns, and that
      // waits for its pending receive: give up after a second.
      const ws = await Connect(c, t, name, null);
      await SendText(t, 'send', ws, 'ready');
      const cts = new CancellationTokenSource();
      cts.CancelAfter(1000);
      await Receive(t, 'receive', ws, 16, cts.Token);
      t.Status('after-drop', ws);
      break;
    }

    case 'client-dispose-pending-receive':
    case 'client-abort-pending-receive': {
      const ws = await Connect(c, t, name, null);
      const pending = ws.ReceiveAsync(new ArraySegment(new Uint8Array(16)), None);
      if (name === 'client-dispose-pending-receive') ws.Dispose();
      else ws.Abort();
      t.Status('after-drop', ws);
      await Await(t, 'pending-receive', pending, new Uint8Array(16));
      t.Status('final', ws);
      await EveryOperation(t, '', ws);
      break;
    }

    case 'close-1005-received':
    case 'close-1004-received':
    case 'close-2999-received':
    case 'close-5000-received': {
      const ws = await Connect(c, t, name, null);
      await Receive(t, 'receive-close', ws, 16);
      t.Status('after-receive-close', ws);
      await Receive(t, 'receive-again', ws, 16);
      break;
    }

    case 'close-validation': {
      const ws = await Connect(c, t, name, null);
      await ArgumentChecks(t, ws);
      await t.Try('close-output-4000', () => ws.CloseOutputAsync(4000 as WebSocketCloseStatus, 'custom', None));
      t.Status('after-close-output', ws);
      await Receive(t, 'receive-close', ws, 16);
      t.Status('after-receive-close', ws);
      break;
    }

    case 'close-empty-status': {
      const ws = await Connect(c, t, name, null);
      await t.Try('close-empty', () => ws.CloseAsync(WebSocketCloseStatus.Empty, null, None));
      t.Status('after-close', ws);
      break;
    }

    case 'close-reason-123-bytes': {
      const ws = await Connect(c, t, name, null);
      await t.Try('close', () => ws.CloseAsync(WebSocketCloseStatus.PolicyViolation, '\uc548'.repeat(41), None));
      t.Status('after-close', ws);
      break;
    }

    case 'drop-by-server':
    case 'dispose-by-server': {
      const ws = await Connect(c, t, name, null);
      await SendText(t, 'send', ws, 'drop');
      await Receive(t, 'receive', ws, 16);
      t.Status('after-drop', ws);
      await EveryOperation(t, '', ws);
      break;
    }

    case 'drop-by-client': {
      const ws = await Connect(c, t, name, null);
      await SendText(t, 'send', ws, 'x');
      ws.Abort();
      t.Status('after-abort', ws);
      await EveryOperation(t, '', ws);
      break;
    }

    case 'server-returns': {
      const ws = await Connect(c, t, name, null);
      await SendText(t, 'send', ws, 'bye');
      await Receive(t, 'receive', ws, 16);
      t.Status('after-server-returned', ws);
      break;
    }

    case 'cancel-receive-client': {
      const ws = await Connect(c, t, name, null);
      const cts = new CancellationTokenSource();
      const buffer = new Uint8Array(16);
      const pending = ws.ReceiveAsync(new ArraySegment(buffer), cts.Token);
      cts.Cancel();
      await Await(t, 'pending-receive', pending, buffer);
      t.Status('after-cancel', ws);
      await EveryOperation(t, '', ws);
      break;
    }

    case 'cancel-receive-server': {
      const ws = await Connect(c, t, name, null);
      await SendText(t, 'send', ws, 'ready');
      await Receive(t, 'receive', ws, 16);
      t.Status('after-drop', ws);
      break;
    }

    case 'precanceled-send': {
      const ws = await Connect(c, t, name, null);
      await t.Try('send-precanceled', () =>
        ws.SendAsync(new ArraySegment(new Uint8Array([1])), WebSocketMessageType.Binary, true, new CancellationToken(true)),
      );
      t.State('after-send-precanceled', ws);
      await SendText(t, 'send-after', ws, 'still');
      t.State('final', ws);
      break;
    }

    case 'precanceled-receive': {
      const ws = await Connect(c, t, name, null);
      await Receive(t, 'receive-precanceled', ws, 16, new CancellationToken(true));
      t.State('after-receive-precanceled', ws);
      await Receive(t, 'receive-after', ws, 16);
      t.State('final', ws);
      break;
    }

    case 'precanceled-close': {
      const ws = await Connect(c, t, name, null);
      await t.Try('close-precanceled', () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, 'bye', new CancellationToken(true)));
      t.Status('after-close-precanceled', ws);
      await SendText(t, 'send-after', ws, 'x');
      t.Status('final', ws);
      break;
    }

    case 'precanceled-close-output': {
      const ws = await Connect(c, t, name, null);
      await t.Try('close-output-precanceled', () =>
        ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, 'bye', new CancellationToken(true)),
      );
      t.Status('after-close-output-precanceled', ws);
      await SendText(t, 'send-after', ws, 'x');
      t.Status('final', ws);
      break;
    }

    case 'precanceled-connect': {
      const ws = new ClientWebSocket();
      c.Current = ws;
      await t.Try('connect', () => ws.ConnectAsync(new Uri(`${c.BaseUrl}/${name}`), new CancellationToken(true)));
      t.State('after-connect', ws);
      await SendText(t, 'send-after-failed-connect', ws, 'x');
      break;
    }

    case 'subprotocol': {
      const ws = await Connect(c, t, name, (o) => {
        t.TrySync('add-empty', () => o.AddSubProtocol(''));
        t.TrySync('add-space', () => o.AddSubProtocol('a b'));
        t.TrySync('add-chat', () => o.AddSubProtocol('chat'));
        t.TrySync('add-duplicate', () => o.AddSubProtocol('Chat'));
        t.TrySync('add-superchat', () => o.AddSubProtocol('superchat'));
      });
      t.TrySync('add-after-connect', () => ws.Options.AddSubProtocol('late'));
      await CloseNormally(t, ws);
      break;
    }

    case 'subprotocol-case':
    case 'subprotocol-none':
    case 'subprotocol-unrequested': {
      const ws = await Connect(c, t, name, (o) => {
        o.AddSubProtocol('chat');
        o.AddSubProtocol('superchat');
      });
      await CloseNormally(t, ws);
      break;
    }

    case 'subprotocol-server-only': {
      const ws = await Connect(c, t, name, null);
      await CloseNormally(t, ws);
      break;
    }

    case 'subprotocol-mismatch': {
      const ws = await Connect(c, t, name, (o) => {
        o.AddSubProtocol('chat');
        o.AddSubProtocol('superchat');
      });
      await SendText(t, 'send-after-failed-connect', ws, 'x');
      break;
    }

    case 'deflate': {
      const ws = await Connect(c, t, name, (o) => Deflate(o, 15, true, 15, true));
      Extensions(t, ws);
      await SendText(t, 'send-text', ws, 'hello hello hello hello hello');
      await Receive(t, 'receive-text', ws, 4096);
      await SendBinary(t, 'send-binary', ws, Pattern(3000));
      await ReceiveMessage(t, 'receive-binary', ws, 1000);
      await SendText(t, 'send-text-again', ws, 'hello hello hello hello hello');
      await Receive(t, 'receive-text-again', ws, 4096);
      await CloseNormally(t, ws);
      break;
    }

    case 'deflate-options': {
      const ws = await Connect(c, t, name, (o) => Deflate(o, 10, false, 12, false));
      Extensions(t, ws);
      await SendText(t, 'send-text', ws, 'abcabcabcabcabcabc');
      await Receive(t, 'receive-text', ws, 4096);
      await CloseNormally(t, ws);
      break;
    }

    case 'deflate-refused': {
      const ws = await Connect(c, t, name, (o) => Deflate(o, 15, true, 15, true));
      Extensions(t, ws);
      await SendText(t, 'send-text', ws, 'plain');
      await Receive(t, 'receive-text', ws, 4096);
      await CloseNormally(t, ws);
      break;
    }

    case 'deflate-not-offered': {
      const ws = await Connect(c, t, name, (o) => (o.CollectHttpResponseDetails = true));
      Extensions(t, ws);
      await SendText(t, 'send-text', ws, 'plain');
      await Receive(t, 'receive-text', ws, 4096);
      await CloseNormally(t, ws);
      break;
    }

    case 'deflate-flags': {
      const ws = await Connect(c, t, name, (o) => Deflate(o, 15, true, 15, true));
      const bytes = Encoding.UTF8.GetBytes('uncompressed uncompressed');
      await t.Try('send-disable-compression', () =>
        ws.SendAsync(bytes, WebSocketMessageType.Text, WebSocketMessageFlags.EndOfMessage | WebSocketMessageFlags.DisableCompression, None),
      );
      await Receive(t, 'receive-1', ws, 4096);
      await t.Try('send-fragment-compressed', () => ws.SendAsync(bytes, WebSocketMessageType.Text, WebSocketMessageFlags.None, None));
      await t.Try('send-fragment-uncompressed', () =>
        ws.SendAsync(bytes, WebSocketMessageType.Text, WebSocketMessageFlags.EndOfMessage | WebSocketMessageFlags.DisableCompression, None),
      );
      await t.Try('send-fragment-end', () => ws.SendAsync(bytes, WebSocketMessageType.Text, WebSocketMessageFlags.EndOfMessage, None));
      await Receive(t, 'receive-2', ws, 4096);
      await Receive(t, 'receive-3', ws, 4096);
      await CloseNormally(t, ws);
      break;
    }

    case 'connect-rejected': {
      const ws = await Connect(c, t, name, (o) => (o.CollectHttpResponseDetails = true));
      await SendText(t, 'send-after-failed-connect', ws, 'x');
      await t.Try('connect-again', () => ws.ConnectAsync(new Uri(`${c.BaseUrl}/${name}`), None));
      break;
    }

    case 'connect-404': {
      const ws = await Connect(c, t, 'no/such/path', (o) => (o.CollectHttpResponseDetails = true));
      await Receive(t, 'receive-after-failed-connect', ws, 16);
      break;
    }

    case 'connect-not-websocket': {
      const ws = await Connect(c, t, 'plain', (o) => (o.CollectHttpResponseDetails = true));
      await t.Try('close-after-failed-connect', () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
      break;
    }

    case 'connect-refused': {
      const ws = new ClientWebSocket();
      c.Current = ws;
      await t.Try('connect', () => ws.ConnectAsync(new Uri(`ws://127.0.0.1:${c.ClosedPort}/`), None));
      t.State('after-connect', ws);
      break;
    }

    case 'connect-bad-uri': {
      const s = new ClientWebSocket();
      await t.Try('connect-null', () => s.ConnectAsync(null as unknown as Uri, None));
      await t.Try('connect-relative', () => s.ConnectAsync(new Uri('/relative', UriKind.Relative), None));
      await t.Try('connect-ftp', () => s.ConnectAsync(new Uri(`ftp://127.0.0.1:${c.ClosedPort}/`), None));
      await t.Try('connect-https', () => s.ConnectAsync(new Uri(`https://127.0.0.1:${c.ClosedPort}/`), None));
      await t.Try('connect-upper-case-scheme', () => s.ConnectAsync(new Uri(`WS://127.0.0.1:${c.ClosedPort}/`), None));
      t.State('after-connect', s);
      s.Dispose();
      break;
    }

    case 'not-connected': {
      const ws = new ClientWebSocket();
      c.Current = ws;
      t.Status('created', ws);
      t.Line(
        'created-properties',
        `subprotocol=${Q(ws.SubProtocol)} http=${ws.HttpStatusCode} headers=${ws.HttpResponseHeaders == null ? 'null' : 'set'}`,
      );
      await SendText(t, 'send', ws, 'x');
      await Receive(t, 'receive', ws, 16);
      await t.Try('close', () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
      await t.Try('close-output', () => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, None));
      await t.Try('connect-http', () => ws.ConnectAsync(new Uri(`http://127.0.0.1:${c.ClosedPort}/`), None));
      t.State('after-connect-http', ws);
      ws.Dispose();
      t.State('after-dispose', ws);
      await SendText(t, 'send-after-dispose', ws, 'x');
      await t.Try('connect-after-dispose', () => ws.ConnectAsync(new Uri(`${c.BaseUrl}/x`), None));
      {
        const aborted = new ClientWebSocket();
        aborted.Abort();
        t.State('abort-before-connect', aborted);
        await SendText(t, 'send-after-abort', aborted, 'x');
      }
      break;
    }

    case 'options-after-connect': {
      const ws = await Connect(c, t, name, null);
      t.TrySync('set-keep-alive', () => (ws.Options.KeepAliveInterval = TimeSpan.FromSeconds(1)));
      t.TrySync('set-keep-alive-timeout', () => (ws.Options.KeepAliveTimeout = TimeSpan.FromSeconds(1)));
      t.TrySync('set-request-header', () => ws.Options.SetRequestHeader('X-Late', '1'));
      t.TrySync('set-buffer', () => ws.Options.SetBuffer(1024, 1024));
      t.TrySync('set-collect', () => (ws.Options.CollectHttpResponseDetails = true));
      t.TrySync('set-deflate', () => (ws.Options.DangerousDeflateOptions = new WebSocketDeflateOptions()));
      await t.Try('connect-again', () => ws.ConnectAsync(new Uri(`${c.BaseUrl}/${name}`), None));
      await CloseNormally(t, ws);
      break;
    }

    // Seed §2–§5 programs at /ws: what the seed's own client would do.
    case 'seed-echo': {
      const ws = await Connect(c, t, 'ws', null);
      await SendText(t, 'send-1', ws, '\uc548\ub155\ud558\uc138\uc694');
      await Receive(t, 'receive-1', ws, 4096);
      await SendText(t, 'send-2', ws, 'second message');
      await Receive(t, 'receive-2', ws, 4096);
      await t.Try('close', () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, 'done', None));
      t.Status('after-close', ws);
      break;
    }

    case 'seed-one-message': {
      const ws = await Connect(c, t, 'ws', null);
      await SendText(t, 'send', ws, 'hello');
      await Receive(t, 'receive', ws, 4096);
      await Receive(t, 'receive-close', ws, 4096);
      t.Status('after-receive-close', ws);
      await t.Try('close', () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
      t.Status('after-close', ws);
      break;
    }

    case 'seed-quiet': {
      const ws = await Connect(c, t, 'ws', null);
      await SendText(t, 'send-1', ws, '\ud558\ub098');
      await SendText(t, 'send-2', ws, '\ub458');
      await t.Try('close', () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, 'bye', None));
      t.Status('after-close', ws);
      break;
    }

    case 'raw-keepalive-pong': {
      const ws = await Connect(c, t, name, (o) => (o.KeepAliveInterval = TimeSpan.FromMilliseconds(100)));
      await ReceiveLoop(t, ws);
      break;
    }

    case 'raw-keepalive-ping': {
      const ws = await Connect(c, t, name, (o) => {
        o.KeepAliveInterval = TimeSpan.FromMilliseconds(100);
        o.KeepAliveTimeout = TimeSpan.FromSeconds(5);
      });
      await ReceiveLoop(t, ws);
      break;
    }

    case 'raw-keepalive-timeout': {
      const ws = await Connect(c, t, name, (o) => {
        o.KeepAliveInterval = TimeSpan.FromMilliseconds(100);
        o.KeepAliveTimeout = TimeSpan.FromMilliseconds(300);
      });
      await ReceiveLoop(t, ws);
      await EveryOperation(t, '', ws);
      break;
    }

    case 'raw-keepalive-off': {
      const ws = await Connect(c, t, name, (o) => (o.KeepAliveInterval = TimeSpan.Zero));
      await ReceiveLoop(t, ws);
      break;
    }

    case 'raw-ping-unread': {
      const ws = await Connect(c, t, name, null);
      await delay(300);
      await SendText(t, 'send', ws, 'after a pause');
      await ReceiveLoop(t, ws);
      break;
    }

    case 'raw-fragment-then-wait': {
      // .NET returns a first fragment at once; a receive that waits for the whole message gives up after 1 s.
      const ws = await Connect(c, t, name, null);
      const cts = new CancellationTokenSource();
      cts.CancelAfter(1000);
      const r = await Receive(t, 'receive-first', ws, 100, cts.Token);
      if (r != null) await SendText(t, 'send', ws, 'got it');
      await ReceiveLoop(t, ws);
      break;
    }

    case 'raw-request-head': {
      const ws = await Connect(c, t, name, null);
      await ReceiveLoop(t, ws);
      break;
    }

    case 'raw-request-head-options': {
      const ws = await Connect(c, t, name, (o) => {
        o.AddSubProtocol('chat');
        o.AddSubProtocol('superchat');
        o.SetRequestHeader('X-Custom', 'value');
        o.DangerousDeflateOptions = new WebSocketDeflateOptions();
      });
      await ReceiveLoop(t, ws);
      break;
    }

    case 'raw-deflate-offer-default':
    case 'raw-deflate-answer-no-context-takeover': {
      const ws = await Connect(c, t, name, (o) => Deflate(o, 15, true, 15, true));
      Extensions(t, ws);
      await Echo(t, ws);
      break;
    }

    case 'raw-deflate-offer-options': {
      const ws = await Connect(c, t, name, (o) => Deflate(o, 9, false, 10, false));
      Extensions(t, ws);
      await Echo(t, ws);
      break;
    }

    case 'raw-deflate-answer-unoffered':
    case 'raw-deflate-answer-bad-bits': {
      const ws = await Connect(c, t, name, (o) => Deflate(o, 15, true, 15, true));
      Extensions(t, ws);
      break;
    }

    case 'raw-deflate-unasked': {
      const ws = await Connect(c, t, name, (o) => (o.CollectHttpResponseDetails = true));
      Extensions(t, ws);
      break;
    }

    case 'raw-hang-handshake': {
      const ws = new ClientWebSocket();
      c.Current = ws;
      const cts = new CancellationTokenSource();
      cts.CancelAfter(300);
      await t.Try('connect', () => ws.ConnectAsync(new Uri(`${c.BaseUrl}/${name}`), cts.Token));
      t.State('after-connect', ws);
      await SendText(t, 'send-after-failed-connect', ws, 'x');
      break;
    }

    case 'raw-no-close-reply': {
      const ws = await Connect(c, t, name, null);
      const cts = new CancellationTokenSource();
      cts.CancelAfter(300);
      await t.Try('close', () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, 'bye', cts.Token));
      t.Status('after-close', ws);
      await EveryOperation(t, '', ws);
      break;
    }

    case 'raw-no-read': {
      const ws = await Connect(c, t, name, null);
      const cts = new CancellationTokenSource();
      cts.CancelAfter(300);
      const big = new Uint8Array(64 * 1024 * 1024);
      await t.Try('send-big', () => ws.SendAsync(new ArraySegment(big), WebSocketMessageType.Binary, true, cts.Token));
      t.Status('after-send', ws);
      await EveryOperation(t, '', ws);
      break;
    }

    case 'raw-no-close-reply-receive': {
      const ws = await Connect(c, t, name, null);
      await t.Try('close-output', () => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, 'bye', None));
      const cts = new CancellationTokenSource();
      cts.CancelAfter(300);
      await Receive(t, 'receive', ws, 16, cts.Token);
      t.Status('after-receive', ws);
      break;
    }

    default:
      if (name.startsWith('api-')) {
        await RunApi(name, c, t);
        break;
      }
      if (name.startsWith('raw-')) {
        // A raw peer (raw.ts) writes the frames; we read until the close or an error.
        const ws = await Connect(c, t, name, null);
        await ReceiveLoop(t, ws);
        break;
      }
      t.Line('unknown-scenario', name);
      break;
  }
}

/** The runner (../Program.cs's Client): each scenario in turn with a timeout, its socket disposed. */
export async function RunAll(
  names: readonly string[],
  baseUrl: string,
  closedPort: number,
  timeoutMs = 10_000,
  http2 = false,
): Promise<Map<string, string[]>> {
  const transcripts = new Map<string, string[]>();
  const c: ClientContext = { BaseUrl: baseUrl, ClosedPort: closedPort, Current: null };
  if (http2) c.Http2Invoker = new HttpMessageInvoker(new SocketsHttpHandler());
  for (const name of names) {
    const t = new Transcript(name);
    c.Current = null;
    let timer: NodeJS.Timeout | undefined;
    try {
      const run = Run(name, c, t);
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
      if ((await Promise.race([run, timedOut])) === 'timeout') {
        t.Line('timeout', 'the client half did not finish');
        (c.Current as WebSocket | null)?.Abort();
      }
    } catch (e) {
      t.Error('crash', 'throws', e);
    } finally {
      clearTimeout(timer);
    }
    transcripts.set(name, t.lines);
    // Whatever state the scenario left it in, the server half must see the connection end.
    (c.Current as WebSocket | null)?.Dispose();
  }
  c.Http2Invoker?.Dispose();
  return transcripts;
}
