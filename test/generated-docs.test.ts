/**
 * The documents `npm run docs` writes from the rules' metadata (the README's rules table and
 * rules/<id>.md with its options table) are what it would write now: a rule, an option or a
 * description changed without regenerating fails here, naming the command.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ruleRegistry } from '../rules/index.js';
import { mergeReadmeRulesTable, mergeRuleDoc, README_TABLE_END, README_TABLE_START } from '../src/engine/rule-docs.js';
import { directiveRules } from '../src/engine/suppress.js';
import type { AnyRule } from '../src/engine/types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REGENERATE = 'stale generated documentation: run `npm run docs` and commit the result';

/** What the generator documents: the rules, and the directive pseudo-rules the engine reports. */
const documented: AnyRule[] = [...Object.values(ruleRegistry), ...directiveRules];

/** The files `npm run docs` would change, read through `read` (undefined: the file is missing). */
export function staleGeneratedDocs(read: (file: string) => string | undefined, rules: readonly AnyRule[] = documented): string[] {
  const stale: string[] = [];
  const readme = read('README.md');
  let fresh = false;
  try {
    fresh = readme !== undefined && mergeReadmeRulesTable(readme, Object.values(ruleRegistry)) === readme;
  } catch {
    // No markers: the table cannot be regenerated, so it is stale by definition.
  }
  if (!fresh) stale.push('README.md');
  for (const rule of rules) {
    const file = `rules/${rule.meta.id}.md`;
    const doc = read(file);
    if (doc === undefined || mergeRuleDoc(doc, rule) !== doc) stale.push(file);
  }
  return stale;
}

function readFromDisk(file: string): string | undefined {
  try {
    return readFileSync(path.join(root, file), 'utf8');
  } catch {
    return undefined;
  }
}

describe('generated documentation', () => {
  it('README.md and rules/*.md are what `npm run docs` writes', () => {
    expect(staleGeneratedDocs(readFromDisk), REGENERATE).toEqual([]);
  });

  it('the README lists every rule of the registry, each linking to its doc', () => {
    const readme = readFromDisk('README.md')!;
    const table = readme.slice(readme.indexOf(README_TABLE_START), readme.indexOf(README_TABLE_END));
    for (const id of Object.keys(ruleRegistry)) expect(table).toContain(`| [\`${id}\`](rules/${id}.md) |`);
  });
});

describe('the freshness check fails when a document drifts', () => {
  const disk = (overrides: Record<string, string | undefined>) => (file: string) =>
    file in overrides ? overrides[file] : readFromDisk(file);
  const tablePrefix = ruleRegistry['table-prefix'];

  it('a README row edited by hand', () => {
    const readme = readFromDisk('README.md')!.replace(
      '| [`table-prefix`](rules/table-prefix.md) | warn |',
      '| [`table-prefix`](rules/table-prefix.md) | error |',
    );
    expect(staleGeneratedDocs(disk({ 'README.md': readme }))).toEqual(['README.md']);
  });

  it('a README whose markers are gone', () => {
    const readme = readFromDisk('README.md')!.replace(README_TABLE_START, '');
    expect(staleGeneratedDocs(disk({ 'README.md': readme }))).toEqual(['README.md']);
  });

  it("a rule's description changed in its meta, but not in its docs", () => {
    const changed: AnyRule = { ...tablePrefix, meta: { ...tablePrefix.meta, description: `${tablePrefix.meta.description}, and more` } };
    expect(staleGeneratedDocs(readFromDisk, [changed])).toEqual(['rules/table-prefix.md']);
  });

  it('a rule doc that is missing, or whose options table was edited by hand', () => {
    expect(staleGeneratedDocs(disk({ 'rules/table-prefix.md': undefined }), [tablePrefix])).toEqual(['rules/table-prefix.md']);
    const edited = readFromDisk('rules/table-prefix.md')!.replace('| `exempt` |', '| `exempted` |');
    expect(edited).not.toBe(readFromDisk('rules/table-prefix.md'));
    expect(staleGeneratedDocs(disk({ 'rules/table-prefix.md': edited }), [tablePrefix])).toEqual(['rules/table-prefix.md']);
  });
});
