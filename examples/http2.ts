/**
 * WebSockets over HTTP/2 (RFC 8441), the README's "WebSockets over HTTP/2" as one program: a WebApplication
 * that serves them over TLS (ALPN h2 and http/1.1) and over h2c (cleartext HTTP/2), and a ClientWebSocket
 * that connects to each over HTTP/2, sends one message, prints the echo and closes.
 *
 * Run:  node dist/examples/http2.js [server.pfx] [password] [https-port] [h2c-port]
 *       (defaults: server.pfx, password, 5001, 5002; port 0 takes any free port). The client trusts the
 *       server's certificate whatever it is: a test certificate, never do that with a real one.
 */
import { ArraySegment, Uri } from 'dotnet-ws/System';
import { WebApplication } from 'dotnet-ws/Microsoft.AspNetCore.Builder';
import type { HttpContext } from 'dotnet-ws/Microsoft.AspNetCore.Http';
import { HttpProtocols } from 'dotnet-ws/Microsoft.AspNetCore.Server.Kestrel.Core';
import { HttpVersion } from 'dotnet-ws/System.Net';
import { HttpMessageInvoker, HttpVersionPolicy, SocketsHttpHandler } from 'dotnet-ws/System.Net.Http';
import { ClientWebSocket, WebSocketCloseStatus, WebSocketMessageType, WebSocketState } from 'dotnet-ws/System.Net.WebSockets';
import { X509Certificate2 } from 'dotnet-ws/System.Security.Cryptography.X509Certificates';
import { Encoding } from 'dotnet-ws/System.Text';
import { CancellationToken } from 'dotnet-ws/System.Threading';

const [pfx = 'server.pfx', password = 'password', httpsPort = '5001', h2cPort = '5002'] = process.argv.slice(2);

const builder = WebApplication.CreateBuilder(process.argv.slice(2));
builder.WebHost.ConfigureKestrel((options) => {
  options.ListenAnyIP(Number(httpsPort), (listenOptions) => {
    listenOptions.Protocols = HttpProtocols.Http1AndHttp2; // ALPN h2 and http/1.1 (the default)
    listenOptions.UseHttps(new X509Certificate2(pfx, password));
  });
  options.ListenAnyIP(Number(h2cPort), (listenOptions) => {
    listenOptions.Protocols = HttpProtocols.Http2; // h2c: cleartext HTTP/2 with prior knowledge
  });
});
const app = builder.Build();
app.UseWebSockets();
// Map, not MapGet: over HTTP/2 a WebSocket request is a CONNECT.
app.Map('/ws', async (context: HttpContext) => {
  if (!context.WebSockets.IsWebSocketRequest) {
    context.Response.StatusCode = 400;
    return;
  }
  console.log(`server: ${context.Request.Protocol} ${context.Request.Method} ${context.Request.Path}`);
  using webSocket = await context.WebSockets.AcceptWebSocketAsync();
  const buffer = new Uint8Array(4096);
  let result = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
  while (!result.CloseStatus.HasValue) {
    await webSocket.SendAsync(new ArraySegment(buffer, 0, result.Count), result.MessageType, result.EndOfMessage, CancellationToken.None);
    result = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
  }
  await webSocket.CloseAsync(result.CloseStatus.Value, result.CloseStatusDescription, CancellationToken.None);
});
await app.StartAsync();

const handler = new SocketsHttpHandler();
handler.SslOptions.RemoteCertificateValidationCallback = () => true; // the test certificate only
{
  using invoker = new HttpMessageInvoker(handler); // or new HttpClient()
  for (const url of app.Urls) {
    const secure = url.startsWith('https:');
    const uri = `${secure ? 'wss' : 'ws'}://localhost:${new URL(url).port}/ws`;
    using ws = new ClientWebSocket();
    ws.Options.HttpVersion = HttpVersion.Version20;
    ws.Options.HttpVersionPolicy = secure
      ? HttpVersionPolicy.RequestVersionOrLower // the default: over wss, HTTP/1.1 if the server lacks HTTP/2
      : HttpVersionPolicy.RequestVersionExact; // over ws (h2c): HTTP/2 or nothing
    ws.Options.CollectHttpResponseDetails = true;
    await ws.ConnectAsync(new Uri(uri), invoker, CancellationToken.None);
    console.log(`client: connected to ${uri} (HTTP status ${ws.HttpStatusCode})`);
    await ws.SendAsync(new ArraySegment(Encoding.UTF8.GetBytes('hello over HTTP/2')), WebSocketMessageType.Text, true, CancellationToken.None);
    const buffer = new Uint8Array(1024);
    const result = await ws.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    console.log(`client: received ${Encoding.UTF8.GetString(buffer, 0, result.Count)}`);
    await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, 'done', CancellationToken.None);
    console.log(`client: ${WebSocketState[ws.State]}`);
  }
}
await app.StopAsync();
