/**
 * The renames and drops a statement makes, as the DDL facts keep them for the model's name history:
 * columns, indexes and constraints in `nameChanges`, tables in `renamedTo` and `drop` references.
 */
import { describe, expect, it } from 'vitest';
import type { SqlStatement } from '../../../src/analysis/facts.js';
import { analyzeSql, initSqlParsers } from '../../../src/analysis/sql/index.js';
import { slice } from './helpers.js';

await initSqlParsers();

/** The statement's changes without positions: what the name history replays. */
function changes(st: SqlStatement) {
  return (st.nameChanges ?? []).map(({ span: _span, toSpan: _toSpan, ...change }) => change);
}

function tableChanges(st: SqlStatement) {
  return [
    ...st.tables.flatMap((t) => (t.renamedTo ? [{ table: t.name, to: t.renamedTo.name }] : [])),
    ...st.tableRefs.filter((r) => r.action === 'drop').map((r) => ({ table: r.name })),
  ];
}

describe('nameChanges', () => {
  it.each([
    ['ALTER TABLE t RENAME COLUMN a TO b', 'mysql', [{ object: 'column', table: 't', name: 'a', to: 'b' }]],
    ['ALTER TABLE ONLY s.t RENAME "A" TO b', 'postgresql', [{ object: 'column', table: 't', name: 'A', to: 'b' }]],
    [
      'ALTER TABLE t RENAME INDEX a TO b, RENAME KEY c TO d',
      'mysql',
      [
        { object: 'index', table: 't', name: 'a', to: 'b' },
        { object: 'index', table: 't', name: 'c', to: 'd' },
      ],
    ],
    ['ALTER TABLE t RENAME CONSTRAINT a TO b', 'postgresql', [{ object: 'constraint', table: 't', name: 'a', to: 'b' }]],
    ['ALTER TABLE t CHANGE COLUMN a b INT NOT NULL, CHANGE c c TEXT', 'mysql', [{ object: 'column', table: 't', name: 'a', to: 'b' }]],
    [
      'ALTER TABLE t DROP COLUMN IF EXISTS a, DROP b, DROP INDEX i, DROP FOREIGN KEY f, DROP PRIMARY KEY',
      'mysql',
      [
        { object: 'column', table: 't', name: 'a' },
        { object: 'column', table: 't', name: 'b' },
        { object: 'index', table: 't', name: 'i' },
        { object: 'constraint', table: 't', name: 'f' },
      ],
    ],
    [
      'ALTER TABLE t DROP CONSTRAINT c',
      'postgresql',
      [
        { object: 'constraint', table: 't', name: 'c' },
        { object: 'index', table: 't', name: 'c' },
      ],
    ],
    ['ALTER INDEX IF EXISTS s.a RENAME TO b', 'postgresql', [{ object: 'index', name: 'a', to: 'b' }]],
    [
      'DROP INDEX CONCURRENTLY IF EXISTS a, b',
      'postgresql',
      [
        { object: 'index', name: 'a' },
        { object: 'index', name: 'b' },
      ],
    ],
    ['DROP INDEX a ON t', 'mysql', [{ object: 'index', table: 't', name: 'a' }]],
    ['ALTER TABLE t ADD COLUMN a INT, ALTER COLUMN b SET DEFAULT 1', 'mysql', []],
    ['SELECT 1 /* DROP TABLE t */', 'mysql', []],
  ] as const)('%s (%s)', (sql, dialect, expected) => {
    const [st] = analyzeSql(sql, dialect).statements;
    expect(changes(st)).toEqual(expected);
    // Absent rather than empty, as every optional statement fact.
    if (expected.length === 0) expect(st).not.toHaveProperty('nameChanges');
  });

  it.each([
    ['ALTER TABLE IF EXISTS t RENAME TO u', 'postgresql', [{ table: 't', to: 'u' }]],
    [
      'RENAME TABLE a TO b, c TO d',
      'mysql',
      [
        { table: 'a', to: 'b' },
        { table: 'c', to: 'd' },
      ],
    ],
    ['DROP TABLE IF EXISTS a, s.b', 'postgresql', [{ table: 'a' }, { table: 'b' }]],
  ] as const)('tables: %s (%s) are DDL facts, not name changes', (sql, dialect, expected) => {
    const [st] = analyzeSql(sql, dialect).statements;
    expect(changes(st)).toEqual([]);
    expect(tableChanges(st)).toEqual(expected);
  });

  it('spans are in the analysed text: the old name, and a rename’s new name', () => {
    const sql = 'SELECT 1;\nALTER TABLE t RENAME INDEX a TO idx_t_b, DROP COLUMN c;';
    const st = analyzeSql(sql, 'mysql').statements[1];
    const [rename, drop] = st.nameChanges!;
    expect([slice(sql, rename.span), slice(sql, rename.toSpan!)]).toEqual(['a', 'idx_t_b']);
    expect([slice(sql, drop.span), drop.toSpan]).toEqual(['c', undefined]);
    const pg = 'ALTER INDEX s.a RENAME TO "IDX_b"';
    const [pgRename] = analyzeSql(pg, 'postgresql').statements[0].nameChanges!;
    expect([slice(pg, pgRename.span), slice(pg, pgRename.toSpan!)]).toEqual(['a', '"IDX_b"']);
  });
});
