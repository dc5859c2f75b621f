/**
 * A service whose Kysely instance is built with CamelCasePlugin, or whose knex is built with Objection's
 * knexSnakeCaseMappers, names its tables in camelCase: the plugin snake_cases each name it sends, so
 * `selectFrom('cartLines')` is the service's own `cart_lines` and `innerJoin('productVariants')` catalog's
 * `product_variants`. The finding stays on the literal as written; without the plugin the names are as written.
 */
import crossServiceQuery from '../../rules/no-cross-service-query.js';
import unknownTable from '../../rules/unknown-table.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { ruleTester } from '../rule-tester.js';

const shop: NilecareConfig = {
  dialect: 'postgresql',
  services: [
    { name: 'cart', roots: ['services/cart'], databases: ['cart'] },
    { name: 'catalog', roots: ['services/catalog'], databases: ['catalog'] },
  ],
};

const schema = {
  'services/cart/migrations/V1__cart.sql': 'CREATE TABLE cart_lines (id SERIAL PRIMARY KEY, product_variant_id INT);',
  'services/catalog/migrations/V1__catalog.sql':
    'CREATE TABLE product_variants (id SERIAL PRIMARY KEY, sku TEXT);\nCREATE TABLE address_2_lines (id SERIAL PRIMARY KEY);',
};
const kyselyDb = (plugin: string) => ({
  'services/cart/src/db.ts': [
    "import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';",
    `export const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [${plugin}] });`,
  ].join('\n'),
});
const kyselyLines = [
  "import { db } from './db';",
  'export const lines = () =>',
  "  db.selectFrom('cartLines').innerJoin('productVariants', 'productVariants.id', 'cartLines.productVariantId').selectAll().execute();",
].join('\n');

const knexDb = (mappers: string) => ({
  'services/cart/src/db.js': [
    "const Knex = require('knex');",
    "const { knexSnakeCaseMappers, snakeCaseMappers } = require('objection');",
    `module.exports = Knex({ client: 'pg', connection: process.env.DATABASE_URL${mappers} });`,
  ].join('\n'),
});
const knexLines = [
  "const knex = require('./db');",
  "exports.lines = () => knex('cartLines').join('productVariants', 'productVariants.id', 'cartLines.productVariantId');",
].join('\n');

ruleTester.run(crossServiceQuery, {
  valid: [
    {
      name: 'CamelCasePlugin: the own camelCase table is the own snake_case one',
      filename: 'services/cart/src/own.ts',
      code: "import { db } from './db';\nexport const all = () => db.selectFrom('cartLines').selectAll().execute();",
      files: { ...schema, ...kyselyDb('new CamelCasePlugin()') },
      config: shop,
    },
  ],
  invalid: [
    {
      name: "CamelCasePlugin: innerJoin('productVariants') reads catalog's product_variants, at the literal",
      filename: 'services/cart/src/cart.ts',
      code: kyselyLines,
      files: { ...schema, ...kyselyDb('new CamelCasePlugin()') },
      config: shop,
      errors: [
        {
          messageId: 'foreignTable',
          line: 3,
          column: 41,
          endLine: 3,
          endColumn: 56,
          data: { verb: 'reads', table: 'product_variants', owner: 'catalog' },
        },
      ],
    },
    {
      name: "knexSnakeCaseMappers spread into the knex config: join('productVariants') reads catalog's product_variants",
      filename: 'services/cart/src/lines.js',
      code: knexLines,
      files: { ...schema, ...knexDb(', ...knexSnakeCaseMappers()') },
      config: shop,
      errors: [
        {
          messageId: 'foreignTable',
          line: 2,
          column: 47,
          endLine: 2,
          endColumn: 62,
          data: { verb: 'reads', table: 'product_variants', owner: 'catalog' },
        },
      ],
    },
    {
      name: "CamelCasePlugin's underscoreBeforeDigits option maps address2Lines to address_2_lines",
      filename: 'services/cart/src/addresses.ts',
      code: "import { db } from './db';\nexport const all = () => db.selectFrom('address2Lines').selectAll().execute();",
      files: { ...schema, ...kyselyDb('new CamelCasePlugin({ underscoreBeforeDigits: true })') },
      config: shop,
      errors: [
        {
          messageId: 'foreignTable',
          line: 2,
          column: 41,
          endLine: 2,
          endColumn: 54,
          data: { verb: 'reads', table: 'address_2_lines', owner: 'catalog' },
        },
      ],
    },
    {
      name: "a knex migration of a service with knexSnakeCaseMappers creates the mapped table: createTable('orderNotes') is cart's order_notes",
      filename: 'services/catalog/src/notes.js',
      code: "exports.notes = (pool) => pool.query('SELECT id FROM order_notes');",
      files: {
        ...schema,
        ...knexDb(', ...knexSnakeCaseMappers()'),
        'services/cart/migrations/20240101000000_notes.js':
          "exports.up = (knex) => knex.schema.createTable('orderNotes', (t) => { t.increments('id'); });",
      },
      config: shop,
      errors: [
        {
          messageId: 'foreignTable',
          line: 1,
          column: 54,
          endLine: 1,
          endColumn: 65,
          data: { verb: 'reads', table: 'order_notes', owner: 'cart' },
        },
      ],
    },
  ],
});

ruleTester.run(unknownTable, {
  valid: [
    {
      name: 'CamelCasePlugin: no camelCase name of the service is unknown',
      filename: 'services/cart/src/cart.ts',
      code: kyselyLines,
      files: { ...schema, ...kyselyDb('new CamelCasePlugin()') },
      config: shop,
    },
    {
      name: 'knexSnakeCaseMappers: no camelCase name of the service is unknown',
      filename: 'services/cart/src/lines.js',
      code: knexLines,
      files: { ...schema, ...knexDb(', ...knexSnakeCaseMappers()') },
      config: shop,
    },
  ],
  invalid: [
    {
      name: 'without a plugin a Kysely name is the table as written',
      filename: 'services/cart/src/cart.ts',
      code: kyselyLines,
      files: { ...schema, ...kyselyDb('') },
      config: shop,
      errors: [
        { messageId: 'unknownTable', line: 3, column: 18, endLine: 3, endColumn: 27, data: { table: 'cartLines' } },
        { messageId: 'unknownTable', line: 3, column: 41, endLine: 3, endColumn: 56, data: { table: 'productVariants' } },
      ],
    },
    {
      name: "Objection's snakeCaseMappers (a model's column mapper) maps no table name",
      filename: 'services/cart/src/lines.js',
      code: knexLines,
      files: { ...schema, ...knexDb(', ...snakeCaseMappers()') },
      config: shop,
      errors: [
        { messageId: 'unknownTable', line: 2, column: 29, endLine: 2, endColumn: 38, data: { table: 'cartLines' } },
        { messageId: 'unknownTable', line: 2, column: 47, endLine: 2, endColumn: 62, data: { table: 'productVariants' } },
      ],
    },
    {
      name: "the plugin maps its own service's names only: catalog reading 'cartLines' without one is unknown",
      filename: 'services/catalog/src/peek.ts',
      code: "import { Kysely } from 'kysely';\nexport const peek = (db: Kysely<DB>) => db.selectFrom('cartLines').selectAll().execute();",
      files: { ...schema, ...kyselyDb('new CamelCasePlugin()') },
      config: shop,
      errors: [{ messageId: 'unknownTable', line: 2, column: 56, endLine: 2, endColumn: 65, data: { table: 'cartLines' } }],
    },
  ],
});
