/**
 * Text changes for inline directives: removing an unused one (a fix) and adding
 * `nilecare-lint-disable-next-line <rule> -- <reason>` above a finding (a suggestion).
 */
import type { FileFacts, Range } from '../analysis/facts.js';
import { DIRECTIVE_PREFIX, directivesOf, embeddedAnchorLines, type Directive, type DirectiveRule } from '../analysis/directives.js';
import type { Fix, TextEdit } from './fix.js';

export interface DirectiveRemoval {
  directive: Directive;
  /** Remove only this name from the directive's list; the whole comment when absent. */
  rule?: DirectiveRule;
}

/** Offset of a range's start in the file's text. */
export function offsetOf(file: Pick<FileFacts, 'lineStarts'>, line: number, column: number): number {
  return (file.lineStarts[line - 1] ?? 0) + column - 1;
}

function spanOf(file: Pick<FileFacts, 'lineStarts'>, range: Range): { start: number; end: number } {
  return { start: offsetOf(file, range.line, range.column), end: offsetOf(file, range.endLine, range.endColumn) };
}

/**
 * The fix removing a directive, or one rule name from it. Undefined when the file's text does not
 * hold the comment exactly where the facts say (a directive inside an escaped string literal):
 * an edit computed from a guess could damage the code.
 */
export function removeDirectiveFix(file: FileFacts, { directive, rule }: DirectiveRemoval): Fix | undefined {
  const comment = spanOf(file, directive.range);
  if (file.text.slice(comment.start, comment.end) !== directive.text) return undefined;
  if (rule) {
    const edit = removeRuleName(file, directive, rule);
    return edit && { description: `Remove '${rule.id}' from the directive.`, changes: [{ kind: 'edit', file: file.path, edits: [edit] }] };
  }
  return {
    description: `Remove the unused '${directive.name}' directive.`,
    changes: [{ kind: 'edit', file: file.path, edits: [removeComment(file, comment, directive.text.startsWith('/*'))] }],
  };
}

/** The comment alone on its lines goes with its lines; beside code, with the blanks that separate it from the code. */
function removeComment(file: FileFacts, comment: { start: number; end: number }, block: boolean): TextEdit {
  const { text } = file;
  const lineStart = text.lastIndexOf('\n', comment.start - 1) + 1;
  const breakAt = text.slice(comment.end).search(/\r?\n|\r/u);
  const lineEnd = breakAt < 0 ? text.length : comment.end + breakAt;
  const before = text.slice(lineStart, comment.start);
  const after = text.slice(comment.end, lineEnd);
  if (before.trim() === '' && after.trim() === '') {
    if (breakAt >= 0) {
      const lineBreak = /^(?:\r\n|\n|\r)/u.exec(text.slice(lineEnd))![0];
      return { start: lineStart, end: lineEnd + lineBreak.length, text: '' };
    }
    // The last line, with no line break after it: take the break before it instead.
    const previousBreak = /(?:\r\n|\n|\r)$/u.exec(text.slice(0, lineStart))?.[0] ?? '';
    return { start: lineStart - previousBreak.length, end: text.length, text: '' };
  }
  if (block && after.trim() !== '') {
    const blanks = /^[ \t]*/u.exec(after)![0].length;
    return { start: comment.start, end: comment.end + blanks, text: '' };
  }
  const blanks = /[ \t]*$/u.exec(before)![0].length;
  return { start: comment.start - blanks, end: comment.end, text: '' };
}

/** Removes a name with the separator that joins it to its neighbour: `a, b` → `b` or `a`. */
function removeRuleName(file: FileFacts, directive: Directive, rule: DirectiveRule): TextEdit | undefined {
  const index = directive.rules.indexOf(rule);
  const spans = directive.rules.map((r) => spanOf(file, r.range));
  if (directive.rules.some((r, i) => file.text.slice(spans[i].start, spans[i].end) !== r.id)) return undefined;
  const own = spans[index];
  if (index + 1 < spans.length) return { start: own.start, end: spans[index + 1].start, text: '' };
  if (index > 0) return { start: spans[index - 1].end, end: own.end, text: '' };
  return undefined;
}

/** Placeholder for the reason a suggested directive must give; the editor (or the user) replaces it. */
export const REASON_PLACEHOLDER = '<reason>';

/** The line-comment marker directives use in a file of this kind, if the file can hold comments. */
function commentMarker(file: Pick<FileFacts, 'kind' | 'path'>): string | undefined {
  switch (file.kind) {
    case 'script':
    case 'prisma':
      return '//';
    case 'sql':
      return '--';
    case 'env':
    case 'compose':
    case 'k8s':
      return '#';
    default:
      return /\.ya?ml$/iu.test(file.path) ? '#' : undefined;
  }
}

/**
 * The suggestion to suppress a finding with a reason: a `nilecare-lint-disable-next-line` line
 * above the line the finding starts on, indented like it (above the call an embedded SQL string
 * belongs to, where a line comment can stand), or the rule's name added to such a directive
 * already there — a second directive line would push the first away from its line.
 */
export function disableNextLineSuggestion(
  file: FileFacts,
  directives: readonly Directive[],
  ruleId: string,
  at: { line: number; column: number },
  embeddedAnchors: (offset: number) => ReadonlySet<number> | undefined,
): Fix | undefined {
  const marker = commentMarker(file);
  if (!marker || file.text === '') return undefined;
  const anchors = embeddedAnchors(offsetOf(file, at.line, at.column));
  const line = anchors ? Math.min(...anchors) : at.line;
  const lineStart = file.lineStarts[line - 1];
  if (lineStart === undefined) return undefined;
  const description = `Disable '${ruleId}' for this line, with a reason.`;
  const existing = directives.find((d) => d.kind === 'disable-next-line' && !d.multiline && d.line === line && d.rules.length > 0);
  if (existing) {
    const last = existing.rules[existing.rules.length - 1];
    const end = offsetOf(file, last.range.endLine, last.range.endColumn);
    if (file.text.slice(end - last.id.length, end) !== last.id) return undefined;
    return { description, changes: [{ kind: 'edit', file: file.path, edits: [{ start: end, end, text: `, ${ruleId}` }] }] };
  }
  const lineText = file.text.slice(lineStart, file.lineStarts[line] ?? file.text.length);
  if (marker === '#' && insideYamlBlockScalar(file, line)) return undefined;
  const indent = /^[ \t]*/u.exec(lineText)![0];
  const lineBreak = /\r\n|\n|\r/u.exec(file.text)?.[0] ?? '\n';
  const text = `${indent}${marker} nilecare-lint-disable-next-line ${ruleId} -- ${REASON_PLACEHOLDER}${lineBreak}`;
  return { description, changes: [{ kind: 'edit', file: file.path, edits: [{ start: lineStart, end: lineStart, text }] }] };
}

/** A `#` line inside a YAML block scalar (`key: |`) would be part of the value, not a comment. */
function insideYamlBlockScalar(file: FileFacts, line: number): boolean {
  const lineAt = (n: number) => file.text.slice(file.lineStarts[n - 1], file.lineStarts[n] ?? file.text.length).replace(/[\r\n]+$/u, '');
  let indent = /^ */u.exec(lineAt(line))![0].length;
  for (let n = line - 1; n >= 1 && indent > 0; n--) {
    const text = lineAt(n);
    if (text.trim() === '') continue;
    const own = /^ */u.exec(text)![0].length;
    if (own >= indent) continue;
    if (/[|>][-+0-9]*[ \t]*(?:#.*)?$/u.test(text)) return true;
    indent = own;
  }
  return false;
}

/** Diagnostics of the directive pseudo-rules: a directive to silence a directive problem would be a second problem. */
const NOT_DISABLEABLE = new Set(['unused-disable-directive', 'invalid-disable-directive']);

/** For each finding, the disable-with-reason suggestion (none for findings in files that hold no comments). */
export function disableSuggestions(
  files: ReadonlyMap<string, FileFacts>,
): (diagnostic: { ruleId: string; file: string; line: number; column: number }) => Fix[] {
  const directivesByFile = new Map<string, Directive[]>();
  return (diagnostic) => {
    const file = files.get(diagnostic.file);
    if (!file || file.unread || NOT_DISABLEABLE.has(diagnostic.ruleId)) return [];
    let directives = directivesByFile.get(file.path);
    if (!directives) {
      directives = file.text.includes(DIRECTIVE_PREFIX) ? directivesOf(file) : [];
      directivesByFile.set(file.path, directives);
    }
    const anchors = (offset: number) => {
      const site = file.script?.embeddedSql.find((s) => offset >= s.fileSpan.start && offset < s.fileSpan.end);
      return site && embeddedAnchorLines(file, site);
    };
    const fix = disableNextLineSuggestion(file, directives, diagnostic.ruleId, diagnostic, anchors);
    return fix ? [fix] : [];
  };
}
