/**
 * JSON with comments and trailing commas (the format `init` writes), without loading
 * the TypeScript compiler for it: that alone costs more than a cached lint run.
 */
export class JsoncSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Replaces comments with spaces and drops trailing commas, keeping every offset. */
export function stripJsonc(text: string): string {
  const out = text.split('');
  let i = 0;
  let lastSignificant = -1; // index of the last non-space, non-comment char outside strings
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      lastSignificant = j;
      i = j + 1;
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') out[i++] = ' ';
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      for (; i < stop; i++) if (text[i] !== '\n' && text[i] !== '\r') out[i] = ' ';
    } else {
      if ((ch === '}' || ch === ']') && lastSignificant >= 0 && out[lastSignificant] === ',') out[lastSignificant] = ' ';
      if (!/\s/.test(ch)) lastSignificant = i;
      i++;
    }
  }
  return out.join('');
}

/**
 * JSON.parse's complaint without the excerpt of the text it quotes (Node 20: `Unexpected token 'S',
 * "SHELL=/bin"... is not valid JSON`): the text may be a secret that should never reach a log.
 */
export function describeJsonError(error: unknown): string {
  return (error as Error).message.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*is not valid JSON$/s, '');
}

export function parseJsonc(text: string): unknown {
  const stripped = stripJsonc(text);
  try {
    return JSON.parse(stripped);
  } catch (error) {
    const raw = (error as Error).message;
    const message = describeJsonError(error);
    const at = /position (\d+)/.exec(raw) ?? /^Unexpected token '(.)'/.exec(raw);
    let offset = stripped.length;
    if (at && /^\d+$/.test(at[1])) offset = Number(at[1]);
    else if (at) offset = firstUnexpected(stripped, at[1]);
    const before = stripped.slice(0, offset);
    throw new JsoncSyntaxError(message, before.split('\n').length, offset - before.lastIndexOf('\n'));
  }
}

/** Node 20 names the unexpected character but not always its position: find its first occurrence outside strings. */
function firstUnexpected(text: string, char: string): number {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if ((ch === char && !/[\d.eE+-]/.test(ch)) || (ch === char && i === 0)) return i;
  }
  return text.length;
}
