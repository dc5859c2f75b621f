import { HOLE_PREFIX, type EnvFileEntry, type FileFacts, type Range } from '../analysis/facts.js';
import type { ProjectModel } from '../model/model.js';
import { resolveOrmReferences, resolveSqlAnalysis, type ResolvedStatement } from '../model/accesses.js';
import { apiTableRefsOf } from '../model/ddl-events.js';
import { isMigrationToolTable } from '../model/table-names.js';
import { computeLineStarts, firstLineRange, spanToRange, textOfLines } from '../analysis/text.js';
import { ConfigError } from '../config/load.js';
import { fingerprintOf } from './fingerprint.js';
import { interpolate } from './messages.js';
import type { FixSource } from './fix.js';
import type { AnyRule, Diagnostic, EventBase, ReportDescriptor, ReportTarget, RuleContext, RuleListener, Severity } from './types.js';

export interface ActiveRule {
  rule: AnyRule;
  severity: Severity;
  options: unknown;
  /**
   * The files this setting of the rule judges, when the config's `overrides` set the rule for some files (the rule then
   * has one entry per setting, each judging its own files); absent: every file.
   */
  files?: (path: string) => boolean;
}

export interface RunOutcome {
  diagnostics: Diagnostic[];
  /** Rule crashes: reported to the user and turned into exit code 2, never swallowed. */
  internalErrors: string[];
  /**
   * The suggestions rules offered, by diagnostic fingerprint: resolved (deferred ones computed) by
   * the pipeline only when the run asks for suggestions, so a plain lint pays nothing for them.
   */
  suggestions: Map<string, FixSource[]>;
  /**
   * With `projectRulesEverywhere`: the files every rule visited, the ids of the project-level rules,
   * and how many findings other rules reported in files they did not visit (dropped: such a rule
   * depends on more than its file, and the run must not be partial).
   */
  partial?: { linted: ReadonlySet<string>; projectRules: ReadonlySet<string>; strays: number };
}

type PendingDiagnostic = Omit<Diagnostic, 'fingerprint'> & { fingerprintText: string; suggest?: FixSource[] };

type Hook = keyof RuleListener;
type Dispatch = (<K extends Hook>(hook: K, event: Parameters<NonNullable<RuleListener[K]>>[0]) => void) & {
  /** Whether any rule listens to `hook`: events nobody listens to are not even built. */
  wants(hook: Hook): boolean;
};

export interface RunOptions {
  /** Accumulates each rule's time in milliseconds (ESLint's `TIMING`); off when absent. */
  timings?: Map<string, number>;
  /** Files outside `linted` whose findings are reported too: the config file, for findings about its entries. */
  alsoReport?: readonly string[];
  /**
   * Project-level rules (those with a `project` listener: their findings depend on every file)
   * visit every file and report wherever they find; the others visit `linted` only, plus the files
   * `alsoLint` names once the project-level rules are known. For a run that takes the findings of
   * the other files from an earlier run over an equal model (see src/reuse-run.ts).
   */
  projectRulesEverywhere?: { alsoLint(projectRules: ReadonlySet<string>): Iterable<string> };
}

/**
 * Runs every rule over the facts of the linted files (ownership comes from the whole
 * model), collects diagnostics and gives each a fingerprint. Pure apart from rule code.
 */
export function runRules(
  model: ProjectModel,
  rules: readonly ActiveRule[],
  selected: ReadonlySet<string>,
  options: RunOptions = {},
): RunOutcome {
  const pending: PendingDiagnostic[] = [];
  const internalErrors: string[] = [];
  const fileByPath = new Map(model.files.map((f) => [f.path, f]));
  const config = configLines(model.configSource);
  let currentFile: FileFacts | undefined;

  const instances = rules.map(({ rule, severity, options: ruleOptions, files }) => {
    const context: RuleContext<string, unknown> = {
      id: rule.meta.id,
      options: ruleOptions,
      project: model,
      report(descriptor: ReportDescriptor<string>) {
        const template = rule.meta.messages[descriptor.messageId];
        if (template === undefined) throw new Error(`rule '${rule.meta.id}' reported unknown messageId '${descriptor.messageId}'`);
        const file = descriptor.at.file ?? currentFile?.path;
        if (!file) throw new Error(`rule '${rule.meta.id}' reported outside a file event without a file`);
        const range = rangeOf(fileByPath, file, descriptor.at, rule.meta.id, config);
        pending.push({
          ruleId: rule.meta.id,
          messageId: descriptor.messageId,
          message: interpolate(template, descriptor.data),
          severity: descriptor.severity ?? severity,
          file,
          ...range,
          help: descriptor.help,
          data: descriptor.data,
          related: descriptor.related?.map((r) =>
            r.range ? r : { file: r.file, range: rangeOf(fileByPath, r.file, r, rule.meta.id, config), message: r.message },
          ),
          fingerprintText: descriptor.fingerprintText ?? linesOf(fileByPath.get(file), range),
          ...(descriptor.fix ? { fix: descriptor.fix } : {}),
          ...(descriptor.suggest?.length ? { suggest: descriptor.suggest } : {}),
        });
      },
    };
    const listener = rule.create(context);
    // A setting for some files cannot judge what depends on every file: its findings would repeat the other settings'.
    if (files && typeof listener.project === 'function')
      throw new ConfigError(`overrides: '${rule.meta.id}' judges the whole project, so it is set in "rules" only, not for some files`);
    return { rule, listener, files };
  });

  // Handlers by hook, so an event only visits the rules that listen to it.
  type Handlers = Map<Hook, Array<{ id: string; instance: number; listener: RuleListener; handler: (event: unknown) => void }>>;
  const everyRule: Handlers = new Map();
  const projectLevel: Handlers = new Map();
  const projectRules = new Set(instances.filter(({ listener }) => typeof listener.project === 'function').map(({ rule }) => rule.meta.id));
  for (const [instance, { rule, listener }] of instances.entries()) {
    for (const hook of Object.keys(listener) as Hook[]) {
      // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the listener as `this`
      const handler = listener[hook] as ((event: unknown) => void) | undefined;
      if (typeof handler !== 'function') continue;
      for (const map of projectRules.has(rule.meta.id) ? [everyRule, projectLevel] : [everyRule]) {
        if (!map.has(hook)) map.set(hook, []);
        map.get(hook)!.push({ id: rule.meta.id, instance, listener, handler });
      }
    }
  }
  const everywhere = options.projectRulesEverywhere;
  const linted = everywhere ? new Set([...selected, ...everywhere.alsoLint(projectRules)]) : selected;
  let handlers = everyRule;
  const { timings } = options;
  for (const { rule } of rules) if (timings && !timings.has(rule.meta.id)) timings.set(rule.meta.id, 0);
  // Settings of a rule for some files (the config's `overrides`) that do not judge the file being visited.
  const restricted = instances.flatMap(({ files }, instance) => (files ? [{ instance, files }] : []));
  let skipped: ReadonlySet<number> = new Set();
  const dispatch = ((hook: Hook, event: unknown) => {
    const listening = handlers.get(hook);
    if (listening === undefined) return;
    // Indexed: a for…of allocates an iterator result per step until V8 optimises it, for every event of the run.
    for (let i = 0; i < listening.length; i++) {
      const { id, instance, listener, handler } = listening[i];
      if (skipped.size > 0 && skipped.has(instance)) continue;
      const started = timings ? performance.now() : 0;
      try {
        handler.call(listener, event);
      } catch (error) {
        const where = currentFile ? ` on ${currentFile.path}` : '';
        internalErrors.push(`rule '${id}' crashed${where}: ${(error as Error).stack ?? String(error)}`);
      }
      if (timings) timings.set(id, (timings.get(id) ?? 0) + performance.now() - started);
    }
  }) as Dispatch;
  dispatch.wants = (hook) => handlers.has(hook);

  // Project-level rules that listen to nothing but `project` need no visit of the other files (one with allow entries to
  // find unused, as no-cross-service-foreign-key's, visits every file's foreign keys).
  const visitOthers = everywhere !== undefined && [...projectLevel.keys()].some((hook) => hook !== 'project');
  for (const file of model.files) {
    const all = linted.has(file.path);
    if (!all && !visitOthers) continue;
    handlers = all ? everyRule : projectLevel;
    currentFile = file;
    if (restricted.length > 0) skipped = new Set(restricted.filter(({ files }) => !files(file.path)).map(({ instance }) => instance));
    visitFile(model, file, dispatch);
  }
  handlers = everyRule;
  currentFile = undefined;
  skipped = new Set();
  dispatch('project', undefined as never);

  const reported = new Set(options.alsoReport ?? []);
  const suggestions = new Map<string, FixSource[]>();
  const kept = pending.filter((d) => linted.has(d.file) || reported.has(d.file) || (everywhere && projectRules.has(d.ruleId)));
  const diagnostics = assignFingerprints(kept, suggestions);
  if (!everywhere) return { diagnostics, internalErrors, suggestions };
  const strays = pending.filter((d) => !linted.has(d.file) && !reported.has(d.file) && !projectRules.has(d.ruleId)).length;
  return { diagnostics, internalErrors, suggestions, partial: { linted, projectRules, strays } };
}

/** The range a report target means in `file`. */
function rangeOf(
  fileByPath: ReadonlyMap<string, FileFacts>,
  file: string,
  target: ReportTarget,
  ruleId: string,
  config: ConfigLines | undefined,
): Range {
  if (target.range) return target.range;
  const facts = fileByPath.get(file);
  const span = target.span ?? target.node?.fileSpan;
  // The config file is no file the rules visit: a finding on one of its entries (an allow entry that allows nothing) is a span of its text.
  if (!facts && config && file === config.file && span) return spanToRange(config.lineStarts(), span);
  if (!facts) throw new Error(`rule '${ruleId}' reported a span of '${file}', which is not a file of the project`);
  if (target.wholeFile) return firstLineRange(facts);
  return spanToRange(facts.lineStarts, span!);
}

interface ConfigLines {
  file: string;
  lineStarts(): number[];
}

/** The config file's line table, made when a rule first reports in it. */
function configLines(source: ProjectModel['configSource']): ConfigLines | undefined {
  if (!source) return undefined;
  let lineStarts: number[] | undefined;
  return { file: source.file, lineStarts: () => (lineStarts ??= computeLineStarts(source.text)) };
}

/** The events visitSql dispatches. */
const SQL_HOOKS: readonly Hook[] = ['sqlStatement', 'tableReference', 'routineCall', 'tableDefinition', 'foreignKey', 'indexDefinition'];

function visitFile(model: ProjectModel, file: FileFacts, dispatch: Dispatch): void {
  const service = model.serviceOf(file.path);
  const base: EventBase = { file, service };
  const range = (span: { start: number; end: number }) => spanToRange(file.lineStarts, span);
  dispatch('file', base);

  // A statement's references are resolved for the rules that hear of SQL; a run without any (one rule of env files) skips it.
  const sql = SQL_HOOKS.some((hook) => dispatch.wants(hook));
  if (file.sql && sql) visitSql(base, resolveSqlAnalysis(model, file, service, file.sql), dispatch);
  if (dispatch.wants('tableDeclaration')) declarationEvents(file, base, dispatch, model);
  const script = file.script;
  // Embedded SQL first, then the calls and declarative changes that name tables.
  if (sql)
    script?.embeddedSql.forEach((site, index) => {
      const analysis = file.embeddedAnalyses?.[index];
      if (analysis) visitSql(base, resolveSqlAnalysis(model, file, service, analysis, index), dispatch);
    });
  if (dispatch.wants('tableReference'))
    for (const reference of resolveOrmReferences(model, file, service)) dispatch('tableReference', { ...base, ...reference });
  if (script) {
    if (dispatch.wants('envDefault'))
      for (const envDefault of script.envDefaults) dispatch('envDefault', { ...base, envDefault, range: range(envDefault.fileSpan) });
    if (dispatch.wants('configProperty')) {
      for (const property of script.configProperties) {
        dispatch('configProperty', { ...base, property, keyRange: range(property.keySpan), valueRange: range(property.valueSpan) });
      }
    }
    if (dispatch.wants('connectionString'))
      for (const literal of script.connectionStrings) dispatch('connectionString', { ...base, literal, range: range(literal.fileSpan) });
    if (dispatch.wants('import'))
      for (const importFact of script.imports) dispatch('import', { ...base, importFact, range: range(importFact.fileSpan) });
    if (dispatch.wants('envWrite'))
      for (const write of script.envWrites ?? []) dispatch('envWrite', { ...base, write, range: range(write.fileSpan) });
  }
  settingEvents(file, base, dispatch);
}

/** The settings of env files, compose files, Kubernetes manifests and application YAML, and the passwords SQL sets. */
function settingEvents(file: FileFacts, base: EventBase, dispatch: Dispatch): void {
  const range = (span: { start: number; end: number }) => spanToRange(file.lineStarts, span);
  const ranges = (entry: EnvFileEntry) => ({ keyRange: range(entry.keySpan), valueRange: range(entry.valueSpan) });
  if (file.env && dispatch.wants('envEntry')) for (const entry of file.env) dispatch('envEntry', { ...base, entry, ...ranges(entry) });
  if (file.dockerEnv && dispatch.wants('envEntry'))
    for (const entry of file.dockerEnv) dispatch('envEntry', { ...base, entry, dockerfile: true, ...ranges(entry) });
  if (file.compose && dispatch.wants('composeEntry')) {
    // An anchored block (`x-db-env: &db-env`) merged into several services is one text: one event, for its first service.
    const seen = new Set<number>();
    for (const { service: composeService, entries } of file.compose)
      for (const entry of entries) {
        if (seen.has(entry.keySpan.start)) continue;
        seen.add(entry.keySpan.start);
        dispatch('composeEntry', { ...base, composeService, entry, ...ranges(entry) });
      }
  }
  if (file.k8s && dispatch.wants('manifestEntry')) {
    for (const manifest of file.k8s)
      for (const entry of manifest.entries) dispatch('manifestEntry', { ...base, manifest, entry, ...ranges(entry) });
  }
  if (file.yamlSettings && dispatch.wants('yamlSetting'))
    for (const setting of file.yamlSettings) dispatch('yamlSetting', { ...base, setting, ...ranges(setting) });
  if (file.ormConfig?.connections && dispatch.wants('ormConfigEntry')) {
    const library = file.ormConfig.library ?? 'typeorm';
    for (const { name: connection, entries } of file.ormConfig.connections)
      for (const entry of entries)
        dispatch('ormConfigEntry', { ...base, library, ...(connection !== undefined ? { connection } : {}), entry, ...ranges(entry) });
  }
  if (file.sql?.secrets && dispatch.wants('sqlSecret'))
    for (const sqlSecret of file.sql.secrets) dispatch('sqlSecret', { ...base, sqlSecret, range: range(sqlSecret.span) });
  // SQL embedded in code: each secret carries its span in the file (its `span` is in the assembled SQL text).
  if (file.embeddedAnalyses && dispatch.wants('sqlSecret'))
    for (const analysis of file.embeddedAnalyses)
      for (const sqlSecret of analysis?.secrets ?? [])
        if (sqlSecret.fileSpan) dispatch('sqlSecret', { ...base, sqlSecret, range: range(sqlSecret.fileSpan) });
}

/** Tables the file's ORM code declares: schema-API creates and renames, entity and model definitions. */
function declarationEvents(file: FileFacts, base: EventBase, dispatch: Dispatch, model: ProjectModel): void {
  const range = (span: { start: number; end: number }) => spanToRange(file.lineStarts, span);
  for (const ref of apiTableRefsOf(file, base.service)) {
    const { library } = ref;
    // A test's stub of another service's table (knex.schema.createTable in a test setup), or its own fixture, is none of the service's design.
    if (ref.action === 'create' && model.isSchemaStub(file.path, ref.name)) continue;
    if (ref.action === 'create') dispatch('tableDeclaration', { ...base, table: ref, kind: 'create', library, range: range(ref.fileSpan) });
    if (ref.renamedTo) {
      const table = { name: ref.renamedTo.name, qualifier: ref.renamedTo.qualifier };
      dispatch('tableDeclaration', { ...base, table, kind: 'rename', renamedFrom: ref, library, range: range(ref.renamedTo.fileSpan) });
    }
  }
  for (const entity of file.script?.ormEntities ?? []) {
    // A mapping to a table something else creates declares nothing to judge (an Objection model), nor does a test's
    // stub or fixture (a test's `pgTable('greetings', …)` for a table only tests use).
    if (entity.mapsOnly || model.isSchemaStub(file.path, entity.table)) continue;
    const table = { name: entity.table, qualifier: entity.qualifier };
    const event = { ...base, table, kind: 'entity' as const, library: entity.library, range: range(entity.fileSpan) };
    dispatch('tableDeclaration', entity.view ? { ...event, view: true } : event);
  }
  for (const model of file.prisma ?? []) {
    const table = { name: model.table, qualifier: model.schema };
    dispatch('tableDeclaration', { ...base, table, kind: 'entity', library: 'prisma', range: range(model.span) });
  }
}

function visitSql(base: EventBase, statements: readonly ResolvedStatement[], dispatch: Dispatch): void {
  for (const { statement, dialect, embedded, fragment, locate, references, foreignKeys, stubs, calls } of statements) {
    const unresolvedHoles = embedded && statement.text.includes(HOLE_PREFIX);
    dispatch('sqlStatement', { ...base, statement, range: locate(statement.span), embedded, fragment, unresolvedHoles, dialect, locate });
    for (const reference of references) dispatch('tableReference', { ...base, ...reference });
    for (const call of calls) dispatch('routineCall', { ...base, ...call, statement });
    for (const table of statement.tables) {
      // A migration tool's bookkeeping table is the tool's schema, not the service's: no rule judges its design.
      // A stub of another service's table (a test schema's `patients`) is that service's design, judged where it creates it.
      if (isMigrationToolTable(table) || stubs.has(table.name.toLowerCase())) continue;
      dispatch('tableDefinition', { ...base, table, statement, embedded, locate });
      for (const foreignKey of foreignKeys)
        if (foreignKey.table === table) dispatch('foreignKey', { ...base, ...foreignKey, statement, locate });
      for (const index of table.indexes) dispatch('indexDefinition', { ...base, index, statement, locate });
    }
    for (const index of statement.indexes)
      if (!stubs.has(index.table.toLowerCase())) dispatch('indexDefinition', { ...base, index, statement, locate });
  }
}

/** Sorts deterministically, removes exact duplicates and numbers repeated texts per file. */
function assignFingerprints(pending: PendingDiagnostic[], suggestions: Map<string, FixSource[]>): Diagnostic[] {
  pending.sort(compareDiagnostics);
  const seen = new Set<string>();
  const occurrences = new Map<string, number>();
  const out: Diagnostic[] = [];
  for (const { fingerprintText, suggest, ...diagnostic } of pending) {
    const identity = `${diagnostic.ruleId}|${diagnostic.file}|${diagnostic.line}|${diagnostic.column}|${diagnostic.endLine}|${diagnostic.endColumn}|${diagnostic.message}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    const key = `${diagnostic.ruleId}|${diagnostic.file}|${fingerprintText.replace(/\s+/g, ' ').trim().toLowerCase()}|${diagnostic.message}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    const fingerprint = fingerprintOf(diagnostic.ruleId, diagnostic.file, `${fingerprintText}\0${diagnostic.message}`, occurrence);
    if (suggest) suggestions.set(fingerprint, suggest);
    out.push({ ...diagnostic, fingerprint });
  }
  return out;
}

/**
 * The text of a finding's lines, its default fingerprint text. The secrets the file's facts
 * describe are masked: a fingerprint is a hash, and a short password on the line could be
 * guessed back from it (and would change the fingerprint when rotated).
 */
function linesOf(file: FileFacts | undefined, range: Range): string {
  if (!file) return '';
  const start = file.lineStarts[range.line - 1] ?? file.text.length;
  const lines = textOfLines(file.text, file.lineStarts, range.line, range.endLine);
  const end = start + lines.length;
  const inside = (file.secretSpans ?? []).filter((s) => s.end > start && s.start < end);
  if (inside.length === 0) return lines;
  // Offsets are UTF-16 units: mask by unit, not by code point.
  const units = lines.split('');
  for (const span of inside) for (let i = Math.max(span.start, start); i < Math.min(span.end, end); i++) units[i - start] = '*';
  return units.join('');
}

export function compareDiagnostics(a: Pick<Diagnostic, 'file' | 'line' | 'column' | 'ruleId' | 'message'>, b: typeof a): number {
  return a.file < b.file
    ? -1
    : a.file > b.file
      ? 1
      : a.line - b.line ||
        a.column - b.column ||
        (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}
