/**
 * The test files of the e2e project (`npm run test:e2e`, which CI runs before `npm test`), as globs.
 * vitest.config.ts builds its projects from this list; test/rules.meta.test.ts reads it to check that
 * every message of every rule keeps an in-memory case in `npm test`.
 */
export const endToEnd = [
  // Suites whose cost is processes, git repositories, generated repositories or large inputs, and those
  // whose subject is the `--cache` file on disk (its stamps, appended entries, damage, the stored model it
  // keeps: cache, stored-model) or a long sequence of edits over a copy of the sample (editor-session-kept),
  // each with an in-memory test of the same behaviour in `npm test` where lint() has one. A unit
  // suite's checks of time on large inputs (linear regexes, 20,000-100,000-character SQL and scripts, a
  // 9 MB file) or over a generated repository live here as test/e2e/<subject>-*.test.ts or
  // linear-regexes.test.ts, beside the suite that keeps the behaviour on small inputs in `npm test`.
  // The command line over a repository on disk (test/e2e/<command>-disk.test.ts: files written, links, places
  // outside the project, --stdin over the disk) beside its suites in `npm test`, which run the CLI in memory
  // (test/cli-memory.ts).
  'test/e2e/**/*.test.ts',
  // Suites whose subject is the whole pipeline over the fixture repositories (fixtures/sample-monorepo,
  // real-patterns, every fixtures/layouts case): their exact findings against EXPECTED.json, `init` on each
  // case, the pinned maps, and the facts codec's round trip of every fixture file's facts. Each analyses
  // every fixture file on its first run in a worker (when they were unit suites, ~13 s of the unit suite's
  // ~69 s of worker CPU at load 15-20, for ~700 files). Every rule message keeps a rule-tester case in
  // `npm test` (rules.meta), which these suites do not replace.
  'test/acceptance/**/*.test.ts',
  'test/commands/map-golden.test.ts',
  'test/analysis/facts-codec.test.ts',
];

/**
 * Tests that need modules in their initial state (SQL parsers or the script analysers not yet loaded, a
 * mocked node:fs): each calls vi.resetModules() (or vi.mock) and imports src/ after it. They run in the
 * shared workers, after every other file (vitest.config.ts, FreshModulesLast): vi.resetModules() resets
 * the worker's whole module registry, so every file after one in its worker would evaluate src/ again
 * (~0.15 s of CPU) and warm it up again (its first lint() ~0.4 s), and a file after a mock of node:fs
 * would import src/io with it. Their own project cost two forks (~0.5 s of CPU each to start, plus
 * loading vitest's runtime and the externals again) for ~1 s of tests. test/projects.test.ts checks
 * that every unit test file that resets or mocks modules is listed, and only those.
 */
export const needsFreshModules = [
  'test/analysis/sql/uninitialised.test.ts',
  'test/analysis/sql/load-as-needed*.test.ts',
  'test/analysis/script-analysers.test.ts',
  // Mocks node:fs: a file after it in the worker would import src/io with the mock.
  'test/analysis/facts-cache-swap.test.ts',
];
