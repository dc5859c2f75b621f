import { memoryTree } from '../../src/io/source-tree.js';
import { lint, type LintRun } from '../../src/lint.js';
import { applyFixes } from '../../src/engine/apply-changes.js';
import type { Fix } from '../../src/engine/fix.js';
import type { NilecareConfig } from '../../src/config/schema.js';
import type { Diagnostic } from '../../src/engine/types.js';
import { ruleRegistry } from '../../rules/index.js';

export type Files = Record<string, string>;

/** Every rule off but these (with their settings). */
export function only(rules: NilecareConfig['rules'], base: Omit<NilecareConfig, 'rules'> = {}): NilecareConfig {
  return { ...base, rules: { ...Object.fromEntries(Object.keys(ruleRegistry).map((id) => [id, 'off' as const])), ...rules } };
}

/** Lints files held in memory, the config being `nilecare-lint.config.json` among them, with suggestions. */
export async function lintFiles(files: Files, extra: { reportUnusedDisableDirectives?: 'warn' | 'off' } = {}): Promise<LintRun> {
  const tree = memoryTree(files, { root: '/repo' });
  return lint({ cwd: tree.root, tree, suggestions: true, ...extra });
}

export function configFile(config: NilecareConfig): Files {
  return { 'nilecare-lint.config.json': `${JSON.stringify(config, null, 2)}\n` };
}

/** The files after applying `fixes` (a rename moves the file, edited or not). */
export function applied(files: Files, fixes: Fix[]): Files {
  const outcome = applyFixes(fixes, (file) => files[file]);
  if (outcome.deferred.length > 0) throw new Error(`${outcome.deferred.length} fix(es) overlap`);
  const out: Files = { ...files };
  for (const [file, text] of outcome.texts) out[file] = text;
  for (const [from, to] of outcome.renames) {
    out[to] = out[from];
    delete out[from];
  }
  return out;
}

export const unsuppressed = (run: LintRun, ruleId?: string): Diagnostic[] =>
  run.diagnostics.filter((d) => !d.suppressed && (ruleId === undefined || d.ruleId === ruleId));

/** The one suggestion of `diagnostic` whose description matches. */
export function suggestion(diagnostic: Diagnostic, description: RegExp): Fix {
  const found = (diagnostic.suggestions ?? []).filter((s) => description.test(s.description));
  if (found.length !== 1) throw new Error(`expected one suggestion matching ${description}, got ${JSON.stringify(diagnostic.suggestions)}`);
  return found[0];
}
