import rule from '../../rules/boolean-column-name.js';
import { ruleTester } from '../rule-tester.js';

ruleTester.run(rule, {
  valid: [
    {
      name: 'prefixes are words: `is` accepts isArchived',
      filename: 'services/billing/migrations/V9__camel.sql',
      code: 'ALTER TABLE billing_invoices ADD COLUMN isArchived BOOLEAN NOT NULL DEFAULT FALSE;',
      options: { prefixes: ['is'], case: 'camelCase' },
    },
    {
      filename: 'services/auth/migrations/V1__users.sql',
      code: 'CREATE TABLE auth_users (\n  id CHAR(36) PRIMARY KEY,\n  is_active BOOLEAN,\n  has_mfa TINYINT(1),\n  can_login BIT(1),\n  is_enabled BOOL\n);',
    },
    {
      name: 'integer and text columns are not booleans',
      filename: 'services/auth/migrations/V2__attempts.sql',
      code: 'CREATE TABLE auth_attempts (id CHAR(36) PRIMARY KEY, retries TINYINT(3), active TINYINT, verified VARCHAR(10), enabled BIT(8));',
    },
    {
      name: "camelCase spelling is identifier-case's finding",
      filename: 'services/auth/migrations/V3__flags.sql',
      code: 'ALTER TABLE auth_users ADD COLUMN isLocked BOOLEAN;',
    },
    {
      name: "soft-delete flags are timestamp-columns' finding",
      filename: 'services/auth/migrations/V4__deleted.sql',
      code: 'ALTER TABLE auth_users ADD COLUMN deleted BOOLEAN;',
    },
    {
      name: 'custom prefixes',
      filename: 'services/payment/migrations/V2__notify.sql',
      code: 'CREATE TABLE payment_settings (id CHAR(36) PRIMARY KEY, should_notify BOOLEAN);',
      options: { prefixes: ['is_', 'should_'] },
    },
  ],
  invalid: [
    {
      name: 'case camelCase: the suggestion is camelCase',
      filename: 'services/billing/migrations/V9__camel.sql',
      code: 'ALTER TABLE billing_invoices ADD COLUMN archived BOOLEAN NOT NULL DEFAULT FALSE;',
      options: { case: 'camelCase' },
      errors: [
        {
          messageId: 'badName',
          line: 1,
          column: 41,
          endLine: 1,
          endColumn: 49,
          data: { column: 'archived', table: 'billing_invoices', expected: 'isArchived' },
        },
      ],
    },
    {
      name: 'prefixes are words: `is` does not accept island_view',
      filename: 'services/billing/migrations/V10__island.sql',
      code: 'CREATE TABLE billing_flags (id CHAR(36) PRIMARY KEY, island_view BOOLEAN NOT NULL);',
      options: { prefixes: ['is'] },
      errors: [
        {
          messageId: 'badName',
          line: 1,
          column: 54,
          endLine: 1,
          endColumn: 65,
          data: { column: 'island_view', expected: 'is_island_view' },
        },
      ],
    },
    {
      name: 'mfa_enabled TINYINT(1)',
      filename: 'services/auth/migrations/V3__mfa.sql',
      code: 'ALTER TABLE auth_users ADD COLUMN mfa_enabled TINYINT(1) NOT NULL DEFAULT 0;',
      errors: [
        {
          messageId: 'badName',
          line: 1,
          column: 35,
          endLine: 1,
          endColumn: 46,
          data: { column: 'mfa_enabled', table: 'auth_users', expected: 'is_mfa_enabled' },
        },
      ],
    },
    {
      name: 'bare adjectives, MySQL',
      filename: 'services/auth/migrations/V1__users.sql',
      code: 'CREATE TABLE auth_users (\n  id CHAR(36) PRIMARY KEY,\n  active BOOLEAN NOT NULL DEFAULT TRUE,\n  email VARCHAR(255),\n    verified BIT(1)\n);',
      errors: [
        { messageId: 'badName', line: 3, column: 3, endLine: 3, endColumn: 9, data: { expected: 'is_active' } },
        { messageId: 'badName', line: 5, column: 5, endLine: 5, endColumn: 13, data: { expected: 'is_verified' } },
      ],
    },
    {
      name: 'BOOL in PostgreSQL',
      filename: 'services/clinical/migrations/V2__allergies.sql',
      code: 'CREATE TABLE clinical_allergies (id UUID PRIMARY KEY, confirmed BOOL NOT NULL DEFAULT false);',
      errors: [
        { messageId: 'badName', line: 1, column: 55, endLine: 1, endColumn: 64, data: { column: 'confirmed', expected: 'is_confirmed' } },
      ],
    },
    {
      name: 'a _flag suffix is dropped from the suggestion',
      filename: 'services/billing/migrations/V2__accounts.sql',
      code: 'CREATE TABLE billing_accounts (id CHAR(36) PRIMARY KEY, overdue_flag BOOLEAN);',
      errors: [{ messageId: 'badName', line: 1, column: 57, endLine: 1, endColumn: 69, data: { expected: 'is_overdue' } }],
    },
    {
      name: 'DDL embedded in TypeScript',
      filename: 'services/billing/src/migrate.ts',
      code: 'export async function up(knex: any) {\n  await knex.raw(`\n    ALTER TABLE billing_accounts\n      ADD COLUMN   autopay TINYINT(1) DEFAULT 0\n  `);\n}',
      errors: [{ messageId: 'badName', line: 4, column: 20, endLine: 4, endColumn: 27, data: { expected: 'is_autopay' } }],
    },
    {
      name: 'custom prefixes replace the defaults',
      filename: 'services/payment/migrations/V2__notify.sql',
      code: 'CREATE TABLE payment_settings (id CHAR(36) PRIMARY KEY, is_live BOOLEAN);',
      options: { prefixes: ['should_'] },
      errors: [{ messageId: 'badName', line: 1, column: 57, endLine: 1, endColumn: 64, data: { expected: 'should_is_live' } }],
    },
  ],
});
