/**
 * A workspace package that only keeps the services' migrations, one folder per service
 * (`packages/db-migrations/migrations/<service>/`, run with `node-pg-migrate -m migrations/<service>`), is
 * no service (HELDOUT6 #15): each folder is the migrations of the service it is named after, as a root
 * `migrations/<service>/` is. Otherwise the package owned every table and each service's own queries were errors.
 */
import { describe, expect, it } from 'vitest';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint } from '../../src/lint.js';

const pgPackage = (name: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ name, private: true, dependencies: { pg: '^8.11.5' }, ...extra });
const BASE: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['packages/*', 'services/*'] }),
  'packages/db-migrations/package.json': JSON.stringify({
    name: '@acme/db-migrations',
    scripts: { 'migrate:orders': 'node-pg-migrate up -m migrations/orders', 'migrate:billing': 'node-pg-migrate up -m migrations/billing' },
    dependencies: { 'node-pg-migrate': '^7.4.0', pg: '^8.11.5' },
  }),
  'packages/db-migrations/migrations/orders/1712000000000_orders.sql':
    'CREATE TABLE orders (id BIGSERIAL PRIMARY KEY, total NUMERIC NOT NULL);\n',
  'packages/db-migrations/migrations/billing/1712000000001_invoices.sql':
    'CREATE TABLE invoices (id BIGSERIAL PRIMARY KEY, order_id BIGINT NOT NULL);\n',
  'services/orders/package.json': pgPackage('orders'),
  'services/orders/src/index.js':
    "const { Pool } = require('pg');\nconst pool = new Pool();\nexports.get = (id) => pool.query('SELECT * FROM orders WHERE id = $1', [id]);\n",
  'services/billing/package.json': pgPackage('billing'),
  'services/billing/src/index.js': [
    "const { Pool } = require('pg');",
    'const pool = new Pool();',
    "exports.get = (id) => pool.query('SELECT * FROM invoices WHERE id = $1', [id]);",
    "exports.order = (id) => pool.query('SELECT total FROM orders WHERE id = $1', [id]);",
    '',
  ].join('\n'),
};
const RULES = ['no-cross-service-query', 'unknown-table', 'ambiguous-table-owner'];

async function run(files: Record<string, string>) {
  const tree = memoryTree(files, { root: '/migration-packages' });
  const result = await lint({ cwd: tree.root, tree });
  expect(result.internalErrors).toEqual([]);
  return {
    services: result.model.services.map((s) => `${s.name} ${s.roots.join(',')}: ${s.createdTables.map((d) => d.table).join(', ')}`),
    rejected: (result.serviceDiscovery?.rejected ?? []).map((r) => `${r.root}: ${r.reason}`),
    findings: result.diagnostics
      .filter((d) => RULES.includes(d.ruleId))
      .map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`),
  };
}

describe('a migrations package with a folder per service', () => {
  it('is no service: each folder is its service’s migrations, and only the real cross read is reported', async () => {
    const { services, rejected, findings } = await run(BASE);
    expect(services).toEqual(['billing services/billing: invoices', 'orders services/orders: orders']);
    expect(rejected).toContain(
      'packages/db-migrations: a migrations package whose folders are named after the services: each folder is the migrations of its service',
    );
    expect(findings).toEqual([
      "no-cross-service-query services/billing/src/index.js:4:55-4:61 Service 'billing' reads table 'orders' owned by service 'orders'.",
    ]);
  });

  it('stays a service when one of its migration folders is named after no service (its own schema may live there)', async () => {
    const { services, rejected } = await run({
      ...BASE,
      'packages/db-migrations/migrations/shared/1712000000002_audit_log.sql': 'CREATE TABLE audit_log (id BIGSERIAL PRIMARY KEY);\n',
    });
    expect(services).toEqual([
      'db-migrations packages/db-migrations: invoices, orders, audit_log',
      'billing services/billing: ',
      'orders services/orders: ',
    ]);
    expect(rejected.filter((r) => r.startsWith('packages/db-migrations'))).toEqual([]);
  });
});
