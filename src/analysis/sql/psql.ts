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

/**
 * `refs` without the names that are psql variables (`FROM :"tbl"` names no table the linter can know); a variable
 * as the schema (`:SCHEMA.jobs`) leaves the table, in a schema not known here, at the name as written from the colon
 * (as TokView.readName reads it). A name read both ways is kept once.
 */
export function withoutPsqlVariables(text: string, sig: readonly Token[], refs: SqlTableRef[]): SqlTableRef[] {
  const colons = new Set(variableColons(text, sig));
  if (colons.size === 0) return refs;
  const out: SqlTableRef[] = [];
  const seen = new Set<string>();
  for (const r of refs) {
    let ref = r;
    if (colons.has(r.span.start - 1)) {
      if (r.qualifier === undefined) continue;
      const { qualifier: _schema, ...bare } = r;
      ref = { ...bare, span: { start: r.span.start - 1, end: r.span.end } };
    }
    const key = `${ref.span.start}:${ref.span.end}:${ref.name}:${ref.action}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(ref);
  }
  return out;
}

/** Whether a table the parser read (at `offset`, bound as psql sends it) is a psql variable itself (`FROM :"tbl"`, `INSERT INTO :target`). */
export function namesPsqlVariableTable(
  text: string,
  sig: readonly Token[],
  parsed: ReadonlyArray<{ qualifier?: string; offset?: number }>,
): boolean {
  const colons = variableColons(text, sig);
  if (colons.length === 0) return false;
  const at = new Set(colons.map((c) => c + 1));
  return parsed.some((r) => r.qualifier === undefined && r.offset !== undefined && at.has(r.offset));
}
