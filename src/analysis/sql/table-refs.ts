/**
 * The table references of one statement, from its tokens: a table of keyword handlers, each
 * saying what its keyword does to the scan (a verb that makes FROM name tables, a name that
 * follows, a list that goes on after `,`), over a stack of parenthesis levels.
 *
 * Tolerant like every token-based fact: it works on statements a parser rejected, routine
 * bodies and mixed-dialect SQL, and every span is the exact span of the name tokens.
 */
import type { SqlTableRef, TableAction } from '../facts.js';
import { createHeader } from './refs.js';
import type { TokView } from './tokview.js';
import { chargeUpdateTargets } from './update-targets.js';

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
  // plpgsql: `FOR r IN SELECT … FROM t LOOP` ends its query at LOOP; `RAISE WARNING 'fmt', v_rec.x` starts a statement
  // whose arguments are expressions (HELDOUT12 #7: `, v_rec.set_name` went on with the FOR query's FROM list).
  'LOOP',
  'RAISE',
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
const SQLITE_CONFLICT_ACTIONS = new Set(['REPLACE', 'IGNORE', 'ABORT', 'FAIL', 'ROLLBACK']);
/** Statements whose top-level FROM is not followed by a table (COPY … FROM STDIN, REVOKE … FROM role). */
const NO_TOP_LEVEL_FROM = new Set(['COPY', 'REVOKE', 'SHOW', 'GRANT', 'LOAD', 'FETCH', 'MOVE']);
const SUBQUERY_START = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE']);

/** What the scan of one statement knows at a token. */
interface Scan {
  v: TokView;
  /** The statement's first keyword. */
  head: string;
  /** One frame per open parenthesis; the last is the current level. */
  stack: Frame[];
  /** The action of a table name the next token may start (after FROM, JOIN, INTO, a list's `,`). */
  expect: TableAction | null;
  /** End of the current run of `(` after a FROM, and whether it opens a join list rather than a subquery. */
  parenRunEnd: number;
  parenRunIsList: boolean;
  /** Records the table name at `i`, returns the index after it (`i` when there is none). */
  add: (i: number, action: TableAction, allowParen: boolean) => number;
}

/**
 * What a keyword (or a bracket) at `i` does to the scan. Returns the index to go on at, or nothing
 * to go on at the next token.
 */
type KeywordHandler = (s: Scan, i: number, frame: Frame, prev: string, next: string) => number | undefined;

const fresh = (): Frame => ({ verb: '', canFrom: false, deleteListDone: false, list: null });

/** A statement of its own starts here: at the start, or after a separator or a routine's block keyword. */
const startsStatement = (prev: string) =>
  prev === '' || prev === ';' || prev === 'THEN' || prev === 'BEGIN' || prev === 'ELSE' || prev === 'DO';

const KEYWORD_HANDLERS = new Map<string, KeywordHandler>([
  [
    '(',
    (s) => {
      s.stack.push(fresh());
      return undefined;
    },
  ],
  [
    ')',
    (s) => {
      if (s.stack.length > 1) s.stack.pop();
      return undefined;
    },
  ],
  [
    ';',
    (s) => {
      s.stack = [fresh()];
      return undefined;
    },
  ],
  [
    ',',
    (s, _i, frame) => {
      if (frame.list !== null) s.expect = frame.list;
      return undefined;
    },
  ],
  [
    'SELECT',
    (_s, _i, frame) => {
      frame.canFrom = true;
      if (frame.verb === '') frame.verb = 'select';
      frame.list = null;
      return undefined;
    },
  ],
  [
    'FROM',
    (s, _i, frame, prev) => {
      if (prev === 'DISTINCT') return undefined; // IS [NOT] DISTINCT FROM
      // A top-level FROM names tables even when the verb was garbled (`SELEC * FROM b`).
      if (frame.canFrom || (s.stack.length === 1 && !NO_TOP_LEVEL_FROM.has(s.head))) {
        const action: TableAction = frame.verb === 'delete' && !frame.deleteListDone ? 'delete' : 'select';
        if (action === 'delete') frame.deleteListDone = true;
        frame.list = action;
        s.expect = action;
      }
      return undefined;
    },
  ],
  ['JOIN', join],
  ['STRAIGHT_JOIN', join],
  [
    'USING',
    (s, _i, frame, _prev, next) => {
      if ((frame.verb === 'delete' || frame.verb === 'merge') && next !== '(') {
        frame.list = 'select';
        s.expect = 'select';
      }
      return undefined;
    },
  ],
  [
    'UPDATE',
    (s, i, frame, prev, next) => {
      if (NOT_UPDATE_VERB_AFTER.has(prev) || next === 'SET' || next === '(') return undefined;
      // MySQL 8's `ANALYZE TABLE t UPDATE HISTOGRAM ON c`: a clause, not a statement (a table named histogram takes SET).
      if (next === 'HISTOGRAM' && s.v.key(i + 2) === 'ON') return undefined;
      frame.verb = 'update';
      frame.canFrom = true;
      let j = i + 1;
      while (s.v.key(j) === 'LOW_PRIORITY' || s.v.key(j) === 'IGNORE') j++;
      frame.list = 'update';
      s.expect = 'update';
      return j;
    },
  ],
  [
    'DELETE',
    (_s, _i, frame, prev, next) => {
      if (!NOT_DML_VERB_AFTER.has(prev) && next !== '(') {
        frame.verb = 'delete';
        frame.canFrom = true;
        frame.deleteListDone = false;
        frame.list = null;
      }
      return undefined;
    },
  ],
  ['INSERT', insert],
  ['REPLACE', insert],
  // CockroachDB's `UPSERT INTO t`: an insert that updates on conflict (only with INTO: `upsert` may be a column).
  ['UPSERT', (s, i, frame, prev, next) => (next === 'INTO' ? insert(s, i, frame, prev, next) : undefined)],
  [
    'TABLE',
    (s, _i, _frame, prev) => {
      // MySQL 8 / PostgreSQL `TABLE t` (a statement or subquery of its own)
      if (prev === '' || prev === '(' || prev === ';' || prev === 'UNION' || prev === 'ALL' || prev === 'EXCEPT' || prev === 'INTERSECT') {
        s.expect = 'select';
      }
      return undefined;
    },
  ],
  [
    'MERGE',
    (s, i, frame, _prev, next) => {
      if (next !== 'INTO') return undefined;
      frame.verb = 'merge';
      s.expect = 'update';
      return i + 2;
    },
  ],
  [
    'INTO',
    (s, i, frame, prev, next) => {
      // LOAD DATA … INTO TABLE t
      if (next === 'TABLE' && prev !== 'INSERT') {
        s.expect = 'insert';
        return i + 2;
      }
      frame.list = null;
      return undefined;
    },
  ],
  [
    'TRUNCATE',
    (s, i, frame, prev) => {
      if (!startsStatement(prev)) return undefined;
      let j = i + 1;
      if (s.v.key(j) === 'TABLE') j++;
      frame.list = 'truncate';
      s.expect = 'truncate';
      return j;
    },
  ],
  [
    'REFERENCES',
    (s, _i, _frame, prev, next) => {
      if (next !== 'ON' && next !== ',' && prev !== 'GRANT' && prev !== ',') s.expect = 'references';
      return undefined;
    },
  ],
  [
    'CREATE',
    (s, i) => {
      const j = handleCreate(s.v, i, s.add);
      return j > i ? j : undefined;
    },
  ],
  [
    'ALTER',
    (s, i, _frame, _prev, next) => {
      if (next !== 'TABLE') return undefined;
      const { v } = s;
      let j = i + 2;
      if (v.key(j) === 'ONLY') j++;
      j = v.skipIfExists(j);
      if (v.key(j) === 'ONLY') j++;
      const after = s.add(j, 'alter', true);
      // ClickHouse's mutations `ALTER TABLE t UPDATE c = … WHERE …` / `ALTER TABLE t DELETE WHERE …` change t's rows: no UPDATE of `c`.
      if (after > j && (v.key(after) === 'UPDATE' || v.key(after) === 'DELETE')) return after + 1;
      return after === j ? after + 1 : after;
    },
  ],
  ['DROP', drop],
  [
    'RENAME',
    (s, i, _frame, prev, next) => {
      // MySQL `RENAME TABLE a TO b [, c TO d]` alters each old name; the new names are no references, as in `ALTER TABLE a RENAME TO b`.
      if (next !== 'TABLE' || !startsStatement(prev)) return undefined;
      const { v } = s;
      let j = i + 2;
      while (v.readName(j)) {
        j = s.add(j, 'alter', true);
        const to = v.key(j) === 'TO' ? v.readName(j + 1) : null;
        if (!to || v.key(to.next) !== ',') {
          j = to ? to.next : j;
          break;
        }
        j = to.next + 1;
      }
      return Math.max(j, i + 1);
    },
  ],
  ['GRANT', grant],
  ['REVOKE', grant],
  [
    'COPY',
    (s, i) => {
      if (i !== 0 || s.v.key(1) === '(') return undefined;
      // COPY t FROM STDIN / TO 'file': nothing else names a table.
      s.add(1, 'other', true);
      return s.v.length;
    },
  ],
]);

function join(s: Scan, _i: number, frame: Frame): undefined {
  if (frame.canFrom || frame.list !== null) {
    frame.list = 'select';
    s.expect = 'select';
  }
  return undefined;
}

function insert(s: Scan, i: number, frame: Frame, prev: string, next: string): number | undefined {
  const { v } = s;
  if (NOT_DML_VERB_AFTER.has(prev) || next === '(') return undefined;
  let j = i + 1;
  while (INSERT_MODIFIERS.has(v.key(j))) j++;
  // SQLite's conflict clause: `INSERT OR REPLACE INTO t`.
  if (v.key(j) === 'OR' && SQLITE_CONFLICT_ACTIONS.has(v.key(j + 1))) j += 2;
  if (v.key(j) === 'INTO') j++;
  else if (!v.isNameStart(j)) return undefined;
  if (v.key(j) === 'TABLE') j++;
  frame.verb = 'insert';
  frame.canFrom = false;
  frame.list = null;
  s.expect = 'insert';
  return j;
}

function drop(s: Scan, i: number, _frame: Frame, _prev: string, next: string): number | undefined {
  const { v } = s;
  if (next === 'TABLE' || (next === 'TEMPORARY' && v.key(i + 2) === 'TABLE')) {
    let j = v.skipIfExists(i + (next === 'TABLE' ? 2 : 3));
    for (;;) {
      const r = v.readName(j);
      if (!r) break;
      j = s.add(j, 'drop', true);
      if (v.key(j) !== ',') break;
      j++;
    }
    return Math.max(j, i + 1);
  }
  if (next === 'INDEX' || next === 'TRIGGER') {
    // DROP INDEX i ON t (MySQL), DROP TRIGGER x ON t (PostgreSQL)
    const on = findTopLevel(v, i + 2, 'ON');
    if (on > 0) {
      const after = s.add(on + 1, 'other', true);
      return after === on + 1 ? after + 1 : after;
    }
  }
  return undefined;
}

function grant(s: Scan, i: number, _frame: Frame, prev: string): number | undefined {
  // A statement of its own (also inside routine bodies); `WITH GRANT OPTION`, `REVOKE GRANT OPTION FOR` are not.
  return startsStatement(prev) ? grantTargets(s.v, i, s.add) : undefined;
}

/**
 * Consumes the table item a FROM, JOIN, INTO or list `,` announced: skips LATERAL and ONLY,
 * opens a parenthesised join list or subquery, or records the name. Returns the index to go on
 * at, or nothing when the token at `i` is no table item (the keyword handlers then read it).
 */
function expectedItem(s: Scan, i: number, action: TableAction): number | undefined {
  const { v } = s;
  const k = v.key(i);
  if (k === 'LATERAL' || k === 'ONLY') {
    s.expect = action;
    return i + 1;
  }
  if (k === '(') {
    const inner: Frame = fresh();
    // `FROM ((a JOIN b))` vs `FROM ((SELECT …))`: look past the run of `(` once per run.
    if (i >= s.parenRunEnd) {
      s.parenRunEnd = i + 1;
      while (v.key(s.parenRunEnd) === '(') s.parenRunEnd++;
      s.parenRunIsList = !SUBQUERY_START.has(v.key(s.parenRunEnd));
    }
    if (s.parenRunIsList) {
      // `FROM (a JOIN b)`: a parenthesised join list.
      inner.list = action;
      inner.canFrom = true;
      s.expect = action;
    }
    s.stack.push(inner);
    return i + 1;
  }
  // Only a FROM/JOIN item followed by `(` is a function call; `INTO t (cols)` and `REFERENCES t(id)` are not.
  if (v.isNameStart(i)) return s.add(i, action, action !== 'select');
  return undefined;
}

/**
 * Table references of a statement, in order of occurrence.
 * `ctes` are lower-cased CTE names, never reported when unqualified. A name built from a template
 * hole is no reference; given `holes`, each goes there as read (placeholders and all), for the
 * model to complete when it knows the hole's value.
 */
export function extractTableRefs(v: TokView, ctes: Set<string>, holes?: SqlTableRef[]): SqlTableRef[] {
  const refs: SqlTableRef[] = [];
  const s: Scan = {
    v,
    head: v.key(0),
    stack: [fresh()],
    expect: null,
    parenRunEnd: -1,
    parenRunIsList: false,
    add: (i, action, allowParen) => {
      const r = v.readName(i);
      if (!r) return i;
      if (!allowParen && v.key(r.next) === '(') return r.next; // generate_series(…), json_table(…)
      if (r.hole) {
        holes?.push({ name: r.name, ...(r.qualifier !== undefined ? { qualifier: r.qualifier } : {}), action, span: r.span });
        return r.next;
      }
      if (!r.qualifier && ctes.has(r.name.toLowerCase())) return r.next;
      refs.push({ name: r.name, ...(r.qualifier !== undefined ? { qualifier: r.qualifier } : {}), action, span: r.span });
      return r.next;
    },
  };
  let i = 0;
  while (i < v.length) {
    const frame = s.stack[s.stack.length - 1];
    if (s.expect !== null) {
      const action = s.expect;
      s.expect = null;
      const after = expectedItem(s, i, action);
      if (after !== undefined) {
        i = after;
        continue;
      }
    }
    const k = v.key(i);
    const handler = KEYWORD_HANDLERS.get(k);
    const after = handler ? handler(s, i, frame, v.key(i - 1), v.key(i + 1)) : undefined;
    if (!handler && LIST_ENDERS.has(k)) frame.list = null;
    i = after ?? i + 1;
  }
  // A multi-table UPDATE writes the tables its SET targets and reads the others.
  return s.head === 'UPDATE' ? chargeUpdateTargets(v, refs) : refs;
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
function handleCreate(v: TokView, i: number, add: (i: number, action: TableAction, allowParen: boolean) => number): number {
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
      return j;
  }
}
