/**
 * Seed §5 "WebSocket 서버 예제 (컨트롤러 기반)": the program that hosts the seed's WebSocketController
 * (Program.cs of an ASP.NET Core project; the seed shows only the controller, this is the project
 * template's Program.cs plus `app.UseWebSockets()`).
 *
 * Run:  node dist/examples/section5-controller.js [--urls http://localhost:5000]
 * Talk: node dist/examples/client.js ws://localhost:5000/ws 안녕하세요
 * Stop: Ctrl+C (every open WebSocket is closed with 1001 EndpointUnavailable).
 */
import { WebApplication } from 'dotnet-ws/Microsoft.AspNetCore.Builder';
// C# finds controllers by scanning the assembly; here, importing the module registers the class.
import './Controllers/WebSocketController.js';

const builder = WebApplication.CreateBuilder(process.argv.slice(2));

builder.Services.AddControllers();

const app = builder.Build();

app.UseWebSockets();

app.MapControllers();

await app.Run();
