/**
 * Read helpers over the significant tokens of one statement (comments removed).
 * Everything is index-based and bounds-safe: reading past the end yields ''.
 */
import type { Span } from '../facts.js';
import { identifierValue, type Token } from './tokenizer.js';

import { HOLE_PREFIX } from './hole.js';
import { psqlVariableEnd } from './psql.js';

export { HOLE_PREFIX };

/** Words that never name a table where a table name is expected. */
const NOT_A_NAME = new Set([
  'SELECT',
  'WITH',
  'VALUES',
  'LATERAL',
  'ONLY',
  'SET',
  'WHERE',
  'ON',
  'USING',
  'AS',
  'JOIN',
  'LEFT',
  'RIGHT',
  'INNER',
  'OUTER',
  'CROSS',
  'NATURAL',
  'FULL',
  'GROUP',
  'ORDER',
  'LIMIT',
  'HAVING',
  'UNION',
  'EXCEPT',
  'INTERSECT',
  'WINDOW',
  'RETURNING',
  'INTO',
  'FROM',
  'IF',
  'NOT',
  'EXISTS',
  'TABLE',
  'DEFAULT',
  'NULL',
  'AND',
  'OR',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'FOR',
  'DISTINCT',
  'ALL',
  'BY',
  'IN',
  'IS',
  'LIKE',
  'STRAIGHT_JOIN',
  'LOW_PRIORITY',
  'HIGH_PRIORITY',
  'DELAYED',
  'IGNORE',
  'QUICK',
  'BEGIN',
  'DECLARE',
  'OFFSET',
  'FETCH',
  'LOCK',
  'TABLES',
  'UPDATE',
  'DELETE',
  'INSERT',
]);

export interface NameRead {
  /** Token indices of the name parts (1 to 3). */
  parts: number[];
  name: string;
  qualifier?: string;
  span: Span;
  /** Index of the token after the name. */
  next: number;
  /** True when a part is an unresolved template hole: not a usable name. */
  hole: boolean;
}

export class TokView {
  constructor(
    readonly text: string,
    readonly toks: Token[],
  ) {}

  get length(): number {
    return this.toks.length;
  }

  /** Upper-cased word, operator text, or '' for other tokens / out of range. */
  key(i: number): string {
    const t = this.toks[i];
    if (!t) return '';
    if (t.type === 'word') return t.upper!;
    if (t.type === 'op') return this.text.slice(t.start, t.end);
    return '';
  }

  raw(i: number): string {
    const t = this.toks[i];
    return t ? this.text.slice(t.start, t.end) : '';
  }

  span(i: number, j = i): Span {
    return { start: this.toks[i].start, end: this.toks[j].end };
  }

  isWord(i: number): boolean {
    return this.toks[i]?.type === 'word';
  }

  /** A token that can be an identifier: an unquoted word or a quoted identifier. */
  isIdent(i: number): boolean {
    const t = this.toks[i];
    return !!t && (t.type === 'word' || (t.type === 'quoted' && this.text[t.start] !== "'"));
  }

  /** An identifier that may name a table (not a clause keyword). */
  isNameStart(i: number): boolean {
    const t = this.toks[i];
    if (!t) return false;
    if (t.type === 'quoted') return true;
    return t.type === 'word' && !NOT_A_NAME.has(t.upper!);
  }

  ident(i: number): string {
    return identifierValue(this.text, this.toks[i]);
  }

  /**
   * Reads `a`, `a.b` or `a.b.c` starting at `i`. `strict` refuses clause keywords
   * as the first part; a parser-confirmed name is looked up with `strict = false`.
   */
  readName(i: number, strict = true): NameRead | null {
    const schema = this.psqlVariableEnd(i);
    // `:SCHEMA.jobs`, `:"schema".jobs`: psql (or a migrator doing as psql does, graphile-worker's
    // `:GRAPHILE_WORKER_SCHEMA`) puts the schema in before the server sees the statement; the table is named,
    // its schema is not known here, as for `${schema}.jobs` in code.
    if (schema >= 0 && this.key(schema + 1) === '.' && this.isIdent(schema + 2) && this.key(schema + 3) !== '.') {
      const j = schema + 2;
      const name = this.ident(j);
      if (!name || name.includes(HOLE_PREFIX)) return null;
      return { parts: [j], name, span: this.span(i, j), next: j + 1, hole: false };
    }
    if (strict ? !this.isNameStart(i) : !this.isIdent(i)) return null;
    const parts = [i];
    let j = i;
    while (parts.length < 3 && this.key(j + 1) === '.' && this.isIdent(j + 2)) {
      j += 2;
      parts.push(j);
    }
    if (this.key(j + 1) === '.' && this.key(j + 2) === '*') return null; // db.* (GRANT)
    const values = parts.map((p) => this.ident(p));
    const name = values[values.length - 1];
    const qualifier = values.length >= 2 ? values[values.length - 2] : undefined;
    if (!name) return null;
    // `patients_${suffix}` is as unresolved as `${table}`: any part built from a hole is unusable.
    const hole = values.some((v) => v.includes(HOLE_PREFIX));
    if (parts.length === 1 && this.toks[i].type === 'word' && this.toks[i].upper === 'DUAL') return null;
    return { parts, name, qualifier, span: this.span(i, j), next: j + 1, hole };
  }

  /**
   * The last token of a psql variable starting at `i` (`:name`, or `:'name'` / `:"name"` written against the colon),
   * or -1. A `:` of another kind (a slice `a[1:2]`, `:=`) is none.
   */
  psqlVariableEnd(i: number): number {
    return psqlVariableEnd(this.text, this.toks, i);
  }

  /** Index of the `)` matching the `(` at `i` (or the last index when unbalanced). */
  matchParen(i: number): number {
    let depth = 0;
    for (let j = i; j < this.toks.length; j++) {
      const k = this.key(j);
      if (k === '(') depth++;
      else if (k === ')') {
        depth--;
        if (depth === 0) return j;
      }
    }
    return this.toks.length - 1;
  }

  /** Splits [from, to) on top-level commas into [start, end) ranges. */
  splitTopLevel(from: number, to: number, sep = ','): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    let depth = 0;
    let s = from;
    for (let j = from; j < to; j++) {
      const k = this.key(j);
      if (k === '(' || k === '[') depth++;
      else if (k === ')' || k === ']') depth = Math.max(0, depth - 1);
      else if (k === sep && depth === 0) {
        if (j > s) out.push([s, j]);
        s = j + 1;
      }
    }
    if (to > s) out.push([s, to]);
    return out;
  }

  /** Skips `IF NOT EXISTS` / `IF EXISTS` at `i`. */
  skipIfExists(i: number): number {
    if (this.key(i) !== 'IF') return i;
    if (this.key(i + 1) === 'NOT' && this.key(i + 2) === 'EXISTS') return i + 3;
    if (this.key(i + 1) === 'EXISTS') return i + 2;
    return i;
  }
}

/** Significant tokens (comments removed). */
export function significant(tokens: Token[]): Token[] {
  return tokens.filter((t) => t.type !== 'comment');
}
