// README.md's tutorial: every TypeScript line it puts beside the seed's C# is a line of a tested example,
// so the README cannot drift from code that runs. (Signatures, the first paragraph of a block that
// starts with one, are API declarations rather than example code.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './example-process.js';

function exampleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? exampleFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const tutorial = readme.slice(readme.indexOf('## Tutorial'), readme.indexOf('## Porting table'));
const exampleLines = new Set(
  exampleFiles(join(root, 'examples')).flatMap((f) => readFileSync(f, 'utf8').split('\n').map((l) => l.trim())),
);

/** The TypeScript blocks of the tutorial, without their leading signature paragraph. */
const blocks = [...tutorial.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => {
  const paragraphs = m[1]!.split('\n\n');
  return (/^(get )?[A-Z]\w*\(/.test(paragraphs[0]!) ? paragraphs.slice(1) : paragraphs).join('\n');
});

describe('README tutorial', () => {
  it('has a TypeScript block beside each C# block', () => {
    expect(blocks.length).toBe([...tutorial.matchAll(/```csharp\n/g)].length);
  });

  it.each(blocks.map((b, i) => [i + 1, b] as const))('block %i is made of lines of the examples', (_, block) => {
    const missing = block
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !exampleLines.has(l));
    expect(missing).toEqual([]);
  });
});
