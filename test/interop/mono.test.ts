// The differential suite against Mono's .NET (peers.md): every scenario runs with a C# and a dotnet-ws
// client against a C# and two dotnet-ws servers (WebApplication, and CreateFromStream behind the same
// hand-written handshake as the C# server). Each half prints one line per observable event; after the
// normalisations in lib/normalise.ts (each named by the spec or peers.md) every pairing must print what
// C# against C# prints. Raw peers (lib/raw.ts) add exact frames to both roles and log what comes back.
import { beforeAll, describe, expect, it } from 'vitest';
import { runMonoClient, scenariosExe } from './lib/mono.js';
import { normalise, normalisations } from './lib/normalise.js';
import type { Side } from './lib/normalise.js';
import { rawCases, rawClientOnly, runRawClient, startRawServer } from './lib/raw.js';
import { startServer } from './lib/servers.js';
import type { ServerKind } from './lib/servers.js';
import { RunAll } from './scenarios/client.js';
import { divergencesOf } from './lib/divergences.js';
import type { Divergence } from './lib/divergences.js';
import { freePort } from '../helpers/ports.js';

/** Scenarios with a client and a server half. */
const paired = [
  'echo-client-close',
  'echo-server-close',
  'closeoutput-then-receive',
  'large-message',
  'fragmented',
  'empty-messages',
  'memory-overloads',
  'zero-byte-receive',
  'segment-offset',
  'close-discards-data',
  'dispose-pending-receive',
  'abort-pending-receive',
  'close-1005-received',
  'close-1004-received',
  'close-2999-received',
  'close-5000-received',
  'close-validation',
  'drop-by-server',
  'dispose-by-server',
  'drop-by-client',
  'cancel-receive-client',
  'cancel-receive-server',
  'precanceled-send',
  'precanceled-receive',
  'subprotocol',
  'subprotocol-case',
  'subprotocol-none',
  'subprotocol-mismatch',
  'connect-rejected',
] as const;
/** Client-only scenarios: no server half runs (or nothing listens). */
const clientOnly = ['connect-refused', 'not-connected'] as const;
const rawBoth = Object.keys(rawCases).map((c) => `raw-${c}`);
const rawClient = [...rawBoth, ...Object.keys(rawClientOnly).map((c) => `raw-${c}`)];

type ClientKind = 'mono' | 'ts';
const clientKinds: ClientKind[] = ['mono', 'ts'];
const serverKinds: ServerKind[] = ['mono', 'app', 'stream'];

interface Run {
  client: (name: string) => string[] | undefined;
  server: (name: string) => string[] | undefined;
}

const runs = new Map<string, Run>();
const rawClientRuns = new Map<ClientKind, { client: Run['client']; peer: Run['client'] }>();
const rawServerRuns = new Map<ServerKind, { server: Run['server']; peer: Map<string, string[]> }>();
const usedMonoRules = new Set<string>();

async function runClients(kind: ClientKind, baseUrl: string, port: number, names: readonly string[]): Promise<Run['client']> {
  if (kind === 'mono') {
    const set = await runMonoClient(baseUrl, port, names);
    return (n) => set.get(n);
  }
  const map = await RunAll(names, { BaseUrl: baseUrl, ClosedPort: port });
  return (n) => map.get(n);
}

beforeAll(async () => {
  await scenariosExe();
  const port = await freePort();
  for (const serverKind of serverKinds) {
    for (const clientKind of clientKinds) {
      const server = await startServer(serverKind);
      try {
        const client = await runClients(clientKind, server.url, port, [...paired, ...clientOnly]);
        await server.transcripts.waitFor(paired, 20_000);
        runs.set(`${clientKind}/${serverKind}`, { client, server: (n) => server.transcripts.get(n) });
      } finally {
        await server.stop();
      }
    }
  }
  for (const clientKind of clientKinds) {
    const raw = await startRawServer();
    try {
      const client = await runClients(clientKind, raw.url, port, rawClient);
      await raw.transcripts.waitFor(rawClient, 20_000);
      rawClientRuns.set(clientKind, { client, peer: (n) => raw.transcripts.get(n) });
    } finally {
      await raw.stop();
    }
  }
  for (const serverKind of serverKinds) {
    const server = await startServer(serverKind);
    try {
      const peer = new Map<string, string[]>();
      for (const name of rawBoth) peer.set(name, await runRawClient(server.url, name));
      await server.transcripts.waitFor(rawBoth, 20_000);
      rawServerRuns.set(serverKind, { server: (n) => server.transcripts.get(n), peer });
    } finally {
      await server.stop();
    }
  }
});

function norm(lines: string[] | undefined, scenario: string, side: Side, mono: boolean): string[] {
  expect(lines, `${side} transcript of ${scenario}`).toBeDefined();
  return normalise(lines!, { scenario, side, mono }, mono ? usedMonoRules : undefined);
}

const pairings = clientKinds.flatMap((c) => serverKinds.map((s) => [c, s] as const)).filter(([c, s]) => !(c === 'mono' && s === 'mono'));

/**
 * `it` with the strict comparison; for a scenario where dotnet-ws is known to differ from .NET
 * (lib/divergences.ts), `pinned` instead: today's exact transcript, so that neither a regression nor a
 * fix goes unnoticed. (Not `it.fails`, which a dropped connection or a missing transcript also satisfies.)
 */
function check(name: string, scenario: string, roles: Array<'client' | 'server'>, body: () => void, pinned?: (today: Pinned) => void): void {
  const known = roles.flatMap((r) => divergencesOf(scenario, r));
  if (known.length === 0) {
    it(name, body);
    return;
  }
  const ids = [...new Set(known.map((d) => d.id))].join(', ');
  if (pinned === undefined) throw new Error(`${scenario}: known divergence ${ids} without a pinned transcript for this test`);
  it(`${name} [differs from .NET: ${ids}; pinned as it is today]`, () => {
    for (const d of known) pinned(d.today[scenario] ?? {});
  });
}

type Pinned = Divergence['today'][string];

describe('C# and dotnet-ws clients against C# and dotnet-ws servers', () => {
  for (const name of paired) {
    for (const [clientKind, serverKind] of pairings) {
      const roles: Array<'client' | 'server'> = [];
      if (clientKind === 'ts') roles.push('client');
      if (serverKind !== 'mono') roles.push('server');
      check(`${name}: the ${clientKind} client against the ${serverKind} server prints what C# against C# prints`, name, roles, () => {
        const reference = runs.get('mono/mono')!;
        const run = runs.get(`${clientKind}/${serverKind}`)!;
        expect(norm(run.client(name), name, 'client', clientKind === 'mono')).toEqual(norm(reference.client(name), name, 'client', true));
        expect(norm(run.server(name), name, 'server', serverKind === 'mono')).toEqual(norm(reference.server(name), name, 'server', true));
      });
    }
  }

  for (const name of clientOnly) {
    check(`${name}: the dotnet-ws client prints what the C# client prints`, name, ['client'], () => {
      const reference = runs.get('mono/mono')!;
      for (const serverKind of serverKinds) {
        expect(norm(runs.get(`ts/${serverKind}`)!.client(name), name, 'client', false)).toEqual(norm(reference.client(name), name, 'client', true));
      }
    });
  }
});

describe('raw frames to a client: Mono ClientWebSocket and dotnet-ws ClientWebSocket', () => {
  for (const name of rawClient) {
    check(
      `${name}: the dotnet-ws client and the wire match Mono`,
      name,
      ['client'],
      () => {
        const mono = rawClientRuns.get('mono')!;
        const ts = rawClientRuns.get('ts')!;
        expect(norm(ts.client(name), name, 'client', false)).toEqual(norm(mono.client(name), name, 'client', true));
        expect(ts.peer(name)).toEqual(mono.peer(name));
      },
      (today) => {
        const mono = rawClientRuns.get('mono')!;
        const ts = rawClientRuns.get('ts')!;
        expect(today.client, `no transcript pinned for the client in ${name}`).toBeDefined();
        expect([norm(ts.client(name), name, 'client', false), ts.peer(name)]).toEqual([today.client!.dotnetWs, today.client!.peer]);
        // Still a difference: Mono (.NET) prints something else.
        expect([norm(mono.client(name), name, 'client', true), mono.peer(name)]).not.toEqual([today.client!.dotnetWs, today.client!.peer]);
      },
    );
  }
});

describe('raw frames to a server: Mono CreateFromStream and the dotnet-ws servers', () => {
  for (const name of rawBoth) {
    for (const serverKind of ['app', 'stream'] as const) {
      check(
        `${name}: the ${serverKind} server and the wire match Mono`,
        name,
        ['server'],
        () => {
          const mono = rawServerRuns.get('mono')!;
          const ts = rawServerRuns.get(serverKind)!;
          expect(norm(ts.server(name), name, 'server', false)).toEqual(norm(mono.server(name), name, 'server', true));
          expect(ts.peer.get(name)).toEqual(mono.peer.get(name));
        },
        (today) => {
          const mono = rawServerRuns.get('mono')!;
          const ts = rawServerRuns.get(serverKind)!;
          const pinned = today[serverKind];
          expect(pinned, `no transcript pinned for the ${serverKind} server in ${name}`).toBeDefined();
          expect([norm(ts.server(name), name, 'server', false), ts.peer.get(name)]).toEqual([pinned!.dotnetWs, pinned!.peer]);
          expect([norm(mono.server(name), name, 'server', true), mono.peer.get(name)]).not.toEqual([pinned!.dotnetWs, pinned!.peer]);
        },
      );
    }
  }
});

describe('the harness', () => {
  it('ran every scenario to its end on Mono without a crash', () => {
    const reference = runs.get('mono/mono')!;
    for (const name of [...paired, ...clientOnly]) {
      const lines = [...(reference.client(name) ?? []), ...(reference.server(name) ?? [])];
      expect(lines.length, name).toBeGreaterThanOrEqual(2);
      expect(lines.filter((l) => l.startsWith('crash') || l.startsWith('unknown-scenario')), name).toEqual([]);
    }
  });

  it('needs every Mono normalisation it declares', () => {
    const monoRules = normalisations.filter((r) => r.mono).map((r) => r.id);
    expect(monoRules.filter((id) => !usedMonoRules.has(id))).toEqual([]);
  });
});
