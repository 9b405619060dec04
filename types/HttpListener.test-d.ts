// System.Net.HttpListener pinned to .NET's signatures (GetContext returns a promise: JavaScript cannot block).
import { expectAssignable, expectError, expectType } from 'tsd';
import {
  ASCIIEncoding,
  Encoding,
  HttpListener,
  HttpListenerContext,
  HttpListenerException,
  HttpListenerPrefixCollection,
  HttpListenerRequest,
  HttpListenerResponse,
  HttpListenerWebSocketContext,
  HttpStatusCode,
  IPEndPoint,
  MemoryStream,
  ProtocolViolationException,
  TimeSpan,
  Uri,
  WebSocket,
  Win32Exception,
} from 'dotnet-ws';

const listener = new HttpListener();
expectType<HttpListenerPrefixCollection>(listener.Prefixes);
expectType<void>(listener.Prefixes.Add('http://localhost:8080/ws/'));
expectType<boolean>(listener.Prefixes.Remove('http://localhost:8080/ws/'));
expectType<number>(listener.Prefixes.Count);
expectAssignable<Iterable<string>>(listener.Prefixes);
expectType<void>(listener.Start());
expectType<boolean>(listener.IsListening);
expectType<Promise<HttpListenerContext>>(listener.GetContextAsync());
expectType<Promise<HttpListenerContext>>(listener.GetContext());
expectType<void>(listener.Stop());
expectType<void>(listener.Close());
expectType<boolean>(HttpListener.IsSupported);

declare const context: HttpListenerContext;
expectType<HttpListenerRequest>(context.Request);
expectType<HttpListenerResponse>(context.Response);
expectType<Promise<HttpListenerWebSocketContext>>(context.AcceptWebSocketAsync(null));
expectType<Promise<HttpListenerWebSocketContext>>(context.AcceptWebSocketAsync('chat', 4096, TimeSpan.FromSeconds(30)));
expectError(context.AcceptWebSocketAsync());
expectType<WebSocket>((await context.AcceptWebSocketAsync(null)).WebSocket);

expectType<boolean>(context.Request.IsWebSocketRequest);
expectType<Uri>(context.Request.Url);
expectType<string>(context.Request.HttpMethod);
expectType<string | undefined>(context.Request.Headers['Origin']);
expectType<string | undefined>(context.Request.QueryString['room']);
expectType<IPEndPoint>(context.Request.RemoteEndPoint);
expectType<string>(context.Request.RemoteEndPoint.Address);

context.Response.StatusCode = 400;
context.Response.StatusCode = HttpStatusCode.BadRequest;
context.Response.StatusDescription = 'Bad Request';
expectType<MemoryStream>(context.Response.OutputStream);
expectType<void>(context.Response.Close());

expectAssignable<Win32Exception>(new HttpListenerException(98, 'Address already in use'));
expectType<number>(new HttpListenerException(98).ErrorCode);
expectAssignable<Error>(new ProtocolViolationException('x'));

expectType<Encoding>(Encoding.ASCII);
expectAssignable<Encoding>(new ASCIIEncoding());
