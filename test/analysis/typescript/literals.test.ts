import { describe, expect, it } from 'vitest';
import { cookRaw } from '../../../src/analysis/typescript/literals.js';

/** Cooks the whole string as a literal body and checks the map against the raw text. */
function cook(raw: string, template = false) {
  return cookRaw(raw, 0, raw.length, template);
}

describe('cookRaw', () => {
  it('maps plain text 1:1 without a map', () => {
    expect(cook('SELECT 1')).toEqual({ text: 'SELECT 1', rawStart: 0, rawEnd: 8, map: null });
  });

  it('cooks simple escapes and maps each cooked character to its escape', () => {
    const c = cook(String.raw`a\nb\tc\\d\'e`);
    expect(c.text).toBe("a\nb\tc\\d'e");
    expect(c.map).toEqual([0, 1, 3, 4, 6, 7, 9, 10, 12]);
  });

  it('cooks \\x, \\u and \\u{…} escapes (astral code points take two units)', () => {
    const c = cook(String.raw`\x41\u0042\u{1F600}!`);
    expect(c.text).toBe('AB\u{1F600}!');
    expect(c.map).toEqual([0, 4, 10, 10, 19]);
  });

  it('drops line continuations (LF and CRLF)', () => {
    const c = cook('ab\\\ncd\\\r\nef');
    expect(c.text).toBe('abcdef');
    expect(c.map).toEqual([0, 1, 4, 5, 9, 10]);
  });

  it('normalises CRLF and lone CR to LF in templates, mapped to the CR', () => {
    const c = cook('a\r\nb\rc', true);
    expect(c.text).toBe('a\nb\nc');
    expect(c.map).toEqual([0, 1, 3, 4, 5]);
  });

  it('reads legacy octal escapes in strings and keeps \\0', () => {
    expect(cook(String.raw`\101\0x`).text).toBe('A\0x');
  });

  it('keeps invalid escapes of tagged templates readable', () => {
    expect(cook(String.raw`\unicode \xZ`, true).text).toBe('unicode xZ');
  });

  it('honours the start and end offsets within a larger text', () => {
    const src = "x = 'a\\nb';";
    const c = cookRaw(src, 5, 9, false);
    expect(c).toEqual({ text: 'a\nb', rawStart: 5, rawEnd: 9, map: [5, 6, 8] });
  });
});
