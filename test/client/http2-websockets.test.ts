// WebSockets over HTTP/2 (RFC 8441), server and client, over real sockets on 127.0.0.1: dotnet-ws's
// ClientWebSocket against its WebApplication (h2c and TLS), against raw node:http2 peers that misbehave
// (no SETTINGS_ENABLE_CONNECT_PROTOCOL, a reset stream, a GOAWAY), and raw extended CONNECTs against the
// server. Statuses and exceptions are those .NET 10 gave in test/dotnet/probes/http2.
import http2 from 'node:http2';
import type { Http2Server, Http2SecureServer, ServerHttp2Stream, ClientHttp2Session } from 'node:http2';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import {
  ArraySegment,
  CancellationToken,
  ClientWebSocket,
  HttpMessageInvoker,
  HttpProtocols,
  HttpRequestError,
  HttpRequestException,
  HttpVersion,
  HttpVersionPolicy,
  SocketsHttpHandler,
  Version,
  WebApplication,
  WebSocketAcceptContext,
  WebSocketCloseStatus,
  WebSocketError,
  WebSocketException,
  WebSocketMessageType,
  WebSocketState,
  X509Certificate2,
} from '../../src/index.js';
import type { HttpContext, WebSocket } from '../../src/index.js';
import { handshakePlan } from '../../src/client/http2.js';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { rejection } from '../helpers/errors.js';
import { makeCertificate } from '../helpers/servers.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

const certificate = makeCertificate('localhost', 'DNS:localhost,IP:127.0.0.1');

/** What the server saw of each WebSocket request. */
interface Seen {
  protocol: string;
  method: string;
  remotePort: number;
  /** Response.StatusCode once accepted: Kestrel 10 says 200 over HTTP/2 (test/dotnet/probes/http2), 101 over HTTP/1.1. */
  acceptedStatus?: number;
}

/** Echoes until the close, then answers it. */
async function echo(webSocket: WebSocket): Promise<void> {
  const buffer = new Uint8Array(64 * 1024);
  for (;;) {
    const r = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    if (r.MessageType === WebSocketMessageType.Close) {
      await webSocket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
      return;
    }
    await webSocket.SendAsync(new ArraySegment(buffer, 0, r.Count), r.MessageType, r.EndOfMessage, CancellationToken.None);
  }
}

/** A dotnet-ws server on 127.0.0.1 port 0 with `protocols` (TLS when `tls`); /ws echoes, /flood floods. */
async function startServer(protocols: HttpProtocols, tls: boolean): Promise<{ url: string; seen: Seen[]; app: WebApplication }> {
  const builder = WebApplication.CreateBuilder([]);
  builder.WebHost.ConfigureKestrel((options) => {
    options.Listen('127.0.0.1', 0, (listenOptions) => {
      listenOptions.Protocols = protocols;
      if (tls) listenOptions.UseHttps(X509Certificate2.CreateFromPem(certificate.cert, certificate.key));
    });
  });
  const app = builder.Build();
  app.shutdownTimeout = { TotalMilliseconds: 1000 } as never;
  const seen: Seen[] = [];
  app.UseWebSockets();
  const handler = async (context: HttpContext) => {
    if (!context.WebSockets.IsWebSocketRequest) {
      context.Response.StatusCode = 400;
      return;
    }
    const request: Seen = { protocol: context.Request.Protocol, method: context.Request.Method, remotePort: context.Connection.RemotePort };
    seen.push(request);
    const accept = new WebSocketAcceptContext();
    accept.SubProtocol = context.WebSockets.WebSocketRequestedProtocols[0] ?? null;
    const webSocket = await context.WebSockets.AcceptWebSocketAsync(accept);
    request.acceptedStatus = context.Response.StatusCode;
    // Tests end by disposing their clients: a connection lost then is not the test's subject.
    await echo(webSocket).catch((e: unknown) => {
      if ((e as WebSocketException).WebSocketErrorCode !== WebSocketError.ConnectionClosedPrematurely) throw e;
    });
  };
  app.Map('/ws', handler);
  app.MapGet('/get-only', handler);
  app.Map('/flood', async (context) => {
    const webSocket = await context.WebSockets.AcceptWebSocketAsync();
    const chunk = new Uint8Array(16 * 1024);
    // Sends until the client goes away: HTTP/2 flow control holds this stream's sends only.
    try {
      for (;;) await webSocket.SendAsync(new ArraySegment(chunk), WebSocketMessageType.Binary, true, CancellationToken.None);
    } catch {
      // The client went away.
    }
  });
  await app.StartAsync();
  cleanups.push(() => app.StopAsync());
  const port = new URL(app.Urls[0]!).port;
  return { url: `${tls ? 'wss' : 'ws'}://127.0.0.1:${port}`, seen, app };
}

/** An invoker whose handler trusts the test certificate. */
function trustingInvoker(): HttpMessageInvoker {
  const handler = new SocketsHttpHandler();
  handler.SslOptions.RemoteCertificateValidationCallback = () => true;
  const invoker = new HttpMessageInvoker(handler);
  cleanups.push(() => invoker.Dispose());
  return invoker;
}

function client(version: Version, policy: HttpVersionPolicy = HttpVersionPolicy.RequestVersionOrLower): ClientWebSocket {
  const ws = new ClientWebSocket();
  ws.Options.HttpVersion = version;
  ws.Options.HttpVersionPolicy = policy;
  ws.Options.CollectHttpResponseDetails = true;
  cleanups.push(() => ws.Dispose());
  return ws;
}

async function sendText(ws: WebSocket, text: string): Promise<void> {
  await ws.SendAsync(new ArraySegment(Buffer.from(text)), WebSocketMessageType.Text, true, CancellationToken.None);
}

async function receiveText(ws: WebSocket): Promise<string> {
  const buffer = new Uint8Array(1024);
  let text = '';
  for (;;) {
    const r = await ws.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    text += Buffer.from(buffer.subarray(0, r.Count)).toString();
    if (r.EndOfMessage) return text;
  }
}

describe('server and client over HTTP/2', () => {
  it('opens, echoes and closes over h2c (HttpProtocols.Http2, RequestVersionExact)', async () => {
    const { url, seen } = await startServer(HttpProtocols.Http2, false);
    const ws = client(HttpVersion.Version20, HttpVersionPolicy.RequestVersionExact);
    ws.Options.AddSubProtocol('chat');
    await ws.ConnectAsync(`${url}/ws`, CancellationToken.None);
    expect(ws.HttpStatusCode).toBe(200);
    expect(ws.SubProtocol).toBe('chat');
    await sendText(ws, 'hello');
    expect(await receiveText(ws)).toBe('hello');
    await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, 'bye', CancellationToken.None);
    expect(ws.State).toBe(WebSocketState.Closed);
    expect(ws.CloseStatus.Value).toBe(WebSocketCloseStatus.NormalClosure);
    expect(seen.map((s) => `${s.protocol} ${s.method}`)).toEqual(['HTTP/2 CONNECT']);
  });

  it('serves HTTP/2 and HTTP/1.1 on one TLS endpoint (ALPN), by HttpVersion', async () => {
    const { url, seen } = await startServer(HttpProtocols.Http1AndHttp2, true);
    const invoker = trustingInvoker();
    const h2 = client(HttpVersion.Version20);
    await h2.ConnectAsync(`${url}/ws`, invoker, CancellationToken.None);
    expect(h2.HttpStatusCode).toBe(200);
    const h1 = client(HttpVersion.Version11);
    await h1.ConnectAsync(`${url}/ws`, invoker, CancellationToken.None);
    expect(h1.HttpStatusCode).toBe(101);
    await sendText(h2, 'two');
    await sendText(h1, 'one');
    expect(await receiveText(h2)).toBe('two');
    expect(await receiveText(h1)).toBe('one');
    expect(seen.map((s) => `${s.protocol} ${s.method} ${s.acceptedStatus}`)).toEqual(['HTTP/2 CONNECT 200', 'HTTP/1.1 GET 101']);
  });

  it('carries 100 WebSockets on one connection: interleaved messages in order, a slow reader stalls no one', async () => {
    const { url, seen } = await startServer(HttpProtocols.Http2, false);
    const invoker = trustingInvoker();
    // One stream whose reader never reads while the server floods it.
    const slow = client(HttpVersion.Version20, HttpVersionPolicy.RequestVersionExact);
    await slow.ConnectAsync(`${url}/flood`, invoker, CancellationToken.None);
    const sockets = await Promise.all(
      Array.from({ length: 100 }, async () => {
        const ws = client(HttpVersion.Version20, HttpVersionPolicy.RequestVersionExact);
        await ws.ConnectAsync(`${url}/ws`, invoker, CancellationToken.None);
        return ws;
      }),
    );
    // One TCP connection: every WebSocket request came from the same client port.
    expect(new Set(seen.map((s) => s.remotePort)).size).toBe(1);
    const received = await Promise.all(
      sockets.map(async (ws, i) => {
        const got: string[] = [];
        for (let j = 0; j < 20; j++) {
          await sendText(ws, `${i}:${j}`);
          got.push(await receiveText(ws));
        }
        return got;
      }),
    );
    received.forEach((got, i) => expect(got).toEqual(Array.from({ length: 20 }, (_, j) => `${i}:${j}`)));
    // Closing one leaves the others open.
    await sockets[0]!.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    expect(sockets[0]!.State).toBe(WebSocketState.Closed);
    await sendText(sockets[1]!, 'still here');
    expect(await receiveText(sockets[1]!)).toBe('still here');
    expect(sockets.slice(1).every((ws) => ws.State === WebSocketState.Open)).toBe(true);
    slow.Abort();
  });
});

describe('server: extended CONNECT requests', () => {
  async function connectRaw(url: string): Promise<ClientHttp2Session> {
    const session = http2.connect(url.replace(/^ws/, 'http'));
    cleanups.push(() => void session.destroy());
    await new Promise((resolve) => session.once('remoteSettings', resolve));
    return session;
  }

  function status(session: ClientHttp2Session, headers: Record<string, string>): Promise<{ status: number; allow?: string }> {
    return new Promise((resolve, reject) => {
      const stream = session.request(headers, { endStream: false });
      stream.once('response', (h) => {
        const answer = { status: Number(h[':status']), ...(h.allow === undefined ? {} : { allow: String(h.allow) }) };
        if (answer.status === 200) {
          resolve(answer);
          stream.close();
          return;
        }
        // A refused request: the server ends its stream (END_STREAM) by itself, so nothing of it stays open there.
        stream.resume();
        stream.once('end', () => {
          resolve(answer);
          stream.close();
        });
      });
      stream.once('error', reject);
    });
  }

  it("advertises SETTINGS_ENABLE_CONNECT_PROTOCOL and answers bad requests as Kestrel's app would", async () => {
    const { url } = await startServer(HttpProtocols.Http2, false);
    const session = await connectRaw(url);
    expect(session.remoteSettings.enableConnectProtocol).toBe(true);
    const base = { ':method': 'CONNECT', ':scheme': 'http', ':authority': new URL(url).host };
    // Kestrel 10 (test/dotnet/probes/http2): not a WebSocket request, so the endpoint's own 400.
    expect(await status(session, { ...base, ':protocol': 'webtransport', ':path': '/ws', 'sec-websocket-version': '13' })).toEqual({
      status: 400,
    });
    expect(await status(session, { ...base, ':protocol': 'websocket', ':path': '/ws' })).toEqual({ status: 400 });
    expect(await status(session, { ...base, ':protocol': 'websocket', ':path': '/ws', 'sec-websocket-version': '8' })).toEqual({
      status: 400,
    });
    // CONNECT is not GET: MapGet answers 405, as Kestrel's routing does.
    expect(await status(session, { ...base, ':protocol': 'websocket', ':path': '/get-only', 'sec-websocket-version': '13' })).toEqual({
      status: 405,
      allow: 'GET',
    });
    expect(await status(session, { ...base, ':protocol': 'websocket', ':path': '/nothing', 'sec-websocket-version': '13' })).toEqual({
      status: 404,
    });
    // :protocol compares case-insensitively.
    expect(await status(session, { ...base, ':protocol': 'WebSocket', ':path': '/ws', 'sec-websocket-version': '13' })).toEqual({
      status: 200,
    });
  });
});

/** A raw node:http2 peer on 127.0.0.1 port 0 (h2c). */
async function rawPeer(
  settings: http2.Settings,
  onStream: (stream: ServerHttp2Stream, headers: http2.IncomingHttpHeaders) => void,
): Promise<{ url: string; server: Http2Server }> {
  const server = http2.createServer({ settings });
  server.on('stream', onStream);
  server.on('session', (s) => cleanups.push(() => void s.destroy()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** An unmasked server frame (RFC 6455 §5.2), payload < 126 bytes. */
function frame(opcode: number, payload: Buffer, fin = true): Buffer {
  return Buffer.concat([Buffer.from([(fin ? 0x80 : 0) | opcode, payload.length]), payload]);
}

describe('client: .NET rules and failures', () => {
  it('fails RequestVersionExact when the server does not send SETTINGS_ENABLE_CONNECT_PROTOCOL', async () => {
    const { url } = await rawPeer({ enableConnectProtocol: false }, (stream) => stream.close());
    const ws = client(HttpVersion.Version20, HttpVersionPolicy.RequestVersionExact);
    const e = await rejection(ws.ConnectAsync(`${url}/ws`, CancellationToken.None));
    expect(e).toBeInstanceOf(WebSocketException);
    expect((e as WebSocketException).WebSocketErrorCode).toBe(WebSocketError.Faulted);
    expect(e.message).toBe('Unable to connect to the remote server');
    const inner = (e as WebSocketException).InnerException;
    expect(inner).toBeInstanceOf(HttpRequestException);
    expect((inner as HttpRequestException).HttpRequestError).toBe(HttpRequestError.ExtendedConnectNotSupported);
    expect(inner!.message).toBe(
      'Failed to establish web socket connection over HTTP/2 because extended CONNECT is not supported. Try to downgrade the request version to HTTP/1.1.',
    );
    expect(ws.State).toBe(WebSocketState.Closed);
  });

  it('falls back to HTTP/1.1 with RequestVersionOrLower over TLS when the server lacks extended CONNECT', async () => {
    const server: Http2SecureServer = http2.createSecureServer({ ...certificate, allowHTTP1: true });
    const wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      wss.handleUpgrade(req, socket, head, (peer) => peer.on('message', (m: Buffer) => peer.send(m.toString()))),
    );
    server.on('session', (s) => cleanups.push(() => void s.destroy()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    cleanups.push(() => wss.clients.forEach((c) => c.terminate()));
    const ws = client(HttpVersion.Version20);
    await ws.ConnectAsync(`wss://127.0.0.1:${(server.address() as AddressInfo).port}/ws`, trustingInvoker(), CancellationToken.None);
    expect(ws.HttpStatusCode).toBe(101);
    await sendText(ws, 'via 1.1');
    expect(await receiveText(ws)).toBe('via 1.1');
  });

  it("reports a non-200 answer as NotAWebSocket with .NET's message", async () => {
    const { url } = await rawPeer({ enableConnectProtocol: true }, (stream) => stream.respond({ ':status': 404 }, { endStream: true }));
    const ws = client(HttpVersion.Version20, HttpVersionPolicy.RequestVersionOrHigher);
    const e = await rejection(ws.ConnectAsync(`${url}/ws`, CancellationToken.None));
    expect((e as WebSocketException).WebSocketErrorCode).toBe(WebSocketError.NotAWebSocket);
    expect(e.message).toBe("The server returned status code '404' when status code '200' was expected.");
    expect(ws.HttpStatusCode).toBe(404);
  });

  it('refuses a version above 2.0 unless RequestVersionOrLower, before any connection', async () => {
    const ws = client(HttpVersion.Version30, HttpVersionPolicy.RequestVersionExact);
    const e = await rejection(ws.ConnectAsync('wss://127.0.0.1:1/ws', CancellationToken.None));
    expect((e as WebSocketException).WebSocketErrorCode).toBe(WebSocketError.UnsupportedProtocol);
    expect(e.message).toBe(dotnetMessage('net_WebSockets_UnsupportedProtocol_Generic'));
  });

  // .NET 10 (test/dotnet/probes/http2, `client-fail`): a reset stream, a GOAWAY and a dropped connection all
  // end a pending receive with ConnectionClosedPrematurely and its generic message, the state Aborted, and a
  // later send with InvalidState; on a reset stream the WebSockets beside it carry on.
  function expectClosedPrematurely(e: Error, ws: ClientWebSocket): void {
    expect(e).toBeInstanceOf(WebSocketException);
    expect((e as WebSocketException).WebSocketErrorCode).toBe(WebSocketError.ConnectionClosedPrematurely);
    expect(e.message).toBe(dotnetMessage('net_WebSockets_ConnectionClosedPrematurely_Generic'));
    expect(ws.State).toBe(WebSocketState.Aborted);
  }

  async function expectSendRefused(ws: ClientWebSocket): Promise<void> {
    const e = await rejection(sendText(ws, 'after'));
    expect((e as WebSocketException).WebSocketErrorCode).toBe(WebSocketError.InvalidState);
    expect(e.message).toBe(dotnetMessage('net_WebSockets_InvalidState', 'Aborted', 'Open, CloseReceived'));
  }

  /** A raw h2c peer answering 200 to every CONNECT, `count` WebSockets on it through one invoker. */
  async function socketsOnOnePeer(count: number): Promise<{ sockets: ClientWebSocket[]; streams: ServerHttp2Stream[] }> {
    const streams: ServerHttp2Stream[] = [];
    const { url } = await rawPeer({ enableConnectProtocol: true }, (stream) => {
      stream.respond({ ':status': 200 });
      streams.push(stream);
    });
    const invoker = trustingInvoker();
    const sockets: ClientWebSocket[] = [];
    for (let i = 0; i < count; i++) {
      const ws = client(HttpVersion.Version20, HttpVersionPolicy.RequestVersionExact);
      await ws.ConnectAsync(`${url}/ws`, invoker, CancellationToken.None);
      sockets.push(ws);
    }
    expect(new Set(streams.map((s) => s.session)).size).toBe(1);
    return { sockets, streams };
  }

  it('fails the one WebSocket whose stream is reset in the middle of a message; the others carry on', async () => {
    const { sockets, streams } = await socketsOnOnePeer(3);
    streams[0]!.write(frame(1, Buffer.from('par'), false));
    const buffer = new Uint8Array(100);
    const first = await sockets[0]!.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    expect([first.Count, first.EndOfMessage]).toEqual([3, false]);
    const pending0 = rejection(sockets[0]!.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None));
    streams[0]!.close(http2.constants.NGHTTP2_CANCEL);
    expectClosedPrematurely(await pending0, sockets[0]!);
    await expectSendRefused(sockets[0]!);
    streams[1]!.write(frame(1, Buffer.from('alive')));
    expect(await receiveText(sockets[1]!)).toBe('alive');
    expect(sockets.slice(1).map((ws) => ws.State)).toEqual([WebSocketState.Open, WebSocketState.Open]);
  });

  it.each([
    ['a GOAWAY (INTERNAL_ERROR) and the connection destroyed', http2.constants.NGHTTP2_INTERNAL_ERROR],
    ['a GOAWAY (NO_ERROR) and the connection destroyed', http2.constants.NGHTTP2_NO_ERROR],
  ])('fails every WebSocket of the connection on %s', async (_, code) => {
    const { sockets, streams } = await socketsOnOnePeer(3);
    const buffer = new Uint8Array(100);
    const pending = sockets.map((ws) => rejection(ws.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None)));
    const session = streams[0]!.session!;
    session.goaway(code);
    session.destroy();
    const errors = await Promise.all(pending);
    errors.forEach((e, i) => expectClosedPrematurely(e, sockets[i]!));
    for (const ws of sockets) await expectSendRefused(ws);
  });

  // Over TCP what was written arrives before the FIN; over HTTP/2 the last frames go out, then END_STREAM.
  // (A Node peer reads DATA that came before a reset too; Kestrel drops it, which the differential suite
  // shows: close-1004-received ts-client@kestrel-h2.)
  it.each([
    ['a message sent just before Dispose', false],
    ['the 1002 close frame of a WebSocket failed by an invalid close code', true],
  ])('lets %s reach the server before the stream ends', async (_, failed) => {
    let resolveSeen!: (seen: { data: string; ended: boolean; rstCode: number | undefined }) => void;
    const seen = new Promise<{ data: string; ended: boolean; rstCode: number | undefined }>((r) => (resolveSeen = r));
    const { url } = await rawPeer({ enableConnectProtocol: true }, (stream) => {
      stream.respond({ ':status': 200 });
      const chunks: Buffer[] = [];
      let ended = false;
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        ended = true;
        stream.end();
      });
      stream.on('error', () => {});
      stream.on('close', () => resolveSeen({ data: Buffer.concat(chunks).toString('hex'), ended, rstCode: stream.rstCode }));
      // An invalid close code (1004) fails the client, which answers 1002.
      if (failed) stream.write(frame(8, Buffer.from([0x03, 0xec])));
    });
    const ws = client(HttpVersion.Version20, HttpVersionPolicy.RequestVersionExact);
    await ws.ConnectAsync(`${url}/ws`, trustingInvoker(), CancellationToken.None);
    if (failed) {
      const e = await rejection(ws.ReceiveAsync(new ArraySegment(new Uint8Array(16)), CancellationToken.None));
      expect(e).toBeInstanceOf(WebSocketException);
    } else {
      await sendText(ws, 'still');
      ws.Dispose();
    }
    const { data, ended, rstCode } = await seen;
    // A masked client frame: FIN + opcode, MASK + length, the key, the masked payload.
    const bytes = Buffer.from(data, 'hex');
    const payload = Buffer.from(bytes.subarray(6).map((b, i) => b ^ bytes[2 + (i % 4)]!));
    if (failed) expect([bytes[0], bytes[1], payload.readUInt16BE(0)]).toEqual([0x88, 0x82, 1002]);
    else expect([bytes[0], bytes[1], payload.toString()]).toEqual([0x81, 0x85, 'still']);
    expect(ended).toBe(true);
    expect(rstCode).toBe(http2.constants.NGHTTP2_NO_ERROR);
  });

  it('fails every WebSocket of the connection when the TCP connection drops', async () => {
    const { sockets, streams } = await socketsOnOnePeer(2);
    const buffer = new Uint8Array(100);
    const pending = sockets.map((ws) => rejection(ws.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None)));
    // The session's socket proxy refuses destroy(); the raw socket underneath does not.
    const session = streams[0]!.session! as unknown as Record<symbol, unknown>;
    const kSocket = Object.getOwnPropertySymbols(session).find((k) => k.description === 'socket')!;
    (session[kSocket] as import('node:net').Socket).destroy();
    const errors = await Promise.all(pending);
    errors.forEach((e, i) => expectClosedPrematurely(e, sockets[i]!));
  });
});

describe('handshakePlan', () => {
  // .NET 10 with SocketsHttpHandler (test/dotnet/probes/http2), for each version, policy and scheme.
  const cases: Array<[string, HttpVersionPolicy, boolean, string]> = [
    ['1.1', HttpVersionPolicy.RequestVersionOrLower, true, 'http1'],
    ['1.1', HttpVersionPolicy.RequestVersionExact, true, 'http1'],
    ['1.1', HttpVersionPolicy.RequestVersionOrHigher, true, 'http2 downgrade'],
    ['1.1', HttpVersionPolicy.RequestVersionOrHigher, false, 'http1'],
    ['2.0', HttpVersionPolicy.RequestVersionOrLower, true, 'http2 downgrade'],
    ['2.0', HttpVersionPolicy.RequestVersionOrLower, false, 'http1'],
    ['2.0', HttpVersionPolicy.RequestVersionExact, false, 'http2'],
    ['2.0', HttpVersionPolicy.RequestVersionOrHigher, true, 'http2'],
    ['3.0', HttpVersionPolicy.RequestVersionOrLower, true, 'http2 downgrade'],
    ['3.0', HttpVersionPolicy.RequestVersionOrLower, false, 'http1'],
    ['3.0', HttpVersionPolicy.RequestVersionExact, true, 'unsupported'],
    ['3.0', HttpVersionPolicy.RequestVersionOrHigher, false, 'unsupported'],
  ];
  it.each(cases)('%s %s secure=%s → %s', (version, policy, secure, expected) => {
    const [major, minor] = version.split('.').map(Number) as [number, number];
    const plan = handshakePlan(new Version(major, minor), policy, secure);
    const shown = plan.kind === 'http2' ? (plan.allowDowngrade ? 'http2 downgrade' : 'http2') : plan.kind;
    expect(shown).toBe(expected);
  });

  it('never falls back from HTTP/2 under RequestVersionExact, and only 2.0+ or 1.1 are usable', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 2 }),
        fc.constantFrom(0, 1, 2),
        fc.boolean(),
        (major, minor, policy, secure) => {
          const plan = handshakePlan(new Version(major, minor), policy, secure);
          if (plan.kind === 'http2' && policy === (HttpVersionPolicy.RequestVersionExact as number))
            expect(plan.allowDowngrade).toBe(major === 1);
          if (major < 1 || (major === 1 && minor !== 1)) expect(plan.kind).toBe('unsupported');
        },
      ),
    );
  });
});
