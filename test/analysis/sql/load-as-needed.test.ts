/**
 * libpg-query loads only when the SQL needs it, with the very analyses of a run that loaded it
 * first. Its own file: each test file has a fresh module registry, so the parser starts unloaded.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Dialect, SqlAnalysis } from '../../../src/analysis/facts.js';

// Runs after every other file of its worker (vitest.config.ts): it takes fresh copies of src/ here.
vi.resetModules();
const { deferredSqlAnalyser } = await import('../../../src/analysis/sql-analyser.js');
const { analyzeSql, analyzeSqlIfLoaded, clearSqlCache, initSqlParsers } = await import('../../../src/analysis/sql/index.js');
const { pgReady, takeMissedPg } = await import('../../../src/analysis/sql/pg.js');

const MYSQL = "SELECT id, total FROM invoices WHERE status = 'open' ORDER BY id LIMIT 10";
/** MySQL rejects it, and it holds PostgreSQL syntax: its analysis asks libpg-query whether it is PostgreSQL. */
const MYSQL_WITH_PG_SYNTAX = 'SELECT id::text, total FROM invoices WHERE id = $1';
const POSTGRESQL = 'INSERT INTO invoices (id, total) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET total = EXCLUDED.total RETURNING id';

function pgLoaded(): boolean {
  const loaded = pgReady();
  takeMissedPg(); // asking is not an analysis that missed it
  return loaded;
}

async function settle(requests: Array<[string, Dialect]>): Promise<SqlAnalysis[]> {
  const sql = deferredSqlAnalyser();
  const out: SqlAnalysis[] = [];
  requests.forEach(([text, dialect], i) => sql.analyze(text, dialect, (analysis) => (out[i] = analysis)));
  expect(out).toEqual([]); // nothing before settle(): the parsers it needs are not known yet
  await sql.settle();
  return out;
}

describe('loading libpg-query only when SQL needs it', () => {
  it('MySQL without PostgreSQL syntax is analysed without it; with it, it is loaded and the analyses are the full ones', async () => {
    expect(pgLoaded()).toBe(false);
    const [plain] = await settle([[MYSQL, 'mysql']]);
    expect(pgLoaded()).toBe(false);
    expect(plain.statements[0]).toMatchObject({ kind: 'select', parse: 'full' });

    expect(analyzeSqlIfLoaded(MYSQL_WITH_PG_SYNTAX, 'mysql')).toBeUndefined();
    expect(analyzeSqlIfLoaded(POSTGRESQL, 'postgresql')).toBeUndefined();
    const lazy = await settle([
      [MYSQL, 'mysql'],
      [MYSQL_WITH_PG_SYNTAX, 'mysql'],
    ]);
    expect(pgLoaded()).toBe(true);
    // Only the statement libpg-query accepted can carry this signal: proof it was consulted.
    expect(lazy[1].statements[0].dialectSignal).toBe('postgresql');

    clearSqlCache();
    await initSqlParsers();
    expect(lazy).toEqual([analyzeSql(MYSQL, 'mysql'), analyzeSql(MYSQL_WITH_PG_SYNTAX, 'mysql')]);
    expect(analyzeSqlIfLoaded(POSTGRESQL, 'postgresql')).toEqual(analyzeSql(POSTGRESQL, 'postgresql'));
  });
});
