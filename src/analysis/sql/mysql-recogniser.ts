/**
 * node-sql-parser's answer for the statements repositories repeat, read from our tokens (issue 16).
 *
 * node-sql-parser is the validity oracle of every MySQL statement and its most expensive step; most
 * of what it reads in application code is a handful of plain forms: `INSERT INTO t (…) VALUES (?, …)`,
 * `UPDATE t SET a = ? WHERE …`, `DELETE FROM t WHERE …`, `SELECT … FROM t [JOIN u ON …] WHERE …`, and what
 * schema files and migrations repeat: `CREATE TABLE` with plain columns, keys, foreign keys and table
 * options, `ALTER TABLE … ADD COLUMN / ADD KEY / ADD CONSTRAINT … / DROP COLUMN`, `CREATE INDEX`. For a
 * statement wholly inside the small grammar below, this module gives what the parser gives — it is
 * accepted, and its table list, in the parser's order — without running the parser. Anything outside
 * it (a word, function, clause, character or comment the grammar does not know) is `undefined`: the
 * statement goes to the parser as before. So the recogniser can only ever decline, never decide
 * differently, as long as its grammar is a subset of the parser's and its table list is the parser's.
 *
 * Why the table list is the parser's: the grammar's actions add `select::db::table` for every table of
 * a SELECT's FROM list when that SELECT is complete (so nested SELECTs first, in text order), and
 * `insert` / `update` / `delete` for the target when the whole statement is; entries are a set. A CREATE or
 * ALTER TABLE lists its one table (never a foreign key's target), a CREATE INDEX none. A name
 * is a word the parser's identifier rules read as one: letters, digits and `_`, not in its
 * reserved-word table (`MYSQL_RESERVED`, checked against the installed parser by the tests), or a
 * backquoted such word. Literals are `?`, plain numbers and single-quoted strings without escapes;
 * functions are the listed ones with plain arguments.
 *
 * The claim is checked, not only argued: `NILECARE_VERIFY_MYSQL_RECOGNISER=1` parses every recognised
 * statement too and reports any difference (test/e2e/mysql-recogniser-corpus.test.ts runs it on the
 * fixtures' SQL, bench/sql-corpus, every grammar word in every name position and CREATE / ALTER TABLE's
 * types, attributes, keys and options in combination;
 * BENCHMARKS.md has the runs on the realistic profile and the fuzz corpus).
 */
import type { Token } from './tokenizer.js';
import type { ParserTable } from './mysql.js';

/** node-sql-parser 5.4.0's reserved words (its `reservedMap`): never an unquoted name there. */
export const MYSQL_RESERVED: ReadonlySet<string> = new Set(
  (
    'ALTER ALL ADD AND AS ASC ANALYZE ACCESSIBLE BEFORE BETWEEN BIGINT BLOB BOTH BY BOOLEAN CALL CASCADE CASE CHAR CHECK ' +
    'COLLATE CONDITION CONSTRAINT CONTINUE CONVERT CREATE CROSS CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER ' +
    'CURSOR DATABASE DATABASES DAY_HOUR DAY_MICROSECOND DAY_MINUTE DAY_SECOND DEC DECIMAL DECLARE DEFAULT DELAYED DELETE ' +
    'DESC DESCRIBE DETERMINISTIC DISTINCT DISTINCTROW DIV DROP DOUBLE DUAL ELSE EACH ELSEIF ENCLOSED ESCAPED EXCEPT EXISTS ' +
    'EXIT EXPLAIN FALSE FULL FROM FETCH FLOAT FLOAT4 FLOAT8 FOR FORCE FOREIGN FULLTEXT FUNCTION GENERATED GET GO GRANT ' +
    'GROUP GROUPING GROUPS HAVING HIGH_PRIORITY HOUR_MICROSECOND HOUR_MINUTE HOUR_SECOND IGNORE IN INNER INFILE INOUT ' +
    'INSENSITIVE INSERT INTERSECT INT INT1 INT2 INT3 INT4 INT8 INTEGER INTERVAL INTO IO_AFTER_GTIDS IO_BEFORE_GTIDS IS ' +
    'ITERATE JOIN JSON_TABLE KEY KEYS KILL LAG LAST_VALUE LATERAL LEAD LEADING LEAVE LEFT LIKE LIMIT LINEAR LINES LOAD ' +
    'LOCALTIME LOCALTIMESTAMP LOCK LONG LONGBLOB LONGTEXT LOOP LOW_PRIORITY MASTER_BIND MATCH MAXVALUE MEDIUMBLOB ' +
    'MEDIUMINT MEDIUMTEXT MIDDLEINT MINUTE_MICROSECOND MINUTE_SECOND MINUS MOD MODIFIES NATURAL NOT NO_WRITE_TO_BINLOG ' +
    'NTH_VALUE NTILE NULL NUMERIC OF ON OPTIMIZE OPTIMIZER_COSTS OPTION OPTIONALLY OR ORDER OUT OUTER OUTFILE OVER ' +
    'PARTITION PERCENT_RANK PRECISION PRIMARY PROCEDURE PURGE RANGE RANK READ READS READ_WRITE REAL RECURSIVE REFERENCES ' +
    'REGEXP RELEASE RENAME REPEAT REPLACE REQUIRE RESIGNAL RESTRICT RETURN REVOKE RIGHT RLIKE ROW ROWS ROW_NUMBER SCHEMA ' +
    'SCHEMAS SELECT SENSITIVE SEPARATOR SET SHOW SIGNAL SMALLINT SPATIAL SPECIFIC SQL SQLEXCEPTION SQLSTATE SQLWARNING ' +
    'SQL_BIG_RESULT SSL STARTING STORED STRAIGHT_JOIN TABLE TERMINATED THEN TINYBLOB TINYINT TINYTEXT TO TRAILING TRIGGER ' +
    'TRUE UNION UNIQUE UNLOCK UNSIGNED UPDATE USAGE USE USING UTC_DATE UTC_TIME UTC_TIMESTAMP VALUES VARBINARY VARCHAR ' +
    'VARCHARACTER VARYING VIRTUAL VECTOR WHEN WHERE WHILE WINDOW WITH WRITE XOR YEAR_MONTH ZEROFILL'
  ).split(' '),
);

/**
 * Words the grammar below gives a meaning of its own, or that the parser reads other than as a name in
 * some position (found by test/e2e/mysql-recogniser-corpus.test.ts, which tries every word the parser
 * spells in every name position): never a name here.
 */
const NOT_A_NAME = new Set(
  (
    'OFFSET DUPLICATE COUNT SUM MIN MAX AVG NOW COALESCE IFNULL CONCAT LOWER UPPER DATE DATE_SUB DATE_ADD DAY HOUR ' +
    'MINUTE SECOND WEEK MONTH YEAR QUARTER MICROSECOND TIME TIMESTAMP DATETIME BINARY UUID DATE_FORMAT ' +
    // SELECT options, read as such before a first select item
    'SQL_BUFFER_RESULT SQL_CACHE SQL_CALC_FOUND_ROWS SQL_NO_CACHE SQL_SMALL_RESULT'
  ).split(' '),
);
/** The parser reads `DUAL` without a word boundary where a table is expected: `FROM dual_x` is rejected there. */
const NOT_A_NAME_START = 'DUAL';

/** Functions read here: name → how many plain arguments (`-1`: one or more). */
const FUNCTIONS: ReadonlyMap<string, number> = new Map([
  ['NOW', 0],
  ['COALESCE', -1],
  ['IFNULL', 2],
  ['CONCAT', -1],
  ['LOWER', 1],
  ['UPPER', 1],
  ['DATE', 1],
  ['SUM', 1],
  ['MIN', 1],
  ['MAX', 1],
  ['AVG', 1],
  ['UUID', 0],
]);
/** `DATE_SUB(x, INTERVAL n UNIT)` units. */
const INTERVAL_UNITS = new Set(['DAY', 'HOUR', 'MINUTE', 'SECOND', 'WEEK', 'MONTH', 'YEAR']);
const COMPARISONS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);

/** Column types a CREATE TABLE is read with here, and what may follow each. */
const DATA_TYPES: ReadonlyMap<string, 'bare' | 'length' | 'required length' | 'integer' | 'decimal' | 'enum'> = new Map([
  ['INT', 'integer'],
  ['INTEGER', 'integer'],
  ['BIGINT', 'integer'],
  ['SMALLINT', 'integer'],
  ['TINYINT', 'integer'],
  ['DECIMAL', 'decimal'],
  ['CHAR', 'length'],
  ['VARCHAR', 'required length'],
  ['TEXT', 'bare'],
  ['MEDIUMTEXT', 'bare'],
  ['LONGTEXT', 'bare'],
  ['DATE', 'bare'],
  ['DATETIME', 'length'],
  ['TIMESTAMP', 'length'],
  ['BOOLEAN', 'bare'],
  ['JSON', 'bare'],
  ['ENUM', 'enum'],
]);
/** Words that begin something other than a column in a CREATE TABLE's list: never read as a column's name here. */
const COLUMN_DEFINITION_STARTS = new Set(
  'INDEX KEY UNIQUE PRIMARY CONSTRAINT FOREIGN FULLTEXT SPATIAL CHECK PERIOD COLUMN FIRST AFTER'.split(' '),
);
const TABLE_OPTIONS = new Set(['ENGINE', 'CHARSET', 'COLLATE', 'AUTO_INCREMENT', 'COMMENT']);

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Digits, with at most one `.` between digits (`12`, `648.00`): no sign, exponent or hexadecimal. */
function isPlainNumber(raw: string): boolean {
  let dot = -1;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 46 /* . */ && dot < 0 && i > 0 && i < raw.length - 1) dot = i;
    else if (c < 48 || c > 57) return false;
  }
  return raw.length > 0;
}
/** A single-quoted string without escapes, quotes or characters outside printable ASCII. */
const STRING = /^'[\x20-\x26\x28-\x5b\x5d-\x7e]*'$/;

class Fail extends Error {}
const FAIL = new Fail();

/** Token kinds the recogniser reads, decided once per token. */
const enum K {
  Word,
  Name, // a backquoted name
  Number,
  String,
  Param,
  Op,
}

class Reader {
  private i = 0;
  private readonly kinds: K[] = [];
  private readonly texts: string[] = [];
  /** Upper-cased words (and operator texts). */
  private readonly keys: string[] = [];
  /** Table list entries, as the parser writes them (`action::db::table`), in its order. */
  private readonly entries = new Set<string>();

  constructor(text: string, toks: readonly Token[], start: number, end: number) {
    let at = start;
    // Indexed: a for…of allocates an iterator result per token until V8 optimises this constructor.
    for (let ti = 0; ti < toks.length; ti++) {
      const t = toks[ti];
      // Only spaces, tabs and line breaks between tokens: no comment, no other whitespace.
      for (let c = at; c < t.start; c++) {
        const ch = text.charCodeAt(c);
        if (ch !== 32 && ch !== 9 && ch !== 10 && ch !== 13) throw FAIL;
      }
      at = t.end;
      const raw = text.slice(t.start, t.end);
      let kind: K;
      switch (t.type) {
        case 'word':
          if (!NAME.test(raw)) throw FAIL;
          kind = K.Word;
          break;
        case 'quoted':
          if (raw.length < 3 || raw[0] !== '`' || raw[raw.length - 1] !== '`' || !NAME.test(raw.slice(1, -1))) throw FAIL;
          kind = K.Name;
          break;
        case 'number':
          if (!isPlainNumber(raw)) throw FAIL;
          kind = K.Number;
          break;
        case 'string':
          if (!STRING.test(raw)) throw FAIL;
          kind = K.String;
          break;
        case 'param':
          if (raw !== '?') throw FAIL;
          kind = K.Param;
          break;
        case 'op':
          kind = K.Op;
          break;
        default:
          throw FAIL;
      }
      this.kinds.push(kind);
      this.texts.push(raw);
      // A word token carries its upper-cased text already (tokenizer.ts).
      this.keys.push(kind === K.Word ? t.upper! : kind === K.Op ? raw : '');
    }
    for (let c = at; c < end; c++) {
      const ch = text.charCodeAt(c);
      if (ch !== 32 && ch !== 9 && ch !== 10 && ch !== 13) throw FAIL;
    }
  }

  tables(): ParserTable[] {
    return [...this.entries].map((e) => {
      const [action, db, table] = e.split('::');
      return { action, ...(db !== 'null' ? { db } : {}), table };
    });
  }

  done(): boolean {
    return this.i === this.kinds.length;
  }

  private key(offset = 0): string {
    return this.keys[this.i + offset] ?? '';
  }

  private accept(key: string): boolean {
    if (this.key() !== key) return false;
    this.i++;
    return true;
  }

  private expect(key: string): void {
    if (!this.accept(key)) throw FAIL;
  }

  private isName(offset = 0): boolean {
    const k = this.kinds[this.i + offset];
    if (k === K.Name) return true;
    if (k !== K.Word) return false;
    const upper = this.keys[this.i + offset];
    return !MYSQL_RESERVED.has(upper) && !NOT_A_NAME.has(upper) && !upper.startsWith(NOT_A_NAME_START);
  }

  private name(): string {
    if (!this.isName()) throw FAIL;
    const raw = this.texts[this.i++];
    return raw[0] === '`' ? raw.slice(1, -1) : raw;
  }

  /** `t` or `db.t`. */
  private tableName(): { db: string; table: string } {
    const first = this.name();
    if (this.key() === '.' && this.isName(1)) {
      this.i++;
      return { db: first, table: this.name() };
    }
    return { db: 'null', table: first };
  }

  /** `[AS] alias`, when there is one. */
  private optionalAlias(): void {
    if (this.accept('AS')) this.name();
    else if (this.isName()) this.i++;
  }

  statement(): void {
    switch (this.key()) {
      case 'SELECT':
      case 'WITH':
        this.select(true);
        break;
      case 'INSERT':
        this.insert();
        break;
      case 'UPDATE':
        this.update();
        break;
      case 'DELETE':
        this.delete();
        break;
      case 'CREATE':
        if (this.key(1) === 'TABLE') this.createTable();
        else this.createIndex();
        break;
      case 'ALTER':
        this.alterTable();
        break;
      default:
        throw FAIL;
    }
    if (!this.done()) throw FAIL;
  }

  /**
   * `CREATE TABLE [IF NOT EXISTS] t (definition, …) [option …]` of a schema file: columns of the listed
   * types with the listed attributes, primary, plain, unique and foreign keys on plain column lists, and
   * the usual table options. The parser lists only the created table (never a foreign key's target).
   */
  private createTable(): void {
    this.expect('CREATE');
    this.expect('TABLE');
    if (this.accept('IF')) {
      this.expect('NOT');
      this.expect('EXISTS');
    }
    const { db, table } = this.tableName();
    this.expect('(');
    do this.createDefinition();
    while (this.accept(','));
    this.expect(')');
    while (!this.done()) {
      this.tableOption();
      this.accept(',');
    }
    this.entries.add(`create::${db}::${table}`);
  }

  /** `CREATE [UNIQUE] INDEX i ON [db.]t (a, …)`: the parser lists no table for it. */
  private createIndex(): void {
    this.expect('CREATE');
    this.accept('UNIQUE');
    this.expect('INDEX');
    this.name();
    this.expect('ON');
    this.tableName();
    this.columnList();
  }

  /**
   * `ALTER TABLE [db.]t change, …` where each change adds a column (`ADD [COLUMN] c type … [AFTER c | FIRST]`),
   * a key or a foreign key (as CREATE TABLE writes them), or drops a column (`DROP COLUMN c`).
   */
  private alterTable(): void {
    this.expect('ALTER');
    this.expect('TABLE');
    const { db, table } = this.tableName();
    do {
      if (this.accept('DROP')) {
        this.expect('COLUMN');
        this.name();
        continue;
      }
      this.expect('ADD');
      let column: boolean;
      if (this.accept('COLUMN')) {
        this.columnDefinition();
        column = true;
      } else column = this.createDefinition();
      if (column) {
        if (this.accept('AFTER')) this.name();
        else this.accept('FIRST');
      }
    } while (this.accept(','));
    this.entries.add(`alter::${db}::${table}`);
  }

  /** One definition of a CREATE TABLE's list; true when it is a column. */
  private createDefinition(): boolean {
    switch (this.key()) {
      case 'PRIMARY':
        this.i++;
        this.expect('KEY');
        this.columnList();
        return false;
      case 'INDEX':
      case 'KEY':
        this.i++;
        this.name();
        this.columnList();
        return false;
      case 'UNIQUE':
        this.i++;
        if (!this.accept('KEY')) this.accept('INDEX');
        this.name();
        this.columnList();
        return false;
      case 'CONSTRAINT':
        this.i++;
        this.name();
        this.foreignKey();
        return false;
      case 'FOREIGN':
        this.foreignKey();
        return false;
    }
    this.columnDefinition();
    return true;
  }

  /** `c type [attribute …]`. */
  private columnDefinition(): void {
    if (COLUMN_DEFINITION_STARTS.has(this.key())) throw FAIL;
    this.name();
    this.dataType();
    const seen = new Set<string>();
    while (this.key() !== ',' && this.key() !== ')' && this.key() !== 'AFTER' && this.key() !== 'FIRST' && !this.done()) {
      const attribute = this.columnAttribute();
      // Each attribute once: what the parser makes of a repeated one is not this module's to say.
      if (seen.has(attribute)) throw FAIL;
      seen.add(attribute);
    }
  }

  /** `FOREIGN KEY (a, …) REFERENCES [db.]t (b, …) [ON DELETE action] [ON UPDATE action]`. */
  private foreignKey(): void {
    this.expect('FOREIGN');
    this.expect('KEY');
    this.columnList();
    this.expect('REFERENCES');
    this.tableName();
    this.columnList();
    if (this.key() === 'ON' && this.key(1) === 'DELETE') {
      this.i += 2;
      this.referenceAction();
    }
    if (this.key() === 'ON' && this.key(1) === 'UPDATE') {
      this.i += 2;
      this.referenceAction();
    }
  }

  private referenceAction(): void {
    if (this.accept('CASCADE') || this.accept('RESTRICT')) return;
    if (this.accept('SET')) {
      this.expect('NULL');
      return;
    }
    this.expect('NO');
    this.expect('ACTION');
  }

  /** `(a, …)`: plain column names, no prefix length or order. */
  private columnList(): void {
    this.expect('(');
    do this.name();
    while (this.accept(','));
    this.expect(')');
  }

  private dataType(): void {
    const type = this.key();
    const form = DATA_TYPES.get(type);
    if (form === undefined) throw FAIL;
    this.i++;
    switch (form) {
      case 'bare':
        return;
      case 'length':
        if (this.key() === '(') this.typeLength();
        return;
      case 'required length':
        this.typeLength();
        return;
      case 'integer':
        if (this.key() === '(') this.typeLength();
        this.accept('UNSIGNED');
        return;
      case 'decimal':
        this.expect('(');
        this.integer();
        if (this.accept(',')) this.integer();
        this.expect(')');
        return;
      case 'enum':
        this.expect('(');
        do if (this.kinds[this.i++] !== K.String) throw FAIL;
        while (this.accept(','));
        this.expect(')');
        return;
    }
  }

  private typeLength(): void {
    this.expect('(');
    this.integer();
    this.expect(')');
  }

  private integer(): void {
    if (this.kinds[this.i] !== K.Number || this.texts[this.i].includes('.')) throw FAIL;
    this.i++;
  }

  /** One column attribute; returns which, so that each is read once. */
  private columnAttribute(): string {
    const k = this.key();
    this.i++;
    switch (k) {
      case 'NOT':
        this.expect('NULL');
        return 'NULL';
      case 'NULL':
      case 'AUTO_INCREMENT':
        return k;
      case 'PRIMARY':
        this.expect('KEY');
        return k;
      case 'UNIQUE':
        this.accept('KEY');
        return k;
      case 'COMMENT':
        if (this.kinds[this.i++] !== K.String) throw FAIL;
        return k;
      case 'DEFAULT':
        this.defaultValue();
        return k;
      case 'ON':
        this.expect('UPDATE');
        this.expect('CURRENT_TIMESTAMP');
        return k;
      default:
        throw FAIL;
    }
  }

  /** A literal, `NULL`, `CURRENT_TIMESTAMP`, or `(UUID())`. */
  private defaultValue(): void {
    const kind = this.kinds[this.i];
    if (kind === K.Number || kind === K.String) {
      this.i++;
      return;
    }
    if (this.key() === '-' && this.kinds[this.i + 1] === K.Number) {
      this.i += 2;
      return;
    }
    if (this.accept('NULL') || this.accept('TRUE') || this.accept('FALSE') || this.accept('CURRENT_TIMESTAMP')) return;
    this.expect('(');
    this.expect('UUID');
    this.expect('(');
    this.expect(')');
    this.expect(')');
  }

  /** `ENGINE=InnoDB`, `[DEFAULT] CHARSET=x`, `[DEFAULT] COLLATE=x`, `AUTO_INCREMENT=n`, `COMMENT='x'`: each with its `=`. */
  private tableOption(): void {
    const k = this.accept('DEFAULT') && this.key() !== 'CHARSET' && this.key() !== 'COLLATE' ? '' : this.key();
    if (!TABLE_OPTIONS.has(k) || this.key(1) !== '=') throw FAIL;
    this.i += 2;
    const kind = this.kinds[this.i];
    // An engine, character set or collation is a bare word (the parser rejects a backquoted one).
    if (k === 'AUTO_INCREMENT' ? kind !== K.Number : k === 'COMMENT' ? kind !== K.String : kind !== K.Word || !this.isName()) throw FAIL;
    this.i++;
  }

  /** `[WITH c AS (…), …] SELECT …`; `top`: the statement itself (the only place a WITH is read). */
  private select(top: boolean): void {
    if (top && this.accept('WITH')) {
      do {
        this.name();
        this.expect('AS');
        this.expect('(');
        this.select(false);
        this.expect(')');
      } while (this.accept(','));
    }
    this.expect('SELECT');
    this.accept('DISTINCT');
    do this.selectItem();
    while (this.accept(','));
    this.expect('FROM');
    const own: string[] = [];
    this.tableRef(own);
    for (;;) {
      if (this.accept(',')) {
        this.tableRef(own);
        continue;
      }
      if (this.key() === 'LEFT') {
        this.i++;
        this.accept('OUTER');
        this.expect('JOIN');
      } else if (this.key() === 'INNER') {
        this.i++;
        this.expect('JOIN');
      } else if (!this.accept('JOIN')) break;
      this.tableRef(own);
      this.expect('ON');
      this.expr();
    }
    if (this.accept('WHERE')) this.expr();
    if (this.accept('GROUP')) {
      this.expect('BY');
      do this.expr();
      while (this.accept(','));
    }
    if (this.accept('HAVING')) this.expr();
    this.orderAndLimit(true);
    for (const t of own) this.entries.add(t);
  }

  private selectItem(): void {
    if (this.accept('*')) return;
    if (this.isName() && this.key(1) === '.' && this.key(2) === '*') {
      this.i += 3;
      return;
    }
    this.expr();
    this.optionalAlias();
  }

  /** A FROM item: a table (its entry kept for the end of its SELECT) or a derived table, with an alias. */
  private tableRef(own: string[]): void {
    if (this.accept('(')) {
      this.select(false);
      this.expect(')');
      this.accept('AS');
      this.name();
      return;
    }
    const { db, table } = this.tableName();
    own.push(`select::${db}::${table}`);
    this.optionalAlias();
  }

  /** `[ORDER BY e [ASC|DESC], …] [LIMIT n [OFFSET n] | LIMIT n, n]`. */
  private orderAndLimit(offset: boolean, limit = true): void {
    if (this.accept('ORDER')) {
      this.expect('BY');
      do {
        this.expr();
        if (!this.accept('ASC')) this.accept('DESC');
      } while (this.accept(','));
    }
    if (limit && this.accept('LIMIT')) {
      this.limitValue();
      if (offset && this.accept('OFFSET')) this.limitValue();
      else if (offset && this.accept(',')) this.limitValue();
    }
  }

  private limitValue(): void {
    const k = this.kinds[this.i];
    if (k !== K.Number && k !== K.Param) throw FAIL;
    if (k === K.Number && this.texts[this.i].includes('.')) throw FAIL;
    this.i++;
  }

  /** `INSERT INTO t (a, …) VALUES (…), … [ON DUPLICATE KEY UPDATE a = …, …]`: rows as long as the column list. */
  private insert(): void {
    this.expect('INSERT');
    this.expect('INTO');
    const { db, table } = this.tableName();
    this.expect('(');
    let columns = 0;
    do {
      this.name();
      columns++;
    } while (this.accept(','));
    this.expect(')');
    this.expect('VALUES');
    do {
      this.expect('(');
      let values = 0;
      do {
        this.expr();
        values++;
      } while (this.accept(','));
      this.expect(')');
      if (values !== columns) throw FAIL;
    } while (this.accept(','));
    if (this.accept('ON')) {
      this.expect('DUPLICATE');
      this.expect('KEY');
      this.expect('UPDATE');
      do {
        this.name();
        this.expect('=');
        if (this.key() === 'VALUES' && this.key(1) === '(') {
          this.i += 2;
          this.name();
          this.expect(')');
        } else this.expr();
      } while (this.accept(','));
    }
    this.entries.add(`insert::${db}::${table}`);
  }

  /** `UPDATE t SET a = …, … [WHERE …] [ORDER BY …] [LIMIT n]`: one table, no alias, unqualified columns set. */
  private update(): void {
    this.expect('UPDATE');
    const { db, table } = this.tableName();
    this.expect('SET');
    do {
      this.name();
      this.expect('=');
      this.expr();
    } while (this.accept(','));
    if (this.accept('WHERE')) this.expr();
    this.orderAndLimit(false);
    this.entries.add(`update::${db}::${table}`);
  }

  /** `DELETE FROM t [WHERE …] [ORDER BY …] [LIMIT n]`: one table, no alias. */
  private delete(): void {
    this.expect('DELETE');
    this.expect('FROM');
    const { db, table } = this.tableName();
    if (this.accept('WHERE')) this.expr();
    this.orderAndLimit(false);
    this.entries.add(`delete::${db}::${table}`);
  }

  private expr(): void {
    this.and();
    while (this.accept('OR')) this.and();
  }

  private and(): void {
    this.not();
    while (this.accept('AND')) this.not();
  }

  private not(): void {
    if (this.accept('NOT')) {
      if (this.key() === 'EXISTS') this.exists();
      else this.not();
      return;
    }
    this.predicate();
  }

  private exists(): void {
    this.expect('EXISTS');
    this.expect('(');
    this.select(false);
    this.expect(')');
  }

  private predicate(): void {
    if (this.key() === 'EXISTS') {
      this.exists();
      return;
    }
    this.sum();
    const k = this.key();
    if (COMPARISONS.has(k)) {
      this.i++;
      this.sum();
      return;
    }
    if (k === 'IS') {
      this.i++;
      this.accept('NOT');
      this.expect('NULL');
      return;
    }
    const negated = k === 'NOT';
    if (negated) this.i++;
    if (this.accept('IN')) {
      this.expect('(');
      if (this.key() === 'SELECT') this.select(false);
      else {
        do this.sum();
        while (this.accept(','));
      }
      this.expect(')');
    } else if (this.accept('LIKE')) this.sum();
    else if (this.accept('BETWEEN')) {
      this.sum();
      this.expect('AND');
      this.sum();
    } else if (negated) throw FAIL;
  }

  private sum(): void {
    this.term();
    while (this.key() === '+' || this.key() === '-') {
      this.i++;
      this.term();
    }
  }

  private term(): void {
    this.primary();
    while (this.key() === '*' || this.key() === '/') {
      this.i++;
      this.primary();
    }
  }

  private primary(): void {
    const kind = this.kinds[this.i];
    if (kind === K.Param || kind === K.Number || kind === K.String) {
      this.i++;
      return;
    }
    const k = this.key();
    if (k === '-' && this.kinds[this.i + 1] === K.Number) {
      this.i += 2;
      return;
    }
    if (k === 'NULL' || k === 'TRUE' || k === 'FALSE') {
      this.i++;
      return;
    }
    if (k === '(') {
      this.i++;
      if (this.key() === 'SELECT') this.select(false);
      else this.expr();
      this.expect(')');
      return;
    }
    if (k === 'CASE') {
      this.i++;
      if (this.key() !== 'WHEN') this.expr();
      this.expect('WHEN');
      do {
        this.expr();
        this.expect('THEN');
        this.expr();
      } while (this.accept('WHEN'));
      if (this.accept('ELSE')) this.expr();
      this.expect('END');
      return;
    }
    if (kind === K.Word && this.key(1) === '(') {
      this.call(k);
      return;
    }
    // A column: `c` or `t.c`.
    this.name();
    if (this.key() === '.' && this.isName(1)) this.i += 2;
  }

  private call(fn: string): void {
    this.i += 2; // name and `(`
    if (fn === 'COUNT') {
      if (!this.accept('*')) this.expr();
      this.expect(')');
      return;
    }
    if (fn === 'DATE_FORMAT') {
      this.expr();
      this.expect(',');
      if (this.kinds[this.i++] !== K.String) throw FAIL;
      this.expect(')');
      return;
    }
    if (fn === 'ROW_NUMBER') {
      // `ROW_NUMBER() OVER (PARTITION BY …, … ORDER BY …, …)`
      this.expect(')');
      this.expect('OVER');
      this.expect('(');
      this.expect('PARTITION');
      this.expect('BY');
      do this.expr();
      while (this.accept(','));
      this.orderAndLimit(false, false);
      this.expect(')');
      return;
    }
    if (fn === 'DATE_SUB' || fn === 'DATE_ADD') {
      this.expr();
      this.expect(',');
      this.expect('INTERVAL');
      this.sum();
      if (!INTERVAL_UNITS.has(this.key())) throw FAIL;
      this.i++;
      this.expect(')');
      return;
    }
    const arity = FUNCTIONS.get(fn);
    if (arity === undefined) throw FAIL;
    let args = 0;
    if (!this.accept(')')) {
      do {
        this.expr();
        args++;
      } while (this.accept(','));
      this.expect(')');
    }
    if (arity >= 0 ? args !== arity : args === 0) throw FAIL;
  }
}

/**
 * node-sql-parser's table list for `text.slice(start, end)` (its significant tokens `toks`), when the
 * statement is one of the plain forms this module reads in full; otherwise undefined (ask the parser).
 */
export function recogniseMysql(text: string, toks: readonly Token[], start: number, end: number): ParserTable[] | undefined {
  if (toks.length === 0) return undefined;
  try {
    const reader = new Reader(text, toks, start, end);
    reader.statement();
    return reader.tables();
  } catch (e) {
    if (e === FAIL) return undefined;
    throw e;
  }
}
