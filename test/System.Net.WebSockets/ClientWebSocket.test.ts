import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArgumentException } from '../../src/System/ArgumentException.js';
import { ArgumentNullException } from '../../src/System/ArgumentNullException.js';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { InvalidOperationException } from '../../src/System/InvalidOperationException.js';
import { ObjectDisposedException } from '../../src/System/ObjectDisposedException.js';
import { OperationCanceledException } from '../../src/System/OperationCanceledException.js';
import { TaskCanceledException } from '../../src/System/TaskCanceledException.js';
import { TimeSpan } from '../../src/System/TimeSpan.js';
import { Uri } from '../../src/System/Uri.js';
import { UriKind } from '../../src/System/UriKind.js';
import { Encoding } from '../../src/System.Text/Encoding.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import { CancellationTokenSource } from '../../src/System.Threading/CancellationTokenSource.js';
import { ClientWebSocket } from '../../src/System.Net.WebSockets/ClientWebSocket.js';
import { WebSocketCloseStatus } from '../../src/System.Net.WebSockets/WebSocketCloseStatus.js';
import { WebSocketError } from '../../src/System.Net.WebSockets/WebSocketError.js';
import { WebSocketException } from '../../src/System.Net.WebSockets/WebSocketException.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { WebSocketState } from '../../src/System.Net.WebSockets/WebSocketState.js';
import { WebSocketDeflateOptions } from '../../src/System.Net.WebSockets/WebSocketDeflateOptions.js';
import { startRawPeer } from '../helpers/servers.js';
import type { WsPeer } from '../helpers/servers.js';
import { rejection, thrown } from '../helpers/errors.js';
import { acceptKeyOf } from '../helpers/handshake.js';
import { freePort } from '../helpers/ports.js';
import { client, closeAfter, peer } from '../helpers/clients.js';

const disposedMessage = new ObjectDisposedException('System.Net.WebSockets.ClientWebSocket').message;

/** Every operation that needs a connection, as a thunk. */
const operations: Array<[string, (ws: ClientWebSocket) => unknown]> = [
  ['SendAsync', (ws) => ws.SendAsync(new ArraySegment(new Uint8Array(1)), WebSocketMessageType.Binary, true, CancellationToken.None)],
  ['ReceiveAsync', (ws) => ws.ReceiveAsync(new ArraySegment(new Uint8Array(1)), CancellationToken.None)],
  ['CloseAsync', (ws) => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, '', CancellationToken.None)],
  ['CloseOutputAsync', (ws) => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, '', CancellationToken.None)],
];

describe('ClientWebSocket', () => {
  it('starts in state None with no close status, subprotocol or response details', () => {
    const ws = client();
    expect(ws.State).toBe(WebSocketState.None);
    expect(ws.CloseStatus.HasValue).toBe(false);
    expect(ws.CloseStatusDescription).toBeNull();
    expect(ws.SubProtocol).toBeNull();
    expect(ws.HttpStatusCode).toBe(0);
    expect(ws.HttpResponseHeaders).toBeNull();
    expect(ws.ToString()).toBe('System.Net.WebSockets.ClientWebSocket');
  });

  it.each(operations)('%s before ConnectAsync throws InvalidOperationException synchronously', (_name, op) => {
    const ws = client();
    const e = thrown(() => op(ws));
    expect(e).toBeInstanceOf(InvalidOperationException);
    expect(e.message).toBe(dotnetMessage('net_WebSockets_NotConnected'));
    expect(ws.State).toBe(WebSocketState.None);
  });

  it.each(operations)('%s after Dispose throws ObjectDisposedException naming ClientWebSocket', (_name, op) => {
    const ws = client();
    ws.Dispose();
    const e = thrown(() => op(ws));
    expect(e).toBeInstanceOf(ObjectDisposedException);
    expect(e.message).toBe(disposedMessage);
    expect(ws.State).toBe(WebSocketState.Closed);
  });

  it('Abort before connecting leaves state Closed and the client disposed', () => {
    const ws = client();
    ws.Abort();
    expect(ws.State).toBe(WebSocketState.Closed);
    expect(thrown(() => ws.ConnectAsync('ws://127.0.0.1:1'))).toBeInstanceOf(ObjectDisposedException);
  });
});

describe('#ConnectAsync', () => {
  it('throws ArgumentNullException("uri") for null', () => {
    const e = thrown(() => client().ConnectAsync(null as unknown as Uri));
    expect(e).toBeInstanceOf(ArgumentNullException);
    expect((e as ArgumentNullException).ParamName).toBe('uri');
  });

  it.each([new Uri('/chat', UriKind.Relative), 'chat/room'])('throws ArgumentException("uri") for the relative URI %s', (uri) => {
    const e = thrown(() => client().ConnectAsync(uri));
    expect(e).toBeInstanceOf(ArgumentException);
    expect(e.message).toBe(new ArgumentException(dotnetMessage('net_uri_NotAbsolute'), 'uri').message);
  });

  it.each(['http://127.0.0.1/', 'https://127.0.0.1/', 'ftp://127.0.0.1/'])('throws ArgumentException("uri") for %s', (uri) => {
    const ws = client();
    const e = thrown(() => ws.ConnectAsync(new Uri(uri)));
    expect(e).toBeInstanceOf(ArgumentException);
    expect(e.message).toBe(new ArgumentException(dotnetMessage('net_WebSockets_Scheme'), 'uri').message);
    expect(ws.State).toBe(WebSocketState.None);
  });

  it('throws InvalidOperationException synchronously when called a second time', async () => {
    const p = await peer();
    const ws = client();
    const first = ws.ConnectAsync(new Uri(p.url));
    expect(ws.State).toBe(WebSocketState.Connecting);
    const e = thrown(() => ws.ConnectAsync(new Uri(p.url)));
    expect(e).toBeInstanceOf(InvalidOperationException);
    expect(e.message).toBe(dotnetMessage('net_WebSockets_AlreadyStarted'));
    await first;
    expect(ws.State).toBe(WebSocketState.Open);
  });

  it.each([
    ['a Uri', (url: string) => new Uri(`${url}/chat?room=1`)],
    ['a string', (url: string) => `${url}/chat?room=1`],
    ['a URL', (url: string) => new URL(`${url}/chat?room=1`)],
  ])('accepts %s and requests its path and query', async (_kind, make) => {
    const p = await peer();
    const ws = client();
    await ws.ConnectAsync(make(p.url), CancellationToken.None);
    expect(ws.State).toBe(WebSocketState.Open);
    expect(p.requests[0]!.url).toBe('/chat?room=1');
  });

  it('does not offer compression unless DangerousDeflateOptions is set', async () => {
    const p = await peer();
    const ws = client();
    await ws.ConnectAsync(p.url);
    expect(p.requests[0]!.headers['sec-websocket-extensions']).toBeUndefined();
  });
});

describe('the seed receive loop', () => {
  it('round-trips text and binary messages and ends with the server-initiated close', async () => {
    const p = await peer({ echo: false });
    const ws = client();
    await ws.ConnectAsync(new Uri(p.url), CancellationToken.None);
    const server = await p.nextConnection();
    server.on('message', (data, isBinary) => {
      server.send(data, { binary: isBinary });
      if (!isBinary && (data as Buffer).toString() === 'bye') server.close(1000, 'done');
    });

    await ws.SendAsync(new ArraySegment(Encoding.UTF8.GetBytes('안녕')), WebSocketMessageType.Text, true, CancellationToken.None);
    await ws.SendAsync(new ArraySegment(new Uint8Array([1, 2, 3])), WebSocketMessageType.Binary, true, CancellationToken.None);
    await ws.SendAsync(new ArraySegment(Encoding.UTF8.GetBytes('bye')), WebSocketMessageType.Text, true, CancellationToken.None);

    const received: Array<[WebSocketMessageType, string]> = [];
    const buffer = new Uint8Array(1024 * 4);
    let receiveResult = await ws.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    while (!receiveResult.CloseStatus.HasValue) {
      received.push([
        receiveResult.MessageType,
        receiveResult.MessageType === WebSocketMessageType.Text
          ? Encoding.UTF8.GetString(buffer, 0, receiveResult.Count)
          : Array.from(buffer.subarray(0, receiveResult.Count)).join(','),
      ]);
      receiveResult = await ws.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    }
    expect(received).toEqual([
      [WebSocketMessageType.Text, '안녕'],
      [WebSocketMessageType.Binary, '1,2,3'],
      [WebSocketMessageType.Text, 'bye'],
    ]);
    expect(receiveResult.MessageType).toBe(WebSocketMessageType.Close);
    expect(ws.State).toBe(WebSocketState.CloseReceived);
    expect(ws.CloseStatus.Value).toBe(WebSocketCloseStatus.NormalClosure);
    expect(ws.CloseStatusDescription).toBe('done');

    const serverClosed = new Promise<number>((resolve) => server.on('close', (code) => resolve(code)));
    await ws.CloseAsync(receiveResult.CloseStatus.Value, receiveResult.CloseStatusDescription, CancellationToken.None);
    expect(ws.State).toBe(WebSocketState.Closed);
    expect(await serverClosed).toBe(1000);
  });

  it('reads a large message in buffer-sized pieces', async () => {
    const p = await peer({ echo: false });
    const ws = client();
    await ws.ConnectAsync(p.url);
    const server = await p.nextConnection();
    const payload = Buffer.alloc(10_000, 7);
    server.send(payload, { binary: true });
    const buffer = new Uint8Array(4096);
    const pieces: Array<[number, boolean]> = [];
    let total = 0;
    for (let i = 0; i < 10; i++) {
      const r = await ws.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
      pieces.push([r.Count, r.EndOfMessage]);
      total += r.Count;
      if (r.EndOfMessage) break;
    }
    expect(pieces).toEqual([
      [4096, false],
      [4096, false],
      [1808, true],
    ]);
    expect(total).toBe(payload.length);
  });

  it('closes from the client side: CloseAsync ends Closed with the status the server echoed', async () => {
    const p = await peer();
    const ws = client();
    await ws.ConnectAsync(p.url);
    const server = await p.nextConnection();
    const seen = new Promise<[number, string]>((resolve) => server.on('close', (code, reason) => resolve([code, reason.toString()])));
    await ws.CloseAsync(WebSocketCloseStatus.PolicyViolation, 'Yeet', CancellationToken.None);
    expect(ws.State).toBe(WebSocketState.Closed);
    expect(ws.CloseStatus.Value).toBe(WebSocketCloseStatus.PolicyViolation);
    expect(ws.CloseStatusDescription).toBe('Yeet');
    expect(await seen).toEqual([1008, 'Yeet']);
    await p.allSocketsClosed();
  });

  it('throws ObjectDisposedException after Abort of a connected client, with state Aborted', async () => {
    const p = await peer();
    const ws = client();
    await ws.ConnectAsync(p.url);
    ws.Abort();
    expect(ws.State).toBe(WebSocketState.Aborted);
    expect(thrown(() => ws.ReceiveAsync(new ArraySegment(new Uint8Array(1))))).toBeInstanceOf(ObjectDisposedException);
    await p.allSocketsClosed();
  });
});

describe('handshake failures', () => {
  it('reports a 200 answer as NotAWebSocket with .NET’s message, state Closed, later calls ObjectDisposedException', async () => {
    const p = await peer({
      onUpgrade: (_req, socket) => {
        socket.end('HTTP/1.1 200 OK\r\nX-Why: not-ws\r\nContent-Length: 2\r\n\r\nok');
        return true;
      },
    });
    const ws = client();
    const e = await rejection(ws.ConnectAsync(p.url));
    expect(e).toBeInstanceOf(WebSocketException);
    expect((e as WebSocketException).WebSocketErrorCode).toBe(WebSocketError.NotAWebSocket);
    expect(e.message).toBe(dotnetMessage('net_WebSockets_ConnectStatusExpected', 200, 101));
    expect(ws.State).toBe(WebSocketState.Closed);
    expect(ws.HttpStatusCode).toBe(0);
    expect(ws.HttpResponseHeaders).toBeNull();
    expect(thrown(() => ws.SendAsync(new ArraySegment(new Uint8Array(1)), WebSocketMessageType.Text, true))).toBeInstanceOf(
      ObjectDisposedException,
    );
    await p.allSocketsClosed();
  });

  it('fills HttpStatusCode and HttpResponseHeaders of a failed handshake when CollectHttpResponseDetails is set', async () => {
    const p = await peer({
      onUpgrade: (_req, socket) => {
        socket.end('HTTP/1.1 403 Forbidden\r\nX-Reason: policy\r\nContent-Length: 0\r\n\r\n');
        return true;
      },
    });
    const ws = client();
    ws.Options.CollectHttpResponseDetails = true;
    const e = await rejection(ws.ConnectAsync(p.url));
    expect(e.message).toBe(dotnetMessage('net_WebSockets_ConnectStatusExpected', 403, 101));
    expect(ws.HttpStatusCode).toBe(403);
    expect(ws.HttpResponseHeaders!.get('x-reason')).toEqual(['policy']);
    expect(ws.HttpResponseHeaders!.get('X-REASON')).toEqual(['policy']);
    ws.HttpResponseHeaders = null;
    expect(ws.HttpResponseHeaders).toBeNull();
  });

  it('fills HttpStatusCode 101 and the response headers of a successful handshake', async () => {
    const p = await peer({ headers: ['X-Server: test'] });
    const ws = client();
    ws.Options.CollectHttpResponseDetails = true;
    await ws.ConnectAsync(p.url);
    expect(ws.HttpStatusCode).toBe(101);
    expect(ws.HttpResponseHeaders!.get('X-Server')).toEqual(['test']);
    expect([...ws.HttpResponseHeaders!.keys()]).toContain('X-Server');
  });

  it('wraps a refused connection in WebSocketException(Faulted) "Unable to connect to the remote server"', async () => {
    const port = await freePort();
    const ws = client();
    const e = await rejection(ws.ConnectAsync(`ws://127.0.0.1:${port}/`));
    expect(e).toBeInstanceOf(WebSocketException);
    expect((e as WebSocketException).WebSocketErrorCode).toBe(WebSocketError.Faulted);
    expect(e.message).toBe(dotnetMessage('net_webstatus_ConnectFailure'));
    expect((e as WebSocketException).InnerException).toMatchObject({ code: 'ECONNREFUSED' });
    expect(ws.State).toBe(WebSocketState.Closed);
  });

  it('wraps a DNS failure the same way', async () => {
    const e = await rejection(client().ConnectAsync('ws://dotnet-ws-test.invalid/'));
    expect(e).toBeInstanceOf(WebSocketException);
    expect(e.message).toBe(dotnetMessage('net_webstatus_ConnectFailure'));
    expect(((e as WebSocketException).InnerException as NodeJS.ErrnoException).code).toMatch(/ENOTFOUND|EAI_AGAIN/);
  });

  it.each([
    [
      'a wrong Sec-WebSocket-Accept',
      (accept: string) => `Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: x${accept}`,
      WebSocketError.HeaderError,
      (accept: string) => dotnetMessage('net_WebSockets_InvalidResponseHeader', 'Sec-WebSocket-Accept', `x${accept}`),
    ],
    [
      'no Connection header',
      (accept: string) => `Upgrade: websocket\r\nSec-WebSocket-Accept: ${accept}`,
      WebSocketError.Faulted,
      () => dotnetMessage('net_WebSockets_MissingResponseHeader', 'Connection'),
    ],
    [
      'Connection: keep-alive, Upgrade',
      (accept: string) => `Connection: keep-alive, Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: ${accept}`,
      WebSocketError.HeaderError,
      () => dotnetMessage('net_WebSockets_InvalidResponseHeader', 'Connection', 'keep-alive, Upgrade'),
    ],
  ])('refuses a 101 with %s as .NET does', async (_name, headers, code, message) => {
    let accept = '';
    const p = await startRawPeer((request, socket) => {
      accept = acceptKeyOf(request);
      socket.write(`HTTP/1.1 101 Switching Protocols\r\n${headers(accept)}\r\n\r\n`);
    });
    closeAfter(p);
    const ws = client();
    const e = await rejection(ws.ConnectAsync(p.url));
    expect(e).toBeInstanceOf(WebSocketException);
    expect((e as WebSocketException).WebSocketErrorCode).toBe(code);
    expect(e.message).toBe(message(accept));
    expect(ws.State).toBe(WebSocketState.Closed);
    await p.allSocketsClosed();
  });
});

describe('subprotocols', () => {
  it('refuses a subprotocol the client did not request with UnsupportedProtocol', async () => {
    const p = await peer({ handleProtocols: () => 'other' });
    const ws = client();
    ws.Options.AddSubProtocol('chat');
    ws.Options.AddSubProtocol('json');
    const e = await rejection(ws.ConnectAsync(p.url));
    expect(e).toBeInstanceOf(WebSocketException);
    expect((e as WebSocketException).WebSocketErrorCode).toBe(WebSocketError.UnsupportedProtocol);
    expect(e.message).toBe(dotnetMessage('net_WebSockets_AcceptUnsupportedProtocol', 'chat, json', 'other'));
    await p.allSocketsClosed();
  });

  it('accepts a server that picks none (SubProtocol null)', async () => {
    const p = await peer({ handleProtocols: () => false });
    const ws = client();
    ws.Options.AddSubProtocol('chat');
    await ws.ConnectAsync(p.url);
    expect(ws.SubProtocol).toBeNull();
    expect(p.requests[0]!.headers['sec-websocket-protocol']).toBe('chat');
  });

  it('matches case-insensitively and keeps the client’s spelling', async () => {
    const p = await peer({ handleProtocols: () => 'JSON' });
    const ws = client();
    ws.Options.AddSubProtocol('chat');
    ws.Options.AddSubProtocol('json');
    await ws.ConnectAsync(p.url);
    expect(ws.SubProtocol).toBe('json');
    expect(p.requests[0]!.headers['sec-websocket-protocol']).toBe('chat, json');
  });
});

describe('cancellation, Abort and Dispose during the handshake', () => {
  /** A server that receives the upgrade request and never answers it. */
  async function silentPeer(): Promise<[WsPeer, Promise<void>]> {
    let seen!: () => void;
    const requested = new Promise<void>((resolve) => (seen = resolve));
    const p = await peer({
      onUpgrade: () => {
        seen();
        return true;
      },
    });
    return [p, requested];
  }

  it('rejects with TaskCanceledException "The operation was canceled." when the token is cancelled, state Closed, socket gone', async () => {
    const [p, requested] = await silentPeer();
    const ws = client();
    const cts = new CancellationTokenSource();
    const connect = ws.ConnectAsync(p.url, cts.Token);
    await requested;
    expect(ws.State).toBe(WebSocketState.Connecting);
    cts.Cancel();
    const e = await rejection(connect);
    // .NET 10: HttpClient's cancellation (the differential suite's raw-hang-handshake).
    expect(e).toBeInstanceOf(TaskCanceledException);
    expect(e.message).toBe(dotnetMessage('OperationCanceled'));
    expect((e as OperationCanceledException).CancellationToken.Equals(cts.Token)).toBe(true);
    expect(ws.State).toBe(WebSocketState.Closed);
    await p.allSocketsClosed();
  });

  it('rejects with TaskCanceledException "A task was canceled." for an already-cancelled token', async () => {
    const p = await peer();
    const ws = client();
    const e = await rejection(ws.ConnectAsync(p.url, new CancellationToken(true)));
    expect(e).toBeInstanceOf(TaskCanceledException);
    expect(e.message).toBe(dotnetMessage('TaskCanceledException_ctor_DefaultMessage'));
    expect(ws.State).toBe(WebSocketState.Closed);
  });

  it('rejects with WebSocketException(Faulted) "Unable to connect to the remote server" on Abort, state Closed', async () => {
    const [p, requested] = await silentPeer();
    const ws = client();
    const connect = ws.ConnectAsync(p.url);
    await requested;
    ws.Abort();
    const e = await rejection(connect);
    expect(e).toBeInstanceOf(WebSocketException);
    expect((e as WebSocketException).WebSocketErrorCode).toBe(WebSocketError.Faulted);
    expect(e.message).toBe(dotnetMessage('net_webstatus_ConnectFailure'));
    expect(ws.State).toBe(WebSocketState.Closed);
    await p.allSocketsClosed();
  });

  it('rejects with ObjectDisposedException on Dispose', async () => {
    const [p, requested] = await silentPeer();
    const ws = client();
    const connect = ws.ConnectAsync(p.url);
    await requested;
    ws.Dispose();
    const e = await rejection(connect);
    expect(e).toBeInstanceOf(ObjectDisposedException);
    expect(ws.State).toBe(WebSocketState.Closed);
    await p.allSocketsClosed();
  });

  it('fails a pending receive whose token is cancelled with TaskCanceledException, as .NET 10 does, and aborts', async () => {
    const p = await peer();
    const ws = client();
    await ws.ConnectAsync(p.url);
    const cts = new CancellationTokenSource();
    const pending = ws.ReceiveAsync(new ArraySegment(new Uint8Array(64)), cts.Token);
    cts.Cancel();
    const e = await rejection<TaskCanceledException>(pending);
    // HttpClient's connection stream fails the read so (the differential suite's cancel-receive-client).
    expect(e).toBeInstanceOf(TaskCanceledException);
    expect(e.message).toBe(dotnetMessage('OperationCanceled'));
    expect(e.CancellationToken.Equals(cts.Token)).toBe(true);
    expect(ws.State).toBe(WebSocketState.Aborted);
    await p.allSocketsClosed();
  });

  it('does not abort the connection when the token is cancelled after the handshake', async () => {
    const p = await peer();
    const ws = client();
    const cts = new CancellationTokenSource();
    await ws.ConnectAsync(p.url, cts.Token);
    cts.Cancel();
    expect(ws.State).toBe(WebSocketState.Open);
    await ws.SendAsync(new ArraySegment(Encoding.UTF8.GetBytes('still here')), WebSocketMessageType.Text, true);
    const buffer = new Uint8Array(64);
    const r = await ws.ReceiveAsync(new ArraySegment(buffer));
    expect(Encoding.UTF8.GetString(buffer, 0, r.Count)).toBe('still here');
  });
});

describe('keep-alive', () => {
  it('sends unsolicited pongs every KeepAliveInterval', async () => {
    const p = await peer();
    const ws = client();
    ws.Options.KeepAliveInterval = TimeSpan.FromMilliseconds(20);
    await ws.ConnectAsync(p.url);
    const server = await p.nextConnection();
    const payloads = await new Promise<Buffer[]>((resolve) => {
      const seen: Buffer[] = [];
      server.on('pong', (data: Buffer) => {
        if (seen.push(data) === 3) resolve(seen);
      });
    });
    expect(payloads).toEqual(Array(3).fill(Buffer.alloc(0)));
    expect(ws.State).toBe(WebSocketState.Open);
  });
});

describe('DangerousDeflateOptions', () => {
  it('offers permessage-deflate and round-trips compressed messages', async () => {
    const p = await peer({ perMessageDeflate: true });
    const ws = client();
    ws.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
    await ws.ConnectAsync(p.url);
    expect(p.requests[0]!.headers['sec-websocket-extensions']).toMatch(/^permessage-deflate/);
    const text = 'compress me '.repeat(100);
    await ws.SendAsync(new ArraySegment(Encoding.UTF8.GetBytes(text)), WebSocketMessageType.Text, true, CancellationToken.None);
    const buffer = new Uint8Array(4096);
    const r = await ws.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    expect(Encoding.UTF8.GetString(buffer, 0, r.Count)).toBe(text);
  });

  it('ignores a Sec-WebSocket-Extensions answer when it offered none, as .NET does', async () => {
    const p = await startRawPeer((request, socket) => {
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: ${acceptKeyOf(request)}\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n`,
      );
    });
    closeAfter(p);
    const ws = client();
    await ws.ConnectAsync(p.url);
    expect(ws.State).toBe(WebSocketState.Open);
  });
});
