import rule from '../../rules/unanalysed-file.js';
import { ruleTester } from '../rule-tester.js';

const SECRET_HEAD = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing-db\nstringData:\n';
const LONG_KEY = 'K'.repeat(1025);
const NINE_MB = 9 * 1024 * 1024;

ruleTester.run(rule, {
  valid: [
    {
      name: 'a well-formed Secret',
      filename: 'services/billing/k8s/secret.yaml',
      code: `${SECRET_HEAD}  DB_PASSWORD_FILE: /run/secrets/db\n`,
    },
    {
      name: 'a YAML file that is no manifest is not parsed, broken or not',
      filename: 'services/billing/docs/openapi.yaml',
      code: 'openapi: 3.0.0\npaths: [unclosed\n',
    },
    {
      name: 'a Helm template whose actions stand on their own lines parses',
      filename: 'services/billing/chart/templates/secret.yaml',
      code: `${SECRET_HEAD}{{- range $k, $v := .Values.secrets }}\n  {{ $k }}: {{ $v | quote }}\n{{- end }}\n`,
    },
    {
      name: 'a code file with NUL bytes is analysed, not refused',
      filename: 'services/billing/src/nul.ts',
      code: "// \u0000\nexport const q = () => db.query('SELECT id FROM invoices');\n",
    },
    {
      name: 'a .sql file of 9 MB is under the SQL limit and analysed',
      filename: 'services/billing/db/seed.sql',
      code: `-- ${'x'.repeat(NINE_MB)}\nSELECT 1;\n`,
    },
  ],
  invalid: [
    {
      name: 'a Secret document with a key over 1024 characters: an error at the parser complaint, in a service folder',
      filename: 'services/billing/k8s/secret.yaml',
      code: `${SECRET_HEAD}  ${LONG_KEY}: x\n  DB_PASSWORD: hunter2\n`,
      errors: [{ messageId: 'rejectedDocument', line: 6, column: 3, endLine: 6, endColumn: 1028, severity: 'error' }],
    },
    {
      name: 'the second document of a multi-document file, located in the file',
      filename: 'services/billing/k8s/all.yaml',
      code: `apiVersion: v1\nkind: ConfigMap\ndata:\n  A: b\n---\n${SECRET_HEAD}  DB_PASSWORD: [unclosed\n`,
      // The parser notices the unclosed sequence at the end of the document.
      errors: [{ messageId: 'rejectedDocument', line: 12, column: 1, endLine: 12, endColumn: 2, severity: 'error' }],
    },
    {
      name: 'a broken manifest outside every service folder is a warning',
      filename: 'deploy/secret.yaml',
      code: `${SECRET_HEAD}  DB_PASSWORD: [unclosed\n`,
      errors: [{ messageId: 'rejectedDocument', line: 7, column: 1, endLine: 7, endColumn: 2, severity: 'warn' }],
    },
    {
      name: 'a compose file the parser rejects',
      filename: 'services/billing/docker-compose.yml',
      code: 'services:\n  db:\n    environment:\n      MYSQL_PASSWORD: "unterminated\n',
      errors: [{ messageId: 'rejectedDocument', line: 5, column: 1, endLine: 5, endColumn: 2, severity: 'error' }],
    },
    {
      name: 'a .env file with binary content',
      filename: 'services/billing/.env',
      code: 'DB_PASSWORD=hunter2\u0000\n',
      errors: [{ messageId: 'binary', line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error' }],
    },
    {
      name: 'a TypeScript file padded past 8 MB: an error in the service folder, the file is never read whole',
      filename: 'services/billing/src/padded.ts',
      code: `export const q = () => db.query('SELECT * FROM payments');\n/*${' '.repeat(NINE_MB)}*/\n`,
      errors: [{ messageId: 'tooLarge', line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error' }],
    },
  ],
});
