// The type tests: every types/**/*.test-d.ts checked by tsd against the built declarations in dist/, as a
// consumer of the package sees them (`npm test` builds first). They run here, through tsd's programmatic API,
// because tsd's CLI checked nothing: left to find its files, it derives the test file's name from
// package.json "types" by replacing `.d.ts`, and "./dist/index.d.cts" has no `.d.ts` to replace, so the
// "test file" it found was dist/index.d.cts itself and the types/ directory was never read. So this file also
// proves that the check checks: tsd must compile exactly the files of types/ (plus the planted one), and must
// report each deliberately wrong assertion of test/fixtures/tsd/planted-wrong.test-d.ts.
//
// Which files tsd compiled is read from tsd's own TypeScript: its createProgram is wrapped before tsd loads
// it, so the root files of the program it builds are recorded rather than assumed.
//
// Consumer view: package.json "tsd.compilerOptions" unsets the root tsconfig's outDir and rootDir, which tsd
// would otherwise inherit. With an outDir, TypeScript maps an import of the package's own name that resolves
// into dist/ back to the source file in src/, so the assertions would be checked against src/, not against
// the declarations that ship.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const planted = 'test/fixtures/tsd/planted-wrong.test-d.ts';

interface TsdDiagnostic {
  fileName: string;
  message: string;
  severity: 'error' | 'warning';
  line?: number;
  column?: number;
}
interface Tsd {
  default: (options: { cwd: string; testFiles?: readonly string[] }) => Promise<TsdDiagnostic[]>;
  formatter: (diagnostics: TsdDiagnostic[]) => string;
}
interface TsdTypeScript {
  createProgram: (rootNames: readonly string[], ...rest: unknown[]) => unknown;
}

/** Loads tsd with its TypeScript wrapped so that every program it creates records its root files. */
function loadTsd(): { tsd: Tsd; compiled: string[] } {
  const require = createRequire(import.meta.url);
  const tsdRequire = createRequire(require.resolve('tsd'));
  const typescriptPath = tsdRequire.resolve('@tsd/typescript');
  if (require.cache[require.resolve('tsd')] !== undefined) throw new Error('tsd was loaded before its TypeScript was wrapped');
  const typescript = tsdRequire(typescriptPath) as TsdTypeScript;
  const compiled: string[] = [];
  const wrapped = Object.create(typescript, {
    createProgram: {
      value: (rootNames: readonly string[], ...rest: unknown[]) => {
        compiled.push(...rootNames);
        return typescript.createProgram(rootNames, ...rest);
      },
    },
  }) as TsdTypeScript;
  const cached = require.cache[typescriptPath];
  if (cached === undefined) throw new Error(`${typescriptPath} is not in the require cache`);
  cached.exports = wrapped;
  return { tsd: require('tsd') as Tsd, compiled };
}

/** Every type test file under types/, as a path relative to the repository root. */
function typeTestFiles(): string[] {
  return readdirSync(path.join(root, 'types'), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.test-d\.tsx?$/.test(name))
    .map((name) => path.posix.join('types', name.split(path.sep).join('/')))
    .sort();
}

it('tsd checks every types/ file against dist/ and reports each planted wrong assertion', async () => {
  const { tsd, compiled } = loadTsd();
  const expected = typeTestFiles();
  expect(expected.length).toBeGreaterThan(0);

  const diagnostics = await tsd.default({ cwd: root, testFiles: ['types/**/*.test-d.ts', 'types/**/*.test-d.tsx', planted] });

  const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');
  expect(compiled.map(relative).sort()).toEqual([...expected, planted].sort());

  const real = diagnostics.filter((d) => relative(d.fileName) !== planted);
  expect(real, tsd.formatter(real)).toEqual([]);

  const found = diagnostics
    .filter((d) => relative(d.fileName) === planted)
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
    .map((d) => `${d.line}: ${d.severity}: ${d.message}`);
  expect(found).toHaveLength(3);
  // The enum's declaration is the one in dist/, not the source in src/: the consumer's view.
  expect(found[0]).toMatch(
    /^7: error: .*\/dist\/System\.Net\.WebSockets\/WebSocketState".* is not assignable to parameter of type 'string'/,
  );
  expect(found.slice(1)).toEqual(['9: error: Expected an error, but found none.', "10: error: Unused '@ts-expect-error' directive."]);
}, 120_000);
