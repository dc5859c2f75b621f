import type { AnyRule, Diagnostic, LintResult } from '../engine/types.js';

/**
 * Code-unit comparison, not localeCompare: the order must not depend on the
 * machine's locale (snapshots, SARIF diffs between CI runners).
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Diagnostics in report order: file, line, column, rule id, then the rest of the
 * range and the message so that even ties print the same way every time. The engine
 * already sorts; reporters sort again so they never depend on that.
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareStrings(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareStrings(a.ruleId, b.ruleId) ||
      a.endLine - b.endLine ||
      a.endColumn - b.endColumn ||
      compareStrings(a.messageId, b.messageId) ||
      compareStrings(a.message, b.message) ||
      compareStrings(a.fingerprint, b.fingerprint),
  );
}

export function isSuppressed(diagnostic: Diagnostic): boolean {
  return diagnostic.suppressed !== undefined;
}

/** Sorted diagnostics grouped by file, files in sorted order. */
export function groupByFile(diagnostics: readonly Diagnostic[]): Array<[file: string, diagnostics: Diagnostic[]]> {
  const groups = new Map<string, Diagnostic[]>();
  for (const diagnostic of sortDiagnostics(diagnostics)) {
    const group = groups.get(diagnostic.file);
    if (group) group.push(diagnostic);
    else groups.set(diagnostic.file, [diagnostic]);
  }
  return [...groups];
}

export interface Counts {
  errorCount: number;
  warningCount: number;
  suppressedCount: number;
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): Counts {
  const counts: Counts = { errorCount: 0, warningCount: 0, suppressedCount: 0 };
  for (const diagnostic of diagnostics) {
    if (isSuppressed(diagnostic)) counts.suppressedCount++;
    else if (diagnostic.severity === 'error') counts.errorCount++;
    else counts.warningCount++;
  }
  return counts;
}

/** The rules that ran, sorted by id, so rule indexes are stable across runs. */
export function sortedRules(result: LintResult): AnyRule[] {
  return result.rules.map(({ rule }) => rule).sort((a, b) => compareStrings(a.meta.id, b.meta.id));
}

/** ESLint's `fixableErrorCount` / `fixableWarningCount`: unsuppressed findings `--fix` can resolve. */
export function countFixable(diagnostics: readonly Diagnostic[]): { fixableErrorCount: number; fixableWarningCount: number } {
  let fixableErrorCount = 0;
  let fixableWarningCount = 0;
  for (const diagnostic of diagnostics) {
    if (!diagnostic.fix || isSuppressed(diagnostic)) continue;
    if (diagnostic.severity === 'error') fixableErrorCount++;
    else fixableWarningCount++;
  }
  return { fixableErrorCount, fixableWarningCount };
}
