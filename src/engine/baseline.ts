/**
 * Bulk suppressions ("baseline"), after ESLint's `eslint-suppressions.json`, but keyed by
 * each finding's fingerprint instead of a count per rule and file: a baselined finding that
 * moves 30 lines down stays suppressed, while a new violation of the same rule in the same
 * file is reported.
 *
 * Pure: src/bulk-suppressions.ts reads and writes the file, lint() applies it.
 */
import { z } from 'zod';
import { JsoncSyntaxError, parseJson } from '../config/jsonc.js';
import type { Diagnostic } from './types.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  rule: string;
  /** Repo-relative posix path. */
  file: string;
  /** The diagnostic's fingerprint: rule + file + normalised text + occurrence. */
  fingerprint: string;
  /** Where the finding was when it was suppressed; a hint for readers, never matched on. */
  line: number;
  /** The message when it was suppressed; a hint for readers, never matched on. */
  message: string;
}

const entrySchema = z.object({
  rule: z.string().min(1),
  file: z.string().min(1),
  fingerprint: z.string().min(1),
  line: z.number().int().optional(),
  message: z.string().optional(),
});

const fileSchema = z.object({
  version: z.literal(BASELINE_VERSION),
  suppressions: z.array(entrySchema),
});

/** A suppressions file that cannot be read or has the wrong shape; the CLI exits 2. */
export class BaselineError extends Error {
  override name = 'BaselineError';
}

/** The entries of a suppressions file's text; `file` names it in errors. */
export function parseBaseline(text: string, file: string): BaselineEntry[] {
  let value: unknown;
  try {
    value = parseJson(text);
  } catch (error) {
    if (!(error instanceof JsoncSyntaxError)) throw error;
    throw new BaselineError(`${file}:${error.line}:${error.column}: not valid JSON: ${error.message}`);
  }
  const parsed = fileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BaselineError(`${file}: not a nilecare-lint suppressions file (${issue.path.join('.') || '(root)'}: ${issue.message})`);
  }
  return parsed.data.suppressions.map((entry) => ({ ...entry, line: entry.line ?? 0, message: entry.message ?? '' }));
}

/**
 * Stable, reviewable JSON: entries sorted by rule, file, fingerprint, one per line, so a
 * change to the baseline reads as a diff of whole findings and merges cleanly.
 */
export function serializeBaseline(entries: readonly BaselineEntry[]): string {
  const sorted = [...entries].sort(compareEntries);
  const lines = sorted.map(
    (e) => `    ${JSON.stringify({ rule: e.rule, file: e.file, fingerprint: e.fingerprint, line: e.line, message: e.message })}`,
  );
  const body = lines.length > 0 ? `[\n${lines.join(',\n')}\n  ]` : '[]';
  return `{\n  "version": ${BASELINE_VERSION},\n  "suppressions": ${body}\n}\n`;
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return cmp(a.rule, b.rule) || cmp(a.file, b.file) || cmp(a.fingerprint, b.fingerprint);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const keyOf = (e: { rule: string; file: string; fingerprint: string }) => `${e.rule}\0${e.file}\0${e.fingerprint}`;

/** Findings no baseline may hold: problems with directives are about suppressing itself. */
export type Baselinable = (diagnostic: Diagnostic) => boolean;

/** Entries for the unsuppressed findings of a run, optionally only for some rules. */
export function entriesFor(diagnostics: readonly Diagnostic[], baselinable: Baselinable, rules?: ReadonlySet<string>): BaselineEntry[] {
  return diagnostics
    .filter((d) => !d.suppressed && baselinable(d) && (!rules || rules.has(d.ruleId)))
    .map((d) => ({ rule: d.ruleId, file: d.file, fingerprint: d.fingerprint, line: d.line, message: d.message }));
}

/** Union by fingerprint; for entries in both, the newer hints (line, message) win. */
export function mergeEntries(existing: readonly BaselineEntry[], added: readonly BaselineEntry[]): BaselineEntry[] {
  const merged = new Map(existing.map((e) => [keyOf(e), e]));
  for (const entry of added) merged.set(keyOf(entry), entry);
  return [...merged.values()].sort(compareEntries);
}

export interface BaselineOutcome {
  diagnostics: Diagnostic[];
  /** Entries that matched a finding, with hints refreshed to where the finding is now. */
  matched: BaselineEntry[];
  /** Entries in scope that matched nothing: the finding was fixed, or its text changed. */
  unmatched: BaselineEntry[];
}

/**
 * Marks findings whose fingerprint is in the baseline `suppressed: { kind: 'baseline' }`.
 * Findings already suppressed in source are left alone. `inScope` says which entries this
 * run could have matched (a run over some files cannot judge entries of the others).
 */
export function applyBaseline(
  diagnostics: readonly Diagnostic[],
  entries: readonly BaselineEntry[],
  baselinable: Baselinable,
  inScope: (entry: BaselineEntry) => boolean,
): BaselineOutcome {
  const byKey = new Map(entries.map((e) => [keyOf(e), e]));
  const matchedKeys = new Set<string>();
  const matched: BaselineEntry[] = [];
  const out = diagnostics.map((d) => {
    if (d.suppressed || !baselinable(d)) return d;
    const key = keyOf({ rule: d.ruleId, file: d.file, fingerprint: d.fingerprint });
    if (!byKey.has(key) || matchedKeys.has(key)) return d;
    matchedKeys.add(key);
    matched.push({ rule: d.ruleId, file: d.file, fingerprint: d.fingerprint, line: d.line, message: d.message });
    return { ...d, suppressed: { kind: 'baseline' as const } };
  });
  const unmatched = entries.filter((e) => !matchedKeys.has(keyOf(e)) && inScope(e));
  return { diagnostics: out, matched, unmatched };
}

/** The baseline without the given entries. */
export function pruneEntries(entries: readonly BaselineEntry[], remove: readonly BaselineEntry[]): BaselineEntry[] {
  const removed = new Set(remove.map(keyOf));
  return entries.filter((e) => !removed.has(keyOf(e)));
}

/** Refreshes the line and message hints of entries that matched this run. */
export function refreshHints(entries: readonly BaselineEntry[], matched: readonly BaselineEntry[]): BaselineEntry[] {
  const fresh = new Map(matched.map((e) => [keyOf(e), e]));
  return entries.map((e) => fresh.get(keyOf(e)) ?? e);
}

export interface BulkSuppressionOptions {
  /** `--suppress-all`: add every unsuppressed finding. */
  suppressAll?: boolean;
  /** `--suppress-rule`: add the unsuppressed findings of these rules. */
  suppressRules?: readonly string[];
  /** `--prune-suppressions`: drop entries in scope that matched nothing. */
  prune?: boolean;
  /** Which entries this run could have matched. */
  inScope: (entry: BaselineEntry) => boolean;
  baselinable: Baselinable;
}

export interface BulkSuppressionPlan {
  diagnostics: Diagnostic[];
  /** Entries in scope that matched nothing and were not pruned. */
  unmatched: BaselineEntry[];
  /** The file's new entries, when the options asked to change it. */
  write?: { entries: BaselineEntry[]; added: number; removed: number };
  /** Whether a suppressions file was in effect. */
  active: boolean;
}

/**
 * The `--suppress-*` / `--prune-suppressions` flow, as in ESLint: add the requested findings,
 * apply the entries (`existing`: the file's, undefined when there is none), drop unmatched
 * entries when pruning, and say what to write when anything was asked to change.
 */
export function planBulkSuppressions(
  diagnostics: readonly Diagnostic[],
  existing: readonly BaselineEntry[] | undefined,
  options: BulkSuppressionOptions,
): BulkSuppressionPlan {
  const writing = Boolean(options.suppressAll || (options.suppressRules && options.suppressRules.length > 0) || options.prune);
  if (!existing && !writing) return { diagnostics: [...diagnostics], unmatched: [], active: false };

  let entries = [...(existing ?? [])];
  let added = 0;
  if (options.suppressAll || (options.suppressRules && options.suppressRules.length > 0)) {
    const rules = options.suppressAll ? undefined : new Set(options.suppressRules);
    const before = entries.length;
    entries = mergeEntries(entries, entriesFor(diagnostics, options.baselinable, rules));
    added = entries.length - before;
  }
  const outcome = applyBaseline(diagnostics, entries, options.baselinable, options.inScope);
  let unmatched = outcome.unmatched;
  let removed = 0;
  if (options.prune) {
    entries = pruneEntries(entries, unmatched);
    removed = unmatched.length;
    unmatched = [];
  }
  if (!writing) return { diagnostics: outcome.diagnostics, unmatched, active: true };
  return {
    diagnostics: outcome.diagnostics,
    unmatched,
    write: { entries: refreshHints(entries, outcome.matched), added, removed },
    active: true,
  };
}
