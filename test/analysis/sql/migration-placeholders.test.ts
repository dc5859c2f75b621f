import { describe, expect, it } from 'vitest';
import { analyzeFile, initAnalysers } from '../../../src/analysis/analyze-file.js';
import { bindMigrationPlaceholders } from '../../../src/analysis/sql/migration-placeholders.js';
import { refTuples } from './helpers.js';

await initAnalysers();

describe('bindMigrationPlaceholders', () => {
  it('blanks a placeholder qualifier and turns any other placeholder into a name, keeping every offset', () => {
    const sql = 'CREATE TABLE ${flyway:defaultSchema}.orders (id int);\nGRANT SELECT ON ${schema}."items" TO ${appUser};';
    const bound = bindMigrationPlaceholders(sql);
    expect(bound).toBe(`CREATE TABLE ${' '.repeat(24)}orders (id int);\nGRANT SELECT ON ${' '.repeat(10)}"items" TO __appUser_;`);
    expect(bound).toHaveLength(sql.length);
  });

  it('leaves text without placeholders, and `$` that is SQL, as it is', () => {
    const sql = "SELECT $1, $$body$$, $tag$x$tag$, '${' FROM t;";
    expect(bindMigrationPlaceholders(sql)).toBe("SELECT $1, $$body$$, $tag$x$tag$, '${' FROM t;");
    expect(bindMigrationPlaceholders('SELECT 1;')).toBe('SELECT 1;');
  });

  it('reads a long run of unclosed placeholders in linear time', () => {
    const sql = `SELECT ${'${a'.repeat(50_000)}`;
    const started = performance.now();
    expect(bindMigrationPlaceholders(sql)).toBe(sql);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('a Flyway migration with placeholders', () => {
  const settings = { defaultDialect: 'postgresql' as const, sqlCallees: [], hash: '' };

  it('creates and references the bare table, parses cleanly, and never names a placeholder as a table', () => {
    const text = [
      'CREATE TABLE ${flyway:defaultSchema}.orders (',
      '  id bigserial PRIMARY KEY',
      ');',
      'GRANT SELECT, INSERT ON ${flyway:defaultSchema}.orders TO ${appUser};',
      'CREATE TABLE order_items (id bigserial PRIMARY KEY, order_id bigint NOT NULL REFERENCES ${flyway:defaultSchema}.orders (id));',
    ].join('\n');
    const facts = analyzeFile('services/orders/sql/V1__orders.sql', text, settings);
    const statements = facts.sql!.statements;
    expect(statements.map((s) => [s.parse, s.parseError?.message, s.unsupported])).toEqual([
      ['full', undefined, undefined],
      ['full', undefined, undefined],
      ['full', undefined, undefined],
    ]);
    expect(statements.flatMap((s) => refTuples(text, s.tableRefs))).toEqual([
      ['create', 'orders', 'orders'],
      ['grant', 'orders', 'orders'],
      ['create', 'order_items', 'order_items'],
      ['references', 'orders', 'orders'],
    ]);
    // Positions are the file's: the created table is at line 1, column 38.
    const created = statements[0].tableRefs[0].span;
    expect(text.slice(0, created.start).split('\n')).toHaveLength(1);
    expect(created.start).toBe('CREATE TABLE ${flyway:defaultSchema}.'.length);
  });
});
