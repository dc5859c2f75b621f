/**
 * A shared data package behind one index (HELDOUT6 #16): a service runs the modules whose names it
 * imports through the index, not every module the index re-exports. An import of the whole
 * module keeps running everything it leads to.
 */
import rule from '../../rules/no-cross-service-query.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { ruleTester } from '../rule-tester.js';

const config: NilecareConfig = {
  dialect: 'postgresql',
  services: [
    { name: 'orders', roots: ['services/orders'], tables: ['orders'] },
    { name: 'billing', roots: ['services/billing'], tables: ['invoices'] },
  ],
};

const ORDERS = [
  "const pool = require('./pool');",
  "exports.getOrder = (id) => pool.query('SELECT id, total FROM orders WHERE id = $1', [id]);",
  "exports.listOrders = () => pool.query('SELECT id, total FROM orders ORDER BY id DESC');",
].join('\n');
const BILLING = [
  "const pool = require('./pool');",
  "exports.getInvoice = (id) => pool.query('SELECT id, order_id FROM invoices WHERE id = $1', [id]);",
].join('\n');

/** `@acme/data`: orders.js and billing.js behind a CommonJS index (`module.exports = { ...require() }`). */
function commonJsPackage(ordersImport: string, billingImport: string, more: Record<string, string> = {}): Record<string, string> {
  return {
    'package.json': '{ "private": true, "workspaces": ["packages/*", "services/*"] }',
    'packages/data/package.json': '{ "name": "@acme/data", "main": "src/index.js" }',
    'packages/data/src/index.js': "module.exports = { ...require('./billing'), ...require('./utils'), pool: require('./pool') };",
    'packages/data/src/billing.js': BILLING,
    'packages/data/src/utils.js': 'exports.formatMoney = (cents) => (cents / 100).toFixed(2);',
    'packages/data/src/pool.js': "const { Pool } = require('pg');\nmodule.exports = new Pool();",
    'services/orders/src/index.js': ordersImport,
    'services/billing/src/index.js': billingImport,
    ...more,
  };
}

/** The same package with an ES index: `export * from './orders'`, `export { getInvoice } from './billing'`. */
function esPackage(billingImport: string): Record<string, string> {
  return {
    'package.json': '{ "private": true, "workspaces": ["packages/*", "services/*"] }',
    'packages/data/package.json': '{ "name": "@acme/data", "main": "src/index.ts" }',
    'packages/data/src/index.ts': "export * from './orders';\nexport { getInvoice } from './billing';\nexport { pool } from './pool';",
    'packages/data/src/billing.ts': [
      "import { pool } from './pool';",
      "export async function getInvoice(id: number) { return pool.query('SELECT id FROM invoices WHERE id = $1', [id]); }",
    ].join('\n'),
    'packages/data/src/pool.ts': "import { Pool } from 'pg';\nexport const pool = new Pool();",
    'services/orders/src/index.ts': "import { getOrder } from '@acme/data';\nexport const handler = (id: number) => getOrder(id);",
    'services/billing/src/index.ts': billingImport,
  };
}
const ES_ORDERS = [
  "import { pool } from './pool';",
  "export const getOrder = (id: number) => pool.query('SELECT id, total FROM orders WHERE id = $1', [id]);",
].join('\n');

const run = (folder: string, service: string) => ({ folder, service, verb: 'reads', table: 'orders', owner: 'orders' });

ruleTester.run(rule, {
  valid: [
    {
      name: 'each service imports its own functions through a CommonJS index of per-domain modules',
      filename: 'packages/data/src/orders.js',
      code: ORDERS,
      files: commonJsPackage(
        "const { getOrder, listOrders } = require('@acme/data');\nmodule.exports = { getOrder, listOrders };",
        "const { getInvoice } = require('@acme/data');\nmodule.exports = { getInvoice };",
        { 'packages/data/src/index.js': "module.exports = { ...require('./orders'), ...require('./billing'), pool: require('./pool') };" },
      ),
      config,
    },
    {
      name: 'the same through an ES index (`export *`, `export { x } from`), with ES named imports',
      filename: 'packages/data/src/orders.ts',
      code: ES_ORDERS,
      files: esPackage("import { getInvoice, pool } from '@acme/data';\nexport const handler = (id: number) => getInvoice(id);"),
      config,
    },
    {
      name: 'a name no query module exports (a formatter) runs only the modules whose exports are unknown, not orders.js',
      filename: 'packages/data/src/orders.js',
      code: ORDERS,
      files: commonJsPackage("const { getOrder } = require('@acme/data');", "const { getInvoice, formatMoney } = require('@acme/data');", {
        'packages/data/src/index.js': "module.exports = { ...require('./orders'), ...require('./billing'), ...require('./utils') };",
      }),
      config,
    },
    {
      name: "a member read off the require (`require('@acme/data').getInvoice`) is a named import",
      filename: 'packages/data/src/orders.js',
      code: ORDERS,
      files: commonJsPackage("const { getOrder } = require('@acme/data');", "const getInvoice = require('@acme/data').getInvoice;", {
        'packages/data/src/index.js': "module.exports = { ...require('./orders'), ...require('./billing') };",
      }),
      config,
    },
  ],
  invalid: [
    {
      name: 'billing importing getOrder through the index runs orders.js',
      filename: 'packages/data/src/orders.js',
      code: ORDERS,
      files: commonJsPackage(
        "const { getOrder } = require('@acme/data');",
        "const { getInvoice, getOrder: orderOf } = require('@acme/data');",
        { 'packages/data/src/index.js': "module.exports = { ...require('./orders'), ...require('./billing') };" },
      ),
      config,
      errors: [
        { messageId: 'runTable', line: 2, column: 62, endLine: 2, endColumn: 68, data: run('packages/data', 'billing') },
        { messageId: 'runTable', line: 3, column: 62, endLine: 3, endColumn: 68, data: run('packages/data', 'billing') },
      ],
    },
    {
      name: 'a service taking the whole index (a plain require) runs every module of it, as before',
      filename: 'packages/data/src/orders.js',
      code: ORDERS,
      files: commonJsPackage(
        "const { getOrder } = require('@acme/data');",
        "const data = require('@acme/data');\nmodule.exports = (id) => data.getInvoice(id);",
        { 'packages/data/src/index.js': "module.exports = { ...require('./orders'), ...require('./billing') };" },
      ),
      config,
      errors: [
        { messageId: 'runTable', line: 2, column: 62, endLine: 2, endColumn: 68, data: run('packages/data', 'billing') },
        { messageId: 'runTable', line: 3, column: 62, endLine: 3, endColumn: 68, data: run('packages/data', 'billing') },
      ],
    },
    {
      name: 'an ES namespace import runs every module too',
      filename: 'packages/data/src/orders.ts',
      code: ES_ORDERS,
      files: esPackage("import * as data from '@acme/data';\nexport const handler = (id: number) => data.getInvoice(id);"),
      config,
      errors: [{ messageId: 'runTable', line: 2, column: 75, endLine: 2, endColumn: 81, data: run('packages/data', 'billing') }],
    },
    {
      name: 'an ES named import of the name `export *` passes on from orders.ts',
      filename: 'packages/data/src/orders.ts',
      code: ES_ORDERS,
      files: esPackage(
        "import { getInvoice, getOrder } from '@acme/data';\nexport const both = (id: number) => [getInvoice(id), getOrder(id)];",
      ),
      config,
      errors: [{ messageId: 'runTable', line: 2, column: 75, endLine: 2, endColumn: 81, data: run('packages/data', 'billing') }],
    },
    {
      name: 'a default import of a CommonJS index is its whole module.exports',
      filename: 'packages/data/src/orders.js',
      code: ORDERS,
      files: commonJsPackage(
        "const { getOrder } = require('@acme/data');",
        "import data from '@acme/data';\nexport const handler = (id) => data.getInvoice(id);",
        { 'packages/data/src/index.js': "module.exports = { ...require('./orders'), ...require('./billing') };" },
      ),
      config,
      errors: [
        { messageId: 'runTable', line: 2, column: 62, endLine: 2, endColumn: 68, data: run('packages/data', 'billing') },
        { messageId: 'runTable', line: 3, column: 62, endLine: 3, endColumn: 68, data: run('packages/data', 'billing') },
      ],
    },
  ],
});
