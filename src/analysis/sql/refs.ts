/**
 * Token-based facts of one statement: its kind, its CTE names and its CREATE header (its table
 * references are table-refs.ts's). Tolerant: they work on any token stream (a statement a parser
 * rejected, a routine body, SQL with MySQL syntax in a PostgreSQL file).
 */
import type { StatementKind } from '../facts.js';
import type { TokView } from './tokview.js';

export interface CreateHeader {
  /** Index of the object word (TABLE, INDEX, VIEW, FUNCTION, …). */
  objectIndex: number;
  object: string;
  /** UNIQUE / FULLTEXT / SPATIAL / MATERIALIZED / TEMPORARY … seen before the object word. */
  modifiers: Set<string>;
}

const CREATE_MODIFIERS = new Set([
  'OR',
  'REPLACE',
  'TEMPORARY',
  'TEMP',
  // SQLite's `CREATE VIRTUAL TABLE notes_fts USING fts5(…)` (FTS5/4/3, rtree): a table of the schema, filled by a module.
  'VIRTUAL',
  'UNLOGGED',
  'GLOBAL',
  'LOCAL',
  'UNIQUE',
  'FULLTEXT',
  'SPATIAL',
  'MATERIALIZED',
  'RECURSIVE',
  'AGGREGATE',
  'CONSTRAINT',
  'TRUSTED',
  'PROCEDURAL',
  'ONLINE',
  'OFFLINE',
  'IGNORE',
  'SECURITY',
  'SQL',
  'DEFINER',
  'INVOKER',
  'UNDEFINED',
  'MERGE',
  'TEMPTABLE',
  'ALGORITHM',
  'NONCLUSTERED',
  'CLUSTERED',
]);

/** Parses `CREATE [OR REPLACE] [DEFINER=…] [ALGORITHM=…] [UNIQUE] … <object>` at `i` (the CREATE token). */
export function createHeader(v: TokView, i: number): CreateHeader | null {
  if (v.key(i) !== 'CREATE') return null;
  const modifiers = new Set<string>();
  let j = i + 1;
  while (j < v.length && j < i + 24) {
    const k = v.key(j);
    if ((k === 'DEFINER' || k === 'ALGORITHM') && v.key(j + 1) === '=') {
      // DEFINER = `user`@`host` | CURRENT_USER[()]; ALGORITHM = MERGE
      modifiers.add(k);
      j += 3;
      while (v.key(j) === '@' || v.raw(j).startsWith('@')) j += v.key(j) === '@' ? 2 : 1;
      if (v.key(j) === '(' && v.key(j + 1) === ')') j += 2;
      continue;
    }
    if (CREATE_MODIFIERS.has(k)) {
      modifiers.add(k);
      j++;
      continue;
    }
    break;
  }
  const object = v.key(j);
  if (!object) return null;
  return { objectIndex: j, object, modifiers };
}

/** Collects CTE names (lower-cased) from every `WITH [RECURSIVE] a AS (…), b AS (…)` in the statement. */
export function cteNames(v: TokView): { names: Set<string>; mainVerbIndex: number } {
  const names = new Set<string>();
  let mainVerbIndex = -1;
  for (let i = 0; i < v.length; i++) {
    if (v.key(i) !== 'WITH') continue;
    let j = i + 1;
    if (v.key(j) === 'RECURSIVE') j++;
    for (;;) {
      if (!v.isIdent(j)) break;
      let k = j + 1;
      if (v.key(k) === '(') k = v.matchParen(k) + 1;
      if (v.key(k) !== 'AS') break;
      k++;
      if (v.key(k) === 'NOT') k++;
      if (v.key(k) === 'MATERIALIZED') k++;
      if (v.key(k) !== '(') break;
      names.add(v.ident(j).toLowerCase());
      k = v.matchParen(k) + 1;
      if (v.key(k) === ',') {
        j = k + 1;
        continue;
      }
      if (i === firstSignificant(v) && mainVerbIndex < 0) mainVerbIndex = k;
      break;
    }
  }
  return { names, mainVerbIndex };
}

function firstSignificant(v: TokView): number {
  let i = 0;
  while (v.key(i) === '(') i++;
  return i;
}

/** The statement kind from its leading keywords. */
export function classifyStatement(v: TokView, mainVerbIndex: number): StatementKind {
  let i = firstSignificant(v);
  let k = v.key(i);
  if (k === 'WITH') {
    if (mainVerbIndex < 0) return 'select';
    i = mainVerbIndex;
    while (v.key(i) === '(') i++;
    k = v.key(i);
  }
  switch (k) {
    case 'SELECT':
    case 'VALUES':
    case 'TABLE':
      return 'select';
    case 'INSERT':
    case 'REPLACE':
      return 'insert';
    case 'UPSERT':
      return v.key(i + 1) === 'INTO' ? 'insert' : 'other';
    case 'UPDATE':
      return 'update';
    case 'DELETE':
      return 'delete';
    case 'DROP':
      return 'drop';
    case 'ALTER':
      return v.key(i + 1) === 'TABLE' ? 'alter_table' : 'other';
    case 'DO': {
      const t = v.toks[i + 1];
      return t && (t.type === 'dollar' || t.type === 'string' || v.key(i + 1) === 'LANGUAGE') ? 'create_routine' : 'other';
    }
    case 'CREATE': {
      const h = createHeader(v, i);
      if (!h) return 'create_other';
      switch (h.object) {
        case 'TABLE':
          return 'create_table';
        case 'INDEX':
          return 'create_index';
        case 'VIEW':
          return 'create_view';
        case 'PROCEDURE':
        case 'FUNCTION':
        case 'TRIGGER':
        case 'EVENT':
          return 'create_routine';
        default:
          return 'create_other';
      }
    }
    default:
      return 'other';
  }
}
