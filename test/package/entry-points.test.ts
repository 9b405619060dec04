// Each package entry point loads what its exports need at run time. Some modules get a collaborator's
// operations through a slot that the collaborator's module fills as it loads (so the two do not import each
// other): CancellationToken gets its source's from CancellationTokenSource, WebApplicationBuilder.Build gets
// WebApplication's constructor, WebSocket.CreateFromStream gets ManagedWebSocket. Here every entry of
// package.json's `exports` is imported alone in a fresh Node.js process (the built dist/, as a consumer
// loads it) and each slot-backed operation that entry exports is used.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  exports: Record<string, { import: { default: string } }>;
};

/** Imported as the only module of a process; prints what the entry's slot-backed operations did. */
const probe = `
const m = await import(process.argv[1]);
const out = { has: { token: !!m.CancellationToken, exception: !!m.OperationCanceledException, app: !!m.WebApplication, stream: !!(m.WebSocket && m.WebSocketCreationOptions) } };
if (m.CancellationToken) {
  out.canceled = new m.CancellationToken(true).IsCancellationRequested;
  const token = m.CancellationToken.fromSignal(AbortSignal.abort());
  out.fromSignal = token.IsCancellationRequested;
  try { token.ThrowIfCancellationRequested(); } catch (e) { out.threw = e.constructor.name; }
  out.reason = new m.CancellationToken(true).signal.reason.constructor.name;
}
if (m.OperationCanceledException) {
  const registration = new m.OperationCanceledException().CancellationToken.Register(() => {});
  out.emptyRegistration = registration.Token.CanBeCanceled;
}
if (m.WebApplication) out.built = m.WebApplication.CreateBuilder([]).Build().constructor.name;
if (m.WebSocket && m.WebSocketCreationOptions) {
  const { PassThrough } = await import('node:stream');
  const ws = m.WebSocket.CreateFromStream(new PassThrough(), new m.WebSocketCreationOptions({ IsServer: true }));
  out.fromStream = ws.State;
  ws.Abort();
}
console.log(JSON.stringify(out));
`;

async function probeEntry(entry: string): Promise<Record<string, unknown>> {
  const file = `${root}${manifest.exports[entry]!.import.default}`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', probe, file], { timeout: 20_000 });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('package entry points', () => {
  it.each(Object.keys(manifest.exports).filter((entry) => entry !== './package.json'))(
    '%s fills the slots its exports use',
    async (entry) => {
      const { has, ...used } = (await probeEntry(entry)) as { has: Record<string, boolean> };
      expect(used).toEqual({
        ...(has.token && { canceled: true, fromSignal: true, threw: 'OperationCanceledException', reason: 'OperationCanceledException' }),
        ...(has.exception && { emptyRegistration: false }),
        ...(has.app && { built: 'WebApplication' }),
        ...(has.stream && { fromStream: 2 }),
      });
    },
  );

  it('probes the entries that export the slot-backed types', async () => {
    expect((await probeEntry('./System.Threading')).has).toMatchObject({ token: true });
    expect((await probeEntry('./System')).has).toMatchObject({ exception: true });
    expect((await probeEntry('./Microsoft.AspNetCore.Builder')).has).toMatchObject({ app: true });
    expect((await probeEntry('./System.Net.WebSockets')).has).toMatchObject({ stream: true });
    expect((await probeEntry('.')).has).toEqual({ token: true, exception: true, app: true, stream: true });
  });
});

// The built package is one bundle (scripts/build-package.mjs), in which classes become class expressions:
// every exported class and function keeps its own name there (exceptions report it as their `name`,
// util.inspect shows it), and so do the classes an application meets without importing them.
describe('names in the bundle', () => {
  const names = `
const m = await import(process.argv[1]);
const { PassThrough } = await import('node:stream');
const wrong = Object.entries(m).filter(([k, v]) => typeof v === 'function' && v.name !== k).map(([k, v]) => k + ' is named ' + v.name);
const ws = m.WebSocket.CreateFromStream(new PassThrough(), new m.WebSocketCreationOptions({ IsServer: true }));
ws.Abort();
let thrown;
try { new m.ArraySegment(null); } catch (e) { thrown = [e.name, String(e).split(':')[0]]; }
console.log(JSON.stringify({ wrong, socket: ws.constructor.name, thrown, inspected: (await import('node:util')).inspect(new m.ArraySegment(new Uint8Array(2))).split(' ')[0] }));
`;

  it('keeps every exported class and function its own name', async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', names, `${root}dist/index.js`], { timeout: 20_000 });
    expect(JSON.parse(stdout)).toEqual({
      wrong: [],
      socket: 'ManagedWebSocket',
      thrown: ['ArgumentNullException', 'ArgumentNullException'],
      inspected: 'ArraySegment',
    });
  });
});
