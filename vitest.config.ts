import { defineConfig } from 'vitest/config';

/** Tests that need modules in their initial state (e.g. SQL parsers not yet loaded). */
const needsFreshModules = ['test/analysis/sql/uninitialised.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: needsFreshModules,
          // Loading TypeScript, node-sql-parser and libpg-query once per worker instead of once
          // per test file cuts the suite from ~110 s to ~30 s; tests share no mutable state.
          isolate: false,
        },
      },
      { extends: true, test: { name: 'isolated', include: needsFreshModules } },
    ],
  },
});
