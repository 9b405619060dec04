// The ASP.NET Core-shaped server surface, pinned to the shapes ported C# code writes.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { expectAssignable, expectError, expectType } from 'tsd';
import {
  ApiController,
  ArraySegment,
  CancellationToken,
  ConnectionInfo,
  ControllerBase,
  HttpContext,
  HttpDelete,
  HttpGet,
  HttpPost,
  HttpPut,
  HttpRequest,
  HttpResponse,
  Nullable,
  Route,
  StatusCodes,
  TimeSpan,
  WebApplication,
  WebApplicationBuilder,
  WebSocket,
  WebSocketAcceptContext,
  WebSocketManager,
  WebSocketMessageType,
  WebSocketOptions,
} from 'dotnet-ws';
import type { IWebHostEnvironment } from 'dotnet-ws/Microsoft.AspNetCore.Hosting';
import type { IHeaderDictionary, IQueryCollection, RequestDelegate, RouteValueDictionary } from 'dotnet-ws';

// var builder = WebApplication.CreateBuilder(args); builder.Services.AddControllers(); var app = builder.Build();
const builder = WebApplication.CreateBuilder(process.argv.slice(2));
expectType<WebApplicationBuilder>(builder);
builder.Services.AddControllers();
builder.Services.AddWebSockets((options) => expectType<WebSocketOptions>(options));
builder.WebHost.UseUrls('http://localhost:5001');
const app = builder.Build();
expectType<WebApplication>(app);
expectType<WebApplication>(WebApplication.Create());
expectError(WebApplication.CreateBuilder('--urls'));

// app.Urls.Add(...); app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = ... });
app.Urls.Add('http://localhost:5000');
expectType<number>(app.Urls.Count);
expectType<string>(app.Urls[0]!);
expectType<WebApplication>(app.UseWebSockets());
const options = new WebSocketOptions({ KeepAliveInterval: TimeSpan.FromMinutes(2) });
options.AllowedOrigins.Add('https://example.com');
expectType<TimeSpan>(options.KeepAliveInterval);
expectType<TimeSpan>(options.KeepAliveTimeout);
expectType<WebApplication>(app.UseWebSockets(options));
expectError(app.UseWebSockets({ KeepAliveInterval: 120 }));
expectError((options.KeepAliveInterval = 120000));

// app.Use(async (context, next) => { ...; await next(context); });
expectType<WebApplication>(
  app.Use(async (context, next) => {
    expectType<HttpContext>(context);
    await next();
    await next(context);
  }),
);

// app.Map("/ws", async context => { ... }); app.MapGet("/", () => "Hello World!");
app.Map('/ws', async (context) => {
  expectType<HttpContext>(context);
  if (context.WebSockets.IsWebSocketRequest) {
    using webSocket = await context.WebSockets.AcceptWebSocketAsync();
    expectType<WebSocket>(webSocket);
  } else {
    context.Response.StatusCode = StatusCodes.Status400BadRequest;
  }
});
expectType<void>(app.MapGet('/', () => 'Hello World!'));
app.MapPost('/items', async (context) => context.Request.Body);
app.MapPut('/items/{id}', (context) => context.Request.RouteValues['id']);
app.MapDelete('/items/{id}', () => undefined);
app.MapPatch('/items/{id}', () => ({ ok: true }));
app.MapMethods('/x', ['GET', 'HEAD'], () => 'x');
expectError(app.Map(42, () => 'x'));
expectError(app.Map('/x'));

// Lifetime.
expectType<Promise<void>>(app.Run());
expectType<Promise<void>>(app.Run('http://localhost:3000'));
expectType<void>(app.Run(async (context) => expectType<HttpContext>(context)));
expectType<Promise<void>>(app.RunAsync());
expectType<Promise<void>>(app.StartAsync());
expectType<Promise<void>>(app.StartAsync(CancellationToken.None));
expectType<Promise<void>>(app.StopAsync());
expectType<Promise<void>>(app.DisposeAsync());
expectAssignable<AsyncDisposable>(app);
expectType<TimeSpan>(app.shutdownTimeout);

// Node.js extensions.
declare const server: Server;
expectType<WebApplication>(app.attach(server));
expectAssignable<(req: IncomingMessage, res: ServerResponse) => void>(app.handleRequest);
expectAssignable<(req: IncomingMessage, socket: Duplex, head: Buffer) => void>(app.handleUpgrade);
expectType<Promise<void>>(app.listen(0, '127.0.0.1'));

// HttpContext, HttpRequest, HttpResponse, ConnectionInfo.
declare const context: HttpContext;
expectType<HttpRequest>(context.Request);
expectType<HttpResponse>(context.Response);
expectType<WebSocketManager>(context.WebSockets);
expectType<ConnectionInfo>(context.Connection);
expectType<CancellationToken>(context.RequestAborted);
expectType<string>(context.TraceIdentifier);
expectType<void>(context.Abort());
expectType<string>(context.Request.Method);
expectType<string>(context.Request.Path);
expectType<string>(context.Request.QueryString);
expectType<IQueryCollection>(context.Request.Query);
expectType<string | undefined>(context.Request.Query['room']);
expectError((context.Request.Query['room'] = 'x'));
expectType<IHeaderDictionary>(context.Request.Headers);
expectType<string | undefined>(context.Request.Headers['Origin']);
expectType<RouteValueDictionary>(context.Request.RouteValues);
expectType<number>(context.Response.StatusCode);
expectType<string | null>(context.Response.ContentType);
expectType<boolean>(context.Response.HasStarted);
expectType<Promise<void>>(context.Response.WriteAsync('text'));
expectType<Promise<void>>(context.Response.WriteAsync(new Uint8Array(1), CancellationToken.None));
expectError(context.Response.WriteAsync(42));
expectError((context.Response.StatusCode = '400'));
context.Response.Headers['Content-Type'] = 'text/plain';
expectType<string | null>(context.Connection.RemoteIpAddress);
expectType<number>(context.Connection.RemotePort);
expectAssignable<RequestDelegate>(async (c: HttpContext) => {
  await c.Response.WriteAsync('x');
});

// StatusCodes constants are the numbers themselves.
expectType<400>(StatusCodes.Status400BadRequest);
expectType<101>(StatusCodes.Status101SwitchingProtocols);

// WebSocketManager.AcceptWebSocketAsync overloads.
expectType<boolean>(context.WebSockets.IsWebSocketRequest);
expectType<readonly string[]>(context.WebSockets.WebSocketRequestedProtocols);
expectType<Promise<WebSocket>>(context.WebSockets.AcceptWebSocketAsync());
expectType<Promise<WebSocket>>(context.WebSockets.AcceptWebSocketAsync('chat'));
expectType<Promise<WebSocket>>(context.WebSockets.AcceptWebSocketAsync(null));
expectType<Promise<WebSocket>>(context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext({ SubProtocol: 'chat' })));
expectError(context.WebSockets.AcceptWebSocketAsync(42));

// WebSocketAcceptContext: TimeSpan? members are Nullable<TimeSpan>, settable from a TimeSpan.
const acceptContext = new WebSocketAcceptContext();
expectType<string | null>(acceptContext.SubProtocol);
expectType<Nullable<TimeSpan>>(acceptContext.KeepAliveInterval);
expectType<Nullable<TimeSpan>>(acceptContext.KeepAliveTimeout);
acceptContext.KeepAliveInterval = TimeSpan.FromSeconds(5);
acceptContext.KeepAliveTimeout = null;
expectType<boolean>(acceptContext.DangerousEnableCompression);
expectType<number>(acceptContext.ServerMaxWindowBits);
expectError((acceptContext.KeepAliveInterval = 5000));

// The seed's controller, as written in TypeScript.
@Route('/ws')
@ApiController
class WebSocketController extends ControllerBase {
  @HttpGet()
  async Get(): Promise<void> {
    if (this.HttpContext.WebSockets.IsWebSocketRequest) {
      using webSocket = await this.HttpContext.WebSockets.AcceptWebSocketAsync();
      await WebSocketController.HandleWebSocketMessages(webSocket);
    } else {
      this.HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
    }
  }

  @HttpGet
  NoParentheses(): string {
    return 'as [HttpGet] in C#';
  }

  @HttpPost('{id}')
  @HttpPut('{id}')
  @HttpDelete('{id}')
  Change(id: string | undefined): string {
    return id ?? '';
  }

  private static async HandleWebSocketMessages(webSocket: WebSocket): Promise<void> {
    const buffer = new Uint8Array(1024 * 4);
    const receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    if (!receiveResult.CloseStatus.HasValue) {
      await webSocket.SendAsync(new ArraySegment(buffer, 0, receiveResult.Count), WebSocketMessageType.Text, true, CancellationToken.None);
    }
  }
}
expectType<HttpContext>(new WebSocketController().HttpContext);
expectType<HttpRequest>(new WebSocketController().Request);
expectType<HttpResponse>(new WebSocketController().Response);
expectType<void>(app.MapControllers());
expectType<void>(app.MapControllers(WebSocketController));
expectError(app.MapControllers('WebSocketController'));
// Decorators only where C# allows the attribute.
expectError(Route());
expectError(HttpGet(42));
expectError(
  class {
    @HttpGet() field = 1;
  },
);

// The template Program.cs: app.Environment, UseRouting, UseHttpsRedirection, UseAuthorization, static files.
{
  const builder = WebApplication.CreateBuilder([]);
  expectType<typeof builder.Services>(builder.Services.AddControllers());
  const template = builder.Build();
  expectType<IWebHostEnvironment>(template.Environment);
  expectType<IWebHostEnvironment>(builder.Environment);
  expectType<string>(template.Environment.EnvironmentName);
  expectType<boolean>(template.Environment.IsDevelopment());
  expectType<boolean>(template.Environment.IsEnvironment('Staging'));
  expectType<string | null>(template.Environment.WebRootPath);
  expectType<WebApplication>(template.UseHttpsRedirection().UseDefaultFiles().UseStaticFiles().UseFileServer());
  expectType<WebApplication>(template.UseRouting().UseAuthorization());
  expectType<void>(
    template.Run(async (context) => {
      await context.Response.WriteAsync('x');
    }),
  );
  expectType<Promise<void>>(template.Run());
  expectError((template.Environment.EnvironmentName = 1));
}
