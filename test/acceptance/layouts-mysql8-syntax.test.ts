/**
 * Acceptance: fixtures/layouts/mysql8-syntax (issue 14), zero config. Valid MySQL 8 that
 * node-sql-parser lacks and a psql bootstrap script are no parse errors; the statements the linter
 * could not read are counted in the run's summary instead; the two reads of catalog.products inside
 * such statements are still found. The exhaustive rules of the fixture's EXPECTED.json are compared
 * as an exact set, each range checked against the token it must cover.
 */
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeLineStarts } from '../../src/analysis/text.js';
import { lint, type LintRun } from '../../src/lint.js';
import { tempDir } from '../temp-dirs.js';

const fixture = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/layouts/mysql8-syntax');

interface ExpectedFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  token: string;
  data: Record<string, string>;
}
const expected = JSON.parse(readFileSync(path.join(fixture, 'EXPECTED.json'), 'utf8')) as {
  exhaustiveRules: string[];
  findings: ExpectedFinding[];
};

const key = (d: { ruleId: string; file: string; line: number; column: number; endLine: number; endColumn: number }) =>
  `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn}`;

/** The text a 1-based, end-exclusive range covers. */
function textAt(file: string, line: number, column: number, endLine: number, endColumn: number): string {
  const text = readFileSync(path.join(fixture, file), 'utf8');
  const starts = computeLineStarts(text);
  return text.slice(starts[line - 1] + column - 1, starts[endLine - 1] + endColumn - 1);
}

let run: LintRun;
let copy: string;
beforeAll(async () => {
  // A copy outside our checkout: inside it, the project would be our git root, not the fixture.
  copy = tempDir('nilecare-mysql8-syntax-');
  cpSync(fixture, copy, { recursive: true });
  run = await lint({ cwd: copy });
}, 120_000);

describe('layouts/mysql8-syntax, zero config', () => {
  it('every expected range covers its token', () => {
    for (const f of expected.findings) expect(textAt(f.file, f.line, f.column, f.endLine, f.endColumn), key(f)).toBe(f.token);
  });

  it('reports exactly the expected findings of the exhaustive rules: no parse-error, the two cross-service reads', () => {
    const found = run.diagnostics.filter((d) => expected.exhaustiveRules.includes(d.ruleId) && !d.suppressed).map(key);
    expect(found.sort()).toEqual(expected.findings.map(key).sort());
    for (const f of expected.findings) {
      const d = run.diagnostics.find((x) => key(x) === key(f))!;
      expect(d.data, key(f)).toMatchObject(f.data);
    }
  });

  it('counts the statements its MySQL parser cannot read, at their first token, and says so', () => {
    expect(run.unsupportedSql?.locations).toEqual([
      {
        file: 'services/warehouse-service/migrations/V3__reporting_access.sql',
        line: 1,
        column: 1,
        construct: 'account management',
        dialect: 'mysql',
      },
      {
        file: 'services/warehouse-service/migrations/V5__move_stock_procedure.sql',
        line: 3,
        column: 1,
        construct: 'stored routine',
        dialect: 'mysql',
      },
      {
        file: 'services/warehouse-service/scripts/nightly-maintenance.sql',
        line: 2,
        column: 1,
        construct: 'table maintenance',
        dialect: 'mysql',
      },
      {
        file: 'services/warehouse-service/scripts/nightly-maintenance.sql',
        line: 3,
        column: 1,
        construct: 'table maintenance',
        dialect: 'mysql',
      },
    ]);
    expect(run.unsupportedSql?.statements).toBe(4);
    expect(run.notices).toContain(
      "4 SQL statement(s) use valid syntax the linter's parser cannot read (table maintenance ×2, account management ×1, stored routine ×1): not reported as parse errors; their table references were read from tokens (`--format json` lists them).",
    );
  });

  it('with parse-error off, the count is still in the run but no notice is shown', async () => {
    const quiet = await lint({ cwd: copy, ruleOverrides: { 'parse-error': 'off' } });
    expect(quiet.unsupportedSql?.statements).toBe(4);
    expect(quiet.notices.some((n) => n.includes('valid syntax'))).toBe(false);
  }, 120_000);
});
