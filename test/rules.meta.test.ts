import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
// TypeScript as src/ loads it: one copy per worker.
import ts from '../src/analysis/typescript/ts.js';
import { optionDocs, renderRuleDoc } from '../src/engine/rule-docs.js';
import { placeholdersOf } from '../src/engine/messages.js';
import { ruleRegistry } from '../rules/index.js';
import { endToEnd } from './projects.js';

const rulesDir = path.join(import.meta.dirname, '..', 'rules');
const ruleFiles = readdirSync(rulesDir)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -3))
  .sort();

describe('rule registry', () => {
  it('lists exactly the rule modules in rules/', () => {
    expect(Object.keys(ruleRegistry).sort()).toEqual(ruleFiles);
  });

  // The rule tester runs each rule's documented examples with its cases: every rule needs a test file that runs it.
  it('has a test file per rule that runs it through the rule tester', () => {
    for (const id of ruleFiles) {
      const file = path.join(import.meta.dirname, 'rules', `${id}.test.ts`);
      expect(existsSync(file), `test/rules/${id}.test.ts`).toBe(true);
      expect(readFileSync(file, 'utf8'), `test/rules/${id}.test.ts`).toMatch(/ruleTester\.run\(rule,/);
    }
  });

  // The acceptance suites over fixtures/ run in the e2e project: `npm test` keeps each message of each rule
  // in an in-memory case of the rule tester, which refuses an expected error without its four coordinates.
  it('has, for every message of every rule, an invalid rule-tester case among the files `npm test` runs', () => {
    const cases = ruleTesterInvalidCases();
    // The scan reads what it should: ~700 expected errors.
    expect([...cases.values()].reduce((sum, n) => sum + n, 0)).toBeGreaterThan(500);
    const missing: string[] = [];
    for (const [id, rule] of Object.entries(ruleRegistry)) {
      for (const messageId of Object.keys(rule.meta.messages)) {
        const key = `${id}/${messageId}`;
        const elsewhere = notInTheRuleTester[key];
        if (elsewhere) {
          // Covered in memory by another test of `npm test`, which names the message.
          expect(isEndToEnd(elsewhere.file), key).toBe(false);
          expect(readFileSync(path.join(root, elsewhere.file), 'utf8'), key).toContain(`messageId: '${messageId}'`);
          expect(cases.has(key), `${key} has rule-tester cases now: remove it from notInTheRuleTester`).toBe(false);
        } else if (!cases.has(key)) missing.push(key);
      }
    }
    expect(missing).toEqual([]);
    for (const key of Object.keys(notInTheRuleTester))
      expect(Object.keys(ruleRegistry[key.split('/')[0]]?.meta.messages ?? {}), key).toContain(key.split('/')[1]);
  });
});

const root = path.join(import.meta.dirname, '..');
const isEndToEnd = picomatch(endToEnd);

/**
 * Messages the rule tester cannot produce, each with the in-memory test of `npm test` that pins it
 * with its four coordinates.
 */
const notInTheRuleTester: Record<string, { file: string; why: string }> = {
  'ambiguous-table-owner/unusedAllow': {
    file: 'test/fix/allow-entry.test.ts',
    why: "reported at the entry in the project's config file; the tester passes its config inline",
  },
  'no-cross-service-foreign-key/unusedAllow': {
    file: 'test/fix/allow-entry.test.ts',
    why: "reported at the entry in the project's config file; the tester passes its config inline",
  },
  'table-prefix/missingLearnedPrefix': {
    file: 'test/workflow/zero-config-prefixes.test.ts',
    why: 'the prefix is learned only in a run without any config; the tester always lints with one',
  },
  'table-prefix/renamedWithoutLearnedPrefix': {
    file: 'test/workflow/zero-config-prefixes.test.ts',
    why: 'the prefix is learned only in a run without any config; the tester always lints with one',
  },
  'unanalysed-file/unreadable': {
    file: 'test/rules/unanalysed-file.test.ts',
    why: 'a file the source tree fails to read; every file of a tester case is readable',
  },
};

/**
 * `rule id/messageId` of every expected error written out (a literal messageId and the four coordinates)
 * in the invalid cases of `ruleTester.run(<a rule imported from rules/>, { invalid: [...] })` calls, in
 * the test files of `npm test`. Read from the source, as the tester registers cases per worker.
 */
function ruleTesterInvalidCases(): Map<string, number> {
  const found = new Map<string, number>();
  const files = readdirSync(path.join(root, 'test'), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((file) => !isEndToEnd(file));
  for (const file of files) {
    const text = readFileSync(path.join(root, file), 'utf8');
    if (!text.includes('ruleTester.run(')) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const ruleOf = new Map<string, string>();
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const id = /^(?:\.\.\/)+rules\/([a-z-]+)\.js$/.exec(statement.moduleSpecifier.text)?.[1];
      const name = statement.importClause?.name?.text;
      if (id && name) ruleOf.set(name, id);
    }
    const property = (node: ts.ObjectLiteralExpression, name: string) =>
      node.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(source) === name);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && node.expression.getText(source) === 'ruleTester.run') {
        const [rule, cases] = node.arguments;
        const id = ruleOf.get(rule.getText(source));
        const invalid = id && ts.isObjectLiteralExpression(cases) ? property(cases, 'invalid')?.initializer : undefined;
        for (const c of invalid && ts.isArrayLiteralExpression(invalid) ? invalid.elements : []) {
          const errors = ts.isObjectLiteralExpression(c) ? property(c, 'errors')?.initializer : undefined;
          for (const error of errors && ts.isArrayLiteralExpression(errors) ? errors.elements : []) {
            if (!ts.isObjectLiteralExpression(error)) continue;
            const messageId = property(error, 'messageId')?.initializer;
            const located = ['line', 'column', 'endLine', 'endColumn'].every((name) => property(error, name));
            if (messageId && ts.isStringLiteral(messageId) && located) {
              const key = `${id}/${messageId.text}`;
              found.set(key, (found.get(key) ?? 0) + 1);
            }
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

for (const [id, rule] of Object.entries(ruleRegistry)) {
  describe(`rule ${id}`, () => {
    const { meta } = rule;

    it('has an id equal to its registry key and file name', () => {
      expect(meta.id).toBe(id);
    });

    it('has an imperative description without a trailing period', () => {
      expect(meta.description).toMatch(/^(Disallow|Require|Report|Enforce|Flag|Prefer|Check)\b/);
      expect(meta.description).not.toMatch(/\.$/);
      expect(meta.rationale.length).toBeGreaterThan(40);
    });

    it('has one-sentence messages ending in a period', () => {
      for (const [messageId, text] of Object.entries(meta.messages)) {
        expect(text, messageId).toMatch(/\.$/);
        expect(text.split('{{').length, messageId).toBe(text.split('}}').length);
        for (const name of placeholdersOf(text)) expect(name, messageId).toMatch(/^\w+$/);
      }
    });

    it('has a security severity (0.1 to 10.0) exactly when it is a security rule, as GitHub code scanning needs', () => {
      if (meta.category === 'security') {
        expect(meta.securitySeverity).toBeGreaterThanOrEqual(0.1);
        expect(meta.securitySeverity).toBeLessThanOrEqual(10);
      } else expect(meta.securitySeverity).toBeUndefined();
    });

    it('describes every option', () => {
      for (const option of optionDocs(rule)) expect(option.description, option.name).not.toBe('');
    });

    it('has a fresh doc in rules/', () => {
      const doc = path.join(rulesDir, `${id}.md`);
      expect(existsSync(doc), `${id}.md exists (run npm run docs)`).toBe(true);
      expect(readFileSync(doc, 'utf8'), 'doc is up to date (run npm run docs)').toContain(renderRuleDoc(rule));
    });
  });
}
