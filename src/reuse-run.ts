/**
 * When an earlier run's findings can stand for this run's: `nilecare-lint diff` lints the base
 * right after the head, and most files are byte-identical in both. A rule without a `project`
 * listener sees one file's facts and the model, so where both are equal its findings are too; then
 * only the changed files (and the files holding findings of project-level rules, which see every
 * file) need the per-file rules, and every other file's findings, suppressions applied, are the
 * earlier run's.
 *
 * "The model is equal" is checked, not assumed, and conservatively: the same config, the same
 * file list, the same services (roots, dialects, databases and where each setting was read, the
 * tables each creates, prefixes, owned patterns, migration folders), the same shared databases,
 * and changed files that are plain code or SQL declaring no table, entity, model, re-export or
 * secret — what other files' findings could see of them. Anything else runs every rule on every
 * file, as a run without an earlier one does.
 */
import type { FileFacts } from './analysis/facts.js';
import type { ActiveRule } from './engine/runner.js';
import type { Diagnostic } from './engine/types.js';
import { compareDiagnostics } from './engine/runner.js';
import { fileKindOf } from './discovery/file-kind.js';
import { directiveRules } from './engine/suppress.js';
import { declaredTables } from './model/affected.js';
import { declarationSignature, type SignatureContext } from './model/declaration-signature.js';
import type { ProjectModel } from './model/model.js';
import type { ServiceDialect } from './model/service-dialect.js';

/** What an earlier run over another state of the project offers this one (see LintOptions.reuse). */
export interface PriorRun {
  /** The earlier run: its model, rules in force and findings. */
  run: {
    model: ProjectModel;
    diagnostics: readonly Diagnostic[];
    rules: ReadonlyArray<{ rule: { meta: { id: string } }; severity: string }>;
    internalErrors: readonly string[];
  };
  /** Project-relative paths whose bytes are the same in both states: their facts are the earlier run's, not read again. */
  unchanged: ReadonlySet<string>;
  /** Every project-relative path whose content differs between the two states (as git lists them), read by lint or not. */
  changed: readonly string[];
  /**
   * The earlier run's analysis before its rules (lint.ts's AnalysedProject): when the changed files
   * declare what they declared there, its model and dialect decisions are this run's too.
   */
  analysed?: PriorAnalysis;
}

/** What of an earlier run's analysis a run over another state can take over (see keptModelObstacle). */
export interface PriorAnalysis {
  model: ProjectModel;
  dialects: ReadonlyMap<string, ServiceDialect>;
  /** The rules in force, naming settings learned from the model included. */
  inForce: ActiveRule[];
  /** What building the model said (naming or table prefixes learned). */
  modelNotices: readonly string[];
  /** What the model depends on besides the files: the config file and its content, rule overrides. */
  settings: string;
  /** The listing the run analysed. */
  files: readonly string[];
  /** No config was read: naming settings are learned from the schema. */
  learnsNaming: boolean;
  /** Services were inferred from the folder layout. */
  inferredServices: boolean;
}

/** Changed paths no run reads: they change nothing a rule sees. */
const INERT = /\.(?:md|markdown|txt|rst|adoc|png|jpe?g|gif|svg|webp|ico|pdf)$/i;

/**
 * Why `prior`'s findings cannot stand for this run's unchanged files; undefined when they can.
 * `files` and `model` are this run's, `rules` the rules it runs (directive pseudo-rules aside).
 */
export function reuseObstacle(
  prior: PriorRun,
  files: readonly FileFacts[],
  model: ProjectModel,
  rules: readonly ActiveRule[],
): string | undefined {
  const before = prior.run.model;
  if (prior.run.internalErrors.length > 0) return 'the earlier run had internal errors';
  if (before.files.length !== files.length || before.files.some((f, i) => f.path !== files[i].path)) return 'files were added or removed';
  const ruleKey = (list: ReadonlyArray<{ rule: { meta: { id: string } }; severity: string }>) =>
    list
      .filter(({ rule }) => !DIRECTIVE_RULES.has(rule.meta.id))
      .map(({ rule, severity }) => `${rule.meta.id}:${severity}`)
      .join(',');
  if (ruleKey(prior.run.rules) !== ruleKey(rules)) return 'the rules in force differ';
  const byPath = new Map(files.map((f) => [f.path, f]));
  const priorByPath = new Map(before.files.map((f) => [f.path, f]));
  for (const changed of prior.changed)
    if (!byPath.has(changed) && !INERT.test(changed)) return `${changed} changed, and it is not a file the run lints`;
  for (const file of files) {
    if (prior.unchanged.has(file.path)) continue;
    for (const facts of [file, priorByPath.get(file.path)!]) {
      const reason = crossFileFacts(facts);
      if (reason) return `${file.path} ${reason}`;
    }
  }
  if (modelSignature(before) !== modelSignature(model)) return 'the models differ (services, databases, table ownership or config)';
  return undefined;
}

/**
 * Why this run must build its own model and decide its own dialects rather than take `prior`'s,
 * before any file is read; undefined when it may try. The config and listing are the same, and
 * every changed path is a code or SQL file of the listing or inert (a package.json, lock file or
 * .env feeds the model wholesale).
 */
export function modelReuseObstacle(prior: PriorRun, current: { settings: string; files: readonly string[] }): string | undefined {
  const analysed = prior.analysed;
  if (!analysed) return 'no earlier analysis';
  if (analysed.settings !== current.settings) return 'the config differs';
  if (analysed.files.length !== current.files.length || analysed.files.some((f, i) => f !== current.files[i]))
    return 'files were added or removed';
  const listed = new Set(current.files);
  for (const changed of prior.changed) {
    if (INERT.test(changed)) continue;
    if (!listed.has(changed)) return `${changed} changed, and it is not a file the run lints`;
    if (!MODEL_KEEPING_KINDS.has(fileKindOf(changed))) return `${changed} is a file the model is built from`;
  }
  return undefined;
}

/**
 * Why `files` (this run's facts, SQL analysed in `prior`'s dialects) do not give `prior`'s model;
 * undefined when they do: every file not known unchanged declares what it declared in `prior`
 * (src/model/declaration-signature.ts, as the editor's kept project decides).
 */
export function keptModelObstacle(prior: PriorRun, files: readonly FileFacts[]): string | undefined {
  const analysed = prior.analysed;
  if (!analysed) return 'no earlier analysis';
  const context: SignatureContext = {
    model: analysed.model,
    dialects: analysed.dialects,
    learnsNaming: analysed.learnsNaming,
    inferredServices: analysed.inferredServices,
  };
  const before = new Map(analysed.model.files.map((f) => [f.path, f]));
  for (const facts of files) {
    if (prior.unchanged.has(facts.path)) continue;
    const then = before.get(facts.path);
    if (!then || then.unread || facts.unread) return `${facts.path} was not read in both states`;
    if (declarationSignature(facts, context) !== declarationSignature(then, context))
      return `${facts.path} changes what the model is built from`;
  }
  return undefined;
}

/** Changed files that may leave the model as it was: the others (config, .env, compose, manifests, Prisma) feed it wholesale. */
const MODEL_KEEPING_KINDS: ReadonlySet<string> = new Set(['script', 'sql']);

const DIRECTIVE_RULES = new Set(directiveRules.map((rule) => rule.meta.id));

/** What of a changed file other files' findings could see, when anything. */
function crossFileFacts(facts: FileFacts): string | undefined {
  if (facts.kind !== 'script' && facts.kind !== 'sql') return `is a ${facts.kind} file`;
  if (declaredTables(facts).length > 0) return 'declares tables, entities or models';
  const script = facts.script;
  if (script?.reexports?.length || script?.ormRepositories?.length || script?.ormRegistrations?.length || script?.ormEntityGlobs?.length)
    return 're-exports modules or registers entities';
  if (script?.exportedStrings?.length) return "exports constants other files' SQL may name tables with";
  if (script?.folderTemplates?.length) return 'builds a path with a variable folder (a migration runner choosing a set)';
  if (script?.migrationRunners?.length) return 'configures a migration runner (its folders are sequences, its tables bookkeeping)';
  if (facts.secretSpans?.length) return 'holds a secret (findings elsewhere point at the same value)';
  return undefined;
}

/**
 * The model as rules see it, beyond single files' facts: the config, every service (with its
 * databases, where each setting was read, the tables it creates and where), the shared databases.
 */
function modelSignature(model: ProjectModel): string {
  return JSON.stringify({
    config: model.config,
    configSource: model.configSource?.text,
    services: model.services,
    shared: model
      .sharedDatabases()
      .map((group) => ({ database: group.database, services: group.services.map((s) => [s.service.name, s.connection]) })),
  });
}

/** The files per-file rules must visit besides the changed ones: those the earlier run's project-level rules reported in. */
export function filesOfProjectFindings(prior: PriorRun, projectRules: ReadonlySet<string>): string[] {
  return prior.run.diagnostics.filter((d) => projectRules.has(d.ruleId)).map((d) => d.file);
}

/** This run's findings in `linted` and the earlier run's everywhere else, sorted as a run sorts them. */
export function mergeFindings(prior: PriorRun, linted: ReadonlySet<string>, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics, ...prior.run.diagnostics.filter((d) => !linted.has(d.file))].sort(compareDiagnostics);
}
