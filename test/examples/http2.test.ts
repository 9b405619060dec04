// examples/http2.ts, the README's "WebSockets over HTTP/2" as a program: run as a process with a PFX made
// here by openssl, it serves WebSockets over TLS (ALPN h2) and h2c and connects to each over HTTP/2. The
// README's blocks of that section must be lines of it, so they cannot drift from code that runs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeCertificate } from '../helpers/servers.js';
import { ExampleProcess, root } from './example-process.js';

const dir = mkdtempSync(join(tmpdir(), 'dotnet-ws-http2-example-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('examples/http2.ts', () => {
  it('serves WebSockets over TLS (ALPN h2) and h2c, and its client reaches each over HTTP/2', async () => {
    const { cert, key } = makeCertificate('localhost', 'DNS:localhost,IP:127.0.0.1');
    const pfx = join(dir, 'server.pfx');
    execFileSync('openssl', ['pkcs12', '-export', '-out', pfx, '-passout', 'pass:secret'], { input: key + cert });
    const example = ExampleProcess.start('http2.js', [pfx, 'secret', '0', '0']);
    expect(await example.exited).toEqual({ code: 0, signal: null });
    expect(example.stderr).toBe('');
    const lines = example.lines.map((l) => l.replace(/localhost:\d+/, 'localhost:<port>'));
    const exchange = (scheme: string) => [
      'server: HTTP/2 CONNECT /ws',
      `client: connected to ${scheme}://localhost:<port>/ws (HTTP status 200)`,
      'client: received hello over HTTP/2',
      'client: Closed',
    ];
    expect(lines).toEqual([...exchange('wss'), ...exchange('ws')]);
  });

  it("is where the README's HTTP/2 blocks come from, line for line", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## WebSockets over HTTP/2'), readme.indexOf('## Differences from .NET'));
    const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks).toHaveLength(2);
    const example = new Set(readFileSync(join(root, 'examples', 'http2.ts'), 'utf8').split('\n').map((l) => l.trim()));
    const missing = blocks.flatMap((b) => b.split('\n').map((l) => l.trim())).filter((l) => l !== '' && !example.has(l));
    expect(missing).toEqual([]);
  });
});
