import { defineConfig } from 'vitest/config';

/**
 * Browser journeys against the built app, each file with its own server and data directory,
 * two files at a time: a journey mostly waits on its browser and server, so two share the two
 * cores well and the suite takes far less of CI's time than one at a time.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});
