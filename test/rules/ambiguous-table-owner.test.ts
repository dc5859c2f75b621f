import rule from '../../rules/ambiguous-table-owner.js';
import { defaultTestConfig, ruleTester } from '../rule-tester.js';

const appointments = 'CREATE TABLE appointments (id CHAR(36) PRIMARY KEY);';

ruleTester.run(rule, {
  valid: [
    {
      name: 'same-named tables in two services\' separate databases',
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
        services: defaultTestConfig.services!.map((s) => (s.name === 'billing' ? { ...s, tables: [...(s.tables ?? []), 'appointments'] } : s)),
      },
    },
  ],
  invalid: [
    {
      name: 'two services sharing a database both create the table',
      filename: 'services/billing/migrations/V1__appointments.sql',
      code: appointments,
      files: { 'services/payment/migrations/V7__appointments.sql': `-- copied from billing\n${appointments}` },
      errors: [
        { messageId: 'createdTwice', line: 1, column: 14, endColumn: 26, data: { service: 'billing', others: "service 'payment'" } },
        { messageId: 'createdTwice', file: 'services/payment/migrations/V7__appointments.sql', line: 2, column: 14, data: { service: 'payment' } },
      ],
    },
  ],
});
