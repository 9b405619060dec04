// `npm run check:refs`: every citation of docs/behaviour.md resolves. Code comments, tests and docs cite the
// .NET behaviour they follow as `docs/behaviour.md#<section>`; this fails on a section that does not exist
// (sections are the headings, slugged as GitHub does), and on a citation of the notes that used to live
// outside the repository ("spec §N", "ws-notes §N"), which no reader can follow.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const behaviour = 'docs/behaviour.md';

/** GitHub's heading anchor: lower case, punctuation dropped, spaces as hyphens; repeats get -1, -2, … */
function anchors(markdown) {
  const seen = new Map();
  const found = new Set();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = !fenced && /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading) continue;
    const base = heading[1]
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    found.add(count === 0 ? base : `${base}-${count}`);
  }
  return found;
}

const sections = anchors(readFileSync(join(root, behaviour), 'utf8'));
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|mts|cts|js|mjs|cjs|md|cs|sh|json)$/.test(f) && f !== 'package-lock.json' && f !== 'scripts/check-refs.mjs');

const problems = [];
let citations = 0;
for (const file of files) {
  let text;
  try {
    text = readFileSync(join(root, file), 'utf8');
  } catch {
    continue; // listed but deleted in the work tree
  }
  text.split('\n').forEach((line, index) => {
    const where = `${file}:${index + 1}`;
    for (const match of line.matchAll(/behaviour\.md#([\w-]+)/g)) {
      citations++;
      if (!sections.has(match[1])) problems.push(`${where}: ${behaviour} has no section #${match[1]}`);
    }
    if (/\bspec(\.md)?\s*§|ws-notes\s*§|shared\/spec\//i.test(line)) {
      problems.push(`${where}: cites notes outside the repository; cite ${behaviour}#<section> instead`);
    }
  });
}

for (const problem of problems) console.log(problem);
console.log(`check:refs: ${citations} citations of ${behaviour} (${sections.size} sections), ${problems.length} problems`);
process.exit(problems.length > 0 ? 1 : 0);
