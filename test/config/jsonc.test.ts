import { describe, expect, it } from 'vitest';
import {
  applyTextEdits,
  jsoncEdits,
  jsonValueSpan,
  JsoncSyntaxError,
  parseJson,
  parseJsonc,
  setJsoncValue,
} from '../../src/config/jsonc.js';

const at = (text: string, keyPath: Array<string | number>) => {
  const span = jsonValueSpan(text, keyPath);
  return span && text.slice(span.start, span.end);
};

/** `line:column message` of the error parsing `text`, or the value. */
function outcome(parser: (text: string) => unknown, text: string): unknown {
  try {
    return parser(text);
  } catch (error) {
    if (!(error instanceof JsoncSyntaxError)) throw error;
    // The offset and the line:column name the same character.
    const lineStart = text.lastIndexOf('\n', error.offset - 1) + 1;
    expect([text.slice(0, error.offset).split('\n').length, error.offset - lineStart + 1]).toEqual([error.line, error.column]);
    return `${error.line}:${error.column} ${error.message}`;
  }
}

describe('parseJsonc', () => {
  it('reads comments and trailing commas; the last of duplicate keys wins', () => {
    expect(outcome(parseJsonc, '{\n  // c\n  "a": [1, 2,], /* d */\n  "a": {"b": null,},\n}\n')).toEqual({ a: { b: null } });
  });

  it.each([
    ['', '1:1 expected a value'],
    ['   \n', '2:1 expected a value'],
    ['{"a": 1 "b": 2}', "1:9 expected ',' between values"],
    ['{\n  "a": [1, 2,\n', '3:1 expected a value'],
    ['{\n  "a": 1\n', "3:1 expected '}'"],
    ['{"a": 1} x', '1:10 unexpected character'],
    ['{a: 1}', '1:2 unexpected character'],
    ["{'a': 1}", '1:2 unexpected character'],
    ['[1,,2]', '1:4 expected a value'],
    ['{"a" 1}', "1:6 expected ':' after the property name"],
    ['{"a": 1, /* open', '1:10 unterminated /* comment'],
    ['{"a": "open', '1:7 unterminated string'],
    // A string's own errors point at the character, not at the opening quote.
    ['{"a": "x\u0001"}', '1:9 a control character in a string (escape it)'],
    ['{\n  "a": "ok\\q"\n}', '2:11 invalid escape in a string'],
    ['{"a": "\\u12"}', '1:8 invalid \\u escape'],
    ['{"a": 1e}', '1:7 unterminated number'],
  ])('%j: %s', (text, expected) => {
    expect(outcome(parseJsonc, text)).toBe(expected);
  });

  it('quotes nothing of the text: a config passed by mistake may be a secret', () => {
    const text = 'SECRET_TOKEN=planted-3\n';
    const message = outcome(parseJsonc, text);
    expect(message).toBe('1:1 unexpected character');
    expect(message).not.toMatch(/SECRET|planted/);
  });
});

describe('parseJson (files the tool writes)', () => {
  it('is strict: comments and trailing commas are errors, at their place', () => {
    expect(outcome(parseJson, '{"version": 1, "suppressions": []}')).toEqual({ version: 1, suppressions: [] });
    expect(outcome(parseJson, '{"a": 1,}')).toBe('1:9 expected a property name in double quotes');
    expect(outcome(parseJson, '{\n  // c\n  "a": 1\n}')).toBe('2:3 comments are not allowed here');
    expect(outcome(parseJson, '{"suppressions": [\n{"file": "a.ts"}\n{"file": "b.ts"}]}')).toBe("3:1 expected ',' between values");
  });
});

describe('editing JSONC', () => {
  const written = `{
  // Which service owns which tables.
  "services": [
    { "name": "billing", "roots": ["services/billing"] }, // the first
  ],
  /* rules */
  "rules": {
    "table-prefix": "warn",
  },
}
`;

  it('sets a member, keeping every comment and the untouched lines byte for byte', () => {
    const edited = setJsoncValue(written, ['rules', 'no-cross-service-query'], ['error', { allow: ['billing -> payments'] }]);
    expect(parseJsonc(edited)).toEqual({
      services: [{ name: 'billing', roots: ['services/billing'] }],
      rules: { 'table-prefix': 'warn', 'no-cross-service-query': ['error', { allow: ['billing -> payments'] }] },
    });
    for (const line of written.split('\n')) expect(edited.split('\n')).toContain(line);
  });

  it('replaces and removes values, and appends to an array', () => {
    const replaced = setJsoncValue(written, ['rules', 'table-prefix'], 'error');
    expect(replaced).toBe(written.replace('"table-prefix": "warn"', '"table-prefix": "error"'));
    // One edit, of the part that changes only: applied, it gives the same text.
    const edits = jsoncEdits(written, ['rules', 'table-prefix'], 'error');
    expect(edits).toEqual([{ start: written.indexOf('"warn"') + 1, end: written.indexOf('"warn"') + 5, text: 'error' }]);
    expect(applyTextEdits(written, edits)).toBe(replaced);
    expect(jsoncEdits(written, ['rules', 'table-prefix'], 'warn')).toEqual([]);
    const removed = setJsoncValue(written, ['rules', 'table-prefix'], undefined);
    // The only member, with a trailing comma after it: jsonc-parser alone leaves `{ , }`.
    expect(parseJsonc(removed)).toEqual({ services: [{ name: 'billing', roots: ['services/billing'] }], rules: {} });
    expect(removed).toContain('/* rules */');
    const lastOfTwo = '{\n  "a": 1,\n  "b": [1, 2,], // b\n}\n';
    expect(parseJsonc(setJsoncValue(lastOfTwo, ['b', 1], undefined))).toEqual({ a: 1, b: [1] });
    expect(parseJsonc(setJsoncValue(lastOfTwo, ['b'], undefined))).toEqual({ a: 1 });
    // The member's line goes; its neighbours' lines and comments stay as they were.
    expect(setJsoncValue('{\n  "a": 1, // one\n  "b": 2\n}\n', ['a'], undefined)).toBe('{\n  // one\n  "b": 2\n}\n');
    expect(setJsoncValue('{\n  "a": 1,\n  "b": 2\n}\n', ['b'], undefined)).toBe('{\n  "a": 1,\n}\n');
    expect(setJsoncValue('[1, 2]', [1], undefined)).toBe('[1, ]');
    const appended = setJsoncValue(written, ['services', -1], { name: 'payment', roots: ['services/payment'] }, { insert: true });
    expect((parseJsonc(appended) as { services: Array<{ name: string }> }).services.map((s) => s.name)).toEqual(['billing', 'payment']);
    expect(appended).toContain('// Which service owns which tables.');
    expect(appended).toContain('// the first');
  });

  it("takes the file's indentation and line ending for new lines", () => {
    const tabs = '{\r\n\t"rules": {\r\n\t\t"a": "warn"\r\n\t}\r\n}\r\n';
    const edited = setJsoncValue(tabs, ['rules', 'b'], 'off');
    expect(edited).toBe('{\r\n\t"rules": {\r\n\t\t"a": "warn",\r\n\t\t"b": "off"\r\n\t}\r\n}\r\n');
  });

  it('refuses text that does not parse: an edit there could land anywhere', () => {
    expect(() => jsoncEdits('{"rules": {', ['rules', 'a'], 'off')).toThrow(JsoncSyntaxError);
  });

  it('edits apply in any order', () => {
    const text = '{"a": 1, "b": 2}';
    const edits = [...jsoncEdits(text, ['a'], 10), ...jsoncEdits(text, ['b'], 20)].reverse();
    expect(JSON.parse(applyTextEdits(text, edits))).toEqual({ a: 10, b: 20 });
  });
});

describe('jsonValueSpan', () => {
  const config = `{
  // services and their pinned databases
  "services": [
    { "name": "billing", "databases": ["nilecare"] }, /* a comment with "quotes", [brackets] and {braces} */
    {
      "name": "payment",
      "databases": [
        { "name": "ledger", "kind": "postgresql" },
        "nilecare", // trailing comma next
      ],
    },
  ],
}`;

  it('finds array elements and members past comments and trailing commas, strings with their quotes', () => {
    expect(at(config, ['services', 0, 'databases', 0])).toBe('"nilecare"');
    expect(at(config, ['services', 1, 'databases', 1])).toBe('"nilecare"');
    expect(at(config, ['services', 1, 'databases', 0, 'name'])).toBe('"ledger"');
    expect(at(config, ['services', 1, 'databases', 0])).toBe('{ "name": "ledger", "kind": "postgresql" }');
    expect(at(config, [])).toBe(config);
  });

  it('a path that is not there is undefined', () => {
    expect(at(config, ['services', 2])).toBeUndefined();
    expect(at(config, ['services', 0, 'databases', 1])).toBeUndefined();
    expect(at(config, ['services', 'name'])).toBeUndefined();
    expect(at(config, ['rules'])).toBeUndefined();
  });

  it('escapes, numbers and literals are skipped as JSON has them; the last of duplicate keys wins, as JSON.parse keeps it', () => {
    const text = '{"a": "x\\"y", "n": -1.5e3, "t": true, "z": null, "a": [1, {"b": "\\u0041"}]}';
    expect(at(text, ['a', 1, 'b'])).toBe('"\\u0041"');
    expect(at(text, ['n'])).toBe('-1.5e3');
    expect(at(text, ['z'])).toBe('null');
  });

  it('text that is not JSON gives undefined, never an exception', () => {
    expect(at('{"services": [', ['services', 0])).toBeUndefined();
    expect(at('{"a" 1}', ['a'])).toBeUndefined();
    expect(at('', ['a'])).toBeUndefined();
  });

  it('each text is read as itself when texts alternate (the last tree is kept between calls)', () => {
    const broken = '{"services": [';
    const other = '{"services": [{"name": "x"}]}';
    for (let round = 0; round < 2; round++) {
      expect(at(config, ['services', 0, 'name'])).toBe('"billing"');
      expect(at(other, ['services', 0, 'name'])).toBe('"x"');
      expect(at(broken, ['services', 0])).toBeUndefined();
      expect(at(other, ['services', 0, 'name'])).toBe('"x"');
    }
  });
});
