import type { FileFacts, Span } from '../../src/analysis/facts.js';
import type { Fix } from '../../src/engine/fix.js';

/**
 * A change replacing `span` of the file, offered only when the file holds exactly `expected`
 * there: facts locate values through escapes and templates, and an edit computed from an
 * approximate span could damage the code around it.
 */
export function replaceSpan(
  file: Pick<FileFacts, 'path' | 'text'>,
  span: Span,
  expected: string,
  text: string,
  description: string,
): Fix | undefined {
  if (!file.text || file.text.slice(span.start, span.end) !== expected) return undefined;
  return { description, changes: [{ kind: 'edit', file: file.path, edits: [{ start: span.start, end: span.end, text }] }] };
}

/** Replaces the one occurrence of `word` inside `span` (none when it occurs twice: which one is meant is unclear). */
export function replaceWithin(
  file: Pick<FileFacts, 'path' | 'text'>,
  span: Span,
  word: string,
  text: string,
  description: string,
): Fix | undefined {
  if (!file.text) return undefined;
  const inside = file.text.slice(span.start, span.end);
  const at = inside.indexOf(word);
  if (at < 0 || inside.includes(word, at + 1)) return undefined;
  return replaceSpan(file, { start: span.start + at, end: span.start + at + word.length }, word, text, description);
}

/** Zero or one suggestion, as `report({ suggest })` takes them. */
export function suggestions(...fixes: Array<Fix | undefined>): Fix[] | undefined {
  const present = fixes.filter((fix) => fix !== undefined);
  return present.length > 0 ? present : undefined;
}
