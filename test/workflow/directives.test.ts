/**
 * Inline directives: each form suppresses exactly the findings it should (asserted by line),
 * in TypeScript, in SQL files and for SQL embedded in TypeScript; directive problems
 * (unused, unknown rule, missing reason) are reported; suppressed findings are kept with
 * their flag and never fail the run. Over repositories in memory (test/cli-memory.ts).
 */
import { describe, expect, it } from 'vitest';
import type { NilecareConfig } from '../../src/config/schema.js';
import { lint } from '../../src/lint.js';
import { cli, jsonRun, memoryRepo as makeRepo, paymentMigration, where, workflowConfig } from './helpers.js';

const TS = 'services/billing/src/repo.ts';
const SQL = 'services/billing/sql/report.sql';

async function lintFile(
  file: string,
  lines: string[],
  config: NilecareConfig = workflowConfig,
  extra: Parameters<typeof lint>[0] extends infer O ? Partial<O> : never = {},
) {
  const root = makeRepo({ ...paymentMigration, [file]: `${lines.join('\n')}\n` }, config);
  const run = await lint({ cwd: root.resolve('.'), ...root.source(), ...extra });
  expect(run.internalErrors).toEqual([]);
  return run.diagnostics.filter((d) => d.file === file);
}

const q = (id: number, table = 'payments') => `export const q${id} = () => pool.query('SELECT * FROM ${table} WHERE id = ${id}');`;

describe('TypeScript directives', () => {
  it('disable-next-line and disable-line cover their one line', async () => {
    const diagnostics = await lintFile(TS, [
      "import { pool } from './db';",
      q(2),
      '// nilecare-lint-disable-next-line no-cross-service-query -- legacy report, see ADR-12',
      q(4),
      `${q(5)} // nilecare-lint-disable-line no-cross-service-query`,
      q(6),
      '/* nilecare-lint-disable-next-line */',
      q(8),
    ]);
    expect(where(diagnostics)).toEqual([
      `${TS}:2 no-cross-service-query`,
      `${TS}:4 no-cross-service-query (suppressed)`,
      `${TS}:5 no-cross-service-query (suppressed)`,
      `${TS}:6 no-cross-service-query`,
      `${TS}:8 no-cross-service-query (suppressed)`,
    ]);
    expect(diagnostics[1].suppressed).toEqual({ kind: 'inSource', justification: 'legacy report, see ADR-12' });
    expect(diagnostics[2].suppressed).toEqual({ kind: 'inSource' });
  });

  it('disable-next-line does not reach past the next line', async () => {
    const diagnostics = await lintFile(TS, [
      "import { pool } from './db';",
      '// nilecare-lint-disable-next-line no-cross-service-query',
      'const unrelated = 1;',
      q(4),
    ]);
    expect(where(diagnostics)).toEqual([`${TS}:4 no-cross-service-query`]);
  });

  it('a directive for another rule suppresses nothing', async () => {
    const diagnostics = await lintFile(TS, ["import { pool } from './db';", '// nilecare-lint-disable-next-line unknown-table', q(3)]);
    expect(where(diagnostics)).toEqual([`${TS}:3 no-cross-service-query`]);
  });

  it('disable … enable covers the block between them', async () => {
    const diagnostics = await lintFile(TS, [
      q(1),
      '/* nilecare-lint-disable no-cross-service-query -- batch job, ADR-7 */',
      q(3),
      q(4),
      '/* nilecare-lint-enable no-cross-service-query */',
      q(6),
    ]);
    expect(where(diagnostics)).toEqual([
      `${TS}:1 no-cross-service-query`,
      `${TS}:3 no-cross-service-query (suppressed)`,
      `${TS}:4 no-cross-service-query (suppressed)`,
      `${TS}:6 no-cross-service-query`,
    ]);
    expect(diagnostics[1].suppressed?.justification).toBe('batch job, ADR-7');
  });

  it('a bare disable covers every rule; enabling one rule leaves the others disabled', async () => {
    const diagnostics = await lintFile(TS, [
      q(1),
      '/* nilecare-lint-disable */',
      q(3),
      q(4, 'mystery_things'),
      '/* nilecare-lint-enable no-cross-service-query */',
      q(6),
      q(7, 'mystery_things'),
      '/* nilecare-lint-enable */',
      q(9, 'mystery_things'),
    ]);
    expect(where(diagnostics)).toEqual([
      `${TS}:1 no-cross-service-query`,
      `${TS}:3 no-cross-service-query (suppressed)`,
      `${TS}:4 unknown-table (suppressed)`,
      `${TS}:6 no-cross-service-query`,
      `${TS}:7 unknown-table (suppressed)`,
      `${TS}:9 unknown-table`,
    ]);
  });

  it('a bare disable above the first line of code covers the whole file (ESLint semantics)', async () => {
    const diagnostics = await lintFile(TS, [
      '/* nilecare-lint-disable -- generated file */',
      "import { pool } from './db';",
      q(3),
      q(4, 'mystery_things'),
    ]);
    expect(where(diagnostics)).toEqual([`${TS}:3 no-cross-service-query (suppressed)`, `${TS}:4 unknown-table (suppressed)`]);
  });

  it('disable-file covers the whole file wherever it stands, for the rules it names', async () => {
    const diagnostics = await lintFile(TS, [
      q(1),
      q(2, 'mystery_things'),
      '/* nilecare-lint-disable-file no-cross-service-query -- moves to payment in Q3 */',
      q(4),
    ]);
    expect(where(diagnostics)).toEqual([
      `${TS}:1 no-cross-service-query (suppressed)`,
      `${TS}:2 unknown-table`,
      `${TS}:4 no-cross-service-query (suppressed)`,
    ]);
    expect(diagnostics[0].suppressed?.justification).toBe('moves to payment in Q3');
  });
});

describe('SQL directives', () => {
  it('-- and /* */ comments: next-line, line and block forms', async () => {
    const diagnostics = await lintFile(SQL, [
      'SELECT * FROM payments;',
      '-- nilecare-lint-disable-next-line no-cross-service-query -- reconciliation job',
      'SELECT * FROM payments WHERE amount > 0;',
      'SELECT id FROM payments; -- nilecare-lint-disable-line',
      '/* nilecare-lint-disable no-cross-service-query */',
      'SELECT amount FROM payments;',
      'SELECT amount FROM payments WHERE id = 1;',
      '/* nilecare-lint-enable */',
      'SELECT id, amount FROM payments;',
    ]);
    expect(where(diagnostics)).toEqual([
      `${SQL}:1 no-cross-service-query`,
      `${SQL}:3 no-cross-service-query (suppressed)`,
      `${SQL}:4 no-cross-service-query (suppressed)`,
      `${SQL}:6 no-cross-service-query (suppressed)`,
      `${SQL}:7 no-cross-service-query (suppressed)`,
      `${SQL}:9 no-cross-service-query`,
    ]);
    expect(diagnostics[1].suppressed?.justification).toBe('reconciliation job');
  });

  it('-- nilecare-lint-disable-file covers the statements above it too', async () => {
    const diagnostics = await lintFile(SQL, [
      'SELECT * FROM payments;',
      'SELECT * FROM mystery_things;',
      '-- nilecare-lint-disable-file no-cross-service-query -- read replica report',
      'SELECT id FROM payments;',
    ]);
    expect(where(diagnostics)).toEqual([
      `${SQL}:1 no-cross-service-query (suppressed)`,
      `${SQL}:2 unknown-table`,
      `${SQL}:4 no-cross-service-query (suppressed)`,
    ]);
  });
});

describe('SQL embedded in TypeScript', () => {
  it('a TS comment on the line before the call covers a multi-line template', async () => {
    const diagnostics = await lintFile(TS, [
      "import { pool } from './db';",
      '// nilecare-lint-disable-next-line no-cross-service-query -- read-only dashboard',
      'export const rows = await pool.query(',
      '  `SELECT *',
      '     FROM payments',
      '    WHERE id = ?`,',
      '  [1],',
      ');',
      'export const other = await pool.query(`SELECT *',
      '  FROM payments`);',
    ]);
    expect(where(diagnostics)).toEqual([`${TS}:5 no-cross-service-query (suppressed)`, `${TS}:10 no-cross-service-query`]);
    expect(diagnostics[0].suppressed?.justification).toBe('read-only dashboard');
  });

  it('an SQL comment inside the template counts where it stands', async () => {
    const diagnostics = await lintFile(TS, [
      "import { pool } from './db';",
      'export const rows = await pool.query(`',
      '  SELECT * FROM payments -- nilecare-lint-disable-line no-cross-service-query -- audited',
      '  UNION SELECT * FROM payments',
      '`);',
      q(6),
    ]);
    expect(where(diagnostics.filter((d) => d.ruleId === 'no-cross-service-query'))).toEqual([
      `${TS}:3 no-cross-service-query (suppressed)`,
      `${TS}:4 no-cross-service-query`,
      `${TS}:6 no-cross-service-query`,
    ]);
  });
});

describe('directive problems', () => {
  const unusedLines = [
    "import { pool } from './db';",
    '// nilecare-lint-disable-next-line no-cross-service-query -- stale',
    'export const clean = 1;',
    '// nilecare-lint-disable-next-line no-cross-service-query, unknown-table -- only one is used',
    q(5),
  ];

  it('unused directives are reported only when asked, at the rule name', async () => {
    expect(where(await lintFile(TS, unusedLines)).filter((w) => !w.includes('(suppressed)'))).toEqual([]);
    const diagnostics = (await lintFile(TS, unusedLines, workflowConfig, { reportUnusedDisableDirectives: 'error' })).filter(
      (d) => !d.suppressed,
    );
    expect(diagnostics.map((d) => [d.ruleId, d.messageId, d.line, d.column, d.endColumn, d.severity, d.message])).toEqual([
      [
        'unused-disable-directive',
        'unusedRule',
        2,
        36,
        58,
        'error',
        "Directive 'nilecare-lint-disable-next-line' suppresses no problem from rule 'no-cross-service-query'.",
      ],
      [
        'unused-disable-directive',
        'unusedRule',
        4,
        60,
        73,
        'error',
        "Directive 'nilecare-lint-disable-next-line' suppresses no problem from rule 'unknown-table'.",
      ],
    ]);
  });

  it('config reportUnusedDisableDirectives: true reports as warnings; a bare unused directive is reported at the comment', async () => {
    const config = { ...workflowConfig, reportUnusedDisableDirectives: true };
    const diagnostics = (await lintFile(SQL, ['SELECT 1;', '-- nilecare-lint-disable-next-line', 'SELECT 2;'], config)).filter(
      (d) => !d.suppressed,
    );
    expect(diagnostics.map((d) => [d.ruleId, d.messageId, d.line, d.column, d.endColumn, d.severity])).toEqual([
      ['unused-disable-directive', 'unused', 2, 1, 35, 'warn'],
    ]);
  });

  it('directives in a script with nothing else to analyse are still read (unused, unknown rule)', async () => {
    // No import, no SQL, no env read: the file holds no facts, but its comments are still directives.
    const diagnostics = await lintFile(
      'services/billing/src/constants.ts',
      [
        '// nilecare-lint-disable-next-line no-cross-service-query -- stale',
        'export const PAGE_SIZE = 50;',
        '// nilecare-lint-disable-line no-such-rule',
      ],
      workflowConfig,
      { reportUnusedDisableDirectives: 'warn' },
    );
    expect(diagnostics.map((d) => [d.ruleId, d.messageId, d.line, d.column, d.endLine, d.endColumn])).toEqual([
      ['unused-disable-directive', 'unusedRule', 1, 36, 1, 58],
      ['invalid-disable-directive', 'unknownRule', 3, 31, 3, 43],
    ]);
  });

  it('an enable without a matching disable is unused', async () => {
    const diagnostics = await lintFile(TS, [q(1), '/* nilecare-lint-enable no-cross-service-query */'], workflowConfig, {
      reportUnusedDisableDirectives: 'warn',
    });
    expect(diagnostics.map((d) => `${d.line} ${d.ruleId} ${d.messageId}`)).toEqual([
      '1 no-cross-service-query foreignTable',
      '2 unused-disable-directive unusedEnableRule',
    ]);
  });

  it('a directive naming an unknown rule is reported, and suppresses nothing for it', async () => {
    const diagnostics = await lintFile(TS, [
      "import { pool } from './db';",
      '// nilecare-lint-disable-next-line no-cross-servic-query',
      q(3),
    ]);
    expect(diagnostics.map((d) => [d.line, d.column, d.ruleId, d.messageId, d.severity, Boolean(d.suppressed)])).toEqual([
      [2, 36, 'invalid-disable-directive', 'unknownRule', 'error', false],
      [3, 51, 'no-cross-service-query', 'foreignTable', 'error', false],
    ]);
    expect(diagnostics[0].help).toBe("Did you mean 'no-cross-service-query'?");
    const far = await lintFile(TS, ["import { pool } from './db';", '// nilecare-lint-disable-next-line frobnicate-everything', q(3)]);
    expect(far[0].help).toBe('Check the spelling against `nilecare-lint --list-rules`.');
  });

  it('a directive without a reason is reported when reasons are required (config or option)', async () => {
    const lines = [
      "import { pool } from './db';",
      '// nilecare-lint-disable-next-line no-cross-service-query',
      q(3),
      `${q(4)} // nilecare-lint-disable-line no-cross-service-query -- reviewed`,
    ];
    expect((await lintFile(TS, lines)).filter((d) => !d.suppressed)).toEqual([]);
    for (const diagnostics of [
      await lintFile(TS, lines, { ...workflowConfig, requireDisableReason: true }),
      await lintFile(TS, lines, workflowConfig, { requireDisableReason: true }),
    ]) {
      expect(diagnostics.filter((d) => !d.suppressed).map((d) => [d.line, d.column, d.ruleId, d.messageId])).toEqual([
        [2, 1, 'invalid-disable-directive', 'missingReason'],
      ]);
    }
  });

  it('a disable-line comment spanning lines is rejected, as in ESLint', async () => {
    const diagnostics = await lintFile(TS, [
      "import { pool } from './db';",
      `${q(2)} /* nilecare-lint-disable-line`,
      '   no-cross-service-query */',
    ]);
    expect(diagnostics.map((d) => `${d.line} ${d.ruleId} ${d.messageId}${d.suppressed ? ' (suppressed)' : ''}`)).toEqual([
      '2 no-cross-service-query foreignTable',
      '2 invalid-disable-directive multiline',
    ]);
  });
});

describe('suppressed findings in reports and exit codes', () => {
  const files = {
    ...paymentMigration,
    [TS]: ["import { pool } from './db';", '// nilecare-lint-disable-next-line no-cross-service-query -- legacy', q(3), ''].join('\n'),
  };

  it('suppressed errors exit 0, are listed in JSON with their flag and counted in the summary', async () => {
    const root = makeRepo(files);
    const outcome = await jsonRun(root);
    expect(outcome.code).toBe(0);
    expect(outcome.messages.map((m) => [m.file, m.line, m.ruleId, m.suppressed])).toEqual([
      [TS, 3, 'no-cross-service-query', { kind: 'inSource', justification: 'legacy' }],
    ]);
    expect(outcome.summary).toMatchObject({ errorCount: 0, warningCount: 0, suppressedCount: 1 });
    const stylish = await cli(root, []);
    expect(stylish.code).toBe(0);
    expect(stylish.stdout).toMatch(/1 suppressed/);
  });

  it('SARIF leaves suppressed results out unless --sarif-include-suppressed', async () => {
    const root = makeRepo(files);
    const plain = JSON.parse((await cli(root, ['--format', 'sarif'])).stdout);
    expect(plain.runs[0].results).toEqual([]);
    const included = await cli(root, ['--format', 'sarif', '--sarif-include-suppressed']);
    expect(included.code).toBe(0);
    const results = JSON.parse(included.stdout).runs[0].results;
    expect(results.map((r: { ruleId: string; suppressions: unknown }) => [r.ruleId, r.suppressions])).toEqual([
      ['no-cross-service-query', [{ kind: 'inSource', justification: 'legacy' }]],
    ]);
  });

  it('SARIF describes the directive pseudo-rules with real metadata', async () => {
    const root = makeRepo({ ...files, [SQL]: '-- nilecare-lint-disable-next-line no-cross-service-query\nSELECT 1;\n' });
    const outcome = await cli(root, ['--format', 'sarif', '--report-unused-disable-directives']);
    expect(outcome.code).toBe(1);
    const run = JSON.parse(outcome.stdout).runs[0];
    const descriptor = run.tool.driver.rules.find((r: { id: string }) => r.id === 'unused-disable-directive');
    expect(descriptor.shortDescription.text).toBe('Report inline disable directives that suppress nothing');
    expect(descriptor.messageStrings.unusedRule.text).toBe("Directive '{0}' suppresses no problem from rule '{1}'.");
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'unused-disable-directive');
    expect(result.level).toBe('error');
    expect(result.ruleIndex).toBe(run.tool.driver.rules.indexOf(descriptor));
    expect(result.locations[0].physicalLocation.region).toMatchObject({ startLine: 1, startColumn: 36 });
  });
});
