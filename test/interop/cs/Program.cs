// The Mono side of the differential suite (../mono.test.ts).
//   mono Scenarios.exe server                     accepts on 127.0.0.1 (prints "listening <port>"), runs
//                                                 the server half of the scenario named by each request
//                                                 path; exits when standard input closes.
//   mono Scenarios.exe client <base-url> <closed-port> <scenario>...
//                                                 runs the client half of each scenario in turn.
// Mono's HttpListener cannot accept WebSockets, so the server reads the request itself, writes the
// RFC 6455 101 response and wraps the connection with WebSocket.CreateFromStream, as peers.md describes.
using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;

static class Program
{
    const string Guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    static int Main(string[] args)
    {
        if (args.Length >= 1 && args[0] == "server") return Server().GetAwaiter().GetResult();
        if (args.Length >= 3 && args[0] == "client") return Client(args).GetAwaiter().GetResult();
        Console.Error.WriteLine("usage: server | client <base-url> <closed-port> <scenario>...");
        return 2;
    }

    static async Task<int> Client(string[] args)
    {
        var context = new ClientContext { BaseUrl = args[1], ClosedPort = int.Parse(args[2]) };
        for (int i = 3; i < args.Length; i++)
        {
            var t = new Transcript(args[i]);
            ClientWebSocket ws = null;
            try
            {
                ws = await ClientScenarios.Run(args[i], context, t);
            }
            catch (Exception e)
            {
                t.Error("crash", "throws", e);
            }
            t.End();
            // Whatever state the scenario left it in, the server half must see the connection end.
            if (ws != null) ws.Dispose();
        }
        return 0;
    }

    static async Task<int> Server()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Console.Out.WriteLine("listening " + ((IPEndPoint)listener.LocalEndpoint).Port);
        Console.Out.Flush();
        var stdin = Task.Run(() => Console.In.ReadToEnd());
        for (;;)
        {
            var accept = listener.AcceptSocketAsync();
            if (await Task.WhenAny(accept, stdin) == stdin) return 0;
            var socket = accept.Result;
            Forget(Task.Run(() => Handle(socket)));
        }
    }

    static async Task Handle(Socket socket)
    {
        var stream = new NetworkStream(socket, true);
        string name = "?";
        Transcript t = null;
        try
        {
            var head = ReadHead(stream);
            var lines = head.Split(new[] { "\r\n" }, StringSplitOptions.None);
            var path = lines[0].Split(' ')[1];
            name = path.TrimStart('/');
            t = new Transcript(name);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (int i = 1; i < lines.Length; i++)
            {
                int colon = lines[i].IndexOf(':');
                if (colon > 0) headers[lines[i].Substring(0, colon).Trim()] = lines[i].Substring(colon + 1).Trim();
            }
            if (ServerScenarios.Rejects(name))
            {
                t.Line("rejected", "status=400");
                Write(stream, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                stream.Dispose();
                t.End();
                return;
            }
            var requested = new List<string>();
            string protocols;
            if (headers.TryGetValue("Sec-WebSocket-Protocol", out protocols))
            {
                foreach (var p in protocols.Split(',')) if (p.Trim().Length > 0) requested.Add(p.Trim());
            }
            var chosen = ServerScenarios.Choose(name, requested, t);
            string accept;
            using (var sha1 = SHA1.Create())
            {
                accept = Convert.ToBase64String(sha1.ComputeHash(Encoding.ASCII.GetBytes(headers["Sec-WebSocket-Key"] + Guid)));
            }
            Write(stream, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n"
                + (chosen != null ? "Sec-WebSocket-Protocol: " + chosen + "\r\n" : "") + "\r\n");
            // ASP.NET Core's default keep-alive interval (2 minutes), as the dotnet-ws server uses.
            var ws = WebSocket.CreateFromStream(stream, true, chosen, TimeSpan.FromMinutes(2));
            try
            {
                await ServerScenarios.Run(name, ws, t);
            }
            finally
            {
                // ASP.NET Core tears the connection down when the request delegate returns.
                ws.Dispose();
            }
        }
        catch (Exception e)
        {
            if (t == null) t = new Transcript(name);
            t.Error("crash", "throws", e);
        }
        t.End();
    }

    /** Connections run side by side; each logs its own failures. */
    static void Forget(Task task)
    {
    }

    /** Reads the request head byte by byte, so nothing after it is taken from the WebSocket stream. */
    static string ReadHead(Stream stream)
    {
        var bytes = new List<byte>();
        while (bytes.Count < 4 || !(bytes[bytes.Count - 4] == '\r' && bytes[bytes.Count - 3] == '\n' && bytes[bytes.Count - 2] == '\r' && bytes[bytes.Count - 1] == '\n'))
        {
            int b = stream.ReadByte();
            if (b < 0) throw new EndOfStreamException("connection closed during the request head");
            bytes.Add((byte)b);
        }
        return Encoding.ASCII.GetString(bytes.ToArray(), 0, bytes.Count - 4);
    }

    static void Write(Stream stream, string s)
    {
        var bytes = Encoding.ASCII.GetBytes(s);
        stream.Write(bytes, 0, bytes.Length);
        stream.Flush();
    }
}
