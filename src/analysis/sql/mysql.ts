/**
 * MySQL through node-sql-parser (the MySQL-only build, which loads in a few
 * milliseconds instead of the all-dialects bundle).
 *
 * Its AST is irregular and its locations cover aliases, so it is used for what
 * it is good at: accepting or rejecting a statement, and the set of tables it
 * reads or writes (`tableList`), which confirms and completes the token-based
 * references.
 */
import { createRequire } from 'node:module';

interface NspParser {
  parse(sql: string, opt: object): { tableList?: string[] };
}

let parser: NspParser | null = null;

function getParser(): NspParser {
  if (!parser) {
    const require = createRequire(import.meta.url);
    const mod = require('node-sql-parser/build/mysql') as { Parser: new () => NspParser };
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
    r = parseUncached(stmtText);
  }
  statementCache.set(stmtText, r);
  if (statementCache.size > STATEMENT_CACHE_MAX) statementCache.delete(statementCache.keys().next().value!);
  if (r.ok || r.offset === undefined) return r;
  return { ...r, offset: r.offset + base };
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
