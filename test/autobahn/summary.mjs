// Reads an Autobahn|Testsuite report (the index.json that wstest writes into its outdir, plus the per-case
// JSON files it names) and judges it against the criteria of issue 14:
// - every selected case is in the report (a peer that died half-way does not pass on the cases it ran);
// - no case FAILED (nor any other verdict than OK, NON-STRICT, INFORMATIONAL);
// - no case UNIMPLEMENTED: wstest says UNIMPLEMENTED in 12.* and 13.* when permessage-deflate was not
//   negotiated, and both of our peers offer or accept it, so every one of those cases must compress;
// - every close behaviour (behaviorClose) OK or INFORMATIONAL;
// - at most 2 NON-STRICT per role;
// - in the client role, every opening request offers compression as the run says: a run with compression
//   offers permessage-deflate in every case, a plain run (--plain) in none, so that a plain run that
//   silently offered compression does not pass as one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Verdicts wstest gives, in the order the summary lists them. */
export const BEHAVIORS = ['OK', 'NON-STRICT', 'INFORMATIONAL', 'FAILED', 'UNIMPLEMENTED'];
/** The close verdicts that pass. */
export const CLOSE_PASS = new Set(['OK', 'INFORMATIONAL']);
/** The limits of the criteria. */
export const LIMITS = { failed: 0, unimplemented: 0, nonStrict: 2 };

/** "13.3.10" → [13, 3, 10], for numeric ordering. */
function idTuple(id) {
  return id.split('.').map(Number);
}

/** Orders case ids as wstest numbers them (1.1.2 before 1.1.10, 9.* before 10.*). */
export function compareCaseIds(a, b) {
  const x = idTuple(a);
  const y = idTuple(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Writes a set of case ids compactly: "13.3.*" when every case of 13.3 in the report is in the set,
 * "6.4.1–6.4.3" for a run of consecutive ids, the id alone otherwise.
 *
 * @param {string[]} ids the ids to write
 * @param {string[]} all every id in the report (decides what "13.3.*" means)
 */
export function compactCaseIds(ids, all) {
  const prefixOf = (id) => id.slice(0, id.lastIndexOf('.'));
  const sizeOfPrefix = new Map();
  for (const id of all) sizeOfPrefix.set(prefixOf(id), (sizeOfPrefix.get(prefixOf(id)) ?? 0) + 1);

  const byPrefix = new Map();
  for (const id of [...ids].sort(compareCaseIds)) {
    const prefix = prefixOf(id);
    if (!byPrefix.has(prefix)) byPrefix.set(prefix, []);
    byPrefix.get(prefix).push(id);
  }

  const parts = [];
  for (const [prefix, group] of byPrefix) {
    if (group.length > 1 && group.length === sizeOfPrefix.get(prefix)) {
      parts.push(`${prefix}.* (${group.length})`);
      continue;
    }
    let start = 0;
    for (let i = 1; i <= group.length; i++) {
      const last = (id) => idTuple(id).at(-1);
      if (i < group.length && last(group[i]) === last(group[i - 1]) + 1) continue;
      parts.push(i - 1 === start ? group[start] : `${group[start]}–${group[i - 1]}`);
      start = i;
    }
  }
  return parts.join(', ');
}

/**
 * The Sec-WebSocket-Extensions offered in an opening request as wstest recorded it (`httpRequest`, the
 * request's head), or null when the request has none. A request wstest did not record is undefined.
 *
 * @param {string | undefined} httpRequest
 */
export function extensionsOffered(httpRequest) {
  if (typeof httpRequest !== 'string' || httpRequest === '?') return undefined;
  const values = [...httpRequest.matchAll(/^sec-websocket-extensions:[ \t]*(.*?)[ \t]*\r?$/gim)].map((m) => m[1]);
  return values.length > 0 ? values.join(', ') : null;
}

/**
 * Reads `outdir/index.json` (one agent), the opening request's Sec-WebSocket-Extensions of each case
 * (`offered`) and the `result` text of each case that did not pass.
 *
 * @returns {{ agent: string, cases: Record<string, { behavior: string, behaviorClose: string,
 *   remoteCloseCode: number | null, offered?: string | null, result?: string, resultClose?: string }> }}
 */
export function readReport(outdir) {
  const index = JSON.parse(readFileSync(join(outdir, 'index.json'), 'utf8'));
  const agents = Object.keys(index);
  if (agents.length !== 1) throw new Error(`${outdir}/index.json: expected one agent, found ${agents.length}`);
  const agent = agents[0];
  const cases = {};
  for (const [id, entry] of Object.entries(index[agent])) {
    cases[id] = {
      behavior: entry.behavior,
      behaviorClose: entry.behaviorClose,
      remoteCloseCode: entry.remoteCloseCode ?? null,
    };
    let detail;
    try {
      detail = JSON.parse(readFileSync(join(outdir, entry.reportfile), 'utf8'));
    } catch {
      // The index is what counts; a missing case file loses the reason and the offer (judged unknown).
      continue;
    }
    const offered = extensionsOffered(detail.httpRequest);
    if (offered !== undefined) cases[id].offered = offered;
    if (entry.behavior !== 'OK' || !CLOSE_PASS.has(entry.behaviorClose)) {
      cases[id].result = detail.result;
      cases[id].resultClose = detail.resultClose;
    }
  }
  return { agent, cases };
}

/**
 * Counts the verdicts and checks the criteria.
 *
 * @param {ReturnType<typeof readReport>['cases']} cases
 * @param {number | null} expected how many cases were selected (null: unknown, not checked)
 * @param {{ compressionOffered?: boolean | null }} [options] whether every opening request must offer
 *   permessage-deflate (true), none may offer an extension (false), or the requests are not ours (null:
 *   the server role, where wstest makes them)
 */
export function evaluate(cases, expected, { compressionOffered = null } = {}) {
  const ids = Object.keys(cases).sort(compareCaseIds);
  const behavior = {};
  const behaviorClose = {};
  const idsBy = (pred) => ids.filter((id) => pred(cases[id]));
  for (const id of ids) {
    behavior[cases[id].behavior] = (behavior[cases[id].behavior] ?? 0) + 1;
    behaviorClose[cases[id].behaviorClose] = (behaviorClose[cases[id].behaviorClose] ?? 0) + 1;
  }

  const failedIds = idsBy((c) => !['OK', 'NON-STRICT', 'INFORMATIONAL', 'UNIMPLEMENTED'].includes(c.behavior));
  const unimplementedIds = idsBy((c) => c.behavior === 'UNIMPLEMENTED');
  const nonStrictIds = idsBy((c) => c.behavior === 'NON-STRICT');
  const badCloseIds = idsBy((c) => !CLOSE_PASS.has(c.behaviorClose));
  // A request offers compression when it names permessage-deflate; a case file without the request is
  // not one the criteria can vouch for, so it counts against the run whichever way it was meant.
  const offersDeflate = (c) => typeof c.offered === 'string' && /(^|,)\s*permessage-deflate\s*(;|,|$)/i.test(c.offered);
  const wrongOfferIds =
    compressionOffered === null
      ? []
      : idsBy((c) => c.offered === undefined || (compressionOffered ? !offersDeflate(c) : c.offered !== null));

  const problems = [];
  if (expected !== null && ids.length !== expected) {
    problems.push(`${ids.length} of ${expected} selected cases in the report`);
  }
  if (failedIds.length > LIMITS.failed) problems.push(`${failedIds.length} FAILED (limit ${LIMITS.failed})`);
  if (unimplementedIds.length > LIMITS.unimplemented) {
    problems.push(`${unimplementedIds.length} UNIMPLEMENTED (limit ${LIMITS.unimplemented}: compression must be negotiated)`);
  }
  if (nonStrictIds.length > LIMITS.nonStrict) problems.push(`${nonStrictIds.length} NON-STRICT (limit ${LIMITS.nonStrict})`);
  if (badCloseIds.length > 0) problems.push(`${badCloseIds.length} closes neither OK nor INFORMATIONAL`);
  if (wrongOfferIds.length > 0) {
    problems.push(
      compressionOffered
        ? `${wrongOfferIds.length} opening requests without a permessage-deflate offer`
        : `${wrongOfferIds.length} opening requests with Sec-WebSocket-Extensions (the run offers no compression)`,
    );
  }

  // The most frequent reasons among the failures, as wstest words them.
  const reasons = new Map();
  for (const id of new Set([...failedIds, ...badCloseIds])) {
    const c = cases[id];
    const reason = `${c.behavior}/${c.behaviorClose}: ${c.result ?? '?'}${c.resultClose ? ` | ${c.resultClose}` : ''}`;
    if (!reasons.has(reason)) reasons.set(reason, []);
    reasons.get(reason).push(id);
  }
  const topReasons = [...reasons].sort((a, b) => b[1].length - a[1].length).map(([reason, list]) => ({ reason, ids: list }));

  return {
    total: ids.length,
    expected,
    behavior,
    behaviorClose,
    failedIds,
    unimplementedIds,
    nonStrictIds,
    badCloseIds,
    compressionOffered,
    wrongOfferIds,
    reasons: topReasons,
    problems,
    pass: problems.length === 0,
  };
}

/** Formats "431 OK, 11 NON-STRICT, …": the known verdicts first (zeros included), then any other. */
function formatCounts(counts, order) {
  const keys = [
    ...order,
    ...Object.keys(counts)
      .filter((k) => !order.includes(k))
      .sort(),
  ];
  return keys.map((k) => `${counts[k] ?? 0} ${k}`).join(', ');
}

/** The printed summary of one role. */
export function formatRole(title, result, allIds) {
  const lines = [];
  const count = result.expected === null ? `${result.total} cases` : `${result.total}/${result.expected} cases`;
  lines.push(`${title}: ${count}`);
  lines.push(`  behavior:      ${formatCounts(result.behavior, BEHAVIORS)}`);
  lines.push(`  behaviorClose: ${formatCounts(result.behaviorClose, ['OK', 'INFORMATIONAL'])}`);
  if (result.failedIds.length > 0) lines.push(`  not passed:    ${compactCaseIds(result.failedIds, allIds)}`);
  if (result.badCloseIds.length > 0) lines.push(`  bad close:     ${compactCaseIds(result.badCloseIds, allIds)}`);
  if (result.nonStrictIds.length > 0) lines.push(`  NON-STRICT:    ${compactCaseIds(result.nonStrictIds, allIds)}`);
  if (result.unimplementedIds.length > 0) lines.push(`  UNIMPLEMENTED: ${compactCaseIds(result.unimplementedIds, allIds)}`);
  if (result.compressionOffered !== null) {
    const wrong = result.wrongOfferIds.length;
    const offer = result.compressionOffered
      ? `permessage-deflate offered in ${result.total - wrong} of ${result.total} opening requests`
      : `no Sec-WebSocket-Extensions in ${result.total - wrong} of ${result.total} opening requests`;
    lines.push(`  offer:         ${offer}${wrong > 0 ? ` (not in ${compactCaseIds(result.wrongOfferIds, allIds)})` : ''}`);
  }
  for (const { reason, ids } of result.reasons.slice(0, 6)) {
    lines.push(`  ${String(ids.length).padStart(4)} × ${reason.length > 160 ? `${reason.slice(0, 157)}...` : reason}`);
  }
  if (result.reasons.length > 6) lines.push(`       … ${result.reasons.length - 6} more reasons in the reports`);
  lines.push(`  criteria:      ${result.pass ? 'PASS' : `FAIL (${result.problems.join('; ')})`}`);
  return lines.join('\n');
}
