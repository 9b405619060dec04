// The seed's server programs (tutorial §2–§5), each with only its own controller at /ws, run as
// `Oracle seed2|seed3|seed4|seed5 [--urls …]`. §5 is the seed's WebSocketController.cs as written (in
// WebSocketController.cs beside this file, copied from the tutorial unchanged) in the project
// template's Program.cs plus app.UseWebSockets(); §2–§4 are the C# twins of examples/section2-methods.ts,
// section3-state.ts and section4-receive-loop.ts (the seed's snippets completed into an action).
using System.Net.WebSockets;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;

[Route("/ws")]
[ApiController]
public class MethodsController : ControllerBase
{
    [HttpGet]
    public async Task Get()
    {
        if (!HttpContext.WebSockets.IsWebSocketRequest)
        {
            HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        // 🔹 AcceptWebSocketAsync
        var webSocket = await HttpContext.WebSockets.AcceptWebSocketAsync();

        // 🔹 ReceiveAsync
        var buffer = new byte[1024 * 4];
        var result = await webSocket.ReceiveAsync(new ArraySegment<byte>(buffer), CancellationToken.None);
        // Not in the seed: show what ReceiveAsync returned.
        Console.WriteLine($"ReceiveAsync: {result.MessageType}, Count {result.Count}, EndOfMessage {result.EndOfMessage}: {Encoding.UTF8.GetString(buffer, 0, result.Count)}");

        // 🔹 SendAsync
        var message = Encoding.UTF8.GetBytes("Hello WebSocket Client!");
        await webSocket.SendAsync(new ArraySegment<byte>(message), WebSocketMessageType.Text, true, CancellationToken.None);

        // 🔹 CloseAsync
        await webSocket.CloseAsync(WebSocketCloseStatus.NormalClosure, "Closing connection", CancellationToken.None);
        // Not in the seed: the handshake is complete.
        Console.WriteLine($"CloseAsync: State {webSocket.State}");
    }
}

[Route("/ws")]
[ApiController]
public class StateController : ControllerBase
{
    [HttpGet]
    public async Task Get()
    {
        if (!HttpContext.WebSockets.IsWebSocketRequest)
        {
            HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var webSocket = await HttpContext.WebSockets.AcceptWebSocketAsync();

        // The seed's sample.
        if (webSocket.State == WebSocketState.Open)
        {
            Console.WriteLine("WebSocket 연결이 활성화됨");
        }

        // Not in the seed: each step of the connection's life, and the state it leaves the socket in.
        Console.WriteLine($"State: {webSocket.State}");
        var buffer = new byte[1024 * 4];
        var result = await webSocket.ReceiveAsync(new ArraySegment<byte>(buffer), CancellationToken.None);
        while (result.MessageType != WebSocketMessageType.Close)
        {
            var text = Encoding.UTF8.GetString(buffer, 0, result.Count);
            await webSocket.SendAsync(new ArraySegment<byte>(Encoding.UTF8.GetBytes(text)), WebSocketMessageType.Text, true, CancellationToken.None);
            Console.WriteLine($"State after echoing \"{text}\": {webSocket.State}");
            result = await webSocket.ReceiveAsync(new ArraySegment<byte>(buffer), CancellationToken.None);
        }
        Console.WriteLine($"State after the client's close frame: {webSocket.State}");
        await webSocket.CloseAsync(result.CloseStatus.Value, result.CloseStatusDescription, CancellationToken.None);
        Console.WriteLine($"State after CloseAsync: {webSocket.State}");
    }
}

[Route("/ws")]
[ApiController]
public class EventsController : ControllerBase
{
    [HttpGet]
    public async Task Get()
    {
        if (!HttpContext.WebSockets.IsWebSocketRequest)
        {
            HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var webSocket = await HttpContext.WebSockets.AcceptWebSocketAsync();

        // The seed's sample.
        var buffer = new byte[1024 * 4];
        WebSocketReceiveResult receiveResult = await webSocket.ReceiveAsync(new ArraySegment<byte>(buffer), CancellationToken.None);

        while (!receiveResult.CloseStatus.HasValue)
        {
            string receivedMessage = Encoding.UTF8.GetString(buffer, 0, receiveResult.Count);
            Console.WriteLine($"클라이언트 메시지: {receivedMessage}");
            receiveResult = await webSocket.ReceiveAsync(new ArraySegment<byte>(buffer), CancellationToken.None);
        }

        // Not in the seed: complete the close handshake with the client's status and description.
        Console.WriteLine($"CloseStatus: {receiveResult.CloseStatus.Value}, CloseStatusDescription: {receiveResult.CloseStatusDescription}");
        await webSocket.CloseAsync(receiveResult.CloseStatus.Value, receiveResult.CloseStatusDescription, CancellationToken.None);
    }
}

/** MapControllers finds every controller in the assembly; each seed program keeps only its own. */
sealed class OnlyControllerFeatureProvider : ControllerFeatureProvider
{
    readonly Type _controller;

    public OnlyControllerFeatureProvider(Type controller) { _controller = controller; }

    protected override bool IsController(TypeInfo typeInfo) => typeInfo.AsType() == _controller;
}

static class SeedPrograms
{
    public static int Run(string section, string[] args)
    {
        var controller = section switch
        {
            "seed2" => typeof(MethodsController),
            "seed3" => typeof(StateController),
            "seed4" => typeof(EventsController),
            _ => typeof(WebSocketController),
        };

        // The project template's Program.cs, with UseWebSockets.
        var builder = WebApplication.CreateBuilder(args);

        builder.Services.AddControllers().ConfigureApplicationPartManager(m =>
        {
            m.FeatureProviders.Remove(m.FeatureProviders.OfType<ControllerFeatureProvider>().First());
            m.FeatureProviders.Add(new OnlyControllerFeatureProvider(controller));
        });

        var app = builder.Build();

        app.UseWebSockets();

        app.MapControllers();

        app.Run();
        return 0;
    }
}
