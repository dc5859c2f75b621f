/**
 * Where a value is in the config file's text, so that a finding about a config entry (a database
 * pinned in `services[i].databases[j]`) points at that entry. Works on the text `stripJsonc`
 * leaves (comments blanked, trailing commas dropped, every offset kept), which parsed as JSON
 * when the config was loaded; anything else gives undefined, never an exception.
 */
import { stripJsonc } from './jsonc.js';

/** Offsets into the config text, end exclusive. */
export interface TextSpan {
  start: number;
  end: number;
}

/** `['services', 0, 'databases', 1]` → the span of that value (a string's span includes its quotes). */
export function jsonValueSpan(text: string, keyPath: ReadonlyArray<string | number>): TextSpan | undefined {
  const json = stripJsonc(text);
  const reader = { text: json, at: 0 };
  try {
    let span = valueAt(reader);
    for (const key of keyPath) {
      reader.at = span.start;
      const found = typeof key === 'number' ? arrayElement(reader, key) : objectMember(reader, key);
      if (!found) return undefined;
      span = found;
    }
    return span;
  } catch {
    return undefined;
  }
}

interface Reader {
  text: string;
  at: number;
}

const skipSpace = (r: Reader) => {
  while (r.at < r.text.length && /\s/.test(r.text[r.at])) r.at++;
};

function consume(r: Reader, ch: string): void {
  skipSpace(r);
  if (r.text[r.at] !== ch) throw new Error(`expected ${ch}`);
  r.at++;
}

/** The span of the value starting at (or after white space from) `r.at`; leaves `r.at` after it. */
function valueAt(r: Reader): TextSpan {
  skipSpace(r);
  const start = r.at;
  const ch = r.text[r.at];
  if (ch === '"') stringEnd(r);
  else if (ch === '{' || ch === '[') {
    const close = ch === '{' ? '}' : ']';
    r.at++;
    skipSpace(r);
    if (r.text[r.at] === close) r.at++;
    else
      for (;;) {
        if (ch === '{') {
          skipSpace(r);
          stringEnd(r);
          consume(r, ':');
        }
        valueAt(r);
        skipSpace(r);
        const next = r.text[r.at++];
        if (next === close) break;
        if (next !== ',') throw new Error('expected , or close');
      }
  } else {
    const literal = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(r.text.slice(r.at, r.at + 64));
    if (!literal) throw new Error('not a value');
    r.at += literal[0].length;
  }
  return { start, end: r.at };
}

/** Moves past the string at `r.at` (its closing quote included). */
function stringEnd(r: Reader): void {
  if (r.text[r.at] !== '"') throw new Error('expected a string');
  let i = r.at + 1;
  while (i < r.text.length && r.text[i] !== '"') i += r.text[i] === '\\' ? 2 : 1;
  if (i >= r.text.length) throw new Error('unterminated string');
  r.at = i + 1;
}

function arrayElement(r: Reader, index: number): TextSpan | undefined {
  skipSpace(r);
  if (r.text[r.at] !== '[') return undefined;
  r.at++;
  skipSpace(r);
  if (r.text[r.at] === ']') return undefined;
  for (let i = 0; ; i++) {
    const span = valueAt(r);
    if (i === index) return span;
    skipSpace(r);
    if (r.text[r.at++] !== ',') return undefined;
  }
}

function objectMember(r: Reader, key: string): TextSpan | undefined {
  skipSpace(r);
  if (r.text[r.at] !== '{') return undefined;
  r.at++;
  skipSpace(r);
  if (r.text[r.at] === '}') return undefined;
  let found: TextSpan | undefined;
  for (;;) {
    skipSpace(r);
    const keyStart = r.at;
    stringEnd(r);
    const name = JSON.parse(r.text.slice(keyStart, r.at)) as string;
    consume(r, ':');
    const span = valueAt(r);
    // JSON.parse keeps the last of duplicate keys: so does this.
    if (name === key) found = span;
    skipSpace(r);
    if (r.text[r.at++] !== ',') return found;
  }
}
