import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/** Tests that need modules in their initial state (e.g. SQL parsers not yet loaded). */
const needsFreshModules = ['test/analysis/sql/uninitialised.test.ts', 'test/analysis/sql/load-as-needed*.test.ts'];

/**
 * Suites whose cost is processes, git repositories, generated repositories or large inputs:
 * their own project, `npm run test:e2e`, which CI runs before `npm test` (`.ci/run`).
 */
const endToEnd = ['test/e2e/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // The first hook of a worker pays for loading TypeScript and the SQL parsers: seconds on a loaded machine.
    hookTimeout: 30_000,
    pool: 'forks',
    // vitest's default for `run` is one worker less than the cores: one worker on a 2-core machine.
    // The main process only schedules and reports, so every core gets a worker.
    // Measured 2026-12-05 on the 2-core machine, never quiet (eight sessions, load average 24-26):
    // `npm test` took 486 s and 510 s wall, 80 s of CPU (user + sys) each, 2,142 tests; a quiet
    // figure (target: 20 s) is still to be taken. Before the CLI tests ran in process and the
    // process-spawning rows moved to e2e: 94 s of CPU at load 13-20.
    maxWorkers: availableParallelism(),
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: [...needsFreshModules, ...endToEnd],
          // Loading TypeScript, node-sql-parser and libpg-query once per worker instead of once
          // per test file cuts the suite from ~110 s to ~30 s; tests share no mutable state.
          isolate: false,
        },
      },
      { extends: true, test: { name: 'isolated', include: needsFreshModules } },
      { extends: true, test: { name: 'e2e', include: endToEnd, isolate: false, testTimeout: 120_000 } },
    ],
  },
});
