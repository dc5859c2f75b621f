import { describe, expect, it } from 'vitest';
import { formatResult } from '../../src/reporters/index.js';
import { fixtureDiagnostics, fixtureOptions, fixtureResult, resultWith } from './fixture-result.js';

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const entity = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/uy;
const unescape = (value: string) =>
  value.replace(/&(amp|lt|gt|quot|apos|#[0-9]+);/gu, (_, name: string) =>
    name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name]!,
  );

function checkEscapes(value: string): void {
  for (let i = value.indexOf('&'); i !== -1; i = value.indexOf('&', i + 1)) {
    entity.lastIndex = i;
    if (!entity.test(value)) throw new Error(`bare '&' at ${i} in ${JSON.stringify(value)}`);
  }
  if (value.includes('<')) throw new Error(`bare '<' in ${JSON.stringify(value)}`);
}

/** A small well-formedness check: declaration, one root, balanced tags, quoted and escaped attributes and text. */
function parseXml(xml: string): XmlElement {
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/u;
  if (!declaration.test(xml)) throw new Error('missing XML declaration');
  const token = /<\/([A-Za-z_][\w.-]*)\s*>|<([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"]*")*)\s*(\/?)>|([^<]+)/uy;
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  let position = xml.match(declaration)![0].length;
  while (position < xml.length) {
    token.lastIndex = position;
    const match = token.exec(xml);
    if (!match) throw new Error(`malformed XML at ${position}: ${xml.slice(position, position + 40)}`);
    position = token.lastIndex;
    const [, close, open, attributes, selfClosing, text] = match;
    const current = stack.at(-1)!;
    if (text !== undefined) {
      checkEscapes(text);
      if (current === root && text.trim()) throw new Error('text outside the root element');
      current.text += unescape(text);
    } else if (close !== undefined) {
      if (current.name !== close) throw new Error(`</${close}> closes <${current.name}>`);
      stack.pop();
    } else {
      const element: XmlElement = { name: open, attributes: {}, children: [], text: '' };
      for (const [, key, value] of attributes.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/gu)) {
        checkEscapes(value);
        if (key in element.attributes) throw new Error(`duplicate attribute ${key}`);
        element.attributes[key] = unescape(value);
      }
      if (current === root && root.children.length > 0) throw new Error('more than one root element');
      current.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack.at(-1)!.name}>`);
  return root.children[0];
}

const junit = (result = fixtureResult) => parseXml(formatResult('junit', result, fixtureOptions));
const count = (element: XmlElement, key: string) => Number(element.attributes[key]);

describe('junit reporter', () => {
  it('is well-formed XML with a suite per file and a case per unsuppressed finding', () => {
    const root = junit();
    expect(root.name).toBe('testsuites');
    expect(root.children.map((suite) => [suite.attributes.name, suite.children.length])).toEqual([
      ['services/billing/src/config.ts', 2],
      ['services/billing/src/invoice-repo.ts', 1],
      ['services/clinical/migrations/001 create patients.sql', 2],
    ]);
  });

  it('keeps tests, failures and errors consistent at every level', () => {
    const root = junit();
    expect([count(root, 'tests'), count(root, 'failures'), count(root, 'errors')]).toEqual([5, 4, 1]);
    for (const suite of root.children) {
      const outcomes = suite.children.map((testCase) => testCase.children[0].name);
      expect(count(suite, 'tests')).toBe(suite.children.length);
      expect(count(suite, 'failures')).toBe(outcomes.filter((o) => o === 'failure').length);
      expect(count(suite, 'errors')).toBe(outcomes.filter((o) => o === 'error').length);
    }
    const sum = (key: string) => root.children.reduce((total, suite) => total + count(suite, key), 0);
    expect([sum('tests'), sum('failures'), sum('errors')]).toEqual([5, 4, 1]);
  });

  it('names test cases by rule and position and carries the message', () => {
    const [testCase] = junit().children[1].children;
    expect(testCase.attributes).toEqual({
      name: 'no-cross-service-query 14:25',
      classname: 'services/billing/src/invoice-repo.ts',
    });
    const [failure] = testCase.children;
    expect(failure.name).toBe('failure');
    expect(failure.attributes).toEqual({
      message: "Service 'billing' queries table 'clinical_data.patients' owned by 'clinical'.",
      type: 'no-cross-service-query',
    });
    expect(failure.text).toContain("Help: Call clinical's patient API");
  });

  it('reports parse errors as <error>', () => {
    const parseError = junit().children[2].children[1].children[0];
    expect(parseError.name).toBe('error');
    expect(parseError.attributes.message).toBe("SQL could not be parsed: expected ';' or end of input but '<' found.");
  });

  it('escapes markup, quotes and newlines and drops characters XML cannot hold', () => {
    const [warning] = fixtureDiagnostics;
    const nasty = { ...warning, file: 'a&b<"c">.ts', message: 'Use "x" & <y>\nnot \u0001z.', help: ']]> & <!-- -->' };
    const root = junit(resultWith([nasty]));
    const testCase = root.children[0].children[0];
    expect(testCase.attributes.classname).toBe('a&b<"c">.ts');
    expect(testCase.children[0].attributes.message).toBe('Use "x" & <y>\nnot \ufffdz.');
    expect(testCase.children[0].text).toContain('Help: ]]> & <!-- -->');
  });

  it('is an empty report for a clean result', () => {
    const root = junit(resultWith([]));
    expect([root.children.length, count(root, 'tests'), count(root, 'failures'), count(root, 'errors')]).toEqual([0, 0, 0, 0]);
  });
});
