/**
 * A statement past the parser's budget (HELDOUT12 #9, PostGIS's 7 MB `INSERT INTO "spatial_ref_sys" … VALUES` of
 * ~8,500 rows, each after `--` comment lines): read by tokens and counted as unsupported in the run's summary, never a
 * parse-error warning, unless its tokens show a break no statement has. Here in MySQL, whose budget (64 KiB, 2,000
 * tokens) a 100 KB seed passes; PostgreSQL's budget is 1 MiB, and its cases (a 1.2 MB psql script, read a statement at
 * a time) are about that size: test/e2e/large-statement-pg.test.ts.
 */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/parse-error.js';
import { lint } from '../../src/lint.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { ruleTester } from '../rule-tester.js';

const mysql = { dialect: 'mysql' as const, services: [{ name: 'geo', roots: ['services/geo'] }] };

/** `rows` rows of a seed, each after a comment, as PostGIS writes spatial_ref_sys. */
const seed = (rows: number, quote: string) =>
  [
    `CREATE TABLE ${quote}spatial_ref_sys${quote} (srid int PRIMARY KEY, auth_name varchar(256), srtext varchar(2048));`,
    `INSERT INTO ${quote}spatial_ref_sys${quote} (${quote}srid${quote}, ${quote}auth_name${quote}, ${quote}srtext${quote}) VALUES`,
    Array.from(
      { length: rows },
      (_, i) =>
        `--\n-- EPSG ${2000 + i} : Anguilla 1957 / British West Indies Grid\n--\n(${2000 + i}, 'EPSG', 'PROJCS["Anguilla 1957 / British West Indies Grid",GEOGCS["Anguilla 1957"]]')`,
    ).join(',\n'),
    ';',
  ].join('\n');
/** Over MySQL's 64 KiB budget. */
const MYSQL_SEED = seed(800, '`');

ruleTester.run(rule, {
  valid: [
    { name: 'a MySQL seed INSERT past the budget', filename: 'services/geo/migrations/V1__srs.sql', code: MYSQL_SEED, config: mysql },
  ],
  invalid: [
    {
      name: 'a MySQL statement past the budget whose parentheses never close is still reported, where they open',
      filename: 'services/geo/migrations/V1__srs.sql',
      code: MYSQL_SEED.replace(/;$/, '').replace("(2000, 'EPSG'", "((2000, 'EPSG'") + ';',
      config: mysql,
      errors: [{ messageId: 'sqlSyntax', line: 6, column: 1, endLine: 6, endColumn: 2 }],
    },
  ],
});

describe('a statement past the budget in the summary', () => {
  it("is counted once as 'statement too large to parse', at its place", async () => {
    const tree = memoryTree({ 'services/geo/migrations/V1__srs.sql': MYSQL_SEED });
    const run = await lint({ cwd: tree.root, tree, config: mysql, suppressions: false });
    expect(run.unsupportedSql?.locations).toEqual([
      { file: 'services/geo/migrations/V1__srs.sql', line: 2, column: 1, construct: 'statement too large to parse', dialect: 'mysql' },
    ]);
    expect(run.diagnostics.filter((d) => d.ruleId === 'parse-error')).toEqual([]);
  });
});
