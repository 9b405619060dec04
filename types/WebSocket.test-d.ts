// The core WebSocket surface, pinned to .NET's signatures; the seed's lines in their TypeScript form.
import { expectAssignable, expectError, expectType } from 'tsd';
import type { Duplex } from 'node:stream';
import {
  ArraySegment,
  CancellationToken,
  Encoding,
  ManagedWebSocket,
  TimeSpan,
  ValueWebSocketReceiveResult,
  WebSocket,
  WebSocketCloseStatus,
  WebSocketCreationOptions,
  WebSocketMessageFlags,
  WebSocketMessageType,
  WebSocketReceiveResult,
  WebSocketState,
} from 'dotnet-ws';

declare const webSocket: WebSocket;
declare const stream: Duplex;

// §2 ReceiveAsync / SendAsync / CloseAsync as the seed writes them.
const buffer = new Uint8Array(1024 * 4);
const result = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
expectType<WebSocketReceiveResult>(result);
const message = Encoding.UTF8.GetBytes('Hello WebSocket Client!');
expectType<Promise<void>>(webSocket.SendAsync(new ArraySegment(message), WebSocketMessageType.Text, true, CancellationToken.None));
expectType<Promise<void>>(webSocket.CloseAsync(WebSocketCloseStatus.NormalClosure, 'Closing connection', CancellationToken.None));

// §3 WebSocketState.
expectType<WebSocketState>(webSocket.State);
if (webSocket.State === WebSocketState.Open) expectType<WebSocketState.Open>(webSocket.State);

// §4 the receive loop on CloseStatus.HasValue, and §5's CloseAsync(receiveResult.CloseStatus.Value, …).
let receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
while (!receiveResult.CloseStatus.HasValue) {
  expectType<string>(Encoding.UTF8.GetString(buffer, 0, receiveResult.Count));
  receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
}
expectType<WebSocketCloseStatus>(receiveResult.CloseStatus.Value);
expectType<string | null>(receiveResult.CloseStatusDescription);
await webSocket.CloseAsync(receiveResult.CloseStatus.Value, receiveResult.CloseStatusDescription, CancellationToken.None);

// Overloads: Memory<byte> (a Uint8Array) gives a ValueWebSocketReceiveResult.
expectType<Promise<ValueWebSocketReceiveResult>>(webSocket.ReceiveAsync(buffer, CancellationToken.None));
expectType<Promise<ValueWebSocketReceiveResult>>(webSocket.ReceiveAsync(buffer));
expectType<Promise<void>>(webSocket.SendAsync(buffer, WebSocketMessageType.Binary, true));
expectType<Promise<void>>(
  webSocket.SendAsync(buffer, WebSocketMessageType.Binary, WebSocketMessageFlags.EndOfMessage | WebSocketMessageFlags.DisableCompression),
);
expectType<Promise<void>>(webSocket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, null, CancellationToken.None));
expectType<void>(webSocket.Abort());
expectType<void>(webSocket.Dispose());
expectAssignable<Disposable>(webSocket);

// Statics.
expectType<TimeSpan>(WebSocket.DefaultKeepAliveInterval);
expectType<WebSocket>(WebSocket.CreateFromStream(stream, new WebSocketCreationOptions()));
expectType<WebSocket>(WebSocket.CreateFromStream(stream, true, null, TimeSpan.FromMinutes(2)));
expectType<ArraySegment<Uint8Array>>(WebSocket.CreateClientBuffer(4096, 4096));
expectType<ArraySegment<Uint8Array>>(WebSocket.CreateServerBuffer(4096));

// ManagedWebSocket is a WebSocket with Node.js extras.
declare const managed: ManagedWebSocket;
expectAssignable<WebSocket>(managed);
expectType<number>(managed.receiveBufferedAmount);

// Misuse.
expectError(webSocket.SendAsync('text', WebSocketMessageType.Text, true));
expectError(webSocket.ReceiveAsync(new ArraySegment(buffer), 'token'));
expectError(webSocket.CloseAsync('NormalClosure', null));
expectError((webSocket.State = WebSocketState.Closed));
