import rule from '../../rules/table-prefix.js';
import { defaultTestConfig, ruleTester } from '../rule-tester.js';

/** Billing may also use `invoice_`. */
const twoPrefixes = {
  ...defaultTestConfig,
  services: defaultTestConfig.services!.map((s) => (s.name === 'billing' ? { ...s, prefixes: ['billing_', 'invoice_'] } : s)),
};

/** Billing uses no prefix (`"prefixes": []`, what init writes when a service's tables share none). */
const noPrefix = {
  ...defaultTestConfig,
  services: defaultTestConfig.services!.map((s) => (s.name === 'billing' ? { ...s, prefixes: [] } : s)),
};

ruleTester.run(rule, {
  valid: [
    {
      name: 'a service without prefixes: CREATE TABLE',
      filename: 'services/billing/migrations/V1__invoices.sql',
      code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);',
      config: noPrefix,
    },
    {
      name: 'a service without prefixes: rename',
      filename: 'services/billing/migrations/V7__rename_invoices.sql',
      code: 'ALTER TABLE invoices RENAME TO bills;',
      config: noPrefix,
    },
    {
      name: 'a service without prefixes: ORM entity',
      filename: 'services/billing/src/entities/bill.entity.ts',
      code: "import { Entity, PrimaryColumn } from 'typeorm';\n@Entity('bills')\nexport class Bill {\n  @PrimaryColumn() id!: string;\n}\n",
      config: noPrefix,
    },
    { filename: 'services/billing/migrations/V1__invoices.sql', code: 'CREATE TABLE billing_invoices (id CHAR(36) PRIMARY KEY);' },
    {
      name: "the prefix's stem table belongs to its family: billing's `billing` beside billing_* (HELDOUT9 #21)",
      filename: 'services/billing/migrations/V1__billing.sql',
      code: 'CREATE TABLE billing (id CHAR(36) PRIMARY KEY);\nCREATE TABLE billing_lines (id CHAR(36) PRIMARY KEY);',
    },
    {
      name: 'IF NOT EXISTS',
      filename: 'services/auth/migrations/V2__sessions.sql',
      code: 'CREATE TABLE IF NOT EXISTS auth_sessions (\n  id CHAR(36) PRIMARY KEY\n);',
    },
    {
      name: 'prefix is compared case-insensitively',
      filename: 'services/billing/migrations/V2__ledger.sql',
      code: 'CREATE TABLE BILLING_LEDGER (id CHAR(36) PRIMARY KEY);',
    },
    {
      name: 'ALTER TABLE does not name a new table',
      filename: 'services/billing/migrations/V3__paid.sql',
      code: 'ALTER TABLE invoices ADD COLUMN paid_at TIMESTAMP NULL;',
    },
    {
      name: 'files outside every service are skipped',
      filename: 'database/mysql/schema/business_operations.sql',
      code: 'CREATE TABLE appointments (id CHAR(36) PRIMARY KEY);',
    },
    {
      name: 'exempt glob',
      filename: 'services/payment/migrations/V0__flyway.sql',
      code: 'CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY);',
      options: { exempt: ['flyway_*'] },
    },
    {
      name: 'any of several prefixes',
      filename: 'services/billing/migrations/V4__lines.sql',
      code: 'CREATE TABLE invoice_lines (id CHAR(36) PRIMARY KEY);',
      config: twoPrefixes,
    },
    {
      name: 'queries name tables without creating them',
      filename: 'services/billing/src/invoice.repo.ts',
      code: "export const q = (db: any) => db.query('SELECT * FROM invoices WHERE id = ?', [1]);",
    },
    {
      name: 'a temporary table is session scratch space, not a declaration',
      filename: 'services/billing/migrations/V7__totals.sql',
      code: 'CREATE TEMPORARY TABLE tmp_totals (invoice_id CHAR(36), total DECIMAL(10,2));',
    },
    {
      name: 'a rename to a prefixed name',
      filename: 'services/billing/migrations/V8__rename.sql',
      code: 'ALTER TABLE invoices RENAME TO billing_invoices;\nRENAME TABLE drafts TO BILLING_drafts, notes TO billing_notes;',
    },
    {
      name: 'PostgreSQL ALTER TABLE IF EXISTS … RENAME TO a prefixed name',
      filename: 'services/clinical/migrations/V3__rename.sql',
      code: 'ALTER TABLE IF EXISTS clinical_data.visits RENAME TO clinical_visits;',
    },
    {
      name: 'renamed columns, indexes and constraints name no table',
      filename: 'services/billing/migrations/V9__columns.sql',
      code: 'ALTER TABLE invoices RENAME COLUMN total TO amount;\nALTER TABLE invoices RENAME INDEX idx_a TO idx_b;',
    },
    {
      name: 'exempt covers the new name, qualified by the schema the table stays in',
      filename: 'services/clinical/migrations/V4__rename.sql',
      code: 'ALTER TABLE clinical_data.clinical_history RENAME TO flyway_history_old;',
      options: { exempt: ['clinical_data.flyway_*'] },
    },
    {
      name: 'a rename outside every service',
      filename: 'database/mysql/schema/business_operations.sql',
      code: 'ALTER TABLE billing_appointments RENAME TO appointments;',
    },
    {
      name: "renaming another service's table is no-cross-service-query's finding, not a naming one",
      filename: 'services/payment/migrations/V5__steal.sql',
      code: 'ALTER TABLE invoices RENAME TO invoices_copy;',
    },
    {
      name: 'ORM schema APIs and entities with the prefix',
      filename: 'services/billing/migrations/20240101_ledger.js',
      code: "exports.up = (knex) => knex.schema.createTable('billing_ledger', () => {});\nexports.later = (knex) => knex.schema.renameTable('billing_ledger', 'billing_ledgers');",
      files: { 'services/billing/src/ledger.entity.ts': "@Entity('billing_ledgers')\nexport class Ledger {}\n" },
    },
    {
      name: 'a view entity is no table',
      filename: 'services/billing/src/totals.view.ts',
      code: "@ViewEntity({ name: 'totals', expression: 'SELECT 1' })\nexport class Totals {}",
    },
    {
      name: "an ORM rename of another service's table is no-cross-service-query's finding",
      filename: 'services/payment/migrations/20240101_steal.js',
      code: "exports.up = (knex) => knex.schema.renameTable('invoices', 'invoices_copy');",
    },
  ],
  invalid: [
    {
      name: 'a near miss of the stem is no stem: billings (HELDOUT9 #21)',
      filename: 'services/billing/migrations/V1__billings.sql',
      code: 'CREATE TABLE billing (id CHAR(36) PRIMARY KEY);\nCREATE TABLE billings (id CHAR(36) PRIMARY KEY);',
      errors: [
        {
          messageId: 'missingPrefix',
          data: { table: 'billings', service: 'billing', prefix: 'billing_' },
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 22,
        },
      ],
    },
    {
      name: 'knex createTable and renameTable in a migration',
      filename: 'services/billing/migrations/20240101_ledger.js',
      code: "exports.up = async (knex) => {\n  await knex.schema.createTable('ledger', () => {});\n  await knex.schema.renameTable('billing_notes', 'notes');\n};",
      errors: [
        {
          messageId: 'missingPrefix',
          line: 2,
          column: 34,
          endLine: 2,
          endColumn: 40,
          data: { table: 'ledger', service: 'billing', prefix: 'billing_' },
        },
        {
          messageId: 'renamedWithoutPrefix',
          line: 3,
          column: 51,
          endLine: 3,
          endColumn: 56,
          data: { table: 'notes', from: 'billing_notes', service: 'billing', prefix: 'billing_' },
        },
      ],
    },
    {
      name: 'an entity mapping a table its service creates in a migration repeats that name: the CREATE is the finding',
      filename: 'services/billing/src/invoice.entity.ts',
      code: "@Entity('invoices')\nexport class Invoice {}",
      files: { 'services/billing/migrations/V1__invoices.sql': 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);\n' },
      errors: [
        {
          messageId: 'missingPrefix',
          file: 'services/billing/migrations/V1__invoices.sql',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 22,
          data: { table: 'invoices', service: 'billing' },
        },
      ],
    },
    {
      name: 'TypeORM queryRunner.createTable(new Table({ name }))',
      filename: 'services/payment/src/migrations/1700000000000-Init.ts',
      code: "export class Init {\n  async up(queryRunner) { await queryRunner.createTable(new Table({ name: 'refunds' })); }\n}",
      errors: [
        { messageId: 'missingPrefix', line: 2, column: 76, endLine: 2, endColumn: 83, data: { table: 'refunds', service: 'payment' } },
      ],
    },
    {
      name: 'an entity, a default-named entity and a Prisma model that are their tables only declaration',
      filename: 'services/payment/src/refund.entity.ts',
      code: "@Entity('refunds')\nexport class Refund {}\n@Entity()\nexport class RefundNote {}",
      files: { 'services/billing/prisma/schema.prisma': 'model Invoice {\n  id Int @id\n  @@map("invoices")\n}\n' },
      errors: [
        {
          messageId: 'missingPrefix',
          file: 'services/billing/prisma/schema.prisma',
          line: 1,
          column: 7,
          endLine: 1,
          endColumn: 14,
          data: { table: 'invoices', service: 'billing' },
        },
        { messageId: 'missingPrefix', line: 1, column: 10, endLine: 1, endColumn: 17, data: { table: 'refunds', service: 'payment' } },
        { messageId: 'missingPrefix', line: 4, column: 14, endLine: 4, endColumn: 24, data: { table: 'refund_note', service: 'payment' } },
      ],
    },
    {
      filename: 'services/billing/migrations/V1__invoices.sql',
      code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);',
      errors: [
        {
          messageId: 'missingPrefix',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 22,
          data: { table: 'invoices', service: 'billing', prefix: 'billing_' },
        },
      ],
    },
    {
      name: 'second statement of a file, another service',
      filename: 'services/payment/migrations/V1__payments.sql',
      code: 'CREATE TABLE payment_methods (id CHAR(36) PRIMARY KEY);\n\nCREATE TABLE IF NOT EXISTS   transactions (\n  id CHAR(36) PRIMARY KEY\n);',
      errors: [
        {
          messageId: 'missingPrefix',
          line: 3,
          column: 30,
          endLine: 3,
          endColumn: 42,
          data: { table: 'transactions', service: 'payment', prefix: 'payment_' },
        },
      ],
    },
    {
      name: 'PostgreSQL table qualified by its schema',
      filename: 'services/clinical/migrations/V1__patients.sql',
      code: 'CREATE TABLE clinical_data.patients (id UUID PRIMARY KEY);',
      errors: [
        {
          messageId: 'missingPrefix',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 36,
          data: { table: 'patients', service: 'clinical', prefix: 'clinical_' },
        },
      ],
    },
    {
      name: 'DDL embedded in TypeScript',
      filename: 'services/auth/src/bootstrap.ts',
      code: "export async function bootstrap(db: any) {\n  await db.execute(\n    'CREATE TABLE IF NOT EXISTS users (id CHAR(36) PRIMARY KEY)'\n  );\n}",
      errors: [
        {
          messageId: 'missingPrefix',
          line: 3,
          column: 33,
          endLine: 3,
          endColumn: 38,
          data: { table: 'users', service: 'auth', prefix: 'auth_' },
        },
      ],
    },
    {
      name: 'several prefixes are listed',
      filename: 'services/billing/migrations/V4__lines.sql',
      code: 'CREATE TABLE lines (id CHAR(36) PRIMARY KEY);',
      config: twoPrefixes,
      errors: [
        { messageId: 'missingPrefixes', line: 1, column: 14, endLine: 1, endColumn: 19, data: { prefixes: "'billing_', 'invoice_'" } },
      ],
    },
    {
      name: 'exempt does not cover other tables',
      filename: 'services/payment/migrations/V0__flyway.sql',
      code: 'CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY);\nCREATE TABLE refunds (id CHAR(36) PRIMARY KEY);',
      options: { exempt: ['flyway_*'] },
      errors: [{ messageId: 'missingPrefix', line: 2, column: 14, endLine: 2, endColumn: 21, data: { table: 'refunds' } }],
    },
    {
      name: 'a rename to a name without the prefix, at the new name',
      filename: 'services/billing/migrations/V7__rename.sql',
      code: '-- the old name was right\nALTER TABLE billing_invoices RENAME TO invoices;',
      errors: [
        {
          messageId: 'renamedWithoutPrefix',
          line: 2,
          column: 40,
          endLine: 2,
          endColumn: 48,
          data: { table: 'invoices', from: 'billing_invoices', service: 'billing', prefix: 'billing_' },
        },
      ],
    },
    {
      name: 'MySQL RENAME TABLE with several pairs, RENAME AS and a bare RENAME',
      filename: 'services/billing/migrations/V8__renames.sql',
      code: 'RENAME TABLE billing_drafts TO drafts, billing_notes TO billing_invoice_notes, billing_old TO `legacy`;\nALTER TABLE billing_a RENAME AS archive_a;\nALTER TABLE billing_b RENAME archive_b;',
      errors: [
        {
          messageId: 'renamedWithoutPrefix',
          line: 1,
          column: 32,
          endLine: 1,
          endColumn: 38,
          data: { table: 'drafts', from: 'billing_drafts' },
        },
        {
          messageId: 'renamedWithoutPrefix',
          line: 1,
          column: 95,
          endLine: 1,
          endColumn: 103,
          data: { table: 'legacy', from: 'billing_old' },
        },
        { messageId: 'renamedWithoutPrefix', line: 2, column: 33, endLine: 2, endColumn: 42, data: { table: 'archive_a' } },
        { messageId: 'renamedWithoutPrefix', line: 3, column: 30, endLine: 3, endColumn: 39, data: { table: 'archive_b' } },
      ],
    },
    {
      name: 'PostgreSQL ALTER TABLE IF EXISTS … RENAME TO',
      filename: 'services/clinical/migrations/V3__rename.sql',
      code: 'ALTER TABLE IF EXISTS ONLY clinical_data.clinical_visits\n  RENAME TO visits;',
      errors: [
        {
          messageId: 'renamedWithoutPrefix',
          line: 2,
          column: 13,
          endLine: 2,
          endColumn: 19,
          data: { table: 'visits', from: 'clinical_visits', service: 'clinical', prefix: 'clinical_' },
        },
      ],
    },
    {
      name: 'a qualified new name is reported whole',
      filename: 'services/payment/migrations/V6__archive.sql',
      code: 'RENAME TABLE nilecare.payment_refunds TO nilecare.refunds_2023;',
      errors: [
        {
          messageId: 'renamedWithoutPrefix',
          line: 1,
          column: 42,
          endLine: 1,
          endColumn: 63,
          data: { table: 'refunds_2023', service: 'payment' },
        },
      ],
    },
    {
      name: 'a rename embedded in a TypeScript migration',
      filename: 'services/auth/src/migrations/1700000000000-Rename.ts',
      code: "export class Rename1700000000000 {\n  async up(q: any) {\n    await q.query('ALTER TABLE auth_sessions RENAME TO sessions');\n  }\n}",
      errors: [
        {
          messageId: 'renamedWithoutPrefix',
          line: 3,
          column: 56,
          endLine: 3,
          endColumn: 64,
          data: { table: 'sessions', from: 'auth_sessions', service: 'auth' },
        },
      ],
    },
    {
      name: 'a rename lists several prefixes',
      filename: 'services/billing/migrations/V9__lines.sql',
      code: 'ALTER TABLE invoice_lines RENAME TO lines;',
      config: twoPrefixes,
      errors: [
        {
          messageId: 'renamedWithoutPrefixes',
          line: 1,
          column: 37,
          endLine: 1,
          endColumn: 42,
          data: { prefixes: "'billing_', 'invoice_'", from: 'invoice_lines' },
        },
      ],
    },
    {
      name: 'a CREATE and a rename in one file are both checked',
      filename: 'services/payment/migrations/V7__methods.sql',
      code: 'CREATE TABLE methods (id CHAR(36) PRIMARY KEY);\nALTER TABLE methods RENAME TO payment_methods;\nALTER TABLE payment_methods RENAME TO methods_v2;',
      errors: [
        { messageId: 'missingPrefix', line: 1, column: 14, endLine: 1, endColumn: 21, data: { table: 'methods' } },
        {
          messageId: 'renamedWithoutPrefix',
          line: 3,
          column: 39,
          endLine: 3,
          endColumn: 49,
          data: { table: 'methods_v2', from: 'payment_methods' },
        },
      ],
    },
  ],
});
