import { describe, expect, it } from 'vitest';
import { formatResult } from '../../src/reporters/index.js';
import { fixtureOptions, fixtureResult, resultWith } from './fixture-result.js';

const report = (result = fixtureResult) => JSON.parse(formatResult('json', result, fixtureOptions));

describe('json reporter', () => {
  it('is pretty-printed JSON ending in a newline', () => {
    const output = formatResult('json', fixtureResult, fixtureOptions);
    expect(output.startsWith('{\n  "version": "0.1.0",\n')).toBe(true);
    expect(output.endsWith('}\n')).toBe(true);
  });

  it('groups messages by repo-relative file, sorted, with per-file counts', () => {
    const { results } = report();
    expect(results.map((r: { filePath: string }) => r.filePath)).toEqual([
      'services/billing/src/config.ts',
      'services/billing/src/invoice-repo.ts',
      'services/clinical/migrations/001 create patients.sql',
    ]);
    expect(results.map((r: Record<string, number>) => [r.errorCount, r.warningCount, r.suppressedCount])).toEqual([
      [0, 2, 0],
      [1, 0, 1],
      [2, 0, 1],
    ]);
  });

  it('writes every message field', () => {
    const message = report().results[1].messages[0];
    expect(message).toEqual({
      ruleId: 'no-cross-service-query',
      messageId: 'foreignTable',
      severity: 2,
      severityName: 'error',
      message: "Service 'billing' queries table 'clinical_data.patients' owned by 'clinical'.",
      line: 14,
      column: 25,
      endLine: 14,
      endColumn: 47,
      help: "Call clinical's patient API or subscribe to its PatientUpdated events.",
      related: [
        {
          filePath: 'services/clinical/migrations/001 create patients.sql',
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 36,
          message: "'clinical' creates table 'clinical_data.patients' here.",
        },
      ],
      fingerprint: '9e107d9d372bb682',
      suppressed: null,
      fix: null,
      suggestions: [],
    });
    const warning = report().results[0].messages[1];
    expect([warning.severity, warning.severityName, warning.help, warning.related]).toEqual([1, 'warning', null, []]);
  });

  it('lists suppressed diagnostics with their reason', () => {
    const messages = report().results.flatMap((r: { messages: unknown[] }) => r.messages);
    expect(
      messages.filter((m: { suppressed: unknown }) => m.suppressed !== null).map((m: { suppressed: unknown }) => m.suppressed),
    ).toEqual([
      { kind: 'baseline', justification: null },
      { kind: 'inSource', justification: 'Read by the 2019 reporting export; renamed in NC-1234.' },
    ]);
  });

  it('summarises the run', () => {
    expect(report().summary).toEqual({
      errorCount: 3,
      warningCount: 2,
      suppressedCount: 2,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      filesLinted: 42,
      filesSkipped: 3,
      notices: fixtureResult.notices,
      warnings: fixtureResult.warnings,
      unchecked: [],
      unsupportedSql: { statements: 0, byConstruct: [], locations: [] },
      flowSyntaxUnchecked: { files: 0, locations: [] },
    });
    expect(report(resultWith([])).results).toEqual([]);
  });

  it('counts the valid SQL the parsers could not read in the summary, with where each statement is', () => {
    const unsupportedSql = {
      statements: 1,
      byConstruct: [{ construct: 'SHOW', dialect: 'mysql' as const, statements: 1 }],
      locations: [{ file: 'services/a/V1.sql', line: 3, column: 1, construct: 'SHOW', dialect: 'mysql' as const }],
    };
    expect(report(resultWith([], { unsupportedSql })).summary.unsupportedSql).toEqual(unsupportedSql);
  });

  it('lists the Flow-typed files whose Flow syntax was not checked, with where the TypeScript parser first stopped', () => {
    const flowSyntax = { files: 1, locations: [{ file: 'packages/models/featureflag.js', line: 5, column: 27, syntaxErrors: 12 }] };
    expect(report(resultWith([], { flowSyntax })).summary.flowSyntaxUnchecked).toEqual(flowSyntax);
  });

  it('names the places of unchecked SQL and Flow syntax from the repository root, as it names findings, when the project is below it', () => {
    const diagnostic = fixtureResult.diagnostics[0];
    const result = resultWith([diagnostic], {
      cwd: '/home/ci/repo/platform',
      repositoryRoot: '/home/ci/repo',
      unsupportedSql: {
        statements: 1,
        byConstruct: [{ construct: 'SHOW', dialect: 'mysql', statements: 1 }],
        locations: [{ file: 'services/a/V1.sql', line: 3, column: 1, construct: 'SHOW', dialect: 'mysql' }],
      },
      flowSyntax: { files: 1, locations: [{ file: 'packages/models/featureflag.js', line: 5, column: 27, syntaxErrors: 12 }] },
    });
    const { results, summary } = report(result);
    expect(results.map((r: { filePath: string }) => r.filePath)).toEqual([`platform/${diagnostic.file}`]);
    expect(summary.unsupportedSql.locations).toEqual([
      { file: 'platform/services/a/V1.sql', line: 3, column: 1, construct: 'SHOW', dialect: 'mysql' },
    ]);
    expect(summary.flowSyntaxUnchecked.locations).toEqual([
      { file: 'platform/packages/models/featureflag.js', line: 5, column: 27, syntaxErrors: 12 },
    ]);
  });
});
