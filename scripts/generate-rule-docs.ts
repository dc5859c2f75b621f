// Writes rules/<id>.md from each rule's metadata, keeping hand-written notes below the generated block,
// and the rules table of README.md between its markers. test/docs.test.ts fails when either is stale.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeReadmeRulesTable, mergeRuleDoc } from '../src/engine/rule-docs.js';
import { directiveRules } from '../src/engine/suppress.js';
import { ruleRegistry } from '../rules/index.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const rulesDir = path.join(root, 'rules');
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

const readmeFile = path.join(root, 'README.md');
const readme = readFileSync(readmeFile, 'utf8');
const nextReadme = mergeReadmeRulesTable(readme, Object.values(ruleRegistry));
if (nextReadme !== readme) {
  writeFileSync(readmeFile, nextReadme);
  console.log('wrote the rules table of README.md');
}
