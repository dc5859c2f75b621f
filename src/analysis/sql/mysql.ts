/**
 * MySQL through node-sql-parser (the MySQL-only build, which loads in a few
 * milliseconds instead of the all-dialects bundle).
 *
 * Its AST is irregular and its locations cover aliases, so it is used for what
 * it is good at: accepting or rejecting a statement, and the set of tables it
 * reads or writes (`tableList`), which confirms and completes the token-based
 * references.
 */
import { createHash } from 'node:crypto';
import { requireWithCodeCache } from '../../io/code-cache.js';
import { originalName, statementShape, type StatementShape } from './mysql-shape.js';

interface NspParser {
  parse(sql: string, opt: object): { tableList?: string[] };
}

let parser: NspParser | null = null;

function getParser(): NspParser {
  if (!parser) {
    // One 276 KB file, with the lazily compiled grammar functions: through V8's code cache (src/io/code-cache.ts),
    // a run does not compile them again (~30 ms of its require and first parses).
    const mod = requireWithCodeCache<{ Parser: new () => NspParser }>('node-sql-parser/build/mysql', import.meta.url);
    parser = new mod.Parser();
  }
  return parser;
}

export function loadMysql(): void {
  getParser();
}

export interface ParserTable {
  /** Lower-cased action as node-sql-parser reports it (select, insert, update, delete, create, alter, drop, truncate, …). */
  action: string;
  db?: string;
  table: string;
}

export type MysqlResult = { ok: true; tables: ParserTable[] } | { ok: false; message: string; offset?: number };

const OPTIONS = { database: 'MySQL' };

/**
 * Parser results by statement text, offsets relative to the statement. Parsing
 * dominates the cost of MySQL analysis and real files repeat statements
 * (seed INSERTs, the same query in many files).
 */
const statementCache = new Map<string, MysqlResult>();
const STATEMENT_CACHE_MAX = 5000;

/** Parses one statement; `base` is its offset in the whole text. */
export function parseMysqlStatement(stmtText: string, base: number): MysqlResult {
  let r = statementCache.get(stmtText);
  if (r) {
    statementCache.delete(stmtText);
  } else {
    r = parseShared(stmtText);
  }
  statementCache.set(stmtText, r);
  if (statementCache.size > STATEMENT_CACHE_MAX) statementCache.delete(statementCache.keys().next().value!);
  if (r.ok || r.offset === undefined) return r;
  return { ...r, offset: r.offset + base };
}

/** Parser results by statement shape (mysql-shape.ts), offsets relative to the shape. */
const shapeCache = new Map<string, MysqlResult>();

/** Set to `1` to parse every shaped statement as written too and report where the two answers differ. */
const VERIFY_ENV = 'NILECARE_VERIFY_MYSQL_SHAPES';

export interface ShapeMismatch {
  statement: string;
  shape: string;
  asWritten: MysqlResult;
  byShape: MysqlResult;
}
const mismatches: ShapeMismatch[] = [];
let verified = 0;

/** What `NILECARE_VERIFY_MYSQL_SHAPES=1` checked since the process started: statements read through another's shape, and the differences. */
export function shapeVerification(): { checked: number; mismatches: readonly ShapeMismatch[] } {
  return { checked: verified, mismatches };
}

/** Empties the statement and shape caches (tests comparing parses with and without shapes). */
export function clearMysqlCaches(): void {
  statementCache.clear();
  shapeCache.clear();
}

/**
 * The parser's answer for a statement, through the one for its shape when it has one and the
 * parser accepts that shape; otherwise (no shape, shape rejected) the statement as written, so
 * every error message and offset is the statement's own.
 */
function parseShared(stmtText: string): MysqlResult {
  const shape = statementShape(stmtText);
  if (!shape) return parseUncached(stmtText);
  let byShape = shapeCache.get(shape.text);
  if (byShape) shapeCache.delete(shape.text);
  else byShape = parseUncached(shape.text);
  shapeCache.set(shape.text, byShape);
  if (shapeCache.size > STATEMENT_CACHE_MAX) shapeCache.delete(shapeCache.keys().next().value!);
  if (shape.text === stmtText) return byShape;
  const mapped = byShape.ok ? mapTables(shape, byShape.tables) : undefined;
  if (!mapped) return parseUncached(stmtText);
  const result: MysqlResult = { ok: true, tables: mapped };
  if (process.env[VERIFY_ENV] === '1') verifyShape(stmtText, shape, result);
  return result;
}

/** The shape's tables named as the statement names them; undefined when one is not a whole name of the shape. */
function mapTables(shape: StatementShape, tables: ParserTable[]): ParserTable[] | undefined {
  const out: ParserTable[] = [];
  for (const t of tables) {
    const table = originalName(shape, t.table);
    const db = t.db === undefined ? undefined : originalName(shape, t.db);
    if (table === undefined || (t.db !== undefined && db === undefined)) return undefined;
    out.push({ action: t.action, ...(db !== undefined ? { db } : {}), table });
  }
  return out;
}

function verifyShape(stmtText: string, shape: StatementShape, byShape: MysqlResult): void {
  const asWritten = parseUncached(stmtText);
  verified++;
  if (JSON.stringify(asWritten) === JSON.stringify(byShape)) return;
  mismatches.push({ statement: stmtText, shape: shape.text, asWritten, byShape });
  // The statement may hold credentials: name it by hash and length, never by its text.
  const id = createHash('sha256').update(stmtText).digest('hex').slice(0, 12);
  process.stderr.write(
    `nilecare-lint: ${VERIFY_ENV}: statement ${id} (${stmtText.length} chars) parses ${asWritten.ok ? 'ok' : 'with an error'} as written but ${byShape.ok ? 'ok' : 'with an error'} by its shape, or names other tables\n`,
  );
}

/** Set to `1` to parse every statement the recogniser (mysql-recogniser.ts) read and report where the two answers differ. */
const VERIFY_RECOGNISER_ENV = 'NILECARE_VERIFY_MYSQL_RECOGNISER';

export interface RecogniserMismatch {
  statement: string;
  parsed: MysqlResult;
  recognised: ParserTable[];
}
const recogniserMismatches: RecogniserMismatch[] = [];
let recogniserChecked = 0;

/** What `NILECARE_VERIFY_MYSQL_RECOGNISER=1` checked since the process started: statements the recogniser read, and the differences. */
export function recogniserVerification(): { checked: number; mismatches: readonly RecogniserMismatch[] } {
  return { checked: recogniserChecked, mismatches: recogniserMismatches };
}

/** Under `NILECARE_VERIFY_MYSQL_RECOGNISER=1`: parses a statement the recogniser read and records any difference. */
export function verifyRecognised(stmtText: string, recognised: ParserTable[]): void {
  if (process.env[VERIFY_RECOGNISER_ENV] !== '1') return;
  const parsed = parseUncached(stmtText);
  // The tally on stderr at exit says the check ran, and on how much (whole-process runs: the CLI, the fuzz suite).
  if (recogniserChecked++ === 0)
    process.once('exit', () =>
      process.stderr.write(
        `nilecare-lint: ${VERIFY_RECOGNISER_ENV}: ${recogniserChecked} recognised statements parsed too, ${recogniserMismatches.length} differing\n`,
      ),
    );
  if (parsed.ok && JSON.stringify(parsed.tables) === JSON.stringify(recognised)) return;
  recogniserMismatches.push({ statement: stmtText, parsed, recognised });
  const id = createHash('sha256').update(stmtText).digest('hex').slice(0, 12);
  process.stderr.write(
    `nilecare-lint: ${VERIFY_RECOGNISER_ENV}: statement ${id} (${stmtText.length} chars) ${parsed.ok ? 'names other tables' : 'is rejected'} by the parser but recognised\n`,
  );
}

export interface UnreadMismatch {
  statement: string;
  /** node-sql-parser's own answer on the statement. */
  parsed: MysqlResult;
  /** The verdict with the parser (mysql-verdict.ts), and the one given without it. */
  byParser: unknown;
  unread: unknown;
}
const unreadMismatches: UnreadMismatch[] = [];
let unreadChecked = 0;

/** What `NILECARE_VERIFY_MYSQL_RECOGNISER=1` checked since the process started: statements judged without the parser (mysql-unread.ts), and the differences. */
export function unreadVerification(): { checked: number; mismatches: readonly UnreadMismatch[] } {
  return { checked: unreadChecked, mismatches: unreadMismatches };
}

/**
 * Under `NILECARE_VERIFY_MYSQL_RECOGNISER=1`: a statement judged without the parser (mysql-unread.ts) is parsed
 * too, and judged again with the parser (`byParser`); it must be rejected and both verdicts must be the same.
 */
export function verifyUnread(stmtText: string, unread: unknown, byParser: () => unknown): void {
  if (process.env[VERIFY_RECOGNISER_ENV] !== '1') return;
  const parsed = parseUncached(stmtText);
  const judged = byParser();
  if (unreadChecked++ === 0)
    process.once('exit', () =>
      process.stderr.write(
        `nilecare-lint: ${VERIFY_RECOGNISER_ENV}: ${unreadChecked} statements judged without the parser judged with it too, ${unreadMismatches.length} differing\n`,
      ),
    );
  if (!parsed.ok && JSON.stringify(judged) === JSON.stringify(unread)) return;
  unreadMismatches.push({ statement: stmtText, parsed, byParser: judged, unread });
  const id = createHash('sha256').update(stmtText).digest('hex').slice(0, 12);
  process.stderr.write(
    `nilecare-lint: ${VERIFY_RECOGNISER_ENV}: statement ${id} (${stmtText.length} chars) ${parsed.ok ? 'is accepted by the parser' : 'has another verdict with the parser'} but was judged without it\n`,
  );
}

function parseUncached(stmtText: string): MysqlResult {
  const base = 0;
  let result: { tableList?: string[] };
  try {
    result = getParser().parse(stmtText, OPTIONS);
  } catch (e) {
    // peggy errors list every expected token; the caller words the message from the token at `offset`.
    const err = e as { message?: string; location?: { start?: { offset?: number } } };
    const off = err.location?.start?.offset;
    return { ok: false, message: String(err.message ?? e), ...(typeof off === 'number' ? { offset: base + off } : {}) };
  }
  const tables: ParserTable[] = [];
  for (const entry of result.tableList ?? []) {
    const [action, db, ...rest] = entry.split('::');
    const table = rest.join('::');
    if (!table) continue;
    tables.push({ action: action.toLowerCase(), ...(db && db !== 'null' ? { db } : {}), table });
  }
  return { ok: true, tables };
}
