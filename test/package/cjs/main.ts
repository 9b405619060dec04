// TypeScript compiled to CommonJS: the imports below become require() calls, which load the package's
// CommonJS entry points; the controller scenario runs under standard decorators.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { WebSocketException } from 'dotnet-ws';
import { WebSocketError, WebSocketException as SubpathWebSocketException } from 'dotnet-ws/System.Net.WebSockets';
import { runScenario } from './scenario';

assert.equal(typeof require, 'function', 'compiled to CommonJS');
assert.ok(readFileSync(require.resolve('./scenario'), 'utf8').includes('__esDecorate('), 'compiled with standard decorators');
assert.equal(WebSocketException, SubpathWebSocketException);
assert.equal(new WebSocketException(WebSocketError.Faulted).WebSocketErrorCode, WebSocketError.Faulted);

runScenario().then(
  (what) => console.log(`ok cjs (TypeScript, standard decorators): ${what}`),
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
