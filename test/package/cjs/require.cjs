// Plain CommonJS JavaScript: require() of every entry point (Node 20.19+ loads the ES module build
// through require(esm)), one instance shared with import(), and a WebSocket echo with no decorators.
const assert = require('node:assert/strict');

const entryPoints = [
  'dotnet-ws',
  'dotnet-ws/System',
  'dotnet-ws/System.Threading',
  'dotnet-ws/System.Threading.Tasks',
  'dotnet-ws/System.Text',
  'dotnet-ws/System.IO',
  'dotnet-ws/System.Net.WebSockets',
  'dotnet-ws/System.Net',
  'dotnet-ws/System.Net.Security',
  'dotnet-ws/System.Security.Cryptography',
  'dotnet-ws/System.Security.Cryptography.X509Certificates',
  'dotnet-ws/Microsoft.AspNetCore.Builder',
  'dotnet-ws/Microsoft.AspNetCore.Http',
  'dotnet-ws/Microsoft.AspNetCore.Mvc',
  'dotnet-ws/Microsoft.AspNetCore.Hosting',
  'dotnet-ws/Microsoft.AspNetCore.Server.Kestrel.Core',
  'dotnet-ws/Microsoft.AspNetCore.Connections',
  'dotnet-ws/System.Net.Http',
];

/** Entry points whose namespace has types only. */
const typesOnly = new Set(['dotnet-ws/Microsoft.AspNetCore.Hosting']);

async function main() {
  for (const name of entryPoints) {
    const required = require(name);
    const imported = await import(name);
    // Microsoft.AspNetCore.Hosting holds only an interface (IWebHostEnvironment): nothing at run time.
    if (!typesOnly.has(name)) assert.ok(Object.keys(required).length > 0, `${name} exports something`);
    for (const key of Object.keys(imported)) assert.equal(required[key], imported[key], `${name}: ${key} is one instance`);
  }

  const { WebApplication } = require('dotnet-ws/Microsoft.AspNetCore.Builder');
  const { ArraySegment, Uri } = require('dotnet-ws/System');
  const { CancellationToken } = require('dotnet-ws/System.Threading');
  const { ClientWebSocket, WebSocketMessageType, WebSocketCloseStatus, WebSocketState } = require('dotnet-ws/System.Net.WebSockets');

  const app = WebApplication.CreateBuilder([]).Build();
  app.Urls.Add('http://127.0.0.1:0');
  app.UseWebSockets();
  app.Map('/echo', async (context) => {
    const ws = await context.WebSockets.AcceptWebSocketAsync();
    const buffer = new Uint8Array(256);
    let r = await ws.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    while (!r.CloseStatus.HasValue) {
      await ws.SendAsync(new ArraySegment(buffer, 0, r.Count), r.MessageType, r.EndOfMessage, CancellationToken.None);
      r = await ws.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    }
    await ws.CloseAsync(r.CloseStatus.Value, r.CloseStatusDescription, CancellationToken.None);
  });
  await app.StartAsync();
  try {
    const client = new ClientWebSocket();
    await client.ConnectAsync(new Uri(`${app.Urls[0].replace('http', 'ws')}/echo`), CancellationToken.None);
    await client.SendAsync(new ArraySegment(Buffer.from('from require')), WebSocketMessageType.Text, true, CancellationToken.None);
    const buffer = new Uint8Array(64);
    const r = await client.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    assert.equal(Buffer.from(buffer.subarray(0, r.Count)).toString(), 'from require');
    await client.CloseAsync(WebSocketCloseStatus.NormalClosure, '', CancellationToken.None);
    assert.equal(client.State, WebSocketState.Closed);
  } finally {
    await app.StopAsync();
  }
  console.log(`ok cjs (plain require): ${entryPoints.length} entry points, one instance with import(), a WebSocket echo`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
