// The differential suite against the real .NET 10 runtime and Kestrel (test/dotnet/README.md). Every
// scenario has a C# half (test/dotnet/*.cs, run by the .NET 10 SDK on this machine) and a line-for-line
// TypeScript half (test/dotnet/ts/*.ts, on the built package); each half prints one line per observable
// event. .NET against .NET is the reference; dotnet-ws in either role against .NET must print the same,
// and a raw peer (test/dotnet/ts/raw.ts, exact bytes) must see the same bytes from dotnet-ws as from .NET.
// Differences that remain are listed, with their reason, in test/dotnet/differences.ts and pinned as they
// are today (a snapshot of the differing lines); test/interop/.build/dotnet-differences.md gets each
// one's lines after a run.
import net from 'node:net';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOracle, unusable, buildDir } from '../dotnet/build.mjs';
import { differencesOf } from '../dotnet/differences.js';
import { RunAll } from '../dotnet/ts/client.js';
import { killAll, runOracleClient, startOracle, startOracleServer } from '../dotnet/ts/oracle.js';
import { runRawClient, startRawServer } from '../dotnet/ts/raw.js';
import type { RawServer } from '../dotnet/ts/raw.js';
import {
  aspnetOnly,
  api,
  clientOnly,
  overHttp2,
  paired,
  rawClient,
  rawServer,
  rawServerUnlogged,
  rawStream,
  seeds,
  unserved,
} from '../dotnet/ts/scenarios.js';
import { startAppServer, startStreamServer } from '../dotnet/ts/servers.js';
import type { ScenarioServer } from '../dotnet/ts/servers.js';
import { TranscriptSet } from '../dotnet/ts/transcripts.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
type Lines = string[] | undefined;
type Get = (key: string) => Lines;

/** Every transcript of the run, by "<run>:<key>". */
const got = new Map<string, Lines>();
const put = (run: string, source: { get(k: string): Lines }, keys: readonly string[]) => {
  for (const k of keys) got.set(`${run}:${k}`, source.get(k));
};
const at =
  (run: string): Get =>
  (k) =>
    got.get(`${run}:${k}`);
/** Comparisons that differ: key → the .NET and dotnet-ws transcripts. */
const report = new Map<string, Array<{ what: string; dotnet: Lines; dotnetWs: Lines }>>();
const consoles = new Map<string, string[]>();

const stoppers: Array<() => Promise<void>> = [];

async function closedPort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

const tagged = (tag: string, names: readonly string[]) => names.map((n) => `${tag}/${n}`);

/** Runs `names` with the dotnet-ws client against `base`; the transcripts as a map. */
async function tsClient(base: string, port: number, names: readonly string[], http2 = false): Promise<Map<string, string[]>> {
  return RunAll(names, base, port, undefined, http2);
}

/** Runs every raw server-role case against `base`; the peer's lines by case. */
async function rawClients(base: string, names: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const name of names) out.set(name, await runRawClient(base, name));
  return out;
}

/** The seed program or example as a child process on a free port: its URL, its console lines, a Ctrl+C. */
async function startSeed(
  kind: 'dotnet' | 'node',
  seed: (typeof seeds)[number],
): Promise<{ url: string; console: string[]; stop(): Promise<number | null> }> {
  const lines: string[] = [];
  let resolveUrl!: (u: string) => void;
  const url = new Promise<string>((r) => (resolveUrl = r));
  const onLine = (line: string) => {
    lines.push(line);
    const m = /Now listening on: (http:\/\/\S+)/.exec(line);
    if (m) resolveUrl(m[1]!);
  };
  let stop: () => Promise<number | null>;
  if (kind === 'dotnet') {
    // The content root holds the project template's appsettings.json (its log levels).
    const child = startOracle([seed.program, '--urls', 'http://127.0.0.1:0'], onLine, path.join(root, 'test', 'dotnet', 'Seed'));
    void child.exited.then(() => resolveUrl(''));
    stop = () => child.signal('SIGINT');
  } else {
    const child = spawn(process.execPath, [path.join(root, 'dist', 'examples', seed.example), '--urls', 'http://127.0.0.1:0'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        onLine(pending.slice(0, nl));
        pending = pending.slice(nl + 1);
      }
    });
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    void exited.then(() => resolveUrl(''));
    stop = async () => {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    };
    stoppers.push(async () => void (child.exitCode === null && child.kill('SIGKILL')));
  }
  const u = await url;
  if (!u) throw new Error(`seed ${kind} ${seed.program} did not start: ${lines.join('\n')}`);
  return { url: u.replace(/^http:/, 'ws:'), console: lines, stop };
}

/** What varies between two runs of a seed program's console: the port, the content root. */
function normaliseConsole(lines: readonly string[]): string[] {
  return lines.map((l) => l.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>').replace(/Content root path: .*/, 'Content root path: <root>'));
}

beforeAll(async () => {
  const why = await unusable();
  if (why) throw new Error(`the .NET 10 suite cannot run here: ${why} (test/interop/run.sh skips this file then)`);
  await buildOracle();
  const port = await closedPort();
  const oracle = await startOracleServer();
  stoppers.push(() => oracle.stop());
  const app: ScenarioServer = await startAppServer();
  stoppers.push(() => app.stop());
  const stream: ScenarioServer = await startStreamServer();
  stoppers.push(() => stream.stop());
  const raw: RawServer = await startRawServer();
  stoppers.push(() => raw.stop());
  const appH2: ScenarioServer = await startAppServer(true);
  stoppers.push(() => appH2.stop());

  const only = process.env.DOTNET_SUITE_ONLY?.split(',');
  const pick = <T extends string>(names: readonly T[]): T[] => names.filter((n) => !only || only.some((o) => n.includes(o)));
  const withServer = pick([...paired, ...aspnetOnly]);
  const served = withServer.filter((n) => !unserved.has(n));
  const all = [...withServer, ...pick([...clientOnly, ...api])];
  const pairedOnly = pick([...paired]);
  // .NET ClientWebSocket against every server; the server halves' transcripts under the run's tag.
  const dotnetRuns: Array<[string, string, TranscriptSet, readonly string[], readonly string[]]> = [
    ['nk', oracle.kestrel, oracle.transcripts, all, served],
    // The reference once more: .NET against .NET must print the same twice (the harness checks).
    ['nk2', oracle.kestrel, oracle.transcripts, all, served],
    ['ns', oracle.stream, oracle.transcripts, pairedOnly, pairedOnly],
    ['na', app.url, app.transcripts, withServer, served],
    ['nt', stream.url, stream.transcripts, pairedOnly, pairedOnly],
  ];
  for (const [tag, base, server, names, served] of dotnetRuns) {
    const client = await runOracleClient(`${base}/${tag}`, port, names);
    put(`${tag}-client`, client, names);
    const missing = await server.waitFor(tagged(tag, served), 15_000);
    put(`${tag}-server`, { get: (k) => server.get(`${tag}/${k}`) ?? (missing.includes(`${tag}/${k}`) ? ['(no end)'] : undefined) }, served);
  }
  // dotnet-ws ClientWebSocket against the .NET servers.
  const tsRuns: Array<[string, string, readonly string[], readonly string[]]> = [
    ['tk', oracle.kestrel, all, served],
    ['ts', oracle.stream, pairedOnly, pairedOnly],
  ];
  for (const [tag, base, names, served] of tsRuns) {
    const client = await tsClient(`${base}/${tag}`, port, names);
    put(`${tag}-client`, client, names);
    await oracle.transcripts.waitFor(tagged(tag, served), 15_000);
    put(`${tag}-server`, { get: (k) => oracle.transcripts.get(`${tag}/${k}`) }, served);
  }
  // Over HTTP/2 (h2c): .NET ClientWebSocket against h2c Kestrel (the reference) and the h2c WebApplication,
  // dotnet-ws ClientWebSocket against h2c Kestrel.
  {
    const names = pick([...overHttp2]);
    const served = names.filter((n) => !unserved.has(n));
    const h2Runs: Array<[string, string, TranscriptSet, 'net' | 'ts']> = [
      ['hk', oracle.kestrelH2, oracle.transcripts, 'net'],
      // The reference once more, as over HTTP/1.1: it must print the same twice.
      ['hk2', oracle.kestrelH2, oracle.transcripts, 'net'],
      ['ha', appH2.url, appH2.transcripts, 'net'],
      ['th', oracle.kestrelH2, oracle.transcripts, 'ts'],
    ];
    for (const [tag, base, server, client] of h2Runs) {
      const transcripts =
        client === 'net'
          ? await runOracleClient(`${base}/${tag}`, port, names, undefined, true)
          : await tsClient(`${base}/${tag}`, port, names, true);
      put(`${tag}-client`, transcripts, names);
      const missing = await server.waitFor(tagged(tag, served), 15_000);
      put(
        `${tag}-server`,
        { get: (k) => server.get(`${tag}/${k}`) ?? (missing.includes(`${tag}/${k}`) ? ['(no end)'] : undefined) },
        served,
      );
    }
  }
  // Raw peers serving a .NET and a dotnet-ws client.
  const rawClientNames = pick(rawClient);
  {
    const rawClient = rawClientNames;
    const client = await runOracleClient(`${raw.url}/nr`, port, rawClient);
    put('nr-client', client, rawClient);
    const ts = await tsClient(`${raw.url}/tr`, port, rawClient);
    put('tr-client', ts, rawClient);
    await raw.transcripts.waitFor([...tagged('nr', rawClient), ...tagged('tr', rawClient)], 15_000);
    put('nr-peer', { get: (k) => raw.transcripts.get(`nr/${k}`) }, rawClient);
    put('tr-peer', { get: (k) => raw.transcripts.get(`tr/${k}`) }, rawClient);
  }
  // Raw peers connecting to every server.
  const rawRuns: Array<[string, string, TranscriptSet, string[]]> = [
    ['rk', oracle.kestrel, oracle.transcripts, pick(rawServer)],
    ['rs', oracle.stream, oracle.transcripts, pick(rawStream)],
    ['ra', app.url, app.transcripts, pick(rawServer)],
    ['rt', stream.url, stream.transcripts, pick(rawStream)],
  ];
  for (const [tag, base, server, names] of rawRuns) {
    put(`${tag}-peer`, await rawClients(`${base}/${tag}`, names), names);
    await server.waitFor(
      tagged(
        tag,
        names.filter((n) => !rawServerUnlogged.has(n)),
      ),
      15_000,
    );
    put(`${tag}-server`, { get: (k) => server.get(`${tag}/${k}`) }, names);
  }
  // The tutorial's programs: .NET and the examples, each with a .NET and a dotnet-ws client, a plain GET, Ctrl+C.
  for (const seed of only ? [] : seeds) {
    for (const kind of ['dotnet', 'node'] as const) {
      const s = await startSeed(kind, seed);
      try {
        put(`${seed.program}-${kind}-net`, await runOracleClient(s.url, port, [seed.client]), [seed.client]);
        put(`${seed.program}-${kind}-ts`, await tsClient(s.url, port, [seed.client]), [seed.client]);
        put(`${seed.program}-${kind}-get`, new Map([['get', await runRawClient(s.url, 'raw-get-ws-route', 10_000, '/ws')]]), ['get']);
      } finally {
        const code = await s.stop();
        consoles.set(`${seed.program}-${kind}`, [...normaliseConsole(s.console), `exit code ${code}`]);
      }
    }
  }
}, 600_000);

afterAll(async () => {
  for (const stop of stoppers.reverse()) await stop().catch(() => {});
  await killAll();
  mkdirSync(buildDir, { recursive: true });
  const out: string[] = ['# dotnet-ws against .NET 10: the comparisons that differ', ''];
  for (const [key, diffs] of [...report].sort()) {
    const listed = differencesOf(key).map((d) => d.id);
    out.push(`## ${key}${listed.length ? ` (listed: ${listed.join(', ')})` : ' (NOT LISTED)'}`, '');
    for (const d of diffs) {
      out.push(`${d.what}:`, '```diff', ...diff(d.dotnet ?? ['(none)'], d.dotnetWs ?? ['(none)']), '```', '');
    }
  }
  writeFileSync(path.join(buildDir, '..', 'dotnet-differences.md'), out.join('\n'));
  const all: string[] = [];
  for (const [key, lines] of [...got].sort(([a], [b]) => a.localeCompare(b))) all.push(`== ${key}`, ...(lines ?? ['(none)']));
  for (const [key, lines] of consoles) all.push(`== console ${key}`, ...lines);
  writeFileSync(path.join(buildDir, '..', 'dotnet-transcripts.txt'), all.join('\n'));
}, 60_000);

/** A line diff: "-" .NET only, "+" dotnet-ws only, " " both (LCS). */
function diff(a: readonly string[], b: readonly string[]): string[] {
  const n = a.length;
  const m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push(` ${a[i++]}`);
      j++;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) out.push(`+${b[j++]}`);
    else out.push(`-${a[i++]}`);
  }
  return out;
}

/** Records the differing [what, .NET, dotnet-ws] pairs for the report. */
function compareForReport(key: string, pairs: Array<[string, Lines, Lines]>): void {
  const differing = pairs.filter(([, a, b]) => JSON.stringify(a) !== JSON.stringify(b));
  if (differing.length > 0)
    report.set(
      key,
      differing.map(([what, dotnet, dotnetWs]) => ({ what, dotnet, dotnetWs })),
    );
}

/** Compares each [what, .NET, dotnet-ws] pair; records the differing ones for the report. */
function compare(key: string, pairs: Array<[string, Lines, Lines]>): void {
  compareForReport(key, pairs);
  for (const [what, dotnet, dotnetWs] of pairs) {
    expect(dotnet, `${what}: the .NET transcript`).toBeDefined();
    expect(dotnetWs, `${what} (dotnet-ws against .NET 10)`).toEqual(dotnet);
  }
}

/**
 * A listed difference, pinned as it is today: both transcripts are there, at least one pair differs, and
 * the lines that differ (the `-`/`+` lines of the diff, per pair, sorted) are exactly those of the committed
 * snapshot (test/interop/__snapshots__/dotnet.test.ts.snap). So the test fails when the difference
 * changes or grows, when a transcript is missing (a dropped connection, a crashed side), and the day
 * dotnet-ws matches .NET 10 (then the entry in test/dotnet/differences.ts goes, and so does the pin).
 */
function pin(key: string, pairs: Array<[string, Lines, Lines]>): void {
  compareForReport(key, pairs);
  const changed: Record<string, string[]> = {};
  for (const [what, dotnet, dotnetWs] of pairs) {
    expect(dotnet, `${what}: the .NET transcript`).toBeDefined();
    expect(dotnetWs, `${what}: the dotnet-ws transcript`).toBeDefined();
    // Sorted: where the diff places a line can vary with the order two processes print in; what differs cannot.
    const lines = diff(dotnet!, dotnetWs!)
      .filter((l) => !l.startsWith(' '))
      .sort();
    if (lines.length > 0) changed[what] = lines;
  }
  expect(Object.keys(changed), 'the listed difference is gone: remove its entry from test/dotnet/differences.ts').not.toEqual([]);
  expect(changed).toMatchSnapshot();
}

/** `it`, or a pinned difference naming the listed entries. */
function check(key: string, pairs: () => Array<[string, Lines, Lines]>): void {
  const listed = differencesOf(key);
  if (listed.length === 0) it(key, () => compare(key, pairs()));
  else it(`${key} [differs from .NET 10: ${listed.map((d) => d.id).join(', ')}]`, () => pin(key, pairs()));
}

describe('paired scenarios: dotnet-ws against .NET 10 in each role', () => {
  for (const name of [...paired, ...aspnetOnly]) {
    const server = !unserved.has(name);
    check(`${name} ts-client@kestrel`, () => [
      ['client', at('nk-client')(name), at('tk-client')(name)],
      ...(server ? [['Kestrel server', at('nk-server')(name), at('tk-server')(name)] as [string, Lines, Lines]] : []),
    ]);
    check(`${name} net-client@ts-app`, () => [
      ['client', at('nk-client')(name), at('na-client')(name)],
      ...(server ? [['server: WebApplication as Kestrel', at('nk-server')(name), at('na-server')(name)] as [string, Lines, Lines]] : []),
    ]);
  }
  for (const name of paired) {
    check(`${name} ts-client@stream`, () => [
      ['client', at('ns-client')(name), at('ts-client')(name)],
      ['CreateFromStream server', at('ns-server')(name), at('ts-server')(name)],
    ]);
    check(`${name} net-client@ts-stream`, () => [
      ['client', at('ns-client')(name), at('nt-client')(name)],
      ['server: CreateFromStream', at('ns-server')(name), at('nt-server')(name)],
    ]);
  }
});

describe('paired scenarios over HTTP/2 (RFC 8441, h2c): dotnet-ws against .NET 10 in each role', () => {
  for (const name of overHttp2) {
    const server = !unserved.has(name);
    check(`${name} ts-client@kestrel-h2`, () => [
      ['client', at('hk-client')(name), at('th-client')(name)],
      ...(server ? [['Kestrel server', at('hk-server')(name), at('th-server')(name)] as [string, Lines, Lines]] : []),
    ]);
    check(`${name} net-client@ts-app-h2`, () => [
      ['client', at('hk-client')(name), at('ha-client')(name)],
      ...(server ? [['server: WebApplication as Kestrel', at('hk-server')(name), at('ha-server')(name)] as [string, Lines, Lines]] : []),
    ]);
  }
});

describe('client-only and API scenarios', () => {
  for (const name of [...clientOnly, ...api]) {
    check(`${name} ts-client`, () => [['client', at('nk-client')(name), at('tk-client')(name)]]);
  }
});

describe('raw frames and bytes to a client: .NET ClientWebSocket and dotnet-ws ClientWebSocket', () => {
  for (const name of rawClient) {
    check(`${name} raw@ts-client`, () => [
      ['client', at('nr-client')(name), at('tr-client')(name)],
      ['raw peer', at('nr-peer')(name), at('tr-peer')(name)],
    ]);
  }
});

/**
 * Scenarios where the peer breaks the protocol (a compressed frame on a connection without
 * permessage-deflate) and the handler's ReceiveAsync throws: .NET's ManagedWebSocket writes a close 1002
 * and Kestrel then aborts the connection for the unhandled exception, which can discard that frame before
 * it is flushed. Seen in full runs (1 of 4 in one session, two scenarios in one fresh-clone CI run); run
 * alone, Kestrel sent it every time. .NET's bytes are racy here, dotnet-ws's are not (it always sends it).
 */
const kestrelMayDropClose = new Set(['raw-deflate-bad-offer', 'raw-deflate-unknown-extension', 'raw-deflate-not-enabled']);
const CLOSE_1002 = "peer-got: opcode=8 fin=true rsv=0 masked=false code=1002 reason=''";
const END = 'peer-got: end of connection';

/**
 * For {@link kestrelMayDropClose}: when Kestrel's transcript ends without the close 1002, dotnet-ws's close
 * 1002 just before the end is taken out of the comparison; when Kestrel's has it, both must have it.
 */
function withoutDroppedClose(name: string, dotnet: Lines, dotnetWs: Lines): Lines {
  if (!kestrelMayDropClose.has(name) || dotnet === undefined || dotnetWs === undefined) return dotnetWs;
  if (dotnet.includes(CLOSE_1002)) return dotnetWs;
  const at = dotnetWs.indexOf(CLOSE_1002);
  return at >= 0 && dotnetWs[at + 1] === END && at + 2 === dotnetWs.length ? dotnetWs.filter((_, i) => i !== at) : dotnetWs;
}

describe('raw frames and bytes to a server: Kestrel and the .NET CreateFromStream server, and their dotnet-ws twins', () => {
  for (const name of rawServer) {
    // A request no WebSocket handler sees (rawServerUnlogged) leaves no server transcript on either side.
    check(`${name} raw@ts-app`, () => [
      ...(rawServerUnlogged.has(name)
        ? []
        : [['server: WebApplication as Kestrel', at('rk-server')(name), at('ra-server')(name)] as [string, Lines, Lines]]),
      ['raw peer', at('rk-peer')(name), withoutDroppedClose(name, at('rk-peer')(name), at('ra-peer')(name))],
    ]);
  }
  for (const name of rawStream) {
    check(`${name} raw@ts-stream`, () => [
      ['server: CreateFromStream', at('rs-server')(name), at('rt-server')(name)],
      ['raw peer', at('rs-peer')(name), at('rt-peer')(name)],
    ]);
  }
});

describe("the tutorial's programs: the .NET program and its dotnet-ws example", () => {
  for (const seed of seeds) {
    check(`${seed.program} seed`, () => [
      ['console (the .NET program vs the example)', consoles.get(`${seed.program}-dotnet`), consoles.get(`${seed.program}-node`)],
      ['.NET client', at(`${seed.program}-dotnet-net`)(seed.client), at(`${seed.program}-node-net`)(seed.client)],
      [
        'dotnet-ws client against the .NET program',
        at(`${seed.program}-dotnet-net`)(seed.client),
        at(`${seed.program}-dotnet-ts`)(seed.client),
      ],
      ['plain GET /ws', at(`${seed.program}-dotnet-get`)('get'), at(`${seed.program}-node-get`)('get')],
    ]);
  }
});

describe('the harness', () => {
  it.each([
    ['HTTP/1.1', 'nk', [...paired, ...aspnetOnly, ...clientOnly, ...api]],
    ['HTTP/2', 'hk', overHttp2],
  ] as const)('prints the same for .NET against .NET twice over %s (the reference is deterministic)', (_, tag, all) => {
    const names = all.filter((n) => got.has(`${tag}-client:${n}`));
    const [c1, s1, c2, s2] = [at(`${tag}-client`), at(`${tag}-server`), at(`${tag}2-client`), at(`${tag}2-server`)];
    const unstable = names.filter((n) => JSON.stringify([c1(n), s1(n)]) !== JSON.stringify([c2(n), s2(n)]));
    for (const n of unstable)
      report.set(`${n} reference-twice${tag === 'hk' ? '-h2' : ''}`, [
        { what: 'client', dotnet: c1(n), dotnetWs: c2(n) },
        { what: 'server', dotnet: s1(n), dotnetWs: s2(n) },
      ]);
    expect(unstable).toEqual([]);
  });

  it('ran every scenario to its end on .NET 10, with no crash, timeout or unknown scenario', () => {
    const bad: string[] = [];
    for (const [key, lines] of got) {
      if (!/^(nk|nk2|ns|nr|rk|rs|hk|hk2)-|^seed\d-dotnet/.test(key)) continue;
      for (const l of lines ?? [])
        if (/^(crash: |timeout: |unknown-scenario: |peer: (unknown|timeout))/.test(l) || l === '(no end)') bad.push(`${key}: ${l}`);
    }
    expect(bad).toEqual([]);
  });
});
