/**
 * Test code the paths alone do not tell (`isTestFile`: `test/`, `*.test.ts`, …): a test helper kept among the sources.
 * Its credentials are the suite's (`session({ secret: 'test' })` for the supertest app it builds), not a deployment's.
 */
import type { FileFacts } from '../../src/analysis/facts.js';
import { isTestFile } from '../../src/model/paths.js';

/**
 * Modules only tests import: test runners and their assertion, mocking and HTTP-testing libraries (supertest builds
 * an app to send it requests in-process), and Testcontainers. A subpath counts (`@jest/globals`, `chai/register-expect`).
 */
const TEST_LIBRARY =
  /^(?:supertest|jest|@jest\/globals|vitest|mocha|chai|chai-[\w.-]+|sinon|ava|tap|node:test|uvu|@playwright\/test|cypress|nock|testcontainers|@testcontainers\/[\w.-]+|@testing-library\/[\w.-]+|@nestjs\/testing|jest-mock-extended|vitest-mock-extended|ts-mockito)(?:\/|$)/;

/**
 * A test helper by its name (the extension aside), a word of its own: `test-request.js`, `test-utils.ts`, `testHelpers.ts`,
 * `db-test-utils.ts`, `setupTests.ts`, `test_db.py`-like `test-db.ts`. `contest.js`, `latest-helpers.js` and
 * `attestation-utils.ts` are not: `test` must start the name or follow `-`, `_` or `.`.
 */
const TEST_HELPER_NAME =
  /(?:^|[-_.])test(?:ing)?[-_.]?(?:utils?|helpers?|harness|setup|support)$|^test(?:ing)?[-_](?:request|server|app|db|database|client|env|context|fixtures?|factory|factories|data)$|^setup[-_]?tests?$/i;

/** Whether `path` names a test helper (`src/helpers/test-request.js`): code files only. */
export function isTestHelperName(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = /\.[cm]?[jt]sx?$/.exec(base);
  return dot !== null && TEST_HELPER_NAME.test(base.slice(0, dot.index));
}

/** Test code: by its path (`isTestFile`), its name (`isTestHelperName`) or a test library it imports (`TEST_LIBRARY`). */
export function isTestCode(file: FileFacts): boolean {
  if (isTestFile(file.path) || isTestHelperName(file.path)) return true;
  return (file.script?.imports ?? []).some((fact) => TEST_LIBRARY.test(fact.specifier));
}
