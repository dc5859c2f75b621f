/**
 * MySQL's multi-table UPDATE names several tables before its SET (`UPDATE orders o, order_items i
 * SET o.total = i.sum …`, `UPDATE orders o JOIN customers c ON … SET c.last_order = o.id`): only
 * the tables its assignments target are written; the others are read. The token scan reads every
 * table of a comma list as updated and every joined one as read, whatever the SET says.
 */
import type { SqlTableRef } from '../facts.js';
import type { TokView } from './tokview.js';

/** Words after a table that start the next item or clause rather than naming an alias. */
const NOT_AN_ALIAS = new Set([
  'SET',
  'JOIN',
  'INNER',
  'LEFT',
  'RIGHT',
  'CROSS',
  'NATURAL',
  'STRAIGHT_JOIN',
  'OUTER',
  'ON',
  'USING',
  'USE',
  'FORCE',
  'IGNORE',
  'PARTITION',
  'WHERE',
]);
const SET_ENDERS = new Set(['WHERE', 'ORDER', 'LIMIT', 'RETURNING', ';']);

/**
 * `refs` (of a statement whose first word is UPDATE) with the tables between UPDATE and its SET
 * charged as the SET says: those an assignment's qualifier names (by alias or name) are updated,
 * the others read. Unchanged when the list holds one table, or when an assignment names no
 * table or one the list does not hold: MySQL then picks the table by column, which the text does not show.
 */
export function chargeUpdateTargets(v: TokView, refs: SqlTableRef[]): SqlTableRef[] {
  if (v.key(0) !== 'UPDATE') return refs;
  const set = topLevelIndex(v, 1, (k) => k === 'SET');
  if (set < 0) return refs;
  const setStart = v.toks[set].start;
  const listed = refs.filter((r) => r.span.end <= setStart && (r.action === 'update' || r.action === 'select'));
  if (listed.length < 2) return refs;
  const names = new Map<string, SqlTableRef[]>();
  const name = (key: string, ref: SqlTableRef) => {
    const k = key.toLowerCase();
    names.set(k, [...(names.get(k) ?? []), ref]);
  };
  for (const ref of listed) {
    const after = tokenAt(v, ref.span.end);
    const aliasAt = v.key(after) === 'AS' ? after + 1 : after;
    if (after >= 0 && v.isIdent(aliasAt) && !NOT_AN_ALIAS.has(v.key(aliasAt)) && v.key(aliasAt + 1) !== '.') name(v.ident(aliasAt), ref);
    else name(ref.name, ref);
  }
  const targets = new Set<SqlTableRef>();
  const end = topLevelIndex(v, set + 1, (k) => SET_ENDERS.has(k));
  for (const [from, to] of v.splitTopLevel(set + 1, end < 0 ? v.length : end)) {
    // `o.total = …` / `db.orders.total = …`: the part before the column names the table.
    let eq = from;
    while (eq < to && v.key(eq) !== '=') eq++;
    if (eq - from < 3 || v.key(eq - 2) !== '.') return refs;
    const table = names.get(v.ident(eq - 3).toLowerCase());
    if (!table || table.length !== 1) return refs;
    targets.add(table[0]);
  }
  if (targets.size === 0) return refs;
  return refs.map((ref) => {
    if (!listed.includes(ref)) return ref;
    const action = targets.has(ref) ? 'update' : 'select';
    return ref.action === action ? ref : { ...ref, action };
  });
}

/** Index of the first token from `from` at parenthesis depth 0 whose key `test` accepts, or -1. */
function topLevelIndex(v: TokView, from: number, test: (key: string) => boolean): number {
  let depth = 0;
  for (let i = from; i < v.length; i++) {
    const k = v.key(i);
    if (k === '(') depth++;
    else if (k === ')') depth--;
    else if (depth === 0 && test(k)) return i;
  }
  return -1;
}

/** Index of the first token starting at or after `offset`, or -1. */
function tokenAt(v: TokView, offset: number): number {
  let lo = 0;
  let hi = v.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v.toks[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < v.length ? lo : -1;
}
