import { defineConfig } from 'vitest/config';

/** `npm run test:processes`: several real Tandem processes on one PostgreSQL (needs DATABASE_URL). */
export default defineConfig({
  test: {
    include: ['test/processes/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
