/**
 * Bulk data: the `VALUES` list of an `INSERT`/`REPLACE` made of literals only, as dumps and seed
 * files hold by the hundred thousand (`mysqldump`, `pg_dump --inserts`). Its rows carry no table
 * reference and no fact any rule reads, yet tokenising and parsing them was most of the time and
 * memory of a run on a dump (a 46 MB dump: minutes and gigabytes). The splitter asks this module,
 * at the `VALUES` keyword of an `INSERT`, where the list ends; the statement head before it is
 * tokenised and analysed as usual (its target table keeps its exact span), the rows are not.
 *
 * The scan is one pass over the characters, checking the grammar of the list as it goes:
 * `(` literal (`,` literal)* `)` rows separated by commas, then the end of the statement. A
 * literal is a string (with the dialect's escapes and prefixes), a number, or NULL, TRUE, FALSE,
 * DEFAULT. Anything else — an expression, a function call, a cast, a comment, `ON CONFLICT`,
 * `ON DUPLICATE KEY UPDATE`, a `RETURNING` — gives up, and the statement is analysed in full, as
 * any other: the scan never loses a fact, it only skips what has none. Each statement is scanned
 * at most once, so a run stays linear in the size of its files.
 */
import type { Dialect } from '../facts.js';

/**
 * Where the literal rows that start at `from` (just after `VALUES`) end: the offset after the
 * last `)`, before the statement's `;` (or the end of the text). Undefined when the list is not
 * made of literal rows up to the end of the statement.
 */
export function bulkValuesEnd(text: string, from: number, dialect: Dialect): number | undefined {
  const scan = new RowScanner(text, dialect);
  let p = scan.space(from);
  for (;;) {
    p = scan.row(p);
    if (p < 0) return undefined;
    const rowEnd = p;
    p = scan.space(p);
    if (text.charCodeAt(p) === 44 /* , */) {
      p = scan.space(p + 1);
      continue;
    }
    if (p < text.length && text.charCodeAt(p) !== 59 /* ; */) return undefined;
    return rowEnd;
  }
}

const QUOTE = 39;
const DOUBLE_QUOTE = 34;
const BACKSLASH = 92;

const LITERAL_WORDS = new Set(['NULL', 'TRUE', 'FALSE', 'DEFAULT']);

class RowScanner {
  private readonly mysql: boolean;

  constructor(
    private readonly text: string,
    dialect: Dialect,
  ) {
    this.mysql = dialect === 'mysql';
  }

  /** Skips whitespace; comments are not skipped (they may hold directives: the statement is then read in full). */
  space(p: number): number {
    const { text } = this;
    while (p < text.length) {
      const c = text.charCodeAt(p);
      if (c === 32 || (c >= 9 && c <= 13)) p++;
      else break;
    }
    return p;
  }

  /** `( literal, … )` at `p`: the offset after `)`, or -1. */
  row(p: number): number {
    const { text } = this;
    if (text.charCodeAt(p) !== 40 /* ( */) return -1;
    p = this.space(p + 1);
    for (;;) {
      p = this.literal(p);
      if (p < 0) return -1;
      p = this.space(p);
      const c = text.charCodeAt(p);
      if (c === 41 /* ) */) return p + 1;
      if (c !== 44 /* , */) return -1;
      p = this.space(p + 1);
    }
  }

  /** One literal at `p`: the offset after it, or -1. */
  literal(p: number): number {
    const { text } = this;
    const c = text.charCodeAt(p);
    if (c === QUOTE) return this.quoted(p + 1, QUOTE, this.mysql);
    if (c === DOUBLE_QUOTE) return this.mysql ? this.quoted(p + 1, DOUBLE_QUOTE, true) : -1;
    if (isDigit(c) || c === 46 /* . */ || c === 43 /* + */ || c === 45 /* - */) return this.number(p);
    if (!isWordStart(c)) return -1;
    let end = p + 1;
    while (end < text.length && isWordPart(text.charCodeAt(end))) end++;
    const next = text.charCodeAt(end);
    if (next === QUOTE) return this.prefixedString(p, end);
    if (this.mysql && c === 95 /* _ */ && end - p <= 16) return this.introduced(this.space(end));
    if (end - p > 8) return -1;
    return LITERAL_WORDS.has(text.slice(p, end).toUpperCase()) ? end : -1;
  }

  /** `E'…'`, `X'…'`, `B'…'`, `N'…'`, and MySQL's `_utf8mb4'…'` introducers. */
  private prefixedString(p: number, quote: number): number {
    const prefix = this.text.slice(p, quote).toUpperCase();
    if (prefix === 'X' || prefix === 'B' || prefix === 'N') return this.quoted(quote + 1, QUOTE, this.mysql);
    if (prefix === 'E' && !this.mysql) return this.quoted(quote + 1, QUOTE, true);
    if (this.mysql && prefix.startsWith('_') && prefix.length <= 16) return this.quoted(quote + 1, QUOTE, true);
    return -1;
  }

  /**
   * The literal after a MySQL character set introducer and a space, as mysqldump writes binary
   * columns (`_binary 'a\0b'`, `_binary 0x0aff`): a string, a number, `X'…'` or `B'…'`.
   */
  private introduced(p: number): number {
    const { text } = this;
    const c = text.charCodeAt(p);
    if (c === QUOTE) return this.quoted(p + 1, QUOTE, true);
    if (isDigit(c)) return this.number(p);
    const upper = c & ~32;
    if ((upper === 88 /* X */ || upper === 66) /* B */ && text.charCodeAt(p + 1) === QUOTE) return this.quoted(p + 2, QUOTE, true);
    return -1;
  }

  /**
   * The rest of a quoted string from `p` (after the opening quote): a doubled quote is a quote,
   * `\` escapes the next character when `backslash`. Character by character: a search for the
   * next backslash would rescan the rest of the file for every string that has none.
   */
  private quoted(p: number, quote: number, backslash: boolean): number {
    const { text } = this;
    while (p < text.length) {
      const c = text.charCodeAt(p);
      if (c === quote) {
        if (text.charCodeAt(p + 1) !== quote) return p + 1;
        p += 2;
      } else p += backslash && c === BACKSLASH ? 2 : 1;
    }
    return -1;
  }

  /** A signed decimal or exponent number; MySQL also `0x…` and `0b…`. */
  private number(p: number): number {
    const { text } = this;
    if (text.charCodeAt(p) === 43 || text.charCodeAt(p) === 45) p++;
    if (this.mysql && text.charCodeAt(p) === 48 /* 0 */ && (text[p + 1] === 'x' || text[p + 1] === 'b')) {
      const hex = text[p + 1] === 'x';
      p += 2;
      const digits = p;
      while (p < text.length && (hex ? isHexDigit(text.charCodeAt(p)) : text[p] === '0' || text[p] === '1')) p++;
      return p > digits && !isWordPart(text.charCodeAt(p)) ? p : -1;
    }
    const digits = p;
    while (isDigit(text.charCodeAt(p))) p++;
    if (text.charCodeAt(p) === 46 /* . */) {
      p++;
      while (isDigit(text.charCodeAt(p))) p++;
    }
    if (p === digits || (p === digits + 1 && text.charCodeAt(digits) === 46)) return -1;
    if (text[p] === 'e' || text[p] === 'E') {
      let q = p + 1;
      if (text.charCodeAt(q) === 43 || text.charCodeAt(q) === 45) q++;
      const exponent = q;
      while (isDigit(text.charCodeAt(q))) q++;
      if (q === exponent) return -1;
      p = q;
    }
    // `1abc` or `1.2.3` is not a number literal: the parser decides.
    return isWordPart(text.charCodeAt(p)) || text.charCodeAt(p) === 46 ? -1 : p;
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function isWordStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isWordPart(c: number): boolean {
  return isWordStart(c) || isDigit(c) || c === 36;
}
