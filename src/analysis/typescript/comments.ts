/**
 * Comments of a script. The AST walk already knows where every string,
 * template piece, regular expression and JSX text lies, so a comment is simply a
 * `//` or `/*` outside those spans — one linear pass, and no scanner guessing
 * whether a `/` starts a regex.
 */
import type { CommentFact, Span } from '../facts.js';

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

function startsOwnLine(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (isLineBreak(c)) return true;
    if (c !== 32 && c !== 9 && c !== 11 && c !== 12 && c !== 0xfeff && c !== 0xa0) return false;
  }
  return true;
}

/** `literals` must be sorted by start and non-overlapping (pre-order AST leaves are). */
export function scanComments(text: string, literals: readonly Span[]): CommentFact[] {
  const out: CommentFact[] = [];
  const n = text.length;
  let li = 0;
  let i = 0;
  // A shebang line is not a comment.
  if (text.startsWith('#!')) {
    while (i < n && !isLineBreak(text.charCodeAt(i))) i++;
  } else if (text.startsWith('\uFEFF#!')) {
    i = 1;
    while (i < n && !isLineBreak(text.charCodeAt(i))) i++;
  }
  while (i < n) {
    const slash = text.indexOf('/', i);
    if (slash < 0 || slash + 1 >= n) break;
    while (li < literals.length && literals[li].end <= slash) li++;
    if (li < literals.length && literals[li].start <= slash) {
      i = literals[li].end;
      continue;
    }
    const next = text.charCodeAt(slash + 1);
    if (next === 47 /* / */) {
      let end = slash + 2;
      while (end < n && !isLineBreak(text.charCodeAt(end))) end++;
      out.push({ text: text.slice(slash, end), span: { start: slash, end }, ownLine: startsOwnLine(text, slash) });
      i = end;
    } else if (next === 42 /* * */) {
      const close = text.indexOf('*/', slash + 2);
      const end = close < 0 ? n : close + 2;
      out.push({ text: text.slice(slash, end), span: { start: slash, end }, ownLine: startsOwnLine(text, slash) });
      i = end;
    } else {
      i = slash + 1;
    }
  }
  return out;
}
