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

  it("binds PostgreSQL's extension-script placeholders, and leaves any other `@` as it is", () => {
    const sql =
      'CREATE TABLE @extschema@.part_config (id int);\nALTER TABLE t OWNER TO @extowner@;\n' +
      "SET search_path = @extschema:postgis@, @database_owner@;\nSELECT @ -5, @extra@, @extschema, '@extschema@,pg_temp';";
    const bound = bindMigrationPlaceholders(sql);
    expect(bound).toBe(
      `CREATE TABLE ${' '.repeat(12)}part_config (id int);\nALTER TABLE t OWNER TO _extowner_;\n` +
        "SET search_path = _extschema_postgis_, _database_owner_;\nSELECT @ -5, @extra@, @extschema, '_extschema_,pg_temp';",
    );
    expect(bound).toHaveLength(sql.length);
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

describe('a PostgreSQL extension script with @extschema@', () => {
  const settings = { defaultDialect: 'postgresql' as const, sqlCallees: [], hash: '' };

  it('creates, indexes and references the bare table, parses cleanly, at the file positions', () => {
    const text = [
      'CREATE TABLE @extschema@.part_config (parent_table text NOT NULL PRIMARY KEY, partition_type text);',
      'CREATE INDEX part_config_type_idx ON @extschema@.part_config (partition_type);',
      'ALTER TABLE @extschema@.part_config OWNER TO @extowner@;',
    ].join('\n');
    const facts = analyzeFile('extensions/pg_partman/pg_partman--4.7.2.sql', text, settings);
    const statements = facts.sql!.statements;
    expect(statements.map((s) => [s.parse, s.parseError?.message])).toEqual([
      ['full', undefined],
      ['full', undefined],
      ['full', undefined],
    ]);
    expect(statements.flatMap((s) => refTuples(text, s.tableRefs)).map((r) => r[1])).toEqual(['part_config', 'part_config', 'part_config']);
    const created = statements[0].tableRefs[0].span;
    expect(created.start).toBe('CREATE TABLE @extschema@.'.length);
    expect(created.end).toBe('CREATE TABLE @extschema@.part_config'.length);
  });
});
