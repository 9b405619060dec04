// One line per observable event, in the format the TypeScript twins print too (ts/transcript.ts):
// "<key>|<step>: <fields>", "<key>|end" when the scenario is over. Nothing that varies from run to run
// (ports, times, errno, inner exception messages) is printed, so two transcripts compare as text.
using System.Net.WebSockets;
using System.Text;

sealed class Transcript
{
    static readonly object Gate = new object();
    static readonly Encoding Strict = new UTF8Encoding(false, true);
    readonly string _key;

    public Transcript(string key) { _key = key; }

    public void Line(string step, string text)
    {
        lock (Gate)
        {
            Console.Out.Write(_key + "|" + step + ": " + text + "\n");
            Console.Out.Flush();
        }
    }

    public void End()
    {
        lock (Gate)
        {
            Console.Out.Write(_key + "|end\n");
            Console.Out.Flush();
        }
    }

    public void State(string step, WebSocket ws)
    {
        Line(step, "state=" + ws.State);
    }

    public void Status(string step, WebSocket ws)
    {
        Line(step, "state=" + ws.State + " status=" + StatusText(ws.CloseStatus) + " desc=" + Q(ws.CloseStatusDescription));
    }

    public void Result(string step, WebSocketReceiveResult r, byte[] buffer, int offset)
    {
        Line(step, "count=" + r.Count + " type=" + r.MessageType + " end=" + (r.EndOfMessage ? "true" : "false")
            + " status=" + StatusText(r.CloseStatus) + " desc=" + Q(r.CloseStatusDescription) + Data(r.MessageType, buffer, offset, r.Count));
    }

    public void ValueResult(string step, ValueWebSocketReceiveResult r, byte[] buffer)
    {
        Line(step, "value count=" + r.Count + " type=" + r.MessageType + " end=" + (r.EndOfMessage ? "true" : "false") + Data(r.MessageType, buffer, 0, r.Count));
    }

    public void Error(string step, string how, Exception e)
    {
        Line(step, how + " " + Describe(e));
    }

    /** Runs an operation and logs "ok", "throws …" (synchronously) or "faults …" (through the task). */
    public async Task<bool> Try(string step, Func<Task> operation)
    {
        Task task;
        try
        {
            task = operation();
        }
        catch (Exception e)
        {
            Error(step, "throws", e);
            return false;
        }
        try
        {
            await task;
        }
        catch (Exception e)
        {
            Error(step, "faults", e);
            return false;
        }
        Line(step, "ok");
        return true;
    }

    /** Runs a synchronous call and logs "ok" or "throws …". */
    public bool TrySync(string step, Action operation)
    {
        try
        {
            operation();
        }
        catch (Exception e)
        {
            Error(step, "throws", e);
            return false;
        }
        Line(step, "ok");
        return true;
    }

    /** Runs a synchronous call and logs its value (through `show`) or "throws …". */
    public void Value<T>(string step, Func<T> read, Func<T, string> show)
    {
        T value;
        try
        {
            value = read();
        }
        catch (Exception e)
        {
            Error(step, "throws", e);
            return;
        }
        Line(step, "value " + show(value));
    }

    /** The exception's type name, WebSocketErrorCode, ParamName and Message. */
    public static string Describe(Exception e)
    {
        var s = "exception " + e.GetType().Name;
        if (e is WebSocketException we) s += " error=" + we.WebSocketErrorCode;
        if (e is ArgumentException ae) s += " param=" + (ae.ParamName ?? "null");
        return s + " message=" + Q(e.Message);
    }

    public static string StatusText(WebSocketCloseStatus? status)
    {
        return status.HasValue ? ((int)status.Value).ToString() : "null";
    }

    static string Data(WebSocketMessageType type, byte[] buffer, int offset, int count)
    {
        if (count == 0) return "";
        if (type == WebSocketMessageType.Text)
        {
            // Text that is not valid UTF-8 on its own (a sequence split across results) prints as bytes.
            try
            {
                return " text=" + Q(Strict.GetString(buffer, offset, count));
            }
            catch (DecoderFallbackException)
            {
            }
        }
        return " " + Bytes(buffer, offset, count);
    }

    /** Up to 32 bytes as hex, more as their length and a hash. */
    public static string Bytes(byte[] buffer, int offset, int count)
    {
        if (count <= 32) return "bytes=" + Convert.ToHexString(buffer, offset, count).ToLowerInvariant();
        long sum = 0;
        for (int i = 0; i < count; i++) sum = (sum * 31 + buffer[offset + i]) % 1000000007;
        return "length=" + count + " hash=" + sum;
    }

    /** Quotes a string; everything outside printable ASCII as \uXXXX (UTF-16 code units). */
    public static string Q(string s)
    {
        if (s == null) return "null";
        var b = new StringBuilder("'");
        foreach (char c in s)
        {
            if (c == '\\' || c == '\'') b.Append('\\').Append(c);
            else if (c < 0x20 || c > 0x7e) b.Append("\\u").Append(((int)c).ToString("x4"));
            else b.Append(c);
        }
        return b.Append('\'').ToString();
    }
}
