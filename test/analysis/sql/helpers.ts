import { expect } from 'vitest';
import type { Dialect, SqlStatement, SqlTableRef, Span } from '../../../src/analysis/facts.js';
import { analyzeSql } from '../../../src/analysis/sql/index.js';

/** Span of the `nth` (0-based) occurrence of `needle` in `text`; throws when absent so tests fail loudly. */
export function at(text: string, needle: string, nth = 0): Span {
  let from = 0;
  for (let i = 0; ; i++) {
    const start = text.indexOf(needle, from);
    if (start < 0) throw new Error(`'${needle}' occurrence ${nth} not found`);
    if (i === nth) return { start, end: start + needle.length };
    from = start + 1;
  }
}

/** Span of `needle` searched after the first occurrence of `after`. */
export function atAfter(text: string, after: string, needle: string): Span {
  const base = text.indexOf(after);
  if (base < 0) throw new Error(`'${after}' not found`);
  const start = text.indexOf(needle, base);
  if (start < 0) throw new Error(`'${needle}' not found after '${after}'`);
  return { start, end: start + needle.length };
}

/** Refs as compact tuples: [action, qualifier.name, text at span]. */
export function refTuples(text: string, refs: SqlTableRef[]): Array<[string, string, string]> {
  return refs.map((r) => [r.action, r.qualifier ? `${r.qualifier}.${r.name}` : r.name, text.slice(r.span.start, r.span.end)]);
}

export function allRefs(statements: SqlStatement[]): SqlTableRef[] {
  return statements.flatMap((s) => s.tableRefs);
}

export function slice(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

/**
 * Analyses hostile `sql` and checks it came back whole: in under 5 s of this worker's CPU (pool: forks; not wall
 * time, which a loaded machine stretches, while a quadratic blow-up on 100,000 characters still fails), in the
 * dialect asked, every statement and table reference inside the text.
 */
export function expectAnalysedWithinBounds(sql: string, dialect: Dialect): void {
  const cpu0 = process.cpuUsage();
  const result = analyzeSql(sql, dialect);
  const cpu = process.cpuUsage(cpu0);
  expect((cpu.user + cpu.system) / 1000).toBeLessThan(5_000);
  expect(result.dialect).toBe(dialect);
  for (const st of result.statements) {
    expect(st.span.start).toBeGreaterThanOrEqual(0);
    expect(st.span.end).toBeLessThanOrEqual(sql.length);
    for (const r of st.tableRefs) expect(sql.slice(r.span.start, r.span.end)).toContain(r.name.slice(0, 1));
  }
}
