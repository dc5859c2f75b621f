/**
 * Token-based facts of one statement: its kind, CTE names and table references.
 *
 * This is the tolerant extractor: it works on any token stream (a statement a
 * parser rejected, a routine body, SQL with MySQL syntax in a PostgreSQL file)
 * and every span it returns is the exact span of the name tokens.
 */
import type { SqlTableRef, StatementKind, TableAction } from '../facts.js';
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

interface Frame {
  verb: '' | 'select' | 'insert' | 'update' | 'delete' | 'merge';
  /** A SELECT / DELETE / UPDATE at this level makes FROM introduce tables. */
  canFrom: boolean;
  deleteListDone: boolean;
  /** While set, a `,` at this level introduces another table item with this action. */
  list: TableAction | null;
}

const LIST_ENDERS = new Set([
  'WHERE',
  'GROUP',
  'ORDER',
  'HAVING',
  'LIMIT',
  'UNION',
  'INTERSECT',
  'EXCEPT',
  'WINDOW',
  'RETURNING',
  'VALUES',
  'VALUE',
  'FOR',
  'LOCK',
  'OFFSET',
  'FETCH',
  'SET',
  'INTO',
  'SELECT',
  'DUPLICATE',
  'QUALIFY',
  'CONNECT',
  'START',
  'PROCEDURE',
]);
const NOT_UPDATE_VERB_AFTER = new Set([
  'ON',
  'KEY',
  'FOR',
  'BEFORE',
  'AFTER',
  'OR',
  ',',
  'GRANT',
  'REVOKE',
  'OF',
  'NO',
  'SHARE',
  'DUPLICATE',
  '.',
  'INSTEAD',
]);
const NOT_DML_VERB_AFTER = new Set(['ON', 'BEFORE', 'AFTER', 'OR', ',', 'GRANT', 'REVOKE', 'OF', '.', 'INSTEAD', 'FOR']);
const INSERT_MODIFIERS = new Set(['IGNORE', 'LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY', 'OVERWRITE']);
/** Statements whose top-level FROM is not followed by a table (COPY … FROM STDIN, REVOKE … FROM role). */
const NO_TOP_LEVEL_FROM = new Set(['COPY', 'REVOKE', 'SHOW', 'GRANT', 'LOAD', 'FETCH', 'MOVE']);
const SUBQUERY_START = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE']);

/**
 * Table references of a statement, in order of occurrence.
 * `ctes` are lower-cased CTE names, never reported when unqualified.
 */
export function extractTableRefs(v: TokView, ctes: Set<string>): SqlTableRef[] {
  const refs: SqlTableRef[] = [];
  const fresh = (): Frame => ({ verb: '', canFrom: false, deleteListDone: false, list: null });
  let stack: Frame[] = [fresh()];
  let expect: TableAction | null = null;

  const add = (i: number, action: TableAction, allowParen: boolean): number => {
    const r = v.readName(i);
    if (!r) return i;
    if (!allowParen && v.key(r.next) === '(') return r.next; // generate_series(…), json_table(…)
    if (r.hole) return r.next;
    if (!r.qualifier && ctes.has(r.name.toLowerCase())) return r.next;
    refs.push({ name: r.name, ...(r.qualifier !== undefined ? { qualifier: r.qualifier } : {}), action, span: r.span });
    return r.next;
  };

  const head = v.key(0);
  let parenRunEnd = -1;
  let parenRunIsList = false;
  let i = 0;
  while (i < v.length) {
    const frame = stack[stack.length - 1];
    const k = v.key(i);

    if (expect !== null) {
      const action: TableAction = expect;
      expect = null;
      if (k === 'LATERAL' || k === 'ONLY') {
        expect = action;
        i++;
        continue;
      }
      if (k === '(') {
        const inner: Frame = fresh();
        // `FROM ((a JOIN b))` vs `FROM ((SELECT …))`: look past the run of `(` once per run.
        if (i >= parenRunEnd) {
          parenRunEnd = i + 1;
          while (v.key(parenRunEnd) === '(') parenRunEnd++;
          parenRunIsList = !SUBQUERY_START.has(v.key(parenRunEnd));
        }
        if (parenRunIsList) {
          // `FROM (a JOIN b)`: a parenthesised join list.
          inner.list = action;
          inner.canFrom = true;
          expect = action;
        }
        stack.push(inner);
        i++;
        continue;
      }
      if (v.isNameStart(i)) {
        // Only a FROM/JOIN item followed by `(` is a function call; `INTO t (cols)` and `REFERENCES t(id)` are not.
        i = add(i, action, action !== 'select');
        continue;
      }
    }

    const prev = v.key(i - 1);
    const next = v.key(i + 1);
    switch (k) {
      case '(':
        stack.push(fresh());
        break;
      case ')':
        if (stack.length > 1) stack.pop();
        break;
      case ';':
        stack = [fresh()];
        break;
      case ',':
        if (frame.list !== null) expect = frame.list;
        break;
      case 'SELECT':
        frame.canFrom = true;
        if (frame.verb === '') frame.verb = 'select';
        frame.list = null;
        break;
      case 'FROM':
        if (prev === 'DISTINCT') break; // IS [NOT] DISTINCT FROM
        // A top-level FROM names tables even when the verb was garbled (`SELEC * FROM b`).
        if (frame.canFrom || (stack.length === 1 && !NO_TOP_LEVEL_FROM.has(head))) {
          const action: TableAction = frame.verb === 'delete' && !frame.deleteListDone ? 'delete' : 'select';
          if (action === 'delete') frame.deleteListDone = true;
          frame.list = action;
          expect = action;
        }
        break;
      case 'JOIN':
      case 'STRAIGHT_JOIN':
        if (frame.canFrom || frame.list !== null) {
          frame.list = 'select';
          expect = 'select';
        }
        break;
      case 'USING':
        if ((frame.verb === 'delete' || frame.verb === 'merge') && next !== '(') {
          frame.list = 'select';
          expect = 'select';
        }
        break;
      case 'UPDATE':
        if (!NOT_UPDATE_VERB_AFTER.has(prev) && next !== 'SET' && next !== '(') {
          frame.verb = 'update';
          frame.canFrom = true;
          let j = i + 1;
          while (v.key(j) === 'LOW_PRIORITY' || v.key(j) === 'IGNORE') j++;
          frame.list = 'update';
          expect = 'update';
          i = j;
          continue;
        }
        break;
      case 'DELETE':
        if (!NOT_DML_VERB_AFTER.has(prev) && next !== '(') {
          frame.verb = 'delete';
          frame.canFrom = true;
          frame.deleteListDone = false;
          frame.list = null;
        }
        break;
      case 'INSERT':
      case 'REPLACE': {
        if (NOT_DML_VERB_AFTER.has(prev) || next === '(') break;
        let j = i + 1;
        while (INSERT_MODIFIERS.has(v.key(j))) j++;
        if (v.key(j) === 'INTO') j++;
        else if (!v.isNameStart(j)) break;
        if (v.key(j) === 'TABLE') j++;
        frame.verb = 'insert';
        frame.canFrom = false;
        frame.list = null;
        expect = 'insert';
        i = j;
        continue;
      }
      case 'TABLE':
        // MySQL 8 / PostgreSQL `TABLE t` (a statement or subquery of its own)
        if (
          prev === '' ||
          prev === '(' ||
          prev === ';' ||
          prev === 'UNION' ||
          prev === 'ALL' ||
          prev === 'EXCEPT' ||
          prev === 'INTERSECT'
        ) {
          expect = 'select';
        }
        break;
      case 'MERGE':
        if (next === 'INTO') {
          frame.verb = 'merge';
          expect = 'update';
          i += 2;
          continue;
        }
        break;
      case 'INTO':
        // LOAD DATA … INTO TABLE t
        if (next === 'TABLE' && prev !== 'INSERT') {
          expect = 'insert';
          i += 2;
          continue;
        }
        frame.list = null;
        break;
      case 'TRUNCATE':
        if (prev === '' || prev === ';' || prev === 'THEN' || prev === 'BEGIN' || prev === 'ELSE' || prev === 'DO') {
          let j = i + 1;
          if (v.key(j) === 'TABLE') j++;
          frame.list = 'truncate';
          expect = 'truncate';
          i = j;
          continue;
        }
        break;
      case 'REFERENCES':
        if (next !== 'ON' && next !== ',' && prev !== 'GRANT' && prev !== ',') {
          expect = 'references';
        }
        break;
      case 'CREATE': {
        const j = handleCreate(v, i, refs, add);
        if (j > i) {
          i = j;
          continue;
        }
        break;
      }
      case 'ALTER':
        if (next === 'TABLE') {
          let j = i + 2;
          if (v.key(j) === 'ONLY') j++;
          j = v.skipIfExists(j);
          if (v.key(j) === 'ONLY') j++;
          i = add(j, 'alter', true);
          if (i === j) i++;
          continue;
        }
        break;
      case 'DROP':
        if (next === 'TABLE' || (next === 'TEMPORARY' && v.key(i + 2) === 'TABLE')) {
          let j = v.skipIfExists(i + (next === 'TABLE' ? 2 : 3));
          for (;;) {
            const r = v.readName(j);
            if (!r) break;
            j = add(j, 'drop', true);
            if (v.key(j) !== ',') break;
            j++;
          }
          i = Math.max(j, i + 1);
          continue;
        }
        if (next === 'INDEX' || next === 'TRIGGER') {
          // DROP INDEX i ON t (MySQL), DROP TRIGGER x ON t (PostgreSQL)
          const on = findTopLevel(v, i + 2, 'ON');
          if (on > 0) {
            i = add(on + 1, 'other', true);
            if (i === on + 1) i++;
            continue;
          }
        }
        break;
      case 'RENAME':
        // MySQL `RENAME TABLE a TO b [, c TO d]` alters each old name; the new names are no references, as in `ALTER TABLE a RENAME TO b`.
        if (next === 'TABLE' && (prev === '' || prev === ';' || prev === 'BEGIN' || prev === 'THEN' || prev === 'ELSE' || prev === 'DO')) {
          let j = i + 2;
          while (v.readName(j)) {
            j = add(j, 'alter', true);
            const to = v.key(j) === 'TO' ? v.readName(j + 1) : null;
            if (!to || v.key(to.next) !== ',') {
              j = to ? to.next : j;
              break;
            }
            j = to.next + 1;
          }
          i = Math.max(j, i + 1);
          continue;
        }
        break;
      case 'GRANT':
      case 'REVOKE':
        // A statement of its own (also inside routine bodies); `WITH GRANT OPTION`, `REVOKE GRANT OPTION FOR` are not.
        if (prev === '' || prev === ';' || prev === 'BEGIN' || prev === 'THEN' || prev === 'ELSE' || prev === 'DO') {
          i = grantTargets(v, i, add);
          continue;
        }
        break;
      case 'COPY':
        if (i === 0) {
          if (v.key(1) === '(') break;
          // COPY t FROM STDIN / TO 'file': nothing else names a table.
          add(1, 'other', true);
          return refs;
        }
        break;
      default:
        if (LIST_ENDERS.has(k)) frame.list = null;
    }
    i++;
  }
  return refs;
}

/** After `GRANT … ON`: object kinds that are not tables (`ALL TABLES IN SCHEMA s`, `SEQUENCE s`, `FUNCTION f`, …). */
const NOT_TABLE_GRANT_OBJECTS = new Set([
  'ALL',
  'SEQUENCE',
  'DATABASE',
  'SCHEMA',
  'FUNCTION',
  'PROCEDURE',
  'ROUTINE',
  'DOMAIN',
  'FOREIGN',
  'LANGUAGE',
  'LARGE',
  'PARAMETER',
  'TABLESPACE',
  'TYPE',
  'SERVER',
]);
/** Privileges that never concern a table: USAGE is for sequences (PostgreSQL) or "no privilege" (MySQL), PROXY is on users. */
const NOT_TABLE_PRIVILEGES = new Set(['USAGE', 'PROXY']);
/** What a REVOKE may start with before its privileges. */
const REVOKE_PREFIXES = new Set(['GRANT', 'ADMIN', 'INHERIT', 'SET', 'OPTION', 'FOR', 'IF', 'EXISTS']);

/**
 * `GRANT privileges ON [TABLE] t [, …] TO …` / `REVOKE … ON t FROM …` at `i`: each table is a `grant`
 * reference. Role grants (no ON), `*.*`, `db.*` and non-table objects name none. Returns the index
 * of the statement's end, so `FROM role` is never read as a table.
 */
function grantTargets(v: TokView, i: number, add: (i: number, action: TableAction, allowParen: boolean) => number): number {
  let j = i + 1;
  if (v.key(i) === 'REVOKE') while (REVOKE_PREFIXES.has(v.key(j))) j++;
  let tablePrivileges = true;
  let on = -1;
  for (; j < v.length; j++) {
    const k = v.key(j);
    if (k === '(')
      j = v.matchParen(j); // column list: GRANT SELECT (id, total) ON …
    else if (k === 'ON') {
      on = j;
      break;
    } else if (k === 'TO' || k === 'FROM' || k === ';') break;
    else if (NOT_TABLE_PRIVILEGES.has(k)) tablePrivileges = false;
  }
  if (on >= 0 && tablePrivileges && !NOT_TABLE_GRANT_OBJECTS.has(v.key(on + 1))) {
    j = on + 1;
    if (v.key(j) === 'TABLE') j++;
    for (;;) {
      const after = add(j, 'grant', false);
      if (after === j || v.key(after) !== ',') break;
      j = after + 1;
    }
  }
  let depth = 0;
  for (; j < v.length; j++) {
    const k = v.key(j);
    if (k === '(') depth++;
    else if (k === ')') depth--;
    else if (k === ';' && depth <= 0) break;
  }
  return j;
}

/** First index ≥ from of the keyword `word` at paren depth 0 (relative to from), or -1. */
function findTopLevel(v: TokView, from: number, word: string, stopAt = v.length): number {
  let depth = 0;
  for (let j = from; j < stopAt; j++) {
    const k = v.key(j);
    if (k === '(') depth++;
    else if (k === ')') depth--;
    else if (k === ';' && depth === 0) return -1;
    else if (depth === 0 && k === word) return j;
  }
  return -1;
}

/** CREATE TABLE / INDEX / TRIGGER / VIEW headers. Returns the index to continue at. */
function handleCreate(
  v: TokView,
  i: number,
  refs: SqlTableRef[],
  add: (i: number, action: TableAction, allowParen: boolean) => number,
): number {
  const h = createHeader(v, i);
  if (!h) return i;
  let j = h.objectIndex + 1;
  switch (h.object) {
    case 'TABLE': {
      j = v.skipIfExists(j);
      const after = add(j, 'create', true);
      if (after === j) return j;
      if (v.key(after) === 'LIKE') return add(after + 1, 'other', true);
      if (v.key(after) === '(' && v.key(after + 1) === 'LIKE') return add(after + 2, 'other', true);
      // PostgreSQL partitions and inheritance name their parent table.
      if (v.key(after) === 'PARTITION' && v.key(after + 1) === 'OF') return add(after + 2, 'other', true);
      const close = v.key(after) === '(' ? v.matchParen(after) : -1;
      if (close > 0 && v.key(close + 1) === 'INHERITS' && v.key(close + 2) === '(') {
        for (let p = close + 3; p < v.length && v.key(p) !== ')'; p++) if (v.isNameStart(p)) p = add(p, 'other', true) - 1;
      }
      return after;
    }
    case 'INDEX': {
      const on = findTopLevel(v, j, 'ON');
      if (on < 0) return j;
      let t = on + 1;
      if (v.key(t) === 'ONLY') t++;
      const after = add(t, 'other', true);
      return after > t ? after : t;
    }
    case 'TRIGGER': {
      const on = findTopLevel(v, j, 'ON');
      if (on < 0) return j;
      const after = add(on + 1, 'other', true);
      return after > on + 1 ? after : on + 1;
    }
    case 'VIEW': {
      j = v.skipIfExists(j);
      const r = v.readName(j);
      return r ? r.next : j;
    }
    default:
      void refs;
      return j;
  }
}
