import type { EnvFileEntry } from '../facts.js';

const LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*[=:][ \t]*(.*)$/;

/** Parses dotenv-style `KEY=value` lines (quotes, `export`, trailing comments). Never throws. */
export function parseEnvFile(text: string): EnvFileEntry[] {
  const entries: EnvFileEntry[] = [];
  let offset = 0;
  for (const rawLine of text.split(/\r?\n|\r/)) {
    const lineStart = offset;
    offset += rawLine.length + 1;
    // Offsets assume one-char line breaks; fix up CRLF by searching the real position.
    const match = LINE.exec(rawLine);
    if (!match || rawLine.trimStart().startsWith('#')) continue;
    const key = match[1];
    const keyStart = lineStart + rawLine.indexOf(key);
    let rawValue = match[2];
    let valueStart = lineStart + rawLine.length - rawValue.length;
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
  return fixCrlf(text, entries);
}

/** The split above counts one char per line break; shift spans when the file uses CRLF. */
function fixCrlf(text: string, entries: EnvFileEntry[]): EnvFileEntry[] {
  if (!text.includes('\r\n')) return entries;
  const lineStarts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) lineStarts.push(i + 1);
  const naiveStarts: number[] = [0];
  text.split(/\r?\n|\r/).forEach((line, i) => naiveStarts.push(naiveStarts[i] + line.length + 1));
  const shift = (offset: number) => {
    let line = 0;
    while (line + 1 < naiveStarts.length && naiveStarts[line + 1] <= offset) line++;
    return lineStarts[line] + (offset - naiveStarts[line]);
  };
  return entries.map((e) => ({
    ...e,
    keySpan: { start: shift(e.keySpan.start), end: shift(e.keySpan.end) },
    valueSpan: { start: shift(e.valueSpan.start), end: shift(e.valueSpan.end) },
  }));
}
