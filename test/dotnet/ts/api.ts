// Scenarios without a connection, ported line for line from ../ApiScenarios.cs: constructors, option
// setters and static helpers, each call's value or exception on one line.
import { Duplex, PassThrough } from 'node:stream';
import type { DuplexOptions } from 'node:stream';
import {
  ArraySegment,
  ClientWebSocket,
  Timeout,
  TimeSpan,
  ValueWebSocketReceiveResult,
  WebSocket,
  WebSocketAcceptContext,
  WebSocketCloseStatus,
  WebSocketCreationOptions,
  WebSocketDeflateOptions,
  WebSocketError,
  WebSocketException,
  WebSocketMessageType,
  WebSocketOptions,
  WebSocketReceiveResult,
  WebSocketState,
} from './dotnet-ws.js';
import type { Version } from './dotnet-ws.js';
import { Describe, Q, StatusText } from './transcript.js';
import type { Transcript } from './transcript.js';
import type { ClientContext } from './client.js';

/** C#'s `new MemoryStream()`: a stream that reads and writes. */
const memoryStream = (): Duplex => new PassThrough();
/** C#'s `new MemoryStream(new byte[0], false)`: readable, not writable. */
const readOnlyStream = (): Duplex => new Duplex({ read() {}, writable: false } as DuplexOptions);
/** A stream that cannot be read (a write-only stream, as CreateFromStream must refuse). */
const writeOnlyStream = (): Duplex =>
  new Duplex({ write: (_c: unknown, _e: unknown, cb: () => void) => cb(), readable: false } as DuplexOptions);

const Ts = (value: TimeSpan): string => value.ToString();

const Yes = (value: boolean): string => (value ? 'true' : 'false');

export async function Run(name: string, c: ClientContext, t: Transcript): Promise<void> {
  void c;
  switch (name) {
    case 'api-create-from-stream': {
      t.TrySync('null-stream', () => WebSocket.CreateFromStream(null as unknown as Duplex, true, null, TimeSpan.FromSeconds(30)));
      t.TrySync('null-stream-options', () => WebSocket.CreateFromStream(null as unknown as Duplex, new WebSocketCreationOptions()));
      t.TrySync('null-options', () => WebSocket.CreateFromStream(memoryStream(), null as unknown as WebSocketCreationOptions));
      t.TrySync('not-writable', () => WebSocket.CreateFromStream(readOnlyStream(), true, null, TimeSpan.Zero));
      t.TrySync('not-readable', () => WebSocket.CreateFromStream(writeOnlyStream(), true, null, TimeSpan.Zero));
      t.TrySync('not-writable-options', () => WebSocket.CreateFromStream(readOnlyStream(), new WebSocketCreationOptions()));
      for (const p of ['', '   ', 'a b', 'a,b', 'caf\u00e9', '\u007f', '(x)']) {
        t.TrySync(`subprotocol-${Q(p)}`, () => WebSocket.CreateFromStream(memoryStream(), true, p, TimeSpan.Zero));
      }
      t.TrySync('keep-alive-negative', () => WebSocket.CreateFromStream(memoryStream(), true, null, TimeSpan.FromSeconds(-2)));
      t.TrySync('keep-alive-minus-1ms', () =>
        WebSocket.CreateFromStream(memoryStream(), true, null, TimeSpan.FromMilliseconds(-1)).Dispose(),
      );
      const ws = WebSocket.CreateFromStream(memoryStream(), false, 'chat', TimeSpan.Zero);
      t.Line(
        'created',
        `state=${WebSocketState[ws.State]} subprotocol=${Q(ws.SubProtocol)} status=${StatusText(ws.CloseStatus)} desc=${Q(ws.CloseStatusDescription)}`,
      );
      ws.Dispose();
      t.State('after-dispose', ws);
      break;
    }

    case 'api-creation-options': {
      const o = new WebSocketCreationOptions();
      t.Line(
        'defaults',
        `server=${Yes(o.IsServer)} subprotocol=${Q(o.SubProtocol)} interval=${Ts(o.KeepAliveInterval)} timeout=${Ts(o.KeepAliveTimeout)} deflate=${o.DangerousDeflateOptions == null ? 'null' : 'set'}`,
      );
      t.TrySync('interval-negative', () => (o.KeepAliveInterval = TimeSpan.FromSeconds(-2)));
      t.TrySync('timeout-negative', () => (o.KeepAliveTimeout = TimeSpan.FromSeconds(-2)));
      t.TrySync('interval-infinite', () => (o.KeepAliveInterval = Timeout.InfiniteTimeSpan));
      t.TrySync('subprotocol-empty', () => (o.SubProtocol = ''));
      t.TrySync('subprotocol-space', () => (o.SubProtocol = 'a b'));
      t.TrySync('subprotocol-null', () => (o.SubProtocol = null));
      t.Line('after', `interval=${Ts(o.KeepAliveInterval)} timeout=${Ts(o.KeepAliveTimeout)} subprotocol=${Q(o.SubProtocol)}`);
      break;
    }

    case 'api-deflate-options': {
      const d = new WebSocketDeflateOptions();
      t.Line(
        'defaults',
        `client-bits=${d.ClientMaxWindowBits} client-takeover=${Yes(d.ClientContextTakeover)} server-bits=${d.ServerMaxWindowBits} server-takeover=${Yes(d.ServerContextTakeover)}`,
      );
      t.TrySync('client-bits-8', () => (d.ClientMaxWindowBits = 8));
      t.TrySync('client-bits-16', () => (d.ClientMaxWindowBits = 16));
      t.TrySync('server-bits-8', () => (d.ServerMaxWindowBits = 8));
      t.TrySync('server-bits-9', () => (d.ServerMaxWindowBits = 9));
      t.Line('after', `client-bits=${d.ClientMaxWindowBits} server-bits=${d.ServerMaxWindowBits}`);
      break;
    }

    case 'api-client-options': {
      const ws = new ClientWebSocket();
      const o = ws.Options;
      t.Line(
        'defaults',
        `interval=${Ts(o.KeepAliveInterval)} timeout=${Ts(o.KeepAliveTimeout)} collect=${Yes(o.CollectHttpResponseDetails)} deflate=${o.DangerousDeflateOptions == null ? 'null' : 'set'} default-credentials=${Yes(o.UseDefaultCredentials)} version=${o.HttpVersion.ToString()}`,
      );
      t.TrySync('interval-negative', () => (o.KeepAliveInterval = TimeSpan.FromSeconds(-2)));
      t.TrySync('timeout-negative', () => (o.KeepAliveTimeout = TimeSpan.FromSeconds(-2)));
      t.TrySync('interval-infinite', () => (o.KeepAliveInterval = Timeout.InfiniteTimeSpan));
      t.TrySync('add-null', () => o.AddSubProtocol(null as unknown as string));
      t.TrySync('add-comma', () => o.AddSubProtocol('a,b'));
      t.TrySync('add-non-ascii', () => o.AddSubProtocol('caf\u00e9'));
      t.TrySync('set-buffer-0', () => o.SetBuffer(0, 16));
      t.TrySync('set-buffer-send-0', () => o.SetBuffer(16, 0));
      t.TrySync('set-buffer-default-segment', () => o.SetBuffer(16, 16, new ArraySegment<Uint8Array>()));
      t.TrySync('set-buffer-empty-segment', () => o.SetBuffer(16, 16, new ArraySegment(new Uint8Array(0))));
      t.TrySync('set-buffer', () => o.SetBuffer(16, 16));
      t.TrySync('header-null-name', () => o.SetRequestHeader(null as unknown as string, 'x'));
      t.TrySync('header-empty-name', () => o.SetRequestHeader('', 'x'));
      t.TrySync('header-bad-name', () => o.SetRequestHeader('X Bad', 'x'));
      t.TrySync('header-bad-value', () => o.SetRequestHeader('X-Ok', 'a\r\nb'));
      t.TrySync('header-ok', () => o.SetRequestHeader('X-Ok', 'fine'));
      t.TrySync('http-version-null', () => (o.HttpVersion = null as unknown as Version));
      t.Line('after', `interval=${Ts(o.KeepAliveInterval)} timeout=${Ts(o.KeepAliveTimeout)}`);
      ws.Dispose();
      break;
    }

    case 'api-array-segment': {
      const array = new Uint8Array(4);
      t.TrySync('null-array', () => new ArraySegment(null as unknown as Uint8Array));
      t.TrySync('null-array-range', () => new ArraySegment(null as unknown as Uint8Array, 0, 0));
      t.TrySync('negative-offset', () => new ArraySegment(array, -1, 0));
      t.TrySync('negative-count', () => new ArraySegment(array, 0, -1));
      t.TrySync('past-end', () => new ArraySegment(array, 2, 5));
      const d = new ArraySegment<Uint8Array>();
      t.Line('default', `offset=${d.Offset} count=${d.Count} array=${d.Array == null ? 'null' : 'set'}`);
      t.Value(
        'default-index',
        () => d.get(0),
        (v) => String(v),
      );
      t.Value(
        'default-slice',
        () => d.Slice(0).Count,
        (v) => String(v),
      );
      t.Value(
        'default-to-array',
        () => d.ToArray().length,
        (v) => String(v),
      );
      const s = new ArraySegment(array, 1, 2);
      t.Value(
        'index-past-count',
        () => s.get(2),
        (v) => String(v),
      );
      t.Value(
        'slice-past-count',
        () => s.Slice(3).Count,
        (v) => String(v),
      );
      t.Value(
        'slice-count-past',
        () => s.Slice(1, 2).Count,
        (v) => String(v),
      );
      t.Value(
        'slice',
        () => s.Slice(1, 1).Offset,
        (v) => String(v),
      );
      t.Value(
        'empty',
        () => `${ArraySegment.Empty.Count} ${ArraySegment.Empty.Array == null ? 'null' : 'set'}`,
        (v) => v,
      );
      break;
    }

    case 'api-receive-result': {
      t.TrySync('negative-count', () => new WebSocketReceiveResult(-1, WebSocketMessageType.Text, true));
      t.TrySync('type-3', () => new WebSocketReceiveResult(0, 3 as WebSocketMessageType, true));
      const r = new WebSocketReceiveResult(0, WebSocketMessageType.Close, true, WebSocketCloseStatus.NormalClosure, 'x');
      t.Line(
        'close',
        `count=${r.Count} type=${WebSocketMessageType[r.MessageType]} end=${Yes(r.EndOfMessage)} status=${StatusText(r.CloseStatus)} desc=${Q(r.CloseStatusDescription)}`,
      );
      const plain = new WebSocketReceiveResult(3, WebSocketMessageType.Binary, false);
      t.Line('plain', `count=${plain.Count} status=${StatusText(plain.CloseStatus)} desc=${Q(plain.CloseStatusDescription)}`);
      t.TrySync('value-negative-count', () => new ValueWebSocketReceiveResult(-1, WebSocketMessageType.Text, true));
      t.TrySync('value-type-3', () => new ValueWebSocketReceiveResult(0, 3 as WebSocketMessageType, true));
      const v = new ValueWebSocketReceiveResult(5, WebSocketMessageType.Binary, true);
      t.Line('value', `count=${v.Count} type=${WebSocketMessageType[v.MessageType]} end=${Yes(v.EndOfMessage)}`);
      break;
    }

    case 'api-exception': {
      for (let i = 0; i <= 9; i++) {
        const e = new WebSocketException(i as WebSocketError);
        t.Line(`error-${i}`, Describe(e));
      }
      t.Line('default', Describe(new WebSocketException()));
      t.Line('message', Describe(new WebSocketException('custom')));
      t.Line('error-and-message', Describe(new WebSocketException(WebSocketError.Faulted, 'custom')));
      t.Line('native-negative', Describe(WebSocketException.fromNativeError(-5)));
      t.Line('native-positive', Describe(WebSocketException.fromNativeError(5)));
      break;
    }

    case 'api-buffers': {
      t.Line('default-keep-alive', Ts(WebSocket.DefaultKeepAliveInterval));
      t.Value(
        'client-buffer',
        () => WebSocket.CreateClientBuffer(16, 32).Count,
        (v) => String(v),
      );
      t.Value(
        'client-buffer-receive-0',
        () => WebSocket.CreateClientBuffer(0, 32).Count,
        (v) => String(v),
      );
      t.Value(
        'client-buffer-send-0',
        () => WebSocket.CreateClientBuffer(16, 0).Count,
        (v) => String(v),
      );
      t.Value(
        'server-buffer',
        () => WebSocket.CreateServerBuffer(16).Count,
        (v) => String(v),
      );
      t.Value(
        'server-buffer-0',
        () => WebSocket.CreateServerBuffer(0).Count,
        (v) => String(v),
      );
      t.Value(
        'server-buffer-negative',
        () => WebSocket.CreateServerBuffer(-1).Count,
        (v) => String(v),
      );
      break;
    }

    case 'api-accept-context': {
      const a = new WebSocketAcceptContext();
      t.Line(
        'defaults',
        `subprotocol=${Q(a.SubProtocol)} interval=${a.KeepAliveInterval.HasValue ? Ts(a.KeepAliveInterval.Value) : 'null'} timeout=${a.KeepAliveTimeout.HasValue ? Ts(a.KeepAliveTimeout.Value) : 'null'} compression=${Yes(a.DangerousEnableCompression)} no-takeover=${Yes(a.DisableServerContextTakeover)} bits=${a.ServerMaxWindowBits}`,
      );
      t.TrySync('bits-8', () => (a.ServerMaxWindowBits = 8));
      t.TrySync('bits-16', () => (a.ServerMaxWindowBits = 16));
      t.TrySync('bits-9', () => (a.ServerMaxWindowBits = 9));
      t.TrySync('interval-negative', () => (a.KeepAliveInterval = TimeSpan.FromSeconds(-2)));
      t.TrySync('timeout-negative', () => (a.KeepAliveTimeout = TimeSpan.FromSeconds(-2)));
      t.TrySync('subprotocol-space', () => (a.SubProtocol = 'a b'));
      const o = new WebSocketOptions();
      t.Line('options-defaults', `interval=${Ts(o.KeepAliveInterval)} timeout=${Ts(o.KeepAliveTimeout)} origins=${o.AllowedOrigins.Count}`);
      t.TrySync('options-timeout-negative', () => (o.KeepAliveTimeout = TimeSpan.FromSeconds(-2)));
      t.TrySync('options-interval-negative', () => (o.KeepAliveInterval = TimeSpan.FromSeconds(-2)));
      break;
    }

    default:
      t.Line('unknown-scenario', name);
      break;
  }
}
