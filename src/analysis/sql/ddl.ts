/**
 * Token-based DDL facts: CREATE TABLE / ALTER TABLE definitions, CREATE INDEX, CREATE VIEW, and the
 * columns, indexes and constraints a statement renames or drops (name-changes.ts).
 *
 * Works the same whether or not a real parser accepted the statement, so a
 * "PostgreSQL" schema with MySQL-only syntax pasted in still yields its tables.
 * Spans are token spans; enum value spans include their quotes.
 */
import type {
  DialectMarker,
  IndexKind,
  SqlColumnDef,
  SqlForeignKey,
  SqlIndexDef,
  SqlNameChange,
  SqlStatement,
  SqlTableDef,
  Span,
  StatementKind,
} from '../facts.js';
import { readNameChanges } from './name-changes.js';
import { createHeader } from './refs.js';
import { stringValue } from './tokenizer.js';
import { HOLE_PREFIX, type NameRead, type TokView } from './tokview.js';

export interface DdlFacts {
  tables: SqlTableDef[];
  indexes: SqlIndexDef[];
  views: Array<{ name: string; qualifier?: string; span: Span }>;
  /** See `SqlStatement.trigger`. */
  trigger?: NonNullable<SqlStatement['trigger']>;
  /** See `SqlStatement.sequences`. */
  sequences: Array<{ name: string; qualifier?: string; span: Span }>;
  /** See `SqlStatement.routines`. */
  routines: Array<{ name: string; qualifier?: string; span: Span }>;
  markers: DialectMarker[];
  enumTypes: NonNullable<SqlStatement['enumTypes']>;
  nameChanges: SqlNameChange[];
}

/**
 * Words reserved in PostgreSQL and MySQL 8 alike: never an unquoted column name in either, so a token reading of
 * `ADD DEFAULT ''` (invalid, after a parse failure) adds no column 'DEFAULT' (HELDOUT10 #24).
 */
const RESERVED_COLUMN_WORDS = new Set([
  'ALL',
  'AND',
  'AS',
  'ASC',
  'BOTH',
  'CASE',
  'CHECK',
  'COLLATE',
  'COLUMN',
  'CONSTRAINT',
  'CREATE',
  'CURRENT_DATE',
  'CURRENT_TIME',
  'CURRENT_TIMESTAMP',
  'CURRENT_USER',
  'DEFAULT',
  'DESC',
  'DISTINCT',
  'ELSE',
  'FALSE',
  'FETCH',
  'FOR',
  'FOREIGN',
  'FROM',
  'GRANT',
  'GROUP',
  'HAVING',
  'IN',
  'INTO',
  'LEADING',
  'LIMIT',
  'LOCALTIME',
  'LOCALTIMESTAMP',
  'NOT',
  'NULL',
  'ON',
  'OR',
  'ORDER',
  'PRIMARY',
  'REFERENCES',
  'SELECT',
  'TABLE',
  'THEN',
  'TO',
  'TRAILING',
  'TRUE',
  'UNION',
  'UNIQUE',
  'USING',
  'WHEN',
  'WHERE',
  'WITH',
]);

const CONSTRAINT_STARTS = new Set([
  'CONSTRAINT',
  'PRIMARY',
  'FOREIGN',
  'UNIQUE',
  'INDEX',
  'KEY',
  'FULLTEXT',
  'SPATIAL',
  'CHECK',
  'EXCLUDE',
  'LIKE',
  'PERIOD',
]);
/** Type names, to tell a column called `key` or `period` (PostgreSQL) from a constraint. */
const KNOWN_TYPES = new Set([
  'INT',
  'INTEGER',
  'SMALLINT',
  'TINYINT',
  'MEDIUMINT',
  'BIGINT',
  'SERIAL',
  'BIGSERIAL',
  'SMALLSERIAL',
  'DECIMAL',
  'NUMERIC',
  'REAL',
  'FLOAT',
  'DOUBLE',
  'BOOLEAN',
  'BOOL',
  'BIT',
  'CHAR',
  'CHARACTER',
  'VARCHAR',
  'NCHAR',
  'NVARCHAR',
  'TEXT',
  'TINYTEXT',
  'MEDIUMTEXT',
  'LONGTEXT',
  'BLOB',
  'LONGBLOB',
  'BYTEA',
  'BINARY',
  'VARBINARY',
  'DATE',
  'TIME',
  'TIMESTAMP',
  'TIMESTAMPTZ',
  'DATETIME',
  'YEAR',
  'INTERVAL',
  'JSON',
  'JSONB',
  'UUID',
  'ENUM',
  'SET',
  'INET',
  'CIDR',
  'MONEY',
  'XML',
]);
const PG_SERIALS = new Set(['SERIAL', 'BIGSERIAL', 'SMALLSERIAL', 'SERIAL2', 'SERIAL4', 'SERIAL8']);
/** Column types only PostgreSQL has. Plain SERIAL is not one: MySQL accepts it too (BIGINT UNSIGNED AUTO_INCREMENT). */
const PG_ONLY_TYPES = new Set([
  'BIGSERIAL',
  'SMALLSERIAL',
  'SERIAL2',
  'SERIAL4',
  'SERIAL8',
  'UUID',
  'INET',
  'CIDR',
  'MACADDR',
  'TSVECTOR',
  'TSQUERY',
  'CITEXT',
  'MONEY',
]);
/** Column types only MySQL has. */
const MYSQL_ONLY_TYPES = new Set(['DATETIME', 'TINYTEXT', 'MEDIUMTEXT', 'LONGTEXT', 'TINYBLOB', 'MEDIUMBLOB', 'LONGBLOB', 'BLOB', 'YEAR']);
/** Integer types that take a display width in MySQL (`INT(11)`), which PostgreSQL rejects. */
const MYSQL_WIDTH_INTS = new Set(['INT', 'INTEGER', 'BIGINT', 'SMALLINT']);

/** The dialect marker a column type is, if it belongs to one dialect only. */
function typeMarker(col: SqlColumnDef, words: string[]): Omit<DialectMarker, 'span'> | undefined {
  const [w0] = words;
  let end = col.dataType.length;
  while (col.dataType.endsWith('[]', end)) end -= 2;
  const base = col.dataType.slice(0, end);
  if (PG_ONLY_TYPES.has(base)) return { dialect: 'postgresql', feature: base };
  if (col.dataType.endsWith('[]')) return { dialect: 'postgresql', feature: 'array type' };
  if (words.includes('ZONE')) return { dialect: 'postgresql', feature: `${w0} ${words[1]} TIME ZONE` };
  if (MYSQL_ONLY_TYPES.has(base)) return { dialect: 'mysql', feature: base };
  if (w0 === 'ENUM' && col.enumValues) return { dialect: 'mysql', feature: 'ENUM column type' };
  if (w0 === 'SET' && col.enumValues) return { dialect: 'mysql', feature: 'SET column type' };
  if (w0 === 'DOUBLE' && words.length === 1) return { dialect: 'mysql', feature: 'DOUBLE' };
  if (MYSQL_WIDTH_INTS.has(w0) && col.typeArgs.length > 0) return { dialect: 'mysql', feature: `${w0}(n) display width` };
  return undefined;
}

function nameFields(r: NameRead): { name: string; qualifier?: string } {
  return r.qualifier !== undefined ? { name: r.name, qualifier: r.qualifier } : { name: r.name };
}

/**
 * The table a DDL name stands for when only its schema is a template hole: `CREATE TABLE ${schema}.job (…)`,
 * `"${s}"."job"`, `${quoteIdent(s)}.job` (pg-boss, the DBOS SDK: the schema is the caller's, `pgboss` by default)
 * creates table `job`, its schema unknown here, as `FROM ${schema}.job` uses table `job` (hole-tables.ts). A name
 * whose table part is built from a hole (`${table}`, `${prefix}_job`) is no table. Null when none.
 */
function heldName(r: NameRead | null): NameRead | null {
  if (!r) return null;
  if (!r.hole) return r;
  if (r.name.includes(HOLE_PREFIX)) return null;
  return { parts: r.parts.slice(-1), name: r.name, span: r.span, next: r.next, hole: false };
}

class DdlReader {
  readonly out: DdlFacts = { tables: [], indexes: [], views: [], sequences: [], routines: [], markers: [], enumTypes: [], nameChanges: [] };

  constructor(
    private readonly v: TokView,
    private readonly mysqlStrings: boolean,
  ) {}

  run(kind: StatementKind): DdlFacts {
    const { v } = this;
    if (kind === 'create_table' || kind === 'create_index' || kind === 'create_view') {
      const h = createHeader(v, 0);
      if (h) {
        if (kind === 'create_table') this.createTable(h.objectIndex + 1, h.modifiers.has('TEMPORARY') || h.modifiers.has('TEMP'));
        else if (kind === 'create_index') this.createIndex(h.objectIndex + 1, h.modifiers);
        else this.createView(h.objectIndex + 1);
      }
    } else if (kind === 'alter_table') {
      this.alterTable(2);
    } else if (kind === 'create_routine') {
      const h = createHeader(v, 0);
      if (h?.object === 'TRIGGER') this.createTrigger(h.objectIndex + 1);
      else if (h?.object === 'PROCEDURE' || h?.object === 'FUNCTION') this.createRoutine(h.objectIndex + 1);
    } else if (kind === 'create_other') {
      const h = createHeader(v, 0);
      if (h?.object === 'TYPE') this.createEnumType(h.objectIndex + 1);
      else if (h?.object === 'SEQUENCE') this.createSequence(h.objectIndex + 1);
    } else if (v.key(0) === 'ALTER' && v.key(1) === 'TYPE') {
      this.alterEnumType(2);
    } else if (v.key(0) === 'RENAME' && v.key(1) === 'TABLE') {
      this.renameTables(2);
    }
    this.out.nameChanges = readNameChanges(v);
    return this.out;
  }

  /** `CREATE TYPE name AS ENUM ('a', 'b')`; other CREATE TYPE forms (composite, range) define no values. */
  private createEnumType(i: number): void {
    const { v } = this;
    const r = v.readName(i, false);
    if (!r || r.hole || v.key(r.next) !== 'AS' || v.key(r.next + 1) !== 'ENUM' || v.key(r.next + 2) !== '(') return;
    const open = r.next + 2;
    const values: Array<{ value: string; span: Span }> = [];
    for (const [a, b] of v.splitTopLevel(open + 1, v.matchParen(open))) {
      const value = b === a + 1 ? this.stringAt(a) : undefined;
      if (value) values.push(value);
    }
    this.out.enumTypes.push({ ...nameFields(r), span: r.span, values });
  }

  /** `ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'v' [BEFORE|AFTER 'w']`, `ALTER TYPE name RENAME VALUE 'old' TO 'v'`. */
  private alterEnumType(i: number): void {
    const { v } = this;
    const r = v.readName(i, false);
    if (!r || r.hole) return;
    const j = r.next;
    let value: { value: string; span: Span } | undefined;
    if (v.key(j) === 'ADD' && v.key(j + 1) === 'VALUE') {
      value = this.stringAt(v.skipIfExists(j + 2));
    } else if (v.key(j) === 'RENAME' && v.key(j + 1) === 'VALUE' && this.stringAt(j + 2) && v.key(j + 3) === 'TO') {
      value = this.stringAt(j + 4);
    }
    if (value) this.out.enumTypes.push({ ...nameFields(r), span: r.span, values: [value] });
  }

  /** The string literal at `i` (quotes included in its span), if that token is one. */
  private stringAt(i: number): { value: string; span: Span } | undefined {
    const t = this.v.toks[i];
    if (!t || t.type !== 'string') return undefined;
    const escapes = this.mysqlStrings || /^[eE]'/.test(this.v.text.slice(t.start, t.start + 2)); // PostgreSQL E'…'
    return { value: stringValue(this.v.text, t, escapes), span: { start: t.start, end: t.end } };
  }

  /**
   * `CREATE TRIGGER name {BEFORE|AFTER|INSTEAD OF} event [OR event…] ON table …`: the first `ON`
   * at the statement's top level ends the header (a body's `JOIN … ON` comes after it).
   */
  private createTrigger(i: number): void {
    const { v } = this;
    let depth = 0;
    for (let j = i; j < v.length; j++) {
      const k = v.key(j);
      if (k === '(') depth++;
      else if (k === ')') depth--;
      else if (depth === 0 && (k === 'BEGIN' || k === 'EXECUTE' || k === 'AS')) return;
      else if (depth === 0 && k === 'ON') {
        const r = v.readName(j + 1);
        if (r && !r.hole) this.out.trigger = { ...nameFields(r), span: r.span };
        return;
      }
    }
  }

  /** `CREATE [OR REPLACE] [DEFINER = u] PROCEDURE|FUNCTION [IF NOT EXISTS] name (…)`: the name, when a parameter list follows it. */
  private createRoutine(i: number): void {
    const r = this.v.readName(this.v.skipIfExists(i));
    if (r && !r.hole && this.v.key(r.next) === '(') this.out.routines.push({ ...nameFields(r), span: r.span });
  }

  /** `CREATE SEQUENCE [IF NOT EXISTS] name …` (PostgreSQL, MariaDB). */
  private createSequence(i: number): void {
    const r = this.v.readName(this.v.skipIfExists(i));
    if (r && !r.hole) this.out.sequences.push({ ...nameFields(r), span: r.span });
  }

  private createView(i: number): void {
    const r = this.v.readName(this.v.skipIfExists(i));
    if (r && !r.hole) this.out.views.push({ ...nameFields(r), span: r.span });
  }

  private createTable(i: number, temporary: boolean): void {
    const { v } = this;
    const r = heldName(v.readName(v.skipIfExists(i)));
    if (!r) return;
    const table: SqlTableDef = {
      kind: 'create',
      ...nameFields(r),
      span: r.span,
      columns: [],
      primaryKey: [],
      foreignKeys: [],
      indexes: [],
    };
    if (temporary) table.temporary = true;
    const j = r.next;
    if (v.key(j) === '(' && v.key(j + 1) !== 'LIKE') {
      const close = v.matchParen(j);
      for (const [s, e] of v.splitTopLevel(j + 1, close)) this.element(s, e, table, true);
    }
    this.finish(table);
    this.out.tables.push(table);
  }

  private alterTable(i: number): void {
    const { v } = this;
    if (v.key(i) === 'ONLY') i++;
    i = v.skipIfExists(i);
    if (v.key(i) === 'ONLY') i++;
    const r = heldName(v.readName(i));
    if (!r) return;
    const table: SqlTableDef = { kind: 'alter', ...nameFields(r), span: r.span, columns: [], primaryKey: [], foreignKeys: [], indexes: [] };
    let end = v.length;
    for (let j = r.next; j < v.length; j++) if (v.key(j) === ';') end = j;
    for (const [s0, e] of v.splitTopLevel(r.next, end)) {
      let s = s0;
      const k = v.key(s);
      if (k === 'ADD') {
        s++;
        if (v.key(s) === 'COLUMN') s++;
        s = v.skipIfExists(s);
        if (v.key(s) === '(') {
          const close = Math.min(v.matchParen(s), e);
          for (const [a, b] of v.splitTopLevel(s + 1, close)) this.element(a, b, table, false);
        } else {
          this.element(s, e, table, false);
        }
      } else if (k === 'MODIFY' || k === 'CHANGE') {
        s++;
        if (v.key(s) === 'COLUMN') s++;
        s = v.skipIfExists(s);
        if (k === 'CHANGE') s++; // old name
        this.column(s, e, table);
      } else if (k === 'RENAME') {
        this.rename(s + 1, e, table);
      }
    }
    this.finish(table);
    this.out.tables.push(table);
  }

  /**
   * The part of `ALTER TABLE t RENAME …` after RENAME: `[COLUMN] a TO b` adds column `b`
   * (type unknown: dataType ''), `TO|AS n` or MySQL's bare `n` sets `renamedTo`.
   * `RENAME INDEX|KEY|CONSTRAINT …` names no table or column.
   */
  private rename(s: number, e: number, table: SqlTableDef): void {
    const { v } = this;
    const k = v.key(s);
    if (k === 'INDEX' || k === 'KEY' || k === 'CONSTRAINT') return;
    const columnAt = k === 'COLUMN' ? s + 1 : v.key(s + 1) === 'TO' ? s : -1;
    if (columnAt >= 0) {
      const to = columnAt + 2;
      if (v.key(columnAt + 1) !== 'TO' || !v.isIdent(columnAt) || !v.isIdent(to) || to + 1 !== e) return;
      table.columns.push({ name: v.ident(to), dataType: '', typeArgs: [], primaryKey: false, nullable: true, span: v.span(to) });
      return;
    }
    const at = k === 'TO' || k === 'AS' ? s + 1 : s;
    const r = v.readName(at, false);
    if (r && !r.hole && r.next === e) table.renamedTo = { ...nameFields(r), span: r.span };
  }

  /** MySQL `RENAME TABLE a TO b [, c TO d …]`: one `alter` definition of each old name, with `renamedTo`. */
  private renameTables(i: number): void {
    const { v } = this;
    let end = v.length;
    for (let j = i; j < v.length; j++) {
      if (v.key(j) === ';') {
        end = j;
        break;
      }
    }
    for (const [s, e] of v.splitTopLevel(i, end)) {
      const from = v.readName(s, false);
      if (!from || from.hole || v.key(from.next) !== 'TO') continue;
      const to = v.readName(from.next + 1, false);
      if (!to || to.hole || to.next !== e) continue;
      this.out.tables.push({
        kind: 'alter',
        ...nameFields(from),
        span: from.span,
        columns: [],
        primaryKey: [],
        foreignKeys: [],
        indexes: [],
        renamedTo: { ...nameFields(to), span: to.span },
      });
    }
  }

  private finish(table: SqlTableDef): void {
    if (table.primaryKey.length === 0) {
      table.primaryKey = table.columns.filter((c) => c.primaryKey).map((c) => c.name);
    }
    const pk = new Set(table.primaryKey.map((n) => n.toLowerCase()));
    for (const c of table.columns) {
      if (pk.has(c.name.toLowerCase())) {
        c.primaryKey = true;
        c.nullable = false;
      }
    }
  }

  /** One element of a CREATE TABLE list or an ALTER TABLE ADD: a column or a constraint. */
  private element(s: number, e: number, table: SqlTableDef, inCreate: boolean): void {
    const { v } = this;
    const first = v.toks[s];
    if (!first) return;
    if (first.type === 'word' && CONSTRAINT_STARTS.has(first.upper!)) {
      // `key` / `index` can't be bare column names in MySQL; a quoted one arrives as 'quoted'.
      const k = first.upper!;
      const structural = k === 'CONSTRAINT' || k === 'PRIMARY' || k === 'FOREIGN' || k === 'UNIQUE' || k === 'CHECK';
      if (!structural && (KNOWN_TYPES.has(v.key(s + 1)) || !(v.key(s + 1) === '(' || v.isIdent(s + 1)))) {
        this.column(s, e, table);
        return;
      }
      this.constraint(s, e, table, inCreate);
      return;
    }
    this.column(s, e, table);
  }

  private constraint(s: number, e: number, table: SqlTableDef, inCreate: boolean): void {
    const { v } = this;
    let name: { value: string; span: Span } | undefined;
    if (v.key(s) === 'CONSTRAINT') {
      s++;
      if (v.isIdent(s) && !['PRIMARY', 'FOREIGN', 'UNIQUE', 'CHECK', 'EXCLUDE'].includes(v.key(s))) {
        name = { value: v.ident(s), span: v.span(s) };
        s++;
      }
    }
    const k = v.key(s);
    if (k === 'PRIMARY' && v.key(s + 1) === 'KEY') {
      table.primaryKey.push(...this.columnList(s + 2, e).columns);
      return;
    }
    if (k === 'FOREIGN' && v.key(s + 1) === 'KEY') {
      const keyword = v.span(s, s + 1);
      let j = s + 2;
      let indexName: { value: string; span: Span } | undefined;
      if (v.isIdent(j) && v.key(j + 1) === '(') {
        indexName = { value: v.ident(j), span: v.span(j) };
        j++;
      }
      const cols = this.columnList(j, e);
      const named = name ?? indexName;
      const fk = this.references(cols.next, e, cols.columns, keyword, named);
      if (fk) table.foreignKeys.push(fk);
      return;
    }
    let kind: IndexKind | undefined;
    let j = s;
    let mysqlOnly = '';
    if (k === 'UNIQUE') {
      kind = 'unique';
      j++;
      if (v.key(j) === 'KEY' || v.key(j) === 'INDEX') {
        mysqlOnly = `UNIQUE ${v.key(j)}`;
        j++;
      }
      if (v.key(j) === 'NULLS') j += v.key(j + 1) === 'NOT' ? 3 : 2;
    } else if (k === 'INDEX' || k === 'KEY') {
      kind = 'index';
      mysqlOnly = `inline ${k}`;
      j++;
    } else if (k === 'FULLTEXT' || k === 'SPATIAL') {
      kind = k === 'FULLTEXT' ? 'fulltext' : 'spatial';
      mysqlOnly = k;
      j++;
      if (v.key(j) === 'KEY' || v.key(j) === 'INDEX') j++;
    }
    if (!kind) return; // CHECK, EXCLUDE, LIKE…
    const keyword = v.span(s, j - 1);
    if (mysqlOnly) {
      this.out.markers.push({
        dialect: 'mysql',
        feature: inCreate ? mysqlOnly : `ADD ${mysqlOnly.replace(/^inline /, '')}`,
        span: keyword,
      });
    }
    if (v.isIdent(j) && v.key(j) !== 'USING' && v.key(j + 1) !== ',' && j < e) {
      if (!name) name = { value: v.ident(j), span: v.span(j) };
      j++;
    }
    if (v.key(j) === 'USING') j += 2;
    const cols = this.columnList(j, e);
    table.indexes.push({
      ...(name ? { name: name.value } : {}),
      span: name?.span ?? keyword,
      kind,
      table: table.name,
      columns: cols.columns,
    });
  }

  /** `REFERENCES t [(cols)]` at `i`; returns the foreign key or undefined when the target is not a usable name. */
  private references(
    i: number,
    e: number,
    columns: string[],
    keyword: Span,
    name: { value: string; span: Span } | undefined,
  ): SqlForeignKey | undefined {
    const { v } = this;
    while (i < e && v.key(i) !== 'REFERENCES') i++;
    if (v.key(i) !== 'REFERENCES') return undefined;
    const r = heldName(v.readName(i + 1));
    if (!r) return undefined;
    const refCols = v.key(r.next) === '(' ? this.columnList(r.next, e).columns : [];
    return {
      ...(name ? { name: name.value, nameSpan: name.span } : {}),
      columns,
      references: { ...nameFields(r), action: 'references', span: r.span },
      referencedColumns: refCols,
      span: keyword,
    };
  }

  /** Reads `(a, b(10) DESC, lower(c))` at `i` (skipping a leading `USING x`); `e` bounds the element. */
  private columnList(i: number, e: number): { columns: string[]; next: number } {
    const { v } = this;
    if (v.key(i) === 'USING') i += 2;
    if (v.key(i) !== '(' || i >= e) return { columns: [], next: i };
    const close = v.matchParen(i);
    const columns: string[] = [];
    for (const [a, b] of v.splitTopLevel(i + 1, close)) {
      // A column (`email`, `email DESC`); a call is an expression, also a schema's function (`message_store.category(stream_name)`).
      if (v.isIdent(a) && (b === a + 1 || (v.key(a + 1) !== '(' && v.key(a + 1) !== '.'))) columns.push(v.ident(a));
      else columns.push(this.v.text.slice(v.toks[a].start, v.toks[b - 1].end).trim());
    }
    return { columns, next: close + 1 };
  }

  private column(s: number, e: number, table: SqlTableDef): void {
    const { v } = this;
    if (!v.isIdent(s) || s >= e) return;
    if (v.toks[s].type === 'word' && RESERVED_COLUMN_WORDS.has(v.key(s))) return;
    const col: SqlColumnDef = {
      name: v.ident(s),
      dataType: '',
      typeArgs: [],
      primaryKey: false,
      nullable: true,
      span: v.span(s),
    };
    let j = this.type(s + 1, e, col);
    let constraintName: { value: string; span: Span } | undefined;
    let afterDefault = false;
    while (j < e) {
      const k = v.key(j);
      if (k === '(') {
        j = v.matchParen(j) + 1;
        afterDefault = false;
        continue;
      }
      if (k === 'NOT' && v.key(j + 1) === 'NULL') {
        col.nullable = false;
        j += 2;
        continue;
      }
      if (k === 'NULL' && !afterDefault) col.nullable = true;
      if (k === 'PRIMARY' && v.key(j + 1) === 'KEY') {
        col.primaryKey = true;
        col.nullable = false;
        j += 2;
        continue;
      }
      if (k === 'CONSTRAINT' && v.isIdent(j + 1)) {
        constraintName = { value: v.ident(j + 1), span: v.span(j + 1) };
        j += 2;
        continue;
      }
      if (k === 'UNIQUE') {
        const kwEnd = v.key(j + 1) === 'KEY' ? j + 1 : j;
        table.indexes.push({
          ...(constraintName ? { name: constraintName.value } : {}),
          span: constraintName?.span ?? v.span(j, kwEnd),
          kind: 'unique',
          table: table.name,
          columns: [col.name],
        });
        constraintName = undefined;
        j = kwEnd + 1;
        continue;
      }
      if (k === 'REFERENCES') {
        const fk = this.references(j, e, [col.name], v.span(j), constraintName);
        if (fk) table.foreignKeys.push(fk);
        constraintName = undefined;
        j++;
        continue;
      }
      if (k === 'COMMENT' && v.toks[j + 1] && (v.toks[j + 1].type === 'string' || v.toks[j + 1].type === 'quoted')) {
        this.out.markers.push({ dialect: 'mysql', feature: "inline COMMENT '…'", span: v.span(j) });
        j += 2;
        continue;
      }
      afterDefault = k === 'DEFAULT';
      j++;
    }
    if (col.primaryKey) col.nullable = false;
    if (PG_SERIALS.has(col.dataType)) col.nullable = false;
    table.columns.push(col);
  }

  /** Parses the data type at `i`; fills dataType/typeArgs/enumValues and returns the next index. */
  private type(i: number, e: number, col: SqlColumnDef): number {
    const { v } = this;
    if (i >= e || !v.isIdent(i) || CONSTRAINT_STARTS.has(v.key(i))) return i;
    const typeTok = i;
    const words = [v.toks[i].type === 'word' ? v.key(i) : v.ident(i).toUpperCase()];
    let j = i + 1;
    while (v.key(j) === '.' && v.isIdent(j + 1) && j + 1 < e) {
      words[0] += '.' + v.ident(j + 1).toUpperCase();
      j += 2;
    }
    const w0 = words[0];
    const take = (...ws: string[]): boolean => {
      for (let n = 0; n < ws.length; n++) if (v.key(j + n) !== ws[n]) return false;
      words.push(...ws);
      j += ws.length;
      return true;
    };
    if (w0 === 'DOUBLE') take('PRECISION');
    if (w0 === 'NATIONAL') take('CHARACTER') || take('CHAR');
    if (['CHARACTER', 'CHAR', 'NCHAR', 'BIT', 'NATIONAL'].includes(w0)) take('VARYING');
    if (w0 === 'LONG') take('VARCHAR') || take('VARBINARY');
    if (v.key(j) === '(' && j < e) {
      const close = v.matchParen(j);
      for (const [a, b] of v.splitTopLevel(j + 1, close)) {
        col.typeArgs.push(v.text.slice(v.toks[a].start, v.toks[b - 1].end).trim());
        if ((w0 === 'ENUM' || w0 === 'SET') && b === a + 1) {
          const t = v.toks[a];
          if (t.type === 'string' || (t.type === 'quoted' && this.mysqlStrings && v.text[t.start] === '"')) {
            (col.enumValues ??= []).push({ value: stringValue(v.text, t, this.mysqlStrings), span: { start: t.start, end: t.end } });
          }
        }
      }
      j = close + 1;
    }
    if (w0 === 'TIMESTAMP' || w0 === 'TIME') take('WITH', 'TIME', 'ZONE') || take('WITHOUT', 'TIME', 'ZONE');
    let dataType = words.join(' ');
    while (v.key(j) === '[' && j < e) {
      let close = j + 1;
      while (close < e && v.key(close) !== ']') close++;
      dataType += '[]';
      j = close + 1;
    }
    if (v.key(j) === 'ARRAY') {
      dataType += '[]';
      j++;
    }
    col.dataType = dataType;
    const marker = typeMarker(col, words);
    if (marker) this.out.markers.push({ ...marker, span: v.span(typeTok) });
    return j;
  }

  private createIndex(i: number, modifiers: Set<string>): void {
    const { v } = this;
    const keyword = v.span(i - 1);
    if (v.key(i) === 'CONCURRENTLY') i++;
    i = v.skipIfExists(i);
    let name: { value: string; span: Span } | undefined;
    if (v.key(i) !== 'ON' && v.key(i) !== 'USING' && v.isIdent(i)) {
      const r = v.readName(i);
      if (r) {
        name = { value: r.name, span: r.span };
        i = r.next;
      }
    }
    if (v.key(i) === 'USING') i += 2;
    if (v.key(i) !== 'ON') return;
    i++;
    if (v.key(i) === 'ONLY') i++;
    const r = v.readName(i);
    if (!r || r.hole) return;
    const kind: IndexKind = modifiers.has('UNIQUE')
      ? 'unique'
      : modifiers.has('FULLTEXT')
        ? 'fulltext'
        : modifiers.has('SPATIAL')
          ? 'spatial'
          : 'index';
    const cols = this.columnList(r.next, v.length);
    this.out.indexes.push({
      ...(name ? { name: name.value } : {}),
      span: name?.span ?? keyword,
      kind,
      table: r.name,
      columns: cols.columns,
    });
  }
}

export function extractDdl(v: TokView, kind: StatementKind, mysqlStrings: boolean): DdlFacts {
  return new DdlReader(v, mysqlStrings).run(kind);
}
