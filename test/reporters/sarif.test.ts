import type { Log, Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import { formatResult, type ReportOptions } from '../../src/reporters/index.js';
import { fixtureDiagnostics, fixtureOptions, fixtureResult, resultWith } from './fixture-result.js';
import { sarifSchemaValidator } from './sarif-schema.js';

const sarif = (result = fixtureResult, options: Partial<ReportOptions> = {}): Log =>
  JSON.parse(formatResult('sarif', result, { ...fixtureOptions, ...options }));
const run = (result = fixtureResult, options: Partial<ReportOptions> = {}) => sarif(result, options).runs[0];

describe('sarif reporter', () => {
  const validate = sarifSchemaValidator();

  it.each([
    ['the canonical result', fixtureResult, {}],
    ['the canonical result with suppressed results', fixtureResult, { includeSuppressed: true }],
    ['a clean result without options', resultWith([], { rules: [] }), { exitCode: undefined, automationId: undefined }],
    ['a failed run', fixtureResult, { exitCode: 2 }],
  ] as const)('validates against the SARIF 2.1.0 schema: %s', (_, result, options) => {
    const log = sarif(result, options);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('the validator refuses a log the schema does not allow: a run without its tool, a result level SARIF has not', () => {
    const withoutTool = sarif();
    delete (withoutTool.runs[0] as Partial<Log['runs'][number]>).tool;
    expect(validate(withoutTool)).toBe(false);
    const badLevel = sarif();
    (badLevel.runs[0].results![0] as { level: string }).level = 'fatal';
    expect(validate(badLevel)).toBe(false);
  });

  it('declares the schema and version', () => {
    const log = sarif();
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
  });

  it('describes the tool and every rule that ran', () => {
    const { driver } = run().tool;
    expect(driver).toMatchObject({
      name: 'nilecare-lint',
      version: '0.1.0',
      semanticVersion: '0.1.0',
      informationUri: 'https://github.com/nilecare/nilecare-lint',
    });
    expect(driver.rules?.map((r) => r.id)).toEqual([
      'no-cross-service-query',
      'no-unsafe-env-default',
      'table-naming-convention',
      'parse-error',
    ]);
    expect(driver.rules?.[0]).toMatchObject({
      id: 'no-cross-service-query',
      name: 'NoCrossServiceQuery',
      shortDescription: { text: 'Disallow queries on tables owned by another service' },
      fullDescription: { text: "Direct reads couple deployments and bypass the owner's invariants." },
      helpUri: 'https://github.com/nilecare/nilecare-lint/blob/main/rules/no-cross-service-query.md',
      messageStrings: { foreignTable: { text: "Service '{0}' queries table '{1}' owned by '{2}'." } },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['architecture'], precision: 'high' },
    });
    expect(driver.rules?.[0].help?.text).toContain("Direct reads couple deployments and bypass the owner's invariants.");
    expect(driver.rules?.[0].help?.markdown).toContain("db.query('SELECT * FROM clinical_data.patients')");
    expect(driver.rules?.[1].defaultConfiguration?.level).toBe('warning');
    expect(driver.rules?.every((r) => r.help?.text && r.help.markdown)).toBe(true);
  });

  it('uses helpUriBase for rule documentation links', () => {
    const rules = run(fixtureResult, { helpUriBase: 'https://docs.example.org/rules/' }).tool.driver.rules;
    expect(rules?.[1].helpUri).toBe('https://docs.example.org/rules/no-unsafe-env-default.md');
  });

  it('records configured severities that differ from the rule default as overrides', () => {
    expect(run().invocations?.[0].ruleConfigurationOverrides).toEqual([
      { descriptor: { id: 'table-naming-convention', index: 2 }, configuration: { level: 'error' } },
    ]);
  });

  it('writes one result per unsuppressed diagnostic with rule, level, message and location', () => {
    const { results, tool } = run();
    expect(results).toHaveLength(5);
    for (const result of results ?? []) {
      expect(tool.driver.rules?.[result.ruleIndex ?? -1].id).toBe(result.ruleId);
    }
    expect(results?.[2]).toEqual({
      ruleId: 'no-cross-service-query',
      ruleIndex: 0,
      level: 'error',
      message: {
        text: "Service 'billing' queries table 'clinical_data.patients' owned by 'clinical'.",
        id: 'foreignTable',
        arguments: ['billing', 'clinical_data.patients', 'clinical'],
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'services/billing/src/invoice-repo.ts', uriBaseId: '%SRCROOT%' },
            region: { startLine: 14, startColumn: 25, endLine: 14, endColumn: 47 },
          },
        },
      ],
      relatedLocations: [
        {
          id: 1,
          physicalLocation: {
            artifactLocation: { uri: 'services/clinical/migrations/001%20create%20patients.sql', uriBaseId: '%SRCROOT%' },
            region: { startLine: 1, startColumn: 14, endLine: 1, endColumn: 36 },
          },
          message: { text: "'clinical' creates table 'clinical_data.patients' here." },
        },
      ],
      partialFingerprints: { primaryLocationLineHash: '9e107d9d372bb682', 'nilecare/v1': '9e107d9d372bb682' },
      properties: { help: "Call clinical's patient API or subscribe to its PatientUpdated events." },
    });
    expect(results?.map((r) => r.level)).toEqual(['warning', 'warning', 'error', 'error', 'error']);
  });

  it('keeps a text-only message when the data does not fill the template', () => {
    const [warning] = fixtureDiagnostics;
    const [result] = run(resultWith([{ ...warning, data: { name: 'DATABASE_URL' } }])).results ?? [];
    expect(result.message).toEqual({ text: warning.message });
  });

  it('percent-encodes paths and anchors them at %SRCROOT%', () => {
    const [warning] = fixtureDiagnostics;
    const odd = { ...warning, file: 'services/a b/#1 ?q/100%.ts' };
    const [result] = run(resultWith([odd])).results ?? [];
    expect(result.locations?.[0].physicalLocation?.artifactLocation).toEqual({
      uri: 'services/a%20b/%231%20%3Fq/100%25.ts',
      uriBaseId: '%SRCROOT%',
    });
    expect(run().originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///home/ci/nilecare%20monorepo/' } });
    expect(run(resultWith([], { cwd: '/repo/' })).originalUriBaseIds?.['%SRCROOT%'].uri).toBe('file:///repo/');
  });

  it('sets automation id, column kind and invocation', () => {
    const r = run(fixtureResult, { automationId: 'nilecare-lint/shard-2-of-4/' });
    expect(r.automationDetails).toEqual({ id: 'nilecare-lint/shard-2-of-4/' });
    expect(r.columnKind).toBe('utf16CodeUnits');
    expect(r.invocations?.[0]).toMatchObject({ executionSuccessful: true, exitCode: 1 });
    expect(run(fixtureResult, { exitCode: 0 }).invocations?.[0]).toMatchObject({ executionSuccessful: true, exitCode: 0 });
    expect(run(fixtureResult, { exitCode: 2 }).invocations?.[0]).toMatchObject({ executionSuccessful: false, exitCode: 2 });
    const bare = run(fixtureResult, { exitCode: undefined, automationId: undefined });
    expect(bare.automationDetails).toBeUndefined();
    expect(bare.invocations?.[0].exitCode).toBeUndefined();
  });

  it('reports parse errors as results like any finding, run warnings as warnings and notices as notes', () => {
    const r = run();
    expect(r.results?.filter((x) => x.ruleId === 'parse-error')).toHaveLength(1);
    expect(r.invocations?.[0].toolExecutionNotifications).toEqual([
      ...(fixtureResult.warnings ?? []).map((text) => ({ level: 'warning', message: { text } })),
      ...fixtureResult.notices.map((text) => ({ level: 'note', message: { text } })),
    ]);
  });

  it('describes a rule id the result has no rule for from what it knows, with no special case for any id', () => {
    const descriptor = run().tool.driver.rules?.find((rule) => rule.id === 'parse-error');
    expect(descriptor).toEqual({
      id: 'parse-error',
      name: 'ParseError',
      shortDescription: { text: 'parse-error' },
      fullDescription: { text: "Reported by nilecare-lint as 'parse-error'; no rule metadata was available." },
      help: {
        text: "Reported by nilecare-lint as 'parse-error'; no rule metadata was available.",
        markdown: "Reported by nilecare-lint as 'parse-error'; no rule metadata was available.",
      },
      helpUri: 'https://github.com/nilecare/nilecare-lint',
    });
  });

  it('gives security rules the security tag and a security-severity, as GitHub code scanning needs for security alerts', () => {
    const rules = run().tool.driver.rules ?? [];
    expect(rules.find((rule) => rule.id === 'no-unsafe-env-default')?.properties).toEqual({
      tags: ['security'],
      precision: 'high',
      'security-severity': '7.0',
    });
    expect(rules.find((rule) => rule.id === 'no-cross-service-query')?.properties).toEqual({ tags: ['architecture'], precision: 'high' });
  });

  it('carries the count of valid SQL the parsers could not read as run properties, and only then', () => {
    const unsupportedSql = {
      statements: 3,
      byConstruct: [
        { construct: 'stored routine', dialect: 'mysql' as const, statements: 2 },
        { construct: 'psql variable', dialect: 'postgresql' as const, statements: 1 },
      ],
      locations: [
        { file: 'services/a/V1.sql', line: 1, column: 1, construct: 'stored routine', dialect: 'mysql' as const },
        { file: 'services/a/V1.sql', line: 9, column: 1, construct: 'stored routine', dialect: 'mysql' as const },
        { file: 'services/b/boot.sql', line: 4, column: 1, construct: 'psql variable', dialect: 'postgresql' as const },
      ],
    };
    const log = sarif(resultWith(fixtureDiagnostics, { unsupportedSql }));
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.runs[0].properties).toEqual({
      'nilecare/unsupportedSql': { statements: 3, byConstruct: unsupportedSql.byConstruct },
    });
    expect(
      run(resultWith(fixtureDiagnostics, { unsupportedSql: { statements: 0, byConstruct: [], locations: [] } })).properties,
    ).toBeUndefined();
    expect(run().properties).toBeUndefined();
  });

  it('carries the count of Flow-typed files whose syntax was not checked as a run property, beside the SQL count, and only then', () => {
    const flowSyntax = {
      files: 2,
      locations: [
        { file: 'packages/models/featureflag.js', line: 5, column: 27, syntaxErrors: 12 },
        { file: 'packages/models/network.js', line: 3, column: 10, syntaxErrors: 1 },
      ],
    };
    const log = sarif(resultWith(fixtureDiagnostics, { flowSyntax }));
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.runs[0].properties).toEqual({ 'nilecare/flowSyntaxUnchecked': { files: 2 } });
    const unsupportedSql = {
      statements: 1,
      byConstruct: [{ construct: 'stored routine', dialect: 'mysql' as const, statements: 1 }],
      locations: [{ file: 'services/a/V1.sql', line: 1, column: 1, construct: 'stored routine', dialect: 'mysql' as const }],
    };
    expect(run(resultWith(fixtureDiagnostics, { flowSyntax, unsupportedSql })).properties).toEqual({
      'nilecare/unsupportedSql': { statements: 1, byConstruct: unsupportedSql.byConstruct },
      'nilecare/flowSyntaxUnchecked': { files: 2 },
    });
    expect(run(resultWith(fixtureDiagnostics, { flowSyntax: { files: 0, locations: [] } })).properties).toBeUndefined();
  });

  it('leaves suppressed and baselined results out by default', () => {
    const results = run().results ?? [];
    expect(results.some((r) => r.suppressions)).toBe(false);
    expect(results.map((r) => r.partialFingerprints?.['nilecare/v1'])).not.toContain('de9f2c7fd25e1b3a');
    expect(results.map((r) => r.partialFingerprints?.['nilecare/v1'])).not.toContain('e4d909c290d0fb1c');
  });

  it('includes them with suppressions when asked', () => {
    const results = run(fixtureResult, { includeSuppressed: true }).results ?? [];
    expect(results).toHaveLength(7);
    const suppressed = results.filter((r): r is Result & Required<Pick<Result, 'suppressions'>> => !!r.suppressions);
    expect(suppressed.map((r) => [r.partialFingerprints?.['nilecare/v1'], r.suppressions])).toEqual([
      ['e4d909c290d0fb1c', [{ kind: 'external' }]],
      ['de9f2c7fd25e1b3a', [{ kind: 'inSource', justification: 'Read by the 2019 reporting export; renamed in NC-1234.' }]],
    ]);
  });

  it('holds nothing but diagnostic and rule metadata: no snippets, contents or context regions', () => {
    const keys = new Set<string>();
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        for (const [key, child] of Object.entries(value)) {
          keys.add(key);
          walk(child);
        }
      }
    };
    walk(sarif(fixtureResult, { includeSuppressed: true }));
    for (const key of ['snippet', 'contextRegion', 'contents', 'artifacts', 'sourceLanguage', 'hashes']) {
      expect(keys.has(key), key).toBe(false);
    }
  });
});

describe('sarif reporter with rule ids missing from result.rules', () => {
  const validate = sarifSchemaValidator();

  it('adds one minimal descriptor per unknown id, with help, so every result has a ruleIndex', () => {
    const [warning] = fixtureDiagnostics;
    const result = resultWith([warning, { ...warning, ruleId: 'from-a-plugin', line: 5, endLine: 5 }], {
      rules: [...fixtureResult.rules, fixtureResult.rules[0]],
    });
    const log = sarif(result);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const { rules } = log.runs[0].tool.driver;
    expect(rules?.map((r) => r.id)).toEqual([
      'no-cross-service-query',
      'no-unsafe-env-default',
      'table-naming-convention',
      'from-a-plugin',
    ]);
    expect(rules?.[3]).toMatchObject({ name: 'FromAPlugin', help: { text: expect.stringContaining('from-a-plugin') } });
    expect(log.runs[0].results?.map((r) => r.ruleIndex)).toEqual([1, 3]);
  });
});
