import rule from '../../rules/ambiguous-table-owner.js';
import { defaultTestConfig, ruleTester } from '../rule-tester.js';

const appointments = 'CREATE TABLE appointments (id CHAR(36) PRIMARY KEY);';

ruleTester.run(rule, {
  valid: [
    {
      name: 'a PostgreSQL migration of a MySQL+PostgreSQL service lands in its PostgreSQL database',
      filename: 'services/analytics/migrations/V2__dim.sql',
      code: 'CREATE TABLE medications (id UUID PRIMARY KEY, created_at TIMESTAMPTZ);',
      files: {
        'services/analytics/.env': 'DB_NAME=app\n',
        'services/analytics/src/pg.ts': "export const pg = new Pool({ database: process.env.PG_DATABASE || 'warehouse' });",
        'services/medication/.env': 'DB_NAME=medication_db\n',
        'services/medication/migrations/V1__meds.sql': 'CREATE TABLE medications (id CHAR(36) PRIMARY KEY);',
      },
      config: {
        services: [
          { name: 'analytics', roots: ['services/analytics'] },
          { name: 'medication', roots: ['services/medication'] },
        ],
      },
    },
    {
      name: "same-named tables in two services' separate databases",
      filename: 'services/medication/migrations/V1__meds.sql',
      code: 'CREATE TABLE medications (id CHAR(36) PRIMARY KEY);',
      files: { 'services/cds/migrations/V1__meds.sql': 'CREATE TABLE medications (id CHAR(36) PRIMARY KEY);' },
      config: {
        services: [
          { name: 'medication', roots: ['services/medication'], databases: ['medication_db'] },
          { name: 'cds', roots: ['services/cds'], databases: ['cds_db'] },
        ],
      },
    },
    {
      name: 'the config names the owner',
      filename: 'services/billing/migrations/V1__appointments.sql',
      code: appointments,
      files: { 'services/payment/migrations/V1__appointments.sql': appointments },
      config: {
        ...defaultTestConfig,
        services: defaultTestConfig.services!.map((s) =>
          s.name === 'billing' ? { ...s, tables: [...(s.tables ?? []), 'appointments'] } : s,
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'three services in one database: the message lists the other two',
      filename: 'services/auth/migrations/V1__appointments.sql',
      code: appointments,
      files: {
        'services/billing/migrations/V1__appointments.sql': appointments,
        'services/payment/migrations/V1__appointments.sql': appointments,
      },
      errors: [
        {
          messageId: 'createdTwice',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 26,
          data: { service: 'auth', others: "services 'billing' and 'payment'" },
        },
        {
          messageId: 'createdTwice',
          file: 'services/billing/migrations/V1__appointments.sql',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 26,
          data: { service: 'billing' },
        },
        {
          messageId: 'createdTwice',
          file: 'services/payment/migrations/V1__appointments.sql',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 26,
          data: { service: 'payment' },
        },
      ],
    },
    {
      name: 'two services sharing a database both create the table',
      filename: 'services/billing/migrations/V1__appointments.sql',
      code: appointments,
      files: { 'services/payment/migrations/V7__appointments.sql': `-- copied from billing\n${appointments}` },
      errors: [
        {
          messageId: 'createdTwice',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 26,
          data: { service: 'billing', others: "service 'payment'" },
        },
        {
          messageId: 'createdTwice',
          file: 'services/payment/migrations/V7__appointments.sql',
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 26,
          data: { service: 'payment' },
        },
      ],
    },
  ],
});
