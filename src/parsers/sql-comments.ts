import type { CommentFact, Dialect } from '../facts.js';

/**
 * Comments of a SQL text, for suppression directives. Skips quoted strings,
 * quoted identifiers and dollar-quoted bodies so `'--'` inside a string is not a comment.
 */
export function sqlComments(text: string, dialect: Dialect): CommentFact[] {
  const comments: CommentFact[] = [];
  let i = 0;
  const n = text.length;
  let lineHasCode = false;
  while (i < n) {
    const ch = text[i];
    if (ch === '\n' || ch === '\r') {
      lineHasCode = false;
      i++;
    } else if ((ch === '-' && text[i + 1] === '-') || (ch === '#' && dialect === 'mysql')) {
      let end = i;
      while (end < n && text[end] !== '\n' && text[end] !== '\r') end++;
      comments.push({ text: text.slice(i, end), span: { start: i, end }, ownLine: !lineHasCode });
      i = end;
    } else if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? n : close + 2;
      comments.push({ text: text.slice(i, end), span: { start: i, end }, ownLine: !lineHasCode });
      i = end;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      lineHasCode = true;
      i = skipQuoted(text, i, ch, dialect);
    } else if (ch === '$' && dialect === 'postgresql') {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i, i + 64));
      lineHasCode = true;
      if (tag) {
        const close = text.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? n : close + tag[0].length;
      } else i++;
    } else {
      if (ch !== ' ' && ch !== '\t') lineHasCode = true;
      i++;
    }
  }
  return comments;
}

function skipQuoted(text: string, start: number, quote: string, dialect: Dialect): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && dialect === 'mysql' && quote !== '`') {
      i += 2;
      continue;
    }
    if (ch === quote) {
      if (text[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return text.length;
}
