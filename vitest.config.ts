import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/interop/**', 'node_modules/**'],
    testTimeout: 15_000,
    hookTimeout: 15_000,
    // Sockets and child processes: a fork per file keeps one file's leaks from hiding in another's.
    pool: 'forks',
  },
});
