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

/** Payment's TypeORM entities (its own `payments`, billing's `invoices`) and a DataSource with `options` after `entities`. */
const typeormPayment = (options: string, invoiceOptions = "'invoices'") => ({
  'services/payment/src/entities.ts': [
    "import { Entity, PrimaryColumn } from 'typeorm';",
    '',
    "@Entity('payments')",
    'export class Payment { @PrimaryColumn() id!: string; }',
    `@Entity(${invoiceOptions})`,
    'export class Invoice { @PrimaryColumn() id!: string; }',
    '',
  ].join('\n'),
  'services/payment/src/data-source.ts': [
    "import { DataSource } from 'typeorm';",
    "import { Invoice, Payment } from './entities';",
    `export const ds = new DataSource({ type: 'mysql', entities: [Payment, Invoice]${options} });`,
    'export const unpaid = () => ds.getRepository(Invoice).find();',
    '',
  ].join('\n'),
});

const coordinates = (run: Awaited<ReturnType<typeof lintOwnership>>) =>
  run.diagnostics.map((d) => [d.ruleId, d.file, d.line, d.column, d.endLine, d.endColumn]);

describe('TypeORM entities create their tables only by schema sync (HELDOUT8 #16)', () => {
  it('of a service whose connection does not synchronize (false or unset) are reads of a table another service creates', async () => {
    for (const options of [', synchronize: false', '']) {
      const run = await lintOwnership({ ...created, ...typeormPayment(options) }, config);
      expect(createdTables(run, 'payment')).toEqual(['payments orm']);
      expect(findings(run)).toEqual([
        "no-cross-service-query services/payment/src/data-source.ts:4:46 Service 'payment' reads table 'invoices' owned by service 'billing'.",
      ]);
      expect(coordinates(run)).toEqual([['no-cross-service-query', 'services/payment/src/data-source.ts', 4, 46, 4, 53]]);
    }
  });

  it('of a synchronizing connection (true, or an expression) stay creations: two creators are ambiguous', async () => {
    for (const options of [', synchronize: true', ", synchronize: process.env.NODE_ENV !== 'production'"]) {
      const run = await lintOwnership({ ...created, ...typeormPayment(options) }, config);
      expect(createdTables(run, 'payment')).toEqual(['invoices orm', 'payments orm']);
      expect(coordinates(run)).toEqual([
        ['ambiguous-table-owner', 'services/billing/migrations/V1__invoices.sql', 1, 14, 1, 22],
        ['ambiguous-table-owner', 'services/payment/src/entities.ts', 5, 10, 5, 18],
      ]);
    }
  });

  it('that say synchronize: false are reads even when the connection synchronizes', async () => {
    const run = await lintOwnership(
      { ...created, ...typeormPayment(', synchronize: true', "{ name: 'invoices', synchronize: false }") },
      config,
    );
    expect(createdTables(run, 'payment')).toEqual(['payments orm']);
    expect(coordinates(run)).toEqual([['no-cross-service-query', 'services/payment/src/data-source.ts', 4, 46, 4, 53]]);
  });

  it("read schema sync from TypeORM's ormconfig.json too: off (or unset) makes the entity a read, true a creation", async () => {
    const files = (sync: string) => ({
      ...created,
      'services/payment/ormconfig.json': `{ "type": "mysql", "entities": ["dist/**/*.entity.js"]${sync} }\n`,
      'services/payment/src/invoice.entity.ts': [
        "import { Entity, PrimaryColumn, getRepository } from 'typeorm';",
        "@Entity('invoices')",
        'export class Invoice { @PrimaryColumn() id!: string; }',
        'export const unpaid = () => getRepository(Invoice).find();',
        '',
      ].join('\n'),
    });
    for (const sync of [', "synchronize": false', '']) {
      const run = await lintOwnership(files(sync), config);
      expect(createdTables(run, 'payment')).toEqual([]);
      expect(coordinates(run)).toEqual([['no-cross-service-query', 'services/payment/src/invoice.entity.ts', 4, 43, 4, 50]]);
    }
    const syncing = await lintOwnership(files(', "synchronize": true'), config);
    expect(createdTables(syncing, 'payment')).toEqual(['invoices orm']);
    expect(coordinates(syncing).map(([rule]) => rule)).toEqual(['ambiguous-table-owner', 'ambiguous-table-owner']);
  });

  it('stay creations when nobody else creates the table, or the other creator is in another database', async () => {
    const alone = await lintOwnership(typeormPayment(', synchronize: false'), config);
    expect(createdTables(alone, 'payment')).toEqual(['invoices orm', 'payments orm']);
    expect(findings(alone)).toEqual([]);
    const apart = {
      ...config,
      services: config.services!.map((s) => (s.name === 'payment' ? { ...s, databases: ['payments_db'] } : s)),
    };
    const separate = await lintOwnership({ ...created, ...typeormPayment(', synchronize: false') }, apart);
    expect(createdTables(separate, 'payment')).toEqual(['invoices orm', 'payments orm']);
    expect(coordinates(separate)).toEqual([]);
  });
});
