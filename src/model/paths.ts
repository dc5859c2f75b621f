/**
 * Test code: its settings and defaults are not the service's configuration. Besides `test/`, `__tests__/`,
 * `*.test.ts`… and `*.test.sql` (a test fixture kept beside the migration it checks, EverShop's
 * `migration/Version-1.0.3.test.sql`; pgTAP tests): Go's `testdata/`, and the JVM's test source sets, Maven's `src/test/` and Gradle's
 * `src/integrationTest/`, `src/testFixtures/`, `src/it/` (their `resources/` hold Flyway test migrations and
 * testcontainers init scripts). A test runner's own config and setup (`vitest.config.ts` with
 * `test: { env: { DATABASE_URL } }`, `jest.setup.js`, `.mocharc.yml`) are test code too.
 */
export function isTestFile(path: string): boolean {
  return (
    /(?:^|\/)(?:__tests__|__mocks__|tests?|testdata|e2e|spec)\//.test(path) ||
    JVM_TEST_SOURCE_SET.test(path) ||
    /\.(?:test|spec|e2e-spec|e2e)\.(?:[cm]?[jt]sx?|sql)$/.test(path) ||
    isTestRunnerConfig(path.slice(path.lastIndexOf('/') + 1))
  );
}

/** `vitest.config.ts`, `vitest.workspace.ts`, `jest.config.js`, `jest.setup.ts`, `playwright.config.ts`, `.mocharc.cjs`… by file name. */
function isTestRunnerConfig(name: string): boolean {
  return /^(?:vitest|jest|playwright|cypress|karma|ava|wdio)\.(?:config|setup|workspace)\./.test(name) || name.startsWith('.mocharc.');
}

/** A Gradle test source set: `src/integrationTest/`, `src/functionalTest/`, `src/testFixtures/`, `src/it/`. */
const JVM_TEST_SOURCE_SET = /(?:^|\/)src\/(?:it|[a-z]+Test|test[A-Z][A-Za-z]*)\//;

/**
 * The folder naming code outside every service: the two leading folders of its path
 * (`packages/common`, `reporting/dashboard`, `apps/admin`), or the one folder of a file directly
 * below a top-level folder (`scripts/backfill.ts` → `scripts`); undefined at the repository root.
 */
export function outsideFolder(path: string): string | undefined {
  const folders = path.split('/').slice(0, -1);
  if (folders.length === 0) return undefined;
  return folders.slice(0, Math.min(2, folders.length)).join('/');
}
