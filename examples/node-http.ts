/**
 * The seed's §5 controller mounted on an existing Node.js server, beside its own routes, on one port.
 * The existing app here is a plain node:http request handler (an Express app is mounted the same way:
 * see the README); dotnet-ws serves the WebSocket upgrades on /ws and the requests the existing app
 * does not handle (so a plain GET /ws gets the controller's 400).
 *
 * Run:  node dist/examples/node-http.js            (HOST and PORT from the environment; default localhost:5000)
 * Try:  curl http://localhost:5000/   and   node dist/examples/client.js ws://localhost:5000/ws 안녕하세요
 * Stop: Ctrl+C: the WebSockets are closed with 1001 EndpointUnavailable, then the server.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { WebApplication } from 'dotnet-ws/Microsoft.AspNetCore.Builder';
import './Controllers/WebSocketController.js';

const port = Number(process.env['PORT'] ?? 5000);
const host = process.env['HOST'] ?? 'localhost';

// The dotnet-ws application: not started itself; it serves through the server it is attached to.
const app = WebApplication.CreateBuilder(process.argv.slice(2)).Build();
app.UseWebSockets();
app.MapControllers();

// The existing app, with its own routes. What it does not handle goes to dotnet-ws, then 404.
function existingApp(req: IncomingMessage, res: ServerResponse): void {
  if (req.method === 'GET' && req.url === '/') {
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('Hello from node:http. WebSocket: ws://<this host>/ws\n');
    return;
  }
  app.handleRequest(req, res, () => {
    res.statusCode = 404;
    res.end('Not Found\n');
  });
}

const server = createServer(existingApp);
app.attach(server); // WebSocket upgrades on this server go to the app's endpoints.

server.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  console.log(`Listening on http://${host}:${actualPort} (WebSocket: ws://${host}:${actualPort}/ws)`);
});

async function shutdown(): Promise<void> {
  console.log('Shutting down...');
  await app.StopAsync(); // closes every WebSocket with 1001 EndpointUnavailable
  server.close();
  server.closeAllConnections();
}
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
