// Helpers both roles use: receiving and sending with one transcript line per call. The TypeScript twin
// is ts/peer.ts; keep the two line for line.
using System.Net.WebSockets;
using System.Text;

static class Peer
{
    public static readonly CancellationToken None = CancellationToken.None;

    public static async Task<WebSocketReceiveResult> Receive(Transcript t, string step, WebSocket ws, int size, CancellationToken token)
    {
        var buffer = new byte[size];
        Task<WebSocketReceiveResult> task;
        try
        {
            task = ws.ReceiveAsync(new ArraySegment<byte>(buffer), token);
        }
        catch (Exception e)
        {
            t.Error(step, "throws", e);
            return null;
        }
        try
        {
            var r = await task;
            t.Result(step, r, buffer, 0);
            return r;
        }
        catch (Exception e)
        {
            t.Error(step, "faults", e);
            return null;
        }
    }

    public static Task<WebSocketReceiveResult> Receive(Transcript t, string step, WebSocket ws, int size)
    {
        return Receive(t, step, ws, size, None);
    }

    /** Awaits a receive started earlier (its buffer given) and logs its result. */
    public static async Task<WebSocketReceiveResult> Await(Transcript t, string step, Task<WebSocketReceiveResult> task, byte[] buffer)
    {
        try
        {
            var r = await task;
            t.Result(step, r, buffer, 0);
            return r;
        }
        catch (Exception e)
        {
            t.Error(step, "faults", e);
            return null;
        }
    }

    /** The Memory<byte> overload: a ValueWebSocketReceiveResult. */
    public static async Task ReceiveMemory(Transcript t, string step, WebSocket ws, int size)
    {
        var buffer = new byte[size];
        try
        {
            var r = await ws.ReceiveAsync(new Memory<byte>(buffer), None);
            t.ValueResult(step, r, buffer);
        }
        catch (Exception e)
        {
            t.Error(step, "faults", e);
        }
    }

    /** Receives one whole message in pieces of `size`, one line per piece; null on a close or an error. */
    public static async Task<byte[]> ReceiveMessage(Transcript t, string step, WebSocket ws, int size)
    {
        var all = new MemoryStream();
        for (int i = 1; ; i++)
        {
            var buffer = new byte[size];
            WebSocketReceiveResult r;
            try
            {
                r = await ws.ReceiveAsync(new ArraySegment<byte>(buffer), None);
            }
            catch (Exception e)
            {
                t.Error(step + "-" + i, "faults", e);
                return null;
            }
            t.Result(step + "-" + i, r, buffer, 0);
            if (r.MessageType == WebSocketMessageType.Close) return null;
            all.Write(buffer, 0, r.Count);
            if (r.EndOfMessage) return all.ToArray();
        }
    }

    public static Task<bool> SendText(Transcript t, string step, WebSocket ws, string text, bool endOfMessage = true)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return t.Try(step, () => ws.SendAsync(new ArraySegment<byte>(bytes), WebSocketMessageType.Text, endOfMessage, None));
    }

    public static Task<bool> SendBinary(Transcript t, string step, WebSocket ws, byte[] bytes, bool endOfMessage = true)
    {
        return t.Try(step, () => ws.SendAsync(new ArraySegment<byte>(bytes), WebSocketMessageType.Binary, endOfMessage, None));
    }

    public static byte[] Pattern(int length)
    {
        var b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte)(i % 251);
        return b;
    }

    /** Receives until the peer's close (answered with CloseAsync) or an error, one line per result. */
    public static async Task ReceiveLoop(Transcript t, WebSocket ws)
    {
        for (int i = 1; ; i++)
        {
            var r = await Receive(t, "receive-" + i, ws, 100000);
            if (r == null) break;
            if (r.MessageType == WebSocketMessageType.Close)
            {
                await t.Try("close", () => ws.CloseAsync(r.CloseStatus.Value, r.CloseStatusDescription, None));
                break;
            }
        }
        t.Status("final", ws);
    }

    /** Echoes every piece received until the peer's close, then answers it with CloseAsync. */
    public static async Task Echo(Transcript t, WebSocket ws)
    {
        for (int i = 1; ; i++)
        {
            var buffer = new byte[4096];
            WebSocketReceiveResult r;
            try
            {
                r = await ws.ReceiveAsync(new ArraySegment<byte>(buffer), None);
            }
            catch (Exception e)
            {
                t.Error("receive-" + i, "faults", e);
                break;
            }
            t.Result("receive-" + i, r, buffer, 0);
            if (r.CloseStatus.HasValue)
            {
                await t.Try("close", () => ws.CloseAsync(r.CloseStatus.Value, r.CloseStatusDescription, None));
                break;
            }
            await t.Try("send-" + i, () => ws.SendAsync(new ArraySegment<byte>(buffer, 0, r.Count), r.MessageType, r.EndOfMessage, None));
        }
        t.Status("after-echo", ws);
    }

    /** After the connection is gone: every operation, each with its own line, then Dispose. */
    public static async Task EveryOperation(Transcript t, string prefix, WebSocket ws)
    {
        await SendText(t, prefix + "send", ws, "x");
        await Receive(t, prefix + "receive", ws, 16);
        await t.Try(prefix + "close-output", () => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, None));
        await t.Try(prefix + "close", () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
        t.Status(prefix + "before-dispose", ws);
        ws.Dispose();
        t.Status(prefix + "after-dispose", ws);
    }

    /** The argument checks of CloseAsync/CloseOutputAsync/SendAsync, none of which may change the state. */
    public static async Task ArgumentChecks(Transcript t, WebSocket ws)
    {
        foreach (var code in new[] { 0, 999, 1006, 1015 })
        {
            await t.Try("close-" + code, () => ws.CloseAsync((WebSocketCloseStatus)code, null, None));
            await t.Try("close-output-" + code, () => ws.CloseOutputAsync((WebSocketCloseStatus)code, null, None));
        }
        await t.Try("close-empty-with-description", () => ws.CloseAsync(WebSocketCloseStatus.Empty, "x", None));
        await t.Try("close-124-bytes", () => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, new string('C', 124), None));
        await t.Try("close-126-utf8-bytes", () => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, new string('\uc548', 42), None));
        await t.Try("send-close-type", () => ws.SendAsync(new ArraySegment<byte>(new byte[1]), WebSocketMessageType.Close, true, None));
        await t.Try("send-type-3", () => ws.SendAsync(new ArraySegment<byte>(new byte[1]), (WebSocketMessageType)3, true, None));
        await t.Try("send-default-segment", () => ws.SendAsync(default(ArraySegment<byte>), WebSocketMessageType.Binary, true, None));
        await t.Try("receive-default-segment", () => ws.ReceiveAsync(default(ArraySegment<byte>), None));
        await t.Try("send-memory-close-type", () => ws.SendAsync(new ReadOnlyMemory<byte>(new byte[1]), WebSocketMessageType.Close, true, None).AsTask());
        await t.Try("send-flags-close-type", () => ws.SendAsync(new ReadOnlyMemory<byte>(new byte[1]), WebSocketMessageType.Close, WebSocketMessageFlags.EndOfMessage, None).AsTask());
        t.State("after-argument-checks", ws);
    }
}
