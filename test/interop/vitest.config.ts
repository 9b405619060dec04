// The interop suite (npm run test:interop, through run.sh): real peers nobody here wrote.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/interop/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // One peer family per file, one file at a time: the machine has two cores and Chromium wants one.
    fileParallelism: false,
  },
});
