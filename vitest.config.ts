import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Tests that need modules in their initial state (SQL parsers not yet loaded, a mocked node:fs):
 * each calls vi.resetModules() and imports src/ after it, so they share their workers (a fork each
 * cost ~0.8 s of CPU, four of them before the first shared file).
 */
const needsFreshModules = [
  'test/analysis/sql/uninitialised.test.ts',
  'test/analysis/sql/load-as-needed*.test.ts',
  // Mocks node:fs: in a shared worker src/io may already hold the real module.
  'test/analysis/facts-cache-swap.test.ts',
];

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
    // Temporary folders on /dev/shm when it has room (test/ram-tmpdir.ts says why).
    globalSetup: ['test/ram-tmpdir.ts'],
    // Node 20.19+ compiles every package file of no declared type twice when imported (once to
    // detect ESM syntax); typescript.js is 9 MB: import('typescript') 1.0 → 0.8 s of CPU per worker.
    execArgv: ['--no-experimental-detect-module'],
    // Keeps vite's transforms of src/, rules/ and test/ in node_modules/.experimental-vitest-cache,
    // keyed by content: the main process re-transformed ~430 modules on every run while both
    // workers waited. Warm, test/rules: transform 14-18 → 6 s, 1-2 s less CPU (load 24).
    experimental: { fsModuleCache: true },
    // vitest's default for `run` is one worker less than the cores: one worker on a 2-core machine.
    // The main process only schedules and reports, so every core gets a worker.
    // Measured on the 2-core machine (user + sys is the figure that carries over; wall depends on
    // the load). 2026-12-06, main fd690d2 at load 3.0: 31.5 s wall, 59.8 s CPU (48.1 user + 11.7
    // sys), 2,807 tests; at load ~21, 2,843 tests: ~78 s CPU and 290-310 s wall, ±5 s of CPU between
    // runs, so compare single files back to back. Where the CPU went (load 17, 81 s): vitest's main
    // process 8 s, its workers 64 s (test bodies 52, loading 183 test files 12), child processes
    // ~7 s (~250 git ≈ 5 s: temporary repositories and the diff command; the LSP test's server
    // 1.4 s). Per worker the graph (TypeScript 9 MB, the SQL parsers) is loaded once; in-process
    // CLI runs and lint() runs on fixtures/ take test/fixture-tree.ts's one git listing per worker.
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
      // Not fileParallelism: false: a project with its own worker count needs its own sequence.groupOrder, run apart from the rest.
      { extends: true, test: { name: 'isolated', include: needsFreshModules, isolate: false } },
      { extends: true, test: { name: 'e2e', include: endToEnd, isolate: false, testTimeout: 120_000 } },
    ],
  },
});
