// `npm run check:layers`: the layout of src/ holds. Reads every import of every source file with the
// TypeScript compiler's own pre-processor (`import`, `import type`, `export … from`, `import()`), type-only
// imports included: a type-only import still ties two files together for a reader and for the compiler.
// It fails when
//   1. a file belongs to no layer (LAYERS below, lowest first: first matching rule wins);
//   2. a file imports from a higher layer than its own;
//   3. files import each other in a circle at run time (never allowed), or in a type-only circle other than
//      the few listed in ALLOWED_CIRCLES, each because .NET's own public types refer to each other both ways;
//   4. a source file is longer than MAX_LINES (ManagedWebSocket.ts excepted while it is being split).
// `node scripts/check-layers.mjs --graph` prints each file with its layer and imports; `--root DIR` checks
// another tree laid out the same way (test/scripts/check-layers.test.ts plants faults in one).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The repository checked: this one, or the one `--root DIR` names (the script's own test uses that). */
const rootArg = process.argv.indexOf('--root');
const root = rootArg >= 0 ? resolve(process.argv[rootArg + 1]) : resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

/**
 * The layers, lowest first. A file may import from its own layer and from lower ones. Rules are paths
 * relative to src/: a folder (ending in /) or one file. The namespace folders (the public faces) hold two
 * kinds of files: plain .NET types (enums, options, exceptions, value types), which sit low, and the types
 * built on the client or the host, listed by name in the upper layers.
 */
const LAYERS = [
  {
    name: 'protocol',
    what: 'the RFC 6455/7692 engine, sans I/O: frames, masking, UTF-8, deflate; knows no .NET type or message',
    rules: ['protocol/'],
  },
  {
    name: 'base',
    what: "the base-class types (System, System.Threading, System.Text, System.IO, System.Net's plain types) and their helpers",
    rules: [
      'Resources/',
      'runtime/',
      'listener/',
      'System/',
      'System.Threading/',
      'System.Threading.Tasks/',
      'System.Text/',
      'System.IO/',
      'System.Net/',
      'System.Net.Security/',
      'Microsoft.AspNetCore.Connections/',
      'System.Net.Http/HttpRequestError.ts',
      'System.Net.Http/HttpRequestException.ts',
      'System.Net.Http/HttpVersionPolicy.ts',
      'System.Security.Cryptography/',
      'System.Security.Cryptography.X509Certificates/',
    ],
  },
  {
    name: 'websocket',
    what: 'the WebSocket types and the engine that runs them over any Duplex; the ASP.NET Core plain types',
    rules: [
      'engine/',
      'shared/',
      'System.Net.WebSockets/',
      'Microsoft.AspNetCore.Builder/WebSocketOptions.ts',
      'Microsoft.AspNetCore.Hosting/',
      'Microsoft.AspNetCore.Http/',
      'Microsoft.AspNetCore.Server.Kestrel.Core/',
    ],
  },
  {
    name: 'transport',
    what: "the client's connect (transport, proxy, HTTP/2) and the host's per-request state (host/features/)",
    rules: ['client/', 'host/features/'],
  },
  {
    name: 'http',
    what: 'HttpContext and what it hands out, built on host/features/; ControllerBase, which holds one',
    rules: [
      'Microsoft.AspNetCore.Http/HttpContext.ts',
      'Microsoft.AspNetCore.Http/HttpRequest.ts',
      'Microsoft.AspNetCore.Http/HttpResponse.ts',
      'Microsoft.AspNetCore.Http/WebSocketManager.ts',
      'Microsoft.AspNetCore.Http/RequestDelegate.ts',
      'Microsoft.AspNetCore.Mvc/ControllerBase.ts',
    ],
  },
  {
    name: 'host',
    what: 'the application host: listening, the pipeline, routing, controllers, static files, HTTP/2',
    rules: ['host/'],
  },
  {
    name: 'top',
    what: 'the types an application starts from, built on the client or the host, and the barrels',
    rules: [
      'System.Net.WebSockets/ClientWebSocket.ts',
      'System.Net/HttpListener.ts',
      'System.Net/HttpListenerContext.ts',
      'System.Net/HttpListenerRequest.ts',
      'System.Net.Http/',
      'Microsoft.AspNetCore.Builder/',
      'Microsoft.AspNetCore.Mvc/',
      '*/index.ts',
      'index.ts',
    ],
  },
];

/**
 * The type-only circles allowed (erased when compiled), each because .NET's own public types refer to each
 * other both ways, so a port with the same signatures must too. A circle that gains or loses a member fails
 * the check, and so does any circle at run time: where two modules need each other while running, the lower
 * one gets what it needs through a slot that the higher one fills as it loads (WebSocket.ts for
 * CreateFromStream, WebApplicationBuilder.ts for Build, CancellationToken.ts for its source's operations).
 */
const ALLOWED_CIRCLES = [
  {
    files: [
      'Microsoft.AspNetCore.Http/HttpContext.ts',
      'Microsoft.AspNetCore.Http/HttpRequest.ts',
      'Microsoft.AspNetCore.Http/HttpResponse.ts',
    ],
    why:
      'HttpContext.Request/Response return an HttpRequest/HttpResponse, and HttpRequest.HttpContext/' +
      'HttpResponse.HttpContext return the HttpContext (public in .NET both ways; at run time only HttpContext ' +
      'imports the other two)',
  },
  {
    files: ['System.Net/ICredentials.ts', 'System.Net/NetworkCredential.ts'],
    why:
      'ICredentials.GetCredential returns a NetworkCredential, and NetworkCredential is declared ' +
      '`implements ICredentials` as .NET declares it (dropping the clause would keep it assignable, being ' +
      'structural, but lose the compile-time check and the documented base type)',
  },
  {
    files: ['Microsoft.AspNetCore.Builder/WebApplication.ts', 'Microsoft.AspNetCore.Builder/WebApplicationBuilder.ts'],
    why:
      'WebApplication.CreateBuilder returns a WebApplicationBuilder, whose Build returns a WebApplication ' +
      '(at run time only WebApplication imports the builder; Build gets the constructor through a slot)',
  },
  {
    files: ['System.Threading/CancellationToken.ts', 'System.Threading/CancellationTokenRegistration.ts'],
    why:
      'CancellationToken.Register returns a CancellationTokenRegistration, whose Token returns the token ' +
      '(at run time only the token imports the registration; it hands CancellationToken.None over)',
  },
];

const MAX_LINES = 600;
const LONG_FILES_ALLOWED = new Set(['System.Net.WebSockets/ManagedWebSocket.ts']);

/** Every .ts file under `dir`, relative to src/. */
function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [relative(src, path)] : [];
  });
}

/** The layer index of a file: the most specific matching rule decides (a file's own name over its folder). */
function layerOf(file) {
  let best;
  for (const [index, layer] of LAYERS.entries()) {
    for (const rule of layer.rules) {
      const folder = rule.endsWith('/');
      const matches = rule.startsWith('*/')
        ? file.split('/').length === 2 && file.endsWith(rule.slice(1))
        : folder
          ? file.startsWith(rule)
          : file === rule;
      const weight = folder ? rule.length : Infinity;
      if (matches && (!best || weight > best.weight)) best = { index, weight };
    }
  }
  return best?.index;
}

/** The relative imports of a source file, each marked when only types are imported. */
function importsOf(file) {
  const text = readFileSync(join(src, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const add = (specifier, typeOnly) => {
    if (!specifier.startsWith('.')) return;
    found.push({ target: relative(src, resolve(dirname(join(src, file)), specifier)).replace(/\.js$/, '.ts'), typeOnly });
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      // `import { type A, type B }` still loads the module (verbatimModuleSyntax): only `import type` is type-only.
      add(node.moduleSpecifier.text, node.importClause?.isTypeOnly === true);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, true);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isStringLiteral(node.arguments[0])) {
      add(node.arguments[0].text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const files = sources(src).sort();
const graph = new Map(files.map((file) => [file, importsOf(file)]));

if (process.argv.includes('--graph')) {
  for (const [file, imports] of graph) {
    console.log(
      `${LAYERS[layerOf(file)]?.name ?? '?'}\t${file}\t${imports.map((i) => i.target + (i.typeOnly ? ' (type)' : '')).join(', ')}`,
    );
  }
  process.exit(0);
}

const problems = [];

// 1 and 2: every file in a layer, every import downward or level.
let upward = 0;
for (const [file, imports] of graph) {
  const layer = layerOf(file);
  if (layer === undefined) {
    problems.push(`${file}: in no layer (add a rule to LAYERS in scripts/check-layers.mjs)`);
    continue;
  }
  for (const { target, typeOnly } of imports) {
    if (!graph.has(target)) {
      problems.push(`${file}: imports ${target}, which is not a source file`);
      continue;
    }
    const targetLayer = layerOf(target);
    if (targetLayer !== undefined && targetLayer > layer) {
      upward++;
      problems.push(
        `${file} (${LAYERS[layer].name}) imports${typeOnly ? ' type' : ''} ${target} (${LAYERS[targetLayer].name}): a lower layer imports a higher one`,
      );
    }
  }
}

// 3: circles, as the strongly connected components of the import graph (Tarjan).
function components(withTypes) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (file) => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const { target, typeOnly } of graph.get(file)) {
      if ((typeOnly && !withTypes) || !graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file), low.get(target)));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file), index.get(target)));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}
const runTimeCircles = components(false).map((files) => files.join(' '));
const circles = components(true).map((files) => files.join(' '));
const allowed = new Map(ALLOWED_CIRCLES.map((circle) => [[...circle.files].sort().join(' '), circle]));
for (const circle of runTimeCircles) problems.push(`import circle (at run time): ${circle.split(' ').join(' → ')}`);
for (const circle of circles) {
  if (!allowed.has(circle) && !runTimeCircles.includes(circle)) problems.push(`import circle: ${circle.split(' ').join(' → ')}`);
}
for (const key of allowed.keys()) {
  const present = key.split(' ').every((file) => graph.has(file));
  if (present && !circles.includes(key)) problems.push(`ALLOWED_CIRCLES lists a circle that no longer exists: ${key} (remove it)`);
}

// 4: file length.
const long = [];
for (const file of files) {
  const lines = readFileSync(join(src, file), 'utf8').split('\n').length - 1;
  if (lines > MAX_LINES && !LONG_FILES_ALLOWED.has(file)) long.push(`${file}: ${lines} lines (at most ${MAX_LINES})`);
}
problems.push(...long);

for (const problem of problems) console.log(problem);
const counts = LAYERS.map((layer, index) => `${layer.name} ${files.filter((f) => layerOf(f) === index).length}`).join(', ');
console.log(
  `check:layers: ${files.length} files in ${LAYERS.length} layers (${counts}); ${upward} upward imports, ` +
    `${circles.length} circles (${runTimeCircles.length} at run time; ${ALLOWED_CIRCLES.length} type-only allowed, as .NET's signatures), ${long.length} files over ${MAX_LINES} lines`,
);
process.exit(problems.length > 0 ? 1 : 0);
