/**
 * runRules with `projectRulesEverywhere` (the partial run behind lint({ reuse })): per-file rules
 * visit the selected files only, project-level rules (a `project` listener) every file, reporting
 * wherever they find; a per-file rule that reports in a file it did not visit is counted, so that
 * the pipeline can refuse the partial run.
 */
import { describe, expect, it } from 'vitest';
import { defineRule } from '../src/engine/define-rule.js';
import { runRules } from '../src/engine/runner.js';
import { memoryTree } from '../src/io/source-tree.js';
import { lint } from '../src/lint.js';

const files = { 'services/a/src/one.ts': 'export const one = 1;\n', 'services/a/src/two.ts': 'export const two = 2;\n' };
const model = async () =>
  (await lint({ cwd: '/nilecare-memory', tree: memoryTree(files), config: { services: [{ name: 'a', roots: ['services/a'] }] } })).model;

const meta = {
  category: 'correctness',
  description: 'Test rule',
  rationale: 'Tests.',
  defaultSeverity: 'error',
  messages: { seen: 'Seen.' },
} as const;

/** Reports every file it visits. */
const perFile = defineRule({
  meta: { ...meta, id: 'test-per-file' },
  create: (context) => ({ file: () => context.report({ messageId: 'seen', at: { wholeFile: true } }) }),
});
/** Also reports every file it visits, and has a `project` listener: a project-level rule. */
const projectLevel = defineRule({
  meta: { ...meta, id: 'test-project-level' },
  create: (context) => ({ file: () => context.report({ messageId: 'seen', at: { wholeFile: true } }), project: () => {} }),
});
/** Visiting one.ts, reports in two.ts. */
const elsewhere = defineRule({
  meta: { ...meta, id: 'test-elsewhere' },
  create: (context) => ({
    file: (event) => {
      if (event.file.path.endsWith('one.ts')) context.report({ messageId: 'seen', at: { file: 'services/a/src/two.ts', wholeFile: true } });
    },
  }),
});

const active = (...rules: Array<typeof perFile>) => rules.map((rule) => ({ rule, severity: 'error' as const, options: {} }));
const where = (diagnostics: ReadonlyArray<{ ruleId: string; file: string }>) => diagnostics.map((d) => `${d.ruleId} ${d.file}`).sort();

describe('a partial run', () => {
  it('per-file rules visit the selection and what alsoLint adds; project-level rules every file', async () => {
    const project = await model();
    const outcome = runRules(project, active(perFile, projectLevel), new Set(['services/a/src/one.ts']), {
      projectRulesEverywhere: { alsoLint: (ids) => (ids.has('test-project-level') ? [] : ['services/a/src/two.ts']) },
    });
    expect(where(outcome.diagnostics)).toEqual([
      'test-per-file services/a/src/one.ts',
      'test-project-level services/a/src/one.ts',
      'test-project-level services/a/src/two.ts',
    ]);
    expect(outcome.partial).toEqual({
      linted: new Set(['services/a/src/one.ts']),
      projectRules: new Set(['test-project-level']),
      strays: 0,
    });

    const widened = runRules(project, active(perFile), new Set(['services/a/src/one.ts']), {
      projectRulesEverywhere: { alsoLint: () => ['services/a/src/two.ts'] },
    });
    expect(where(widened.diagnostics)).toEqual(['test-per-file services/a/src/one.ts', 'test-per-file services/a/src/two.ts']);
  });

  it('a per-file rule reporting in a file it did not visit is a stray, dropped and counted; a whole run keeps it', async () => {
    const project = await model();
    const partial = runRules(project, active(elsewhere), new Set(['services/a/src/one.ts']), {
      projectRulesEverywhere: { alsoLint: () => [] },
    });
    expect(partial.diagnostics).toEqual([]);
    expect(partial.partial?.strays).toBe(1);
    const whole = runRules(project, active(elsewhere), new Set(Object.keys(files)));
    expect(where(whole.diagnostics)).toEqual(['test-elsewhere services/a/src/two.ts']);
    expect(whole.partial).toBeUndefined();
  });
});
