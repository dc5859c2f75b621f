/**
 * Credentials that are stand-ins (HELDOUT16 #9-#12): a dummy base64 token of a test or example, a test fixture's JWT
 * signing key, a literal that says it is no secret, a sample config's documented placeholders — and the near misses
 * that stay reported: a real-looking key where it is deployed.
 */
import rule from '../../rules/no-hardcoded-credentials.js';
import { ruleTester } from '../rule-tester.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');

ruleTester.run(rule, {
  valid: [
    {
      name: 'a committed Secret whose base64 values decode to a stand-in pair and a placeholder',
      filename: 'deploy/k8s/registry-auth.yaml',
      code: [
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  name: registry-auth',
        'data:',
        `  auth: ${b64('test:test')}`,
        `  password: ${b64('changeme')}`,
        '',
      ].join('\n'),
    },
    {
      name: "a fixture folder's env file, compose file and manifest hold the suite's keys",
      filename: 'packages/auth/__fixtures__/.env',
      code: 'JWT_SECRET=Kx9vQm2LpZr7WtN4\nDB_PASSWORD=Fq83-vEj-RWe\n',
      files: {
        'packages/auth/test-fixtures/docker-compose.yml':
          'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: Fq83-vEj-RWe\n',
        'packages/auth/e2e-fixtures/secret.yaml':
          'apiVersion: v1\nkind: Secret\nmetadata:\n  name: jwt\nstringData:\n  JWT_SECRET: Kx9vQm2LpZr7WtN4\n',
      },
    },
    {
      name: "a test fixture's JWT signing key in a suite folder the test paths do not name (integration-tests/, test-utils/, testing/)",
      filename: 'packages/api/integration-tests/helpers/tokens.ts',
      code: "import jwt from 'jsonwebtoken';\nexport const token = (sub: string) => jwt.sign({ sub }, 'Kx9vQm2LpZr7WtN4');\n",
      files: {
        'packages/api/src/test-utils/app.ts': "export const app = createApp({ jwt: { secret: 'Kx9vQm2LpZr7WtN4' } });\n",
        'packages/api/src/testing/jwt.ts': "export const jwtOptions = { secret: 'Kx9vQm2LpZr7WtN4', signOptions: { expiresIn: '1h' } };\n",
      },
    },
    {
      name: 'values that say they are no secret, even in use: passed to jwt.sign, a session middleware, a private key passphrase',
      filename: 'services/accounts/src/app.ts',
      code: [
        "export const token = jwt.sign({ sub: 1 }, 'doNoUseThisSecret!');",
        "app.use(session({ secret: 'not-a-real-secret' }));",
        "export const key = crypto.createPrivateKey({ key: pem, format: 'pem', passphrase: 'notasecret' });",
        "export const demo = jwt.sign({ sub: 2 }, 'secret-for-testing-only');",
        '',
      ].join('\n'),
    },
    {
      name: "an env file's and a compose file's placeholders written as phrases, stand-in pairs and replace-me sentences",
      filename: 'services/turn/.env',
      code: 'TURN_SECRET=change-me-in-production\nJWT_SECRET=dummy-jwt-secret\nTURN_CREDENTIALS=username1:password1\n',
      files: {
        'services/turn/docker-compose.yml':
          'services:\n  coturn:\n    image: coturn/coturn:4.6\n    environment:\n      TURN_SECRET: DO_NOT_USE\n      TURN_AUTH: user:password\n',
      },
    },
    {
      name: "coturn's sample config and docs: a compose example and a manifest under docs/ and examples/",
      filename: 'examples/docker/docker-compose.yml',
      code: 'services:\n  coturn:\n    image: coturn/coturn:4.6\n    environment:\n      STATIC_AUTH_SECRET: north\n      POSTGRES_PASSWORD: turnserver\n',
      files: {
        'docs/kubernetes/coturn-secret.yaml':
          'apiVersion: v1\nkind: Secret\nmetadata:\n  name: coturn\nstringData:\n  static-auth-secret: north\n',
      },
    },
  ],
  invalid: [
    {
      name: 'near miss: a real-looking key in a deployed env file, beside a stand-in',
      filename: 'services/turn/.env',
      code: 'JWT_SECRET=dummy-jwt-secret\nTURN_SECRET=Kx9vQm2LpZr7WtN4\n',
      errors: [{ messageId: 'envFileSecret', line: 2, column: 13, endLine: 2, endColumn: 29, data: { key: 'TURN_SECRET' } }],
    },
    {
      name: 'near miss: a committed Secret whose base64 decodes to a real-looking pair',
      filename: 'deploy/k8s/registry-auth.yaml',
      code: ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: registry-auth', 'data:', `  auth: ${b64('admin:S3cr3t!')}`, ''].join(
        '\n',
      ),
      errors: [{ messageId: 'committedSecret', line: 6, column: 9, endLine: 6, endColumn: 29, data: { key: 'auth' } }],
    },
    {
      name: 'near miss: production code signing with a real-looking key, and with a placeholder that asks to be replaced (what ships)',
      filename: 'services/accounts/src/auth.ts',
      code: [
        "export const token = jwt.sign({ sub: 1 }, 'Kx9vQm2LpZr7WtN4');",
        "export const other = jwt.sign({ sub: 2 }, 'change-me-in-production');",
        '',
      ].join('\n'),
      errors: [
        { messageId: 'credentialProperty', line: 1, column: 43, endLine: 1, endColumn: 61, data: { key: 'secret' } },
        { messageId: 'credentialProperty', line: 2, column: 43, endLine: 2, endColumn: 68, data: { key: 'secret' } },
      ],
    },
    {
      name: "near miss: a folder named like a suite's but of production code (attestation/, contest/) keeps its credentials reported",
      filename: 'services/attestation/src/contest/config.ts',
      code: "export const pool = new Pool({ host: 'db', user: 'attest', password: 'Kx9vQm2LpZr7WtN4' });\n",
      errors: [{ messageId: 'credentialProperty', line: 1, column: 70, endLine: 1, endColumn: 88, data: { key: 'password' } }],
    },
    {
      name: "near miss: Django's generated key with its 'insecure' prefix is a real random key",
      filename: 'services/shop/.env',
      code: 'SECRET_KEY=django-insecure-7x!k2$q9#vz@4m^p&b8w*e1r(t)y_u-i+o=a3s5d6f0g\n',
      errors: [{ messageId: 'envFileSecret', line: 1, column: 12, endLine: 1, endColumn: 72, data: { key: 'SECRET_KEY' } }],
    },
  ],
});
