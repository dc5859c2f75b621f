/**
 * Tables named through query APIs other than SQL text, as facts: Objection models and their
 * statics, Kysely's builder, postgres.js `sql('t')` identifiers and pg-promise's ColumnSet.
 */
import { describe, expect, it } from 'vitest';
import { extractScript } from '../../../src/analysis/typescript/index.js';

const extract = (code: string, file = 'm.ts') => extractScript(file, code).script;
const at = (code: string, span: { start: number; end: number }) => `"${code.slice(span.start, span.end)}"`;
/** `library action name[@qualifier] "text at the span"` per ORM table reference. */
const refs = (code: string) =>
  extract(code).ormRefs.map((r) => `${r.library} ${r.action} ${r.qualifier ? `${r.qualifier}.` : ''}${r.name} ${at(code, r.fileSpan)}`);
const defs = (code: string) =>
  extract(code).ormEntities.map(
    (d) =>
      `${d.library} ${d.symbol} ${d.qualifier ? `${d.qualifier}.` : ''}${d.table}${d.mapsOnly ? ' (maps only)' : ''} ${at(code, d.fileSpan)}`,
  );
const uses = (code: string) => extract(code).ormEntityUses.map((u) => `${u.symbol} ${u.action} ${at(code, u.fileSpan)}`);
/** `owner.name → target|table "relation name at its span"` per model relation. */
const relations = (code: string) =>
  (extract(code).ormRelations ?? []).map(
    (r) =>
      `${r.library} ${r.owner}.${r.name} → ${r.target ?? `${r.qualifier ? `${r.qualifier}.` : ''}${r.table}`}${r.targetOrigin ? ` from ${r.targetOrigin.specifier}` : ''} ${at(code, r.fileSpan)}`,
  );
const relationUses = (code: string) =>
  extract(code)
    .ormEntityUses.filter((u) => u.relation)
    .map((u) => `${u.symbol}.${u.relation} ${u.action} ${at(code, u.fileSpan)}`);

describe('Objection models', () => {
  it('static tableName (a property or a getter) maps the class to its table without declaring it', () => {
    const code = [
      "import { Model } from 'objection';",
      "export class User extends Model { static tableName = 'users'; }",
      "export class ApiKey extends Model {\n  static get tableName() {\n    return 'auth.api_keys';\n  }\n}",
      "const TABLE = 'payouts';",
      'export class Payout extends BaseModel { static tableName = TABLE; }',
    ].join('\n');
    expect(defs(code)).toEqual([
      'objection User users (maps only) "users"',
      'objection ApiKey auth.api_keys (maps only) "auth.api_keys"',
      'objection Payout payouts (maps only) "TABLE"',
    ]);
  });

  it('lookalikes: an instance tableName, a class extending nothing, a computed getter', () => {
    const code = [
      "class Report extends Base { tableName = 'users'; }",
      "class Settings { static tableName = 'users'; }",
      "class Dynamic extends Model { static get tableName() { if (x) return 'a'; return 'b'; } }",
      "class Pdf extends Doc { static tableName = 'Order summary'; }",
    ].join('\n');
    expect(defs(code)).toEqual([]);
  });

  it("relationMappings' join columns (and through) name the tables the relations read", () => {
    const code = [
      'export class User extends Model {',
      "  static tableName = 'users';",
      '  static relationMappings = () => ({',
      "    apiKeys: { relation: Model.HasManyRelation, modelClass: ApiKey, join: { from: 'users.id', to: 'api_keys.user_id' } },",
      '    roles: {',
      '      relation: Model.ManyToManyRelation,',
      '      modelClass: Role,',
      "      join: { from: 'users.id', through: { from: 'user_roles.user_id', to: 'user_roles.role_id' }, to: ['roles.id'] },",
      '    },',
      '  });',
      '}',
    ].join('\n');
    expect(refs(code)).toEqual([
      'objection select users "users"',
      'objection select api_keys "api_keys"',
      'objection select users "users"',
      'objection select user_roles "user_roles"',
      'objection select user_roles "user_roles"',
      'objection select roles "roles"',
    ]);
  });

  it('M.query() and M.relatedQuery() are uses of the model, with the action of the chain; E.query(sql) is not', () => {
    const code = [
      'const a = await User.query().findById(id);',
      'await User.query(trx).patch({ is_kyc_verified: true }).where("id", id);',
      'await User.query().insertGraph(graph);',
      'await User.query().deleteById(id);',
      "const pets = await Person.relatedQuery('pets').for(1);",
      "const raw = await Order.query('SELECT 1');",
      'const q = await router.query();',
    ].join('\n');
    expect(uses(code)).toEqual([
      'User select "User"',
      'User update "User"',
      'User insert "User"',
      'User delete "User"',
      'Person select "Person"',
    ]);
  });
});

describe('Lucid models', () => {
  it("map to `static table`, else to Lucid's default (snake_case plural of the class), without declaring it", () => {
    const code = [
      "import { BaseModel, column, compose } from '@adonisjs/lucid/orm';",
      "import { SoftDeletes } from 'adonis-lucid-soft-deletes';",
      'export default class OrderItem extends BaseModel {',
      '  @column({ isPrimary: true }) declare id: number',
      '}',
      "export class Variant extends BaseModel { static table = 'catalog.product_variants' }",
      'export class Category extends compose(BaseModel, SoftDeletes) {}',
      'export class Person extends AppBaseModel {',
      '  @column.dateTime({ autoCreate: true }) declare createdAt: DateTime',
      '}',
    ].join('\n');
    expect(defs(code)).toEqual([
      'lucid OrderItem order_items (maps only) "OrderItem"',
      'lucid Variant catalog.product_variants (maps only) "catalog.product_variants"',
      'lucid Category categories (maps only) "Category"',
      'lucid Person people (maps only) "Person"',
    ]);
  });

  it('Lucid v5 (`@ioc:Adonis/Lucid/Orm`) too; lookalikes are not models', () => {
    const code = [
      "import { BaseModel as LucidBase } from '@ioc:Adonis/Lucid/Orm';",
      "import { BaseModel } from './framework/base';",
      "export default class Coupon extends LucidBase { public static table = 'coupons' }",
      'export class Invoice extends BaseModel {}',
      'export class Settings extends AppBase { static table = "users" }',
      'export class Plain { static table = "users" }',
      'const table = column; class Cart extends Base { @table() id = 1 }',
    ].join('\n');
    expect(defs(code)).toEqual(['lucid Coupon coupons (maps only) "coupons"']);
  });

  it('model statics and the model query builder are uses with the action of the call or chain', () => {
    const code = [
      'const p = await Product.findOrFail(id);',
      "const q = await Product.findByOrFail('sku', sku);",
      'const all = await Product.all();',
      "await Product.query({ connection: 'catalog_ro' }).whereIn('id', ids);",
      "await Product.query().where('id', id).del();",
      'await Product.updateOrCreate({ sku }, { price });',
      'await OrderLine.createMany(lines);',
      'const first = await Product.first();',
      'await Promise.all([a, b]);',
      'const row = await list.first();',
    ].join('\n');
    expect(uses(code)).toEqual([
      'Product select "Product"',
      'Product select "Product"',
      'Product select "Product"',
      'Product select "Product"',
      'Product delete "Product"',
      'Product update "Product"',
      'OrderLine insert "OrderLine"',
      'Product select "Product"',
    ]);
  });
});

describe('model relations', () => {
  it("Lucid relation decorators name the related model (hasManyThrough's first); non-Lucid decorators do not", () => {
    const code = [
      "import { BaseModel, column, hasMany, belongsTo, manyToMany, hasManyThrough } from '@adonisjs/lucid/orm';",
      "import Variant from '#models/variant';",
      "import { OneToMany } from 'typeorm';",
      'export default class Product extends BaseModel {',
      '  @hasMany(() => Variant) declare variants: HasMany<typeof Variant>',
      '  @belongsTo(() => Category) declare category: BelongsTo<typeof Category>',
      "  @manyToMany(() => Tag, { pivotTable: 'product_tags' }) declare tags: ManyToMany<typeof Tag>",
      '  @hasManyThrough([() => Review, () => Variant]) declare reviews: HasManyThrough<typeof Review>',
      '  @OneToMany(() => Photo) declare photos: Photo[]',
      '  @column() declare name: string',
      '}',
      'class Category extends BaseModel {}',
    ].join('\n');
    expect(relations(code)).toEqual([
      'lucid Product.variants → Variant from #models/variant "variants"',
      'lucid Product.category → Category "category"',
      'lucid Product.tags → Tag "tags"',
      'lucid Product.reviews → Review "reviews"',
    ]);
  });

  it('Objection relationMappings name modelClass, else the far end of the join', () => {
    const code = [
      "import { Model } from 'objection';",
      "import { Animal } from './animal';",
      'export class Person extends Model {',
      "  static tableName = 'persons';",
      '  static get relationMappings() {',
      '    return {',
      "      pets: { relation: Model.HasManyRelation, modelClass: Animal, join: { from: 'persons.id', to: 'animals.owner_id' } },",
      "      movies: { relation: Model.ManyToManyRelation, modelClass: require('./movie'), join: { from: 'persons.id', through: { from: 'persons_movies.person_id', to: 'persons_movies.movie_id' }, to: 'media.movies.id' } },",
      "      parent: { relation: Model.BelongsToOneRelation, modelClass: __dirname + '/person', join: { from: 'persons.parent_id', to: 'persons.id' } },",
      '    };',
      '  }',
      '}',
    ].join('\n');
    expect(relations(code)).toEqual([
      'objection Person.pets → Animal from ./animal "pets"',
      'objection Person.movies → media.movies "movies"',
    ]);
  });

  it("relation uses: the model is `this`'s class or a static's receiver, else unknown (*); the chain decides the action; pivot writes are none", () => {
    const code = [
      'class Product extends BaseModel {',
      "  stock() { return this.related('variants').query().sum('stock'); }",
      "  detached() { return function () { return this.related('variants').query(); }; }",
      '}',
      "await order.related('lines').create({ sku });",
      "await order.related('lines').query().where('id', 1).delete();",
      "await product.related('tags').attach([1, 2]);",
      "await person.$relatedQuery('pets').insert({ name: 'Fluffy' });",
      "const pets = await Person.relatedQuery('pets').for(1);",
      'await person.related(name).query();',
    ].join('\n');
    expect(relationUses(code)).toEqual([
      'Product.variants select "variants"',
      '*.variants select "variants"',
      '*.lines insert "lines"',
      '*.lines delete "lines"',
      '*.pets insert "pets"',
      'Person.pets select "Person"',
    ]);
  });
});

describe('Kysely', () => {
  it('a module records the Kysely instances it exports, by export name, with their pool database', () => {
    const code = [
      "import { Kysely, PostgresDialect } from 'kysely';",
      "export const ordersDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new Pool({ database: 'orders' }) }) });",
      'const db = new Kysely<DB>({ dialect });',
      'const hidden = new Kysely<DB>({ dialect });',
      'export default db;',
      'export { db as catalogDb };',
    ].join('\n');
    expect(extract(code).kyselyInstances).toEqual([
      { exported: 'ordersDb', database: 'orders' },
      { exported: 'default' },
      { exported: 'catalogDb' },
    ]);
  });

  it('a factory is exported under its name, and so is what the module makes with it; a local factory call is an instance (issue 14)', () => {
    const code = [
      "import { Kysely, PostgresDialect } from 'kysely';",
      'export function createOrdersDb() {',
      "  return new Kysely<DB>({ dialect: new PostgresDialect({ pool: new Pool({ database: 'orders' }) }) });",
      '}',
      'const makeCatalog = (d: Dialect) => new Kysely<DB>({ dialect: d });',
      'export const ordersDb = createOrdersDb();',
      'const catalog = makeCatalog(dialect);',
      'export { catalog as catalogDb };',
      'export default makeCatalog(dialect);',
      "await catalog.selectFrom('products').selectAll();",
    ].join('\n');
    const facts = extract(code);
    expect(facts.kyselyInstances).toEqual([
      { exported: 'createOrdersDb', database: 'orders' },
      { exported: 'ordersDb', database: 'orders' },
      { exported: 'catalogDb' },
      { exported: 'default' },
    ]);
    expect(facts.ormRefs.map((r) => `${r.library} ${r.action} ${r.name}`)).toEqual(['kysely select products']);
  });

  it('a query on an imported receiver carries the import; unconfirmed when nothing in the file shows Kysely', () => {
    const code = [
      "import { db } from './db';",
      "import other from './other';",
      "await db.selectFrom('orders').selectAll().execute();",
      "other.selectFrom('menu');",
    ].join('\n');
    expect(
      extract(code).ormRefs.map(
        (r) => `${r.name} ${r.instance?.origin.specifier} ${r.instance?.origin.imported}${r.instance?.unconfirmed ? ' unconfirmed' : ''}`,
      ),
    ).toEqual(['orders ./db db', 'menu ./other default unconfirmed']);
  });

  const withDatabase = (code: string) =>
    extract(code).ormRefs.map(
      (r) => `${r.library} ${r.action} ${r.qualifier ? `${r.qualifier}.` : ''}${r.name}${r.database ? ` in ${r.database}` : ''}`,
    );

  it("reads selectFrom / insertInto / updateTable / deleteFrom / replaceInto / mergeInto, aliases, lists and withSchema, with the instance's pool database", () => {
    const code = [
      "import { Kysely, PostgresDialect } from 'kysely';",
      "const ordersDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new Pool({ host, database: process.env.PGDATABASE ?? 'orders' }) }) });",
      "await ordersDb.selectFrom('order_items as oi').innerJoin('orders', 'orders.id', 'oi.order_id').select(['oi.id']).execute();",
      "await ordersDb.insertInto('order_items').values(row).execute();",
      "await ordersDb.updateTable('sales.orders').set({ paid: true }).execute();",
      "await ordersDb.deleteFrom(['carts', 'cart_items']).execute();",
      "await ordersDb.withSchema('archive').replaceInto('orders').values(row).execute();",
      "await ordersDb.mergeInto('stock as s').using('deliveries as d', 's.id', 'd.stock_id').execute();",
    ].join('\n');
    expect(withDatabase(code)).toEqual([
      'kysely select order_items in orders',
      'knex select orders',
      'kysely insert order_items in orders',
      'kysely update sales.orders in orders',
      'kysely delete carts in orders',
      'kysely delete cart_items in orders',
      'kysely insert archive.orders in orders',
      'kysely update stock in orders',
    ]);
    expect(refs(code)[0]).toBe('kysely select order_items "order_items"');
  });

  it('a receiver typed Kysely / Transaction, or any receiver in a file importing kysely or executing the chain', () => {
    expect(withDatabase("export async function up(db: Kysely<any>) { await db.deleteFrom('stale_sessions'); }")).toEqual([
      'kysely delete stale_sessions',
    ]);
    expect(withDatabase("import { db } from './db';\nexport const top = () => db.selectFrom('products').selectAll().execute();")).toEqual([
      'kysely select products',
    ]);
    expect(withDatabase("import { sql } from 'kysely';\nimport { db } from './db';\nlet q = db.selectFrom('products');")).toEqual([
      'kysely select products',
    ]);
  });

  it('lookalikes: selectFrom / deleteFrom on something that is no Kysely instance; an imported one is left to its module (unconfirmed)', () => {
    const code = [
      "import { menu } from './menu';",
      "menu.selectFrom('orders');",
      "const picker = new Picker(); picker.deleteFrom('payments').then(done);",
      "function f(store: Store<Item>) { return store.insertInto('carts'); }",
    ].join('\n');
    expect(refs(code)).toEqual(['kysely select orders "orders"']);
    expect(extract(code).ormRefs[0].instance).toMatchObject({ origin: { specifier: './menu', imported: 'menu' }, unconfirmed: true });
  });
});

describe('postgres.js identifiers', () => {
  const texts = (code: string) => extract(code).embeddedSql.map((s) => s.text);

  it("${sql('t')} inside the same sql`…` is the table's name, at the literal", () => {
    const code = [
      'const sql = postgres(process.env.ORDERS_URL);',
      "export const n = () => sql`SELECT count(*) FROM ${sql('order_items')} WHERE qty > ${min}`;",
      "export const m = () => sql.begin((tx) => tx`DELETE FROM ${tx('sales.carts')}`);",
    ].join('\n');
    expect(texts(code)[0]).toMatch(/^SELECT count\(\*\) FROM order_items WHERE qty > \S+$/);
    const site = extract(code).embeddedSql[0];
    const at = site.text.indexOf('order_items');
    const segment = site.segments.find((s) => s.sql.start <= at && at < s.sql.end)!;
    expect(segment.mode).toBe('exact');
    expect(code.slice(segment.fileOffset + at - segment.sql.start).startsWith("order_items')")).toBe(true);
  });

  it("${sql(CONST)}: the constant's name, placed on the call", () => {
    const code = [
      "const ORDERS = 'orders';",
      "const T = { carts: 'sales.carts' } as const;",
      'export const n = () => sql`SELECT count(*) FROM ${sql(ORDERS)} JOIN ${sql(T.carts)} ON true`;',
    ].join('\n');
    const [site] = extract(code).embeddedSql;
    expect(site.text).toBe('SELECT count(*) FROM orders JOIN sales.carts ON true');
    const segment = site.segments.find((s) => s.sql.start === site.text.indexOf('orders'))!;
    expect([segment.mode, code.slice(segment.fileOffset, segment.fileEnd)]).toEqual(['collapsed', 'sql(ORDERS)']);
  });

  it('lookalikes: another function, values and column lists, names that are no identifiers stay holes', () => {
    const code = [
      "export const a = () => sql`SELECT * FROM ${other('order_items')}`;",
      "export const b = () => sql`INSERT INTO carts ${sql(row, 'id', 'qty')}`;",
      "export const c = () => sql`SELECT * FROM ${sql('Order summary')}`;",
      "const SPACED = 'Order summary';",
      "let mutable = 'order_items';",
      'export const d = () => sql`SELECT * FROM ${sql(SPACED)} JOIN ${sql(mutable)} ON true`;',
    ].join('\n');
    for (const text of texts(code)) expect(text).not.toMatch(/order_items|Order summary/);
  });
});

describe('postgres.js transactions and reserved connections (HELDOUT15 #6)', () => {
  const texts = (code: string) => extract(code).embeddedSql.map((s) => s.text);

  it("sql.begin's callback parameter is a tagged-template SQL function, as sql is (array form, async form, options, savepoint)", () => {
    const code = [
      "import postgres from 'postgres';",
      'export async function v0Schema(sql: postgres.Sql) {',
      '  await sql.begin(s => [s`CREATE TABLE schema (version INTEGER UNIQUE NOT NULL);`, s`INSERT INTO schema VALUES (0);`]);',
      '}',
      'export class Store {',
      '  constructor(private readonly sql: postgres.Sql) {}',
      '  move(id: number) {',
      "    return this.sql.begin('read write', async (tx) => {",
      '      await tx`UPDATE accounts SET balance = balance - 1 WHERE id = ${id}`;',
      '      await tx.savepoint(async function (sp) { await sp`INSERT INTO ledger (account_id) VALUES (${id})`; });',
      '    });',
      '  }',
      '}',
      'export async function pinned(sql: postgres.Sql) {',
      '  const reserved = await sql.reserve();',
      '  await reserved`SELECT id FROM sessions`;',
      '}',
    ].join('\n');
    expect(texts(code)).toEqual([
      'CREATE TABLE schema (version INTEGER UNIQUE NOT NULL);',
      'INSERT INTO schema VALUES (0);',
      expect.stringMatching(/^UPDATE accounts SET balance = balance - 1 WHERE id = \S+$/),
      expect.stringMatching(/^INSERT INTO ledger \(account_id\) VALUES \(\S+\)$/),
      'SELECT id FROM sessions',
    ]);
    const [site] = extract(code).embeddedSql;
    expect(code.slice(site.segments[0].fileOffset).startsWith('CREATE TABLE schema')).toBe(true);
  });

  it('lookalikes: begin on no SQL tag, a second parameter, a callback that is not the last argument, a non-const reserve', () => {
    const code = [
      'emitter.begin((s) => s`CREATE TABLE not_sql (id INT)`);',
      'knex.transaction((trx) => trx`SELECT * FROM not_a_tag`);',
      'sql.begin((s, extra) => extra`SELECT * FROM second_param`);',
      "sql.begin((s) => s`SELECT * FROM first_param`, 'later');",
      'let held = await sql.reserve();',
      'held`SELECT * FROM mutable_reserve`;',
      'function f(s) { return s`SELECT * FROM plain_param`; }',
    ].join('\n');
    expect(texts(code).join('\n')).not.toMatch(/not_sql|not_a_tag|second_param|first_param|mutable_reserve|plain_param/);
  });
});

describe("Slonik's sql.identifier and @databases' sql.ident", () => {
  const texts = (code: string) => extract(code).embeddedSql.map((s) => s.text);

  it('written in the hole: the name its literals make, each at its literal', () => {
    const code = [
      "import { sql } from 'slonik';",
      "export const n = (pool) => pool.oneFirst(sql.unsafe`SELECT count(*) FROM ${sql.identifier(['patients'])}`);",
      "export const m = (pool) => pool.any(sql.type(Row)`SELECT * FROM ${sql.identifier(['clinical', 'visits'])} WHERE id = ${id}`);",
      "export const d = (db) => db.query(sql`DELETE FROM ${sql.ident('clinical', 'notes')}`);",
    ].join('\n');
    const sites = extract(code).embeddedSql;
    expect(sites.map((s) => s.text)).toEqual([
      'SELECT count(*) FROM patients',
      'SELECT * FROM clinical.visits WHERE id = __nl_hole_0__',
      'DELETE FROM clinical.notes',
    ]);
    const exact = (i: number, name: string) => {
      const site = sites[i];
      const at = site.text.indexOf(name);
      const segment = site.segments.find((s) => s.sql.start <= at && at < s.sql.end)!;
      return [segment.mode, code.slice(segment.fileOffset + at - segment.sql.start).slice(0, name.length + 2)];
    };
    expect(exact(0, 'patients')).toEqual(['exact', "patients']"]);
    expect(exact(1, 'visits')).toEqual(['exact', "visits']"]);
    expect(exact(2, 'notes')).toEqual(['exact', "notes')"]);
  });

  it("bound to a const (or a const object's member) the hole names: the name, placed on the hole", () => {
    const code = [
      "const PATIENTS = sql.identifier(['patients']);",
      "const T = { visits: sql.identifier(['clinical', VISITS]) } as const;",
      "const VISITS = 'visits';",
      'export const n = (pool) => pool.any(sql.unsafe`SELECT * FROM ${PATIENTS} JOIN ${T.visits} ON true`);',
    ].join('\n');
    const [site] = extract(code).embeddedSql;
    expect(site.text).toBe('SELECT * FROM patients JOIN clinical.visits ON true');
    const segment = site.segments.find((s) => s.sql.start === site.text.indexOf('patients'))!;
    expect([segment.mode, code.slice(segment.fileOffset, segment.fileEnd)]).toEqual(['collapsed', 'PATIENTS']);
  });

  it("lookalikes: another object's identifier, a part of unknown value, a spread, a name that is no identifier stay holes", () => {
    const code = [
      "import { sql } from 'slonik';",
      "export const a = (p) => p.any(sql.unsafe`SELECT * FROM ${other.identifier(['patients'])}`);",
      "export const b = (p, t) => p.any(sql.unsafe`SELECT * FROM ${sql.identifier(['clinical', t])}`);",
      "export const c = (p, parts) => p.any(sql.unsafe`SELECT * FROM ${sql.identifier([...parts, 'patients'])}`);",
      "export const d = (p) => p.any(sql.unsafe`SELECT * FROM ${sql.identifier(['patient list'])}`);",
      "let mutable = sql.identifier(['patients']);",
      'export const e = (p) => p.any(sql.unsafe`SELECT * FROM ${mutable}`);',
      "export const f = (p) => p.any(sql.unsafe`SELECT * FROM ${sql.identifier('patients')}`);",
    ].join('\n');
    const found = texts(code);
    expect(found).toHaveLength(6);
    for (const text of found) expect(text).not.toMatch(/patient/);
  });
});

describe("pg-promise's helpers", () => {
  it('helpers.insert / update write the table of their ColumnSet (a const or inline) or of their third argument', () => {
    const code = [
      "const cs = new pgp.helpers.ColumnSet(['order_id', 'qty'], { table: 'order_items' });",
      'export const d = (rows) => db.none(pgp.helpers.insert(rows, cs));',
      "export const u = (row) => db.none(pgp.helpers.update(row, new pgp.helpers.ColumnSet(['qty'], { table: new pgp.helpers.TableName({ table: 'stock', schema: 'inventory' }) })) + ' WHERE id = 1');",
      "export const i = (rows) => db.none(helpers.insert(rows, ['a', 'b'], 'audit_log'));",
    ].join('\n');
    expect(refs(code)).toEqual([
      'pg-promise insert order_items "order_items"',
      'pg-promise update inventory.stock "stock"',
      'pg-promise insert audit_log "audit_log"',
    ]);
  });

  it('lookalikes: insert on something that is not helpers, a ColumnSet without a table', () => {
    const code = [
      "const cs = new pgp.helpers.ColumnSet(['order_id', 'qty']);",
      'export const d = (rows) => db.none(pgp.helpers.insert(rows, cs));',
      "export const e = (rows) => list.insert(rows, cs, 'order_items');",
    ].join('\n');
    expect(refs(code)).toEqual([]);
  });
});
