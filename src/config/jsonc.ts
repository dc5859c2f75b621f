/**
 * JSON with comments and trailing commas (the format `init` writes, and tsconfig.json's), read and
 * edited with jsonc-parser, the scanner VS Code uses for its settings files: errors carry the
 * exact offset, and edits keep the comments and the layout of the rest of the file.
 */
import { applyEdits, modify, parse, parseTree, printParseErrorCode, type Node, type ParseError, type ParseOptions } from 'jsonc-parser';

export class JsoncSyntaxError extends Error {
  constructor(
    message: string,
    /** UTF-16 offset into the text of the character the error is about. */
    readonly offset: number,
    /** 1-based. */
    readonly line: number,
    /** 1-based, in UTF-16 code units. */
    readonly column: number,
  ) {
    super(message);
    this.name = 'JsoncSyntaxError';
  }
}

const JSONC: ParseOptions = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false };
const STRICT_JSON: ParseOptions = { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false };

/**
 * What went wrong, in words that quote nothing of the text: a config may hold a secret (a
 * `.env` passed with -c by mistake), and the message reaches logs.
 */
const DESCRIPTIONS: Record<ReturnType<typeof printParseErrorCode>, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':' after the property name",
  CommaExpected: "expected ',' between values",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'expected the end of the text after the value',
  InvalidCommentToken: 'comments are not allowed here',
  UnexpectedEndOfComment: 'unterminated /* comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape in a string',
  InvalidCharacter: 'a control character in a string (escape it)',
  '<unknown ParseErrorCode>': 'not valid',
};

/** jsonc-parser reports a string's errors at the string's opening quote: point at the character itself. */
function exactOffset(text: string, error: ParseError): number {
  const code = printParseErrorCode(error.error);
  const token = text.slice(error.offset, error.offset + error.length);
  if (code === 'InvalidCharacter') {
    const at = token.search(/[\u0000-\u001f]/);
    if (at >= 0) return error.offset + at;
  }
  if (code === 'InvalidEscapeCharacter' || code === 'InvalidUnicode') {
    const at = token.search(code === 'InvalidUnicode' ? /\\u(?![0-9a-fA-F]{4})/ : /\\[^"\\/bfnrtu]/);
    if (at >= 0) return error.offset + at;
  }
  return error.offset;
}

function syntaxError(text: string, error: ParseError): JsoncSyntaxError {
  const offset = exactOffset(text, error);
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return new JsoncSyntaxError(DESCRIPTIONS[printParseErrorCode(error.error)], offset, before.split('\n').length, offset - lineStart + 1);
}

function parseWith(text: string, options: ParseOptions): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, options);
  if (errors.length > 0) throw syntaxError(text, errors[0]);
  return value;
}

/** JSONC to a value; throws JsoncSyntaxError at the first error (jsonc-parser recovers, a config must not). */
export function parseJsonc(text: string): unknown {
  return parseWith(text, JSONC);
}

/**
 * Strict JSON (files the tool writes, such as the suppressions file): JSON.parse, which is fast on
 * large files; on an error, jsonc-parser in strict mode says where, instead of Node's message,
 * which quotes the text.
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    parseWith(text, STRICT_JSON);
    // The two parsers disagree (they should not): the position is unknown, the verdict is JSON.parse's.
    throw new JsoncSyntaxError('not valid', 0, 1, 1);
  }
}

/** Offsets into the text, end exclusive. */
export interface TextSpan {
  start: number;
  end: number;
}

/**
 * The span of the value at `keyPath` (a string's span includes its quotes), so that a finding
 * about a config entry points at it; undefined when the path is not there or the text does not
 * parse, never an exception.
 */
export function jsonValueSpan(text: string, keyPath: ReadonlyArray<string | number>): TextSpan | undefined {
  let node = configTree(text);
  if (!node) return undefined;
  for (const key of keyPath) {
    node = child(node, key);
    if (!node) return undefined;
  }
  return { start: node.offset, end: node.offset + node.length };
}

/** The last text's tree: read only by jsonValueSpan, never changed. */
let lastTree: { text: string; node: Node | undefined } | undefined;

/**
 * The text's tree, undefined when it does not parse. A run asks for spans in the same config once per
 * finding about it (a suggestion, an entry's location: 40 findings of no-shared-database parsed the
 * whole config 80 times in a one-file run), so the last text's tree is kept.
 */
function configTree(text: string): Node | undefined {
  if (lastTree?.text !== text) {
    const errors: ParseError[] = [];
    const node = parseTree(text, errors, JSONC);
    lastTree = { text, node: errors.length > 0 ? undefined : node };
  }
  return lastTree.node;
}

function child(node: Node, key: string | number): Node | undefined {
  if (typeof key === 'number') return node.type === 'array' ? node.children?.[key] : undefined;
  if (node.type !== 'object') return undefined;
  // The last of duplicate keys, as JSON.parse and parseJsonc keep it.
  let found: Node | undefined;
  for (const property of node.children ?? []) {
    const [name, value] = property.children ?? [];
    if (name?.value === key) found = value;
  }
  return found;
}

/** One replacement in the text, UTF-16 offsets, end exclusive (the shape of a fix's edit). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface JsoncEditOptions {
  /** Insert `value` into the array at the last index of `keyPath` (-1: at the end) instead of replacing the element there. */
  insert?: boolean;
}

/**
 * The JSONC text with `keyPath` set to `value` (undefined removes it), keeping its comments and
 * layout: objects and arrays on the way are created, new lines take the file's indentation and
 * line ending. Throws JsoncSyntaxError when the text does not parse: an edit of a broken file
 * could land anywhere.
 */
export function setJsoncValue(
  text: string,
  keyPath: ReadonlyArray<string | number>,
  value: unknown,
  options: JsoncEditOptions = {},
): string {
  parseJsonc(text);
  let edited: string;
  if (value === undefined) {
    edited = withoutMember(text, keyPath);
  } else {
    const indent = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
    const edits = modify(text, [...keyPath], value, {
      formattingOptions: {
        insertSpaces: !indent.startsWith('\t'),
        tabSize: indent.startsWith('\t') ? 1 : indent.length,
        eol: text.includes('\r\n') ? '\r\n' : '\n',
      },
      isArrayInsertion: options.insert ?? false,
    });
    edited = applyEdits(text, edits);
  }
  try {
    parseJsonc(edited);
  } catch (error) {
    // Never hand back a config that no longer parses.
    throw new Error(`editing ${JSON.stringify(keyPath)} would leave text that does not parse (${(error as Error).message})`);
  }
  return edited;
}

/**
 * The text without the member at `keyPath` (and its comma; a trailing comma before the closing
 * bracket is valid JSONC), and without the line it stood on when nothing else was there; every
 * comment stays. jsonc-parser's own removal is not used: for the last element of an array it
 * joins the two last values (`[1, 2]` becomes `[12]`, 3.3.1) and after an only member it leaves
 * `{ , }`.
 */
function withoutMember(text: string, keyPath: ReadonlyArray<string | number>): string {
  let node = parseTree(text, [], JSONC);
  for (const key of keyPath) node = node && child(node, key);
  // An object member's value sits in a property node: the member is the property.
  const member = node?.parent?.type === 'property' ? node.parent : node;
  if (!member?.parent) return text;
  let start = member.offset;
  let end = member.offset + member.length;
  end += /^\s*,[ \t]*/.exec(text.slice(end))?.[0].length ?? 0;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const restOfLine = /^[ \t]*\r?\n/.exec(text.slice(end));
  if (restOfLine && /^[ \t]*$/.test(text.slice(lineStart, start))) {
    start = lineStart;
    end += restOfLine[0].length;
  }
  return text.slice(0, start) + text.slice(end);
}

/**
 * `setJsoncValue` as one replacement of the span that changes (the shape of a fix's edit); no
 * edit when nothing changes.
 */
export function jsoncEdits(
  text: string,
  keyPath: ReadonlyArray<string | number>,
  value: unknown,
  options: JsoncEditOptions = {},
): TextEdit[] {
  const edited = setJsoncValue(text, keyPath, value, options);
  if (edited === text) return [];
  let start = 0;
  while (start < text.length && start < edited.length && text[start] === edited[start]) start++;
  let end = 0;
  while (end < text.length - start && end < edited.length - start && text[text.length - 1 - end] === edited[edited.length - 1 - end]) end++;
  return [{ start, end: text.length - end, text: edited.slice(start, edited.length - end) }];
}

/** `text` with `edits` applied (non-overlapping, any order). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  return applyEdits(
    text,
    edits.map((edit) => ({ offset: edit.start, length: edit.end - edit.start, content: edit.text })),
  );
}

/** JSON on one line, spaced as people write it by hand: `["a", "b"]`, `{ "case": "camelCase" }`. */
export function compactJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(compactJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value).map(([key, inner]) => `${JSON.stringify(key)}: ${compactJson(inner)}`);
    return members.length === 0 ? '{}' : `{ ${members.join(', ')} }`;
  }
  return JSON.stringify(value);
}

/**
 * `keyPath` set to `value`, written on one line (compactJson), and every other byte of the file as
 * it was: an existing value's span is replaced; a missing member is added after the last member of
 * its object — on a line of its own, indented like it, when the members stand on lines of their
 * own, else inline — and a missing object on the way is added the same way. Unlike
 * `setJsoncValue` (jsonc-parser's formatter), neighbouring members keep their layout. Array
 * elements must exist. Throws JsoncSyntaxError when the text does not parse.
 */
export function putJsoncValue(text: string, keyPath: ReadonlyArray<string | number>, value: unknown): string {
  parseJsonc(text);
  let node = parseTree(text, [], JSONC)!;
  for (let depth = 0; depth < keyPath.length; depth++) {
    const next = child(node, keyPath[depth]);
    if (next) {
      node = next;
      continue;
    }
    if (node.type !== 'object' || typeof keyPath[depth] !== 'string') {
      throw new Error(`cannot set ${JSON.stringify(keyPath)}: ${JSON.stringify(keyPath.slice(0, depth + 1))} is not an object member`);
    }
    // The rest of the path, as nested objects around the value.
    const nested = keyPath.slice(depth + 1).reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
    return applyTextEdits(text, memberEdits(text, node, `${JSON.stringify(keyPath[depth])}: ${compactJson(nested)}`));
  }
  return applyTextEdits(text, [{ start: node.offset, end: node.offset + node.length, text: compactJson(value) }]);
}

/** `values` appended to the array at `keyPath`, laid out like its elements (see `putJsoncValue`). */
export function appendJsoncElements(text: string, keyPath: ReadonlyArray<string | number>, values: readonly unknown[]): string {
  parseJsonc(text);
  let node: Node | undefined = parseTree(text, [], JSONC);
  for (const key of keyPath) node = node && child(node, key);
  if (!node || node.type !== 'array') throw new Error(`cannot append to ${JSON.stringify(keyPath)}: not an array`);
  let out = text;
  for (const value of values) {
    let current = parseTree(out, [], JSONC)!;
    for (const key of keyPath) current = child(current, key)!;
    out = applyTextEdits(out, memberEdits(out, current, compactJson(value)));
  }
  return out;
}

/**
 * The edits adding `member` (a `"key": value` or an array element) after the last member of
 * `container`. A member standing on its own line gets a sibling line with its indentation (the
 * comma goes after the last value, before any comment ending its line); otherwise the member goes
 * inline after the last one and any block comment beside it.
 */
function memberEdits(text: string, container: Node, member: string): TextEdit[] {
  const members = container.children ?? [];
  const open = container.offset + 1;
  if (members.length === 0) {
    const inner = text.slice(open, container.offset + container.length - 1);
    const pad = container.type === 'object' ? ' ' : '';
    return [{ start: open, end: open, text: /^\s*$/.test(inner) && !inner.includes('\n') ? `${pad}${member}${pad}` : ` ${member}` }];
  }
  const last = members[members.length - 1];
  const lastEnd = last.offset + last.length;
  const first = members[0];
  const ownLines = text.slice(open, first.offset).includes('\n');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const after = text.slice(lastEnd);
  const comma = /^[ \t]*,/.exec(after);
  if (ownLines) {
    const rest = /^[ \t]*(?:,[ \t]*)?(?:\/\/[^\r\n]*|\/\*(?:(?!\*\/)[^\r\n])*\*\/[ \t]*)?(?=\r?\n)/.exec(after);
    if (rest) {
      const lineStart = text.lastIndexOf('\n', last.offset - 1) + 1;
      const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
      const lineEnd = lastEnd + rest[0].length;
      return [
        ...(comma ? [] : [{ start: lastEnd, end: lastEnd, text: ',' }]),
        { start: lineEnd, end: lineEnd, text: `${eol}${indent}${member}` },
      ];
    }
  }
  const besideComment = /^(?:[ \t]*,)?(?:\s*\/\*[\s\S]*?\*\/)?/.exec(after)![0];
  const at = lastEnd + besideComment.length;
  return comma ? [{ start: at, end: at, text: ` ${member},` }] : [{ start: at, end: at, text: `, ${member}` }];
}
