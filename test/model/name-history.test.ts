/** The renames and drops a statement makes, as the naming rules replay them from later migrations. */
import { describe, expect, it } from 'vitest';
import { nameChanges } from '../../src/model/name-history.js';

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
    ['ALTER TABLE IF EXISTS t RENAME TO u', 'postgresql', [{ object: 'table', table: 't', to: 'u' }]],
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
    [
      'DROP TABLE IF EXISTS a, s.b',
      'postgresql',
      [
        { object: 'table', table: 'a' },
        { object: 'table', table: 'b' },
      ],
    ],
    [
      'RENAME TABLE a TO b, c TO d',
      'mysql',
      [
        { object: 'table', table: 'a', to: 'b' },
        { object: 'table', table: 'c', to: 'd' },
      ],
    ],
    ['ALTER TABLE t ADD COLUMN a INT, ALTER COLUMN b SET DEFAULT 1', 'mysql', []],
    ['SELECT 1 /* DROP TABLE t */', 'mysql', []],
  ] as const)('%s (%s)', (sql, dialect, expected) => {
    expect(nameChanges(sql, dialect).map((change) => ('toSpan' in change ? (({ toSpan: _, ...rest }) => rest)(change) : change))).toEqual(
      expected,
    );
  });

  it('the span of an index or constraint rename’s new name, in the statement text', () => {
    const sql = 'ALTER TABLE t RENAME INDEX a TO idx_t_b';
    const spanOf = (change: ReturnType<typeof nameChanges>[number]) => ('toSpan' in change ? change.toSpan : undefined);
    const span = spanOf(nameChanges(sql, 'mysql')[0])!;
    expect(sql.slice(span.start, span.end)).toBe('idx_t_b');
    const pg = 'ALTER INDEX a RENAME TO "IDX_b"';
    const pgSpan = spanOf(nameChanges(pg, 'postgresql')[0])!;
    expect(pg.slice(pgSpan.start, pgSpan.end)).toBe('"IDX_b"');
  });
});
