/**
 * Applies inline directives to a run's diagnostics: suppressed findings are kept, marked
 * `suppressed: { kind: 'inSource', justification }`, and directive problems (unused, unknown
 * rule, missing reason) are added as engine diagnostics of two pseudo-rules that carry rule
 * metadata, so every reporter can describe them.
 */
import type { FileFacts, Range } from '../analysis/facts.js';
import { DIRECTIVE_PREFIX, directivesOf, embeddedAnchorLines, type Directive } from '../analysis/directives.js';
import { closestName } from '../config/closest-name.js';
import { fingerprintOf } from './fingerprint.js';
import { interpolate } from './messages.js';
import { compareDiagnostics } from './runner.js';
import { removeDirectiveFix, type DirectiveRemoval } from './directive-fixes.js';
import type { AnyRule, Diagnostic, Fix, Severity } from './types.js';

export const UNUSED_DIRECTIVE_RULE_ID = 'unused-disable-directive';
export const INVALID_DIRECTIVE_RULE_ID = 'invalid-disable-directive';

/** Reported by the engine, not by a rule module; the metadata lets reporters describe the findings. */
export const unusedDirectiveRule: AnyRule = {
  meta: {
    id: UNUSED_DIRECTIVE_RULE_ID,
    category: 'correctness',
    description: 'Report inline disable directives that suppress nothing',
    rationale:
      'A directive left behind after its finding was fixed would silently hide the next, unrelated finding on that line or in that block.',
    defaultSeverity: 'warn',
    fixType: 'directive',
    messages: {
      unused: "Directive '{{directive}}' suppresses no problem.",
      unusedRule: "Directive '{{directive}}' suppresses no problem from rule '{{rule}}'.",
      unusedEnable: "Directive '{{directive}}' re-enables no disabled rule.",
      unusedEnableRule: "Directive '{{directive}}' re-enables rule '{{rule}}', which was not disabled.",
    },
  },
  create: () => ({}),
};

export const invalidDirectiveRule: AnyRule = {
  meta: {
    id: INVALID_DIRECTIVE_RULE_ID,
    category: 'correctness',
    description: 'Report inline directives that name unknown rules, lack a required reason, or cannot apply',
    rationale:
      'A misspelt rule name suppresses nothing while looking deliberate, and a suppression without a reason cannot be reviewed later.',
    defaultSeverity: 'error',
    messages: {
      unknownRule: "Directive '{{directive}}' names unknown rule '{{rule}}'.",
      missingReason: "Directive '{{directive}}' gives no reason after '--'.",
      multiline: "Directive '{{directive}}' spans several lines, so it has no single line to apply to.",
    },
  },
  create: () => ({}),
};

export const directiveRules: readonly AnyRule[] = [invalidDirectiveRule, unusedDirectiveRule];

export interface InlineSuppressionOptions {
  /** Facts of the files, by repo-relative path. */
  files: ReadonlyMap<string, FileFacts>;
  /** Files that get diagnostics; directives elsewhere are not checked. */
  linted: ReadonlySet<string>;
  /** Every rule id a directive may name. */
  knownRules: ReadonlySet<string>;
  /** Rules that ran; a directive naming a rule that is off is not reported as unused. */
  activeRules: ReadonlySet<string>;
  /** Severity of unused-directive reports; 'off' skips them. */
  reportUnused: Severity | 'off';
  /** Report directives without a reason after `--`. */
  requireReason: boolean;
}

/** Returns every diagnostic (sorted), suppressed ones marked, plus directive problems. */
export function applyInlineSuppressions(diagnostics: readonly Diagnostic[], options: InlineSuppressionOptions): Diagnostic[] {
  const byFile = new Map<string, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    const list = byFile.get(diagnostic.file);
    if (list) list.push(diagnostic);
    else byFile.set(diagnostic.file, [diagnostic]);
  }
  const out: Diagnostic[] = [];
  const pending: PendingDiagnostic[] = [];
  for (const path of new Set([...byFile.keys(), ...options.linted])) {
    const fileDiagnostics = byFile.get(path) ?? [];
    const file = options.files.get(path);
    if (!file || !file.text.includes(DIRECTIVE_PREFIX)) {
      out.push(...fileDiagnostics);
      continue;
    }
    const directives = directivesOf(file);
    const { suppressed, used } = suppressInFile(file, directives, fileDiagnostics);
    out.push(...suppressed);
    if (options.linted.has(path)) pending.push(...directiveProblems(file, directives, used, options));
  }
  const occurrences = new Map<string, number>();
  for (const { fingerprintText, ...diagnostic } of pending.sort(compareDiagnostics)) {
    const key = `${diagnostic.ruleId}|${diagnostic.file}|${fingerprintText}|${diagnostic.message}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    out.push({
      ...diagnostic,
      fingerprint: fingerprintOf(diagnostic.ruleId, diagnostic.file, `${fingerprintText}\0${diagnostic.message}`, occurrence),
    });
  }
  return out.sort(compareDiagnostics);
}

type PendingDiagnostic = Omit<Diagnostic, 'fingerprint'> & { fingerprintText: string };

/** Rule ids each directive suppressed at least one finding of. */
type Usage = Map<Directive, Set<string>>;

function suppressInFile(file: FileFacts, all: readonly Directive[], diagnostics: Diagnostic[]): { suppressed: Diagnostic[]; used: Usage } {
  const used: Usage = new Map();
  const directives = all.filter((d) => !d.multiline);
  if (directives.length === 0 || diagnostics.length === 0) return { suppressed: diagnostics, used };
  const sites = (file.script?.embeddedSql ?? []).map((site) => ({
    start: site.fileSpan.start,
    end: site.fileSpan.end,
    anchors: embeddedAnchorLines(file, site),
  }));
  const blocks = directives.filter((d) => d.kind === 'disable' || d.kind === 'enable');

  const suppressed = diagnostics.map((diagnostic) => {
    const offset = (file.lineStarts[diagnostic.line - 1] ?? 0) + diagnostic.column - 1;
    const site = sites.find((s) => offset >= s.start && offset < s.end);
    const lines = new Set([diagnostic.line, ...(site?.anchors ?? [])]);
    // Every directive that covers the finding counts as used, as in ESLint.
    const covering = directives.filter(
      (d) =>
        names(d, diagnostic.ruleId) &&
        (d.kind === 'disable-file' || ((d.kind === 'disable-line' || d.kind === 'disable-next-line') && lines.has(d.line!))),
    );
    const block = blockDisablerAt(blocks, diagnostic, diagnostic.ruleId);
    if (block) covering.push(block);
    if (covering.length === 0) return diagnostic;
    for (const directive of covering) {
      const rules = used.get(directive) ?? new Set<string>();
      rules.add(diagnostic.ruleId);
      used.set(directive, rules);
    }
    // The narrowest directive's reason explains the suppression best.
    const byReach = [...covering].sort((a, b) => reach(a) - reach(b));
    const justification = byReach.find((d) => d.reason !== undefined)?.reason;
    const suppression: NonNullable<Diagnostic['suppressed']> = { kind: 'inSource' };
    if (justification !== undefined) suppression.justification = justification;
    return { ...diagnostic, suppressed: suppression };
  });
  return { suppressed, used };
}

function reach(directive: Directive): number {
  return directive.kind === 'disable-line' || directive.kind === 'disable-next-line' ? 0 : directive.kind === 'disable-file' ? 2 : 1;
}

function names(directive: Directive, ruleId: string): boolean {
  return directive.rules.length === 0 || directive.rules.some((rule) => rule.id === ruleId);
}

function before(a: Range, diagnostic: { line: number; column: number }): boolean {
  return a.line < diagnostic.line || (a.line === diagnostic.line && a.column <= diagnostic.column);
}

/**
 * The `disable` in force for a rule at a diagnostic's start, replaying `disable`/`enable`
 * comments in order as ESLint does: `enable` with no rules clears everything, `enable x`
 * after a bare `disable` re-enables only x.
 */
function blockDisablerAt(blocks: readonly Directive[], at: { line: number; column: number }, ruleId: string): Directive | undefined {
  let all: Directive | undefined;
  const byRule = new Map<string, Directive>();
  const exceptions = new Set<string>();
  for (const directive of blocks) {
    if (!before(directive.range, at)) break;
    if (directive.kind === 'disable') {
      if (directive.rules.length === 0) {
        all = directive;
        exceptions.clear();
      } else {
        for (const rule of directive.rules) {
          byRule.set(rule.id, directive);
          exceptions.delete(rule.id);
        }
      }
    } else if (directive.rules.length === 0) {
      all = undefined;
      byRule.clear();
      exceptions.clear();
    } else {
      for (const rule of directive.rules) {
        byRule.delete(rule.id);
        if (all) exceptions.add(rule.id);
      }
    }
  }
  return byRule.get(ruleId) ?? (all && !exceptions.has(ruleId) ? all : undefined);
}

function directiveProblems(
  file: FileFacts,
  all: readonly Directive[],
  used: Usage,
  options: InlineSuppressionOptions,
): PendingDiagnostic[] {
  const problems: PendingDiagnostic[] = [];
  const report = (
    rule: AnyRule,
    messageId: string,
    directive: Directive,
    range: Range,
    severity: Severity,
    data: Record<string, string>,
    help: string,
    fix?: Fix,
  ) => {
    problems.push({
      ruleId: rule.meta.id,
      messageId,
      message: interpolate(rule.meta.messages[messageId], data),
      severity,
      file: file.path,
      ...range,
      help,
      data,
      fingerprintText: `${directive.text}\0${data.rule ?? ''}`,
      ...(fix ? { fix } : {}),
    });
  };

  for (const directive of all) {
    const directiveData = { directive: directive.name };
    if (directive.multiline) {
      report(
        invalidDirectiveRule,
        'multiline',
        directive,
        directive.range,
        'error',
        directiveData,
        'Put the directive on one line, or use nilecare-lint-disable / nilecare-lint-enable around the code.',
      );
      continue;
    }
    for (const rule of directive.rules) {
      if (!options.knownRules.has(rule.id)) {
        report(
          invalidDirectiveRule,
          'unknownRule',
          directive,
          rule.range,
          'error',
          { ...directiveData, rule: rule.id },
          unknownRuleHelp(rule.id, options.knownRules),
        );
      }
    }
    if (options.requireReason && directive.kind !== 'enable' && directive.reason === undefined) {
      report(
        invalidDirectiveRule,
        'missingReason',
        directive,
        directive.range,
        'error',
        directiveData,
        `Say why after the rules, e.g. '${directive.name} ${directive.rules.map((r) => r.id).join(', ') || '<rule>'} -- <reason>'.`,
      );
    }
  }

  if (options.reportUnused !== 'off') {
    const severity = options.reportUnused;
    const removeHelp = 'Remove the directive, or the rule name from it.';
    const fix = (removal: DirectiveRemoval) => removeDirectiveFix(file, removal);
    for (const directive of all) {
      if (directive.multiline) continue;
      if (directive.kind === 'enable') continue;
      const suppressedRules = used.get(directive);
      if (directive.rules.length === 0) {
        if (!suppressedRules)
          report(
            unusedDirectiveRule,
            'unused',
            directive,
            directive.range,
            severity,
            { directive: directive.name },
            removeHelp,
            fix({ directive }),
          );
        continue;
      }
      const unused = directive.rules.filter(
        (rule) => options.knownRules.has(rule.id) && options.activeRules.has(rule.id) && !suppressedRules?.has(rule.id),
      );
      // When no name it holds does anything, the whole comment goes; otherwise only the unused names.
      const whole = !suppressedRules && unused.length === directive.rules.length;
      for (const rule of unused) {
        report(
          unusedDirectiveRule,
          'unusedRule',
          directive,
          rule.range,
          severity,
          { directive: directive.name, rule: rule.id },
          removeHelp,
          fix(whole ? { directive } : { directive, rule }),
        );
      }
    }
    const enables = unusedEnables(all.filter((d) => !d.multiline));
    for (const problem of enables) {
      const [directive, rule] = problem;
      if (rule) {
        if (!options.knownRules.has(rule.id) || !options.activeRules.has(rule.id)) continue;
        const unusedNames = enables.filter(([d, r]) => d === directive && r).length;
        report(
          unusedDirectiveRule,
          'unusedEnableRule',
          directive,
          rule.range,
          severity,
          { directive: directive.name, rule: rule.id },
          'Remove the directive, or the rule name from it.',
          fix(unusedNames === directive.rules.length ? { directive } : { directive, rule }),
        );
      } else {
        report(
          unusedDirectiveRule,
          'unusedEnable',
          directive,
          directive.range,
          severity,
          { directive: directive.name },
          'Remove the directive.',
          fix({ directive }),
        );
      }
    }
  }
  return problems;
}

/** `enable` directives with nothing disabled before them (whole directive, or per named rule). */
function unusedEnables(directives: readonly Directive[]): Array<[Directive, Directive['rules'][number] | undefined]> {
  const out: Array<[Directive, Directive['rules'][number] | undefined]> = [];
  let all = false;
  const disabled = new Set<string>();
  const exceptions = new Set<string>();
  for (const directive of directives) {
    if (directive.kind === 'disable') {
      if (directive.rules.length === 0) {
        all = true;
        exceptions.clear();
      } else
        for (const rule of directive.rules) {
          disabled.add(rule.id);
          exceptions.delete(rule.id);
        }
    } else if (directive.kind === 'enable') {
      if (directive.rules.length === 0) {
        if (!all && disabled.size === 0) out.push([directive, undefined]);
        all = false;
        disabled.clear();
        exceptions.clear();
      } else {
        for (const rule of directive.rules) {
          const isDisabled = disabled.has(rule.id) || (all && !exceptions.has(rule.id));
          if (!isDisabled) out.push([directive, rule]);
          disabled.delete(rule.id);
          if (all) exceptions.add(rule.id);
        }
      }
    }
  }
  return out;
}

/** Help for a directive naming an unknown rule: the closest rule id when one is close. */
function unknownRuleHelp(id: string, knownRules: ReadonlySet<string>): string {
  const closest = closestName(id, knownRules);
  return closest ? `Did you mean '${closest}'?` : 'Check the spelling against `nilecare-lint --list-rules`.';
}
