import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { optionDocs, renderRuleDoc } from '../src/engine/rule-docs.js';
import { placeholdersOf } from '../src/engine/messages.js';
import { ruleRegistry } from '../rules/index.js';

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
});

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
