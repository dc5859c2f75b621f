/**
 * sqlc's `schema:` outside the service (HELDOUT7 #27): the schema file or folder a service's sqlc config names, and no
 * other service's, is that service's (one more root), so the tables it creates are the service's and another
 * service's query of them is cross-service. A schema several services' configs name stays ownerless.
 */
import { describe, expect, it } from 'vitest';
import { memoryTree } from '../../src/io/source-tree.js';
import { lint } from '../../src/lint.js';
import { resolvedSchemaPaths, sqlcSchemaPaths } from '../../src/model/sqlc-schema.js';

describe('sqlc config schema paths', () => {
  it('reads schema: as a scalar, quoted, a flow list or a block list, in sql: (v2) and packages: (v1) entries', () => {
    const yaml = [
      'version: "2"',
      'sql:',
      '  - engine: postgresql',
      '    schema: "../../db/schema/inventory.sql" # shared folder',
      '    queries: queries',
      '  - schema: [../../db/schema/a.sql, "../../db/schema/b.sql"]',
      '    queries: q2',
      '  - engine: postgresql',
      '    schema:',
      '      - ../../db/migrations/inventory',
      "      - 'views.sql'",
      '    queries: q3',
      '',
    ].join('\n');
    expect(sqlcSchemaPaths('sqlc.yaml', yaml)).toEqual([
      '../../db/schema/inventory.sql',
      '../../db/schema/a.sql',
      '../../db/schema/b.sql',
      '../../db/migrations/inventory',
      'views.sql',
    ]);
    const json =
      '{ "version": "1", "packages": [{ "name": "store", "schema": "../../db/schema/inventory.sql", "queries": "q" }],\n "sql": [{ "schema": ["x.sql"] },] }';
    expect(sqlcSchemaPaths('sqlc.json', json)).toEqual(['x.sql', '../../db/schema/inventory.sql']);
    expect(sqlcSchemaPaths('sqlc.yaml', 'version: "2"\n# schema: ../../nope.sql\nsql:\n  - queries: q\n    database_schema: x\n')).toEqual(
      [],
    );
    expect(sqlcSchemaPaths('sqlc.json', '{ "sql": [ ')).toEqual([]);
  });

  it('resolves them from the config’s folder, keeping paths inside the repository that hold a listed file, no glob', () => {
    const files = ['db/schema/inventory.sql', 'db/migrations/inventory/000001_init.up.sql', 'services/inventory/views.sql'];
    expect(
      resolvedSchemaPaths(
        'services/inventory',
        [
          '../../db/schema/inventory.sql',
          '../../db/migrations/inventory/',
          'views.sql',
          '../../db/schema/*.sql',
          '../../../up.sql',
          '/abs.sql',
          'gone.sql',
        ],
        files,
      ),
    ).toEqual(['db/schema/inventory.sql', 'db/migrations/inventory', 'services/inventory/views.sql']);
  });
});

const ORDERS: Record<string, string> = {
  'services/orders/package.json': JSON.stringify({
    name: 'orders',
    scripts: { start: 'node src/index.js' },
    dependencies: { pg: '^8.11.5' },
  }),
  'services/orders/src/index.js':
    "const { Pool } = require('pg');\nconst pool = new Pool();\nexports.q = () => pool.query('SELECT o.id FROM orders o JOIN stock_items s ON s.sku = o.sku');\n",
};
const inventory = (name: string, schema: string): Record<string, string> => ({
  [`services/${name}/go.mod`]: `module example.com/${name}\n\ngo 1.22\n\nrequire github.com/jackc/pgx/v5 v5.6.0\n`,
  [`services/${name}/main.go`]: 'package main\n\nfunc main() {}\n',
  [`services/${name}/sqlc.yaml`]: `version: "2"\nsql:\n  - engine: postgresql\n    schema: "${schema}"\n    queries: "queries"\n    gen:\n      go: { package: store, out: internal/store }\n`,
  [`services/${name}/queries/stock.sql`]: '-- name: Stock :one\nSELECT id FROM stock_items WHERE sku = $1;\n',
});
const SCHEMA = {
  // Named by no sqlc config (orders runs no sqlc): outside every service, its table has no owner.
  'db/schema/orders.sql': 'CREATE TABLE orders (id BIGSERIAL PRIMARY KEY, sku TEXT NOT NULL);\n',
  'db/schema/inventory.sql':
    'CREATE TABLE stock_items (id BIGSERIAL PRIMARY KEY, sku TEXT NOT NULL, created_at TIMESTAMPTZ DEFAULT now(), updated_at TIMESTAMPTZ DEFAULT now());\n',
};

async function run(files: Record<string, string>) {
  const tree = memoryTree(files, { root: '/sqlc-schema' });
  const result = await lint({ cwd: tree.root, tree });
  expect(result.internalErrors).toEqual([]);
  return {
    services: result.model.services.map((s) => `${s.name} ${s.roots.join(',')}: ${s.createdTables.map((d) => d.table).join(', ')}`),
    findings: result.diagnostics
      .filter((d) => ['no-cross-service-query', 'unknown-table', 'ambiguous-table-owner'].includes(d.ruleId))
      .map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`),
  };
}

describe('a schema outside the service that its sqlc config names', () => {
  it('is the service’s: its tables are inventory’s, and orders’ join of stock_items is cross-service', async () => {
    const { services, findings } = await run({ ...ORDERS, ...inventory('inventory', '../../db/schema/inventory.sql'), ...SCHEMA });
    expect(services).toEqual(['orders services/orders: ', 'inventory services/inventory,db/schema/inventory.sql: stock_items']);
    expect(findings).toEqual([
      "no-cross-service-query services/orders/src/index.js:3:62-3:73 Service 'orders' reads table 'stock_items' owned by service 'inventory'.",
    ]);
  });

  it('a folder of migrations (sqlc reads golang-migrate’s) is the service’s too', async () => {
    const { services, findings } = await run({
      ...ORDERS,
      ...inventory('inventory', '../../db/migrations/inventory'),
      'db/migrations/inventory/000001_stock.up.sql': SCHEMA['db/schema/inventory.sql'],
      'db/migrations/inventory/000001_stock.down.sql': 'DROP TABLE stock_items;\n',
      'db/schema/orders.sql': SCHEMA['db/schema/orders.sql'],
    });
    expect(services).toEqual(['orders services/orders: ', 'inventory services/inventory,db/migrations/inventory: stock_items']);
    expect(findings).toEqual([
      "no-cross-service-query services/orders/src/index.js:3:62-3:73 Service 'orders' reads table 'stock_items' owned by service 'inventory'.",
    ]);
  });

  it('stays ownerless when two services’ sqlc configs name it (nothing reported on it), or when no config names it', async () => {
    const shared = await run({
      ...ORDERS,
      ...inventory('inventory', '../../db/schema/inventory.sql'),
      ...inventory('warehouse', '../../db/schema/inventory.sql'),
      ...SCHEMA,
    });
    expect(shared.services).toEqual(['orders services/orders: ', 'inventory services/inventory: ', 'warehouse services/warehouse: ']);
    expect(shared.findings).toEqual([]);
    const unnamed = await run({ ...ORDERS, ...inventory('inventory', 'schema.sql'), ...SCHEMA });
    expect(unnamed.services).toEqual(['orders services/orders: ', 'inventory services/inventory: ']);
    expect(unnamed.findings).toEqual([]);
  });
});
