// ES module consumer: every entry point imports, the root barrel and the subpaths give the same classes,
// and the controller scenario runs under standard decorators.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as root from 'dotnet-ws';
import * as builder from 'dotnet-ws/Microsoft.AspNetCore.Builder';
import * as http from 'dotnet-ws/Microsoft.AspNetCore.Http';
import * as mvc from 'dotnet-ws/Microsoft.AspNetCore.Mvc';
import * as system from 'dotnet-ws/System';
import * as net from 'dotnet-ws/System.Net';
import * as security from 'dotnet-ws/System.Net.Security';
import * as websockets from 'dotnet-ws/System.Net.WebSockets';
import * as cryptography from 'dotnet-ws/System.Security.Cryptography';
import * as x509 from 'dotnet-ws/System.Security.Cryptography.X509Certificates';
import * as text from 'dotnet-ws/System.Text';
import * as threading from 'dotnet-ws/System.Threading';
import * as tasks from 'dotnet-ws/System.Threading.Tasks';
import * as io from 'dotnet-ws/System.IO';
import * as hosting from 'dotnet-ws/Microsoft.AspNetCore.Hosting';
import * as kestrel from 'dotnet-ws/Microsoft.AspNetCore.Server.Kestrel.Core';
import * as connections from 'dotnet-ws/Microsoft.AspNetCore.Connections';
import * as nethttp from 'dotnet-ws/System.Net.Http';
import { runScenario } from './scenario.js';

const compiled = readFileSync(new URL('./scenario.js', import.meta.url), 'utf8');
assert.ok(compiled.includes('__esDecorate('), 'compiled with standard decorators');
assert.equal(root.WebSocketException, websockets.WebSocketException);
assert.equal(root.WebApplication, builder.WebApplication);
assert.equal(root.HttpContext, http.HttpContext);
assert.equal(root.ControllerBase, mvc.ControllerBase);
assert.equal(root.ArraySegment, system.ArraySegment);
assert.equal(root.Cookie, net.Cookie);
assert.equal(root.SslPolicyErrors, security.SslPolicyErrors);
assert.equal(root.CryptographicException, cryptography.CryptographicException);
assert.equal(root.X509Certificate2, x509.X509Certificate2);
assert.equal(root.Encoding, text.Encoding);
assert.equal(root.CancellationToken, threading.CancellationToken);
assert.equal(root.TaskCompletionSource, tasks.TaskCompletionSource);
assert.equal(root.TaskCanceledException, tasks.TaskCanceledException);
assert.equal(root.MemoryStream, io.MemoryStream);
assert.equal(root.HttpProtocols, kestrel.HttpProtocols);
assert.equal(root.ConnectionAbortedException, connections.ConnectionAbortedException);
assert.equal(root.HttpMessageInvoker, nethttp.HttpMessageInvoker);
assert.ok(hosting);
assert.ok(new websockets.WebSocketException() instanceof system.Exception);

console.log(`ok esm (standard decorators): 17 entry points; ${await runScenario()}`);
