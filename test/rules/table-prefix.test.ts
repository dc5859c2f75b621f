import rule from '../../rules/table-prefix.js';
import { defaultTestConfig, ruleTester } from '../rule-tester.js';

/** Billing may also use `invoice_`. */
const twoPrefixes = {
  ...defaultTestConfig,
  services: defaultTestConfig.services!.map((s) => (s.name === 'billing' ? { ...s, prefixes: ['billing_', 'invoice_'] } : s)),
};

ruleTester.run(rule, {
  valid: [
    { filename: 'services/billing/migrations/V1__invoices.sql', code: 'CREATE TABLE billing_invoices (id CHAR(36) PRIMARY KEY);' },
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
  ],
  invalid: [
    {
      filename: 'services/billing/migrations/V1__invoices.sql',
      code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);',
      errors: [{ messageId: 'missingPrefix', line: 1, column: 14, endLine: 1, endColumn: 22, data: { table: 'invoices', service: 'billing', prefix: 'billing_' } }],
    },
    {
      name: 'second statement of a file, another service',
      filename: 'services/payment/migrations/V1__payments.sql',
      code: 'CREATE TABLE payment_methods (id CHAR(36) PRIMARY KEY);\n\nCREATE TABLE IF NOT EXISTS   transactions (\n  id CHAR(36) PRIMARY KEY\n);',
      errors: [{ messageId: 'missingPrefix', line: 3, column: 30, endColumn: 42, data: { table: 'transactions', service: 'payment', prefix: 'payment_' } }],
    },
    {
      name: 'PostgreSQL table qualified by its schema',
      filename: 'services/clinical/migrations/V1__patients.sql',
      code: 'CREATE TABLE clinical_data.patients (id UUID PRIMARY KEY);',
      errors: [{ messageId: 'missingPrefix', line: 1, column: 14, endColumn: 36, data: { table: 'patients', service: 'clinical', prefix: 'clinical_' } }],
    },
    {
      name: 'DDL embedded in TypeScript',
      filename: 'services/auth/src/bootstrap.ts',
      code: "export async function bootstrap(db: any) {\n  await db.execute(\n    'CREATE TABLE IF NOT EXISTS users (id CHAR(36) PRIMARY KEY)'\n  );\n}",
      errors: [{ messageId: 'missingPrefix', line: 3, column: 33, endColumn: 38, data: { table: 'users', service: 'auth', prefix: 'auth_' } }],
    },
    {
      name: 'several prefixes are listed',
      filename: 'services/billing/migrations/V4__lines.sql',
      code: 'CREATE TABLE lines (id CHAR(36) PRIMARY KEY);',
      config: twoPrefixes,
      errors: [{ messageId: 'missingPrefixes', line: 1, column: 14, data: { prefixes: "'billing_', 'invoice_'" } }],
    },
    {
      name: 'exempt does not cover other tables',
      filename: 'services/payment/migrations/V0__flyway.sql',
      code: 'CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY);\nCREATE TABLE refunds (id CHAR(36) PRIMARY KEY);',
      options: { exempt: ['flyway_*'] },
      errors: [{ messageId: 'missingPrefix', line: 2, column: 14, data: { table: 'refunds' } }],
    },
  ],
});
