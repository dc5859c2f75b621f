/**
 * Dynamic SQL: statements a routine builds as text and runs — PostgreSQL `EXECUTE <text>` in
 * plpgsql, MySQL `PREPARE s FROM <text>` — when the text is a string literal or a concatenation
 * of literals (`||`, `CONCAT(…)`, PostgreSQL `format('…', …)`), directly or through a variable
 * assigned in the same body. The literal pieces are joined with a hole placeholder for every
 * non-literal part (`' || tbl || '`, `%I`), so a name built from a hole is no table, exactly as
 * with `${}` holes in templates; every span maps back to the characters inside the literals.
 */
import type { Dialect, Span, SqlTableRef } from '../facts.js';
import { holePlaceholder } from './hole.js';
import { cteNames } from './refs.js';
import { routineCalls, type RoutineCall } from './routine-calls.js';
import { extractTableRefs } from './table-refs.js';
import { BACKSLASH_ESCAPES, tokenize, type Token } from './tokenizer.js';
import { significant, TokView } from './tokview.js';

/** A literal token of the text, or a part computed at run time. */
type Piece = { literal: Token; format: boolean } | 'hole';
/** One way the expression can evaluate (`IF(c, 'a', 'b')` has two). */
type Alternative = Piece[];

/** Bounds what one expression may expand to: `CONCAT(IF(…), IF(…), …)` multiplies. */
const MAX_ALTERNATIVES = 8;

/**
 * Table references of the dynamic SQL in `v` (a routine body, or a statement of its own).
 * PostgreSQL: `EXECUTE x`; MySQL: `PREPARE s FROM x` (MariaDB `EXECUTE IMMEDIATE x`); x a literal expression or a variable
 * assigned one (`v := …`, `SET @v = …`) anywhere in `v`.
 */
export function dynamicSqlRefs(v: TokView, dialect: Dialect): SqlTableRef[] {
  // `database`: the database the text runs in, where the call names one (pg_cron's schedule_in_database).
  const executed: Array<({ at: number } | { variable: string }) & { database?: string }> = [];
  const assignments = new Map<string, number[]>();
  for (let i = 0; i < v.length; i++) {
    const k = v.key(i);
    if (dialect === 'postgresql' && k === 'EXECUTE' && v.key(i + 1) !== 'FUNCTION' && v.key(i + 1) !== 'PROCEDURE') {
      executed.push(
        v.isIdent(i + 1) && callParen(v, i + 1) < 0 && v.key(i + 2) !== '||' ? { variable: v.ident(i + 1).toLowerCase() } : { at: i + 1 },
      );
    } else if (dialect === 'mysql' && k === 'EXECUTE' && v.key(i + 1) === 'IMMEDIATE') {
      executed.push({ at: i + 2 }); // MariaDB
    } else if (dialect === 'mysql' && k === 'PREPARE' && v.key(i + 2) === 'FROM') {
      const variable = userVariable(v, i + 3);
      executed.push(variable ? { variable: variable.name } : { at: i + 3 });
    } else if (dialect === 'postgresql' && DBLINK_SQL_FUNCTIONS.has(k)) {
      const at = dblinkSqlArgument(v, i);
      if (at !== undefined)
        executed.push(v.isIdent(at) && v.key(at + 1) !== '(' && v.key(at + 1) !== '||' ? { variable: v.ident(at).toLowerCase() } : { at });
    } else if (dialect === 'postgresql' && k === 'CRON') {
      const job = cronJobArguments(v, i);
      if (job) {
        const at = job.command;
        const where = job.database === undefined ? {} : { database: job.database };
        executed.push(
          v.isIdent(at) && v.key(at + 1) !== '(' && v.key(at + 1) !== '||'
            ? { variable: v.ident(at).toLowerCase(), ...where }
            : { at, ...where },
        );
      }
    } else if (k === ':=' || (k === '=' && dialect === 'mysql')) {
      const name = assignedName(v, i, dialect);
      if (name !== undefined) assignments.set(name, [...(assignments.get(name) ?? []), i + 1]);
    }
  }
  const refs: SqlTableRef[] = [];
  const seen = new Set<number>();
  for (const e of executed) {
    for (const at of 'at' in e ? [e.at] : (assignments.get(e.variable) ?? [])) {
      if (seen.has(at)) continue; // one variable executed twice
      seen.add(at);
      const read = literalSqlRefs(v, at, dialect);
      refs.push(...(e.database === undefined ? read : read.map((ref) => ({ ...ref, database: e.database }))));
    }
  }
  return refs;
}

/** dblink's functions that run SQL text on another database (`dblink_connect`, `dblink_fetch`… run none). */
const DBLINK_SQL_FUNCTIONS = new Set(['DBLINK', 'DBLINK_EXEC', 'DBLINK_OPEN', 'DBLINK_SEND_QUERY']);

/**
 * Index of the SQL text argument of the dblink call whose name is at `i`, or undefined when `i` is no such call.
 * `dblink([conn,] sql [, fail_on_error])`, `dblink_exec` alike, `dblink_open([conn,] cursor, sql [, fail_on_error])`,
 * `dblink_send_query(conn, sql)`: the SQL is the last argument once a trailing boolean is set aside, and
 * `dblink_open` / `dblink_send_query` need one argument before it.
 */
function dblinkSqlArgument(v: TokView, i: number): number | undefined {
  if (v.key(i + 1) !== '(') return undefined;
  const close = v.matchParen(i + 1);
  if (v.key(close) !== ')') return undefined;
  const args = v.splitTopLevel(i + 2, close);
  const last = args[args.length - 1];
  const boolean = last !== undefined && last[1] === last[0] + 1 && (v.key(last[0]) === 'TRUE' || v.key(last[0]) === 'FALSE');
  const sqlArgs = boolean ? args.slice(0, -1) : args;
  const before = v.key(i) === 'DBLINK' || v.key(i) === 'DBLINK_EXEC' ? 0 : 1;
  if (sqlArgs.length < before + 1) return undefined;
  return sqlArgs[v.key(i) === 'DBLINK_SEND_QUERY' ? 1 : sqlArgs.length - 1][0];
}

/**
 * Table references of the SQL text dblink calls in a statement run on another database (`SELECT … FROM dblink('dbname=…',
 * 'SELECT id FROM patients') AS t(…)`, `PERFORM dblink_exec('…', 'DELETE FROM …')`): a literal expression only, a statement
 * has no variables (a routine body's are read by dynamicSqlRefs).
 */
export function dblinkSqlRefs(v: TokView): SqlTableRef[] {
  const refs: SqlTableRef[] = [];
  for (let i = 0; i < v.length; i++) {
    if (!DBLINK_SQL_FUNCTIONS.has(v.key(i))) continue;
    const at = dblinkSqlArgument(v, i);
    if (at !== undefined) refs.push(...literalSqlRefs(v, at, 'postgresql'));
  }
  return refs;
}

/**
 * pg_cron's functions that take a job's SQL text: the position of the command among their arguments (by the number of
 * arguments: `cron.schedule(schedule, command)`, `cron.schedule(job_name, schedule, command)`) and of the database it
 * runs in. `cron.schedule_in_database(job_name, schedule, command, database [, username, active])`, `cron.alter_job(job_id,
 * schedule, command, database, …)`. Named arguments (`command := …`, `database => …`) are read by name.
 */
const CRON_JOB_FUNCTIONS: Record<string, { command: (count: number) => number; database?: number }> = {
  SCHEDULE: { command: (count) => (count === 2 ? 1 : 2) },
  SCHEDULE_IN_DATABASE: { command: () => 2, database: 3 },
  ALTER_JOB: { command: () => 2, database: 3 },
};

/**
 * The job SQL argument (its first token) and the named database of the pg_cron call whose schema `cron` is at `i`
 * (`cron.schedule('purge', '0 3 * * *', $$DELETE FROM …$$)`); undefined when `i` is no such call, or the call passes no
 * command (`cron.alter_job(7, schedule := '…')`). The database is read from a plain string literal only.
 */
function cronJobArguments(v: TokView, i: number): { command: number; database?: string } | undefined {
  if (v.key(i - 1) === '.' || v.key(i + 1) !== '.' || v.key(i + 3) !== '(') return undefined;
  const fn = Object.hasOwn(CRON_JOB_FUNCTIONS, v.key(i + 2)) ? CRON_JOB_FUNCTIONS[v.key(i + 2)] : undefined;
  if (!fn) return undefined;
  const close = v.matchParen(i + 3);
  if (v.key(close) !== ')') return undefined;
  const positional: number[] = [];
  const named = new Map<string, number>();
  for (const [a, b] of v.splitTopLevel(i + 4, close)) {
    if (a >= b) return undefined;
    if (v.isIdent(a) && (v.key(a + 1) === ':=' || v.key(a + 1) === '=>') && a + 2 < b) named.set(v.ident(a).toLowerCase(), a + 2);
    else if (named.size === 0) positional.push(a);
    else return undefined; // a positional argument after a named one is no call PostgreSQL accepts
  }
  const count = positional.length + named.size;
  const commandAt = fn.command(count);
  const command = named.get('command') ?? positional[commandAt];
  if (command === undefined || v.key(command) === 'NULL') return undefined;
  const databaseAt = named.get('database') ?? (fn.database === undefined ? undefined : positional[fn.database]);
  const database = databaseAt === undefined ? undefined : stringValue(v, databaseAt);
  return { command, ...(database ? { database } : {}) };
}

/** The value of the plain string literal `'…'` at `i` (`''` an apostrophe), when it is the whole argument. */
function stringValue(v: TokView, i: number): string | undefined {
  const t = v.toks[i];
  if (t?.type !== 'string' || v.text[t.start] !== "'" || [',', ')'].indexOf(v.key(i + 1)) < 0) return undefined;
  return v.text.slice(t.start + 1, t.end - 1).replace(/''/g, "'");
}

/**
 * Table references of the SQL text pg_cron's jobs run (`SELECT cron.schedule('purge', '0 3 * * *', $$DELETE FROM orders
 * WHERE …$$)`, `cron.schedule_in_database(…, 'DELETE FROM …', 'billing')`): read as dblink's text is, at their places
 * inside the literal; a job that names its database takes it as each reference's `database`. A literal expression only: a
 * statement has no variables (a routine body's are read by dynamicSqlRefs).
 */
export function cronJobSqlRefs(v: TokView): SqlTableRef[] {
  const refs: SqlTableRef[] = [];
  for (let i = 0; i < v.length; i++) {
    if (v.key(i) !== 'CRON') continue;
    const job = cronJobArguments(v, i);
    if (!job) continue;
    const read = literalSqlRefs(v, job.command, 'postgresql');
    refs.push(...(job.database === undefined ? read : read.map((ref) => ({ ...ref, database: job.database }))));
  }
  return refs;
}

/** The stored procedures pg_cron's jobs in a statement call (`cron.schedule('archive', '@daily', 'CALL archive_orders()')`), inside their literals. */
export function cronJobCalls(v: TokView): RoutineCall[] {
  const calls: RoutineCall[] = [];
  for (let i = 0; i < v.length; i++) {
    if (v.key(i) !== 'CRON') continue;
    const job = cronJobArguments(v, i);
    if (job) calls.push(...readLiteralSql(v, job.command, 'postgresql', routineCalls));
  }
  return calls;
}

/** MySQL `SET @v = <text>` as a statement of its own: the variable and where its value starts. */
export function userVariableAssignment(v: TokView): { name: string; valueAt: number } | undefined {
  if (v.key(0) !== 'SET') return undefined;
  const variable = userVariable(v, 1);
  if (!variable || (v.key(variable.next) !== '=' && v.key(variable.next) !== ':=')) return undefined;
  return { name: variable.name, valueAt: variable.next + 1 };
}

/** MySQL `PREPARE s FROM @v` as a statement of its own: the variable's name. */
export function preparedUserVariable(v: TokView): string | undefined {
  return v.key(0) === 'PREPARE' && v.key(2) === 'FROM' ? userVariable(v, 3)?.name : undefined;
}

/** Table references of the SQL text the expression at `i` evaluates to, at their places inside its literals. */
export function literalSqlRefs(v: TokView, i: number, dialect: Dialect): SqlTableRef[] {
  return readLiteralSql(v, i, dialect, (inner) => extractTableRefs(inner, cteNames(inner).names));
}

/** What `read` finds in each text the expression at `i` may evaluate to, its spans mapped to their places inside the literals. */
function readLiteralSql<T extends { span: Span }>(v: TokView, i: number, dialect: Dialect, read: (inner: TokView) => T[]): T[] {
  const expression = readExpression(v, i, v.length, dialect, 0);
  if (!expression) return [];
  const out: T[] = [];
  for (const alternative of expression.alternatives) {
    if (!alternative.some((p) => p !== 'hole')) continue;
    const sql = assemble(v.text, alternative, dialect);
    const inner = new TokView(sql.text, significant(tokenize(sql.text, dialect)));
    for (const found of read(inner))
      out.push({ ...found, span: { start: sql.starts[found.span.start], end: sql.ends[found.span.end - 1] } });
  }
  return out;
}

/** `@name` / `` @`name` `` at `i`. */
function userVariable(v: TokView, i: number): { name: string; next: number } | undefined {
  if (v.key(i) !== '@' || !v.isIdent(i + 1) || v.toks[i + 1].start !== v.toks[i].end) return undefined;
  return { name: `@${v.ident(i + 1).toLowerCase()}`, next: i + 2 };
}

/** Where a plpgsql statement or declaration can start: the token before it. */
const PLPGSQL_STATEMENT_START = new Set([';', 'DECLARE', 'BEGIN', 'THEN', 'ELSE', 'LOOP', '']);

/**
 * The variable assigned by the `:=` / `=` at `i`: plpgsql `v := …`, `v = …` and declarations
 * `v text := …`; MySQL `SET @v = …`, `SET @v := …`, `SET @a = 1, @v = …`.
 */
function assignedName(v: TokView, i: number, dialect: Dialect): string | undefined {
  if (dialect === 'mysql') {
    const variable = userVariable(v, i - 2);
    return variable && (v.key(i - 3) === 'SET' || v.key(i - 3) === ',') ? variable.name : undefined;
  }
  // Back to the start of the statement: the name, then at most a type (`varchar(200)`, `text`) before `:=`.
  let start = i - 1;
  while (start > 0 && start > i - 12 && !PLPGSQL_STATEMENT_START.has(v.key(start - 1))) start--;
  if (!PLPGSQL_STATEMENT_START.has(v.key(start - 1)) || !v.isIdent(start)) return undefined;
  if (v.key(i) === '=' && start !== i - 1) return undefined; // a comparison, not an assignment
  return v.ident(start).toLowerCase();
}

/** Index of the `(` of a call of the (qualified) function named at `i`, or -1. */
function callParen(v: TokView, i: number): number {
  let j = i;
  while (v.key(j + 1) === '.' && v.isIdent(j + 2)) j += 2;
  return v.key(j + 1) === '(' ? j + 1 : -1;
}

/** A string literal of `dialect` at `i` (MySQL also takes `"…"`; hex and bit strings are not text). */
function isTextLiteral(v: TokView, i: number, dialect: Dialect): boolean {
  const t = v.toks[i];
  if (!t) return false;
  if (t.type === 'dollar') return true;
  const first = v.text[t.start];
  if (t.type === 'string') return !/[xXbB]/.test(first);
  return t.type === 'quoted' && dialect === 'mysql' && first === '"';
}

interface Read {
  alternatives: Alternative[];
  next: number;
}

/** `operand { || operand }` within [i, end). Null when nothing there reads as an operand. */
function readExpression(v: TokView, i: number, end: number, dialect: Dialect, depth: number): Read | null {
  let read = readOperand(v, i, end, dialect, depth);
  if (!read) return null;
  while (read.next < end && v.key(read.next) === '||') {
    const right = readOperand(v, read.next + 1, end, dialect, depth);
    if (!right) break;
    read = { alternatives: product(read.alternatives, right.alternatives), next: right.next };
  }
  return read;
}

function readOperand(v: TokView, i: number, end: number, dialect: Dialect, depth: number): Read | null {
  if (i >= end || depth > 16) return null;
  const read = readPrimary(v, i, end, dialect, depth);
  if (!read) return null;
  let next = read.next;
  while (v.key(next) === '::' && v.isIdent(next + 1)) next += 2; // 'SELECT …'::text
  return { alternatives: read.alternatives, next };
}

function readPrimary(v: TokView, i: number, end: number, dialect: Dialect, depth: number): Read | null {
  const k = v.key(i);
  if (isTextLiteral(v, i, dialect)) return { alternatives: [[{ literal: v.toks[i], format: false }]], next: i + 1 };
  if (k === '(') {
    // (expr), and MySQL's (SELECT expr [FROM …]) in `SET @s = (SELECT IF(…, 'SELECT 1', 'ALTER TABLE …'))`.
    const close = v.matchParen(i);
    const select = v.key(i + 1) === 'SELECT';
    const inner = readExpression(v, select ? i + 2 : i + 1, close, dialect, depth + 1);
    const whole = inner && (inner.next === close || (select && v.key(inner.next) === 'FROM'));
    return { alternatives: whole ? inner.alternatives : [['hole']], next: close + 1 };
  }
  const open = v.isIdent(i) ? callParen(v, i) : -1;
  if (open > 0) {
    const close = v.matchParen(open);
    const name = v.key(open - 1);
    const args = v.splitTopLevel(open + 1, close).map(([a, b]) => ({ a, b }));
    const arg = (n: number): Alternative[] => {
      const r = args[n] ? readExpression(v, args[n].a, args[n].b, dialect, depth + 1) : null;
      return r && r.next === args[n].b ? r.alternatives : [['hole']];
    };
    if (name === 'CONCAT') return { alternatives: args.reduce<Alternative[]>((acc, _, n) => product(acc, arg(n)), [[]]), next: close + 1 };
    if (name === 'IF' && args.length === 3) return { alternatives: [...arg(1), ...arg(2)].slice(0, MAX_ALTERNATIVES), next: close + 1 };
    if (
      name === 'FORMAT' &&
      dialect === 'postgresql' &&
      args.length > 0 &&
      args[0].b === args[0].a + 1 &&
      isTextLiteral(v, args[0].a, dialect)
    ) {
      return { alternatives: [[{ literal: v.toks[args[0].a], format: true }]], next: close + 1 };
    }
    return { alternatives: [['hole']], next: close + 1 };
  }
  if (k === '@') {
    // @user_var, @@system_var
    let j = i + 1;
    if (v.key(j) === '@') j++;
    return v.isIdent(j) ? { alternatives: [['hole']], next: j + 1 } : null;
  }
  if (v.isIdent(i)) {
    let j = i;
    while (v.key(j + 1) === '.' && v.isIdent(j + 2)) j += 2;
    return { alternatives: [['hole']], next: j + 1 };
  }
  const t = v.toks[i];
  if (t && (t.type === 'param' || t.type === 'number' || t.type === 'string')) return { alternatives: [['hole']], next: i + 1 };
  return null;
}

function product(left: Alternative[], right: Alternative[]): Alternative[] {
  const out: Alternative[] = [];
  for (const a of left) for (const b of right) if (out.length < MAX_ALTERNATIVES) out.push([...a, ...b]);
  return out;
}

/** The text an alternative evaluates to, with the source span of every character. */
function assemble(source: string, pieces: Alternative, dialect: Dialect): { text: string; starts: number[]; ends: number[] } {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const emit = (chars: string, start: number, end: number) => {
    text += chars;
    for (let n = 0; n < chars.length; n++) {
      starts.push(start);
      ends.push(end);
    }
  };
  let holes = 0;
  let lastEnd = 0;
  for (const piece of pieces) {
    if (piece === 'hole') {
      emit(holePlaceholder(holes++), lastEnd, lastEnd);
      continue;
    }
    const t = piece.literal;
    lastEnd = t.end;
    if (t.type === 'dollar') {
      for (let p = t.bodyStart!; p < t.bodyEnd!; p++) emit(source[p], p, p + 1);
      continue;
    }
    let open = t.start;
    while (source[open] !== "'" && source[open] !== '"') open++;
    const quote = source[open];
    const close = t.end - 1 > open && source[t.end - 1] === quote ? t.end - 1 : t.end;
    const backslash = dialect === 'mysql' || /[eE]/.test(source[t.start]);
    for (let p = open + 1; p < close;) {
      const c = source[p];
      if (c === quote && source[p + 1] === quote) {
        emit(quote, p, p + 2);
        p += 2;
      } else if (c === '\\' && backslash && p + 1 < close) {
        emit(BACKSLASH_ESCAPES[source[p + 1]] ?? source[p + 1], p, p + 2);
        p += 2;
      } else if (c === '%' && piece.format) {
        // format(): %% is a percent sign; %I, %s, %L (with position and width) are the arguments.
        const m = /^%(?:%|(?:\d+\$)?-?(?:\d+|\*(?:\d+\$)?)?[sIL])/.exec(source.slice(p, Math.min(close, p + 16)));
        if (m && m[0] === '%%') emit('%', p, p + 2);
        else emit(m ? holePlaceholder(holes++) : '%', p, p + (m ? m[0].length : 1));
        p += m ? m[0].length : 1;
      } else {
        emit(c, p, p + 1);
        p++;
      }
    }
  }
  return { text, starts, ends };
}
