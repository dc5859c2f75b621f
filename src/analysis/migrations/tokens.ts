/**
 * The tokens the schema-code readers of this folder need, for Ruby, PHP and C#: names, string literals (their value
 * when plain, the span of their text without quotes), Ruby symbols (`:users`, spanned without the colon) and
 * punctuation (`::`, `->`, `=>` as one token). Comments, heredocs and nowdocs are skipped whole, so SQL or prose in
 * them never reads as code. One pass over the text, each character once; never throws. Plus the bracket matching and
 * argument splitting every reader does on them.
 */
import type { OrmTableRef, Span } from '../facts.js';

export type Tok =
  | { t: 'name'; v: string; start: number; end: number; line: number }
  | { t: 'str'; v: string | undefined; span: Span; line: number }
  | { t: 'sym'; v: string; span: Span; line: number }
  | { t: 'op'; v: string; start: number; line: number };

export type Language = 'ruby' | 'php' | 'csharp';

const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const IDENT = /[\w\u0080-\uffff]/;
/** Heredoc labels: Ruby `<<~SQL`, `<<-EOS`, `<<SQL`, `<<~'SQL'`; PHP `<<<EOT`, `<<<'EOT'`, `<<<"EOT"`. */
const HEREDOC = /^<<(<)?([~-])?(['"]?)([A-Za-z_]\w*)\3/;

export function tokenize(text: string, language: Language): Tok[] {
  const out: Tok[] = [];
  const n = text.length;
  let i = 0;
  let line = 0;
  let lineStart = true;
  // Heredoc terminators waiting for the end of the current line (Ruby may open several on one line).
  const pending: string[] = [];
  const skipToEndOfLine = () => {
    while (i < n && text[i] !== '\n') i++;
  };
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      i++;
      line++;
      lineStart = true;
      // Each waiting heredoc's body runs to a line holding only its label.
      while (pending.length > 0) {
        const label = pending.shift()!;
        while (i < n) {
          let end = text.indexOf('\n', i);
          if (end < 0) end = n;
          const body = text.slice(i, end).trim();
          i = Math.min(n, end + 1);
          line++;
          if (body === label || body === `${label};` || body === `${label},` || body === `${label})` || body === `${label});`) break;
        }
      }
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    const atLineStart = lineStart;
    lineStart = false;
    // Comments.
    if (c === '#' && language !== 'csharp' && !(language === 'php' && text[i + 1] === '[')) {
      skipToEndOfLine();
      continue;
    }
    if (c === '/' && text[i + 1] === '/' && language !== 'ruby') {
      skipToEndOfLine();
      continue;
    }
    if (c === '/' && text[i + 1] === '*' && language !== 'ruby') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? n : close + 2;
      for (let j = i; j < end; j++) if (text[j] === '\n') line++;
      i = end;
      continue;
    }
    if (language === 'ruby' && atLineStart && text.startsWith('=begin', i)) {
      const close = text.indexOf('\n=end', i);
      const end = close < 0 ? n : close + 5;
      for (let j = i; j < end; j++) if (text[j] === '\n') line++;
      i = end;
      skipToEndOfLine();
      continue;
    }
    if (c === '<' && text[i + 1] === '<' && language !== 'csharp') {
      const heredoc = HEREDOC.exec(text.slice(i, i + 80));
      if (heredoc && (language === 'php') === (heredoc[1] === '<')) {
        pending.push(heredoc[4]);
        out.push({ t: 'str', v: undefined, span: { start: i, end: i + heredoc[0].length }, line });
        i += heredoc[0].length;
        continue;
      }
    }
    if (IDENT_START.test(c) || (c === '$' && language === 'php' && IDENT_START.test(text[i + 1] ?? ''))) {
      const start = i;
      i++;
      while (i < n && IDENT.test(text[i])) i++;
      // Ruby's `create_table?`-style names and `key:` labels: the name alone, the colon as punctuation.
      if (language === 'ruby' && (text[i] === '?' || text[i] === '!')) i++;
      out.push({ t: 'name', v: text.slice(start, i), start, end: i, line });
      continue;
    }
    // Ruby symbols: `:users`, `:"users"` (but not `::` nor the `a ? b : c` colon before a space).
    if (
      c === ':' &&
      language === 'ruby' &&
      text[i + 1] !== ':' &&
      (text[i + 1] === '"' || text[i + 1] === "'" || IDENT_START.test(text[i + 1] ?? ''))
    ) {
      if (text[i + 1] === '"' || text[i + 1] === "'") {
        const before = out.length;
        i = readString(text, i + 1, false, language, line, out);
        const str = out[before] as Extract<Tok, { t: 'str' }> | undefined;
        if (str && str.v !== undefined) out[before] = { t: 'sym', v: str.v, span: str.span, line: str.line };
        continue;
      }
      const start = i + 1;
      i = start;
      while (i < n && IDENT.test(text[i])) i++;
      out.push({ t: 'sym', v: text.slice(start, i), span: { start, end: i }, line });
      continue;
    }
    if (c === '"' || c === "'" || (c === '`' && language === 'ruby')) {
      const before = i;
      i = readString(text, i, false, language, line, out);
      for (let j = before; j < i; j++) if (text[j] === '\n') line++;
      continue;
    }
    // C#: verbatim `@"…"`, interpolated `$"…"`, both `$@"…"` / `@$"…"`.
    if (language === 'csharp' && (c === '@' || c === '$')) {
      let j = i + 1;
      let verbatim = c === '@';
      let interpolated = c === '$';
      if ((text[j] === '@' || text[j] === '$') && text[j] !== c) {
        verbatim ||= text[j] === '@';
        interpolated ||= text[j] === '$';
        j++;
      }
      if (text[j] === '"') {
        const before = out.length;
        const from = i;
        i = readString(text, j, verbatim, language, line, out);
        for (let k = from; k < i; k++) if (text[k] === '\n') line++;
        const str = out[before] as Extract<Tok, { t: 'str' }> | undefined;
        if (str && interpolated && str.v?.includes('{')) str.v = undefined;
        continue;
      }
    }
    const two = text.slice(i, i + 2);
    if (two === '::' || two === '->' || two === '=>') {
      out.push({ t: 'op', v: two, start: i, line });
      i += 2;
      continue;
    }
    out.push({ t: 'op', v: c, start: i, line });
    i++;
  }
  return out;
}

/** The string whose opening quote is at `quote`; returns the index after it. Interpolated or escaped text has no value. */
function readString(text: string, quote: number, verbatim: boolean, language: Language, line: number, out: Tok[]): number {
  const q = text[quote];
  const n = text.length;
  // C# 11 raw strings: """…""" (no escapes).
  if (language === 'csharp' && q === '"' && text.startsWith('"""', quote)) {
    const close = text.indexOf('"""', quote + 3);
    const end = close < 0 ? n : close + 3;
    out.push({ t: 'str', v: undefined, span: { start: quote + 3, end: close < 0 ? n : close }, line });
    return end;
  }
  let j = quote + 1;
  let plain = true;
  while (j < n) {
    const c = text[j];
    if (verbatim) {
      if (c === q && text[j + 1] === q) {
        plain = false;
        j += 2;
        continue;
      }
    } else if (c === '\\') {
      plain = false;
      j += 2;
      continue;
    }
    if (c === q) break;
    // Interpolation: Ruby `#{…}`, PHP `$name` / `{$…}` in double quotes.
    if (q === '"' && ((language === 'ruby' && c === '#' && text[j + 1] === '{') || (language === 'php' && c === '$'))) plain = false;
    // A one-line string (C# regular, a char literal) ends at the line's end when unclosed.
    if (c === '\n' && language === 'csharp' && !verbatim) break;
    j++;
  }
  const close = Math.min(j, n);
  out.push({ t: 'str', v: plain ? text.slice(quote + 1, close) : undefined, span: { start: quote + 1, end: close }, line });
  return Math.min(n, close + 1);
}

/** For each opening bracket, the index of its closing one (`toks.length` when unclosed): one pass with a stack. */
export function matchBrackets(toks: ReadonlyArray<{ t: string; v?: string }>): Int32Array {
  const match = new Int32Array(toks.length).fill(toks.length);
  const open: number[] = [];
  toks.forEach((tok, j) => {
    if (tok.t !== 'op') return;
    if (tok.v === '(' || tok.v === '[' || tok.v === '{') open.push(j);
    else if ((tok.v === ')' || tok.v === ']' || tok.v === '}') && open.length > 0) match[open.pop()!] = j;
  });
  return match;
}

/**
 * The arguments of a call from `from` (after its `(`, or after a paren-less Ruby call's name) to `end` (its `)`, or
 * the end of the line): token ranges split on commas at this level. Nested brackets are jumped over, so every token
 * is walked by the one call it is an argument of.
 */
export function splitArgs(toks: readonly Tok[], match: Int32Array, from: number, end: number): Array<[number, number]> {
  const args: Array<[number, number]> = [];
  let start = from;
  for (let j = from; j < end; j++) {
    const tok = toks[j];
    if (tok.t !== 'op') continue;
    if (tok.v === '(' || tok.v === '[' || tok.v === '{') j = Math.min(match[j], end);
    else if (tok.v === ',') {
      args.push([start, j]);
      start = j + 1;
    }
  }
  if (end > start) args.push([start, end]);
  return args;
}

/** A name a one-token argument gives: a plain string or a Ruby symbol. */
export function literalArg(toks: readonly Tok[], arg: [number, number] | undefined): { value: string; span: Span } | undefined {
  if (!arg || arg[1] !== arg[0] + 1) return undefined;
  const tok = toks[arg[0]];
  if ((tok.t === 'str' || tok.t === 'sym') && tok.v !== undefined && tok.v !== '') return { value: tok.v, span: tok.span };
  return undefined;
}

/**
 * The named argument `key` among `args`: C#'s `key: value`, Ruby's `key: value` (and `:key => value`). Its value's
 * token range.
 */
export function namedArg(toks: readonly Tok[], args: ReadonlyArray<[number, number]>, key: string): [number, number] | undefined {
  for (const [a, b] of args) {
    const k = toks[a];
    const sep = toks[a + 1];
    if (b > a + 2 && k.t === 'name' && k.v === key && sep?.t === 'op' && sep.v === ':') return [a + 2, b];
    if (b > a + 2 && k.t === 'sym' && k.v === key && sep?.t === 'op' && sep.v === '=>') return [a + 2, b];
  }
  return undefined;
}

/** `schema.table` / `table` (names hold no dots of their own); undefined for anything else. */
export function splitQualified(value: string): { name: string; qualifier?: string } | undefined {
  const parts = value.split('.');
  if (parts.length > 2 || parts.some((p) => !/^\w+$/.test(p))) return undefined;
  return parts.length === 2 ? { qualifier: parts[0], name: parts[1] } : { name: parts[0] };
}

export const isOp = (tok: Tok | undefined, v: string): boolean => tok?.t === 'op' && tok.v === v;
export const isName = (tok: Tok | undefined, v?: string): boolean => tok?.t === 'name' && (v === undefined || tok.v === v);

/**
 * The table references a reader collects, and the function that adds one from a string or symbol token's value
 * (`schema.table` split; undefined, nothing added, when the value names no table).
 */
export function tableRefCollector(library: string): {
  refs: OrmTableRef[];
  ref: (action: OrmTableRef['action'], value: { value: string; span: Span }) => OrmTableRef | undefined;
} {
  const refs: OrmTableRef[] = [];
  const ref = (action: OrmTableRef['action'], value: { value: string; span: Span }) => {
    const named = splitQualified(value.value);
    if (!named) return undefined;
    const out: OrmTableRef = { name: named.name, action, library, fileSpan: value.span };
    if (named.qualifier !== undefined) out.qualifier = named.qualifier;
    refs.push(out);
    return out;
  };
  return { refs, ref };
}
