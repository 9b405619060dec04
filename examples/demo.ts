/**
 * `npm start`: the seed's §5 controller echo server (Controllers/WebSocketController.ts) with a page at `/`
 * that chats with it through the browser's WebSocket (demo-page.ts). The server logs each message as the
 * seed's sample does ("클라이언트 메시지 수신: …").
 *
 * Run:  npm start                      → http://localhost:5000
 *       npm start -- --urls http://localhost:8080    (or PORT=8080 npm start: all interfaces)
 * Stop: Ctrl+C: every open WebSocket is closed with 1001 EndpointUnavailable, then the process exits.
 */
import { WebApplication } from 'dotnet-ws/Microsoft.AspNetCore.Builder';
import type { HttpContext } from 'dotnet-ws/Microsoft.AspNetCore.Http';
import './Controllers/WebSocketController.js';
import { page } from './demo-page.js';

const builder = WebApplication.CreateBuilder(process.argv.slice(2));

builder.Services.AddControllers();

const app = builder.Build();

app.UseWebSockets();

app.MapGet('/', async (context: HttpContext) => {
  context.Response.ContentType = 'text/html; charset=utf-8';
  await context.Response.WriteAsync(page);
});

app.MapControllers();

await app.Run();
