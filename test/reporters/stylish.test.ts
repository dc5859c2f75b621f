import { Chalk } from 'chalk';
import chalk from 'chalk';
import { afterEach, describe, expect, it } from 'vitest';
import { formatResult } from '../../src/reporters/index.js';
import { fixtureDiagnostics, fixtureOptions, fixtureResult, resultWith } from './fixture-result.js';

const ansi = /\u001b\[[0-9;]*m/u;
const stylish = (result = fixtureResult, options = {}) => formatResult('stylish', result, { ...fixtureOptions, ...options });

describe('stylish reporter', () => {
  const globalLevel = chalk.level;
  afterEach(() => {
    chalk.level = globalLevel;
  });

  it('has no ANSI codes without colour, even when global chalk has colours on', () => {
    chalk.level = 3;
    expect(stylish(fixtureResult, { color: false })).not.toMatch(ansi);
  });

  it('has ANSI codes with colour, even when global chalk has colours off', () => {
    chalk.level = 0;
    const output = stylish(fixtureResult, { color: true });
    expect(output).toMatch(ansi);
    expect(output).toContain(new Chalk({ level: 1 }).red('error'));
    expect(output.replace(new RegExp(ansi, 'gu'), '')).toBe(stylish(fixtureResult, { color: false }));
  });

  it('prints a header per file and aligned rows with position, severity, message and rule id', () => {
    const lines = stylish().split('\n');
    const header = lines.indexOf('services/clinical/migrations/001 create patients.sql');
    expect(header).toBeGreaterThan(0);
    expect(lines[header + 1]).toBe(
      "   9:14  error  Table 'PatientVisits' is not snake_case                              table-naming-convention",
    );
    expect(lines[header + 2]).toBe("    → Rename it to 'clinical_patient_visits'.");
    expect(lines[header + 3]).toBe("  27:1   error  SQL could not be parsed: expected ';' or end of input but '<' found  parse-error");
  });

  it('shows related locations under the finding', () => {
    expect(stylish()).toContain(
      "    ↳ services/clinical/migrations/001 create patients.sql:1:14  'clinical' creates table 'clinical_data.patients' here.",
    );
  });

  it('counts suppressed findings in the summary but never lists them', () => {
    const output = stylish();
    expect(output).toContain('✖ 5 problems (3 errors, 2 warnings), 2 suppressed\n');
    expect(output).not.toContain('LegacyAudit');
    expect(output).not.toContain('clinical_data.visits');
  });

  it('prints notices before the summary', () => {
    const lines = stylish().trimEnd().split('\n');
    expect(lines.slice(-3)).toEqual([
      'ℹ No nilecare-lint.config.ts found; inferred 2 services from services/*/package.json.',
      'ℹ Skipped 1 file larger than 1 MiB: services/clinical/seed/dump.sql.',
      '✖ 5 problems (3 errors, 2 warnings), 2 suppressed',
    ]);
  });

  it('says so when nothing is wrong', () => {
    expect(stylish(resultWith([]))).toBe('✔ No problems (42 files linted)\n');
    const onlySuppressed = resultWith(fixtureDiagnostics.filter((d) => d.suppressed));
    expect(stylish(onlySuppressed)).toBe('✔ No problems (42 files linted, 2 suppressed)\n');
    expect(stylish(resultWith([], { filesLinted: 1 }))).toBe('✔ No problems (1 file linted)\n');
  });

  it('uses singular nouns for one', () => {
    const [warning] = fixtureDiagnostics;
    expect(stylish(resultWith([warning]))).toContain('✖ 1 problem (0 errors, 1 warning)\n');
  });

  it('mentions when the warning count exceeds --max-warnings', () => {
    const exceeded = { maxWarnings: 1, foundWarnings: 2 };
    expect(stylish(fixtureResult, { maxWarningsExceeded: exceeded })).toContain('nilecare-lint found too many warnings (maximum: 1).');
    expect(stylish(fixtureResult, {})).not.toContain('too many warnings');
  });

  it('makes control characters from the repository visible instead of sending them to the terminal', () => {
    const [warning] = fixtureDiagnostics;
    const hostile = { ...warning, message: "Table 'x\u001b[2J' is bad.", file: 'a\u0007.ts' };
    const output = stylish(resultWith([hostile]));
    expect(output).not.toMatch(/[\u0007\u001b]/u);
    expect(output).toContain("Table 'x\\u001b[2J' is bad");
    expect(output).toContain('a\\u0007.ts');
  });

  it('indents multi-line help', () => {
    const [warning] = fixtureDiagnostics;
    const output = stylish(resultWith([{ ...warning, help: 'First do this.\nThen that.' }]));
    expect(output).toContain('    → First do this.\n      Then that.\n');
  });
});
