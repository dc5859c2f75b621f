/**
 * Issue 13 row 10, "no bound on total work": seven SQL dumps of 100k INSERTs (46 MB) took more than
 * 120 s and 2.5 GiB, one 46 MB dump 28 s and 940 MB. Bulk INSERTs of literal rows are now
 * token-scanned (src/analysis/sql/bulk.ts): the 46 MB dump lints in a child process whose V8 heap
 * is capped at 384 MiB (the old code needed gigabytes) and that is killed after 90 s of wall
 * clock (it needed minutes of CPU), and the statement planted after its 700,000 rows is found.
 */
import { describe, expect, it } from 'vitest';
import { cliChild, expectNormalFinding, jsonDiagnostics, makeRepo } from '../robustness/helpers.js';

const DUMP_FILE = 'services/billing/db/seed/dump.sql';
/** A cross-service INSERT after the rows: proof the dump was analysed to its end. */
const PLANTED = "INSERT INTO payments (id, invoice_id) VALUES ('p1', 'i1');";

/** `mysqldump --skip-extended-insert` (or `pg_dump --inserts`): one INSERT per row. */
function dump(rows: number): string {
  const lines = ['-- mysqldump of billing_invoices', 'SET NAMES utf8mb4;', 'LOCK TABLES billing_invoices WRITE;'];
  for (let i = 1; i <= rows; i++)
    lines.push(`INSERT INTO billing_invoices VALUES (${i},${(i * 7919) % 100000},${i % 997}.${i % 100},'n${i}');`);
  lines.push('UNLOCK TABLES;', PLANTED, '');
  return lines.join('\n');
}

describe('row 10: a SQL dump lints in linear time and bounded memory', () => {
  it('a 46 MB dump of 700,000 INSERTs: under a 384 MiB heap and 90 s, the INSERT after the rows and the sibling finding reported', () => {
    const text = dump(700_000);
    expect(text.length).toBeGreaterThan(46_000_000);
    const root = makeRepo({ files: { [DUMP_FILE]: text } });
    const outcome = cliChild(['--cwd', root, '--format', 'json'], 90_000, ['--max-old-space-size=384']);
    expect(outcome.timedOut, `killed after ${Math.round(outcome.ms)} ms`).toBe(false);
    expect(outcome.code, outcome.stderr.slice(0, 2000)).toBe(1);
    const diagnostics = jsonDiagnostics(outcome.stdout);
    expectNormalFinding(diagnostics);
    const plantedLine = text.split('\n').indexOf(PLANTED) + 1;
    // The fixture's billing service has no migrations folder: that finding is about the layout, not the dump.
    expect(
      diagnostics.filter((d) => d.file === DUMP_FILE && d.ruleId !== 'service-without-migrations').map((d) => [d.ruleId, d.line, d.column]),
    ).toEqual([['no-cross-service-query', plantedLine, 'INSERT INTO '.length + 1]]);
  }, 150_000);
});
