// After `tsc`, makes dist/ what package.json "exports" promises:
//
// 1. The CommonJS entry points. Each `require` target (dist/<Namespace>/index.cjs) is one line that
//    loads the ES module build with require(), which Node runs natively from 20.19 on. CommonJS and ESM
//    consumers therefore share one instance of the library: one controller registry, one set of
//    exception classes, so `instanceof WebSocketException` holds whichever way the module was loaded.
// 2. Their declarations. TypeScript reads a `.d.ts` beside a `.js` of a "type": "module" package as an
//    ES module, which a CommonJS consumer cannot `require` under `module: node16`. Every declaration is
//    copied to a `.d.cts` twin whose relative imports name `.cjs` files, so a CommonJS consumer sees a
//    CommonJS-shaped module with the same named exports that require() returns at run time.
// 3. Only the declarations a consumer can reach. Declarations that no entry point imports (after
//    `stripInternal`) are removed, so no declaration of an internal seam, and none of the `ws` types it
//    may mention, ships.
// 4. One bundle of the JavaScript. tsc emits ~180 ES modules; Node's ESM loader keeps several kilobytes
//    of state per module and reads every source as its own string, and the bytes that survive while they
//    load make V8 double its young generation twice more than `ws` alone does (semi-space 4 MB instead of
//    2, `--trace-gc-verbose`). A larger young generation collects less often, so the 64 KiB buffers each
//    socket read allocates stay alive longer: more memory, and more full collections. esbuild bundles the
//    emitted modules (their source maps chained, so stack positions map back to src/) into
//    dist/lib/dotnet-ws.js; every entry point in "exports" becomes a one-line re-export of its names
//    from it, and the emitted modules are removed, so one module graph ships and loads. The bundle also
//    exports a few internal seams (INTERNAL below) for bench/; "exports" does not reach them.
//
// Usage: `node scripts/build-package.mjs --clean` before `tsc -p tsconfig.json` empties dist/ of the
// library's files (a renamed source leaves no stale output to be packed; dist/examples and dist/docs
// stay), and `node scripts/build-package.mjs` after it does the above. `npm run build:lib` runs both.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

if (process.argv.includes('--clean')) {
  if (existsSync(dist)) {
    for (const name of readdirSync(dist)) {
      if (name !== 'examples' && name !== 'docs') rmSync(join(dist, name), { recursive: true, force: true });
    }
  }
  process.exit(0);
}

/** Relative module specifiers in a declaration file: `from './x.js'`, `import('./x.js')`. */
const relativeSpecifier = /(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\2/g;

/** Every file under `dir`, as absolute paths. */
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

/** The declaration files reachable from `entries` through relative imports. */
function reachableDeclarations(entries) {
  const seen = new Set();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    if (!existsSync(file)) throw new Error(`${relative(root, file)}: imported by a declaration but not emitted`);
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(relativeSpecifier)) {
      queue.push(resolve(dirname(file), match[3].replace(/\.js$/, '.d.ts')));
    }
  }
  return seen;
}

/** The `exports` conditions' targets, as [import types, require types, require default] triples. */
const entryPoints = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target === 'object')
  .map(([subpath, target]) => ({
    subpath,
    esmTypes: join(root, target.import.types),
    esm: join(root, target.import.default),
    cjsTypes: join(root, target.require.types),
    cjs: join(root, target.require.default),
  }));

// 3. Prune, before copying, so the copies are exactly the shipped declarations.
const published = walk(dist).filter((f) => !f.startsWith(join(dist, 'examples')) && !f.startsWith(join(dist, 'docs')));
const keep = reachableDeclarations(entryPoints.map((e) => e.esmTypes));
for (const file of published.filter((f) => f.endsWith('.d.ts') && !keep.has(f))) {
  rmSync(file);
  rmSync(`${file}.map`, { force: true });
}

// 2. The .d.cts twins (and their declaration maps, so "go to definition" reaches src/ from both).
for (const file of keep) {
  const twin = file.replace(/\.d\.ts$/, '.d.cts');
  const text = readFileSync(file, 'utf8')
    .replace(relativeSpecifier, (_, keyword, quote, specifier) => `${keyword}${quote}${specifier.replace(/\.js$/, '.cjs')}${quote}`)
    .replace(/^\/\/# sourceMappingURL=(.*)\.d\.ts\.map$/m, '//# sourceMappingURL=$1.d.cts.map');
  writeFileSync(twin, text);
  const map = `${file}.map`;
  if (existsSync(map)) {
    const json = JSON.parse(readFileSync(map, 'utf8'));
    json.file = json.file.replace(/\.d\.ts$/, '.d.cts');
    writeFileSync(`${twin}.map`, JSON.stringify(json));
  }
}

// 1. The CommonJS entry points.
for (const { subpath, esm, cjs } of entryPoints) {
  const specifier = `./${relative(dirname(cjs), esm)}`;
  writeFileSync(
    cjs,
    [
      `// ${pkg.name}${subpath.slice(1)} for require(): the ES module itself, loaded with Node's require(esm)`,
      '// (Node 20.19+), so CommonJS and ESM consumers share one instance of the library.',
      `module.exports = require('${specifier}');`,
      '',
    ].join('\n'),
  );
}

// 4. The bundle. The names each entry point exports, read from the emitted modules before they go.
const bundle = join(dist, 'lib', 'dotnet-ws.js');
/** Internal seams the bundle exports for bench/ (never reachable through "exports"): module → names. */
const INTERNAL = {
  'System.Net.WebSockets/ManagedWebSocket.js': ['ManagedWebSocket'],
  'shared/ws-handoff.js': ['HandoffWebSocket', 'HANDSHAKE_CLIENT_OPTIONS', 'handshakeServer'],
  'protocol/permessage-deflate.js': ['MessageDeflater', 'MessageInflater'],
};
const exported = new Map();
for (const { esm } of entryPoints) exported.set(esm, Object.keys(await import(pathToFileURL(esm).href)).sort());
const rootEntry = entryPoints.find((e) => e.subpath === '.').esm;
const publicNames = new Set(exported.get(rootEntry));
for (const [esm, names] of exported) {
  const stray = names.filter((n) => !publicNames.has(n));
  if (stray.length > 0) throw new Error(`${relative(dist, esm)} exports ${stray.join(', ')}, which the root entry point does not`);
}
const entrySource = [
  `export * from ${JSON.stringify(`./${relative(dist, rootEntry).split(sep).join('/')}`)};`,
  ...Object.entries(INTERNAL).map(([file, names]) => `export { ${names.join(', ')} } from ${JSON.stringify(`./${file}`)};`),
].join('\n');
await build({
  stdin: { contents: entrySource, resolveDir: dist, sourcefile: 'dotnet-ws.js' },
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  sourcesContent: false,
  // Without whitespace, comments and the syntax esbuild can shorten, the bundle is 318 KB of source
  // instead of 548: few enough bytes survive its import that a reader after bench/server.mjs's forced
  // collections keeps a 4 MiB young generation instead of 8, which halved the socket reads it held (the
  // 1 GiB read: 13-17 MiB of RSS growth instead of 29-30, before ClientWebSocket's socket read into one
  // shared buffer: src/engine/socket-reads.ts). Stack positions still map back to src/.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
});
const emitted = walk(dist).filter((f) => f.endsWith('.js') && !isKept(f));

// Class names. A bundled class becomes a class expression, `var Foo=class _Foo{…}` when its body names it,
// and `_Foo` would be its `name` (which exceptions report through new.target.name, and util.inspect
// shows); a class whose name clashed with another would be `Foo2`. esbuild's keepNames would fix both
// by redefining the `name` of every named function each time one is created: ~450 calls at import, and
// 11 per connection for the named closures in the host and the engine (each a defineProperty and a
// property store kept as long as the closure). Instead, the few `_Foo` classes get their names back once,
// at the end of the bundle, and a clash fails the build.
const declared = new Set(emitted.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bclass ([\w$]+)/g)].map((m) => m[1])));
let code = readFileSync(bundle, 'utf8');
const renamed = [...code.matchAll(/(?:\bvar |,)([\w$]+)=class\b|\bclass ([^_\W][\w$]*)/g)]
  .map((m) => m[1] ?? m[2])
  .filter((n) => n !== 'extends' && !declared.has(n));
if (renamed.length > 0) throw new Error(`the bundle renamed classes (their names would change): ${renamed.join(', ')}`);
// (A declaration may follow others in one `var a=…,Foo=class _Foo{…}`.)
const innerNamed = [...code.matchAll(/(?:\bvar |,)([\w$]+)=class (_[\w$]+)/g)].filter(
  ([, outer, inner]) => inner.startsWith(`_${outer}`) && /^\d*$/.test(inner.slice(outer.length + 1)),
);
const mapComment = code.lastIndexOf('//# sourceMappingURL=');
code = `${code.slice(0, mapComment)}for(const[c,n]of[${innerNamed.map(([, outer]) => `[${outer},"${outer}"]`).join(',')}])Object.defineProperty(c,"name",{value:n,configurable:!0});\n${code.slice(mapComment)}`;
writeFileSync(bundle, code);

// The emitted modules go; each entry point re-exports its names from the bundle.
for (const file of emitted) {
  rmSync(file);
  rmSync(`${file}.map`, { force: true });
}
for (const [esm, names] of exported) {
  const from = relative(dirname(esm), bundle).split(sep).join('/');
  writeFileSync(esm, `export { ${names.join(', ')} } from '${from.startsWith('.') ? from : `./${from}`}';\n`);
}

/** Files of dist/ that are not the library's emitted JavaScript: examples, docs, ports and the bundle. */
function isKept(file) {
  return ['examples', 'docs', 'ports', 'lib'].some((d) => file.startsWith(join(dist, d) + sep));
}
