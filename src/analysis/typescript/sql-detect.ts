/**
 * Deciding whether a string is SQL.
 *
 * Three strengths, from the evidence the call site gives:
 * - a *strong* callee (`query`, `execute`, `$queryRaw`, project wrappers…) takes
 *   any text that starts with a SQL keyword or mentions a SQL clause;
 * - a *weak* callee (`get`, `all`, `run`, `exec`, `one`… — names shared with
 *   routers, maps, regexes and promises) needs an upper-case statement keyword or
 *   the strict shape below;
 * - any other literal must have the strict *shape* of a statement
 *   (`SELECT … FROM x`, `INSERT INTO x`, `UPDATE x … SET a =`, `CREATE TABLE`…)
 *   with a consistently cased keyword, so `'Update failed'` and
 *   `'Select a patient'` stay prose.
 */

/**
 * Names that run their SQL whether called or used as a tag: knex's `raw`, Prisma's raw queries, deno-postgres
 * (`jsr:@db/postgres`): `client.queryArray('SELECT …')`, `client.queryObject`SELECT … WHERE id = ${id}``.
 */
const RAW_SQL_NAMES = ['raw', '$queryRaw', '$executeRaw', '$queryRawUnsafe', '$executeRawUnsafe', 'queryArray', 'queryObject'];

export const STRONG_SQL_CALLEES = new Set([
  'query',
  'execute',
  'unsafe',
  ...RAW_SQL_NAMES,
  // db-migrate's `db.runSql('ALTER TABLE …', cb)` (also bound: `db.runSql.bind(db, 'INSERT …')`).
  'runSql',
]);

/**
 * Query-builder methods whose string argument is a piece of the statement the builder composes (a
 * condition, a join, an ordering), never a whole statement: knex's (and so Objection's and Bookshelf's)
 * `…Raw` methods take any such text (`whereRaw('EXISTS (SELECT 1 FROM reviews …)')`, `joinRaw('LEFT
 * JOIN reviews ON …')`); names every library uses for other things too (TypeORM's and MikroORM's
 * `where`, `andWhere`, `having`, `addSelect`, Sequelize's `literal`) only when the text holds a subquery.
 */
export const FRAGMENT_CALLEES: ReadonlyMap<string, 'any' | 'subquery'> = new Map([
  ...['whereRaw', 'orWhereRaw', 'andWhereRaw', 'havingRaw', 'orHavingRaw', 'orderByRaw', 'groupByRaw', 'joinRaw', 'fromRaw'].map(
    (name) => [name, 'any'] as const,
  ),
  ...['where', 'andWhere', 'orWhere', 'having', 'andHaving', 'orHaving', 'addSelect', 'literal'].map((name) => [name, 'subquery'] as const),
]);

/** `(SELECT …` / `(WITH …`: a subquery inside a fragment. */
const SUBQUERY = /\(\s*(?:select|with)\b/i;

/** Whether a fragment callee's text is one to read: any text for a `…Raw` method, a text holding a subquery otherwise. */
export function looksLikeSqlFragment(text: string, kind: 'any' | 'subquery'): boolean {
  if (kind === 'subquery') return SUBQUERY.test(text);
  return text.trim() !== '';
}

export const WEAK_SQL_CALLEES = new Set(['run', 'all', 'get', 'exec', 'prepare', 'none', 'one', 'oneOrNone', 'many', 'manyOrNone', 'any']);

/** Last names of tags whose template is SQL. */
export const SQL_TAGS = new Set(['sql', 'SQL', ...RAW_SQL_NAMES]);

/** Keywords a SQL statement can start with (case-insensitive). */
const STATEMENT_START =
  /^(?:select|insert|update|delete|with|create|alter|drop|truncate|replace|show|set|begin|start|commit|rollback|savepoint|release|call|explain|describe|desc|use|lock|unlock|grant|revoke|pragma|merge|values|copy|vacuum|analyze|refresh|listen|notify|unlisten|do|declare|rename|optimize|load|upsert|comment|reindex|cluster|discard|reset|prepare|deallocate|checkpoint|handler|flush|kill|table)\b/i;

/**
 * Whether SQL text begins as a statement does (a statement keyword, or a hole standing for a composed
 * statement). A tagged template that does not is an expression fragment: Drizzle's sql`now()`,
 * `sql<number>`count(*)``, Prisma.sql`… AND x = ${y}`.
 */
export function startsLikeSqlStatement(text: string): boolean {
  const at = skipSqlTrivia(text);
  const rest = text.slice(at, at + 200);
  return STATEMENT_START.test(rest) || PLACEHOLDER_START.test(rest);
}

/** Skips whitespace, SQL comments and opening parentheses. */
export function skipSqlTrivia(text: string): number {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '(' || c === '\f' || c === '\v' || c === '\uFEFF') {
      i++;
    } else if (c === '-' && text[i + 1] === '-') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
    } else if (c === '#' && text[i + 1] === ' ') {
      // MySQL comment
      while (i < n && text[i] !== '\n') i++;
    } else break;
  }
  return i;
}

function leadingWord(text: string): { word: string; at: number } | undefined {
  const at = skipSqlTrivia(text);
  const m = /^[A-Za-z_]+/.exec(text.slice(at, at + 40));
  return m ? { word: m[0], at } : undefined;
}

function consistentCase(word: string): boolean {
  return word === word.toUpperCase() || word === word.toLowerCase();
}

const PLACEHOLDER_START = /^__nl_hole_\d+__/;
const CLAUSE = /\b(?:from|into|where|set|values|join|returning|order\s+by|group\s+by|limit)\b/i;

/** For strong callees: starts with any SQL keyword, or with a hole followed by SQL clauses. */
export function looksLikeSqlForStrongCallee(text: string): boolean {
  const at = skipSqlTrivia(text);
  const rest = text.slice(at, at + 2000);
  if (STATEMENT_START.test(rest)) return true;
  if (PLACEHOLDER_START.test(rest)) return CLAUSE.test(rest);
  return looksLikeSqlStatement(text);
}

const TRANSACTION_WORDS = /^(?:BEGIN|COMMIT|ROLLBACK|VACUUM|ANALYZE|CHECKPOINT)\s*(?:;\s*)?$/;

/**
 * For weak callees: the strict statement shape, or an upper-case statement
 * keyword followed by a SQL-ish word (`PRAGMA journal_mode`, `BEGIN TRANSACTION`),
 * or a lone transaction-control word. A lone `'DELETE'` is an HTTP method.
 */
export function looksLikeSqlForWeakCallee(text: string): boolean {
  if (looksLikeSqlStatement(text)) return true;
  const lead = leadingWord(text);
  if (!lead || lead.word !== lead.word.toUpperCase() || !STATEMENT_START.test(lead.word)) return false;
  // Bounded as in looksLikeSqlStatement: `\s*;?\s*$` is quadratic on a long run of spaces.
  const rest = text.slice(lead.at, lead.at + 4000);
  return TRANSACTION_WORDS.test(rest) || /^[A-Z_]+\s+[A-Za-z_(*@`"]/.test(rest);
}

const IDENT = String.raw`(?:[\w$\`"\[\]@#]|__nl_hole_\d+__)[\w$\`"\[\].@#-]*`;
/**
 * `COPY (SELECT …) TO STDOUT`, `COPY patients (mrn, name) FROM STDIN`, `COPY t TO '/tmp/t.csv'` — pg-copy-streams'
 * `copyTo(…)` / `copyFrom(…)` and any COPY statement in code: a query, or a table with the data's source or sink
 * after TO / FROM (`Copy patients to the clipboard` is prose).
 */
export const COPY_STATEMENT = new RegExp(
  String.raw`^copy\s+(?:\(\s*(?:select|with|values|table)\b|${IDENT}(?:\s*\([^)]*\))?\s+(?:from|to)\s+(?:stdin\b|stdout\b|program\b|'|e'|\$\d|__nl_hole_\d+__))`,
  'i',
);
/** The object a DDL keyword pair names (MySQL's `'app'@'%'` user a quoted one): `IF [NOT] EXISTS`, `CONCURRENTLY` and the like pass as names here. */
const OBJECT = String.raw`\s+(?:${IDENT}|')`;
const SHAPES: Record<string, RegExp> = {
  insert: new RegExp(String.raw`^(?:insert|replace)\s+(?:(?:low_priority|delayed|high_priority|ignore)\s+)*into\s+${IDENT}`, 'i'),
  replace: new RegExp(String.raw`^replace\s+(?:(?:low_priority|delayed)\s+)*into\s+${IDENT}`, 'i'),
  // eslint-disable-next-line regexp/no-super-linear-backtracking -- sees at most the first 4,000 characters of a literal
  update: new RegExp(String.raw`^update\s+(?:(?:low_priority|ignore|only)\s+)*${IDENT}[\s\S]*?\bset\s+[\w$\`"\[\].]+\s*=`, 'i'),
  delete: new RegExp(
    String.raw`^delete\s+(?:(?:low_priority|quick|ignore)\s+)*(?:[\w$\`".]+(?:\s*,\s*[\w$\`".]+)*\s+)?from\s+${IDENT}`,
    'i',
  ),
  // eslint-disable-next-line regexp/no-super-linear-backtracking -- sees at most the first 4,000 characters of a literal
  with: /^with\s+(?:recursive\s+)?[\w$`"]+\s*(?:\([^)]*\))?\s+as\s+(?:not\s+)?(?:materialized\s+)?\(/i,
  // A DDL keyword pair needs the object it names after it (`'DROP DATABASE'` alone is a word shown in a confirm box).
  create: new RegExp(
    String.raw`^create\s+(?:or\s+replace\s+)?(?:(?:temporary|temp|unique|unlogged|materialized|fulltext|spatial|global|local|recursive|definer\s*=\s*\S+|algorithm\s*=\s*\w+|sql\s+security\s+\w+)\s+)*(?:table|index|view|schema|database|trigger|function|procedure|sequence|type|extension|event|role|user|policy|domain|rule)${OBJECT}`,
    'i',
  ),
  alter: new RegExp(
    String.raw`^alter\s+(?:table|index|view|schema|database|sequence|type|user|role|function|procedure|event|extension|policy|domain|materialized\s+view)${OBJECT}`,
    'i',
  ),
  drop: new RegExp(
    String.raw`^drop\s+(?:temporary\s+)?(?:table|index|view|schema|database|trigger|function|procedure|sequence|type|extension|event|role|user|policy|domain|materialized\s+view)${OBJECT}`,
    'i',
  ),
  copy: COPY_STATEMENT,
  // The table takes a `-` only quoted: Tailwind's `truncate flex-1` / `truncate font-medium` is a class list (HELDOUT11 #14).
  truncate: new RegExp(
    // eslint-disable-next-line regexp/no-super-linear-backtracking -- sees at most the first 4,000 characters of a literal
    String.raw`^truncate\s+(?:table\s+)?(?:only\s+)?(?:\`[^\`\n]*\`|"[^"\n]*"|[\w$\[\].@#])+\s*(?:;|,|$|\s+(?:restart|continue|cascade|restrict)\b)`,
    'i',
  ),
};

/** `SELECT <list> FROM <table>` with a list that reads like SQL, or a short table-less SELECT. */
function selectShape(rest: string, upper: boolean): boolean {
  // eslint-disable-next-line regexp/no-super-linear-backtracking -- sees at most the first 4,000 characters of a literal
  const m = new RegExp(String.raw`^select\s+([\s\S]*?)\bfrom\s+(?:${IDENT}|\()`, 'i').exec(rest);
  if (m) {
    const list = m[1].trim();
    if (list === '') return false;
    if (/[*,().?$@]|\bas\b|\bdistinct\b|\bcount\b/i.test(list)) return true;
    // A single bare column (`SELECT id FROM t`); two bare words are prose (`Select a patient from …`).
    if (!/^[\w`"[\]]+$/.test(list)) return false;
    if (upper) return true;
    // Lower case with a bare column: the table must end the text or be followed by a clause
    // (`select id from patients where …`), not by more words (`select all from the list`).
    const after = rest.slice(m[0].length - 1);
    return /^[\w$`".[\]]*\s*(?:$|;|,|\)|(?:where|join|inner|left|right|cross|full|order|group|limit|union|having|for|offset)\b)/i.test(
      after,
    );
  }
  if (!upper) return false;
  // `SELECT 1`, `SELECT NOW()`, `SELECT @@version`, `SELECT LAST_INSERT_ID() AS id`
  // eslint-disable-next-line regexp/no-super-linear-backtracking -- sees at most the first 4,000 characters of a literal
  return /^select\s+(?:\d+|[\w.]+\s*\([^)]*\)|@@[\w.]+|\?|\$\d+)(?:\s+as\s+\w+)?\s*(?:,\s*(?:\d+|[\w.]+\s*\([^)]*\)|@@[\w.]+)(?:\s+as\s+\w+)?\s*)*;?\s*$/i.test(
    rest,
  );
}

/** The strict check used for literals of unknown purpose. */
export function looksLikeSqlStatement(text: string): boolean {
  const lead = leadingWord(text);
  if (!lead || !consistentCase(lead.word)) return false;
  const keyword = lead.word.toLowerCase();
  const rest = text.slice(lead.at, lead.at + 4000);
  const upper = lead.word === lead.word.toUpperCase();
  if (keyword === 'select') return selectShape(rest, upper);
  const shape = SHAPES[keyword];
  return shape ? shape.test(rest) : false;
}

/** Receivers and callees whose string arguments are messages, never SQL. */
const LOG_ROOTS =
  /^(?:console|logger|log|winston|pino|bunyan|debug|Sentry|this\.logger|this\.log|ctx\.logger|req\.log|fastify\.log|app\.log|this\.#logger)$/;
/** Method names of loggers (`logger.info`); a cheap first test before `isLoggingCallee` reads the callee's text. */
export const LOG_METHODS: ReadonlySet<string> = new Set([
  'log',
  'info',
  'warn',
  'warning',
  'error',
  'debug',
  'trace',
  'fatal',
  'verbose',
  'silly',
  'notice',
  'critical',
  'captureMessage',
]);

/**
 * True for a test's assertion: `expect(line).not.toContain('SELECT …')`, `expect(sql).toBe(…)`,
 * `assert.equal(…)`. Its strings are expected values, never SQL the code runs (the code under test
 * that runs it is linted where it is).
 */
export function isAssertionCallee(calleeText: string): boolean {
  return /^(?:expect|assert)\b/.test(calleeText);
}

/** True for `console.log(…)`, `logger.info(…)`, `this.logger.error(…)`, `debug(…)`. */
export function isLoggingCallee(calleeText: string): boolean {
  const dot = calleeText.lastIndexOf('.');
  if (dot < 0) return calleeText === 'debug' || calleeText === 'log';
  const receiver = calleeText.slice(0, dot);
  const method = calleeText.slice(dot + 1);
  if (!LOG_METHODS.has(method)) return false;
  return LOG_ROOTS.test(receiver) || /(?:^|\.)_?(?:logger|log)$/i.test(receiver);
}
