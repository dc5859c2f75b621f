/**
 * The directive pseudo-rules are reported by the engine, not by rule modules, but reporters
 * describe them like rules (SARIF points helpUri at rules/<id>.md), so they keep the same
 * invariants as the registered rules and their docs stay fresh.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderRuleDoc } from '../../src/engine/rule-docs.js';
import { directiveRules } from '../../src/engine/suppress.js';
import { ruleRegistry } from '../../rules/index.js';

const rulesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../rules');

for (const rule of directiveRules) {
  describe(rule.meta.id, () => {
    it('is not also a registered rule', () => {
      expect(ruleRegistry[rule.meta.id]).toBeUndefined();
    });

    it('follows the rule metadata conventions', () => {
      expect(rule.meta.description).toMatch(/^Report\b/);
      expect(rule.meta.description).not.toMatch(/\.$/);
      for (const text of Object.values(rule.meta.messages as Record<string, string>))
        expect(text).toMatch(/^Directive '\{\{directive\}\}' .*\.$/);
    });

    it('has a fresh doc in rules/ (the generated block matches the metadata)', () => {
      const doc = path.join(rulesDir, `${rule.meta.id}.md`);
      expect(existsSync(doc)).toBe(true);
      expect(readFileSync(doc, 'utf8')).toContain(renderRuleDoc(rule));
    });
  });
}
