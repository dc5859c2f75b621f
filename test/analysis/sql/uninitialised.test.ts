import { describe, expect, it, vi } from 'vitest';

// Runs after every other file of its worker (vitest.config.ts): it takes fresh copies of src/ here.
vi.resetModules();
const { analyzeSql, initSqlParsers } = await import('../../../src/analysis/sql/index.js');

// Its modules are fresh (above), so initSqlParsers() has not run here yet.
describe('PostgreSQL before initSqlParsers()', () => {
  const sql = 'SELECT * FROM clinical.patients p JOIN visits v ON v.patient_id = p.id';

  it('falls back to the tolerant extractor without throwing, and does not cache the degraded result', async () => {
    const before = analyzeSql(sql, 'postgresql');
    expect(before.statements[0]).toMatchObject({ kind: 'select', parse: 'partial' });
    // Nothing was rejected: no parse error to report.
    expect(before.statements[0].parseError).toBeUndefined();
    expect(before.statements[0].tableRefs.map((r) => r.name)).toEqual(['patients', 'visits']);

    await initSqlParsers();
    const after = analyzeSql(sql, 'postgresql');
    expect(after).not.toBe(before);
    expect(after.statements[0].parse).toBe('full');
    expect(after.statements[0].tableRefs).toEqual(before.statements[0].tableRefs);
  });
});
