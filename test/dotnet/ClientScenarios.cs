// The client half of each differential scenario: a ClientWebSocket against the server half (Kestrel,
// the CreateFromStream server, a dotnet-ws server or a raw peer) at `<base>/<scenario>`. The TypeScript
// twin is ts/client.ts; keep the two line for line.
using System.Net;
using System.Net.Http;
using System.Net.WebSockets;
using static Peer;

sealed class ClientContext
{
    public string BaseUrl;
    public int ClosedPort;
    /** The socket of the running scenario, aborted by the runner when the scenario times out. */
    public WebSocket Current;
    /** Over HTTP/2 (`Oracle client-h2`): every Connect asks for HTTP/2 exactly, through this one invoker. */
    public HttpMessageInvoker Http2Invoker;
}

static class ClientScenarios
{
    static async Task<ClientWebSocket> Connect(ClientContext c, Transcript t, string path, Action<ClientWebSocketOptions> configure)
    {
        var ws = new ClientWebSocket();
        c.Current = ws;
        t.State("created", ws);
        if (configure != null) configure(ws.Options);
        if (c.Http2Invoker != null)
        {
            ws.Options.HttpVersion = HttpVersion.Version20;
            ws.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }
        var uri = new Uri(c.BaseUrl + "/" + path);
        if (!await t.Try("connect", () => c.Http2Invoker != null ? ws.ConnectAsync(uri, c.Http2Invoker, None) : ws.ConnectAsync(uri, None)))
        {
            t.Line("after-connect", "state=" + ws.State + " subprotocol=" + Transcript.Q(ws.SubProtocol) + " status=" + Transcript.StatusText(ws.CloseStatus) + " http=" + (int)ws.HttpStatusCode);
            return ws;
        }
        t.Line("connected", "state=" + ws.State + " subprotocol=" + Transcript.Q(ws.SubProtocol));
        return ws;
    }

    /** The response's Sec-WebSocket-Extensions (CollectHttpResponseDetails must be set). */
    static void Extensions(Transcript t, ClientWebSocket ws)
    {
        var headers = ws.HttpResponseHeaders;
        if (headers == null)
        {
            t.Line("response-extensions", "no headers");
            return;
        }
        IEnumerable<string> values = null;
        foreach (var pair in headers)
        {
            if (string.Equals(pair.Key, "Sec-WebSocket-Extensions", StringComparison.OrdinalIgnoreCase)) values = pair.Value;
        }
        t.Line("response-extensions", values == null ? "none" : Transcript.Q(string.Join(" | ", values)));
    }

    static void Deflate(ClientWebSocketOptions o, int clientBits, bool clientTakeover, int serverBits, bool serverTakeover)
    {
        o.CollectHttpResponseDetails = true;
        o.DangerousDeflateOptions = new WebSocketDeflateOptions
        {
            ClientMaxWindowBits = clientBits,
            ClientContextTakeover = clientTakeover,
            ServerMaxWindowBits = serverBits,
            ServerContextTakeover = serverTakeover,
        };
    }

    static async Task CloseNormally(Transcript t, WebSocket ws)
    {
        await t.Try("close", () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
        t.Status("after-close", ws);
    }

    /** Runs the client half of `name`; returns the socket, which the runner disposes afterwards. */
    public static async Task<ClientWebSocket> Run(string name, ClientContext c, Transcript t)
    {
        ClientWebSocket ws = null;
        switch (name)
        {
            case "echo-client-close":
                ws = await Connect(c, t, name, null);
                await SendText(t, "send", ws, "hello \uc548\ub155");
                await Receive(t, "receive", ws, 4096);
                await t.Try("close", () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", None));
                t.Status("after-close", ws);
                ws.Dispose();
                t.Status("after-dispose", ws);
                break;

            case "echo-server-close":
                ws = await Connect(c, t, name, null);
                await SendText(t, "send", ws, "hello");
                await Receive(t, "receive-echo", ws, 4096);
                await Receive(t, "receive-close", ws, 4096);
                t.Status("after-receive-close", ws);
                await SendText(t, "send-in-close-received", ws, "late");
                await Receive(t, "receive-in-close-received", ws, 16);
                await t.Try("close", () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "client-bye", None));
                t.Status("after-close", ws);
                break;

            case "server-closeasync":
                ws = await Connect(c, t, name, null);
                await SendText(t, "send", ws, "close please");
                await Receive(t, "receive-close", ws, 16);
                t.Status("after-receive-close", ws);
                await SendText(t, "send-in-close-received", ws, "late");
                await t.Try("close-output", () => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "ack", None));
                t.Status("after-close-output", ws);
                break;

            case "closeoutput-then-receive":
                ws = await Connect(c, t, name, null);
                await SendText(t, "send", ws, "first");
                await t.Try("close-output", () => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "half", None));
                t.Status("after-close-output", ws);
                await SendText(t, "send-in-close-sent", ws, "x");
                await Receive(t, "receive-data", ws, 4096);
                await Receive(t, "receive-close", ws, 4096);
                t.Status("after-receive-close", ws);
                break;

            case "closeoutput-pending-receive":
            case "closeasync-pending-receive":
            {
                ws = await Connect(c, t, name, null);
                var buffer = new byte[16];
                var pending = ws.ReceiveAsync(new ArraySegment<byte>(buffer), None);
                if (name == "closeoutput-pending-receive")
                    await t.Try("close-output", () => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", None));
                else
                    await t.Try("close", () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", None));
                // After CloseOutputAsync the state is CloseSent until the pending receive reads the reply: a race.
                if (name == "closeasync-pending-receive") t.Status("after-close", ws);
                await Await(t, "pending-receive", pending, buffer);
                t.Status("final", ws);
                break;
            }

            case "close-twice":
                ws = await Connect(c, t, name, null);
                await t.Try("close", () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "once", None));
                t.Status("after-close", ws);
                await t.Try("close-again", () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "twice", None));
                await t.Try("close-output-after-close", () => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, None));
                await SendText(t, "send-after-close", ws, "x");
                await Receive(t, "receive-after-close", ws, 16);
                t.Status("final", ws);
                break;

            case "large-message":
                ws = await Connect(c, t, name, null);
                await SendBinary(t, "send", ws, Pattern(10000));
                await ReceiveMessage(t, "receive", ws, 4096);
                await CloseNormally(t, ws);
                break;

            case "small-buffers":
                ws = await Connect(c, t, name, null);
                await SendText(t, "send-text", ws, "\uc548\ub155");
                await SendBinary(t, "send-binary", ws, Pattern(10));
                await ReceiveMessage(t, "receive-text", ws, 2);
                await ReceiveMessage(t, "receive-binary", ws, 4);
                await CloseNormally(t, ws);
                break;

            case "fragmented":
                ws = await Connect(c, t, name, null);
                await SendText(t, "send-1", ws, "ab", false);
                await SendText(t, "send-2", ws, "cd", false);
                await SendText(t, "send-3", ws, "ef", true);
                await SendBinary(t, "send-binary-1", ws, new byte[] { 1, 2 }, false);
                await SendText(t, "send-binary-2-as-text", ws, "ZZ", true);
                for (int i = 1; i <= 3; i++) await Receive(t, "receive-" + i, ws, 100);
                await CloseNormally(t, ws);
                break;

            case "fragmented-empty":
                ws = await Connect(c, t, name, null);
                await SendText(t, "send-1", ws, "", false);
                await SendText(t, "send-2", ws, "ab", false);
                await SendText(t, "send-3", ws, "", false);
                await SendText(t, "send-4", ws, "", true);
                await SendBinary(t, "send-binary-1", ws, new byte[0], false);
                await SendBinary(t, "send-binary-2", ws, new byte[0], true);
                for (int i = 1; i <= 6; i++) await Receive(t, "receive-" + i, ws, 16);
                await CloseNormally(t, ws);
                break;

            case "empty-messages":
                ws = await Connect(c, t, name, null);
                await SendText(t, "send-text", ws, "");
                await SendBinary(t, "send-binary", ws, new byte[0]);
                await Receive(t, "receive-1", ws, 16);
                await Receive(t, "receive-2", ws, 16);
                await CloseNormally(t, ws);
                break;

            case "memory-overloads":
                ws = await Connect(c, t, name, null);
                await t.Try("send-memory", () => ws.SendAsync(new ReadOnlyMemory<byte>(System.Text.Encoding.UTF8.GetBytes("abc")), WebSocketMessageType.Text, true, None).AsTask());
                await ReceiveMemory(t, "receive-memory", ws, 4096);
                await t.Try("send-memory-fragment-1", () => ws.SendAsync(new ReadOnlyMemory<byte>(new byte[] { 1, 2, 3 }), WebSocketMessageType.Binary, false, None).AsTask());
                await t.Try("send-memory-fragment-2", () => ws.SendAsync(new ReadOnlyMemory<byte>(new byte[] { 4, 5 }), WebSocketMessageType.Binary, true, None).AsTask());
                for (int i = 1; i <= 3; i++) await ReceiveMemory(t, "receive-small-" + i, ws, 2);
                await t.Try("send-flags-fragment-1", () => ws.SendAsync(new ReadOnlyMemory<byte>(new byte[] { 6 }), WebSocketMessageType.Binary, WebSocketMessageFlags.None, None).AsTask());
                await t.Try("send-flags-fragment-2", () => ws.SendAsync(new ReadOnlyMemory<byte>(new byte[] { 7 }), WebSocketMessageType.Binary, WebSocketMessageFlags.EndOfMessage, None).AsTask());
                for (int i = 1; i <= 2; i++) await ReceiveMemory(t, "receive-flags-" + i, ws, 16);
                await CloseNormally(t, ws);
                break;

            case "zero-byte-receive":
                ws = await Connect(c, t, name, null);
                await SendText(t, "send", ws, "go");
                await Receive(t, "receive-0", ws, 0);
                await Receive(t, "receive-1", ws, 1);
                await Receive(t, "receive-8", ws, 8);
                await CloseNormally(t, ws);
                break;

            case "segment-offset":
            {
                ws = await Connect(c, t, name, null);
                var source = System.Text.Encoding.UTF8.GetBytes("0123456789");
                await t.Try("send-slice", () => ws.SendAsync(new ArraySegment<byte>(source, 3, 4), WebSocketMessageType.Text, true, None));
                var buffer = System.Text.Encoding.UTF8.GetBytes("................");
                try
                {
                    var r = await ws.ReceiveAsync(new ArraySegment<byte>(buffer, 5, 10), None);
                    t.Line("receive-slice", "count=" + r.Count + " end=" + (r.EndOfMessage ? "true" : "false") + " buffer=" + Transcript.Q(System.Text.Encoding.UTF8.GetString(buffer)));
                }
                catch (Exception e)
                {
                    t.Error("receive-slice", "faults", e);
                }
                await CloseNormally(t, ws);
                break;
            }

            case "concurrent-receives":
            {
                ws = await Connect(c, t, name, null);
                var b1 = new byte[16];
                var b2 = new byte[16];
                var first = ws.ReceiveAsync(new ArraySegment<byte>(b1), None);
                var second = ws.ReceiveAsync(new ArraySegment<byte>(b2), None);
                await SendText(t, "send", ws, "go");
                await Await(t, "receive-first", first, b1);
                await Await(t, "receive-second", second, b2);
                await CloseNormally(t, ws);
                break;
            }

            case "concurrent-sends":
            {
                ws = await Connect(c, t, name, null);
                var one = System.Text.Encoding.UTF8.GetBytes("one");
                var two = System.Text.Encoding.UTF8.GetBytes("two");
                var first = ws.SendAsync(new ArraySegment<byte>(one), WebSocketMessageType.Text, true, None);
                var second = ws.SendAsync(new ArraySegment<byte>(two), WebSocketMessageType.Text, true, None);
                await t.Try("send-first", () => first);
                await t.Try("send-second", () => second);
                await Receive(t, "receive-1", ws, 16);
                await Receive(t, "receive-2", ws, 16);
                await CloseNormally(t, ws);
                break;
            }

            case "close-discards-data":
                ws = await Connect(c, t, name, null);
                await SendText(t, "send", ws, "ready");
                await t.Try("close", () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "discarding", None));
                t.Status("after-close", ws);
                break;

            case "dispose-pending-receive":
            case "abort-pending-receive":
            {
                // Kestrel keeps the connection open after Dispose() until the request delegate returns,
                // and that waits for its pending receive: give up after a second.
                ws = await Connect(c, t, name, null);
                await SendText(t, "send", ws, "ready");
                var cts = new CancellationTokenSource();
                cts.CancelAfter(1000);
                await Receive(t, "receive", ws, 16, cts.Token);
                t.Status("after-drop", ws);
                break;
            }

            case "client-dispose-pending-receive":
            case "client-abort-pending-receive":
            {
                ws = await Connect(c, t, name, null);
                var pending = ws.ReceiveAsync(new ArraySegment<byte>(new byte[16]), None);
                if (name == "client-dispose-pending-receive") ws.Dispose(); else ws.Abort();
                t.Status("after-drop", ws);
                await Await(t, "pending-receive", pending, new byte[16]);
                t.Status("final", ws);
                await EveryOperation(t, "", ws);
                break;
            }

            case "close-1005-received":
            case "close-1004-received":
            case "close-2999-received":
            case "close-5000-received":
                ws = await Connect(c, t, name, null);
                await Receive(t, "receive-close", ws, 16);
                t.Status("after-receive-close", ws);
                await Receive(t, "receive-again", ws, 16);
                break;

            case "close-validation":
                ws = await Connect(c, t, name, null);
                await ArgumentChecks(t, ws);
                await t.Try("close-output-4000", () => ws.CloseOutputAsync((WebSocketCloseStatus)4000, "custom", None));
                t.Status("after-close-output", ws);
                await Receive(t, "receive-close", ws, 16);
                t.Status("after-receive-close", ws);
                break;

            case "close-empty-status":
                ws = await Connect(c, t, name, null);
                await t.Try("close-empty", () => ws.CloseAsync(WebSocketCloseStatus.Empty, null, None));
                t.Status("after-close", ws);
                break;

            case "close-reason-123-bytes":
                ws = await Connect(c, t, name, null);
                await t.Try("close", () => ws.CloseAsync(WebSocketCloseStatus.PolicyViolation, new string('\uc548', 41), None));
                t.Status("after-close", ws);
                break;

            case "drop-by-server":
            case "dispose-by-server":
                ws = await Connect(c, t, name, null);
                await SendText(t, "send", ws, "drop");
                await Receive(t, "receive", ws, 16);
                t.Status("after-drop", ws);
                await EveryOperation(t, "", ws);
                break;

            case "drop-by-client":
                ws = await Connect(c, t, name, null);
                await SendText(t, "send", ws, "x");
                ws.Abort();
                t.Status("after-abort", ws);
                await EveryOperation(t, "", ws);
                break;

            case "server-returns":
                ws = await Connect(c, t, name, null);
                await SendText(t, "send", ws, "bye");
                await Receive(t, "receive", ws, 16);
                t.Status("after-server-returned", ws);
                break;

            case "cancel-receive-client":
            {
                ws = await Connect(c, t, name, null);
                var cts = new CancellationTokenSource();
                var buffer = new byte[16];
                var pending = ws.ReceiveAsync(new ArraySegment<byte>(buffer), cts.Token);
                cts.Cancel();
                await Await(t, "pending-receive", pending, buffer);
                t.Status("after-cancel", ws);
                await EveryOperation(t, "", ws);
                break;
            }

            case "cancel-receive-server":
                ws = await Connect(c, t, name, null);
                await SendText(t, "send", ws, "ready");
                await Receive(t, "receive", ws, 16);
                t.Status("after-drop", ws);
                break;

            case "precanceled-send":
                ws = await Connect(c, t, name, null);
                await t.Try("send-precanceled", () => ws.SendAsync(new ArraySegment<byte>(new byte[] { 1 }), WebSocketMessageType.Binary, true, new CancellationToken(true)));
                t.State("after-send-precanceled", ws);
                await SendText(t, "send-after", ws, "still");
                t.State("final", ws);
                break;

            case "precanceled-receive":
                ws = await Connect(c, t, name, null);
                await Receive(t, "receive-precanceled", ws, 16, new CancellationToken(true));
                t.State("after-receive-precanceled", ws);
                await Receive(t, "receive-after", ws, 16);
                t.State("final", ws);
                break;

            case "precanceled-close":
                ws = await Connect(c, t, name, null);
                await t.Try("close-precanceled", () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", new CancellationToken(true)));
                t.Status("after-close-precanceled", ws);
                await SendText(t, "send-after", ws, "x");
                t.Status("final", ws);
                break;

            case "precanceled-close-output":
                ws = await Connect(c, t, name, null);
                await t.Try("close-output-precanceled", () => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", new CancellationToken(true)));
                t.Status("after-close-output-precanceled", ws);
                await SendText(t, "send-after", ws, "x");
                t.Status("final", ws);
                break;

            case "precanceled-connect":
                ws = new ClientWebSocket();
                c.Current = ws;
                await t.Try("connect", () => ws.ConnectAsync(new Uri(c.BaseUrl + "/" + name), new CancellationToken(true)));
                t.State("after-connect", ws);
                await SendText(t, "send-after-failed-connect", ws, "x");
                break;

            case "subprotocol":
                ws = await Connect(c, t, name, o =>
                {
                    t.TrySync("add-empty", () => o.AddSubProtocol(""));
                    t.TrySync("add-space", () => o.AddSubProtocol("a b"));
                    t.TrySync("add-chat", () => o.AddSubProtocol("chat"));
                    t.TrySync("add-duplicate", () => o.AddSubProtocol("Chat"));
                    t.TrySync("add-superchat", () => o.AddSubProtocol("superchat"));
                });
                t.TrySync("add-after-connect", () => ws.Options.AddSubProtocol("late"));
                await CloseNormally(t, ws);
                break;

            case "subprotocol-case":
            case "subprotocol-none":
            case "subprotocol-unrequested":
                ws = await Connect(c, t, name, o => { o.AddSubProtocol("chat"); o.AddSubProtocol("superchat"); });
                await CloseNormally(t, ws);
                break;

            case "subprotocol-server-only":
                ws = await Connect(c, t, name, null);
                await CloseNormally(t, ws);
                break;

            case "subprotocol-mismatch":
                ws = await Connect(c, t, name, o => { o.AddSubProtocol("chat"); o.AddSubProtocol("superchat"); });
                await SendText(t, "send-after-failed-connect", ws, "x");
                break;

            case "deflate":
                ws = await Connect(c, t, name, o => Deflate(o, 15, true, 15, true));
                Extensions(t, ws);
                await SendText(t, "send-text", ws, "hello hello hello hello hello");
                await Receive(t, "receive-text", ws, 4096);
                await SendBinary(t, "send-binary", ws, Pattern(3000));
                await ReceiveMessage(t, "receive-binary", ws, 1000);
                await SendText(t, "send-text-again", ws, "hello hello hello hello hello");
                await Receive(t, "receive-text-again", ws, 4096);
                await CloseNormally(t, ws);
                break;

            case "deflate-options":
                ws = await Connect(c, t, name, o => Deflate(o, 10, false, 12, false));
                Extensions(t, ws);
                await SendText(t, "send-text", ws, "abcabcabcabcabcabc");
                await Receive(t, "receive-text", ws, 4096);
                await CloseNormally(t, ws);
                break;

            case "deflate-refused":
                ws = await Connect(c, t, name, o => Deflate(o, 15, true, 15, true));
                Extensions(t, ws);
                await SendText(t, "send-text", ws, "plain");
                await Receive(t, "receive-text", ws, 4096);
                await CloseNormally(t, ws);
                break;

            case "deflate-not-offered":
                ws = await Connect(c, t, name, o => o.CollectHttpResponseDetails = true);
                Extensions(t, ws);
                await SendText(t, "send-text", ws, "plain");
                await Receive(t, "receive-text", ws, 4096);
                await CloseNormally(t, ws);
                break;

            case "deflate-flags":
            {
                ws = await Connect(c, t, name, o => Deflate(o, 15, true, 15, true));
                var bytes = System.Text.Encoding.UTF8.GetBytes("uncompressed uncompressed");
                await t.Try("send-disable-compression", () => ws.SendAsync(new ReadOnlyMemory<byte>(bytes), WebSocketMessageType.Text, WebSocketMessageFlags.EndOfMessage | WebSocketMessageFlags.DisableCompression, None).AsTask());
                await Receive(t, "receive-1", ws, 4096);
                await t.Try("send-fragment-compressed", () => ws.SendAsync(new ReadOnlyMemory<byte>(bytes), WebSocketMessageType.Text, WebSocketMessageFlags.None, None).AsTask());
                await t.Try("send-fragment-uncompressed", () => ws.SendAsync(new ReadOnlyMemory<byte>(bytes), WebSocketMessageType.Text, WebSocketMessageFlags.EndOfMessage | WebSocketMessageFlags.DisableCompression, None).AsTask());
                await t.Try("send-fragment-end", () => ws.SendAsync(new ReadOnlyMemory<byte>(bytes), WebSocketMessageType.Text, WebSocketMessageFlags.EndOfMessage, None).AsTask());
                await Receive(t, "receive-2", ws, 4096);
                await Receive(t, "receive-3", ws, 4096);
                await CloseNormally(t, ws);
                break;
            }

            case "connect-rejected":
                ws = await Connect(c, t, name, o => o.CollectHttpResponseDetails = true);
                await SendText(t, "send-after-failed-connect", ws, "x");
                await t.Try("connect-again", () => ws.ConnectAsync(new Uri(c.BaseUrl + "/" + name), None));
                break;

            case "connect-404":
                ws = await Connect(c, t, "no/such/path", o => o.CollectHttpResponseDetails = true);
                await Receive(t, "receive-after-failed-connect", ws, 16);
                break;

            case "connect-not-websocket":
                ws = await Connect(c, t, "plain", o => o.CollectHttpResponseDetails = true);
                await t.Try("close-after-failed-connect", () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
                break;

            case "connect-refused":
                ws = new ClientWebSocket();
                c.Current = ws;
                await t.Try("connect", () => ws.ConnectAsync(new Uri("ws://127.0.0.1:" + c.ClosedPort + "/"), None));
                t.State("after-connect", ws);
                break;

            case "connect-bad-uri":
            {
                var s = new ClientWebSocket();
                await t.Try("connect-null", () => s.ConnectAsync(null, None));
                await t.Try("connect-relative", () => s.ConnectAsync(new Uri("/relative", UriKind.Relative), None));
                await t.Try("connect-ftp", () => s.ConnectAsync(new Uri("ftp://127.0.0.1:" + c.ClosedPort + "/"), None));
                await t.Try("connect-https", () => s.ConnectAsync(new Uri("https://127.0.0.1:" + c.ClosedPort + "/"), None));
                await t.Try("connect-upper-case-scheme", () => s.ConnectAsync(new Uri("WS://127.0.0.1:" + c.ClosedPort + "/"), None));
                t.State("after-connect", s);
                s.Dispose();
                break;
            }

            case "not-connected":
                ws = new ClientWebSocket();
                c.Current = ws;
                t.Status("created", ws);
                t.Line("created-properties", "subprotocol=" + Transcript.Q(ws.SubProtocol) + " http=" + (int)ws.HttpStatusCode + " headers=" + (ws.HttpResponseHeaders == null ? "null" : "set"));
                await SendText(t, "send", ws, "x");
                await Receive(t, "receive", ws, 16);
                await t.Try("close", () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
                await t.Try("close-output", () => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, None));
                await t.Try("connect-http", () => ws.ConnectAsync(new Uri("http://127.0.0.1:" + c.ClosedPort + "/"), None));
                t.State("after-connect-http", ws);
                ws.Dispose();
                t.State("after-dispose", ws);
                await SendText(t, "send-after-dispose", ws, "x");
                await t.Try("connect-after-dispose", () => ws.ConnectAsync(new Uri(c.BaseUrl + "/x"), None));
                {
                    var aborted = new ClientWebSocket();
                    aborted.Abort();
                    t.State("abort-before-connect", aborted);
                    await SendText(t, "send-after-abort", aborted, "x");
                }
                break;

            case "options-after-connect":
                ws = await Connect(c, t, name, null);
                t.TrySync("set-keep-alive", () => ws.Options.KeepAliveInterval = TimeSpan.FromSeconds(1));
                t.TrySync("set-keep-alive-timeout", () => ws.Options.KeepAliveTimeout = TimeSpan.FromSeconds(1));
                t.TrySync("set-request-header", () => ws.Options.SetRequestHeader("X-Late", "1"));
                t.TrySync("set-buffer", () => ws.Options.SetBuffer(1024, 1024));
                t.TrySync("set-collect", () => ws.Options.CollectHttpResponseDetails = true);
                t.TrySync("set-deflate", () => ws.Options.DangerousDeflateOptions = new WebSocketDeflateOptions());
                await t.Try("connect-again", () => ws.ConnectAsync(new Uri(c.BaseUrl + "/" + name), None));
                await CloseNormally(t, ws);
                break;

            // Seed §2–§5 programs at /ws: what the seed's own client would do.
            case "seed-echo":
                ws = await Connect(c, t, "ws", null);
                await SendText(t, "send-1", ws, "\uc548\ub155\ud558\uc138\uc694");
                await Receive(t, "receive-1", ws, 4096);
                await SendText(t, "send-2", ws, "second message");
                await Receive(t, "receive-2", ws, 4096);
                await t.Try("close", () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", None));
                t.Status("after-close", ws);
                break;

            case "seed-one-message":
                ws = await Connect(c, t, "ws", null);
                await SendText(t, "send", ws, "hello");
                await Receive(t, "receive", ws, 4096);
                await Receive(t, "receive-close", ws, 4096);
                t.Status("after-receive-close", ws);
                await t.Try("close", () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
                t.Status("after-close", ws);
                break;

            case "seed-quiet":
                ws = await Connect(c, t, "ws", null);
                await SendText(t, "send-1", ws, "\ud558\ub098");
                await SendText(t, "send-2", ws, "\ub458");
                await t.Try("close", () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", None));
                t.Status("after-close", ws);
                break;

            case "raw-keepalive-pong":
                ws = await Connect(c, t, name, o => o.KeepAliveInterval = TimeSpan.FromMilliseconds(100));
                await ReceiveLoop(t, ws);
                break;

            case "raw-keepalive-ping":
                ws = await Connect(c, t, name, o => { o.KeepAliveInterval = TimeSpan.FromMilliseconds(100); o.KeepAliveTimeout = TimeSpan.FromSeconds(5); });
                await ReceiveLoop(t, ws);
                break;

            case "raw-keepalive-timeout":
                ws = await Connect(c, t, name, o => { o.KeepAliveInterval = TimeSpan.FromMilliseconds(100); o.KeepAliveTimeout = TimeSpan.FromMilliseconds(300); });
                await ReceiveLoop(t, ws);
                await EveryOperation(t, "", ws);
                break;

            case "raw-keepalive-off":
                ws = await Connect(c, t, name, o => o.KeepAliveInterval = TimeSpan.Zero);
                await ReceiveLoop(t, ws);
                break;

            case "raw-ping-unread":
                ws = await Connect(c, t, name, null);
                await Task.Delay(300);
                await SendText(t, "send", ws, "after a pause");
                await ReceiveLoop(t, ws);
                break;

            case "raw-fragment-then-wait":
            {
                // .NET returns a first fragment at once; a receive that waits for the whole message gives up after 1 s.
                ws = await Connect(c, t, name, null);
                var cts = new CancellationTokenSource();
                cts.CancelAfter(1000);
                var r = await Receive(t, "receive-first", ws, 100, cts.Token);
                if (r != null) await SendText(t, "send", ws, "got it");
                await ReceiveLoop(t, ws);
                break;
            }

            case "raw-request-head":
                ws = await Connect(c, t, name, null);
                await ReceiveLoop(t, ws);
                break;

            case "raw-request-head-options":
                ws = await Connect(c, t, name, o =>
                {
                    o.AddSubProtocol("chat");
                    o.AddSubProtocol("superchat");
                    o.SetRequestHeader("X-Custom", "value");
                    o.DangerousDeflateOptions = new WebSocketDeflateOptions();
                });
                await ReceiveLoop(t, ws);
                break;

            case "raw-deflate-offer-default":
            case "raw-deflate-answer-no-context-takeover":
                ws = await Connect(c, t, name, o => Deflate(o, 15, true, 15, true));
                Extensions(t, ws);
                await Echo(t, ws);
                break;

            case "raw-deflate-offer-options":
                ws = await Connect(c, t, name, o => Deflate(o, 9, false, 10, false));
                Extensions(t, ws);
                await Echo(t, ws);
                break;

            case "raw-deflate-answer-unoffered":
            case "raw-deflate-answer-bad-bits":
                ws = await Connect(c, t, name, o => Deflate(o, 15, true, 15, true));
                Extensions(t, ws);
                break;

            case "raw-deflate-unasked":
                ws = await Connect(c, t, name, o => o.CollectHttpResponseDetails = true);
                Extensions(t, ws);
                break;

            case "raw-hang-handshake":
            {
                ws = new ClientWebSocket();
                c.Current = ws;
                var cts = new CancellationTokenSource();
                cts.CancelAfter(300);
                await t.Try("connect", () => ws.ConnectAsync(new Uri(c.BaseUrl + "/" + name), cts.Token));
                t.State("after-connect", ws);
                await SendText(t, "send-after-failed-connect", ws, "x");
                break;
            }

            case "raw-no-close-reply":
            {
                ws = await Connect(c, t, name, null);
                var cts = new CancellationTokenSource();
                cts.CancelAfter(300);
                await t.Try("close", () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", cts.Token));
                t.Status("after-close", ws);
                await EveryOperation(t, "", ws);
                break;
            }

            case "raw-no-read":
            {
                ws = await Connect(c, t, name, null);
                var cts = new CancellationTokenSource();
                cts.CancelAfter(300);
                var big = new byte[64 * 1024 * 1024];
                await t.Try("send-big", () => ws.SendAsync(new ArraySegment<byte>(big), WebSocketMessageType.Binary, true, cts.Token));
                t.Status("after-send", ws);
                await EveryOperation(t, "", ws);
                break;
            }

            case "raw-no-close-reply-receive":
            {
                ws = await Connect(c, t, name, null);
                await t.Try("close-output", () => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", None));
                var cts = new CancellationTokenSource();
                cts.CancelAfter(300);
                await Receive(t, "receive", ws, 16, cts.Token);
                t.Status("after-receive", ws);
                break;
            }

            default:
                if (name.StartsWith("api-"))
                {
                    await ApiScenarios.Run(name, c, t);
                    break;
                }
                if (name.StartsWith("raw-"))
                {
                    // A raw peer (ts/raw.ts) writes the frames; we read until the close or an error.
                    ws = await Connect(c, t, name, null);
                    await ReceiveLoop(t, ws);
                    break;
                }
                t.Line("unknown-scenario", name);
                break;
        }
        return ws;
    }
}
