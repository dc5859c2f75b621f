import { pathToFileURL } from 'node:url';
import type {
  ConfigurationOverride,
  Fix as SarifFix,
  Invocation,
  Location,
  Log,
  Message,
  Notification,
  ReportingDescriptor,
  Result,
  Suppression,
} from 'sarif';
import type { AnyRule, Diagnostic, Fix, LintResult, RuleExample, SeveritySetting } from '../engine/types.js';
import type { Range } from '../analysis/facts.js';
import { defaultHelpUriBase, type ReportOptions } from './options.js';
import { isSuppressed, sortDiagnostics, sortedRules } from './shared.js';

const srcRoot = '%SRCROOT%';
const informationUri = 'https://github.com/nilecare/nilecare-lint';
const schemaUri = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
 *
 * Everything written comes from the Diagnostic and the rule metadata; no file content
 * (snippets, context regions) is ever read or embedded, so a secret a rule points at
 * cannot leak into an uploaded log. Fixes carry only the text they insert, which the rules
 * write (a directive, `true`, a helper call), never the text they replace.
 */
export function formatSarif(result: LintResult, options: ReportOptions): string {
  const helpUriBase = options.helpUriBase ?? defaultHelpUriBase;
  const diagnostics = sortDiagnostics(result.diagnostics).filter((d) => options.includeSuppressed || !isSuppressed(d));

  const descriptors = ruleDescriptors(result, diagnostics, helpUriBase);
  const ruleIndex = new Map(descriptors.map((descriptor, index) => [descriptor.id, index]));
  const messageTemplates = new Map(result.rules.map(({ rule }) => [rule.meta.id, rule.meta.messages]));

  const log: Log = {
    $schema: schemaUri,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'nilecare-lint',
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            informationUri,
            rules: descriptors,
          },
        },
        ...(options.automationId !== undefined && { automationDetails: { id: options.automationId } }),
        invocations: [invocation(result, options, ruleIndex)],
        originalUriBaseIds: { [srcRoot]: { uri: directoryUri(result.cwd) } },
        columnKind: 'utf16CodeUnits',
        results: diagnostics.map((d) => toResult(d, ruleIndex, messageTemplates)),
        ...runProperties(result),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * Every rule that ran, sorted by id, then a descriptor for each rule id that only appears in
 * diagnostics (a result built without its rules), so every result has a ruleIndex.
 */
function ruleDescriptors(result: LintResult, diagnostics: Diagnostic[], helpUriBase: string): ReportingDescriptor[] {
  const rules = sortedRules(result).filter((rule, index, all) => index === 0 || all[index - 1].meta.id !== rule.meta.id);
  const descriptors = rules.map((rule) => ruleDescriptor(rule, helpUriBase));
  const known = new Set(descriptors.map((descriptor) => descriptor.id));
  const unknownIds = [...new Set(diagnostics.map((d) => d.ruleId))].filter((id) => !known.has(id)).sort();
  return [...descriptors, ...unknownIds.map(unknownRuleDescriptor)];
}

function ruleDescriptor(rule: AnyRule, helpUriBase: string): ReportingDescriptor {
  const { meta } = rule;
  const helpUri = `${helpUriBase}${meta.id}.md`;
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.rationale },
    help: {
      text: `${sentence(meta.description)} ${meta.rationale}\nDocumentation: ${helpUri}`,
      markdown: helpMarkdown(rule, helpUri),
    },
    helpUri,
    messageStrings: Object.fromEntries(Object.entries(meta.messages).map(([id, template]) => [id, { text: messageString(template).text }])),
    defaultConfiguration: { level: level(meta.defaultSeverity) },
    properties: ruleProperties(rule),
  };
}

/**
 * GitHub files a rule's alerts as security alerts when its tags include `security` and it has a
 * `security-severity` (a score from 0.0 to 10.0, written as a string): 9.0 and above is critical,
 * 7.0 high, 4.0 medium, below that low.
 */
function ruleProperties(rule: AnyRule): ReportingDescriptor['properties'] {
  const { category, securitySeverity } = rule.meta;
  // The category is the tag: 'security' for the security rules.
  return {
    tags: [category],
    precision: 'high',
    ...(securitySeverity !== undefined && { 'security-severity': securitySeverity.toFixed(1) }),
  };
}

/** GitHub requires help on every descriptor; say no more than we know. */
function unknownRuleDescriptor(ruleId: string): ReportingDescriptor {
  const text = `Reported by nilecare-lint as '${ruleId}'; no rule metadata was available.`;
  return {
    id: ruleId,
    name: pascalCase(ruleId),
    shortDescription: { text: ruleId },
    fullDescription: { text },
    help: { text, markdown: text },
    helpUri: informationUri,
  };
}

function helpMarkdown(rule: AnyRule, helpUri: string): string {
  const { meta } = rule;
  const parts = [`**${sentence(meta.description)}**`, meta.rationale];
  const examples = (title: string, list: RuleExample[] | undefined) =>
    list && list.length > 0
      ? [`### ${title}`, ...list.map((example) => `\`${example.filename}\`\n${fence(example.code, example.filename)}`)]
      : [];
  parts.push(...examples('Incorrect', meta.examples?.invalid), ...examples('Correct', meta.examples?.valid));
  parts.push(`[Rule documentation](${helpUri})`);
  return parts.join('\n\n');
}

function toResult(d: Diagnostic, ruleIndex: Map<string, number>, messageTemplates: Map<string, Record<string, string>>): Result {
  const result: Result = {
    ruleId: d.ruleId,
    ruleIndex: ruleIndex.get(d.ruleId),
    level: level(d.severity),
    message: resultMessage(d, messageTemplates.get(d.ruleId)?.[d.messageId]),
    locations: [location(d.file, d)],
  };
  if (d.related && d.related.length > 0) {
    result.relatedLocations = d.related.map((related, index) => ({
      id: index + 1,
      ...location(related.file, related.range),
      message: { text: related.message },
    }));
  }
  // GitHub reads primaryLocationLineHash; the namespaced key survives tools that rewrite it.
  result.partialFingerprints = { primaryLocationLineHash: d.fingerprint, 'nilecare/v1': d.fingerprint };
  if (d.suppressed) {
    const suppression: Suppression = { kind: d.suppressed.kind === 'inSource' ? 'inSource' : 'external' };
    if (d.suppressed.justification !== undefined) suppression.justification = d.suppressed.justification;
    result.suppressions = [suppression];
  }
  if (d.help) result.properties = { help: d.help };
  const fixes = [...(d.fix ? [d.fix] : []), ...(d.suggestions ?? [])].map(toSarifFix).filter((fix) => fix !== undefined);
  if (fixes.length > 0) result.fixes = fixes;
  return result;
}

/**
 * A fix or suggestion as SARIF's `fix`: each edit a replacement of a region in UTF-16 offsets
 * (SARIF's `charOffset`/`charLength`, the default column kind), a created file an insertion into
 * an empty one. SARIF has no rename, so a change holding one is left out rather than shown in
 * part. Only the inserted text is written: never the text it replaces.
 */
function toSarifFix(fix: Fix): SarifFix | undefined {
  if (fix.changes.some((change) => change.kind === 'rename')) return undefined;
  return {
    description: { text: fix.description },
    artifactChanges: fix.changes.map((change) => ({
      artifactLocation: { uri: relativeUri(change.file), uriBaseId: srcRoot },
      replacements:
        change.kind === 'edit'
          ? change.edits.map((edit) => ({
              deletedRegion: { charOffset: edit.start, charLength: edit.end - edit.start },
              insertedContent: { text: edit.text },
            }))
          : change.kind === 'create'
            ? [{ deletedRegion: { charOffset: 0, charLength: 0 }, insertedContent: { text: change.text } }]
            : [],
    })),
  };
}

/**
 * What the run read without checking is no result: the count of valid SQL the parsers could not read, and of Flow-typed
 * files whose Flow syntax was not checked, travel with the run (the JSON reporter's `summary.unsupportedSql` and
 * `summary.flowSyntaxUnchecked`), each only when there is any.
 */
function runProperties(result: LintResult): { properties?: Record<string, object> } {
  const unsupported = result.unsupportedSql;
  const flow = result.flowSyntax;
  const properties = {
    ...(unsupported && unsupported.statements > 0
      ? { 'nilecare/unsupportedSql': { statements: unsupported.statements, byConstruct: unsupported.byConstruct } }
      : {}),
    ...(flow && flow.files > 0 ? { 'nilecare/flowSyntaxUnchecked': { files: flow.files } } : {}),
  };
  return Object.keys(properties).length > 0 ? { properties } : {};
}

function invocation(result: LintResult, options: ReportOptions, ruleIndex: Map<string, number>): Invocation {
  const notices: Notification[] = [
    ...(result.unchecked ?? []).map((part): Notification => ({ level: 'warning', message: { text: part.message } })),
    ...(result.warnings ?? []).map((warning): Notification => ({ level: 'warning', message: { text: warning } })),
    ...result.notices.map((notice): Notification => ({ level: 'note', message: { text: notice } })),
  ];

  // The rule descriptors carry each rule's default; configured severities that differ are overrides.
  const configurationOverrides: ConfigurationOverride[] = result.rules
    .filter(({ rule, severity }) => rule.meta.defaultSeverity !== severity)
    .map(({ rule, severity }) => ({
      descriptor: { id: rule.meta.id, index: ruleIndex.get(rule.meta.id) },
      configuration: { level: level(severity) },
    }))
    .sort((a, b) => (a.descriptor.index ?? 0) - (b.descriptor.index ?? 0));

  const run: Invocation = {
    // Exit code 1 means findings, which is a successful run; 2 is a usage or internal error.
    executionSuccessful: options.exitCode === undefined || options.exitCode < 2,
  };
  if (options.exitCode !== undefined) run.exitCode = options.exitCode;
  if (configurationOverrides.length > 0) run.ruleConfigurationOverrides = configurationOverrides;
  run.toolExecutionNotifications = notices;
  return run;
}

/**
 * The rendered text, plus the message id and arguments when the diagnostic's data fills
 * its rule's template, so consumers can also work from the rule's `messageStrings`.
 */
function resultMessage(d: Diagnostic, template: string | undefined): Message {
  if (template === undefined) return { text: d.message };
  const { names } = messageString(template);
  const data = d.data ?? {};
  if (!names.every((name) => Object.hasOwn(data, name))) return { text: d.message };
  return names.length > 0
    ? { text: d.message, id: d.messageId, arguments: names.map((name) => String(data[name])) }
    : { text: d.message, id: d.messageId };
}

/**
 * A rule message template (`{{name}}` placeholders) as a SARIF message string: numbered
 * placeholders in order of first use, literal braces doubled.
 */
function messageString(template: string): { text: string; names: string[] } {
  const names: string[] = [];
  let text = '';
  let rest = 0;
  for (const match of template.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/gu)) {
    const name = match[1];
    if (!names.includes(name)) names.push(name);
    text += escapeBraces(template.slice(rest, match.index)) + `{${names.indexOf(name)}}`;
    rest = match.index + match[0].length;
  }
  return { text: text + escapeBraces(template.slice(rest)), names };
}

function escapeBraces(text: string): string {
  return text.replace(/[{}]/gu, (brace) => brace + brace);
}

function location(file: string, range: Range): Location {
  return {
    physicalLocation: {
      artifactLocation: { uri: relativeUri(file), uriBaseId: srcRoot },
      region: {
        startLine: range.line,
        startColumn: range.column,
        endLine: range.endLine,
        endColumn: range.endColumn,
      },
    },
  };
}

/** A repo-relative posix path as a relative URI reference: each segment percent-encoded. */
export function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** SARIF requires base URIs to end with a slash. */
function directoryUri(directory: string): string {
  const uri = pathToFileURL(directory).href;
  return uri.endsWith('/') ? uri : `${uri}/`;
}

function level(severity: SeveritySetting): 'error' | 'warning' | 'none' {
  return severity === 'error' ? 'error' : severity === 'warn' ? 'warning' : 'none';
}

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/u)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('');
}

function sentence(text: string): string {
  return /[.!?]$/u.test(text) ? text : `${text}.`;
}

/** A fence longer than any backtick run in the code, tagged with the file's language. */
function fence(code: string, filename: string): string {
  const longestRun = Math.max(2, ...(code.match(/`+/gu) ?? []).map((run) => run.length));
  const marker = '`'.repeat(longestRun + 1);
  const extension = /\.([a-z0-9]+)$/iu.exec(filename)?.[1] ?? '';
  return `${marker}${extension}\n${code.replace(/\n$/u, '')}\n${marker}`;
}
