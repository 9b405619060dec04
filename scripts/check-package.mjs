// npm run check:package: the package as a consumer gets it. Packs the tarball (which builds dist/ through
// the `prepare` script), then checks it with
//   1. publint (--strict: warnings fail too),
//   2. @arethetypeswrong/cli: types and JS resolve alike for node10, node16 (from CJS and from ESM) and
//      bundler, on every entry point,
//   3. the tarball's contents: LICENSE, README.md and CHANGELOG.md ship; examples, docs and tests do not;
//      every source map's sources ship with it; no declaration file imports a package other than node:*,
//      so consumers need no @types/ws,
//   4. the consumer projects of test/package/ (ESM, CommonJS, experimentalDecorators), each installed
//      with the tarball, typescript and @types/node (and without @types/ws) into a temp directory,
//      compiled with every tsconfig*.json it has (strict, skipLibCheck: false) and run: out/main.js and
//      every top-level .mjs/.cjs file, each of which throws unless the package behaves,
//   5. `npm install git+file://<this repository>#<HEAD>` into a temp project, which must build dist/ on
//      `prepare` and then import and require (tests the committed HEAD; skip with --no-git).
// Prints one line per check and a closing "N passed, N failed"; exits 1 if any failed.
// Installs prefer the npm cache (--prefer-offline) and reach the registry only for what it lacks.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const withGit = !process.argv.includes('--no-git');
const work = mkdtempSync(join(tmpdir(), 'dotnet-ws-package-'));
const results = [];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const installFlags = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

/** Runs a command; returns its exit status and combined output, never throws. */
function run(command, args, cwd) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

/** Records a check; a failing one prints what it printed. */
function check(name, outcome) {
  results.push(outcome.ok);
  console.log(`${outcome.ok ? 'ok' : 'not ok'} - ${name}`);
  if (outcome.detail) console.log(indent(outcome.detail));
  else if (!outcome.ok && outcome.output) console.log(indent(outcome.output));
}

function indent(text) {
  return text.trimEnd().replace(/^/gm, '    ');
}

/** The installed version of a devDependency, so consumers install the same one (from the cache). */
function installedVersion(name) {
  return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

try {
  // The tarball, built by `prepare` as `npm pack` runs it.
  const packed = execFileSync(npm, ['pack', '--json', '--pack-destination', work, '--loglevel=error'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [{ filename, files }] = JSON.parse(packed.slice(packed.indexOf('[')));
  const tarball = join(work, filename);
  console.log(`# ${filename}: ${files.length} files`);

  // 1. publint.
  const publint = run(npm, ['exec', '--no', '--', 'publint', 'run', tarball, '--strict'], root);
  check('publint --strict', { ...publint, detail: publint.output });

  // 2. attw.
  const attw = run(npm, ['exec', '--no', '--', 'attw', tarball, '--format', 'table-flipped', '--no-emoji'], root);
  check('attw: node10, node16 (CJS and ESM), bundler on every entry point', { ...attw, detail: attw.output });

  // 3. What the tarball holds.
  const paths = new Set(files.map((f) => f.path));
  const missing = ['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json'].filter((p) => !paths.has(p));
  const unwanted = [...paths].filter((p) => /^(dist\/(examples|docs)|test|types|examples|bench|scripts)\//.test(p));
  check('ships LICENSE, README.md, CHANGELOG.md; no examples, docs, tests', {
    ok: missing.length === 0 && unwanted.length === 0,
    output: [...missing.map((p) => `missing ${p}`), ...unwanted.map((p) => `ships ${p}`)].join('\n'),
  });
  execFileSync('tar', ['-xzf', tarball, '-C', work]);
  const unpacked = join(work, 'package');
  const brokenMaps = [];
  const foreignImports = [];
  for (const path of paths) {
    const file = join(unpacked, path);
    if (path.endsWith('.map')) {
      const map = JSON.parse(readFileSync(file, 'utf8'));
      for (const source of map.sources) {
        const target = posix.join(posix.dirname(path), map.sourceRoot ?? '', source);
        if (!paths.has(target)) brokenMaps.push(`${path} -> ${target}`);
      }
    } else if (/\.d\.c?ts$/.test(path)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g)) {
        if (!m[1].startsWith('.') && !m[1].startsWith('node:')) foreignImports.push(`${path} imports '${m[1]}'`);
      }
    }
  }
  check('every source map resolves to a shipped source', { ok: brokenMaps.length === 0, output: brokenMaps.join('\n') });
  check('declarations import only node:* (no @types/ws needed)', { ok: foreignImports.length === 0, output: foreignImports.join('\n') });

  // 4. The consumer projects, sharing one install.
  const consumers = join(work, 'consumers');
  mkdirSync(consumers);
  writeFileSync(join(consumers, 'package.json'), JSON.stringify({ name: 'consumers', private: true }, null, 2));
  const install = run(
    npm,
    ['install', ...installFlags, tarball, `typescript@${installedVersion('typescript')}`, `@types/node@${installedVersion('@types/node')}`],
    consumers,
  );
  check('install the tarball with typescript and @types/node, without @types/ws', {
    ok: install.ok && !existsSync(join(consumers, 'node_modules', '@types', 'ws')),
    output: install.output,
  });
  const tsc = join(consumers, 'node_modules', 'typescript', 'bin', 'tsc');
  const projects = join(root, 'test', 'package');
  for (const name of readdirSync(projects, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'shared')
    .map((e) => e.name)) {
    const dir = join(consumers, name);
    cpSync(join(projects, name), dir, { recursive: true });
    cpSync(join(projects, 'shared'), dir, { recursive: true });
    for (const config of readdirSync(dir).filter((f) => /^tsconfig.*\.json$/.test(f))) {
      check(`${name}: tsc -p ${config}`, run(process.execPath, [tsc, '-p', config], dir));
    }
    const entries = [
      ...(existsSync(join(dir, 'out', 'main.js')) ? ['out/main.js'] : []),
      ...readdirSync(dir).filter((f) => /\.(mjs|cjs)$/.test(f)),
    ];
    for (const entry of entries) {
      const r = run(process.execPath, [entry], dir);
      const said = r.output.split('\n').filter((line) => line.startsWith('ok '));
      check(`${name}: node ${entry}`, { ok: r.ok && said.length > 0, output: r.output, detail: r.ok ? said.join('\n') : undefined });
    }
  }

  // 5. From git, as the README tells people to install it until it is published.
  if (withGit) {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const project = join(work, 'from-git');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'from-git', private: true, type: 'module' }, null, 2));
    const fromGit = run(npm, ['install', ...installFlags, `git+file://${root}#${head}`], project);
    check(`npm install git+file://…#${head.slice(0, 7)} builds dist/ on prepare`, {
      ok: fromGit.ok && existsSync(join(project, 'node_modules', 'dotnet-ws', 'dist', 'index.js')),
      output: fromGit.output,
    });
    const use = run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        [
          "import { createRequire } from 'node:module';",
          "import { WebSocketState } from 'dotnet-ws/System.Net.WebSockets';",
          "const required = createRequire(import.meta.url)('dotnet-ws/System.Net.WebSockets');",
          "if (WebSocketState.Open !== 2 || required.WebSocketState !== WebSocketState) throw new Error('wrong exports');",
        ].join('\n'),
      ],
      project,
    );
    check('the git install imports and requires', use);
  }
} catch (err) {
  check('check:package ran to the end', { ok: false, output: err instanceof Error ? (err.stack ?? err.message) : String(err) });
} finally {
  rmSync(work, { recursive: true, force: true });
}

const passed = results.filter(Boolean).length;
const failed = results.length - passed;
console.log(`check:package: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
