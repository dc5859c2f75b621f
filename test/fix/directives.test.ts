/**
 * Directive fixes and suggestions: `--fix` removes unused disable directives (the whole comment,
 * or one name of several), and every finding is offered a disable-next-line directive with a
 * reason placeholder, in each file kind's comment syntax. Exact texts, idempotence, clean result.
 */
import { describe, expect, it } from 'vitest';
import { lintAndFix } from '../../src/fix-files.js';
import { makeRepo, paymentMigration, readFile, workflowConfig } from '../workflow/helpers.js';
import { applied, configFile, lintFiles, only, suggestion, unsuppressed } from './helpers.js';

const QUERY = "db.query('SELECT * FROM payments');";

async function fixRepo(files: Record<string, string>) {
  const root = makeRepo({ ...paymentMigration, ...files });
  const options = { cwd: root, reportUnusedDisableDirectives: 'warn' as const };
  const first = await lintAndFix(options);
  const texts = Object.fromEntries(Object.keys(files).map((file) => [file, readFile(root, file)]));
  const second = await lintAndFix(options);
  return { first, second, texts };
}

describe('--fix removes unused disable directives', () => {
  it.each([
    [
      'a comment alone on its line goes with its line',
      `// nilecare-lint-disable-next-line no-cross-service-query -- legacy\ndb.query('SELECT 1');\n${QUERY}\n`,
      `db.query('SELECT 1');\n${QUERY}\n`,
    ],
    [
      'a comment after code goes with the blanks before it',
      `db.query('SELECT 1');   // nilecare-lint-disable-line\n`,
      `db.query('SELECT 1');\n`,
    ],
    [
      'a block comment before code goes with the blanks after it',
      `/* nilecare-lint-disable-line no-cross-service-query */  db.query('SELECT 1');\n`,
      `db.query('SELECT 1');\n`,
    ],
    [
      'the last line without a line break takes the break before it',
      `db.query('SELECT 1');\n  // nilecare-lint-disable`,
      `db.query('SELECT 1');`,
    ],
    [
      'CRLF lines',
      `db.query('SELECT 1');\r\n  // nilecare-lint-disable-next-line\r\ndb.query('SELECT 2');\r\n`,
      `db.query('SELECT 1');\r\ndb.query('SELECT 2');\r\n`,
    ],
    [
      'of several names, only the unused one (last)',
      `// nilecare-lint-disable-next-line no-cross-service-query, unknown-table -- reports\n${QUERY}\n`,
      `// nilecare-lint-disable-next-line no-cross-service-query -- reports\n${QUERY}\n`,
    ],
    [
      'of several names, only the unused one (first)',
      `// nilecare-lint-disable-next-line unknown-table no-cross-service-query -- reports\n${QUERY}\n`,
      `// nilecare-lint-disable-next-line no-cross-service-query -- reports\n${QUERY}\n`,
    ],
    [
      'a directive none of whose names is used goes whole',
      `db.query('SELECT 1');\n// nilecare-lint-disable-next-line unknown-table, no-cross-service-query\ndb.query('SELECT 2');\n`,
      `db.query('SELECT 1');\ndb.query('SELECT 2');\n`,
    ],
    ['an enable that re-enables nothing', `db.query('SELECT 1');\n// nilecare-lint-enable\n`, `db.query('SELECT 1');\n`],
  ])('%s', async (_, before, after) => {
    const { first, second, texts } = await fixRepo({ 'services/billing/src/repo.ts': before });
    expect(texts['services/billing/src/repo.ts']).toBe(after);
    expect(first.fixed.map((f) => f.file)).toEqual(['services/billing/src/repo.ts']);
    expect(unsuppressed(first.run, 'unused-disable-directive')).toEqual([]);
    // Idempotent: the second run finds nothing to fix and writes nothing.
    expect(second.fixed).toEqual([]);
    expect(second.applied).toBe(0);
  });

  it('SQL `--` and .env `#` directives', async () => {
    const { texts } = await fixRepo({
      'services/billing/migrations/V2__x.sql':
        'CREATE TABLE billing_x (id INT PRIMARY KEY);\n-- nilecare-lint-disable-next-line\nSELECT 1;\n',
      'services/billing/.env': '# nilecare-lint-disable-next-line no-cross-service-query\nDB_HOST=db\n',
    });
    expect(texts).toEqual({
      'services/billing/migrations/V2__x.sql': 'CREATE TABLE billing_x (id INT PRIMARY KEY);\nSELECT 1;\n',
      'services/billing/.env': 'DB_HOST=db\n',
    });
  });

  it('a directive inside an embedded SQL string, alone on its line of the string', async () => {
    const before = `db.query(\`\n  -- nilecare-lint-disable-next-line unknown-table\n  SELECT 1\`);\n`;
    const { texts } = await fixRepo({ 'services/billing/src/repo.ts': before });
    expect(texts['services/billing/src/repo.ts']).toBe('db.query(`\n  SELECT 1`);\n');
  });

  it('--fix-type problem leaves directive fixes alone; --fix-type directive applies them', async () => {
    const root = makeRepo({ ...paymentMigration, 'services/billing/src/repo.ts': `db.query('SELECT 1'); // nilecare-lint-disable-line\n` });
    const options = { cwd: root, reportUnusedDisableDirectives: 'warn' as const };
    expect((await lintAndFix(options, { fixTypes: ['problem'] })).fixed).toEqual([]);
    expect(readFile(root, 'services/billing/src/repo.ts')).toBe(`db.query('SELECT 1'); // nilecare-lint-disable-line\n`);
    const dry = await lintAndFix(options, { fixTypes: ['directive'], dryRun: true });
    expect(dry.fixed).toEqual([
      {
        file: 'services/billing/src/repo.ts',
        before: `db.query('SELECT 1'); // nilecare-lint-disable-line\n`,
        after: `db.query('SELECT 1');\n`,
      },
    ]);
    // A dry run writes nothing.
    expect(readFile(root, 'services/billing/src/repo.ts')).toBe(`db.query('SELECT 1'); // nilecare-lint-disable-line\n`);
  });
});

describe('the disable-with-reason suggestion', () => {
  const config = only(
    { 'no-cross-service-query': 'error', 'no-hardcoded-credentials': 'error', 'no-insecure-db-tls': 'error' },
    { dialect: 'mysql', services: workflowConfig.services },
  );

  it.each([
    [
      'TypeScript, indented',
      'services/billing/src/repo.ts',
      `export async function f() {\n    ${QUERY}\n}\n`,
      `export async function f() {\n    // nilecare-lint-disable-next-line no-cross-service-query -- <reason>\n    ${QUERY}\n}\n`,
    ],
    [
      'embedded SQL spanning lines: above the call',
      'services/billing/src/repo.ts',
      'const rows = await db.query(\n  `SELECT *\n   FROM payments`);\n',
      '// nilecare-lint-disable-next-line no-cross-service-query -- <reason>\nconst rows = await db.query(\n  `SELECT *\n   FROM payments`);\n',
    ],
    [
      'SQL',
      'services/billing/migrations/V2__report.sql',
      'CREATE VIEW billing_report AS\n  SELECT * FROM payments;\n',
      'CREATE VIEW billing_report AS\n  -- nilecare-lint-disable-next-line no-cross-service-query -- <reason>\n  SELECT * FROM payments;\n',
    ],
    [
      '.env with CRLF',
      'services/billing/.env',
      'A=1\r\nDB_PASSWORD=s3cr3t-Passw0rd!\r\n',
      'A=1\r\n# nilecare-lint-disable-next-line no-hardcoded-credentials -- <reason>\r\nDB_PASSWORD=s3cr3t-Passw0rd!\r\n',
    ],
    [
      'compose YAML',
      'docker-compose.yml',
      'services:\n  billing:\n    environment:\n      DATABASE_URL: postgres://app@db/billing?sslmode=disable\n',
      'services:\n  billing:\n    environment:\n      # nilecare-lint-disable-next-line no-insecure-db-tls -- <reason>\n      DATABASE_URL: postgres://app@db/billing?sslmode=disable\n',
    ],
  ])('%s', async (_, file, before, after) => {
    const files = { ...configFile(config), ...paymentMigration, [file]: before };
    const run = await lintFiles(files);
    const [finding] = unsuppressed(run).filter((d) => d.file === file);
    expect(finding).toBeDefined();
    const fixed = applied(files, [suggestion(finding, /^Disable '/)]);
    expect(fixed[file]).toBe(after);
    // Applied, the finding is suppressed and the directive counts as used.
    const again = await lintFiles(fixed, { reportUnusedDisableDirectives: 'warn' });
    expect(unsuppressed(again).filter((d) => d.file === file)).toEqual([]);
    expect(again.diagnostics.filter((d) => d.file === file && d.suppressed).map((d) => d.suppressed)).toEqual([
      { kind: 'inSource', justification: '<reason>' },
    ]);
  });

  it('adds the rule to a disable-next-line directive already above the line', async () => {
    const file = 'services/billing/src/repo.ts';
    const before = `// nilecare-lint-disable-next-line no-hardcoded-credentials -- fixture\n${QUERY}\n`;
    const files = { ...configFile(config), ...paymentMigration, [file]: before };
    const [finding] = unsuppressed(await lintFiles(files)).filter((d) => d.ruleId === 'no-cross-service-query');
    const fixed = applied(files, [suggestion(finding, /^Disable '/)]);
    expect(fixed[file]).toBe(`// nilecare-lint-disable-next-line no-hardcoded-credentials, no-cross-service-query -- fixture\n${QUERY}\n`);
    expect(unsuppressed(await lintFiles(fixed), 'no-cross-service-query')).toEqual([]);
  });

  it('is not offered inside a YAML block scalar, where a comment would be part of the value', async () => {
    const file = 'k8s/billing.yaml';
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: billing\ndata:\n  app.env: |\n    DATABASE_URL=postgres://app@db/billing?sslmode=disable\n';
    const run = await lintFiles({ ...configFile(config), ...paymentMigration, [file]: text });
    for (const finding of unsuppressed(run).filter((d) => d.file === file)) {
      expect(finding.suggestions ?? []).not.toContainEqual(expect.objectContaining({ description: expect.stringMatching(/^Disable/) }));
    }
  });

  it('is absent when the run does not ask for suggestions', async () => {
    const files = { ...configFile(config), ...paymentMigration, 'services/billing/src/repo.ts': `${QUERY}\n` };
    const { memoryTree } = await import('../../src/io/source-tree.js');
    const { lint } = await import('../../src/lint.js');
    const tree = memoryTree(files, { root: '/repo' });
    const run = await lint({ cwd: tree.root, tree });
    expect(run.diagnostics.length).toBe(1);
    expect(run.diagnostics[0].suggestions).toBeUndefined();
  });
});
