/**
 * Rush projects imported by package name (HELDOUT8 #2): rush.json's `projects[]` are workspace packages, so a
 * library a service imports by its packageName acts for that service, as a pnpm / yarn workspace package does.
 * Zero config: there is no root package.json and no pnpm-workspace.yaml, only rush.json.
 */
import crossServiceQuery from '../../rules/no-cross-service-query.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { ruleTester } from '../rule-tester.js';

const config: NilecareConfig = {};
const pkg = (name: string, extra: Record<string, unknown>) => JSON.stringify({ name, version: '1.0.0', ...extra });
const files = {
  'rush.json': [
    '// Rush writes comments in its config',
    '{',
    '  "rushVersion": "5.122.1",',
    '  "projects": [',
    '    { "packageName": "@acme/orders", "projectFolder": "apps/orders" },',
    '    { "packageName": "@acme/orders-db", "projectFolder": "libs/orders-db" },',
    '    { "packageName": "@acme/shipping", "projectFolder": "apps/shipping" },',
    '    { "packageName": "@acme/order-lookups", "projectFolder": "libs/order-lookups" }',
    '  ]',
    '}',
    '',
  ].join('\n'),
  'apps/orders/package.json': pkg('@acme/orders', {
    scripts: { start: 'node lib/main.js' },
    dependencies: { pg: '^8', '@acme/orders-db': 'workspace:*' },
  }),
  'apps/orders/migrations/V1__orders.sql': 'CREATE TABLE orders (id BIGSERIAL PRIMARY KEY, status TEXT NOT NULL);\n',
  'apps/orders/src/main.ts': "import { getOrder } from '@acme/orders-db';\nexport const show = getOrder;\n",
  'libs/orders-db/package.json': pkg('@acme/orders-db', { main: 'lib/index.js', peerDependencies: { pg: '^8' } }),
  'apps/shipping/package.json': pkg('@acme/shipping', {
    scripts: { start: 'node lib/main.js' },
    dependencies: { pg: '^8', '@acme/order-lookups': 'workspace:*' },
  }),
  'apps/shipping/migrations/V1__shipments.sql': 'CREATE TABLE shipments (id BIGSERIAL PRIMARY KEY, order_id BIGINT NOT NULL);\n',
  'apps/shipping/src/main.ts': "import { orderStatus } from '@acme/order-lookups';\nexport const ship = orderStatus;\n",
  'libs/order-lookups/package.json': pkg('@acme/order-lookups', { main: 'lib/index.js', peerDependencies: { pg: '^8' } }),
};

ruleTester.run(crossServiceQuery, {
  valid: [
    {
      name: "a service's own data-access project, imported by its Rush packageName, reads the service's table",
      filename: 'libs/orders-db/src/index.ts',
      code: "export const getOrder = (pool, id) => pool.query('SELECT id, status FROM orders WHERE id = $1', [id]);\n",
      files,
      config,
    },
  ],
  invalid: [
    {
      name: "a Rush project another service imports by packageName reads orders' table for that service",
      filename: 'libs/order-lookups/src/index.ts',
      code: "export const orderStatus = (pool, id) => pool.query('SELECT status FROM orders WHERE id = $1', [id]);\n",
      files,
      config,
      errors: [
        {
          messageId: 'runTable',
          line: 1,
          column: 73,
          endLine: 1,
          endColumn: 79,
          data: { folder: 'libs/order-lookups', service: 'shipping', table: 'orders', owner: 'orders' },
        },
      ],
    },
  ],
});
