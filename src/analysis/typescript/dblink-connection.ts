/**
 * Whether a module's SQL text hands a constant to dblink as its connection: `dblink('${remote}', 'SELECT …')`,
 * `dblink(${remote}, …)`, `dblink_exec(remote, …)`, `dblink_connect('link', '${remote}')`. Read by a linear scan of the
 * text (no regular expression), from each `dblink` on: its function name, `(`, then the first argument, or the second
 * after a quoted first one (the link's name).
 */
export function usedAsDblinkConnection(text: string, name: string): boolean {
  const lower = text.toLowerCase();
  for (let at = lower.indexOf('dblink'); at >= 0; at = lower.indexOf('dblink', at + 6)) {
    let i = at + 6;
    while (i < text.length && (isLetter(lower[i]) || lower[i] === '_')) i++;
    i = skipSpaces(text, i);
    if (text[i] !== '(') continue;
    i = skipSpaces(text, i + 1);
    if (argumentIs(text, i, name)) return true;
    // A quoted first argument (dblink_connect's link name): the connection may be the second.
    const quote = text[i];
    if (quote !== "'" && quote !== '"') continue;
    const close = text.indexOf(quote, i + 1);
    if (close < 0) continue;
    i = skipSpaces(text, close + 1);
    if (text[i] !== ',') continue;
    if (argumentIs(text, skipSpaces(text, i + 1), name)) return true;
  }
  return false;
}

/** Whether the argument at `i` is `name`, bare or interpolated, quoted or not, and ends there (`,` or `)`). */
function argumentIs(text: string, i: number, name: string): boolean {
  const quote = text[i] === "'" || text[i] === '"' ? text[i] : undefined;
  if (quote) i++;
  const interpolated = text.startsWith('${', i);
  if (interpolated) i = skipSpaces(text, i + 2);
  if (!text.startsWith(name, i) || isIdentifierChar(text[i + name.length])) return false;
  i = skipSpaces(text, i + name.length);
  if (interpolated) {
    if (text[i] !== '}') return false;
    i++;
  }
  if (quote) {
    if (text[i] !== quote) return false;
    i++;
  }
  i = skipSpaces(text, i);
  return text[i] === ',' || text[i] === ')';
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return i;
}

const isLetter = (c: string | undefined) => c !== undefined && c >= 'a' && c <= 'z';
const isIdentifierChar = (c: string | undefined) =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === '$');
