/**
 * Naming rules: a misnamed index or constraint is renamed by a NEW migration in its folder, with the
 * next version in the folder's scheme, as the folder writes migrations (SQL, knex, TypeORM), in the
 * service's dialect. The migration that created the name is never edited.
 */
import { describe, expect, it } from 'vitest';
import { applied, configFile, lintFiles, only, suggestion, unsuppressed, type Files } from './helpers.js';

const RULE = 'index-name';
const config = (dialect: 'mysql' | 'postgresql', options?: Record<string, unknown>): Files =>
  configFile(
    only({ [RULE]: options ? ['warn', options] : 'warn' }, { dialect, services: [{ name: 'billing', roots: ['services/billing'] }] }),
  );

/** The one finding's rename suggestion applied: the created file (path → text); the original migrations unchanged. */
async function renameMigration(files: Files, description: RegExp): Promise<Record<string, string>> {
  const [finding, ...more] = unsuppressed(await lintFiles(files), RULE);
  expect(more).toEqual([]);
  const fix = suggestion(finding, description);
  const fixed = applied(files, [fix]);
  for (const [file, text] of Object.entries(files)) expect(fixed[file]).toBe(text);
  const created = Object.fromEntries(Object.entries(fixed).filter(([file]) => !(file in files)));
  // The new migration itself names nothing wrongly.
  const after = unsuppressed(await lintFiles(fixed), RULE);
  expect(after.filter((d) => d.file in created)).toEqual([]);
  return created;
}

describe('naming rules: a rename migration', () => {
  it('MySQL, Flyway: the next version, ALTER TABLE … RENAME INDEX', async () => {
    const dir = 'services/billing/migrations';
    const files = {
      ...config('mysql'),
      [`${dir}/V1__invoices.sql`]: 'CREATE TABLE invoices (id INT PRIMARY KEY, patient_id INT);\n',
      [`${dir}/V2__indexes.sql`]: 'CREATE INDEX invoice_patient ON invoices (patient_id);\n',
    };
    expect(await renameMigration(files, /^Write migration 'V3__rename_index_invoice_patient\.sql'/)).toEqual({
      [`${dir}/V3__rename_index_invoice_patient.sql`]:
        "-- Renames index 'invoice_patient' of table 'invoices' to 'idx_invoices_patient_id'; a new migration, since the one that created the name has run already.\nALTER TABLE invoices RENAME INDEX invoice_patient TO idx_invoices_patient_id;\n",
    });
  });

  it('PostgreSQL, timestamped SQL: one second after the latest, ALTER INDEX … RENAME TO', async () => {
    const dir = 'services/billing/db/migrations';
    const files = {
      ...config('postgresql'),
      [`${dir}/20251015_100000_invoices.sql`]: 'CREATE TABLE invoices (id serial PRIMARY KEY, patient_id int);\n',
      [`${dir}/20251016_093000_indexes.sql`]: 'CREATE INDEX "InvoicePatient" ON invoices (patient_id);\n',
    };
    expect(await renameMigration(files, /^Write migration '20251016_093001_rename_index_invoice_patient\.sql'/)).toEqual({
      [`${dir}/20251016_093001_rename_index_invoice_patient.sql`]:
        "-- Renames index 'InvoicePatient' of table 'invoices' to 'idx_invoices_patient_id'; a new migration, since the one that created the name has run already.\nALTER INDEX \"InvoicePatient\" RENAME TO idx_invoices_patient_id;\n",
    });
  });

  it('knex: a script with up and down, named like its siblings', async () => {
    const dir = 'services/billing/migrations';
    const files = {
      ...config('mysql'),
      [`${dir}/20250101120000_indexes.js`]:
        "exports.up = (knex) => knex.raw('CREATE INDEX invoice_patient ON invoices (patient_id)');\nexports.down = (knex) => knex.raw('DROP INDEX invoice_patient ON invoices');\n",
    };
    expect(await renameMigration(files, /^Write migration '20250101120001_rename_index_invoice_patient\.js'/)).toEqual({
      [`${dir}/20250101120001_rename_index_invoice_patient.js`]:
        "exports.up = (knex) => knex.raw('ALTER TABLE invoices RENAME INDEX invoice_patient TO idx_invoices_patient_id');\nexports.down = (knex) => knex.raw('ALTER TABLE invoices RENAME INDEX idx_invoices_patient_id TO invoice_patient');\n",
    });
  });

  it('TypeORM: a migration class, its timestamp in its name', async () => {
    const dir = 'services/billing/src/migrations';
    const options = { prefixes: { index: 'IDX_', unique: ['UQ_', 'REL_'], foreignKey: 'FK_', fulltext: 'IDX_' } };
    const files = {
      ...config('postgresql', options),
      [`${dir}/1712232000000-Search.ts`]:
        'import { MigrationInterface, QueryRunner } from \'typeorm\';\n\nexport class Search1712232000000 implements MigrationInterface {\n  public async up(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query(`CREATE INDEX "product_name_search" ON "product" ("name")`);\n  }\n}\n',
    };
    expect(await renameMigration(files, /^Write migration '1712232000001-RenameIndexProductNameSearch\.ts'/)).toEqual({
      [`${dir}/1712232000001-RenameIndexProductNameSearch.ts`]: [
        "import { MigrationInterface, QueryRunner } from 'typeorm';",
        '',
        'export class RenameIndexProductNameSearch1712232000001 implements MigrationInterface {',
        "  name = 'RenameIndexProductNameSearch1712232000001';",
        '',
        '  public async up(queryRunner: QueryRunner): Promise<void> {',
        '    await queryRunner.query(`ALTER INDEX product_name_search RENAME TO "IDX_product_name"`);',
        '  }',
        '',
        '  public async down(queryRunner: QueryRunner): Promise<void> {',
        '    await queryRunner.query(`ALTER INDEX "IDX_product_name" RENAME TO product_name_search`);',
        '  }',
        '}',
        '',
      ].join('\n'),
    });
  });

  it('MySQL renames no foreign key constraint in place: no migration is offered', async () => {
    const files = {
      ...config('mysql'),
      'services/billing/migrations/V1__lines.sql':
        'CREATE TABLE invoice_lines (id INT PRIMARY KEY, invoice_id INT, CONSTRAINT lines_invoice FOREIGN KEY (invoice_id) REFERENCES invoices (id));\n',
    };
    const [finding] = unsuppressed(await lintFiles(files), RULE);
    expect(finding.suggestions?.map((s) => s.description)).toEqual([`Disable '${RULE}' for this line, with a reason.`]);
  });

  it('PostgreSQL renames a foreign key constraint', async () => {
    const dir = 'services/billing/migrations';
    const files = {
      ...config('postgresql'),
      [`${dir}/V1__lines.sql`]:
        'CREATE TABLE invoice_lines (id int PRIMARY KEY, invoice_id int, CONSTRAINT lines_invoice FOREIGN KEY (invoice_id) REFERENCES invoices (id));\n',
    };
    const created = await renameMigration(files, /^Write migration 'V2__rename_constraint_lines_invoice\.sql'/);
    expect(created[`${dir}/V2__rename_constraint_lines_invoice.sql`]).toMatch(
      /\nALTER TABLE invoice_lines RENAME CONSTRAINT lines_invoice TO fk_invoice_lines_invoice_id;\n$/,
    );
  });
});

describe('index-name follows what later migrations did to the table and its columns', () => {
  const dir = 'services/billing/migrations';
  const at = (d: { ruleId: string; line: number; column: number; endLine: number; endColumn: number }) => [
    d.ruleId,
    d.line,
    d.column,
    d.endLine,
    d.endColumn,
  ];

  it('a table renamed since: the rename names the table as it is now', async () => {
    const files = {
      ...config('mysql'),
      [`${dir}/V1__invoices.sql`]:
        'CREATE TABLE invoices (id INT PRIMARY KEY, patient_id INT);\nCREATE INDEX invoice_patient ON invoices (patient_id);\n',
      [`${dir}/V2__prefix.sql`]: 'RENAME TABLE invoices TO billing_invoices;\n',
    };
    const findings = unsuppressed(await lintFiles(files), RULE);
    expect(findings.map(at)).toEqual([[RULE, 2, 14, 2, 29]]);
    expect(await renameMigration(files, /^Write migration 'V3__rename_index_invoice_patient\.sql'/)).toEqual({
      [`${dir}/V3__rename_index_invoice_patient.sql`]:
        "-- Renames index 'invoice_patient' of table 'billing_invoices' to 'idx_billing_invoices_patient_id'; a new migration, since the one that created the name has run already.\nALTER TABLE billing_invoices RENAME INDEX invoice_patient TO idx_billing_invoices_patient_id;\n",
    });
  });

  it('requireColumns: a column renamed since makes the old full name wrong, and the new one right', async () => {
    const options = { requireColumns: true };
    const schema = 'CREATE TABLE billing_accounts (id INT PRIMARY KEY, active BOOLEAN);\n';
    const stale = {
      ...config('postgresql', options),
      [`${dir}/V1__accounts.sql`]: `${schema}CREATE INDEX idx_billing_accounts_active ON billing_accounts (active);\n`,
      [`${dir}/V2__flag.sql`]: 'ALTER TABLE billing_accounts RENAME COLUMN active TO is_active;\n',
    };
    const [finding, ...more] = unsuppressed(await lintFiles(stale), RULE);
    expect(more).toEqual([]);
    expect(at(finding)).toEqual([RULE, 2, 14, 2, 41]);
    expect(finding.message).toBe(
      "Index 'idx_billing_accounts_active' on table 'billing_accounts' should be named 'idx_billing_accounts_is_active'.",
    );
    expect(Object.values(await renameMigration(stale, /^Write migration 'V3__rename_index_idx_billing_accounts_active\.sql'/))).toEqual([
      "-- Renames index 'idx_billing_accounts_active' of table 'billing_accounts' to 'idx_billing_accounts_is_active'; a new migration, since the one that created the name has run already.\nALTER INDEX idx_billing_accounts_active RENAME TO idx_billing_accounts_is_active;\n",
    ]);
    const current = {
      ...stale,
      [`${dir}/V1__accounts.sql`]: `${schema}CREATE INDEX idx_billing_accounts_is_active ON billing_accounts (active);\n`,
    };
    expect(unsuppressed(await lintFiles(current), RULE)).toEqual([]);
  });

  it.each([
    ['DROP INDEX (PostgreSQL, no table)', 'postgresql', 'DROP INDEX IF EXISTS invoice_patient;'],
    ['ALTER INDEX … RENAME TO a good name', 'postgresql', 'ALTER INDEX invoice_patient RENAME TO idx_invoices_patient_id;'],
    ['RENAME INDEX … TO a good name', 'mysql', 'ALTER TABLE invoices RENAME INDEX invoice_patient TO idx_invoices_patient_id;'],
    ['DROP INDEX … ON (MySQL)', 'mysql', 'DROP INDEX invoice_patient ON invoices;'],
    ['the table dropped', 'mysql', 'DROP TABLE invoices;'],
    ['the column dropped', 'mysql', 'ALTER TABLE invoices DROP COLUMN patient_id;'],
  ] as const)('%s later: no finding', async (_, dialect, later) => {
    const files = {
      ...config(dialect),
      [`${dir}/V1__invoices.sql`]:
        'CREATE TABLE invoices (id INT PRIMARY KEY, patient_id INT);\nCREATE INDEX invoice_patient ON invoices (patient_id);\n',
      [`${dir}/V2__later.sql`]: `${later}\n`,
    };
    expect(unsuppressed(await lintFiles(files), RULE)).toEqual([]);
  });
});

describe('index-name judges the name a rename gives', () => {
  const dir = 'services/billing/migrations';
  const create =
    'CREATE TABLE invoices (id INT PRIMARY KEY, patient_id INT);\nCREATE UNIQUE INDEX uk_invoices_patient_id ON invoices (patient_id);\n';

  it.each([
    ['postgresql', 'ALTER INDEX uk_invoices_patient_id RENAME TO patient_lookup;', 1, 46, 1, 60],
    ['mysql', 'ALTER TABLE invoices RENAME INDEX uk_invoices_patient_id TO patient_lookup;', 1, 61, 1, 75],
  ] as const)(
    '%s: the new name, by the declaration’s kind (unique) and columns',
    async (dialect, rename, line, column, endLine, endColumn) => {
      const files = { ...config(dialect), [`${dir}/V1__invoices.sql`]: create, [`${dir}/V2__rename.sql`]: `${rename}\n` };
      const findings = unsuppressed(await lintFiles(files), RULE);
      expect(findings.map((d) => [d.file, d.line, d.column, d.endLine, d.endColumn, d.message])).toEqual([
        [
          `${dir}/V2__rename.sql`,
          line,
          column,
          endLine,
          endColumn,
          "Unique index 'patient_lookup' on table 'invoices' does not start with 'uk_'; expected a name like 'uk_invoices_patient_id'.",
        ],
      ]);
      // Its own suggestion renames it again, in V3, and then nothing is left.
      const fixed = applied(files, [suggestion(findings[0], /^Write migration 'V3__rename_index_patient_lookup\.sql'/)]);
      expect(unsuppressed(await lintFiles(fixed), RULE)).toEqual([]);
    },
  );

  it('the down half of a knex rename migration, restoring the old name, is not judged', async () => {
    const files = {
      ...config('mysql'),
      [`${dir}/20250101120000_invoices.js`]: `exports.up = (knex) => knex.raw('CREATE INDEX invoice_patient ON invoices (patient_id)');\n`,
      [`${dir}/20250101120001_rename.js`]:
        "exports.up = (knex) => knex.raw('ALTER TABLE invoices RENAME INDEX invoice_patient TO idx_invoices_patient_id');\nexports.down = (knex) => knex.raw('ALTER TABLE invoices RENAME INDEX idx_invoices_patient_id TO invoice_patient');\n",
    };
    expect(unsuppressed(await lintFiles(files), RULE)).toEqual([]);
  });
});
