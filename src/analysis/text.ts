import type { Range, Span } from './facts.js';

/** Offsets (UTF-16 units) at which each line starts. Handles \n, \r\n and lone \r. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    // The usual text: line feeds alone, found by the engine's own search instead of a loop over every character
    // (every file of a run, once; the loop below runs interpreted until V8 optimises it).
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (ch === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** 1-based line and column of an offset. */
export function positionAt(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
}

/** Range of a span; `endColumn` is exclusive. */
export function spanToRange(lineStarts: readonly number[], span: Span): Range {
  const start = positionAt(lineStarts, span.start);
  const end = positionAt(lineStarts, Math.max(span.start, span.end));
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/**
 * Converts a UTF-8 byte offset (as libpg-query reports) into a UTF-16 offset of `text`.
 * Pass a precomputed table from `utf8OffsetTable` when converting many offsets.
 */
export function utf8ToUtf16Offset(text: string, byteOffset: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    if (bytes >= byteOffset) return i;
    const code = text.codePointAt(i)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (code >= 0x10000) i++;
  }
  return text.length;
}

/** True when the text is pure ASCII, so byte offsets equal string offsets. */
export function isAscii(text: string): boolean {
  return !/[^\x00-\x7f]/.test(text);
}

/** The text of lines `first`..`last` (1-based, inclusive), line breaks included. */
export function textOfLines(text: string, lineStarts: readonly number[], first: number, last = first): string {
  const start = lineStarts[first - 1] ?? text.length;
  const end = lineStarts[last] ?? text.length;
  return text.slice(start, end);
}

/** The first line of a file (its line break excluded): where findings about the file as a whole are shown. */
export function firstLineRange(file: { text: string; lineStarts: readonly number[] }): Range {
  const next = file.lineStarts.length > 1 ? file.lineStarts[1] : undefined;
  // The runner may have released the text; the line table still bounds the line.
  const length = file.text
    ? file.text.slice(0, next ?? file.text.length).replace(/\r?\n$|\r$/, '').length
    : next !== undefined
      ? next - 1
      : 0;
  return { line: 1, column: 1, endLine: 1, endColumn: length + 1 };
}
