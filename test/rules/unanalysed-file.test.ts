import { describe, expect, it } from 'vitest';
import rule from '../../rules/unanalysed-file.js';
import { FileAccessError } from '../../src/io/file-access-error.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint } from '../../src/lint.js';
import { formatResult } from '../../src/reporters/index.js';
import { ruleTester } from '../rule-tester.js';

const SECRET_HEAD = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing-db\nstringData:\n';
const LONG_KEY = 'K'.repeat(1025);
const LFS_POINTER = `version https://git-lfs.github.com/spec/v1\noid sha256:${'4d7a'.repeat(16)}\nsize 18734112\n`;
const NINE_MB = 9 * 1024 * 1024;
const CONFLICTED = [
  '{',
  '  "name": "billing",',
  '<<<<<<< HEAD',
  '  "version": "1.2.0",',
  '=======',
  '  "version": "1.3.0",',
  '>>>>>>> feature/invoices',
  '  "dependencies": { "mysql2": "^3.9.7" }',
  '}',
  '',
].join('\n');

ruleTester.run(rule, {
  valid: [
    {
      name: 'SQL that only mentions the LFS spec line is SQL',
      filename: 'services/billing/db/schema.sql',
      code: `-- ${LFS_POINTER}CREATE TABLE invoices (id INT);\n`,
    },
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
      name: 'a package.json that parses',
      filename: 'services/billing/src/q.ts',
      code: "export const q = () => db.query('SELECT id FROM invoices');\n",
      files: { 'services/billing/package.json': '{ "name": "billing", "dependencies": { "mysql2": "^3.9.7" } }\n' },
    },
    {
      name: 'a package.json that is JSON but no object is read as no manifest, not as broken JSON',
      filename: 'services/billing/src/q.ts',
      code: "export const q = () => db.query('SELECT id FROM invoices');\n",
      files: { 'services/billing/package.json': '["billing"]\n' },
    },
  ],
  invalid: [
    {
      name: 'a Git LFS pointer checked out in place of a schema file: located at its version line, in the service folder',
      filename: 'services/billing/db/schema.sql',
      code: `${LFS_POINTER}`,
      errors: [{ messageId: 'lfsPointer', line: 1, column: 1, endLine: 1, endColumn: 43, severity: 'error' }],
    },
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
    {
      name: "a service's package.json with merge-conflict markers: an error at the first marker, in the manifest (HELDOUT5 #11)",
      filename: 'services/billing/src/q.ts',
      code: "export const q = () => db.query('SELECT id FROM invoices');\n",
      files: { 'services/billing/package.json': CONFLICTED },
      errors: [
        {
          file: 'services/billing/package.json',
          messageId: 'manifestNotJson',
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 8,
          severity: 'error',
          data: { detail: 'not valid JSON (a merge-conflict marker)' },
        },
      ],
    },
    {
      name: 'the root package.json with a trailing comma: a warning (no service) at the character the JSON parser stops at',
      filename: 'services/billing/src/q.ts',
      code: "export const q = () => db.query('SELECT id FROM invoices');\n",
      files: { 'package.json': '{\n  "name": "platform",\n  "workspaces": ["services/*"],\n}\n' },
      errors: [
        {
          file: 'package.json',
          messageId: 'manifestNotJson',
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 2,
          severity: 'warn',
          data: { detail: 'not valid JSON (expected a property name in double quotes)' },
        },
      ],
    },
  ],
});

describe('a package.json that is not JSON, in every output format (HELDOUT5 #11)', () => {
  it('is one located finding in json, sarif, github, gitlab, junit and stylish, and no notice repeats it', async () => {
    const tree = memoryTree({
      'services/billing/package.json': CONFLICTED,
      'services/billing/migrations/V1__invoices.sql': 'CREATE TABLE invoices (id INT PRIMARY KEY);\n',
      'services/billing/src/q.ts': "export const q = () => db.query('SELECT id FROM invoices');\n",
      'services/orders/package.json': '{ "name": "orders", "dependencies": { "mysql2": "^3.9.7" } }\n',
      'services/orders/migrations/V1__orders.sql': 'CREATE TABLE orders (id INT PRIMARY KEY);\n',
    });
    const run = await lint({ cwd: tree.root, tree, suppressions: false, ruleOverrides: { 'timestamp-columns': 'off' } });
    const found = run.diagnostics.filter((d) => d.ruleId === 'unanalysed-file');
    expect(found.map((d) => [d.file, d.line, d.column, d.endLine, d.endColumn, d.severity])).toEqual([
      ['services/billing/package.json', 3, 1, 3, 8, 'error'],
    ]);
    expect(run.notices.filter((n) => n.includes('package.json'))).toEqual([]);
    const options = { color: false, toolVersion: '0.0.0-test' };
    const json = JSON.parse(formatResult('json', run, options)) as {
      results: Array<{ filePath: string; messages: Array<Record<string, unknown>> }>;
    };
    expect(json.results.find((r) => r.filePath === 'services/billing/package.json')?.messages).toMatchObject([
      { ruleId: 'unanalysed-file', severity: 2, line: 3, column: 1, endLine: 3, endColumn: 8 },
    ]);
    const sarif = JSON.parse(formatResult('sarif', run, options)) as {
      runs: Array<{
        results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: unknown } }> }>;
      }>;
    };
    const sarifResult = sarif.runs[0].results.find((r) => r.ruleId === 'unanalysed-file');
    expect(sarifResult?.locations[0].physicalLocation).toMatchObject({
      artifactLocation: { uri: 'services/billing/package.json' },
      region: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 8 },
    });
    expect(formatResult('github', run, options)).toContain(
      '::error file=services/billing/package.json,line=3,col=1,endLine=3,endColumn=8,title=unanalysed-file::package.json not read: not valid JSON (a merge-conflict marker)',
    );
    const gitlab = JSON.parse(formatResult('gitlab', run, options)) as Array<{
      check_name: string;
      location: { path: string; lines: { begin: number } };
    }>;
    expect(gitlab.filter((g) => g.check_name === 'unanalysed-file').map((g) => [g.location.path, g.location.lines.begin])).toEqual([
      ['services/billing/package.json', 3],
    ]);
    expect(formatResult('junit', run, options)).toContain('services/billing/package.json');
    const stylish = formatResult('stylish', run, options);
    expect(stylish.match(/package\.json/g)).toHaveLength(2); // the file's heading and the finding's message: no notice besides
    expect(stylish).not.toContain('ℹ services/billing/package.json');
  });
});

describe('a file the tree fails to read (EACCES on disk; chmod cannot refuse root, so the tree refuses it here)', () => {
  it("is unanalysed-file 'unreadable' at the file's start, naming the error, and the run goes on", async () => {
    const files = {
      'services/billing/migrations/V1__invoices.sql': 'CREATE TABLE invoices (id INT PRIMARY KEY);\n',
      'services/billing/src/locked.repository.ts': "export const q = (db: any) => db.query('SELECT id FROM invoices');\n",
    };
    const memory = memoryTree(files);
    const tree = {
      ...memory,
      read: (file: string, scope: Parameters<typeof memory.read>[1]) => {
        if (file === 'services/billing/src/locked.repository.ts') throw new FileAccessError(file, 'io', 'permission denied', 'EACCES');
        return memory.read(file, scope);
      },
    };
    const run = await lint({ cwd: tree.root, tree, suppressions: false });
    expect(run.internalErrors).toEqual([]);
    expect(run.diagnostics.filter((d) => d.ruleId === 'unanalysed-file')).toMatchObject([
      {
        messageId: 'unreadable',
        file: 'services/billing/src/locked.repository.ts',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        data: { detail: 'cannot read file (EACCES)' },
      },
    ]);
    expect(run.diagnostics.filter((d) => d.file === 'services/billing/migrations/V1__invoices.sql').length).toBeGreaterThan(0);
  });
});
