import { z } from 'zod';
import type { AnyRule } from './types.js';

export const GENERATED_START = "<!-- begin generated: edit the rule's meta, then `npm run docs` -->";
export const GENERATED_END = '<!-- end generated -->';

interface OptionDoc {
  name: string;
  type: string;
  defaultValue: string;
  description: string;
}

/** Options of a rule, read from its zod schema's JSON Schema (descriptions and defaults). */
export function optionDocs(rule: AnyRule): OptionDoc[] {
  if (!rule.meta.options) return [];
  const schema = z.toJSONSchema(rule.meta.options as z.ZodType, { unrepresentable: 'any', io: 'input' }) as {
    properties?: Record<
      string,
      { type?: string | string[]; description?: string; default?: unknown; items?: { type?: string }; enum?: unknown[] }
    >;
  };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    type: property.enum
      ? property.enum.map((v) => JSON.stringify(v)).join(' | ')
      : property.type === 'array'
        ? `${property.items?.type ?? 'unknown'}[]`
        : Array.isArray(property.type)
          ? property.type.join(' | ')
          : (property.type ?? 'object'),
    defaultValue: property.default === undefined ? '—' : `\`${JSON.stringify(property.default)}\``,
    description: property.description ?? '',
  }));
}

/** GitHub code scanning's names for security-severity scores. */
function securityLevel(score: number): string {
  return score >= 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
}

/** The generated part of `rules/<id>.md`: everything derivable from the rule's metadata. */
export function renderRuleDoc(rule: AnyRule): string {
  const { meta } = rule;
  const lines: string[] = [GENERATED_START, `# ${meta.id}`, '', `${meta.description}.`, ''];
  lines.push(`- **Category:** ${meta.category}`, `- **Default severity:** \`${meta.defaultSeverity}\``);
  if (meta.securitySeverity !== undefined)
    lines.push(
      `- **Security severity:** ${meta.securitySeverity.toFixed(1)} (${securityLevel(meta.securitySeverity)}; SARIF \`security-severity\`)`,
    );
  lines.push('');
  lines.push('## Why', '', meta.rationale, '');
  lines.push('## Messages', '');
  for (const [id, text] of Object.entries(meta.messages)) lines.push(`- \`${id}\`: ${text}`);
  lines.push('');
  const options = optionDocs(rule);
  lines.push('## Options', '');
  if (options.length === 0) lines.push('None.', '');
  else {
    lines.push('| option | type | default | description |', '| --- | --- | --- | --- |');
    for (const o of options) lines.push(`| \`${o.name}\` | ${o.type} | ${o.defaultValue} | ${o.description.replace(/\|/g, '\\|')} |`);
    lines.push(
      '',
      'Set them in the config: `"rules": { "' +
        meta.id +
        '": ["' +
        (meta.defaultSeverity === 'off' ? 'warn' : meta.defaultSeverity) +
        '", { … }] }`.',
      '',
    );
  }
  if (meta.examples) {
    for (const [kind, title] of [
      ['invalid', 'Incorrect'],
      ['valid', 'Correct'],
    ] as const) {
      const examples = meta.examples[kind];
      if (examples.length === 0) continue;
      lines.push(`## ${title}`, '');
      for (const example of examples) {
        const lang = example.filename.endsWith('.sql') ? 'sql' : 'ts';
        const withOptions = example.options ? `, with options \`${JSON.stringify(example.options)}\`` : '';
        lines.push(`\`${example.filename}\`${withOptions}`, '', '```' + lang, example.code, '```', '');
      }
    }
  }
  lines.push(GENERATED_END);
  return lines.join('\n');
}

/** Replaces the generated block of an existing doc, keeping hand-written notes after it. */
export function mergeRuleDoc(existing: string | undefined, rule: AnyRule): string {
  const generated = renderRuleDoc(rule);
  if (!existing) return `${generated}\n`;
  const start = existing.indexOf(GENERATED_START);
  const end = existing.indexOf(GENERATED_END);
  if (start >= 0 && end > start) return existing.slice(0, start) + generated + existing.slice(end + GENERATED_END.length);
  // A hand-written doc from before generation: keep it below as notes.
  const notes = existing.replace(/^# .*\n+/, '').trim();
  return `${generated}\n\n## Notes\n\n${notes}\n`;
}

export const README_TABLE_START = "<!-- begin generated rules table: edit the rules' meta, then `npm run docs` -->";
export const README_TABLE_END = '<!-- end generated rules table -->';

/** The order the README lists categories in: what the linter is for first. */
const CATEGORY_ORDER = ['architecture', 'security', 'migrations', 'naming', 'correctness'];

/**
 * The README's rules table: one row per rule, by category, each linking to its doc, with its
 * default severity and the names of its options (their types and defaults are in the doc).
 */
export function renderRulesTable(rules: readonly AnyRule[]): string {
  const rank = (rule: AnyRule) => {
    const at = CATEGORY_ORDER.indexOf(rule.meta.category);
    return at < 0 ? CATEGORY_ORDER.length : at;
  };
  const sorted = [...rules].sort((a, b) => rank(a) - rank(b) || a.meta.id.localeCompare(b.meta.id));
  const lines = [README_TABLE_START, '| rule | default | category | what it reports | options |', '| --- | --- | --- | --- | --- |'];
  for (const rule of sorted) {
    const { id, defaultSeverity, category, description } = rule.meta;
    const options = optionDocs(rule).map((o) => `\`${o.name}\``);
    const cells = [`[\`${id}\`](rules/${id}.md)`, defaultSeverity, category, description.replace(/\|/g, '\\|'), options.join(', ') || '—'];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  lines.push(README_TABLE_END);
  return lines.join('\n');
}

/**
 * The README with its generated rules table replaced; throws when the markers are missing or out
 * of order, so that a README edited by hand is not silently left stale.
 */
export function mergeReadmeRulesTable(readme: string, rules: readonly AnyRule[]): string {
  const start = readme.indexOf(README_TABLE_START);
  const end = readme.indexOf(README_TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`README.md has no generated rules table: put ${README_TABLE_START} and ${README_TABLE_END} where it goes`);
  return readme.slice(0, start) + renderRulesTable(rules) + readme.slice(end + README_TABLE_END.length);
}
