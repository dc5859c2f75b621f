/**
 * Ignoring a file stops reporting in it; it does not delete the schema it declares. The user's ignores
 * (config `ignores`, `--ignore-pattern`) cover files discovery would otherwise read: those still feed the
 * model (their tables keep their owner), but get no findings. Default ignores (build output,
 * node_modules, .gitignore'd files) feed nothing: they repeat or are not the repository's sources.
 */
import { describe, expect, it } from 'vitest';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint, type LintRun } from '../../src/lint.js';
import { paymentMigration, workflowConfig } from './helpers.js';

const where = (run: LintRun) => run.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.ruleId}`);

const files = {
  ...paymentMigration,
  'services/billing/src/repo.ts': "db.query('SELECT * FROM payments');\n",
  // A finding in the ignored folder that must not be reported: billing's invoices are not payment's.
  'services/payment/migrations/V2__bad.sql': 'SELECT * FROM invoices;\n',
  'services/billing/migrations/V1__invoices.sql': 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);\n',
};

describe("the user's ignores stop reporting, not the schema", () => {
  it('config ignores: the ignored migration still makes payments payment’s table', async () => {
    const config = { ...workflowConfig, ignores: ['services/payment/migrations/**'] };
    const tree = memoryTree({ ...files, 'nilecare-lint.config.json': JSON.stringify(config) });
    const run = await lint({ cwd: tree.root, tree });
    expect(where(run)).toEqual(['services/billing/src/repo.ts:1:25-1:33 no-cross-service-query']);
    expect(run.lintedFiles).not.toContain('services/payment/migrations/V1__payments.sql');
    expect(run.diagnostics[0].message).toContain("'payment'");
  });

  it('--ignore-pattern: the same', async () => {
    const tree = memoryTree({ ...files, 'nilecare-lint.config.json': JSON.stringify(workflowConfig) });
    const run = await lint({ cwd: tree.root, tree, ignorePatterns: ['services/payment/migrations/**'] });
    expect(where(run)).toEqual(['services/billing/src/repo.ts:1:25-1:33 no-cross-service-query']);
  });

  it('without the ignore, the ignored file’s own finding is reported (the near miss)', async () => {
    const tree = memoryTree({ ...files, 'nilecare-lint.config.json': JSON.stringify(workflowConfig) });
    const run = await lint({ cwd: tree.root, tree });
    expect(where(run)).toEqual([
      'services/billing/src/repo.ts:1:25-1:33 no-cross-service-query',
      'services/payment/migrations/V2__bad.sql:1:15-1:23 no-cross-service-query',
    ]);
  });

  it('default ignores feed nothing: a dist/ copy of a migration declares no table', async () => {
    const tree = memoryTree({
      'services/payment/dist/V1__payments.sql': 'CREATE TABLE payments (id CHAR(36) PRIMARY KEY, amount INT);\n',
      'services/billing/src/repo.ts': "db.query('SELECT * FROM payments');\n",
      'nilecare-lint.config.json': JSON.stringify(workflowConfig),
    });
    const run = await lint({ cwd: tree.root, tree });
    expect(where(run)).toEqual(['services/billing/src/repo.ts:1:25-1:33 unknown-table']);
  });

  it('a .gitignore’d migration feeds nothing', async () => {
    const tree = memoryTree({
      ...paymentMigration,
      '.gitignore': 'services/payment/migrations/\n',
      'services/billing/src/repo.ts': "db.query('SELECT * FROM payments');\n",
      'nilecare-lint.config.json': JSON.stringify(workflowConfig),
    });
    const run = await lint({ cwd: tree.root, tree });
    expect(where(run)).toEqual(['services/billing/src/repo.ts:1:25-1:33 unknown-table']);
  });

  it('a change to an ignored migration re-checks the files using its tables, never the migration itself', async () => {
    const config = { ...workflowConfig, ignores: ['services/payment/migrations/**'] };
    const tree = memoryTree({ ...files, 'nilecare-lint.config.json': JSON.stringify(config) });
    const run = await lint({ cwd: tree.root, tree, files: ['services/payment/migrations/V1__payments.sql'], affected: true });
    expect(run.lintedFiles).toEqual(['services/billing/src/repo.ts']);
    expect(where(run)).toEqual(['services/billing/src/repo.ts:1:25-1:33 no-cross-service-query']);
    expect(run.notices).toContain('1 unchanged file(s) that use tables the change declares were re-checked (payments).');
  });
});
