/**
 * Is a MySQL statement invalid, or valid MySQL 8 that node-sql-parser cannot read?
 *
 * There is no reference parser for MySQL here (MySQL's grammar lives in the server), so the
 * verdict rests on evidence, in this order:
 *
 * 1. node-sql-parser accepts the statement: it is read.
 * 2. It is obviously broken: unbalanced parentheses, an unterminated string or quoted name, or a
 *    statement cut off after a word or operator that cannot end one. Invalid, whatever else.
 * 3. A statement family node-sql-parser has no grammar for (mysql-gaps.ts), whose leading shape
 *    is right (`SAVEPOINT name`, `GRANT … TO …`): unsupported.
 * 4. Inline MySQL 8 constructs it lacks, recognised by shape and edited into syntax it reads (same
 *    length): if it then accepts the statement, the statement is read. Otherwise its error, now
 *    past the recognised constructs, is the one that counts from here on.
 * 5. That error falls inside a recognised construct no edit can rewrite (`INSERT INTO t () VALUES ()`),
 *    or the statement is a `CREATE TABLE … PARTITION BY …` whose part before the partitioning clause
 *    it accepts: unsupported.
 * 6. Otherwise, MySQL 8 finds it invalid; steps 3–5 run again with MariaDB's families and constructs
 *    added (mariadb-gaps.ts). When they explain it, the verdict carries the MariaDB constructs it needed
 *    (and MySQL 8's error): valid or not is the service's engine's question (the model's). Else: invalid,
 *    at the later of the two places the readings stop.
 *
 * So "invalid" means "rejected by node-sql-parser, and not explained by a catalogued MySQL 8
 * construct"; "unsupported" means "a catalogued construct". A valid statement using MySQL 8 syntax
 * outside the catalogue is still reported as invalid; an invalid statement of a catalogued family is
 * not, unless it is obviously broken or its leading shape is wrong. PostgreSQL's parser accepting a
 * statement is no evidence here: it accepts what MySQL rejects (`a == b`, a select list left empty,
 * `CREATE INDEX ON t (c)`), measured in BENCHMARKS.md; when the statement holds PostgreSQL syntax,
 * the caller treats that as a dialect signal instead.
 */
import type { StatementKind } from '../facts.js';
import { bindMysqlPlaceholders } from './driver-placeholders.js';
import { parseMysqlStatement, verifyRecognised, verifyUnread, type MysqlResult, type ParserTable } from './mysql.js';
import { recogniseMysql } from './mysql-recogniser.js';
import { parserRejects } from './mysql-unread.js';
import { MARIADB } from './mariadb-gaps.js';
import { applyEdits, scanMysqlGaps, type GapFlavour } from './mysql-gaps.js';
import { obviousBreak } from './obvious-break.js';
import { tokenize } from './tokenizer.js';
import { significant, TokView } from './tokview.js';

/**
 * MariaDB constructs a statement needed to be read, in text order, with absolute spans, and MySQL 8's
 * own verdict on it (`invalid`: where MySQL 8 stops).
 */
export interface MariadbUse {
  constructs: Array<{ construct: string; start: number; end: number }>;
  mysql8: { message: string; offset?: number };
}

export type MysqlVerdict =
  /** node-sql-parser accepted the statement, after same-length edits of `constructs` when there are any. */
  | { verdict: 'parsed'; tables: ParserTable[]; constructs: string[]; mariadb?: MariadbUse }
  /** Valid MySQL 8 node-sql-parser has no grammar for; `tables` when it still read part of the statement. */
  | { verdict: 'unsupported'; construct: string; tables?: ParserTable[]; mariadb?: MariadbUse }
  /** `offset` is absolute, where the parser stopped (undefined: at the end). */
  | { verdict: 'invalid'; message: string; offset?: number };

export interface MysqlStatementInput {
  /** The whole analysed text; the statement is `text.slice(start, end)`. */
  text: string;
  start: number;
  end: number;
  /** The statement's significant tokens. */
  v: TokView;
  kind: StatementKind;
}

export function judgeMysqlStatement(input: MysqlStatementInput): MysqlVerdict {
  const { text, start, end, v } = input;
  const stmtText = text.slice(start, end);
  // The plain forms application code repeats: the parser's answer without the parser.
  const recognised = recogniseMysql(text, v.toks, start, end);
  if (recognised) {
    verifyRecognised(stmtText, recognised);
    return { verdict: 'parsed', tables: recognised, constructs: [] };
  }
  // Stored routines the parser has no grammar for: its rejection without the parser.
  const unread = judgeUnread(input, stmtText);
  if (unread) {
    verifyUnread(stmtText, unread, () => judgeByParser(input, stmtText));
    return unread;
  }
  return judgeByParser(input, stmtText);
}

/** Stands for node-sql-parser's rejection where nothing reads its message or offset (`judgeUnread`). */
const UNREAD: Extract<MysqlResult, { ok: false }> = { ok: false, message: '' };

/**
 * The verdict on a statement node-sql-parser provably rejects (mysql-unread.ts), when it does not depend on the
 * rejection's message or offset: a statement family (`DROP PROCEDURE …`: 'stored routine'). `judgeRejected` reads
 * them only for an 'invalid' verdict, for a construct spanning the offset (never with `UNREAD`, which has none) and
 * for a partitioned table's prefix (which carries `tables`); those, and a statement whose placeholders the driver
 * binds (the bound text is judged), are left to the parser. Undefined: ask the parser.
 */
function judgeUnread(input: MysqlStatementInput, stmtText: string): MysqlVerdict | undefined {
  const { text, start, v } = input;
  if (!parserRejects(text, start, v) || bindMysqlPlaceholders(stmtText, start, v)) return undefined;
  const verdict = judgeRejected(input, UNREAD);
  return verdict.verdict === 'unsupported' && verdict.tables === undefined && verdict.mariadb === undefined ? verdict : undefined;
}

function judgeByParser(input: MysqlStatementInput, stmtText: string): MysqlVerdict {
  const { start, v, kind } = input;
  const r = parseMysqlStatement(stmtText, start);
  if (r.ok) return { verdict: 'parsed', tables: r.tables, constructs: [] };
  // Placeholders the driver expands (`SET ?`, `VALUES ?`, `??`, …): the statement the server sees is judged.
  const bound = bindMysqlPlaceholders(stmtText, start, v);
  if (!bound) return judgeRejected(input, r);
  const boundView = new TokView(bound.text, significant(tokenize(bound.text, 'mysql')));
  const boundInput = { text: bound.text, start: 0, end: bound.text.length, v: boundView, kind };
  const first = parseMysqlStatement(bound.text, 0);
  const verdict: MysqlVerdict = first.ok ? { verdict: 'parsed', tables: first.tables, constructs: [] } : judgeRejected(boundInput, first);
  if (verdict.verdict === 'invalid')
    return verdict.offset === undefined ? verdict : { ...verdict, offset: start + bound.original(verdict.offset) };
  if (!verdict.mariadb) return verdict;
  const { constructs, mysql8 } = verdict.mariadb;
  const mariadb: MariadbUse = {
    constructs: constructs.map((m) => ({ ...m, start: start + bound.original(m.start), end: start + bound.original(m.end) })),
    mysql8: mysql8.offset === undefined ? mysql8 : { ...mysql8, offset: start + bound.original(mysql8.offset) },
  };
  return { ...verdict, mariadb };
}

/**
 * The verdict on a statement node-sql-parser rejected as written (`r`), placeholders bound: as MySQL 8,
 * and when MySQL 8 finds it invalid, as MariaDB (whose syntax MySQL 8 rejects). A statement only
 * MariaDB's constructs explain carries them (`mariadb`); whether that is valid is the service's engine's
 * question, which the caller leaves to the model.
 */
function judgeRejected(input: MysqlStatementInput, rejected: Extract<MysqlResult, { ok: false }>): MysqlVerdict {
  const broken = obviousBreak(input.v);
  if (broken) return { verdict: 'invalid', message: broken.message ?? rejected.message, offset: broken.offset ?? rejected.offset };
  const mysql8 = judgeWithGaps(input, rejected);
  if (mysql8.verdict !== 'invalid') return mysql8;
  const mariadb = judgeWithGaps(input, rejected, MARIADB);
  if (mariadb.verdict !== 'invalid') return mariadb.mariadb ? { ...mariadb, mariadb: { ...mariadb.mariadb, mysql8 } } : mysql8;
  // Invalid either way: where MariaDB's reading stops, past its constructs, is the error to fix first.
  return (mariadb.offset ?? Infinity) > (mysql8.offset ?? Infinity) ? mariadb : mysql8;
}

function judgeWithGaps(input: MysqlStatementInput, rejected: Extract<MysqlResult, { ok: false }>, flavour?: GapFlavour): MysqlVerdict {
  const { text, start, end, v, kind } = input;
  const stmtText = text.slice(start, end);
  let r = rejected;

  const scan = scanMysqlGaps(v, kind, flavour);
  // The MariaDB constructs the verdict rests on (none: MariaDB adds nothing to MySQL 8's reading).
  const used = flavour ? (scan.flavoured ?? []) : undefined;
  const withFlavour = <T extends MysqlVerdict>(verdict: T): T =>
    used && used.length > 0 ? { ...verdict, mariadb: { constructs: used, mysql8: { message: '' } } } : verdict;
  if (scan.misshapen) return { verdict: 'invalid', message: scan.misshapen.message, offset: scan.misshapen.offset };
  if (scan.family) return withFlavour({ verdict: 'unsupported', construct: scan.family });
  const edited = scan.edits.length > 0 ? applyEdits(stmtText, start, scan.edits) : stmtText;
  if (edited !== stmtText) {
    const retry = parseMysqlStatement(edited, start);
    if (retry.ok) return withFlavour({ verdict: 'parsed', tables: retry.tables, constructs: scan.constructs });
    // Every ALTER TABLE specification was a recognised one: only `ALTER TABLE name` is left for the parser.
    if (scan.alterTableEmptied !== undefined && (retry.offset === undefined || retry.offset >= scan.alterTableEmptied))
      return withFlavour({ verdict: 'parsed', tables: [], constructs: scan.constructs });
    r = retry;
  }

  const opaque = scan.opaque.find((o) => r.offset !== undefined && o.start <= r.offset && r.offset <= o.end);
  if (opaque) return withFlavour({ verdict: 'unsupported', construct: opaque.construct });

  const cut = partitionClauseStart(v, kind);
  if (cut > 0) {
    const prefix = parseMysqlStatement(edited.slice(0, v.toks[cut - 1].end - start), start);
    if (prefix.ok) return withFlavour({ verdict: 'unsupported', construct: 'PARTITION BY clause', tables: prefix.tables });
  }

  return { verdict: 'invalid', message: r.message, offset: r.offset };
}

/** Index of a top-level `PARTITION BY` in CREATE/ALTER TABLE, or -1. */
function partitionClauseStart(v: TokView, kind: StatementKind): number {
  if (kind !== 'create_table' && kind !== 'alter_table') return -1;
  let depth = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v.key(i);
    if (x === '(') depth++;
    else if (x === ')') depth--;
    else if (depth === 0 && x === 'PARTITION' && v.key(i + 1) === 'BY' && i > 0) return i;
  }
  return -1;
}
