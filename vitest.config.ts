import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/** Tests that need modules in their initial state (SQL parsers not yet loaded, a mocked node:fs). */
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
    globalSetup: ['test/ram-tmpdir.ts'],
    // vitest's default for `run` is one worker less than the cores: one worker on a 2-core machine.
    // The main process only schedules and reports, so every core gets a worker.
    // Measured on the 2-core machine, never quiet. 2026-12-05 earlier (load 24-26): 486-510 s wall,
    // 80 s of CPU (user + sys), 2,142 tests; 94 s of CPU before the CLI tests ran in process.
    // 2026-12-05 17:10-18:26 (six sessions): 310 s wall, 127 s CPU at load 15, 2,304 tests; then,
    // with start-up, the Action and GitLab scripts, the import of dist/ by name and the stdin pipe
    // moved to e2e and fewer git and lint runs: 276 s wall, 77 s CPU at load 19-21, 2,305 tests
    // (other work added some). Of those 77 s about 13 s is vitest (main process, two workers each
    // loading the module graph) and 10 s child processes (git). Target: 20 s wall on a quiet
    // machine, i.e. under ~40 s of CPU on two cores; still to be reached and measured.
    // 2026-12-05 19:51, quiet (load 2.3): 37.3 s wall, 69 s CPU (49 user + 20 sys), 2,398 tests;
    // diff.test.ts 9.0 s and cache.test.ts 6.8 s of 50 s of file time. Each git process is a fork
    // of a worker holding the whole graph (10-25 ms of CPU): diff.test.ts ran 303, now 130 (one
    // fast-import for its repository, one CLI run per change rendered in three formats, 8 git
    // processes per diff instead of 11), and cache.test.ts lints a five-file repository twenty
    // times instead of the sample. Those two files, old against new back to back at load 16-18:
    // 23.3 → 19.0 and 24.5 → 19.8 s of CPU (sys 8.5-9.0 → 6.3-6.5), ~6 s of each being the fixed
    // cost of starting vitest. Fixed costs per worker, still paid twice: TypeScript (9 MB of CJS),
    // ts-morph's own bundled TypeScript (12 MB, loaded by the first JSON or SARIF run for its
    // suggestions), the SQL parsers; and `git ls-files` for every lint of a folder inside this
    // repository (fixtures/).
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
