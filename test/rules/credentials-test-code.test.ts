/**
 * Test helpers kept among the sources are test code for the credential rules (HELDOUT13 #11): Medusa's
 * src/helpers/test-request.js builds a supertest app with `session({ secret: "test" })`.
 */
import { describe, expect, it } from 'vitest';
import credentials from '../../rules/no-hardcoded-credentials.js';
import envDefault from '../../rules/no-unsafe-env-default.js';
import { isTestHelperName } from '../../rules/support/test-code.js';
import { ruleTester } from '../rule-tester.js';

describe('test helper names', () => {
  it('takes a test helper by a word of its name, never a word that ends in test', () => {
    for (const path of [
      'src/helpers/test-request.js',
      'src/utils/test-utils.ts',
      'src/testHelpers.ts',
      'src/db-test-utils.mjs',
      'src/setupTests.ts',
      'lib/test_db.js',
      'src/testing-helpers.tsx',
    ])
      expect(isTestHelperName(path), path).toBe(true);
    for (const path of [
      'src/contest.js',
      'src/latest-helpers.js',
      'src/attestation-utils.ts',
      'src/test-connection.ts',
      'src/helpers/request.js',
      'src/test-utils.yaml',
    ])
      expect(isTestHelperName(path), path).toBe(false);
  });
});

/** Medusa v1's packages/medusa/src/helpers/test-request.js (tsc's CommonJS output), cut down. */
const TEST_REQUEST = [
  '"use strict";',
  'var supertest_1 = __importDefault(require("supertest"));',
  'var adminSessionOpts = {',
  '    cookieName: "session",',
  '    secret: "test",',
  '};',
  'exports.adminSessionOpts = adminSessionOpts;',
  'app.use(session(adminSessionOpts));',
  '',
].join('\n');

/** A session secret and a fallback the same way in a file `name` importing `library`. */
const helper = (library: string) =>
  [
    `import request from '${library}';`,
    "import session from 'express-session';",
    "export const app = session({ secret: 'Sup3r-s3cret-value' });",
    "export const jwtSecret = process.env.JWT_SECRET || 'test-jwt-secret';",
    'export const api = () => request(app);',
    '',
  ].join('\n');

ruleTester.run(credentials, {
  valid: [
    {
      name: "a supertest helper named test-request.js is test code: its session secret is the suite's (HELDOUT13 #11)",
      filename: 'packages/medusa/src/helpers/test-request.js',
      code: TEST_REQUEST,
    },
    {
      name: 'a file of any name importing supertest (or another test library) is test code',
      filename: 'services/billing/src/support/api-client.ts',
      code: helper('supertest'),
    },
    {
      name: "a test helper by its name alone: test-utils.ts's data source is the suite's",
      filename: 'services/billing/src/utils/test-utils.ts',
      code: "import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'postgres', host: 'localhost', password: 'billing-test-pw' });\n",
    },
  ],
  invalid: [
    {
      name: 'the same secret in a file importing a real HTTP client (superagent), or named contest.js, is a credential',
      filename: 'services/billing/src/contest.js',
      code: helper('superagent'),
      errors: [
        {
          messageId: 'credentialProperty',
          line: 3,
          column: 38,
          endLine: 3,
          endColumn: 58,
          data: { key: 'secret', redacted: '**** (16+ chars)' },
        },
      ],
    },
    {
      name: 'latest-helpers.js importing no test library is no test helper',
      filename: 'services/billing/src/latest-helpers.js',
      code: TEST_REQUEST.replace('"test"', '"Sup3r-s3cret-value"').replace('"supertest"', '"superagent"'),
      errors: [
        {
          messageId: 'credentialProperty',
          line: 5,
          column: 13,
          endLine: 5,
          endColumn: 33,
          data: { key: 'secret', redacted: '**** (16+ chars)' },
        },
      ],
    },
  ],
});

ruleTester.run(envDefault, {
  valid: [
    {
      name: "a supertest helper's fallback is the suite's",
      filename: 'services/billing/src/support/api-client.ts',
      code: helper('supertest'),
    },
    {
      name: "a test helper's fallback by its name alone",
      filename: 'services/billing/src/helpers/test-app.ts',
      code: helper('superagent'),
    },
  ],
  invalid: [
    {
      name: 'the same fallback in attestation-utils.ts importing superagent is a service default',
      filename: 'services/billing/src/attestation-utils.ts',
      code: helper('superagent'),
      errors: [{ messageId: 'hardcodedSecret', line: 4, column: 52, endLine: 4, endColumn: 69, data: { name: 'JWT_SECRET' } }],
    },
  ],
});
