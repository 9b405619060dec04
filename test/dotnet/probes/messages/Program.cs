// Checks the expected .NET messages of the TypeScript tests (test/fixtures/dotnet-messages.json) against
// the .NET 10 installed on this machine, so that no expected text comes from the code under test.
//
//   dotnet run --project test/dotnet/probes/messages [-- fixture.json]    check (exit 1 on a difference)
//   dotnet run --project test/dotnet/probes/messages -- --print            what .NET prints, as JSON
//
// For every entry whose source names a .NET assembly's resources, the text must equal that resource
// string word for word. For every entry the probe can provoke (the table below), .NET's exception
// message (or log line) is printed, and it must equal the entry's "example.message" and contain the text
// filled with "example.args". Exit code 1 on any difference; each line of output says OK or DIFF.
using System.ComponentModel;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Reflection;
using System.Resources;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

// `dotnet run` starts in the project's folder: a relative path is taken from the repository's root.
var root = Directory.GetCurrentDirectory();
while (!File.Exists(Path.Combine(root, "package.json")) && Path.GetDirectoryName(root) is { } parent) root = parent;
var path = Path.Combine(root, args.FirstOrDefault(a => !a.StartsWith("--")) ?? "test/fixtures/dotnet-messages.json");
using var doc = JsonDocument.Parse(File.ReadAllText(path));
var messages = doc.RootElement.GetProperty("messages");
var failures = 0;

void Report(bool ok, string key, string detail)
{
    if (!ok) failures++;
    Console.WriteLine($"{(ok ? "OK  " : "DIFF")} {key}: {detail}");
}

// .NET fills named placeholders ({name}) in order, like numbered ones.
static string Fill(string template, string[] args)
{
    var names = new List<string>();
    var filled = Regex.Replace(template, @"\{\{|\}\}|\{(\w+)\}", m =>
    {
        if (m.Value == "{{") return "{";
        if (m.Value == "}}") return "}";
        var id = m.Groups[1].Value;
        int index;
        if (!int.TryParse(id, out index))
        {
            if (!names.Contains(id)) names.Add(id);
            index = names.IndexOf(id);
        }
        return index < args.Length ? args[index] : m.Value;
    });
    return filled;
}

// Resource strings, by assembly name and resource name.
var resourceCache = new Dictionary<string, Dictionary<string, string>>();
Dictionary<string, string> ResourcesOf(string assemblyName)
{
    if (resourceCache.TryGetValue(assemblyName, out var found)) return found;
    var table = new Dictionary<string, string>();
    var asm = assemblyName == "System.Private.CoreLib" ? typeof(object).Assembly : Assembly.Load(assemblyName);
    foreach (var name in asm.GetManifestResourceNames().Where(n => n.EndsWith(".resources")))
    {
        var rm = new ResourceManager(name[..^".resources".Length], asm);
        using var set = rm.GetResourceSet(System.Globalization.CultureInfo.InvariantCulture, true, true);
        foreach (System.Collections.DictionaryEntry e in set!)
            if (e.Value is string s) table.TryAdd((string)e.Key, s);
    }
    return resourceCache[assemblyName] = table;
}

var provocations = Provocations.All();
if (args.Contains("--print"))
{
    // What .NET prints for every provocation, as JSON: for writing the fixture's examples.
    var printed = new SortedDictionary<string, string>(StringComparer.Ordinal);
    foreach (var (key, provoke) in provocations)
    {
        try { printed[key] = await provoke(); } catch (Exception e) { printed[key] = $"<probe failed: {e.Message}>"; }
    }
    Console.WriteLine(JsonSerializer.Serialize(printed, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    return 0;
}
foreach (var entry in messages.EnumerateObject())
{
    var key = entry.Name;
    var text = entry.Value.GetProperty("text").GetString()!;
    var source = entry.Value.GetProperty("source").GetString()!;
    var checkedSomething = false;
    var resx = Regex.Match(source, @"^resx:([\w.]+)$");
    if (resx.Success)
    {
        checkedSomething = true;
        var table = ResourcesOf(resx.Groups[1].Value);
        if (!table.TryGetValue(key, out var actual)) Report(false, key, $"no resource {key} in {resx.Groups[1].Value}");
        else Report(actual == text, key, actual == text ? "resource matches" : $"resource is {JsonSerializer.Serialize(actual)}");
    }
    if (provocations.TryGetValue(key, out var provoke))
    {
        checkedSomething = true;
        string actual;
        try { actual = await provoke(); } catch (Exception e) { actual = $"<probe failed: {e.GetType().Name}: {e.Message}>"; }
        // Ports of the probe's listeners change from run to run.
        actual = Regex.Replace(actual, @"127\.0\.0\.1:\d+", "127.0.0.1:0");
        if (!entry.Value.TryGetProperty("example", out var example))
        {
            Report(false, key, $"no example in the fixture; .NET printed {JsonSerializer.Serialize(actual)}");
            continue;
        }
        var expected = example.GetProperty("message").GetString()!;
        var exampleArgs = example.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToArray();
        var filled = Fill(text, exampleArgs);
        var ok = actual == expected && actual.Contains(filled);
        Report(ok, key, ok ? $"provoked: {JsonSerializer.Serialize(actual)}" : $"provoked {JsonSerializer.Serialize(actual)}; fixture example {JsonSerializer.Serialize(expected)}, text filled {JsonSerializer.Serialize(filled)}");
    }
    if (source.StartsWith("dotnet-ws") || source.StartsWith("unchecked"))
        Console.WriteLine($"--   {key}: not checked here ({source})");
    else if (!checkedSomething) Report(false, key, $"nothing checks this entry (source {source})");
}
Console.WriteLine(failures == 0 ? "all entries match .NET " + Environment.Version : $"{failures} entries differ from .NET {Environment.Version}");
return failures == 0 ? 0 : 1;

/// <summary>Each provocation makes .NET produce the message and returns it.</summary>
static class Provocations
{
    static string Thrown(Action action)
    {
        try { action(); } catch (Exception e) { return e.Message; }
        throw new InvalidOperationException("nothing was thrown");
    }

    static async Task<string> Rejected(Func<Task> action)
    {
        try { await action(); } catch (Exception e) { return e.Message; }
        throw new InvalidOperationException("nothing was thrown");
    }

    /// <summary>A Kestrel app on 127.0.0.1:0 with the given endpoints, its base address, and its console output so far.</summary>
    static async Task<(WebApplication app, string url)> StartApp(Action<WebApplication> configure, bool webSockets = true)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        if (webSockets) app.UseWebSockets();
        configure(app);
        await app.StartAsync();
        return (app, app.Urls.First());
    }

    public static Dictionary<string, Func<Task<string>>> All() => new()
    {
        // System.Private.CoreLib
        ["Exception_WasThrown"] = () => Task.FromResult(new Exception().Message),
        ["Arg_SystemException"] = () => Task.FromResult(new SystemException().Message),
        ["Arg_ArgumentException"] = () => Task.FromResult(new ArgumentException().Message),
        ["Arg_ArgumentOutOfRangeException"] = () => Task.FromResult(new ArgumentOutOfRangeException().Message),
        ["Arg_ParamName_Name"] = () => Task.FromResult(new ArgumentException("Bad.", "value").Message),
        ["ArgumentNull_Generic"] = () => Task.FromResult(new ArgumentNullException().Message),
        ["Arg_InvalidOperationException"] = () => Task.FromResult(new InvalidOperationException().Message),
        ["Arg_NotSupportedException"] = () => Task.FromResult(new NotSupportedException().Message),
        ["Arg_PlatformNotSupported"] = () => Task.FromResult(new PlatformNotSupportedException().Message),
        ["Arg_ExternalException"] = () => Task.FromResult(new ExternalException().Message),
        ["Arg_ArithmeticException"] = () => Task.FromResult(new ArithmeticException().Message),
        ["Arg_OverflowException"] = () => Task.FromResult(new OverflowException().Message),
        ["Overflow_NegateTwosCompNum"] = () => Task.FromResult(Thrown(() => TimeSpan.MinValue.Negate())),
        ["ObjectDisposed_Generic"] = () => Task.FromResult(new ObjectDisposedException(null).Message),
        ["ObjectDisposed_ObjectName_Name"] = () => Task.FromResult(new ObjectDisposedException("System.Net.WebSockets.ClientWebSocket").Message),
        ["OperationCanceled"] = () => Task.FromResult(new OperationCanceledException().Message),
        ["TaskCanceledException_ctor_DefaultMessage"] = () => Task.FromResult(new TaskCanceledException().Message),
        ["AggregateException_ctor_DefaultMessage"] = () => Task.FromResult(new AggregateException().Message),
        ["AggregateException_ctor_InnerExceptionNull"] = () => Task.FromResult(Thrown(() => new AggregateException(new Exception[] { null! }))),
        ["ArgumentOutOfRange_Generic_MustBeGreaterOrEqual"] = () => Task.FromResult(Thrown(() => ArgumentOutOfRangeException.ThrowIfLessThan(-1, 0, "count"))),
        ["InvalidOperation_NoValue"] = () => Task.FromResult(Thrown(() => _ = ((int?)null).Value)),
        ["ArgumentOutOfRange_NeedNonNegNum"] = () => Task.FromResult(Thrown(() => _ = new ArraySegment<byte>(new byte[4], -1, 1))),
        ["Argument_InvalidOffLen"] = () => Task.FromResult(Thrown(() => _ = new ArraySegment<byte>(new byte[4], 3, 2))),
        ["ArgumentOutOfRange_IndexMustBeLess"] = () => Task.FromResult(Thrown(() => _ = new ArraySegment<byte>(new byte[4])[4])),
        ["ArgumentOutOfRange_Generic_MustBeNonNegativeNonZero"] = () => Task.FromResult(Thrown(() => WebSocket.CreateClientBuffer(0, 16))),
        ["ArgumentOutOfRange_Generic_MustBeNonZero"] = () => Task.FromResult(Thrown(() => new ClientWebSocket().Options.SetBuffer(16, 16, new ArraySegment<byte>(new byte[4], 0, 0)))),
        ["ArgumentOutOfRange_IndexMustBeLessOrEqual"] = () => Task.FromResult(Thrown(() => new ArraySegment<byte>(new byte[4]).Slice(5))),
        ["InvalidOperation_NullArray"] = () => Task.FromResult(Thrown(() => default(ArraySegment<byte>).Slice(0))),
        ["ArgumentOutOfRange_Generic_MustBeNonNegative"] = () => Task.FromResult(Thrown(() => _ = new Version(1, -1))),
        // AddSubProtocol and WebSocketCreationOptions.SubProtocol both throw this for "" and "   " on .NET 10.
        ["Argument_EmptyOrWhiteSpaceString"] = () => Task.FromResult(Thrown(() => new ClientWebSocket().Options.AddSubProtocol("   "))),
        ["Arg_MustBeTimeSpan"] = () => Task.FromResult(Thrown(() => TimeSpan.Zero.CompareTo("x"))),
        ["Overflow_TimeSpanTooLong"] = () => Task.FromResult(Thrown(() => TimeSpan.FromTicks(long.MaxValue).Add(TimeSpan.FromTicks(1)))),
        ["Arg_CannotBeNaN"] = () => Task.FromResult(Thrown(() => TimeSpan.FromMilliseconds(double.NaN))),
        ["CancellationTokenSource_Disposed"] = () => Task.FromResult(Thrown(() => { var cts = new CancellationTokenSource(); cts.Dispose(); _ = cts.Token; })),
        ["CancellationToken_CreateLinkedToken_TokensIsEmpty"] = () => Task.FromResult(Thrown(() => CancellationTokenSource.CreateLinkedTokenSource(Array.Empty<CancellationToken>()))),
        ["Task_Delay_InvalidMillisecondsDelay"] = () => Task.FromResult(Thrown(() => Task.Delay(-2))),
        ["Task_InvalidTimerTimeSpan"] = () => Task.FromResult(Thrown(() => Task.Delay(TimeSpan.FromMilliseconds(-2)))),
        ["Task_MultiTaskContinuation_NullTask"] = () => Task.FromResult(Thrown(() => Task.WhenAll(new Task[] { null! }))),
        ["Task_MultiTaskContinuation_EmptyTaskList"] = () => Task.FromResult(Thrown(() => Task.WhenAny(Array.Empty<Task>()))),
        ["IO_SeekBeforeBegin"] = () => Task.FromResult(Thrown(() => new MemoryStream().Seek(-1, SeekOrigin.Begin))),
        ["ArgumentOutOfRange_StreamLength"] = () => Task.FromResult(Thrown(() => new MemoryStream().SetLength(-1))),

        // System.Net.WebSockets and System.Net.WebSockets.Client
        ["net_WebSockets_InvalidState"] = async () =>
        {
            var ws = WebSocket.CreateFromStream(new MemoryStream(), new WebSocketCreationOptions { IsServer = true });
            ws.Abort();
            return await Rejected(() => ws.ReceiveAsync(new ArraySegment<byte>(new byte[8]), CancellationToken.None));
        },
        ["net_WebSockets_InvalidCharInProtocolString"] = () => Task.FromResult(Thrown(() => new ClientWebSocket().Options.AddSubProtocol("a b"))),
        ["net_WebSockets_NoDuplicateProtocol"] = () => Task.FromResult(Thrown(() => { var o = new ClientWebSocket().Options; o.AddSubProtocol("chat"); o.AddSubProtocol("CHAT"); })),
        ["net_WebSockets_AlreadyStarted"] = async () =>
        {
            var (app, url) = await StartApp(a => a.Map("/ws", async (HttpContext c) => { using var s = await c.WebSockets.AcceptWebSocketAsync(); await s.ReceiveAsync(new byte[1], default); }));
            using var ws = new ClientWebSocket();
            await ws.ConnectAsync(new Uri(url.Replace("http", "ws") + "/ws"), default);
            var m = Thrown(() => ws.Options.KeepAliveInterval = TimeSpan.Zero);
            ws.Abort();
            await app.StopAsync();
            return m;
        },
        ["net_WebSockets_NotConnected"] = async () => await Rejected(() => new ClientWebSocket().SendAsync(new byte[1], WebSocketMessageType.Binary, true, default)),
        ["net_WebSockets_ConnectStatusExpected"] = async () =>
        {
            var (app, url) = await StartApp(a => a.MapGet("/ok", () => "not a websocket"));
            using var ws = new ClientWebSocket();
            var m = await Rejected(() => ws.ConnectAsync(new Uri(url.Replace("http", "ws") + "/ok"), default));
            await app.StopAsync();
            return m;
        },
        ["net_webstatus_ConnectFailure"] = async () =>
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            using var ws = new ClientWebSocket();
            return await Rejected(() => ws.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/"), default));
        },
        ["net_http_proxy_tunnel_returned_failure_status_code"] = async () =>
        {
            // A "proxy" that refuses every CONNECT with 403.
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            _ = Task.Run(async () =>
            {
                using var client = await listener.AcceptTcpClientAsync();
                var stream = client.GetStream();
                var buffer = new byte[4096];
                await stream.ReadAsync(buffer);
                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"));
            });
            using var ws = new ClientWebSocket();
            ws.Options.Proxy = new WebProxy($"http://127.0.0.1:{port}");
            try { await ws.ConnectAsync(new Uri("ws://127.0.0.1:1/"), default); }
            catch (WebSocketException e) { return e.InnerException!.Message; }
            finally { listener.Stop(); }
            throw new InvalidOperationException("connected");
        },
        ["net_Websockets_KeepAlivePingTimeout"] = async () =>
        {
            // A server that completes the handshake and never answers a ping.
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            _ = Task.Run(async () =>
            {
                var client = await listener.AcceptTcpClientAsync();
                var stream = client.GetStream();
                var head = "";
                var buffer = new byte[4096];
                while (!head.Contains("\r\n\r\n")) head += Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer));
                var key = Regex.Match(head, @"Sec-WebSocket-Key: (\S+)", RegexOptions.IgnoreCase).Groups[1].Value;
                var accept = Convert.ToBase64String(System.Security.Cryptography.SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"));
                while (await stream.ReadAsync(buffer) > 0) { }
            });
            using var ws = new ClientWebSocket();
            ws.Options.KeepAliveInterval = TimeSpan.FromMilliseconds(100);
            ws.Options.KeepAliveTimeout = TimeSpan.FromMilliseconds(100);
            await ws.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/"), default);
            try { await ws.ReceiveAsync(new byte[16], default); }
            catch (Exception e)
            {
                // ReceiveAsync fails with OperationCanceledException("Aborted"), its inner exception the timeout.
                for (var inner = e; inner is not null; inner = inner.InnerException)
                    if (inner is WebSocketException) return inner.Message;
                throw;
            }
            finally { listener.Stop(); }
            throw new InvalidOperationException("received");
        },
        ["net_WebSockets_TimeoutOutOfRange"] = () => Task.FromResult(Thrown(() =>
            WebSocketStream.Create(WebSocket.CreateFromStream(new MemoryStream(), new WebSocketCreationOptions { IsServer = true }), WebSocketMessageType.Text, TimeSpan.FromMilliseconds(-2)))),
        ["ZLibUnsupportedCompression"] = async () =>
        {
            // A server with permessage-deflate gets a masked, compressed (RSV1) binary frame whose payload is not DEFLATE.
            var frame = new byte[] { 0xC2, 0x84, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff };
            var ws = WebSocket.CreateFromStream(new MemoryStream(frame), new WebSocketCreationOptions
            {
                IsServer = true,
                DangerousDeflateOptions = new WebSocketDeflateOptions(),
            });
            return await Rejected(() => ws.ReceiveAsync(new ArraySegment<byte>(new byte[64]), CancellationToken.None));
        },
        ["net_WebHeaderInvalidHeaderChars"] = () => Task.FromResult(Thrown(() => new ClientWebSocket().Options.SetRequestHeader("bad name", "x"))),
        ["net_WebHeaderInvalidCRLFChars"] = () => Task.FromResult(Thrown(() => new ClientWebSocket().Options.SetRequestHeader("X-A", "a\rb"))),
        ["net_WebHeaderInvalidControlChars"] = () => Task.FromResult(Thrown(() => new ClientWebSocket().Options.SetRequestHeader("X-A", "a\u0001b"))),

        // ASP.NET Core (literals and log lines; see the fixture's sources)
        ["AspNetCore_NotAWebSocketRequest"] = async () =>
        {
            var seen = new TaskCompletionSource<string>();
            var (app, url) = await StartApp(a => a.Map("/", async (HttpContext c) =>
            {
                try { await c.WebSockets.AcceptWebSocketAsync(); seen.SetResult("accepted"); }
                catch (Exception e) { seen.SetResult(e.Message); }
            }));
            using var http = new HttpClient();
            await http.GetAsync(url + "/");
            var m = await seen.Task;
            await app.StopAsync();
            return m;
        },
        ["AspNetCore_ConnectionAborted"] = () => Task.FromResult(new Microsoft.AspNetCore.Connections.ConnectionAbortedException().Message),
        ["AspNetCore_RequestAborted"] = async () =>
        {
            // Over HTTP/2 (h2c), Abort() of an accepted WebSocket fails its pending receive from Kestrel's request stream.
            var builder = WebApplication.CreateBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2));
            var app = builder.Build();
            app.UseWebSockets();
            var seen = new TaskCompletionSource<string>();
            app.Map("/ws", async (HttpContext c) =>
            {
                var s = await c.WebSockets.AcceptWebSocketAsync();
                var receive = s.ReceiveAsync(new byte[1], default);
                s.Abort();
                try { await receive; seen.SetResult("received"); } catch (Exception e) { seen.SetResult(e.Message); }
            });
            await app.StartAsync();
            using var invoker = new HttpMessageInvoker(new SocketsHttpHandler());
            using var ws = new ClientWebSocket();
            ws.Options.HttpVersion = HttpVersion.Version20;
            ws.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
            await ws.ConnectAsync(new Uri(app.Urls.First().Replace("http", "ws") + "/ws"), invoker, default);
            var m = await seen.Task;
            ws.Abort();
            await app.StopAsync();
            return m;
        },
        ["AspNetCore_ServerMaxWindowBitsOutOfRange"] = () => Task.FromResult(Thrown(() => new WebSocketAcceptContext().ServerMaxWindowBits = 8)),
        ["AspNetCore_WebSocketsNotSupported"] = async () =>
        {
            var seen = new TaskCompletionSource<string>();
            var (app, url) = await StartApp(a => a.Map("/", async (HttpContext c) =>
            {
                try { await c.WebSockets.AcceptWebSocketAsync(); seen.SetResult("accepted"); }
                catch (Exception e) { seen.SetResult(e.Message); }
            }), webSockets: false);
            using var http = new HttpClient();
            await http.GetAsync(url + "/");
            var m = await seen.Task;
            await app.StopAsync();
            return m;
        },
        ["DefaultInlineConstraintResolver_CouldNotFindConstraint"] = async () =>
        {
            // The route table is built on the first request; the error reaches the server's log.
            var errors = new List<string>();
            var builder = WebApplication.CreateBuilder();
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new ListLoggerProvider(errors, exceptionsOnly: true));
            var app = builder.Build();
            app.Urls.Add("http://127.0.0.1:0");
            app.MapGet("/{id:nosuch}", (string id) => id);
            await app.StartAsync();
            using var http = new HttpClient();
            await http.GetAsync(app.Urls.First() + "/x");
            await app.StopAsync();
            return errors.First();
        },
        ["InvalidUrl"] = async () =>
        {
            var builder = WebApplication.CreateBuilder();
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.Urls.Add("localhost:5000");
            return await Rejected(() => app.StartAsync());
        },
        ["Exception_UnableToFindServices"] = () =>
        {
            var builder = WebApplication.CreateBuilder();
            builder.Logging.ClearProviders();
            var app = builder.Build();
            return Task.FromResult(Thrown(() => app.UseAuthorization()));
        },
        ["AspNetCore_WebRootPathNotFound"] = async () =>
        {
            // A content root without wwwroot; the path printed is shown from <root>.
            var contentRoot = Directory.CreateTempSubdirectory("messages-probe").FullName;
            try
            {
                var lines = await LogLines(
                    new WebApplicationOptions { ContentRootPath = contentRoot },
                    "Microsoft.AspNetCore.StaticFiles.StaticFileMiddleware",
                    app => app.UseStaticFiles(),
                    "/missing.txt");
                return lines.First().Replace(contentRoot, "<root>");
            }
            finally { Directory.Delete(contentRoot, true); }
        },
        ["AspNetCore_FailedToDeterminePort"] = async () =>
            (await LogLines(new WebApplicationOptions(), "Microsoft.AspNetCore.HttpsPolicy.HttpsRedirectionMiddleware", app => app.UseHttpsRedirection(), "/")).First(),
        ["AspNetCore_NowListeningOn"] = () => LifetimeLine("Now listening on"),
        ["AspNetCore_ApplicationStarted"] = () => LifetimeLine("Application started"),
        ["AspNetCore_ApplicationShuttingDown"] = () => LifetimeLine("Application is shutting down"),
    };

    static List<string>? lifetimeLines;

    /// <summary>The Microsoft.Hosting.Lifetime message starting with `prefix` of an app started and stopped on 127.0.0.1:0 (the port shown as 0).</summary>
    static async Task<string> LifetimeLine(string prefix)
    {
        if (lifetimeLines is null)
        {
            var lines = new List<string>();
            var builder = WebApplication.CreateBuilder();
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new ListLoggerProvider(lines));
            var app = builder.Build();
            app.Urls.Add("http://127.0.0.1:0");
            await app.StartAsync();
            await app.StopAsync();
            lifetimeLines = lines.Select(l => Regex.Replace(l, @"127\.0\.0\.1:\d+", "127.0.0.1:0")).ToList();
        }
        return lifetimeLines.First(l => l.StartsWith(prefix));
    }

    /// <summary>The messages logged under `category` by an app on 127.0.0.1:0 configured by `configure`, from its start to one GET of `path`.</summary>
    static async Task<List<string>> LogLines(WebApplicationOptions options, string category, Action<WebApplication> configure, string path)
    {
        var lines = new List<string>();
        var builder = WebApplication.CreateBuilder(options);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ListLoggerProvider(lines, category: category));
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        configure(app);
        await app.StartAsync();
        using var http = new HttpClient();
        await http.GetAsync(app.Urls.First() + path);
        await app.StopAsync();
        return lines;
    }

    /// <summary>Collects the messages of `category` (by default Microsoft.Hosting.Lifetime), or (exceptionsOnly) the messages of logged exceptions.</summary>
    sealed class ListLoggerProvider(List<string> lines, bool exceptionsOnly = false, string category = "Microsoft.Hosting.Lifetime") : ILoggerProvider
    {
        public ILogger CreateLogger(string name) =>
            exceptionsOnly || name == category ? new ListLogger(lines, exceptionsOnly) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        public void Dispose() { }
    }

    sealed class ListLogger(List<string> lines, bool exceptionsOnly) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel level) => level >= LogLevel.Information;
        public void Log<TState>(LogLevel level, EventId id, TState state, Exception? e, Func<TState, Exception?, string> format)
        {
            if (!IsEnabled(level)) return;
            if (exceptionsOnly) { if (e is not null) lock (lines) lines.Add(e.Message); }
            else lock (lines) lines.Add(format(state, e));
        }
    }
}
