import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Test files share their worker's modules (`isolate: false`): importing the app once per worker
 * rather than once per file halves the suites' time (decision 071). Each file still opens its
 * own database and app. A file that mocks a module, stubs the environment or a global, or fakes
 * the clock is named `*.isolated.test.ts` and gets modules of its own (test/architecture.test.ts
 * checks the names).
 */
const isolated = ['src/**/*.isolated.test.ts', 'test/**/*.isolated.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test' },
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          // Real processes on PostgreSQL: `npm run test:processes`.
          exclude: [...configDefaults.exclude, 'test/processes/**', ...isolated],
          isolate: false,
        },
      },
      { extends: true, test: { name: 'isolated', include: isolated } },
    ],
  },
});
