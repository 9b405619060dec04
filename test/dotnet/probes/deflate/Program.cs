// Records what .NET 10 does with permessage-deflate (RFC 7692), for test/fixtures/deflate-negotiation.json.
// record.mjs drives it; nothing here decides an expected value by itself.
//
//   server                  Kestrel on 127.0.0.1:0, prints "PORT <n>". GET /ws?takeover=0|1&bits=9..15 accepts
//                           with DangerousEnableCompression and sends one uncompressed text message: the
//                           parameters the accepted ManagedWebSocket was built with (read by reflection).
//   client <port> <cases>   one ClientWebSocket per case of the JSON file, against record.mjs's raw server;
//                           prints one JSON line per case (negotiated parameters, exception, receive results).
using System.Net.WebSockets;
using System.Reflection;
using System.Text;
using System.Text.Json;

if (args[0] == "server") await RunServer();
else await RunClient(int.Parse(args[1]), args[2]);

static async Task RunServer()
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.ClearProviders();
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    var app = builder.Build();
    app.UseWebSockets();
    app.Map("/ws", async (HttpContext context) =>
    {
        var query = context.Request.Query;
        var ws = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            DangerousEnableCompression = true,
            DisableServerContextTakeover = query["takeover"] == "0",
            ServerMaxWindowBits = int.Parse(query["bits"]!),
        });
        // The ManagedWebSocket inflates what the client sends and deflates what the server sends.
        object? inflater = Field(ws, "_inflater"), deflater = Field(ws, "_deflater");
        object? parameters = inflater is null ? null : new
        {
            clientMaxWindowBits = -(int)Field(inflater, "_windowBits")!,
            serverMaxWindowBits = -(int)Field(deflater, "_windowBits")!,
            clientNoContextTakeover = !(bool)Field(inflater, "_persisted")!,
            serverNoContextTakeover = !(bool)Field(deflater, "_persisted")!,
        };
        byte[] report = JsonSerializer.SerializeToUtf8Bytes(parameters);
        await ws.SendAsync(report, WebSocketMessageType.Text,
            WebSocketMessageFlags.EndOfMessage | WebSocketMessageFlags.DisableCompression, default);
        // Aborting here could drop the report still in Kestrel's output pipe: wait for the client to hang up.
        try
        {
            await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, default);
            await ws.ReceiveAsync(new byte[16], default);
        }
        catch (WebSocketException)
        {
        }
    });
    await app.StartAsync();
    Console.WriteLine($"PORT {new Uri(app.Urls.First()).Port}");
    Console.WriteLine($"RUNTIME {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
    await app.WaitForShutdownAsync();
}

static async Task RunClient(int port, string casesFile)
{
    using var doc = JsonDocument.Parse(File.ReadAllText(casesFile));
    foreach (JsonElement c in doc.RootElement.EnumerateArray())
    {
        string id = c.GetProperty("id").GetString()!;
        string kind = c.GetProperty("kind").GetString()!;
        JsonElement s = c.GetProperty("settings");
        using var ws = new ClientWebSocket();
        ws.Options.DangerousDeflateOptions = new WebSocketDeflateOptions
        {
            ClientMaxWindowBits = s.GetProperty("clientMaxWindowBits").GetInt32(),
            ClientContextTakeover = s.GetProperty("clientContextTakeover").GetBoolean(),
            ServerMaxWindowBits = s.GetProperty("serverMaxWindowBits").GetInt32(),
            ServerContextTakeover = s.GetProperty("serverContextTakeover").GetBoolean(),
        };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        object outcome;
        try
        {
            await ws.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/{id}"), cts.Token);
            outcome = kind switch
            {
                "send" => await Send(ws, cts.Token),
                "receive" => await Receive(ws, c.GetProperty("bufferSize").GetInt32(), cts.Token),
                _ => new { parameters = Negotiated(ws) },
            };
        }
        catch (Exception e)
        {
            outcome = Describe(e);
        }
        ws.Abort();
        Console.WriteLine(JsonSerializer.Serialize(new { id, outcome }));
    }
}

// What ConnectAsync agreed on: WebSocketHandle._negotiatedDeflateOptions (null when not negotiated).
static object? Negotiated(ClientWebSocket ws)
{
    object? options = Field(Field(ws, "_innerWebSocket"), "_negotiatedDeflateOptions");
    return options is WebSocketDeflateOptions o ? new
    {
        clientMaxWindowBits = o.ClientMaxWindowBits,
        serverMaxWindowBits = o.ServerMaxWindowBits,
        clientNoContextTakeover = !o.ClientContextTakeover,
        serverNoContextTakeover = !o.ServerContextTakeover,
    } : null;
}

// The frames .NET writes for compressed sends; record.mjs reads them off the wire.
static async Task<object> Send(ClientWebSocket ws, CancellationToken ct)
{
    byte[] hello = "hello"u8.ToArray(), ab = "ab"u8.ToArray(), cd = "cd"u8.ToArray();
    const WebSocketMessageFlags Eom = WebSocketMessageFlags.EndOfMessage;
    await ws.SendAsync(hello, WebSocketMessageType.Text, Eom, ct);
    await ws.SendAsync(hello, WebSocketMessageType.Text, Eom, ct);
    await ws.SendAsync(Array.Empty<byte>(), WebSocketMessageType.Binary, Eom, ct);
    await ws.SendAsync(ab, WebSocketMessageType.Binary, WebSocketMessageFlags.None, ct);
    await ws.SendAsync(Array.Empty<byte>(), WebSocketMessageType.Binary, WebSocketMessageFlags.None, ct);
    await ws.SendAsync(cd, WebSocketMessageType.Binary, Eom, ct);
    await ws.SendAsync(ab, WebSocketMessageType.Binary, WebSocketMessageFlags.None, ct);
    await ws.SendAsync(Array.Empty<byte>(), WebSocketMessageType.Binary, Eom, ct);
    await ws.SendAsync(hello, WebSocketMessageType.Text, Eom | WebSocketMessageFlags.DisableCompression, ct);
    await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, ct);
    return new { parameters = Negotiated(ws) };
}

// Every ReceiveAsync result until the close (or the exception) with a buffer of the given size.
static async Task<object> Receive(ClientWebSocket ws, int bufferSize, CancellationToken ct)
{
    var results = new List<object>();
    var buffer = new byte[bufferSize];
    try
    {
        for (int i = 0; i < 64; i++)
        {
            var r = await ws.ReceiveAsync(buffer, ct);
            results.Add(new { count = r.Count, type = r.MessageType.ToString(), endOfMessage = r.EndOfMessage,
                text = Encoding.Latin1.GetString(buffer, 0, r.Count) });
            if (r.MessageType == WebSocketMessageType.Close) break;
        }
    }
    catch (Exception e)
    {
        results.Add(Describe(e));
    }
    return new { results, state = ws.State.ToString() };
}

static object Describe(Exception e) => new
{
    exception = e.GetType().FullName,
    webSocketError = (e as WebSocketException)?.WebSocketErrorCode.ToString(),
    message = e.Message,
    inner = e.InnerException?.GetType().FullName,
};

static object? Field(object? target, string name) =>
    target?.GetType().GetField(name, BindingFlags.NonPublic | BindingFlags.Instance)?.GetValue(target);
