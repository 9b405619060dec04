// The .NET 10 oracle of the differential suite (test/interop/dotnet.test.ts) and the .NET peer of
// `npm run bench`. Modes:
//   Oracle server                                  Kestrel + the CreateFromStream server (ScenarioServer.cs)
//   Oracle client <base-url> <closed-port> <scenario>...
//                                                  the client half of each scenario in turn, with
//                                                  ClientWebSocket (ClientScenarios.cs, ApiScenarios.cs)
//   Oracle client-h2 <base-url> <closed-port> <scenario>...
//                                                  the same over HTTP/2 (RFC 8441): HttpVersion 2.0,
//                                                  RequestVersionExact, one HttpMessageInvoker for all
//   Oracle seed2|seed3|seed4|seed5 [--urls URL]    the tutorial's server programs (Seed/)
//   Oracle bench-server | bench-client …           the benchmark's Kestrel server and ClientWebSocket (Bench.cs)
static class Program
{
    static readonly TimeSpan ScenarioTimeout = TimeSpan.FromSeconds(10);

    static async Task<int> Main(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "";
        var rest = args.Skip(1).ToArray();
        switch (mode)
        {
            case "server": return await ScenarioServer.Run();
            case "client" when rest.Length >= 2: return await Client(rest, false);
            case "client-h2" when rest.Length >= 2: return await Client(rest, true);
            case "seed2":
            case "seed3":
            case "seed4":
            case "seed5": return SeedPrograms.Run(mode, rest);
            case "bench-server": return await Bench.Server(rest);
            case "bench-client": return await Bench.Client(rest);
        }
        Console.Error.WriteLine("usage: server | client|client-h2 <base-url> <closed-port> <scenario>... | seed2..seed5 [--urls URL] | bench-server | bench-client");
        return 2;
    }

    static async Task<int> Client(string[] args, bool http2)
    {
        var context = new ClientContext { BaseUrl = args[0], ClosedPort = int.Parse(args[1]) };
        if (http2) context.Http2Invoker = new HttpMessageInvoker(new SocketsHttpHandler());
        for (int i = 2; i < args.Length; i++)
        {
            var t = new Transcript(args[i]);
            context.Current = null;
            try
            {
                var run = ClientScenarios.Run(args[i], context, t);
                if (await Task.WhenAny(run, Task.Delay(ScenarioTimeout)) != run)
                {
                    t.Line("timeout", "the client half did not finish");
                    context.Current?.Abort();
                }
                else
                {
                    await run;
                }
            }
            catch (Exception e)
            {
                t.Error("crash", "throws", e);
            }
            t.End();
            // Whatever state the scenario left it in, the server half must see the connection end.
            context.Current?.Dispose();
        }
        return 0;
    }
}
