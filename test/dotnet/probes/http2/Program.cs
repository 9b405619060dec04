// What .NET 10 does with WebSockets over HTTP/2 (RFC 8441), printed one line per observable event.
//
//   server <h2c|tls> [pfx password]   Kestrel on 127.0.0.1:0 (h2c: Http2 only; tls: Http1AndHttp2 with the PFX),
//                                      prints "PORT <n>". /ws (Map) accepts and echoes; /get (MapGet) likewise;
//                                      /info answers what the request looked like.
//   client <uri> <version> <policy>    one ClientWebSocket with Options.HttpVersion/HttpVersionPolicy, trusting
//                                      any certificate; connects, sends "hi", prints the echo, closes.
//   client-fail <uri>...               for each uri in turn, two ClientWebSockets over HTTP/2 (RequestVersionExact)
//                                      sharing one invoker (one connection); each waits in ReceiveAsync and prints
//                                      what ends it (the peer resets, sends GOAWAY or drops the connection).
using System.Net;
using System.Net.Http;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;

if (args[0] == "server") await RunServer(args);
else if (args[0] == "client-fail") await RunClientFail(args);
else await RunClient(args);

static void PrintException(Exception e)
{
    for (Exception? x = e; x != null; x = x.InnerException)
    {
        var extra = x switch
        {
            WebSocketException w => $" WebSocketErrorCode={w.WebSocketErrorCode}",
            HttpRequestException h => $" HttpRequestError={h.HttpRequestError} StatusCode={h.StatusCode}",
            HttpIOException io => $" HttpRequestError={io.HttpRequestError}",
            ArgumentException a => $" ParamName={a.ParamName}",
            _ => "",
        };
        Console.WriteLine($"  {x.GetType().FullName}: {x.Message}{extra}");
    }
}

static async Task RunClientFail(string[] args)
{
    foreach (var uri in args.Skip(1))
    {
        Console.WriteLine($"URI {new Uri(uri).AbsolutePath}");
        var handler = new SocketsHttpHandler();
        using var invoker = new HttpMessageInvoker(handler);
        var sockets = new List<ClientWebSocket>();
        for (int i = 0; i < 2; i++)
        {
            var ws = new ClientWebSocket();
            ws.Options.HttpVersion = HttpVersion.Version20;
            ws.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
            await ws.ConnectAsync(new Uri(uri), invoker, default);
            sockets.Add(ws);
        }
        var buffer = new byte[100];
        for (int i = 0; i < sockets.Count; i++)
        {
            var ws = sockets[i];
            try
            {
                for (;;)
                {
                    var r = await ws.ReceiveAsync(buffer, default);
                    Console.WriteLine($"#{i} RECV {r.MessageType} {r.Count} {r.EndOfMessage} {Encoding.UTF8.GetString(buffer, 0, r.Count)}");
                    if (r.MessageType == WebSocketMessageType.Close) break;
                }
            }
            catch (Exception e)
            {
                Console.WriteLine($"#{i} EXC state={ws.State}");
                PrintException(e);
            }
            try
            {
                await ws.SendAsync(Encoding.UTF8.GetBytes("after"), WebSocketMessageType.Text, true, default);
                Console.WriteLine($"#{i} SEND-AFTER ok state={ws.State}");
            }
            catch (Exception e)
            {
                Console.WriteLine($"#{i} SEND-AFTER EXC state={ws.State}");
                PrintException(e);
            }
            ws.Dispose();
        }
    }
}

static async Task RunServer(string[] args)
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.ClearProviders();
    builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0, l =>
    {
        if (args[1] == "tls")
        {
            l.Protocols = HttpProtocols.Http1AndHttp2;
            l.UseHttps(X509CertificateLoader.LoadPkcs12FromFile(args[2], args[3]));
        }
        else l.Protocols = HttpProtocols.Http2;
    }));
    var app = builder.Build();
    app.UseWebSockets();
    async Task Echo(HttpContext context)
    {
        Console.WriteLine($"REQ {context.Request.Protocol} {context.Request.Method} {context.Request.Path} ws={context.WebSockets.IsWebSocketRequest}");
        if (!context.WebSockets.IsWebSocketRequest) { context.Response.StatusCode = 400; return; }
        var accept = new WebSocketAcceptContext { SubProtocol = context.WebSockets.WebSocketRequestedProtocols.FirstOrDefault() };
        using var ws = await context.WebSockets.AcceptWebSocketAsync(accept);
        Console.WriteLine($"ACCEPTED status={context.Response.StatusCode} started={context.Response.HasStarted}");
        var buffer = new byte[4096];
        while (true)
        {
            var r = await ws.ReceiveAsync(buffer, default);
            if (r.MessageType == WebSocketMessageType.Close) { await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, default); break; }
            await ws.SendAsync(new ArraySegment<byte>(buffer, 0, r.Count), r.MessageType, r.EndOfMessage, default);
        }
    }
    app.Map("/ws", Echo);
    app.MapGet("/get", Echo);
    app.Map("/info", (HttpContext c) => Console.WriteLine(
        $"INFO {c.Request.Protocol} {c.Request.Method} ws={c.WebSockets.IsWebSocketRequest} protos=[{string.Join(",", c.WebSockets.WebSocketRequestedProtocols)}] headers=[{string.Join(";", c.Request.Headers.Select(h => h.Key + "=" + h.Value))}] scheme={c.Request.Scheme} host={c.Request.Host}"));
    await app.StartAsync();
    var address = app.Urls.First();
    Console.WriteLine($"PORT {new Uri(address).Port}");
    Console.Out.Flush();
    await app.WaitForShutdownAsync();
}

static async Task RunClient(string[] args)
{
    using var ws = new ClientWebSocket();
    ws.Options.HttpVersion = Version.Parse(args[2]);
    ws.Options.HttpVersionPolicy = Enum.Parse<HttpVersionPolicy>(args[3]);
    ws.Options.CollectHttpResponseDetails = true;
    bool useInvoker = args.Length > 5 && args[5] == "invoker";
    if (!useInvoker) ws.Options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
    if (args.Length > 4 && args[4] != "-") ws.Options.AddSubProtocol(args[4]);
    try
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        if (useInvoker)
        {
            var handler = new SocketsHttpHandler();
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
            await ws.ConnectAsync(new Uri(args[1]), new HttpMessageInvoker(handler), cts.Token);
        }
        else await ws.ConnectAsync(new Uri(args[1]), cts.Token);
        Console.WriteLine($"OPEN status={ws.HttpStatusCode} sub={ws.SubProtocol ?? "null"} state={ws.State}");
        await ws.SendAsync(Encoding.UTF8.GetBytes("hi"), WebSocketMessageType.Text, true, default);
        var buffer = new byte[100];
        var r = await ws.ReceiveAsync(buffer, default);
        Console.WriteLine($"RECV {r.MessageType} {r.Count} {r.EndOfMessage} {Encoding.UTF8.GetString(buffer, 0, r.Count)}");
        await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", default);
        Console.WriteLine($"CLOSED {ws.State} {ws.CloseStatus} {ws.CloseStatusDescription}");
    }
    catch (Exception e)
    {
        Console.WriteLine($"EXC status={ws.HttpStatusCode} state={ws.State}");
        for (Exception? x = e; x != null; x = x.InnerException)
        {
            var extra = x switch
            {
                WebSocketException w => $" WebSocketErrorCode={w.WebSocketErrorCode}",
                HttpRequestException h => $" HttpRequestError={h.HttpRequestError} StatusCode={h.StatusCode}",
                ArgumentException a => $" ParamName={a.ParamName}",
                _ => "",
            };
            Console.WriteLine($"  {x.GetType().FullName}: {x.Message}{extra}");
        }
    }
}
