// The .NET 10 side of `npm run bench` (bench/kestrel.mjs drives it over standard input and output):
//   Oracle bench-server [--payload N]   Kestrel with UseWebSockets and the benchmark's routes (/echo,
//                                       /idle, /sink, /source), each the seed's ReceiveAsync/SendAsync loop,
//                                       as bench/dotnet.mjs writes them for dotnet-ws.
//   Oracle bench-client <ws-url> <rtt|c2s|s2c> [--payload N]
//                                       a ClientWebSocket running the benchmark's client loop in slices.
// Requests are lines "<id> <command> [arg]"; every answer is one JSON line carrying the request's id; the
// first line ({"id":0,...}) says the process is ready. Standard input closing ends the process.
using System.Diagnostics;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

static class Bench
{
    static readonly CancellationToken None = CancellationToken.None;

    sealed class Stats
    {
        public long Bytes;
        public long Msgs;
        public long Conns;
        public volatile bool SourceOn;
        public readonly SemaphoreSlim SourceWake = new SemaphoreSlim(0);
    }

    /** CPU time of this process, µs. */
    static long Cpu()
    {
        return (long)Process.GetCurrentProcess().TotalProcessorTime.TotalMicroseconds;
    }

    static int Flag(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, "--" + name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
    }

    static void Answer(string json)
    {
        lock (Console.Out)
        {
            Console.Out.Write(json + "\n");
            Console.Out.Flush();
        }
    }

    /**
     * Reads "<id> <command> [arg]" lines until standard input closes, on a thread of its own: Console.In
     * blocks, and a thread-pool thread blocked for the process's life starves Kestrel on two cores.
     */
    static Task Commands(Func<long, string, string, Task> handle)
    {
        return Task.Factory.StartNew(() =>
        {
            for (;;)
            {
                var line = Console.In.ReadLine();
                if (line == null) return;
                var parts = line.Split(' ');
                handle(long.Parse(parts[0]), parts[1], parts.Length > 2 ? parts[2] : "").GetAwaiter().GetResult();
            }
        }, TaskCreationOptions.LongRunning);
    }

    // ------------------------------------------------------------------------------------------
    // Server
    // ------------------------------------------------------------------------------------------

    public static async Task<int> Server(string[] args)
    {
        var payload = Flag(args, "payload", 64 * 1024);
        var stats = new Stats();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = new string[0] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxConcurrentConnections = null);
        var app = builder.Build();
        app.UseWebSockets();
        var source = new byte[payload];
        Array.Fill(source, (byte)0xcd);

        async Task Accept(HttpContext context, Func<WebSocket, Task> handler)
        {
            using var webSocket = await context.WebSockets.AcceptWebSocketAsync();
            Interlocked.Increment(ref stats.Conns);
            try
            {
                await handler(webSocket);
            }
            catch
            {
                // Clients of the benchmark disconnect abruptly.
            }
            finally
            {
                Interlocked.Decrement(ref stats.Conns);
            }
        }

        // The seed's echo loop: a 4 KiB buffer per connection, each piece sent back as it was received.
        app.Map("/echo", context => Accept(context, async webSocket =>
        {
            var buffer = new byte[4 * 1024];
            var receiveResult = await webSocket.ReceiveAsync(new ArraySegment<byte>(buffer), None);
            while (!receiveResult.CloseStatus.HasValue)
            {
                if (receiveResult.EndOfMessage) Interlocked.Increment(ref stats.Msgs);
                await webSocket.SendAsync(new ArraySegment<byte>(buffer, 0, receiveResult.Count), receiveResult.MessageType, receiveResult.EndOfMessage, None);
                receiveResult = await webSocket.ReceiveAsync(new ArraySegment<byte>(buffer), None);
            }
            await webSocket.CloseAsync(receiveResult.CloseStatus.Value, receiveResult.CloseStatusDescription, None);
        }));
        // The loop parked in ReceiveAsync without a buffer of the application's, so that the memory per
        // connection is the server's (dotnet-ws's side shares one buffer between connections instead; .NET
        // unmasks into the caller's buffer, so connections cannot share one): a zero-byte receive waits for
        // data, then a 4 KiB buffer takes the message; echoes the length only.
        app.Map("/idle", context => Accept(context, async webSocket =>
        {
            var empty = new ArraySegment<byte>(Array.Empty<byte>());
            var receiveResult = await webSocket.ReceiveAsync(empty, None);
            while (!receiveResult.CloseStatus.HasValue)
            {
                if (receiveResult.Count == 0 && !receiveResult.EndOfMessage)
                {
                    receiveResult = await webSocket.ReceiveAsync(new ArraySegment<byte>(new byte[4 * 1024]), None);
                    if (receiveResult.CloseStatus.HasValue) break;
                    var reply = new byte[receiveResult.Count];
                    Array.Fill(reply, (byte)0x78);
                    await webSocket.SendAsync(new ArraySegment<byte>(reply), receiveResult.MessageType, receiveResult.EndOfMessage, None);
                }
                receiveResult = await webSocket.ReceiveAsync(empty, None);
            }
            await webSocket.CloseAsync(receiveResult.CloseStatus.Value, receiveResult.CloseStatusDescription, None);
        }));
        // Reads everything with a buffer of the message size and counts it.
        app.Map("/sink", context => Accept(context, async webSocket =>
        {
            var buffer = new byte[payload];
            var receiveResult = await webSocket.ReceiveAsync(new ArraySegment<byte>(buffer), None);
            while (!receiveResult.CloseStatus.HasValue)
            {
                Interlocked.Add(ref stats.Bytes, receiveResult.Count);
                if (receiveResult.EndOfMessage) Interlocked.Increment(ref stats.Msgs);
                receiveResult = await webSocket.ReceiveAsync(new ArraySegment<byte>(buffer), None);
            }
        }));
        // Sends binary messages back to back, each awaited, while the benchmark has the source on.
        app.Map("/source", context => Accept(context, async webSocket =>
        {
            var segment = new ArraySegment<byte>(source);
            while (webSocket.State == WebSocketState.Open)
            {
                if (!stats.SourceOn)
                {
                    await stats.SourceWake.WaitAsync();
                    continue;
                }
                Interlocked.Add(ref stats.Bytes, payload);
                await webSocket.SendAsync(segment, WebSocketMessageType.Binary, true, None);
            }
        }));

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().Addresses.First();
        Answer("{\"id\":0,\"port\":" + new Uri(address).Port + "}");
        await Commands(async (id, command, arg) =>
        {
            switch (command)
            {
                case "stats":
                    Answer("{\"id\":" + id + ",\"bytes\":" + Interlocked.Read(ref stats.Bytes) + ",\"msgs\":" + Interlocked.Read(ref stats.Msgs) + ",\"conns\":" + Interlocked.Read(ref stats.Conns) + ",\"cpu\":" + Cpu() + "}");
                    break;
                case "source":
                    stats.SourceOn = arg == "on";
                    if (stats.SourceOn) stats.SourceWake.Release((int)Math.Max(1, Interlocked.Read(ref stats.Conns)));
                    Answer("{\"id\":" + id + ",\"bytes\":" + Interlocked.Read(ref stats.Bytes) + ",\"cpu\":" + Cpu() + "}");
                    break;
                case "mem":
                    for (int i = 0; i < 3; i++)
                    {
                        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, true, true);
                        GC.WaitForPendingFinalizers();
                        await Task.Yield();
                    }
                    var process = Process.GetCurrentProcess();
                    process.Refresh();
                    Answer("{\"id\":" + id + ",\"conns\":" + Interlocked.Read(ref stats.Conns) + ",\"rss\":" + process.WorkingSet64 + ",\"heapUsed\":" + GC.GetTotalMemory(false) + "}");
                    break;
            }
        });
        await app.StopAsync(TimeSpan.FromSeconds(1));
        return 0;
    }

    // ------------------------------------------------------------------------------------------
    // Client
    // ------------------------------------------------------------------------------------------

    public static async Task<int> Client(string[] args)
    {
        var url = args[0];
        var mode = args[1];
        var payload = Flag(args, "payload", 64 * 1024);
        var webSocket = new ClientWebSocket();
        await webSocket.ConnectAsync(new Uri(url), None);
        long received = 0;
        Task loop = Task.CompletedTask;
        if (mode == "s2c")
        {
            // The seed's receive loop with a 64 KiB buffer, counting what arrives.
            loop = Task.Run(async () =>
            {
                var buffer = new byte[64 * 1024];
                try
                {
                    for (;;) Interlocked.Add(ref received, (await webSocket.ReceiveAsync(new ArraySegment<byte>(buffer), None)).Count);
                }
                catch
                {
                    // Aborted at the end.
                }
            });
        }
        var message = new ArraySegment<byte>(System.Text.Encoding.UTF8.GetBytes(new string('x', 32)));
        var rttBuffer = new byte[4 * 1024];
        var data = new byte[payload];
        Array.Fill(data, (byte)0xab);
        var segment = new ArraySegment<byte>(data);
        long sent = 0;
        Answer("{\"id\":0}");
        await Commands(async (id, command, arg) =>
        {
            switch (command)
            {
                // rtt: 32 B text round trips, one at a time, for `arg` ms.
                case "rtt":
                {
                    var cpu0 = Cpu();
                    var watch = Stopwatch.StartNew();
                    long n = 0;
                    do
                    {
                        await webSocket.SendAsync(message, WebSocketMessageType.Text, true, None);
                        var receiveResult = await webSocket.ReceiveAsync(new ArraySegment<byte>(rttBuffer), None);
                        while (!receiveResult.EndOfMessage) receiveResult = await webSocket.ReceiveAsync(new ArraySegment<byte>(rttBuffer), None);
                        n++;
                    } while (watch.Elapsed.TotalMilliseconds < double.Parse(arg));
                    Answer("{\"id\":" + id + ",\"n\":" + n + ",\"ms\":" + watch.Elapsed.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",\"cpu\":" + (Cpu() - cpu0) + "}");
                    break;
                }
                // c2s: binary messages sent back to back, each awaited, for `arg` ms.
                case "c2s":
                {
                    var cpu0 = Cpu();
                    var watch = Stopwatch.StartNew();
                    do
                    {
                        sent += data.Length;
                        await webSocket.SendAsync(segment, WebSocketMessageType.Binary, true, None);
                    } while (watch.Elapsed.TotalMilliseconds < double.Parse(arg));
                    Answer("{\"id\":" + id + ",\"sent\":" + sent + ",\"cpu\":" + (Cpu() - cpu0) + "}");
                    break;
                }
                // s2c: how much the receive loop got so far.
                case "count":
                    Answer("{\"id\":" + id + ",\"received\":" + Interlocked.Read(ref received) + ",\"cpu\":" + Cpu() + "}");
                    break;
            }
        });
        webSocket.Abort();
        await loop;
        return 0;
    }
}
