import type { EnvFileEntry } from './facts.js';

// No `[ \t]*` before `(.*)`: the two would trade spaces, quadratic on a long run of them before a character `.` rejects.
const LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*[=:](.*)$/;
const LINE_BREAK = /\r\n|\n|\r/g;

/** Parses dotenv-style `KEY=value` lines (quotes, `export`, trailing comments). Linear, never throws. */
export function parseEnvFile(text: string): EnvFileEntry[] {
  const entries: EnvFileEntry[] = [];
  let lineStart = 0;
  for (;;) {
    LINE_BREAK.lastIndex = lineStart;
    const br = LINE_BREAK.exec(text);
    const lineEnd = br ? br.index : text.length;
    parseLine(text.slice(lineStart, lineEnd), lineStart, entries);
    if (!br) break;
    lineStart = br.index + br[0].length;
  }
  return entries;
}

function parseLine(line: string, lineStart: number, entries: EnvFileEntry[]): void {
  if (line.trimStart().startsWith('#')) return;
  const match = LINE.exec(line);
  if (!match) return;
  const key = match[1];
  const keyStart = lineStart + line.indexOf(key);
  let rawValue = match[2];
  let blank = 0;
  while (rawValue.charCodeAt(blank) === 32 || rawValue.charCodeAt(blank) === 9) blank++;
  rawValue = rawValue.slice(blank);
  let valueStart = lineStart + line.length - rawValue.length;
  let value: string;
  const quote = rawValue[0];
  if (quote === '"' || quote === "'" || quote === '`') {
    const close = rawValue.indexOf(quote, 1);
    value = close > 0 ? rawValue.slice(1, close) : rawValue.slice(1);
    valueStart += 1;
  } else {
    const hash = rawValue.search(/\s#/);
    if (hash >= 0) rawValue = rawValue.slice(0, hash);
    value = rawValue.trim();
  }
  entries.push({
    key,
    value,
    keySpan: { start: keyStart, end: keyStart + key.length },
    valueSpan: { start: valueStart, end: valueStart + value.length },
  });
}
