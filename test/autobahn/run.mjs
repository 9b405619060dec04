#!/usr/bin/env node
// Autobahn|Testsuite against dotnet-ws, both roles, compression offered and accepted (unless --plain):
// - server role: wstest's fuzzingclient against echo-server.ts (WebApplication + AcceptWebSocketAsync);
// - client role: wstest's fuzzingserver for echo-client.ts (ClientWebSocket).
// With --plain the client role offers no compression (echo-client.ts --plain): the ClientWebSocket most
// programs make, which on ws:// reads its socket through the process-wide shared read buffer. A plain run
// leaves out 12.* and 13.* (they need compression) and reports as agent dotnet-ws-plain into
// reports/client-plain/, beside the compressed client/. The interop slice runs the client role both ways.
// Prints a summary per run and exits non-zero unless every run passes the criteria (summary.mjs). The full
// reports (index.html per run, logs of every process) go to test/autobahn/reports/ (git-ignored).
//
// wstest (Python 2.7) is not in this repository: $AUTOBAHN_WSTEST, else ../shared/autobahn/wstest from the
// repository root. Without it (or without a Python 2.7) the run is skipped with the reason and exit code 0,
// or exit code 2 with --require (or AUTOBAHN_REQUIRED=1).
//
// Usage: node test/autobahn/run.mjs [options]
//   --role server|client|both   which roles (default both; client with --plain)
//   --plain                     the client role offers no compression; cases 12.* and 13.* left out
//   --slice full|interop        the case selection: full = cases 1–13 (default; 1–10 with --plain),
//                               interop = the short slice; with either, the client role runs with
//                               compression offered and then plain (cases 1–10), unless --plain picks the
//                               plain run alone (--cases runs the client role only as --plain says)
//   --cases 1.*,13.3.1          wstest case patterns instead of a slice ('*' matches any text, and a
//                               pattern selects every id it is a prefix of: 9.1 takes 9.1.1–9.1.6)
//   --exclude 9.*,12.*          patterns left out
//   --timeout MINUTES           per role (default 120; the interop slice 20)
//   --no-build                  dist/ is already built (the two peers are compiled every time)
//   --summarize                 run nothing: summarise the reports already in test/autobahn/reports
//   --require                   a missing wstest or Python 2.7 is an error (exit 2), not a skip
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { evaluate, formatRole, readReport } from './summary.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const reportsDir = join(here, 'reports');
const buildDir = join(here, '.build');

/**
 * The runs: a role, and for the client role whether it offers compression. Each run has its own reports
 * directory and wstest agent name, so a plain run and a compressed one never overwrite each other.
 */
const RUNS = {
  server: {
    role: 'server',
    agent: 'dotnet-ws',
    title: 'server role (wstest fuzzingclient → echo-server.ts, WebApplication + AcceptWebSocketAsync)',
    compressionOffered: null,
  },
  client: {
    role: 'client',
    agent: 'dotnet-ws',
    title: 'client role (echo-client.ts, ClientWebSocket with DangerousDeflateOptions → wstest fuzzingserver)',
    compressionOffered: true,
  },
  'client-plain': {
    role: 'client',
    agent: 'dotnet-ws-plain',
    title: 'client role, no compression offered (echo-client.ts --plain, ClientWebSocket → wstest fuzzingserver)',
    compressionOffered: false,
    plain: true,
  },
};

/** The cases a plain run leaves out: permessage-deflate (12.*) and its parameters (13.*). */
const COMPRESSION_CASES = ['12.*', '13.*'];

/**
 * The case selections. The interop slice keeps a run of both roles within a few minutes on two cores:
 * cases 1–10 whole (framing, pings, reserved bits, opcodes, fragmentation, UTF-8, close, limits, 9.*'s
 * large and many messages), then permessage-deflate through messages that are cheap for wstest's
 * pure-Python side: 12.*.1–2 (16 and 64-byte messages of each of the five data sets), 12.1.10 (128 KiB
 * UTF-8 text messages, each read in parts through the 64 KiB buffer), and for each of the seven
 * offer/accept parameter sets of 13.* (context takeover, window bits 9 and 15, several offers)
 * 13.*.1, 13.*.2, 13.*.5 (4 KiB messages) and 13.*.11 (8 KiB messages in 256-byte frames).
 */
const SLICES = {
  full: { cases: ['*'], exclude: [] },
  interop: {
    cases: [
      '1.*',
      '2.*',
      '3.*',
      '4.*',
      '5.*',
      '6.*',
      '7.*',
      '8.*',
      '9.*',
      '10.*',
      // Explicit ids: a wstest pattern matches every id it is a prefix of ('12.*.1' takes 12.1.10–18 too).
      ...[1, 2, 3, 4, 5].flatMap((set) => [`12.${set}.1`, `12.${set}.2`]),
      '12.1.10',
      ...[1, 2, 3, 4, 5, 6, 7].flatMap((set) => [1, 2, 5, 11].map((size) => `13.${set}.${size}`)),
    ],
    exclude: [],
    // The client role without compression: cases 1–10 whole (9.*, the large and many messages, moves
    // the shared read buffer's leftovers most).
    plain: ['1.*', '2.*', '3.*', '4.*', '5.*', '6.*', '7.*', '8.*', '9.*', '10.*'],
  },
};

const { values: opts } = parseArgs({
  options: {
    role: { type: 'string' },
    slice: { type: 'string' },
    cases: { type: 'string' },
    exclude: { type: 'string' },
    timeout: { type: 'string' },
    plain: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    summarize: { type: 'boolean', default: false },
    require: { type: 'boolean', default: process.env.AUTOBAHN_REQUIRED === '1' },
  },
});

const role = opts.role ?? (opts.plain ? 'client' : 'both');
if (!['server', 'client', 'both'].includes(role)) usage(`--role ${role}`);
if (opts.plain && role !== 'client') usage(`--plain with --role ${role} (--plain is of the client role)`);
if (opts.slice !== undefined && !(opts.slice in SLICES)) usage(`--slice ${opts.slice}`);
const sliceName = opts.slice ?? (opts.cases ? 'custom' : 'full');
const slice = SLICES[opts.slice ?? 'full'];
const timeoutMinutes = Number(opts.timeout ?? (sliceName === 'interop' ? 20 : 120));
if (!(timeoutMinutes > 0)) usage(`--timeout ${opts.timeout}`);
/** The runs, in order: a slice's client role runs plain after compressed. */
const runNames = opts.plain
  ? ['client-plain']
  : [
      ...(role === 'client' ? [] : ['server']),
      ...(role === 'server' ? [] : ['client']),
      ...(role !== 'server' && sliceName !== 'custom' ? ['client-plain'] : []),
    ];

/** The cases a run selects: the slice's (or --cases, --exclude), without 12.* and 13.* when plain. */
function selectionOf(run) {
  const cases = opts.cases ? split(opts.cases) : run.plain && slice.plain ? slice.plain : slice.cases;
  const exclude = opts.exclude ? split(opts.exclude) : slice.exclude;
  return { cases, exclude: run.plain ? [...new Set([...exclude, ...COMPRESSION_CASES])] : exclude };
}

function split(list) {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function usage(bad) {
  console.error(`autobahn: invalid option ${bad}; see the header of test/autobahn/run.mjs`);
  process.exit(2);
}

/** Every child process started here, killed (with its process group) if the runner stops early. */
const children = new Set();
function killGroup(child, signal = 'SIGTERM') {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) killGroup(child, 'SIGKILL');
    process.exit(130);
  });
}
process.on('exit', () => {
  for (const child of children) killGroup(child, 'SIGKILL');
});

/** Starts a process in its own process group with stdout and stderr into `logFile`. */
function start(command, args, { cwd = root, logFile, env = process.env } = {}) {
  const log = createWriteStream(logFile);
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  child.exited = new Promise((resolveExit) => {
    child.on('close', (code, signal) => {
      children.delete(child);
      log.end();
      resolveExit({ code, signal });
    });
  });
  return child;
}

/** Stops a process started by start(): SIGTERM, then SIGKILL after 5 s. */
async function stop(child) {
  if (!children.has(child)) return child.exited;
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
  const result = await child.exited;
  clearTimeout(timer);
  return result;
}

/** Resolves with the first match of `pattern` in the child's stdout, rejects if it exits first. */
function waitForOutput(child, pattern, what) {
  return new Promise((resolveMatch, rejectMatch) => {
    let seen = '';
    const onData = (chunk) => {
      seen += chunk;
      const match = pattern.exec(seen);
      if (match) {
        child.stdout.off('data', onData);
        resolveMatch(match);
      }
    };
    child.stdout.on('data', onData);
    child.exited.then(({ code, signal }) => rejectMatch(new Error(`${what} exited (${signal ?? code}) before it was ready`)));
  });
}

/** A port free on 127.0.0.1 now (wstest's fuzzingserver needs its port in its spec). */
function freePort() {
  return new Promise((resolvePort, rejectPort) => {
    const server = createServer();
    server.on('error', rejectPort);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Waits until something accepts TCP connections on the port, or the child exits. */
async function waitForPort(port, child, what) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (!children.has(child)) throw new Error(`${what} exited before it listened on ${port}`);
    const open = await new Promise((resolveOpen) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolveOpen(true);
      });
      socket.once('error', () => resolveOpen(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`${what} did not listen on ${port} within 60 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Asks a fuzzingserver how many cases its spec selects (the same request the client under test makes). */
function getCaseCount(port) {
  return new Promise((resolveCount, rejectCount) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/getCaseCount`);
    ws.once('message', (data) => {
      resolveCount(Number.parseInt(data.toString(), 10));
      ws.close();
    });
    ws.once('error', rejectCount);
  });
}

/** Starts wstest's fuzzingserver with `selection` in `dir`; resolves when it listens. */
async function startFuzzingServer(wstest, dir, logName, selection) {
  const port = await freePort();
  const spec = {
    url: `ws://127.0.0.1:${port}`,
    outdir: '.',
    cases: selection.cases,
    'exclude-cases': selection.exclude,
    'exclude-agent-cases': {},
  };
  writeFileSync(join(dir, 'fuzzingserver.json'), `${JSON.stringify(spec, null, 2)}\n`);
  const child = start(wstest, ['-m', 'fuzzingserver', '-s', 'fuzzingserver.json', '-u', '0'], {
    cwd: dir,
    logFile: join(dir, logName),
  });
  await waitForPort(port, child, 'wstest fuzzingserver');
  return { child, port };
}

/** Runs `task` with a deadline; on expiry kills `victims` and reports a timeout. */
async function withTimeout(task, victims, what) {
  let timer;
  const expired = new Promise((resolveExpired) => {
    timer = setTimeout(() => resolveExpired('timeout'), timeoutMinutes * 60_000);
  });
  const outcome = await Promise.race([task, expired]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    for (const victim of victims()) await stop(victim);
    throw new Error(`${what} did not finish within ${timeoutMinutes} min (--timeout)`);
  }
  return outcome;
}

/** Server role: echo-server.js under wstest's fuzzingclient. */
async function runServerRole(wstest, { dir, agent, selection }) {
  // How many cases the selection holds, asked of a fuzzingserver given the same selection.
  const counter = await startFuzzingServer(wstest, dir, 'case-count.log', selection);
  const expected = await getCaseCount(counter.port).finally(() => stop(counter.child));
  rmSync(join(dir, 'fuzzingserver.json'));

  const server = start(process.execPath, [join(buildDir, 'echo-server.js'), '--urls', 'http://127.0.0.1:0'], {
    logFile: join(dir, 'echo-server.log'),
  });
  const [, port] = await waitForOutput(server, /Now listening on: http:\/\/127\.0\.0\.1:(\d+)/, 'echo-server');
  const spec = {
    outdir: '.',
    servers: [{ agent, url: `ws://127.0.0.1:${port}` }],
    cases: selection.cases,
    'exclude-cases': selection.exclude,
    'exclude-agent-cases': {},
  };
  writeFileSync(join(dir, 'fuzzingclient.json'), `${JSON.stringify(spec, null, 2)}\n`);
  console.log(`autobahn: server role: ${expected} cases, wstest fuzzingclient → ws://127.0.0.1:${port}/`);
  let fuzzer;
  try {
    fuzzer = start(wstest, ['-m', 'fuzzingclient', '-s', 'fuzzingclient.json'], {
      cwd: dir,
      logFile: join(dir, 'wstest.log'),
    });
    const { code, signal } = await withTimeout(fuzzer.exited, () => [fuzzer], 'wstest fuzzingclient');
    if (code !== 0) throw new Error(`wstest fuzzingclient exited with ${signal ?? code} (see ${relative(root, dir)}/wstest.log)`);
    if (!children.has(server)) throw new Error(`echo-server exited during the run (see ${relative(root, dir)}/echo-server.log)`);
  } finally {
    await stop(server);
  }
  return expected;
}

/** Client role: echo-client.js against wstest's fuzzingserver (with --plain when the run is plain). */
async function runClientRole(wstest, { dir, agent, selection, plain }) {
  const fuzzer = await startFuzzingServer(wstest, dir, 'wstest.log', selection);
  try {
    const expected = await getCaseCount(fuzzer.port);
    const how = plain ? 'echo-client --plain (no compression offered)' : 'echo-client';
    console.log(`autobahn: client role: ${expected} cases, ${how} → wstest fuzzingserver ws://127.0.0.1:${fuzzer.port}/`);
    const args = [join(buildDir, 'echo-client.js'), `ws://127.0.0.1:${fuzzer.port}`, agent, ...(plain ? ['--plain'] : [])];
    const client = start(process.execPath, args, { logFile: join(dir, 'echo-client.log') });
    const { code, signal } = await withTimeout(client.exited, () => [client], 'echo-client');
    if (code !== 0) throw new Error(`echo-client exited with ${signal ?? code} (see ${relative(root, dir)}/echo-client.log)`);
    return expected;
  } finally {
    await stop(fuzzer.child);
  }
}

/** Finds wstest and checks it runs; returns its path or the reason it cannot be used. */
function findWstest() {
  const configured = process.env.AUTOBAHN_WSTEST;
  const wstest = resolve(root, configured ?? '../shared/autobahn/wstest');
  const from = configured ? `AUTOBAHN_WSTEST=${configured}` : 'the default ../shared/autobahn/wstest (set AUTOBAHN_WSTEST to change it)';
  if (!existsSync(wstest)) return { reason: `wstest not found at ${wstest}, from ${from}` };
  const probe = spawnSync(wstest, ['-a'], { encoding: 'utf8', timeout: 60_000 });
  if (probe.status !== 0) {
    const said = `${probe.stderr ?? ''}${probe.stdout ?? ''}`.trim() || String(probe.error ?? probe.signal);
    return { reason: `${wstest} does not run (it needs a CPython 2.7; PY2=/path/to/python2.7 picks one):\n${said}` };
  }
  return { wstest, version: probe.stdout.trim().split('\n').join(', ') };
}

/** Builds dist/ (unless --no-build) and always the two peers into test/autobahn/.build. */
function build() {
  const steps = [['exec', '--', 'tsc', '-p', relative(root, join(here, 'tsconfig.json'))]];
  if (!opts['no-build']) steps.unshift(['run', 'build', '--silent']);
  for (const args of steps) {
    const result = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`autobahn: build failed: npm ${args.join(' ')}`);
      process.exit(1);
    }
  }
}

/** "slice interop", or the --cases given; with what it leaves out. */
function describeSelection(selection) {
  const what = sliceName === 'custom' ? `cases ${selection.cases.join(',')}` : `slice ${sliceName}`;
  return selection.exclude.length ? `${what} excluding ${selection.exclude.join(',')}` : what;
}

function summarize(runs) {
  const lines = [`Autobahn|Testsuite, ${sliceName === 'custom' ? 'custom cases' : `slice ${sliceName}`} (test/autobahn/run.mjs)`];
  const json = { slice: sliceName, runs: {} };
  let pass = true;
  for (const run of runs) {
    const title = `${run.title}, agent ${run.agent}, ${describeSelection(run.selection)}`;
    const timing = run.seconds === undefined ? '' : ` [${run.seconds} s]`;
    if (run.error) {
      lines.push(`${title}${timing}:\n  criteria:      FAIL (${run.error.message})`);
      json.runs[run.name] = { error: run.error.message };
      pass = false;
      if (!existsSync(join(run.dir, 'index.json'))) continue;
    }
    let report;
    try {
      report = readReport(run.dir);
    } catch (err) {
      lines.push(`${title}:\n  criteria:      FAIL (no report: ${err.message})`);
      json.runs[run.name] = { error: String(err.message) };
      pass = false;
      continue;
    }
    const result = evaluate(report.cases, run.expected ?? null, { compressionOffered: run.compressionOffered });
    const text = formatRole(`${title}${timing}`, result, Object.keys(report.cases));
    writeFileSync(join(run.dir, 'summary.txt'), `${text}\n`);
    lines.push(text);
    json.runs[run.name] = {
      role: run.role,
      agent: run.agent,
      selection: run.selection,
      seconds: run.seconds,
      ...result,
      reasons: result.reasons.slice(0, 20),
    };
    pass &&= result.pass && !run.error;
  }
  lines.push(`autobahn: ${pass ? 'PASS' : 'FAIL'} (reports: ${relative(root, reportsDir)}/<run>/index.html)`);
  const text = lines.join('\n');
  mkdirSync(reportsDir, { recursive: true });
  writeFileSync(join(reportsDir, 'summary.txt'), `${text}\n`);
  writeFileSync(join(reportsDir, 'summary.json'), `${JSON.stringify({ pass, ...json }, null, 2)}\n`);
  console.log(text);
  return pass;
}

/** A run of RUNS by name, with its reports directory and case selection. */
function planRun(name) {
  return { name, ...RUNS[name], dir: join(reportsDir, name), selection: selectionOf(RUNS[name]) };
}

async function main() {
  if (opts.summarize) {
    const runs = runNames.map((name) => {
      const run = planRun(name);
      const meta = existsSync(join(run.dir, 'run.json')) ? JSON.parse(readFileSync(join(run.dir, 'run.json'), 'utf8')) : {};
      return { ...run, ...meta };
    });
    return summarize(runs) ? 0 : 1;
  }

  const found = findWstest();
  if (!found.wstest) {
    console.log(`autobahn: SKIPPED (${runNames.join(', ')}; slice ${sliceName}): ${found.reason}`);
    return opts.require ? 2 : 0;
  }
  console.log(
    `autobahn: ${found.wstest} (${found.version}); slice ${sliceName}; runs ${runNames.join(', ')}; timeout ${timeoutMinutes} min per run`,
  );
  build();

  const runs = [];
  for (const name of runNames) {
    const run = planRun(name);
    rmSync(run.dir, { recursive: true, force: true });
    mkdirSync(run.dir, { recursive: true });
    const began = Date.now();
    try {
      run.expected = await (run.role === 'server' ? runServerRole : runClientRole)(found.wstest, run);
    } catch (err) {
      run.error = err;
    }
    run.seconds = Math.round((Date.now() - began) / 1000);
    const meta = { expected: run.expected ?? null, seconds: run.seconds, slice: sliceName, selection: run.selection };
    writeFileSync(join(run.dir, 'run.json'), `${JSON.stringify(meta, null, 2)}\n`);
    runs.push(run);
  }
  return summarize(runs) ? 0 : 1;
}

process.exitCode = await main();
