/**
 * Test code: its settings and defaults are not the service's configuration. Besides `test/`, `__tests__/`,
 * `*.test.ts`…: Go's `testdata/`, and the JVM's test source sets, Maven's `src/test/` and Gradle's
 * `src/integrationTest/`, `src/testFixtures/`, `src/it/` (their `resources/` hold Flyway test migrations and
 * testcontainers init scripts).
 */
export function isTestFile(path: string): boolean {
  return (
    /(?:^|\/)(?:__tests__|__mocks__|tests?|testdata|e2e|spec)\//.test(path) ||
    JVM_TEST_SOURCE_SET.test(path) ||
    /\.(?:test|spec|e2e-spec|e2e)\.[cm]?[jt]sx?$/.test(path)
  );
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
