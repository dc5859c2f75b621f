/**
 * The stored procedures a statement calls: `CALL p(…)` (MySQL, PostgreSQL 11+), standing as a statement of its
 * own or inside a MySQL routine's `BEGIN … END` body. A PostgreSQL body is a string (`AS $$ … $$`) and is not
 * read here. Function calls inside expressions (`SELECT fn_x(…)`) are not read: a call there cannot be told from
 * a built-in function's by its tokens, and every expression of every statement would become a fact.
 */
import type { Span } from '../facts.js';
import type { TokView } from './tokview.js';

/** Where a statement of its own may start: the text's start, a separator, a routine's block or loop keyword. */
const STATEMENT_STARTERS = new Set(['', ';', 'BEGIN', 'THEN', 'ELSE', 'DO', 'LOOP', 'REPEAT']);

export interface RoutineCall {
  name: string;
  qualifier?: string;
  span: Span;
}

export function routineCalls(v: TokView): RoutineCall[] {
  const out: RoutineCall[] = [];
  for (let i = 0; i < v.length; i++) {
    if (v.key(i) !== 'CALL') continue;
    const prev = i === 0 ? '' : v.key(i - 1);
    // A trigger's body may be one statement: `FOR EACH ROW CALL p()`.
    if (!STATEMENT_STARTERS.has(prev) && !(prev === 'ROW' && v.key(i - 2) === 'EACH')) continue;
    const r = v.readName(i + 1);
    if (!r || r.hole) continue;
    const after = v.key(r.next);
    if (after !== '(' && after !== ';' && after !== '') continue;
    out.push(r.qualifier !== undefined ? { name: r.name, qualifier: r.qualifier, span: r.span } : { name: r.name, span: r.span });
  }
  return out;
}
