/**
 * Tables named through query-builder, migration-builder and driver-helper APIs rather than SQL
 * text — node-pg-migrate's `pgm`, Kysely, Objection models, postgres.js `sql('t')`, pg-promise
 * `ColumnSet` — as the cross-service rules see them, with their lookalikes.
 */
import crossServiceForeignKey from '../../rules/no-cross-service-foreign-key.js';
import crossServiceQuery from '../../rules/no-cross-service-query.js';
import unknownTable from '../../rules/unknown-table.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { ruleTester } from '../rule-tester.js';

/** Services that own no table by config: what their migrations create is theirs. */
const shop: NilecareConfig = {
  dialect: 'postgresql',
  services: [
    { name: 'orders', roots: ['services/orders'], databases: ['orders'] },
    { name: 'accounts', roots: ['services/accounts'], databases: ['accounts'] },
    { name: 'catalog', roots: ['services/catalog'], databases: ['catalog'] },
    { name: 'users-api', roots: ['services/users-api'], databases: ['users'] },
    { name: 'payouts', roots: ['services/payouts'], databases: ['payouts'] },
  ],
};

/** users-api creates `users` with knex and maps it with an Objection model; payouts keeps a read-only model of it. */
const objectionModels = {
  'services/users-api/migrations/20230105101500_create_users.js':
    "exports.up = (knex) => knex.schema.createTable('users', (t) => { t.bigIncrements('id'); t.boolean('is_kyc_verified'); });",
  'services/users-api/src/models/User.ts':
    "import { Model } from 'objection';\nexport class User extends Model {\n  static tableName = 'users';\n}",
  'services/payouts/src/models/UserRef.ts':
    "import { Model } from 'objection';\nexport class UserRef extends Model {\n  static get tableName() {\n    return 'users';\n  }\n}",
};

/**
 * payouts creates `payouts`; its Payout model relates to users-api's users twice: `recipient` through
 * the join alone (modelClass is a path), `owner` through users-api's User class. users-api's User
 * relates to its own api_keys.
 */
const objectionRelations = {
  ...objectionModels,
  'services/users-api/migrations/20230105101600_create_api_keys.js':
    "exports.up = (knex) => knex.schema.createTable('api_keys', (t) => { t.bigIncrements('id'); t.bigInteger('user_id'); });",
  'services/users-api/src/models/ApiKey.ts':
    "import { Model } from 'objection';\nexport class ApiKey extends Model {\n  static tableName = 'api_keys';\n}",
  'services/users-api/src/models/UserWithKeys.ts': [
    "import { Model } from 'objection';",
    "import { ApiKey } from './ApiKey';",
    'export class UserWithKeys extends Model {',
    "  static tableName = 'users';",
    "  static relationMappings = { keys: { relation: Model.HasManyRelation, modelClass: ApiKey, join: { from: 'users.id', to: 'api_keys.user_id' } } };",
    '  revoke() {',
    "    return this.$relatedQuery('keys').delete();",
    '  }',
    '}',
  ].join('\n'),
};
const payoutRelations = {
  ...objectionRelations,
  'services/payouts/migrations/20230201000000_create_payouts.js':
    "exports.up = (knex) => knex.schema.createTable('payouts', (t) => { t.bigIncrements('id'); t.bigInteger('user_id'); });",
  'services/payouts/src/models/Payout.ts': [
    "import path from 'node:path';",
    "import { Model } from 'objection';",
    "import { User } from '../../../users-api/src/models/User';",
    'export class Payout extends Model {',
    "  static tableName = 'payouts';",
    '  static get relationMappings() {',
    '    return {',
    "      recipient: { relation: Model.BelongsToOneRelation, modelClass: path.join(__dirname, 'UserRef'), join: { from: 'payouts.user_id', to: 'users.id' } },",
    "      owner: { relation: Model.BelongsToOneRelation, modelClass: User, join: { from: 'payouts.user_id', to: 'users.id' } },",
    '    };',
    '  }',
    '}',
  ].join('\n'),
};

const ordersMigration = {
  'services/orders/migrations/1694000000000_init.js': [
    'exports.up = (pgm) => {',
    "  pgm.createTable('orders', { id: 'id', customer_id: { type: 'bigint', notNull: true } });",
    "  pgm.createTable('order_items', { id: 'id', order_id: { type: 'bigint', references: 'orders' } });",
    '};',
    "exports.down = (pgm) => { pgm.dropTable('order_items'); pgm.dropTable('orders'); };",
  ].join('\n'),
};

/** orders and catalog each keep an `outbox`; orders creates `order_items`. */
const kyselyTables = {
  'services/orders/migrations/V1__init.sql':
    'CREATE TABLE order_items (id SERIAL PRIMARY KEY, product_id INT NOT NULL);\nCREATE TABLE outbox (id SERIAL PRIMARY KEY);',
  'services/catalog/migrations/V1__init.sql':
    'CREATE TABLE products (id SERIAL PRIMARY KEY);\nCREATE TABLE outbox (id SERIAL PRIMARY KEY);',
};
/** accounts' db-migrate migration: its changes bound for async.series (HELDOUT9 #5, unleash's shape). */
const dbMigrateBound = {
  'services/accounts/migrations/20200928194947-add-projects.js': [
    "'use strict';",
    "const async = require('async');",
    'exports.up = function (db, cb) {',
    '  async.series([',
    "    db.createTable.bind(db, 'projects', { id: { type: 'string', primaryKey: true }, name: { type: 'string' } }),",
    "    db.runSql.bind(db, `INSERT INTO projects(id, name) VALUES('default', 'Default')`),",
    '  ], cb);',
    '};',
    "exports.down = function (db, cb) { return db.dropTable('projects', cb); };",
  ].join('\n'),
};

/** catalog as Ghost is (HELDOUT9 #2): tables in a knex-migrator schema module, later ones from its migration helpers. */
const knexMigratorSchema = {
  'services/catalog/core/server/data/schema/schema.js': [
    'module.exports = {',
    "  products: { id: { type: 'string', maxlength: 24, nullable: false, primary: true }, name: { type: 'string', maxlength: 191 } },",
    "  product_tags: { id: { type: 'string', maxlength: 24, primary: true }, product_id: { type: 'string', references: 'products.id' } },",
    '};',
  ].join('\n'),
  'services/catalog/core/server/data/migrations/versions/5.9/2022-08-15-05-34-add-suppressions.js':
    "const { addTable } = require('../../utils');\nmodule.exports = addTable('suppressions', { id: { type: 'string', maxlength: 24, primary: true } });",
  'services/catalog/core/server/data/migrations/versions/6.1/2026-01-01-00-00-00-gift-links.js': [
    "const { commands } = require('../../../schema');",
    "module.exports = createTransactionalMigration(async function up(knex) { await commands.createTable('gift_links', knex); });",
  ].join('\n'),
};

const ordersDb =
  "import { Kysely, PostgresDialect } from 'kysely';\nconst ordersDb = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool({ database: 'orders' }) }) });";

ruleTester.run(unknownTable, {
  valid: [
    {
      name: "node-pg-migrate: the tables a service's pgm.createTable creates are its own",
      filename: 'services/orders/src/orders.js',
      code: "module.exports.get = (id) => pool.query('SELECT * FROM orders JOIN order_items ON order_items.order_id = orders.id WHERE orders.id = $1', [id]);",
      files: ordersMigration,
      config: shop,
    },
    {
      name: "db-migrate: the table a bound db.createTable.bind(db, 'projects', …) creates is the service's own",
      filename: 'services/accounts/src/projects.js',
      code: "module.exports.all = () => pool.query('SELECT id, name FROM projects');",
      files: dbMigrateBound,
      config: shop,
    },
    {
      name: "a knex-migrator schema module's tables and the migration helpers' (addTable, commands.createTable) are the service's own (HELDOUT9 #2)",
      filename: 'services/catalog/core/server/models/post.js',
      code: "module.exports.list = (knex) => knex('products').join('product_tags', 'product_tags.product_id', 'products.id').union(knex('suppressions').select('id'), knex('gift_links').select('id'));",
      files: knexMigratorSchema,
      config: shop,
    },
  ],
  invalid: [
    {
      name: 'a knex-migrator-shaped object outside a schema module, and a createTable helper outside migrations, create no table',
      filename: 'services/catalog/src/report.js',
      code: "module.exports.all = (knex) =>\n  knex('products').select('id');",
      files: {
        'services/catalog/src/exporter.js': "module.exports = { products: { id: { type: 'string', maxlength: 24, primary: true } } };",
        'services/catalog/src/pdf.js': "module.exports.make = (ui) => ui.createTable('products', {});",
      },
      config: shop,
      errors: [{ messageId: 'unknownTable', line: 2, column: 9, endLine: 2, endColumn: 17, data: { table: 'products' } }],
    },
    {
      name: "db-migrate: a bound db.runSql.bind(db, '…') is SQL the migration runs (its UPDATE of a table nobody creates)",
      filename: 'services/accounts/migrations/20200928194947-add-projects.js',
      code: dbMigrateBound['services/accounts/migrations/20200928194947-add-projects.js'].replace(
        "'Default')`",
        "'Default'); UPDATE features SET project = 'default'`",
      ),
      config: shop,
      errors: [{ messageId: 'unknownTable', line: 6, column: 93, endLine: 6, endColumn: 101, data: { table: 'features' } }],
    },
    {
      name: 'a createTable on something that is no migration builder declares nothing',
      filename: 'services/orders/src/report.js',
      code: "module.exports.all = () => pool.query('SELECT * FROM invoices');",
      files: { 'services/orders/src/pdf.js': "const doc = makePdf();\ndoc.createTable('invoices', { rows: [] });" },
      config: shop,
      errors: [{ messageId: 'unknownTable', line: 1, column: 54, endLine: 1, endColumn: 62, data: { table: 'invoices' } }],
    },
  ],
});

ruleTester.run(crossServiceQuery, {
  valid: [
    {
      name: "Kysely: the service's own tables, and selectFrom on something that is no Kysely instance",
      filename: 'services/catalog/src/products.ts',
      code: [
        "import { db } from './db';",
        "export const all = () => db.selectFrom('products').innerJoin('outbox', 'outbox.id', 'products.id').selectAll().execute();",
        "export const pick = (menu: Menu) => menu.selectFrom('order_items');",
      ].join('\n'),
      files: kyselyTables,
      config: shop,
    },
    {
      name: 'Kysely: a factory of something else makes no query builder, and an arrow factory of a Kysely without a pool database keeps the own table (issue 14)',
      filename: 'services/catalog/src/pick.ts',
      code: [
        "import { createMenu, createCatalogDb } from './factories';",
        'const menu = createMenu();',
        'const db = createCatalogDb();',
        "export const pick = () => menu.deleteFrom('order_items');",
        "export const drain = () => db.deleteFrom('outbox');",
      ].join('\n'),
      files: {
        ...kyselyTables,
        'services/catalog/src/factories.ts': [
          "import { Kysely } from 'kysely';",
          'export function createMenu() {',
          '  return { deleteFrom: (name: string) => name };',
          '}',
          'export const createCatalogDb = () => new Kysely<any>({ dialect });',
        ].join('\n'),
      },
      config: shop,
    },
    {
      name: "Objection: the owner's own model, while another service keeps a read-only model of the table",
      filename: 'services/users-api/src/routes/users.ts',
      code: "import { User } from '../models/User';\nexport const verify = (id: number) => User.query().patch({ is_kyc_verified: true }).where('id', id);",
      files: objectionModels,
      config: shop,
    },
    {
      name: "Objection: a model's own relation to its own service's table, through this.$relatedQuery and on an instance",
      filename: 'services/users-api/src/keys.ts',
      code: "import { UserWithKeys } from './models/UserWithKeys';\nexport const keys = async (id: number) => (await UserWithKeys.query().findById(id))!.$relatedQuery('keys');",
      files: objectionRelations,
      config: shop,
    },
    {
      name: "Slonik: sql.identifier of the service's own table, and of a name built at run time",
      filename: 'services/catalog/src/products.ts',
      code: [
        "import { sql } from 'slonik';",
        "const PRODUCTS = sql.identifier(['products']);",
        'export const count = (pool) => pool.oneFirst(sql.unsafe`SELECT count(*) FROM ${PRODUCTS}`);',
        "export const any = (pool, table: string) => pool.any(sql.unsafe`SELECT * FROM ${sql.identifier(['public', table])}`);",
      ].join('\n'),
      files: kyselyTables,
      config: shop,
    },
    {
      name: "node-pg-migrate: the owner's own DELETE",
      filename: 'services/orders/src/purge.js',
      code: "module.exports.purge = (id) => pool.query('DELETE FROM orders WHERE customer_id = $1', [id]);",
      files: ordersMigration,
      config: shop,
    },
  ],
  invalid: [
    {
      name: "db-migrate: another service's read of the table accounts' bound createTable creates",
      filename: 'services/orders/src/report.js',
      code: "module.exports.all = () =>\n  pool.query('SELECT p.id FROM projects p');",
      files: dbMigrateBound,
      config: shop,
      errors: [
        {
          messageId: 'foreignTable',
          line: 2,
          column: 32,
          endLine: 2,
          endColumn: 40,
          data: { service: 'orders', verb: 'reads', table: 'projects', owner: 'accounts' },
        },
      ],
    },
    {
      name: "another service's read of a table of catalog's knex-migrator schema module, and of one its addTable helper created (HELDOUT9 #2)",
      filename: 'services/orders/src/report.js',
      code: "module.exports.all = (pool) =>\n  pool.query('SELECT p.id FROM products p JOIN suppressions s ON s.id = p.id');",
      files: knexMigratorSchema,
      config: shop,
      errors: [
        {
          messageId: 'foreignTable',
          line: 2,
          column: 32,
          endLine: 2,
          endColumn: 40,
          data: { service: 'orders', verb: 'reads', table: 'products', owner: 'catalog' },
        },
        {
          messageId: 'foreignTable',
          line: 2,
          column: 48,
          endLine: 2,
          endColumn: 60,
          data: { service: 'orders', verb: 'reads', table: 'suppressions', owner: 'catalog' },
        },
      ],
    },
    {
      name: "node-pg-migrate: another service's DELETE of a table pgm.createTable declared",
      filename: 'services/accounts/src/gdpr-erase.js',
      code: "module.exports.erase = (id) => pool.query('DELETE FROM orders WHERE customer_id = $1', [id]);",
      files: ordersMigration,
      config: shop,
      errors: [
        {
          messageId: 'foreignTable',
          line: 1,
          column: 56,
          endLine: 1,
          endColumn: 62,
          data: { service: 'accounts', verb: 'deletes from', table: 'orders', owner: 'orders' },
        },
      ],
    },
    {
      name: "Kysely: an instance imported from another file carries that file's pool database, even where nothing else shows it is Kysely",
      filename: 'services/catalog/src/routes/bestsellers.ts',
      code: [
        "import { ordersDb } from '../db';",
        "import { menu } from './menu';",
        "export const top = () => ordersDb.selectFrom('order_items').select(['product_id']);",
        "export const pick = () => menu.selectFrom('order_items');",
        "export const drain = () => ordersDb.deleteFrom('outbox').execute();",
      ].join('\n'),
      files: {
        ...kyselyTables,
        'services/catalog/src/db.ts': `${ordersDb}\nexport { ordersDb };`,
        'services/catalog/src/routes/menu.ts': 'export const menu = { selectFrom: (name: string) => name };',
      },
      config: shop,
      errors: [
        {
          messageId: 'foreignTable',
          line: 3,
          column: 47,
          endLine: 3,
          endColumn: 58,
          data: { verb: 'reads', table: 'order_items', owner: 'orders' },
        },
        {
          // Both services keep an outbox: only the imported instance's database makes this one orders'.
          messageId: 'foreignTable',
          line: 5,
          column: 49,
          endLine: 5,
          endColumn: 55,
          data: { verb: 'deletes from', table: 'outbox', owner: 'orders' },
        },
      ],
    },
    {
      name: "Kysely: an instance imported through an index barrel, and one a factory of another module makes, are that module's (issue 14)",
      filename: 'services/catalog/src/drain.ts',
      code: [
        "import { ordersDb } from './db';",
        "import { createOrdersDb } from './db/factory';",
        'const db = createOrdersDb();',
        "export const drain = () => ordersDb.deleteFrom('outbox').execute();",
        "export const bump = () => db.deleteFrom('outbox').where('id', '=', 1);",
      ].join('\n'),
      files: {
        ...kyselyTables,
        'services/catalog/src/db/index.ts': "export { ordersDb } from './orders';",
        'services/catalog/src/db/factory.ts': "export { createOrdersDb } from './orders';",
        'services/catalog/src/db/orders.ts': [
          "import { Kysely, PostgresDialect } from 'kysely';",
          'export function createOrdersDb() {',
          "  return new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool({ database: 'orders' }) }) });",
          '}',
          'export const ordersDb = createOrdersDb();',
        ].join('\n'),
      },
      config: shop,
      errors: [
        {
          messageId: 'foreignTable',
          line: 4,
          column: 49,
          endLine: 4,
          endColumn: 55,
          data: { verb: 'deletes from', table: 'outbox', owner: 'orders' },
        },
        {
          messageId: 'foreignTable',
          line: 5,
          column: 42,
          endLine: 5,
          endColumn: 48,
          data: { verb: 'deletes from', table: 'outbox', owner: 'orders' },
        },
      ],
    },
    {
      name: "Kysely: reads and writes of another service's table through a second instance, whose pool names that service's database",
      filename: 'services/catalog/src/bestsellers.ts',
      code: [
        ordersDb,
        "export const top = () => ordersDb.selectFrom('order_items').select(['product_id']).execute();",
        "export const bump = (id: number) => ordersDb.updateTable('order_items').set({ product_id: 2 }).where('id', '=', id).execute();",
        "export const drain = () => ordersDb.deleteFrom('outbox').execute();",
      ].join('\n'),
      files: kyselyTables,
      config: shop,
      errors: [
        {
          messageId: 'foreignTable',
          line: 3,
          column: 47,
          endLine: 3,
          endColumn: 58,
          data: { verb: 'reads', table: 'order_items', owner: 'orders' },
        },
        {
          messageId: 'foreignTable',
          line: 4,
          column: 59,
          endLine: 4,
          endColumn: 70,
          data: { verb: 'updates', table: 'order_items', owner: 'orders' },
        },
        {
          messageId: 'foreignTable',
          line: 5,
          column: 49,
          endLine: 5,
          endColumn: 55,
          data: { verb: 'deletes from', table: 'outbox', owner: 'orders' },
        },
      ],
    },
    {
      name: "Slonik's sql.identifier names another service's table: at its literal in the hole, at the hole for a const (HELDOUT7 #18)",
      filename: 'services/catalog/src/report.ts',
      code: [
        "import { sql } from 'slonik';",
        "const ITEMS = sql.identifier(['order_items']);",
        'export const count = (pool) => pool.oneFirst(sql.unsafe`SELECT count(*) FROM ${ITEMS}`);',
        "export const drain = (pool) => pool.query(sql.typeAlias('void')`DELETE FROM ${sql.identifier(['public', 'outbox'])} WHERE id = ${1}`);",
      ].join('\n'),
      files: { ...kyselyTables, 'services/catalog/migrations/V1__init.sql': 'CREATE TABLE products (id SERIAL PRIMARY KEY);' },
      config: shop,
      errors: [
        {
          messageId: 'foreignTable',
          line: 3,
          column: 80,
          endLine: 3,
          endColumn: 85,
          data: { verb: 'reads', table: 'order_items', owner: 'orders' },
        },
        {
          messageId: 'foreignTable',
          line: 4,
          column: 96,
          endLine: 4,
          endColumn: 112,
          data: { verb: 'deletes from', table: 'public.outbox', owner: 'orders' },
        },
      ],
    },
    {
      name: "postgres.js sql('t') and pg-promise's ColumnSet name another service's table outside the SQL text",
      filename: 'services/catalog/src/reports.ts',
      code: [
        'const sql = postgres(process.env.ORDERS_URL!);',
        "export const count = () => sql`SELECT count(*) FROM ${sql('order_items')}`;",
        "const cs = new pgp.helpers.ColumnSet(['product_id'], { table: 'order_items' });",
        'export const load = (rows: unknown[]) => db.none(pgp.helpers.insert(rows, cs));',
        "export const own = () => sql`SELECT * FROM ${sql('products')}`;",
      ].join('\n'),
      files: kyselyTables,
      config: shop,
      errors: [
        {
          messageId: 'foreignTable',
          line: 2,
          column: 60,
          endLine: 2,
          endColumn: 71,
          data: { verb: 'reads', table: 'order_items', owner: 'orders' },
        },
        {
          messageId: 'foreignTable',
          line: 3,
          column: 64,
          endLine: 3,
          endColumn: 75,
          data: { verb: 'inserts into', table: 'order_items', owner: 'orders' },
        },
      ],
    },
    {
      name: "Objection: a service's own model of another service's table (static get tableName) is a read of that table, not a second owner's",
      filename: 'services/payouts/src/pay.ts',
      code: "import { UserRef } from './models/UserRef';\nexport const canPay = async (id: number) => (await UserRef.query().findById(id))?.is_kyc_verified === true;",
      files: objectionModels,
      config: shop,
      errors: [
        {
          messageId: 'foreignTable',
          line: 2,
          column: 52,
          endLine: 2,
          endColumn: 59,
          data: { service: 'payouts', verb: 'reads', table: 'users', owner: 'users-api' },
        },
      ],
    },
    {
      name: "Objection: $relatedQuery on an instance of the service's own model reaches the related table, another service's (by modelClass or by the join)",
      filename: 'services/payouts/src/recipients.ts',
      // The model's own join columns ('users.id') are reads of users where it declares them, as before.
      code: [
        "import { Payout } from './models/Payout';",
        'export async function recipientOf(id: number) {',
        '  const payout = await Payout.query().findById(id);',
        "  const [who, owner] = await Promise.all([payout!.$relatedQuery('recipient'), payout!.$relatedQuery('owner').patch({ is_kyc_verified: true })]);",
        '  return { who, owner };',
        '}',
      ].join('\n'),
      files: payoutRelations,
      config: shop,
      errors: [
        {
          file: 'services/payouts/src/models/Payout.ts',
          messageId: 'foreignTable',
          line: 8,
          column: 141,
          endLine: 8,
          endColumn: 146,
          data: { service: 'payouts', verb: 'reads', table: 'users', owner: 'users-api' },
        },
        {
          file: 'services/payouts/src/models/Payout.ts',
          messageId: 'foreignTable',
          line: 9,
          column: 110,
          endLine: 9,
          endColumn: 115,
          data: { service: 'payouts', verb: 'reads', table: 'users', owner: 'users-api' },
        },
        {
          messageId: 'foreignTable',
          line: 4,
          column: 66,
          endLine: 4,
          endColumn: 75,
          data: { service: 'payouts', verb: 'reads', table: 'users', owner: 'users-api' },
        },
        {
          messageId: 'foreignTable',
          line: 4,
          column: 102,
          endLine: 4,
          endColumn: 107,
          data: { service: 'payouts', verb: 'updates', table: 'users', owner: 'users-api' },
        },
      ],
    },
    {
      name: "Objection: another service's model imported from its folder, written through",
      filename: 'services/payouts/src/kyc.ts',
      code: "import { User } from '../../users-api/src/models/User';\nexport const clear = (id: number) => User.query().patch({ is_kyc_verified: false }).where('id', id);",
      files: objectionModels,
      config: shop,
      errors: [
        {
          messageId: 'foreignTable',
          line: 2,
          column: 38,
          endLine: 2,
          endColumn: 42,
          data: { service: 'payouts', verb: 'updates', table: 'users', owner: 'users-api' },
        },
      ],
    },
  ],
});

ruleTester.run(crossServiceForeignKey, {
  valid: [
    {
      name: "node-pg-migrate: references to the service's own table",
      filename: 'services/orders/migrations/1694000000000_init.js',
      code: ordersMigration['services/orders/migrations/1694000000000_init.js'],
      config: shop,
    },
  ],
  invalid: [
    {
      name: "node-pg-migrate: a column's references and a constraint's foreignKeys to another service's table",
      filename: 'services/accounts/migrations/1695000000000_wishlists.js',
      code: [
        'exports.up = (pgm) => {',
        "  pgm.createTable('wishlists', { id: 'id', order_id: { type: 'bigint', references: 'orders(id)' } });",
        "  pgm.addConstraint('wishlists', 'fk_item', { foreignKeys: { columns: 'item_id', references: 'order_items' } });",
        '};',
      ].join('\n'),
      files: ordersMigration,
      config: shop,
      errors: [
        {
          messageId: 'foreignKey',
          line: 2,
          column: 85,
          endLine: 2,
          endColumn: 91,
          data: { table: 'wishlists', service: 'accounts', referenced: 'orders', owner: 'orders' },
        },
        { messageId: 'foreignKey', line: 3, column: 95, endLine: 3, endColumn: 106, data: { referenced: 'order_items', owner: 'orders' } },
      ],
    },
  ],
});
