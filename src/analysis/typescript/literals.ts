/**
 * Raw ↔ cooked text of string and template literals, with a per-character map
 * back to file offsets. The TypeScript AST gives the cooked value (`node.text`)
 * but not where each cooked character came from; escapes (`\n`, `\u{…}`, line
 * continuations) and CRLF inside templates (cooked as LF) shift the mapping, so
 * we re-cook the raw source text ourselves.
 */
import ts from './ts.js';

// The `typescript` export object and its enums are in dictionary mode: each `ts.x` / `SyntaxKind.X`
// access is a hash lookup, so the ones used per node are read once here.
const { isNoSubstitutionTemplateLiteral, isStringLiteral } = ts;
const { TemplateHead: TemplateHeadKind, TemplateMiddle: TemplateMiddleKind } = ts.SyntaxKind;

export interface CookedText {
  text: string;
  /** File offset of the first raw character (after the opening quote / `}`). */
  rawStart: number;
  /** File offset just past the last raw character (before the closing quote / `${`). */
  rawEnd: number;
  /** `null` when `text` maps 1:1 onto `rawStart…rawEnd`; otherwise one file offset per cooked UTF-16 unit. */
  map: number[] | null;
}

export type TemplatePiece = ts.NoSubstitutionTemplateLiteral | ts.TemplateHead | ts.TemplateMiddle | ts.TemplateTail;

const BACKSLASH = 92;
const CR = 13;
const LF = 10;

function isHex(ch: string): boolean {
  return /^[0-9a-fA-F]$/.test(ch);
}

/** True when the character at `i` is preceded by an odd number of backslashes (i.e. escaped). */
function isEscaped(src: string, i: number, floor: number): boolean {
  let n = 0;
  for (let k = i - 1; k >= floor && src.charCodeAt(k) === BACKSLASH; k--) n++;
  return n % 2 === 1;
}

/**
 * Cooks `src[start, end)` as the body of a string literal (`template = false`) or
 * of a template piece (`template = true`).
 */
export function cookRaw(src: string, start: number, end: number, template: boolean): CookedText {
  let simple = true;
  for (let i = start; i < end; i++) {
    const c = src.charCodeAt(i);
    if (c === BACKSLASH || (template && c === CR)) {
      simple = false;
      break;
    }
  }
  if (simple) return { text: src.slice(start, end), rawStart: start, rawEnd: end, map: null };

  let out = '';
  const map: number[] = [];
  const emit = (s: string, at: number): void => {
    out += s;
    for (let k = 0; k < s.length; k++) map.push(at);
  };

  let i = start;
  while (i < end) {
    const c = src.charCodeAt(i);
    if (c === CR && template) {
      // Template line terminators are normalised: CRLF and lone CR cook to LF.
      emit('\n', i);
      i += i + 1 < end && src.charCodeAt(i + 1) === LF ? 2 : 1;
      continue;
    }
    if (c !== BACKSLASH) {
      out += src[i];
      map.push(i);
      i++;
      continue;
    }
    const at = i;
    if (i + 1 >= end) {
      emit('\\', at);
      i++;
      continue;
    }
    const n = src[i + 1];
    switch (n) {
      case 'n':
        emit('\n', at);
        i += 2;
        break;
      case 't':
        emit('\t', at);
        i += 2;
        break;
      case 'r':
        emit('\r', at);
        i += 2;
        break;
      case 'b':
        emit('\b', at);
        i += 2;
        break;
      case 'f':
        emit('\f', at);
        i += 2;
        break;
      case 'v':
        emit('\v', at);
        i += 2;
        break;
      case '\r':
        // Line continuation: backslash + CRLF / CR cooks to nothing.
        i += 2;
        if (i < end && src.charCodeAt(i) === LF) i++;
        break;
      case '\n':
      case '\u2028':
      case '\u2029':
        i += 2;
        break;
      case 'x': {
        const h = src.slice(i + 2, i + 4);
        if (i + 4 <= end && h.length === 2 && isHex(h[0]) && isHex(h[1])) {
          emit(String.fromCharCode(parseInt(h, 16)), at);
          i += 4;
        } else {
          emit('x', at);
          i += 2;
        }
        break;
      }
      case 'u': {
        if (src[i + 2] === '{') {
          const close = src.indexOf('}', i + 3);
          const hex = close > 0 && close < end ? src.slice(i + 3, close) : '';
          const cp = /^[0-9a-fA-F]{1,6}$/.test(hex) ? parseInt(hex, 16) : NaN;
          if (!Number.isNaN(cp) && cp <= 0x10ffff) {
            emit(String.fromCodePoint(cp), at);
            i = close + 1;
          } else {
            emit('u', at);
            i += 2;
          }
        } else {
          const h = src.slice(i + 2, i + 6);
          if (i + 6 <= end && /^[0-9a-fA-F]{4}$/.test(h)) {
            emit(String.fromCharCode(parseInt(h, 16)), at);
            i += 6;
          } else {
            emit('u', at);
            i += 2;
          }
        }
        break;
      }
      default: {
        if (n >= '0' && n <= '7') {
          if (template || (n === '0' && !(src[i + 2] >= '0' && src[i + 2] <= '9'))) {
            emit(n === '0' ? '\0' : n, at);
            i += 2;
          } else {
            // Legacy octal escape (sloppy-mode strings): up to three digits, value ≤ 0o377.
            let digits = n;
            const max = n <= '3' ? 3 : 2;
            let k = i + 2;
            while (digits.length < max && k < end && src[k] >= '0' && src[k] <= '7') digits += src[k++];
            emit(String.fromCharCode(parseInt(digits, 8)), at);
            i = k;
          }
          break;
        }
        // Identity escape (\' \" \\ \` \$ …); keep surrogate pairs whole.
        const cp = src.codePointAt(i + 1)!;
        const ch = String.fromCodePoint(cp);
        emit(ch, at);
        i += 1 + ch.length;
      }
    }
  }
  return { text: out, rawStart: start, rawEnd: end, map };
}

/** Raw body range of a string literal, tolerating an unterminated literal. */
export function stringLiteralBody(node: ts.StringLiteral, sf: ts.SourceFile, src: string): { start: number; end: number } {
  const s = node.getStart(sf);
  const quote = src[s];
  let e = node.end;
  if (e - s >= 2 && src[e - 1] === quote && !isEscaped(src, e - 1, s + 1)) e -= 1;
  return { start: s + 1, end: Math.max(s + 1, e) };
}

/** Raw body range of a template piece (`…` / `…${ / }…${ / }…`). */
export function templatePieceBody(node: TemplatePiece, sf: ts.SourceFile, src: string): { start: number; end: number } {
  const s = node.getStart(sf);
  let e = node.end;
  const start = s + 1;
  switch (node.kind) {
    case TemplateHeadKind:
    case TemplateMiddleKind:
      if (src.charCodeAt(e - 2) === 36 /* $ */ && src.charCodeAt(e - 1) === 123 /* { */) e -= 2;
      break;
    default:
      if (e - s >= 2 && src[e - 1] === '`' && !isEscaped(src, e - 1, start)) e -= 1;
  }
  return { start, end: Math.max(start, e) };
}

export function cookStringLiteral(node: ts.StringLiteral, sf: ts.SourceFile, src: string): CookedText {
  const b = stringLiteralBody(node, sf, src);
  return cookRaw(src, b.start, b.end, false);
}

export function cookTemplatePiece(node: TemplatePiece, sf: ts.SourceFile, src: string): CookedText {
  const b = templatePieceBody(node, sf, src);
  return cookRaw(src, b.start, b.end, true);
}

/** Cooked value of a plain literal usable as a value (string, no-substitution template). */
export function literalText(node: ts.Node): string | undefined {
  if (isStringLiteral(node) || isNoSubstitutionTemplateLiteral(node)) return node.text;
  return undefined;
}

/**
 * Offset in the file of cooked index `index` of a literal (for spans of table
 * names inside string literals). Falls back to the body start when unmapped.
 */
export function cookedIndexToFile(c: CookedText, index: number): number {
  if (c.map === null) return c.rawStart + index;
  if (index < c.map.length) return c.map[index];
  return c.rawEnd;
}
