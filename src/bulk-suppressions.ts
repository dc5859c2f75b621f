/**
 * Bulk suppressions at pipeline level: lint() reads the suppressions file, applies it to the
 * run's findings and, when asked (`--suppress-all`, `--suppress-rule`, `--prune-suppressions`),
 * writes it back. Applying it here rather than in the CLI gives every consumer of lint() — each
 * format, `map`, `map --summary`, the API — the same suppressed set. The matching itself is
 * engine/baseline.ts.
 */
import path from 'node:path';
import { readTextFile } from './io/read-regular-file.js';
import type { PathScope } from './io/repository-paths.js';
import { writeFileAtomic, type FileWriter } from './io/write-file-atomic.js';
import { ruleRegistry } from '../rules/index.js';
import { unknownRuleText } from './config/closest-name.js';
import { BaselineError, parseBaseline, planBulkSuppressions, serializeBaseline, type BaselineEntry } from './engine/baseline.js';
import { directiveRules } from './engine/suppress.js';
import type { Diagnostic } from './engine/types.js';
import { DEFAULT_SUPPRESSIONS_FILE } from './defaults.js';

export { DEFAULT_SUPPRESSIONS_FILE };
/** A baseline of a large legacy repository runs to megabytes; a gigabyte is no baseline. */
export const MAX_BASELINE_BYTES = 256 * 1024 * 1024;

/** What lint() is asked to do with the suppressions file (`LintOptions.suppressions`). */
export interface BulkSuppressionRequest {
  /** The suppressions file, repo-relative or absolute; default `nilecare-lint-suppressions.json` at the root. */
  file?: string;
  /** Add every current finding to the file. */
  suppressAll?: boolean;
  /** Add the current findings of these rules to the file. */
  suppressRules?: readonly string[];
  /** Remove entries that no longer match a finding. */
  prune?: boolean;
}

/** What the suppressions file did in a run (`LintRun.bulkSuppressions`). */
export interface BulkSuppressionReport {
  /** The suppressions file, repo-relative (posix) when inside the repository. */
  file: string;
  /** Whether the file existed or was written. */
  active: boolean;
  /** Entries the run could have matched but did not: the finding was fixed, or its text changed. */
  unmatched: BaselineEntry[];
  /** Set when the file was written. */
  written?: { added: number; removed: number; total: number };
}

/** The run as far as suppressions need it. */
export interface SuppressibleRun {
  cwd: string;
  /** The repository root (default `cwd`): the default file must be inside it, and no file inside it is read or written through a link that leads out. */
  repositoryRoot?: string;
  diagnostics: readonly Diagnostic[];
  /** The files that got diagnostics (repo-relative). */
  linted: ReadonlySet<string>;
  /** How many files the repository has: fewer linted means a partial run. */
  fileCount: number;
  /** Ids of the rules that ran. */
  activeRules: ReadonlySet<string>;
}

/** Request errors an API caller can make as well as the CLI; lint() reports them before any work. */
export function checkBulkSuppressionRequest(request: BulkSuppressionRequest): void {
  if (request.suppressAll && request.suppressRules && request.suppressRules.length > 0)
    throw new BaselineError('--suppress-all and --suppress-rule cannot be used together');
  for (const id of request.suppressRules ?? []) {
    if (!ruleRegistry[id]) throw new BaselineError(`--suppress-rule: ${unknownRuleText(id, Object.keys(ruleRegistry))}`);
  }
}

/**
 * Applies (and, when asked, writes or prunes) the suppressions file for one run. Entries the run
 * could not have matched — a rule that is off, a file outside a partial run — are neither used
 * nor reported as stale.
 */
export function applyBulkSuppressions(
  run: SuppressibleRun,
  request: BulkSuppressionRequest,
  /** Reads the file's text (undefined: none) when the files are not on disk; default: the disk. */
  readText?: (file: string) => string | undefined,
  /** Writes the file (`--suppress-all`, `--suppress-rule`, `--prune-suppressions`); default: the disk, atomically. */
  write: FileWriter = writeFileAtomic,
): { diagnostics: Diagnostic[]; report: BulkSuppressionReport } {
  const file = path.resolve(run.cwd, request.file ?? DEFAULT_SUPPRESSIONS_FILE);
  // The default file is the repository's; one the user named may be anywhere (see PathScope).
  const scope: PathScope = { root: run.repositoryRoot ?? run.cwd, origin: request.file === undefined ? 'repository' : 'command-line' };
  const partial = run.linted.size < run.fileCount;
  const directiveRuleIds = new Set(directiveRules.map((rule) => rule.meta.id));
  const stored = readText ? mapOptional(readText(file), (text) => parseBaseline(text, file)) : readBaseline(file, scope);
  const plan = planBulkSuppressions(run.diagnostics, stored, {
    suppressAll: request.suppressAll,
    suppressRules: request.suppressRules,
    prune: request.prune,
    baselinable: (d) => !directiveRuleIds.has(d.ruleId),
    inScope: (entry) => (!ruleRegistry[entry.rule] || run.activeRules.has(entry.rule)) && (!partial || run.linted.has(entry.file)),
  });
  const report: BulkSuppressionReport = {
    file: path.relative(run.cwd, file).split(path.sep).join('/'),
    active: plan.active,
    unmatched: plan.unmatched,
  };
  if (plan.write) {
    write(file, serializeBaseline(plan.write.entries), scope);
    report.written = { added: plan.write.added, removed: plan.write.removed, total: plan.write.entries.length };
  }
  return { diagnostics: plan.diagnostics, report };
}

function mapOptional<T, U>(value: T | undefined, map: (value: T) => U): U | undefined {
  return value === undefined ? undefined : map(value);
}

/** Entries of a suppressions file; undefined when the file does not exist. */
export function readBaseline(file: string, scope: PathScope): BaselineEntry[] | undefined {
  const text = readTextFile(file, { ...scope, maxBytes: MAX_BASELINE_BYTES });
  return text === undefined ? undefined : parseBaseline(text, file);
}
