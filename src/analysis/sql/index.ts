/**
 * SQL analysis: splits SQL text into statements and extracts the normalised
 * facts rules read (table references, table/index/view definitions, dialect
 * markers), for MySQL (node-sql-parser) and PostgreSQL (libpg-query).
 *
 * Design: the real parser of the dialect says *whether* a statement is valid
 * and *what* it names; our tokenizer says *where*. Every span is the exact span
 * of tokens in the analysed text, so it is right whichever path produced it,
 * and a statement a parser rejects still yields its references from tokens.
 *
 * Contract:
 * - All spans are UTF-16 offsets into the whole `text` given to `analyzeSql`.
 * - Names are unquoted, in their original case (PostgreSQL's AST lower-cases; we don't).
 * - A name containing a template-hole placeholder is not a reference and is dropped.
 * - Enum value spans include their quotes.
 * - `parse: 'partial'` comes with a `parseError`, except where the statement is valid
 *   but the parser has no grammar for it (MySQL compound routines with BEGIN…END
 *   bodies, FLUSH/GRANT/SET NAMES…, a CREATE TABLE whose only unparsed part is its
 *   PARTITION BY clause) or PostgreSQL was used before `initSqlParsers()` resolved.
 * - DDL facts (`tables`, `indexes`, `views`) come from tokens on every path, so a
 *   schema the parser rejects still yields its tables and columns.
 */
import type { Dialect, DialectMarker, SqlAnalysis, SqlStatement, SqlTableRef, Span, TableAction, UnparsedEngine } from '../facts.js';
import { extractDdl, type DdlFacts } from './ddl.js';
import { bindPgPlaceholders, type BoundStatement } from './driver-placeholders.js';
import {
  cronJobCalls,
  cronJobSqlRefs,
  dblinkSqlRefs,
  dynamicSqlRefs,
  literalSqlRefs,
  preparedUserVariable,
  userVariableAssignment,
} from './dynamic.js';
import { foreignTables } from './foreign-tables.js';
import { NEVER_MYSQL, scanMarkers } from './markers.js';
import { loadMysql, parseMysqlStatement, type ParserTable } from './mysql.js';
import { mysqlOnlyRefs, withoutIndexHintNames } from './mysql-only-refs.js';
import { judgeMysqlStatement } from './mysql-verdict.js';
import { obviousBreak } from './obvious-break.js';
import { doBlockDdlStatements } from './plpgsql-block.js';
import { guardedDdl } from './tsql-guard.js';
import { loadPg, parsePgStatement, parsePgWhole, pgReady, takeMissedPg, type AstFacts, type AstRef, type PgResult } from './pg.js';
import { bindPsqlVariables, namesPsqlVariableTable, psqlVariableColons, withoutPsqlVariables } from './psql.js';
import { classifyStatement, cteNames } from './refs.js';
import { routineCalls } from './routine-calls.js';
import { extractTableRefs } from './table-refs.js';
import { splitStatements, type SplitStatement } from './splitter.js';
import { tokenize, type Token } from './tokenizer.js';
import { openVersionedComments } from './versioned-comments.js';
import { HOLE_PREFIX, significant, TokView } from './tokview.js';

export { HOLE_PREFIX, holePlaceholder } from './hole.js';

/** A template hole's placeholder (`holePlaceholder`), not a driver's identifier placeholder. */
const TEMPLATE_HOLE = new RegExp(`${HOLE_PREFIX}\\d+__`);

/** The identifier that stands for the `index`-th unresolved template hole. */

/**
 * Loads the parsers of `dialects` (both by default): libpg-query (WASM, asynchronous) for
 * PostgreSQL, node-sql-parser for MySQL. Idempotent. node-sql-parser also loads itself on its
 * first statement; libpg-query cannot (it loads asynchronously), so `analyzeSqlIfLoaded` says
 * when an analysis needed it.
 */
export async function initSqlParsers(dialects: Iterable<Dialect> = ['mysql', 'postgresql']): Promise<void> {
  const wanted = new Set(dialects);
  if (wanted.has('postgresql')) await loadPg();
  if (wanted.has('mysql')) {
    try {
      loadMysql();
    } catch {
      // Reported per statement when analysing MySQL.
    }
  }
}

/** Statements larger than this skip node-sql-parser, which backtracks badly on long input. */
const MYSQL_MAX_CHARS = 64 * 1024;
const MYSQL_MAX_TOKENS = 2000;
/** libpg-query is linear; this only guards memory on pathological input. */
const PG_MAX_CHARS = 1024 * 1024;
/** The construct a statement past the parsers' budget is counted as (SqlStatement.unsupported). */
const TOO_LARGE = 'statement too large to parse';
const PG_WHOLE_MAX_CHARS = 4 * 1024 * 1024;

const CACHE_MAX_ENTRIES = 5000;
const CACHE_MAX_TEXT = 256 * 1024;
const cache = new Map<string, SqlAnalysis>();

/**
 * Analyses SQL text. Synchronous and never throws. All spans are UTF-16 offsets
 * into `text`. Results are cached by (dialect, text) and shared: treat them as read-only.
 */
export function analyzeSql(text: string, dialect: Dialect): SqlAnalysis {
  return analyzeCached(text, dialect).analysis;
}

/**
 * `analyzeSql`, or undefined when the analysis consulted libpg-query before it was loaded (any
 * PostgreSQL text; a MySQL statement with PostgreSQL syntax in it): load it with
 * `initSqlParsers(['postgresql'])` and ask again. What it returns is exactly what `analyzeSql`
 * returns with every parser loaded, so a run can load libpg-query only when its SQL needs it.
 */
export function analyzeSqlIfLoaded(text: string, dialect: Dialect): SqlAnalysis | undefined {
  const { analysis, degraded } = analyzeCached(text, dialect);
  return degraded ? undefined : analysis;
}

function analyzeCached(text: string, dialect: Dialect): { analysis: SqlAnalysis; degraded: boolean } {
  if (typeof text !== 'string') text = text == null ? '' : String(text);
  if (dialect !== 'mysql' && dialect !== 'postgresql') dialect = 'mysql';
  const key = `${dialect}\u0000${text}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return { analysis: hit, degraded: false };
  }
  let result: SqlAnalysis;
  takeMissedPg();
  try {
    result = analyze(text, dialect);
  } catch {
    result = { dialect, statements: [] };
  }
  // Without the PostgreSQL parser the result is degraded: don't keep it once the parser is loaded.
  const degraded = takeMissedPg();
  if (text.length <= CACHE_MAX_TEXT && !degraded) {
    cache.set(key, result);
    if (cache.size > CACHE_MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  }
  return { analysis: result, degraded };
}

const UNPARSED_LABELS: Record<UnparsedEngine, string> = {
  sqlserver: 'SQL Server (no parser here)',
  sqlite: 'SQLite (no parser here)',
  oracle: 'Oracle (no parser here)',
  clickhouse: 'ClickHouse (no parser here)',
  duckdb: 'DuckDB (no parser here)',
  snowflake: 'Snowflake (no parser here)',
  bigquery: 'BigQuery (no parser here)',
  cassandra: 'Cassandra CQL (no parser here)',
  dynamodb: 'DynamoDB PartiQL (no parser here)',
};

/**
 * How each engine's text is tokenized: as PostgreSQL (double quotes name identifiers; backticks do too,
 * as ClickHouse's), except BigQuery, whose lexical rules are MySQL's (double quotes are strings, backticks
 * name identifiers and paths, `#` starts a comment).
 */
const TOKENS_AS: Partial<Record<UnparsedEngine, Dialect>> = { bigquery: 'mysql' };

/**
 * SQL of an engine without a parser here (SQL Server, SQLite, Oracle, ClickHouse, DuckDB, Snowflake,
 * BigQuery; Cassandra's CQL, DynamoDB's PartiQL), read by tokens only: every statement's table references
 * and DDL facts, none parsed, none a parse error, each counted as unsupported. Tokenized as `TOKENS_AS` says; T-SQL's
 * `[bracketed]` names are read as quoted ones and a `GO` line ends a batch. Spans are offsets into
 * `text`; synchronous, never throws.
 */
export function analyzeSqlByTokens(text: string, engine: UnparsedEngine): SqlAnalysis {
  if (typeof text !== 'string') text = text == null ? '' : String(text);
  // Same-length rewrites: every offset stays where it is in `text`.
  // (ClickHouse's, DuckDB's, BigQuery's `[…]` are array literals, no names.)
  const read = engine === 'sqlserver' ? withBatchEnds(withBracketNames(text)) : engine === 'sqlite' ? withBracketNames(text) : text;
  const tokens = TOKENS_AS[engine] ?? 'postgresql';
  const statements = statementsByTokens(read, tokens, UNPARSED_LABELS[engine], (st, s) => {
    st.text = text.slice(s.start, s.end);
    if (engine === 'bigquery') withBigQueryPaths(st);
  });
  return statements ? { dialect: tokens, byTokensOnly: engine, ...statements } : { dialect: tokens, byTokensOnly: engine, statements: [] };
}

/**
 * Every statement of `text` read by `tokens`' tokens, literal rows included (a bulk run's heads are checked by a
 * parser this SQL has none of), none parsed, each counted as unsupported under `label`, and the comments' spans;
 * `each` sees every statement read. Undefined when the text cannot be split; never throws.
 */
function statementsByTokens(
  text: string,
  tokens: Dialect,
  label: string,
  each?: (statement: SqlStatement, split: SplitStatement) => void,
): { statements: SqlStatement[]; comments: Span[] } | undefined {
  const comments: Span[] = [];
  try {
    const split = splitStatements(text, tokens, (tok) => comments.push({ start: tok.start, end: tok.end }), { bulk: false });
    const statements = split.map((s) => {
      try {
        const st = analyzeStatement(text, s, tokens, null, label);
        each?.(st, s);
        return st;
      } catch (e) {
        return fallbackStatement(text, s, e);
      }
    });
    return { statements, comments };
  } catch {
    return undefined;
  }
}

const BRANCH_LABELS: Record<Dialect, string> = {
  mysql: 'MySQL branch of a client check (read by tokens)',
  postgresql: 'PostgreSQL branch of a client check (read by tokens)',
};

/**
 * SQL of a client check's branch for `dialect` (`if (client.includes('mysql')) knex.raw('SHOW INDEX FROM …')`) in a file
 * whose SQL is read in another engine (EmbeddedSql.engine): read by `dialect`'s tokens as analyzeSqlByTokens reads an
 * engine without a parser, no statement parsed, none a parse error, each counted as that branch's. Synchronous, never throws.
 */
export function analyzeSqlBranch(text: string, dialect: Dialect): SqlAnalysis {
  if (typeof text !== 'string') text = text == null ? '' : String(text);
  const read = statementsByTokens(text, dialect, BRANCH_LABELS[dialect]);
  return read ? { dialect, clientBranch: dialect, ...read } : { dialect, clientBranch: dialect, statements: [] };
}

/** Keywords a join fragment (`joinRaw('LEFT JOIN reviews ON …')`) starts with. */
const JOIN_WORDS = new Set(['JOIN', 'LEFT', 'RIGHT', 'INNER', 'OUTER', 'FULL', 'CROSS', 'NATURAL', 'STRAIGHT_JOIN', 'LATERAL']);

/**
 * A fragment of the statement a query builder composes (EmbeddedSql `via: 'fragment'`): a condition
 * (`EXISTS (SELECT 1 FROM reviews r …)`, `id IN (SELECT listing_id FROM reviews …)`), a join (`LEFT JOIN
 * reviews ON …`), for `fromRaw`, a FROM list or, for `statement`, a whole statement whose text is not fixed (a MyBatis
 * statement with dynamic elements: the text of all its branches). No statement on its own, so no parser reads it and it is
 * never a parse error: its table references are read from its tokens as if it stood in its clause of a
 * SELECT (`SELECT * FROM <builder's table> <join>`, `… WHERE <condition>`, `SELECT * FROM <list>`), every
 * span an offset into `text`. One statement, `partial`, without `parseError`; synchronous, never throws.
 */
export function analyzeSqlFragment(text: string, dialect: Dialect, clause: 'from' | 'statement' | 'other'): SqlAnalysis {
  if (typeof text !== 'string') text = text == null ? '' : String(text);
  const statement: SqlStatement = {
    text,
    span: { start: 0, end: text.length },
    kind: 'other',
    parse: 'partial',
    tableRefs: [],
    tables: [],
    indexes: [],
    views: [],
    dialectMarkers: [],
  };
  try {
    const first = significant(tokenize(text, dialect)).find((t) => t.type !== 'comment');
    const opening =
      clause === 'statement'
        ? ''
        : clause === 'from'
          ? 'SELECT * FROM '
          : first?.upper !== undefined && JOIN_WORDS.has(first.upper)
            ? 'SELECT * FROM _ '
            : 'SELECT * FROM _ WHERE ';
    const padded = opening + text;
    const tokens = tokenize(padded, dialect);
    const sig = significant(tokens);
    const v = new TokView(padded, sig);
    const holeRefs: SqlTableRef[] = [];
    const shift = <T extends { span: Span }>(x: T): T => ({
      ...x,
      span: { start: x.span.start - opening.length, end: x.span.end - opening.length },
    });
    const inText = (x: { span: Span }) => x.span.start >= opening.length;
    statement.tableRefs = extractTableRefs(v, cteNames(v).names, holeRefs).filter(inText).map(shift);
    const templateHoles = holeRefs.filter(
      (r) => inText(r) && (TEMPLATE_HOLE.test(r.name) || (r.qualifier !== undefined && TEMPLATE_HOLE.test(r.qualifier))),
    );
    if (templateHoles.length > 0) statement.holeRefs = templateHoles.map(shift);
    statement.dialectMarkers = dedupeMarkers(scanMarkers(padded, tokens, sig).filter(inText).map(shift));
  } catch {
    // The fragment stands without references.
  }
  return { dialect, statements: [statement] };
}

/**
 * BigQuery quotes a whole path in one pair of backticks (`` `acme-prod.exports.orders` ``): the table is its
 * last part and the dataset the one before (the project, before that, is no namespace of the tables).
 */
function withBigQueryPaths(statement: SqlStatement): void {
  const split = <T extends { name: string; qualifier?: string }>(named: T): T => {
    if (!named.name.includes('.') && !named.qualifier?.includes('.')) return named;
    const parts = [...(named.qualifier?.split('.') ?? []), ...named.name.split('.')].filter((part) => part.length > 0);
    if (parts.length < 2) return named;
    return { ...named, name: parts[parts.length - 1], qualifier: parts[parts.length - 2] };
  };
  statement.tableRefs = statement.tableRefs.map(split);
  statement.tables = statement.tables.map(split);
}

/** `[name]` (T-SQL, SQLite) as `"name"`, outside strings and comments. */
function withBracketNames(text: string): string {
  if (!text.includes('[')) return text;
  let out = '';
  let at = 0;
  for (const tok of tokenize(text, 'postgresql')) {
    if (tok.start < at || tok.type !== 'op' || text.charCodeAt(tok.start) !== 91 /* [ */) continue;
    const close = text.indexOf(']', tok.end);
    if (close < 0 || /[\r\n"]/.test(text.slice(tok.end, close))) continue;
    out += text.slice(at, tok.start) + '"' + text.slice(tok.end, close) + '"';
    at = close + 1;
  }
  return at === 0 ? text : out + text.slice(at);
}

/** T-SQL's `GO` batch separator alone on its line ends a statement, as `;` does. */
function withBatchEnds(text: string): string {
  return text.replace(/^([ \t]*)GO([ \t]*)$/gim, (_m, before: string, after: string) => `${before}; ${after}`);
}

/** Empties the result cache (tests, long-running watchers). */
export function clearSqlCache(): void {
  cache.clear();
}

function analyze(original: string, dialect: Dialect): SqlAnalysis {
  // MySQL runs the bodies of `/*!50001 … */`: they are read as statements, at their places in the text.
  const opened = dialect === 'mysql' ? openVersionedComments(original) : undefined;
  if (opened === undefined) return analyzeText(original, dialect);
  const analysis = analyzeText(opened, dialect);
  for (const statement of analysis.statements) statement.text = original.slice(statement.span.start, statement.span.end);
  return analysis;
}

function analyzeText(text: string, dialect: Dialect): SqlAnalysis {
  const comments: Span[] = [];
  const split = splitStatements(text, dialect, (tok) => comments.push({ start: tok.start, end: tok.end }));
  let whole: Array<AstFacts | null> | null = null;
  if (dialect === 'postgresql' && pgReady() && text.length <= PG_WHOLE_MAX_CHARS && split.some((s) => !s.skipped)) {
    try {
      whole = parsePgWhole(
        text,
        // Bulk rows are left out: their statements are checked by their head alone (analyzeBulkInsert).
        split.map((s) => ({ start: s.start, end: s.end, skipped: !!s.skipped || !!s.bulkRows })),
      );
    } catch {
      whole = null;
    }
  }
  const analysed = split.map((s, i): SqlStatement | SqlStatement[] => {
    try {
      if (s.bulkRows) return analyzeBulkInsert(text, s, dialect) ?? analyzeBulkInFull(text, s, dialect);
      return analyzeStatement(text, s, dialect, whole?.[i] ?? null);
    } catch (e) {
      return fallbackStatement(text, s, e);
    }
  });
  if (dialect === 'mysql') {
    try {
      // A bulk INSERT is never a SET or PREPARE: the others are one statement per split entry.
      linkPreparedVariables(
        text,
        split,
        analysed.map((a) => (Array.isArray(a) ? a[0] : a)),
      );
    } catch {
      // The statements stand without the references of their prepared text.
    }
  }
  return { dialect, statements: analysed.flat(), comments };
}

/**
 * MySQL migrations run conditional DDL as `SET @s = IF(…, 'SELECT 1', 'ALTER TABLE t …'); PREPARE p FROM @s;
 * EXECUTE p;`. Once a PREPARE reads the variable, the references of its text belong to the SET
 * statement that holds the literals. Only SET and PREPARE statements are looked at.
 */
function linkPreparedVariables(text: string, split: SplitStatement[], statements: SqlStatement[]): void {
  const assigned = new Map<string, { statement: SqlStatement; view: TokView; valueAt: number }>();
  split.forEach((s, i) => {
    if (s.skipped) return;
    const head = s.tokens.find((t) => t.type !== 'comment');
    if (head?.upper !== 'SET' && head?.upper !== 'PREPARE') return;
    const v = new TokView(text, significant(s.tokens));
    const assignment = userVariableAssignment(v);
    if (assignment) {
      assigned.set(assignment.name, { statement: statements[i], view: v, valueAt: assignment.valueAt });
      return;
    }
    const name = preparedUserVariable(v);
    const source = name === undefined ? undefined : assigned.get(name);
    if (!source) return;
    assigned.delete(name!); // prepared twice: its references once
    const refs = literalSqlRefs(source.view, source.valueAt, 'mysql');
    if (refs.length > 0) source.statement.tableRefs = sortRefs([...source.statement.tableRefs, ...refs]);
  });
}

/** What the dialect's parser says of an INSERT head (`INSERT INTO t (a, b) VALUES`) with one row of NULLs; by head text. */
interface HeadCheck {
  ok: boolean;
  mysqlTables?: ParserTable[];
  /** PostgreSQL relations, offsets from the start of the head. */
  pgRefs?: AstRef[];
}
const headChecks = new Map<string, HeadCheck>();
const HEAD_CHECKS_MAX = 1000;

/**
 * A bulk run: `INSERT … VALUES` statements whose literal rows the splitter skipped (bulk.ts). Each
 * distinct head is checked by the dialect's real parser — once per head text, since a dump
 * repeats the same few heads for every row — and its references are read from its tokens, with
 * their exact spans, as for any statement. Undefined when the parser rejects a head: the caller
 * analyses the run statement by statement. `parse` is `full`: the parser accepted every head,
 * and the scan checked the rows.
 */
function analyzeBulkInsert(text: string, s: SplitStatement, dialect: Dialect): SqlStatement | undefined {
  const rows = s.bulkRows!;
  const tableRefs: SqlTableRef[] = [];
  const markers: DialectMarker[] = [];
  let kind: SqlStatement['kind'] | undefined;
  let parsed = true;
  for (const head of rows.heads) {
    const sig = significant(head.tokens);
    const start = sig[0].start;
    const check = checkHead(text.slice(start, head.rowsStart), nullRow(text, sig), dialect);
    if (!check.ok) return undefined;
    const v = new TokView(text, sig);
    const { names: ctes, mainVerbIndex } = cteNames(v);
    const tolerantRefs = extractTableRefs(v, ctes);
    tableRefs.push(
      ...(check.mysqlTables
        ? reconcileWithParser(v, tolerantRefs, check.mysqlTables, ctes)
        : check.pgRefs
          ? placeAstRefs(
              v,
              check.pgRefs.map((ref) => (ref.offset === undefined ? ref : { ...ref, offset: ref.offset + start })),
              tolerantRefs,
            )
          : tolerantRefs),
    );
    kind ??= classifyStatement(v, mainVerbIndex);
    parsed &&= !!(check.mysqlTables || check.pgRefs);
    markers.push(...scanMarkers(text, head === rows.heads[0] ? [...s.leadingComments, ...head.tokens] : head.tokens, sig));
  }
  return {
    text: text.slice(s.start, s.end),
    span: { start: s.start, end: s.end },
    kind: kind!,
    parse: parsed ? 'full' : 'partial',
    tableRefs: sortRefs(tableRefs),
    tables: [],
    indexes: [],
    views: [],
    dialectMarkers: dedupeMarkers(markers),
    ...(rows.statements > 1 ? { bulkStatements: rows.statements } : {}),
  };
}

/** What the dialect's parser says of a head with one row of NULLs (`INSERT INTO t (a, b) VALUES (NULL, NULL)`), cached by text. */
function checkHead(head: string, row: string, dialect: Dialect): HeadCheck {
  const key = `${dialect}\u0000${head}`;
  let check = headChecks.get(key);
  if (check) return check;
  const probe = `${head} ${row}`;
  if (dialect === 'mysql') {
    const r = parseMysqlStatement(probe, 0);
    check = r.ok ? { ok: true, mysqlTables: r.tables } : { ok: false };
  } else if (pgReady()) {
    const r = parsePgStatement(probe, 0);
    check = r.ok ? { ok: true, pgRefs: r.facts.refs } : { ok: false };
  } else return { ok: true }; // not kept: the parser may be loaded later
  if (headChecks.size >= HEAD_CHECKS_MAX) headChecks.delete(headChecks.keys().next().value!);
  headChecks.set(key, check);
  return check;
}

/** `(NULL, …)`, one NULL per column of the head's column list: node-sql-parser rejects a row of another length. */
function nullRow(text: string, sig: Token[]): string {
  let depth = 0;
  let columns = 1;
  for (const t of sig) {
    if (t.type !== 'op') continue;
    const c = text.charCodeAt(t.start);
    if (c === 40 /* ( */ && ++depth === 1) columns = 1;
    else if (c === 41 /* ) */) depth--;
    else if (c === 44 /* , */ && depth === 1) columns++;
  }
  return `(${new Array<string>(columns).fill('NULL').join(', ')})`;
}

/**
 * The parser rejected the head of a bulk INSERT: each statement of the run is split again with
 * its rows and analysed in full, so the parse error is reported where it is, as for any statement.
 */
function analyzeBulkInFull(text: string, run: SplitStatement, dialect: Dialect): SqlStatement[] {
  return splitStatements(text, dialect, undefined, { range: { start: run.start, end: run.end }, bulk: false }).map((s) => {
    try {
      return analyzeStatement(text, s, dialect, null);
    } catch (e) {
      return fallbackStatement(text, s, e);
    }
  });
}

function emptyStatement(text: string, s: SplitStatement, parse: SqlStatement['parse']): SqlStatement {
  return {
    text: text.slice(s.start, s.end),
    span: { start: s.start, end: s.end },
    kind: 'other',
    parse,
    tableRefs: [],
    tables: [],
    indexes: [],
    views: [],
    dialectMarkers: [],
  };
}

/** Last resort when the analysis of one statement itself failed: tolerant refs only. */
function fallbackStatement(text: string, s: SplitStatement, e: unknown): SqlStatement {
  const st = emptyStatement(text, s, 'partial');
  const first = s.tokens.find((t) => t.type !== 'comment');
  st.parseError = {
    message: `internal error while analysing this statement: ${String((e as Error)?.message ?? e).slice(0, 120)}`,
    span: first ? { start: first.start, end: first.end } : { start: s.start, end: s.end },
  };
  try {
    const v = new TokView(text, significant(s.tokens));
    st.tableRefs = extractTableRefs(v, cteNames(v).names);
  } catch {
    // keep the empty statement
  }
  return st;
}

/** A statement that may call dblink (most do not: their tokens are not searched). */
const DBLINK = /dblink/i;
/** A statement that may schedule a pg_cron job (`cron.schedule(…)`). */
const CRON = /cron/i;

function analyzeStatement(
  text: string,
  s: SplitStatement,
  dialect: Dialect,
  pgFacts: AstFacts | null,
  /** Set for SQL of an engine without a parser here: the construct it is counted as, read from tokens only. */
  byTokens?: string,
): SqlStatement {
  if (s.skipped) {
    const st = emptyStatement(text, s, 'skipped');
    st.dialectMarkers = scanMarkers(text, s.leadingComments, []);
    if (s.skipped === 'delimiter')
      st.dialectMarkers.push({ dialect: 'mysql', feature: 'DELIMITER', span: { start: s.tokens[0].start, end: s.tokens[0].end } });
    if (s.skipped === 'meta-command' && /^\\copy\b/i.test(text.slice(s.start, s.start + 6))) {
      // psql's `\copy t (…) FROM stdin` is a COPY run by the client: the table is still used.
      const copy = new TokView(text, significant(tokenize(text, 'postgresql', s.start + 1, s.end)));
      st.tableRefs = extractTableRefs(copy, new Set());
    }
    return st;
  }
  const sig = significant(s.tokens);
  const v = new TokView(text, sig);
  const { names: ctes, mainVerbIndex } = cteNames(v);
  const kind = classifyStatement(v, mainVerbIndex);
  const holeRefs: SqlTableRef[] = [];
  const tokenRefs = extractTableRefs(v, ctes, holeRefs);
  const tolerantRefs = dialect === 'mysql' ? withRefs(withoutIndexHintNames(v, tokenRefs), mysqlOnlyRefs(v)) : tokenRefs;
  const ddl = extractDdl(v, kind, dialect === 'mysql');
  if (dialect === 'postgresql' && kind === 'create_routine') withBlockDdl(ddl, doBlockDdlStatements(text, v));
  const guarded = byTokens !== undefined ? guardedDdl(v) : undefined;
  if (guarded) withBlockDdl(ddl, [guarded]);
  // In PostgreSQL, the remote tables a foreign table stands for (foreign-tables.ts).
  const foreign = dialect === 'postgresql' ? foreignTables(v) : undefined;
  if (foreign?.view) ddl.views.push(foreign.view);
  // What runs inside the statement: routine bodies and the SQL text they (or a MySQL PREPARE) execute; in PostgreSQL also
  // the SQL a dblink call runs on another database and the SQL a pg_cron job runs.
  const statementText = text.slice(s.start, s.end);
  const bodyRefs =
    kind === 'create_routine'
      ? routineBodyRefs(text, v, dialect)
      : dialect === 'mysql'
        ? v.key(0) === 'PREPARE' || v.key(0) === 'EXECUTE'
          ? dynamicSqlRefs(v, 'mysql')
          : []
        : (DBLINK.test(statementText) ? dblinkSqlRefs(v) : [])
            .concat(foreign?.refs ?? [])
            .concat(CRON.test(statementText) ? cronJobSqlRefs(v) : []);
  // concat, not spreads: a spread allocates an iterator result per element until V8 optimises this (every statement);
  // the leading comments are scanned apart, not copied in front of the tokens.
  const markers = dedupeMarkers(scanMarkers(text, s.tokens, sig, s.leadingComments).concat(ddl.markers));

  const stmt: SqlStatement = {
    text: statementText,
    span: { start: s.start, end: s.end },
    kind,
    parse: 'full',
    tableRefs: [],
    tables: ddl.tables,
    indexes: ddl.indexes,
    views: ddl.views,
    dialectMarkers: markers,
  };
  if (ddl.enumTypes.length > 0) stmt.enumTypes = ddl.enumTypes;
  const templateHoles = holeRefs.filter(
    (r) => TEMPLATE_HOLE.test(r.name) || (r.qualifier !== undefined && TEMPLATE_HOLE.test(r.qualifier)),
  );
  if (templateHoles.length > 0) stmt.holeRefs = templateHoles;
  if (ddl.trigger) stmt.trigger = ddl.trigger;
  if (ddl.sequences.length > 0) stmt.sequences = ddl.sequences;
  if (ddl.routines.length > 0) stmt.routines = ddl.routines;
  // A pg_cron job's `CALL p()` is a call of the statement scheduling it, as its tables are its references.
  const calls =
    dialect === 'postgresql' && kind !== 'create_routine' && CRON.test(statementText)
      ? routineCalls(v).concat(cronJobCalls(v))
      : routineCalls(v);
  if (calls.length > 0) stmt.calls = calls;
  if (ddl.nameChanges.length > 0) stmt.nameChanges = ddl.nameChanges;
  const stmtText = stmt.text;
  const errorSpan = (offset: number | undefined): Span => tokenSpanAt(sig, offset, s);
  const partial = (message: string | undefined, offset?: number): void => {
    stmt.parse = 'partial';
    if (message !== undefined) stmt.parseError = { message, span: errorSpan(offset) };
    // A statement its parser rejected naming tables in `[brackets]` (SQLite's, SQL Server's: `CREATE INDEX [fk] ON
    // [monitor_group]`) keeps them: its tables, references and DDL are read with each such name as a quoted one.
    const bracketed = byTokens === undefined ? bracketNameView(text, sig) : undefined;
    if (bracketed) {
      const refs = extractTableRefs(bracketed, cteNames(bracketed).names);
      const facts = extractDdl(bracketed, kind, dialect === 'mysql');
      stmt.tables = facts.tables;
      stmt.indexes = facts.indexes;
      stmt.views = facts.views;
      stmt.tableRefs = sortRefs(
        (dialect === 'mysql' ? withRefs(withoutIndexHintNames(bracketed, refs), mysqlOnlyRefs(bracketed)) : refs).concat(bodyRefs),
      );
      return;
    }
    stmt.tableRefs = sortRefs(tolerantRefs.concat(bodyRefs));
  };

  // Past the parser's budget (a seed's multi-row INSERT: PostGIS's spatial_ref_sys, HELDOUT12 #9): read by tokens and
  // counted, as valid SQL the parser cannot read is; only a break no statement has is an error.
  const tooLarge = (): void => {
    const broken = obviousBreak(v);
    partial(broken && (broken.message ?? 'syntax error'), broken?.offset);
    if (!broken) stmt.unsupported = TOO_LARGE;
  };

  if (byTokens !== undefined) {
    partial(undefined);
    stmt.unsupported = byTokens;
    return stmt;
  }
  if (dialect === 'mysql') {
    if (stmtText.length > MYSQL_MAX_CHARS || sig.length > MYSQL_MAX_TOKENS) {
      tooLarge();
      return stmt;
    }
    const verdict = judgeMysqlStatement({ text, start: s.start, end: s.end, v, kind });
    // Rejected by MySQL's parser and accepted by PostgreSQL's: the other dialect's SQL, whether or not a catalogued
    // marker shows it (CREATE TYPE … AS ENUM, COMMENT ON, USING btree, CONCURRENTLY, ALTER COLUMN … SET NOT NULL), as a
    // statement libpg-query rejects and MySQL accepts is MySQL's. A MySQL 8 construct the parser lacks is valid MySQL:
    // only PostgreSQL markers in it make it the other dialect's.
    // MariaDB syntax (`CREATE OR REPLACE TABLE`, `RETURNING`): invalid on MySQL 8, valid on MariaDB. Which engine
    // the service runs on is the model's to say; the facts keep both readings.
    const mariadb = verdict.verdict !== 'invalid' ? verdict.mariadb : undefined;
    if (mariadb) {
      const [first] = mariadb.constructs;
      stmt.mariadb = { constructs: [...new Set(mariadb.constructs.map((m) => m.construct))], span: { start: first.start, end: first.end } };
    }
    // A statement both MariaDB and PostgreSQL accept is PostgreSQL's only with a PostgreSQL marker in it (`INSERT …
    // RETURNING`, a double-quoted name): `ADD COLUMN IF NOT EXISTS`, `CREATE SEQUENCE s` or `ip INET6` alone are
    // the MySQL family's, which PostgreSQL's grammar happens to accept.
    const pgMarked = markers.some((m) => m.dialect === 'postgresql');
    if (
      (verdict.verdict === 'invalid' || ((verdict.verdict === 'unsupported' || !!mariadb) && pgMarked)) &&
      acceptedByPg(stmtText, s.start, v)
    )
      stmt.dialectSignal = 'postgresql';
    if (verdict.verdict === 'invalid' || (mariadb && stmt.dialectSignal)) {
      // Outside MariaDB such a statement stays the dialect signal it was, located where MySQL 8 stops.
      const rejected = verdict.verdict === 'invalid' ? verdict : mariadb!.mysql8;
      partial(mysqlMessage(text, sig, rejected), rejected.offset);
      if (verdict.verdict === 'unsupported') stmt.unsupported = verdict.construct;
      return stmt;
    }
    if (verdict.verdict === 'unsupported') {
      partial(undefined);
      stmt.unsupported = verdict.construct;
      if (!verdict.tables) return stmt;
    }
    stmt.tableRefs = sortRefs(reconcileWithParser(v, tolerantRefs, verdict.tables ?? [], ctes).concat(bodyRefs));
    if (
      verdict.verdict === 'parsed' &&
      markers.some((m) => m.dialect === 'postgresql' && NEVER_MYSQL.has(m.feature)) &&
      acceptedByPg(stmtText, s.start, v)
    )
      stmt.dialectSignal = 'postgresql';
    return stmt;
  }

  if (!pgReady()) {
    partial(undefined); // initSqlParsers() not awaited: tolerant path, nothing was rejected.
    return stmt;
  }
  let facts = pgFacts;
  // The colons of the statement's psql variables, read once whatever asks first.
  let colons: number[] | undefined;
  const psqlColons = () => (colons ??= psqlVariableColons(text, sig));
  if (!facts) {
    if (stmtText.length > PG_MAX_CHARS) {
      tooLarge();
      return stmt;
    }
    let r = parsePgStatement(stmtText, s.start);
    if (!r.ok) {
      // `?` and `:name` are placeholders of knex, Sequelize and TypeORM, which rewrite them to
      // `$1` before PostgreSQL sees the statement; check it with them bound instead.
      const bound = bindPgPlaceholders(stmtText, s.start, v);
      let retry = bound === undefined ? undefined : boundPgStatement(bound, s.start);
      // psql variables (`:'file'`, `:"role"`, `:schema`) stand for a string, a quoted name or any text.
      const psql = retry?.ok ? undefined : bindPsqlVariables(stmtText, s.start, psqlColons());
      if (psql !== undefined) retry = parsePgStatement(psql, s.start);
      if (!retry?.ok) {
        if (psql !== undefined && !obviousBreak(v)) {
          partial(undefined); // the statement psql sends is only known once it has substituted its variables
          stmt.unsupported = 'psql variable';
          stmt.tableRefs = withoutPsqlVariables(psqlColons(), stmt.tableRefs);
          return stmt;
        }
        // The placeholders were the first thing libpg-query stumbled on: the error is where the bound statement breaks.
        const past = psql === undefined && retry && !retry.ok && (retry.offset ?? Infinity) > (r.offset ?? Infinity) ? retry : r;
        partial(past.message, past.offset);
        if (acceptedByMysql(text, s, v, kind)) stmt.dialectSignal = 'mysql';
        return stmt;
      }
      r = retry;
    }
    facts = r.facts;
  }
  const placed = sortRefs(placeAstRefs(v, facts.refs, tolerantRefs).concat(bodyRefs));
  // `FROM :"tbl"`: psql names the table; the statement reads, the linter cannot know what: counted, never silent.
  if (namesPsqlVariableTable(psqlColons(), facts.refs)) stmt.unsupported ??= 'psql variable';
  stmt.tableRefs = withoutPsqlVariables(psqlColons(), placed);
  return stmt;
}

/**
 * The statement's tokens with each `[name]` where a table or column goes (after a space, `(` or `,`, the name a plain
 * word, the brackets tight around it) made one quoted identifier, as SQLite and SQL Server read it; undefined when it has
 * none. Never MySQL's or PostgreSQL's syntax (their `[` follows an expression: `a[1]`, `ARRAY[…]`), so only a statement
 * their parser rejected is read this way.
 */
function bracketNameView(text: string, sig: Token[]): TokView | undefined {
  const out: Token[] = [];
  let found = false;
  for (let i = 0; i < sig.length; i++) {
    const [open, name, close] = [sig[i], sig[i + 1], sig[i + 2]];
    if (close && isBracketName(text, open, name, close)) {
      out.push({ type: 'quoted', start: open.start, end: close.end });
      found = true;
      i += 2;
    } else out.push(open);
  }
  return found ? new TokView(text, out) : undefined;
}

/** `[` `name` `]`, tight, the `[` after a space, `(`, `,`, the start, or the `.` after another such name (`[dbo].[orders]`). */
function isBracketName(text: string, open: Token, name: Token, close: Token): boolean {
  if (open.type !== 'op' || open.end - open.start !== 1 || text.charCodeAt(open.start) !== 91 /* [ */) return false;
  if (name.type !== 'word' || name.start !== open.end || close.start !== name.end || text.slice(close.start, close.end) !== ']')
    return false;
  const before = text.slice(Math.max(0, open.start - 2), open.start);
  return open.start === 0 || /[\s(,]$/.test(before) || before === '].';
}

/**
 * Adds the DDL facts of the statements a `DO` block (or a T-SQL `IF … BEGIN … END` guard) runs to its own. Their table references
 * are already the block's (routineBodyRefs); a CREATE TRIGGER inside stays no `trigger` of the
 * block, whose references are its own body's, not the trigger function's.
 */
function withBlockDdl(ddl: DdlFacts, inner: TokView[]): void {
  for (const iv of inner) {
    const facts = extractDdl(iv, classifyStatement(iv, cteNames(iv).mainVerbIndex), false);
    ddl.tables.push(...facts.tables);
    ddl.indexes.push(...facts.indexes);
    ddl.views.push(...facts.views);
    ddl.sequences.push(...facts.sequences);
    ddl.enumTypes.push(...facts.enumTypes);
    ddl.nameChanges.push(...facts.nameChanges);
    ddl.markers.push(...facts.markers);
  }
}

/** libpg-query's reading of a statement with its placeholders bound, its relations placed on the statement as written. */
function boundPgStatement(bound: BoundStatement, base: number): PgResult {
  const r = parsePgStatement(bound.text, 0);
  if (!r.ok) return r.offset === undefined ? r : { ...r, offset: base + bound.original(r.offset) };
  const refs = r.facts.refs.map((ref) => (ref.offset === undefined ? ref : { ...ref, offset: base + bound.original(ref.offset) }));
  return { ok: true, facts: { ...r.facts, refs } };
}

/** Whether libpg-query accepts a statement MySQL's parser rejected (as is, or with `?` / `:name` bound). */
function acceptedByPg(stmtText: string, base: number, v: TokView): boolean {
  if (!pgReady() || stmtText.length > PG_MAX_CHARS) return false;
  if (parsePgStatement(stmtText, base).ok) return true;
  const bound = bindPgPlaceholders(stmtText, base, v);
  return bound !== undefined && parsePgStatement(bound.text, base).ok;
}

/**
 * Whether node-sql-parser reads a statement libpg-query rejected (within its budget), as is or with
 * the MySQL 8 constructs it lacks edited out. A statement family it merely recognises does not count:
 * a misspelt PostgreSQL GRANT is no MySQL.
 */
function acceptedByMysql(text: string, s: SplitStatement, v: TokView, kind: SqlStatement['kind']): boolean {
  if (s.end - s.start > MYSQL_MAX_CHARS || v.length > MYSQL_MAX_TOKENS) return false;
  try {
    return judgeMysqlStatement({ text, start: s.start, end: s.end, v, kind }).verdict === 'parsed';
  } catch {
    return false;
  }
}

/** `syntax error at or near "PARTITION"`, like PostgreSQL words it (peggy's own message lists every expected token). */
function mysqlMessage(text: string, sig: Token[], r: { message: string; offset?: number }): string {
  // Our own wording (unbalanced parentheses, …) is kept; peggy's lists every expected token.
  if (!r.message.startsWith('Expected ') && !r.message.includes('\n')) return r.message.slice(0, 200);
  if (r.offset === undefined) return r.message.split('\n')[0].slice(0, 200);
  const last = sig[sig.length - 1];
  if (!last || r.offset >= last.end) return 'syntax error at end of input';
  const at = tokenSpanAt(sig, r.offset, { start: 0, end: 0, tokens: [], leadingComments: [] });
  const word = text.slice(at.start, at.end);
  return `syntax error at or near "${word.length > 40 ? word.slice(0, 40) + '…' : word}"`;
}

/** `refs` and the `extra` ones at places none of them covers, in text order. */
function withRefs(refs: SqlTableRef[], extra: SqlTableRef[]): SqlTableRef[] {
  if (extra.length === 0) return refs;
  const at = new Set(refs.map((r) => r.span.start));
  return sortRefs([...refs, ...extra.filter((r) => !at.has(r.span.start))]);
}

function sortRefs(refs: SqlTableRef[]): SqlTableRef[] {
  return refs.sort((a, b) => a.span.start - b.span.start);
}

function dedupeMarkers(markers: DialectMarker[]): DialectMarker[] {
  const seen = new Set<string>();
  const out: DialectMarker[] = [];
  for (const m of markers.sort((a, b) => a.span.start - b.span.start)) {
    const k = `${m.span.start}:${m.feature}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(m);
    }
  }
  return out;
}

/** Span of the token at (or after) `offset`; the first token when there is no offset. */
function tokenSpanAt(sig: Token[], offset: number | undefined, s: SplitStatement): Span {
  if (sig.length === 0) return { start: s.start, end: s.end };
  if (offset === undefined) return { start: sig[0].start, end: sig[0].end };
  let lo = 0;
  let hi = sig.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sig[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  const t = sig[lo];
  return { start: t.start, end: t.end };
}

function refKey(qualifier: string | undefined, name: string): string {
  return `${(qualifier ?? '').toLowerCase()}.${name.toLowerCase()}`;
}

const PARSER_ACTIONS: Record<string, TableAction> = {
  select: 'select',
  insert: 'insert',
  replace: 'insert',
  update: 'update',
  delete: 'delete',
  create: 'create',
  alter: 'alter',
  drop: 'drop',
  truncate: 'truncate',
};

/**
 * MySQL: node-sql-parser's table list adds any table the tokens missed, at the
 * first unused place its name is written. It never removes a token-based
 * reference: its list is incomplete in places (`LEFT JOIN (b, c)`, `LOAD DATA …
 * INTO TABLE`, FK targets), and a parser disagreement must not hide a reference.
 */
function reconcileWithParser(v: TokView, tolerant: SqlTableRef[], tables: ParserTable[], ctes: Set<string>): SqlTableRef[] {
  const out = tolerant.slice();
  const have = new Set(tolerant.map((r) => refKey(r.qualifier, r.name)));
  const used = new Set(tolerant.map((r) => r.span.start));
  for (const t of tables) {
    // RENAME TABLE lists old and new names alike; the tokens read the old ones as altered, the new ones are no references.
    if (t.action === 'rename') continue;
    if (t.table.includes(HOLE_PREFIX) || t.db?.includes(HOLE_PREFIX)) continue;
    if (!t.db && ctes.has(t.table.toLowerCase())) continue;
    const k = refKey(t.db, t.table);
    if (have.has(k)) continue;
    const found = findName(v, t.db, t.table, used);
    if (!found) continue;
    used.add(found.span.start);
    out.push({ ...found, action: PARSER_ACTIONS[t.action] ?? 'other' });
  }
  return out;
}

/**
 * PostgreSQL: the AST's relations, placed on our tokens. A located relation is
 * read at its offset; one without a location (DROP TABLE) takes the span of
 * the token-based reference with the same name, or the first unused place its
 * name is written.
 */
function placeAstRefs(v: TokView, astRefs: AstRef[], tolerant: SqlTableRef[]): SqlTableRef[] {
  const out: SqlTableRef[] = [];
  const used = new Set<number>();
  const starts = new Map<number, number>();
  v.toks.forEach((t, i) => starts.set(t.start, i));
  const pending: AstRef[] = [];
  for (const ref of astRefs) {
    let i = ref.offset !== undefined ? starts.get(ref.offset) : undefined;
    // A psql variable as the schema (`:SCHEMA.jobs`, bound as ` SCHEMA.jobs`): the name is read from its colon.
    if (ref.offset !== undefined && i === undefined && v.psqlVariableEnd(starts.get(ref.offset - 1) ?? -1) >= 0)
      i = starts.get(ref.offset - 1);
    else if (i !== undefined && v.psqlVariableEnd(i - 1) === i) i -= 1;
    const r = i !== undefined ? v.readName(i, false) : null;
    if (r && r.name.toLowerCase() === ref.name.toLowerCase() && !used.has(r.span.start)) {
      used.add(r.span.start);
      if (!r.hole)
        out.push({ name: r.name, ...(r.qualifier !== undefined ? { qualifier: r.qualifier } : {}), action: ref.action, span: r.span });
      continue;
    }
    pending.push(ref);
  }
  for (const ref of pending) {
    const same = tolerant.find((t) => !used.has(t.span.start) && refKey(t.qualifier, t.name) === refKey(ref.qualifier, ref.name));
    const found = same ?? findName(v, ref.qualifier, ref.name, used);
    if (!found) continue;
    used.add(found.span.start);
    if (found.name.includes(HOLE_PREFIX) || found.qualifier?.includes(HOLE_PREFIX)) continue;
    out.push({
      name: found.name,
      ...(found.qualifier !== undefined ? { qualifier: found.qualifier } : {}),
      action: ref.action,
      span: found.span,
    });
  }
  return out;
}

/** First place (not in `used`) where `qualifier.name` / `name` is written as a whole name. */
function findName(v: TokView, qualifier: string | undefined, name: string, used: Set<number>): Omit<SqlTableRef, 'action'> | null {
  const want = refKey(qualifier, name);
  for (let i = 0; i < v.length; i++) {
    if (used.has(v.toks[i].start) || v.key(i - 1) === '.') continue;
    const r = v.readName(i, false);
    if (!r || r.hole) continue;
    if (refKey(r.qualifier, r.name) === want) {
      return { name: r.name, ...(r.qualifier !== undefined ? { qualifier: r.qualifier } : {}), span: r.span };
    }
  }
  return null;
}

/**
 * Table references inside PostgreSQL routine bodies (`AS $$ … $$`, `DO $$ … $$`),
 * read with the tolerant extractor on the body tokens, which keep their offsets, and
 * in the SQL text routines execute (plpgsql `EXECUTE '…'`, MySQL `PREPARE s FROM '…'`).
 */
function routineBodyRefs(text: string, v: TokView, dialect: Dialect): SqlTableRef[] {
  const refs: SqlTableRef[] = dialect === 'mysql' ? dynamicSqlRefs(v, 'mysql') : [];
  let language = '';
  for (let i = 0; i < v.length; i++) {
    if (v.key(i) === 'LANGUAGE' && v.toks[i + 1])
      language = v
        .raw(i + 1)
        .replace(/^['"]|['"]$/g, '')
        .toLowerCase();
  }
  if (language && language !== 'plpgsql' && language !== 'sql') return refs;
  for (const t of v.toks) {
    if (t.type !== 'dollar' || t.bodyStart === undefined || t.bodyEnd === undefined) continue;
    const body = new TokView(text, significant(tokenize(text, 'postgresql', t.bodyStart, t.bodyEnd)));
    refs.push(...extractTableRefs(body, cteNames(body).names), ...dynamicSqlRefs(body, 'postgresql'));
  }
  return refs;
}
