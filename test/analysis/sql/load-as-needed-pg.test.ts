/** A PostgreSQL text loads libpg-query before any analysis (fresh module registry: unloaded at first). */
import { describe, expect, it, vi } from 'vitest';
import type { SqlAnalysis } from '../../../src/analysis/facts.js';

// Runs after every other file of its worker (vitest.config.ts): it takes fresh copies of src/ here.
vi.resetModules();
const { deferredSqlAnalyser } = await import('../../../src/analysis/sql-analyser.js');
const { analyzeSql, clearSqlCache, initSqlParsers } = await import('../../../src/analysis/sql/index.js');

const POSTGRESQL = 'INSERT INTO invoices (id, total) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET total = EXCLUDED.total RETURNING id';

describe('a PostgreSQL text', () => {
  it('is analysed with libpg-query loaded, as when it was loaded from the start', async () => {
    const sql = deferredSqlAnalyser();
    let lazy: SqlAnalysis | undefined;
    sql.analyze(POSTGRESQL, 'postgresql', (analysis) => (lazy = analysis));
    await sql.settle();
    expect(lazy!.statements[0]).toMatchObject({ kind: 'insert', parse: 'full' });
    clearSqlCache();
    await initSqlParsers();
    expect(lazy).toEqual(analyzeSql(POSTGRESQL, 'postgresql'));
  });
});
