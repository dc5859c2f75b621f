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

describe('PostgreSQL enum types', () => {
  it('CREATE TYPE … AS ENUM exposes the type name and every value, quotes included', () => {
    const sql = "CREATE TYPE visit_status AS ENUM ('SCHEDULED', 'done');";
    const [st] = analyzeSql(sql, 'postgresql').statements;
    expect(st).toMatchObject({ kind: 'create_other', parse: 'full', tables: [] });
    expect(st.enumTypes).toEqual([
      {
        name: 'visit_status',
        span: { start: 12, end: 24 },
        values: [
          { value: 'SCHEDULED', span: { start: 34, end: 45 } },
          { value: 'done', span: at(sql, "'done'") },
        ],
      },
    ]);
  });

  it('a schema-qualified, multi-line type with an escaped quote and an E-string', () => {
    const sql = "-- visits\nCREATE TYPE clinical.\"VisitKind\" AS ENUM (\n  'walk_in',\n  'Doctor''s Referral',\n  E'tele\\'health'\n);";
    const [st] = analyzeSql(sql, 'postgresql').statements;
    expect(st.parse).toBe('full');
    expect(st.enumTypes).toEqual([
      {
        name: 'VisitKind',
        qualifier: 'clinical',
        span: at(sql, 'clinical."VisitKind"'),
        values: [
          { value: 'walk_in', span: at(sql, "'walk_in'") },
          { value: "Doctor's Referral", span: at(sql, "'Doctor''s Referral'") },
          { value: "tele'health", span: at(sql, "E'tele\\'health'") },
        ],
      },
    ]);
  });

  it('ALTER TYPE … ADD VALUE exposes the added value only (not its BEFORE/AFTER neighbour)', () => {
    const sql = [
      "ALTER TYPE visit_status ADD VALUE 'Cancelled';",
      "ALTER TYPE visit_status ADD VALUE IF NOT EXISTS 'NO_SHOW' BEFORE 'done';",
      "ALTER TYPE visit_status RENAME VALUE 'SCHEDULED' TO 'Booked';",
    ].join('\n');
    const statements = analyzeSql(sql, 'postgresql').statements;
    expect(statements.map((s) => s.parse)).toEqual(['full', 'full', 'full']);
    expect(statements.map((s) => s.enumTypes)).toEqual([
      [{ name: 'visit_status', span: at(sql, 'visit_status', 0), values: [{ value: 'Cancelled', span: at(sql, "'Cancelled'") }] }],
      [{ name: 'visit_status', span: at(sql, 'visit_status', 1), values: [{ value: 'NO_SHOW', span: at(sql, "'NO_SHOW'") }] }],
      [{ name: 'visit_status', span: at(sql, 'visit_status', 2), values: [{ value: 'Booked', span: at(sql, "'Booked'") }] }],
    ]);
  });

  it('other type definitions and statements have no enumTypes', () => {
    const sql = [
      'CREATE TYPE money_amount AS (amount NUMERIC(12,2), currency CHAR(3));',
      'CREATE TYPE float_range AS RANGE (subtype = float8);',
      'ALTER TYPE visit_status OWNER TO clinical_app;',
      "CREATE TABLE clinical_visits (id UUID PRIMARY KEY, status visit_status NOT NULL DEFAULT 'done');",
      "CREATE DOMAIN us_postal_code AS TEXT CHECK (VALUE ~ '^\\d{5}$');",
    ].join('\n');
    const statements = analyzeSql(sql, 'postgresql').statements;
    expect(statements).toHaveLength(5);
    expect(statements.every((s) => !('enumTypes' in s))).toBe(true);
  });
});
