/**
 * Dialect markers: tokens that belong to one dialect only, found whatever the
 * analysed dialect is. Type-position markers (SERIAL, ENUM columns, inline
 * INDEX/KEY, inline COMMENT) come from the DDL reader; this module scans tokens.
 */
import type { DialectMarker, Span } from '../facts.js';
import type { Token } from './tokenizer.js';

const PG_WORDS = new Map([
  ['JSONB', 'JSONB'],
  ['BYTEA', 'BYTEA'],
  ['TIMESTAMPTZ', 'TIMESTAMPTZ'],
  ['BIGSERIAL', 'BIGSERIAL'],
  ['SMALLSERIAL', 'SMALLSERIAL'],
  ['ILIKE', 'ILIKE'],
]);
const MYSQL_WORDS = new Map([
  ['AUTO_INCREMENT', 'AUTO_INCREMENT'],
  ['UNSIGNED', 'UNSIGNED'],
  ['TINYINT', 'TINYINT'],
  ['MEDIUMINT', 'MEDIUMINT'],
  ['ZEROFILL', 'ZEROFILL'],
]);
const ON_UPDATE_NOW = new Set(['CURRENT_TIMESTAMP', 'NOW', 'LOCALTIMESTAMP', 'CURRENT_TIMESTAMP()']);
/** Words after which a double-quoted token names a table or index: PostgreSQL quoting (a string in MySQL). */
const BEFORE_QUOTED_NAME = new Set(['TABLE', 'INTO', 'FROM', 'JOIN', 'UPDATE', 'REFERENCES', 'INDEX', 'ON', 'TYPE', 'EXISTS', 'VIEW']);
const DML_HEADS = new Set(['INSERT', 'UPDATE', 'DELETE']);
/** PostgreSQL's index access methods. */
const INDEX_METHODS = new Set(['BTREE', 'HASH', 'GIN', 'GIST', 'SPGIST', 'BRIN']);

/**
 * PostgreSQL features MySQL never accepts, although node-sql-parser's MySQL grammar lets some
 * through (`::` casts): with one of them, a statement is PostgreSQL whatever that parser says.
 */
export const NEVER_MYSQL = new Set([
  ':: cast',
  'dollar quoting',
  'JSONB',
  'BYTEA',
  'TIMESTAMPTZ',
  'BIGSERIAL',
  'SMALLSERIAL',
  'CREATE EXTENSION',
  'LANGUAGE plpgsql',
  'ILIKE',
  'ON CONFLICT',
]);

/**
 * Every word the scan below reads as (part of) a marker: any other word is passed over at once. Most words of a
 * statement are names and plain keywords, and each used to cost two neighbour reads, two map lookups and the switch's
 * string comparisons (every statement of every run goes through here).
 */
export const MARKER_WORDS: ReadonlySet<string> = new Set([
  ...PG_WORDS.keys(),
  ...MYSQL_WORDS.keys(),
  'RETURNING',
  'CONFLICT',
  'IGNORE',
  'REPLACE',
  'DUPLICATE',
  'EXTENSION',
  'TYPE',
  'COMMENT',
  'CONCURRENTLY',
  'USING',
  'NOT',
  'LANGUAGE',
  'ENGINE',
  'CHARSET',
  'ON',
]);

/**
 * Scans `tokens` (comments included) of one statement, after `leading` (the comments before it, if any: scanned
 * first, as if the two lists were one). `significant` is the same tokens without comments, used for keyword sequences.
 */
export function scanMarkers(text: string, tokens: Token[], significant: Token[], leading?: Token[]): DialectMarker[] {
  const out: DialectMarker[] = [];
  let backtick = false;
  let doubleQuoted = false;
  let depth = 0;
  if (leading) hashComments(text, leading, out);
  hashComments(text, tokens, out);
  const up = (i: number): string => {
    const t = significant[i];
    if (!t) return '';
    if (t.type === 'word') return t.upper!;
    if (t.type === 'op') return text.slice(t.start, t.end);
    return '';
  };
  const sp = (i: number, j = i): Span => ({ start: significant[i].start, end: significant[j].end });
  for (let i = 0; i < significant.length; i++) {
    const t = significant[i];
    if (t.type === 'quoted') {
      if (!backtick && text.charCodeAt(t.start) === 96) {
        backtick = true;
        out.push({ dialect: 'mysql', feature: 'backtick identifier', span: { start: t.start, end: t.end } });
      } else if (!doubleQuoted && text.charCodeAt(t.start) === 34 && (BEFORE_QUOTED_NAME.has(up(i - 1)) || up(i + 1) === '.')) {
        doubleQuoted = true;
        out.push({ dialect: 'postgresql', feature: 'double-quoted identifier', span: { start: t.start, end: t.end } });
      }
      continue;
    }
    if (t.type === 'dollar') {
      out.push({ dialect: 'postgresql', feature: 'dollar quoting', span: { start: t.start, end: t.bodyStart ?? t.end } });
      continue;
    }
    if (t.type === 'op') {
      if (text.startsWith('::', t.start) && t.end - t.start === 2) out.push({ dialect: 'postgresql', feature: ':: cast', span: sp(i) });
      else if (t.end - t.start === 1 && text.charCodeAt(t.start) === 40 /* ( */) depth++;
      else if (t.end - t.start === 1 && text.charCodeAt(t.start) === 41 /* ) */) depth = Math.max(0, depth - 1);
      continue;
    }
    if (t.type !== 'word') continue;
    const k = t.upper!;
    if (!MARKER_WORDS.has(k)) continue;
    // `t.jsonb` or `returning.x` are column/table names, not keywords.
    if (up(i - 1) === '.' || up(i + 1) === '.') continue;
    const pg = PG_WORDS.get(k);
    if (pg) {
      out.push({ dialect: 'postgresql', feature: pg, span: sp(i) });
      continue;
    }
    const my = MYSQL_WORDS.get(k);
    if (my) {
      out.push({ dialect: 'mysql', feature: my, span: sp(i) });
      continue;
    }
    switch (k) {
      // `INSERT … RETURNING id`; inside parentheses it is MySQL's `JSON_VALUE(… RETURNING CHAR)`.
      case 'RETURNING':
        if (depth === 0 && DML_HEADS.has(up(0))) out.push({ dialect: 'postgresql', feature: 'RETURNING', span: sp(i) });
        break;
      case 'CONFLICT':
        if (up(i - 1) === 'ON' && depth === 0) out.push({ dialect: 'postgresql', feature: 'ON CONFLICT', span: sp(i - 1, i) });
        break;
      case 'IGNORE':
        if (i === 1 && up(0) === 'INSERT') out.push({ dialect: 'mysql', feature: 'INSERT IGNORE', span: sp(0, 1) });
        break;
      case 'REPLACE':
        if (i === 0 && up(1) === 'INTO') out.push({ dialect: 'mysql', feature: 'REPLACE INTO', span: sp(0, 1) });
        break;
      case 'DUPLICATE':
        if (up(i - 1) === 'ON' && up(i + 1) === 'KEY' && up(i + 2) === 'UPDATE')
          out.push({ dialect: 'mysql', feature: 'ON DUPLICATE KEY UPDATE', span: sp(i - 1, i + 2) });
        break;
      case 'EXTENSION':
        if (up(i - 1) === 'CREATE') out.push({ dialect: 'postgresql', feature: 'CREATE EXTENSION', span: sp(i - 1, i) });
        break;
      // Statement forms MySQL has no grammar for: CREATE TYPE, COMMENT ON, CREATE INDEX CONCURRENTLY.
      case 'TYPE':
        if (i === 1 && up(0) === 'CREATE') out.push({ dialect: 'postgresql', feature: 'CREATE TYPE', span: sp(0, 1) });
        // ALTER TABLE t ALTER [COLUMN] c [SET DATA] TYPE …: MySQL changes a column's type with MODIFY / CHANGE.
        else if (up(0) === 'ALTER' && (up(i - 2) === 'COLUMN' || up(i - 2) === 'ALTER' || (up(i - 1) === 'DATA' && up(i - 2) === 'SET')))
          out.push({ dialect: 'postgresql', feature: 'ALTER COLUMN … TYPE', span: sp(i) });
        break;
      case 'COMMENT':
        if (i === 0 && up(1) === 'ON') out.push({ dialect: 'postgresql', feature: 'COMMENT ON', span: sp(0, 1) });
        break;
      case 'CONCURRENTLY':
        if (up(0) === 'CREATE' && up(i - 1) === 'INDEX')
          out.push({ dialect: 'postgresql', feature: 'INDEX CONCURRENTLY', span: sp(i - 1, i) });
        break;
      // PostgreSQL's `ON t USING btree (c)`; MySQL's USING BTREE stands before ON or after the column list, never before `(`.
      case 'USING':
        if (
          up(0) === 'CREATE' &&
          INDEX_METHODS.has(up(i + 1)) &&
          up(i + 2) === '(' &&
          significant.slice(0, i).some((x) => x.upper === 'ON')
        )
          out.push({
            dialect: 'postgresql',
            feature: `USING ${text.slice(significant[i + 1].start, significant[i + 1].end)}`,
            span: sp(i, i + 1),
          });
        break;
      // ALTER TABLE t ALTER COLUMN c SET NOT NULL / DROP NOT NULL: MySQL's ALTER c only sets or drops a default or visibility.
      case 'NOT':
        if (up(0) === 'ALTER' && (up(i - 1) === 'SET' || up(i - 1) === 'DROP') && up(i + 1) === 'NULL')
          out.push({ dialect: 'postgresql', feature: `${up(i - 1)} NOT NULL`, span: sp(i - 1, i + 1) });
        break;
      case 'LANGUAGE': {
        const next = significant[i + 1];
        if (next && /^'?plpgsql'?$/i.test(text.slice(next.start, next.end))) {
          out.push({ dialect: 'postgresql', feature: 'LANGUAGE plpgsql', span: sp(i, i + 1) });
        }
        break;
      }
      case 'ENGINE':
        if (up(i + 1) === '=') out.push({ dialect: 'mysql', feature: 'ENGINE=', span: sp(i) });
        break;
      case 'CHARSET':
        if (up(i - 1) === 'DEFAULT') out.push({ dialect: 'mysql', feature: 'DEFAULT CHARSET', span: sp(i - 1, i) });
        else out.push({ dialect: 'mysql', feature: 'CHARSET', span: sp(i) });
        break;
      case 'ON':
        if (up(i + 1) === 'UPDATE' && ON_UPDATE_NOW.has(up(i + 2))) {
          out.push({ dialect: 'mysql', feature: 'ON UPDATE CURRENT_TIMESTAMP', span: sp(i, i + 2) });
        }
        break;
      default:
        break;
    }
  }
  return out;
}

/** MySQL's `#` comments among `tokens`, in order. */
function hashComments(text: string, tokens: Token[], out: DialectMarker[]): void {
  // Indexed: a for…of allocates an iterator result per step until V8 optimises it, and this sees every token of every statement.
  for (let ti = 0; ti < tokens.length; ti++) {
    const t = tokens[ti];
    if (t.type === 'comment' && text.charCodeAt(t.start) === 35 /* # */) {
      out.push({ dialect: 'mysql', feature: '# comment', span: { start: t.start, end: t.start + 1 } });
    }
  }
}
