/**
 * SQLite's own syntax, which neither MySQL nor PostgreSQL has (uptime-kuma's `db/patch-*.sql`: `INTEGER PRIMARY KEY
 * AUTOINCREMENT`, `CREATE INDEX [fk] ON [monitor_group] ([monitor_id])`; `PRAGMA foreign_keys = OFF`). Read statement by
 * statement where a MySQL or PostgreSQL parser rejected one (src/model/other-engine-syntax.ts), and file by file where a
 * SQL file's engine is to be told (`sqlFileEngine` in dialect.ts).
 */

/**
 * Marks no MySQL or PostgreSQL statement has: a statement's head `PRAGMA`, `AUTOINCREMENT`, the catalog, `pragma_…()`, a
 * table's `STRICT` or `WITHOUT ROWID` option (`CREATE TABLE sessions (…) STRICT`).
 */
export const SQLITE_STRICT_MARKS: readonly RegExp[] = [
  /^\s*PRAGMA\s/i,
  /\bAUTOINCREMENT\b/i,
  /\bsqlite_(?:master|schema|sequence|temp_master)\b/i,
  /\bpragma_\w+\s*\(/i,
  /\)\s*(?:STRICT|WITHOUT\s+ROWID)\b/i,
];

/**
 * A `[bracket]`-quoted name where a table or column goes (`CREATE INDEX [fk] ON [monitor_group]`, `UPDATE [group]`): never
 * MySQL's or PostgreSQL's (their `[` follows an expression: `a[1]`, `ARRAY[…]`, `int[]`), but SQL Server's as much as
 * SQLite's, so SQLite's only where SQLite is an engine of the file's service.
 */
export const BRACKET_NAME = /(?:^|[\s(,])\[[A-Za-z_][\w$]*\](?=[\s(),.;]|$)/;

/** The same marks over a whole file's text (every line a possible statement head), comments and strings already blanked. */
const FILE_STRICT_MARKS: readonly RegExp[] = [/^[ \t]*PRAGMA\s|;[ \t]*PRAGMA\s/im, ...SQLITE_STRICT_MARKS.slice(1)];
const FILE_BRACKET_NAME = new RegExp(BRACKET_NAME.source, 'm');

/**
 * The strongest SQLite mark in a SQL file's text (comments and string literals blanked by the caller): `strict` for one no
 * MySQL or PostgreSQL file has, `bracket` for a `[bracket]` name only; undefined when it shows none.
 */
export function sqliteFileMark(blanked: string): 'strict' | 'bracket' | undefined {
  if (FILE_STRICT_MARKS.some((mark) => mark.test(blanked))) return 'strict';
  return FILE_BRACKET_NAME.test(blanked) ? 'bracket' : undefined;
}
