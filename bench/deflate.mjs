// permessage-deflate: src/protocol/permessage-deflate.ts against ws's lib/permessage-deflate.js, side by
// side in one process: `npm run bench:deflate [-- options]` (builds dist/ first).
//
// Each case compresses or inflates one message at a time (awaited, as a connection does), alternating
// the two sides in slices, and prints each side's median µs per message and the ratio ours / ws. Both
// sides use zlib's thread pool and the same window (15 bits, level 6, memLevel 8); ws with threshold 0
// so that it compresses small messages too (its default threshold of 1024 bytes would skip them).
// Then the memory case: a ~1 MiB bomb that inflates to 1 GiB, read through 4 KiB reads with a yield to
// I/O between reads; ws's decompress is shown on a 64 MiB bomb (it returns whole frames, so it holds
// them). The machine is shared and noisy: compare ratios from one run, not absolute figures across runs.
//
// Options:
//   --slices n      slices per side per case (default 5)
//   --only a,b      cases whose name contains a or b (compress, inflate, 32, 65536, nct, bomb)
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { MessageDeflater, MessageInflater } from '../dist/lib/dotnet-ws.js';

const require = createRequire(import.meta.url);
const wsLib = path.join(path.dirname(require.resolve('ws')), 'lib');
const PerMessageDeflate = require(path.join(wsLib, 'permessage-deflate.js'));
const { parse } = require(path.join(wsLib, 'extension.js'));

const { values: opts } = parseArgs({
  options: { slices: { type: 'string', default: '5' }, only: { type: 'string', default: '' } },
});
const SLICES = Number(opts.slices);
const only = opts.only ? opts.only.split(',') : [];
const wanted = (name) => only.length === 0 || only.some((o) => name.includes(o));

/** Compressible text of `size` bytes (JSON-ish words), like chat or API traffic. */
function text(size, seed = 1) {
  const words = ['{"id":', '"name":', '"value":', 'hello', 'world', 'message', 'deflate', '}', ',', ' ', '\n', '0', '42'];
  let s = '';
  for (let x = seed; s.length < size;) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += words[x % words.length];
  }
  return Buffer.from(s.slice(0, size));
}

/** ws's PerMessageDeflate as a server that accepted `offer`. */
function wsSide(offer, options = {}) {
  const pmd = new PerMessageDeflate({ threshold: 0, ...options }, true, 0);
  pmd.accept(parse(offer)['permessage-deflate']);
  return pmd;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs `op` (one message, returns a promise) `n` times in sequence; µs per message. */
async function slice(op, n) {
  const t = process.hrtime.bigint();
  for (let k = 0; k < n; k++) await op();
  return Number(process.hrtime.bigint() - t) / 1e3 / n;
}

async function compare(name, n, ours, ws) {
  if (!wanted(name)) return;
  await slice(ours, Math.ceil(n / 10));
  await slice(ws, Math.ceil(n / 10));
  const a = [];
  const b = [];
  for (let s = 0; s < SLICES; s++) {
    a.push(await slice(ours, n));
    b.push(await slice(ws, n));
  }
  const ma = median(a);
  const mb = median(b);
  console.log(
    `${name.padEnd(28)} ours ${ma.toFixed(1).padStart(8)} µs   ws ${mb.toFixed(1).padStart(8)} µs   ours/ws ${(ma / mb).toFixed(2)}`,
  );
}

// ---- one side each ---------------------------------------------------------------------------------
function oursCompress(deflater, data) {
  return () => new Promise((resolve, reject) => deflater.compress(data, true, (e, out) => (e ? reject(e) : resolve(out))));
}
function wsCompress(pmd, data) {
  return () => new Promise((resolve, reject) => pmd.compress(data, true, (e, out) => (e ? reject(e) : resolve(out))));
}
function oursInflate(inflater, payload, out) {
  return async () => {
    inflater.write(payload);
    inflater.end();
    let n = 0;
    for (;;) {
      n += inflater.read(out, n, out.length - n);
      if (inflater.messageComplete) return n;
      await new Promise((resolve, reject) => inflater.wait((e) => (e ? reject(e) : resolve())));
    }
  };
}
function wsInflate(pmd, payload) {
  return () => new Promise((resolve, reject) => pmd.decompress(payload, true, (e, out) => (e ? reject(e) : resolve(out))));
}

/** A payload that inflates in any context: from a fresh deflater, tail removed. */
function payloadOf(data) {
  const out = zlib.deflateRawSync(data, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  return out.subarray(0, out.length - 4);
}

console.log(`node ${process.version}, zlib ${process.versions.zlib}; ${SLICES} slices per side; median µs per message`);
for (const [size, n] of [
  [32, 4000],
  [64 * 1024, 100],
]) {
  const data = text(size);
  const payload = payloadOf(data);
  const out = new Uint8Array(size + 64);
  {
    const d = new MessageDeflater(15, false);
    const w = wsSide('permessage-deflate');
    await compare(`compress ${size} B`, n, oursCompress(d, data), wsCompress(w, data));
    d.dispose();
    w.cleanup();
  }
  {
    const i = new MessageInflater(15, false);
    const w = wsSide('permessage-deflate');
    await compare(`inflate ${size} B`, n, oursInflate(i, payload, out), wsInflate(w, payload));
    i.dispose();
    w.cleanup();
  }
  if (size === 32) {
    // No context takeover: a fresh zlib stream per message on both sides.
    const d = new MessageDeflater(15, true);
    const w = wsSide('permessage-deflate; server_no_context_takeover', { serverNoContextTakeover: true });
    await compare(`compress ${size} B nct`, n / 4, oursCompress(d, data), wsCompress(w, data));
    d.dispose();
    w.cleanup();
    const i = new MessageInflater(15, true);
    const w2 = wsSide('permessage-deflate; client_no_context_takeover');
    await compare(`inflate ${size} B nct`, n / 4, oursInflate(i, payload, out), wsInflate(w2, payload));
    i.dispose();
    w2.cleanup();
  }
}

// ---- memory ----------------------------------------------------------------------------------------
/** DEFLATE of `mib` MiB of zeros, sync-flushed, tail removed, made 1 MiB at a time. */
async function bomb(mib) {
  const zero = Buffer.alloc(1 << 20);
  const z = zlib.createDeflateRaw({ level: 9 });
  const parts = [];
  z.on('data', (c) => parts.push(c));
  for (let k = 0; k < mib; k++) await new Promise((r) => z.write(zero, r));
  await new Promise((r) => z.flush(zlib.constants.Z_SYNC_FLUSH, r));
  z.close();
  const b = Buffer.concat(parts);
  return b.subarray(0, b.length - 4);
}

function sampler() {
  globalThis.gc?.();
  const base = process.memoryUsage();
  const peak = { rss: base.rss, arrayBuffers: base.arrayBuffers };
  return {
    sample() {
      const m = process.memoryUsage();
      peak.rss = Math.max(peak.rss, m.rss);
      peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers);
    },
    report: () =>
      `peak growth rss ${((peak.rss - base.rss) / 2 ** 20).toFixed(1)} MiB, arrayBuffers ${((peak.arrayBuffers - base.arrayBuffers) / 2 ** 20).toFixed(1)} MiB`,
  };
}

if (wanted('bomb')) {
  const b = await bomb(1024);
  const i = new MessageInflater(15, false);
  const out = new Uint8Array(4096);
  const pieces = [];
  for (let at = 0; at < b.length; at += 64 * 1024) pieces.push(b.subarray(at, at + 64 * 1024));
  const m = sampler();
  const t = performance.now();
  let total = 0;
  let maxBuffered = 0;
  for (let reads = 1; !i.messageComplete; reads++) {
    const n = i.read(out, 0, out.length);
    total += n;
    maxBuffered = Math.max(maxBuffered, i.bufferedLength);
    if (n === 0) {
      if (i.needsInput) {
        if (pieces.length > 0) i.write(pieces.shift());
        else i.end();
      } else await new Promise((resolve, reject) => i.wait((e) => (e ? reject(e) : resolve())));
    }
    if (reads % 256 === 0) m.sample();
    await new Promise((r) => setImmediate(r));
  }
  i.dispose();
  console.log(
    `bomb ours: ${(b.length / 2 ** 20).toFixed(2)} MiB → ${(total / 2 ** 30).toFixed(2)} GiB in 4 KiB reads, ` +
      `${((performance.now() - t) / 1000).toFixed(1)} s, at most ${(maxBuffered / 1024).toFixed(0)} KiB inflated ahead; ${m.report()}`,
  );

  const small = await bomb(64);
  const w = wsSide('permessage-deflate');
  const m2 = sampler();
  const got = await new Promise((resolve, reject) =>
    w.decompress(small, true, (e, o) => {
      m2.sample();
      if (e) reject(e);
      else resolve(o);
    }),
  );
  console.log(
    `bomb ws:   ${(small.length / 2 ** 10).toFixed(0)} KiB → ${(got.length / 2 ** 20).toFixed(0)} MiB in one callback; ${m2.report()}`,
  );
  w.cleanup();
}
