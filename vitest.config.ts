import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // integration tests start real servers and SQLite files; two cores: keep it to two forks
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
