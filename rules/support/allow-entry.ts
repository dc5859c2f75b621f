import { jsonValueSpan } from '../../src/config/jsonc.js';
import type { Span } from '../../src/analysis/facts.js';
import { REASON_PLACEHOLDER } from '../../src/engine/directive-fixes.js';
import type { Fix, TextEdit } from '../../src/engine/fix.js';
import type { ProjectModel } from '../../src/model/model.js';
import type { RuleContext } from '../../src/engine/types.js';

/**
 * An allow-list entry: a name or glob (the reason goes in a comment beside it), or an object whose
 * `reason` member the rule requires (written with the reason placeholder to fill in).
 */
export type AllowEntry = string | Record<string, string>;

/**
 * The suggestion to record an exception in the config instead of changing code: `entry` added to
 * the rule's `allow` option — a string with a `/* <reason> *\/` comment beside it, an object with
 * `"reason": "<reason>"` — to fill in. The config's text is edited in place — its comments, order
 * and layout stay — wherever the rule stands: absent, a bare severity, `[severity]`,
 * `[severity, { … }]` with or without `allow`. None when the run read no config file, or the entry
 * is there already.
 */
export function allowEntrySuggestion(
  project: ProjectModel,
  ruleId: string,
  severity: string,
  entry: AllowEntry,
  what: string,
): Fix | undefined {
  const source = project.configSource;
  if (!source) return undefined;
  const { text, file } = source;
  const setting = project.config.rules?.[ruleId];
  const options = Array.isArray(setting) ? (setting[1] as { allow?: unknown } | undefined) : undefined;
  if (Array.isArray(options?.allow) && options.allow.some((present) => sameEntry(present, entry))) return undefined;
  const item =
    typeof entry === 'string'
      ? `${JSON.stringify(entry)} /* ${REASON_PLACEHOLDER} */`
      : `{ ${Object.entries({ ...entry, reason: REASON_PLACEHOLDER })
          .map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`)
          .join(', ')} }`;
  const allowMember = `"allow": [${item}]`;
  const edit = insertion(text, ruleId, setting, options, item, allowMember, severity);
  if (!edit) return undefined;
  const name = typeof entry === 'string' ? entry : Object.values(entry)[0];
  return {
    description: `Allow ${what} '${name}' in ${ruleId}'s options in ${file}, with a reason.`,
    changes: [{ kind: 'edit', file, edits: [edit] }],
  };
}

/** Whether an entry of the config is the one a suggestion would add (its reason aside). */
function sameEntry(present: unknown, entry: AllowEntry): boolean {
  if (typeof entry === 'string') return present === entry;
  if (typeof present !== 'object' || present === null) return false;
  return Object.entries(entry).every(([key, value]) => (present as Record<string, unknown>)[key] === value);
}

/** Where the value at `keyPath` of the config file is (`['services', 0, 'tables', 1]`), when the run read one: a span the runner locates. */
export function configEntryLocation(
  project: ProjectModel,
  keyPath: ReadonlyArray<string | number>,
): { file: string; span: Span } | undefined {
  const source = project.configSource;
  if (!source) return undefined;
  const span = jsonValueSpan(source.text, keyPath);
  return span && { file: source.file, span };
}

/**
 * Where the `index`th entry of the rule's `allow` option stands in the config file, for a finding
 * about the entry itself (one that allows nothing): the config's path and the entry's range.
 */
export function allowEntryLocation(project: ProjectModel, ruleId: string, index: number): { file: string; span: Span } | undefined {
  return configEntryLocation(project, ['rules', ruleId, 1, 'allow', index]);
}

/**
 * A warning on each entry of the rule's `allow` option that allowed nothing this run, located on the
 * entry in the config file. Reported only where the entry has a location: the run reports on the config
 * only when it covers the whole repository.
 */
export function reportUnusedAllowEntries(
  context: RuleContext<'unusedAllow', unknown>,
  entries: ReadonlyArray<{ readonly table: string; readonly used: boolean }>,
  help: string,
  fingerprintText: (entry: number) => string,
): void {
  entries.forEach((entry, index) => {
    const at = entry.used ? undefined : allowEntryLocation(context.project, context.id, index);
    if (!at) return;
    context.report({
      messageId: 'unusedAllow',
      data: { table: entry.table },
      at,
      severity: 'warn',
      help,
      fingerprintText: fingerprintText(index),
    });
  });
}

function insertion(
  text: string,
  ruleId: string,
  setting: unknown,
  options: { allow?: unknown } | undefined,
  item: string,
  allowMember: string,
  severity: string,
): TextEdit | undefined {
  const at = (offset: number, insert: string): TextEdit => ({ start: offset, end: offset, text: insert });
  const path = ['rules', ruleId];
  const span = jsonValueSpan(text, path);
  if (span && typeof setting === 'string') {
    return { start: span.start, end: span.end, text: `[${text.slice(span.start, span.end)}, { ${allowMember} }]` };
  }
  if (span && Array.isArray(setting)) {
    if (setting.length === 1) {
      const severitySpan = jsonValueSpan(text, [...path, 0]);
      return severitySpan && at(severitySpan.end, `, { ${allowMember} }`);
    }
    const optionsSpan = jsonValueSpan(text, [...path, 1]);
    if (!optionsSpan || text[optionsSpan.start] !== '{') return undefined;
    if (Array.isArray(options?.allow)) {
      const count = options.allow.length;
      if (count === 0) {
        const allowSpan = jsonValueSpan(text, [...path, 1, 'allow']);
        return allowSpan && at(allowSpan.start + 1, item);
      }
      const last = jsonValueSpan(text, [...path, 1, 'allow', count - 1]);
      return last && at(last.end, `, ${item}`);
    }
    const members = Object.keys(options ?? {}).length;
    return at(optionsSpan.start + 1, members > 0 ? ` ${allowMember},` : ` ${allowMember} `);
  }
  if (span) return undefined;
  const member = `${JSON.stringify(ruleId)}: [${JSON.stringify(severity)}, { ${allowMember} }]`;
  const rulesSpan = jsonValueSpan(text, ['rules']);
  if (rulesSpan) {
    if (text[rulesSpan.start] !== '{') return undefined;
    const empty = /^\{\s*\}$/u.test(text.slice(rulesSpan.start, rulesSpan.end));
    return at(rulesSpan.start + 1, empty ? ` ${member} ` : ` ${member},`);
  }
  const root = jsonValueSpan(text, []);
  if (!root || text[root.start] !== '{') return undefined;
  const empty = /^\{\s*\}$/u.test(text.slice(root.start, root.end));
  return at(root.start + 1, empty ? ` "rules": { ${member} } ` : ` "rules": { ${member} },`);
}
