/**
 * The naming rules beyond index-name offer the same rename migration: a NEW migration in the
 * folder, next version in its scheme, the rename in the service's dialect. Applying it makes the
 * finding go away (the name is then history), and a second lint offers no second migration.
 */
import { describe, expect, it } from 'vitest';
import { applied, configFile, lintFiles, only, suggestion, unsuppressed, type Files } from './helpers.js';
import type { Diagnostic } from '../../src/engine/types.js';

type Dialect = 'mysql' | 'postgresql';
const services = [
  { name: 'billing', roots: ['services/billing'], prefixes: ['billing_'] },
  { name: 'reports', roots: ['services/reports'] },
];
const config = (dialect: Dialect, rule: string, options?: Record<string, unknown>): Files =>
  configFile(only({ [rule]: options ? ['warn', options] : 'warn' }, { dialect, services }));

const where = (d: Diagnostic) => ({
  ruleId: d.ruleId,
  file: d.file,
  line: d.line,
  column: d.column,
  endLine: d.endLine,
  endColumn: d.endColumn,
});

/**
 * Lints, expects exactly `finding` for `rule`, applies its rename suggestion, and returns the
 * suggestion's description and the created file. Re-linting the result: no finding of the rule
 * anywhere (the renamed name is history, the new migration names nothing wrongly), and no
 * suggestion left to apply twice.
 */
async function renameMigration(rule: string, files: Files, finding: ReturnType<typeof where>) {
  const findings = unsuppressed(await lintFiles(files), rule);
  expect(findings.map(where)).toEqual([finding]);
  const fix = suggestion(findings[0], /^Write migration /);
  const fixed = applied(files, [fix]);
  for (const [file, text] of Object.entries(files)) expect(fixed[file]).toBe(text);
  const created = Object.entries(fixed).filter(([file]) => !(file in files));
  expect(created).toHaveLength(1);
  expect(unsuppressed(await lintFiles(fixed), rule)).toEqual([]);
  return { description: fix.description, file: created[0][0], text: created[0][1] };
}

const sqlHeader = (what: string) => `-- ${what}; a new migration, since the one that created the name has run already.\n`;

describe('identifier-case: column and table renames', () => {
  it('MySQL, Flyway: RENAME COLUMN to snake_case', async () => {
    const dir = 'services/billing/migrations';
    const files = {
      ...config('mysql', 'identifier-case'),
      [`${dir}/V1__notes.sql`]: 'CREATE TABLE billing_notes (\n  id INT PRIMARY KEY,\n  noteText TEXT\n);\n',
    };
    expect(
      await renameMigration('identifier-case', files, {
        ruleId: 'identifier-case',
        file: `${dir}/V1__notes.sql`,
        line: 3,
        column: 3,
        endLine: 3,
        endColumn: 11,
      }),
    ).toEqual({
      description:
        "Write migration 'V2__rename_column_note_text.sql' that renames column 'noteText' of table 'billing_notes' to 'note_text'.",
      file: `${dir}/V2__rename_column_note_text.sql`,
      text: `${sqlHeader("Renames column 'noteText' of table 'billing_notes' to 'note_text'")}ALTER TABLE billing_notes RENAME COLUMN noteText TO note_text;\n`,
    });
  });

  it('PostgreSQL, timestamped SQL: a quoted mixed-case column keeps its quotes; an unquoted one is its folded name', async () => {
    const dir = 'services/billing/db/migrations';
    const files = {
      ...config('postgresql', 'identifier-case'),
      [`${dir}/20251015_100000_notes.sql`]: 'CREATE TABLE billing_notes (id int PRIMARY KEY, "noteText" text);\n',
    };
    expect(
      await renameMigration('identifier-case', files, {
        ruleId: 'identifier-case',
        file: `${dir}/20251015_100000_notes.sql`,
        line: 1,
        column: 49,
        endLine: 1,
        endColumn: 59,
      }),
    ).toEqual({
      description:
        "Write migration '20251015_100001_rename_column_note_text.sql' that renames column 'noteText' of table 'billing_notes' to 'note_text'.",
      file: `${dir}/20251015_100001_rename_column_note_text.sql`,
      text: `${sqlHeader("Renames column 'noteText' of table 'billing_notes' to 'note_text'")}ALTER TABLE billing_notes RENAME COLUMN "noteText" TO note_text;\n`,
    });
  });

  it('PostgreSQL, table: ALTER TABLE … RENAME TO, qualified by its schema', async () => {
    const dir = 'services/billing/migrations';
    const files = {
      ...config('postgresql', 'identifier-case'),
      [`${dir}/V1__notes.sql`]: 'CREATE TABLE ledger."BillingNotes" (id int PRIMARY KEY);\n',
    };
    expect(
      await renameMigration('identifier-case', files, {
        ruleId: 'identifier-case',
        file: `${dir}/V1__notes.sql`,
        line: 1,
        column: 14,
        endLine: 1,
        endColumn: 35,
      }),
    ).toEqual({
      description: "Write migration 'V2__rename_table_billing_notes.sql' that renames table 'ledger.BillingNotes' to 'billing_notes'.",
      file: `${dir}/V2__rename_table_billing_notes.sql`,
      text: `${sqlHeader("Renames table 'ledger.BillingNotes' to 'billing_notes'")}ALTER TABLE ledger."BillingNotes" RENAME TO billing_notes;\n`,
    });
  });

  it('MySQL, table: RENAME TABLE', async () => {
    const dir = 'services/billing/migrations';
    const files = {
      ...config('mysql', 'identifier-case'),
      [`${dir}/V1__notes.sql`]: 'CREATE TABLE billingNotes (id INT PRIMARY KEY);\n',
    };
    const created = await renameMigration('identifier-case', files, {
      ruleId: 'identifier-case',
      file: `${dir}/V1__notes.sql`,
      line: 1,
      column: 14,
      endLine: 1,
      endColumn: 26,
    });
    expect(created.text).toBe(
      `${sqlHeader("Renames table 'billingNotes' to 'billing_notes'")}RENAME TABLE billingNotes TO billing_notes;\n`,
    );
  });

  it('camelCase convention, TypeORM: a migration class renaming the snake_case column', async () => {
    const dir = 'services/billing/src/migrations';
    const files = {
      ...config('postgresql', 'identifier-case', { case: 'camelCase', tableCase: 'snake_case' }),
      [`${dir}/1712232000000-Legacy.ts`]:
        'import { MigrationInterface, QueryRunner } from \'typeorm\';\n\nexport class Legacy1712232000000 implements MigrationInterface {\n  public async up(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query(`ALTER TABLE "product" ADD "legacy_sku" character varying(32)`);\n  }\n}\n',
    };
    expect(
      await renameMigration('identifier-case', files, {
        ruleId: 'identifier-case',
        file: `${dir}/1712232000000-Legacy.ts`,
        line: 5,
        column: 56,
        endLine: 5,
        endColumn: 68,
      }),
    ).toEqual({
      description:
        "Write migration '1712232000001-RenameColumnLegacySku.ts' that renames column 'legacy_sku' of table 'product' to 'legacySku'.",
      file: `${dir}/1712232000001-RenameColumnLegacySku.ts`,
      text: [
        "import { MigrationInterface, QueryRunner } from 'typeorm';",
        '',
        'export class RenameColumnLegacySku1712232000001 implements MigrationInterface {',
        "  name = 'RenameColumnLegacySku1712232000001';",
        '',
        '  public async up(queryRunner: QueryRunner): Promise<void> {',
        '    await queryRunner.query(`ALTER TABLE product RENAME COLUMN legacy_sku TO "legacySku"`);',
        '  }',
        '',
        '  public async down(queryRunner: QueryRunner): Promise<void> {',
        '    await queryRunner.query(`ALTER TABLE product RENAME COLUMN "legacySku" TO legacy_sku`);',
        '  }',
        '}',
        '',
      ].join('\n'),
    });
  });
});

describe('boolean-column-name: is_ prefix', () => {
  it('MySQL, knex: a script with up and down', async () => {
    const dir = 'services/billing/migrations';
    const files = {
      ...config('mysql', 'boolean-column-name'),
      [`${dir}/20250101120000_flags.js`]:
        "exports.up = (knex) => knex.raw('ALTER TABLE billing_accounts ADD COLUMN active TINYINT(1) NOT NULL DEFAULT 1');\nexports.down = (knex) => knex.raw('ALTER TABLE billing_accounts DROP COLUMN active');\n",
    };
    expect(
      await renameMigration('boolean-column-name', files, {
        ruleId: 'boolean-column-name',
        file: `${dir}/20250101120000_flags.js`,
        line: 1,
        column: 74,
        endLine: 1,
        endColumn: 80,
      }),
    ).toEqual({
      description:
        "Write migration '20250101120001_rename_column_active.js' that renames column 'active' of table 'billing_accounts' to 'is_active'.",
      file: `${dir}/20250101120001_rename_column_active.js`,
      text: "exports.up = (knex) => knex.raw('ALTER TABLE billing_accounts RENAME COLUMN active TO is_active');\nexports.down = (knex) => knex.raw('ALTER TABLE billing_accounts RENAME COLUMN is_active TO active');\n",
    });
  });

  it('PostgreSQL, knex in TypeScript', async () => {
    const dir = 'services/billing/migrations';
    const files = {
      ...config('postgresql', 'boolean-column-name'),
      [`${dir}/20250101120000_flags.ts`]:
        "import type { Knex } from 'knex';\n\nexport async function up(knex: Knex): Promise<void> {\n  await knex.raw('ALTER TABLE billing_accounts ADD COLUMN verified boolean NOT NULL DEFAULT false');\n}\n",
    };
    const created = await renameMigration('boolean-column-name', files, {
      ruleId: 'boolean-column-name',
      file: `${dir}/20250101120000_flags.ts`,
      line: 4,
      column: 59,
      endLine: 4,
      endColumn: 67,
    });
    expect(created.file).toBe(`${dir}/20250101120001_rename_column_verified.ts`);
    expect(created.text).toBe(
      [
        "import type { Knex } from 'knex';",
        '',
        'export async function up(knex: Knex): Promise<void> {',
        "  await knex.raw('ALTER TABLE billing_accounts RENAME COLUMN verified TO is_verified');",
        '}',
        '',
        'export async function down(knex: Knex): Promise<void> {',
        "  await knex.raw('ALTER TABLE billing_accounts RENAME COLUMN is_verified TO verified');",
        '}',
        '',
      ].join('\n'),
    );
  });
});

describe('foreign-key-column-name: {entity}_id', () => {
  it('MySQL, Flyway: the column named after the referenced table', async () => {
    const dir = 'services/billing/migrations';
    const files = {
      ...config('mysql', 'foreign-key-column-name'),
      [`${dir}/V1__users.sql`]: 'CREATE TABLE billing_users (id INT PRIMARY KEY);\n',
      [`${dir}/V2__sessions.sql`]:
        'CREATE TABLE billing_sessions (id INT PRIMARY KEY, owner_id INT NOT NULL, FOREIGN KEY (owner_id) REFERENCES billing_users(id));\n',
    };
    expect(
      await renameMigration('foreign-key-column-name', files, {
        ruleId: 'foreign-key-column-name',
        file: `${dir}/V2__sessions.sql`,
        line: 1,
        column: 52,
        endLine: 1,
        endColumn: 60,
      }),
    ).toEqual({
      description:
        "Write migration 'V3__rename_column_owner_id.sql' that renames column 'owner_id' of table 'billing_sessions' to 'user_id'.",
      file: `${dir}/V3__rename_column_owner_id.sql`,
      text: `${sqlHeader("Renames column 'owner_id' of table 'billing_sessions' to 'user_id'")}ALTER TABLE billing_sessions RENAME COLUMN owner_id TO user_id;\n`,
    });
  });

  it('PostgreSQL: a camelCase reference column without a constraint', async () => {
    const dir = 'services/billing/migrations';
    const files = {
      ...config('postgresql', 'foreign-key-column-name'),
      [`${dir}/V1__sessions.sql`]: 'CREATE TABLE billing_sessions (id int PRIMARY KEY, "patientId" uuid);\n',
    };
    const created = await renameMigration('foreign-key-column-name', files, {
      ruleId: 'foreign-key-column-name',
      file: `${dir}/V1__sessions.sql`,
      line: 1,
      column: 52,
      endLine: 1,
      endColumn: 63,
    });
    expect(created.text).toBe(
      `${sqlHeader("Renames column 'patientId' of table 'billing_sessions' to 'patient_id'")}ALTER TABLE billing_sessions RENAME COLUMN "patientId" TO patient_id;\n`,
    );
  });
});

describe('primary-key-name: the key column renamed (RENAME COLUMN in both dialects)', () => {
  it.each([
    ['mysql', 'CREATE TABLE billing_accounts (account_id CHAR(36) PRIMARY KEY, name VARCHAR(100));\n'],
    ['postgresql', 'CREATE TABLE billing_accounts (account_id uuid PRIMARY KEY, name text);\n'],
  ] as const)('%s', async (dialect, sql) => {
    const dir = 'services/billing/migrations';
    const files = { ...config(dialect, 'primary-key-name'), [`${dir}/V1__accounts.sql`]: sql };
    expect(
      await renameMigration('primary-key-name', files, {
        ruleId: 'primary-key-name',
        file: `${dir}/V1__accounts.sql`,
        line: 1,
        column: 32,
        endLine: 1,
        endColumn: 42,
      }),
    ).toEqual({
      description:
        "Write migration 'V2__rename_column_account_id.sql' that renames column 'account_id' of table 'billing_accounts' to 'id'.",
      file: `${dir}/V2__rename_column_account_id.sql`,
      text: `${sqlHeader("Renames column 'account_id' of table 'billing_accounts' to 'id'")}ALTER TABLE billing_accounts RENAME COLUMN account_id TO id;\n`,
    });
  });
});

describe('table-prefix: the table renamed to the prefixed name', () => {
  it('MySQL: RENAME TABLE', async () => {
    const dir = 'services/billing/migrations';
    const files = { ...config('mysql', 'table-prefix'), [`${dir}/V1__invoices.sql`]: 'CREATE TABLE invoices (id INT PRIMARY KEY);\n' };
    expect(
      await renameMigration('table-prefix', files, {
        ruleId: 'table-prefix',
        file: `${dir}/V1__invoices.sql`,
        line: 1,
        column: 14,
        endLine: 1,
        endColumn: 22,
      }),
    ).toEqual({
      description: "Write migration 'V2__rename_table_invoices.sql' that renames table 'invoices' to 'billing_invoices'.",
      file: `${dir}/V2__rename_table_invoices.sql`,
      text: `${sqlHeader("Renames table 'invoices' to 'billing_invoices'")}RENAME TABLE invoices TO billing_invoices;\n`,
    });
  });

  it('PostgreSQL: a table another service queries — the description says the contract changes', async () => {
    const dir = 'services/billing/migrations';
    const files = {
      ...config('postgresql', 'table-prefix'),
      [`${dir}/V1__invoices.sql`]: 'CREATE TABLE invoices (id int PRIMARY KEY);\n',
      'services/reports/src/totals.ts': "export const totals = (db) => db.query('SELECT count(*) FROM invoices');\n",
    };
    expect(
      await renameMigration('table-prefix', files, {
        ruleId: 'table-prefix',
        file: `${dir}/V1__invoices.sql`,
        line: 1,
        column: 14,
        endLine: 1,
        endColumn: 22,
      }),
    ).toEqual({
      description:
        "Write migration 'V2__rename_table_invoices.sql' that renames table 'invoices' to 'billing_invoices'. Services 'reports' use the table: the rename changes their contract, so their code must follow.",
      file: `${dir}/V2__rename_table_invoices.sql`,
      text: `${sqlHeader("Renames table 'invoices' to 'billing_invoices'")}ALTER TABLE invoices RENAME TO billing_invoices;\n`,
    });
  });
});

describe('a name a later migration renamed or dropped is history', () => {
  const dir = 'services/billing/migrations';
  it.each([
    ['RENAME COLUMN', 'ALTER TABLE billing_notes RENAME COLUMN noteText TO note_text;'],
    ['MySQL CHANGE', 'ALTER TABLE billing_notes CHANGE noteText note_text TEXT;'],
    ['DROP COLUMN', 'ALTER TABLE billing_notes DROP COLUMN noteText;'],
    ['DROP TABLE', 'DROP TABLE IF EXISTS billing_notes;'],
    ['a table rename, then the column', 'RENAME TABLE billing_notes TO billing_memos;\nALTER TABLE billing_memos DROP COLUMN noteText;'],
  ])('%s: no finding, no suggestion', async (_, later) => {
    const files = {
      ...config('mysql', 'identifier-case'),
      [`${dir}/V1__notes.sql`]: 'CREATE TABLE billing_notes (id INT PRIMARY KEY, noteText TEXT);\n',
      [`${dir}/V10__later.sql`]: `${later}\n`,
    };
    expect(unsuppressed(await lintFiles(files), 'identifier-case')).toEqual([]);
  });

  it('a table renamed since: the column rename names the table as it is now', async () => {
    const files = {
      ...config('mysql', 'identifier-case'),
      [`${dir}/V1__notes.sql`]: 'CREATE TABLE billing_notes (id INT PRIMARY KEY, noteText TEXT);\n',
      [`${dir}/V2__memos.sql`]: 'RENAME TABLE billing_notes TO billing_memos;\n',
    };
    const created = await renameMigration('identifier-case', files, {
      ruleId: 'identifier-case',
      file: `${dir}/V1__notes.sql`,
      line: 1,
      column: 49,
      endLine: 1,
      endColumn: 57,
    });
    expect(created.text).toBe(
      `${sqlHeader("Renames column 'noteText' of table 'billing_memos' to 'note_text'")}ALTER TABLE billing_memos RENAME COLUMN noteText TO note_text;\n`,
    );
  });

  it('a down file or an earlier migration does not count', async () => {
    const files = {
      ...config('mysql', 'identifier-case'),
      [`${dir}/V2__notes.sql`]: 'CREATE TABLE billing_notes (id INT PRIMARY KEY, noteText TEXT);\n',
      [`${dir}/V1__old.sql`]: 'ALTER TABLE billing_notes DROP COLUMN noteText;\n',
      [`${dir}/U3__undo.sql`]: 'ALTER TABLE billing_notes DROP COLUMN noteText;\n',
    };
    expect(unsuppressed(await lintFiles(files), 'identifier-case').map((d) => d.message)).toEqual([
      "Column 'noteText' of table 'billing_notes' is not snake_case; expected 'note_text'.",
    ]);
  });

  it('outside migrations (a schema dump) nothing is offered but the directive', async () => {
    const files = {
      ...config('mysql', 'identifier-case'),
      'services/billing/db/schema.sql': 'CREATE TABLE billing_notes (id INT PRIMARY KEY, noteText TEXT);\n',
    };
    const [finding] = unsuppressed(await lintFiles(files), 'identifier-case');
    expect(finding.suggestions?.map((s) => s.description)).toEqual(["Disable 'identifier-case' for this line, with a reason."]);
  });
});

describe('table-prefix: a TypeORM rename migration, whose down half restores the old name', () => {
  it('offers the class, and the written class lints clean', async () => {
    const dir = 'services/billing/src/migrations';
    const files = {
      ...config('postgresql', 'table-prefix'),
      [`${dir}/1712232000000-Invoices.ts`]:
        "import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class Invoices1712232000000 implements MigrationInterface {\n  public async up(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query(`CREATE TABLE invoices (id int PRIMARY KEY)`);\n  }\n}\n",
    };
    const created = await renameMigration('table-prefix', files, {
      ruleId: 'table-prefix',
      file: `${dir}/1712232000000-Invoices.ts`,
      line: 5,
      column: 43,
      endLine: 5,
      endColumn: 51,
    });
    expect(created.file).toBe(`${dir}/1712232000001-RenameTableInvoices.ts`);
    expect(created.text).toContain('    await queryRunner.query(`ALTER TABLE billing_invoices RENAME TO invoices`);\n');
  });
});

describe('every naming suggestion of a service, applied one after another as an editor would', () => {
  const NAMING = ['table-prefix', 'primary-key-name', 'identifier-case', 'foreign-key-column-name', 'boolean-column-name', 'index-name'];
  const dir = 'services/billing/migrations';
  const base = (dialect: Dialect) =>
    configFile(
      only(
        {
          ...Object.fromEntries(NAMING.map((rule) => [rule, 'warn'])),
          'index-name': ['warn', { requireColumns: true }],
          'migration-file-name': 'warn',
          'migration-duplicate-version': 'warn',
        },
        { dialect, services },
      ),
    );
  const SCHEMA =
    'CREATE TABLE invoices (\n  invoice_id INT PRIMARY KEY,\n  patientId INT NOT NULL,\n  paid BOOLEAN NOT NULL DEFAULT FALSE\n);\nCREATE INDEX invoice_paid ON invoices (paid);\n';
  const at = (d: Diagnostic) => `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn}`;

  it.each([
    [
      'mysql',
      [
        ['V2__rename_table_invoices.sql', 'RENAME TABLE invoices TO billing_invoices;'],
        ['V3__rename_column_invoice_id.sql', 'ALTER TABLE billing_invoices RENAME COLUMN invoice_id TO id;'],
        ['V4__rename_column_patient_id.sql', 'ALTER TABLE billing_invoices RENAME COLUMN patientId TO patient_id;'],
        ['V5__rename_column_paid.sql', 'ALTER TABLE billing_invoices RENAME COLUMN paid TO is_paid;'],
        ['V6__rename_index_invoice_paid.sql', 'ALTER TABLE billing_invoices RENAME INDEX invoice_paid TO idx_billing_invoices_is_paid;'],
      ],
    ],
    [
      'postgresql',
      [
        ['V2__rename_table_invoices.sql', 'ALTER TABLE invoices RENAME TO billing_invoices;'],
        ['V3__rename_column_invoice_id.sql', 'ALTER TABLE billing_invoices RENAME COLUMN invoice_id TO id;'],
        // PostgreSQL folded the unquoted `patientId` to `patientid`: that is the column to rename.
        ['V4__rename_column_patientid.sql', 'ALTER TABLE billing_invoices RENAME COLUMN patientid TO patient_id;'],
        ['V5__rename_column_paid.sql', 'ALTER TABLE billing_invoices RENAME COLUMN paid TO is_paid;'],
        ['V6__rename_index_invoice_paid.sql', 'ALTER INDEX invoice_paid RENAME TO idx_billing_invoices_is_paid;'],
      ],
    ],
  ] as const)('%s: each finding goes, none appears, every migration takes the next version', async (dialect, expected) => {
    let files: Files = { ...base(dialect), [`${dir}/V1__init.sql`]: SCHEMA };
    const first = unsuppressed(await lintFiles(files));
    expect(first.map(at)).toEqual([
      `table-prefix ${dir}/V1__init.sql:1:14-1:22`,
      `primary-key-name ${dir}/V1__init.sql:2:3-2:13`,
      `foreign-key-column-name ${dir}/V1__init.sql:3:3-3:12`,
      `identifier-case ${dir}/V1__init.sql:3:3-3:12`,
      `boolean-column-name ${dir}/V1__init.sql:4:3-4:7`,
      `index-name ${dir}/V1__init.sql:6:14-6:26`,
    ]);
    const created: Array<[string, string]> = [];
    for (let pass = 0; pass < 10; pass++) {
      const findings = unsuppressed(await lintFiles(files));
      // Only findings of the first run remain; the renames written so far add none.
      expect(findings.map(at).filter((key) => !first.map(at).includes(key))).toEqual([]);
      if (findings.length === 0) break;
      const fix = suggestion(findings[0], /^Write migration /);
      const next = applied(files, [fix]);
      for (const [file, text] of Object.entries(next))
        if (!(file in files)) created.push([file.slice(dir.length + 1), text.split('\n')[1]]);
      files = next;
    }
    expect(unsuppressed(await lintFiles(files))).toEqual([]);
    expect(created).toEqual(expected);
  });
});

describe('a reserved word is quoted in the rename', () => {
  it.each([
    [
      'mysql',
      'CREATE TABLE billing_orders (id INT PRIMARY KEY, `Order` INT);\n',
      'ALTER TABLE billing_orders RENAME COLUMN `Order` TO `order`;',
    ],
    [
      'postgresql',
      'CREATE TABLE billing_orders (id int PRIMARY KEY, "User" uuid);\n',
      'ALTER TABLE billing_orders RENAME COLUMN "User" TO "user";',
    ],
  ] as const)('%s', async (dialect, sql, statement) => {
    const dir = 'services/billing/migrations';
    const files = { ...config(dialect, 'identifier-case'), [`${dir}/V1__orders.sql`]: sql };
    const [finding] = unsuppressed(await lintFiles(files), 'identifier-case');
    const created = applied(files, [suggestion(finding, /^Write migration 'V2__rename_column_/)]);
    const [text] = Object.entries(created)
      .filter(([file]) => !(file in files))
      .map(([, t]) => t);
    expect(text.split('\n')[1]).toBe(statement);
  });
});

describe('later ORM schema calls count too', () => {
  it.each([
    ['knex renameTable', "exports.up = (knex) => knex.schema.renameTable('billingNotes', 'billing_notes');\n"],
    ['knex dropTable', "exports.up = (knex) => knex.schema.dropTable('billingNotes');\n"],
  ])('%s: the table name is history', async (_, later) => {
    const dir = 'services/billing/migrations';
    const files = {
      ...config('mysql', 'identifier-case'),
      [`${dir}/20250101120000_notes.js`]: "exports.up = (knex) => knex.raw('CREATE TABLE billingNotes (id INT PRIMARY KEY)');\n",
      [`${dir}/20250102120000_later.js`]: later,
    };
    expect(unsuppressed(await lintFiles(files), 'identifier-case')).toEqual([]);
  });

  it('the down half renaming the table back does not bring the old name back', async () => {
    const dir = 'services/billing/migrations';
    const files = {
      ...config('mysql', 'identifier-case'),
      [`${dir}/20250101120000_notes.js`]: "exports.up = (knex) => knex.raw('CREATE TABLE billingNotes (id INT PRIMARY KEY)');\n",
      [`${dir}/20250102120000_later.js`]:
        "exports.up = (knex) => knex.schema.renameTable('billingNotes', 'billing_memos');\nexports.down = (knex) => knex.schema.renameTable('billing_memos', 'billingNotes');\n",
    };
    expect(unsuppressed(await lintFiles(files), 'identifier-case')).toEqual([]);
  });
});
