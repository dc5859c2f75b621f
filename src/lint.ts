import path from 'node:path';
import type { Dialect, FileFacts, UnparsedEngine } from './analysis/facts.js';
import { factsFields, factsSummary } from './analysis/facts.js';
import { CONFIG_FILE_NAMES, ConfigError, loadConfig, parseConfigText, type LoadedConfig } from './config/load.js';
import { compileFolderGlob, compileGlob } from './config/glob.js';
import { parsedDialectOf, unparsedEngineOf, type NilecareConfig, type RuleEntry, type ServiceConfig } from './config/schema.js';
import { formatKeyPath } from './config/load.js';
import { runRules, type ActiveRule, type RunOptions, type RunOutcome } from './engine/runner.js';
import {
  filesOfProjectFindings,
  keptModelObstacle,
  mergeFindings,
  modelReuseObstacle,
  reuseObstacle,
  type PriorAnalysis,
  type PriorRun,
} from './reuse-run.js';
import { attachSuggestions } from './engine/suggestions.js';
import { disableSuggestions } from './engine/directive-fixes.js';
import { foldDesignCopies } from './engine/design-copies.js';
import { applyInlineSuppressions, directiveRules, UNUSED_DIRECTIVE_RULE_ID } from './engine/suppress.js';
import type { AnyRule, Diagnostic, LintResult, Severity, UncheckedPart } from './engine/types.js';
import { emptySelection, noServicesPart, nothingLinted, NO_RULES_PART, serviceCoverageWarnings } from './unchecked-parts.js';
import { affectedFiles, tableReferences } from './model/affected.js';
import type { FactsCache } from './analysis/facts-cache.js';
import { fileStamper, type FileStamp } from './io/file-stamp.js';
import type { SqlAnalyser, SqlAnalyserStats, SqlPrefetch } from './analysis/sql-analyser.js';
import { wantsSqlWorker } from './analysis/sql-worker-policy.js';
import type * as AnalyzeFile from './analysis/analyze-file.js';
import type * as SqlAnalyserModule from './analysis/sql-analyser.js';
import { hashText } from './io/hash.js';
import { buildProjectModel } from './model/build-model.js';
import { defaultPrefix } from './model/service-names.js';
import type { ConfigEntryLocator } from './model/service-databases.js';
import { discoverFiles, isLintableName, type Discovery, type LabelledPattern, type ListingCache } from './discovery/discover.js';
import { withIndexBlobs } from './discovery/git-tree.js';
import { unmatchedConfigPaths, unmatchedIgnorePatterns } from './discovery/config-globs.js';
import { expandPatterns } from './discovery/patterns.js';
import { insideRoot, locateProject, type ProjectLocation } from './config/locate.js';
import { isTestDataOutsideServices, summarizeUnsupportedSql, unsupportedSqlNotice } from './model/unsupported-sql.js';
import { flowSyntaxNotice, summarizeFlowSyntax } from './model/flow-syntax.js';
import { onCockroach } from './model/cockroach-files.js';
import { fileKindOf } from './discovery/file-kind.js';
import type { ProjectModel } from './model/model.js';
import { unownedDeclaredTables } from './model/unowned-tables.js';
import { MAX_FILE_BYTES, MAX_SQL_FILE_BYTES, readSourceFile } from './io/read-file.js';
import { diskTree, readTreeText, type SourceTree } from './io/source-tree.js';
import { recordingTree } from './io/recording-tree.js';
import { changedSinceStored, readStoredModel, storedModelKey, storedModelObstacle, storeModel, type ChangedFile } from './stored-model.js';
import { projectModelFromData } from './model/model-data.js';
import type { SignatureContext } from './model/declaration-signature.js';
import { FileAccessError } from './io/file-access-error.js';
import { configuredServices, createServiceMatcher } from './model/services.js';
import { PackageIndex } from './model/packages.js';
import { databaseArgumentsOf, packageManifests } from './model/service-discovery.js';
import { learnNamingConvention, RULE_ASPECTS, type LearnedNaming } from './naming-convention.js';
import { learnTablePrefixes } from './model/table-prefixes.js';
import { workspacePackages } from './model/workspace-packages.js';
import { workspaceGraph, type WorkspaceGraph } from './model/transitive-drivers.js';
import type { ServiceDiscovery } from './model/service-discovery.js';
import {
  decideServiceDialects,
  mostServicesDialect,
  fileEngineOfPath,
  sqliteSyntaxOf,
  refineFromParses,
  repositoryUnparsedEngine,
  type ServiceDialect,
} from './model/service-dialect.js';
import { sqlAnalysedAs, sqlFileEngine } from './analysis/dialect.js';
import { decodedFacts, textReadLater, withTextRead } from './analysis/facts-codec.js';
import { UNPARSED_ENGINE_NAMES } from './analysis/database-packages.js';
import { computeLineStarts, spanToRange } from './analysis/text.js';
import { processSecretKey, type SecretKey } from './analysis/secrets.js';
import { jsonValueSpan } from './config/jsonc.js';
import { closestServiceName, unknownRuleText } from './config/closest-name.js';
import { unmatchedTablePatterns } from './model/unmatched-table-patterns.js';
import { ruleRegistry } from '../rules/index.js';
import {
  applyBulkSuppressions,
  checkBulkSuppressionRequest,
  type BulkSuppressionReport,
  type BulkSuppressionRequest,
} from './bulk-suppressions.js';
import type { FileWriter } from './io/write-file-atomic.js';

export interface LintOptions {
  /**
   * The working directory, as if the process ran there: the config is searched from here
   * upward (to the git root), and relative `paths`, `files`, `configPath` and `ignorePatterns`
   * start here. The project (and the model) is the config file's folder, else the git root,
   * else this directory; see `locateProject`.
   */
  cwd: string;
  /**
   * Where the files are when not only on the disk at `cwd`, its root being the project root:
   * `memoryTree({ path: text })` reads nothing from disk (the config is `config`, or a config
   * file among its files; `cwd` must lie inside its root); `overlayTree(root, buffers)` reads
   * the disk with unsaved buffers in place of some files; a commit's tree reads git objects.
   */
  tree?: SourceTree;
  /** Explicit config path (`--config`): no search. */
  configPath?: string;
  /** A config object instead of a file (API and tests): `cwd` is the project root. */
  config?: NilecareConfig;
  /**
   * Command-line paths as ESLint reads them: files, folders (every file read under them) and
   * globs. One that selects nothing throws a PathPatternError; a named file that is ignored,
   * or of a kind the linter does not read, is a warning. Default: the whole project.
   */
  paths?: string[];
  /** Lint only these files (relative to `cwd`, or absolute), with no expansion; ownership still comes from the whole project. */
  files?: string[];
  /** Extra ignore globs (`--ignore-pattern`), relative to `cwd`. */
  ignorePatterns?: string[];
  /** `--no-ignore`: no ignore rule applies (default ignores, .gitignore, config `ignores`, `ignorePatterns`). */
  noIgnore?: boolean;
  /** Severity overrides (`--rule id:severity`), applied after the config. */
  ruleOverrides?: Record<string, Severity | 'off'>;
  /** Runs only the rules it accepts, given their effective severity (ESLint's `ruleFilter`; `--quiet` skips warn rules). */
  ruleFilter?: (rule: { ruleId: string; severity: Severity }) => boolean;
  /** Lint slice `index` (1-based) of `count`, by a stable hash of each path. */
  shard?: { index: number; count: number };
  /** What `files` are when they are a change set, for a run that gets none (`staged files`, `files changed since main`). */
  changeSetLabel?: string;
  /** Keeps the file listing between runs of a long-lived process (the language server; see discover.ts). */
  listingCache?: ListingCache;
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
  /**
   * Bulk suppressions (ESLint's suppressions file): by default `nilecare-lint-suppressions.json` in
   * the project root applies when it exists; a request can name another file (relative to `cwd`,
   * like every path given to lint()), or add or prune entries; `false` applies none.
   */
  suppressions?: BulkSuppressionRequest | false;
  /**
   * Where the run writes what it is asked to write (the suppressions file; lintAndFix's fixed files), an
   * absolute path: by default the disk, atomically and never through a link (writeFileAtomic). A tree that is
   * not on disk needs one to record suppressions: a host's memory, the CLI's injected files.
   */
  write?: FileWriter;
  /**
   * Give every unsuppressed diagnostic its suggestions (`Diagnostic.suggestions`): the JSON and
   * SARIF reporters, `--fix` and editors ask for them; a plain run does not compute them (some
   * parse their file again). Fixes (`Diagnostic.fix`) are always there.
   */
  suggestions?: boolean;
  /**
   * An earlier run over another state of the same project (`nilecare-lint diff`'s head, for its
   * base), with the files whose bytes are the same in both: their facts are taken from it without
   * reading them, and when both models are equal (src/reuse-run.ts decides) per-file rules run
   * only on the other files, the earlier run's findings standing for the rest. Whole-project runs
   * only (no `paths`, `files`, `shard`, `affected` or `ruleFilter`).
   */
  reuse?: PriorRun;
}

export interface LintTimings {
  /** Milliseconds per phase, in pipeline order. */
  phases: Array<[phase: string, ms: number]>;
  /** Milliseconds per rule (time in its listeners). */
  rules: Map<string, number>;
}

export type { FactsCache };

export interface LintRun extends LintResult {
  /** Where the run stood: working directory, config file, project and repository roots. */
  location: ProjectLocation;
  model: ProjectModel;
  /** Repo-relative paths of the files that got diagnostics, sorted. */
  lintedFiles: string[];
  internalErrors: string[];
  configFile?: string;
  /** The discovered services and the folders set aside, when the config names no services. */
  serviceDiscovery?: ServiceDiscovery;
  /** Where SQL was analysed (absent when every file came from the cache). */
  sqlAnalysis?: SqlAnalyserStats;
  timings?: LintTimings;
  /** The suppressions file's part in the run (absent with `suppressions: false`). */
  bulkSuppressions?: BulkSuppressionReport;
  /** With `reuse`: how many files' findings are the earlier run's, or why none are. */
  reused?: { files: number } | { obstacle: string };
  /** With `reuse` holding the earlier run's analysis: whether its model and dialect decisions were this run's, or why not. */
  keptModel?: { kept: true } | { obstacle: string };
  /**
   * With a facts cache that keeps a model (src/stored-model.ts): `taken` when the stored model was this run's,
   * `stored` when this run built the model and stored it (`because`: why the stored one was not taken, when there was one).
   */
  storedModel?: { taken: true } | { stored: true; because?: string };
}

/** The whole pipeline: config → files → facts (parsed once) → model → rules → sorted diagnostics. */
export function lint(options: LintOptions): Promise<LintRun> {
  return createLinter(options).lint();
}

/**
 * Lints one project's file sets again and again with the same options (ESLint's `Linter`): the rule
 * tester's cases, an editor's runs. What a run works out from its config alone (the rules in force and
 * their validated options, the compiled `schemaFiles` patterns, the secret names and migration patterns
 * the extractors and the model read, the service matcher of configured services) is worked out once and
 * kept while the config is the same object, or the same text of the same file. `lint()` is one run of a
 * linter of its own.
 */
export interface Linter {
  /** A run with the linter's options, `run`'s in place of theirs where it gives them (`tree`, `paths`, `files`…). */
  lint(run?: Partial<LintOptions>): Promise<LintRun>;
}

export function createLinter(options: LintOptions): Linter {
  const configs = new PreparedConfigs();
  return {
    async lint(run) {
      const once: LintOptions = run ? { ...options, ...run } : options;
      // The facts of unchanged files are decoded when first read: a one-file run reads few of the others'.
      let result: LintRun | undefined;
      let failure: unknown;
      try {
        result = await checkProject(await analyseProject(once, true, configs));
      } catch (error) {
        failure = error;
      }
      // Some were damaged (read as files without facts): the run is done again with every entry decoded at once, where a
      // damaged one is a miss (the file is analysed again), as the cache promises.
      if (once.factsCache?.damaged) return checkProject(await analyseProject(once, false, configs));
      if (result === undefined) throw failure;
      return result;
    },
  };
}

/** What a run works out from its config (and the command line's severities) alone. */
interface PreparedConfig {
  /** Defaults, then the config, then the command line; options validated (resolveRules). */
  readonly resolved: ActiveRule[];
  readonly sqlCallees: string[];
  readonly secretEnvNames: RegExp[];
  /** What a file's facts depend on besides its content (FactsCache.prepare). */
  readonly factsKey: string;
  readonly migrationPatterns: string[];
  readonly schemaFileDialect: (relative: string) => Dialect | UnparsedEngine | undefined;
  /** Service matchers by the services they match (a tree in memory runs on the config's own `services`). */
  readonly serviceMatchers: WeakMap<readonly ServiceConfig[], (file: string) => string | undefined>;
}

/**
 * A linter's prepared config: the last one, taken again while the run's config is the same object or was read from the
 * same text of the same file, with the same command-line severities.
 */
export class PreparedConfigs {
  private last: { config: NilecareConfig; file?: string; text?: string; overrides: string; prepared: PreparedConfig } | undefined;

  of(
    loaded: { config: NilecareConfig; file?: string; text?: string } | undefined,
    overrides: LintOptions['ruleOverrides'],
  ): PreparedConfig {
    const config = loaded?.config ?? {};
    const overridesKey = overrides ? JSON.stringify(overrides) : '';
    const last = this.last;
    const same =
      last !== undefined &&
      last.overrides === overridesKey &&
      (loaded
        ? last.config === config || (loaded.text !== undefined && last.text === loaded.text && last.file === loaded.file)
        : last.file === '');
    if (same) return last.prepared;
    // Config mistakes first, as ESLint reports them: before any file is looked at.
    const resolved = resolveRules(config, overrides);
    const sqlCallees = config.sqlCallees ?? [];
    const secretEnvNames = configuredSecretEnvNames(config);
    const prepared: PreparedConfig = {
      resolved,
      sqlCallees,
      secretEnvNames,
      factsKey: JSON.stringify({ sqlCallees, secretEnvNames: secretEnvNames.map((name) => name.source) }),
      migrationPatterns: configuredMigrationPatterns(config),
      schemaFileDialect: schemaFileDialects(config),
      serviceMatchers: new WeakMap(),
    };
    // No config at all is keyed as a file of no name: a run that finds none after one that did prepares again.
    this.last = { config, ...(loaded ? { file: loaded.file, text: loaded.text } : { file: '' }), overrides: overridesKey, prepared };
    return prepared;
  }
}

/**
 * A run up to its model (config, files, facts, model, the files selected): what `checkProject`
 * runs the rules on. A long-lived process keeps it, so that after an edit that changes no
 * declaration it can swap in the edited file's facts (`reviseProject`) instead of analysing again.
 */
export interface AnalysedProject {
  readonly options: LintOptions;
  readonly location: ProjectLocation;
  /** The config file read, if any (`options.config` counts as one without a file). */
  readonly loaded: { config: NilecareConfig; file?: string; text?: string } | undefined;
  readonly config: NilecareConfig;
  /** The config file's project-relative path. */
  readonly configPath?: string;
  /** The rules in force, learned naming settings included. */
  readonly inForce: ActiveRule[];
  readonly discovery: Discovery;
  readonly serviceDiscovery?: ServiceDiscovery;
  readonly model: ProjectModel;
  /** Each service's dialect, as decided from every file's facts. */
  readonly dialects: ReadonlyMap<string, ServiceDialect>;
  readonly context: AnalysisContext;
  /** The key secrets were fingerprinted with: a file analysed again must use it too. */
  readonly secretKey: SecretKey;
  readonly named: string[] | undefined;
  readonly selection: Set<string>;
  readonly everything: boolean;
  /** Why `selection` is empty, when a change set or a shard made it so. */
  readonly selectionGap?: UncheckedPart;
  readonly notices: readonly string[];
  /** Where in `notices` those about the selection are (they change with it). */
  readonly selectionNotices: { at: number; count: number };
  readonly warnings: readonly string[];
  readonly sqlAnalysis?: SqlAnalyserStats;
  readonly clock: RunClock;
  /** What building the model added to `notices` (learned naming settings and table prefixes). */
  readonly modelNotices: readonly string[];
  /** What the model depends on besides the files (see PriorAnalysis.settings). */
  readonly settings: string;
  /** With `options.reuse`: whether the earlier run's model and dialect decisions were taken, or why not. */
  readonly keptModel?: { kept: true } | { obstacle: string };
  /** See LintRun.storedModel. */
  readonly storedModel?: LintRun['storedModel'];
}

/** Phase timings of one run (`options.timing`). */
export class RunClock {
  readonly timings: LintTimings | undefined;
  private start = performance.now();
  constructor(timing: boolean | undefined) {
    this.timings = timing ? { phases: [], rules: new Map() } : undefined;
  }
  phase(name: string): void {
    if (!this.timings) return;
    const now = performance.now();
    this.timings.phases.push([name, now - this.start]);
    this.start = now;
  }
}

/** Manifests service discovery reads besides the linted files (a package.json, a JVM or Go build file, a Dockerfile). */
const MANIFEST_NAME =
  /(?:^|\/)(?:package\.json|package-lock\.json|pnpm-lock\.yaml|yarn\.lock|go\.mod|pom\.xml|build\.gradle(?:\.kts)?|pyproject\.toml|requirements\.txt|Cargo\.toml|Gemfile|Dockerfile|Procfile|Chart\.yaml)$/;

/** Config → files → facts → model: everything of a run before the rules. */
/** `lazyFacts`: the cached facts of files unchanged since are decoded on first use (see FactsCache.getUnchanged). */
export async function analyseProject(
  options: LintOptions,
  lazyFacts = false,
  configs: PreparedConfigs = new PreparedConfigs(),
): Promise<AnalysedProject> {
  const clock = new RunClock(options.timing);
  const phase = (name: string) => clock.phase(name);
  const { tree } = options;
  const location = tree
    ? locateInTree(tree, options)
    : locateProject({ cwd: options.cwd, configPath: options.configPath, inlineConfig: options.config !== undefined });
  // Everything below works in project-relative paths: the config's folder is where its paths start.
  const cwd = location.projectRoot;
  const notices: string[] = [];
  const warnings: string[] = [];
  if (options.suppressions) checkBulkSuppressionRequest(options.suppressions);
  if (
    tree &&
    !tree.onDisk &&
    !options.write &&
    options.suppressions &&
    (options.suppressions.suppressAll || options.suppressions.suppressRules?.length || options.suppressions.prune)
  )
    throw new Error(
      `suppressions cannot be written into a ${tree.label} tree without a writer: give lint() one (\`write\`) or lint the files on disk`,
    );
  const loaded = options.config
    ? { config: options.config, file: undefined }
    : location.configFile
      ? tree
        ? loadConfigFromTree(tree, location.configFile)
        : loadConfig(cwd, location.configFile, location.repositoryRoot)
      : undefined;
  const config: NilecareConfig = loaded?.config ?? {};
  if (!loaded)
    notices.push(
      'No nilecare-lint.config.json found: services, databases and table ownership were inferred (run `nilecare-lint init` to write them down).',
    );

  const prepared = configs.of(loaded, options.ruleOverrides);
  const { resolved, sqlCallees, secretEnvNames, migrationPatterns } = prepared;

  const configName = loaded?.file ? path.basename(loaded.file) : 'the config';
  // On disk with a cache: discovery's check that each listed file is a regular file gives its stamp too.
  const stamps = options.factsCache && !tree ? new Map<string, FileStamp>() : undefined;
  const commandLineIgnorePatterns = commandLineIgnores(location, options.ignorePatterns ?? []);
  const discovery = discoverFiles({
    cwd,
    tree: tree ?? (stamps ? diskTree(cwd, { stamps }) : undefined),
    ignores: [
      ...(config.ignores ?? []).map((pattern, i): LabelledPattern => ({ pattern, source: `ignores[${i}] in ${configName}` })),
      ...commandLineIgnorePatterns,
    ],
    defaultIgnores: config.defaultIgnores !== false,
    noIgnore: options.noIgnore,
    listingCache: options.listingCache,
  });
  notices.push(...discovery.notices);
  // A sparse checkout's other folders are read from git's index: their services and tables are the model's too.
  const source =
    discovery.notCheckedOut.size > 0
      ? withIndexBlobs(tree ?? diskTree(cwd), discovery.notCheckedOut, (file) => isLintableName(file) || MANIFEST_NAME.test(file))
      : (tree ?? cwd);
  // The key is what a file's facts depend on besides its content: the SQL callees and secret names the
  // extractors read (readAndAnalyse), not the rest of the config (severities, services, ignores), so a
  // config edit that leaves them alone keeps the facts. Dialects are not part of it either: each cached
  // file's SQL is checked against the dialects decided now (see readAndAnalyse).
  // A listing git has just made of the disk tells whether git tracks a cache inside it, without asking git again.
  const gitListing = !tree && !options.listingCache && discovery.listing === 'git' ? { root: cwd, files: discovery.listed } : undefined;
  options.factsCache?.prepare?.(prepared.factsKey, gitListing);
  // Settled before any package.json is read: its scripts' credentials are fingerprinted as the facts' are.
  const secretKey = options.factsCache?.secretKey ?? processSecretKey();
  // On disk with a cache, the model is kept with the facts (stored-model.ts): what the package index reads
  // (manifests, lock files, build files) is part of what it is built from, so those reads are recorded.
  const modelCache =
    options.factsCache?.getModel && options.factsCache.setModel && !tree && !options.reuse ? options.factsCache : undefined;
  const packageSource = modelCache ? (typeof source === 'string' ? diskTree(source) : source) : undefined;
  const packageReads = packageSource && recordingTree(packageSource);
  const packages = new PackageIndex(packageReads ?? source, { secretKey });
  const setup = configuredServices(cwd, config, discovery, packages);
  // Imports of the repository's own packages by name resolve to their folders (entity imports, registrations).
  const workspaces = workspacePackages(packageManifests(cwd, discovery, config.ignores ?? []), packages);
  // Every package.json discovery lists is read, not only those of services and workspace packages: a package of scripts
  // alone (`db:dump` with PGPASSWORD=…) holds credentials no other file shows. Read once; the index keeps them.
  for (const manifest of discovery.manifests)
    packages.manifest(manifest === 'package.json' ? '' : manifest.slice(0, -'/package.json'.length));
  const { services, inferred } = setup;
  notices.push(...setup.notices);
  warnings.push(
    ...unknownDatabaseOwners(config, services, loaded?.file ? { file: path.relative(cwd, loaded.file), text: loaded.text } : undefined),
  );
  if (inferred && loaded) notices.push(`No services in the config: inferred ${services.length} from the folder layout.`);
  let serviceOf = prepared.serviceMatchers.get(services);
  if (!serviceOf) prepared.serviceMatchers.set(services, (serviceOf = createServiceMatcher(services)));
  // Inferred services come from folders that exist; only what the user wrote can be mistyped.
  warnings.push(...unmatchedConfigPaths(inferred ? { ...config, services: undefined } : config, discovery, source));
  warnings.push(
    ...unmatchedIgnorePatterns(
      commandLineIgnorePatterns.map((entry, i) => ({ ...entry, typed: options.ignorePatterns?.[i] ?? entry.pattern })),
      discovery,
    ),
  );
  const named = namedFiles(location, discovery, options, warnings);
  if (discovery.skipped > 0)
    notices.push(`${discovery.skipped} file(s) in build output or .gitignore'd folders were skipped (dist/, build/, …).`);
  phase('config + discovery');

  // `"dialect": "sqlserver"`: SQL outside every service is read by SQL Server's tokens (the parsers' default stays MySQL).
  const defaultDialect = parsedDialectOf(config.dialect) ?? 'mysql';
  const defaultUnparsedEngine = unparsedEngineOf(config.dialect);
  notices.push(...(options.factsCache?.notices ?? []));
  warnings.push(...(options.factsCache?.warnings ?? []));
  const context: AnalysisContext = {
    services,
    serviceOf,
    packages,
    workspaces: workspaceGraph(workspaces, packages),
    ...(setup.packageFolders ? { packageFolders: setup.packageFolders } : {}),
    listed: discovery.listed,
    defaultDialect,
    defaultDialectConfigured: config.dialect !== undefined,
    ...(defaultUnparsedEngine ? { defaultUnparsedEngine } : {}),
    sqlCallees,
    secretEnvNames,
    schemaFileDialect: prepared.schemaFileDialect,
  };
  const configPath = loaded?.file ? path.relative(cwd, loaded.file).split(path.sep).join('/') : undefined;
  // Serialised when a run compares it (reuse, a stored model, an editor's next run): a one-file run in memory does not.
  let settingsKey: string | undefined;
  const settings = () =>
    (settingsKey ??= JSON.stringify([configPath ?? null, loaded?.text ?? loaded?.config ?? null, options.ruleOverrides ?? null]));
  const { reuse } = options;
  // Files only the user's ignores keep from the run are read too: their schema is the model's, their findings nobody's.
  const readPaths = discovery.modelOnly.length > 0 ? [...discovery.files, ...discovery.modelOnly].sort() : discovery.files;
  const modelObstacle = reuse && modelReuseObstacle(reuse, { settings: settings(), files: readPaths });
  const storedKey =
    modelCache &&
    storedModelKey({
      settings: settings(),
      services,
      inferred,
      workspaces,
      // Without the cache's own file, when it lies in the repository: it is there from the second run on.
      listed: withoutCacheFile(discovery.listed, cwd, modelCache.file),
      paths: readPaths,
      extra: [
        setup.packageFolders ? [...setup.packageFolders] : null,
        setup.discovery ? [...databaseArgumentsOf(setup.discovery)] : null,
        migrationPatterns,
      ],
    });
  const stored = storedKey && packageSource ? readStoredModel(modelCache, storedKey, packageSource) : undefined;
  /** The stored model over this run's files, once they are read (see storedModelObstacle). */
  let storedModel: ProjectModel | undefined;
  let changedFiles: ChangedFile[] = [];
  const storedDialects = stored &&
    modelCache && {
      dialects: stored.dialects,
      ...(stored.settled ? { cacheAnalysedIn: true as const } : {}),
      early: (read: readonly FileFacts[]) => {
        const changed = changedSinceStored(
          stored,
          read,
          (file) => modelCache.previous?.(file),
          (file) => serviceOf(file) !== undefined,
        );
        if (typeof changed !== 'string') {
          changedFiles = changed;
          return undefined;
        }
        stored.release();
        return changed;
      },
      obstacle: (read: readonly FileFacts[]) => {
        let context: SignatureContext | undefined;
        const signing = () => {
          if (context) return context;
          const data = stored.data();
          if (!data) return undefined;
          const model = projectModelFromData(data, {
            cwd,
            config,
            ...(configPath && loaded?.text !== undefined ? { configSource: { file: configPath, text: loaded.text } } : {}),
            files: read,
            serviceOf,
          });
          return (context = { model, dialects: stored.dialects, learnsNaming: !loaded, inferredServices: inferred });
        };
        const obstacle =
          storedModelObstacle(stored, changedFiles, signing) ??
          (signing() ? learnedRulesObstacle(stored.learnedRules, stored.learnedOverrides) : 'the stored model does not decode');
        if (obstacle === undefined) {
          storedModel = signing()!.model;
          modelCache.keepModel?.();
        } else stored.release();
        return obstacle;
      },
    };
  const { files, sqlAnalysis, dialects, keptObstacle, settled } = await readAndAnalyse(
    source,
    readPaths,
    context,
    secretKey,
    options.factsCache,
    options.sqlWorker,
    reuse,
    reuse?.analysed && !modelObstacle
      ? { dialects: reuse.analysed.dialects, obstacle: (read) => keptModelObstacle(reuse, read) }
      : storedDialects,
    stamps,
    // Where the run names few files (a pre-commit run, an editor's): a run over all of them reads every file's facts.
    lazyFacts && named !== undefined && named.length * 2 < readPaths.length,
  );
  const priorModel = reuse?.analysed && !modelObstacle && keptObstacle === undefined ? reuse.analysed : undefined;
  // The stored model stands for this run's: what the package index read for it (building it, deciding dialects)
  // is said as it was then, though this run did not read it all again.
  const fromStore = stored && storedModel && keptObstacle === undefined ? { stored, model: storedModel } : undefined;
  const packageProblems = fromStore ? fromStore.stored.packageProblems : [...packages.problems];
  notices.push(...packageProblems, ...unreadOffDisk(files, discovery));
  const byTokens = [...dialects].flatMap(([name, d]) => (d.unparsedEngine ? [`${name} (${UNPARSED_ENGINE_NAMES[d.unparsedEngine]})`] : []));
  if (byTokens.length > 0)
    notices.push(
      `No parser here reads the SQL of ${byTokens.join(', ')}: ${byTokens.length === 1 ? 'its' : 'their'} table references were read from tokens, and no statement was checked for syntax.`,
    );
  const outsideNotice = outsideByTokensNotice(
    files,
    serviceOf,
    defaultUnparsedEngine !== undefined ? 'config' : repositoryUnparsedEngine(dialects) ? 'every service' : 'syntax',
  );
  if (outsideNotice) notices.push(outsideNotice);
  phase('read + parse');
  const selectionNoticesAt = notices.length;
  const { selection, everything, selectionGap } = selectFiles(discovery.files, named, options, notices, files, configPath);
  const selectionNotices = { at: selectionNoticesAt, count: notices.length - selectionNoticesAt };

  // The earlier run's model and dialect decisions stand when the changed files declare what they declared there.
  const modelNotices: string[] = priorModel ? [...priorModel.modelNotices] : [];
  let model: ProjectModel;
  let inForce: ActiveRule[];
  // The root's scripts too (a `migrate:orders` of the workspace root), which discovery may not have read.
  packages.manifest('');
  const scriptSecrets = fromStore ? fromStore.stored.scriptSecrets : packages.scriptSecrets();
  const unreadManifests = fromStore ? fromStore.stored.unreadManifests : [...packages.unreadManifests];
  if (priorModel) {
    model = { ...priorModel.model, files, unreadManifests, scriptSecrets };
    inForce = priorModel.inForce;
  } else if (fromStore) {
    model = { ...fromStore.model, unreadManifests, scriptSecrets };
    modelNotices.push(...fromStore.stored.modelNotices);
    const { learnedRules, learnedOverrides: storedOverrides } = fromStore.stored;
    inForce = learnedRules || storedOverrides ? withLearned(config, learnedRules, storedOverrides, options.ruleOverrides) : resolved;
  } else {
    const built = buildProjectModel({
      cwd,
      config,
      services,
      dialects: new Map([...dialects].map(([name, decision]) => [name, decision.dialect])),
      dialectDecisions: dialects,
      files,
      serviceOf,
      workspacePackages: workspaces,
      ...(configPath && loaded?.text !== undefined && !inferred ? { locateConfigEntry: configEntryLocator(configPath, loaded.text) } : {}),
      ...(configPath && loaded?.text !== undefined ? { configSource: { file: configPath, text: loaded.text } } : {}),
      migrationPatterns,
      inferredServices: inferred,
      ...(setup.discovery ? { databaseArguments: databaseArgumentsOf(setup.discovery) } : {}),
      unreadManifests,
      scriptSecrets,
      packageManifests: discovery.manifests.map((file) => {
        const folder = file === 'package.json' ? '' : file.slice(0, -'/package.json'.length);
        const read = packages.manifest(folder);
        const manifest = read?.ok ? read.manifest : undefined;
        return {
          folder,
          ...(manifest?.name !== undefined ? { name: manifest.name } : {}),
          dependsOn: manifest ? [...manifest.dependencies, ...manifest.otherDependencies] : [],
        };
      }),
      scriptEnvFiles: (folder) => {
        const read = packages.manifest(folder);
        return read?.ok ? read.manifest.envFileLoads : undefined;
      },
      manifestDependencies: (folder) => {
        const read = packages.manifest(folder);
        return read?.ok ? [...read.manifest.dependencies, ...read.manifest.otherDependencies] : undefined;
      },
    });
    // Without any config, naming rules judge the schema by the convention it follows, as `init` would write it down.
    const learned = loaded ? undefined : learnNamingConvention(built);
    const learnedAny = learned !== undefined && (learned.rules.length > 0 || learned.services.length > 0);
    const learnedRules: Record<string, RuleEntry> | undefined = learnedAny
      ? Object.fromEntries(learned.rules.map((r) => [r.id, r.entry]))
      : undefined;
    const learnedServiceOverrides = learnedAny ? learnedOverrides(learned) : undefined;
    const rulesInForce = learnedAny ? withLearned(config, learnedRules, learnedServiceOverrides, options.ruleOverrides) : resolved;
    if (learnedAny) modelNotices.push(learnedNamingNotice(learned));
    // A config keeps the rules' defaults (the audit standard), even one written only to name services:
    // when the schema follows a convention of its own and the config sets none of those rules, say so
    // once rather than let dozens of naming warnings look like the schema's fault.
    // (Not learned when the config sets every naming rule, as init's own all-rules-off run does: nothing to say then.)
    if (loaded && !priorModel && Object.keys(RULE_ASPECTS).some((id) => config.rules?.[id] === undefined)) {
      const unlearned = learnNamingConvention(built);
      const notice = unlearned.rules.length > 0 ? unlearnedNamingNotice(unlearned, config) : undefined;
      if (notice) modelNotices.push(notice);
    }
    if (!loaded) {
      // Table prefixes as `init` writes them, from the one decision (src/model/table-prefixes.ts): none where services use
      // none; a service's own head (`inv_`, or `stock_` where the others use none) wherever its tables share one; the
      // `<service>_` default otherwise. They serve table-prefix and ownership by name (the default claims `inventory_*`
      // tables; the learned prefix claims the `inv_*` ones the service's own DDL shows it uses).
      const { convention, byService } = learnTablePrefixes(built);
      const learnedPrefixes: string[] = [];
      for (const service of built.services) {
        const decided = byService.get(service.name);
        if (!decided) continue;
        service.prefixes = decided.prefixes;
        service.prefixesLearned = decided.note;
        if (decided.prefixes.length === 1 && decided.prefixes[0] !== defaultPrefix(service.name))
          learnedPrefixes.push(`${service.name}: '${decided.prefixes[0]}'`);
      }
      const learnedList = learnedPrefixes.join(', ');
      if (convention.kind === 'unprefixed') {
        modelNotices.push(
          `Table names carry no service prefix here (${convention.of - convention.prefixed} of ${convention.of} services with tables use none): table-prefix expects none of them${learnedPrefixes.length > 0 ? `, and of each service whose tables share one, that prefix (${learnedList})` : ''}, as \`nilecare-lint init\` would write it.`,
        );
      } else if (learnedPrefixes.length > 0) {
        modelNotices.push(
          `Table prefixes learned from the tables the services create (${learnedList}): table-prefix expects them, as \`nilecare-lint init\` would write them.`,
        );
      }
    }
    model = built;
    inForce = rulesInForce;
    if (modelCache && storedKey && packageReads)
      storeModel(
        modelCache,
        storedKey,
        {
          model,
          dialects,
          modelNotices,
          ...(learnedRules ? { learnedRules } : {}),
          ...(learnedServiceOverrides && learnedServiceOverrides.length > 0 ? { learnedOverrides: learnedServiceOverrides } : {}),
          packageProblems,
          unreadManifests,
          scriptSecrets,
          ...(settled ? { settled: true as const } : {}),
        },
        { learnsNaming: !loaded, inferredServices: inferred, answers: packageReads.answers() },
      );
  }
  notices.push(...modelNotices);
  if (!inferred)
    warnings.push(
      ...tablePatternWarnings(config, model, loaded?.file ? { file: path.relative(cwd, loaded.file), text: loaded.text } : undefined),
    );
  // A service with no file to check is never a silent pass, discovered or configured; a configured one whose every
  // root matches no folder already has its warning (unmatchedConfigPaths names each root).
  const unmatchedServices = new Set(
    inferred
      ? []
      : (config.services ?? []).flatMap((service, i) =>
          service.roots.every((_, j) => warnings.some((w) => w.startsWith(`services[${i}].roots[${j}]: `))) ? [service.name] : [],
        ),
  );
  warnings.push(...serviceCoverageWarnings(model, serviceOf, unmatchedServices));
  phase('model');
  return {
    options,
    location,
    loaded,
    config,
    configPath,
    inForce,
    discovery,
    ...(setup.discovery ? { serviceDiscovery: setup.discovery } : {}),
    model,
    dialects,
    context,
    secretKey,
    named,
    selection,
    everything,
    ...(selectionGap ? { selectionGap } : {}),
    notices,
    selectionNotices,
    warnings,
    sqlAnalysis,
    clock,
    modelNotices,
    get settings() {
      return settings();
    },
    ...(reuse?.analysed ? { keptModel: priorModel ? { kept: true as const } : { obstacle: modelObstacle ?? keptObstacle ?? '' } } : {}),
    ...(fromStore
      ? { storedModel: { taken: true as const } }
      : modelCache && !priorModel
        ? { storedModel: { stored: true as const, ...(stored ? { because: keptObstacle ?? 'its dialects were decided again' } : {}) } }
        : {}),
  };
}

/** What a run over another state of the project may take over from this analysis (`LintOptions.reuse`'s `analysed`). */
export function priorAnalysis(project: AnalysedProject): PriorAnalysis {
  return {
    model: project.model,
    dialects: project.dialects,
    inForce: project.inForce,
    modelNotices: project.modelNotices,
    settings: project.settings,
    files: project.model.files.map((facts) => facts.path),
    learnsNaming: !project.loaded,
    inferredServices: project.serviceDiscovery !== undefined,
  };
}

/**
 * The project with other facts for some files (`replaced`, analysed by `analyseFileAgain`) and
 * other files selected (`files`, as `LintOptions.files`): the model is kept, so this is only right
 * when no replaced file changes what the model holds (see src/model/declaration-signature.ts).
 * The caller's tree holds the new contents.
 */
export function reviseProject(
  project: AnalysedProject,
  change: { tree?: SourceTree; files: string[]; replaced: ReadonlyMap<string, FileFacts>; timing?: boolean; suggestions?: boolean },
): AnalysedProject {
  const clock = new RunClock(change.timing);
  const options: LintOptions = {
    ...project.options,
    files: change.files,
    paths: undefined,
    affected: false,
    tree: change.tree,
    timing: change.timing,
    suggestions: change.suggestions,
  };
  const files = project.model.files.map((facts) => change.replaced.get(facts.path) ?? facts);
  const model: ProjectModel = { ...project.model, files };
  const warnings = [...project.warnings];
  const named = namedFiles(project.location, project.discovery, options, warnings);
  // The notices about the selection are the new selection's, in their place; the rest are the project's.
  const about: string[] = [];
  const { selection, everything, selectionGap } = selectFiles(project.discovery.files, named, options, about, files, project.configPath);
  const notices = [...project.notices];
  notices.splice(project.selectionNotices.at, project.selectionNotices.count, ...about);
  clock.phase('revise');
  return {
    ...project,
    options,
    model,
    named,
    selection,
    everything,
    // The project's own gap is its selection's; the revised selection has its own, or none.
    selectionGap,
    notices,
    selectionNotices: { at: project.selectionNotices.at, count: about.length },
    warnings,
    sqlAnalysis: undefined,
    clock,
  };
}

/** Rules → suppressions → suggestions: the diagnostics of the selected files. */
export async function checkProject(project: AnalysedProject): Promise<LintRun> {
  const { options, location, loaded, config, configPath, inForce, discovery, model, named, selection, everything, sqlAnalysis, clock } =
    project;
  const phase = (name: string) => clock.phase(name);
  const timings = clock.timings;
  const { tree } = options;
  const cwd = location.projectRoot;
  const files = model.files;
  const notices = [...project.notices];
  const warnings = [...project.warnings];
  const { ruleFilter } = options;
  const active = ruleFilter ? inForce.filter(({ rule, severity }) => ruleFilter({ ruleId: rule.meta.id, severity })) : inForce;
  // Findings about config entries (a pinned shared database) belong to the config file: reported when the run covers it.
  const configSelected = configPath !== undefined && configFileSelected(configPath, everything, named, options);
  // So are findings about a package.json that is not JSON, when the run covers its folder.
  // A package.json an ignore rule covers is read by whoever needs its dependencies, never reported in.
  const ignoredManifests = new Set(discovery.ignoredManifests);
  const manifests = [...new Set([...model.unreadManifests, ...model.scriptSecrets].map((m) => m.file))].filter(
    (file) => !ignoredManifests.has(file) && manifestSelected(file, everything, selection, options),
  );
  const alsoReport = [...(configSelected ? [configPath] : []), ...manifests];
  const ruleOptions = { timings: timings?.rules, ...(alsoReport.length > 0 ? { alsoReport } : {}) };
  const reportedManifests = new Set(manifests);
  const partial = options.reuse && partialRules(options, options.reuse, files, model, active, ruleOptions, selection, reportedManifests);
  const outcome = partial?.outcome ?? runRules(model, active, selection, ruleOptions);
  // In a partial run, what suppressions look at is what every rule visited; the rest is the earlier run's.
  const linted = partial?.outcome?.partial?.linted ?? selection;
  phase('rules');
  const reportUnused = options.reportUnusedDisableDirectives ?? unusedDirectiveSeverity(config.reportUnusedDisableDirectives);
  const filesByPath = new Map(files.map((f) => [f.path, f]));
  const inline = applyInlineSuppressions(outcome.diagnostics, {
    files: filesByPath,
    linted,
    knownRules: new Set(Object.keys(ruleRegistry)),
    activeRules: new Set(active.map(({ rule }) => rule.meta.id)),
    reportUnused,
    requireReason: options.requireDisableReason ?? config.requireDisableReason ?? false,
  });
  const unsupportedSql = summarizeUnsupportedSql(
    files,
    selection,
    (file) => !!model.serviceOf(file)?.dialectDecision?.mariadb,
    (file) => onCockroach(file, model.serviceOf(file)),
    (file) => model.serviceOf(file)?.dialectDecision?.engines,
    (file) => isTestDataOutsideServices(file, model.serviceOf(file)),
  );
  const unsupportedNotice = unsupportedSqlNotice(unsupportedSql);
  // Shown with the parse-error rule: who turned it off does not want to hear about unread SQL either.
  if (unsupportedNotice && active.some(({ rule }) => rule.meta.id === 'parse-error')) notices.push(unsupportedNotice);
  // Flow-typed JavaScript whose type syntax TypeScript's parser rejects: not parse errors, said once (the same way).
  const flowSyntax = summarizeFlowSyntax(files, selection);
  const flowNotice = flowSyntaxNotice(flowSyntax);
  if (flowNotice && active.some(({ rule }) => rule.meta.id === 'parse-error')) notices.push(flowNotice);
  // unknown-table is silent on them: the tables exist, only whose they are is not known. Said once, never silently.
  const unowned = unownedDeclaredNotice(model);
  if (unowned && active.some(({ rule }) => rule.meta.id === 'unknown-table')) notices.push(unowned);
  // The directive pseudo-rules run with the rules, so reporters can describe their findings.
  const directiveRuleEntries = directiveRules
    .filter((rule) => rule.meta.id !== UNUSED_DIRECTIVE_RULE_ID || reportUnused !== 'off')
    .map((rule) => ({ rule, severity: rule.meta.id === UNUSED_DIRECTIVE_RULE_ID ? (reportUnused as Severity) : 'error' }));
  const rules = [...active.map(({ rule, severity }) => ({ rule, severity })), ...directiveRuleEntries];
  const bulk =
    options.suppressions === false
      ? undefined
      : applyBulkSuppressions(
          {
            cwd,
            repositoryRoot: location.repositoryRoot,
            diagnostics: inline,
            linted,
            fileCount: discovery.files.length,
            activeRules: new Set(rules.map(({ rule }) => rule.meta.id)),
          },
          { ...options.suppressions, file: options.suppressions?.file && path.resolve(options.cwd, options.suppressions.file) },
          tree && !tree.onDisk ? suppressionsReader(tree) : undefined,
          options.write,
        );
  const settled = bulk?.diagnostics ?? inline;
  const suggested = options.suggestions
    ? await attachSuggestions(settled, outcome.suggestions, disableSuggestions(filesByPath), notices)
    : settled;
  // The package.json files this run reported in are reported whole: the earlier run's findings there are replaced.
  const replaced = () => new Set([...linted, ...suggested.filter((d) => reportedManifests.has(d.file)).map((d) => d.file)]);
  const merged = partial?.outcome && options.reuse ? mergeFindings(options.reuse, replaced(), suggested) : suggested;
  // A naming finding judges a table's design: its copies (per engine, per released version) are one finding.
  const diagnostics = foldDesignCopies(
    merged,
    (ruleId) => ruleRegistry[ruleId]?.meta.category === 'naming',
    (file) => model.serviceOf(file)?.name,
  );
  const stale = bulk?.report.unmatched.length ?? 0;
  if (bulk && stale > 0)
    notices.push(`${stale} suppression(s) in ${bulk.report.file} no longer match a finding; run with --prune-suppressions to remove them.`);
  phase('suppressions');
  // A broken package.json reported as a finding (in every format) needs no notice saying the same in the text output.
  const locatedManifests = new Set(diagnostics.filter((d) => d.ruleId === 'unanalysed-file').map((d) => d.file));
  for (const manifest of model.unreadManifests) {
    const at = locatedManifests.has(manifest.file) ? notices.indexOf(manifest.notice) : -1;
    if (at >= 0) notices.splice(at, 1);
  }
  const internalErrors = outcome.internalErrors;
  const unchecked: UncheckedPart[] = [];
  if (project.selectionGap) unchecked.push(project.selectionGap);
  if (selection.size > 0 && model.services.length === 0)
    unchecked.push(
      noServicesPart(
        Object.values(ruleRegistry)
          .filter((rule) => rule.meta.category === 'architecture')
          .map((rule) => rule.meta.id)
          .sort(),
      ),
    );
  if (selection.size > 0 && active.length === 0) unchecked.push(NO_RULES_PART);
  // Nothing selected and no other reason given (a named README.md, every file ignored): not a pass.
  if (selection.size === 0 && unchecked.length === 0) unchecked.push(nothingLinted(named !== undefined));
  return {
    diagnostics,
    filesLinted: selection.size,
    filesSkipped: discovery.skipped,
    notices,
    warnings,
    rules,
    cwd,
    repositoryRoot: location.repositoryRoot,
    location,
    model,
    lintedFiles: [...selection].sort(),
    internalErrors,
    configFile: loaded?.file ? path.relative(cwd, loaded.file) : undefined,
    ...(project.serviceDiscovery ? { serviceDiscovery: project.serviceDiscovery } : {}),
    sqlAnalysis,
    timings,
    bulkSuppressions: bulk?.report,
    unsupportedSql,
    ...(flowSyntax.files > 0 ? { flowSyntax } : {}),
    ...(unchecked.length > 0 ? { unchecked } : {}),
    ...(partial
      ? {
          reused: partial.outcome
            ? { files: files.filter((f) => !linted.has(f.path) && selection.has(f.path)).length }
            : { obstacle: partial.obstacle },
        }
      : {}),
    ...(project.keptModel ? { keptModel: project.keptModel } : {}),
    ...(project.storedModel ? { storedModel: project.storedModel } : {}),
  };
}

/**
 * The rules over the files that differ from an earlier run's state, project-level rules over all,
 * when that run's findings can stand for the other files; else (`outcome` absent) why not.
 */
function partialRules(
  options: LintOptions,
  prior: PriorRun,
  files: readonly FileFacts[],
  model: ProjectModel,
  active: readonly ActiveRule[],
  ruleOptions: RunOptions,
  lintable: ReadonlySet<string>,
  manifests: ReadonlySet<string>,
): { outcome?: RunOutcome; obstacle: string } {
  if (options.paths || options.files || options.shard || options.affected || options.ruleFilter)
    return { obstacle: 'the run is not over the whole project' };
  const obstacle = reuseObstacle(prior, files, model, active);
  if (obstacle) return { obstacle };
  // Files only the user's ignores keep out are in the model, never linted.
  const changed = new Set(files.filter((f) => !prior.unchanged.has(f.path) && lintable.has(f.path)).map((f) => f.path));
  const outcome = runRules(model, active, changed, {
    ...ruleOptions,
    projectRulesEverywhere: { alsoLint: (projectRules) => filesOfProjectFindings(prior, projectRules) },
  });
  const { linted, strays } = outcome.partial!;
  if (strays > 0) return { obstacle: 'a per-file rule reported in a file it did not visit' };
  // A project-level finding where the earlier run had none: that file's other findings are needed too.
  // A package.json's script credentials are reported whole by any run that lints a file (they replace the earlier run's).
  const beyond = outcome.diagnostics.find((d) => !linted.has(d.file) && !manifests.has(d.file));
  if (beyond) return { obstacle: `a project-level finding in ${beyond.file}, where the earlier run had none` };
  return { outcome, obstacle: '' };
}

/** Said once when a run without config learned the naming convention: which aspects depart from the rules' defaults. */
function learnedNamingNotice(learned: LearnedNaming): string {
  const aspects = learned.aspects.filter((a) => a.verdict === 'learned').map((a) => `${a.aspect}: ${a.text}`);
  const listed = (outside: boolean) =>
    learned.services
      .filter((s) => (s.outside ?? false) === outside)
      .map((s) => `'${s.service}' (${s.rules.map((r) => r.id).join(', ')})`)
      .join(', ');
  const services = listed(false);
  const folders = listed(true);
  const perService = [
    services ? `services whose own schema differs follow theirs: ${services}` : '',
    folders ? `folders outside every service whose own schema differs follow theirs: ${folders}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  if (learned.rules.length === 0)
    return folders
      ? `Naming rules follow the own convention of each service or folder outside every service where those of this repository differ (${perService}), as \`nilecare-lint init\` would write them.`
      : `Naming rules follow each service's own convention where the services of this repository differ (${perService}), as \`nilecare-lint init\` would write them.`;
  return `Naming rules follow the convention this repository's schema uses (${aspects.join('; ')}), not the defaults: settings for ${learned.rules
    .map((r) => r.id)
    .join(', ')} were learned${perService ? `, and ${perService},` : ''} as \`nilecare-lint init\` would write them.`;
}

/** The per-service naming settings learned, as the config's `overrides` (`init` writes the same). */
function learnedOverrides(learned: LearnedNaming): NonNullable<NilecareConfig['overrides']> {
  return learned.services.map((s) => ({ files: s.files, rules: Object.fromEntries(s.rules.map((r) => [r.id, r.entry])) }));
}

/**
 * Said once when a config leaves the naming rules at their defaults on a schema with a convention of its own; undefined
 * when the config sets one of them for the whole repository, or its `overrides` set one for every file the convention was
 * learned from. An override is about its files only: one service's settings leave the others' schema files to the notice.
 */
function unlearnedNamingNotice(learned: LearnedNaming, config: NilecareConfig): string | undefined {
  const ids = learned.rules.map((r) => r.id);
  if (ids.some((id) => config.rules?.[id] !== undefined)) return undefined;
  const setting = (config.overrides ?? [])
    .filter((o) => ids.some((id) => o.rules[id] !== undefined))
    .map((o) => o.files.map((glob) => compileFolderGlob(glob)));
  const left =
    setting.length === 0
      ? learned.schemaFiles
      : learned.schemaFiles.filter((file) => !setting.some((globs) => globs.some((match) => match(file))));
  if (left.length === 0) return undefined;
  const aspects = learned.aspects.filter((a) => a.verdict === 'learned').map((a) => `${a.aspect}: ${a.text}`);
  const where =
    left.length < learned.schemaFiles.length
      ? ` for ${left.length} of the ${learned.schemaFiles.length} files it was learned from (outside its overrides' files: ${left.slice(0, 3).join(', ')}${left.length > 3 ? ', …' : ''})`
      : '';
  return `This repository's schema follows a naming convention of its own (${aspects.join('; ')}), but the config sets none of ${ids.join(', ')}${where}: they judge it by their defaults. Run \`nilecare-lint init --force\` to merge the learned settings into the config.`;
}

/** The analysers' module, loaded on first need. */
type AnalyzeFileModule = typeof AnalyzeFile;

/**
 * The analysis modules, imported on a run's first need (a run whose files all come from the cache loads
 * neither) and kept for the process: a dynamic `import()` resolves the specifier again on every call,
 * ~30 µs of CPU in a test worker, and a rule-tester case or an editor's edit lints two or three times.
 */
let analyzeFileModule: Promise<AnalyzeFileModule> | undefined;
const importAnalyzeFile = () => (analyzeFileModule ??= import('./analysis/analyze-file.js'));
let sqlAnalyserModule: Promise<typeof SqlAnalyserModule> | undefined;
const importSqlAnalyser = () => (sqlAnalyserModule ??= import('./analysis/sql-analyser.js'));

export interface AnalysisContext {
  services: ServiceConfig[];
  serviceOf: (relative: string) => string | undefined;
  packages: PackageIndex;
  /** The workspace packages' dependencies (a driver a workspace helper brings decides a dialect). */
  workspaces?: WorkspaceGraph;
  /** Discovered services' package.json folders below their roots (see ServiceSetup). */
  packageFolders?: ReadonlyMap<string, string>;
  /** Every file discovery listed, of any kind: .NET project files name a service's driver (service-dialect.ts). */
  listed?: readonly string[];
  defaultDialect: Dialect;
  /**
   * Whether the config names the default dialect. When it does not, SQL outside every service is
   * read in the dialect most services use (as `init` would write it), not in the bare default.
   */
  defaultDialectConfigured?: boolean;
  /** The config's `dialect` names an engine without a parser here (`sqlserver`): SQL outside every service is read by its tokens. */
  defaultUnparsedEngine?: UnparsedEngine;
  sqlCallees: string[];
  /** Names of env variables `no-unsafe-env-default` is told are secrets: their code fallbacks are secrets too. */
  secretEnvNames: RegExp[];
  /** The dialect a `schemaFiles` entry names for the file, if one does. */
  schemaFileDialect: (relative: string) => Dialect | UnparsedEngine | undefined;
}

/**
 * `schemaFiles[].dialect`: the most specific setting there is (these files, by name), so it comes
 * before the service's dialect, the path and the syntax; the first entry that matches decides.
 */
function schemaFileDialects(config: NilecareConfig): (relative: string) => Dialect | UnparsedEngine | undefined {
  const entries = (config.schemaFiles ?? []).flatMap((entry) =>
    entry.dialect ? [{ match: compileGlob(entry.files), dialect: entry.dialect }] : [],
  );
  return (relative) => entries.find((entry) => entry.match(relative))?.dialect;
}

/**
 * Reads every file and takes its facts from the cache when its content is unchanged. Then, in
 * this order: every fact but SQL; each service's dialect from those facts (drivers, ORM options,
 * Prisma, connection settings, the syntax of its SQL); the SQL of new files, and of cached files
 * analysed in another dialect than the one decided now; last, a service nothing described may take
 * the dialect its statements parse in, and its SQL is analysed once more.
 * The analysers (TypeScript, node-sql-parser, libpg-query) load only when some file needs
 * analysing (loading them costs more than a whole cached run), and each SQL parser only when
 * some statement is in its dialect.
 */
async function readAndAnalyse(
  source: string | SourceTree,
  paths: readonly string[],
  context: AnalysisContext,
  secretKey: SecretKey,
  cache: FactsCache | undefined,
  sqlWorker: boolean | undefined,
  prior: PriorRun | undefined,
  priorDialects?: {
    dialects: ReadonlyMap<string, ServiceDialect>;
    /** Why they cannot be this run's, seen from the files alone (before any SQL is analysed in them). */
    early?: (files: readonly FileFacts[]) => string | undefined;
    obstacle: (files: readonly FileFacts[]) => string | undefined;
    /**
     * The facts the cache holds of unchanged files had their SQL analysed in these dialects (a stored model's: the run
     * that stored it settled every file's SQL in them, see stored-model.ts): no need to look, nor to decode them.
     */
    cacheAnalysedIn?: true;
  },
  /** Stamps discovery took (see fileStamper). */
  knownStamps?: ReadonlyMap<string, FileStamp>,
  lazyFacts = false,
): Promise<{
  files: FileFacts[];
  sqlAnalysis?: SqlAnalyserStats;
  dialects: Map<string, ServiceDialect>;
  keptObstacle?: string;
  /** Every file's SQL is analysed in `dialects` (no service took its statements' dialect after they were analysed). */
  settled: boolean;
}> {
  const { serviceOf, sqlCallees } = context;
  const secrets = { key: secretKey, secretEnvNames: context.secretEnvNames };
  const files = new Array<FileFacts>(paths.length);
  const misses: Array<{ index: number; text: string; hash: string; problems: FileFacts['problems']; binaryLike: boolean }> = [];
  /** The stamps of files read from the disk, stored with their facts (see facts-cache.ts). */
  const stamps = new Map<number, FileStamp>();
  const stampOf = cache && typeof source === 'string' ? fileStamper(source, knownStamps) : undefined;
  // Files whose bytes an earlier run read: their text and hash are known, and their facts are in the cache.
  const known = prior ? new Map(prior.run.model.files.filter((f) => prior.unchanged.has(f.path)).map((f) => [f.path, f])) : undefined;
  // Facts decoded on first read pay off where a stored model (settled, so no dialect check reads them) stands for the
  // model; where it does not, the model is built from every file's facts: all decoded at once then (settle below).
  const lazy = lazyFacts && priorDialects?.cacheAnalysedIn === true;
  /** Files whose facts are decoded on first read. */
  const decodedLater: number[] = [];
  const settleFacts = () => {
    for (const index of decodedLater) files[index] = withLazyText(decodedFacts(files[index]), textOf(paths[index]));
    decodedLater.length = 0;
  };
  const textOf = (relative: string) => () => {
    const read = readSourceFile(relative, source, readOptionsFor(relative));
    return read.ok ? read.text : '';
  };
  paths.forEach((relative, index) => {
    const same = known?.get(relative);
    const reused = same && !same.unread && same.hash !== '' ? cache?.get(relative, same.hash) : undefined;
    if (same && reused) {
      files[index] = withTextOf(same, { ...factsFields(reused), lineStarts: reused.lineStarts ?? same.lineStarts });
      return;
    }
    const stamp = stampOf?.(relative);
    if (stamp) {
      stamps.set(index, stamp);
      // Unchanged since the cache saw it: its facts, and its text only if a rule or the model asks.
      const unchanged = cache?.getUnchanged?.(relative, stamp, lazy);
      if (unchanged) {
        files[index] = withLazyText(unchanged, textOf(relative));
        if (lazy) decodedLater.push(index);
        return;
      }
    }
    const read = readForAnalysis(relative, source, cache, stamp);
    if (read.facts) files[index] = read.facts;
    else misses.push({ index, ...read.miss });
  });
  /** Files whose facts this run produced or changed: stored in the cache at the end. */
  const changed = new Set<number>();
  // An earlier run's dialects are tried first without a worker: its files are mostly known already.
  let ahead = priorDialects ? undefined : await sqlAhead(context, misses.length, sqlWorker, secrets.key);
  if (misses.length > 0) {
    const { extractFileFacts, analyzeFileSql, needsScriptAnalysers, loadScriptAnalysers } = await importAnalyzeFile();
    for (const { index, text, hash, problems, binaryLike } of misses) {
      // TypeScript loads with the first script to parse: a run without one never loads it.
      if (needsScriptAnalysers(paths[index], text, sqlCallees)) await loadScriptAnalysers();
      const facts = extractFileFacts(paths[index], text, { sqlCallees, hash, secrets });
      facts.problems.unshift(...(binaryLike ? summariseBinary(facts, problems) : problems));
      files[index] = facts;
      changed.add(index);
      ahead?.send(facts, analyzeFileSql);
    }
  }

  /** Files extracted here whose SQL no pass has analysed yet. */
  const unanalysed = new Set(changed);
  // Ruled out by the files alone: the dialects are decided now, as without earlier ones.
  const earlyObstacle = priorDialects?.early?.(files);
  if (earlyObstacle !== undefined) settleFacts();
  const tried = earlyObstacle === undefined ? priorDialects : undefined;
  const decide = () => {
    const decided = decideServiceDialects({
      services: context.services,
      files,
      serviceOf,
      packages: context.packages,
      workspaces: context.workspaces,
      ...(context.packageFolders ? { packageFolders: context.packageFolders } : {}),
      ...(context.listed ? { listed: context.listed } : {}),
    });
    const outside = outsideDialect(context, decided);
    refineFromParses(
      decided,
      files,
      serviceOf,
      (relative) => sqlSettings(context, decided, relative, secrets.key, outside),
      context.services,
    );
    return decided;
  };
  // An earlier run's decisions are tried first: SQL is analysed in them, then the files that differ
  // from that run must declare what they declared there, or the dialects are decided here after all.
  let dialects = tried ? new Map(tried.dialects) : decide();
  let sqlAnalysis: SqlAnalyserStats | undefined;
  let settled = true;
  try {
    sqlAnalysis = await analyseSql(dialects, !tried, tried?.cacheAnalysedIn);
  } finally {
    await ahead?.close();
  }
  const keptObstacle = earlyObstacle ?? tried?.obstacle(files);
  if (tried && keptObstacle !== undefined) {
    settleFacts();
    dialects = decide();
    sqlAnalysis = (await analyseSql(dialects, true)) ?? sqlAnalysis;
  }

  /**
   * Analyses the SQL not yet analysed in `decided`; `refine`: a service nothing described may then take its statements'
   * dialect; `cachedDone`: only the files extracted here need it (see priorDialects.cacheAnalysedIn).
   */
  async function analyseSql(
    decided: Map<string, ServiceDialect>,
    refine: boolean,
    cachedDone?: true,
  ): Promise<SqlAnalyserStats | undefined> {
    const outside = outsideDialect(context, decided);
    const settingsFor = (relative: string) => sqlSettings(context, decided, relative, secrets.key, outside);
    const pending = cachedDone
      ? [...unanalysed].sort((a, b) => a - b)
      : files.flatMap((facts, index) => (unanalysed.has(index) || !sqlAnalysedAs(facts, settingsFor(facts.path)) ? [index] : []));
    if (pending.length === 0) return undefined;
    for (const index of pending) unanalysed.delete(index);
    const { analyzeFileSql } = await importAnalyzeFile();
    const { deferredSqlAnalyser, startSqlWorker } = await importSqlAnalyser();
    const offload = sqlWorker ?? wantsSqlWorker(pending.length);
    // Either way, each SQL parser loads only if some text needs it.
    const taken = ahead;
    ahead = undefined;
    const sql = taken?.analyser() ?? (offload ? startSqlWorker() : deferredSqlAnalyser());
    for (const index of pending) {
      analyzeFileSql(files[index], settingsFor(paths[index]), sql);
      changed.add(index);
    }
    const stats = await sql.settle();
    const redecided = new Set(refine ? refineFromParses(decided, files, serviceOf, settingsFor, context.services) : []);
    if (redecided.size > 0) {
      // Files outside every service were read in the dialect most services had before this: not settled.
      settled = false;
      // Rare (a service with no driver, ORM option or one-dialect syntax): inline is enough.
      const inline = deferredSqlAnalyser();
      files.forEach((facts, index) => {
        if (!redecided.has(serviceOf(facts.path) ?? '') || sqlAnalysedAs(facts, settingsFor(facts.path))) return;
        analyzeFileSql(facts, settingsFor(facts.path), inline);
        changed.add(index);
      });
      await inline.settle();
    }
    return stats;
  }
  if (cache) for (const index of changed) cache.set(files[index], stamps.get(index), tableReferences(files[index]));
  return { files, sqlAnalysis, dialects, settled, ...(keptObstacle === undefined ? {} : { keptObstacle }) };
}

/**
 * SQL sent to a worker thread while the files are still being extracted (`startSqlPrefetch`), in the
 * dialects the config and the package manifests alone give: where they already decide a service, its
 * SQL is analysed on the second core while this one parses TypeScript. Undefined when the run has too
 * few files to extract or no core to spare (`wantsSqlWorker`), or `--concurrency off`.
 */
async function sqlAhead(context: AnalysisContext, toExtract: number, sqlWorker: boolean | undefined, secretKey: SecretKey) {
  if (toExtract === 0 || !(sqlWorker ?? wantsSqlWorker(toExtract))) return undefined;
  const { startSqlPrefetch } = await importSqlAnalyser();
  const guessed = decideServiceDialects({
    services: context.services,
    files: [],
    serviceOf: context.serviceOf,
    packages: context.packages,
    workspaces: context.workspaces,
    ...(context.packageFolders ? { packageFolders: context.packageFolders } : {}),
    ...(context.listed ? { listed: context.listed } : {}),
  });
  const outside = outsideDialect(context, guessed);
  // Started by the first file with SQL: a run with none starts no thread.
  let prefetch: SqlPrefetch | undefined;
  const sender: SqlAnalyser = {
    analyze: (text, dialect) => (prefetch ??= startSqlPrefetch()).prefetch(text, dialect),
    settle: () => Promise.resolve({ worker: 0, inline: 0 }),
  };
  return {
    /** The analyser of the decided dialects, taking what was sent; undefined when nothing was. */
    analyser: () => prefetch?.analyser(),
    close: async () => prefetch?.close(),
    /** Sends a freshly extracted file's SQL, as `analyzeFileSql` would read it in the guessed dialect; `facts` stay untouched. */
    send(facts: FileFacts, analyzeFileSql: AnalyzeFileModule['analyzeFileSql']): void {
      if (facts.kind !== 'sql' && !facts.script?.embeddedSql.length) return;
      const settings = sqlSettings(context, guessed, facts.path, secretKey, outside);
      // Read by tokens at once on this thread: nothing to send.
      if (settings.unparsedEngine || (facts.kind === 'sql' && sqlFileEngine(facts.text, settings))) return;
      const scratch: FileFacts = {
        ...factsFields(facts),
        text: facts.text,
        problems: [],
        ...(facts.script ? { script: { ...facts.script, embeddedSql: facts.script.embeddedSql.map((site) => ({ ...site })) } } : {}),
      };
      analyzeFileSql(scratch, settings, sender);
    },
  };
}

/**
 * The dialect of SQL outside every service: the config's default when it names one, else the dialect
 * more services were decided to use than the other (as `init` would write it), else the bare default;
 * where every service is on one engine without a parser here (no config default), that engine, read by tokens.
 */
function outsideDialect(context: AnalysisContext, decided: ReadonlyMap<string, ServiceDialect>): OutsideReading {
  if (context.defaultDialectConfigured)
    return { dialect: context.defaultDialect, ...(context.defaultUnparsedEngine ? { unparsedEngine: context.defaultUnparsedEngine } : {}) };
  const engine = repositoryUnparsedEngine(decided);
  return { dialect: mostServicesDialect(decided) ?? context.defaultDialect, ...(engine ? { unparsedEngine: engine } : {}) };
}

/** How SQL outside every service is read: in a dialect, or, in a repository whose every service is on one engine without a parser here (all SQL Server), by that engine's tokens. */
interface OutsideReading {
  dialect: Dialect;
  unparsedEngine?: UnparsedEngine;
}

const CQL_FILE = /\.cql$/i;

/** SQL files outside every service read by the tokens of the one engine every service runs on (`outsideDialect`), named once. */
function outsideByTokensNotice(
  files: readonly FileFacts[],
  serviceOf: (path: string) => string | undefined,
  /** Why they were: the config's dialect, the engine of every service, or (neither) their own path or SQLite syntax. */
  why: 'config' | 'every service' | 'syntax',
): string | undefined {
  // The kind and path first, then the summary of facts decoded on first read: none is decoded (FactsCache.getUnchanged).
  const byTokensOnly = (f: FileFacts) => {
    const summary = factsSummary(f);
    return summary ? summary.sqlByTokensOnly : f.sql?.byTokensOnly;
  };
  const read = files.filter((f) => f.kind === 'sql' && !CQL_FILE.test(f.path) && !serviceOf(f.path) && byTokensOnly(f));
  if (read.length === 0) return undefined;
  const engine = UNPARSED_ENGINE_NAMES[byTokensOnly(read[0])!];
  const shown = read.slice(0, 3).map((f) => f.path);
  const more = read.length > shown.length ? `, and ${read.length - shown.length} more` : '';
  const reason = {
    config: "the config's dialect",
    'every service': 'the engine of every service',
    syntax: 'the engine its own path or syntax names',
  }[why];
  return `SQL outside every service (${shown.join(', ')}${more}) was read as ${engine}'s, ${reason}: its table references were read from tokens, and no statement was checked for syntax.`;
}

/**
 * Tables declared outside every service (a root Prisma schema, root migrations, a schema file naming no database)
 * that no service owns: their uses are neither unknown tables nor checked against an owner.
 */
function unownedDeclaredNotice(model: ProjectModel): string | undefined {
  const tables = unownedDeclaredTables(model);
  if (tables.length === 0) return undefined;
  const shown = tables.slice(0, 6).map((t) => `'${t.name}'`);
  const more = tables.length > shown.length ? ` and ${tables.length - shown.length} more` : '';
  const files = [...new Set(tables.flatMap((t) => t.files))].sort();
  return `${tables.length} table(s) declared outside every service have no owner (${shown.join(', ')}${more}, in ${files.slice(0, 3).join(', ')}${files.length > 3 ? ', …' : ''}): their uses are not reported as unknown-table, and not checked against an owner; add each to its owning service's "tables" (\`nilecare-lint init\` marks them TODO).`;
}

/** How a file's SQL is read: a `schemaFiles` entry's dialect, else its service's; the default is `outside` for files outside every service. */
function sqlSettings(
  context: AnalysisContext,
  decided: ReadonlyMap<string, ServiceDialect>,
  relative: string,
  secretKey: SecretKey,
  outside = outsideDialect(context, decided),
) {
  const service = context.serviceOf(relative);
  const pinned = context.schemaFileDialect(relative);
  const decision = decided.get(service ?? '');
  // The engine the file's own path names (`SQL/postgres/…`, `db/clickhouse/…`) comes before its service's.
  const byPath =
    pinned === undefined && !CQL_FILE.test(relative) ? fileEngineOfPath(relative, serviceConfigOf(context, service), decision) : undefined;
  const pathDialect = byPath === 'mysql' || byPath === 'postgresql' ? byPath : undefined;
  const pathUnparsed = byPath && !pathDialect ? (byPath as UnparsedEngine) : undefined;
  const engine = pathDialect ? undefined : (pathUnparsed ?? (service ? decision?.unparsedEngine : outside.unparsedEngine));
  // A .cql file is Cassandra's whoever keeps it; a `schemaFiles` entry may name an engine read by tokens (`sqlserver`).
  const pinnedDialect = parsedDialectOf(pinned);
  const unparsedEngine = CQL_FILE.test(relative) ? 'cassandra' : pinned === undefined ? engine : unparsedEngineOf(pinned);
  const serviceDialect = pinnedDialect ?? pathDialect ?? decision?.dialect;
  // A SQL file no `schemaFiles` entry, path or engine of its service reads may show SQLite's own syntax (sqlFileEngine).
  const sqliteSyntax = pinned === undefined && !byPath && !unparsedEngine ? sqliteSyntaxOf(service, decision) : undefined;
  return {
    serviceDialect,
    ...(sqliteSyntax ? { sqliteSyntax } : {}),
    // Its statements chose it (refineFromParses): said on its SQL's analyses, which a later run's vote counts.
    ...(serviceDialect && !pinnedDialect && !pathDialect && decision?.basis === 'sql-parse' ? { byParseVote: true as const } : {}),
    ...(unparsedEngine ? { unparsedEngine } : {}),
    // A service no evidence decides falls back as SQL outside every service does: to the dialect `init` writes at the top.
    defaultDialect: outside.dialect,
    secretKey,
  };
}

const serviceConfigs = new WeakMap<readonly ServiceConfig[], Map<string, ServiceConfig>>();

/** The config of the service named `name` (its roots), undefined outside every service. */
function serviceConfigOf(context: AnalysisContext, name: string | undefined): ServiceConfig | undefined {
  if (name === undefined) return undefined;
  let byName = serviceConfigs.get(context.services);
  if (!byName) serviceConfigs.set(context.services, (byName = new Map(context.services.map((s) => [s.name, s]))));
  return byName.get(name);
}

/** How a file of this kind is read: code is decoded leniently, SQL files may be larger. */
function readOptionsFor(relative: string): { code: boolean; maxBytes: number } {
  const kind = fileKindOf(relative);
  return { code: kind === 'script' || kind === 'sql' || kind === 'prisma', maxBytes: kind === 'sql' ? MAX_SQL_FILE_BYTES : MAX_FILE_BYTES };
}

/**
 * A file a sparse checkout keeps off the disk that git's index could not give (over the read limit, a blob git
 * cannot read) is linted by no one, so no finding says it went unread: a notice names it, since the tables it
 * creates have no owner in this run.
 */
function unreadOffDisk(
  files: readonly FileFacts[],
  discovery: { modelOnly: readonly string[]; notCheckedOut: ReadonlyMap<string, unknown> },
): string[] {
  if (discovery.notCheckedOut.size === 0) return [];
  const modelOnly = new Set(discovery.modelOnly);
  return files
    .filter((f) => f.unread && modelOnly.has(f.path) && discovery.notCheckedOut.has(f.path))
    .map(
      (f) =>
        `${f.path} is not checked out and was not read from git's index (${f.problems[0]?.message ?? 'unreadable'}): the tables it creates have no owner in this run.`,
    );
}

/** A file read for its facts: an unreadable file's (empty) facts, the cached facts of its content, or the text to analyse. */
function readForAnalysis(
  relative: string,
  source: string | SourceTree,
  cache: FactsCache | undefined,
  stamp?: FileStamp,
):
  | { facts: FileFacts; miss?: undefined }
  | { facts?: undefined; miss: { text: string; hash: string; problems: FileFacts['problems']; binaryLike: boolean } } {
  const kind = fileKindOf(relative);
  const read = readSourceFile(relative, source, readOptionsFor(relative));
  if (!read.ok) {
    // Every YAML file is read to find Kubernetes manifests; one that cannot be read (a huge
    // OpenAPI spec, a binary) was most likely no manifest, and is not worth a finding.
    return {
      facts: {
        path: relative,
        kind,
        hash: '',
        unread: true,
        lineStarts: [0],
        text: '',
        comments: [],
        problems: kind === 'other' ? [] : [read.problem],
      },
    };
  }
  // Only the cache reads content hashes: without one, no file is hashed.
  const hash = cache ? hashText(read.text) : '';
  const cached = cache?.get(relative, hash, stamp);
  if (cached) return { facts: { ...factsFields(cached), text: read.text, lineStarts: cached.lineStarts ?? computeLineStarts(read.text) } };
  return { miss: { text: read.text, hash, problems: read.problems, binaryLike: read.binaryLike } };
}

/**
 * One file's facts read again from `source` (an editor's buffer), analysed as the project's
 * run analysed it: its service's dialect as decided then. Stored in the cache when analysed.
 */
export async function analyseFileAgain(
  project: AnalysedProject,
  relative: string,
  source: string | SourceTree,
  cache: FactsCache | undefined,
): Promise<FileFacts> {
  const { context, dialects, secretKey } = project;
  const read = readForAnalysis(relative, source, cache);
  let facts = read.facts;
  const analysers = facts ? undefined : await importAnalyzeFile();
  if (!facts && read.miss && analysers) {
    const { text, hash, problems, binaryLike } = read.miss;
    const secrets = { key: secretKey, secretEnvNames: context.secretEnvNames };
    if (analysers.needsScriptAnalysers(relative, text, context.sqlCallees)) await analysers.loadScriptAnalysers();
    facts = analysers.extractFileFacts(relative, text, { sqlCallees: context.sqlCallees, hash, secrets });
    facts.problems.unshift(...(binaryLike ? summariseBinary(facts, problems) : problems));
  }
  if (!facts) throw new Error(`${relative}: neither read nor analysed`);
  const settings = sqlSettings(context, dialects, relative, secretKey);
  // Cached facts of this content may hold SQL read in another dialect than the one decided now.
  if (analysers || !sqlAnalysedAs(facts, settings)) {
    const { analyzeFileSql } = analysers ?? (await importAnalyzeFile());
    const { deferredSqlAnalyser } = await importSqlAnalyser();
    const sql = deferredSqlAnalyser();
    analyzeFileSql(facts, settings, sql);
    await sql.settle();
    cache?.set(facts, undefined, tableReferences(facts));
  }
  return facts;
}

/**
 * Cached facts whose text is read on first use: most files of a warm run are never looked at
 * again (only the linted files' findings, directives and some SQL dialect checks need text).
 */
function withLazyText(cached: Omit<FileFacts, 'text'>, read: () => string): FileFacts {
  // The cache's object is this run's own: given its text in place, so a lazily decoded one stays undecoded.
  return withTextRead(cached, read);
}

/**
 * `facts` with the text of `same` (the same bytes in another run): read when first asked for if
 * that run has not read it yet (its facts came from the cache by file stamp), as there.
 */
function withTextOf(same: FileFacts, facts: Omit<FileFacts, 'text'>): FileFacts {
  if (!textReadLater(same)) return { ...factsFields(facts), text: same.text };
  return withLazyText(facts, () => same.text);
}

/**
 * A code file with NUL bytes is analysed all the same (its facts count), with one problem:
 * git, and so code review, shows such a file as binary and hides its diff. When it is also not
 * valid UTF-8, or TypeScript finds syntax errors in it, it is most likely an image or an archive
 * with a source name, and the one problem says so instead of a screenful of "Invalid character".
 */
function summariseBinary(facts: FileFacts, readProblems: FileFacts['problems']): FileFacts['problems'] {
  const syntax = facts.script?.syntaxProblems ?? [];
  const span = { start: 0, end: 0 };
  if (readProblems.length === 0 && syntax.length === 0)
    return [
      {
        message: 'it holds NUL bytes, so git and code review show it as binary and hide its diff (the linter read it as text)',
        fileSpan: span,
      },
    ];
  syntax.length = 0;
  return [{ message: 'binary content (NUL bytes) that is not valid source text; what could be read was analysed', fileSpan: span }];
}

/**
 * The `secretPatterns` of `no-unsafe-env-default` (valid ones; the rule's options check reports
 * the others). They are part of the config, which keys the facts cache.
 */
function configuredSecretEnvNames(config: NilecareConfig): RegExp[] {
  const entry = config.rules?.['no-unsafe-env-default'];
  const patterns = Array.isArray(entry) && entry.length > 1 ? (entry[1] as { secretPatterns?: unknown }).secretPatterns : undefined;
  if (!Array.isArray(patterns)) return [];
  return patterns.flatMap((source) => {
    if (typeof source !== 'string') return [];
    try {
      return [new RegExp(source, 'i')];
    } catch {
      return [];
    }
  });
}

/**
 * The migration name patterns of the project: written as the `patterns` option of
 * `migration-file-name` (valid ones; the rule's options check reports the others), they decide
 * what every rule and the model count as a versioned migration.
 */
function configuredMigrationPatterns(config: NilecareConfig): string[] {
  const entry = config.rules?.['migration-file-name'];
  const patterns = Array.isArray(entry) && entry.length > 1 ? (entry[1] as { patterns?: unknown }).patterns : undefined;
  if (!Array.isArray(patterns)) return [];
  return patterns.filter((source): source is string => {
    if (typeof source !== 'string') return false;
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  });
}

/** A config file is a few KB; the same cap as a package.json. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Where a run over a tree stands. A tree on disk (an overlay) is located as the disk is, and its
 * root must be the project root found there; any other tree is the whole project: its config is
 * `config`, `configPath` or a config file at its root, and there is no search above it.
 */
export function locateInTree(tree: SourceTree, options: LintOptions): ProjectLocation {
  const root = path.resolve(tree.root);
  if (tree.onDisk) {
    const location = locateProject({ cwd: options.cwd, configPath: options.configPath, inlineConfig: options.config !== undefined });
    if (location.projectRoot !== root)
      throw new Error(`the ${tree.label} tree's root (${root}) is not the project root (${location.projectRoot}); give the project root`);
    return location;
  }
  const cwd = path.resolve(root, options.cwd);
  if (insideRoot(root, cwd) === undefined) throw new Error(`cwd ${cwd} lies outside the ${tree.label} tree's root (${root})`);
  const configFile =
    options.config !== undefined
      ? undefined
      : options.configPath !== undefined
        ? path.resolve(cwd, options.configPath)
        : CONFIG_FILE_NAMES.map((name) => path.join(root, name)).find((file) => tree.entry(path.basename(file)) === 'file');
  return { cwd, configFile, projectRoot: root, repositoryRoot: root };
}

/** The config file of a tree, read through it: an editor's unsaved config counts. */
export function loadConfigFromTree(tree: SourceTree, file: string): LoadedConfig {
  const relative = insideRoot(path.resolve(tree.root), file);
  if (relative === undefined || relative === '') {
    if (!tree.onDisk) throw new ConfigError(`${file}: cannot read config: it lies outside the ${tree.label} tree`, file);
    const loaded = loadConfig(tree.root, file);
    if (!loaded) throw new ConfigError(`${file}: cannot read config: file not found`, file);
    return loaded;
  }
  let text: string | undefined;
  try {
    text = readTreeText(tree, relative, { maxBytes: MAX_CONFIG_BYTES });
  } catch (error) {
    if (!(error instanceof FileAccessError)) throw error;
    throw new ConfigError(`${file}: cannot read config: ${error.reason}`, file);
  }
  if (text === undefined) throw new ConfigError(`${file}: cannot read config: file not found`, file);
  return { config: parseConfigText(text, file), file, text };
}

/** The suppressions file of a tree that is not on disk, read through it. */
function suppressionsReader(tree: SourceTree): (file: string) => string | undefined {
  return (file) => {
    const relative = insideRoot(path.resolve(tree.root), file);
    if (relative === undefined || relative === '') return undefined;
    return readTreeText(tree, relative, { maxBytes: MAX_CONFIG_BYTES * 64 });
  };
}

/** `true` in the config means 'warn', as in ESLint's linterOptions. */
function unusedDirectiveSeverity(setting: boolean | Severity | 'off' | undefined): Severity | 'off' {
  return setting === true ? 'warn' : setting === false || setting === undefined ? 'off' : setting;
}

/** `--ignore-pattern` globs are relative to the working directory, as in ESLint; discovery matches project-relative paths. */
function commandLineIgnores(location: ProjectLocation, patterns: readonly string[]): LabelledPattern[] {
  const prefix = insideRoot(location.projectRoot, location.cwd);
  return patterns.map((pattern) => ({
    pattern: prefix ? path.posix.join(prefix, pattern.replace(/^\.\//, '')) : pattern,
    source: '--ignore-pattern',
  }));
}

/**
 * The project-relative files `paths` (expanded like ESLint) or `files` (taken as they are) name;
 * undefined when the run covers the whole project. Files outside the project cannot be linted.
 */
function namedFiles(location: ProjectLocation, discovery: ReturnType<typeof discoverFiles>, options: LintOptions, warnings: string[]) {
  if (options.paths) {
    const expanded = expandPatterns(options.paths, {
      cwd: location.cwd,
      root: location.projectRoot,
      discovery,
      tree: options.tree,
      changeSet: options.affected,
    });
    warnings.push(...expanded.warnings);
    return options.affected ? [...new Set([...expanded.files, ...expanded.named])] : expanded.files;
  }
  return options.files
    ?.map((file) => insideRoot(location.projectRoot, path.resolve(location.cwd, file)))
    .filter((file): file is string => file !== undefined);
}

/** Which files get diagnostics: all, the named ones (or those a change set affects), and/or one shard. */
function selectFiles(
  all: string[],
  named: string[] | undefined,
  options: LintOptions,
  notices: string[],
  facts: FileFacts[],
  configFile: string | undefined,
): { selection: Set<string>; everything: boolean; selectionGap?: UncheckedPart } {
  let selected = all;
  const present = new Set(all);
  if (named && options.affected) {
    const changed = named;
    const affected = affectedFiles({ files: facts, changed, configFile });
    // The facts hold files only the user's ignores keep out: read for the model, never linted.
    selected = affected.files.filter((f) => present.has(f));
    if (affected.reason === 'model')
      notices.push('The change touches the config, an .env, a compose file or a Kubernetes manifest: every file was re-checked.');
    else if (affected.reason === 'tables') {
      const extra = selected.length - changed.filter((f) => present.has(f)).length;
      notices.push(
        `${extra} unchanged file(s) that use tables the change declares were re-checked (${affected.tables.slice(0, 5).join(', ')}${affected.tables.length > 5 ? ', …' : ''}).`,
      );
    }
  } else if (named) {
    const wanted = new Set(named);
    selected = all.filter((f) => wanted.has(f));
    // `paths` already warned about each of its files; only plain `files` lists can hold these.
    const missing = [...wanted].filter((f) => !present.has(f));
    if (missing.length > 0)
      notices.push(
        `${missing.length} named file(s) are not lintable sources or are ignored: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`,
      );
  }
  const everything = selected.length === all.length;
  const beforeShard = selected.length;
  if (options.shard) {
    const { index, count } = options.shard;
    selected = selected.filter((f) => shardOf(f, count) === index);
  }
  const selectionGap = emptySelection({
    changed: options.affected ? named : undefined,
    changeSetLabel: options.changeSetLabel,
    beforeShard,
    shard: options.shard,
    selected: selected.length,
  });
  return { selection: new Set(selected), everything, ...(selectionGap ? { selectionGap } : {}) };
}

/**
 * Whether findings in the config file belong to this run: a run over every file, or one naming
 * the config (a change set holding it re-checks everything); with `--shard`, only the shard the
 * config's path falls in, so that exactly one shard reports them.
 */
/** A package.json is covered by a run over everything, or over any file of its folder (`nilecare-lint services/billing`, `--staged`). */
function manifestSelected(file: string, everything: boolean, selection: ReadonlySet<string>, options: LintOptions): boolean {
  if (options.shard && shardOf(file, options.shard.count) !== options.shard.index) return false;
  if (everything) return true;
  const folder = file.slice(0, file.lastIndexOf('/') + 1);
  return [...selection].some((path) => path.startsWith(folder));
}

function configFileSelected(configPath: string, everything: boolean, named: string[] | undefined, options: LintOptions): boolean {
  if (!everything && !named?.includes(configPath)) return false;
  return !options.shard || shardOf(configPath, options.shard.count) === options.shard.index;
}

/** Where `services[i].databases[j]` is in the config text: the string, or an object entry's `name`. */
function configEntryLocator(configPath: string, text: string): ConfigEntryLocator {
  let lineStarts: number[] | undefined;
  return (serviceIndex, databaseIndex) => {
    const entry = ['services', serviceIndex, 'databases', databaseIndex];
    const span = jsonValueSpan(text, entry);
    const at = span && text[span.start] === '{' ? jsonValueSpan(text, [...entry, 'name']) : span;
    if (!at) return undefined;
    lineStarts ??= computeLineStarts(text);
    return { file: configPath, range: spanToRange(lineStarts, at) };
  };
}

/**
 * `databases` entries whose owner names no service: the database then has no owner, and its tables none
 * through it, without a word. Each is a warning at the entry (`file:line:column`) naming the closest service.
 */
function unknownDatabaseOwners(
  config: NilecareConfig,
  services: readonly ServiceConfig[],
  source?: { file: string; text?: string },
): string[] {
  const names = services.map((s) => s.name);
  const known = new Set(names);
  const warnings: string[] = [];
  for (const [database, owner] of Object.entries(config.databases ?? {})) {
    if (known.has(owner)) continue;
    const span = source?.text === undefined ? undefined : jsonValueSpan(source.text, ['databases', database]);
    const where = span && source ? `${source.file}:${positionOf(source.text!, span.start)}: ` : '';
    const closest = closestServiceName(owner, names);
    const hint = closest
      ? `did you mean '${closest}'?`
      : names.length === 0
        ? 'no services were found'
        : `services: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''}`;
    warnings.push(
      `${where}${formatKeyPath(['databases', database])}: owner '${owner}' names no service (${hint}): database '${database}' has no owner, so none of its tables is owned through it`,
    );
  }
  return warnings;
}

/** `services[].tables` entries that match no table of the repository, each at its entry with the closest name. */
function tablePatternWarnings(config: NilecareConfig, model: ProjectModel, source?: { file: string; text?: string }): string[] {
  return unmatchedTablePatterns(config, model).map(({ keyPath, pattern, service, closest, mongo }) => {
    const span = source?.text === undefined ? undefined : jsonValueSpan(source.text, keyPath);
    const where = span && source ? `${source.file}:${positionOf(source.text!, span.start)}: ` : '';
    const hint = closest ? ` (did you mean '${closest}'?)` : '';
    // A MongoDB service's entry most likely names a collection: say what the linter reads, so the entry is not taken for a typo.
    const what = `${where}${formatKeyPath(keyPath)}: '${pattern}' matches no table the repository creates or queries${hint}`;
    if (mongo)
      return `${what}: service '${service}' runs on MongoDB, whose collections (Mongoose models, db.collection('…')) are no SQL tables the linter reads, so it owns nothing through it; remove the entry unless an SQL table of that name is meant`;
    return `${what}: service '${service}' owns nothing through it`;
  });
}

/** `line:column` (1-based) of an offset. */
function positionOf(text: string, offset: number): string {
  const range = spanToRange(computeLineStarts(text), { start: offset, end: offset });
  return `${range.line}:${range.column}`;
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
    if (!ruleRegistry[id]) throw new ConfigError(`rules.${id}: ${unknownRuleText(id, Object.keys(ruleRegistry))}`);
  }
  for (const id of Object.keys(overrides)) {
    if (!ruleRegistry[id]) throw new ConfigError(`--rule ${id}: ${unknownRuleText(id, Object.keys(ruleRegistry))}`);
  }
  const fileOverrides = (config.overrides ?? []).map((override, index) => {
    for (const id of Object.keys(override.rules))
      if (!ruleRegistry[id]) throw new ConfigError(`overrides[${index}].rules.${id}: ${unknownRuleText(id, Object.keys(ruleRegistry))}`);
    const globs = override.files.map((glob) => compileFolderGlob(glob));
    return { index, rules: override.rules, files: (file: string) => globs.some((match) => match(file)) };
  });
  for (const [id, rule] of Object.entries(ruleRegistry)) {
    const base = ruleSetting(rule, config.rules?.[id], undefined, `rules.${id}`, overrides[id]);
    const setting = (severity: Severity | 'off', options: unknown, files?: (path: string) => boolean) => {
      const effective = overrides[id] ?? severity;
      if (effective !== 'off') active.push({ rule, severity: effective, options, ...(files ? { files } : {}) });
    };
    const matching = fileOverrides.filter((o) => o.rules[id] !== undefined);
    if (matching.length === 0) {
      setting(base.severity, base.options);
      continue;
    }
    // ESLint's overrides: a file takes the last entry whose files match it; the top-level setting judges the rest.
    setting(base.severity, base.options, (file) => !matching.some((o) => o.files(file)));
    matching.forEach((o, i) => {
      const own = ruleSetting(rule, o.rules[id], base.written, `overrides[${o.index}].rules.${id}`, overrides[id]);
      const later = matching.slice(i + 1);
      setting(own.severity, own.options, (file) => o.files(file) && !later.some((l) => l.files(file)));
    });
  }
  return active;
}

/**
 * A rule entry's severity and validated options; a severity alone keeps `inherited` options (ESLint's overrides).
 * Options written in the config are always checked; a rule that is off (`commandLine`, the `--rule` severity, wins) with
 * none written runs nowhere, so its defaults are not worked out: a run with one rule on (a rule-tester case, `init`'s
 * all-off run) checks one rule's options, not every rule's (zod's parse of a rule's defaults is tens of microseconds).
 */
function ruleSetting(
  rule: AnyRule,
  entry: RuleEntry | undefined,
  inherited: unknown,
  keyPath: string,
  commandLine: Severity | 'off' | undefined,
) {
  let severity: Severity | 'off' = rule.meta.defaultSeverity;
  let written: unknown = inherited;
  if (typeof entry === 'string') severity = entry;
  else if (Array.isArray(entry)) {
    severity = entry[0];
    written = entry[1] ?? inherited;
  }
  let options: unknown = written ?? {};
  if (rule.meta.options && (written !== undefined || (commandLine ?? severity) !== 'off')) {
    const parsed = rule.meta.options.safeParse(options);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${keyPath}[1].${formatKeyPath(i.path)}: ${i.message}`).join('\n  ');
      throw new ConfigError(`invalid options:\n  ${detail}`);
    }
    options = parsed.data;
  }
  return { severity, options, written };
}

export type { Diagnostic };

/**
 * The rules in force with the naming settings a run without config learned: the repository's under the config's
 * `rules`, each service's as overrides before the config's (a later entry wins, so the config's own stay on top).
 */
function withLearned(
  config: NilecareConfig,
  learnedRules: Record<string, RuleEntry> | undefined,
  learnedOverrides: NilecareConfig['overrides'],
  ruleOverrides: Record<string, Severity | 'off'> | undefined,
) {
  return resolveRules(
    {
      ...config,
      rules: { ...learnedRules, ...config.rules },
      overrides: [...(learnedOverrides ?? []), ...(config.overrides ?? [])],
    },
    ruleOverrides,
  );
}

/** Why naming rules a stored model learned are not rules in force (a damaged record), if they are not. */
function learnedRulesObstacle(
  learnedRules: Record<string, RuleEntry> | undefined,
  learnedOverrides: NilecareConfig['overrides'],
): string | undefined {
  if (!learnedRules && !learnedOverrides) return undefined;
  // Only naming rules are learned: anything else (a project-level rule in an override throws) is a forged record.
  const ids = [...Object.keys(learnedRules ?? {}), ...(learnedOverrides ?? []).flatMap((o) => Object.keys(o.rules))];
  if (ids.some((id) => !Object.hasOwn(RULE_ASPECTS, id))) return 'the stored naming rules are no rules';
  try {
    resolveRules({ rules: learnedRules ?? {}, ...(learnedOverrides ? { overrides: learnedOverrides } : {}) }, undefined);
    return undefined;
  } catch (error) {
    if (error instanceof ConfigError) return 'the stored naming rules are no rules';
    throw error;
  }
}

/** `listed` without the cache file (absolute), when it is one of them. */
function withoutCacheFile(listed: readonly string[], cwd: string, cacheFile: string | undefined): readonly string[] {
  if (cacheFile === undefined) return listed;
  const relative = path.relative(cwd, cacheFile).split(path.sep).join('/');
  return listed.includes(relative) ? listed.filter((file) => file !== relative) : listed;
}
