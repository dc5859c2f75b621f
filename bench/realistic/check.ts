/**
 * The correctness check of the realistic profile, on the CLI's `--format json` report (so it
 * does not depend on the linter's module layout): every planted violation reported with its
 * rule, file and line; nothing reported on a decoy line or in build output / vendored code;
 * and the error-level findings nobody planted, listed for a human to judge.
 */
import type { Decoy, Planted } from './ledger.js';

export interface JsonReport {
  results: Array<{
    filePath: string;
    messages: Array<{ ruleId: string; severityName?: string; severity: number; line: number; column?: number; message: string }>;
  }>;
  summary?: { errorCount: number; warningCount: number; filesLinted?: number; filesSkipped?: number; notices?: string[] };
}

export interface Finding {
  ruleId: string;
  file: string;
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface CheckResult {
  findings: number;
  byRule: Record<string, number>;
  missing: Planted[];
  decoyHits: Array<Finding & { decoy: string }>;
  buildOutputHits: Finding[];
  /** Error-level findings that were not planted (may be true positives the generator did not intend). */
  unplannedErrors: Finding[];
  internalErrors: Finding[];
}

export function findingsOf(report: JsonReport): Finding[] {
  return report.results.flatMap((r) =>
    r.messages.map((m) => ({
      ruleId: m.ruleId ?? '(none)',
      file: r.filePath,
      line: m.line,
      severity: m.severity === 2 ? ('error' as const) : ('warning' as const),
      message: m.message,
    })),
  );
}

export function parseReport(stdout: string, what: string): JsonReport {
  try {
    const report = JSON.parse(stdout) as JsonReport;
    if (!Array.isArray(report.results)) throw new Error('no "results" array');
    return report;
  } catch (error) {
    throw new Error(`${what}: the --format json output is not a report (${(error as Error).message}): ${stdout.slice(0, 300)}`);
  }
}

export function checkReport(report: JsonReport, planted: Planted[], decoys: Decoy[]): CheckResult {
  const findings = findingsOf(report);
  const key = (ruleId: string, file: string, line: number) => `${ruleId}|${file}|${line}`;
  const found = new Set(findings.map((f) => key(f.ruleId, f.file, f.line)));
  const plantedKeys = new Set(planted.map((p) => key(p.ruleId, p.file, p.line)));
  const decoyAt = new Map(decoys.map((d) => [`${d.file}|${d.line}`, d.kind]));
  const byRule: Record<string, number> = {};
  for (const f of findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  return {
    findings: findings.length,
    byRule,
    missing: planted.filter((p) => !found.has(key(p.ruleId, p.file, p.line))),
    decoyHits: findings
      .filter((f) => decoyAt.has(`${f.file}|${f.line}`))
      .map((f) => ({ ...f, decoy: decoyAt.get(`${f.file}|${f.line}`)! })),
    buildOutputHits: findings.filter((f) => /(^|\/)(dist|node_modules)\//.test(f.file)),
    unplannedErrors: findings.filter((f) => f.severity === 'error' && !plantedKeys.has(key(f.ruleId, f.file, f.line))),
    internalErrors: findings.filter((f) => /internal/i.test(f.ruleId) || f.ruleId === '(none)'),
  };
}

/** Blind or fooled: a planted violation missed, a decoy or build-output file reported, an internal error. */
export function failed(check: CheckResult): boolean {
  return check.missing.length > 0 || check.decoyHits.length > 0 || check.buildOutputHits.length > 0 || check.internalErrors.length > 0;
}

export function describeCheck(check: CheckResult, planted: number, decoys: number): string[] {
  const lines: string[] = [];
  lines.push(
    check.missing.length === 0
      ? `✔ all ${planted} planted violations reported (rule, file, line)`
      : `✖ BLIND: ${check.missing.length} of ${planted} planted violations not reported`,
  );
  for (const m of check.missing.slice(0, 20)) lines.push(`    missing ${m.ruleId} ${m.file}:${m.line} (${m.kind}, ${m.subject})`);
  lines.push(
    check.decoyHits.length === 0 ? `✔ nothing reported on ${decoys} decoy lines` : `✖ ${check.decoyHits.length} findings on decoy lines`,
  );
  for (const d of check.decoyHits.slice(0, 20)) lines.push(`    ${d.ruleId} ${d.file}:${d.line} on a decoy (${d.decoy}): ${d.message}`);
  lines.push(
    check.buildOutputHits.length === 0
      ? '✔ nothing reported in dist/ or node_modules/'
      : `✖ ${check.buildOutputHits.length} findings in dist/ or node_modules/`,
  );
  if (check.internalErrors.length > 0)
    lines.push(
      `✖ ${check.internalErrors.length} internal errors: ${check.internalErrors
        .slice(0, 3)
        .map((f) => f.message)
        .join('; ')}`,
    );
  if (check.unplannedErrors.length > 0) {
    lines.push(`⚠ ${check.unplannedErrors.length} error-level findings beyond the planted ones:`);
    for (const e of check.unplannedErrors.slice(0, 10)) lines.push(`    ${e.ruleId} ${e.file}:${e.line} ${e.message}`);
  }
  return lines;
}
