/**
 * Syntax no SQL statement has, whatever construct it uses: unbalanced parentheses, an unterminated
 * string or quoted name, a statement cut off after a word or operator that cannot end one. This is
 * what still marks a statement invalid when the rest of it cannot be checked (a MySQL statement
 * family node-sql-parser has no grammar for, a PostgreSQL statement built from psql variables).
 */
import type { TokView } from './tokview.js';

/** Words after which no statement can end (MySQL's and PostgreSQL's grammars alike). */
const CANNOT_END = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'AND',
  'OR',
  'XOR',
  'NOT',
  'JOIN',
  'ON',
  'VALUES',
  'INTO',
  'BY',
  'AS',
  'IN',
  'LIKE',
  'BETWEEN',
  'THEN',
  'WHEN',
  'ELSE',
  'CASE',
  'IS',
  'UNION',
  'HAVING',
  'LIMIT',
  'OFFSET',
  'INNER',
  'LEFT',
  'RIGHT',
  'OUTER',
  'CROSS',
  'NATURAL',
  'USING',
  'ORDER',
  'GROUP',
  'DISTINCT',
  'REFERENCES',
  'TO',
  'FOR',
  'IF',
  'EXISTS',
  'ADD',
  'MODIFY',
  'CHANGE',
  'DROP',
  'UPDATE',
  'INSERT',
  'DELETE',
  'REPLACE',
  'TRUNCATE',
  'CREATE',
  'ALTER',
]);
/** Operators after which no statement can end. `*` can (`GRANT … ON db.*`), `)` and `;` are not operators here. */
const OPERATOR_CANNOT_END = new Set([
  ',',
  '(',
  '.',
  '=',
  '<',
  '>',
  '<=',
  '>=',
  '<>',
  '!=',
  '<=>',
  '+',
  '-',
  '/',
  '%',
  '||',
  '&&',
  ':=',
  '->',
  '->>',
]);

/**
 * Syntax no MySQL statement has, whatever the construct: `offset` (absolute) is where to point,
 * `message` replaces the parser's when it would mislead.
 */
export function obviousBreak(v: TokView): { message?: string; offset?: number } | undefined {
  let depth = 0;
  let firstOpen = -1;
  for (let i = 0; i < v.length; i++) {
    const x = v.key(i);
    if (x === '(') {
      if (depth === 0) firstOpen = i;
      depth++;
    } else if (x === ')') {
      depth--;
      if (depth < 0) return { message: 'unbalanced parentheses: ")" without "("', offset: v.toks[i].start };
    }
  }
  if (depth > 0) return { message: 'unbalanced parentheses: "(" never closed', offset: v.toks[firstOpen].start };
  const lastIndex = v.length - 1;
  const last = v.toks[lastIndex];
  if (!last) return undefined;
  if ((last.type === 'string' || last.type === 'quoted') && !closedQuote(v.raw(lastIndex)))
    return { message: `unterminated ${last.type === 'string' ? 'string' : 'quoted identifier'}`, offset: last.start };
  const word = v.key(lastIndex);
  const before = v.key(lastIndex - 1);
  // After `=` a keyword is a value (`SET GLOBAL event_scheduler = ON`); `FOR UPDATE` and `XA START 'x' JOIN` end statements.
  const ends = before === '=' || before === ':=' || (word === 'UPDATE' && before === 'FOR') || (word === 'JOIN' && v.key(0) === 'XA');
  if (OPERATOR_CANNOT_END.has(word) || (last.type === 'word' && CANNOT_END.has(word) && lastIndex > 0 && !ends))
    return { message: `syntax error at end of input (the statement ends after "${v.raw(lastIndex)}")`, offset: last.start };
  return undefined;
}

/** Whether a string or quoted-identifier token has its closing quote (not escaped by a backslash). */
function closedQuote(raw: string): boolean {
  const open = /['"`]/.exec(raw);
  if (!open) return true;
  const q = open[0];
  const body = raw.slice(open.index + 1);
  if (body.length === 0 || !body.endsWith(q)) return false;
  if (q === '`') return true;
  const backslashes = /\\*$/.exec(body.slice(0, -1))![0].length;
  return backslashes % 2 === 0;
}
