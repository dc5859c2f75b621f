/**
 * Issue 13 row 10: bulk data statements are token-scanned, not parsed (src/analysis/sql/bulk.ts),
 * without losing a table reference, its span, or any fact of the statements around them.
 */
import { describe, expect, it } from 'vitest';
import { bulkValuesEnd } from '../../../src/analysis/sql/bulk.js';
import { analyzeSql, initSqlParsers } from '../../../src/analysis/sql/index.js';
import { splitStatements } from '../../../src/analysis/sql/splitter.js';
import { statementIdentity } from '../../../rules/support/statement-identity.js';
import { at, refTuples } from './helpers.js';

await initSqlParsers();

/** Where the rows after `VALUES` end, as the splitter asks; undefined when they are not literal rows to the end. */
function rowsEnd(statement: string, dialect: 'mysql' | 'postgresql'): string | undefined {
  const from = statement.indexOf('VALUES') + 'VALUES'.length;
  const end = bulkValuesEnd(statement, from, dialect);
  return end === undefined ? undefined : statement.slice(from, end).trim();
}

describe('the literal-row scanner', () => {
  it('accepts the literals dumps write, in each dialect', () => {
    const mysql = [
      "INSERT INTO `t` VALUES (1,'a\\'b',NULL,-2.5e3,0x0AFF,X'0f',b'101',_binary 'x\\0y',_utf8mb4'z',TRUE,DEFAULT),(2,'it''s',\"q\",.5,+1,FALSE,_binary 0x00,N'n')",
      'INSERT INTO t (a) VALUES (1);',
    ];
    expect(mysql.map((s) => rowsEnd(s, 'mysql'))).toEqual([
      "(1,'a\\'b',NULL,-2.5e3,0x0AFF,X'0f',b'101',_binary 'x\\0y',_utf8mb4'z',TRUE,DEFAULT),(2,'it''s',\"q\",.5,+1,FALSE,_binary 0x00,N'n')",
      '(1)',
    ]);
    const pg = "INSERT INTO public.t VALUES (1, 'a\\', E'b\\'c', '{1,2}', NULL, true, 3.25) ;";
    expect(rowsEnd(pg, 'postgresql')).toBe("(1, 'a\\', E'b\\'c', '{1,2}', NULL, true, 3.25)");
  });

  it('gives up on anything that is not a literal row up to the end of the statement', () => {
    const rejected: Array<[string, 'mysql' | 'postgresql']> = [
      ['INSERT INTO t VALUES (now())', 'mysql'],
      ['INSERT INTO t VALUES (1) ON DUPLICATE KEY UPDATE a = 1', 'mysql'],
      ['INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING', 'postgresql'],
      ['INSERT INTO t VALUES (1) RETURNING id', 'postgresql'],
      ["INSERT INTO t VALUES ('x'::jsonb)", 'postgresql'],
      ['INSERT INTO t VALUES (1 /* note */)', 'mysql'],
      ['INSERT INTO t VALUES (1), (SELECT 2)', 'mysql'],
      ['INSERT INTO t VALUES ("x")', 'postgresql'],
      ["INSERT INTO t VALUES ('unterminated)", 'mysql'],
      ['INSERT INTO t VALUES (1abc)', 'mysql'],
      ['INSERT INTO t VALUES (1.2.3)', 'mysql'],
      ["INSERT INTO t VALUES (_binary _binary 'x')", 'mysql'],
      ['INSERT INTO t VALUES (1),', 'mysql'],
      ['INSERT INTO t VALUES', 'mysql'],
    ];
    expect(rejected.filter(([s, d]) => rowsEnd(s, d) !== undefined)).toEqual([]);
  });
});

describe('bulk INSERTs in the splitter and the analysis', () => {
  const row = (i: number) => `INSERT INTO billing_invoices VALUES (${i},'n${i}',${i}.5);`;

  it('consecutive INSERTs with the same head are one run: one statement, its reference at the first head, exact span', () => {
    const sql = ['SET NAMES utf8mb4;', row(1), row(2), row(3), 'UNLOCK TABLES;'].join('\n');
    const statements = analyzeSql(sql, 'mysql').statements;
    expect(statements.map((s) => [s.kind, s.parse, s.bulkStatements])).toEqual([
      ['other', 'partial', undefined],
      ['insert', 'full', 3],
      ['other', 'full', undefined],
    ]);
    const run = statements[1];
    expect(run.span).toEqual({ start: sql.indexOf(row(1)), end: sql.indexOf(row(3)) + row(3).length - 1 });
    expect(run.tableRefs).toEqual([{ name: 'billing_invoices', action: 'insert', span: at(sql, 'billing_invoices') }]);
  });

  it('a comment or a non-literal row ends the run; other heads and tables join it, each head keeps its reference at its first statement', () => {
    const sql = [
      row(1),
      '-- nilecare-lint-disable-next-line no-cross-service-query',
      row(2),
      "INSERT INTO billing_invoices (id, note, total) VALUES (3,'n3',3.5);",
      'INSERT INTO billing_payments VALUES (4);',
      row(5),
      'INSERT INTO billing_payments VALUES (6);',
      'INSERT INTO billing_payments VALUES (7) ON DUPLICATE KEY UPDATE id = 7;',
      'INSERT INTO billing_payments VALUES (8);',
    ].join('\n');
    const statements = analyzeSql(sql, 'mysql').statements;
    // The commented statement is a run of its own (a directive on it must not cover later rows).
    expect(statements.map((s) => [s.kind, s.parse, s.bulkStatements ?? 1])).toEqual([
      ['insert', 'full', 1],
      ['insert', 'full', 1],
      ['insert', 'full', 4],
      ['insert', 'full', 1],
      ['insert', 'full', 1],
    ]);
    expect(statements.map((s) => s.tableRefs.map((r) => [r.name, r.span.start]))).toEqual([
      [['billing_invoices', at(sql, 'billing_invoices', 0).start]],
      [['billing_invoices', at(sql, 'billing_invoices', 1).start]],
      [
        ['billing_invoices', at(sql, 'billing_invoices', 2).start],
        ['billing_payments', at(sql, 'billing_payments', 0).start],
        ['billing_invoices', at(sql, 'billing_invoices', 3).start],
      ],
      [['billing_payments', at(sql, 'billing_payments', 2).start]],
      [['billing_payments', at(sql, 'billing_payments', 3).start]],
    ]);
  });

  it('heads with a column list are checked with one NULL per column (node-sql-parser rejects a row of another length)', () => {
    const sql =
      "INSERT INTO billing_invoices (id, note, total) VALUES (1,'a',2.5),(2,'b',3);\nINSERT INTO billing_invoices (id, note, total) VALUES (3,'c',4);";
    for (const dialect of ['mysql', 'postgresql'] as const) {
      const statements = analyzeSql(sql, dialect).statements;
      expect(statements.map((s) => [s.parse, s.bulkStatements, refTuples(sql, s.tableRefs)])).toEqual([
        ['full', 2, [['insert', 'billing_invoices', 'billing_invoices']]],
      ]);
    }
  });

  it("a finding's identity in a run is its own INSERT's head, not the run: adding rows keeps its fingerprint", () => {
    const planted = "INSERT INTO payments (id) VALUES ('p1');";
    const identities = [1, 3].map((rows) => {
      const sql = [...Array.from({ length: rows }, (_, i) => row(i)), planted].join('\n');
      const [run] = analyzeSql(sql, 'mysql').statements;
      const ref = run.tableRefs.find((r) => r.name === 'payments')!;
      return statementIdentity(run, ref.span.start);
    });
    expect(identities).toEqual(['\nINSERT INTO ', '\nINSERT INTO ']);
    const single = analyzeSql(planted, 'mysql').statements[0];
    expect(statementIdentity(single, single.tableRefs[0].span.start)).toBe(single.text);
  });

  it('a run holds at most 64 distinct heads: the 65th starts the next run', () => {
    const sql = Array.from({ length: 70 }, (_, i) => `INSERT INTO t${i} VALUES (${i});`).join('\n');
    const statements = analyzeSql(sql, 'postgresql').statements;
    expect(statements.map((s) => [s.bulkStatements, s.tableRefs.length])).toEqual([
      [64, 64],
      [6, 6],
    ]);
    expect(statements.flatMap((s) => refTuples(sql, s.tableRefs).map(([, name]) => name))).toEqual(
      Array.from({ length: 70 }, (_, i) => `t${i}`),
    );
  });

  it('the splitter skips the rows without tokenising them, and splits a run again statement by statement on request', () => {
    const sql = [row(1), row(2), row(3)].join('\n');
    const [run] = splitStatements(sql, 'mysql');
    expect(run.bulkRows?.statements).toBe(3);
    expect(run.tokens.map((t) => t.upper)).toEqual(['INSERT', 'INTO', 'BILLING_INVOICES', 'VALUES']);
    const again = splitStatements(sql, 'mysql', undefined, { range: { start: run.start, end: run.end }, bulk: false });
    expect(again.map((s) => [sql.slice(s.start, s.end), s.bulkRows, s.tokens.length])).toEqual([
      [row(1).slice(0, -1), undefined, 11],
      [row(2).slice(0, -1), undefined, 11],
      [row(3).slice(0, -1), undefined, 11],
    ]);
  });

  it('a head the parser rejects: every statement of the run is analysed in full, and each says where', () => {
    // MySQL's INSERT IGNORE is no PostgreSQL.
    const sql = ['INSERT IGNORE INTO billing_invoices VALUES (1);', 'INSERT IGNORE INTO billing_invoices VALUES (2);'].join('\n');
    const statements = analyzeSql(sql, 'postgresql').statements;
    expect(statements.map((s) => [s.text, s.parse, s.bulkStatements])).toEqual([
      ['INSERT IGNORE INTO billing_invoices VALUES (1)', 'partial', undefined],
      ['INSERT IGNORE INTO billing_invoices VALUES (2)', 'partial', undefined],
    ]);
    expect(statements.map((s) => s.parseError?.span.start)).toEqual([at(sql, 'IGNORE', 0).start, at(sql, 'IGNORE', 1).start]);
    expect(statements.flatMap((s) => refTuples(sql, s.tableRefs))).toEqual([
      ['insert', 'billing_invoices', 'billing_invoices'],
      ['insert', 'billing_invoices', 'billing_invoices'],
    ]);
  });

  it('the other dialect in a head or in the rows is parsed in full: its marker, signal and parse error stay', () => {
    const mysqlDump = 'INSERT INTO `billing_invoices` VALUES (1);\nINSERT INTO `billing_invoices` VALUES (2);';
    expect(
      analyzeSql(mysqlDump, 'postgresql').statements.map((s) => [s.parse, s.dialectSignal, s.dialectMarkers.map((m) => m.feature)]),
    ).toEqual([
      ['partial', 'mysql', ['backtick identifier']],
      ['partial', 'mysql', ['backtick identifier']],
    ]);
    // E'…' is PostgreSQL: the scanner does not take it as a MySQL literal, the parser says where it fails.
    const pgRows = "INSERT INTO billing_invoices VALUES (1, E'x');\nINSERT INTO billing_invoices VALUES (2, E'y');";
    expect(analyzeSql(pgRows, 'mysql').statements.map((s) => [s.parse, s.parseError?.span.start])).toEqual([
      ['partial', at(pgRows, "E'x'").start],
      ['partial', at(pgRows, "E'y'").start],
    ]);
  });
});
