import path from 'node:path';
import type { Dialect, FileFacts } from './analysis/facts.js';
import { ConfigError, loadConfig } from './config/load.js';
import type { NilecareConfig, ServiceConfig } from './config/schema.js';
import { formatKeyPath } from './config/load.js';
import { runRules, type ActiveRule } from './engine/runner.js';
import { applyInlineSuppressions, directiveRules, UNUSED_DIRECTIVE_RULE_ID } from './engine/suppress.js';
import type { Diagnostic, LintResult, Severity } from './engine/types.js';
import { affectedFiles } from './model/affected.js';
import type { FactsCache } from './analysis/facts-cache.js';
import type { AnalyzeSettings } from './analysis/analyze-file.js';
import type { SqlAnalyserStats } from './analysis/sql-analyser.js';
import { hashText } from './io/hash.js';
import { buildProjectModel } from './model/build-model.js';
import { discoverFiles } from './discovery/discover.js';
import { fileKindOf } from './discovery/file-kind.js';
import type { ProjectModel } from './model/model.js';
import { readSourceFile } from './io/read-file.js';
import { configuredServices, createServiceMatcher, dialectFromManifest } from './model/services.js';
import { computeLineStarts } from './analysis/text.js';
import { ruleRegistry } from '../rules/index.js';

export interface LintOptions {
  /** Repository root; paths in output are relative to it. */
  cwd: string;
  /** Explicit config path (`--config`). */
  configPath?: string;
  /** A config object instead of a file (API and tests). */
  config?: NilecareConfig;
  /** Lint only these files (repo-relative or absolute); ownership still comes from the whole repository. */
  files?: string[];
  /** Extra ignore globs (`--ignore-pattern`). */
  ignorePatterns?: string[];
  /** Severity overrides (`--rule id:severity`), applied after the config. */
  ruleOverrides?: Record<string, Severity | 'off'>;
  /** Runs only the rules it accepts, given their effective severity (ESLint's `ruleFilter`; `--quiet` skips warn rules). */
  ruleFilter?: (rule: { ruleId: string; severity: Severity }) => boolean;
  /** Lint slice `index` (1-based) of `count`, by a stable hash of each path. */
  shard?: { index: number; count: number };
  /** Reuses facts of unchanged files (see cache.ts); undefined disables caching. */
  factsCache?: FactsCache;
  /**
   * Treat `files` as a change set (`--changed-since`, `--staged`, `--affected`): also lint
   * files whose table references reach tables the changed files declare; a changed config,
   * .env or compose file lints everything. Named files the linter does not read are ignored.
   */
  affected?: boolean;
  /** Overrides config `reportUnusedDisableDirectives` (`true` in config means 'warn'). */
  reportUnusedDisableDirectives?: Severity | 'off';
  /** Overrides config `requireDisableReason`. */
  requireDisableReason?: boolean;
  /** Analyse SQL on a worker thread; by default only with enough files and cores to spare (see wantsSqlWorker). */
  sqlWorker?: boolean;
  /** Measure phases and rules (`TIMING=1`, as in ESLint); the run's `timings` holds the result. */
  timing?: boolean;
}

export interface LintTimings {
  /** Milliseconds per phase, in pipeline order. */
  phases: Array<[phase: string, ms: number]>;
  /** Milliseconds per rule (time in its listeners). */
  rules: Map<string, number>;
}

export type { FactsCache };

export interface LintRun extends LintResult {
  model: ProjectModel;
  /** Repo-relative paths of the files that got diagnostics, sorted. */
  lintedFiles: string[];
  internalErrors: string[];
  configFile?: string;
  /** Where SQL was analysed (absent when every file came from the cache). */
  sqlAnalysis?: SqlAnalyserStats;
  timings?: LintTimings;
}

/** The whole pipeline: config → files → facts (parsed once) → model → rules → sorted diagnostics. */
export async function lint(options: LintOptions): Promise<LintRun> {
  const timings: LintTimings | undefined = options.timing ? { phases: [], rules: new Map() } : undefined;
  let phaseStart = performance.now();
  const phase = (name: string) => {
    if (!timings) return;
    const now = performance.now();
    timings.phases.push([name, now - phaseStart]);
    phaseStart = now;
  };
  const cwd = path.resolve(options.cwd);
  const notices: string[] = [];
  const loaded = options.config ? { config: options.config, file: undefined } : loadConfig(cwd, options.configPath);
  const config: NilecareConfig = loaded?.config ?? {};
  if (!loaded)
    notices.push(
      'No nilecare-lint.config.json found: services, databases and table ownership were inferred (run `nilecare-lint init` to write them down).',
    );

  const { services, inferred } = configuredServices(cwd, config);
  if (inferred && loaded) notices.push(`No services in the config: inferred ${services.length} from the folder layout.`);
  if (services.length === 0) notices.push('No services found: cross-service rules have nothing to compare.');
  const serviceOf = createServiceMatcher(services);
  const dialects = new Map<string, Dialect | undefined>(
    services.map((s: ServiceConfig) => [s.name, s.dialect ?? dialectFromManifest(cwd, s.roots[0])]),
  );

  const discovery = discoverFiles({
    cwd,
    ignores: [...(config.ignores ?? []), ...(options.ignorePatterns ?? [])],
    defaultIgnores: config.defaultIgnores !== false,
  });
  if (discovery.skipped > 0)
    notices.push(`${discovery.skipped} file(s) in build output or .gitignore'd folders were skipped (dist/, build/, …).`);
  if (discovery.files.length === 0)
    notices.push(
      'No files to lint: no source file matched, or every one was ignored (check `ignores`, `--ignore-pattern` and .gitignore).',
    );
  phase('config + discovery');

  const defaultDialect = config.dialect ?? 'mysql';
  const sqlCallees = config.sqlCallees ?? [];
  options.factsCache?.prepare?.(JSON.stringify({ config, dialects: [...dialects].sort(), defaultDialect, sqlCallees }));
  const { files, sqlAnalysis } = await readAndAnalyse(
    cwd,
    discovery.files,
    (relative) => ({ serviceDialect: dialects.get(serviceOf(relative) ?? ''), defaultDialect, sqlCallees }),
    options.factsCache,
    options.sqlWorker,
  );
  phase('read + parse');
  const selection = selectFiles(
    cwd,
    discovery.files,
    options,
    notices,
    files,
    loaded?.file ? path.relative(cwd, loaded.file).split(path.sep).join('/') : undefined,
  );

  const model = buildProjectModel({ cwd, config, services, dialects, files, serviceOf });
  phase('model');
  const { ruleFilter } = options;
  const resolved = resolveRules(config, options.ruleOverrides);
  const active = ruleFilter ? resolved.filter(({ rule, severity }) => ruleFilter({ ruleId: rule.meta.id, severity })) : resolved;
  const outcome = runRules(model, active, selection, { timings: timings?.rules });
  phase('rules');
  const reportUnused = options.reportUnusedDisableDirectives ?? unusedDirectiveSeverity(config.reportUnusedDisableDirectives);
  const diagnostics = applyInlineSuppressions(outcome.diagnostics, {
    files: new Map(files.map((f) => [f.path, f])),
    linted: selection,
    knownRules: new Set(Object.keys(ruleRegistry)),
    activeRules: new Set(active.map(({ rule }) => rule.meta.id)),
    reportUnused,
    requireReason: options.requireDisableReason ?? config.requireDisableReason ?? false,
  });
  phase('suppressions');
  const internalErrors = outcome.internalErrors;
  // The directive pseudo-rules run with the rules, so reporters can describe their findings.
  const directiveRuleEntries = directiveRules
    .filter((rule) => rule.meta.id !== UNUSED_DIRECTIVE_RULE_ID || reportUnused !== 'off')
    .map((rule) => ({ rule, severity: rule.meta.id === UNUSED_DIRECTIVE_RULE_ID ? (reportUnused as Severity) : 'error' }));
  return {
    diagnostics,
    filesLinted: selection.size,
    filesSkipped: discovery.skipped,
    notices,
    rules: [...active.map(({ rule, severity }) => ({ rule, severity })), ...directiveRuleEntries],
    cwd,
    model,
    lintedFiles: [...selection].sort(),
    internalErrors,
    configFile: loaded?.file ? path.relative(cwd, loaded.file) : undefined,
    sqlAnalysis,
    timings,
  };
}

/**
 * Reads every file and takes its facts from the cache when its content is unchanged.
 * The analysers (TypeScript, node-sql-parser, libpg-query) load only when some file
 * needs analysing: loading them costs more than a whole cached run.
 */
async function readAndAnalyse(
  cwd: string,
  paths: readonly string[],
  settingsFor: (relative: string) => AnalyzeSettings,
  cache: FactsCache | undefined,
  sqlWorker: boolean | undefined,
): Promise<{ files: FileFacts[]; sqlAnalysis?: SqlAnalyserStats }> {
  const files = new Array<FileFacts>(paths.length);
  const misses: Array<{ index: number; text: string; hash: string; problems: FileFacts['problems'] }> = [];
  paths.forEach((relative, index) => {
    const read = readSourceFile(relative, cwd);
    if (!read.ok) {
      // Every YAML file is read to find Kubernetes manifests; one that cannot be read (a huge
      // OpenAPI spec, a binary) was most likely no manifest, and is not worth a warning.
      const kind = fileKindOf(relative);
      files[index] = {
        path: relative,
        kind,
        hash: '',
        unread: true,
        lineStarts: [0],
        text: '',
        comments: [],
        problems: kind === 'other' ? [] : [read.problem],
      };
      return;
    }
    // Only the cache reads content hashes: without one, no file is hashed.
    const hash = cache ? hashText(read.text) : '';
    const cached = cache?.get(relative, hash);
    if (cached) files[index] = { ...cached, text: read.text, lineStarts: cached.lineStarts ?? computeLineStarts(read.text) };
    else misses.push({ index, text: read.text, hash, problems: read.problems });
  });
  if (misses.length === 0) return { files };
  const { analyzeFile, initAnalysers } = await import('./analysis/analyze-file.js');
  const { inlineSqlAnalyser, startSqlWorker, wantsSqlWorker } = await import('./analysis/sql-analyser.js');
  const offload = sqlWorker ?? wantsSqlWorker(misses.length);
  const sql = offload ? startSqlWorker() : inlineSqlAnalyser();
  if (!offload) await initAnalysers();
  for (const { index, text, hash, problems } of misses) {
    const relative = paths[index];
    const facts = analyzeFile(relative, text, { ...settingsFor(relative), hash }, sql);
    facts.problems.unshift(...problems);
    files[index] = facts;
  }
  const sqlAnalysis = await sql.settle();
  if (cache) for (const { index } of misses) cache.set(files[index]);
  return { files, sqlAnalysis };
}

/** `true` in the config means 'warn', as in ESLint's linterOptions. */
function unusedDirectiveSeverity(setting: boolean | Severity | 'off' | undefined): Severity | 'off' {
  return setting === true ? 'warn' : setting === false || setting === undefined ? 'off' : setting;
}

/** Which files get diagnostics: all, the named ones (or those a change set affects), and/or one shard. */
function selectFiles(
  cwd: string,
  all: string[],
  options: LintOptions,
  notices: string[],
  facts: FileFacts[],
  configFile: string | undefined,
): Set<string> {
  let selected = all;
  const present = new Set(all);
  if (options.files && options.affected) {
    const changed = options.files.map((f) => path.relative(cwd, path.resolve(cwd, f)).split(path.sep).join('/'));
    const affected = affectedFiles({ files: facts, changed, configFile });
    selected = affected.files;
    if (affected.reason === 'model')
      notices.push('The change touches the config, an .env, a compose file or a Kubernetes manifest: every file was re-checked.');
    else if (affected.reason === 'tables') {
      const extra = affected.files.length - changed.filter((f) => present.has(f)).length;
      notices.push(
        `${extra} unchanged file(s) that use tables the change declares were re-checked (${affected.tables.slice(0, 5).join(', ')}${affected.tables.length > 5 ? ', …' : ''}).`,
      );
    }
  } else if (options.files) {
    const wanted = new Set(options.files.map((f) => path.relative(cwd, path.resolve(cwd, f)).split(path.sep).join('/')));
    selected = all.filter((f) => wanted.has(f));
    const missing = [...wanted].filter((f) => !present.has(f));
    if (missing.length > 0)
      notices.push(
        `${missing.length} named file(s) are not lintable sources or are ignored: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`,
      );
  }
  if (options.shard) {
    const { index, count } = options.shard;
    selected = selected.filter((f) => shardOf(f, count) === index);
  }
  return new Set(selected);
}

/** Stable shard (1-based) of a path: FNV-1a hash, independent of file order and count of files. */
export function shardOf(file: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < file.length; i++) {
    hash ^= file.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % count) + 1;
}

/** Effective rules: defaults, then config, then CLI overrides; options validated with each rule's schema. */
export function resolveRules(config: NilecareConfig, overrides: Record<string, Severity | 'off'> = {}): ActiveRule[] {
  const active: ActiveRule[] = [];
  for (const id of Object.keys(config.rules ?? {})) {
    if (!ruleRegistry[id]) throw new ConfigError(`rules.${id}: unknown rule '${id}' (see --list-rules)`);
  }
  for (const id of Object.keys(overrides)) {
    if (!ruleRegistry[id]) throw new ConfigError(`--rule ${id}: unknown rule '${id}' (see --list-rules)`);
  }
  for (const [id, rule] of Object.entries(ruleRegistry)) {
    const entry = config.rules?.[id];
    let severity = rule.meta.defaultSeverity;
    let rawOptions: unknown = {};
    if (typeof entry === 'string') severity = entry;
    else if (Array.isArray(entry)) {
      severity = entry[0];
      rawOptions = entry[1] ?? {};
    }
    severity = overrides[id] ?? severity;
    if (severity === 'off') continue;
    let options: unknown = rawOptions;
    if (rule.meta.options) {
      const parsed = rule.meta.options.safeParse(rawOptions);
      if (!parsed.success) {
        const detail = parsed.error.issues.map((i) => `rules.${id}[1].${formatKeyPath(i.path)}: ${i.message}`).join('\n  ');
        throw new ConfigError(`invalid options:\n  ${detail}`);
      }
      options = parsed.data;
    }
    active.push({ rule, severity, options });
  }
  return active;
}

export type { Diagnostic };
