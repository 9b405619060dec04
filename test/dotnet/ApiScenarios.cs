// Scenarios without a connection: constructors, option setters and static helpers, each call's value or
// exception on one line. The TypeScript twin is ts/api.ts; keep the two line for line.
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

/** A stream that cannot be read (a write-only stream, as CreateFromStream must refuse). */
sealed class WriteOnlyStream : MemoryStream
{
    public override bool CanRead => false;
}

static class ApiScenarios
{
    static string Ts(TimeSpan value) => value.ToString();

    static string Yes(bool value) => value ? "true" : "false";

    public static Task Run(string name, ClientContext c, Transcript t)
    {
        switch (name)
        {
            case "api-create-from-stream":
            {
                t.TrySync("null-stream", () => WebSocket.CreateFromStream(null, true, null, TimeSpan.FromSeconds(30)));
                t.TrySync("null-stream-options", () => WebSocket.CreateFromStream(null, new WebSocketCreationOptions()));
                t.TrySync("null-options", () => WebSocket.CreateFromStream(new MemoryStream(), null));
                t.TrySync("not-writable", () => WebSocket.CreateFromStream(new MemoryStream(new byte[0], false), true, null, TimeSpan.Zero));
                t.TrySync("not-readable", () => WebSocket.CreateFromStream(new WriteOnlyStream(), true, null, TimeSpan.Zero));
                t.TrySync("not-writable-options", () => WebSocket.CreateFromStream(new MemoryStream(new byte[0], false), new WebSocketCreationOptions()));
                foreach (var p in new[] { "", "   ", "a b", "a,b", "caf\u00e9", "\u007f", "(x)" })
                {
                    t.TrySync("subprotocol-" + Transcript.Q(p), () => WebSocket.CreateFromStream(new MemoryStream(), true, p, TimeSpan.Zero));
                }
                t.TrySync("keep-alive-negative", () => WebSocket.CreateFromStream(new MemoryStream(), true, null, TimeSpan.FromSeconds(-2)));
                t.TrySync("keep-alive-minus-1ms", () => WebSocket.CreateFromStream(new MemoryStream(), true, null, TimeSpan.FromMilliseconds(-1)).Dispose());
                var ws = WebSocket.CreateFromStream(new MemoryStream(), false, "chat", TimeSpan.Zero);
                t.Line("created", "state=" + ws.State + " subprotocol=" + Transcript.Q(ws.SubProtocol) + " status=" + Transcript.StatusText(ws.CloseStatus) + " desc=" + Transcript.Q(ws.CloseStatusDescription));
                ws.Dispose();
                t.State("after-dispose", ws);
                break;
            }

            case "api-creation-options":
            {
                var o = new WebSocketCreationOptions();
                t.Line("defaults", "server=" + Yes(o.IsServer) + " subprotocol=" + Transcript.Q(o.SubProtocol) + " interval=" + Ts(o.KeepAliveInterval) + " timeout=" + Ts(o.KeepAliveTimeout) + " deflate=" + (o.DangerousDeflateOptions == null ? "null" : "set"));
                t.TrySync("interval-negative", () => o.KeepAliveInterval = TimeSpan.FromSeconds(-2));
                t.TrySync("timeout-negative", () => o.KeepAliveTimeout = TimeSpan.FromSeconds(-2));
                t.TrySync("interval-infinite", () => o.KeepAliveInterval = Timeout.InfiniteTimeSpan);
                t.TrySync("subprotocol-empty", () => o.SubProtocol = "");
                t.TrySync("subprotocol-space", () => o.SubProtocol = "a b");
                t.TrySync("subprotocol-null", () => o.SubProtocol = null);
                t.Line("after", "interval=" + Ts(o.KeepAliveInterval) + " timeout=" + Ts(o.KeepAliveTimeout) + " subprotocol=" + Transcript.Q(o.SubProtocol));
                break;
            }

            case "api-deflate-options":
            {
                var d = new WebSocketDeflateOptions();
                t.Line("defaults", "client-bits=" + d.ClientMaxWindowBits + " client-takeover=" + Yes(d.ClientContextTakeover) + " server-bits=" + d.ServerMaxWindowBits + " server-takeover=" + Yes(d.ServerContextTakeover));
                t.TrySync("client-bits-8", () => d.ClientMaxWindowBits = 8);
                t.TrySync("client-bits-16", () => d.ClientMaxWindowBits = 16);
                t.TrySync("server-bits-8", () => d.ServerMaxWindowBits = 8);
                t.TrySync("server-bits-9", () => d.ServerMaxWindowBits = 9);
                t.Line("after", "client-bits=" + d.ClientMaxWindowBits + " server-bits=" + d.ServerMaxWindowBits);
                break;
            }

            case "api-client-options":
            {
                var ws = new ClientWebSocket();
                var o = ws.Options;
                t.Line("defaults", "interval=" + Ts(o.KeepAliveInterval) + " timeout=" + Ts(o.KeepAliveTimeout) + " collect=" + Yes(o.CollectHttpResponseDetails) + " deflate=" + (o.DangerousDeflateOptions == null ? "null" : "set") + " default-credentials=" + Yes(o.UseDefaultCredentials) + " version=" + o.HttpVersion);
                t.TrySync("interval-negative", () => o.KeepAliveInterval = TimeSpan.FromSeconds(-2));
                t.TrySync("timeout-negative", () => o.KeepAliveTimeout = TimeSpan.FromSeconds(-2));
                t.TrySync("interval-infinite", () => o.KeepAliveInterval = Timeout.InfiniteTimeSpan);
                t.TrySync("add-null", () => o.AddSubProtocol(null));
                t.TrySync("add-comma", () => o.AddSubProtocol("a,b"));
                t.TrySync("add-non-ascii", () => o.AddSubProtocol("caf\u00e9"));
                t.TrySync("set-buffer-0", () => o.SetBuffer(0, 16));
                t.TrySync("set-buffer-send-0", () => o.SetBuffer(16, 0));
                t.TrySync("set-buffer-default-segment", () => o.SetBuffer(16, 16, default(ArraySegment<byte>)));
                t.TrySync("set-buffer-empty-segment", () => o.SetBuffer(16, 16, new ArraySegment<byte>(new byte[0])));
                t.TrySync("set-buffer", () => o.SetBuffer(16, 16));
                t.TrySync("header-null-name", () => o.SetRequestHeader(null, "x"));
                t.TrySync("header-empty-name", () => o.SetRequestHeader("", "x"));
                t.TrySync("header-bad-name", () => o.SetRequestHeader("X Bad", "x"));
                t.TrySync("header-bad-value", () => o.SetRequestHeader("X-Ok", "a\r\nb"));
                t.TrySync("header-ok", () => o.SetRequestHeader("X-Ok", "fine"));
                t.TrySync("http-version-null", () => o.HttpVersion = null);
                t.Line("after", "interval=" + Ts(o.KeepAliveInterval) + " timeout=" + Ts(o.KeepAliveTimeout));
                ws.Dispose();
                break;
            }

            case "api-array-segment":
            {
                var array = new byte[4];
                t.TrySync("null-array", () => new ArraySegment<byte>(null));
                t.TrySync("null-array-range", () => new ArraySegment<byte>(null, 0, 0));
                t.TrySync("negative-offset", () => new ArraySegment<byte>(array, -1, 0));
                t.TrySync("negative-count", () => new ArraySegment<byte>(array, 0, -1));
                t.TrySync("past-end", () => new ArraySegment<byte>(array, 2, 5));
                var d = default(ArraySegment<byte>);
                t.Line("default", "offset=" + d.Offset + " count=" + d.Count + " array=" + (d.Array == null ? "null" : "set"));
                t.Value("default-index", () => d[0], v => v.ToString());
                t.Value("default-slice", () => d.Slice(0).Count, v => v.ToString());
                t.Value("default-to-array", () => d.ToArray().Length, v => v.ToString());
                var s = new ArraySegment<byte>(array, 1, 2);
                t.Value("index-past-count", () => s[2], v => v.ToString());
                t.Value("slice-past-count", () => s.Slice(3).Count, v => v.ToString());
                t.Value("slice-count-past", () => s.Slice(1, 2).Count, v => v.ToString());
                t.Value("slice", () => s.Slice(1, 1).Offset, v => v.ToString());
                t.Value("empty", () => ArraySegment<byte>.Empty.Count + " " + (ArraySegment<byte>.Empty.Array == null ? "null" : "set"), v => v);
                break;
            }

            case "api-receive-result":
            {
                t.TrySync("negative-count", () => new WebSocketReceiveResult(-1, WebSocketMessageType.Text, true));
                t.TrySync("type-3", () => new WebSocketReceiveResult(0, (WebSocketMessageType)3, true));
                var r = new WebSocketReceiveResult(0, WebSocketMessageType.Close, true, WebSocketCloseStatus.NormalClosure, "x");
                t.Line("close", "count=" + r.Count + " type=" + r.MessageType + " end=" + Yes(r.EndOfMessage) + " status=" + Transcript.StatusText(r.CloseStatus) + " desc=" + Transcript.Q(r.CloseStatusDescription));
                var plain = new WebSocketReceiveResult(3, WebSocketMessageType.Binary, false);
                t.Line("plain", "count=" + plain.Count + " status=" + Transcript.StatusText(plain.CloseStatus) + " desc=" + Transcript.Q(plain.CloseStatusDescription));
                t.TrySync("value-negative-count", () => new ValueWebSocketReceiveResult(-1, WebSocketMessageType.Text, true));
                t.TrySync("value-type-3", () => new ValueWebSocketReceiveResult(0, (WebSocketMessageType)3, true));
                var v = new ValueWebSocketReceiveResult(5, WebSocketMessageType.Binary, true);
                t.Line("value", "count=" + v.Count + " type=" + v.MessageType + " end=" + Yes(v.EndOfMessage));
                break;
            }

            case "api-exception":
            {
                for (int i = 0; i <= 9; i++)
                {
                    var e = new WebSocketException((WebSocketError)i);
                    t.Line("error-" + i, Transcript.Describe(e));
                }
                t.Line("default", Transcript.Describe(new WebSocketException()));
                t.Line("message", Transcript.Describe(new WebSocketException("custom")));
                t.Line("error-and-message", Transcript.Describe(new WebSocketException(WebSocketError.Faulted, "custom")));
                t.Line("native-negative", Transcript.Describe(new WebSocketException(-5)));
                t.Line("native-positive", Transcript.Describe(new WebSocketException(5)));
                break;
            }

            case "api-buffers":
            {
                t.Line("default-keep-alive", Ts(WebSocket.DefaultKeepAliveInterval));
                t.Value("client-buffer", () => WebSocket.CreateClientBuffer(16, 32).Count, v => v.ToString());
                t.Value("client-buffer-receive-0", () => WebSocket.CreateClientBuffer(0, 32).Count, v => v.ToString());
                t.Value("client-buffer-send-0", () => WebSocket.CreateClientBuffer(16, 0).Count, v => v.ToString());
                t.Value("server-buffer", () => WebSocket.CreateServerBuffer(16).Count, v => v.ToString());
                t.Value("server-buffer-0", () => WebSocket.CreateServerBuffer(0).Count, v => v.ToString());
                t.Value("server-buffer-negative", () => WebSocket.CreateServerBuffer(-1).Count, v => v.ToString());
                break;
            }

            case "api-accept-context":
            {
                var a = new WebSocketAcceptContext();
                t.Line("defaults", "subprotocol=" + Transcript.Q(a.SubProtocol) + " interval=" + (a.KeepAliveInterval.HasValue ? Ts(a.KeepAliveInterval.Value) : "null") + " timeout=" + (a.KeepAliveTimeout.HasValue ? Ts(a.KeepAliveTimeout.Value) : "null") + " compression=" + Yes(a.DangerousEnableCompression) + " no-takeover=" + Yes(a.DisableServerContextTakeover) + " bits=" + a.ServerMaxWindowBits);
                t.TrySync("bits-8", () => a.ServerMaxWindowBits = 8);
                t.TrySync("bits-16", () => a.ServerMaxWindowBits = 16);
                t.TrySync("bits-9", () => a.ServerMaxWindowBits = 9);
                t.TrySync("interval-negative", () => a.KeepAliveInterval = TimeSpan.FromSeconds(-2));
                t.TrySync("timeout-negative", () => a.KeepAliveTimeout = TimeSpan.FromSeconds(-2));
                t.TrySync("subprotocol-space", () => a.SubProtocol = "a b");
                var o = new WebSocketOptions();
                t.Line("options-defaults", "interval=" + Ts(o.KeepAliveInterval) + " timeout=" + Ts(o.KeepAliveTimeout) + " origins=" + o.AllowedOrigins.Count);
                t.TrySync("options-timeout-negative", () => o.KeepAliveTimeout = TimeSpan.FromSeconds(-2));
                t.TrySync("options-interval-negative", () => o.KeepAliveInterval = TimeSpan.FromSeconds(-2));
                break;
            }

            default:
                t.Line("unknown-scenario", name);
                break;
        }
        return Task.CompletedTask;
    }
}
