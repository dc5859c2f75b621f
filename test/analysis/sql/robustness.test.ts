import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../../src/analysis/facts.js';
import { analyzeSql, clearSqlCache, HOLE_PREFIX, holePlaceholder, initSqlParsers } from '../../../src/analysis/sql/index.js';
import { expectAnalysedWithinBounds } from './helpers.js';

await initSqlParsers();

const dialects: Dialect[] = ['mysql', 'postgresql'];

/**
 * Broken and odd input, small: each is analysed without throwing. The large hostile inputs (binary garbage,
 * 100,000-character lines, 20,000 nested parentheses) and the cache's bound over 5,000 texts are timing checks:
 * test/e2e/analysis-large-inputs.test.ts, in `npm run test:e2e`.
 */
const hostile: Record<string, string> = {
  empty: '',
  whitespace: ' \n\t\r\n ',
  'only semicolons': ';;;\n;',
  'NUL bytes': '\u0000SELECT\u0000 * FROM t\u0000',
  'unterminated string': "SELECT * FROM t WHERE a = 'never closed",
  'unterminated quoted identifier': 'SELECT * FROM "never closed',
  'unterminated block comment': 'SELECT 1; /* never closed',
  'unterminated dollar body': 'CREATE FUNCTION f() RETURNS int AS $$ BEGIN UPDATE x SET a = 1;',
  'nested parens': `SELECT ${'('.repeat(50)}1${')'.repeat(50)} FROM t`,
  'unbalanced open parens': `SELECT * FROM ${'('.repeat(50)}`,
  'lone surrogates': 'SELECT \ud800 FROM \udfff',
  'unbalanced routine': 'CREATE PROCEDURE p() BEGIN BEGIN SELECT * FROM a; SELECT * FROM b;',
  'DELIMITER without end': 'DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END',
  'backslashes only': '\\\\\\',
};

describe('never throws', () => {
  for (const dialect of dialects) {
    for (const [name, sql] of Object.entries(hostile)) {
      it(`${dialect}: ${name}`, () => expectAnalysedWithinBounds(sql, dialect));
    }
  }

  it('keeps table references in hostile but meaningful input', () => {
    expect(analyzeSql(hostile['unbalanced routine'], 'mysql').statements[0].tableRefs.map((r) => r.name)).toEqual(['a', 'b']);
    expect(analyzeSql(hostile['unterminated dollar body'], 'postgresql').statements[0].tableRefs.map((r) => r.name)).toEqual(['x']);
  });

  it('walks ASTs as deep as PostgreSQL accepts without losing the innermost table', () => {
    const sql = `SELECT * FROM ${'(SELECT * FROM '.repeat(800)}innermost${') x'.repeat(800)}`;
    const [st] = analyzeSql(sql, 'postgresql').statements;
    expect(st.parse).toBe('full');
    expect(st.tableRefs.map((r) => r.name)).toEqual(['innermost']);
  });

  it('tolerates non-string input from JavaScript callers', () => {
    expect(analyzeSql(undefined as unknown as string, 'mysql')).toEqual({ dialect: 'mysql', statements: [], comments: [] });
  });
});

describe('hole placeholders', () => {
  it('builds identifiers that start with HOLE_PREFIX', () => {
    expect(HOLE_PREFIX).toBe('__nl_hole_');
    expect(holePlaceholder(0)).toBe('__nl_hole_0__');
    expect(holePlaceholder(12).startsWith(HOLE_PREFIX)).toBe(true);
  });

  it('PostgreSQL: a hole table or schema is not a reference', () => {
    const sql = `SELECT * FROM ${holePlaceholder(0)} a JOIN ${holePlaceholder(1)}.visits v ON true JOIN patients p ON p.id = a.id WHERE p.x = $1`;
    const [st] = analyzeSql(sql, 'postgresql').statements;
    expect(st.parse).toBe('full');
    expect(st.tableRefs.map((r) => r.name)).toEqual(['patients']);
    expect(st.holeRefs).toEqual([
      { name: holePlaceholder(0), action: 'select', span: { start: 14, end: 27 } },
      { name: 'visits', qualifier: holePlaceholder(1), action: 'select', span: { start: 35, end: 55 } },
    ]);
    const [update] = analyzeSql(`UPDATE ${holePlaceholder(0)} SET paid = true WHERE id = $1`, 'postgresql').statements;
    expect(update.holeRefs).toEqual([{ name: holePlaceholder(0), action: 'update', span: { start: 7, end: 20 } }]);
  });
});

describe('cache', () => {
  it('returns the same result object for the same (dialect, text) and separates dialects', () => {
    clearSqlCache();
    const sql = 'SELECT * FROM cached_table';
    const a = analyzeSql(sql, 'mysql');
    expect(analyzeSql(sql, 'mysql')).toBe(a);
    expect(analyzeSql(sql, 'postgresql')).not.toBe(a);
    expect(analyzeSql(sql, 'postgresql').dialect).toBe('postgresql');
  });
});

describe('comments', () => {
  it('come from the same tokenization: apostrophes inside, quotes and dollar bodies skipped, comment-only text kept', () => {
    const text = "-- Worker's compensation\nSELECT '-- not a comment' FROM t; /* block */\n";
    expect(analyzeSql(text, 'mysql').comments?.map((c) => text.slice(c.start, c.end))).toEqual(["-- Worker's compensation", '/* block */']);
    const pg = 'CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 -- inside $$ LANGUAGE sql; -- after\n';
    expect(analyzeSql(pg, 'postgresql').comments?.map((c) => pg.slice(c.start, c.end))).toEqual(['-- after']);
    expect(analyzeSql('-- nilecare-lint-disable-file\n', 'mysql').comments).toHaveLength(1);
  });
});
