// ConnectionAbortedException (Microsoft.AspNetCore.Connections) and where the host throws it: a pending
// receive of a WebSocket accepted by WebApplication fails with it once the socket is aborted, as on Kestrel
// 10 (test/dotnet: abort-pending-receive, raw-keepalive-server-timeout); over HTTP/2 Kestrel's request
// stream turns it into TaskCanceledException "The request was aborted". Sockets that are not the host's
// (CreateFromStream) keep ManagedWebSocket's OperationCanceledException "Aborted". Real sockets on 127.0.0.1.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ArraySegment,
  CancellationToken,
  CancellationTokenSource,
  ClientWebSocket,
  ConnectionAbortedException,
  HttpProtocols,
  HttpVersion,
  HttpVersionPolicy,
  OperationCanceledException,
  TaskCanceledException,
  TimeSpan,
  WebApplication,
  WebSocket,
  WebSocketAcceptContext,
  WebSocketCreationOptions,
  WebSocketState,
} from '../../src/index.js';
import type { HttpContext } from '../../src/index.js';
import { fullNameOf } from '../../src/runtime/exception-type.js';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { rejection } from '../helpers/errors.js';
import { signal, startApp, wsConnect, closeEvent } from '../Microsoft.AspNetCore.Builder/WebApplication.helpers.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

/** The exception a pending receive ended with, and the socket's state then. */
interface Outcome {
  error: Error;
  state: WebSocketState;
}

/** Receives once on `webSocket`, and reports how that receive failed. */
async function pendingReceiveOutcome(webSocket: WebSocket, abort: () => void): Promise<Outcome> {
  const receive = webSocket.ReceiveAsync(new ArraySegment(new Uint8Array(16)), CancellationToken.None);
  abort();
  const error = await rejection(receive);
  return { error, state: webSocket.State };
}

describe('ConnectionAbortedException', () => {
  it("has .NET 10's messages, base class, HResult and full name", () => {
    const plain = new ConnectionAbortedException();
    expect(plain.Message).toBe(dotnetMessage('AspNetCore_ConnectionAborted'));
    expect(plain).toBeInstanceOf(OperationCanceledException);
    expect(plain.HResult).toBe(-2146233029);
    expect(plain.InnerException).toBeNull();
    expect(plain.CancellationToken.CanBeCanceled).toBe(false);
    expect(fullNameOf(ConnectionAbortedException)).toBe('Microsoft.AspNetCore.Connections.ConnectionAbortedException');
    // new ConnectionAbortedException(null) on .NET 10: OperationCanceledException's text.
    expect(new ConnectionAbortedException(null).Message).toBe(dotnetMessage('OperationCanceled'));
    const inner = new Error('in');
    const both = new ConnectionAbortedException('x', inner);
    expect([both.Message, both.InnerException]).toEqual(['x', inner]);
  });

  it('keeps any message and inner exception it is given', () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.string(), { nil: undefined }), (message, innerText) => {
        const inner = innerText === undefined ? undefined : new Error(innerText);
        const e = new ConnectionAbortedException(message, inner);
        expect(e.Message).toBe(message);
        expect(e.InnerException).toBe(inner ?? null);
      }),
    );
  });
});

describe('a WebSocket accepted by WebApplication over HTTP/1.1', () => {
  /** An app whose /ws accepts (with `accept`) and hands the socket and its context to the test. */
  async function acceptedSocket(accept?: WebSocketAcceptContext): Promise<{ socket: Promise<WebSocket>; url: string; done: () => void }> {
    const socket = signal<WebSocket>();
    const finished = signal();
    const { ws } = await startApp((app) => {
      app.UseWebSockets();
      app.Map('/ws', async (context: HttpContext) => {
        socket.resolve(await (accept ? context.WebSockets.AcceptWebSocketAsync(accept) : context.WebSockets.AcceptWebSocketAsync()));
        await finished.promise;
      });
    });
    cleanups.push(() => finished.resolve());
    return { socket: socket.promise, url: `${ws}/ws`, done: () => finished.resolve() };
  }

  it('fails a pending receive with ConnectionAbortedException on Abort()', async () => {
    const { socket, url } = await acceptedSocket();
    const client = await wsConnect(url);
    const closed = closeEvent(client);
    const webSocket = await socket;
    const { error, state } = await pendingReceiveOutcome(webSocket, () => webSocket.Abort());
    expect(error).toBeInstanceOf(ConnectionAbortedException);
    expect((error as ConnectionAbortedException).Message).toBe(dotnetMessage('ConnectionAbortedByApplication'));
    expect(state).toBe(WebSocketState.Aborted);
    expect((await closed).code).toBe(1006);
  });

  it('fails a pending receive with ConnectionAbortedException when the keep-alive pong times out', async () => {
    const accept = new WebSocketAcceptContext();
    accept.KeepAliveInterval = TimeSpan.FromMilliseconds(50);
    accept.KeepAliveTimeout = TimeSpan.FromMilliseconds(100);
    const { socket, url } = await acceptedSocket(accept);
    // A peer that never answers pings.
    const client = await wsConnect(url, undefined, { autoPong: false });
    const closed = closeEvent(client);
    const webSocket = await socket;
    const { error, state } = await pendingReceiveOutcome(webSocket, () => {});
    expect(error).toBeInstanceOf(ConnectionAbortedException);
    expect((error as ConnectionAbortedException).Message).toBe(dotnetMessage('ConnectionAbortedByApplication'));
    expect(state).toBe(WebSocketState.Aborted);
    expect((await closed).code).toBe(1006);
  });

  it('fails a receive whose own token is cancelled as before: TaskCanceledException, not the connection', async () => {
    const { socket, url } = await acceptedSocket();
    const client = await wsConnect(url);
    const closed = closeEvent(client);
    const webSocket = await socket;
    const cts = new CancellationTokenSource();
    const receive = webSocket.ReceiveAsync(new ArraySegment(new Uint8Array(16)), cts.Token);
    cts.Cancel();
    const error = await rejection(receive);
    expect(error).toBeInstanceOf(OperationCanceledException);
    expect(error).not.toBeInstanceOf(ConnectionAbortedException);
    expect((error as OperationCanceledException).CancellationToken).toBe(cts.Token);
    expect((await closed).code).toBe(1006);
  });
});

describe('a WebSocket from CreateFromStream', () => {
  it('fails a pending receive on Abort() with OperationCanceledException "Aborted", as .NET does', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const accepted = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
    const peer = net.connect((server.address() as AddressInfo).port, '127.0.0.1');
    cleanups.push(() => void peer.destroy());
    const peerClosed = new Promise<void>((resolve) => peer.once('close', () => resolve()));
    const options = new WebSocketCreationOptions();
    options.IsServer = true;
    const webSocket = WebSocket.CreateFromStream(await accepted, options);
    const { error, state } = await pendingReceiveOutcome(webSocket, () => webSocket.Abort());
    expect(error).toBeInstanceOf(OperationCanceledException);
    expect(error).not.toBeInstanceOf(ConnectionAbortedException);
    // nameof(WebSocketState.Aborted) in .NET's ManagedWebSocket.
    expect((error as OperationCanceledException).Message).toBe('Aborted');
    expect(state).toBe(WebSocketState.Aborted);
    await peerClosed;
  });
});

describe('a WebSocket accepted by WebApplication over HTTP/2 (h2c)', () => {
  it('fails a pending receive on Abort() with TaskCanceledException "The request was aborted"', async () => {
    const builder = WebApplication.CreateBuilder([]);
    builder.WebHost.ConfigureKestrel((options) => {
      options.Listen('127.0.0.1', 0, (listenOptions) => {
        listenOptions.Protocols = HttpProtocols.Http2;
      });
    });
    const app = builder.Build();
    const socket = signal<WebSocket>();
    const finished = signal();
    app.UseWebSockets();
    app.Map('/ws', async (context: HttpContext) => {
      socket.resolve(await context.WebSockets.AcceptWebSocketAsync());
      await finished.promise;
    });
    await app.StartAsync();
    cleanups.push(() => app.StopAsync());
    cleanups.push(() => finished.resolve());
    const client = new ClientWebSocket();
    cleanups.push(() => client.Dispose());
    client.Options.HttpVersion = HttpVersion.Version20;
    client.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
    await client.ConnectAsync(`ws://127.0.0.1:${new URL(app.Urls[0]!).port}/ws`, CancellationToken.None);
    const webSocket = await socket.promise;
    const { error, state } = await pendingReceiveOutcome(webSocket, () => webSocket.Abort());
    expect(error).toBeInstanceOf(TaskCanceledException);
    expect((error as TaskCanceledException).Message).toBe(dotnetMessage('AspNetCore_RequestAborted'));
    const inner = (error as TaskCanceledException).InnerException;
    expect(inner).toBeInstanceOf(ConnectionAbortedException);
    expect((inner as ConnectionAbortedException).Message).toBe(dotnetMessage('ConnectionAbortedByApplication'));
    expect(state).toBe(WebSocketState.Aborted);
  });
});
