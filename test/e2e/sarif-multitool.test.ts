import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from 'sarif';
import type { LintResult } from '../../src/engine/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatResult, type ReportOptions } from '../../src/reporters/index.js';
import { obtainMultitool, SKIP_VARIABLE } from './sarif-multitool.js';
import { fixtureDiagnostics, fixtureOptions, fixtureResult, resultWith } from '../reporters/fixture-result.js';

const [warning] = fixtureDiagnostics;
const withUnknownRule = resultWith([warning, { ...warning, ruleId: 'from-a-plugin', line: 5, endLine: 5 }]);
// What a run read without checking travels as run properties (nilecare/unsupportedSql, nilecare/flowSyntaxUnchecked).
const withRunProperties = resultWith(fixtureDiagnostics, {
  unsupportedSql: {
    statements: 1,
    byConstruct: [{ construct: 'stored routine', dialect: 'mysql', statements: 1 }],
    locations: [{ file: 'services/a/V1.sql', line: 1, column: 1, construct: 'stored routine', dialect: 'mysql' }],
  },
  flowSyntax: { files: 1, locations: [{ file: 'packages/models/featureflag.js', line: 5, column: 27, syntaxErrors: 12 }] },
});

let multitool: string | undefined;
let unavailable: string | undefined;

beforeAll(async () => {
  const lookup = await obtainMultitool();
  if ('binary' in lookup) multitool = lookup.binary;
  else unavailable = lookup.error;
}, 900_000);

/** The validator, or why there is none: a failure unless the run explicitly skips it outside CI. */
function requireMultitool(skip: (note: string) => never): string {
  if (multitool) return multitool;
  const reason = unavailable ?? 'the validator was not looked up';
  if (process.env[SKIP_VARIABLE] === '1' && !process.env.CI) skip(`${SKIP_VARIABLE}=1: ${reason}`);
  throw new Error(`${reason}\n(offline outside CI: set ${SKIP_VARIABLE}=1 to skip this test; CI always runs it)`);
}

const workDir = mkdtempSync(join(tmpdir(), 'nilecare-sarif-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Runs `validate` with the GitHub and SARIF rule sets; returns its findings. */
function validate(binary: string, name: string, sarif: string) {
  const input = join(workDir, `${name}.sarif`);
  const output = join(workDir, `${name}.validation.sarif`);
  writeFileSync(input, sarif);
  const run = spawnSync(
    // The exported binary itself: the `.bin` shim re-spawns through a shell, which would split `Gh;Sarif` at the semicolon.
    binary,
    ['validate', '--rule-kind', 'Gh;Sarif', '--level', 'Error;Warning;Note', '--output', output, input],
    { encoding: 'utf8', timeout: 120_000, env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } },
  );
  expect(run.error).toBeUndefined();
  expect(existsSync(output), `${run.stdout}\n${run.stderr}`).toBe(true);
  const log: Log = JSON.parse(readFileSync(output, 'utf8'));
  return (log.runs[0].results ?? []).map((result) => ({
    level: result.level ?? 'warning',
    ruleId: result.ruleId,
    where: result.message.arguments?.[0],
  }));
}

/**
 * Notes the validator raises by design: SARIF2002 for results whose message has no rule
 * template (parse errors), SARIF2003 (no version-control details in a LintResult),
 * SARIF2006 (no network here), SARIF2009 (kebab-case rule ids, like ESLint), and
 * SARIF2010/SARIF2011 (code snippets and context regions are never written: secrets).
 */
describe('Microsoft SARIF validator (sarif-multitool validate --rule-kind Gh;Sarif)', () => {
  it.for([
    ['default', fixtureResult, {}],
    ['with-suppressed', fixtureResult, { includeSuppressed: true }],
    ['unknown-rule-id', withUnknownRule, {}],
    ['run-properties', withRunProperties, {}],
  ] as Array<[string, LintResult, Partial<ReportOptions>]>)('reports no errors or warnings (%s)', ([name, result, options], context) => {
    const findings = validate(requireMultitool(context.skip), name, formatResult('sarif', result, { ...fixtureOptions, ...options }));
    expect(findings.filter((f) => f.level === 'error' || f.level === 'warning')).toEqual([]);
    const expectedNotes = new Set(['SARIF2002', 'SARIF2003', 'SARIF2006', 'SARIF2009', 'SARIF2010', 'SARIF2011']);
    // SARIF2012 also objects to 'FromAPlugin' (two capitals in a row) as a friendly name.
    if (name === 'unknown-rule-id') expectedNotes.add('SARIF2012');
    expect(findings.filter((f) => !expectedNotes.has(f.ruleId ?? ''))).toEqual([]);
  });
});
