import { describe, expect, it } from 'vitest';
import { jsonValueSpan } from '../../src/config/positions.js';

const at = (text: string, keyPath: Array<string | number>) => {
  const span = jsonValueSpan(text, keyPath);
  return span && text.slice(span.start, span.end);
};

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
});
