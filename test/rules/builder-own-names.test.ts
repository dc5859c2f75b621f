/**
 * Names a query builder gives itself are no tables (issue 14, HELDOUT9 #7 and #10): the CTEs of knex's
 * and Kysely's `.with…()` and TypeORM's `addCommonTableExpression`, where they are declared; TypeORM's
 * relation joins `leftJoin('folder.tags', 'tags')` on an alias the file gives a query builder.
 */
import crossServiceQuery from '../../rules/no-cross-service-query.js';
import parseError from '../../rules/parse-error.js';
import unknownTable from '../../rules/unknown-table.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import { ruleTester } from '../rule-tester.js';

const shop: NilecareConfig = {
  dialect: 'postgresql',
  services: [
    { name: 'orders', roots: ['services/orders'], databases: ['orders'] },
    { name: 'accounts', roots: ['services/accounts'], databases: ['accounts'] },
  ],
};

const migrations = {
  'services/orders/migrations/20230101000000_init.js':
    "exports.up = (knex) => knex.schema.createTable('orders', (t) => t.increments('id')).createTable('order_items', (t) => t.increments('id'));",
  'services/accounts/migrations/20230101000000_init.js':
    "exports.up = (knex) => knex.schema.createTable('ledger', (t) => t.increments('id')).createTable('tags', (t) => t.increments('id'));",
};

ruleTester.run(unknownTable, {
  valid: [
    {
      name: "a CTE whose WITH is concatenated around a variable's SQL ('WITH PostClicks AS (' + inner + ') SELECT … FROM PostClicks')",
      filename: 'services/orders/src/click-counts.js',
      code: [
        'exports.count = (knex, orderId) => {',
        "  const inner = 'SELECT id, order_id FROM order_items WHERE order_id = ' + orderId;",
        "  return knex.raw('WITH PostClicks AS (' + inner + ') SELECT COUNT(*) FROM PostClicks');",
        '};',
      ].join('\n'),
      files: migrations,
      config: shop,
    },
    {
      name: "a query's CTE option (Ghost's findPage({ cte: [{ name, query }] }), which its crud plugin hands to qb.with): the SQL there reads the CTE",
      filename: 'services/orders/src/click-events.js',
      code: [
        'module.exports = async function clickEvents(model, options) {',
        '  const postClicksQuery = `SELECT i.id, i.order_id FROM order_items i INNER JOIN orders o ON i.order_id = o.id`;',
        '  const firstClicksQuery = `',
        '    SELECT id, order_id, ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY id) AS rn',
        '    FROM PostClicks`;',
        '  const mainQuery = `SELECT COUNT(DISTINCT id) FROM PostClicks AS inner_pc WHERE inner_pc.order_id = FirstClicks.order_id`;',
        '  return model.findPage({',
        '    ...options,',
        '    selectRaw: `id, order_id, (${mainQuery}) as count__clicks`,',
        '    whereRaw: `rn = 1 ORDER BY id DESC`,',
        "    cte: [{ name: `PostClicks`, query: postClicksQuery }, { name: 'FirstClicks', query: firstClicksQuery }],",
        "    from: 'FirstClicks',",
        '  });',
        '};',
      ].join('\n'),
      files: migrations,
      config: shop,
    },
    {
      name: "knex withRecursive with a column list: the CTE is read by .from() and .join() in its chain and its body's union",
      filename: 'services/orders/src/tree.js',
      code: [
        'exports.tree = (knex) =>',
        '  knex',
        "    .withRecursive('descendants', ['id'], (q) =>",
        "      q.select('id').from('orders').union((u) => u.select('order_items.id').from('order_items').join('descendants', 'descendants.id', 'order_items.order_id')),",
        '    )',
        "    .select('*')",
        "    .from('descendants');",
      ].join('\n'),
      files: migrations,
      config: shop,
    },
    {
      name: "knex with a raw body reading an earlier CTE, joinRaw('CROSS JOIN total'), withMaterialized, a Kysely 'name(col)' CTE",
      filename: 'services/orders/src/ranks.js',
      code: [
        'exports.ranks = (db) =>',
        '  db',
        "    .with('final_ranks', db.raw('select order_id from order_items'))",
        "    .with('total', db.raw('select count(*) as total from final_ranks'))",
        "    .withMaterialized('orphans', ['id'], (q) => q.from('orders'))",
        "    .select('*')",
        "    .from('orders')",
        "    .joinRaw('CROSS JOIN total')",
        "    .leftJoin('orphans', 'orphans.id', 'orders.id');",
        "exports.kysely = (db) => db.with('recent(id)', (q) => q.selectFrom('orders').select('id')).selectFrom('recent').selectAll();",
      ].join('\n'),
      files: migrations,
      config: shop,
    },
    {
      name: "TypeORM addCommonTableExpression: the CTE is the class's, read by .from() / .innerJoin() of another method",
      filename: 'services/orders/src/folder.repository.js',
      code: [
        'class FolderRepository {',
        '  base(qb) {',
        "    return qb.addCommonTableExpression('SELECT id FROM orders', 'folder_tree', { recursive: true });",
        '  }',
        '  list(query) {',
        "    return query.select('*').from('folder_tree', 'tree').innerJoin('folder_tree', 'parent', 'parent.id = tree.id');",
        '  }',
        '}',
        'module.exports = { FolderRepository };',
      ].join('\n'),
      files: migrations,
      config: shop,
    },
    {
      name: "TypeORM relation joins ('folder.tags' after createQueryBuilder('folder'), then 'tags.ledger') name no table",
      filename: 'services/orders/src/folder-tags.repository.js',
      code: [
        'class FolderTags {',
        '  base() {',
        "    return this.manager.createQueryBuilder(Folder, 'folder');",
        '  }',
        '  withTags(query) {',
        "    return query.leftJoin('folder.tags', 'tags').leftJoinAndSelect('tags.owner', 'owner');",
        '  }',
        '}',
        'module.exports = { FolderTags };',
      ].join('\n'),
      files: migrations,
      config: shop,
    },
    {
      name: "a loop variable in knex's .from() after select(column) is a dynamic table, no Drizzle table named after the variable (HELDOUT9 #25)",
      filename: 'services/orders/src/import.js',
      code: [
        'exports.importAll = async (trx, plan, pkField) => {',
        '  for (const collection of plan.order) {',
        '    await trx.select(pkField).from(collection).first();',
        '  }',
        '};',
      ].join('\n'),
      files: migrations,
      config: shop,
    },
    {
      name: "a TEMP table the module's SQL creates is the session's for its knex calls too (HELDOUT9 #18)",
      filename: 'services/orders/src/document-store.js',
      code: [
        'exports.prepare = (tx) => tx.raw("CREATE TEMP TABLE documents_to_insert (hash bytea NOT NULL) ON COMMIT DROP");',
        "exports.fill = (tx, rows) => tx('documents_to_insert').insert(rows);",
        "exports.flush = (tx) => tx.insert(tx('documents_to_insert').select('hash')).into('orders');",
      ].join('\n'),
      files: migrations,
      config: shop,
    },
  ],
  invalid: [
    {
      name: 'a temporary table another module creates is no table of this one',
      filename: 'services/orders/src/document-reader.js',
      code: "exports.read = (tx) => tx('documents_to_insert').select('hash');",
      files: {
        ...migrations,
        'services/orders/src/document-store.js':
          'exports.prepare = (tx) => tx.raw("CREATE TEMP TABLE documents_to_insert (hash bytea NOT NULL) ON COMMIT DROP");',
      },
      config: shop,
      errors: [{ messageId: 'unknownTable', line: 1, column: 28, endLine: 1, endColumn: 47, data: { table: 'documents_to_insert' } }],
    },
    {
      name: "a CTE option's name outside the function that lists it, or an option object without its query, names no CTE",
      filename: 'services/orders/src/click-events.js',
      code: [
        "exports.a = (model, q) => model.findPage({ cte: [{ name: 'post_clicks', query: q }], from: 'post_clicks' });",
        "exports.b = (db) => db.raw('SELECT id FROM post_clicks');",
        "exports.c = (db) => ({ cte: { name: 'recent_clicks' }, rows: db.raw('SELECT id FROM recent_clicks') });",
      ].join('\n'),
      files: migrations,
      config: shop,
      errors: [
        { messageId: 'unknownTable', line: 2, column: 44, endLine: 2, endColumn: 55, data: { table: 'post_clicks' } },
        { messageId: 'unknownTable', line: 3, column: 85, endLine: 3, endColumn: 98, data: { table: 'recent_clicks' } },
      ],
    },
    {
      name: 'a CTE name outside the function that declares it, and a one-argument .with(), name no CTE',
      filename: 'services/orders/src/recent.js',
      code: [
        "exports.a = (knex) => knex.with('recent', (q) => q.from('orders')).from('recent');",
        "exports.b = (knex) => knex.from('recent');",
        "exports.c = (knex, opts) => opts.with('archived').from('archived');",
      ].join('\n'),
      files: migrations,
      config: shop,
      errors: [
        { messageId: 'unknownTable', line: 2, column: 34, endLine: 2, endColumn: 40, data: { table: 'recent' } },
        { messageId: 'unknownTable', line: 3, column: 57, endLine: 3, endColumn: 65, data: { table: 'archived' } },
      ],
    },
  ],
});

ruleTester.run(crossServiceQuery, {
  valid: [
    {
      name: "TypeORM relation joins on the builder's alias and an earlier join's alias name relations, not another service's tables",
      filename: 'services/orders/src/folder.repository.js',
      code: [
        'class FolderRepository {',
        '  base() {',
        "    return this.manager.createQueryBuilder(Folder, 'folder');",
        '  }',
        '  withTags(query) {',
        "    return query.leftJoin('folder.tags', 'tags').leftJoinAndSelect('tags.ledger', 'ledger');",
        '  }',
        '  mapped(query) {',
        "    return query.leftJoinAndMapOne('folder.firstTag', 'folder.tags', 'firstTag');",
        '  }',
        '}',
        'module.exports = { FolderRepository };',
      ].join('\n'),
      files: migrations,
      config: shop,
    },
  ],
  invalid: [
    {
      name: "a schema.table join whose schema is no alias of the file's query builders stays that table",
      filename: 'services/orders/src/ledger.repository.js',
      code: [
        'class LedgerRepository {',
        '  base() {',
        "    return this.manager.createQueryBuilder(Folder, 'folder');",
        '  }',
        '  withLedger(query) {',
        "    return query.leftJoin('accounts.ledger', 'ledger', 'ledger.id = folder.ledgerId').leftJoin('accounts.tags', 'tags.id', 'folder.tagId');",
        '  }',
        '}',
        'module.exports = { LedgerRepository };',
      ].join('\n'),
      files: migrations,
      config: shop,
      errors: [
        { messageId: 'foreignTable', line: 6, column: 28, endLine: 6, endColumn: 43 },
        { messageId: 'foreignTable', line: 6, column: 97, endLine: 6, endColumn: 110 },
      ],
    },
  ],
});

/** knex.raw expression fragments (HELDOUT9 #19): a scalar subquery with its alias in a select, REPLACE(…) in an update's values. */
const rawExpressions = [
  'exports.list = (db) =>',
  "  db.from('orders').select('*', db.raw('(SELECT COUNT(*) FROM project_environments WHERE project_environments.order_id = orders.id) as project_count'));",
  "exports.fix = (knex) => knex('orders').update({ special: knex.raw(\"REPLACE(??, 'geometry,', 'geometry.')\", ['special']) });",
].join('\n');

ruleTester.run(parseError, {
  valid: [
    {
      name: 'knex.raw expression fragments are no statements',
      filename: 'services/orders/src/raw.js',
      code: rawExpressions,
      files: migrations,
      config: shop,
    },
  ],
  invalid: [
    {
      name: 'a parenthesised query followed by something that is no alias is still parsed as a statement',
      filename: 'services/orders/src/raw-union.js',
      code: "exports.u = (db) => db.raw('(SELECT id FROM orders) UNION (SELECT id FROM order_items) ORDER BY id DESC LIMIT');",
      files: migrations,
      config: shop,
      errors: [{ messageId: 'sqlSyntax', line: 1, column: 105, endLine: 1, endColumn: 110 }],
    },
  ],
});

ruleTester.run(unknownTable, {
  valid: [
    {
      name: "a knex.raw scalar subquery on the service's own table",
      filename: 'services/orders/src/raw-own.js',
      code: "exports.list = (db) => db.from('orders').select('*', db.raw('(SELECT COUNT(*) FROM order_items WHERE order_items.id = orders.id) as n'));",
      files: migrations,
      config: shop,
    },
  ],
  invalid: [
    {
      name: 'the tables of a knex.raw expression fragment are still read, at their place',
      filename: 'services/orders/src/raw.js',
      code: rawExpressions,
      files: migrations,
      config: shop,
      errors: [{ messageId: 'unknownTable', line: 2, column: 63, endLine: 2, endColumn: 83, data: { table: 'project_environments' } }],
    },
  ],
});
