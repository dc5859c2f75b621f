import rule from '../../rules/timestamp-columns.js';
import { defaultTestConfig, ruleTester } from '../rule-tester.js';

const EF_HISTORY = [
  // `dotnet ef migrations script --idempotent` for Pomelo (MySQL): EF Core's bookkeeping table, then the migration.
  'CREATE TABLE IF NOT EXISTS `__EFMigrationsHistory` (',
  '    `MigrationId` varchar(150) NOT NULL,',
  '    `ProductVersion` varchar(32) NOT NULL,',
  '    PRIMARY KEY (`MigrationId`)',
  ');',
  "INSERT INTO `__EFMigrationsHistory` (`MigrationId`, `ProductVersion`) VALUES ('20240201093000_InitialCreate', '8.0.4');",
].join('\n');

const STAMPS = 'created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP';

ruleTester.run(rule, {
  valid: [
    {
      name: "EF Core's __EFMigrationsHistory is the migration tool's bookkeeping table, never judged (HELDOUT8 #6)",
      filename: 'services/billing/deploy/sql/billing-migrations.sql',
      code: EF_HISTORY,
    },
    {
      name: "a migration runner's bookkeeping table is the tool's schema: Flyway's history table, a hand-rolled schema_migrations",
      filename: 'services/billing/scripts/migrate.js',
      code: [
        "await db.none('CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR(255) PRIMARY KEY)');",
        "await db.none('CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY, version VARCHAR(50))');",
      ].join('\n'),
    },
    {
      name: 'case camelCase: createdAt, updatedAt and deletedAt are the convention',
      filename: 'services/billing/migrations/V9__camel.sql',
      code: 'CREATE TABLE billing_notes (id CHAR(36) PRIMARY KEY, createdAt TIMESTAMP, updatedAt TIMESTAMP, deletedAt TIMESTAMP NULL);',
      options: { case: 'camelCase' },
    },
    {
      name: 'required names the repository uses (created_on / updated_on)',
      filename: 'services/billing/migrations/V9__on.sql',
      code: 'CREATE TABLE billing_notes (id CHAR(36) PRIMARY KEY, created_on TIMESTAMP, updated_on TIMESTAMP);',
      options: { required: ['created_on', 'updated_on'] },
    },
    {
      filename: 'services/billing/migrations/V1__accounts.sql',
      code: `CREATE TABLE billing_accounts (id CHAR(36) PRIMARY KEY, ${STAMPS}, deleted_at TIMESTAMP NULL);`,
    },
    {
      name: 'PostgreSQL timestamptz',
      filename: 'services/clinical/migrations/V1__encounters.sql',
      code: 'CREATE TABLE encounters (\n  id UUID PRIMARY KEY,\n  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),\n  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()\n);',
    },
    {
      name: 'exempt table',
      filename: 'services/auth/migrations/V2__user_roles.sql',
      code: 'CREATE TABLE auth_user_roles (user_id CHAR(36), role_id CHAR(36), PRIMARY KEY (user_id, role_id));',
      options: { exempt: ['auth_user_roles'] },
    },
    {
      name: 'ALTER TABLE adds columns to a table that has its timestamps',
      filename: 'services/billing/migrations/V2__note.sql',
      code: 'ALTER TABLE billing_accounts ADD COLUMN note TEXT;',
    },
    {
      name: 'CREATE TABLE … LIKE has no column list to check',
      filename: 'services/billing/migrations/V3__archive.sql',
      code: 'CREATE TABLE billing_accounts_archive LIKE billing_accounts;',
    },
    {
      name: 'custom required list',
      filename: 'services/payment/migrations/V1__events.sql',
      code: 'CREATE TABLE payment_events (id CHAR(36) PRIMARY KEY, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);',
      options: { required: ['created_at'] },
    },
    {
      name: 'a column named by a template hole may be the missing timestamp',
      filename: 'services/billing/src/dynamic.ts',
      code: 'export const make = (db: any, created: string) =>\n  db.query(`CREATE TABLE billing_dynamic (id CHAR(36) PRIMARY KEY, ${created} TIMESTAMP, updated_at TIMESTAMP)`);',
    },
    {
      name: 'a deleted flag that is not boolean is not a soft-delete flag',
      filename: 'services/billing/migrations/V4__counts.sql',
      code: `CREATE TABLE billing_counts (id CHAR(36) PRIMARY KEY, deleted INT NOT NULL DEFAULT 0, ${STAMPS});`,
    },
    {
      name: 'temporary tables need no timestamps',
      filename: 'services/billing/migrations/V7__totals.sql',
      code: 'CREATE TEMPORARY TABLE tmp_totals (id CHAR(36) PRIMARY KEY, total DECIMAL(10,2));',
    },
    {
      name: "timestamps the same migration adds with ALTER TABLE … ADD COLUMN IF NOT EXISTS are the table's (HELDOUT9 #23)",
      filename: 'services/billing/migrations/V12__price_lists.sql',
      code:
        'create table if not exists "billing_price_list" ("id" text not null, "status" text, constraint "billing_price_list_pkey" primary key ("id"));\n' +
        'alter table "billing_price_list" add column if not exists "title" text, add column if not exists "created_at" timestamptz not null default now(), add column if not exists "updated_at" timestamptz not null default now();',
      config: { ...defaultTestConfig, dialect: 'postgresql' },
    },
    {
      name: "timestamps a later migration of the folder adds are the table's (HELDOUT9 #23)",
      filename: 'services/billing/migrations/V13__ledger.sql',
      code: 'CREATE TABLE billing_ledger (id CHAR(36) PRIMARY KEY);',
      files: {
        'services/billing/migrations/V14__ledger_timestamps.sql':
          'ALTER TABLE billing_ledger ADD COLUMN created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, ADD COLUMN updated_at TIMESTAMP NULL;',
      },
    },
  ],
  invalid: [
    {
      name: 'an ALTER adding one timestamp leaves the other missing; one of another table, or of a down migration, adds none (HELDOUT9 #23)',
      filename: 'services/billing/migrations/V15__fees.sql',
      code:
        'CREATE TABLE billing_fees (id CHAR(36) PRIMARY KEY);\n' +
        'ALTER TABLE billing_fees ADD COLUMN created_at TIMESTAMP;\n' +
        'ALTER TABLE billing_other ADD COLUMN updated_at TIMESTAMP;',
      files: {
        'services/billing/migrations/V16__fees.down.sql': 'ALTER TABLE billing_fees ADD COLUMN updated_at TIMESTAMP;',
      },
      errors: [
        { messageId: 'missing', line: 1, column: 14, endLine: 1, endColumn: 26, data: { table: 'billing_fees', column: 'updated_at' } },
      ],
    },
    {
      name: 'an earlier migration adds nothing to a table created after it (HELDOUT9 #23)',
      filename: 'services/billing/migrations/V18__refunds.sql',
      code: 'CREATE TABLE billing_refunds (id CHAR(36) PRIMARY KEY, created_at TIMESTAMP);',
      files: { 'services/billing/migrations/V17__refunds.sql': 'ALTER TABLE billing_refunds ADD COLUMN updated_at TIMESTAMP;' },
      errors: [
        { messageId: 'missing', line: 1, column: 14, endLine: 1, endColumn: 29, data: { table: 'billing_refunds', column: 'updated_at' } },
      ],
    },
    {
      name: 'case camelCase: a snake_case created_at departs from the convention',
      filename: 'services/billing/migrations/V9__camel.sql',
      code: 'CREATE TABLE billing_notes (\n  id CHAR(36) PRIMARY KEY,\n  created_at TIMESTAMP,\n  updatedAt TIMESTAMP\n);',
      options: { case: 'camelCase' },
      errors: [
        {
          messageId: 'misspelled',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 13,
          data: { column: 'created_at', table: 'billing_notes', expected: 'createdAt' },
        },
      ],
    },
    {
      name: 'case camelCase: a missing updatedAt is named in the case',
      filename: 'services/billing/migrations/V10__camel.sql',
      code: 'CREATE TABLE billing_notes (\n  id CHAR(36) PRIMARY KEY,\n  createdAt TIMESTAMP\n);',
      options: { case: 'camelCase' },
      errors: [
        { messageId: 'missing', line: 1, column: 14, endLine: 1, endColumn: 27, data: { table: 'billing_notes', column: 'updatedAt' } },
      ],
    },
    {
      name: 'case camelCase: a soft-delete flag is asked to become deletedAt',
      filename: 'services/billing/migrations/V11__camel.sql',
      code: 'CREATE TABLE billing_notes (id CHAR(36) PRIMARY KEY, createdAt TIMESTAMP, updatedAt TIMESTAMP, isDeleted BOOLEAN);',
      options: { case: 'camelCase' },
      errors: [
        {
          messageId: 'softDeleteFlag',
          line: 1,
          column: 96,
          endLine: 1,
          endColumn: 105,
          data: { column: 'isDeleted', expected: 'deletedAt' },
        },
      ],
    },
    {
      name: 'missing updated_at',
      filename: 'services/billing/migrations/V2__accounts.sql',
      code: 'CREATE TABLE billing_accounts (\n  id CHAR(36) PRIMARY KEY,\n  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP\n);',
      errors: [
        { messageId: 'missing', line: 1, column: 14, endLine: 1, endColumn: 30, data: { table: 'billing_accounts', column: 'updated_at' } },
      ],
    },
    {
      name: 'both missing, one finding each',
      filename: 'services/payment/migrations/V2__providers.sql',
      code: '\n\nCREATE TABLE payment_providers (id CHAR(36) PRIMARY KEY, name VARCHAR(40));',
      errors: [
        { messageId: 'missing', line: 3, column: 14, endLine: 3, endColumn: 31, data: { column: 'created_at' } },
        { messageId: 'missing', line: 3, column: 14, endLine: 3, endColumn: 31, data: { column: 'updated_at' } },
      ],
    },
    {
      name: 'camelCase timestamps are misspelled, not missing',
      filename: 'services/billing/migrations/V3__notes.sql',
      code: 'CREATE TABLE billing_notes (\n  id CHAR(36) PRIMARY KEY,\n  createdAt TIMESTAMP,\n  updatedAt TIMESTAMP\n);',
      errors: [
        { messageId: 'misspelled', line: 3, column: 3, endLine: 3, endColumn: 12, data: { column: 'createdAt', expected: 'created_at' } },
        { messageId: 'misspelled', line: 4, column: 3, endLine: 4, endColumn: 12, data: { column: 'updatedAt', expected: 'updated_at' } },
      ],
    },
    {
      name: 'is_deleted flag (MySQL TINYINT(1))',
      filename: 'services/auth/migrations/V3__users.sql',
      code: `CREATE TABLE auth_users (\n  id CHAR(36) PRIMARY KEY,\n  ${STAMPS},\n  is_deleted TINYINT(1) NOT NULL DEFAULT 0\n);`,
      errors: [
        { messageId: 'softDeleteFlag', line: 4, column: 3, endLine: 4, endColumn: 13, data: { column: 'is_deleted', table: 'auth_users' } },
      ],
    },
    {
      name: 'deleted BOOLEAN in PostgreSQL',
      filename: 'services/clinical/migrations/V2__allergies.sql',
      code: 'CREATE TABLE clinical_allergies (\n  id UUID PRIMARY KEY,\n  created_at TIMESTAMPTZ,\n  updated_at TIMESTAMPTZ,\n  deleted BOOLEAN NOT NULL DEFAULT false\n);',
      errors: [{ messageId: 'softDeleteFlag', line: 5, column: 3, endLine: 5, endColumn: 10, data: { column: 'deleted' } }],
    },
    {
      name: 'ALTER TABLE adding a flag and a camelCase deletedAt',
      filename: 'services/billing/migrations/V5__soft_delete.sql',
      code: 'ALTER TABLE billing_accounts\n  ADD COLUMN isDeleted BOOLEAN,\n  ADD COLUMN deletedAt TIMESTAMP NULL;',
      errors: [
        { messageId: 'softDeleteFlag', line: 2, column: 14, endLine: 2, endColumn: 23, data: { column: 'isDeleted' } },
        { messageId: 'misspelled', line: 3, column: 14, endLine: 3, endColumn: 23, data: { expected: 'deleted_at' } },
      ],
    },
    {
      name: 'DDL embedded in TypeScript',
      filename: 'services/payment/src/migrate.ts',
      code: "import { db } from './db.js';\nawait db.query(`CREATE TABLE IF NOT EXISTS payment_refunds (id CHAR(36) PRIMARY KEY, created_at TIMESTAMP)`);",
      errors: [{ messageId: 'missing', line: 2, column: 44, endLine: 2, endColumn: 59, data: { column: 'updated_at' } }],
    },
    {
      name: 'exempt covers only the listed tables',
      filename: 'services/auth/migrations/V2__user_roles.sql',
      code: 'CREATE TABLE auth_user_roles (user_id CHAR(36), role_id CHAR(36), PRIMARY KEY (user_id, role_id));\nCREATE TABLE auth_roles (id CHAR(36) PRIMARY KEY, created_at TIMESTAMP);',
      options: { exempt: ['auth_user_*'] },
      errors: [
        { messageId: 'missing', line: 2, column: 14, endLine: 2, endColumn: 24, data: { table: 'auth_roles', column: 'updated_at' } },
      ],
    },
  ],
});
