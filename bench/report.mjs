// The benchmark's report: ratios, verdicts and the README's Performance table, computed from a run's
// results (never typed by hand). Pure functions over plain data, so test/bench.test.ts checks them on
// constructed inputs. A run (bench/run.mjs --json) produces:
//
//   { date, command, machine: { cpu, cores, node, ws, bufferutil, load }, rows: [Row] }
//   Row = { scenario, metric, unit, format, values: { [side]: number | string },
//           comparisons: [{ label, ratio, target?, higher? }] }
//
// Sides and comparisons are whatever the rows carry (ws, reference, dotnet-ws, … or a Kestrel/.NET side
// added later): the table has one column per side and per comparison label, in order of first appearance.

/** The median of numbers (NaN for none). */
export function median(values) {
  const s = values.filter((v) => typeof v === 'number' && !Number.isNaN(v)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** a / b; NaN when either is not a finite number or b is 0 (no figure to compare with). */
export function ratio(a, b) {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return NaN;
  return a / b;
}

/**
 * The verdict on a ratio against a target: 'met', 'missed', 'inconclusive' or 'reported' (no target).
 * Inconclusive when the ratio is not a finite positive number: NaN or ±Infinity (a side measured
 * nothing), zero or negative (a rate of nothing, or memory that shrank: noise, not a cost), so that no
 * such run can read as "met".
 * @param {number} value the ratio (dotnet-ws / baseline)
 * @param {number | null | undefined} target
 * @param {boolean} higher whether a higher ratio is better
 */
export function verdict(value, target, higher) {
  if (target === null || target === undefined) return 'reported';
  if (!Number.isFinite(value) || value <= 0) return 'inconclusive';
  return (higher ? value >= target : value <= target) ? 'met' : 'missed';
}

/**
 * A condition (say, every connection accepted): 'met' when it holds, 'missed' when it does not,
 * 'inconclusive' when it could not be observed (null).
 */
export function verdictOf(holds) {
  if (holds === null || holds === undefined) return 'inconclusive';
  return holds ? 'met' : 'missed';
}

/** Number formats, by name (a row names its format so the JSON stays plain data). */
export const formats = {
  rate: (v) => Math.round(v).toLocaleString('en-US'),
  mbps: (v) => v.toFixed(0),
  bytes: (v) => Math.round(v).toLocaleString('en-US'),
  ms: (v) => v.toFixed(2),
  us: (v) => v.toFixed(1),
  mib: (v) => (v / (1024 * 1024)).toFixed(2),
  plain: (v) => String(v),
};

/** A value in a cell: a number through the row's format ("n/a" when not finite), a string as it is. */
export function cell(value, format = 'plain') {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return 'n/a';
  return (formats[format] ?? formats.plain)(value);
}

/**
 * A ratio in a cell: two decimals, or "n/a"; with a `target`, as many more decimals (up to six) as it takes
 * for the printed figure to fall on the same side of the target as the ratio itself (1.001 against ≤ 1 is
 * printed "1.001", not "1.00", which would read as met).
 */
export function ratioCell(value, target, higher = true) {
  if (!Number.isFinite(value)) return 'n/a';
  let digits = 2;
  if (target !== undefined && target !== null) {
    const meets = (v) => (higher ? v >= target : v <= target);
    while (digits < 6 && meets(Number(value.toFixed(digits))) !== meets(value)) digits++;
  }
  return value.toFixed(digits);
}

/** Fills in each comparison's verdict (computed, never taken from the input). */
export function withVerdicts(rows) {
  return rows.map((row) => ({
    ...row,
    comparisons: (row.comparisons ?? []).map((c) => ({
      ...c,
      verdict: 'holds' in c ? verdictOf(c.holds) : verdict(c.ratio, c.target, c.higher ?? true),
    })),
  }));
}

function unique(list) {
  return [...new Set(list)];
}

/** The Markdown table of a run: scenario, metric, one column per side, one per comparison, target, verdict. */
export function markdownTable(rows) {
  const judged = withVerdicts(rows);
  const sides = unique(judged.flatMap((r) => Object.keys(r.values ?? {})));
  const comparisons = unique(judged.flatMap((r) => r.comparisons.filter((c) => c.ratio !== undefined).map((c) => c.label)));
  const head = ['scenario', 'metric', ...sides, ...comparisons, 'target', 'verdict'];
  const align = ['---', '---', ...sides.map(() => '---:'), ...comparisons.map(() => '---:'), '---', '---'];
  const lines = [`| ${head.join(' | ')} |`, `|${align.join('|')}|`];
  let previous = null;
  for (const r of judged) {
    const judgedBy = r.comparisons.find((c) => c.target !== undefined && c.target !== null) ?? r.comparisons.find((c) => 'holds' in c);
    const target = judgedBy
      ? 'holds' in judgedBy
        ? judgedBy.label
        : `${judgedBy.label} ${(judgedBy.higher ?? true) ? '≥' : '≤'} ${judgedBy.target}`
      : '';
    const cells = [
      r.scenario === previous ? '' : r.scenario,
      r.unit ? `${r.metric} (${r.unit})` : r.metric,
      ...sides.map((s) => cell(r.values?.[s], r.format)),
      ...comparisons.map((label) => {
        const c = r.comparisons.find((x) => x.label === label && x.ratio !== undefined);
        return c ? ratioCell(c.ratio, c.target, c.higher ?? true) : '';
      }),
      target,
      judgedBy ? judgedBy.verdict : '',
    ];
    lines.push(`| ${cells.join(' | ')} |`);
    previous = r.scenario;
  }
  return lines.join('\n');
}

/** How many judged rows met, missed or were inconclusive. */
export function tally(rows) {
  const out = { met: 0, missed: 0, inconclusive: 0 };
  for (const r of withVerdicts(rows)) for (const c of r.comparisons) if (c.verdict in out) out[c.verdict]++;
  return out;
}

export const SECTION_START = '<!-- bench:start (generated by bench/readme.mjs from a run; do not edit by hand) -->';
export const SECTION_END = '<!-- bench:end -->';

/** The command of a run without the options that only say where its output goes (--json file, --readme). */
export function measuringCommand(command) {
  return command
    .replace(/ --json(=| )\S+/g, '')
    .replace(/ --readme\b/g, '')
    .replace(/ --$/, '');
}

/** The generated part of the README's Performance section: when, where, how, the table and the count. */
export function renderSection(run) {
  const m = run.machine;
  const t = tally(run.rows);
  return [
    SECTION_START,
    '',
    `One run, ${run.date} (\`${measuringCommand(run.command)}\`): ${m.cpu}, ${m.cores} cores, Node ${m.node}, ws ${m.ws}, ` +
      `bufferutil ${m.bufferutil ? 'installed' : 'not installed'}, load average ${m.load} at the start.`,
    '',
    markdownTable(run.rows),
    '',
    `Verdicts, computed from the ratios above: ${t.met} met, ${t.missed} missed, ${t.inconclusive} inconclusive ` +
      '(inconclusive: a ratio that is not a finite positive number, or a condition that could not be observed).',
    '',
    SECTION_END,
  ].join('\n');
}

/** `readme` with the text between the markers replaced by `section` (which carries the markers). */
export function replaceSection(readme, section) {
  const start = readme.indexOf(SECTION_START);
  const end = readme.indexOf(SECTION_END);
  if (start < 0 || end < start) throw new Error(`README has no ${SECTION_START} … ${SECTION_END} block`);
  return readme.slice(0, start) + section + readme.slice(end + SECTION_END.length);
}
