/**
 * Precision and recall of `no-hardcoded-credentials` on the fixture layouts that are exhaustive for
 * it (issue 14): exactly the expected findings, at exact spans, with the expected message data —
 * mocks, schema examples, password hashes, references and psql variables are not findings; SQL
 * user passwords, compose `environment:` secrets and URL passwords in compose and YAML are.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { NilecareConfig } from '../../src/config/schema.js';
import { lint } from '../../src/lint.js';
import { fixtureListings } from '../fixture-tree.js';
import { ruleRegistry } from '../../rules/index.js';

const RULE = 'no-hardcoded-credentials';
const layouts = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'layouts');

interface ExpectedFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  data?: Record<string, string>;
}

const cases = readdirSync(layouts)
  .filter((name) => existsSync(path.join(layouts, name, 'EXPECTED.json')))
  .map((name) => ({
    name,
    expected: JSON.parse(readFileSync(path.join(layouts, name, 'EXPECTED.json'), 'utf8')) as Record<string, unknown>,
  }))
  .filter(({ expected }) => (expected.exhaustiveRules as string[]).includes(RULE));

it('some fixture case is exhaustive for no-hardcoded-credentials', () => {
  expect(cases.map((c) => c.name)).toContain('credentials-precision');
});

describe.each(cases)('fixtures/layouts/$name', ({ name, expected }) => {
  it(`reports exactly the expected ${RULE} findings, at their spans, with their data`, async () => {
    const rules: NonNullable<NilecareConfig['rules']> = Object.fromEntries(Object.keys(ruleRegistry).map((id) => [id, 'off']));
    rules[RULE] = 'error';
    const run = await lint({ cwd: path.join(layouts, name), config: { rules }, listingCache: fixtureListings });
    const key = (f: Pick<ExpectedFinding, 'file' | 'line' | 'column' | 'endLine' | 'endColumn'>) =>
      `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;
    const wanted = (expected.findings as ExpectedFinding[]).filter((f) => f.ruleId === RULE);
    expect(run.diagnostics.map(key).sort()).toEqual(wanted.map(key).sort());
    for (const finding of wanted.filter((f) => f.data)) {
      const diagnostic = run.diagnostics.find((d) => key(d) === key(finding));
      expect(diagnostic?.data, key(finding)).toMatchObject(finding.data!);
    }
  });
});
