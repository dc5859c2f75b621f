import { describe, expect, it } from 'vitest';
import { formatResult } from '../../src/reporters/index.js';
import { fixtureDiagnostics, fixtureOptions, fixtureResult, resultWith } from './fixture-result.js';

interface Issue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  categories?: string[];
  location: { path: string; lines: { begin: number } };
}

const gitlab = (result = fixtureResult): Issue[] => JSON.parse(formatResult('gitlab', result, fixtureOptions));

describe('gitlab reporter', () => {
  it('writes one issue per unsuppressed diagnostic with every field', () => {
    const issues = gitlab();
    expect(issues).toHaveLength(5);
    expect(issues[2]).toEqual({
      description: "Service 'billing' queries table 'clinical_data.patients' owned by 'clinical'.",
      check_name: 'no-cross-service-query',
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/u),
      severity: 'major',
      categories: ['Bug Risk'],
      location: { path: 'services/billing/src/invoice-repo.ts', lines: { begin: 14 } },
    });
  });

  it('maps error to major and warn to minor, and categories from the rule', () => {
    expect(gitlab().map((i) => [i.check_name, i.severity, i.categories])).toEqual([
      ['no-unsafe-env-default', 'minor', ['Security']],
      ['no-unsafe-env-default', 'minor', ['Security']],
      ['no-cross-service-query', 'major', ['Bug Risk']],
      ['table-naming-convention', 'major', ['Style']],
      // A rule id the result has no rule for gets no category: reporters do not special-case rule ids.
      ['parse-error', 'major', undefined],
    ]);
  });

  it('uses the begin line and repo-relative path', () => {
    expect(gitlab().map((i) => `${i.location.path}:${i.location.lines.begin}`)).toEqual([
      'services/billing/src/config.ts:3',
      'services/billing/src/config.ts:8',
      'services/billing/src/invoice-repo.ts:14',
      'services/clinical/migrations/001 create patients.sql:9',
      'services/clinical/migrations/001 create patients.sql:27',
    ]);
  });

  it('gives unique fingerprints, stable across runs, even for repeated diagnostic fingerprints', () => {
    const fingerprints = gitlab().map((i) => i.fingerprint);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
    expect(gitlab().map((i) => i.fingerprint)).toEqual(fingerprints);

    const [warning] = fixtureDiagnostics;
    const twins = gitlab(resultWith([warning, { ...warning, line: 40, endLine: 40 }]));
    expect(twins[0].fingerprint).not.toBe(twins[1].fingerprint);
    expect(twins[0].fingerprint).toBe(fingerprints[0]);
  });

  it('omits categories for rule ids it does not know', () => {
    const [warning] = fixtureDiagnostics;
    const [issue] = gitlab(resultWith([{ ...warning, ruleId: 'from-a-plugin' }]));
    expect(issue.categories).toBeUndefined();
  });

  it('is an empty array for a clean result', () => {
    expect(formatResult('gitlab', resultWith([]), fixtureOptions)).toBe('[]\n');
  });
});
