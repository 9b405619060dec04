// The engine's rooms keep to themselves (issue 14): src/protocol/ is sans-I/O and imports only its own
// files and Node's non-network modules (no message table: it reports codes); src/engine/ adds the Duplex side and the
// System types it hands back, and never reaches the host, the client or `ws`. Read from the sources, so
// that a stray import fails here rather than in a review.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

/** Every module specifier a TypeScript file imports (static, re-exported or dynamic). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/g),
    ...text.matchAll(/import\(\s*'([^']+)'\s*\)/g),
  ];
  return found.map((m) => m[1]!);
}

function filesOf(folder: string): string[] {
  return readdirSync(path.join(src, folder))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(src, folder, f));
}

const NETWORK = /^node:(net|tls|http|https|http2|dgram)$/;

describe('src/protocol', () => {
  it.each(filesOf('protocol').map((f) => [path.basename(f), f]))('%s imports no I/O, host, client or ws', (_name, file) => {
    const allowed = (spec: string) => (spec.startsWith('./') || spec.startsWith('node:')) && !NETWORK.test(spec);
    expect(importsOf(file).filter((spec) => !allowed(spec))).toEqual([]);
  });
});

describe('src/engine', () => {
  it.each(filesOf('engine').map((f) => [path.basename(f), f]))(
    '%s imports the protocol, never the host, the client or ws',
    (_name, file) => {
      const allowed = (spec: string) =>
        (spec.startsWith('./') ||
          spec.startsWith('../protocol/') ||
          spec.startsWith('../System/') ||
          spec.startsWith('../System.Threading/') ||
          spec.startsWith('../Resources/') ||
          spec.startsWith('node:')) &&
        !NETWORK.test(spec);
      expect(importsOf(file).filter((spec) => !allowed(spec))).toEqual([]);
    },
  );

  it('finds the imports it checks (a file with a host import would be caught)', () => {
    const probe = path.join(src, 'engine', 'receive-pump.ts');
    expect(importsOf(probe)).toEqual(expect.arrayContaining(['../protocol/frame-reader.js', './frame-sender.js', 'node:stream']));
    // The ManagedWebSocket beside them does reach src/shared/: the reader sees that kind of import.
    expect(importsOf(path.join(src, 'System.Net.WebSockets', 'ManagedWebSocket.ts'))).toContain('../shared/deflate-messages.js');
  });
});
