import { describe, expect, it } from 'vitest';
import rule from '../../rules/audit-columns.js';
import { ruleTester } from '../rule-tester.js';

describe('audit-columns defaults', () => {
  it('is off unless configured', () => {
    expect(rule.meta.defaultSeverity).toBe('off');
  });
});

const WITH_AUDIT = 'CREATE TABLE billing_accounts (id CHAR(36) PRIMARY KEY, created_by CHAR(36), updated_by CHAR(36));';
const WITHOUT_AUDIT = 'CREATE TABLE billing_accounts (id CHAR(36) PRIMARY KEY, name VARCHAR(80));';

ruleTester.run(rule, {
  valid: [
    {
      name: 'case camelCase: createdBy and updatedBy',
      filename: 'services/billing/migrations/V9__camel.sql',
      code: 'CREATE TABLE billing_notes (id CHAR(36) PRIMARY KEY, createdBy CHAR(36), updatedBy CHAR(36));',
      options: { case: 'camelCase' },
    },
    { filename: 'services/billing/migrations/V1__accounts.sql', code: WITH_AUDIT },
    {
      name: 'tables option limits the rule',
      filename: 'services/billing/migrations/V1__accounts.sql',
      code: WITHOUT_AUDIT,
      options: { tables: ['clinical_*', 'patients'] },
    },
    {
      name: 'services option limits the rule',
      filename: 'services/billing/migrations/V1__accounts.sql',
      code: WITHOUT_AUDIT,
      options: { services: ['clinical'] },
    },
    {
      name: 'ALTER TABLE is not a new table',
      filename: 'services/billing/migrations/V2__note.sql',
      code: 'ALTER TABLE billing_accounts ADD COLUMN note TEXT;',
    },
    {
      name: 'custom column list',
      filename: 'services/payment/migrations/V1__payments.sql',
      code: 'CREATE TABLE payments (id CHAR(36) PRIMARY KEY, recorded_by CHAR(36));',
      options: { columns: ['recorded_by'] },
    },
  ],
  invalid: [
    {
      name: 'case camelCase: updatedBy missing and created_by misspelled',
      filename: 'services/billing/migrations/V9__camel.sql',
      code: 'CREATE TABLE billing_notes (id CHAR(36) PRIMARY KEY, created_by CHAR(36));',
      options: { case: 'camelCase' },
      errors: [
        { messageId: 'missing', line: 1, column: 14, endLine: 1, endColumn: 27, data: { table: 'billing_notes', column: 'updatedBy' } },
        {
          messageId: 'misspelled',
          line: 1,
          column: 54,
          endLine: 1,
          endColumn: 64,
          data: { column: 'created_by', expected: 'createdBy' },
        },
      ],
    },
    {
      name: 'missing updated_by (PostgreSQL)',
      filename: 'services/clinical/migrations/V4__notes.sql',
      code: 'CREATE TABLE clinical_notes (\n  id UUID PRIMARY KEY,\n  body TEXT NOT NULL,\n  created_by UUID NOT NULL\n);',
      errors: [
        { messageId: 'missing', line: 1, column: 14, endLine: 1, endColumn: 28, data: { table: 'clinical_notes', column: 'updated_by' } },
      ],
    },
    {
      name: 'both missing in a listed service',
      filename: 'services/billing/migrations/V1__accounts.sql',
      code: `-- accounts\n${WITHOUT_AUDIT}`,
      options: { services: ['billing'] },
      errors: [
        { messageId: 'missing', line: 2, column: 14, endLine: 2, endColumn: 30, data: { column: 'created_by' } },
        { messageId: 'missing', line: 2, column: 14, endLine: 2, endColumn: 30, data: { column: 'updated_by' } },
      ],
    },
    {
      name: 'a table matching the tables glob, outside every service',
      filename: 'database/mysql/schema/clinical_data.sql',
      code: 'CREATE TABLE clinical_orders (id CHAR(36) PRIMARY KEY, created_by CHAR(36));',
      options: { tables: ['clinical_*'] },
      errors: [
        { messageId: 'missing', line: 1, column: 14, endLine: 1, endColumn: 29, data: { table: 'clinical_orders', column: 'updated_by' } },
      ],
    },
    {
      name: 'camelCase audit columns',
      filename: 'services/auth/migrations/V4__roles.sql',
      code: 'CREATE TABLE auth_roles (\n  id CHAR(36) PRIMARY KEY,\n  createdBy CHAR(36),\n  updated_by CHAR(36)\n);',
      errors: [
        { messageId: 'misspelled', line: 3, column: 3, endLine: 3, endColumn: 12, data: { column: 'createdBy', expected: 'created_by' } },
      ],
    },
    {
      name: 'DDL embedded in TypeScript',
      filename: 'services/auth/src/schema.ts',
      code: "export const createRoles = (db: any) =>\n  db.query('CREATE TABLE auth_permissions (id CHAR(36) PRIMARY KEY, updated_by CHAR(36))');",
      errors: [{ messageId: 'missing', line: 2, column: 26, endLine: 2, endColumn: 42, data: { column: 'created_by' } }],
    },
  ],
});
