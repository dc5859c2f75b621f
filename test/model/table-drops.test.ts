import { describe, expect, it } from 'vitest';
import noCrossServiceQuery from '../../rules/no-cross-service-query.js';
import unknownTable from '../../rules/unknown-table.js';
import { buildOwnershipMap } from '../../src/commands/ownership.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { ruleTester } from '../rule-tester.js';
import { config, created, findings, lintWithOwnershipRules as lintOwnership } from './ownership-run.js';

/** V2 names `drafts` before V10 drops it (V10 sorts after V2 by version, not by text). */
const dropped = {
  ...created,
  'services/billing/migrations/V2__draft_total.sql': 'ALTER TABLE drafts ADD COLUMN total DECIMAL(10,2);\n',
  'services/billing/migrations/V10__drop_drafts.sql': '-- drafts live in the editor now\nDROP TABLE IF EXISTS drafts, notes;\n',
};
const recreated = {
  ...dropped,
  'services/billing/migrations/V11__notes.sql': 'CREATE TABLE notes (id CHAR(36) PRIMARY KEY, body TEXT);\n',
};
const clinical = {
  'services/clinical/migrations/V1__visits.sql':
    'CREATE TABLE clinical_data.visits (id UUID PRIMARY KEY);\nCREATE TABLE clinical_data.wards (id UUID PRIMARY KEY);\n',
  'services/clinical/migrations/V2__drop_visits.sql': 'DROP TABLE IF EXISTS clinical_data.visits CASCADE;\n',
};
/** Undo and down migrations drop what their up migration created: nothing is retired. */
const undone = {
  ...created,
  'services/billing/migrations/U1__invoices.sql': 'DROP TABLE notes;\n',
  'services/billing/migrations/000002_drafts.down.sql': 'DROP TABLE drafts;\n',
};
/** An up/down migration in one file: the down half drops what the up half created. */
const typeormMigration = {
  'services/billing/src/migrations/1700000000000-Refunds.ts': [
    'export class Refunds1700000000000 {',
    "  async up(q: any) { await q.query('CREATE TABLE refunds (id CHAR(36) PRIMARY KEY)'); }",
    "  async down(q: any) { await q.query('DROP TABLE refunds'); }",
    '}',
    '',
  ].join('\n'),
};
/** Outside migrations, path order is not time order: a reset script retires nothing. */
const resetScript = {
  ...created,
  'services/billing/scripts/reset.sql': 'DROP TABLE IF EXISTS invoices;\nDROP TEMPORARY TABLE IF EXISTS drafts;\n',
};
/** Payment drops billing's table: a cross-service write that retires nothing. */
const foreignDrop = { ...created, 'services/payment/migrations/V3__cleanup.sql': 'DROP TABLE IF EXISTS invoices;\n' };

ruleTester.run(noCrossServiceQuery, {
  valid: [
    {
      name: "drops: another service naming a dropped table is not reaching into the dropper's tables",
      filename: 'services/payment/src/drafts.ts',
      code: "db.query('SELECT id FROM drafts');",
      files: dropped,
      config,
    },
    {
      name: "drops: the drop is the owner's own",
      filename: 'services/billing/migrations/V10__drop_drafts.sql',
      code: dropped['services/billing/migrations/V10__drop_drafts.sql'],
      files: dropped,
      config,
    },
  ],
  invalid: [
    {
      name: "drops: a re-created table is the creator's again",
      filename: 'services/payment/src/notes.ts',
      code: "// billing's notes\ndb.query('SELECT id FROM notes');",
      files: recreated,
      config,
      errors: [
        {
          messageId: 'foreignTable',
          line: 2,
          column: 26,
          endLine: 2,
          endColumn: 31,
          data: { service: 'payment', table: 'notes', owner: 'billing' },
        },
      ],
    },
    {
      name: 'drops: undo and down migrations retire nothing',
      filename: 'services/payment/src/drafts.ts',
      code: "db.query('SELECT d.id FROM drafts d JOIN notes n ON n.id = d.id');",
      files: undone,
      config,
      errors: [
        { messageId: 'foreignTable', line: 1, column: 28, endLine: 1, endColumn: 34, data: { table: 'drafts', owner: 'billing' } },
        { messageId: 'foreignTable', line: 1, column: 42, endLine: 1, endColumn: 47, data: { table: 'notes', owner: 'billing' } },
      ],
    },
    {
      name: 'drops: the down half of an up/down migration does not retire the table',
      filename: 'services/payment/src/refunds.ts',
      code: "db.query('SELECT id FROM refunds');",
      files: typeormMigration,
      config,
      errors: [{ messageId: 'foreignTable', line: 1, column: 26, endLine: 1, endColumn: 33, data: { table: 'refunds', owner: 'billing' } }],
    },
    {
      name: "drops: dropping another service's table is one cross-service write",
      filename: 'services/payment/migrations/V3__cleanup.sql',
      code: foreignDrop['services/payment/migrations/V3__cleanup.sql'],
      files: foreignDrop,
      config,
      errors: [
        {
          messageId: 'foreignTable',
          line: 1,
          column: 22,
          endLine: 1,
          endColumn: 30,
          data: { service: 'payment', verb: 'drops', table: 'invoices', owner: 'billing' },
        },
      ],
    },
    {
      name: "drops: another service's drop leaves the table its owner's",
      filename: 'services/payment/migrations/V3__cleanup.sql',
      code: 'DROP TABLE IF EXISTS invoices;\nINSERT INTO invoices (id) VALUES (1);\n',
      files: foreignDrop,
      config,
      errors: [
        {
          messageId: 'foreignTable',
          line: 1,
          column: 22,
          endLine: 1,
          endColumn: 30,
          data: { verb: 'drops', table: 'invoices', owner: 'billing' },
        },
        {
          messageId: 'foreignTable',
          line: 2,
          column: 13,
          endLine: 2,
          endColumn: 21,
          data: { verb: 'inserts into', table: 'invoices', owner: 'billing' },
        },
      ],
    },
    {
      name: 'drops: a reset script and DROP TEMPORARY TABLE retire nothing',
      filename: 'services/payment/src/invoices.ts',
      code: "db.query('SELECT id FROM invoices');\n  db.query('SELECT id FROM drafts');",
      files: resetScript,
      config,
      errors: [
        { messageId: 'foreignTable', line: 1, column: 26, endLine: 1, endColumn: 34, data: { table: 'invoices', owner: 'billing' } },
        { messageId: 'foreignTable', line: 2, column: 28, endLine: 2, endColumn: 34, data: { table: 'drafts', owner: 'billing' } },
      ],
    },
  ],
});

ruleTester.run(unknownTable, {
  valid: [
    {
      name: 'drops: a migration before the drop names the table',
      filename: 'services/billing/migrations/V2__draft_total.sql',
      code: dropped['services/billing/migrations/V2__draft_total.sql'],
      files: dropped,
      config,
    },
    {
      name: 'drops: the drop names the tables it drops',
      filename: 'services/billing/migrations/V10__drop_drafts.sql',
      code: dropped['services/billing/migrations/V10__drop_drafts.sql'],
      files: dropped,
      config,
    },
    {
      name: 'drops: a re-created table exists again',
      filename: 'services/billing/src/notes.repo.ts',
      code: "db.query('SELECT id FROM notes');",
      files: recreated,
      config,
    },
    {
      name: 'drops: PostgreSQL: the drop, and the tables it leaves',
      filename: 'services/clinical/migrations/V2__drop_visits.sql',
      code: clinical['services/clinical/migrations/V2__drop_visits.sql'] + 'SELECT id FROM wards;\n',
      files: clinical,
      config,
    },
  ],
  invalid: [
    {
      name: "drops: the dropping service's code still naming the dropped table",
      filename: 'services/billing/src/drafts.repo.ts',
      code: "db.query('SELECT i.id FROM invoices i JOIN drafts d ON d.id = i.id');",
      files: dropped,
      config,
      errors: [
        { messageId: 'unknownTable', line: 1, column: 44, endLine: 1, endColumn: 50, data: { table: 'drafts', service: 'billing' } },
      ],
    },
    {
      name: 'drops: a migration after the drop naming the dropped table',
      filename: 'services/billing/migrations/V11__late.sql',
      code: 'ALTER TABLE invoices ADD COLUMN late_fee DECIMAL(10,2);\nINSERT INTO notes (id) VALUES (1);\n',
      files: dropped,
      config,
      errors: [{ messageId: 'unknownTable', line: 2, column: 13, endLine: 2, endColumn: 18, data: { table: 'notes', service: 'billing' } }],
    },
    {
      name: 'drops: another service naming the dropped table',
      filename: 'services/payment/src/drafts.ts',
      code: "db.query('SELECT id FROM drafts');",
      files: dropped,
      config,
      errors: [
        { messageId: 'unknownTable', line: 1, column: 26, endLine: 1, endColumn: 32, data: { table: 'drafts', service: 'payment' } },
      ],
    },
    {
      name: 'drops: PostgreSQL DROP TABLE IF EXISTS schema.table CASCADE',
      filename: 'services/clinical/src/visits.ts',
      code: "db.query('SELECT id FROM visits');",
      files: clinical,
      config,
      errors: [
        { messageId: 'unknownTable', line: 1, column: 26, endLine: 1, endColumn: 32, data: { table: 'visits', service: 'clinical' } },
      ],
    },
  ],
});

/** Lints `files` with the ownership rules on, and nothing else. */
const lintWithOwnershipRules = (files: Record<string, string>, base: NilecareConfig = config) => lintOwnership(files, base);

describe('drops in the ownership model', () => {
  it('reports each access once, under the tables of its time', async () => {
    const run = await lintWithOwnershipRules({
      ...recreated,
      'services/billing/src/repo.ts': "db.query('SELECT n.id FROM notes n JOIN drafts d ON d.id = n.id');\n",
      'services/payment/migrations/V1__payments.sql':
        'CREATE TABLE payments (id CHAR(36) PRIMARY KEY, draft_id CHAR(36) REFERENCES drafts (id));\n',
      'services/payment/src/repo.ts': "db.query('SELECT id FROM notes');\n",
    });
    expect(findings(run)).toEqual([
      "unknown-table services/billing/src/repo.ts:1:41 Table 'drafts' used by service 'billing' is not owned or created by any service.",
      "unknown-table services/payment/migrations/V1__payments.sql:1:78 Table 'drafts' used by service 'payment' is not owned or created by any service.",
      "no-cross-service-query services/payment/src/repo.ts:1:26 Service 'payment' reads table 'notes' owned by service 'billing'.",
    ]);
  });

  it('settles an ambiguity when one of two creators drops its copy', async () => {
    const run = await lintWithOwnershipRules({
      ...dropped,
      'services/payment/migrations/V1__drafts.sql': 'CREATE TABLE drafts (id CHAR(36) PRIMARY KEY);\n',
      'services/billing/src/stale.ts': "db.query('SELECT id FROM drafts');\n",
    });
    expect(findings(run)).toEqual([
      "no-cross-service-query services/billing/src/stale.ts:1:26 Service 'billing' reads table 'drafts' owned by service 'payment'.",
    ]);
  });

  it('leaves dropped tables out of the model and the map', async () => {
    const run = await lintWithOwnershipRules({ ...recreated, ...clinical });
    expect(
      run.model
        .serviceByName('billing')!
        .createdTables.map((d) => `${d.file} ${d.table}`)
        .sort(),
    ).toEqual(['services/billing/migrations/V11__notes.sql notes', 'services/billing/migrations/V1__invoices.sql invoices']);
    expect(run.model.serviceByName('clinical')!.createdTables.map((d) => d.table)).toEqual(['wards']);
    const map = buildOwnershipMap(run.model, run.diagnostics);
    expect(map.services.find((s) => s.name === 'billing')!.tables.map((t) => t.name)).toEqual(['invoices', 'notes']);
  });

  it('follows drops in migrations outside every service, for the owner of its database', async () => {
    const run = await lintWithOwnershipRules(
      {
        'database/migrations/V1__init.sql':
          'USE billing_db;\nCREATE TABLE invoices (id CHAR(36) PRIMARY KEY);\nCREATE TABLE legacy_totals (id CHAR(36) PRIMARY KEY);\n',
        'database/migrations/V2__drop_totals.sql': 'USE billing_db;\nDROP TABLE legacy_totals;\n',
        'services/payment/src/repo.ts': "db.query('SELECT id FROM invoices');\ndb.query('SELECT id FROM legacy_totals');\n",
      },
      {
        ...config,
        services: config.services!.map((s) => (s.name === 'billing' ? { ...s, databases: ['billing_db'] } : s)),
        databases: { billing_db: 'billing' },
      },
    );
    expect(findings(run)).toEqual([
      "no-cross-service-query services/payment/src/repo.ts:1:26 Service 'payment' reads table 'invoices' owned by service 'billing'.",
      "unknown-table services/payment/src/repo.ts:2:26 Table 'legacy_totals' used by service 'payment' is not owned or created by any service.",
    ]);
    const map = buildOwnershipMap(run.model, run.diagnostics);
    expect(map.services.find((s) => s.name === 'billing')!.tables.map((t) => t.name)).toEqual(['invoices']);
    expect(map.unowned).toEqual([]);
  });
});
