// The server role of the differential suite, in one long-lived process (`Oracle server`):
//   - Kestrel (ASP.NET Core 10, UseWebSockets, AcceptWebSocketAsync(WebSocketAcceptContext)) on one port;
//   - a TcpListener that reads the request itself, writes the RFC 6455 101 and wraps the connection with
//     WebSocket.CreateFromStream (the same ManagedWebSocket without ASP.NET Core) on another.
//   - the same Kestrel application on a third port, cleartext HTTP/2 only (WebSockets over RFC 8441).
// It prints "listening <kestrel-port> <stream-port> <kestrel-h2c-port>", then one transcript line per event of every
// scenario's server half, keyed by the request path "/<run>/<scenario>"; it exits when standard input
// closes. ts/servers.ts holds the dotnet-ws twins of both.
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

static class ScenarioServer
{
    const string Guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    static readonly TimeSpan ScenarioTimeout = TimeSpan.FromSeconds(10);

    public static async Task<int> Run()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = new string[0] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.UseWebSockets();
        app.Use(Handle);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().Addresses.First();
        var kestrelPort = new Uri(address).Port;

        // The same Kestrel application on cleartext HTTP/2 (h2c), for WebSockets over HTTP/2 (RFC 8441).
        var h2Builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = new string[0] });
        h2Builder.Logging.ClearProviders();
        h2Builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        var h2App = h2Builder.Build();
        h2App.UseWebSockets();
        h2App.Use(Handle);
        await h2App.StartAsync();
        var h2Port = new Uri(h2App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().Addresses.First()).Port;

        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var streamPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        Console.Out.Write("listening " + kestrelPort + " " + streamPort + " " + h2Port + "\n");
        Console.Out.Flush();

        // Console.In blocks: a thread of its own, not one of the thread pool's.
        var stdin = Task.Factory.StartNew(() => Console.In.ReadToEnd(), TaskCreationOptions.LongRunning);
        for (;;)
        {
            var accept = listener.AcceptSocketAsync();
            if (await Task.WhenAny(accept, stdin) == stdin) break;
            var socket = accept.Result;
            _ = Task.Run(() => HandleStream(socket));
        }
        listener.Stop();
        await app.StopAsync(TimeSpan.FromSeconds(2));
        await h2App.StopAsync(TimeSpan.FromSeconds(2));
        return 0;
    }

    /** "/<run>/<scenario>" → ("<run>/<scenario>", "<scenario>"); anything else → null. */
    static (string key, string name)? Parse(string path)
    {
        var parts = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2) return null;
        return (parts[0] + "/" + parts[1], parts[1]);
    }

    static async Task RunWithTimeout(string name, WebSocket ws, Transcript t)
    {
        var run = ServerScenarios.Run(name, ws, t);
        if (await Task.WhenAny(run, Task.Delay(ScenarioTimeout)) != run)
        {
            t.Line("timeout", "the server half did not finish");
            ws.Abort();
        }
    }

    /** Kestrel: the scenario middleware (no route matched → 404, as a path nothing maps). */
    static async Task Handle(HttpContext context, RequestDelegate next)
    {
        var parsed = Parse(context.Request.Path.Value);
        if (parsed == null)
        {
            await next(context);
            return;
        }
        var (key, name) = parsed.Value;
        if (name == "plain")
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("not a WebSocket endpoint");
            return;
        }
        var t = new Transcript(key);
        try
        {
            if (ServerScenarios.Rejects(name))
            {
                t.Line("rejected", "status=400");
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            if (!context.WebSockets.IsWebSocketRequest)
            {
                t.Line("not-websocket", "method=" + context.Request.Method);
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            var chosen = ServerScenarios.Choose(name, context.WebSockets.WebSocketRequestedProtocols, t);
            var accept = new WebSocketAcceptContext { SubProtocol = chosen };
            ServerScenarios.Configure(
                name,
                (noTakeover, bits, _) =>
                {
                    accept.DangerousEnableCompression = true;
                    accept.DisableServerContextTakeover = noTakeover;
                    accept.ServerMaxWindowBits = bits;
                },
                (interval, timeout) =>
                {
                    accept.KeepAliveInterval = interval;
                    accept.KeepAliveTimeout = timeout;
                });
            if (name.StartsWith("deflate"))
            {
                t.Line("requested-extensions", Transcript.Q(context.Request.Headers["Sec-WebSocket-Extensions"].ToString()));
            }
            var ws = await context.WebSockets.AcceptWebSocketAsync(accept);
            // ASP.NET Core tears the connection down when this delegate returns.
            await RunWithTimeout(name, ws, t);
        }
        catch (Exception e)
        {
            t.Error("crash", "throws", e);
        }
        finally
        {
            t.End();
        }
    }

    /** The CreateFromStream server: its own handshake, then the same server half. */
    static async Task HandleStream(Socket socket)
    {
        var stream = new NetworkStream(socket, true);
        Transcript t = null;
        try
        {
            var head = await ReadHead(stream);
            var lines = head.Split("\r\n");
            var parsed = Parse(lines[0].Split(' ')[1]);
            if (parsed == null)
            {
                await Write(stream, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                stream.Dispose();
                return;
            }
            var (key, name) = parsed.Value;
            t = new Transcript(key);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (int i = 1; i < lines.Length; i++)
            {
                int colon = lines[i].IndexOf(':');
                if (colon > 0) headers[lines[i].Substring(0, colon).Trim()] = lines[i].Substring(colon + 1).Trim();
            }
            if (ServerScenarios.Rejects(name) || !headers.ContainsKey("Sec-WebSocket-Key"))
            {
                t.Line(ServerScenarios.Rejects(name) ? "rejected" : "not-websocket", "status=400");
                await Write(stream, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                stream.Dispose();
                return;
            }
            var requested = new List<string>();
            if (headers.TryGetValue("Sec-WebSocket-Protocol", out var protocols))
            {
                foreach (var p in protocols.Split(',')) if (p.Trim().Length > 0) requested.Add(p.Trim());
            }
            var chosen = ServerScenarios.Choose(name, requested, t);
            var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(headers["Sec-WebSocket-Key"] + Guid)));
            await Write(stream, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n"
                + (chosen != null ? "Sec-WebSocket-Protocol: " + chosen + "\r\n" : "") + "\r\n");
            // ASP.NET Core's default keep-alive (2 minutes, no timeout), unless the scenario sets its own.
            var options = new WebSocketCreationOptions { IsServer = true, SubProtocol = chosen, KeepAliveInterval = TimeSpan.FromMinutes(2) };
            ServerScenarios.Configure(name, (noTakeover, bits, _) => { }, (interval, timeout) =>
            {
                options.KeepAliveInterval = interval;
                options.KeepAliveTimeout = timeout;
            });
            var ws = WebSocket.CreateFromStream(stream, options);
            try
            {
                await RunWithTimeout(name, ws, t);
            }
            finally
            {
                // As ASP.NET Core does when the request delegate returns.
                ws.Dispose();
            }
        }
        catch (Exception e)
        {
            if (t == null) t = new Transcript("stream-crash");
            t.Error("crash", "throws", e);
        }
        t?.End();
    }

    /** Reads the request head byte by byte, so nothing after it is taken from the WebSocket stream. */
    static async Task<string> ReadHead(Stream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 4 || !(bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, 0, 1) == 0) throw new EndOfStreamException("connection closed during the request head");
            bytes.Add(one[0]);
        }
        return Encoding.ASCII.GetString(bytes.ToArray(), 0, bytes.Count - 4);
    }

    static async Task Write(Stream stream, string s)
    {
        var bytes = Encoding.ASCII.GetBytes(s);
        await stream.WriteAsync(bytes, 0, bytes.Length);
        await stream.FlushAsync();
    }
}
