// The server half of each differential scenario: what the application does with the WebSocket it
// accepted for `/<scenario>`. The TypeScript twin is ../scenarios/server.ts; keep the two line for line.
using System;
using System.Collections.Generic;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using static Peer;

static class ServerScenarios
{
    /** Paths answered with 400 instead of an upgrade. */
    public static bool Rejects(string name)
    {
        return name == "connect-rejected";
    }

    /** The subprotocol to accept with, given what the client asked for. */
    public static string Choose(string name, IList<string> requested, Transcript t)
    {
        t.Line("requested", Transcript.Q(string.Join(", ", requested)));
        switch (name)
        {
            case "subprotocol": return "superchat";
            case "subprotocol-case": return "CHAT";
            case "subprotocol-mismatch": return "other";
            default: return null;
        }
    }

    /** Echoes every message until the peer's close, then answers it with CloseAsync. */
    static async Task Echo(Transcript t, WebSocket ws)
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
                return;
            }
            t.Result("receive-" + i, r, buffer, 0);
            if (r.CloseStatus.HasValue)
            {
                await t.Try("close", () => ws.CloseAsync(r.CloseStatus.Value, r.CloseStatusDescription, None));
                t.Status("after-close", ws);
                return;
            }
            await t.Try("send-" + i, () => ws.SendAsync(new ArraySegment<byte>(buffer, 0, r.Count), r.MessageType, r.EndOfMessage, None));
        }
    }

    public static async Task Run(string name, WebSocket ws, Transcript t)
    {
        t.Line("accepted", "state=" + ws.State + " subprotocol=" + Transcript.Q(ws.SubProtocol));
        switch (name)
        {
            case "echo-client-close":
            case "empty-messages":
            case "memory-overloads":
            case "segment-offset":
            case "subprotocol":
            case "subprotocol-case":
            case "subprotocol-none":
                await Echo(t, ws);
                break;

            case "echo-server-close":
                await Receive(t, "receive", ws, 4096);
                await SendText(t, "send-echo", ws, "hello");
                await t.Try("close-output", () => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "server-bye", None));
                t.Status("after-close-output", ws);
                await Receive(t, "receive-data", ws, 4096);
                await Receive(t, "receive-close", ws, 4096);
                t.Status("after-receive-close", ws);
                break;

            case "closeoutput-then-receive":
                await Receive(t, "receive-data", ws, 4096);
                await Receive(t, "receive-close", ws, 4096);
                t.Status("after-receive-close", ws);
                await Receive(t, "receive-in-close-received", ws, 16);
                await SendText(t, "send-in-close-received", ws, "reply");
                await t.Try("close-output", () => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "half-ack", None));
                t.Status("after-close-output", ws);
                break;

            case "large-message":
            {
                var message = await ReceiveMessage(t, "receive", ws, 4096);
                await SendBinary(t, "send", ws, message);
                await Echo(t, ws);
                break;
            }

            case "fragmented":
                for (int i = 1; i <= 5; i++) await Receive(t, "receive-" + i, ws, 100);
                await SendText(t, "send-1", ws, "gh", false);
                await SendText(t, "send-2", ws, "ij", false);
                await SendText(t, "send-3", ws, "kl", true);
                await Echo(t, ws);
                break;

            case "zero-byte-receive":
                await Receive(t, "receive", ws, 16);
                await SendText(t, "send", ws, "xyz");
                await Echo(t, ws);
                break;

            case "close-discards-data":
                await Receive(t, "receive", ws, 16);
                await SendText(t, "send-1", ws, "one");
                await SendText(t, "send-2", ws, "two");
                await SendText(t, "send-3", ws, "three");
                await Receive(t, "receive-close", ws, 16);
                await t.Try("close", () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "ok", None));
                t.Status("after-close", ws);
                break;

            case "dispose-pending-receive":
            case "abort-pending-receive":
            {
                var pending = ws.ReceiveAsync(new ArraySegment<byte>(new byte[16]), None);
                if (name == "dispose-pending-receive") ws.Dispose(); else ws.Abort();
                t.Status("after-" + (name == "dispose-pending-receive" ? "dispose" : "abort"), ws);
                try
                {
                    await pending;
                    t.Line("pending-receive", "ok");
                }
                catch (Exception e)
                {
                    t.Error("pending-receive", "faults", e);
                }
                t.Status("final", ws);
                break;
            }

            case "close-1005-received":
            case "close-1004-received":
            case "close-2999-received":
            case "close-5000-received":
            {
                var code = name == "close-1005-received" ? WebSocketCloseStatus.Empty : (WebSocketCloseStatus)int.Parse(name.Substring(6, 4));
                await t.Try("close-output", () => ws.CloseOutputAsync(code, null, None));
                t.Status("after-close-output", ws);
                await Receive(t, "receive-close", ws, 16);
                t.Status("after-receive-close", ws);
                break;
            }

            case "close-validation":
            {
                var r = await Receive(t, "receive-close", ws, 16);
                t.Status("after-receive-close", ws);
                await ArgumentChecks(t, ws);
                await t.Try("close", () => ws.CloseAsync(r.CloseStatus.Value, new string('C', 123), None));
                t.Status("after-close", ws);
                break;
            }

            case "drop-by-server":
            case "dispose-by-server":
                await Receive(t, "receive", ws, 16);
                if (name == "drop-by-server") ws.Abort(); else ws.Dispose();
                t.Status("after-drop", ws);
                await EveryOperation(t, "", ws);
                break;

            case "drop-by-client":
                await Receive(t, "receive", ws, 16);
                await Receive(t, "receive-after-drop", ws, 16);
                t.Status("after-drop", ws);
                await EveryOperation(t, "", ws);
                break;

            case "cancel-receive-client":
                await Receive(t, "receive", ws, 16);
                t.Status("after-drop", ws);
                break;

            case "cancel-receive-server":
            {
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

            case "precanceled-send":
            case "precanceled-receive":
            case "subprotocol-mismatch":
                await Receive(t, "receive", ws, 16);
                t.Status("after-drop", ws);
                break;

            default:
                if (name.StartsWith("raw-"))
                {
                    // A raw peer (../lib/raw.ts) writes the frames; we read until the close or an error.
                    await ReceiveLoop(t, ws);
                    break;
                }
                t.Line("unknown-scenario", name);
                break;
        }
    }
}
