// Plain JavaScript, no TypeScript: import() of a subpath from an ES module.
import assert from 'node:assert/strict';
import { ClientWebSocket, WebSocketState } from 'dotnet-ws/System.Net.WebSockets';

const client = new ClientWebSocket();
assert.equal(client.State, WebSocketState.None);
client.Dispose();
console.log('ok esm (plain .mjs): import of dotnet-ws/System.Net.WebSockets');
