/**
 * Table references of MySQL statements the general extractor (refs.ts) does not read, because
 * they name tables outside any FROM / INTO / JOIN: table maintenance (`CHECKSUM TABLE a, b`,
 * `ANALYZE TABLE`, `OPTIMIZE`, `REPAIR`, `CHECK`), `FLUSH TABLES a, b`, `HANDLER t …`,
 * `ALTER TABLE t EXCHANGE PARTITION p WITH TABLE u` and `INSERT INTO t (…) TABLE u`.
 * node-sql-parser reads none of them, so without this their tables would be lost.
 */
import type { SqlTableRef, TableAction } from '../facts.js';
import type { TokView } from './tokview.js';

const MAINTENANCE = new Set(['CHECKSUM', 'ANALYZE', 'OPTIMIZE', 'REPAIR', 'CHECK']);

export function mysqlOnlyRefs(v: TokView): SqlTableRef[] {
  const refs: SqlTableRef[] = [];
  const add = (i: number, action: TableAction): number => {
    const r = v.readName(i, false);
    if (!r) return -1;
    if (!r.hole) refs.push({ name: r.name, ...(r.qualifier !== undefined ? { qualifier: r.qualifier } : {}), action, span: r.span });
    return r.next;
  };
  const list = (i: number, action: TableAction): void => {
    for (let j = i; j >= 0 && j < v.length;) {
      const next = add(j, action);
      if (next < 0 || v.key(next) !== ',') return;
      j = next + 1;
    }
  };
  const head = v.key(0);
  if (MAINTENANCE.has(head)) {
    let i = 1;
    if (v.key(i) === 'NO_WRITE_TO_BINLOG' || v.key(i) === 'LOCAL') i++;
    if (v.key(i) === 'TABLE' || v.key(i) === 'TABLES') list(i + 1, 'other');
  } else if (head === 'FLUSH') {
    let i = 1;
    if (v.key(i) === 'NO_WRITE_TO_BINLOG' || v.key(i) === 'LOCAL') i++;
    if ((v.key(i) === 'TABLES' || v.key(i) === 'TABLE') && v.key(i + 1) !== 'WITH' && v.key(i + 1) !== 'FOR') list(i + 1, 'other');
  } else if (head === 'HANDLER') {
    add(1, 'select');
  }
  for (let i = 0; i < v.length; i++) {
    if (v.key(i) === 'EXCHANGE' && v.key(i + 1) === 'PARTITION') {
      // … WITH TABLE u: the partition's rows and u's change places.
      for (let j = i + 2; j < v.length - 1; j++) if (v.key(j) === 'WITH' && v.key(j + 1) === 'TABLE') add(j + 2, 'alter');
    } else if (head === 'INSERT' || head === 'REPLACE') {
      if (v.key(i) === 'TABLE' && (v.key(i - 1) === ')' || v.isIdent(i - 1)) && i > 2) add(i + 1, 'select');
    }
  }
  return refs;
}

/**
 * `refs` without the index names of index hints (`USE INDEX FOR JOIN (idx_a)` reads like a join
 * to a table `idx_a` to the general extractor).
 */
export function withoutIndexHintNames(v: TokView, refs: SqlTableRef[]): SqlTableRef[] {
  const hints: Array<[number, number]> = [];
  for (let i = 0; i < v.length; i++) {
    const verb = v.key(i);
    if ((verb !== 'USE' && verb !== 'FORCE' && verb !== 'IGNORE') || (v.key(i + 1) !== 'INDEX' && v.key(i + 1) !== 'KEY')) continue;
    let j = i + 2;
    if (v.key(j) === 'FOR') j += v.key(j + 1) === 'JOIN' ? 2 : 3;
    if (v.key(j) !== '(') continue;
    hints.push([v.toks[j].start, v.toks[v.matchParen(j)].end]);
  }
  return hints.length === 0 ? refs : refs.filter((r) => !hints.some(([s, e]) => s <= r.span.start && r.span.end <= e));
}
