import { jsonValueSpan } from '../../src/config/jsonc.js';
import { REASON_PLACEHOLDER } from '../../src/engine/directive-fixes.js';
import type { Fix, TextEdit } from '../../src/engine/fix.js';
import type { ProjectModel } from '../../src/model/model.js';

/**
 * The suggestion to record an exception in the config instead of changing code: `entry` added to
 * the rule's `allow` option, with a `/* <reason> *\/` comment beside it to fill in. The config's
 * text is edited in place — its comments, order and layout stay — wherever the rule stands:
 * absent, a bare severity, `[severity]`, `[severity, { … }]` with or without `allow`. None when
 * the run read no config file, or the entry is there already.
 */
export function allowEntrySuggestion(
  project: ProjectModel,
  ruleId: string,
  severity: string,
  entry: string,
  what: string,
): Fix | undefined {
  const source = project.configSource;
  if (!source) return undefined;
  const { text, file } = source;
  const setting = project.config.rules?.[ruleId];
  const options = Array.isArray(setting) ? (setting[1] as { allow?: unknown } | undefined) : undefined;
  if (Array.isArray(options?.allow) && options.allow.includes(entry)) return undefined;
  const item = `${JSON.stringify(entry)} /* ${REASON_PLACEHOLDER} */`;
  const allowMember = `"allow": [${item}]`;
  const edit = insertion(text, ruleId, setting, options, item, allowMember, severity);
  if (!edit) return undefined;
  return {
    description: `Allow ${what} '${entry}' in ${ruleId}'s options in ${file}, with a reason.`,
    changes: [{ kind: 'edit', file, edits: [edit] }],
  };
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
