import { describe, expect, it } from 'vitest';
import rule, { enumValueCase } from '../../rules/enum-value-case.js';
import { ruleTester } from '../rule-tester.js';

describe('enumValueCase', () => {
  it.each([
    ['PENDING', 'pending'],
    ['In Progress', 'in_progress'],
    ['partiallyPaid', 'partially_paid'],
    ['CO-PAY', 'co_pay'],
    ['ON_HOLD', 'on_hold'],
  ])('%s → %s', (value, expected) => {
    expect(enumValueCase(value)).toBe(expected);
  });
});

ruleTester.run(rule, {
  valid: [
    {
      name: 'case UPPER_SNAKE_CASE: upper-case values are the convention',
      filename: 'services/payment/migrations/V9__upper.sql',
      code: "ALTER TABLE payments ADD COLUMN status ENUM('PENDING', 'PARTIALLY_PAID', 'TIER_2') NOT NULL;",
      options: { case: 'UPPER_SNAKE_CASE' },
    },
    {
      filename: 'services/payment/migrations/V2__payment_status.sql',
      code: "ALTER TABLE payments ADD COLUMN status ENUM('pending', 'completed', 'on_hold', 'tier_2') NOT NULL DEFAULT 'pending';",
    },
    {
      name: 'allowed values from an external code list',
      filename: 'services/billing/migrations/V5__donors.sql',
      code: "CREATE TABLE billing_donors (id CHAR(36) PRIMARY KEY, blood_type ENUM('A+', 'A-', 'O+', 'O-') NOT NULL);",
      options: { allow: ['A+', 'A-', 'O+', 'O-'] },
    },
    {
      name: 'uppercase defaults and CHECK lists are not enum definitions',
      filename: 'services/billing/migrations/V3__status.sql',
      code: "CREATE TABLE billing_runs (id CHAR(36) PRIMARY KEY, state VARCHAR(20) DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'DONE')));",
    },
    {
      name: 'uppercase values in a query are not definitions',
      filename: 'services/payment/src/payment.repo.ts',
      code: "export const q = (db: any) => db.query(\"SELECT id FROM payments WHERE status IN ('PENDING', 'FAILED')\");",
    },
    {
      name: 'PostgreSQL enum types in snake_case, and the BEFORE neighbour of an added value is not a definition',
      filename: 'services/clinical/migrations/V2__visit_status.sql',
      code: "CREATE TYPE visit_status AS ENUM ('scheduled', 'checked_in', 'done');\nALTER TYPE visit_status ADD VALUE 'no_show' BEFORE 'LEGACY_DONE';",
    },
    {
      name: 'case PascalCase: values spelled like TypeScript enum members, acronyms as written (Logto)',
      filename: 'packages/schemas/tables/applications.sql',
      code: "create type application_type as enum ('Native', 'SPA', 'Traditional', 'MachineToMachine', 'MD5');",
      options: { case: 'PascalCase' },
    },
    {
      name: 'case camelCase: camelCase values, one-word values included',
      filename: 'services/flow/migrations/V3__trigger.sql',
      code: "CREATE TYPE trigger_kind AS ENUM ('manual', 'webhookCall', 'cronSchedule');",
      options: { case: 'camelCase' },
    },
  ],
  invalid: [
    {
      name: 'case PascalCase: a snake_case or UPPER_CASE value departs from the convention',
      filename: 'packages/schemas/alterations/1.13.0-1702871078-protected-application-type.ts',
      code: "export const up = async (pool: any) => {\n  await pool.query(`create type application_type_new as enum ('Native', 'machine_to_machine', 'PROTECTED_APP')`);\n};",
      options: { case: 'PascalCase' },
      errors: [
        {
          messageId: 'badTypeValue',
          line: 2,
          column: 73,
          endLine: 2,
          endColumn: 93,
          data: { value: 'machine_to_machine', type: 'application_type_new', expected: 'MachineToMachine', case: 'PascalCase' },
        },
        {
          messageId: 'badTypeValue',
          line: 2,
          column: 95,
          endLine: 2,
          endColumn: 110,
          data: { value: 'PROTECTED_APP', type: 'application_type_new', expected: 'ProtectedApp', case: 'PascalCase' },
        },
      ],
    },
    {
      name: 'case camelCase: a PascalCase value departs from the convention',
      filename: 'services/flow/migrations/V4__status.sql',
      code: "ALTER TABLE executions\n  ADD COLUMN status ENUM('running', 'waitingForInput', 'Crashed') NOT NULL;",
      options: { case: 'camelCase' },
      errors: [
        {
          messageId: 'badValue',
          line: 2,
          column: 56,
          endLine: 2,
          endColumn: 65,
          data: { value: 'Crashed', column: 'status', expected: 'crashed', case: 'camelCase' },
        },
      ],
    },
    {
      name: 'case UPPER_SNAKE_CASE: a lowercase value departs from the convention',
      filename: 'services/payment/migrations/V9__upper.sql',
      code: "ALTER TABLE payments ADD COLUMN status ENUM('PENDING', 'completed') NOT NULL;",
      options: { case: 'UPPER_SNAKE_CASE' },
      errors: [
        {
          messageId: 'badValue',
          line: 1,
          column: 56,
          endLine: 1,
          endColumn: 67,
          data: { value: 'completed', expected: 'COMPLETED', case: 'UPPER_SNAKE_CASE' },
        },
      ],
    },
    {
      name: 'uppercase values, each reported at its literal',
      filename: 'services/payment/migrations/V1__payments.sql',
      code: "CREATE TABLE payments (\n  id CHAR(36) PRIMARY KEY,\n  status ENUM('PENDING', 'CONFIRMED', 'failed') NOT NULL\n);",
      errors: [
        {
          messageId: 'badValue',
          line: 3,
          column: 15,
          endLine: 3,
          endColumn: 24,
          data: { value: 'PENDING', column: 'status', expected: 'pending' },
        },
        { messageId: 'badValue', line: 3, column: 26, endLine: 3, endColumn: 37, data: { value: 'CONFIRMED', expected: 'confirmed' } },
      ],
    },
    {
      name: 'spaces and camelCase',
      filename: 'services/billing/migrations/V2__claims.sql',
      code: "ALTER TABLE billing_claims\n  MODIFY COLUMN claim_state ENUM('draft', 'In Review', 'partiallyPaid') NOT NULL;",
      errors: [
        { messageId: 'badValue', line: 2, column: 43, endLine: 2, endColumn: 54, data: { value: 'In Review', expected: 'in_review' } },
        {
          messageId: 'badValue',
          line: 2,
          column: 56,
          endLine: 2,
          endColumn: 71,
          data: { value: 'partiallyPaid', expected: 'partially_paid' },
        },
      ],
    },
    {
      name: 'SET members too',
      filename: 'services/auth/migrations/V2__scopes.sql',
      code: "CREATE TABLE auth_tokens (id CHAR(36) PRIMARY KEY, scopes SET('read', 'Write'));",
      errors: [{ messageId: 'badValue', line: 1, column: 71, endLine: 1, endColumn: 78, data: { value: 'Write', expected: 'write' } }],
    },
    {
      name: 'DDL embedded in TypeScript',
      filename: 'services/billing/src/migrate.ts',
      code: "export async function up(db: any) {\n  await db.query(\n    `CREATE TABLE billing_runs (id CHAR(36) PRIMARY KEY, kind ENUM('daily', 'MONTHLY'))`,\n  );\n}",
      errors: [{ messageId: 'badValue', line: 3, column: 77, endLine: 3, endColumn: 86, data: { value: 'MONTHLY', expected: 'monthly' } }],
    },
    {
      name: 'allow covers only the listed values',
      filename: 'services/billing/migrations/V4__currency.sql',
      code: "CREATE TABLE billing_prices (id CHAR(36) PRIMARY KEY, currency ENUM('USD', 'SDG', 'Euro'));",
      options: { allow: ['USD', 'SDG'] },
      errors: [{ messageId: 'badValue', line: 1, column: 83, endLine: 1, endColumn: 89, data: { value: 'Euro', expected: 'euro' } }],
    },
    {
      name: 'PostgreSQL CREATE TYPE … AS ENUM and ALTER TYPE … ADD VALUE',
      filename: 'services/clinical/migrations/V3__visit_status.sql',
      code: "CREATE TYPE visit_status AS ENUM ('SCHEDULED', 'done');\nALTER TYPE visit_status ADD VALUE IF NOT EXISTS 'No Show';",
      errors: [
        {
          messageId: 'badTypeValue',
          line: 1,
          column: 35,
          endLine: 1,
          endColumn: 46,
          data: { value: 'SCHEDULED', type: 'visit_status', expected: 'scheduled' },
        },
        {
          messageId: 'badTypeValue',
          line: 2,
          column: 49,
          endLine: 2,
          endColumn: 58,
          data: { value: 'No Show', type: 'visit_status', expected: 'no_show' },
        },
      ],
    },
    {
      name: 'PostgreSQL enum type created from TypeScript',
      filename: 'services/clinical/src/migrate.ts',
      code: "export const up = (db: any) =>\n  db.query(`CREATE TYPE triage_level AS ENUM ('urgent', 'nonUrgent')`);",
      errors: [
        {
          messageId: 'badTypeValue',
          line: 2,
          column: 57,
          endLine: 2,
          endColumn: 68,
          data: { value: 'nonUrgent', type: 'triage_level', expected: 'non_urgent' },
        },
      ],
    },
  ],
});
