/**
 * `#` comments of .env and YAML files (compose files, Kubernetes manifests), with exact spans,
 * so inline directives work there as in TypeScript and SQL:
 *
 *     # nilecare-lint-disable-next-line no-hardcoded-credentials -- rotated, see VAULT-12
 *     DB_PASSWORD=hunter2
 *
 * A `#` that is part of a value is never a comment: in quoted values, YAML block scalars
 * (`|`, `>`), or glued to the text before it (`http://host/#fragment`, `KEY=abc#def`).
 */
import { yaml } from './yaml-module.js';
import type { CommentFact, EnvFileEntry, Span } from './facts.js';
import { commentFacts } from './sql-comments.js';
import { maskHelmTemplates } from './helm-templates.js';

const LINE_BREAK = /\r\n|\n|\r/g;
const QUOTES = '"\'`';
// What `trimStart()` and `\s` skip in env.ts.
const WHITESPACE = /\s/;

/**
 * Comments of a dotenv file, by the same rules as `parseEnvFile` (whose `entries` are passed):
 * a line whose first non-blank character is `#`, and on an entry's line, a `#` after the value
 * that follows whitespace or the closing quote. So `KEY=abc#def` and `KEY="a # b"` hold no
 * comment, and neither does `KEY= # note`, whose value is `# note` for env.ts and for
 * docker compose. Lines that are neither comments nor entries are skipped, as env.ts skips them.
 */
export function envComments(text: string, entries: readonly EnvFileEntry[]): CommentFact[] {
  const spans: Span[] = [];
  let next = 0;
  let lineStart = 0;
  for (;;) {
    LINE_BREAK.lastIndex = lineStart;
    const br = LINE_BREAK.exec(text);
    const lineEnd = br ? br.index : text.length;
    while (next < entries.length && entries[next].keySpan.start < lineStart) next++;
    const entry = next < entries.length && entries[next].keySpan.start < lineEnd ? entries[next] : undefined;
    if (!entry) {
      let first = lineStart;
      while (first < lineEnd && WHITESPACE.test(text[first])) first++;
      if (text[first] === '#') spans.push({ start: first, end: lineEnd });
    } else {
      const hash = trailingHash(text, entry, lineEnd);
      if (hash >= 0) spans.push({ start: hash, end: lineEnd });
    }
    if (!br) break;
    lineStart = br.index + br[0].length;
  }
  return commentFacts(text, spans);
}

/** Where a comment starts after an entry's value on its line, or -1. */
function trailingHash(text: string, entry: EnvFileEntry, lineEnd: number): number {
  const { start, end } = entry.valueSpan;
  const quote = text[start - 1];
  const quoted = quote !== undefined && QUOTES.includes(quote) && text[end] === quote;
  const from = quoted ? end + 1 : end;
  for (let i = from; i < lineEnd; i++) {
    if (text[i] === '#' && ((quoted && i === from) || WHITESPACE.test(text[i - 1]))) return i;
  }
  return -1;
}

/** yaml's lexer markers: zero-width, except that the token after SCALAR is a scalar's source. */
const DOCUMENT = '\x02';
const FLOW_END = '\x18';
const SCALAR = '\x1f';

/**
 * Comments of a YAML text, from the `yaml` package's lexer, which already knows where quoted,
 * plain and block scalars end (a `# …` line inside a `|` body is text). Helm `{{ … }}` actions
 * are masked first, as the manifest parser masks them, so their quotes cannot unbalance the rest.
 */
export function yamlComments(text: string): CommentFact[] {
  const source = text.includes('{{') ? maskHelmTemplates(text).masked : text;
  const spans: Span[] = [];
  let offset = 0;
  let inScalar = false;
  for (const token of new (yaml().Lexer)().lex(source)) {
    if (inScalar) {
      inScalar = false;
    } else if (token === SCALAR) {
      inScalar = true;
      continue;
    } else if (token === DOCUMENT || token === FLOW_END) {
      continue;
    } else if (token[0] === '#' && (offset === 0 || WHITESPACE.test(text[offset - 1]))) {
      // The lexer reads only \n and \r\n as line breaks; a lone \r still ends the comment.
      const cr = token.indexOf('\r');
      spans.push({ start: offset, end: offset + (cr < 0 ? token.length : cr) });
    }
    offset += token.length;
  }
  if (offset !== source.length) throw new Error(`YAML comment offsets drifted (${offset} of ${source.length})`);
  return commentFacts(text, spans);
}
