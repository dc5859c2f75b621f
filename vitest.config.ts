import { availableParallelism } from 'node:os';
import path from 'node:path';
import picomatch from 'picomatch';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
// Suites whose cost is processes, git repositories, generated repositories or large inputs: their own project,
// `npm run test:e2e`, which CI runs before `npm test` (`.ci/run`).
import { endToEnd } from './test/projects.js';

/**
 * Tests that need modules in their initial state (SQL parsers not yet loaded, a mocked node:fs):
 * each calls vi.resetModules() and imports src/ after it. They run in the shared workers, after
 * every other file (FreshModulesLast): nothing that runs after them in a worker can get their
 * fresh copies of src/ or their node:fs mock. Their own project cost two forks (~0.5 s of CPU each
 * to start, plus loading vitest's runtime and the externals again) for ~1 s of tests.
 */
const needsFreshModules = [
  'test/analysis/sql/uninitialised.test.ts',
  'test/analysis/sql/load-as-needed*.test.ts',
  // Mocks node:fs: a file after it in the worker would import src/io with the mock.
  'test/analysis/facts-cache-swap.test.ts',
];
const isFresh = picomatch(needsFreshModules);

/** vitest's order (failed, then slowest first), with the files of needsFreshModules last. */
class FreshModulesLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const fresh = (spec: TestSpecification) => isFresh(path.relative(spec.project.config.root, spec.moduleId).split(path.sep).join('/'));
    return [...sorted.filter((spec) => !fresh(spec)), ...sorted.filter(fresh)];
  }
}

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // The first hook of a worker pays for loading TypeScript and the SQL parsers: seconds on a loaded machine.
    hookTimeout: 30_000,
    pool: 'forks',
    sequence: { sequencer: FreshModulesLast },
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
    // the load). 2026-12-06, main ab9bfe8 at load 3.2-3.6: 31.2 s wall, 59.0 s CPU (46.5 user + 12.5
    // sys), 3,226 tests in 205 files; at load 7-19: 82.3 s CPU, 226 s wall, ±10 s of CPU between runs,
    // so compare a few files interleaved on one worker. Where it went (that run): test files in the
    // workers 60.5 s (51.0 user + 9.4 sys; lint() and the CLI in-process most of it, GC ~8%), the rest
    // vitest's main process (~10 s: start-up, transforms, module and task messages), worker start-up
    // and ~285 git processes (each ~35 ms of git's CPU in our checkout plus ~7 ms to fork a 350 MB
    // worker). Since then the tests whose subject is git (the diff command, what git tracks or
    // ignores, --staged, a tracked cache) run in e2e: a36b77c before → after the move, interleaved at
    // load 8-11 (both with a per-file CPU hook): 65.8 → 58.0 s CPU, 96.6 → 79.6 s wall, 3,265 → 3,235
    // tests; the child processes the test files wait for (/proc cutime + cstime) 5.3 → 0.65 s of
    // CPU. Per worker the graph (TypeScript 9 MB, the SQL parsers) is loaded once (tests take
    // TypeScript from src/analysis/typescript/ts.ts, not the package); in-process CLI runs and
    // lint() runs on fixtures/ take test/fixture-tree.ts's one git listing per worker.
    // 2026-12-06 later, main fa7e215 at load 6-9: 35.5 s wall, 51.8 s CPU (43.9 user + 7.9 sys), 3,407
    // tests in 210 files; a per-file hook gave 41.2 s to the test files with their imports (10 files a
    // third of it: layouts-init 4.1 s, map-golden 4.0, cache 1.5, facts-codec 1.5, secret-leaks 1.4,
    // sql/robustness 1.2, shard 1.2, imports-fast-path 1.1), ~10.6 s to vitest's main process (module and
    // task messages over IPC) and worker start-up. A warm lint() of a fixture costs ~16 ms spread over the
    // model and the rules, no hot spot. No better, on interleaved pairs: --max-semi-space-size=32 or 64
    // (64 +1.5 s on 8 heavy files), --single-threaded-gc, and pool 'threads' (3 full pairs at load 15-27:
    // 62.4/66.1/68.0 s against forks' 61.5/66.3/78.9 s). Tests that lint fixtures share one facts memory
    // per worker (test/fixture-tree.ts fixtureFacts); e263ea3 before → after that and a smaller generated
    // input, one pair at load 28: 73.6 → 64.3 s CPU, 318 → 270 s wall (3,443 tests; ±10 s noise at that load).
    // 2026-12-06 19:10-20:40, main 7d18bbb (3,584 tests, 225 files), load 15-26 throughout. Per-file
    // hook, one instrumented run at load 15-17: 1,789 lint() runs take ~19 s of the workers' ~57 s
    // (analysis 16, rules 3); file extraction is 7 s of it, 3.3 s of which a worker had already done for
    // the same path, content and settings (CLI runs of one repository, the editor's cold oracle). vitest's
    // main process: 3.4 s for 65 files, 8 s for the suite; a trivial test costs ~0.5 ms (2,000 in a file),
    // the dot and minimal reporters within noise. The 'isolated' project's two forks are gone (its files
    // run last in the shared workers): test/analysis/sql + facts-cache-swap, 3 interleaved pairs at load
    // 20-24, 13.4/13.5/14.4 → 9.8/10.1/9.8 s CPU. layouts-init lints in memory (1.7 → 1.2-1.5 s after
    // facts-codec); the secret corpus (1.4-2.0 s, ~30 CLI runs on disk) runs in e2e. Whole suite, 3
    // interleaved pairs (first one partly cold): 7d18bbb 76.6/67.9/75.4 s CPU, after 70.5/80.0/75.7 s: ±10 s
    // between runs of one tree at that load, so no full-suite figure resolves the change.
    // 2026-12-06 22:10-23:15, main cacea21 (3,812 tests, 233 files; the lead's quiet run at load 2.5: Duration 25.8 s,
    // 50.7 s CPU). Per-file hook at load 15-20: workers 68.7 s, main 13.0 s, 88 s in all; the suites over every fixture
    // repository took 12.8 s of the workers' (layouts-init 3.4, facts-codec 2.8, real-patterns 2.6, map-golden 1.9,
    // layouts-findings 0.9, database-evidence 0.8) and run in e2e now (test/projects.ts), 3,315 tests in 223 files left.
    // Interleaved pairs, before → after: 79.7 → 67.3 s CPU (load 15-17, first pair partly cold), 69.8 → 65.4 s (load
    // 17-22, warm). Scaled to the quiet run, ~43-47 s of CPU: ~22-24 s, not yet 20. Tried and not kept: one facts memory
    // per worker for the in-process CLI runs (CliIo.factsCache), the 38 files that run the CLI, two interleaved pairs at
    // load 21-24: 28.7/29.6 s without, 30.7/30.4 s with. What is left: the workers' first file loads the graph (~1.5 s
    // each), the large-input checks (connection-url, sql and typescript robustness, ~2.4 s under load), vitest's main
    // process (~13 s under load).
    // 2026-12-07 01:10-02:20, main 0e5377d (3,399 tests, 230 files; the lead's quiet run at load 1.8-2.3: 23.7 s wall, 43.9 s
    // CPU, files 1.6 → 22.0 s after start in both workers, 33.5 s in the files and ~7 s between them: a file's import and
    // its results, ~30 ms per file). The files that look slowest there (cache 3.4 s, no-hardcoded-credentials 2.7 s) were
    // each the first of its worker: the sequencer runs the slowest first, and the first file pays the worker's graph load
    // (import src/lint 0.7 s, the first lint() 0.85 s, the CLI 0.44 s of CPU at load 20). After a warm-up in the same worker
    // (load ~20-24): no-hardcoded-credentials 1.29 s for 110 tests (a one-file rule-tester case is 3.3-3.5 ms of lint()),
    // cache 2.4 s (12 tests, ~20 lints of the sample and a generated repository, cold and warm), editor-session-kept 1.7 s
    // (one test, ~32 lints of the sample, half of them the cold oracle), shard 1.6 s, analysis/sql/robustness 1.5 s.
    // Whole suite with a per-file hook at load 17-23: 65.2 s CPU (56.1 user + 9.1 sys), 51.3 s of it in the files with their
    // imports. The rule tester serialised 9 MB cases twice: unanalysed-file 0.64 → 0.42 s. Tried and not kept: one
    // compiled matcher per glob for the process (a CPU profile gave building globs ~40% of a one-file lint(); measured, 3.43
    // → 3.28 ms per case, 3 interleaved pairs). Not yet 20 s; what is left is spread: ~2 s of graph load per worker, ~7 s
    // between files, vitest's main process (~4 s for test/rules' 37 files at load 15), lint() itself (3.3 ms per case).
    maxWorkers: availableParallelism(),
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: endToEnd,
          // Loading TypeScript, node-sql-parser and libpg-query once per worker instead of once
          // per test file cuts the suite from ~110 s to ~30 s; tests share no mutable state.
          isolate: false,
        },
      },
      { extends: true, test: { name: 'e2e', include: endToEnd, isolate: false, testTimeout: 120_000 } },
    ],
  },
});
