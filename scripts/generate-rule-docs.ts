// Writes rules/<id>.md from each rule's metadata, keeping hand-written notes below the generated block.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeRuleDoc } from '../src/engine/rule-docs.js';
import { ruleRegistry } from '../rules/index.js';

const rulesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'rules');
for (const [id, rule] of Object.entries(ruleRegistry)) {
  const file = path.join(rulesDir, `${id}.md`);
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  const next = mergeRuleDoc(existing, rule);
  if (next !== existing) {
    writeFileSync(file, next);
    console.log(`wrote rules/${id}.md`);
  }
}
