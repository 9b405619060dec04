// Where an idle connection's heap goes: `node bench/heap-diff.mjs [--side dotnet] [--conns 2000]`.
//
// Starts the benchmark's server (bench/server.mjs, side ws, ws-async, dotnet, dotnet-tuned, or the floor:
// bare, bare-seed) in a child, opens `conns` raw ws clients on /idle, and takes a heap snapshot of the
// server before and after (each after a full collection). Prints, per constructor (objects by constructor
// name, closures by function name, V8's internal kinds by type), how many more there are per connection
// and how many bytes they add per connection (self sizes), largest first. Run it with `npm run build`
// done first (it uses dist/).
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    side: { type: 'string', default: 'dotnet' },
    conns: { type: 'string', default: '2000' },
    top: { type: 'string', default: '40' },
    // Also print, for each constructor listed (comma-separated keys as printed), what holds its objects.
    holders: { type: 'string', default: '' },
  },
});
const n = Number(args.conns);

const child = fork(path.join(here, 'server.mjs'), ['serve', args.side], { execArgv: ['--expose-gc'], stdio: 'inherit' });
const pending = new Map();
let nextId = 1;
child.on('message', (m) => {
  pending.get(m.id)?.(m);
  pending.delete(m.id);
});
const ask = (cmd, extra = {}) =>
  new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    child.send({ id, cmd, ...extra });
  });
const { port } = await new Promise((resolve) => pending.set(0, resolve));
const url = `ws://127.0.0.1:${port}/idle`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function open() {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

async function openMany(count) {
  const all = [];
  for (let i = 0; i < count; i += 250) {
    const batch = [];
    for (let j = i; j < Math.min(i + 250, count); j++) batch.push(open());
    all.push(...(await Promise.all(batch)));
  }
  return all;
}

/** Count and self size per constructor in a .heapsnapshot file; `holders`: keys whose retainers to tally. */
function census(file, holders = [], known = null) {
  const snap = JSON.parse(readFileSync(file, 'utf8'));
  rmSync(file);
  const { node_fields: fields, node_types: types } = snap.snapshot.meta;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const typeNames = types[0];
  const by = new Map();
  const nodes = snap.nodes;
  const idAt = fields.indexOf('id');
  const ids = new Set();
  for (let i = 0; i < nodes.length; i += width) ids.add(nodes[i + idAt]);
  // Anonymous closures are named by where they were defined: script id, line, column.
  const where = new Map();
  const locations = snap.locations ?? [];
  for (let l = 0; l < locations.length; l += 4) {
    where.set(locations[l], `@${locations[l + 1]}:${locations[l + 2] + 1}:${locations[l + 3] + 1}`);
  }
  const keyOf = (i) => {
    const type = typeNames[nodes[i + typeAt]];
    const name = snap.strings[nodes[i + nameAt]];
    if (type === 'closure' && name === '') return `closure ${where.get(i) ?? ''}`;
    return type === 'object' || type === 'closure' || type === 'native'
      ? `${type} ${name}`
      : type === 'hidden' || type === 'array' || type === 'object shape'
        ? `${type} ${name.slice(0, 40)}`
        : type;
  };
  if (holders.length > 0) {
    const edgeWidth = snap.snapshot.meta.edge_fields.length;
    const edgeTypes = snap.snapshot.meta.edge_types[0];
    const countAt = fields.indexOf('edge_count');
    const tallies = new Map(holders.map((h) => [h, new Map()]));
    let e = 0;
    for (let i = 0; i < nodes.length; i += width) {
      const holder = keyOf(i);
      for (let k = 0; k < nodes[i + countAt]; k++, e += edgeWidth) {
        const edgeType = edgeTypes[snap.edges[e]];
        if (edgeType === 'weak') continue;
        const target = snap.edges[e + 2];
        if (known?.has(nodes[target + idAt])) continue;
        const tally = tallies.get(keyOf(target));
        if (tally === undefined) continue;
        const nameOrIndex = snap.edges[e + 1];
        const edgeName = edgeType === 'element' || edgeType === 'hidden' ? `[${nameOrIndex}]` : snap.strings[nameOrIndex];
        const via = `${holder} .${edgeName}`;
        tally.set(via, (tally.get(via) ?? 0) + 1);
      }
    }
    for (const [key, tally] of tallies) {
      console.log(`held: ${key}`);
      for (const [via, count] of [...tally].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
        console.log(`${String(count).padStart(10)}  ${via}`);
      }
    }
  }
  for (let i = 0; i < nodes.length; i += width) {
    const key = keyOf(i);
    const entry = by.get(key) ?? { count: 0, size: 0 };
    entry.count++;
    entry.size += nodes[i + sizeAt];
    by.set(key, entry);
  }
  by.ids = ids;
  return by;
}

const tmp = os.tmpdir();
// Warm the accept and echo paths, as bench/run.mjs's idle() does.
const warm = await openMany(10);
await Promise.all(warm.map((ws) => new Promise((r) => (ws.once('message', r), ws.send('warm')))));
for (const ws of warm) ws.terminate();
while ((await ask('stats')).conns > 0) await sleep(20);
const m0 = await ask('mem');
const before = census((await ask('snapshot', { file: path.join(tmp, `heap-diff-${child.pid}-0.heapsnapshot`) })).file);
const conns = await openMany(n);
while ((await ask('stats')).conns < n) await sleep(20);
await sleep(200);
const m1 = await ask('mem');
const after = census(
  (await ask('snapshot', { file: path.join(tmp, `heap-diff-${child.pid}-1.heapsnapshot`) })).file,
  args.holders.split(',').filter(Boolean),
  before.ids,
);
child.kill('SIGKILL');
for (const ws of conns) ws.terminate();

const rows = [];
let total = 0;
for (const [key, a] of after) {
  const b = before.get(key) ?? { count: 0, size: 0 };
  const size = (a.size - b.size) / n;
  total += size;
  if (Math.abs(size) >= 0.5) rows.push({ key, count: (a.count - b.count) / n, size });
}
rows.sort((x, y) => y.size - x.size);
console.log(
  `${args.side}, ${n} idle connections: heapUsed ${((m1.heapUsed - m0.heapUsed) / n).toFixed(0)} B, RSS ${((m1.rss - m0.rss) / n).toFixed(0)} B per connection; snapshot self sizes ${total.toFixed(0)} B`,
);
// The young generation grows (doubling) while what is allocated survives scavenges: the connections'
// own objects, and whatever a handshake in flight holds. Its pages are most of the RSS that 1,000 idle
// connections add, so garbage per handshake counts as well as what a connection keeps.
console.log(`young generation (V8 new space): ${m0.young.toFixed(0)} -> ${m1.young.toFixed(0)} MiB`);
// Outside the JS heap: Buffers' and ArrayBuffers' memory (read-ahead, heads kept), and V8's external total.
console.log(
  `external ${((m1.external - m0.external) / n).toFixed(0)} B, of which ArrayBuffers ${((m1.arrayBuffers - m0.arrayBuffers) / n).toFixed(0)} B per connection`,
);
console.log('per connection:   count    bytes  constructor');
for (const r of rows.slice(0, Number(args.top))) {
  console.log(`${r.count.toFixed(2).padStart(20)} ${r.size.toFixed(0).padStart(8)}  ${r.key}`);
}
await once(child, 'exit');
