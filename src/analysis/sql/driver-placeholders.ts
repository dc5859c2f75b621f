/**
 * Placeholders that client libraries replace before the server sees a statement, bound into SQL
 * the dialect's parser reads, with a map from the bound text back to the statement as written.
 *
 * - mysql / mysql2 `query()` (sqlstring's `format`) and knex `raw` on every client: `??` is an
 *   identifier (`` `col` ``, `` `db`.`t` ``, a list of them); an object after `SET` (INSERT, UPDATE,
 *   `ON DUPLICATE KEY UPDATE`) expands to `a = 1, b = 2`; a nested array after `VALUES` to row
 *   lists; a value after `INFILE` to a string. These are the drivers' documented idioms and sit one
 *   per call site in MySQL code.
 * - MySQL prepared statements (mysql2 `execute()`) take `?` in `CALL p(?, ?)`: valid MySQL that
 *   node-sql-parser has no grammar for; a number stands in.
 * - knex, Sequelize and TypeORM rewrite `?` and `:name` to `$1` for PostgreSQL; knex's `\?` is a
 *   literal `?` (the jsonb `?`, `?|`, `?&` operators inside `raw`); psycopg's `%(name)s` (a Python service's
 *   query files) is a value.
 * - A `{{name}}` / `{{name::type}}` placeholder (umami's `rawQuery` helper turns it into `$1::uuid` on PostgreSQL
 *   and `?` on MySQL before the driver sees it): a value. No SQL of either engine has `{{`.
 *
 * An identifier placeholder is bound to a hole name (`HOLE_PREFIX`): it is never a table
 * reference, as a `${table}` hole is not. Binding may change lengths (`SET ?` → `SET x = NULL`):
 * `original` maps every offset in the bound text to the statement as written, so an error the
 * parser reports there, or a PostgreSQL relation's location, lands on the right token.
 */
import { HOLE_PREFIX } from './hole.js';
import type { Token } from './tokenizer.js';
import type { TokView } from './tokview.js';

export interface BoundStatement {
  /** The statement with its placeholders bound. */
  text: string;
  /** The offset in the statement as written (relative to its start) of offset `at` of `text`. */
  original(at: number): number;
}

/** A replacement of `[start, end)` of the statement (offsets relative to its start). */
interface Binding {
  start: number;
  end: number;
  text: string;
}

/** What an identifier placeholder becomes: a name no table has, which the analysis drops as a hole. */
export const IDENTIFIER_HOLE = `${HOLE_PREFIX}identifier__`;
/** What an object expanded after `SET` becomes: one assignment to a column no table has. */
const ASSIGNMENT_HOLE = `${HOLE_PREFIX}column__ = NULL`;

/** Words that end a MySQL `SET` assignment list (and the `?` standing for the whole list). */
const ASSIGNMENT_LIST_ENDS = new Set(['', ',', 'WHERE', 'ORDER', 'LIMIT', 'ON', 'AS', 'RETURNING']);
/** Words that may follow the rows of `VALUES ?`. */
const ROWS_ENDS = new Set(['', 'ON', 'AS']);

/**
 * A MySQL statement with the driver placeholders node-sql-parser cannot read bound; undefined when
 * there is none. `v` holds the statement's significant tokens (absolute offsets), `base` its start.
 */
export function bindMysqlPlaceholders(stmtText: string, base: number, v: TokView): BoundStatement | undefined {
  const bindings: Binding[] = [];
  const bind = (from: Token, to: Token, text: string): void => {
    bindings.push({ start: from.start - base, end: to.end - base, text });
  };
  const head = v.key(0);
  const writes = head === 'INSERT' || head === 'REPLACE' || head === 'UPDATE';
  let depth = 0;
  for (let i = 0; i < v.length; i++) {
    const key = v.key(i);
    if (key === '(') depth++;
    else if (key === ')') depth--;
    const braces = key === '{' ? doubleBraceEnd(stmtText, v.toks[i].start - base) : 0;
    if (braces > 0) {
      bindings.push({ start: v.toks[i].start - base, end: braces, text: '?' });
      while (i + 1 < v.length && v.toks[i + 1].start - base < braces) i++;
      continue;
    }
    if (!isQuestionMark(v, i)) continue;
    const t = v.toks[i];
    if (isQuestionMark(v, i + 1) && v.toks[i + 1].start === t.end) {
      bind(t, v.toks[i + 1], IDENTIFIER_HOLE);
      i++;
      continue;
    }
    const before = v.key(i - 1);
    const after = v.key(i + 1);
    if (writes && depth === 0 && startsAssignmentList(v, i) && ASSIGNMENT_LIST_ENDS.has(after)) bind(t, t, ASSIGNMENT_HOLE);
    else if (writes && depth === 0 && (before === 'VALUES' || before === 'VALUE') && ROWS_ENDS.has(after))
      bind(t, t, `(${new Array<string>(rowWidth(v, i - 1)).fill('NULL').join(', ')})`);
    else if (before === 'INFILE' && head === 'LOAD') bind(t, t, "''");
    else if (head === 'CALL' && depth > 0) bind(t, t, '0');
  }
  return bound(stmtText, bindings);
}

/**
 * A PostgreSQL statement with the placeholders of the JavaScript clients bound: `?` and `:name`
 * become number literals of the same length, `??` a hole identifier, knex's `\?` the `?` it stands
 * for; pg-format's `%I` (and `%s`) a hole identifier, its `%L` a literal (a row after `VALUES`,
 * which a nested array expands to). `$1` placeholders are PostgreSQL's own and stay. Undefined
 * when there is none. Only for a statement libpg-query rejected as written: `a %L` there is no
 * modulo operator.
 */
export function bindPgPlaceholders(stmtText: string, base: number, v: TokView): BoundStatement | undefined {
  const bindings: Binding[] = [];
  const sig = v.toks;
  for (let i = 0; i < sig.length; i++) {
    const t = sig[i];
    const first = stmtText.charCodeAt(t.start - base);
    const next = sig[i + 1] as Token | undefined;
    const touching = next !== undefined && next.start === t.end;
    if (t.type === 'op' && t.end - t.start === 1 && first === 92 /* \ */) {
      // knex `\?`: the backslash goes, the `?` (or `?|`, `?&`) that follows is an operator, not a binding.
      if (touching && stmtText.charCodeAt(next.start - base) === 63 /* ? */) {
        bindings.push({ start: t.start - base, end: t.end - base, text: ' ' });
        i++;
      }
      continue;
    }
    // psycopg / psycopg2's named placeholder `%(name)s` (`%s` is the positional one, read below): a value.
    if (t.type === 'op' && t.end - t.start === 1 && first === 37 /* % */ && touching && pyformatEnd(v, i) > 0) {
      const end = pyformatEnd(v, i);
      bindings.push({ start: t.start - base, end: sig[end].end - base, text: '0' });
      i = end;
      continue;
    }
    if (t.type === 'op' && t.end - t.start === 1 && first === 37 /* % */ && touching && next.type === 'word') {
      const letter = v.raw(i + 1);
      if (letter === 'I' || letter === 's') bindings.push({ start: t.start - base, end: next.end - base, text: IDENTIFIER_HOLE });
      else if (letter === 'L') {
        const row = v.key(i - 1) === 'VALUES' ? `(${new Array<string>(rowWidth(v, i - 1)).fill('NULL').join(', ')})` : 'NULL';
        bindings.push({ start: t.start - base, end: next.end - base, text: row });
      }
      if (letter === 'I' || letter === 's' || letter === 'L') i++;
      continue;
    }
    // `{{name}}`, `{{name::uuid}}`: a value, cast as the placeholder says.
    const braces = first === 123 /* { */ ? doubleBraceEnd(stmtText, t.start - base) : 0;
    if (braces > 0) {
      const cast = /::\w+/.exec(stmtText.slice(t.start - base, braces));
      bindings.push({ start: t.start - base, end: braces, text: `0${cast ? cast[0] : ''}` });
      while (i + 1 < sig.length && sig[i + 1].start - base < braces) i++;
      continue;
    }
    // pg-promise's named parameters: `${name}`, `$(name)`, `$<name>`, `$[name]`, `$/name/`, with a filter inside.
    if (t.type === 'op' && t.end - t.start === 1 && first === 36 /* $ */ && touching) {
      const named = pgPromiseNamed(stmtText, t.end - base);
      if (named) {
        bindings.push({ start: t.start - base, end: named.end, text: named.identifier ? IDENTIFIER_HOLE : '0' });
        while (i + 1 < sig.length && sig[i + 1].start - base < named.end) i++;
      }
      continue;
    }
    // pg-promise's filter on an index parameter (`$1:csv`, `$2:name`, `$1^`): the parameter is a value or a name.
    if (t.type === 'param' && first === 36 /* $ */ && touching) {
      const filter = pgPromiseFilter(stmtText, next.start - base);
      if (filter) {
        bindings.push({
          start: t.start - base,
          end: filter.end,
          text: filter.identifier ? IDENTIFIER_HOLE : stmtText.slice(t.start - base, t.end - base),
        });
        while (i + 1 < sig.length && sig[i + 1].start - base < filter.end) i++;
      }
      continue;
    }
    if (t.type !== 'param' || (first !== 63 /* ? */ && first !== 58) /* : */) continue;
    if (first === 63 && touching && next.type === 'param' && stmtText.charCodeAt(next.start - base) === 63) {
      bindings.push({ start: t.start - base, end: next.end - base, text: IDENTIFIER_HOLE });
      i++;
      continue;
    }
    bindings.push({ start: t.start - base, end: t.end - base, text: '0'.repeat(t.end - t.start) });
  }
  return bound(stmtText, bindings);
}

/** `{{name}}` / `{{ name::type }}` (umami's placeholders) at `at` of `text`. */
const DOUBLE_BRACE = /\{\{\s*\w+(?:::\w+)?\s*\}\}/y;

/** The end (exclusive, relative to the statement) of a `{{name}}` placeholder starting at `at`, or 0. */
function doubleBraceEnd(text: string, at: number): number {
  DOUBLE_BRACE.lastIndex = at;
  return DOUBLE_BRACE.test(text) ? DOUBLE_BRACE.lastIndex : 0;
}

/** pg-promise's closing delimiter of each opening one. */
const PG_PROMISE_CLOSE: Record<string, string> = { '{': '}', '(': ')', '<': '>', '[': ']', '/': '/' };
/** pg-promise's filters (`:raw` / `^` raw text, `:name` / `:alias` / `~` a name, the others a value). */
const PG_PROMISE_FILTERS = new Set([':raw', ':alias', ':name', ':json', ':csv', ':list', ':value']);
const IDENTIFIER_FILTERS = new Set([':alias', ':name', '~']);

/**
 * The end (exclusive, relative to the statement) of a pg-promise named parameter whose opening delimiter is at
 * `at` — `{name}`, `(name)`, `<name>`, `[name]` or `/name/`, the name letters, digits, `_`, `$` and `.`, an optional
 * filter after it, spaces inside — and whether it names an identifier; undefined when the text is none.
 */
function pgPromiseNamed(text: string, at: number): { end: number; identifier: boolean } | undefined {
  const close = PG_PROMISE_CLOSE[text[at]];
  if (close === undefined) return undefined;
  let p = at + 1;
  while (text[p] === ' ') p++;
  const nameStart = p;
  while (p < text.length && isNameChar(text.charCodeAt(p))) p++;
  if (p === nameStart) return undefined;
  const filter = pgPromiseFilter(text, p);
  if (filter) p = filter.end;
  while (text[p] === ' ') p++;
  return text[p] === close ? { end: p + 1, identifier: filter?.identifier === true } : undefined;
}

/** A pg-promise filter starting at `at` (`^`, `~`, `:csv`…): where it ends and whether it makes a name. */
function pgPromiseFilter(text: string, at: number): { end: number; identifier: boolean } | undefined {
  const c = text[at];
  if (c === '^' || c === '~') return { end: at + 1, identifier: c === '~' };
  if (c !== ':') return undefined;
  let p = at + 1;
  while (p < text.length && isLetter(text.charCodeAt(p))) p++;
  const filter = text.slice(at, p);
  return PG_PROMISE_FILTERS.has(filter) ? { end: p, identifier: IDENTIFIER_FILTERS.has(filter) } : undefined;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isNameChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95 /* _ */ || c === 36 /* $ */ || c === 46; /* . */
}

/** The index of the `s` ending a `%(name)s` that starts at `i` (each token touching the one before), or 0. */
function pyformatEnd(v: TokView, i: number): number {
  const t = v.toks;
  const touches = (j: number) => t[j] !== undefined && t[j].start === t[j - 1].end;
  if (v.key(i + 1) !== '(' || !touches(i + 1) || t[i + 2]?.type !== 'word' || !touches(i + 2)) return 0;
  if (v.key(i + 3) !== ')' || !touches(i + 3) || v.raw(i + 4) !== 's' || !touches(i + 4)) return 0;
  return i + 4;
}

function isQuestionMark(v: TokView, i: number): boolean {
  const t = v.toks[i];
  return t?.type === 'param' && t.end - t.start === 1 && v.text.charCodeAt(t.start) === 63;
}

/** Whether the `?` at `i` stands where a `SET` assignment list starts: `SET ?`, `ON DUPLICATE KEY UPDATE ?`, or after a `,` of such a list. */
function startsAssignmentList(v: TokView, i: number): boolean {
  const listHead = (j: number): boolean =>
    v.key(j) === 'SET' || (v.key(j) === 'UPDATE' && v.key(j - 1) === 'KEY' && v.key(j - 2) === 'DUPLICATE');
  if (listHead(i - 1)) return i - 1 > 0;
  if (v.key(i - 1) !== ',') return false;
  // `SET a = NOW(), ?`: back over the list's earlier items (parentheses skipped) to its SET.
  let depth = 0;
  for (let j = i - 2; j > 0; j--) {
    const key = v.key(j);
    if (key === ')') depth++;
    else if (key === '(') depth--;
    if (depth > 0) continue;
    if (depth < 0) return false;
    if (listHead(j)) return true;
    if (key === 'WHERE' || key === 'VALUES' || key === 'VALUE' || key === 'SELECT' || key === 'FROM') return false;
  }
  return false;
}

/** Columns of the list before `VALUES` at `values` (`INSERT INTO t (a, b) VALUES ?` → 2); 1 without one. */
function rowWidth(v: TokView, values: number): number {
  if (v.key(values - 1) !== ')') return 1;
  let depth = 0;
  let columns = 1;
  for (let j = values - 1; j > 0; j--) {
    const key = v.key(j);
    if (key === ')') depth++;
    else if (key === '(' && --depth === 0) return columns;
    else if (key === ',' && depth === 1) columns++;
  }
  return 1;
}

function bound(stmtText: string, bindings: Binding[]): BoundStatement | undefined {
  if (bindings.length === 0) return undefined;
  let text = '';
  let from = 0;
  // Where each binding starts in the bound text, with where it starts and ends in the original.
  const places: Array<{ at: number; length: number; start: number; end: number }> = [];
  for (const b of bindings) {
    text += stmtText.slice(from, b.start);
    places.push({ at: text.length, length: b.text.length, start: b.start, end: b.end });
    text += b.text;
    from = b.end;
  }
  text += stmtText.slice(from);
  return {
    text,
    original(at: number): number {
      let shift = 0;
      for (const p of places) {
        if (at < p.at) break;
        // Inside a bound placeholder: the placeholder itself.
        if (at < p.at + p.length) return p.start;
        shift = p.end - (p.at + p.length);
      }
      return at + shift;
    },
  };
}
