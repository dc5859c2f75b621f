/**
 * A tolerant SQL tokenizer for MySQL and PostgreSQL.
 *
 * It never throws and always makes progress: an unterminated string, quoted
 * identifier, comment or dollar body runs to the end of the scanned range, and
 * any character it does not recognise becomes a one-character `op` token.
 * Offsets are UTF-16 indices into the text given to it (never re-based), so
 * tokens of a slice keep their positions in the whole text.
 */
import type { Dialect } from '../facts.js';

export type TokenType =
  /** Unquoted identifier or keyword. */
  | 'word'
  /** Quoted identifier: `"x"` or `` `x` `` (in MySQL `"x"` may also be a string; see `quoteChar`). */
  | 'quoted'
  /** String literal `'x'`, `E'x'`, `N'x'`, `X'..'`, `B'..'`, `U&'..'`. */
  | 'string'
  /** PostgreSQL dollar-quoted string `$$…$$` / `$tag$…$tag$`. */
  | 'dollar'
  | 'number'
  /** `?`, `$1`, `:name`. */
  | 'param'
  | 'op'
  /** `-- …`, `# …`, `/* … *\/`. */
  | 'comment';

export interface Token {
  type: TokenType;
  start: number;
  end: number;
  /** Upper-cased text, for `word` tokens only. */
  upper?: string;
  /** For `dollar` tokens: the body between the opening and closing tags. */
  bodyStart?: number;
  bodyEnd?: number;
}

export interface LexerOptions {
  dialect: Dialect;
  /**
   * Whether `$$`/`$tag$` open a dollar-quoted string. On by default; a MySQL
   * `DELIMITER $$` block turns it off. In MySQL mode a dollar quote is only
   * recognised when its closing tag exists (MySQL has no dollar quoting, but
   * PostgreSQL migrations end up in MySQL services).
   */
  dollarQuotes?: boolean;
}

function isWhitespace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0xfeff ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x3000 ||
    (c >= 0x2000 && c <= 0x200b)
  );
}

function isWordStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || (c >= 0x80 && !isWhitespace(c));
}

function isWordPart(c: number): boolean {
  return isWordStart(c) || (c >= 48 && c <= 57) || c === 36; /* $ */
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Multi-character operators, longest first. */
const MULTI_OPS = [
  '->>',
  '#>>',
  '<=>',
  '::',
  ':=',
  '<=',
  '>=',
  '<>',
  '!=',
  '||',
  '&&',
  '->',
  '#>',
  '@>',
  '<@',
  '=>',
  '<<',
  '>>',
  '!~*',
  '~*',
  '!~',
  '?|',
  '?&',
];
/** First characters of MULTI_OPS: commas, parentheses and dots, the usual punctuation, skip the search. */
const MULTI_OP_STARTS = new Set(MULTI_OPS.map((op) => op.charCodeAt(0)));

export class Lexer {
  pos: number;
  readonly end: number;
  readonly dialect: Dialect;
  dollarQuotes: boolean;

  constructor(
    readonly text: string,
    start = 0,
    end = text.length,
    options: LexerOptions,
  ) {
    this.pos = Math.max(0, start);
    this.end = Math.min(text.length, end);
    this.dialect = options.dialect;
    this.dollarQuotes = options.dollarQuotes ?? true;
  }

  /** Skips whitespace and returns the new position (without consuming a token). */
  skipWhitespace(): number {
    const { text, end } = this;
    let p = this.pos;
    while (p < end && isWhitespace(text.charCodeAt(p))) p++;
    this.pos = p;
    return p;
  }

  /** The next token, or null at the end of the range. */
  next(): Token | null {
    const { text, end } = this;
    const start = this.skipWhitespace();
    if (start >= end) return null;
    const c = text.charCodeAt(start);
    const c1 = start + 1 < end ? text.charCodeAt(start + 1) : -1;

    // Comments
    if (c === 45 /* - */ && c1 === 45) return this.lineComment(start);
    // `#` comments are MySQL's only: in PostgreSQL `#`, `#-`, `#>` are operators, even at the start
    // of a line (a comment there would drop the rest of the line, table references included).
    if (c === 35 /* # */ && this.dialect === 'mysql') return this.lineComment(start);
    if (c === 47 /* / */ && c1 === 42 /* * */) return this.blockComment(start);

    // Strings and quoted identifiers
    if (c === 39 /* ' */) return this.quotedRun(start, start, 39, 'string', this.dialect === 'mysql');
    if (c === 34 /* " */) return this.quotedRun(start, start, 34, 'quoted', this.dialect === 'mysql');
    if (c === 96 /* ` */) return this.quotedRun(start, start, 96, 'quoted', false);

    // Prefixed strings: E'..', N'..', X'..', B'..', U&'..'
    if (c1 === 39 && (c === 69 || c === 101)) return this.quotedRun(start, start + 1, 39, 'string', true);
    if (c1 === 39 && (c === 78 || c === 110 || c === 88 || c === 120 || c === 66 || c === 98)) {
      return this.quotedRun(start, start + 1, 39, 'string', this.dialect === 'mysql');
    }
    if ((c === 85 || c === 117) && c1 === 38 /* & */ && start + 2 < end && text.charCodeAt(start + 2) === 39) {
      return this.quotedRun(start, start + 2, 39, 'string', false);
    }

    // Dollar: $1 params, $tag$ quotes
    if (c === 36 /* $ */) {
      if (isDigit(c1)) {
        let p = start + 1;
        while (p < end && isDigit(text.charCodeAt(p))) p++;
        return this.emit('param', start, p);
      }
      if (this.dollarQuotes) {
        const tok = this.dollarQuoted(start);
        if (tok) return tok;
      }
      if (this.dialect === 'mysql') return this.word(start);
      return this.emit('op', start, start + 1);
    }

    if (isDigit(c) || (c === 46 /* . */ && isDigit(c1))) return this.number(start);
    if (isWordStart(c)) return this.word(start);

    if (c === 63 /* ? */ && c1 !== 124 && c1 !== 38) return this.emit('param', start, start + 1);
    if (c === 58 /* : */ && c1 !== 58 && c1 !== 61 && c1 >= 0 && isWordStart(c1)) {
      // `:name` named parameter (not `::` casts or `:=`)
      let p = start + 1;
      while (p < end && isWordPart(text.charCodeAt(p))) p++;
      return this.emit('param', start, p);
    }

    if (MULTI_OP_STARTS.has(c)) {
      for (let i = 0; i < MULTI_OPS.length; i++) {
        const op = MULTI_OPS[i];
        if (text.startsWith(op, start) && start + op.length <= end) return this.emit('op', start, start + op.length);
      }
    }
    // A lone surrogate pair is still one character.
    const width = c >= 0xd800 && c <= 0xdbff && c1 >= 0xdc00 && c1 <= 0xdfff ? 2 : 1;
    return this.emit('op', start, start + width);
  }

  private emit(type: TokenType, start: number, end: number): Token {
    this.pos = end;
    return { type, start, end };
  }

  private lineComment(start: number): Token {
    const { text, end } = this;
    let p = start;
    while (p < end) {
      const ch = text.charCodeAt(p);
      if (ch === 10 || ch === 13) break;
      p++;
    }
    return this.emit('comment', start, p);
  }

  private blockComment(start: number): Token {
    const { text, end } = this;
    const nests = this.dialect === 'postgresql';
    let depth = 1;
    let p = start + 2;
    while (p < end) {
      const ch = text.charCodeAt(p);
      if (ch === 42 /* * */ && text.charCodeAt(p + 1) === 47 && p + 1 < end) {
        p += 2;
        if (--depth === 0) return this.emit('comment', start, p);
        continue;
      }
      if (nests && ch === 47 && text.charCodeAt(p + 1) === 42 && p + 1 < end) {
        depth++;
        p += 2;
        continue;
      }
      p++;
    }
    return this.emit('comment', start, end);
  }

  /** Scans a run quoted by `quote` opening at `open`; doubled quotes always escape. */
  private quotedRun(start: number, open: number, quote: number, type: TokenType, backslash: boolean): Token {
    const { text, end } = this;
    let p = open + 1;
    while (p < end) {
      const ch = text.charCodeAt(p);
      if (backslash && ch === 92 /* \ */) {
        p += 2;
        continue;
      }
      if (ch === quote) {
        if (p + 1 < end && text.charCodeAt(p + 1) === quote) {
          p += 2;
          continue;
        }
        return this.emit(type, start, p + 1);
      }
      p++;
    }
    return this.emit(type, start, end);
  }

  private dollarQuoted(start: number): Token | null {
    const { text, end } = this;
    let p = start + 1;
    while (p < end && text.charCodeAt(p) !== 36) {
      const ch = text.charCodeAt(p);
      // Tags follow identifier rules (no leading digit, no `$` inside).
      if (!(isWordStart(ch) || (p > start + 1 && isDigit(ch))) || ch === 36) return null;
      p++;
    }
    if (p >= end) return null;
    const tag = text.slice(start, p + 1);
    const bodyStart = p + 1;
    const close = text.indexOf(tag, bodyStart);
    if (close < 0 || close + tag.length > end) {
      if (this.dialect === 'mysql') return null;
      this.pos = end;
      return { type: 'dollar', start, end, bodyStart, bodyEnd: end };
    }
    this.pos = close + tag.length;
    return { type: 'dollar', start, end: this.pos, bodyStart, bodyEnd: close };
  }

  private number(start: number): Token {
    const { text, end } = this;
    let p = start;
    if (text.charCodeAt(p) === 48 && p + 1 < end && /[xXbB]/.test(text[p + 1]) && p + 2 < end && /[0-9a-fA-F]/.test(text[p + 2])) {
      p += 2;
      while (p < end && /[0-9a-fA-F_]/.test(text[p])) p++;
    } else {
      while (p < end && (isDigit(text.charCodeAt(p)) || text.charCodeAt(p) === 95)) p++;
      if (p < end && text.charCodeAt(p) === 46 /* . */ && !(text.charCodeAt(p + 1) === 46)) {
        p++;
        while (p < end && isDigit(text.charCodeAt(p))) p++;
      }
      if (p < end && (text.charCodeAt(p) === 101 || text.charCodeAt(p) === 69)) {
        const q = text.charCodeAt(p + 1) === 43 || text.charCodeAt(p + 1) === 45 ? p + 2 : p + 1;
        if (q < end && isDigit(text.charCodeAt(q))) {
          p = q;
          while (p < end && isDigit(text.charCodeAt(p))) p++;
        }
      }
    }
    // MySQL identifiers may start with digits (`2fa_codes`).
    if (p < end && isWordPart(text.charCodeAt(p)) && this.dialect === 'mysql' && !text.slice(start, p).includes('.')) {
      return this.word(start);
    }
    return this.emit('number', start, p);
  }

  private word(start: number): Token {
    const { text, end } = this;
    let p = start + 1;
    while (p < end && isWordPart(text.charCodeAt(p))) p++;
    this.pos = p;
    return { type: 'word', start, end: p, upper: text.slice(start, p).toUpperCase() };
  }
}

/** Tokenizes `text[start, end)`, comments included. */
export function tokenize(text: string, dialect: Dialect, start = 0, end = text.length): Token[] {
  const lexer = new Lexer(text, start, end, { dialect });
  const out: Token[] = [];
  for (let tok = lexer.next(); tok; tok = lexer.next()) out.push(tok);
  return out;
}

/** The identifier a `word` or `quoted` token names: unquoted, escapes undone, original case. */
export function identifierValue(text: string, tok: Token): string {
  if (tok.type !== 'quoted') return text.slice(tok.start, tok.end);
  const q = text[tok.start];
  // `[name]`: SQLite's and SQL Server's quoting, made one token where a rejected statement is read by its tokens.
  const close = q === '[' ? ']' : q;
  const closed = tok.end - tok.start >= 2 && text[tok.end - 1] === close;
  const inner = text.slice(tok.start + 1, closed ? tok.end - 1 : tok.end);
  return inner.split(close + close).join(close);
}

/** The value of a string literal token (quotes removed, `''` and simple backslash escapes undone). */
/** What a backslash escape in a string literal stands for (MySQL, PostgreSQL E'…'); any other escaped character stands for itself. */
export const BACKSLASH_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', Z: '\x1a' };

export function stringValue(text: string, tok: Token, backslash: boolean): string {
  let s = tok.start;
  while (s < tok.end && text[s] !== "'" && text[s] !== '"') s++;
  const q = text[s];
  const closed = tok.end - s >= 2 && text[tok.end - 1] === q;
  const inner = text.slice(s + 1, closed ? tok.end - 1 : tok.end);
  let out = inner.split(q + q).join(q);
  if (backslash) out = out.replace(/\\(.)/gs, (_m, ch: string) => BACKSLASH_ESCAPES[ch] ?? ch);
  return out;
}

export function isSignificant(tok: Token): boolean {
  return tok.type !== 'comment';
}
