// The client half of each differential scenario: a ClientWebSocket against the server half (a C# or a
// dotnet-ws server) at `<base>/<scenario>`. The TypeScript twin is ../scenarios/client.ts; keep the two
// line for line.
using System;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using static Peer;

sealed class ClientContext
{
    public string BaseUrl;
    public int ClosedPort;
}

static class ClientScenarios
{
    static async Task<ClientWebSocket> Connect(ClientContext c, Transcript t, string path, Action<ClientWebSocketOptions> configure)
    {
        var ws = new ClientWebSocket();
        t.State("created", ws);
        if (configure != null) configure(ws.Options);
        if (!await t.Try("connect", () => ws.ConnectAsync(new Uri(c.BaseUrl + "/" + path), None)))
        {
            t.Line("after-connect", "state=" + ws.State + " subprotocol=" + Transcript.Q(ws.SubProtocol) + " status=" + (ws.CloseStatus.HasValue ? ((int)ws.CloseStatus.Value).ToString() : "null"));
            return ws;
        }
        t.Line("connected", "state=" + ws.State + " subprotocol=" + Transcript.Q(ws.SubProtocol));
        return ws;
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

            case "large-message":
                ws = await Connect(c, t, name, null);
                await SendBinary(t, "send", ws, Pattern(10000));
                await ReceiveMessage(t, "receive", ws, 4096);
                await t.Try("close", () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
                t.Status("after-close", ws);
                break;

            case "fragmented":
                ws = await Connect(c, t, name, null);
                await SendText(t, "send-1", ws, "ab", false);
                await SendText(t, "send-2", ws, "cd", false);
                await SendText(t, "send-3", ws, "ef", true);
                await SendBinary(t, "send-binary-1", ws, new byte[] { 1, 2 }, false);
                await SendText(t, "send-binary-2-as-text", ws, "ZZ", true);
                for (int i = 1; i <= 3; i++) await Receive(t, "receive-" + i, ws, 100);
                await t.Try("close", () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
                t.Status("after-close", ws);
                break;

            case "empty-messages":
                ws = await Connect(c, t, name, null);
                await SendText(t, "send-text", ws, "");
                await SendBinary(t, "send-binary", ws, new byte[0]);
                await Receive(t, "receive-1", ws, 16);
                await Receive(t, "receive-2", ws, 16);
                await t.Try("close", () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
                t.Status("after-close", ws);
                break;

            case "memory-overloads":
                ws = await Connect(c, t, name, null);
                await t.Try("send-memory", () => ws.SendAsync(new ReadOnlyMemory<byte>(System.Text.Encoding.UTF8.GetBytes("abc")), WebSocketMessageType.Text, true, None).AsTask());
                await ReceiveMemory(t, "receive-memory", ws, 4096);
                await t.Try("send-memory-fragment-1", () => ws.SendAsync(new ReadOnlyMemory<byte>(new byte[] { 1, 2, 3 }), WebSocketMessageType.Binary, false, None).AsTask());
                await t.Try("send-memory-fragment-2", () => ws.SendAsync(new ReadOnlyMemory<byte>(new byte[] { 4, 5 }), WebSocketMessageType.Binary, true, None).AsTask());
                for (int i = 1; i <= 3; i++) await ReceiveMemory(t, "receive-small-" + i, ws, 2);
                await t.Try("close", () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
                t.Status("after-close", ws);
                break;

            case "zero-byte-receive":
                ws = await Connect(c, t, name, null);
                await SendText(t, "send", ws, "go");
                await Receive(t, "receive-0", ws, 0);
                await Receive(t, "receive-1", ws, 1);
                await Receive(t, "receive-8", ws, 8);
                await t.Try("close", () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
                t.Status("after-close", ws);
                break;

            case "segment-offset":
            {
                ws = await Connect(c, t, name, null);
                var source = System.Text.Encoding.ASCII.GetBytes("0123456789");
                await t.Try("send-slice", () => ws.SendAsync(new ArraySegment<byte>(source, 3, 4), WebSocketMessageType.Text, true, None));
                var buffer = System.Text.Encoding.ASCII.GetBytes("................");
                try
                {
                    var r = await ws.ReceiveAsync(new ArraySegment<byte>(buffer, 5, 10), None);
                    t.Line("receive-slice", "count=" + r.Count + " end=" + (r.EndOfMessage ? "true" : "false") + " buffer=" + Transcript.Q(System.Text.Encoding.ASCII.GetString(buffer)));
                }
                catch (Exception e)
                {
                    t.Error("receive-slice", "faults", e);
                }
                await t.Try("close", () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
                t.Status("after-close", ws);
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
                ws = await Connect(c, t, name, null);
                await Receive(t, "receive", ws, 16);
                t.Status("after-drop", ws);
                break;

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

            case "cancel-receive-client":
            {
                ws = await Connect(c, t, name, null);
                var cts = new CancellationTokenSource();
                var buffer = new byte[16];
                var pending = ws.ReceiveAsync(new ArraySegment<byte>(buffer), cts.Token);
                cts.Cancel();
                try
                {
                    await pending;
                    t.Line("pending-receive", "ok");
                }
                catch (Exception e)
                {
                    t.Error("pending-receive", "faults", e);
                }
                t.Status("after-cancel", ws);
                await EveryOperation(t, "", ws);
                break;
            }

            case "cancel-receive-server":
                ws = await Connect(c, t, name, null);
                await Receive(t, "receive", ws, 16);
                t.Status("after-drop", ws);
                break;

            case "precanceled-send":
                ws = await Connect(c, t, name, null);
                await t.Try("send-precanceled", () => ws.SendAsync(new ArraySegment<byte>(new byte[] { 1 }), WebSocketMessageType.Binary, true, new CancellationToken(true)));
                t.State("after-send-precanceled", ws);
                break;

            case "precanceled-receive":
                ws = await Connect(c, t, name, null);
                await Receive(t, "receive-precanceled", ws, 16, new CancellationToken(true));
                t.State("after-receive-precanceled", ws);
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
                await t.Try("close", () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
                t.Status("after-close", ws);
                break;

            case "subprotocol-case":
            case "subprotocol-none":
                ws = await Connect(c, t, name, o => { o.AddSubProtocol("chat"); o.AddSubProtocol("superchat"); });
                await t.Try("close", () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
                t.Status("after-close", ws);
                break;

            case "subprotocol-mismatch":
                ws = await Connect(c, t, name, o => { o.AddSubProtocol("chat"); o.AddSubProtocol("superchat"); });
                await SendText(t, "send-after-failed-connect", ws, "x");
                break;

            case "connect-rejected":
                ws = await Connect(c, t, name, null);
                await SendText(t, "send-after-failed-connect", ws, "x");
                await t.Try("connect-again", () => ws.ConnectAsync(new Uri(c.BaseUrl + "/" + name), None));
                break;

            case "connect-refused":
                ws = new ClientWebSocket();
                await t.Try("connect", () => ws.ConnectAsync(new Uri("ws://127.0.0.1:" + c.ClosedPort + "/"), None));
                t.State("after-connect", ws);
                break;

            case "not-connected":
                ws = new ClientWebSocket();
                t.Status("created", ws);
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
                var aborted = new ClientWebSocket();
                aborted.Abort();
                t.State("abort-before-connect", aborted);
                break;

            default:
                if (name.StartsWith("raw-"))
                {
                    // A raw peer (../lib/raw.ts) writes the frames; we read until the close or an error.
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
