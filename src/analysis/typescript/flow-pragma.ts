/**
 * Flow-typed JavaScript: a `.js` / `.jsx` / `.mjs` / `.cjs` file whose leading comments carry Flow's pragma
 * (`// @flow`, `/* @flow strict-local *\/`, `/** … @flow … *\/`, `@noflow`) is compiled by Babel's Flow preset,
 * not by TypeScript. Its type syntax (`{| … |}` exact object types, `?T` maybe types, `(x: any)` casts, unnamed
 * function-type parameters, `opaque type`) is valid there and an error to TypeScript's parser, which recovers and
 * reads the rest: the SQL and table references of the file are still read, its parser's syntax errors are not
 * reported (the run counts the file as "Flow syntax not checked" instead).
 */

const FLOW_EXTENSION = /\.(?:jsx?|mjs|cjs)$/i;
/** The pragma as Flow reads it from the docblock: a word of its own, optionally followed by a mode. */
const FLOW_PRAGMA = /(?:^|[\s*])@(?:no)?flow(?![\w-])/;
/** How far into the file the leading comments are looked for: a licence header fits, a whole file is not scanned. */
const LEADING_LIMIT = 8192;

/** Whether the file is Flow-typed JavaScript by its name and the pragma in the comments before its first code. */
export function isFlowFile(path: string, text: string): boolean {
  if (!FLOW_EXTENSION.test(path)) return false;
  const head = leadingComments(text.length > LEADING_LIMIT ? text.slice(0, LEADING_LIMIT) : text);
  return head.some((comment) => FLOW_PRAGMA.test(comment));
}

/** The comments before the first token of code (after a BOM and a `#!` line), their bodies without delimiters. */
function leadingComments(text: string): string[] {
  const comments: string[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (text.startsWith('#!', i)) {
    const eol = text.indexOf('\n', i);
    i = eol < 0 ? text.length : eol + 1;
  }
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text.startsWith('//', i)) {
      const eol = text.indexOf('\n', i);
      const end = eol < 0 ? text.length : eol;
      comments.push(text.slice(i + 2, end));
      i = end;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return comments;
      comments.push(text.slice(i + 2, close));
      i = close + 2;
    } else return comments;
  }
}
