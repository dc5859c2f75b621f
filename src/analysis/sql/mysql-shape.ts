/**
 * Statement shapes for node-sql-parser, the most expensive step of a lint (issue 16).
 *
 * Repositories repeat a handful of statement forms with different names in them
 * (`SELECT … FROM appointments a WHERE a.id = ?`, then the same for `invoices`). The shape of a
 * statement renames every such name to a canonical one (`qza`, `qzb`, … in order of first use)
 * and writes every run of whitespace as one space, so statements differing only in names share
 * one parse: the parser's verdict and table list for the shape, with the names mapped back, are
 * what it gives for the statement itself.
 *
 * Why that holds: node-sql-parser is a PEG grammar whose actions see identifiers only through its
 * identifier rules, except where the grammar spells a word itself (keywords, word operators such as
 * `DIV`, its reserved-word table, function names its actions compare against). A renamed word is
 * one made of letters and `_` that no string in the parser's build spells, nor begins with (a
 * keyword matched without a word-boundary check, such as `MOD`, would otherwise read the start of
 * `modified_at`), standing alone (no digit, `$` or letter touching it), and renamed one-to-one with
 * no two spellings differing only in case: the grammar then takes the same path over the shape as
 * over the statement. Statements outside the plain subset this argument covers (non-ASCII text,
 * comments, backslashes, double quotes, `$`, `#`) get no shape and are parsed as written.
 *
 * The claim is checked, not only argued: `NILECARE_VERIFY_MYSQL_SHAPES=1` parses every shaped
 * statement both ways and reports any difference (test/e2e/mysql-shape-corpus.test.ts runs it on
 * the fixtures' SQL and bench/sql-corpus; BENCHMARKS.md has the runs on the realistic profile and
 * the fuzz corpus). Only an accepted shape is used: when the parser rejects a shape, the statement
 * is parsed as written, so error messages and offsets are always the statement's own.
 */
import { MYSQL_GRAMMAR_WORDS } from './mysql-grammar-words.js';
import { tokenize } from './tokenizer.js';

export interface StatementShape {
  text: string;
  /** The statement's spelling of each canonical name. */
  originals: Map<string, string>;
}

/** Printable ASCII and line breaks only: the parser's and our tokenizer's whitespace and word characters agree there. */
const PLAIN = /^[\t\n\r\x20-\x7e]*$/;
/** Escapes, double-quoted strings or names, comments and `$` names: left to the parser as written. */
const AWKWARD = /[\\"#$]|\/\*|--/;
const RENAMEABLE = /^[A-Za-z_]+$/;
const CANONICAL_PREFIX = 'qz';
const SPACES = /^[ \t\n\r]*$/;

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

/** Answers of `grammarMaySpell` by word: a repository uses a few thousand words over and over. */
const spelled = new Map<string, boolean>();
const SPELLED_MAX = 20000;

/** Whether the grammar may read `upper` (an upper-cased word) other than as an identifier. */
export function grammarMaySpell(upper: string): boolean {
  let answer = spelled.get(upper);
  if (answer !== undefined) return answer;
  answer = MYSQL_GRAMMAR_WORDS.has(upper);
  // Prefixes of two letters and more: the one-letter strings (`X'…'`, `b'…'`, `N'…'`) need a quote after them.
  for (let i = 2; !answer && i < upper.length; i++) answer = MYSQL_GRAMMAR_WORDS.has(upper.slice(0, i));
  if (spelled.size >= SPELLED_MAX) spelled.clear();
  spelled.set(upper, answer);
  return answer;
}

/** `qza`, `qzb`, … `qzz`, `qzaa`, …: letters only, never a grammar word nor beginning with one. */
export function canonicalName(index: number): string {
  let suffix = '';
  let n = index;
  do {
    suffix = String.fromCharCode(97 + (n % 26)) + suffix;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return CANONICAL_PREFIX + suffix;
}

/** The statement's shape, or undefined when it is outside the subset where sharing a parse is sound. */
export function statementShape(text: string): StatementShape | undefined {
  if (!PLAIN.test(text) || AWKWARD.test(text)) return undefined;
  const tokens = tokenize(text, 'mysql');
  const canonical = new Map<string, string>();
  const originals = new Map<string, string>();
  const spellingOf = new Map<string, string>();
  const parts: string[] = [];
  let previousEnd = -1;
  for (const tok of tokens) {
    if (tok.type === 'comment') return undefined;
    if (previousEnd >= 0 && tok.start > previousEnd) {
      if (!SPACES.test(text.slice(previousEnd, tok.start))) return undefined;
      parts.push(' ');
    }
    previousEnd = tok.end;
    const raw = text.slice(tok.start, tok.end);
    if (tok.type !== 'word') {
      parts.push(raw);
      continue;
    }
    const lower = raw.toLowerCase();
    if (lower.startsWith(CANONICAL_PREFIX)) return undefined; // could meet a canonical name
    const standsAlone = !isWordChar(text.charCodeAt(tok.start - 1)) && !isWordChar(text.charCodeAt(tok.end));
    if (!standsAlone || !RENAMEABLE.test(raw) || grammarMaySpell(tok.upper ?? raw.toUpperCase())) {
      parts.push(raw);
      continue;
    }
    // `Users` and `users` renamed apart would differ where the parser compares names without case.
    const seen = spellingOf.get(lower);
    if (seen !== undefined && seen !== raw) return undefined;
    spellingOf.set(lower, raw);
    let name = canonical.get(raw);
    if (name === undefined) {
      name = canonicalName(canonical.size);
      canonical.set(raw, name);
      originals.set(name, raw);
    }
    parts.push(name);
  }
  return { text: parts.join(''), originals };
}

/** A name from the parser's answer for the shape, as the statement spells it; undefined when it is not one of the shape's whole names. */
export function originalName(shape: StatementShape, name: string): string | undefined {
  const original = shape.originals.get(name);
  if (original !== undefined) return original;
  return name.toLowerCase().includes(CANONICAL_PREFIX) ? undefined : name;
}
