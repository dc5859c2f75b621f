/**
 * psql variables in PostgreSQL scripts: `:name`, `:'name'` (substituted as a string literal) and
 * `:"name"` (as a quoted identifier). psql replaces them before the server sees the statement, so
 * libpg-query is asked about the statement with each variable standing in its own place: the colon
 * becomes a space, leaving an identifier, a string or a quoted identifier of the same length.
 */
import type { SqlTableRef } from '../facts.js';
import type { Token } from './tokenizer.js';

/** Offsets (absolute) of the colons that start psql variables among `sig`. */
function variableColons(text: string, sig: readonly Token[]): number[] {
  const colons: number[] = [];
  sig.forEach((t, i) => {
    if (t.type === 'param' && text.charCodeAt(t.start) === 58 /* : */) colons.push(t.start);
    else if (t.type === 'op' && t.end - t.start === 1 && text.charCodeAt(t.start) === 58) {
      const next = sig[i + 1];
      const quote = next ? text.charCodeAt(next.start) : 0;
      if (next && next.start === t.end && (next.type === 'string' || next.type === 'quoted') && (quote === 39 || quote === 34))
        colons.push(t.start);
    }
  });
  return colons;
}

/** `stmtText` (starting at absolute `base`) with its psql variables bound in place; undefined when it has none. */
export function bindPsqlVariables(text: string, stmtText: string, base: number, sig: readonly Token[]): string | undefined {
  const colons = variableColons(text, sig);
  if (colons.length === 0) return undefined;
  let out = stmtText;
  for (const at of colons) out = `${out.slice(0, at - base)} ${out.slice(at - base + 1)}`;
  return out;
}

/** `refs` without the names that are psql variables (`FROM :"tbl"` names no table the linter can know). */
export function withoutPsqlVariables(text: string, sig: readonly Token[], refs: SqlTableRef[]): SqlTableRef[] {
  const colons = new Set(variableColons(text, sig).map((at) => at + 1));
  return colons.size === 0 ? refs : refs.filter((r) => !colons.has(r.span.start));
}
