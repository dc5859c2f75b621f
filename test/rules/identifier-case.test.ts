import rule from '../../rules/identifier-case.js';
import { ruleTester } from '../rule-tester.js';

const EF_HISTORY = [
  // `dotnet ef migrations script --idempotent` for Pomelo (MySQL): EF Core's bookkeeping table, then the migration.
  'CREATE TABLE IF NOT EXISTS `__EFMigrationsHistory` (',
  '    `MigrationId` varchar(150) NOT NULL,',
  '    `ProductVersion` varchar(32) NOT NULL,',
  '    PRIMARY KEY (`MigrationId`)',
  ');',
  "INSERT INTO `__EFMigrationsHistory` (`MigrationId`, `ProductVersion`) VALUES ('20240201093000_InitialCreate', '8.0.4');",
].join('\n');

ruleTester.run(rule, {
  valid: [
    {
      name: "a reserved word after ADD in an invalid ALTER TABLE (MediaWiki's `ADD DEFAULT ''`) is no column (HELDOUT10 #24)",
      filename: 'services/mediawiki/maintenance/postgres/archives/patch-objectcache_keyname-pk.sql',
      code: "ALTER TABLE objectcache\n DROP CONSTRAINT objectcache_keyname_key,\n ADD PRIMARY KEY (keyname),\n ADD DEFAULT '';",
      config: { dialect: 'postgresql' as const },
    },
    {
      name: "EF Core's __EFMigrationsHistory is the migration tool's bookkeeping table, never judged (HELDOUT8 #6)",
      filename: 'services/billing/deploy/sql/billing-migrations.sql',
      code: EF_HISTORY,
    },
    {
      name: 'case camelCase with snake_case tables (TypeORM): camelCase columns are the convention',
      filename: 'services/billing/migrations/V8__camel.sql',
      code: 'CREATE TABLE billing_invoices (id CHAR(36) PRIMARY KEY, patientId CHAR(36), totalAmount DECIMAL(10, 2), createdAt TIMESTAMP, avatarURL TEXT);',
      options: { case: 'camelCase', tableCase: 'snake_case' },
    },
    {
      name: 'tableCase PascalCase (Prisma): PascalCase tables and camelCase columns',
      filename: 'services/clinical/prisma/migrations/20240101000000_init/migration.sql',
      code: 'CREATE TABLE "InvoiceLine" ("id" TEXT PRIMARY KEY, "invoiceId" TEXT, "unitPrice" INTEGER);',
      options: { case: 'camelCase', tableCase: 'PascalCase' },
    },
    {
      name: 'snake_case table and columns',
      filename: 'services/billing/migrations/V1__invoices.sql',
      code: 'CREATE TABLE billing_invoices (id CHAR(36) PRIMARY KEY, patient_id CHAR(36), total_amount DECIMAL(10, 2), line2 VARCHAR(80));',
    },
    {
      name: 'leading underscores of tool tables are snake_case',
      filename: 'services/auth/migrations/V0__prisma.sql',
      code: 'CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY, checksum VARCHAR(64));',
    },
    {
      name: 'ALTER TABLE does not re-report the name of an existing table',
      filename: 'services/billing/migrations/V2__paid_at.sql',
      code: 'ALTER TABLE LegacyInvoices ADD COLUMN paid_at TIMESTAMP NULL;',
    },
    {
      name: 'exempt column',
      filename: 'services/billing/migrations/V3__legacy.sql',
      code: 'CREATE TABLE billing_legacy (id CHAR(36) PRIMARY KEY, legacyRef VARCHAR(20));',
      options: { exempt: ['legacyRef'] },
    },
    {
      name: 'exempt table.column',
      filename: 'services/billing/migrations/V3__legacy.sql',
      code: 'CREATE TABLE billing_legacy (id CHAR(36) PRIMARY KEY, legacyRef VARCHAR(20));',
      options: { exempt: ['billing_legacy.legacyRef'] },
    },
    {
      name: 'camelCase aliases in queries are not definitions',
      filename: 'services/billing/src/invoice.repo.ts',
      code: "export const q = (db: any) => db.query('SELECT patient_id AS patientId FROM billing_invoices WHERE id = ?', [1]);",
    },
    {
      name: 'a column named by a template hole has no known spelling',
      filename: 'services/billing/src/dynamic.ts',
      code: 'export const make = (db: any, col: string) =>\n  db.query(`CREATE TABLE billing_dynamic (id CHAR(36) PRIMARY KEY, ${col} VARCHAR(20))`);',
    },
    {
      name: 'DDL in a comment is not linted',
      filename: 'services/billing/migrations/V4__comment.sql',
      code: '-- CREATE TABLE BadName (someColumn INT);\nCREATE TABLE billing_ok (id INT PRIMARY KEY);',
    },
    {
      name: 'renaming a badly named table to snake_case (the old name is not a declaration here)',
      filename: 'services/billing/migrations/V6__rename.sql',
      code: 'RENAME TABLE InvoiceNotes TO billing_invoice_notes;\nALTER TABLE LegacyInvoices RENAME TO billing_legacy_invoices;\nALTER TABLE billing_notes RENAME COLUMN noteText TO note_text;',
    },
  ],
  invalid: [
    {
      name: 'an added column with an upper-case name beside it is still judged',
      filename: 'services/mediawiki/maintenance/postgres/archives/patch-objectcache_keyname-pk.sql',
      code: "ALTER TABLE objectcache\n ADD COLUMN DefaultValue TEXT,\n ADD DEFAULT '';",
      config: { dialect: 'postgresql' as const },
      errors: [
        {
          messageId: 'column',
          line: 2,
          column: 13,
          endLine: 2,
          endColumn: 25,
          data: { name: 'DefaultValue', table: 'objectcache', expected: 'default_value' },
        },
      ],
    },
    {
      name: "a table beside EF Core's history table is still judged (HELDOUT8 #6)",
      filename: 'services/billing/deploy/sql/billing-migrations.sql',
      code: `${EF_HISTORY}\nCREATE TABLE \`InvoiceLines\` (\`Id\` int NOT NULL PRIMARY KEY);`,
      errors: [
        {
          messageId: 'table',
          line: 7,
          column: 14,
          endLine: 7,
          endColumn: 28,
          data: { name: 'InvoiceLines', expected: 'invoice_lines' },
        },
        {
          messageId: 'column',
          line: 7,
          column: 30,
          endLine: 7,
          endColumn: 34,
          data: { name: 'Id', table: 'InvoiceLines', expected: 'id' },
        },
      ],
    },
    {
      name: 'case camelCase: a snake_case column departs from the convention',
      filename: 'services/billing/migrations/V8__camel.sql',
      code: 'CREATE TABLE billing_invoices (id CHAR(36) PRIMARY KEY, patientId CHAR(36), legacy_ref VARCHAR(20));',
      options: { case: 'camelCase', tableCase: 'snake_case' },
      errors: [
        {
          messageId: 'column',
          line: 1,
          column: 77,
          endLine: 1,
          endColumn: 87,
          data: { name: 'legacy_ref', table: 'billing_invoices', expected: 'legacyRef', case: 'camelCase' },
        },
      ],
    },
    {
      name: 'case camelCase without tableCase holds table names to camelCase too',
      filename: 'services/billing/migrations/V9__camel.sql',
      code: 'CREATE TABLE billing_invoices (id CHAR(36) PRIMARY KEY, patientId CHAR(36));',
      options: { case: 'camelCase' },
      errors: [
        {
          messageId: 'table',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 30,
          data: { name: 'billing_invoices', expected: 'billingInvoices', case: 'camelCase' },
        },
      ],
    },
    {
      name: 'tableCase PascalCase: a snake_case table departs from the convention',
      filename: 'services/clinical/prisma/migrations/20240102000000_lines/migration.sql',
      code: 'CREATE TABLE "invoice_lines" ("id" TEXT PRIMARY KEY, "invoiceId" TEXT);',
      options: { case: 'camelCase', tableCase: 'PascalCase' },
      errors: [
        {
          messageId: 'table',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 29,
          data: { name: 'invoice_lines', expected: 'InvoiceLines', case: 'PascalCase' },
        },
      ],
    },
    {
      name: 'camelCase and PascalCase columns (MySQL)',
      filename: 'services/billing/migrations/V3__invoice_notes.sql',
      code: 'CREATE TABLE billing_invoice_notes (\n  id CHAR(36) PRIMARY KEY,\n  noteText TEXT,\n  AuthorID CHAR(36)\n);',
      errors: [
        {
          messageId: 'column',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 11,
          data: { name: 'noteText', table: 'billing_invoice_notes', expected: 'note_text' },
        },
        { messageId: 'column', line: 4, column: 3, endLine: 4, endColumn: 11, data: { name: 'AuthorID', expected: 'author_id' } },
      ],
    },
    {
      name: 'PascalCase table name',
      filename: 'services/billing/migrations/V5__audit.sql',
      code: 'CREATE TABLE BillingAudit (id INT PRIMARY KEY);',
      errors: [
        { messageId: 'table', line: 1, column: 14, endLine: 1, endColumn: 26, data: { name: 'BillingAudit', expected: 'billing_audit' } },
      ],
    },
    {
      name: 'quoted mixed-case identifiers in PostgreSQL',
      filename: 'services/clinical/migrations/V1__visits.sql',
      code: 'CREATE TABLE clinical_data."PatientVisits" (\n  id UUID PRIMARY KEY,\n  "visitDate" DATE NOT NULL\n);',
      errors: [
        { messageId: 'table', line: 1, column: 14, endLine: 1, endColumn: 43, data: { name: 'PatientVisits', expected: 'patient_visits' } },
        {
          messageId: 'column',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 14,
          data: { name: 'visitDate', table: 'PatientVisits', expected: 'visit_date' },
        },
      ],
    },
    {
      name: 'DDL embedded in TypeScript',
      filename: 'services/billing/src/migrate.ts',
      code: [
        "import { pool } from './db.js';",
        '',
        'export async function migrate(): Promise<void> {',
        '  await pool.query(`CREATE TABLE billing_refunds (',
        '    id CHAR(36) PRIMARY KEY,',
        '    refundAmount DECIMAL(10, 2)',
        '  )`);',
        '}',
      ].join('\n'),
      errors: [{ messageId: 'column', line: 6, column: 5, endLine: 6, endColumn: 17, data: { expected: 'refund_amount' } }],
    },
    {
      name: 'columns added by ALTER TABLE',
      filename: 'services/billing/migrations/V6__due_date.sql',
      code: 'ALTER TABLE billing_invoices\n  ADD COLUMN dueDate DATE,\n  ADD COLUMN paid_at TIMESTAMP NULL;',
      errors: [
        {
          messageId: 'column',
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 21,
          data: { name: 'dueDate', table: 'billing_invoices', expected: 'due_date' },
        },
      ],
    },
    {
      name: 'files outside services are checked too',
      filename: 'database/schema/legacy.sql',
      code: 'CREATE TABLE legacy_items (id INT, itemName VARCHAR(20));',
      errors: [{ messageId: 'column', line: 1, column: 36, endLine: 1, endColumn: 44, data: { expected: 'item_name' } }],
    },
    {
      name: 'an exempt table still has its columns checked',
      filename: 'services/payment/migrations/V2__legacy.sql',
      code: 'CREATE TABLE LegacyOrders (\n  id INT PRIMARY KEY,\n  order_no INT,\n  HTTPStatus INT\n);',
      options: { exempt: ['legacy*'] },
      errors: [{ messageId: 'column', line: 4, column: 3, endLine: 4, endColumn: 13, data: { expected: 'http_status' } }],
    },
    {
      name: 'renamed columns and tables (MySQL)',
      filename: 'services/billing/migrations/V7__rename.sql',
      code: [
        'ALTER TABLE billing_invoice_notes RENAME COLUMN patient_ref TO patientId;',
        'ALTER TABLE billing_notes RENAME TO InvoiceNotes;',
        'RENAME TABLE billing_drafts TO DraftInvoices, billing_old TO billing_archive;',
      ].join('\n'),
      errors: [
        {
          messageId: 'column',
          line: 1,
          column: 64,
          endLine: 1,
          endColumn: 73,
          data: { name: 'patientId', table: 'billing_invoice_notes', expected: 'patient_id' },
        },
        { messageId: 'table', line: 2, column: 37, endLine: 2, endColumn: 49, data: { name: 'InvoiceNotes', expected: 'invoice_notes' } },
        { messageId: 'table', line: 3, column: 32, endLine: 3, endColumn: 45, data: { name: 'DraftInvoices', expected: 'draft_invoices' } },
      ],
    },
    {
      name: 'renamed table and column (PostgreSQL)',
      filename: 'services/clinical/migrations/V2__rename.sql',
      code: 'ALTER TABLE clinical_data.visits RENAME TO "PatientVisits";\nALTER TABLE clinical_data.encounters RENAME "enc_date" TO "encounterDate";',
      errors: [
        { messageId: 'table', line: 1, column: 44, endLine: 1, endColumn: 59, data: { name: 'PatientVisits', expected: 'patient_visits' } },
        {
          messageId: 'column',
          line: 2,
          column: 59,
          endLine: 2,
          endColumn: 74,
          data: { name: 'encounterDate', table: 'encounters', expected: 'encounter_date' },
        },
      ],
    },
  ],
});
