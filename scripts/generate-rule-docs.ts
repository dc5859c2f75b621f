// Writes rules/<id>.md from each rule's metadata, keeping hand-written notes below the generated block.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeRuleDoc } from '../src/engine/rule-docs.js';
import { directiveRules } from '../src/engine/suppress.js';
import { ruleRegistry } from '../rules/index.js';

const rulesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'rules');
// The directive pseudo-rules are reported by the engine but documented like rules.
const documented = [...Object.entries(ruleRegistry), ...directiveRules.map((rule) => [rule.meta.id, rule] as const)];
for (const [id, rule] of documented) {
  const file = path.join(rulesDir, `${id}.md`);
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  const next = mergeRuleDoc(existing, rule);
  if (next !== existing) {
    writeFileSync(file, next);
    console.log(`wrote rules/${id}.md`);
  }
}
