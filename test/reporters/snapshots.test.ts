import { describe, expect, it } from 'vitest';
import { formatResult, isReporterName, reporterNames, type ReporterName } from '../../src/reporters/index.js';
import { fixtureOptions, fixtureResult } from './fixture-result.js';

describe('reporters over the canonical result', () => {
  it.each(reporterNames)('%s output matches its snapshot', (name) => {
    expect(formatResult(name, fixtureResult, fixtureOptions)).toMatchSnapshot();
  });

  it('stylish with colour matches its snapshot', () => {
    expect(formatResult('stylish', fixtureResult, { ...fixtureOptions, color: true })).toMatchSnapshot();
  });

  it.each(reporterNames)('%s output does not depend on input order', (name) => {
    const shuffled = {
      ...fixtureResult,
      diagnostics: [...fixtureResult.diagnostics].reverse(),
      rules: [...fixtureResult.rules].reverse(),
    };
    expect(formatResult(name, shuffled, fixtureOptions)).toBe(formatResult(name, fixtureResult, fixtureOptions));
  });

  it.each(reporterNames)('%s output never contains the absolute repository path', (name) => {
    const output = formatResult(name, fixtureResult, fixtureOptions);
    if (name === 'sarif') {
      // Only as the %SRCROOT% base, which is what lets viewers resolve relative paths.
      expect(output.split(fixtureResult.cwd.replace(' ', '%20')).length - 1).toBe(1);
    } else {
      expect(output).not.toContain(fixtureResult.cwd);
    }
  });

  it('names exactly the six formats', () => {
    expect([...reporterNames].sort()).toEqual(['github', 'gitlab', 'json', 'junit', 'sarif', 'stylish']);
    expect(isReporterName('sarif')).toBe(true);
    expect(isReporterName('checkstyle')).toBe(false);
    expect(isReporterName('toString')).toBe(false);
  });

  it('rejects an unknown reporter name', () => {
    expect(() => formatResult('checkstyle' as ReporterName, fixtureResult, fixtureOptions)).toThrow("Unknown reporter 'checkstyle'");
  });
});
