// Smoke test of `npm run bench` (bench/run.mjs): every scenario runs once per side with tiny sizes, so
// the script keeps working. It measures nothing: no figure is compared with a target here.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs the bench script with `args`; resolves with its output, rejects on a non-zero exit. */
function bench(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', path.join(root, 'bench', 'run.mjs'), ...args],
      { cwd: root, timeout: 90_000, maxBuffer: 1 << 20 },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stdout}\n${stderr}`)) : resolve(stdout)),
    );
  });
}

const TINY = [
  '--duration', '0.2',
  '--reps', '1',
  '--idle', '20',
  '--fanin-conns', '20',
  '--fanin-rate', '20',
  '--flood-mb', '8',
  '--flood-rate', '100',
];

describe('bench/run.mjs', () => {
  it('runs every scenario on both sides and prints a ratio for each', { timeout: 90_000 }, async () => {
    // The bench imports the built library; `npm test` builds before running vitest.
    expect(existsSync(path.join(root, 'dist', 'index.js')), 'dist/ missing: run `npm run build` first').toBe(true);

    const out = await bench(TINY);

    expect(out).toMatch(/^machine: .+, \d+ cores, Node v\d+.*, ws \d+\.\d+\.\d+, bufferutil (yes|no);/m);
    for (const name of ['rtt', 'c2s', 's2c', 'idle-20', 'fanin', 'flood']) {
      const ratios = [...out.matchAll(new RegExp(`^\\s*ratio ${name} [^=]+= (\\S+)`, 'gm'))].map((m) => Number(m[1]));
      expect(ratios.length, `no ratio line for ${name}:\n${out}`).toBeGreaterThan(0);
      // With so little measured, a side can show no RSS growth at all: any number will do, but not NaN.
      for (const ratio of ratios) expect(Number.isNaN(ratio), `${name}: ratio ${ratio}`).toBe(false);
    }
    // Every idle connection was accepted and answered, on both sides.
    expect(out).toMatch(/^\s*ws: 20\/20 accepted, 20\/20 served/m);
    expect(out).toMatch(/^\s*dotnet-ws: 20\/20 accepted, 20\/20 served/m);
    // And on the reference: raw ws under the seed's code shape, with its ratios.
    expect(out).toMatch(/^\s*ws-async: 20\/20 accepted, 20\/20 served/m);
    expect(out).toMatch(/^\s*ratio to ws = \d+\.\d+; dotnet-ws \/ reference = \d+\.\d+$/m);
    // The Markdown table for the README closes the output.
    expect(out).toMatch(/^\| rtt \| round trips \(rt\/s\) \|/m);
  });

  it('runs only the scenarios named by --only', { timeout: 30_000 }, async () => {
    const out = await bench([...TINY, '--only', 'rtt']);

    expect(out).toMatch(/^\s*ratio rtt /m);
    expect(out).not.toMatch(/^\s*ratio (c2s|s2c|idle|fanin|flood) /m);
  });
});
