/**
 * Offset conversions for libpg-query, which reports UTF-8 byte offsets for node
 * locations and code-point offsets for error cursors.
 */
import { isAscii } from '../text.js';

/** Maps UTF-8 byte offsets of `text` to UTF-16 offsets, plus `base`. */
export function byteOffsetMapper(text: string, base = 0): (byteOffset: number) => number {
  if (isAscii(text)) return (b) => base + Math.max(0, Math.min(b, text.length));
  // Table indexed by byte offset; bytes inside a character map to its start.
  const bytes = Buffer.byteLength(text, 'utf8');
  const table = new Uint32Array(bytes + 1);
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    const width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < width && b + k <= bytes; k++) table[b + k] = i;
    b += width;
    if (code >= 0x10000) i++;
  }
  table[bytes] = text.length;
  return (off) => base + table[Math.max(0, Math.min(off, bytes))];
}

/** UTF-16 offset of the code point at index `cp` of `text`. */
export function codePointToUtf16(text: string, cp: number): number {
  if (!/[\ud800-\udfff]/.test(text)) return Math.max(0, Math.min(cp, text.length));
  let i = 0;
  for (let n = 0; n < cp && i < text.length; n++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
  }
  return i;
}
