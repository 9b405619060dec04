import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/interop/**', 'node_modules/**'],
    // The environment variables that change behaviour (proxies, listening addresses) are removed before
    // each test file; a test that needs one sets it with vi.stubEnv, undone after each test. And a test
    // that asserts nothing fails.
    setupFiles: ['test/helpers/hermetic-env.ts', 'test/helpers/every-test-asserts.ts'],
    unstubEnvs: true,
    testTimeout: 15_000,
    hookTimeout: 15_000,
    // Sockets and child processes: a fork per file keeps one file's leaks from hiding in another's.
    pool: 'forks',
  },
});
