import { createHash } from 'node:crypto';
import type { LintResult, RuleCategory } from '../engine/types.js';
import type { ReportOptions } from './options.js';
import { isSuppressed, sortDiagnostics } from './shared.js';

/**
 * GitLab Code Quality report (a Code Climate subset): a JSON array of issues, shown in
 * merge request widgets and diffs.
 *
 * Severity mapping: `error` → `major`, `warn` → `minor`. GitLab's `critical`/`blocker`
 * are kept free for a future "fails the pipeline no matter what" tier, and `major` vs
 * `minor` still sorts errors above warnings in the widget.
 */
export function formatGitlab(result: LintResult, _options: ReportOptions): string {
  const categoryOf = new Map(result.rules.map(({ rule }) => [rule.meta.id, rule.meta.category]));
  const used = new Set<string>();

  const issues = sortDiagnostics(result.diagnostics)
    .filter((d) => !isSuppressed(d))
    .map((d) => {
      const category = categoryOf.get(d.ruleId);
      return {
        description: d.message,
        check_name: d.ruleId,
        fingerprint: uniqueFingerprint(d.fingerprint, used),
        severity: d.severity === 'error' ? 'major' : 'minor',
        ...(category && { categories: [codeClimateCategory[category]] }),
        location: { path: d.file, lines: { begin: d.line } },
      };
    });
  return `${JSON.stringify(issues, null, 2)}\n`;
}

const codeClimateCategory: Record<RuleCategory, 'Bug Risk' | 'Security' | 'Style'> = {
  architecture: 'Bug Risk',
  correctness: 'Bug Risk',
  migrations: 'Bug Risk',
  naming: 'Style',
  security: 'Security',
};

/**
 * GitLab drops issues whose fingerprints repeat. Engine fingerprints are unique already
 * (they count occurrences); a repeat gets a counter mixed in rather than being lost.
 */
function uniqueFingerprint(fingerprint: string, used: Set<string>): string {
  let hash = sha256(fingerprint);
  for (let occurrence = 2; used.has(hash); occurrence++) hash = sha256(`${fingerprint}\u0000${occurrence}`);
  used.add(hash);
  return hash;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
