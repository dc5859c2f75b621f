import { describe, expect, it } from 'vitest';
import { formatResult } from '../../src/reporters/index.js';
import { fixtureDiagnostics, fixtureOptions, fixtureResult, resultWith } from './fixture-result.js';

const github = (result = fixtureResult) => formatResult('github', result, fixtureOptions);

/** Splits a workflow command into its parts without unescaping, to check escapes exactly. */
function parseCommand(line: string) {
  const match = /^::(error|warning) ([^:]*)::(.*)$/u.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const properties = Object.fromEntries(
    match[2].split(',').map((pair) => {
      const equals = pair.indexOf('=');
      return [pair.slice(0, equals), pair.slice(equals + 1)];
    }),
  );
  return { command: match[1], properties, message: match[3] };
}

describe('github reporter', () => {
  it('writes one command per unsuppressed diagnostic, in order', () => {
    const lines = github().split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((line) => parseCommand(line).command)).toEqual(['warning', 'warning', 'error', 'error', 'error']);
    expect(github()).not.toContain('LegacyAudit');
  });

  it('fills every property of a single-line finding', () => {
    const first = parseCommand(github().split('\n')[2]);
    expect(first).toEqual({
      command: 'error',
      properties: {
        file: 'services/billing/src/invoice-repo.ts',
        line: '14',
        col: '25',
        endLine: '14',
        endColumn: '47',
        title: 'no-cross-service-query',
      },
      message: "Service 'billing' queries table 'clinical_data.patients' owned by 'clinical'.",
    });
    expect(github().split('\n')[0]).toBe(
      "::warning file=services/billing/src/config.ts,line=3,col=38,endLine=3,endColumn=75,title=no-unsafe-env-default::Default for 'DATABASE_URL' points at 'localhost:5432', a development-only host.",
    );
  });

  it('drops columns for a finding spanning several lines, as GitHub requires', () => {
    expect(parseCommand(github().split('\n')[1]).properties).toEqual({
      file: 'services/billing/src/config.ts',
      line: '8',
      endLine: '10',
      title: 'no-unsafe-env-default',
    });
  });

  it('escapes like @actions/core issueCommand: %, CR, LF in data; also : and , in properties', () => {
    const [warning] = fixtureDiagnostics;
    const tricky = { ...warning, file: 'svc/a,b:c%d.ts', message: '100% sure: a, b\nnext\r\nend' };
    expect(github(resultWith([tricky]))).toBe(
      '::warning file=svc/a%2Cb%3Ac%25d.ts,line=3,col=38,endLine=3,endColumn=75,title=no-unsafe-env-default' +
        '::100%25 sure: a, b%0Anext%0D%0Aend\n',
    );
  });

  it('prints nothing for a clean result', () => {
    expect(github(resultWith([]))).toBe('');
  });
});
