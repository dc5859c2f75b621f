/**
 * A statement past the parser's budget (HELDOUT12 #9, PostGIS's 7 MB `INSERT INTO "spatial_ref_sys" … VALUES` of
 * ~8,500 rows, each after `--` comment lines): read by tokens and counted as unsupported in the run's summary, never a
 * parse-error warning, unless its tokens show a break no statement has. PostgreSQL's budget is 1 MiB: these cases lint
 * a 1.2 MB psql script three times, so they run in the e2e project; MySQL's (64 KiB) is passed by a 100 KB seed, whose
 * cases run in `npm test` (test/rules/large-statement.test.ts).
 */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/parse-error.js';
import { lint } from '../../src/lint.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { ruleTester } from '../rule-tester.js';

const pg = { dialect: 'postgresql' as const, services: [{ name: 'gis', roots: ['services/gis'] }] };
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
/**
 * Over PostgreSQL's 1 MiB budget, and MySQL's 64 KiB. The PostgreSQL file is a psql script, as PostGIS's is: its psql
 * variable keeps libpg-query from reading the whole file at once (which has a budget of its own), so each statement is
 * read alone.
 */
const PG_SEED = `SET search_path TO :schema, public;\n${seed(9000, '"')}`;
const MYSQL_SEED = seed(800, '`');

ruleTester.run(rule, {
  valid: [
    { name: 'a PostgreSQL seed INSERT past the budget', filename: 'services/gis/migrations/V1__srs.sql', code: PG_SEED, config: pg },
    { name: 'a MySQL seed INSERT past the budget', filename: 'services/geo/migrations/V1__srs.sql', code: MYSQL_SEED, config: mysql },
  ],
  invalid: [
    {
      name: 'a statement past the budget whose parentheses never close is still reported, where they open',
      filename: 'services/gis/migrations/V1__srs.sql',
      code: PG_SEED.replace(/;$/, '').replace("(2000, 'EPSG'", "((2000, 'EPSG'") + ';',
      config: pg,
      errors: [{ messageId: 'sqlSyntax', line: 7, column: 1, endLine: 7, endColumn: 2 }],
    },
  ],
});

describe('a statement past the budget in the summary', () => {
  it("is counted once as 'statement too large to parse', at its place, in either dialect", async () => {
    const tree = memoryTree({ 'services/gis/migrations/V1__srs.sql': PG_SEED, 'services/geo/migrations/V1__srs.sql': MYSQL_SEED });
    const run = await lint({
      cwd: tree.root,
      tree,
      config: {
        services: [
          ...pg.services.map((s) => ({ ...s, dialect: 'postgresql' as const })),
          ...mysql.services.map((s) => ({ ...s, dialect: 'mysql' as const })),
        ],
      },
      suppressions: false,
    });
    expect(run.unsupportedSql?.locations).toEqual([
      { file: 'services/geo/migrations/V1__srs.sql', line: 2, column: 1, construct: 'statement too large to parse', dialect: 'mysql' },
      { file: 'services/gis/migrations/V1__srs.sql', line: 3, column: 1, construct: 'statement too large to parse', dialect: 'postgresql' },
    ]);
    expect(run.diagnostics.filter((d) => d.ruleId === 'parse-error')).toEqual([]);
  });
});
