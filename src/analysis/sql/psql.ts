/**
 * psql variables in PostgreSQL scripts: `:name`, `:'name'` (substituted as a string literal) and
 * `:"name"` (as a quoted identifier). psql replaces them before the server sees the statement, so
 * libpg-query is asked about the statement with each variable standing in its own place: the colon
 * becomes a space, leaving an identifier, a string or a quoted identifier of the same length.
 */
import type { SqlTableRef } from '../facts.js';
import type { Token } from './tokenizer.js';

/**
 * The last token of a psql variable starting at `toks[i]` (`:name`, or `:'name'` / `:"name"` written against the colon),
 * or -1. A `:` of another kind (a slice `a[1:2]`, `:=`) is none. TokView.psqlVariableEnd reads a name with it.
 */
export function psqlVariableEnd(text: string, toks: readonly Token[], i: number): number {
  const t = toks[i];
  if (!t || text.charCodeAt(t.start) !== 58 /* : */) return -1;
  if (t.type === 'param') return t.end - t.start > 1 ? i : -1;
  if (t.type !== 'op' || t.end - t.start !== 1) return -1;
  const next = toks[i + 1];
  const quote = next ? text.charCodeAt(next.start) : 0;
  return next && next.start === t.end && (next.type === 'string' || next.type === 'quoted') && (quote === 39 || quote === 34) ? i + 1 : -1;
}

/** Offsets (absolute) of the colons that start psql variables among a statement's significant tokens: read once a statement. */
export function psqlVariableColons(text: string, sig: readonly Token[]): number[] {
  const colons: number[] = [];
  for (let i = 0; i < sig.length; i++) if (psqlVariableEnd(text, sig, i) >= 0) colons.push(sig[i].start);
  return colons;
}

/** `stmtText` (starting at absolute `base`) with its psql variables (at `colons`, psqlVariableColons) bound in place; undefined when it has none. */
export function bindPsqlVariables(stmtText: string, base: number, colons: readonly number[]): string | undefined {
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
export function withoutPsqlVariables(variableColons: readonly number[], refs: SqlTableRef[]): SqlTableRef[] {
  if (variableColons.length === 0) return refs;
  const colons = new Set(variableColons);
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
export function namesPsqlVariableTable(colons: readonly number[], parsed: ReadonlyArray<{ qualifier?: string; offset?: number }>): boolean {
  if (colons.length === 0) return false;
  const at = new Set(colons.map((c) => c + 1));
  return parsed.some((r) => r.qualifier === undefined && r.offset !== undefined && at.has(r.offset));
}
