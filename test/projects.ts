/**
 * The test files of the e2e project (`npm run test:e2e`, which CI runs before `npm test`): suites whose
 * cost is processes, git repositories, generated repositories or large inputs. vitest.config.ts builds
 * its projects from this list; test/rules.meta.test.ts reads it to check that every message of every
 * rule keeps an in-memory case in `npm test`.
 */
export const endToEnd = ['test/e2e/**/*.test.ts'];
