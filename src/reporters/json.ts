import type { Diagnostic, LintResult } from '../engine/types.js';
import type { ReportOptions } from './options.js';
import { countDiagnostics, countFixable, groupByFile } from './shared.js';

/**
 * Machine-readable output shaped like ESLint's `json` formatter (a result per file with
 * its messages and counts) plus a run summary. Paths stay repo-relative, so the output
 * does not depend on where the repository is checked out. Suppressed diagnostics are
 * listed with their `suppressed` reason and counted separately.
 */
export function formatJson(result: LintResult, options: ReportOptions): string {
  const results = groupByFile(result.diagnostics).map(([filePath, diagnostics]) => ({
    filePath,
    messages: diagnostics.map(toMessage),
    ...countDiagnostics(diagnostics),
    ...countFixable(diagnostics),
  }));
  const report = {
    version: options.toolVersion,
    results,
    summary: {
      ...countDiagnostics(result.diagnostics),
      ...countFixable(result.diagnostics),
      filesLinted: result.filesLinted,
      filesSkipped: result.filesSkipped,
      notices: result.notices,
      warnings: result.warnings ?? [],
      // What the run had nothing to check (no services, no changed file, an empty shard): a machine must not read a pass.
      unchecked: result.unchecked ?? [],
      // Valid SQL the parsers could not read: counted here, never a per-statement warning.
      unsupportedSql: result.unsupportedSql ?? { statements: 0, byConstruct: [], locations: [] },
      // Flow-typed JavaScript (`@flow`): Flow syntax not checked, its table references read.
      flowSyntaxUnchecked: result.flowSyntax ?? { files: 0, locations: [] },
    },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Absent optional fields are `null` / `[]` so every message has the same keys. */
function toMessage(d: Diagnostic) {
  return {
    ruleId: d.ruleId,
    messageId: d.messageId,
    severity: d.severity === 'error' ? 2 : 1,
    severityName: d.severity === 'error' ? 'error' : 'warning',
    message: d.message,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    help: d.help ?? null,
    related: (d.related ?? []).map((related) => ({
      filePath: related.file,
      line: related.range.line,
      column: related.range.column,
      endLine: related.range.endLine,
      endColumn: related.range.endColumn,
      message: related.message,
    })),
    fingerprint: d.fingerprint,
    suppressed: d.suppressed ? { kind: d.suppressed.kind, justification: d.suppressed.justification ?? null } : null,
    // Ours, not ESLint's `{ range, text }`: a change may edit several files, create or rename one (offsets in UTF-16 units).
    fix: d.fix ?? null,
    suggestions: d.suggestions ?? [],
  };
}
