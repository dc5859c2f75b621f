import { describe, expect, it } from 'vitest';
import type { FileFacts } from '../../src/analysis/facts.js';
import { isQueryFile } from '../../src/model/query-files.js';

/** A SQL file's facts whose statements count how often they are read. */
function sqlFile(filePath: string, statements: { kind: string; tableRefs: { action: string }[] }[]) {
  const reads = { count: 0 };
  const file = {
    path: filePath,
    sql: {
      get statements() {
        reads.count += 1;
        return statements;
      },
    },
  } as unknown as FileFacts;
  return { file, reads };
}

describe('isQueryFile', () => {
  it('a file that declares nothing and reads rows is a query file; one that declares, or tooling, is not', () => {
    expect(isQueryFile(sqlFile('reports/open-invoices.sql', [{ kind: 'select', tableRefs: [{ action: 'select' }] }]).file)).toBe(true);
    const declaring = [
      { kind: 'create_table', tableRefs: [{ action: 'create' }] },
      { kind: 'select', tableRefs: [{ action: 'select' }] },
    ];
    expect(isQueryFile(sqlFile('database/schema.sql', declaring).file)).toBe(false);
    expect(isQueryFile(sqlFile('seeds/open-invoices.sql', [{ kind: 'select', tableRefs: [{ action: 'select' }] }]).file)).toBe(false);
    expect(isQueryFile(sqlFile('reports/load.sql', [{ kind: 'insert', tableRefs: [{ action: 'insert' }] }]).file)).toBe(false);
  });

  it('judges a file once however many of its references ask (a large SQL file outside every service was quadratic)', () => {
    const statements = Array.from({ length: 1000 }, () => ({ kind: 'select', tableRefs: [{ action: 'select' }] }));
    const { file, reads } = sqlFile('reports/all.sql', statements);
    for (let i = 0; i < 1000; i++) expect(isQueryFile(file)).toBe(true);
    expect(reads.count).toBe(1);
  });
});
