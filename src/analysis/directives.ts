/**
 * Inline suppression directives, read from the comments the parsers already collected.
 *
 *     // nilecare-lint-disable-next-line no-cross-service-query -- read-only report, see ADR-12
 *     db.query('SELECT * FROM clinical_data.patients');
 *
 * The forms and their reach follow ESLint:
 * - `disable-line` covers its own line, `disable-next-line` the line after the comment ends;
 *   a finding counts when it starts on that line.
 * - `disable` covers everything from the comment to a matching `enable` (or the end of the
 *   file), so a `disable` above the first line of code covers the whole file.
 * - `disable-file` (not in ESLint) covers the whole file wherever it stands.
 * - No rule list means every rule; rules are separated by commas (or spaces); a reason follows
 *   ` -- `, as in ESLint.
 *
 * Unlike ESLint, every form works in line comments too (`//`, and `--` / `#` in SQL), since
 * block comments are unusual in SQL; in .env, compose and Kubernetes files they are `#`
 * comments. SQL comments inside an embedded SQL string count as comments of the file, mapped
 * to where they stand.
 */
import type { CommentFact, FileFacts, Range, Span } from './facts.js';
import { commentFacts } from './sql-comments.js';
import { positionAt, spanToRange, textOfLines } from './text.js';
import { embeddedToFileSpan } from './locate.js';

export const DIRECTIVE_PREFIX = 'nilecare-lint-';

export type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line' | 'disable-file';

export interface DirectiveRule {
  id: string;
  /** Where the rule name stands, for pointing at a wrong or unused one. */
  range: Range;
}

export interface Directive {
  kind: DirectiveKind;
  /** The directive word as written, e.g. `nilecare-lint-disable-next-line`. */
  name: string;
  /** Rules named; empty means every rule. */
  rules: DirectiveRule[];
  /** Text after ` -- `, trimmed; undefined when absent or empty. */
  reason?: string;
  /** The whole comment. */
  range: Range;
  /** The comment as written, for fingerprints. */
  text: string;
  /** The line a `disable-line` / `disable-next-line` applies to. */
  line?: number;
  /** `disable-line` in a block comment spanning several lines: ESLint rejects it, so do we. */
  multiline?: boolean;
}

const DIRECTIVE = /^(\s*)nilecare-lint-(disable-next-line|disable-line|disable-file|disable|enable)(?=\s|$)/u;
const REASON_SEPARATOR = /\s-{2,}(?:\s|$)/u;

/** Every directive of a file: its own comments, then SQL comments inside embedded SQL strings. */
export function directivesOf(file: FileFacts): Directive[] {
  const directives: Directive[] = [];
  for (const comment of file.comments) {
    const directive = parseDirective(comment.text, comment.span.start, (span) => spanToRange(file.lineStarts, span));
    if (directive) directives.push(directive);
  }
  const sites = file.script?.embeddedSql ?? [];
  sites.forEach((site, index) => {
    if (!site.text.includes(DIRECTIVE_PREFIX)) return;
    for (const comment of commentFacts(site.text, file.embeddedAnalyses?.[index]?.comments)) {
      const toRange = (span: Span) => spanToRange(file.lineStarts, embeddedToFileSpan(site, span));
      const directive = parseDirective(comment.text, comment.span.start, toRange);
      if (directive) directives.push(directive);
    }
  });
  return directives.sort((a, b) => a.range.line - b.range.line || a.range.column - b.range.column);
}

/**
 * Parses one comment (`// …`, `/* … *\/`, `-- …`, `# …`); undefined when it holds no directive.
 * `offset` is where the comment starts in the text `toRange` maps from.
 */
export function parseDirective(commentText: string, offset: number, toRange: (span: Span) => Range): Directive | undefined {
  const { body, bodyStart } = commentBody(commentText);
  const match = DIRECTIVE.exec(body);
  if (!match) return undefined;
  const kind = match[2] as DirectiveKind;
  const afterName = match[0].length;
  const rest = body.slice(afterName);
  const separator = REASON_SEPARATOR.exec(rest);
  const ruleText = separator ? rest.slice(0, separator.index) : rest;
  const reason = separator ? rest.slice(separator.index + separator[0].length).trim() : undefined;

  const rules: DirectiveRule[] = [];
  for (const token of ruleText.matchAll(/[^\s,]+/gu)) {
    const start = offset + bodyStart + afterName + token.index;
    rules.push({ id: token[0], range: toRange({ start, end: start + token[0].length }) });
  }
  const range = toRange({ start: offset, end: offset + commentText.length });
  const directive: Directive = {
    kind,
    name: `${DIRECTIVE_PREFIX}${kind}`,
    rules,
    range,
    text: commentText,
  };
  if (reason) directive.reason = reason;
  if (kind === 'disable-line') {
    directive.line = range.line;
    if (range.endLine !== range.line) directive.multiline = true;
  } else if (kind === 'disable-next-line') {
    directive.line = range.endLine + 1;
  }
  return directive;
}

/** The text inside the comment markers and where it starts within the comment. */
function commentBody(text: string): { body: string; bodyStart: number } {
  if (text.startsWith('/*')) return { body: text.slice(2, text.endsWith('*/') && text.length >= 4 ? -2 : undefined), bodyStart: 2 };
  if (text.startsWith('//') || text.startsWith('--')) return { body: text.slice(2), bodyStart: 2 };
  if (text.startsWith('#')) return { body: text.slice(1), bodyStart: 1 };
  return { body: text, bodyStart: 0 };
}

/**
 * Lines a line directive on line L reaches for findings inside an embedded SQL string: the
 * string's first line, and when the string starts its own line, the lines of the call it
 * continues (`pool.query(` / `const sql =` on the line above), so that
 *
 *     // nilecare-lint-disable-next-line no-cross-service-query
 *     const rows = await pool.query(
 *       `SELECT * FROM
 *          clinical_data.patients`);
 *
 * covers the finding on the fourth line.
 */
export function embeddedAnchorLines(file: Pick<FileFacts, 'text' | 'lineStarts'>, site: { fileSpan: Span }): Set<number> {
  let line = positionAt(file.lineStarts, site.fileSpan.start).line;
  const lines = new Set([line]);
  // Walk up while the line above ends mid-expression: an open call, an assignment, an arrow, `await`.
  while (line > 1) {
    let previous = line - 1;
    while (previous >= 1 && textOfLines(file.text, file.lineStarts, previous).trim() === '') previous--;
    if (previous < 1 || !CONTINUES.test(textOfLines(file.text, file.lineStarts, previous).trimEnd())) break;
    lines.add(previous);
    line = previous;
  }
  return lines;
}

const CONTINUES = /(?:[(=]|=>|\bawait|\breturn)$/u;

export type { CommentFact };
