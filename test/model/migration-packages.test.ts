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

/**
 * HELDOUT7 #10: a Turborepo data package named `db` or `database` is the service of that name, and the folder names
 * every tool uses for migrations (`db/migrations`, Nest's `src/database/migrations`) are not that service's name; an
 * app with code of its own is a service, never a migrations package.
 */
describe('an app whose migrations folder is named like the data package', () => {
  const prismaPackage = (name: string, table: string) => ({
    [`packages/${name}/package.json`]: JSON.stringify({
      name: `@repo/${name}`,
      main: './src/index.ts',
      dependencies: { '@prisma/client': '^5.15.0' },
      devDependencies: { prisma: '^5.15.0' },
    }),
    [`packages/${name}/prisma/schema.prisma`]: `datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\nmodel Row {\n  id Int @id\n\n  @@map("${table}")\n}\n`,
    [`packages/${name}/src/index.ts`]: "import { PrismaClient } from '@prisma/client';\n\nexport const prisma = new PrismaClient();\n",
    'apps/api/package.json': JSON.stringify({
      name: 'api',
      scripts: { start: 'node dist/server.js' },
      dependencies: { [`@repo/${name}`]: '*' },
    }),
    'apps/api/src/server.ts': `import { prisma } from '@repo/${name}';\n\nexport const list = () => prisma.row.findMany();\n`,
  });
  const ROOT = { 'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['apps/*', 'packages/*'] }) };
  const SEQUELIZE_BILLING = {
    'apps/billing/package.json': JSON.stringify({
      name: 'billing',
      scripts: { start: 'node src/server.js', migrate: 'sequelize-cli db:migrate' },
      dependencies: { sequelize: '^6.37.3', pg: '^8.11.5' },
    }),
    'apps/billing/db/migrations/20240415120000-create-invoices.js':
      "module.exports = {\n  async up(queryInterface, Sequelize) {\n    await queryInterface.createTable('invoices', { id: { type: Sequelize.INTEGER, primaryKey: true } });\n  },\n};\n",
    'apps/billing/src/server.js': [
      "const { Sequelize } = require('sequelize');",
      'const sequelize = new Sequelize(process.env.DATABASE_URL);',
      "exports.open = () => sequelize.query('SELECT id FROM invoices');",
      "exports.names = () => sequelize.query('SELECT id, name FROM workspaces');",
      '',
    ].join('\n'),
  };

  it('db/migrations: billing is a service owning invoices, and only its read of workspaces is cross-service', async () => {
    const { services, rejected, findings } = await run({ ...ROOT, ...prismaPackage('db', 'workspaces'), ...SEQUELIZE_BILLING });
    expect(services).toEqual(['billing apps/billing: invoices', 'db packages/db,apps/api: workspaces']);
    expect(rejected).toEqual([]);
    expect(findings).toEqual([
      "no-cross-service-query apps/billing/src/server.js:4:61-4:71 Service 'billing' reads table 'workspaces' owned by service 'db'.",
    ]);
  });

  it("Nest's src/database/migrations: billing-api is a service, and only its join of users is cross-service", async () => {
    const { services, rejected, findings } = await run({
      ...ROOT,
      ...prismaPackage('database', 'users'),
      'apps/billing-api/package.json': JSON.stringify({
        name: 'billing-api',
        scripts: { start: 'node dist/main.js' },
        dependencies: { '@nestjs/core': '^10.3.9', typeorm: '^0.3.20', pg: '^8.11.5' },
      }),
      'apps/billing-api/src/database/data-source.ts':
        "import { DataSource } from 'typeorm';\n\nexport default new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });\n",
      'apps/billing-api/src/database/migrations/1717200000000-Invoices.ts':
        "export class Invoices1717200000000 {\n  async up(q) {\n    await q.query('CREATE TABLE invoices (id SERIAL PRIMARY KEY, user_id INT NOT NULL)');\n  }\n}\n",
      'apps/billing-api/src/invoices/invoices.service.ts': [
        "import dataSource from '../database/data-source';",
        "export const open = () => dataSource.query('SELECT id FROM invoices');",
        "export const emails = () => dataSource.query('SELECT i.id, u.email FROM invoices i JOIN users u ON u.id = i.user_id');",
        '',
      ].join('\n'),
    });
    expect(services).toEqual(['billing-api apps/billing-api: invoices', 'database packages/database,apps/api: users']);
    expect(rejected).toEqual([]);
    expect(findings).toEqual([
      "no-cross-service-query apps/billing-api/src/invoices/invoices.service.ts:3:89-3:94 Service 'billing-api' reads table 'users' owned by service 'database'.",
    ]);
  });

  it('a package of migrations only, in folders named after the services below db/, is still theirs', async () => {
    const files = Object.fromEntries(
      Object.entries(BASE).map(([file, text]) => [
        file.replace('packages/db-migrations/migrations/', 'packages/db-migrations/db/migrations/'),
        text,
      ]),
    );
    const { services, rejected } = await run(files);
    expect(services).toEqual(['billing services/billing: invoices', 'orders services/orders: orders']);
    expect(rejected).toContain(
      'packages/db-migrations: a migrations package whose folders are named after the services: each folder is the migrations of its service',
    );
  });

  it('a migrations package with application code of its own is a service', async () => {
    const { services, rejected } = await run({
      ...BASE,
      'packages/db-migrations/src/server.js': "const { Pool } = require('pg');\nexports.pool = new Pool();\n",
    });
    expect(services).toEqual([
      'db-migrations packages/db-migrations: invoices, orders',
      'billing services/billing: ',
      'orders services/orders: ',
    ]);
    expect(rejected).toEqual([]);
  });
});

/**
 * A tooling package whose only code is its migration runner (`src/migrate.js` running knex's migrations of
 * `migrations/<service>`, beside a knexfile) is no service either: the runner is the tool's entry point, not an
 * application. Before, `src/migrate.js` counted as application code (and, in a package named `migrations`, as a
 * migration file outside every service folder), so the package owned every table: 3 false cross-service errors.
 */
describe('a migrations package whose only code is its runner', () => {
  const KNEX_MIGRATIONS: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['packages/*', 'services/*'] }),
    'packages/migrations/package.json': JSON.stringify({
      name: '@shop/migrations',
      scripts: { migrate: 'node src/migrate.js' },
      dependencies: { knex: '^3.1.0', pg: '^8.11.5' },
    }),
    'packages/migrations/knexfile.js': "module.exports = { client: 'pg', connection: process.env.DATABASE_URL };\n",
    'packages/migrations/src/migrate.js': [
      "const knex = require('knex');",
      'const service = process.argv[2];',
      "const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });",
      'db.migrate.latest({ directory: `migrations/${service}` }).then(() => db.destroy());',
      '',
    ].join('\n'),
    'packages/migrations/migrations/orders/20240101000000_orders.js':
      "exports.up = (knex) => knex.schema.createTable('orders', (t) => { t.increments('id'); t.integer('total'); });\nexports.down = (knex) => knex.schema.dropTable('orders');\n",
    'packages/migrations/migrations/billing/20240101000000_invoices.js':
      "exports.up = (knex) => knex.schema.createTable('invoices', (t) => { t.increments('id'); t.integer('order_id'); });\nexports.down = (knex) => knex.schema.dropTable('invoices');\n",
    'services/orders/package.json': pgPackage('orders'),
    'services/orders/src/index.js':
      "const { Pool } = require('pg');\nconst pool = new Pool();\nexports.get = (id) => pool.query('SELECT total FROM orders WHERE id = $1', [id]);\n",
    'services/billing/package.json': pgPackage('billing'),
    'services/billing/src/index.js':
      "const { Pool } = require('pg');\nconst pool = new Pool();\nexports.get = (id) => pool.query('SELECT i.id, o.total FROM invoices i JOIN orders o ON o.id = i.order_id WHERE i.id = $1', [id]);\n",
  };
  const NOT_A_SERVICE =
    'packages/migrations: a migrations package whose folders are named after the services: each folder is the migrations of its service';

  it('is no service: each folder is its service’s migrations, and only billing’s read of orders is cross-service', async () => {
    const { services, rejected, findings } = await run(KNEX_MIGRATIONS);
    expect(services).toEqual(['billing services/billing: invoices', 'orders services/orders: orders']);
    expect(rejected).toContain(NOT_A_SERVICE);
    expect(findings).toEqual([
      "no-cross-service-query services/billing/src/index.js:3:77-3:83 Service 'billing' reads table 'orders' owned by service 'orders'.",
    ]);
  });

  it('is no service with its runner named run-migrations.ts outside src/ either', async () => {
    const { 'packages/migrations/src/migrate.js': runner, ...rest } = KNEX_MIGRATIONS;
    const { services, rejected } = await run({ ...rest, 'packages/migrations/scripts/run-migrations.ts': runner });
    expect(services).toEqual(['billing services/billing: invoices', 'orders services/orders: orders']);
    expect(rejected).toContain(NOT_A_SERVICE);
  });

  it('stays a service when it has application code beside the runner', async () => {
    const { services, rejected } = await run({
      ...KNEX_MIGRATIONS,
      'packages/migrations/src/server.js': "const { Pool } = require('pg');\nexports.pool = new Pool();\n",
    });
    expect(services).toEqual([
      'migrations packages/migrations: invoices, orders',
      'billing services/billing: ',
      'orders services/orders: ',
    ]);
    expect(rejected).toEqual([]);
  });

  it('stays a service when its module is named like a migration but runs none (src/migrate-users.js is application code)', async () => {
    const { 'packages/migrations/src/migrate.js': runner, ...rest } = KNEX_MIGRATIONS;
    const { services, rejected } = await run({ ...rest, 'packages/migrations/src/migrate-users.js': runner });
    expect(services).toEqual([
      'migrations packages/migrations: invoices, orders',
      'billing services/billing: ',
      'orders services/orders: ',
    ]);
    expect(rejected).toEqual([]);
  });
});
