/** The rule tester's own refusals: each would otherwise let a rule test pass that proves nothing. */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/engine/types.js';
import noCrossServiceQuery from '../rules/no-cross-service-query.js';
import { caseProblems, expectErrors, runCase, type InvalidCase, type RuleCases } from './rule-tester.js';

const query = "db.query('SELECT * FROM payments');\n";
const filename = 'services/billing/src/repo.ts';
const error = { messageId: 'foreignTable', line: 1, column: 25, endLine: 1, endColumn: 33 };
const cases = (invalid: InvalidCase[], valid: RuleCases['valid'] = []): RuleCases => ({ valid, invalid });

describe('caseProblems', () => {
  it('accepts well-formed cases', () => {
    expect(noCrossServiceQuery.meta.messages).toHaveProperty('foreignTable');
    expect(caseProblems(noCrossServiceQuery, cases([{ filename, code: query, errors: [error] }]))).toEqual([]);
  });

  it('refuses an unknown messageId', () => {
    expect(caseProblems(noCrossServiceQuery, cases([{ filename, code: query, errors: [{ ...error, messageId: 'nope' }] }]))).toEqual([
      "invalid[0] errors[0]: unknown messageId 'nope'",
    ]);
  });

  it('refuses a missing or malformed coordinate (all four are required)', () => {
    const { endColumn: _, ...noEnd } = error;
    const problems = caseProblems(
      noCrossServiceQuery,
      cases([{ filename, code: query, errors: [noEnd as typeof error, { ...error, line: 0 }] }]),
    );
    expect(problems).toEqual([
      'invalid[0] errors[0]: endColumn must be a positive integer',
      'invalid[0] errors[1]: line must be a positive integer',
    ]);
  });

  it('refuses a data key the message does not use', () => {
    const problems = caseProblems(
      noCrossServiceQuery,
      cases([{ filename, code: query, errors: [{ ...error, data: { table: 'payments', colour: 'red' } }] }]),
    );
    expect(problems).toEqual(["invalid[0] errors[0]: data key 'colour' is not used by message 'foreignTable'"]);
  });

  it('refuses an invalid case that expects no error', () => {
    expect(caseProblems(noCrossServiceQuery, cases([{ name: 'empty', filename, code: query, errors: [] }]))).toEqual([
      'invalid[0] (empty): an invalid case must expect at least one error',
    ]);
  });

  it('refuses the same case twice, valid or invalid', () => {
    const problems = caseProblems(noCrossServiceQuery, cases([{ filename, code: query, errors: [error] }], [{ filename, code: query }]));
    expect(problems).toEqual(['invalid[0]: the same case as valid[0]']);
  });

  it('tells cases apart by code and by every other field, and names the first of three alike', () => {
    const other = `${query} `;
    const alike = caseProblems(
      noCrossServiceQuery,
      cases(
        [],
        [
          { filename, code: query },
          { filename, code: other },
          { filename, code: query, options: {} },
          { filename, code: other },
          { filename, code: query },
        ],
      ),
    );
    expect(alike).toEqual(['valid[3]: the same case as valid[1]', 'valid[4]: the same case as valid[0]']);
  });
});

describe('expectErrors', () => {
  const diagnostic = { ...error, file: filename, message: 'm', severity: 'error' } as unknown as Diagnostic;

  it('passes on the exact diagnostic', () => {
    expectErrors({ filename, code: query, errors: [error] }, [diagnostic]);
  });

  it('fails on any coordinate off by one, another file, or a missing or extra diagnostic', () => {
    for (const key of ['line', 'column', 'endLine', 'endColumn'] as const)
      expect(() => expectErrors({ filename, code: query, errors: [{ ...error, [key]: error[key] + 1 }] }, [diagnostic])).toThrow();
    expect(() => expectErrors({ filename, code: query, errors: [error] }, [{ ...diagnostic, file: 'other.ts' }])).toThrow();
    expect(() => expectErrors({ filename, code: query, errors: [error] }, [])).toThrow();
    expect(() => expectErrors({ filename, code: query, errors: [error] }, [diagnostic, diagnostic])).toThrow();
  });

  it('fails on a placeholder left in the message, another severity or other data than the error pins', () => {
    expect(() => expectErrors({ filename, code: query, errors: [error] }, [{ ...diagnostic, message: 'reads {{table}}' }])).toThrow();
    expect(() => expectErrors({ filename, code: query, errors: [{ ...error, severity: 'warn' }] }, [diagnostic])).toThrow();
    const withData = { ...diagnostic, data: { table: 'payments' } } as Diagnostic;
    expectErrors({ filename, code: query, errors: [{ ...error, data: { table: 'payments' } }] }, [withData]);
    expect(() => expectErrors({ filename, code: query, errors: [{ ...error, data: { table: 'invoices' } }] }, [withData])).toThrow();
    expectErrors({ filename, code: query, errors: [{ ...error, file: filename }] }, [diagnostic]);
  });
});

describe('runCase', () => {
  it('lints the case and its other files in memory, with only the rule under test on', async () => {
    const diagnostics = await runCase(noCrossServiceQuery, {
      filename,
      code: query,
      files: { 'services/payment/migrations/V1__p.sql': 'CREATE TABLE payments (id INT);\n' },
    });
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.ruleId}`)).toEqual([
      `${filename}:1:25-1:33 no-cross-service-query`,
    ]);
  });
});
