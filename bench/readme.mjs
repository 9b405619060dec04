// Rewrites the README's Performance table from a saved run: `node bench/readme.mjs run.json`, where
// run.json comes from `npm run bench -- --json run.json` (or run the bench with --readme directly).
// Everything in the generated block (date, machine, command, figures, ratios, verdicts) comes from the
// run; bench/report.mjs computes the verdicts.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSection, replaceSection } from './report.mjs';

const [file, readmeArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/readme.mjs <run.json> [README.md]');
  process.exit(2);
}
const readme = readmeArg ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
const run = JSON.parse(readFileSync(file, 'utf8'));
writeFileSync(readme, replaceSection(readFileSync(readme, 'utf8'), renderSection(run)));
console.log(`${readme}: Performance table rewritten from ${file} (${run.date}, ${run.command})`);
