import { describe, expect, it } from 'vitest';
import { analyzeSql, initSqlParsers } from '../../../src/analysis/sql/index.js';
import type { Dialect } from '../../../src/analysis/facts.js';
import { at, refTuples } from './helpers.js';

await initSqlParsers();

function one(sql: string, dialect: Dialect) {
  const statements = analyzeSql(sql, dialect).statements;
  expect(statements).toHaveLength(1);
  const [st] = statements;
  return { st, refs: refTuples(sql, st.tableRefs), spans: st.tableRefs.map((r) => [r.name, r.span]) };
}

describe('MySQL: placeholders mysql / mysql2 query() expands, and `?` in CALL', () => {
  it.each([
    ['INSERT INTO users SET ?', [['insert', 'users', 'users']]],
    ['UPDATE users SET ? WHERE id = ?', [['update', 'users', 'users']]],
    ['UPDATE users SET updated_at = NOW(), ? WHERE id = ?', [['update', 'users', 'users']]],
    ['INSERT INTO users (email, name) VALUES ?', [['insert', 'users', 'users']]],
    ['INSERT INTO users (email) VALUES ? ON DUPLICATE KEY UPDATE ?', [['insert', 'users', 'users']]],
    ['SELECT ?? FROM users WHERE id = ? ORDER BY ?? DESC', [['select', 'users', 'users']]],
    ["LOAD DATA LOCAL INFILE ? INTO TABLE posts FIELDS TERMINATED BY ',' (title)", [['insert', 'posts', 'posts']]],
    ['CALL reserve_stock(?, ?)', []],
  ])('%s is read in full, its references where they are written', (sql, refs) => {
    const { st, refs: got } = one(sql, 'mysql');
    expect([st.parse, st.parseError, st.unsupported]).toEqual(['full', undefined, undefined]);
    expect(got).toEqual(refs);
  });

  it('a `??` identifier is no table: an unknown name, neither a reference nor an error', () => {
    const sql = 'SELECT o.id FROM ?? AS o JOIN orders ON orders.id = o.order_id WHERE o.id = ?';
    const { st, spans } = one(sql, 'mysql');
    expect(st.parse).toBe('full');
    expect(spans).toEqual([['orders', at(sql, 'orders')]]);
  });

  it('an error after an expanded placeholder is reported at its own token, not at the placeholder', () => {
    const sql = 'UPDATE users SET ? WHERE id = ? ORDER BY id LIMT 1';
    const { st, spans } = one(sql, 'mysql');
    expect(st.parse).toBe('partial');
    expect(st.parseError?.span).toEqual(at(sql, 'LIMT'));
    expect(spans).toEqual([['users', at(sql, 'users')]]);
  });

  it('an error before an expanded placeholder keeps its place', () => {
    const sql = 'INSERT INTO users (email, name VALUES ?';
    const { st } = one(sql, 'mysql');
    expect(st.parse).toBe('partial');
    expect(st.parseError).toBeDefined();
  });

  it('a `?` where no driver makes valid SQL of it stays an error: `SET ?` as a statement, `IN ?` (an array expands to `1, 2`)', () => {
    for (const sql of ['SET ?', 'SELECT * FROM users WHERE id IN ? AND active = 1']) {
      const { st } = one(sql, 'mysql');
      expect(st.parse, sql).toBe('partial');
      expect(st.parseError?.span, sql).toEqual(at(sql, '?'));
    }
  });

  it('`(@v := expr)` inside parentheses (the pre-window-function ranking idiom) is read', () => {
    const sql = 'SELECT (@n := @n + 1) AS position, id FROM posts ORDER BY created_at';
    const { st, spans } = one(sql, 'mysql');
    expect([st.parse, st.parseError]).toEqual(['full', undefined]);
    expect(spans).toEqual([['posts', at(sql, 'posts')]]);
  });
});

describe('PostgreSQL: knex `??` and `\\?`, pg-format %I / %L', () => {
  it.each([
    ['SELECT ?? FROM ?? WHERE total_cents > ?', []],
    ['SELECT ?? FROM orders WHERE total_cents > ?', [['select', 'orders', 'orders']]],
    ["SELECT data->>'k' FROM orders WHERE data \\? 'k'", [['select', 'orders', 'orders']]],
    ["SELECT id FROM orders WHERE tags \\?| array['a'] OR tags \\?& array['b']", [['select', 'orders', 'orders']]],
    ['INSERT INTO orders (total_cents, note) VALUES %L', [['insert', 'orders', 'orders']]],
    ['SELECT * FROM %I WHERE id = %L', []],
  ])('%s is read in full', (sql, refs) => {
    const { st, refs: got } = one(sql, 'postgresql');
    expect([st.parse, st.parseError]).toEqual(['full', undefined]);
    expect(got).toEqual(refs);
  });

  it('relations after a longer binding are placed where they are written', () => {
    const sql = 'SELECT ?? FROM orders o JOIN ?? i ON i.order_id = o.id JOIN customers c ON c.id = o.customer_id WHERE o.id = ?';
    const { st, spans } = one(sql, 'postgresql');
    expect(st.parse).toBe('full');
    expect(spans).toEqual([
      ['orders', at(sql, 'orders')],
      ['customers', at(sql, 'customers')],
    ]);
  });

  it('an error past the bindings is at its token; a modulo (`a % b`) is never a pg-format placeholder', () => {
    const bad = 'SELECT ?? FROM orders WHER total_cents > ?';
    expect(one(bad, 'postgresql').st.parseError?.span).toEqual(at(bad, 'total_cents'));
    const modulo = 'SELECT id % 2 FROM orders';
    expect(one(modulo, 'postgresql').st.parse).toBe('full');
    const broken = 'SELECT id %L FROM orders WHERE';
    expect(one(broken, 'postgresql').st.parse).toBe('partial');
  });
});

describe("umami's `{{name}}` / `{{name::type}}` placeholders (its rawQuery helper binds them; HELDOUT9 #22)", () => {
  const sql =
    'select count(distinct session_id) x from website_event where website_id = {{websiteId::uuid}} and created_at >= {{ startAt }} limit {{n}}';

  it.each(['postgresql', 'mysql'] as const)('%s: read in full, the table where it is written', (dialect) => {
    const { st, spans } = one(sql, dialect);
    expect([st.parse, st.parseError]).toEqual(['full', undefined]);
    expect(spans).toEqual([['website_event', at(sql, 'website_event')]]);
  });

  it('an error past a placeholder is at its own token; a lone `{` or a `{{` inside a string is no placeholder', () => {
    const bad = 'select id from website_event where website_id = {{websiteId::uuid}} oder by id';
    expect(one(bad, 'postgresql').st.parseError?.span).toEqual(at(bad, 'oder'));
    const single = "select '{{x}}' from website_event where id = {{x}";
    const brace = single.lastIndexOf('{{x}');
    expect(one(single, 'postgresql').st.parseError?.span).toEqual({ start: brace, end: brace + 1 });
  });
});
