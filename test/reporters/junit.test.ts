import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../src/engine/types.js';
import { formatResult, type ReportOptions } from '../../src/reporters/index.js';
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

const junit = (result: LintResult = fixtureResult, options: Partial<ReportOptions> = {}) =>
  parseXml(formatResult('junit', result, { ...fixtureOptions, ...options }));
const count = (element: XmlElement, key: string) => Number(element.attributes[key]);
const CLEAN = 'services/billing/src/clean.ts';
const withLinted = { ...fixtureResult, lintedFiles: [CLEAN, 'services/billing/src/config.ts', 'services/billing/src/invoice-repo.ts'] };
const casesOf = (root: XmlElement) => root.children[0].children;
const outcome = (testCase: XmlElement) =>
  testCase.children.some((c) => c.name === 'failure')
    ? 'failed'
    : testCase.children.some((c) => c.name === 'system-out')
      ? 'passed with output'
      : 'passed';

describe('junit reporter', () => {
  it('is well-formed XML: one suite, one test case per linted file, passed ones included', () => {
    const root = junit(withLinted);
    expect(root.name).toBe('testsuites');
    expect(root.children.map((suite) => suite.name)).toEqual(['testsuite']);
    expect(casesOf(root).map((c) => [c.attributes.name, outcome(c)])).toEqual([
      [CLEAN, 'passed'],
      ['services/billing/src/config.ts', 'passed with output'],
      ['services/billing/src/invoice-repo.ts', 'failed'],
      // Not in lintedFiles, but it has findings: still a case.
      ['services/clinical/migrations/001 create patients.sql', 'failed'],
    ]);
    expect(casesOf(root)[0].attributes).toEqual({ name: CLEAN, classname: CLEAN, file: CLEAN });
  });

  it('keeps tests and failures consistent at both levels, and has no errors', () => {
    const root = junit(withLinted);
    for (const element of [root, root.children[0]]) {
      expect([count(element, 'tests'), count(element, 'failures'), count(element, 'errors')]).toEqual([4, 2, 0]);
    }
  });

  it('lists a file’s errors in one failure, named by the first, with rule, position, help and related locations', () => {
    const [failure] = casesOf(junit(withLinted))[2].children;
    expect(failure.name).toBe('failure');
    expect(failure.attributes).toEqual({
      message: "Service 'billing' queries table 'clinical_data.patients' owned by 'clinical'.",
      type: 'no-cross-service-query',
    });
    expect(failure.text).toBe(
      [
        "Error: Service 'billing' queries table 'clinical_data.patients' owned by 'clinical'.",
        'at services/billing/src/invoice-repo.ts:14:25 (no-cross-service-query)',
        "Help: Call clinical's patient API or subscribe to its PatientUpdated events.",
        "Related: services/clinical/migrations/001 create patients.sql:1:14 'clinical' creates table 'clinical_data.patients' here.",
      ].join('\n'),
    );
    const several = casesOf(junit(withLinted))[3].children[0];
    expect(several.attributes).toEqual({
      message: "2 errors, the first: Table 'PatientVisits' is not snake_case.",
      type: 'table-naming-convention, parse-error',
    });
  });

  it('writes warnings to the case’s system-out, not as failures, so a passing job shows no failed test', () => {
    const config = casesOf(junit(withLinted))[1];
    expect(config.children.map((c) => c.name)).toEqual(['system-out']);
    expect(config.children[0].text).toContain("Warning: Default for 'DATABASE_URL' points at 'localhost:5432', a development-only host.");
    expect(config.children[0].text).toContain("Warning: Default for 'REDIS_URL' points at '127.0.0.1'");
    const warningsOnly = junit({ ...fixtureResult, diagnostics: fixtureDiagnostics.filter((d) => d.severity === 'warn') });
    expect(count(warningsOnly, 'failures')).toBe(0);
  });

  it('past --max-warnings, warnings fail their file and a --max-warnings case says why', () => {
    const root = junit(withLinted, { maxWarningsExceeded: { maxWarnings: 1, foundWarnings: 2 } });
    const cases = casesOf(root);
    expect(cases.map((c) => [c.attributes.name, outcome(c)])).toEqual([
      [CLEAN, 'passed'],
      ['services/billing/src/config.ts', 'failed'],
      ['services/billing/src/invoice-repo.ts', 'failed'],
      ['services/clinical/migrations/001 create patients.sql', 'failed'],
      ['--max-warnings', 'failed'],
    ]);
    expect(cases[1].children.map((c) => c.name)).toEqual(['failure']);
    expect(cases[1].children[0].attributes.message).toBe(
      "2 warnings, the first: Default for 'DATABASE_URL' points at 'localhost:5432', a development-only host.",
    );
    expect(cases[4].attributes).toEqual({ name: '--max-warnings', classname: 'nilecare-lint' });
    expect(cases[4].children[0].attributes).toEqual({
      message: 'nilecare-lint found too many warnings (maximum: 1).',
      type: 'max-warnings',
    });
    expect(cases[4].children[0].text).toBe('The run has 2 warnings; --max-warnings allows 1, so the warnings fail the run.');
    expect([count(root, 'tests'), count(root, 'failures')]).toEqual([5, 4]);
  });

  it('escapes markup, quotes and newlines and drops characters XML cannot hold', () => {
    const [warning] = fixtureDiagnostics;
    const nasty = {
      ...warning,
      severity: 'error' as const,
      file: 'a&b<"c">.ts',
      message: 'Use "x" & <y>\nnot \u0001z.',
      help: ']]> & <!-- -->',
    };
    const testCase = casesOf(junit(resultWith([nasty])))[0];
    expect(testCase.attributes.classname).toBe('a&b<"c">.ts');
    expect(testCase.children[0].attributes.message).toBe('Use "x" & <y>\nnot \ufffdz.');
    expect(testCase.children[0].text).toContain('Help: ]]> & <!-- -->');
  });

  it('a clean run shows its files as passed tests, not "0 tests"', () => {
    const root = junit(resultWith([], { lintedFiles: [CLEAN, 'services/a.sql'] }));
    expect([count(root, 'tests'), count(root, 'failures'), count(root, 'errors')]).toEqual([2, 0, 0]);
    expect(casesOf(root).map(outcome)).toEqual(['passed', 'passed']);
  });
});
