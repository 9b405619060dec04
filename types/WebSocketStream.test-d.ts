// System.Net.WebSockets.WebSocketStream (.NET 10) pinned to .NET's signatures.
import { expectAssignable, expectError, expectType } from 'tsd';
import { CancellationToken, Stream, TimeSpan, WebSocket, WebSocketMessageType } from 'dotnet-ws';
import { WebSocketStream } from 'dotnet-ws/System.Net.WebSockets';

declare const ws: WebSocket;
const stream = WebSocketStream.Create(ws, WebSocketMessageType.Binary);
expectType<WebSocketStream>(stream);
expectAssignable<Stream>(stream);
expectType<WebSocketStream>(WebSocketStream.Create(ws, WebSocketMessageType.Text, true));
expectType<WebSocketStream>(WebSocketStream.Create(ws, WebSocketMessageType.Text, TimeSpan.FromSeconds(10)));
expectType<WebSocketStream>(WebSocketStream.CreateWritableMessageStream(ws, WebSocketMessageType.Text));
expectType<WebSocketStream>(WebSocketStream.CreateReadableMessageStream(ws));
expectType<WebSocket>(stream.WebSocket);
expectType<Promise<number>>(stream.ReadAsync(new Uint8Array(16), CancellationToken.None));
expectType<Promise<void>>(stream.WriteAsync(new Uint8Array(16), 0, 16, CancellationToken.None));
expectType<Promise<void>>(stream.DisposeAsync());
// @ts-expect-error .NET 10 has no accessible WebSocketStream constructor (the factories create the streams);
// tsd's expectError cannot see TS2674.
new WebSocketStream(ws);
expectError(WebSocketStream.Create(ws, WebSocketMessageType.Text, 'yes'));
