import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from 'sarif';
import type { LintResult } from '../../src/engine/types.js';
import { afterAll, describe, expect, it } from 'vitest';
import { formatResult, type ReportOptions } from '../../src/reporters/index.js';
import { fixtureDiagnostics, fixtureOptions, fixtureResult, resultWith } from '../reporters/fixture-result.js';

const [warning] = fixtureDiagnostics;
const withUnknownRule = resultWith([warning, { ...warning, ruleId: 'from-a-plugin', line: 5, endLine: 5 }]);

/**
 * The path the package exports (its documented API). The `.bin` shim re-spawns through a
 * shell, which would split the `Gh;Sarif` argument at the semicolon.
 */
function multitoolPath(): string | undefined {
  try {
    const path: string = createRequire(import.meta.url)('@microsoft/sarif-multitool');
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

const multitool = multitoolPath();
const workDir = mkdtempSync(join(tmpdir(), 'nilecare-sarif-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Runs `validate` with the GitHub and SARIF rule sets; returns its findings. */
function validate(name: string, sarif: string) {
  const input = join(workDir, `${name}.sarif`);
  const output = join(workDir, `${name}.validation.sarif`);
  writeFileSync(input, sarif);
  const run = spawnSync(
    multitool as string,
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
  // A devDependency: a missing binary (unsupported platform, --omit=dev) fails here rather than
  // letting every validation below pass unseen.
  it('is installed', () => {
    expect(multitool, '@microsoft/sarif-multitool is not installed for this platform: run `npm ci`').toBeDefined();
  });

  it.each([
    ['default', fixtureResult, {}],
    ['with-suppressed', fixtureResult, { includeSuppressed: true }],
    ['unknown-rule-id', withUnknownRule, {}],
  ] as Array<[string, LintResult, Partial<ReportOptions>]>)('reports no errors or warnings (%s)', (name, result, options) => {
    if (!multitool) throw new Error('@microsoft/sarif-multitool is not installed');
    const findings = validate(name, formatResult('sarif', result, { ...fixtureOptions, ...options }));
    expect(findings.filter((f) => f.level === 'error' || f.level === 'warning')).toEqual([]);
    const expectedNotes = new Set(['SARIF2002', 'SARIF2003', 'SARIF2006', 'SARIF2009', 'SARIF2010', 'SARIF2011']);
    // SARIF2012 also objects to 'FromAPlugin' (two capitals in a row) as a friendly name.
    if (name === 'unknown-rule-id') expectedNotes.add('SARIF2012');
    expect(findings.filter((f) => !expectedNotes.has(f.ruleId ?? ''))).toEqual([]);
  });
});
