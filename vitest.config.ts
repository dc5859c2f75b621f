import { availableParallelism } from 'node:os';
import path from 'node:path';
import picomatch from 'picomatch';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
// Suites whose cost is processes, git repositories, generated repositories or large inputs: their own project,
// `npm run test:e2e`, which CI runs before `npm test` (`.ci/run`).
import { endToEnd, needsFreshModules } from './test/projects.js';

// Files that reset or mock modules run after all others in each worker (test/projects.ts says why).
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
    // What the suite's time is made of, and what was tried (BENCHMARKS.md, "The unit suite" has the
    // figures): the workers' test files are ~80% of its CPU, lint() and the in-process CLI most of it
    // (a rule-tester case ~3 ms); vitest's main process ~6-9 s (module code to the workers, task
    // messages); each worker's first file loads the graph (~1.5 s); ~15 ms per test file. Kept: every
    // core a worker, isolate: false, the transforms cached, TypeScript through the code cache, one
    // fixture listing and one facts memory per worker, git, fixture-wide and large-input suites in e2e, and
    // those whose subject is the --cache file on disk or a long run of lints over a copy of the sample
    // (cache, stored-model, editor-session-kept, the sample's 1- and 7-shard runs: the files' CPU -21% and
    // -13% in two pairs at load 23-30; test/projects.ts). Measured and not kept: pool 'threads', --max-semi-space-size,
    // --single-threaded-gc, the dot or minimal reporter, a facts memory for in-process CLI runs, a
    // per-process cache of compiled globs (the common shapes skip the automaton instead), native
    // imports through tsx instead of vite's module runner (experimental.viteModuleRunner: false, one
    // pair at load 18-21: 51.2 → 69.6 s of CPU, and vi.resetModules stops working), a facts memory shared by
    // the rule tester's cases (hashing each case's files costs what the hits save), each rule's default
    // options parsed once per process (zod's checks are ~4% of a case; not resolvable in pairs).
    // Quiet (load ~2), main 8bcfc36: 37.7 s wall, 72.5 s CPU (255 files, 3,897 tests). What is left of
    // ~60 s after the moves (BENCHMARKS.md, nineteenth session): vitest's main process ~11 s, the rule
    // tests ~10 s (lint() per case), the CLI suites over temporary repositories ~13 s, help rendering ~1 s.
    // Twentieth session (t20): three quarters of a rule-tester case is lint()'s fixed cost over the four configured
    // services, not its file, and no function holds 3% of it; rules that are off no longer parse their options, nor does
    // the runner resolve SQL no rule listens to (-4.8% of lint() per case, paired in one process). A rule-test worker
    // spends ~45% outside lint(): loading modules 16%, vitest's runner and messages 7%. The transform cache is keyed by
    // the checkout's path: a new worktree's (or clone's) first run transforms every module.
    // Quiet (load ~2), main ad0e78d: 39.1 s wall, 74.0 s CPU (261 files, 4,028 tests). The CLI suites run
    // in memory (runCli's injected file system, src/commands/cli-files.ts; test/cli-memory.ts), their disk
    // by nature in test/e2e/*-disk.test.ts: whole suite -9.5 and -3.2 s of CPU in two pairs at load 22-29
    // (BENCHMARKS.md, twentieth session). What is left: vitest's main process ~11 s, the rule tests ~10 s
    // (lint() per case), the CLI suites still on disk (suppressions, baseline, config-discovery,
    // print-config, robustness, cli-fix: ~4 s), lint() and yargs in the in-memory CLI runs, help ~1 s.
    // Twenty-first session (t21): lint() is one run of a reusable linter (createLinter); the rule tester keeps one per
    // config, so the rules in force and their options are worked out once per rule's cases (-2.3, +0.6 and -2.6% of
    // lint() per case in three pairs in one process, load 24-42). A one-file run's fixed cost is now the dialect
    // decision over the services without a file, the model's passes and the config's pattern warnings, a few per cent
    // each (BENCHMARKS.md, twenty-first session).
    // Twenty-first session (s21): lint() writes through a writer it is given (LintOptions.write: the suppressions file,
    // --fix's files), --print-config reads lint()'s tree: suppressions, baseline, print-config, cli-fix and config-discovery
    // run in memory, their disk cases in test/e2e (cli-disk, print-config-disk, config-discovery-git). Left on disk:
    // robustness hostile/untrusted-files/untrusted-input. Not paired (load 31-42): BENCHMARKS.md, twenty-first session.
    // Then (g21c): untrusted-files (links, cache folders, file-system errors) is e2e's; untrusted-input (NUL, 9 MB, UTF-16,
    // globs) runs over memory repositories (test/robustness/helpers.ts memoryRepo). Left on disk: robustness/hostile.
    // Twenty-second session (s22): the files that looked slowest per test (untrusted-input, no-hardcoded-credentials) were
    // each the first of its worker: a worker's first CLI run costs ~1.3-1.6 s of CPU (half of it waiting for this process
    // to serve modules), the next ones 15-22 ms. hostile runs over memory repositories (links and EACCES: e2e's
    // hostile-disk), large-statement's 1.2 MB PostgreSQL cases are e2e's (MySQL's stay), and config-naming-notice,
    // hash-directives, service-dialect, naming-convention, k8s-connections and outside-dialect lint memory trees: the
    // nine files' CPU -28% and -36% in two pairs at load 22-24 (cli/unchecked runs in memory too, not paired). This process, profiled at load 28: busy ~20 s, GC
    // 27%, IPC writes 18% (small messages), reading cached modules 6%, vite's resolver (rolldown) 5%; the quiet run is
    // CPU-bound (~93% of two cores), so another worker would only add its warm-up. Help rendering: cliui and wrap-ansi's
    // string-width 7 segments every cell (Intl.Segmenter); 8 skips ASCII: 134 -> ~50 ms per three renders with the same
    // output, an npm `overrides` entry away (BENCHMARKS.md, twenty-second session).
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
