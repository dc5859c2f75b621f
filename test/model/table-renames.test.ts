import { describe, expect, it } from 'vitest';
import noCrossServiceQuery from '../../rules/no-cross-service-query.js';
import unknownTable from '../../rules/unknown-table.js';
import { renderMap } from '../../src/commands/map-render.js';
import { buildOwnershipMap } from '../../src/commands/ownership.js';
import { proposeConfig } from '../../src/commands/init-config.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { ruleTester } from '../rule-tester.js';
import { config, created, findings, lintWithOwnershipRules as lintOwnership } from './ownership-run.js';

/** V2 names `invoices` before V10 renames it (V10 sorts after V2 by version, not by text). */
const renamed = {
  ...created,
  'services/billing/migrations/V2__paid.sql': 'ALTER TABLE invoices ADD COLUMN paid_at TIMESTAMP NULL;\n',
  'services/billing/migrations/V10__rename_invoices.sql': 'ALTER TABLE invoices RENAME TO invoice_headers;\n',
};
const renamedPairs = {
  ...created,
  'services/billing/migrations/V3__rename_drafts.sql': 'RENAME TABLE drafts TO invoice_drafts, notes TO invoice_notes;\n',
};
const recreated = {
  ...created,
  'services/billing/migrations/V3__archive.sql':
    'ALTER TABLE invoices RENAME TO invoice_archive;\nCREATE TABLE invoices (id CHAR(36) PRIMARY KEY, total DECIMAL(10,2));\n',
};
const qualified = {
  'services/billing/migrations/V1__ledger.sql': 'CREATE TABLE nilecare.ledger (id CHAR(36) PRIMARY KEY);\n',
  'services/billing/migrations/V2__rename_ledger.sql': 'RENAME TABLE Nilecare.LEDGER TO nilecare.ledger_entries;\n',
};
const clinical = {
  'services/clinical/migrations/V1__visits.sql': 'CREATE TABLE clinical_data.visits (id UUID PRIMARY KEY);\n',
  'services/clinical/migrations/V2__rename_visits.sql': 'ALTER TABLE IF EXISTS clinical_data.visits RENAME TO encounters;\n',
};
/** An up/down migration in one file: the down half renames the table back. */
const typeormMigration = {
  ...created,
  'services/billing/src/migrations/1700000000000-RenameInvoices.ts': [
    'export class RenameInvoices1700000000000 {',
    "  async up(q: any) { await q.query('ALTER TABLE invoices RENAME TO invoice_headers'); }",
    "  async down(q: any) { await q.query('ALTER TABLE invoice_headers RENAME TO invoices'); }",
    '}',
    '',
  ].join('\n'),
};
/** A Flyway undo migration reverses V10: it is not part of the schema's history. */
const undone = { ...renamed, 'services/billing/migrations/U10__rename_invoices.sql': 'ALTER TABLE invoice_headers RENAME TO invoices;\n' };
/** Payment renames billing's table: a cross-service write that moves no ownership. */
const foreignRename = { ...created, 'services/payment/migrations/V3__copy.sql': 'ALTER TABLE invoices RENAME TO invoice_copies;\n' };
/** The same with MySQL RENAME TABLE. */
const foreignRenameTable = {
  ...created,
  'services/payment/migrations/V3__copy.sql': 'RENAME TABLE invoices TO invoice_copies, drafts TO draft_copies;\n',
};

ruleTester.run(noCrossServiceQuery, {
  valid: [
    {
      name: 'renames: the renaming service queries its table by the new name',
      filename: 'services/billing/src/invoices.repo.ts',
      code: "export const unpaid = (db: any) => db.query('SELECT h.id FROM invoice_headers h WHERE h.paid_at IS NULL');",
      files: renamed,
      config,
    },
    {
      name: "renames: another service naming the old table is not reaching into the renamer's tables",
      filename: 'services/payment/src/stale.ts',
      code: "export const stale = (db: any) => db.query('SELECT id FROM invoices');",
      files: renamed,
      config,
    },
    {
      name: "renames: the migrations before the rename, and the rename itself, are the owner's own",
      filename: 'services/billing/migrations/V10__rename_invoices.sql',
      code: 'ALTER TABLE invoices RENAME TO invoice_headers;\n',
      files: renamed,
      config,
    },
    {
      name: "renames: MySQL RENAME TABLE pairs are the owner's own",
      filename: 'services/billing/migrations/V3__rename_drafts.sql',
      code: 'RENAME TABLE drafts TO invoice_drafts, notes TO invoice_notes;\n',
      files: renamedPairs,
      config,
    },
  ],
  invalid: [
    {
      name: 'renames: another service queries the new name',
      filename: 'services/payment/src/invoice.client.ts',
      code: "// reads billing's invoices\nexport const total = (db: any) => db.query('SELECT id FROM invoice_headers WHERE id = ?', [1]);",
      files: renamed,
      config,
      errors: [
        {
          messageId: 'foreignTable',
          line: 2,
          column: 60,
          endLine: 2,
          endColumn: 75,
          data: { service: 'payment', table: 'invoice_headers', owner: 'billing' },
        },
      ],
    },
    {
      name: "renames: after a rename and a re-create of the old name, both tables are the creator's",
      filename: 'services/payment/src/archive.ts',
      code: "db.query('SELECT id FROM invoices');\ndb.query('SELECT id FROM invoice_archive');",
      files: recreated,
      config,
      errors: [
        { messageId: 'foreignTable', line: 1, column: 26, endLine: 1, endColumn: 34, data: { table: 'invoices', owner: 'billing' } },
        { messageId: 'foreignTable', line: 2, column: 26, endLine: 2, endColumn: 41, data: { table: 'invoice_archive', owner: 'billing' } },
      ],
    },
    {
      name: 'renames: MySQL RENAME TABLE with several pairs moves each table',
      filename: 'services/payment/src/drafts.ts',
      code: "db.query('SELECT d.id FROM invoice_drafts d JOIN invoice_notes n ON n.id = d.id');",
      files: renamedPairs,
      config,
      errors: [
        { messageId: 'foreignTable', line: 1, column: 28, endLine: 1, endColumn: 42, data: { table: 'invoice_drafts', owner: 'billing' } },
        { messageId: 'foreignTable', line: 1, column: 50, endLine: 1, endColumn: 63, data: { table: 'invoice_notes', owner: 'billing' } },
      ],
    },
    {
      name: 'renames: database-qualified names, in any case',
      filename: 'services/payment/src/ledger.ts',
      code: "db.query('SELECT * FROM NILECARE.Ledger_Entries');",
      files: qualified,
      config,
      errors: [
        {
          messageId: 'foreignTable',
          line: 1,
          column: 25,
          endLine: 1,
          endColumn: 48,
          data: { table: 'NILECARE.Ledger_Entries', owner: 'billing' },
        },
      ],
    },
    {
      name: 'renames: PostgreSQL ALTER TABLE IF EXISTS … RENAME TO keeps the table in its schema',
      filename: 'services/billing/src/encounters.ts',
      code: "db.query('SELECT e.id FROM encounters e');",
      files: clinical,
      config,
      errors: [
        {
          messageId: 'foreignTable',
          line: 1,
          column: 28,
          endLine: 1,
          endColumn: 38,
          data: { service: 'billing', table: 'encounters', owner: 'clinical' },
        },
      ],
    },
    {
      name: "renames: renaming another service's table is one cross-service write, at the old name",
      filename: 'services/payment/migrations/V3__copy.sql',
      code: 'ALTER TABLE invoices RENAME TO invoice_copies;\n',
      files: foreignRename,
      config,
      errors: [
        {
          messageId: 'foreignTable',
          line: 1,
          column: 13,
          endLine: 1,
          endColumn: 21,
          data: { service: 'payment', verb: 'alters', table: 'invoices', owner: 'billing' },
        },
      ],
    },
    {
      name: "renames: MySQL RENAME TABLE of another service's tables alters each old name, once",
      filename: 'services/payment/migrations/V3__copy.sql',
      code: 'RENAME TABLE invoices TO invoice_copies, drafts TO draft_copies;\n',
      files: foreignRenameTable,
      config,
      errors: [
        {
          messageId: 'foreignTable',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 22,
          data: { service: 'payment', verb: 'alters', table: 'invoices', owner: 'billing' },
        },
        {
          messageId: 'foreignTable',
          line: 1,
          column: 42,
          endLine: 1,
          endColumn: 48,
          data: { service: 'payment', verb: 'alters', table: 'drafts', owner: 'billing' },
        },
      ],
    },
    {
      name: 'renames: the down half of an up/down migration does not undo the rename',
      filename: 'services/payment/src/headers.ts',
      code: "db.query('SELECT id FROM invoice_headers');",
      files: typeormMigration,
      config,
      errors: [
        { messageId: 'foreignTable', line: 1, column: 26, endLine: 1, endColumn: 41, data: { table: 'invoice_headers', owner: 'billing' } },
      ],
    },
  ],
});

ruleTester.run(unknownTable, {
  valid: [
    {
      name: 'renames: a migration before the rename names the old table',
      filename: 'services/billing/migrations/V2__paid.sql',
      code: 'ALTER TABLE invoices ADD COLUMN paid_at TIMESTAMP NULL;\n',
      files: renamed,
      config,
    },
    {
      name: 'renames: the rename names the old table',
      filename: 'services/billing/migrations/V10__rename_invoices.sql',
      code: 'ALTER TABLE invoices RENAME TO invoice_headers;\n',
      files: renamed,
      config,
    },
    {
      name: 'renames: the renaming service queries the new name',
      filename: 'services/billing/src/invoices.repo.ts',
      code: "db.query('SELECT id FROM invoice_headers');",
      files: renamed,
      config,
    },
    {
      name: 'renames: MySQL RENAME TABLE with several pairs names old and new tables',
      filename: 'services/billing/migrations/V3__rename_drafts.sql',
      code: 'RENAME TABLE drafts TO invoice_drafts, notes TO invoice_notes;\n',
      files: renamedPairs,
      config,
    },
    {
      name: 'renames: a re-created old name exists again',
      filename: 'services/billing/src/invoices.repo.ts',
      code: "db.query('SELECT i.id FROM invoices i JOIN invoice_archive a ON a.id = i.id');",
      files: recreated,
      config,
    },
    {
      name: 'renames: PostgreSQL ALTER TABLE IF EXISTS … RENAME TO, and a query of the new name',
      filename: 'services/clinical/migrations/V2__rename_visits.sql',
      code: 'ALTER TABLE IF EXISTS clinical_data.visits RENAME TO encounters;\nSELECT id FROM encounters;\n',
      files: clinical,
      config,
    },
    {
      name: "renames: RENAME TABLE of another service's tables: the new names are no references",
      filename: 'services/payment/migrations/V3__copy.sql',
      code: 'RENAME TABLE invoices TO invoice_copies, drafts TO draft_copies;\n',
      files: foreignRenameTable,
      config,
    },
    {
      name: 'renames: both halves of an up/down migration name tables of their time',
      filename: 'services/billing/src/migrations/1700000000000-RenameInvoices.ts',
      code: typeormMigration['services/billing/src/migrations/1700000000000-RenameInvoices.ts'],
      files: typeormMigration,
      config,
    },
  ],
  invalid: [
    {
      name: "renames: the renaming service's code still naming the old table",
      filename: 'services/billing/src/legacy.ts',
      code: "db.query('SELECT h.id FROM invoice_headers h JOIN invoices i ON i.id = h.id');",
      files: renamed,
      config,
      errors: [
        { messageId: 'unknownTable', line: 1, column: 51, endLine: 1, endColumn: 59, data: { table: 'invoices', service: 'billing' } },
      ],
    },
    {
      name: 'renames: a migration after the rename naming the old table',
      filename: 'services/billing/migrations/V11__late_fee.sql',
      code: 'ALTER TABLE invoice_headers ADD COLUMN late_fee DECIMAL(10,2);\nALTER TABLE invoices ADD COLUMN late_fee DECIMAL(10,2);\n',
      files: renamed,
      config,
      errors: [
        { messageId: 'unknownTable', line: 2, column: 13, endLine: 2, endColumn: 21, data: { table: 'invoices', service: 'billing' } },
      ],
    },
    {
      name: 'renames: another service naming the old table',
      filename: 'services/payment/src/stale.ts',
      code: "db.query('SELECT id FROM invoices');",
      files: renamed,
      config,
      errors: [
        { messageId: 'unknownTable', line: 1, column: 26, endLine: 1, endColumn: 34, data: { table: 'invoices', service: 'payment' } },
      ],
    },
    {
      name: 'renames: MySQL RENAME TABLE with several pairs retires each old name',
      filename: 'services/billing/src/drafts.ts',
      code: "db.query('SELECT d.id FROM drafts d JOIN notes n ON n.id = d.id');",
      files: renamedPairs,
      config,
      errors: [
        { messageId: 'unknownTable', line: 1, column: 28, endLine: 1, endColumn: 34, data: { table: 'drafts' } },
        { messageId: 'unknownTable', line: 1, column: 42, endLine: 1, endColumn: 47, data: { table: 'notes' } },
      ],
    },
    {
      name: 'renames: PostgreSQL: the old name is gone',
      filename: 'services/clinical/src/visits.ts',
      code: "db.query('SELECT id FROM visits');",
      files: clinical,
      config,
      errors: [
        { messageId: 'unknownTable', line: 1, column: 26, endLine: 1, endColumn: 32, data: { table: 'visits', service: 'clinical' } },
      ],
    },
    {
      name: 'renames: an undo migration does not bring the old name back',
      filename: 'services/billing/src/legacy.ts',
      code: "db.query('SELECT id FROM invoices');",
      files: undone,
      config,
      errors: [{ messageId: 'unknownTable', line: 1, column: 26, endLine: 1, endColumn: 34, data: { table: 'invoices' } }],
    },
    {
      name: "renames: renaming another service's table gives the new name no owner",
      filename: 'services/payment/src/copies.ts',
      code: "db.query('SELECT id FROM invoice_copies');",
      files: foreignRename,
      config,
      errors: [
        {
          messageId: 'unknownTable',
          line: 1,
          column: 26,
          endLine: 1,
          endColumn: 40,
          data: { table: 'invoice_copies', service: 'payment' },
        },
      ],
    },
    {
      name: "renames: renaming another service's tables with RENAME TABLE gives the new names no owner",
      filename: 'services/payment/src/copies.ts',
      code: "db.query('SELECT id FROM draft_copies');",
      files: foreignRenameTable,
      config,
      errors: [
        { messageId: 'unknownTable', line: 1, column: 26, endLine: 1, endColumn: 38, data: { table: 'draft_copies', service: 'payment' } },
      ],
    },
  ],
});

/** Lints `files` with the ownership rules on, and nothing else. */
const lintWithOwnershipRules = (files: Record<string, string>, base: NilecareConfig = config) => lintOwnership(files, base);

describe('renames in the ownership model', () => {
  it('reports each access once, under the names of its time', async () => {
    const run = await lintWithOwnershipRules({
      ...renamed,
      'services/billing/migrations/V11__lines.sql':
        'CREATE TABLE invoice_lines (id CHAR(36) PRIMARY KEY, invoice_id CHAR(36), FOREIGN KEY (invoice_id) REFERENCES invoice_headers (id));\n',
      'services/billing/src/repo.ts': "db.query('SELECT h.id FROM invoice_headers h JOIN invoice_lines l ON l.invoice_id = h.id');\n",
      'services/payment/migrations/V1__payments.sql':
        'CREATE TABLE payments (id CHAR(36) PRIMARY KEY, invoice_id CHAR(36) REFERENCES invoice_headers (id));\nALTER TABLE invoice_headers ADD COLUMN paid_by CHAR(36);\n',
      'services/payment/src/repo.ts': "db.query('SELECT id FROM invoices');\n",
    });
    expect(findings(run)).toEqual([
      "no-cross-service-foreign-key services/payment/migrations/V1__payments.sql:1:80 Table 'payments' of service 'payment' has a foreign key to 'invoice_headers' owned by service 'billing'.",
      "no-cross-service-query services/payment/migrations/V1__payments.sql:2:13 Service 'payment' alters table 'invoice_headers' owned by service 'billing'.",
      "unknown-table services/payment/src/repo.ts:1:26 Table 'invoices' used by service 'payment' is not owned or created by any service.",
    ]);
  });

  it('settles an ambiguity when one of two creators renames its copy away', async () => {
    const both = { ...renamed, 'services/payment/migrations/V1__invoices.sql': 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);\n' };
    const before = await lintWithOwnershipRules({ ...both, 'services/billing/migrations/V10__rename_invoices.sql': '-- not yet\n' });
    expect(findings(before).filter((f) => f.startsWith('ambiguous-table-owner'))).toHaveLength(2);
    const after = await lintWithOwnershipRules({ ...both, 'services/billing/src/stale.ts': "db.query('SELECT id FROM invoices');\n" });
    expect(findings(after)).toEqual([
      "no-cross-service-query services/billing/src/stale.ts:1:26 Service 'billing' reads table 'invoices' owned by service 'payment'.",
    ]);
  });

  it('lists current names in the model, the map and the proposed config', async () => {
    const run = await lintWithOwnershipRules({
      ...renamed,
      ...renamedPairs,
      ...clinical,
      ...qualified,
      'services/payment/src/repo.ts': "db.query('SELECT id FROM invoice_headers');\n",
    });
    const billing = run.model.serviceByName('billing')!;
    // New names in the order of the migrations that gave them (V2, V3, V10).
    expect(billing.createdTables.map((d) => `${d.database}.${d.table}`)).toEqual([
      'nilecare.ledger_entries',
      'nilecare.invoice_drafts',
      'nilecare.invoice_notes',
      'nilecare.invoice_headers',
    ]);
    expect(billing.createdTables.find((d) => d.table === 'invoice_headers')).toMatchObject({
      file: 'services/billing/migrations/V10__rename_invoices.sql',
      range: { line: 1, column: 32, endLine: 1, endColumn: 47 },
      via: 'migration',
      renamedFrom: 'invoices',
    });
    expect(run.model.serviceByName('clinical')!.createdTables).toMatchObject([
      { table: 'encounters', database: 'clinical_data', renamedFrom: 'clinical_data.visits' },
    ]);

    const map = buildOwnershipMap(run.model, run.diagnostics);
    expect(map.services.find((s) => s.name === 'billing')!.tables.map((t) => t.name)).toEqual([
      'invoice_drafts',
      'invoice_headers',
      'invoice_notes',
      'ledger_entries',
    ]);
    expect(map.edges).toMatchObject([{ from: 'payment', table: 'invoice_headers', owner: 'billing', count: 1 }]);
    expect(renderMap(map, 'table')).toContain('billing   nilecare       invoice_drafts, invoice_headers, invoice_notes, ledger_entries');

    const proposal = proposeConfig(run.model);
    expect(proposal.services.find((s) => s.name === 'billing')!.createdTables).toEqual([
      'invoice_drafts',
      'invoice_headers',
      'invoice_notes',
      'ledger_entries',
    ]);
  });

  it('follows renames in SQL outside every service, for the owner of its database', async () => {
    const run = await lintWithOwnershipRules(
      {
        'database/schema/billing.sql':
          'USE billing_db;\nCREATE TABLE invoices (id CHAR(36) PRIMARY KEY);\nALTER TABLE invoices RENAME TO invoice_headers;\n',
        'services/billing/src/repo.ts': "db.query('SELECT id FROM invoice_headers');\n",
        'services/payment/src/repo.ts': "db.query('SELECT id FROM invoice_headers');\ndb.query('SELECT id FROM invoices');\n",
      },
      {
        ...config,
        services: config.services!.map((s) => (s.name === 'billing' ? { ...s, databases: ['billing_db'] } : s)),
        databases: { billing_db: 'billing' },
      },
    );
    expect(findings(run)).toEqual([
      "no-cross-service-query services/payment/src/repo.ts:1:26 Service 'payment' reads table 'invoice_headers' owned by service 'billing'.",
      "unknown-table services/payment/src/repo.ts:2:26 Table 'invoices' used by service 'payment' is not owned or created by any service.",
    ]);
    const map = buildOwnershipMap(run.model, run.diagnostics);
    expect(map.services.find((s) => s.name === 'billing')!.tables).toEqual([
      { name: 'invoice_headers', database: 'billing_db', via: 'database', file: 'database/schema/billing.sql', line: 3 },
    ]);
  });

  it('moves a table the config gives the renaming service to the renaming service', async () => {
    const run = await lintWithOwnershipRules(
      {
        'services/billing/migrations/V4__totals.sql': 'ALTER TABLE legacy_totals RENAME TO invoice_totals;\n',
        'services/payment/src/totals.ts': "db.query('SELECT total FROM invoice_totals');\n",
      },
      { ...config, services: config.services!.map((s) => (s.name === 'billing' ? { ...s, tables: ['legacy_totals'] } : s)) },
    );
    expect(findings(run)).toEqual([
      "no-cross-service-query services/payment/src/totals.ts:1:29 Service 'payment' reads table 'invoice_totals' owned by service 'billing'.",
    ]);
  });
});
