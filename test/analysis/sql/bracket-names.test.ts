import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeSql, initSqlParsers } from '../../../src/analysis/sql/index.js';
import { refTuples } from './helpers.js';

beforeAll(() => initSqlParsers());

/**
 * A `[bracket]`-quoted name (SQLite's, SQL Server's) in a statement read as MySQL or PostgreSQL: the parser rejects it, and
 * its tables must still be read from its tokens (uptime-kuma's SQLite patches in a service its connection settings put on
 * MySQL, HELDOUT16 #16): a parse failure never hides a table reference.
 */
describe('[bracket] names in a statement the MySQL or PostgreSQL parser rejects', () => {
  it('MySQL: CREATE INDEX [fk] ON [monitor_group] reads the index and its table, at the bracketed name', () => {
    const sql = 'CREATE INDEX [fk]\n    ON [monitor_group] (\n        [monitor_id],\n        [group_id]);';
    const [statement] = analyzeSql(sql, 'mysql').statements;
    expect(statement.parseError).toBeDefined();
    expect(refTuples(sql, statement.tableRefs)).toEqual([['other', 'monitor_group', '[monitor_group]']]);
    expect(statement.indexes.map((i) => [i.name, i.table, i.columns])).toEqual([['fk', 'monitor_group', ['monitor_id', 'group_id']]]);
  });

  it('MySQL: a CREATE TABLE in brackets declares its table and its reference', () => {
    const sql = [
      'CREATE TABLE [api_key] (',
      '    [id] INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,',
      '    [user_id] INTEGER NOT NULL,',
      '    CONSTRAINT FK_user FOREIGN KEY ([user_id]) REFERENCES [user]([id]) ON DELETE CASCADE',
      ');',
    ].join('\n');
    const [statement] = analyzeSql(sql, 'mysql').statements;
    expect(statement.parseError).toBeDefined();
    expect(statement.tables.map((t) => [t.kind, t.name, t.columns.map((c) => c.name)])).toEqual([['create', 'api_key', ['id', 'user_id']]]);
    expect(refTuples(sql, statement.tableRefs)).toEqual([
      ['create', 'api_key', '[api_key]'],
      ['references', 'user', '[user]'],
    ]);
  });

  it('PostgreSQL: UPDATE [group] … FROM [monitor_group]; a two-part [schema].[table] name', () => {
    const sql = 'UPDATE [group] SET weight = 1 WHERE id IN (SELECT group_id FROM [monitor_group]);\nSELECT o.id FROM [sales].[orders] o;';
    const statements = analyzeSql(sql, 'postgresql').statements;
    expect(statements.map((s) => s.parseError !== undefined)).toEqual([true, true]);
    expect(statements.flatMap((s) => refTuples(sql, s.tableRefs))).toEqual([
      ['update', 'group', '[group]'],
      ['select', 'monitor_group', '[monitor_group]'],
      ['select', 'sales.orders', '[sales].[orders]'],
    ]);
  });

  it('an array subscript or literal is no name: statements the parser accepts, and a rejected one, keep their own reading', () => {
    const sql = 'SELECT tags[1] FROM posts;\nSELECT ARRAY[a] FROM posts;\nSELECT x[y] FROM posts WHERE;';
    const statements = analyzeSql(sql, 'postgresql').statements;
    expect(statements.map((s) => s.parseError !== undefined)).toEqual([false, false, true]);
    expect(statements.flatMap((s) => refTuples(sql, s.tableRefs))).toEqual([
      ['select', 'posts', 'posts'],
      ['select', 'posts', 'posts'],
      ['select', 'posts', 'posts'],
    ]);
  });
});
