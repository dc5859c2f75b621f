/**
 * Session tables: `CREATE TEMP[ORARY] TABLE t` makes `t` a table of the connection that ran it,
 * gone when the session (or, `ON COMMIT DROP`, the transaction) ends. Code creates one and then
 * fills and reads it in the same string or in the next calls of the same module, so a file's
 * references to a temporary table it creates are to that session table, not to a schema table
 * some service should own.
 */
import type { FileFacts, SqlAnalysis } from '../analysis/facts.js';

const byFile = new WeakMap<FileFacts, ReadonlySet<string>>();

/** Lower-cased names of the temporary tables any SQL of the file (its own, or embedded) creates. */
export function temporaryTablesOf(file: FileFacts): ReadonlySet<string> {
  let names = byFile.get(file);
  if (names) return names;
  const found = new Set<string>();
  const analyses: Array<SqlAnalysis | undefined> = [file.sql, ...(file.embeddedAnalyses ?? [])];
  for (const analysis of analyses)
    for (const statement of analysis?.statements ?? [])
      for (const table of statement.tables) if (table.temporary && table.kind === 'create') found.add(table.name.toLowerCase());
  names = found;
  byFile.set(file, names);
  return names;
}

/** A reference to one of `temporary`: unqualified, or in PostgreSQL's session schema `pg_temp`. */
export function namesTemporaryTable(ref: { name: string; qualifier?: string }, temporary: ReadonlySet<string>): boolean {
  if (temporary.size === 0 || !temporary.has(ref.name.toLowerCase())) return false;
  return ref.qualifier === undefined || ref.qualifier.toLowerCase() === 'pg_temp';
}
