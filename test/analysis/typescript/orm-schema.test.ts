/**
 * Tables that ORM schema APIs and entity declarations create, rename and drop, as facts: the
 * model replays them with SQL migrations (test/model/orm-table-history.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { extractScript } from '../../../src/analysis/typescript/index.js';
import { mikroOrmTableName, typeormTableName } from '../../../src/analysis/typescript/orm/naming.js';

const extract = (code: string, file = 'm.ts') => extractScript(file, code).script;
/** `action name[@qualifier] "text at the span"` per ORM table reference, with `→ new` for renames. */
const refs = (code: string) =>
  extract(code).ormRefs.map((r) => {
    const at = `${r.action} ${r.qualifier ? `${r.qualifier}.` : ''}${r.name} "${code.slice(r.fileSpan.start, r.fileSpan.end)}"`;
    return r.renamedTo ? `${at} → ${r.renamedTo.name} "${code.slice(r.renamedTo.fileSpan.start, r.renamedTo.fileSpan.end)}"` : at;
  });
/** `library symbol table[@qualifier] "text at the span"` per entity definition. */
const defs = (code: string) =>
  extract(code).ormEntities.map(
    (d) =>
      `${d.library} ${d.symbol} ${d.qualifier ? `${d.qualifier}.` : ''}${d.table}${d.view ? ' (view)' : ''} "${code.slice(d.fileSpan.start, d.fileSpan.end)}"`,
  );

describe('knex schema builder', () => {
  it('reads createTable, alterTable, renameTable (old name carries the new one), dropTable and hasTable', () => {
    const code = [
      'exports.up = async (knex) => {',
      "  await knex.schema.createTable('stocks', (t) => t.increments('id'));",
      "  await knex.schema.alterTable('stocks', (t) => t.integer('reserved'));",
      "  await knex.schema.renameTable('stock_levels', 'stock_snapshots');",
      "  await knex.schema.dropTableIfExists('legacy_stock_import');",
      "  if (await knex.schema.hasTable('audit')) return;",
      "  await knex.schema.withSchema('inventory').createTable('warehouses', (t) => t.increments('id'));",
      '};',
    ].join('\n');
    expect(refs(code)).toEqual([
      'create stocks "stocks"',
      'alter stocks "stocks"',
      'alter stock_levels "stock_levels" → stock_snapshots "stock_snapshots"',
      'alter stock_snapshots "stock_snapshots"',
      'drop legacy_stock_import "legacy_stock_import"',
      'other audit "audit"',
      'create inventory.warehouses "warehouses"',
    ]);
  });

  it('a rename whose new name the file does not fix is an alter of the old name only', () => {
    expect(refs("knex.schema.renameTable('stock_levels', `${prefix}_levels`);")).toEqual(['alter stock_levels "stock_levels"']);
  });
});

describe('node-pg-migrate MigrationBuilder', () => {
  const fks = (code: string) =>
    extract(code)
      .ormRefs.filter((r) => r.action === 'references')
      .map(
        (r) =>
          `${r.declaringTable?.name} → ${r.qualifier ? `${r.qualifier}.` : ''}${r.name} "${code.slice(r.fileSpan.start, r.fileSpan.end)}"`,
      );

  it('reads createTable, renameTable, dropTable, addColumns and createIndex on pgm, with { schema, name } tables', () => {
    const code = [
      'exports.up = (pgm) => {',
      "  pgm.createTable('orders', { id: 'id', customer_id: { type: 'bigint', notNull: true } });",
      "  pgm.createTable({ schema: 'sales', name: 'order_items' }, { id: 'id' });",
      "  pgm.renameTable('carts', 'baskets');",
      "  pgm.addColumns('orders', { note: { type: 'text' } });",
      "  pgm.createIndex('orders', 'customer_id');",
      "  pgm.dropTable('legacy_orders');",
      '};',
    ].join('\n');
    expect(refs(code)).toEqual([
      'create orders "orders"',
      'create sales.order_items "order_items"',
      'alter carts "carts" → baskets "baskets"',
      'alter baskets "baskets"',
      'alter orders "orders"',
      'alter orders "orders"',
      'drop legacy_orders "legacy_orders"',
    ]);
  });

  it('a builder under another name: a MigrationBuilder parameter, or the first parameter of up / down', () => {
    const code = [
      "import { MigrationBuilder } from 'node-pg-migrate';",
      "export async function up(builder: MigrationBuilder) { builder.createTable('payments', { id: 'id' }); }",
      "export const down = (m) => m.dropTable('refunds');",
      "module.exports = { up: function (db) { return db.createTable('ledgers', { id: 'int' }); } };",
    ].join('\n');
    expect(refs(code)).toEqual(['create payments "payments"', 'drop refunds "refunds"', 'create ledgers "ledgers"']);
  });

  it('lookalikes: createTable on something that is no migration builder', () => {
    const code = [
      "const pdf = makePdf(); pdf.createTable('orders', { rows: [] });",
      "function render(doc) { doc.createTable('orders', {}); doc.dropTable('payments'); }",
      "export function up(n: number, builder) { builder.createTable('refunds', {}); }",
    ].join('\n');
    expect(refs(code)).toEqual([]);
  });

  it("foreign keys of columns and constraints: 'orders', 'orders(id)', quoted and { schema, name } references", () => {
    const code = [
      'exports.up = (pgm) => {',
      '  pgm.createTable(',
      "    'shipments',",
      "    { order_id: { type: 'bigint', references: 'orders' }, payment_id: { type: 'bigint', references: 'billing.payments(id)' } },",
      "    { constraints: { foreignKeys: [{ columns: 'carrier_id', references: '\"carriers\"' }] } },",
      '  );',
      "  pgm.addColumns('shipments', { customer_id: { type: 'bigint', references: { schema: 'crm', name: 'customers' } } });",
      "  pgm.addConstraint('shipments', 'fk_route', { foreignKeys: { columns: 'route_id', references: 'routes (id)' } });",
      '};',
    ].join('\n');
    expect(fks(code)).toEqual([
      'shipments → orders "orders"',
      'shipments → billing.payments "billing.payments"',
      'shipments → carriers ""carriers""',
      'shipments → crm.customers "customers"',
      'shipments → routes "routes"',
    ]);
  });

  it("db-migrate's column foreignKey: { table } and addForeignKey('t', 'referenced', …)", () => {
    const code = [
      'exports.up = async function (db) {',
      "  await db.createTable('payouts', {",
      "    id: { type: 'int', primaryKey: true },",
      "    trip_id: { type: 'string', foreignKey: { name: 'payouts_trip_id_fk', table: 'trips', rules: { onDelete: 'RESTRICT' }, mapping: 'id' } },",
      "    note: { type: 'string', foreignKey: { name: 'not_a_table' } },",
      '  });',
      "  await db.addForeignKey('payouts', 'drivers', 'payouts_driver_id_fk', { driver_id: 'id' }, { onDelete: 'CASCADE' });",
      '};',
    ].join('\n');
    expect(fks(code)).toEqual(['payouts → trips "trips"', 'payouts → drivers "drivers"']);
  });

  it("db-migrate's bound calls in async.series: db.createTable.bind(db, 't', {…}) is db.createTable('t', {…}) (HELDOUT9 #5)", () => {
    const code = [
      "const async = require('async');",
      'exports.up = function (db, cb) {',
      '  async.series([',
      "    db.createTable.bind(db, 'projects', { id: { type: 'string', primaryKey: true }, owner_id: { type: 'int', foreignKey: { name: 'fk', table: 'users', mapping: 'id' } } }),",
      "    db.addColumn.bind(db, 'features', 'project', { type: 'string' }),",
      "    db.removeColumn.bind(db, 'strategies', 'legacy'),",
      "    db.renameTable.bind(db, 'feature_tags', 'tags'),",
      '  ], cb);',
      '};',
      "exports.down = function (db, cb) { return db.dropTable.bind(db, 'projects')(cb); };",
    ].join('\n');
    expect(refs(code)).toEqual([
      'create projects "projects"',
      'references users "users"',
      'alter features "features"',
      'alter strategies "strategies"',
      'alter feature_tags "feature_tags" → tags "tags"',
      'alter tags "tags"',
      'drop projects "projects"',
    ]);
    expect(fks(code)).toEqual(['projects → users "users"']);
  });

  it('lookalikes: a bind to another object, a bind without arguments, bind on no migration builder', () => {
    const code = [
      'exports.up = function (db, cb) {',
      "  const make = db.createTable.bind(other, 'orders', {});",
      '  const later = db.createTable.bind(db);',
      "  const pdf = doc.createTable.bind(doc, 'invoices', {});",
      '};',
    ].join('\n');
    expect(refs(code)).toEqual([]);
  });
});

describe('TypeORM QueryRunner', () => {
  it('reads createTable(new Table({ name, schema })), renameTable, dropTable, column and index changes', () => {
    const code = [
      'export class Init implements MigrationInterface {',
      '  async up(queryRunner: QueryRunner) {',
      "    await queryRunner.createTable(new Table({ name: 'product_images', schema: 'media', columns: [] }), true);",
      "    await queryRunner.addColumn('products', new TableColumn({ name: 'sku', type: 'varchar' }));",
      "    await queryRunner.renameTable('product_tags', 'tags');",
      "    await queryRunner.createIndex('products', new TableIndex({ columnNames: ['sku'] }));",
      "    await queryRunner.dropTable('legacy_products');",
      "    await queryRunner.clearTable('cache');",
      '  }',
      '}',
    ].join('\n');
    expect(refs(code)).toEqual([
      'create media.product_images "product_images"',
      'alter products "products"',
      'alter product_tags "product_tags" → tags "tags"',
      'alter tags "tags"',
      'alter products "products"',
      'drop legacy_products "legacy_products"',
      'truncate cache "cache"',
    ]);
  });

  it('a foreign key references its referencedTableName', () => {
    const code =
      "await queryRunner.createForeignKey('product_images', new TableForeignKey({ columnNames: ['product_id'], referencedTableName: 'products', referencedColumnNames: ['id'] }));";
    expect(refs(code)).toEqual(['alter product_images "product_images"', 'references products "products"']);
  });

  it('takes createTable(new Table(…)) on any receiver, other methods only on a query runner', () => {
    expect(refs("await runner.createTable(new Table({ name: 'a' }));\nawait cache.dropTable('b');\nawait qr.dropTable('c');")).toEqual([
      'create a "a"',
      'drop c "c"',
    ]);
  });
});

describe('Sequelize QueryInterface', () => {
  it('reads createTable (name or { tableName, schema }), renameTable, dropTable, column changes and bulk writes', () => {
    const code = [
      'module.exports = {',
      '  async up(queryInterface, Sequelize) {',
      "    await queryInterface.createTable('carts', { id: { type: Sequelize.INTEGER, primaryKey: true } });",
      "    await queryInterface.createTable({ tableName: 'cart_items', schema: 'shop' }, {});",
      "    await queryInterface.createTable('coupons', {}, { schema: 'promo' });",
      "    await queryInterface.addColumn('carts', 'total', Sequelize.DECIMAL);",
      "    await queryInterface.renameTable('wishlists', 'saved_lists');",
      "    await queryInterface.bulkInsert('carts', [{ id: 1 }]);",
      "    await queryInterface.dropTable('sessions');",
      '  },',
      '};',
    ].join('\n');
    expect(refs(code)).toEqual([
      'create carts "carts"',
      'create shop.cart_items "cart_items"',
      'create promo.coupons "coupons"',
      'alter carts "carts"',
      'alter wishlists "wishlists" → saved_lists "saved_lists"',
      'alter saved_lists "saved_lists"',
      'insert carts "carts"',
      'drop sessions "sessions"',
    ]);
  });

  it('ignores the same method names on other receivers', () => {
    expect(refs("await storage.dropTable('x');\nawait api.createTable('y', {});")).toEqual([]);
  });
});

describe('entity declarations', () => {
  it('TypeORM @Entity() without a name takes the default naming strategy: the class name snake_cased', () => {
    const code =
      "import { Entity } from 'typeorm';\n@Entity()\nexport class OrderNote {}\n@Entity({ schema: 'crm' })\nexport class HTMLPage {}";
    expect(defs(code)).toEqual(['typeorm OrderNote order_note "OrderNote"', 'typeorm HTMLPage crm.html_page "HTMLPage"']);
  });

  it('@ViewEntity declares a view, named or by default', () => {
    const code = [
      "@ViewEntity({ name: 'product_sales', expression: `SELECT 1` })",
      'export class ProductSales {}',
      "@ViewEntity('order_totals')",
      'export class OrderTotals {}',
      '@ViewEntity({ expression: `SELECT 1` })',
      'export class DailyRevenue {}',
    ].join('\n');
    expect(defs(code)).toEqual([
      'typeorm ProductSales product_sales (view) "product_sales"',
      'typeorm OrderTotals order_totals (view) "order_totals"',
      'typeorm DailyRevenue daily_revenue (view) "DailyRevenue"',
    ]);
  });

  it('MikroORM @Entity({ tableName | collection }) and @Entity() with its underscore naming, told apart by the import', () => {
    const code = [
      "import { Entity, PrimaryKey } from '@mikro-orm/core';",
      "@Entity({ tableName: 'reviews', schema: 'shop' })",
      'export class Review {}',
      '@Entity()',
      'export class ReviewVote {}',
      "@Entity({ collection: 'review_flags' })",
      'export class ReviewFlag {}',
      '@Entity({ name: "ignored" })',
      'export class HTMLPage {}',
    ].join('\n');
    expect(defs(code)).toEqual([
      'mikro-orm Review shop.reviews "reviews"',
      'mikro-orm ReviewVote review_vote "ReviewVote"',
      'mikro-orm ReviewFlag review_flags "review_flags"',
      'mikro-orm HTMLPage htmlpage "HTMLPage"',
    ]);
  });

  it('EntitySchema maps its variable and its entity name to the table (TypeORM and MikroORM defaults differ)', () => {
    const typeorm = [
      "import { EntitySchema } from 'typeorm';",
      "export const CategorySchema = new EntitySchema<Category>({ name: 'Category', tableName: 'categories', columns: {} });",
      "export const TagSchema = new EntitySchema({ name: 'ProductTag', columns: {} });",
    ].join('\n');
    expect(defs(typeorm)).toEqual([
      'typeorm CategorySchema categories "categories"',
      'typeorm Category categories "categories"',
      'typeorm TagSchema product_tag "ProductTag"',
      'typeorm ProductTag product_tag "ProductTag"',
    ]);
    const mikro =
      "import { EntitySchema } from '@mikro-orm/core';\nexport const schema = new EntitySchema({ name: 'BookTag', properties: {} });";
    expect(defs(mikro)).toEqual(['mikro-orm schema book_tag "BookTag"', 'mikro-orm BookTag book_tag "BookTag"']);
  });

  it('the default names follow each library: TypeORM snakeCase, MikroORM underscore', () => {
    expect(['OrderNote', 'HTMLPage', 'Item2Tag', 'ABTest', 'user'].map(typeormTableName)).toEqual([
      'order_note',
      'html_page',
      'item2_tag',
      'ab_test',
      'user',
    ]);
    expect(['OrderNote', 'HTMLPage', 'Item2Tag', 'ABTest', 'user'].map(mikroOrmTableName)).toEqual([
      'order_note',
      'htmlpage',
      'item2tag',
      'abtest',
      'user',
    ]);
  });
});

describe("a migration's down function", () => {
  const downs = (code: string) => (extract(code).migrationDown ?? []).map((s) => code.slice(s.start, s.end).split('\n')[0]);

  it('is found in knex, Sequelize and TypeORM shapes', () => {
    expect(downs("exports.up = (knex) => knex.schema.createTable('a');\nexports.down = (knex) => knex.schema.dropTable('a');")).toEqual([
      "(knex) => knex.schema.dropTable('a')",
    ]);
    expect(downs('module.exports = {\n  up: async (qi) => {},\n  down: async (qi) => {\n  },\n};')).toEqual(['async (qi) => {']);
    expect(downs('module.exports = { async up(qi) {}, async down(qi) {} };')).toEqual(['async down(qi) {}']);
    expect(downs('export class M { async up(q) {} public async down(q: QueryRunner): Promise<void> {} }')).toEqual([
      'public async down(q: QueryRunner): Promise<void> {}',
    ]);
    expect(downs('export async function up(knex) {}\nexport async function down(knex) {}')).toEqual([
      'export async function down(knex) {}',
    ]);
    expect(downs('export const down = async (knex) => {};')).toEqual(['async (knex) => {}']);
  });

  it("takes in a class's helper methods only its down reaches through this.m(…), never one up reaches (HELDOUT13 #23)", () => {
    const code = [
      'class Refactor1737076223692 {',
      '  async modifyTable(queryRunner) { await queryRunner.query(`alter table "organization" rename to "temp_organization";`); }',
      '  async deleteTempTable(queryRunner) { await queryRunner.query(`drop table "temp_organization";`); }',
      '  async restoreLegacy(queryRunner) { await this.createLegacy(queryRunner); }',
      '  async createLegacy(queryRunner) { await queryRunner.query(`create table "legacy_org" ("id" uuid);`); }',
      '  async shared(queryRunner) {}',
      '  async up(queryRunner) { await this.modifyTable(queryRunner); await this.deleteTempTable(queryRunner); await this.shared(queryRunner); }',
      '  async down(queryRunner) { await this.restoreLegacy(queryRunner); await this.shared(queryRunner); }',
      '}',
    ].join('\n');
    expect(downs(code).sort()).toEqual(
      [
        '  async createLegacy(queryRunner) { await queryRunner.query(`create table "legacy_org" ("id" uuid);`); }',
        '  async restoreLegacy(queryRunner) { await this.createLegacy(queryRunner); }',
        '  async down(queryRunner) { await this.restoreLegacy(queryRunner); await this.shared(queryRunner); }',
      ]
        .sort()
        .map((line) => line.trimStart()),
    );
    // A class without up and down is no migration; a call in a nested function has its own `this`.
    expect(downs('class Repo { async helper() {} async run() { await this.helper(); } }')).toEqual([]);
    expect(downs('class M { async h() {} async up() {} async down() { [1].forEach(function () { this.h(); }); } }')).toEqual([
      'async down() { [1].forEach(function () { this.h(); }); }',
    ]);
  });

  it('is not any other `down`', () => {
    expect(downs('const down = 3;\nobj.down = true;\nclass Elevator { down: number = 0 }\nconst x = { down: 1 };')).toEqual([]);
  });
});

describe("a project's migration helpers and knex-migrator schema modules (HELDOUT9 #2, #11)", () => {
  const refsAt = (file: string, code: string) =>
    extractScript(file, code).script.ormRefs.map((r) => `${r.action} ${r.name} "${code.slice(r.fileSpan.start, r.fileSpan.end)}"`);

  it("Ghost's addTable('x', spec) and commands.createTable('x', knex, spec), n8n's createTable('x') / dropTable('x'), in a migration", () => {
    const ghost = [
      "const { addTable } = require('../../utils');",
      "module.exports = addTable('suppressions', { id: { type: 'string', maxlength: 24, nullable: false, primary: true } });",
    ].join('\n');
    expect(refsAt('core/server/data/migrations/versions/5.9/2022-08-15-05-34-add-suppressions-table.js', ghost)).toEqual([
      'create suppressions "suppressions"',
    ]);
    const gift = [
      "const { commands } = require('../../../schema');",
      'module.exports = createTransactionalMigration(async function up(knex) {',
      "  await commands.createTable('gift_links', knex, { id: { type: 'string', maxlength: 24 } });",
      '}, async function down(knex) {',
      "  await commands.deleteTable('gift_links', knex);",
      '});',
    ].join('\n');
    expect(refsAt('core/server/data/migrations/versions/6.1/2026-01-01-00-00-00-gift-links.js', gift)).toEqual([
      'create gift_links "gift_links"',
    ]);
    const n8n = [
      'class CreateAgents1770000000000 {',
      '  async up({ schemaBuilder: { createTable, column } }) {',
      "    await createTable('agents').withColumns(column('id').uuid.primary);",
      '  }',
      '  async down({ schemaBuilder: { dropTable } }) {',
      "    await dropTable('agents');",
      '  }',
      '}',
    ].join('\n');
    expect(refsAt('packages/@n8n/db/src/migrations/common/1770000000000-CreateAgents.js', n8n)).toEqual([
      'create agents "agents"',
      'drop agents "agents"',
    ]);
  });

  it('lookalikes: the same helpers outside a migrations folder, or with no table name', () => {
    const code = [
      "addTable('orders', { rows: [] });",
      "ui.createTable('invoices', {});",
      'createTable(name, spec);',
      "createTable('not a name');",
    ].join('\n');
    expect(refsAt('src/reports/pdf.js', code)).toEqual([]);
    expect(refsAt('src/migrations/helpers.js', code)).toEqual(['create orders "orders"', 'create invoices "invoices"']);
  });

  it("a knex-migrator schema module's tables: module.exports = { table: { column: { type, nullable, maxlength… } } }", () => {
    const code = [
      'module.exports = {',
      '  posts: {',
      "    id: { type: 'string', maxlength: 24, nullable: false, primary: true },",
      "    title: { type: 'string', maxlength: 2000, nullable: false },",
      "    '@@INDEXES@@': [['updated_at']],",
      '  },',
      "  'posts_meta': { id: { type: 'string', maxlength: 24, nullable: false, primary: true }, post_id: { type: 'string', references: 'posts.id' } },",
      '};',
    ].join('\n');
    expect(refsAt('core/server/data/schema/schema.js', code)).toEqual(['create posts "posts"', 'create posts_meta "posts_meta"']);
    // the same object in a module of another name, outside a schema folder: no evidence it is a schema
    expect(refsAt('core/server/data/exporter/table-lists.js', code)).toEqual([]);
  });

  it('lookalikes: JSON Schema and OpenAPI objects in a schema folder, an object of types without column options', () => {
    const jsonSchema = [
      'module.exports = {',
      "  user: { type: 'object', properties: { name: { type: 'string' } } },",
      "  post: { title: { type: 'string', maxLength: 200, nullable: true }, body: { type: 'string' } },",
      '};',
    ].join('\n');
    expect(refsAt('src/api/schema/index.js', jsonSchema)).toEqual([]);
    const graphql = "export default { Query: { posts: { type: 'Post' } }, Post: { id: { type: 'ID' } } };";
    expect(refsAt('src/graphql/schema.ts', graphql)).toEqual([]);
  });
});
