// Records what HttpListener does on this machine (.NET 10, Linux managed implementation).
// Run: dotnet run --project test/dotnet/probes/httplistener -- <freePort> <busyPort>
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

int port = int.Parse(args[0]);
int busy = int.Parse(args[1]);

void Show(string label, Action a)
{
    try { a(); Console.WriteLine($"{label}: ok"); }
    catch (Exception e)
    {
        var extra = e is HttpListenerException h ? $" ErrorCode={h.ErrorCode} NativeErrorCode={h.NativeErrorCode} HResult={h.HResult}" : "";
        extra += e is ArgumentException ae ? $" ParamName={ae.ParamName}" : "";
        Console.WriteLine($"{label}: {e.GetType().FullName}: {e.Message}{extra}");
    }
}
async Task ShowAsync(string label, Func<Task> a)
{
    try { await a(); Console.WriteLine($"{label}: ok"); }
    catch (Exception e)
    {
        var extra = e is HttpListenerException h ? $" ErrorCode={h.ErrorCode} NativeErrorCode={h.NativeErrorCode}" : "";
        Console.WriteLine($"{label}: {e.GetType().FullName}: {e.Message}{extra}");
    }
}

foreach (var p in new[] { "http://+:8080/", "http://*:8080/", "http://localhost:5000/ws/", "http://localhost:5000/ws",
    "https://localhost:5001/", "ftp://localhost:5000/", "http://localhost/", "http://:8080/", "http://localhost:5000",
    "http://localhost:99999/", "http://localhost:0/", "HTTP://LocalHost:5000/A/", "http://localhost:5000/a?b/", "http://127.0.0.1:5000/", "http://[::1]:5000/", "", "localhost:5000/" , "http://localhost:5000/x#y/", "ws://localhost:5000/", "http://a b:5000/", "http://localhost:abc/"})
{
    var l = new HttpListener();
    Show($"Add({p})", () => l.Prefixes.Add(p));
}
{
    var l = new HttpListener();
    Show("Add(null)", () => l.Prefixes.Add(null!));
    l.Prefixes.Add("http://localhost:5000/");
    Show("Add twice", () => l.Prefixes.Add("http://localhost:5000/"));
    Console.WriteLine($"Count={l.Prefixes.Count} Contains={l.Prefixes.Contains("http://localhost:5000/")} ContainsUpper={l.Prefixes.Contains("HTTP://LOCALHOST:5000/")}");
    l.Prefixes.Add("HTTP://LocalHost:5002/A/");
    Console.WriteLine("Listed: " + string.Join(",", l.Prefixes));
    Console.WriteLine($"Remove missing={l.Prefixes.Remove("http://nope:1/")}");
    Console.WriteLine($"IsListening={l.IsListening} IsSupported={HttpListener.IsSupported}");
    Show("GetContext before Start", () => l.GetContext());
    Show("BeginGetContext before Start", () => l.BeginGetContext(null, null));
    Show("Stop before Start", () => l.Stop());
    Show("GetContextAsync before Start", () => l.GetContextAsync().Wait());
}
{
    var l = new HttpListener();
    Show("Start no prefixes", () => l.Start());
    Console.WriteLine($"IsListening={l.IsListening}");
    Show("GetContext started no prefixes", () => { var t = l.GetContextAsync(); Console.WriteLine($"  task status {t.Status}"); });
    l.Close();
}
{
    var holder = new TcpListener(IPAddress.Loopback, busy); holder.Start();
    var l = new HttpListener();
    l.Prefixes.Add($"http://127.0.0.1:{busy}/");
    Show("Start port in use", () => l.Start());
    Console.WriteLine($"IsListening={l.IsListening}");
    Show("Close after failed start", () => l.Close());
    holder.Stop();
}
{
    var l = new HttpListener();
    l.Prefixes.Add($"http://127.0.0.1:{port}/");
    l.Start();
    Show("Start twice", () => l.Start());
    Show("Add while started", () => l.Prefixes.Add($"http://127.0.0.1:{port}/b/"));
    Console.WriteLine($"Count={l.Prefixes.Count}");
    var pending = l.GetContextAsync();
    l.Stop();
    try { await pending; Console.WriteLine("pending after Stop: ok"); }
    catch (Exception e) { Console.WriteLine($"pending after Stop: {e.GetType().FullName}: {e.Message} {(e is HttpListenerException h ? h.ErrorCode : 0)}"); }
    Console.WriteLine($"IsListening after Stop={l.IsListening} Count={l.Prefixes.Count}");
    Show("GetContext after Stop", () => l.GetContext());
    Show("Start after Stop", () => l.Start());
    Console.WriteLine($"IsListening={l.IsListening}");
    l.Close();
    Show("GetContext after Close", () => l.GetContext());
    Show("Start after Close", () => l.Start());
    Show("Prefixes after Close", () => l.Prefixes.Add("http://localhost:1/"));
    Show("Stop after Close", () => l.Stop());
    Show("Close twice", () => l.Close());
    Show("IsListening after Close", () => Console.WriteLine($"  {l.IsListening}"));
}
{
    var l = new HttpListener();
    l.Prefixes.Add($"http://127.0.0.1:{port}/");
    l.Start();
    var server = Task.Run(async () =>
    {
        var ctx = await l.GetContextAsync();
        var r = ctx.Request;
        Console.WriteLine($"req: IsWebSocketRequest={r.IsWebSocketRequest} HttpMethod={r.HttpMethod} Url={r.Url} RawUrl={r.RawUrl} Local={r.LocalEndPoint} RemoteIsLoopback={r.RemoteEndPoint.Address} UserHostName={r.UserHostName} ProtocolVersion={r.ProtocolVersion} Headers[Host]={r.Headers["Host"]} QS[a]={r.QueryString["a"]} IsLocal={r.IsLocal}");
        Console.WriteLine($"resp default: StatusCode={ctx.Response.StatusCode} StatusDescription={ctx.Response.StatusDescription}");
        await ShowAsync("AcceptWebSocketAsync(null) on plain request", () => ctx.AcceptWebSocketAsync(null));
        Show("StatusCode=99", () => ctx.Response.StatusCode = 99);
        Show("StatusCode=1000", () => ctx.Response.StatusCode = 1000);
        ctx.Response.StatusCode = 418;
        Console.WriteLine($"after 418: StatusDescription={ctx.Response.StatusDescription}");
        ctx.Response.StatusCode = 299;
        Console.WriteLine($"after 299: StatusDescription='{ctx.Response.StatusDescription}'");
        ctx.Response.StatusCode = 404;
        Console.WriteLine($"after 404: StatusDescription={ctx.Response.StatusDescription}");
        Show("StatusDescription newline", () => ctx.Response.StatusDescription = "a\nb");
        ctx.Response.Close();
        Show("StatusCode after Close", () => ctx.Response.StatusCode = 200);
        Show("Close twice", () => ctx.Response.Close());

        var ctx2 = await l.GetContextAsync();
        Console.WriteLine($"ws req: IsWebSocketRequest={ctx2.Request.IsWebSocketRequest}");
        await ShowAsync("Accept bad subprotocol ''", () => ctx2.AcceptWebSocketAsync(""));
        await ShowAsync("Accept subprotocol not offered", () => ctx2.AcceptWebSocketAsync("nope"));
        var wsc = await ctx2.AcceptWebSocketAsync("chat");
        Console.WriteLine($"wsctx: SubProtocol={wsc.WebSocket.SubProtocol} State={wsc.WebSocket.State} SecWebSocketProtocols={string.Join("|", wsc.SecWebSocketProtocols)} Version={wsc.SecWebSocketVersion} Key?={wsc.SecWebSocketKey != null} Origin={wsc.Origin} RequestUri={wsc.RequestUri} IsLocal={wsc.IsLocal} Headers.Count>0={wsc.Headers.Count > 0} ctxtype={wsc.WebSocket.GetType().Name}");
        Show("Response.StatusCode after accept", () => Console.WriteLine($"  {ctx2.Response.StatusCode}"));
        var buf = new byte[100];
        var res = await wsc.WebSocket.ReceiveAsync(buf, CancellationToken.None);
        await wsc.WebSocket.SendAsync(new ArraySegment<byte>(buf, 0, res.Count), res.MessageType, res.EndOfMessage, CancellationToken.None);
        res = await wsc.WebSocket.ReceiveAsync(buf, CancellationToken.None);
        Console.WriteLine($"server got close: {res.CloseStatus} {res.CloseStatusDescription}");
        await wsc.WebSocket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);

        var ctx3 = await l.GetContextAsync();
        Console.WriteLine($"post: method={ctx3.Request.HttpMethod} IsWebSocketRequest={ctx3.Request.IsWebSocketRequest} HasEntityBody={ctx3.Request.HasEntityBody} ContentLength={ctx3.Request.ContentLength64}");
        ctx3.Response.StatusCode = 500; ctx3.Response.StatusDescription = "Custom";
        ctx3.Response.Close();
        var ctx4 = await l.GetContextAsync();
        ctx4.Response.StatusCode = 404;
        Console.WriteLine($"fresh 404: StatusDescription={ctx4.Response.StatusDescription}");
        ctx4.Response.StatusCode = 299;
        Console.WriteLine($"then 299: StatusDescription='{ctx4.Response.StatusDescription}'");
        var out4 = Encoding.UTF8.GetBytes("body");
        ctx4.Response.OutputStream.Write(out4);
        ctx4.Response.Close();
        var ctx5 = await l.GetContextAsync();
        ctx5.Response.StatusCode = 299;
        ctx5.Response.Close();
    });
    using var http = new HttpClient();
    var resp = await http.GetAsync($"http://127.0.0.1:{port}/path/x?a=1");
    Console.WriteLine($"client: {(int)resp.StatusCode} {resp.ReasonPhrase} len={resp.Content.Headers.ContentLength} body='{await resp.Content.ReadAsStringAsync()}' server={resp.Headers.Server}");
    using var ws = new ClientWebSocket();
    ws.Options.AddSubProtocol("chat"); ws.Options.AddSubProtocol("x");
    await ws.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/ws"), CancellationToken.None);
    await ws.SendAsync(Encoding.UTF8.GetBytes("hi"), WebSocketMessageType.Text, true, CancellationToken.None);
    var b = new byte[100];
    var rr = await ws.ReceiveAsync(b, CancellationToken.None);
    Console.WriteLine($"client echo: {Encoding.UTF8.GetString(b, 0, rr.Count)} sub={ws.SubProtocol}");
    await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    rr = await ws.ReceiveAsync(b, CancellationToken.None);
    Console.WriteLine($"client close: {rr.CloseStatus} {rr.CloseStatusDescription} {ws.State}");
    var resp3 = await http.PostAsync($"http://127.0.0.1:{port}/", new StringContent("xyz"));
    Console.WriteLine($"client: {(int)resp3.StatusCode} {resp3.ReasonPhrase}");
    var resp4 = await http.GetAsync($"http://127.0.0.1:{port}/");
    Console.WriteLine($"client4: {(int)resp4.StatusCode} '{resp4.ReasonPhrase}' body='{await resp4.Content.ReadAsStringAsync()}' chunked={resp4.Headers.TransferEncodingChunked}");
    var resp5 = await http.GetAsync($"http://127.0.0.1:{port}/");
    Console.WriteLine($"client5: {(int)resp5.StatusCode} '{resp5.ReasonPhrase}'");
    await server;
    // a request to a path no prefix covers
    l.Close();
}
{
    var l = new HttpListener();
    l.Prefixes.Add($"http://127.0.0.1:{port}/only/");
    l.Start();
    using var http = new HttpClient();
    var resp = await http.GetAsync($"http://127.0.0.1:{port}/other");
    Console.WriteLine($"unmatched path: {(int)resp.StatusCode} {resp.ReasonPhrase} body='{await resp.Content.ReadAsStringAsync()}'");
    var resp2 = await http.GetAsync($"http://localhost:{port}/only/");
    Console.WriteLine($"host localhost vs 127.0.0.1 prefix: {(int)resp2.StatusCode}");
    l.Close();
}
{
    var l = new HttpListener();
    l.Prefixes.Add($"http://+:{port}/");
    l.Start();
    using var http = new HttpClient();
    var t = l.GetContextAsync();
    var rt = http.GetAsync($"http://localhost:{port}/z");
    var ctx = await t; Console.WriteLine($"plus: Url={ctx.Request.Url} UserHostName={ctx.Request.UserHostName}");
    ctx.Response.Close(); await rt;
    l.Close();
}
