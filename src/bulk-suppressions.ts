import path from 'node:path';
import type { LintRun } from './lint.js';
import { ruleRegistry } from '../rules/index.js';
import { bulkSuppress, type BulkSuppressionResult } from './engine/baseline.js';
import { directiveRules } from './engine/suppress.js';

export interface BulkSuppressionRequest {
  /** Absolute path of the suppressions file. */
  file: string;
  suppressAll?: boolean;
  suppressRules?: string[];
  prune?: boolean;
}

export interface BulkSuppressedRun extends Omit<BulkSuppressionResult, 'diagnostics'> {
  /** The run with baselined findings marked suppressed, and a notice about stale entries. */
  run: LintRun;
  /** The suppressions file, repo-relative, for messages. */
  relativeFile: string;
}

/**
 * Applies (and, when asked, writes or prunes) the baseline for one finished run. Entries
 * the run could not have matched — a rule that is off, a file outside a partial run — are
 * neither used nor reported as stale.
 */
export function applyBulkSuppressions(lintRun: LintRun, request: BulkSuppressionRequest): BulkSuppressedRun {
  const partial = lintRun.lintedFiles.length < lintRun.model.files.length;
  const lintedFiles = new Set(lintRun.lintedFiles);
  const activeRules = new Set(lintRun.rules.map(({ rule }) => rule.meta.id));
  const directiveRuleIds = new Set(directiveRules.map((rule) => rule.meta.id));
  const { diagnostics, ...outcome } = bulkSuppress(lintRun.diagnostics, {
    file: request.file,
    suppressAll: request.suppressAll,
    suppressRules: request.suppressRules,
    prune: request.prune,
    baselinable: (d) => !directiveRuleIds.has(d.ruleId),
    inScope: (entry) => (!ruleRegistry[entry.rule] || activeRules.has(entry.rule)) && (!partial || lintedFiles.has(entry.file)),
  });
  const relativeFile = path.relative(lintRun.cwd, request.file).split(path.sep).join('/');
  const run: LintRun = { ...lintRun, diagnostics };
  if (outcome.unmatched.length > 0) {
    run.notices = [
      ...run.notices,
      `${outcome.unmatched.length} suppression(s) in ${relativeFile} no longer match a finding; run with --prune-suppressions to remove them.`,
    ];
  }
  return { ...outcome, run, relativeFile };
}
