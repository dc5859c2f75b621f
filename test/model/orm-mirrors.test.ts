/**
 * A service that manages its schema with versioned migrations creates what its migrations
 * create: its ORM declaration of a table only another service creates (a Drizzle mirror kept out
 * by `tablesFilter`, a Prisma model from `db pull`) is how it reads that table, not co-ownership.
 */
import { describe, expect, it } from 'vitest';
import { config, created, findings, lintWithOwnershipRules as lintOwnership } from './ownership-run.js';

const paymentMigration = {
  'services/payment/migrations/V1__payments.sql':
    'CREATE TABLE payments (\n  id CHAR(36) PRIMARY KEY,\n  invoice_id CHAR(36) REFERENCES invoices (id)\n);\n',
};

/** Payment's Drizzle schema: its own `payments`, and billing's `invoices` to join against. */
const paymentSchema = {
  'services/payment/src/schema.ts': [
    "import { char, mysqlTable } from 'drizzle-orm/mysql-core';",
    '',
    "export const payments = mysqlTable('payments', { id: char('id', { length: 36 }).primaryKey() });",
    "export const invoices = mysqlTable('invoices', { id: char('id', { length: 36 }).primaryKey() });",
    '',
  ].join('\n'),
  'services/payment/src/reads.ts': [
    "import { db } from './db';",
    "import { invoices, payments } from './schema';",
    '',
    'export const unpaid = () => db.select().from(invoices);',
    'export const settled = () => db.select().from(payments);',
    '',
  ].join('\n'),
};

const createdTables = (run: Awaited<ReturnType<typeof lintOwnership>>, service: string) =>
  run.model
    .serviceByName(service)!
    .createdTables.map((d) => `${d.table} ${d.via}`)
    .sort();

describe('ORM mirrors of another service’s table', () => {
  it('are reads when the declaring service has migrations: the migrating creator is the sole owner', async () => {
    const run = await lintOwnership({ ...created, ...paymentMigration, ...paymentSchema }, config);
    expect(createdTables(run, 'payment')).toEqual(['payments migration', 'payments orm']);
    expect(findings(run)).toEqual([
      "no-cross-service-foreign-key services/payment/migrations/V1__payments.sql:3:34 Table 'payments' of service 'payment' has a foreign key to 'invoices' owned by service 'billing'.",
      "no-cross-service-query services/payment/src/reads.ts:4:46 Service 'payment' reads table 'invoices' owned by service 'billing'.",
    ]);
    expect(run.diagnostics.map((d) => [d.ruleId, d.line, d.column, d.endLine, d.endColumn])).toEqual([
      ['no-cross-service-foreign-key', 3, 34, 3, 42],
      ['no-cross-service-query', 4, 46, 4, 54],
    ]);
  });

  it('stay declarations for a service without migrations (drizzle-kit push may be how its tables exist)', async () => {
    const run = await lintOwnership({ ...created, ...paymentSchema }, config);
    expect(createdTables(run, 'payment')).toEqual(['invoices orm', 'payments orm']);
    const ambiguous = run.diagnostics.filter((d) => d.ruleId === 'ambiguous-table-owner');
    expect(ambiguous.map((d) => `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn}`)).toEqual([
      'services/billing/migrations/V1__invoices.sql:1:14-1:22',
      'services/payment/src/schema.ts:4:37-4:45',
    ]);
    expect(run.diagnostics.filter((d) => d.ruleId === 'no-cross-service-query')).toEqual([]);
  });

  it('stay declarations when no other service creates the table (an unread migration must not make it unknown)', async () => {
    const run = await lintOwnership({ ...paymentMigration, ...paymentSchema }, config);
    expect(createdTables(run, 'payment')).toEqual(['invoices orm', 'payments migration', 'payments orm']);
    expect(findings(run)).toEqual([]);
  });
});
