/**
 * Config entries that point at nothing are never a silent pass: a `databases` owner that names no
 * service (located at the entry, with the closest service), a service whose roots hold no file the
 * linter reads.
 */
import { describe, expect, it } from 'vitest';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint } from '../../src/lint.js';
import { paymentMigration, workflowConfig } from './helpers.js';

const configText = (databases: Record<string, string>, services = workflowConfig.services) =>
  [
    '{',
    `  "services": ${JSON.stringify(services)},`,
    '  "databases": {',
    ...Object.entries(databases).map(([db, owner], i, all) => `    "${db}": "${owner}"${i < all.length - 1 ? ',' : ''}`),
    '  }',
    '}',
    '',
  ].join('\n');

const files = { ...paymentMigration, 'services/billing/src/repo.ts': "db.query('SELECT 1');\n" };

describe('a databases owner that names no service', () => {
  it('is a warning at the entry, suggesting the closest service', async () => {
    const tree = memoryTree({
      ...files,
      'nilecare-lint.config.json': configText({ nilecare: 'payment', ledger: 'payment-service', audit: 'Billing', crm: 'marketing' }),
    });
    const run = await lint({ cwd: tree.root, tree });
    expect(run.warnings).toEqual([
      "nilecare-lint.config.json:5:15: databases.ledger: owner 'payment-service' names no service (did you mean 'payment'?): database 'ledger' has no owner, so none of its tables is owned through it",
      "nilecare-lint.config.json:6:14: databases.audit: owner 'Billing' names no service (did you mean 'billing'?): database 'audit' has no owner, so none of its tables is owned through it",
      "nilecare-lint.config.json:7:12: databases.crm: owner 'marketing' names no service (services: billing, payment): database 'crm' has no owner, so none of its tables is owned through it",
    ]);
  });

  it('an owner that is a service is no warning', async () => {
    const tree = memoryTree({ ...files, 'nilecare-lint.config.json': configText({ nilecare: 'payment', ledger: 'billing' }) });
    const run = await lint({ cwd: tree.root, tree });
    expect(run.warnings).toEqual([]);
  });

  it('a config given as an object (the API) is named without a position', async () => {
    const tree = memoryTree(files);
    const run = await lint({ cwd: tree.root, tree, config: { ...workflowConfig, databases: { ledger: 'paymnet' } } });
    expect(run.warnings).toEqual([
      "databases.ledger: owner 'paymnet' names no service (did you mean 'payment'?): database 'ledger' has no owner, so none of its tables is owned through it",
    ]);
  });
});

describe('a configured service with no file the linter reads', () => {
  it('is a warning naming it and its roots, for a root that exists but holds nothing lintable', async () => {
    const tree = memoryTree({ ...files, 'services/payment/README.md': '# payment\n', 'services/billing/src/repo.ts': 'export {};\n' });
    const config = {
      ...workflowConfig,
      services: [...workflowConfig.services!, { name: 'docs', roots: ['services/docs', 'services/docs-old'] }],
    };
    const withDocs = memoryTree({ ...files, 'services/docs/README.md': '# docs\n', 'services/docs-old/notes.txt': 'old\n' });
    const run = await lint({ cwd: withDocs.root, tree: withDocs, config });
    expect(run.warnings).toEqual([
      "service 'docs' has no files the linter reads under services/docs, services/docs-old: nothing of it was checked.",
    ]);
    // The near miss: every service has a file.
    expect((await lint({ cwd: tree.root, tree, config: workflowConfig })).warnings).toEqual([]);
  });

  it('a root that matches no folder is warned about once, by its key', async () => {
    const tree = memoryTree(files);
    const config = { ...workflowConfig, services: [...workflowConfig.services!, { name: 'docs', roots: ['services/docs'] }] };
    const run = await lint({ cwd: tree.root, tree, config });
    expect(run.warnings).toEqual(["services[2].roots[0]: 'services/docs' matches no folder, so service 'docs' gets no files from it"]);
  });
});

describe('a services[].tables entry that matches no table', () => {
  const withTables = (payment: string[], billing: string[]) =>
    [
      '{',
      '  "services": [',
      `    { "name": "billing", "roots": ["services/billing"], "tables": ${JSON.stringify(billing)} },`,
      `    { "name": "payment", "roots": ["services/payment"], "tables": ${JSON.stringify(payment)} }`,
      '  ]',
      '}',
      '',
    ].join('\n');
  const repo = {
    ...paymentMigration,
    'services/billing/src/repo.ts': "db.query('SELECT id FROM invoices JOIN billing_runs r ON r.id = 1');\n",
    'services/payment/src/refunds.ts': "import knex from 'knex';\nexport const refunds = () => knex('refunds').select('id');\n",
  };

  it('is a warning at the entry, with the closest table name for a plain name', async () => {
    const tree = memoryTree({
      ...repo,
      'nilecare-lint.config.json': withTables(['payment', 'ledger_*', 'nilecare.payments'], ['invoices', 'billing_*']),
    });
    const run = await lint({ cwd: tree.root, tree });
    expect(run.warnings).toEqual([
      "nilecare-lint.config.json:4:68: services[1].tables[0]: 'payment' matches no table the repository creates or queries (did you mean 'payments'?): service 'payment' owns nothing through it",
      "nilecare-lint.config.json:4:78: services[1].tables[1]: 'ledger_*' matches no table the repository creates or queries: service 'payment' owns nothing through it",
    ]);
  });

  it("says that a MongoDB service's entry is no SQL table the linter reads (a collection), and only there", async () => {
    const mongoConfig = [
      '{',
      '  "services": [',
      '    { "name": "catalog", "roots": ["services/catalog"], "tables": ["products"] },',
      '    { "name": "payment", "roots": ["services/payment"], "tables": ["payments", "ledger"] }',
      '  ]',
      '}',
      '',
    ].join('\n');
    const tree = memoryTree({
      ...repo,
      'services/catalog/src/products.ts':
        "import mongoose from 'mongoose';\nexport const Product = mongoose.model('Product', new mongoose.Schema({ name: String }));\n",
      'nilecare-lint.config.json': mongoConfig,
    });
    const run = await lint({ cwd: tree.root, tree });
    expect(run.warnings).toEqual([
      "nilecare-lint.config.json:3:68: services[0].tables[0]: 'products' matches no table the repository creates or queries: service 'catalog' runs on MongoDB, whose collections (Mongoose models, db.collection('…')) are no SQL tables the linter reads, so it owns nothing through it; remove the entry unless an SQL table of that name is meant",
      "nilecare-lint.config.json:4:80: services[1].tables[1]: 'ledger' matches no table the repository creates or queries: service 'payment' owns nothing through it",
    ]);
  });

  it('names that a query or an ORM use of the repository names are no warning, nor are inferred services', async () => {
    const tree = memoryTree({ ...repo, 'nilecare-lint.config.json': withTables(['payments', 'refunds'], ['invoices', 'billing_*']) });
    expect((await lint({ cwd: tree.root, tree })).warnings).toEqual([]);
    const inferred = memoryTree(repo);
    expect(((await lint({ cwd: inferred.root, tree: inferred })).warnings ?? []).filter((w) => w.includes('tables['))).toEqual([]);
  });
});
