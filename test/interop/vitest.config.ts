// The interop suite (npm run test:interop, through run.sh): real peers nobody here wrote.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/interop/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // As in the unit suite: a developer's http_proxy, no_proxy, ASPNETCORE_* or PORT must not reach the
    // code under test nor the peers this suite starts (the .NET oracle reads http_proxy too).
    setupFiles: ['test/helpers/hermetic-env.ts'],
    unstubEnvs: true,
    // One peer family per file, one file at a time: the machine has two cores and Chromium wants one.
    fileParallelism: false,
  },
});
