// ClientWebSocket and its options, pinned to .NET's signatures as ported C# client code writes them.
import { expectAssignable, expectError, expectType } from 'tsd';
import {
  ArraySegment,
  CancellationToken,
  CancellationTokenSource,
  ClientWebSocket,
  ClientWebSocketOptions,
  Cookie,
  CookieContainer,
  HttpVersion,
  NetworkCredential,
  Nullable,
  SslPolicyErrors,
  TimeSpan,
  Uri,
  ValueWebSocketReceiveResult,
  Version,
  WebProxy,
  WebSocket,
  WebSocketCloseStatus,
  WebSocketDeflateOptions,
  WebSocketMessageType,
  WebSocketReceiveResult,
  WebSocketState,
  X509Certificate2,
  X509CertificateCollection,
} from 'dotnet-ws';
import type { ICredentials, IWebProxy, RemoteCertificateValidationCallback } from 'dotnet-ws';

// using var ws = new ClientWebSocket(); await ws.ConnectAsync(new Uri("wss://…"), cts.Token);
const ws = new ClientWebSocket();
expectAssignable<WebSocket>(ws);
expectType<ClientWebSocketOptions>(ws.Options);
expectType<Promise<void>>(ws.ConnectAsync(new Uri('wss://example.com/ws'), new CancellationTokenSource().Token));
expectType<Promise<void>>(ws.ConnectAsync('ws://example.com/ws'));
expectType<Promise<void>>(ws.ConnectAsync(new URL('ws://example.com/ws'), CancellationToken.None));
expectError(ws.ConnectAsync(42));

// The seed's loop over a ClientWebSocket.
const buffer = new Uint8Array(1024 * 4);
expectType<Promise<WebSocketReceiveResult>>(ws.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None));
expectType<Promise<ValueWebSocketReceiveResult>>(ws.ReceiveAsync(buffer, CancellationToken.None));
expectType<Promise<void>>(ws.SendAsync(new ArraySegment(buffer), WebSocketMessageType.Text, true, CancellationToken.None));
expectType<Promise<void>>(ws.CloseAsync(WebSocketCloseStatus.NormalClosure, 'bye', CancellationToken.None));
expectType<Promise<void>>(ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None));
expectType<WebSocketState>(ws.State);
expectType<Nullable<WebSocketCloseStatus>>(ws.CloseStatus);
expectType<string | null>(ws.CloseStatusDescription);
expectType<string | null>(ws.SubProtocol);
expectType<number>(ws.HttpStatusCode);
expectType<ReadonlyMap<string, readonly string[]> | null>(ws.HttpResponseHeaders);
expectType<void>(ws.Abort());
expectType<void>(ws.Dispose());

// The options object is only reached through ws.Options, as in .NET.
// @ts-expect-error: the constructor is private (internal in .NET).
new ClientWebSocketOptions();
const o = ws.Options;
expectType<void>(o.SetRequestHeader('Authorization', 'Bearer x'));
expectType<void>(o.AddSubProtocol('chat'));
o.KeepAliveInterval = TimeSpan.FromSeconds(20);
o.KeepAliveTimeout = TimeSpan.FromSeconds(10);
expectError((o.KeepAliveInterval = 20));
o.Credentials = new NetworkCredential('user', 'password');
expectType<ICredentials | null>(ws.Options.Credentials);
o.Proxy = new WebProxy('http://proxy:3128');
o.Proxy = null;
expectType<IWebProxy | null>(ws.Options.Proxy);
o.Cookies = new CookieContainer();
o.Cookies.Add(new Uri('wss://example.com'), new Cookie('session', 'abc'));
expectType<X509CertificateCollection>(o.ClientCertificates);
expectType<number>(o.ClientCertificates.Add(X509Certificate2.CreateFromPem('cert', 'key')));
const callback: RemoteCertificateValidationCallback = (_sender, certificate, _chain, errors) =>
  errors === SslPolicyErrors.None || certificate?.GetCertHashString() === 'AB';
o.RemoteCertificateValidationCallback = callback;
expectError((o.RemoteCertificateValidationCallback = () => 'yes'));
o.DangerousDeflateOptions = new WebSocketDeflateOptions();
o.CollectHttpResponseDetails = true;
o.HttpVersion = HttpVersion.Version11;
expectType<Version>(o.HttpVersion);
o.SetBuffer(4096, 4096);
o.SetBuffer(4096, 4096, new ArraySegment(new Uint8Array(4096)));
o.UseDefaultCredentials = false;
