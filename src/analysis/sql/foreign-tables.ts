/**
 * PostgreSQL foreign data wrappers (postgres_fdw, mysql_fdw…): a foreign table is a window on a table of another
 * database, so defining one is an access to that remote table, named where the statement names it.
 *
 * - `CREATE FOREIGN TABLE local (…) SERVER s OPTIONS (schema_name 'public', table_name 'patients')`: the remote table is
 *   the `table_name` option's value (read at its place inside the literal), in the `schema_name` option's schema; without a
 *   `table_name` option it is the foreign table's own name (postgres_fdw's default). A foreign table over a file
 *   (file_fdw's `filename` / `program`) or a partition of a local table names no remote table.
 * - `IMPORT FOREIGN SCHEMA remote LIMIT TO (patients, visits) FROM SERVER s INTO local`: each listed table, in `remote`.
 *   Without `LIMIT TO` (the whole schema, or `EXCEPT (…)`) no table is named.
 *
 * A foreign table under a name of its own (`remote_patients` for `patients`) is a relation of the defining service's
 * database that reads the remote table, as a view is: it is declared as a view, so the service's queries on it are its
 * own and naming rules hold it to nothing. Under the remote table's name (no `table_name`, `IMPORT FOREIGN SCHEMA`) it
 * declares nothing: the name is the remote service's table, and a query on it reaches that table.
 */
import type { SqlStatement, SqlTableRef } from '../facts.js';
import { stringValue } from './tokenizer.js';
import type { TokView } from './tokview.js';

/** Options of a foreign table that say it reads a file or a command, not a table. */
const NOT_A_TABLE_OPTIONS = new Set(['filename', 'program']);

export interface ForeignTables {
  /** The remote tables the statement names. */
  refs: SqlTableRef[];
  /** The foreign table it creates under a name of its own. */
  view?: SqlStatement['views'][number];
}

const NONE: ForeignTables = { refs: [] };

export function foreignTables(v: TokView): ForeignTables {
  if (v.key(0) === 'CREATE' && v.key(1) === 'FOREIGN' && v.key(2) === 'TABLE') return createForeignTable(v);
  if (v.key(0) === 'IMPORT' && v.key(1) === 'FOREIGN' && v.key(2) === 'SCHEMA') return { refs: importForeignSchemaRefs(v) };
  return NONE;
}

function createForeignTable(v: TokView): ForeignTables {
  const local = v.readName(v.skipIfExists(3), false);
  if (!local || local.hole || v.key(local.next) === 'PARTITION') return NONE;
  let server = -1;
  for (let j = local.next; j < v.length && server < 0; j++) {
    if (v.key(j) === '(') j = v.matchParen(j);
    else if (v.key(j) === 'SERVER') server = j;
  }
  if (server < 0 || !v.isIdent(server + 1)) return NONE;
  const options = new Map<string, number>();
  if (v.key(server + 2) === 'OPTIONS' && v.key(server + 3) === '(') {
    const close = v.matchParen(server + 3);
    for (const [a, b] of v.splitTopLevel(server + 4, close)) {
      if (b === a + 2 && v.isIdent(a) && v.toks[a + 1].type === 'string') options.set(v.ident(a).toLowerCase(), a + 1);
    }
  }
  if ([...options.keys()].some((o) => NOT_A_TABLE_OPTIONS.has(o))) return NONE;
  const schemaAt = options.get('schema_name');
  const qualifier = schemaAt !== undefined ? optionValue(v, schemaAt) : undefined;
  const tableAt = options.get('table_name');
  if (tableAt === undefined) {
    return { refs: [{ name: local.name, ...(qualifier ? { qualifier } : {}), action: 'select', span: local.span }] };
  }
  const name = optionValue(v, tableAt);
  if (!name) return NONE;
  const t = v.toks[tableAt];
  // The name inside the quotes (a plain `'patients'`; with escapes or a prefix, the whole literal).
  const plain = v.text[t.start] === "'" && v.text[t.end - 1] === "'" && t.end - t.start === name.length + 2;
  const span = plain ? { start: t.start + 1, end: t.end - 1 } : { start: t.start, end: t.end };
  const refs: SqlTableRef[] = [{ name, ...(qualifier ? { qualifier } : {}), action: 'select', span }];
  if (local.name.toLowerCase() === name.toLowerCase()) return { refs };
  return { refs, view: { name: local.name, ...(local.qualifier !== undefined ? { qualifier: local.qualifier } : {}), span: local.span } };
}

function importForeignSchemaRefs(v: TokView): SqlTableRef[] {
  if (!v.isIdent(3) || v.key(4) !== 'LIMIT' || v.key(5) !== 'TO' || v.key(6) !== '(') return [];
  const qualifier = v.ident(3);
  const refs: SqlTableRef[] = [];
  for (const [a, b] of v.splitTopLevel(7, v.matchParen(6))) {
    if (b !== a + 1 || !v.isIdent(a)) continue;
    const name = v.ident(a);
    if (name) refs.push({ name, qualifier, action: 'select', span: v.span(a) });
  }
  return refs;
}

/** A string option's value (PostgreSQL strings: `''` is a quote; backslashes only in E'…'). */
function optionValue(v: TokView, i: number): string {
  const t = v.toks[i];
  return stringValue(v.text, t, /[eE]/.test(v.text[t.start]));
}
