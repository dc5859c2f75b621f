import { describe, expect, it } from 'vitest';
import { analyzeSql, initSqlParsers } from '../../../src/parsers/sql/index.js';
import { at, atAfter } from './helpers.js';

// Top-level await: describe blocks below analyse at collection time.
await initSqlParsers();

describe('temporary tables', () => {
  it('MySQL CREATE TEMPORARY TABLE is a temporary create with its columns', () => {
    const sql = 'CREATE TEMPORARY TABLE IF NOT EXISTS tmp_totals (invoice_id CHAR(36), total DECIMAL(10,2));';
    const [st] = analyzeSql(sql, 'mysql').statements;
    expect(st).toMatchObject({ kind: 'create_table', parse: 'full' });
    expect(st.tables).toHaveLength(1);
    expect(st.tables[0]).toMatchObject({ kind: 'create', name: 'tmp_totals', span: at(sql, 'tmp_totals'), temporary: true });
    expect(st.tables[0].columns.map((c) => [c.name, c.span])).toEqual([
      ['invoice_id', at(sql, 'invoice_id')],
      ['total', at(sql, 'total', 1)],
    ]);
  });

  it.each([
    ['CREATE TEMP TABLE tmp_totals (id INT);'],
    ['CREATE TEMPORARY TABLE tmp_totals (id INT);'],
    ['CREATE GLOBAL TEMPORARY TABLE tmp_totals (id INT);'],
    ['CREATE LOCAL TEMP TABLE tmp_totals (id INT);'],
  ])('PostgreSQL %s', (sql) => {
    const [st] = analyzeSql(sql, 'postgresql').statements;
    expect(st.parse).toBe('full');
    expect(st.tables.map((t) => [t.name, t.span, t.temporary])).toEqual([['tmp_totals', at(sql, 'tmp_totals'), true]]);
  });

  it('an ordinary table has no temporary flag at all', () => {
    const sql = 'CREATE TABLE billing_totals (id INT);\nCREATE UNLOGGED TABLE billing_cache (id INT);';
    const tables = analyzeSql(sql, 'postgresql').statements.flatMap((s) => s.tables);
    expect(tables.map((t) => t.name)).toEqual(['billing_totals', 'billing_cache']);
    expect(tables.every((t) => !('temporary' in t))).toBe(true);
  });
});
