/**
 * The names an import takes from its module, read from the text around the specifier: the same
 * reading whether the file was parsed or only scanned for imports (the scanner path keeps exactly
 * the facts of a full parse). Undefined when the import takes the module as a whole or the text is
 * not one of the plain forms: a namespace (`import * as data`, `const data = require('…')`), a
 * side-effect import, a dynamic import, a rest element, nested patterns or a comment in the list.
 * The model then treats the import as using everything the module leads to.
 *
 *   import a from 'x'                      → default
 *   import a, { b, c as d, type T } from 'x' → default, b, c, T
 *   export { b, c as d } from 'x'          → b, c
 *   const { b, c: d } = require('x')       → b, c
 *   require('x').b                         → b
 */
import type { ImportFact, Span } from '../facts.js';

/** How far before a specifier an import clause is looked for. */
const MAX_CLAUSE = 2000;

export function importedNames(text: string, fileSpan: Span, kind: ImportFact['kind']): string[] | undefined {
  if (kind === 'dynamic-import') return undefined;
  const back = new BackReader(text, fileSpan.start, Math.max(0, fileSpan.start - MAX_CLAUSE));
  if (kind === 'require') {
    const member = memberAfter(text, fileSpan.end);
    if (member !== undefined) return [member];
    if (!back.punct('(') || back.word() !== 'require' || !back.punct('=')) return undefined;
    return bindingNames(back.braced(), ':');
  }
  if (back.word() !== 'from') return undefined;
  const list = back.braced();
  if (kind === 'export') return list === undefined ? undefined : bindingNames(list, 'as');
  const names = list === undefined ? [] : bindingNames(list, 'as');
  if (!names) return undefined;
  if (list !== undefined && !back.punct(',')) return back.word() === 'import' || back.lastWord === 'type' ? names : undefined;
  // `import a from` / `import a, { … } from`: the default export is one of the names.
  const local = back.word();
  if (local === undefined || local === 'type') return undefined;
  const before = back.word();
  if (before === 'import' || (before === 'type' && back.word() === 'import')) return ['default', ...names];
  return undefined;
}

/** `require('x').name` / `require('x')?.name`: the member read right after the call. */
function memberAfter(text: string, end: number): string | undefined {
  const m = /^\s*\)\s*\??\.\s*([A-Za-z_$][\w$]*)/.exec(text.slice(end, end + 200));
  return m?.[1];
}

/**
 * The imported (left-hand) names of a `{ … }` list: `a`, `a as b` / `a: b`, `type a`; undefined
 * for anything else (a rest element, a default value, a nested pattern, a string name, a comment).
 */
function bindingNames(list: string | undefined, rename: 'as' | ':'): string[] | undefined {
  if (list === undefined) return undefined;
  const names: string[] = [];
  for (const raw of list.split(',')) {
    const element = raw.trim();
    if (element === '') continue;
    const m =
      rename === 'as'
        ? /^(?:type\s+)?([A-Za-z_$][\w$]*)(?:\s+as\s+[A-Za-z_$][\w$]*)?$/.exec(element)
        : /^([A-Za-z_$][\w$]*)(?:\s*:\s*[A-Za-z_$][\w$]*)?$/.exec(element);
    if (!m) return undefined;
    names.push(m[1]);
  }
  return names;
}

/** Reads tokens backwards from a position, skipping whitespace only (a comment ends the reading). */
class BackReader {
  lastWord: string | undefined;
  constructor(
    private readonly text: string,
    private pos: number,
    private readonly floor: number,
  ) {}

  private skipSpace(): void {
    while (this.pos > this.floor && /\s/.test(this.text[this.pos - 1])) this.pos--;
  }

  /** The identifier ending here, or undefined (the position is kept then). */
  word(): string | undefined {
    this.skipSpace();
    let start = this.pos;
    while (start > this.floor && /[\w$]/.test(this.text[start - 1])) start--;
    if (start === this.pos) return (this.lastWord = undefined);
    const word = this.text.slice(start, this.pos);
    this.pos = start;
    return (this.lastWord = word);
  }

  /** True, and past it, when the next character back is `c`. */
  punct(c: string): boolean {
    this.skipSpace();
    if (this.pos <= this.floor || this.text[this.pos - 1] !== c) return false;
    this.pos--;
    return true;
  }

  /** The text inside a `{ … }` ending here (no brace or comment inside), or undefined. */
  braced(): string | undefined {
    this.skipSpace();
    if (this.pos <= this.floor || this.text[this.pos - 1] !== '}') return undefined;
    let start = this.pos - 1;
    while (start > this.floor && !'{}/'.includes(this.text[start - 1])) start--;
    if (start <= this.floor || this.text[start - 1] !== '{') return undefined;
    const inner = this.text.slice(start, this.pos - 1);
    this.pos = start - 1;
    return inner;
  }
}
