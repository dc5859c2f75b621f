/**
 * Acceptance: the exact findings of the layout cases no other acceptance test lints (each case's
 * exhaustive rules, zero config, on a copy outside this checkout), every expected range checked
 * against the token it must cover and each finding against its message data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { lint, type LintRun } from '../../src/lint.js';
import { copyOfCase, findingsOf, keyOf, readExpected, textAt } from './layout-case.js';

const CASES = ['db-library', 'entity-globs', 'workspace-entities'];

describe.each(CASES)('fixtures/layouts/%s (acceptance, zero config)', (caseName) => {
  const expected = readExpected(caseName);
  let run: LintRun;
  beforeAll(async () => {
    run = await lint({ cwd: copyOfCase(caseName) });
  }, 120_000);

  it('lints without internal errors, and every expected range covers its token', () => {
    expect(run.internalErrors).toEqual([]);
    expect(run.configFile).toBeUndefined();
    expect(expected.findings.map((f) => `${keyOf(f)} «${textAt(caseName, f)}»`)).toEqual(
      expected.findings.map((f) => `${keyOf(f)} «${f.token}»`),
    );
  });

  it('reports exactly the expected findings of its exhaustive rules', () => {
    expect(findingsOf(run.diagnostics, expected.exhaustiveRules)).toEqual(expected.findings.map(keyOf).sort());
  });

  it('each finding carries the expected service, table, owner and verb', () => {
    for (const finding of expected.findings) {
      const diagnostic = run.diagnostics.find((d) => keyOf(d) === keyOf(finding));
      const data =
        diagnostic?.data && 'target' in diagnostic.data ? { ...diagnostic.data, owner: diagnostic.data.target } : diagnostic?.data;
      expect(data, keyOf(finding)).toMatchObject(finding.data ?? {});
    }
  });
});
