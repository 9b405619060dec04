// The controller scenario compiled with experimentalDecorators: the same @Route, @ApiController,
// @HttpGet and @HttpPost, called by TypeScript's legacy __decorate helper.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runScenario } from './scenario';

const compiled = readFileSync(require.resolve('./scenario'), 'utf8');
assert.ok(compiled.includes('__decorate(') && !compiled.includes('__esDecorate('), 'compiled with legacy decorators');
runScenario().then(
  (what) => console.log(`ok legacy-decorators (experimentalDecorators): ${what}`),
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
