/**
 * A service named like a database the SQL declares (`orders`, `CREATE DATABASE orders; \c orders`) whose own
 * connection names no database connects to it: that name and that connection are the only evidence, and enough
 * (issue 14). init then assigns the database and says why; nothing else is taken by name.
 */
import { describe, expect, it } from 'vitest';
import { proposeConfig, renderConfigJsonc, renderInitReport } from '../../src/commands/init-config.js';
import { at, lintDatabases } from './database-run.js';

const pgPackage = (name: string) => JSON.stringify({ name, private: true, dependencies: { pg: '^8.11.0' } });
const ORDERS_DB = [
  "import { Pool } from 'pg';",
  '',
  'export const pool = new Pool({ host: process.env.PGHOST, database: process.env.PGDATABASE, user: process.env.PGUSER });',
  '',
  'export async function recent() {',
  "  return pool.query('SELECT id, total FROM orders ORDER BY id DESC LIMIT 10');",
  '}',
  '',
].join('\n');
const BILLING_DB = [
  "import { Pool } from 'pg';",
  '',
  'export const pool = new Pool({ connectionString: process.env.DATABASE_URL });',
  '',
  'export async function invoices() {',
  "  return pool.query('SELECT i.id FROM invoices i JOIN orders o ON o.id = i.order_id');",
  '}',
  '',
].join('\n');
const SCHEMA = [
  'CREATE DATABASE orders;',
  'CREATE DATABASE billing;',
  '\\c orders',
  'CREATE TABLE orders (id BIGINT PRIMARY KEY, total NUMERIC NOT NULL);',
  '\\c billing',
  'CREATE TABLE invoices (id BIGINT PRIMARY KEY, order_id BIGINT NOT NULL);',
  '',
].join('\n');
const BASE: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['services/*'] }),
  'services/orders/package.json': pgPackage('orders'),
  'services/orders/src/db.ts': ORDERS_DB,
  'services/billing/package.json': pgPackage('billing'),
  'services/billing/src/db.ts': BILLING_DB,
  'database/schema.sql': SCHEMA,
};

async function run(files: Record<string, string>) {
  const { result, databases } = await lintDatabases(
    files,
    '/named-databases',
    (d) => `${d.name}:${d.kind} ${d.sources.map((x) => `${at(x)} ${x.origin}`).join(', ')}`,
  );
  const findings = result.diagnostics
    .filter((d) => ['no-cross-service-query', 'unknown-table', 'no-shared-database'].includes(d.ruleId))
    .map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn}`);
  return { result, databases, findings };
}

describe('a database named like its service', () => {
  it("is the service's when its own connection names none: the lint resolves its tables and finds the cross-service read", async () => {
    const { result, databases, findings } = await run(BASE);
    expect(databases).toEqual({
      billing: ['billing:postgresql services/billing/src/db.ts:3:50 service-name'],
      orders: ['orders:postgresql services/orders/src/db.ts:3:68 service-name'],
    });
    // Before: three unknown-table warnings (orders twice, invoices) and the read of orders' table unseen.
    expect(findings).toEqual(['no-cross-service-query services/billing/src/db.ts:6:55-6:61']);

    const proposal = proposeConfig(result.model, result.serviceDiscovery);
    const report = renderInitReport(proposal);
    expect(report).toContain(
      '  orders → orders (named like the service, whose own connection (services/orders/src/db.ts:3) names no database)\n',
    );
    expect(report).not.toContain('undecided');
    const config = renderConfigJsonc(proposal);
    expect(config).toContain(
      '    "orders": "orders" // named like the service, whose own connection (services/orders/src/db.ts:3) names no database; declared in database/schema.sql\n',
    );
    expect(config).not.toContain('TODO: no service connects');
  });

  it("a name with _db, or the service's without -service, fits", async () => {
    const rest = Object.fromEntries(Object.entries(BASE).filter(([file]) => !file.startsWith('services/orders/')));
    const { databases } = await run({
      ...rest,
      'services/orders-service/package.json': pgPackage('orders-service'),
      'services/orders-service/src/db.ts': ORDERS_DB,
      'database/schema.sql': SCHEMA.replace(/\borders;/, 'orders_db;').replace('\\c orders', '\\c orders_db'),
    });
    expect(databases['orders-service']).toEqual(['orders_db:postgresql services/orders-service/src/db.ts:3:68 service-name']);
  });

  it('nothing is taken by name without the connection, beside a written database, or when two services fit', async () => {
    // No connection of its own: the service only calls another over HTTP.
    const noConnection = await run({ ...BASE, 'services/orders/src/db.ts': "export const recent = () => fetch('http://billing/');\n" });
    expect(noConnection.databases.orders).toEqual([]);
    // A connection in a test file is not the service's.
    const inTest = await run({ ...BASE, 'services/orders/src/db.ts': '', 'services/orders/test/db.test.ts': ORDERS_DB });
    expect(inTest.databases.orders).toEqual([]);
    // The service writes its database: that one, not the one named like it.
    const written = await run({ ...BASE, 'services/orders/src/db.ts': ORDERS_DB.replace('process.env.PGDATABASE', "'shop'") });
    expect(written.databases.orders).toEqual(['shop:postgresql services/orders/src/db.ts:3:68 config']);
    // Another service already connects to it: no name makes it orders'.
    const taken = await run({ ...BASE, 'services/billing/.env.example': 'PGDATABASE=orders\n' });
    expect(taken.databases.orders).toEqual([]);
    // Two services fit the name.
    const two = await run({
      ...BASE,
      'services/orders-service/package.json': pgPackage('orders-service'),
      'services/orders-service/src/db.ts': ORDERS_DB,
    });
    expect(two.databases.orders).toEqual([]);
    expect(two.databases['orders-service']).toEqual([]);
  });
});
