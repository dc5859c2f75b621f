/**
 * MariaDB syntax MySQL 8 rejects, recognised from tokens as a flavour of the MySQL gaps
 * (mysql-gaps.ts): the same two kinds of knowledge, written from the MariaDB 10.11 / 11.4
 * reference grammar, one entry per construct.
 *
 * - Inline constructs, each matched by its exact shape and edited (same length) into syntax
 *   node-sql-parser reads, so it still checks the rest of the statement and lists its tables:
 *   `CREATE OR REPLACE TABLE|INDEX|DATABASE`, `IF [NOT] EXISTS` on ALTER TABLE specifications and on
 *   CREATE/DROP INDEX, system-versioned tables (`WITH SYSTEM VERSIONING`, `AS ROW START`,
 *   `PERIOD FOR`, `ADD|DROP SYSTEM VERSIONING`, `FOR SYSTEM_TIME …` in a query, `DELETE HISTORY`),
 *   application-time periods (`FOR PORTION OF p FROM a TO b`), `RETURNING` on INSERT, REPLACE and
 *   DELETE, `NEXT|PREVIOUS VALUE FOR s`, MariaDB-only table options (`PAGE_CHECKSUM`,
 *   `TRANSACTIONAL`, …), the INET4 / INET6 types and `LIMIT … ROWS EXAMINED n`.
 * - The SEQUENCE statements (`CREATE [OR REPLACE] SEQUENCE`, `ALTER SEQUENCE`, `DROP SEQUENCE`), a
 *   family node-sql-parser has no grammar for, recognised with their leading shape.
 *
 * Not here: MariaDB's UUID type (PostgreSQL's too: with it a statement stays a dialect signal) and
 * Oracle mode (`sql_mode=ORACLE`).
 */
import type { StatementKind } from '../facts.js';
import { alterTableBody, blankText, findTopLevel, k, type GapFlavour, type Scanner } from './mysql-gaps.js';
import type { TokView } from './tokview.js';

export const MARIADB: GapFlavour = { family: sequenceFamily, scan };

/** `CREATE [OR REPLACE] [TEMPORARY] SEQUENCE`, `ALTER SEQUENCE`, `DROP [TEMPORARY] SEQUENCE`, each followed by a name. */
function sequenceFamily(v: TokView): { family: string; misshapen?: { message: string; offset: number } } | undefined {
  const head = k(v, 0);
  if (head !== 'CREATE' && head !== 'ALTER' && head !== 'DROP') return undefined;
  let i = 1;
  if (head === 'CREATE' && k(v, i) === 'OR' && k(v, i + 1) === 'REPLACE') i += 2;
  if (head !== 'ALTER' && k(v, i) === 'TEMPORARY') i++;
  if (k(v, i) !== 'SEQUENCE') return undefined;
  const family = `${head} SEQUENCE`;
  const at = v.skipIfExists(i + 1);
  if (v.readName(at, false)) return { family };
  const t = v.toks[Math.min(at, v.length - 1)];
  const where = at >= v.length ? 'at end of input' : `at or near "${v.raw(at)}"`;
  return { family, misshapen: { message: `syntax error ${where} (a sequence name is expected)`, offset: t.start } };
}

function scan(s: Scanner, kind: StatementKind): void {
  const { v } = s;
  orReplace(s);
  if (kind === 'create_index' || (k(v, 0) === 'DROP' && k(v, 1) === 'INDEX')) indexIfExists(s);
  if (kind === 'alter_table') alterSpecs(s);
  if (kind === 'create_table') createTableParts(s);
  if (kind === 'delete') deleteHistory(s);
  if (kind === 'insert' || kind === 'delete') returning(s);
  for (let i = 0; i < v.length; i++) inline(s, i, kind);
}

const OR_REPLACE_OBJECTS = new Set(['TABLE', 'TEMPORARY', 'INDEX', 'UNIQUE', 'FULLTEXT', 'SPATIAL', 'DATABASE', 'SCHEMA']);

/** `CREATE OR REPLACE [TEMPORARY] TABLE`, `… [UNIQUE] INDEX`, `… DATABASE` (MySQL 8 replaces only views and SRSs). */
function orReplace(s: Scanner): void {
  const { v } = s;
  if (k(v, 0) === 'CREATE' && k(v, 1) === 'OR' && k(v, 2) === 'REPLACE' && OR_REPLACE_OBJECTS.has(k(v, 3)))
    s.blankFlavoured(1, 2, 'CREATE OR REPLACE');
}

/** `IF [NOT] EXISTS` at `i` (NOT required when `not`): the index of its last token, or -1. */
function ifExistsEnd(v: TokView, i: number, not: boolean): number {
  if (k(v, i) !== 'IF') return -1;
  if (not) return k(v, i + 1) === 'NOT' && k(v, i + 2) === 'EXISTS' ? i + 2 : -1;
  return k(v, i + 1) === 'EXISTS' ? i + 1 : -1;
}

/** `CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX IF NOT EXISTS i ON t`, `DROP INDEX IF EXISTS i ON t`. */
function indexIfExists(s: Scanner): void {
  const { v } = s;
  const index = findTopLevel(v, 0, 'INDEX');
  if (index < 0 || index > 6) return;
  const end = ifExistsEnd(v, index + 1, k(v, 0) === 'CREATE');
  if (end > 0 && v.isIdent(end + 1)) s.blankFlavoured(index + 1, end, 'CREATE/DROP INDEX IF [NOT] EXISTS');
}

/** Words that may come between an ALTER TABLE verb and its `IF [NOT] EXISTS`. */
const SPEC_WORDS = new Set([
  'COLUMN',
  'INDEX',
  'KEY',
  'UNIQUE',
  'FULLTEXT',
  'SPATIAL',
  'FOREIGN',
  'PRIMARY',
  'CONSTRAINT',
  'PARTITION',
  'CHECK',
]);

/**
 * ALTER TABLE: `ALTER TABLE IF EXISTS t`; `IF NOT EXISTS` after `ADD [COLUMN | INDEX | KEY | … |
 * [CONSTRAINT [c]] FOREIGN KEY | PARTITION]`; `IF EXISTS` after `DROP | CHANGE | MODIFY [COLUMN |
 * INDEX | KEY | FOREIGN KEY | CONSTRAINT | PARTITION]`; and the specifications `{ADD | DROP} SYSTEM
 * VERSIONING`, `ADD PERIOD FOR p (a, b)`, `DROP PERIOD FOR p`, blanked whole with a comma.
 */
function alterSpecs(s: Scanner): void {
  const { v } = s;
  let table = 1;
  while (k(v, table) === 'ONLINE' || k(v, table) === 'IGNORE') table++;
  if (k(v, table) !== 'TABLE') return;
  const ifEnd = ifExistsEnd(v, table + 1, false);
  if (ifEnd > 0) s.blankFlavoured(table + 1, ifEnd, 'ALTER TABLE IF EXISTS');
  const body = alterTableBody(v);
  if (body < 0) return;
  const specs = v.splitTopLevel(body, v.length);
  for (let n = 0; n < specs.length; n++) {
    const [a, b] = specs[n];
    const verb = k(v, a);
    if (verb === 'ADD' || verb === 'DROP') {
      const system = k(v, a + 1) === 'SYSTEM' && k(v, a + 2) === 'VERSIONING' && a + 3 === b;
      const period =
        k(v, a + 1) === 'PERIOD' &&
        k(v, a + 2) === 'FOR' &&
        (verb === 'ADD' ? periodEnd(v, a + 1) === b - 1 : v.isIdent(a + 3) && a + 4 === b);
      if (system || period) {
        const construct = system ? `${verb} SYSTEM VERSIONING` : `${verb} PERIOD FOR`;
        if (!s.blankFlavoured(a, b - 1, construct)) continue;
        // With one comma: the one before it, or after it when it comes first.
        if (n > 0) s.blankFlavoured(a - 1, a - 1, construct);
        else if (n < specs.length - 1) s.blankFlavoured(b, b, construct);
        continue;
      }
    }
    if (verb !== 'ADD' && verb !== 'DROP' && verb !== 'CHANGE' && verb !== 'MODIFY') continue;
    let i = a + 1;
    for (let words = 0; words < 4 && i < b && k(v, i) !== 'IF'; words++) {
      if (SPEC_WORDS.has(k(v, i))) i++;
      else if (k(v, i - 1) === 'CONSTRAINT' && v.isIdent(i) && k(v, i + 1) !== 'IF') i++;
      else break;
    }
    const end = ifExistsEnd(v, i, verb === 'ADD');
    if (end > 0 && end < b - 1) s.blankFlavoured(i, end, `${verb} … IF ${verb === 'ADD' ? 'NOT ' : ''}EXISTS`);
  }
}

/** `PERIOD FOR name (a, b)` starting at `i`: the index of its `)`, or -1. */
function periodEnd(v: TokView, i: number): number {
  if (k(v, i) !== 'PERIOD' || k(v, i + 1) !== 'FOR' || !v.isIdent(i + 2) || k(v, i + 3) !== '(') return -1;
  const close = i + 7;
  return v.isIdent(i + 4) && k(v, i + 5) === ',' && v.isIdent(i + 6) && k(v, close) === ')' ? close : -1;
}

/** Table options only MariaDB has: `KEY [=] value`. */
const MARIADB_TABLE_OPTIONS = new Set([
  'PAGE_CHECKSUM',
  'TRANSACTIONAL',
  'ENCRYPTED',
  'ENCRYPTION_KEY_ID',
  'PAGE_COMPRESSED',
  'PAGE_COMPRESSION_LEVEL',
  'IETF_QUOTES',
  'SEQUENCE',
]);

/**
 * CREATE TABLE: the `PERIOD FOR p (a, b)` elements of the column list (with their comma), and after
 * the list `WITH SYSTEM VERSIONING` and the MariaDB-only table options.
 */
function createTableParts(s: Scanner): void {
  const { v } = s;
  const open = findTopLevel(v, 0, '(');
  if (open < 0) return;
  const close = v.matchParen(open);
  if (k(v, close) !== ')') return;
  const elements = v.splitTopLevel(open + 1, close);
  for (let n = 0; n < elements.length; n++) {
    const [a, b] = elements[n];
    if (periodEnd(v, a) !== b - 1) continue;
    if (!s.blankFlavoured(a, b - 1, 'PERIOD FOR')) continue;
    if (n > 0) s.blankFlavoured(a - 1, a - 1, 'PERIOD FOR');
    else if (n < elements.length - 1) s.blankFlavoured(b, b, 'PERIOD FOR');
  }
  for (let i = close + 1; i < v.length; i++) {
    const x = k(v, i);
    if (x === 'AS' || x === 'SELECT' || x === 'PARTITION' || x === '(') return;
    if (x === 'WITH' && k(v, i + 1) === 'SYSTEM' && k(v, i + 2) === 'VERSIONING') {
      s.blankFlavoured(i, i + 2, 'WITH SYSTEM VERSIONING');
      i += 2;
    } else if (MARIADB_TABLE_OPTIONS.has(x) && (k(v, i - 1) === ',' || k(v, i - 1) === ')' || v.toks[i - 1].type !== 'op')) {
      let end = k(v, i + 1) === '=' ? i + 2 : i + 1;
      const t = v.toks[end];
      if (!t || (t.type !== 'number' && t.type !== 'word' && t.type !== 'string')) continue;
      // A comma before the option would be left alone: blank it with the option.
      const from = k(v, i - 1) === ',' ? i - 1 : i;
      if (k(v, end + 1) === ',' && from === i) end++;
      s.blankFlavoured(from, end, `table option ${x}`);
      i = end;
    }
  }
}

/** `DELETE HISTORY FROM t [BEFORE SYSTEM_TIME [TIMESTAMP | TRANSACTION] expr]`: the history of a system-versioned table. */
function deleteHistory(s: Scanner): void {
  const { v } = s;
  if (k(v, 0) !== 'DELETE' || k(v, 1) !== 'HISTORY' || k(v, 2) !== 'FROM') return;
  const name = v.readName(3, false);
  if (!name) return;
  s.blankFlavoured(1, 1, 'DELETE HISTORY');
  const before = name.next;
  if (k(v, before) !== 'BEFORE' || k(v, before + 1) !== 'SYSTEM_TIME') return;
  let i = before + 2;
  if (k(v, i) === 'TIMESTAMP' || k(v, i) === 'TRANSACTION') i++;
  const end = expressionEnd(v, i);
  if (end === v.length - 1) s.blankFlavoured(before, end, 'DELETE HISTORY');
}

/** `INSERT | REPLACE | DELETE … RETURNING select_list`, at the top level and last. */
function returning(s: Scanner): void {
  const { v } = s;
  const at = findTopLevel(v, 1, 'RETURNING');
  if (at < 0 || at + 1 >= v.length) return;
  const head = k(v, 0);
  if (head !== 'INSERT' && head !== 'REPLACE' && head !== 'DELETE') return;
  s.blankFlavoured(at, v.length - 1, 'RETURNING');
}

/** Words that end a table reference's `FOR SYSTEM_TIME …` / `FOR PORTION OF …` expression. */
const EXPRESSION_STOPS = new Set([
  'WHERE',
  'JOIN',
  'INNER',
  'LEFT',
  'RIGHT',
  'CROSS',
  'STRAIGHT_JOIN',
  'NATURAL',
  'ON',
  'USING',
  'GROUP',
  'ORDER',
  'LIMIT',
  'HAVING',
  'WINDOW',
  'UNION',
  'EXCEPT',
  'INTERSECT',
  'FOR',
  'LOCK',
  'INTO',
  'SET',
  'AS',
  'AND',
  'TO',
  ',',
  ')',
  ';',
]);
const EXPRESSION_OPERATORS = new Set(['+', '-', '*', '/', '%', '||']);

/**
 * An operand chain from `i` (`'2024-01-01'`, `TIMESTAMP'…'`, `@ts`, `?`, `NOW() - INTERVAL 1 DAY`,
 * `(expr)`, `CURRENT_TIMESTAMP`): the index of its last token, or -1. A word right after a complete
 * operand is an alias, not part of it.
 */
function expressionEnd(v: TokView, i: number): number {
  let end = -1;
  for (;;) {
    if (k(v, i) === 'TIMESTAMP' || k(v, i) === 'DATE') {
      if (v.toks[i + 1]?.type === 'string') i++;
    }
    if (k(v, i) === 'INTERVAL') {
      const unit = expressionEnd(v, i + 1);
      if (unit < 0 || !v.isWord(unit + 1)) return -1;
      i = unit + 1;
    } else if (k(v, i) === '(') {
      i = v.matchParen(i);
      if (k(v, i) !== ')') return -1;
    } else if (k(v, i) === '@' && v.isIdent(i + 1)) {
      i++;
    } else if (v.isWord(i) && k(v, i + 1) === '(') {
      i = v.matchParen(i + 1);
      if (k(v, i) !== ')') return -1;
    } else {
      const t = v.toks[i];
      if (!t || EXPRESSION_STOPS.has(k(v, i))) return -1;
      const word = t.type === 'word' && (/^CURRENT_/.test(k(v, i)) || v.raw(i).startsWith('@'));
      if (t.type !== 'string' && t.type !== 'number' && t.type !== 'param' && !word) return -1;
    }
    end = i;
    if (!EXPRESSION_OPERATORS.has(k(v, i + 1))) return end;
    i += 2;
  }
}

/** `FOR SYSTEM_TIME {AS OF [TIMESTAMP|TRANSACTION] e | BETWEEN [..] e AND [..] e | FROM e TO e | ALL}` at `i`: its last token, or -1. */
function systemTimeEnd(v: TokView, i: number): number {
  if (k(v, i) !== 'FOR' || k(v, i + 1) !== 'SYSTEM_TIME') return -1;
  let j = i + 2;
  const bound = (at: number) => expressionEnd(v, k(v, at) === 'TIMESTAMP' && v.toks[at + 1]?.type !== 'string' ? at + 1 : at);
  switch (k(v, j)) {
    case 'ALL':
      return j;
    case 'AS': {
      if (k(v, j + 1) !== 'OF') return -1;
      j += 2;
      if (k(v, j) === 'TRANSACTION') j++;
      return bound(j);
    }
    case 'BETWEEN':
    case 'FROM': {
      const first = bound(j + 1);
      const joiner = k(v, j) === 'BETWEEN' ? 'AND' : 'TO';
      if (first < 0 || k(v, first + 1) !== joiner) return -1;
      return bound(first + 2);
    }
    default:
      return -1;
  }
}

/**
 * Inline constructs at token `i`: `FOR SYSTEM_TIME …` after a table name, `FOR PORTION OF p FROM a
 * TO b` after UPDATE's / DELETE's table, `NEXT | PREVIOUS VALUE FOR s`, the column attributes
 * `[GENERATED ALWAYS] AS ROW {START | END}` and `WITH[OUT] SYSTEM VERSIONING`, the types INET4 and
 * INET6, and `LIMIT n ROWS EXAMINED m`.
 */
function inline(s: Scanner, i: number, kind: StatementKind): void {
  const { v } = s;
  const x = k(v, i);
  switch (x) {
    case 'FOR': {
      if (k(v, i + 1) === 'SYSTEM_TIME' && v.isIdent(i - 1)) {
        const end = systemTimeEnd(v, i);
        if (end > 0) s.blankFlavoured(i, end, 'FOR SYSTEM_TIME');
      } else if (k(v, i + 1) === 'PORTION' && k(v, i + 2) === 'OF' && v.isIdent(i + 3) && k(v, i + 4) === 'FROM' && v.isIdent(i - 1)) {
        const from = expressionEnd(v, i + 5);
        const to = from > 0 && k(v, from + 1) === 'TO' ? expressionEnd(v, from + 2) : -1;
        if (to > 0 && (kind === 'update' || kind === 'delete')) s.blankFlavoured(i, to, 'FOR PORTION OF');
      }
      return;
    }
    case 'NEXT':
    case 'PREVIOUS': {
      if (k(v, i + 1) !== 'VALUE' || k(v, i + 2) !== 'FOR') return;
      const name = v.readName(i + 3, false);
      if (!name) return;
      const last = name.next - 1;
      const start = v.toks[i].start;
      const end = v.toks[last].end;
      const call = `${x === 'NEXT' ? 'NEXTVAL' : 'LASTVAL'}(${v.text.slice(v.toks[i + 3].start, end)})`;
      if (call.length > end - start || /[\r\n]/.test(v.text.slice(v.toks[i + 3].start, end))) return;
      s.addFlavoured({ start, end, text: call + blankText(v.text, start + call.length, end) }, `${x} VALUE FOR`, i, last);
      return;
    }
    case 'GENERATED':
    case 'AS': {
      // `row_start TIMESTAMP(6) [GENERATED ALWAYS] AS ROW START [INVISIBLE]`
      const as = x === 'GENERATED' ? (k(v, i + 1) === 'ALWAYS' ? i + 2 : -1) : i;
      if (as < 0 || k(v, as) !== 'AS' || k(v, as + 1) !== 'ROW' || (k(v, as + 2) !== 'START' && k(v, as + 2) !== 'END')) return;
      if (x === 'AS' && k(v, i - 1) === 'ALWAYS') return; // blanked from GENERATED
      if (kind === 'create_table' || kind === 'alter_table') s.blankFlavoured(i, as + 2, 'AS ROW START/END');
      return;
    }
    case 'WITH':
    case 'WITHOUT':
      // A column's `WITH[OUT] SYSTEM VERSIONING` (the table's follows the column list: createTableParts).
      if (k(v, i + 1) === 'SYSTEM' && k(v, i + 2) === 'VERSIONING' && (kind === 'create_table' || kind === 'alter_table')) {
        const after = k(v, i + 3);
        if (after === ',' || after === ')' || after === '' || after === 'NOT' || after === 'NULL' || after === 'DEFAULT')
          s.blankFlavoured(i, i + 2, 'WITH[OUT] SYSTEM VERSIONING');
      }
      return;
    case 'INET4':
    case 'INET6':
      if (v.isIdent(i - 1) && (kind === 'create_table' || kind === 'alter_table') && k(v, i - 1) !== 'TABLE') {
        const t = v.toks[i];
        s.addFlavoured({ start: t.start, end: t.end, text: 'TEXT'.padEnd(t.end - t.start, ' ') }, `column type ${x}`, i, i);
      }
      return;
    case 'ROWS':
      if (k(v, i + 1) === 'EXAMINED' && v.toks[i + 2]?.type === 'number' && v.toks[i - 1]?.type === 'number')
        s.blankFlavoured(i, i + 2, 'LIMIT … ROWS EXAMINED');
      return;
    case 'ALGORITHM':
      // MariaDB's `ALGORITHM = NOCOPY` in ALTER TABLE.
      if (kind === 'alter_table' && k(v, i + 1) === '=' && k(v, i + 2) === 'NOCOPY') {
        const t = v.toks[i + 2];
        s.addFlavoured({ start: t.start, end: t.end, text: 'COPY'.padEnd(t.end - t.start, ' ') }, 'ALGORITHM = NOCOPY', i + 2, i + 2);
      }
      return;
    default:
      return;
  }
}
