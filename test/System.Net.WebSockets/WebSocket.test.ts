// The abstract WebSocket's statics: CreateFromStream's validation and result, the buffer factories,
// the protected state helpers (docs/behaviour.md#websocket-statics; docs/behaviour.md#net-test-cases cases 5–7).
import net from 'node:net';
import { Duplex, PassThrough, Readable, Writable } from 'node:stream';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ArgumentException } from '../../src/System/ArgumentException.js';
import { ArgumentNullException } from '../../src/System/ArgumentNullException.js';
import { ArgumentOutOfRangeException } from '../../src/System/ArgumentOutOfRangeException.js';
import { PlatformNotSupportedException } from '../../src/System/PlatformNotSupportedException.js';
import { TimeSpan } from '../../src/System/TimeSpan.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { WebSocket } from '../../src/System.Net.WebSockets/WebSocket.js';
import { WebSocketError } from '../../src/System.Net.WebSockets/WebSocketError.js';
import { WebSocketException } from '../../src/System.Net.WebSockets/WebSocketException.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { WebSocketState } from '../../src/System.Net.WebSockets/WebSocketState.js';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import '../../src/System.Net.WebSockets/ManagedWebSocket.js';
import { thrown } from '../helpers/errors.js';

/** Exposes the protected statics the way a derived C# class would use them. */
class Probe extends (WebSocket as unknown as abstract new () => object) {
  static terminal(s: WebSocketState): boolean {
    return (WebSocket as unknown as { IsStateTerminal(s: WebSocketState): boolean }).IsStateTerminal(s);
  }
  static check(s: WebSocketState, ...valid: WebSocketState[]): void {
    (WebSocket as unknown as { ThrowOnInvalidState(s: WebSocketState, ...v: WebSocketState[]): void }).ThrowOnInvalidState(s, ...valid);
  }
}

const sockets: net.Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
});

describe('#CreateFromStream', () => {
  const duplex = () => new PassThrough();

  it('validates its arguments with .NET types, parameter names and messages', () => {
    const nullStream = thrown(() => WebSocket.CreateFromStream(null as unknown as Duplex, true, null, TimeSpan.Zero));
    expect(nullStream).toBeInstanceOf(ArgumentNullException);
    expect((nullStream as ArgumentNullException).ParamName).toBe('stream');

    const notReadable = new Writable({ write: (_c, _e, cb) => cb() }) as unknown as Duplex;
    const e1 = thrown<ArgumentException>(() => WebSocket.CreateFromStream(notReadable, true, null, TimeSpan.Zero));
    expect([e1.constructor, e1.ParamName, e1.message]).toEqual([
      ArgumentException,
      'stream',
      `${dotnetMessage('NotReadableStream')} (Parameter 'stream')`,
    ]);

    const notWritable = new Readable({ read() {} }) as unknown as Duplex;
    const e2 = thrown<ArgumentException>(() => WebSocket.CreateFromStream(notWritable, true, null, TimeSpan.Zero));
    expect([e2.ParamName, e2.message]).toEqual(['stream', `${dotnetMessage('NotWriteableStream')} (Parameter 'stream')`]);

    for (const bad of ['    ', '\u00ff']) {
      const e = thrown<ArgumentException>(() => WebSocket.CreateFromStream(duplex(), true, bad, TimeSpan.Zero));
      expect(e).toBeInstanceOf(ArgumentException);
      expect(e.ParamName).toBe('subProtocol');
    }

    const e3 = thrown<ArgumentOutOfRangeException>(() => WebSocket.CreateFromStream(duplex(), true, null, TimeSpan.FromSeconds(-2)));
    expect(e3).toBeInstanceOf(ArgumentOutOfRangeException);
    expect(e3.ParamName).toBe('keepAliveInterval');

    const e4 = thrown<ArgumentNullException>(() => WebSocket.CreateFromStream(duplex(), null as never));
    expect(e4.ParamName).toBe('options');
  });

  it('accepts -1 ms as an infinite keep-alive and returns an Open socket carrying the subprotocol', () => {
    const ws = WebSocket.CreateFromStream(duplex(), true, 'chat', TimeSpan.InfiniteTimeSpan);
    expect(ws.State).toBe(WebSocketState.Open);
    expect(ws.SubProtocol).toBe('chat');
    ws.Dispose();
    expect(ws.State).toBe(WebSocketState.Closed);
  });

  it('talks over a real TCP connection with no HTTP handshake, one side per role', async () => {
    const server = net.createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const accepted = once(server, 'connection') as Promise<[net.Socket]>;
    const clientSocket = net.connect((server.address() as AddressInfo).port, '127.0.0.1');
    const [serverSocket] = await accepted;
    sockets.push(clientSocket, serverSocket);
    const serverWs = WebSocket.CreateFromStream(serverSocket, true, null, TimeSpan.Zero);
    const clientWs = WebSocket.CreateFromStream(clientSocket, false, null, TimeSpan.Zero);
    await clientWs.SendAsync(new TextEncoder().encode('ping'), WebSocketMessageType.Text, true);
    const buffer = new Uint8Array(16);
    const r = await serverWs.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    expect(new TextDecoder().decode(buffer.subarray(0, r.Count))).toBe('ping');
    server.close();
  });
});

describe('buffers and constants', () => {
  it('DefaultKeepAliveInterval is 30 seconds', () => {
    expect(WebSocket.DefaultKeepAliveInterval.TotalSeconds).toBe(30);
  });

  it.each([
    [0, 1, 'receiveBufferSize'],
    [-1, 1, 'receiveBufferSize'],
    [1, 0, 'sendBufferSize'],
    [1, -1, 'sendBufferSize'],
  ])('CreateClientBuffer(%i, %i) throws ArgumentOutOfRangeException %s', (r, s, name) => {
    const e = thrown<ArgumentOutOfRangeException>(() => WebSocket.CreateClientBuffer(r, s));
    expect(e).toBeInstanceOf(ArgumentOutOfRangeException);
    expect(e.ParamName).toBe(name);
    const value = name === 'receiveBufferSize' ? r : s;
    // .NET 10: ArgumentOutOfRangeException.ThrowIfNegativeOrZero.
    expect(e.message).toBe(
      `${dotnetMessage('ArgumentOutOfRange_Generic_MustBeNonNegativeNonZero', name, value)} (Parameter '${name}')\n${dotnetMessage('ArgumentOutOfRange_ActualValue', value)}`,
    );
  });

  it('CreateClientBuffer returns one array as large as the larger size; CreateServerBuffer the exact size', () => {
    expect(WebSocket.CreateClientBuffer(100, 4096).Count).toBe(4096);
    expect(WebSocket.CreateServerBuffer(512).Count).toBe(512);
    expect(thrown<ArgumentOutOfRangeException>(() => WebSocket.CreateServerBuffer(0)).ParamName).toBe('receiveBufferSize');
  });

  it('IsApplicationTargeting45 is true and RegisterPrefixes is not supported', () => {
    expect(WebSocket.IsApplicationTargeting45()).toBe(true);
    expect(() => WebSocket.RegisterPrefixes()).toThrow(PlatformNotSupportedException);
  });
});

describe('protected state helpers', () => {
  it.each([
    [WebSocketState.None, false],
    [WebSocketState.Connecting, false],
    [WebSocketState.Open, false],
    [WebSocketState.CloseSent, false],
    [WebSocketState.CloseReceived, false],
    [WebSocketState.Closed, true],
    [WebSocketState.Aborted, true],
    [99 as WebSocketState, false],
  ])('IsStateTerminal(%i) is %s', (state, terminal) => {
    expect(Probe.terminal(state)).toBe(terminal);
  });

  it('ThrowOnInvalidState returns for a listed state and otherwise throws InvalidState', () => {
    expect(() => Probe.check(WebSocketState.Open, WebSocketState.Open, WebSocketState.CloseSent)).not.toThrow();
    const e = thrown<WebSocketException>(() => Probe.check(WebSocketState.Aborted, WebSocketState.Open, WebSocketState.CloseSent));
    expect(e).toBeInstanceOf(WebSocketException);
    expect(e.WebSocketErrorCode).toBe(WebSocketError.InvalidState);
    expect(e.message).toBe(dotnetMessage('net_WebSockets_InvalidState', 'Aborted', 'Open, CloseSent'));
    expect(thrown(() => Probe.check(WebSocketState.Open)).message).toBe(dotnetMessage('net_WebSockets_InvalidState', 'Open', ''));
  });
});
