// npm run check:ports: the C# programs of test/ports/ compiled as a consumer would, against the packed
// package under `strict`. Packs the tarball (which builds dist/), installs it with typescript and
// @types/node into a temp directory (as check:package does), then type-checks each port twice:
//   table.ts   — the transliteration by the README's porting table alone (its errors are the figure the
//                README of test/ports records; they are expected),
//   program.ts — the running version after the hand changes (must have none).
// Prints one line per port with both error counts, and with --verbose the table-only errors themselves.
// Exits 1 if a program.ts has an error.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const verbose = process.argv.includes('--verbose');
const work = mkdtempSync(join(tmpdir(), 'dotnet-ws-ports-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const version = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;

/** The strict ES module consumer of test/package/esm, one file at a time. */
const tsconfig = (file) => ({
  compilerOptions: {
    target: 'ES2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    strict: true,
    skipLibCheck: false,
    types: ['node'],
    noEmit: true,
  },
  files: [file],
});

let failed = false;
try {
  const packed = execFileSync(npm, ['pack', '--json', '--pack-destination', work, '--loglevel=error'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [{ filename }] = JSON.parse(packed.slice(packed.indexOf('[')));
  const consumer = join(work, 'consumer');
  cpSync(join(root, 'test', 'ports'), consumer, { recursive: true });
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'ports', private: true, type: 'module' }));
  const install = spawnSync(
    npm,
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      join(work, filename),
      `typescript@${version('typescript')}`,
      `@types/node@${version('@types/node')}`,
    ],
    { cwd: consumer, encoding: 'utf8' },
  );
  if (install.status !== 0) throw new Error(install.stderr);
  const tsc = join(consumer, 'node_modules', 'typescript', 'bin', 'tsc');
  const ports = readdirSync(consumer, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(consumer, e.name, 'table.ts')))
    .map((e) => e.name);
  for (const port of ports) {
    const counts = {};
    for (const file of ['table.ts', 'program.ts']) {
      const config = join(consumer, port, `tsconfig.${file}.json`);
      writeFileSync(config, JSON.stringify(tsconfig(file)));
      const r = spawnSync(process.execPath, [tsc, '-p', config], { cwd: join(consumer, port), encoding: 'utf8' });
      const errors = `${r.stdout}${r.stderr}`.split('\n').filter((line) => /error TS\d+/.test(line));
      counts[file] = errors.length;
      if (file === 'program.ts' && errors.length > 0) {
        failed = true;
        console.log(errors.map((e) => `    ${e}`).join('\n'));
      }
      if (file === 'table.ts' && verbose) console.log(errors.map((e) => `    ${e}`).join('\n'));
    }
    console.log(
      `${counts['program.ts'] === 0 ? 'ok' : 'not ok'} - ${port}: table-only ${counts['table.ts']} errors, program ${counts['program.ts']}`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
