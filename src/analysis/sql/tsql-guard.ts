/**
 * SQL Server scripts guard their DDL with a condition instead of `IF NOT EXISTS` in the statement:
 * `IF NOT EXISTS (SELECT * FROM sys.objects WHERE …) BEGIN CREATE TABLE … END` or
 * `IF OBJECT_ID(N'dbo.t', N'U') IS NULL CREATE TABLE …` (SSMS "Generate Scripts", EF Core idempotent
 * scripts). The guarded statement runs with the script, so it declares what it would unguarded.
 */
import { TokView } from './tokview.js';

const DDL_VERBS = new Set(['CREATE', 'ALTER', 'DROP']);

/**
 * The DDL statement an `IF <condition> [BEGIN] … [END]` runs, as a view on its tokens (offsets kept);
 * undefined when the statement is no such guard. The condition ends at the first BEGIN or DDL verb
 * outside parentheses.
 */
export function guardedDdl(v: TokView): TokView | undefined {
  if (v.key(0) !== 'IF') return undefined;
  let depth = 0;
  for (let i = 1; i < v.length; i++) {
    const k = v.key(i);
    if (k === '(') depth++;
    else if (k === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (k === 'BEGIN' || DDL_VERBS.has(k))) {
      const start = k === 'BEGIN' ? i + 1 : i;
      if (!DDL_VERBS.has(v.key(start))) return undefined;
      const end = v.key(v.length - 1) === 'END' ? v.length - 1 : v.length;
      return new TokView(v.text, v.toks.slice(start, end));
    }
  }
  return undefined;
}
