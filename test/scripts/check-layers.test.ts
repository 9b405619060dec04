// scripts/check-layers.mjs (npm run check:layers) catches what it is there to catch: a tree with one planted
// fault of each kind fails with that fault named, and the same tree without the fault passes.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = new URL('../../scripts/check-layers.mjs', import.meta.url).pathname;
const trees: string[] = [];

afterEach(() => {
  for (const tree of trees.splice(0)) rmSync(tree, { recursive: true, force: true });
});

/** A tree with src/ holding `files` (path → text). */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'check-layers-'));
  trees.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, 'src', path)), { recursive: true });
    writeFileSync(join(root, 'src', path), text);
  }
  return root;
}

/** Runs the check on `root`: its exit code and output. */
async function check(root: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, [script, '--root', root]);
    return { code: 0, out: stdout };
  } catch (e) {
    const failure = e as { code: number; stdout: string };
    return { code: failure.code, out: failure.stdout };
  }
}

const clean = {
  'protocol/frames.ts': 'export const OPCODE_TEXT = 1;\n',
  'Resources/Text.ts': "import { OPCODE_TEXT } from '../protocol/frames.js';\nexport const SR = { text: `${OPCODE_TEXT}` };\n",
  'host/pipeline.ts': "import { SR } from '../Resources/Text.js';\nexport const pipeline = SR;\n",
  'index.ts': "export { pipeline } from './host/pipeline.js';\n",
};

describe('check:layers', () => {
  it('passes a tree that keeps the rules', async () => {
    const { code, out } = await check(tree(clean));
    expect(out).toContain('0 upward imports');
    expect(code).toBe(0);
  });

  it('fails an import from a lower layer up to a higher one, type-only included', async () => {
    const { code, out } = await check(
      tree({ ...clean, 'protocol/frames.ts': "import type { SR } from '../Resources/Text.js';\nexport type T = typeof SR;\n" }),
    );
    expect(out).toContain('protocol/frames.ts (protocol) imports type Resources/Text.ts (base): a lower layer imports a higher one');
    expect(code).toBe(1);
  });

  it('fails an import circle that is not listed', async () => {
    const { code, out } = await check(
      tree({
        ...clean,
        'runtime/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
        'runtime/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
      }),
    );
    expect(out).toContain('import circle (at run time): runtime/a.ts → runtime/b.ts');
    expect(code).toBe(1);
  });

  it('allows a listed circle while it is type-only, and fails it once it imports at run time', async () => {
    const builder = 'Microsoft.AspNetCore.Builder/WebApplicationBuilder.ts';
    const application = 'Microsoft.AspNetCore.Builder/WebApplication.ts';
    const typeOnly = {
      ...clean,
      [application]:
        "import { WebApplicationBuilder } from './WebApplicationBuilder.js';\nexport class WebApplication { b = WebApplicationBuilder; }\n",
      [builder]: "import type { WebApplication } from './WebApplication.js';\nexport class WebApplicationBuilder { a?: WebApplication; }\n",
    };
    const allowed = await check(tree(typeOnly));
    expect(allowed.out).toContain('1 circles (0 at run time;');
    expect(allowed.code).toBe(0);

    const runTime = await check(
      tree({
        ...typeOnly,
        [builder]: "import { WebApplication } from './WebApplication.js';\nexport class WebApplicationBuilder { a = WebApplication; }\n",
      }),
    );
    expect(runTime.out).toContain(`import circle (at run time): ${application} → ${builder}`);
    expect(runTime.code).toBe(1);
  });

  it('fails a file in no layer and a file over 600 lines', async () => {
    const { code, out } = await check(tree({ ...clean, 'attic/old.ts': 'export {};\n', 'host/long.ts': 'export {};\n'.repeat(601) }));
    expect(out).toContain('attic/old.ts: in no layer');
    expect(out).toContain('host/long.ts: 601 lines (at most 600)');
    expect(code).toBe(1);
  });
});
