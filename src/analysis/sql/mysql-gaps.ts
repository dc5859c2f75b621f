/**
 * MySQL 8 syntax that node-sql-parser (v5) has no grammar for, recognised from tokens.
 *
 * Two kinds of knowledge, both written from the MySQL 8.0 reference grammar, one entry per
 * construct (not per statement seen):
 *
 * - Inline constructs inside statements the parser otherwise reads (`FORCE INDEX (…)`,
 *   `JSON_VALUE(… RETURNING type)`, `ALTER c DROP DEFAULT`, `SRID 4326`, …). Each is matched by
 *   its exact shape and turned into an edit of the same length (blanked, or a word swapped for
 *   one the parser knows), so the parser can still check the rest of the statement and list its
 *   tables, and every offset it reports stays where it was.
 * - Statement families the parser has no grammar for at all (SHOW variants, savepoints,
 *   account management, stored routines, table maintenance, …), recognised by their leading
 *   keywords. Only their shape up to those keywords is checked: the rest is read from tokens.
 *
 * Nothing here accepts a statement on its own: the verdict (mysql-verdict.ts) still requires
 * node-sql-parser to accept the edited statement, or a family match on a statement that is
 * not obviously broken.
 */
import type { StatementKind } from '../facts.js';
import type { TokView } from './tokview.js';

/** A same-length replacement of `[start, end)` (absolute offsets). */
export interface GapEdit {
  start: number;
  end: number;
  text: string;
}

export interface GapScan {
  /** Edits that turn recognised inline constructs into syntax node-sql-parser reads. */
  edits: GapEdit[];
  /** The constructs those edits stand for, in order of appearance. */
  constructs: string[];
  /** The statement family, when the whole statement is one node-sql-parser has no grammar for. */
  family?: string;
  /** Set with `family` when the statement's leading shape is not that family's (`SAVEPOINT` without a name). */
  misshapen?: { message: string; offset: number };
  /**
   * Recognised constructs no same-length edit can turn into syntax node-sql-parser reads
   * (`INSERT INTO t () VALUES ()`, `INSERT … TABLE t`): absolute spans. A parser error inside one
   * is the construct's, not the author's.
   */
  opaque: Array<{ construct: string; start: number; end: number }>;
  /**
   * Set when every ALTER TABLE specification was recognised and blanked: the edited text is then a
   * bare `ALTER TABLE name`, which the parser rejects for want of a specification, not because
   * anything is wrong. The absolute offset where the table name ends.
   */
  alterTableEmptied?: number;
  /** With a flavour: its constructs the edits stand for (or its statement family), in text order. */
  flavoured?: Array<{ construct: string; start: number; end: number }>;
}

/** Applies same-length edits to `stmtText`, whose first character is at absolute offset `base`. */
export function applyEdits(stmtText: string, base: number, edits: readonly GapEdit[]): string {
  let out = stmtText;
  for (const e of edits) out = out.slice(0, e.start - base) + e.text + out.slice(e.end - base);
  return out;
}

/** Spaces for a span, keeping its line breaks so that line numbers in messages stay right. */
export function blankText(text: string, start: number, end: number): string {
  return text.slice(start, end).replace(/[^\r\n]/g, ' ');
}

export class Scanner {
  readonly edits: GapEdit[] = [];
  readonly constructs: string[] = [];
  readonly opaque: GapScan['opaque'] = [];
  /** Constructs of the flavour (not MySQL 8) that were edited, where each is. */
  readonly flavoured: Array<{ construct: string; start: number; end: number }> = [];
  private readonly taken: Array<[number, number]> = [];

  constructor(readonly v: TokView) {}

  /** Blanks tokens `i..j` as a construct of the flavour. */
  blankFlavoured(i: number, j: number, construct: string): boolean {
    if (!this.blank(i, j, construct)) return false;
    this.flavoured.push({ construct, start: this.v.toks[i].start, end: this.v.toks[j].end });
    return true;
  }

  /** A same-length edit standing for a construct of the flavour at tokens `i..j`. */
  addFlavoured(edit: GapEdit, construct: string, i: number, j: number): boolean {
    if (!this.add(edit, construct)) return false;
    this.flavoured.push({ construct, start: this.v.toks[i].start, end: this.v.toks[j].end });
    return true;
  }

  /** Blanks tokens `i..j` (inclusive), text between them included. */
  blank(i: number, j: number, construct: string): boolean {
    const start = this.v.toks[i].start;
    const end = this.v.toks[j].end;
    return this.add({ start, end, text: blankText(this.v.text, start, end) }, construct);
  }

  /** Replaces token `i` by `word`, padded with spaces to the token's length (`word` must not be longer). */
  swap(i: number, word: string, construct: string): void {
    const t = this.v.toks[i];
    if (word.length > t.end - t.start) return;
    this.add({ start: t.start, end: t.end, text: word.padEnd(t.end - t.start, ' ') }, construct);
  }

  /** Replaces tokens `i..j` by `word` and spaces. */
  replace(i: number, j: number, word: string, construct: string): void {
    const start = this.v.toks[i].start;
    const end = this.v.toks[j].end;
    if (word.length > end - start) return;
    this.add({ start, end, text: word + blankText(this.v.text, start + word.length, end) }, construct);
  }

  /** Tokens `i..j` form a construct no edit can rewrite. */
  opaqueSpan(i: number, j: number, construct: string): void {
    this.opaque.push({ construct, start: this.v.toks[i].start, end: this.v.toks[j].end });
  }

  /** A same-length replacement of `[start, end)`; overlapping a previous edit, it is dropped (the first construct wins). */
  add(edit: GapEdit, construct: string): boolean {
    if (edit.text.length !== edit.end - edit.start) return false;
    if (this.taken.some(([s, e]) => edit.start < e && s < edit.end)) return false;
    this.taken.push([edit.start, edit.end]);
    this.edits.push(edit);
    if (!this.constructs.includes(construct)) this.constructs.push(construct);
    return true;
  }
}

export const k = (v: TokView, i: number): string => v.key(i);

/**
 * Syntax of an engine of the MySQL family beyond MySQL 8 (MariaDB, mariadb-gaps.ts): its statement
 * families and its inline constructs, recognised on top of MySQL 8's. A construct is recorded with
 * `Scanner.flavoured` so the caller knows where MySQL 8 itself would stop.
 */
export interface GapFlavour {
  family(v: TokView, kind: StatementKind): { family: string; misshapen?: { message: string; offset: number } } | undefined;
  scan(s: Scanner, kind: StatementKind): void;
}

/** Statement heads node-sql-parser has no grammar for, with the family they belong to. */
const FAMILY_HEADS: Record<string, string> = {
  FLUSH: 'server administration',
  RESET: 'server administration',
  PURGE: 'server administration',
  KILL: 'server administration',
  INSTALL: 'server administration',
  UNINSTALL: 'server administration',
  CHANGE: 'replication',
  STOP: 'replication',
  CLONE: 'server administration',
  SHUTDOWN: 'server administration',
  RESTART: 'server administration',
  BINLOG: 'replication',
  CACHE: 'server administration',
  GRANT: 'account management',
  REVOKE: 'account management',
  ANALYZE: 'table maintenance',
  OPTIMIZE: 'table maintenance',
  CHECK: 'table maintenance',
  CHECKSUM: 'table maintenance',
  REPAIR: 'table maintenance',
  HANDLER: 'HANDLER',
  PREPARE: 'prepared statement',
  EXECUTE: 'prepared statement',
  DEALLOCATE: 'prepared statement',
  XA: 'XA transaction',
  SAVEPOINT: 'savepoint',
  SIGNAL: 'compound statement',
  RESIGNAL: 'compound statement',
  DECLARE: 'compound statement',
  GET: 'compound statement',
  HELP: 'HELP',
  DO: 'DO',
  SOURCE: 'client command',
};

/** For heads that are only a family with certain second words: those words (after an optional NO_WRITE_TO_BINLOG / LOCAL). */
const FAMILY_SECOND_WORDS: Record<string, Set<string>> = {
  ANALYZE: new Set(['TABLE', 'TABLES']),
  OPTIMIZE: new Set(['TABLE', 'TABLES']),
  REPAIR: new Set(['TABLE', 'TABLES']),
  CHECK: new Set(['TABLE', 'TABLES']),
  CHECKSUM: new Set(['TABLE', 'TABLES']),
  CHANGE: new Set(['MASTER', 'REPLICATION']),
  STOP: new Set(['SLAVE', 'REPLICA', 'GROUP_REPLICATION']),
  CACHE: new Set(['INDEX']),
  GET: new Set(['DIAGNOSTICS', 'CURRENT', 'STACKED']),
  XA: new Set(['START', 'BEGIN', 'END', 'PREPARE', 'COMMIT', 'ROLLBACK', 'RECOVER']),
};

const ACCOUNT_OBJECTS = new Set(['USER', 'ROLE']);
const SERVER_OBJECTS = new Set(['TABLESPACE', 'UNDO', 'LOGFILE', 'SERVER', 'RESOURCE', 'SPATIAL', 'INSTANCE']);
const ROUTINE_OBJECTS = new Set(['PROCEDURE', 'FUNCTION', 'EVENT', 'TRIGGER']);
/** `SET <word>` forms that are not plain variable assignments node-sql-parser reads. */
const SET_FAMILIES: Record<string, string> = {
  NAMES: 'SET NAMES',
  CHARACTER: 'SET CHARACTER SET',
  CHARSET: 'SET CHARACTER SET',
  GLOBAL: 'SET GLOBAL/SESSION/PERSIST',
  SESSION: 'SET GLOBAL/SESSION/PERSIST',
  LOCAL: 'SET GLOBAL/SESSION/PERSIST',
  PERSIST: 'SET GLOBAL/SESSION/PERSIST',
  PERSIST_ONLY: 'SET GLOBAL/SESSION/PERSIST',
  TRANSACTION: 'SET TRANSACTION',
  PASSWORD: 'account management',
  ROLE: 'account management',
  DEFAULT: 'account management',
  RESOURCE: 'server administration',
};

/** The family of a statement node-sql-parser has no grammar for, or undefined. */
function statementFamily(v: TokView, kind: StatementKind): string | undefined {
  const head = k(v, 0);
  const next = k(v, 1);
  if (kind === 'create_routine') return 'stored routine';
  const family = FAMILY_HEADS[head];
  if (family) {
    const second = FAMILY_SECOND_WORDS[head];
    const word = next === 'NO_WRITE_TO_BINLOG' || next === 'LOCAL' ? k(v, 2) : next;
    return !second || second.has(word) ? family : undefined;
  }
  switch (head) {
    case 'SHOW':
      return 'SHOW';
    case 'SET':
      // `SET DEFAULT ROLE …` is account management; `SET x = DEFAULT` is not a family (an inline edit).
      if (next === 'DEFAULT' && k(v, 2) !== 'ROLE') return undefined;
      return SET_FAMILIES[next];
    case 'START':
      if (next === 'TRANSACTION') return 'transaction control';
      if (next === 'SLAVE' || next === 'REPLICA' || next === 'GROUP_REPLICATION') return 'replication';
      return undefined;
    case 'BEGIN':
    case 'COMMIT':
    case 'ROLLBACK':
    case 'RELEASE':
      return 'transaction control';
    case 'LOCK':
    case 'UNLOCK':
      return next === 'INSTANCE' ? 'LOCK INSTANCE' : undefined;
    case 'LOAD':
      return next === 'XML' ? 'LOAD XML' : next === 'INDEX' ? 'server administration' : undefined;
    case 'RENAME':
      return ACCOUNT_OBJECTS.has(next) ? 'account management' : undefined;
    case 'CREATE':
    case 'ALTER':
    case 'DROP': {
      let i = 1;
      // CREATE [OR REPLACE] [ALGORITHM = x] [DEFINER = user] [SQL SECURITY x] VIEW / PROCEDURE …
      if (k(v, i) === 'OR' && k(v, i + 1) === 'REPLACE') i += 2;
      for (;;) {
        if (k(v, i) === 'ALGORITHM' && k(v, i + 1) === '=') i += 3;
        else if (k(v, i) === 'DEFINER' && k(v, i + 1) === '=') {
          i += 3;
          if (k(v, i) === '@' || v.raw(i).startsWith('@')) i += k(v, i) === '@' ? 2 : 1;
          if (k(v, i) === '(' && k(v, i + 1) === ')') i += 2; // CURRENT_USER()
        } else if (k(v, i) === 'SQL' && k(v, i + 1) === 'SECURITY') i += 3;
        else break;
      }
      const object = k(v, i);
      if (ACCOUNT_OBJECTS.has(object)) return 'account management';
      if (SERVER_OBJECTS.has(object)) return 'server administration';
      if (head !== 'CREATE' && ROUTINE_OBJECTS.has(object)) return 'stored routine';
      if (head === 'ALTER' && object === 'VIEW') return 'ALTER VIEW';
      if (head === 'ALTER' && (object === 'DATABASE' || object === 'SCHEMA')) return 'ALTER DATABASE';
      if (head === 'DROP' && object === 'PREPARE') return 'prepared statement';
      return undefined;
    }
    case 'TABLE':
      return 'TABLE statement';
    case 'VALUES':
      return 'VALUES statement';
    default:
      return undefined;
  }
}

/**
 * The leading shape every statement of a family has, checked where it is short and fixed: what a
 * family match must not excuse (`SAVEPOINT` without a name, `GRANT SELECT ON TO u`,
 * `CREATE USER u IDENTIFIED 'x'`). Undefined when the shape is right; else where it breaks.
 */
function familyShape(v: TokView, family: string): { message: string; offset: number } | undefined {
  const head = k(v, 0);
  const at = (i: number, what: string) => {
    const t = v.toks[Math.min(i, v.length - 1)];
    const where = i >= v.length ? 'at end of input' : `at or near "${v.raw(i)}"`;
    return { message: `syntax error ${where} (${what})`, offset: t.start };
  };
  const name = (i: number) => v.isIdent(i) || v.toks[i]?.type === 'string';
  switch (family) {
    case 'savepoint':
      return name(1) && v.length === 2 ? undefined : at(1, 'SAVEPOINT takes one name');
    case 'table maintenance': {
      let i = 1;
      if (k(v, i) === 'NO_WRITE_TO_BINLOG' || k(v, i) === 'LOCAL') i++;
      return (k(v, i) === 'TABLE' || k(v, i) === 'TABLES') && v.readName(i + 1, false) ? undefined : at(i + 1, 'a table name is expected');
    }
    case 'SET NAMES':
    case 'SET CHARACTER SET': {
      const i = k(v, 1) === 'CHARACTER' ? 3 : 2;
      return name(i) || k(v, i) === 'DEFAULT' ? undefined : at(i, 'a character set is expected');
    }
    case 'account management': {
      if (head === 'GRANT' || head === 'REVOKE') {
        const to = findTopLevel(v, 1, head === 'GRANT' ? 'TO' : 'FROM');
        if (to < 0) return at(v.length - 1, `${head} needs ${head === 'GRANT' ? 'TO' : 'FROM'}`);
        const on = findTopLevel(v, 1, 'ON');
        if (on >= 0 && on < to && on + 1 === to) return at(to, 'ON needs the privilege level');
        return to === 1 ? at(1, 'privileges or roles are expected') : undefined;
      }
      const identified = findTopLevel(v, 1, 'IDENTIFIED');
      if (identified >= 0 && k(v, identified + 1) !== 'BY' && k(v, identified + 1) !== 'WITH')
        return at(identified + 1, 'IDENTIFIED BY or WITH');
      return undefined;
    }
    default:
      return undefined;
  }
}

/** `DELETE FROM t1[, t2] USING t1 JOIN t2 …` (the multiple-table form node-sql-parser lacks): the USING is opaque. */
function deleteUsing(s: Scanner, verb: number): void {
  const { v } = s;
  let i = verb + 1;
  while (ALL_VERB_MODIFIERS.has(k(v, i))) i++;
  if (k(v, i) !== 'FROM') return;
  i++;
  for (;;) {
    const name = v.readName(i, false);
    if (!name) return;
    i = name.next;
    if (k(v, i) === '.' && k(v, i + 1) === '*') i += 2;
    if (k(v, i) !== ',') break;
    i++;
  }
  if (k(v, i) === 'USING' && v.readName(i + 1, false)) s.opaqueSpan(i, i, 'DELETE FROM … USING');
}

/** Recognises the constructs of one statement. */
export function scanMysqlGaps(v: TokView, kind: StatementKind, flavour?: GapFlavour): GapScan {
  const family = statementFamily(v, kind);
  if (family) {
    const misshapen = familyShape(v, family);
    return { edits: [], constructs: [], opaque: [], family, ...(misshapen ? { misshapen } : {}) };
  }
  const own = flavour?.family(v, kind);
  if (own) {
    const t = v.toks[0];
    return {
      edits: [],
      constructs: [],
      opaque: [],
      family: own.family,
      ...(own.misshapen ? { misshapen: own.misshapen } : {}),
      flavoured: [{ construct: own.family, start: t.start, end: t.end }],
    };
  }
  const s = new Scanner(v);
  // The flavour's constructs first: where one overlaps a MySQL 8 construct, the flavour's reading wins.
  flavour?.scan(s, kind);
  explainPrefix(s);
  const head = firstVerb(v);
  if (kind === 'alter_table') alterTableSpecs(s);
  if (kind === 'create_table' || kind === 'alter_table') columnAttributes(s);
  if (kind === 'create_table') tableOptionsAfterList(s);
  if (kind === 'create_view') parenthesisedViewQuery(s);
  if (kind === 'drop') dropForms(s);
  dmlModifiers(s, head);
  for (let i = 0; i < v.length; i++) inlineAt(s, i, kind);
  if (kind === 'insert') insertForms(s, head);
  if (kind === 'delete') deleteUsing(s, head);
  const scan: GapScan = { edits: s.edits, constructs: s.constructs, opaque: s.opaque };
  if (flavour) scan.flavoured = [...s.flavoured].sort((a, b) => a.start - b.start);
  if (kind === 'alter_table' && alterSpecsAllBlanked(v, s.edits)) scan.alterTableEmptied = v.toks[alterTableBody(v) - 1].end;
  return scan;
}

/** Index of the statement's verb after an `EXPLAIN … ` prefix (0 otherwise). */
function firstVerb(v: TokView): number {
  return EXPLAIN_WORDS.has(k(v, 0)) ? explainEnd(v) : 0;
}

const EXPLAIN_WORDS = new Set(['EXPLAIN', 'DESCRIBE', 'DESC']);

/** Index after `EXPLAIN [ANALYZE] [FORMAT = x]` (the explained statement's first token). */
function explainEnd(v: TokView): number {
  let i = 1;
  if (k(v, i) === 'ANALYZE') i++;
  if (k(v, i) === 'FORMAT' && k(v, i + 1) === '=' && v.isWord(i + 2)) i += 3;
  return i;
}

const EXPLAINABLE = new Set(['SELECT', 'UPDATE', 'DELETE', 'INSERT', 'REPLACE', 'TABLE', 'WITH', '(']);

/**
 * `EXPLAIN [ANALYZE] [FORMAT = JSON|TREE|TRADITIONAL] stmt`: node-sql-parser reads only a plain
 * `EXPLAIN SELECT`; the prefix is blanked so it checks the explained statement itself.
 * `DESC t col` / `DESCRIBE t 'pattern'`: the column part is blanked.
 */
function explainPrefix(s: Scanner): void {
  const { v } = s;
  if (!EXPLAIN_WORDS.has(k(v, 0))) return;
  const end = explainEnd(v);
  if (EXPLAINABLE.has(k(v, end))) {
    if (end > 1 || k(v, end) !== 'SELECT') s.blank(0, end - 1, 'EXPLAIN ANALYZE / FORMAT / non-SELECT');
    return;
  }
  // DESCRIBE tbl [col | 'wild']
  const name = v.readName(1, false);
  if (name && end === 1 && name.next === v.length - 1 && (v.isIdent(name.next) || v.toks[name.next].type === 'string')) {
    s.blank(name.next, name.next, 'DESCRIBE table column');
  }
}

/** `ALTER [ONLINE|OFFLINE] [IGNORE] TABLE name`: index of the first specification token, or -1. */
export function alterTableBody(v: TokView): number {
  let i = 1;
  while (k(v, i) === 'ONLINE' || k(v, i) === 'OFFLINE' || k(v, i) === 'IGNORE') i++;
  if (k(v, i) !== 'TABLE') return -1;
  // `ALTER TABLE IF EXISTS t` is MariaDB's (its flavour blanks the words); MySQL 8 rejects it either way.
  const name = v.readName(v.skipIfExists(i + 1), false);
  return name ? name.next : -1;
}

/** Table options node-sql-parser lacks, in CREATE TABLE and ALTER TABLE alike: `KEY [=] value`. */
const UNSUPPORTED_TABLE_OPTIONS = new Set([
  'STATS_PERSISTENT',
  'STATS_AUTO_RECALC',
  'PACK_KEYS',
  'ENCRYPTION',
  'INSERT_METHOD',
  'SECONDARY_ENGINE',
  'AUTOEXTEND_SIZE',
  'ENGINE_ATTRIBUTE',
  'SECONDARY_ENGINE_ATTRIBUTE',
]);
const CHARSET_WORDS = new Set(['CHARSET', 'COLLATE']);

/**
 * Table options after the column list of CREATE TABLE: the ones node-sql-parser lacks are
 * blanked; `CHARSET DEFAULT` / `COLLATE DEFAULT` get an identifier for `DEFAULT`.
 */
function tableOptionsAfterList(s: Scanner): void {
  const { v } = s;
  const open = findTopLevel(v, 0, '(');
  if (open < 0) return;
  const close = v.matchParen(open);
  tableOptions(s, close + 1, v.length);
}

/**
 * Table options in tokens `[from, to)`; returns the index after the last one recognised. In ALTER
 * TABLE (`separate`), node-sql-parser needs a comma between options MySQL also takes separated by
 * spaces (`ROW_FORMAT = COMPRESSED KEY_BLOCK_SIZE = 8`): the space becomes one.
 */
function tableOptions(s: Scanner, from: number, to: number, separate = false): number {
  const { v } = s;
  let i = from;
  while (i < to) {
    if (k(v, i) === ',') {
      i++;
      continue;
    }
    if (separate && i > from && k(v, i - 1) !== ',') {
      const gap = v.toks[i - 1].end;
      if (/^\s/.test(v.text.slice(gap, gap + 1)) && v.text.slice(gap, v.toks[i].start).trim() === '')
        s.add({ start: gap, end: gap + 1, text: ',' }, 'table options without commas');
    }
    const key = k(v, i);
    if (UNSUPPORTED_TABLE_OPTIONS.has(key)) {
      const end = optionValueEnd(v, i + 1);
      if (end < 0) return i;
      s.blank(i, end, `table option ${key}`);
      i = end + 1;
      continue;
    }
    if (key === 'TABLESPACE' && v.isIdent(i + 1)) {
      let end = i + 1;
      if (k(v, end + 1) === 'STORAGE' && (k(v, end + 2) === 'DISK' || k(v, end + 2) === 'MEMORY')) end += 2;
      s.blank(i, end, 'table option TABLESPACE');
      i = end + 1;
      continue;
    }
    // [DEFAULT] {CHARSET | CHARACTER SET | COLLATE} [=] DEFAULT
    let j = i;
    if (k(v, j) === 'DEFAULT') j++;
    const word = k(v, j) === 'CHARACTER' && k(v, j + 1) === 'SET' ? (j++, 'CHARSET') : k(v, j);
    if (CHARSET_WORDS.has(word)) {
      j++;
      if (k(v, j) === '=') j++;
      if (k(v, j) === 'DEFAULT') s.swap(j, 'dfltval', 'CHARSET/COLLATE DEFAULT');
      if (!v.toks[j]) return j;
      i = j + 1;
      continue;
    }
    // Options node-sql-parser reads: skip `KEY [=] value`.
    const end = v.isWord(i) ? optionValueEnd(v, i + 1) : -1;
    if (end < 0) return i;
    i = end + 1;
  }
  return i;
}

/** `[=] value` after an option key at `i`: index of the value's last token, or -1. */
function optionValueEnd(v: TokView, i: number): number {
  if (k(v, i) === '=') i++;
  const t = v.toks[i];
  if (!t) return -1;
  if (k(v, i) === '(') return v.matchParen(i);
  return t.type === 'word' || t.type === 'number' || t.type === 'string' || t.type === 'quoted' ? i : -1;
}

export function findTopLevel(v: TokView, from: number, key: string): number {
  let depth = 0;
  for (let i = from; i < v.length; i++) {
    const x = k(v, i);
    if (x === key && depth === 0) return i;
    if (x === '(') depth++;
    else if (x === ')') depth--;
  }
  return -1;
}

const PARTITION_OPS = new Set([
  'ADD',
  'DROP',
  'DISCARD',
  'IMPORT',
  'TRUNCATE',
  'COALESCE',
  'REORGANIZE',
  'EXCHANGE',
  'ANALYZE',
  'CHECK',
  'OPTIMIZE',
  'REBUILD',
  'REPAIR',
]);

/**
 * ALTER TABLE specifications node-sql-parser lacks, each blanked with its separating comma:
 * `ALTER [COLUMN] c {SET DEFAULT x | DROP DEFAULT | SET [IN]VISIBLE}`, `ALTER INDEX i [IN]VISIBLE`,
 * `ALTER {CHECK|CONSTRAINT} c [NOT] ENFORCED`, `DROP {CONSTRAINT|CHECK} \`c\``, `RENAME {INDEX|KEY} a TO b`, `RENAME new` (no TO),
 * `CONVERT TO CHARACTER SET`, `FORCE`, `ORDER BY`, `{DISCARD|IMPORT} TABLESPACE`,
 * `{DISABLE|ENABLE} KEYS`, `ADD (col, …)`, `ADD PRIMARY KEY name (…)`, `WITH[OUT] VALIDATION`,
 * partition operations (always last in MySQL's grammar) and table options.
 */
function alterTableSpecs(s: Scanner): void {
  const { v } = s;
  const body = alterTableBody(v);
  if (body < 0) return;
  const specs = v.splitTopLevel(body, v.length);
  for (let n = 0; n < specs.length; n++) {
    const [a, b] = specs[n];
    const last = b - 1;
    // With one comma: the one before it, or after it when that one is gone already (or it comes first).
    const whole = (construct: string) => {
      if (!s.blank(a, last, construct)) return;
      if (!(n > 0 && s.blank(a - 1, a - 1, construct)) && n < specs.length - 1) s.blank(b, b, construct);
    };
    const x = k(v, a);
    const y = k(v, a + 1);
    if (x === 'ALTER') {
      if ((y === 'INDEX' || y === 'KEY') && v.isIdent(a + 2) && a + 3 === last && /^(IN)?VISIBLE$/.test(k(v, last))) {
        whole('ALTER INDEX … VISIBLE');
        continue;
      }
      if ((y === 'CHECK' || y === 'CONSTRAINT') && v.isIdent(a + 2) && k(v, last) === 'ENFORCED') {
        whole('ALTER CHECK … ENFORCED');
        continue;
      }
      const c = y === 'COLUMN' ? a + 2 : a + 1;
      if (!v.isIdent(c)) continue;
      const op = k(v, c + 1);
      const arg = k(v, c + 2);
      if (op === 'DROP' && arg === 'DEFAULT' && c + 2 === last) whole('ALTER COLUMN … DROP DEFAULT');
      else if (op === 'SET' && /^(IN)?VISIBLE$/.test(arg) && c + 2 === last) whole('ALTER COLUMN … SET VISIBLE');
      else if (op === 'SET' && arg === 'DEFAULT' && defaultValueEnd(v, c + 3) === last) whole('ALTER COLUMN … SET DEFAULT');
      continue;
    }
    if (x === 'RENAME') {
      if ((y === 'INDEX' || y === 'KEY') && v.isIdent(a + 2) && k(v, a + 3) === 'TO' && v.isIdent(a + 4) && a + 4 === last) {
        whole('RENAME INDEX');
        continue;
      }
      const name = y === 'TO' || y === 'AS' ? null : v.readName(a + 1, false);
      if (name && name.next === b) whole('RENAME without TO');
      continue;
    }
    if (
      (y === 'CONSTRAINT' || y === 'CHECK') &&
      x === 'DROP' &&
      a + 2 === last &&
      v.toks[last].type === 'quoted' &&
      v.text[v.toks[last].start] === '`'
    ) {
      // MySQL 8.0.19's `DROP CONSTRAINT name` and `DROP CHECK name` (MariaDB's too): node-sql-parser reads only a bare name.
      whole('DROP CONSTRAINT `name`');
      continue;
    }
    if (x === 'CONVERT' && y === 'TO') {
      whole('CONVERT TO CHARACTER SET');
      continue;
    }
    if ((x === 'FORCE' && a === last) || (x === 'ORDER' && y === 'BY')) {
      whole(x === 'FORCE' ? 'ALTER TABLE FORCE' : 'ALTER TABLE ORDER BY');
      continue;
    }
    if ((x === 'DISCARD' || x === 'IMPORT') && y === 'TABLESPACE' && a + 1 === last) {
      whole('DISCARD/IMPORT TABLESPACE');
      continue;
    }
    if ((x === 'DISABLE' || x === 'ENABLE') && y === 'KEYS' && a + 1 === last) {
      whole('DISABLE/ENABLE KEYS');
      continue;
    }
    if ((x === 'WITH' || x === 'WITHOUT') && y === 'VALIDATION' && a + 1 === last) {
      whole('WITH VALIDATION');
      continue;
    }
    if ((PARTITION_OPS.has(x) && y === 'PARTITION') || (x === 'REMOVE' && y === 'PARTITIONING') || (x === 'PARTITION' && y === 'BY')) {
      // Partition options end the statement; their own commas are not specification separators.
      s.blank(n > 0 ? a - 1 : a, v.length - 1, 'partition maintenance');
      break;
    }
    if (x === 'ADD' && (y === '(' || (y === 'COLUMN' && k(v, a + 2) === '('))) {
      const open = y === '(' ? a + 1 : a + 2;
      if (v.matchParen(open) === last) whole('ADD (column, …)');
      continue;
    }
    if (x === 'ADD' && y === 'PRIMARY' && k(v, a + 2) === 'KEY' && v.isIdent(a + 3) && !/^USING$/.test(k(v, a + 3))) {
      // ADD PRIMARY KEY name [USING type] (…): MySQL ignores the name (the key is always PRIMARY).
      const after = k(v, a + 4);
      if (after === '(' || after === 'USING') s.blank(a + 3, a + 3, 'ADD PRIMARY KEY name');
      continue;
    }
    // Table options given as a specification: ALTER TABLE t ROW_FORMAT = x KEY_BLOCK_SIZE = 8, CHARSET DEFAULT …
    if (v.isWord(a) && !ALTER_VERBS.has(x)) tableOptions(s, a, b, true);
  }
}

const ALTER_VERBS = new Set(['ADD', 'DROP', 'ALTER', 'MODIFY', 'CHANGE', 'RENAME', 'ALGORITHM', 'LOCK']);

/** The last token of a DEFAULT value starting at `i`: a literal, `-`number, a word such as NULL / CURRENT_TIMESTAMP, or `(expr)`. */
function defaultValueEnd(v: TokView, i: number): number {
  const t = v.toks[i];
  if (!t) return -1;
  if (k(v, i) === '(') return v.matchParen(i);
  if ((k(v, i) === '-' || k(v, i) === '+') && v.toks[i + 1]?.type === 'number') return i + 1;
  if (t.type === 'string' && v.toks[i + 1]?.type === 'string') return i + 1; // _charset 'x' is one token; 'a' 'b' is not
  return t.type === 'string' || t.type === 'number' || t.type === 'word' ? i : -1;
}

/** Whether every ALTER TABLE specification was blanked by `edits`. */
function alterSpecsAllBlanked(v: TokView, edits: readonly GapEdit[]): boolean {
  const body = alterTableBody(v);
  if (body < 0 || body >= v.length) return false;
  for (let i = body; i < v.length; i++) {
    const t = v.toks[i];
    if (!edits.some((e) => e.start <= t.start && t.end <= e.end && /^\s*$/.test(e.text))) return false;
  }
  return true;
}

/**
 * Column attributes node-sql-parser lacks, inside column definitions of CREATE TABLE and ALTER
 * TABLE ADD/MODIFY/CHANGE: `SRID n`, `VISIBLE` / `INVISIBLE`, `[NOT] ENFORCED` after a CHECK, and
 * the type names `BOOL` and `REAL` (swapped for `INT`, a type it reads; the DDL facts come from
 * the original tokens).
 */
function columnAttributes(s: Scanner): void {
  const { v } = s;
  for (let i = 1; i < v.length; i++) {
    const x = k(v, i);
    const prev = k(v, i - 1);
    const next = k(v, i + 1);
    const endsDefinition = next === ',' || next === ')' || next === '' || COLUMN_ATTRIBUTE_STARTS.has(next);
    // After a column's name (`id`, `` `id` ``): the word is its type.
    const typePosition = v.isIdent(i - 1) && (v.toks[i - 1].type === 'quoted' || !NAME_POSITION.has(prev));
    if (x === 'SRID' && v.toks[i + 1]?.type === 'number' && !NAME_POSITION.has(prev)) {
      s.blank(i, i + 1, 'column attribute SRID');
    } else if ((x === 'VISIBLE' || x === 'INVISIBLE') && endsDefinition && !NAME_POSITION.has(prev) && prev !== '.') {
      s.blank(i, i, 'column attribute INVISIBLE');
    } else if (x === 'ENFORCED' && prev === ')' && endsDefinition) {
      s.blank(i, i, 'CHECK … ENFORCED');
    } else if (x === 'ENFORCED' && prev === 'NOT' && k(v, i - 2) === ')' && endsDefinition) {
      s.blank(i - 1, i, 'CHECK … ENFORCED');
    } else if (x === 'SERIAL' && next === 'DEFAULT' && k(v, i + 2) === 'VALUE' && !NAME_POSITION.has(prev)) {
      // `int SERIAL DEFAULT VALUE`: NOT NULL AUTO_INCREMENT UNIQUE, written as one attribute.
      s.blank(i, i + 2, 'column attribute SERIAL DEFAULT VALUE');
    } else if (x === 'DOUBLE' && next === 'PRECISION' && typePosition) {
      // `DOUBLE PRECISION [UNSIGNED]` is DOUBLE under its SQL-standard name.
      s.blank(i + 1, i + 1, 'column type DOUBLE PRECISION');
    } else if (x === 'BINARY' && characterTypeBefore(v, i) && (endsDefinition || CHARSET_START.has(next))) {
      // `varchar(128) BINARY`: the character set's binary collation (deprecated in MySQL 8, still valid).
      s.blank(i, i, 'column attribute BINARY');
    } else if ((x === 'BOOL' || x === 'REAL') && typePosition && (endsDefinition || next === 'NOT')) {
      s.swap(i, 'INT', `column type ${x}`);
    } else if (x === 'SERIAL' && typePosition && (endsDefinition || next === 'NOT')) {
      // MySQL's SERIAL (BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE) may repeat its own attributes:
      // drizzle-kit writes `serial AUTO_INCREMENT NOT NULL` for every serial() column.
      s.swap(i, 'BIGINT', 'column type SERIAL');
    }
  }
}

/** Character types a `BINARY` attribute may follow (`varchar(128) BINARY`, `text binary`). */
const CHARACTER_TYPES = new Set(['CHAR', 'VARCHAR', 'CHARACTER', 'NCHAR', 'NVARCHAR', 'TINYTEXT', 'TEXT', 'MEDIUMTEXT', 'LONGTEXT']);
const CHARSET_START = new Set(['CHARACTER', 'CHARSET']);

/** Whether token `i` follows a character type written after a column's name: `name varchar(128)`, `name text`. */
function characterTypeBefore(v: TokView, i: number): boolean {
  let t = i - 1;
  if (k(v, t) === ')') {
    if (k(v, t - 2) !== '(' || v.toks[t - 1]?.type !== 'number') return false;
    t -= 3;
  }
  if (!CHARACTER_TYPES.has(k(v, t))) return false;
  const name = t - 1;
  return v.isIdent(name) && (v.toks[name].type === 'quoted' || !NAME_POSITION.has(k(v, name)));
}

/** Words after which the next identifier is a name (a column named `visible`), not an attribute. */
const NAME_POSITION = new Set(['', ',', '(', 'ADD', 'COLUMN', 'MODIFY', 'CHANGE', 'DROP', 'ALTER', 'TABLE', 'AFTER', 'EXISTS', 'AS']);
const COLUMN_ATTRIBUTE_STARTS = new Set([
  'NOT',
  'NULL',
  'DEFAULT',
  'COMMENT',
  'AFTER',
  'FIRST',
  'PRIMARY',
  'UNIQUE',
  'KEY',
  'REFERENCES',
  'CHECK',
  'COLLATE',
  'AUTO_INCREMENT',
  'VISIBLE',
  'INVISIBLE',
  'SRID',
  'GENERATED',
  'AS',
  'STORED',
  'VIRTUAL',
  'ON',
  'CONSTRAINT',
]);

/**
 * `CREATE [OR REPLACE] … VIEW v [(cols)] AS ( query ) [WITH [CASCADED|LOCAL] CHECK OPTION]`:
 * node-sql-parser reads the query only without its parentheses.
 */
function parenthesisedViewQuery(s: Scanner): void {
  const { v } = s;
  const as = findTopLevel(v, 0, 'AS');
  if (as < 0 || k(v, as + 1) !== '(') return;
  const close = v.matchParen(as + 1);
  const inner = k(v, as + 2);
  if (inner !== 'SELECT' && inner !== 'WITH' && inner !== '(') return;
  const rest = close + 1;
  const checkOption =
    k(v, rest) === 'WITH' &&
    ((k(v, rest + 1) === 'CHECK' && rest + 2 === v.length - 1) ||
      ((k(v, rest + 1) === 'CASCADED' || k(v, rest + 1) === 'LOCAL') && k(v, rest + 2) === 'CHECK' && rest + 3 === v.length - 1));
  if (rest !== v.length && !checkOption) return;
  s.blank(as + 1, as + 1, 'CREATE VIEW … AS (query)');
  s.blank(close, close, 'CREATE VIEW … AS (query)');
}

/** `DROP TEMPORARY TABLE`, `DROP TABLE … RESTRICT|CASCADE`, `DROP {DATABASE|SCHEMA} [IF EXISTS] `name``. */
function dropForms(s: Scanner): void {
  const { v } = s;
  if (k(v, 1) === 'TEMPORARY' && k(v, 2) === 'TABLE') s.blank(1, 1, 'DROP TEMPORARY TABLE');
  if ((k(v, 1) === 'TABLE' || k(v, 1) === 'TEMPORARY') && (k(v, v.length - 1) === 'RESTRICT' || k(v, v.length - 1) === 'CASCADE'))
    s.blank(v.length - 1, v.length - 1, 'DROP TABLE … RESTRICT');
  if (k(v, 1) === 'DATABASE' || k(v, 1) === 'SCHEMA') {
    const i = v.skipIfExists(2);
    const t = v.toks[i];
    if (t && i === v.length - 1 && t.type === 'quoted' && /^`[A-Za-z_][A-Za-z0-9_$]*`$/.test(v.raw(i))) {
      s.add({ start: t.start, end: t.end, text: ` ${v.raw(i).slice(1, -1)} ` }, 'DROP DATABASE `name`');
    }
  }
}

/** Modifiers right after a statement's verb that node-sql-parser rejects there (IGNORE after INSERT and QUICK after DELETE it reads). */
const VERB_MODIFIERS: Record<string, Set<string>> = {
  SELECT: new Set(['HIGH_PRIORITY', 'STRAIGHT_JOIN']),
  INSERT: new Set(['LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY']),
  REPLACE: new Set(['LOW_PRIORITY', 'DELAYED']),
  UPDATE: new Set(['LOW_PRIORITY', 'IGNORE']),
  DELETE: new Set(['LOW_PRIORITY', 'QUICK', 'IGNORE']),
};
const ALL_VERB_MODIFIERS = new Set(['HIGH_PRIORITY', 'STRAIGHT_JOIN', 'LOW_PRIORITY', 'DELAYED', 'IGNORE', 'QUICK', 'DISTINCT', 'ALL']);

/** `INSERT LOW_PRIORITY`, `UPDATE LOW_PRIORITY IGNORE`, `DELETE LOW_PRIORITY QUICK IGNORE`, `SELECT HIGH_PRIORITY`. */
function dmlModifiers(s: Scanner, verb: number): void {
  const { v } = s;
  const lacking = VERB_MODIFIERS[k(v, verb)];
  if (!lacking) return;
  for (let i = verb + 1; ALL_VERB_MODIFIERS.has(k(v, i)); i++) {
    if (lacking.has(k(v, i))) s.blank(i, i, `${k(v, verb)} ${k(v, i)}`);
  }
}

/** Words of the MATCH … AGAINST (… IN … MODE) search modifier, which node-sql-parser reads only in upper case. */
const AGAINST_WORDS = new Set(['AGAINST', 'IN', 'NATURAL', 'LANGUAGE', 'MODE', 'BOOLEAN', 'WITH', 'QUERY', 'EXPANSION']);
const HINT_VERBS = new Set(['USE', 'FORCE', 'IGNORE']);
const FRAME_BOUNDS = new Set(['BETWEEN', 'UNBOUNDED', 'CURRENT', 'INTERVAL']);
const INTERVAL_UNITS = new Set([
  'MICROSECOND',
  'SECOND',
  'MINUTE',
  'HOUR',
  'DAY',
  'WEEK',
  'MONTH',
  'QUARTER',
  'YEAR',
  'SECOND_MICROSECOND',
  'MINUTE_MICROSECOND',
  'MINUTE_SECOND',
  'HOUR_MICROSECOND',
  'HOUR_SECOND',
  'HOUR_MINUTE',
  'DAY_MICROSECOND',
  'DAY_SECOND',
  'DAY_MINUTE',
  'DAY_HOUR',
  'YEAR_MONTH',
]);
const DML_KINDS = new Set<StatementKind>(['select', 'insert', 'update', 'delete', 'create_view']);
const ASSIGNMENT_ENDS = new Set([',', '', 'WHERE', 'ORDER', 'LIMIT', ')', 'ON']);

/** Inline constructs at token `i`. */
function inlineAt(s: Scanner, i: number, kind: StatementKind): void {
  const { v } = s;
  const x = k(v, i);
  const prev = k(v, i - 1);
  const next = k(v, i + 1);
  switch (x) {
    case 'USE':
    case 'FORCE':
    case 'IGNORE':
      // After the table (or its alias), or after a previous hint (`USE INDEX (a), IGNORE INDEX (b)`).
      if ((next === 'INDEX' || next === 'KEY') && (v.isIdent(i - 1) || prev === ')' || (prev === ',' && k(v, i - 2) === ')')))
        indexHint(s, i);
      return;
    case 'JSON_VALUE':
      if (next === '(') jsonValueOptions(s, i + 1);
      return;
    case 'JSON_TABLE':
      if (next === '(' && (prev === ',' || prev === 'FROM' || prev === 'JOIN')) jsonTable(s, i);
      return;
    case 'AGAINST':
      if (prev === ')' && next === '(') againstUpperCase(s, i);
      return;
    case 'SOUNDS':
      if (next === 'LIKE') s.blank(i, i, 'SOUNDS LIKE');
      return;
    case 'MEMBER':
      if (next === 'OF' && k(v, i + 2) === '(') s.replace(i, i + 1, 'IN', 'MEMBER OF');
      return;
    case 'NATURAL': {
      let j = i + 1;
      if (k(v, j) === 'LEFT' || k(v, j) === 'RIGHT') j++;
      if (k(v, j) === 'OUTER') j++;
      if (k(v, j) === 'JOIN') s.blank(i, i, 'NATURAL JOIN');
      return;
    }
    case 'PARTITION':
      // Partition selection after a table name: `FROM t PARTITION (p0, p1)`, `DELETE FROM t PARTITION (p)`.
      if (DML_KINDS.has(kind) && next === '(' && v.isIdent(i - 1) && identList(v, i + 2, v.matchParen(i + 1)))
        s.blank(i, v.matchParen(i + 1), 'PARTITION (…) selection');
      return;
    case 'FOR':
      lockingClause(s, i);
      return;
    case 'DEFAULT':
      // `SET x = DEFAULT`, `UPDATE t SET c = DEFAULT`: the assignment of a column's (or variable's) default.
      if (prev === '=' && ASSIGNMENT_ENDS.has(next) && (kind === 'update' || kind === 'insert' || k(v, 0) === 'SET'))
        s.swap(i, 'NULL', '= DEFAULT');
      return;
    case 'AS':
      if (kind === 'insert') insertRowAlias(s, i);
      else if (prev === ')' && v.isIdent(i + 1) && k(v, i + 2) === '(' && derivedTableBefore(v, i - 1)) {
        // `(subquery) AS t (a, b)`: derived table column names.
        const close = v.matchParen(i + 2);
        if (identList(v, i + 3, close)) s.blank(i + 2, close, 'derived table column list');
      }
      return;
    case 'CURRENT_USER':
      if (next !== '(' && prev !== '.' && prev !== '=' && prev !== 'TO' && prev !== 'FOR') s.swap(i, 'NULL', 'CURRENT_USER without ()');
      return;
    case 'RANGE':
      if (FRAME_BOUNDS.has(next) || v.toks[i + 1]?.type === 'number') windowRange(s, i);
      return;
    case ':=':
      // `(@rank := @rank + 1)`: node-sql-parser takes `@v := …` only unparenthesised; a comparison stands in.
      if (v.isIdent(i - 1) && k(v, i - 2) === '@' && v.toks[i - 2].end === v.toks[i - 1].start)
        s.swap(i, '=', 'user variable assignment (:=) in an expression');
      return;
    case 'OUTFILE':
    case 'DUMPFILE':
      if (prev === 'INTO' && v.toks[i + 1]?.type === 'string') exportOptions(s, i + 2);
      return;
    default:
      if (v.toks[i].type === 'string' && v.toks[i + 1]?.type === 'string' && /^'/.test(v.raw(i)) && /^'/.test(v.raw(i + 1)))
        s.blank(i + 1, i + 1, 'adjacent string literals');
  }
}

/** Tokens `[from, to)` are `name [, name]*` (or nothing). */
function identList(v: TokView, from: number, to: number): boolean {
  for (let j = from; j < to; j++) {
    if ((j - from) % 2 === 0 ? !v.isIdent(j) : k(v, j) !== ',') return false;
  }
  return to === from || (to - from) % 2 === 1;
}

/** `{USE|FORCE|IGNORE} {INDEX|KEY} [FOR {JOIN | ORDER BY | GROUP BY}] (name, …)` (and a comma before a further hint). */
function indexHint(s: Scanner, i: number): void {
  const { v } = s;
  let j = i + 2;
  if (k(v, j) === 'FOR') {
    if (k(v, j + 1) === 'JOIN') j += 2;
    else if ((k(v, j + 1) === 'ORDER' || k(v, j + 1) === 'GROUP') && k(v, j + 2) === 'BY') j += 3;
    else return;
  }
  if (k(v, j) !== '(') return;
  const close = v.matchParen(j);
  if (k(v, close) !== ')' || !identList(v, j + 1, close)) return;
  const comma = k(v, close + 1) === ',' && HINT_VERBS.has(k(v, close + 2)) && /^(INDEX|KEY)$/.test(k(v, close + 3));
  s.blank(i, comma ? close + 1 : close, 'index hint');
}

/** `JSON_VALUE(doc, path [RETURNING type] [{NULL|ERROR|DEFAULT v} ON EMPTY] [… ON ERROR])`: the options are blanked. */
function jsonValueOptions(s: Scanner, open: number): void {
  const { v } = s;
  const close = v.matchParen(open);
  if (k(v, close) !== ')') return;
  const args = v.splitTopLevel(open + 1, close);
  if (args.length !== 2) return;
  const [a, b] = args[1];
  const path = v.toks[a];
  if (!path || (path.type !== 'string' && path.type !== 'param' && !v.isIdent(a))) return;
  const first = a + 1;
  if (first >= b || !jsonValueClauses(v, first, b)) return;
  s.blank(first, b - 1, 'JSON_VALUE … RETURNING');
}

/** Tokens `[i, end)` are `[RETURNING type] [{NULL | ERROR | DEFAULT value} ON {EMPTY | ERROR}]…`. */
function jsonValueClauses(v: TokView, i: number, end: number): boolean {
  if (k(v, i) === 'RETURNING') {
    if (!v.isWord(i + 1)) return false;
    i += 2;
    if (k(v, i) === '(') i = v.matchParen(i) + 1;
    while (k(v, i) === 'UNSIGNED' || k(v, i) === 'SIGNED') i++;
    if (k(v, i) === 'CHARACTER' && k(v, i + 1) === 'SET' && v.isIdent(i + 2)) i += 3;
    if (k(v, i) === 'COLLATE' && v.isIdent(i + 1)) i += 2;
  }
  while (i < end) {
    if (k(v, i) === 'NULL' || k(v, i) === 'ERROR') i++;
    else if (k(v, i) === 'DEFAULT' && v.toks[i + 1] && k(v, i + 1) !== 'ON') i += 2;
    else return false;
    if (k(v, i) !== 'ON' || (k(v, i + 1) !== 'EMPTY' && k(v, i + 1) !== 'ERROR')) return false;
    i += 2;
  }
  return i === end;
}

/** `JSON_TABLE(expr, path COLUMNS (…)) [AS] alias`: replaced by a derived table `(SELECT 1)` of the same length. */
function jsonTable(s: Scanner, i: number): void {
  const { v } = s;
  const close = v.matchParen(i + 1);
  if (k(v, close) !== ')' || findTopLevel(v, i + 2, 'COLUMNS') < 0) return;
  const start = v.toks[i].start;
  const end = v.toks[close].end;
  const inner = '(SELECT 1';
  if (end - start < inner.length + 1) return;
  const text = inner + blankText(v.text, start + inner.length, end - 1) + ')';
  s.add({ start, end, text }, 'JSON_TABLE');
}

function againstUpperCase(s: Scanner, i: number): void {
  const { v } = s;
  const close = v.matchParen(i + 1);
  for (let j = i; j < close; j++) {
    if (v.isWord(j) && AGAINST_WORDS.has(k(v, j)) && v.raw(j) !== k(v, j)) s.swap(j, k(v, j), 'MATCH … AGAINST in lower case');
  }
}

/**
 * `FOR SHARE [OF t, …] [NOWAIT | SKIP LOCKED]` is blanked (node-sql-parser reads only `FOR UPDATE`
 * and `LOCK IN SHARE MODE`); in `FOR UPDATE OF t, …` the `OF` list is.
 */
function lockingClause(s: Scanner, i: number): void {
  const { v } = s;
  const mode = k(v, i + 1);
  if (mode !== 'SHARE' && mode !== 'UPDATE') return;
  let j = i + 2;
  let ofStart = -1;
  if (k(v, j) === 'OF') {
    ofStart = j;
    j++;
    while (v.isIdent(j)) {
      const name = v.readName(j, false);
      if (!name) break;
      j = name.next;
      if (k(v, j) !== ',') break;
      j++;
    }
  }
  let end = j - 1;
  if (k(v, j) === 'NOWAIT') end = j;
  else if (k(v, j) === 'SKIP' && k(v, j + 1) === 'LOCKED') end = j + 1;
  const after = k(v, end + 1);
  if (after !== '' && after !== ')' && after !== 'FOR' && after !== 'UNION' && after !== 'INTO') return;
  if (mode === 'SHARE') s.blank(i, end, 'FOR SHARE');
  else if (ofStart >= 0) s.blank(ofStart, j - 1, 'FOR UPDATE OF');
}

/** `INSERT … VALUES (…) AS new [(a, b)] ON DUPLICATE KEY UPDATE …` (and after `SET a = 1, …`). */
function insertRowAlias(s: Scanner, i: number): void {
  const { v } = s;
  if (!v.isIdent(i + 1)) return;
  let end = i + 1;
  if (k(v, end + 1) === '(') {
    const close = v.matchParen(end + 1);
    if (!identList(v, end + 2, close)) return;
    end = close;
  }
  if (k(v, end + 1) !== 'ON' || k(v, end + 2) !== 'DUPLICATE') return;
  s.blank(i, end, 'INSERT … AS row alias');
}

/** Whether the `)` at `close` ends a derived table (`FROM (SELECT …)`, `JOIN (VALUES ROW …)`). */
function derivedTableBefore(v: TokView, close: number): boolean {
  let depth = 0;
  for (let j = close; j >= 0; j--) {
    const x = k(v, j);
    if (x === ')') depth++;
    else if (x === '(') {
      depth--;
      if (depth === 0) {
        const head = k(v, j + 1);
        const before = k(v, j - 1);
        return (
          (head === 'SELECT' || head === 'VALUES' || head === 'WITH' || head === 'TABLE') &&
          (before === 'FROM' || before === 'JOIN' || before === ',')
        );
      }
    }
  }
  return false;
}

/**
 * `RANGE BETWEEN INTERVAL 6 DAY PRECEDING AND CURRENT ROW`: node-sql-parser reads ROWS frames only;
 * `RANGE` becomes `ROWS` and each `INTERVAL n unit` bound its `n`.
 */
function windowRange(s: Scanner, i: number): void {
  const { v } = s;
  let j = i + 1;
  const stop = Math.min(v.length, i + 20);
  const edits: Array<() => void> = [() => s.swap(i, 'ROWS', 'RANGE window frame')];
  for (; j < stop && k(v, j) !== ')'; j++) {
    if (k(v, j) === 'INTERVAL') {
      const n = j + 1;
      if (v.toks[n]?.type !== 'number' && v.toks[n]?.type !== 'string') return;
      if (!INTERVAL_UNITS.has(k(v, n + 1))) return;
      const interval = j;
      const unit = n + 1;
      edits.push(() => s.blank(interval, interval, 'RANGE window frame'));
      edits.push(() => s.blank(unit, unit, 'RANGE window frame'));
      j = unit;
    }
  }
  if (k(v, j) !== ')') return;
  for (const edit of edits) edit();
}

/** `INTO OUTFILE 'f' [CHARACTER SET x] [{FIELDS|COLUMNS} …] [LINES …]`: the export options are blanked. */
function exportOptions(s: Scanner, i: number): void {
  const { v } = s;
  const start = i;
  let j = i;
  if (k(v, j) === 'CHARACTER' && k(v, j + 1) === 'SET' && v.isIdent(j + 2)) j += 3;
  while (k(v, j) === 'FIELDS' || k(v, j) === 'COLUMNS' || k(v, j) === 'LINES') {
    j++;
    for (;;) {
      if (k(v, j) === 'TERMINATED' || k(v, j) === 'ESCAPED' || k(v, j) === 'STARTING') {
        if (k(v, j + 1) !== 'BY' || v.toks[j + 2]?.type !== 'string') return;
        j += 3;
      } else if (k(v, j) === 'OPTIONALLY' && k(v, j + 1) === 'ENCLOSED') j++;
      else if (k(v, j) === 'ENCLOSED') {
        if (k(v, j + 1) !== 'BY' || v.toks[j + 2]?.type !== 'string') return;
        j += 3;
      } else break;
    }
  }
  if (j > start) s.blank(start, j - 1, 'INTO OUTFILE options');
}

/**
 * INSERT forms node-sql-parser lacks and no edit can rewrite: an empty column list and empty rows
 * (`INSERT INTO t () VALUES ()`, every column takes its default) and `INSERT … TABLE t` (8.0.19).
 */
function insertForms(s: Scanner, verb: number): void {
  const { v } = s;
  for (let i = verb + 1; i < v.length; i++) {
    const x = k(v, i);
    if (
      x === '(' &&
      k(v, i + 1) === ')' &&
      (k(v, i - 1) === 'VALUES' || k(v, i - 1) === 'VALUE' || v.isIdent(i - 1) || k(v, i - 1) === ',')
    )
      s.opaqueSpan(i, i + 1, 'INSERT … () VALUES ()');
    else if (x === 'TABLE' && (k(v, i - 1) === ')' || v.isIdent(i - 1)) && v.readName(i + 1, false)) s.opaqueSpan(i, i, 'INSERT … TABLE t');
  }
}
