/**
 * A reusable linter (createLinter): many file sets linted with one config give what lint() gives each, and
 * what it keeps between runs (the rules in force, their options) follows the config: a config file whose
 * text changed, other command-line severities or a config that fails are worked out again.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/load.js';
import { memoryTree } from '../../src/io/source-tree.js';
import { createLinter, lint, type LintRun } from '../../src/lint.js';
import { billingReadsPayments, paymentMigration, workflowConfig } from './helpers.js';

const found = (run: LintRun) => run.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.ruleId}`);
const configText = (rules: Record<string, string>) =>
  `${JSON.stringify({ ...workflowConfig, rules: { ...workflowConfig.rules, ...rules } })}\n`;

describe('a linter', () => {
  it('lints one file set after another as lint() lints each', async () => {
    const trees = [
      memoryTree(billingReadsPayments),
      memoryTree({ ...paymentMigration, 'services/billing/src/a.ts': "db.query('SELECT amount FROM payments');\n" }),
      memoryTree({ ...paymentMigration, 'services/billing/src/b.ts': "db.query('SELECT * FROM nowhere');\n" }),
    ];
    const linter = createLinter({ cwd: trees[0].root, config: workflowConfig, suppressions: false });
    const runs = [];
    for (const tree of trees) runs.push(found(await linter.lint({ cwd: tree.root, tree })));
    const alone = [];
    for (const tree of trees) alone.push(found(await lint({ cwd: tree.root, tree, config: workflowConfig, suppressions: false })));
    expect(runs).toEqual(alone);
    expect(runs).toEqual([
      ['services/billing/src/repo.ts:1:25-1:33 no-cross-service-query'],
      ['services/billing/src/a.ts:1:30-1:38 no-cross-service-query'],
      ['services/billing/src/b.ts:1:25-1:32 unknown-table'],
    ]);
  });

  it('reads the rules of a config file whose text changed since its last run', async () => {
    const on = memoryTree({ ...billingReadsPayments, 'nilecare-lint.config.json': configText({}) });
    const off = memoryTree({ ...billingReadsPayments, 'nilecare-lint.config.json': configText({ 'no-cross-service-query': 'off' }) });
    const linter = createLinter({ cwd: on.root, tree: on });
    expect(found(await linter.lint())).toEqual(['services/billing/src/repo.ts:1:25-1:33 no-cross-service-query']);
    expect(found(await linter.lint({ tree: off }))).toEqual([]);
    expect(found(await linter.lint({ tree: on }))).toEqual(['services/billing/src/repo.ts:1:25-1:33 no-cross-service-query']);
  });

  it("takes a run's command-line severities in place of its own", async () => {
    const tree = memoryTree(billingReadsPayments);
    const linter = createLinter({ cwd: tree.root, tree, config: workflowConfig, ruleOverrides: { 'no-cross-service-query': 'off' } });
    expect(found(await linter.lint())).toEqual([]);
    expect(found(await linter.lint({ ruleOverrides: {} }))).toEqual(['services/billing/src/repo.ts:1:25-1:33 no-cross-service-query']);
    expect(found(await linter.lint())).toEqual([]);
  });

  it('keeps nothing of a config that fails: every run over it fails as the first did', async () => {
    const bad = memoryTree({ ...billingReadsPayments, 'nilecare-lint.config.json': configText({ 'no-such-rule': 'error' }) });
    const good = memoryTree({ ...billingReadsPayments, 'nilecare-lint.config.json': configText({}) });
    const linter = createLinter({ cwd: bad.root, tree: bad });
    await expect(linter.lint()).rejects.toThrow(ConfigError);
    await expect(linter.lint()).rejects.toThrow(/rules\.no-such-rule: /);
    expect(found(await linter.lint({ tree: good }))).toEqual(['services/billing/src/repo.ts:1:25-1:33 no-cross-service-query']);
    await expect(linter.lint()).rejects.toThrow(/rules\.no-such-rule: /);
  });
});
