/**
 * `--print-config <file>`: the effective configuration as it applies to one file — services
 * (inferred ones written out), every rule with its resolved severity and options — plus the
 * service that owns the file and the dialect its SQL is read in.
 */
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { insideRoot, locateProject } from '../config/locate.js';
import { parsedDialectOf, unparsedEngineOf, type NilecareConfig } from '../config/schema.js';
import type { Severity } from '../engine/types.js';
import { loadConfigFromTree, locateInTree, resolveRules } from '../lint.js';
import { sqlFileDialect, sqlFileEngine } from '../analysis/dialect.js';
import { fileKindOf } from '../discovery/file-kind.js';
import { configuredServices, createServiceMatcher } from '../model/services.js';
import { PackageIndex } from '../model/packages.js';
import { packageManifests } from '../model/service-discovery.js';
import { workspaceGraph } from '../model/transitive-drivers.js';
import { workspacePackages } from '../model/workspace-packages.js';
import {
  decideServiceDialects,
  describeDialect,
  fileEngineOfPath,
  mostServicesDialect,
  repositoryUnparsedEngine,
  sqliteSyntaxOf,
} from '../model/service-dialect.js';
import { UNPARSED_ENGINE_NAMES } from '../analysis/database-packages.js';
import { discoverFiles, type ListingCache } from '../discovery/discover.js';
import { extractFileFacts, loadScriptAnalysers, needsScriptAnalysers } from '../analysis/analyze-file.js';
import type { FileFacts } from '../analysis/facts.js';
import { readSourceFile } from '../io/read-file.js';
import { entryKind } from '../io/read-regular-file.js';
import type { SourceTree } from '../io/source-tree.js';
import { ruleRegistry } from '../../rules/index.js';

export interface PrintConfigOptions {
  /** The working directory: the config search and relative paths start here. */
  cwd: string;
  configPath?: string;
  /** The file, relative to `cwd` or absolute. */
  file: string;
  ruleOverrides?: Record<string, Severity | 'off'>;
  /** The file listing kept between runs of a long-lived process, as lint() takes it (see discover.ts). */
  listingCache?: ListingCache;
  /** The files, as lint() takes them (`LintOptions.tree`): a memory tree is the whole project, its config at its root. */
  tree?: SourceTree;
}

export async function effectiveConfigFor(options: PrintConfigOptions): Promise<Record<string, unknown>> {
  const { tree } = options;
  const location = tree ? locateInTree(tree, options) : locateProject({ cwd: options.cwd, configPath: options.configPath });
  // Config paths, services and the file are all read from the project root, as a run reads them.
  const cwd = location.projectRoot;
  const loaded = location.configFile
    ? tree
      ? loadConfigFromTree(tree, location.configFile)
      : loadConfig(cwd, location.configFile, location.repositoryRoot)
    : undefined;
  const config: NilecareConfig = loaded?.config ?? {};
  // What the files are read from, as lint() reads them: the tree, or the disk at the project root.
  const source = tree ?? cwd;
  const discovery = discoverFiles({
    cwd,
    tree,
    ignores: config.ignores ?? [],
    defaultIgnores: config.defaultIgnores !== false,
    listingCache: options.listingCache,
  });
  const packages = new PackageIndex(source);
  const { services, inferred, packageFolders } = configuredServices(cwd, config, discovery, packages);
  const serviceOf = createServiceMatcher(services);
  const workspaces = workspaceGraph(workspacePackages(packageManifests(cwd, discovery, config.ignores ?? []), packages), packages);
  const decisions = decideServiceDialects({
    services,
    files: await serviceFacts(tree ?? location.repositoryRoot, cwd, discovery.files, serviceOf, config),
    serviceOf,
    packages,
    workspaces,
    ...(packageFolders ? { packageFolders } : {}),
    listed: discovery.listed,
  });
  const absolute = path.resolve(location.cwd, options.file);
  const inside = insideRoot(cwd, absolute);
  const file = inside ?? absolute.split(path.sep).join('/');
  const serviceName = serviceOf(file);
  // Without a configured default (outside every service, or in a service no evidence decides): the dialect most
  // services use, as lint() reads it and `init` writes it at the top.
  const majority = config.dialect === undefined ? mostServicesDialect(decisions) : undefined;
  const defaultDialect = parsedDialectOf(config.dialect) ?? majority ?? 'mysql';
  const decision = serviceName ? decisions.get(serviceName) : undefined;
  const serviceDialect = decision?.dialect;
  const kind = fileKindOf(file);

  let dialect: string | undefined = serviceDialect ?? defaultDialect;
  let dialectSource = decision?.dialect
    ? `service: ${describeDialect(decision)}`
    : config.dialect
      ? 'config dialect'
      : majority
        ? 'most services'
        : 'default';
  // Read as lint() reads it: a file lint() would not analyse decides nothing here either.
  const read =
    kind !== 'sql' || decision?.dialect
      ? undefined
      : tree
        ? mapInside(inside, (relative) => readSourceFile(relative, tree))
        : readSourceFile(absolute, location.repositoryRoot);
  if (read?.ok) {
    const text = read.text;
    dialect = sqlFileDialect(file, text, { serviceDialect, defaultDialect });
    // Decided by the file itself when the fallbacks do not matter.
    const withMysql = sqlFileDialect(file, text, { defaultDialect: 'mysql' });
    const withPg = sqlFileDialect(file, text, { defaultDialect: 'postgresql' });
    if (withMysql === withPg) dialectSource = 'file path or syntax';
  } else if (kind !== 'sql' && kind !== 'script') {
    dialect = undefined;
    dialectSource = 'not SQL';
  }
  // An engine without a parser here (SQL Server, Oracle, SQLite…): lint() reads the file by that engine's tokens, as
  // for its service, or, outside every service, for the config's (`"dialect": "sqlserver"`) or else the one engine every
  // service runs on.
  const engine = /\.cql$/i.test(file)
    ? 'cassandra'
    : serviceName
      ? decision?.unparsedEngine
      : config.dialect === undefined
        ? repositoryUnparsedEngine(decisions)
        : unparsedEngineOf(config.dialect);
  if (engine && (kind === 'sql' || kind === 'script')) {
    dialect = engine;
    dialectSource = /\.cql$/i.test(file)
      ? 'a .cql file: Cassandra, read by tokens only'
      : serviceName
        ? `service: ${describeDialect(decision)}`
        : config.dialect !== undefined
          ? `config dialect: ${UNPARSED_ENGINE_NAMES[engine]} — not parsed here: SQL outside every service is read by its tokens only`
          : `every service: ${UNPARSED_ENGINE_NAMES[engine]} — not parsed here: SQL outside every service is read by its tokens only`;
  }
  // The engine the file's own path names comes first, as lint() reads it (a `schemaFiles` dialect aside).
  const byPath =
    (kind === 'sql' || kind === 'script') && !/\.cql$/i.test(file)
      ? fileEngineOfPath(
          file,
          services.find((s) => s.name === serviceName),
          decision,
        )
      : undefined;
  if (byPath) {
    dialect = byPath;
    const name = byPath === 'mysql' ? 'MySQL' : byPath === 'postgresql' ? 'PostgreSQL' : UNPARSED_ENGINE_NAMES[byPath];
    dialectSource = `file path: ${name}${byPath === 'mysql' || byPath === 'postgresql' ? '' : ' — not parsed here: read by its tokens only'}`;
  }
  // A SQL file nothing above reads in an engine may show SQLite's own syntax (AUTOINCREMENT, PRAGMA; a `[bracket]` name where
  // its service names SQLite among its engines): lint() reads it by SQLite's tokens.
  const sqliteSyntax = kind === 'sql' && !byPath && !engine ? sqliteSyntaxOf(serviceName, decision) : undefined;
  const sqliteText = !sqliteSyntax
    ? undefined
    : read?.ok
      ? read
      : tree
        ? mapInside(inside, (relative) => readSourceFile(relative, tree))
        : readSourceFile(absolute, location.repositoryRoot);
  if (sqliteText?.ok && sqlFileEngine(sqliteText.text, { defaultDialect, ...(sqliteSyntax ? { sqliteSyntax } : {}) })) {
    dialect = 'sqlite';
    dialectSource = `file syntax: ${UNPARSED_ENGINE_NAMES.sqlite} (AUTOINCREMENT, PRAGMA, sqlite_master${sqliteSyntax === 'any' ? ', [bracket] names' : ''}) — not parsed here: read by its tokens only`;
  }
  // A service on an engine without a parser here shows that engine (`sqlserver`), as its files are read.
  const dialects = new Map([...decisions].map(([name, d]) => [name, d.dialect ?? d.unparsedEngine]));

  // The setting each rule has for this file: the config's `overrides` may set it for some files only.
  const active = new Map(
    resolveRules(config, options.ruleOverrides)
      .filter((entry) => !entry.files || entry.files(file))
      .map((entry) => [entry.rule.meta.id, entry]),
  );
  const rules = Object.fromEntries<unknown>(
    Object.keys(ruleRegistry)
      .sort()
      .map((id) => {
        const entry = active.get(id);
        if (!entry) return [id, 'off'] as const;
        const hasOptions = entry.options !== undefined && Object.keys(entry.options as object).length > 0;
        return [id, hasOptions ? [entry.severity, entry.options] : entry.severity] as const;
      }),
  );

  return {
    file,
    // A tree holds the project: a file outside it is none of its files.
    exists:
      (tree ? (mapInside(inside, (relative) => tree.entry(relative)) ?? 'missing') : entryKind(absolute, { root: cwd })) !== 'missing',
    kind,
    service: serviceName ?? null,
    dialect: dialect ?? null,
    dialectSource,
    configFile: loaded?.file ? path.relative(cwd, loaded.file).split(path.sep).join('/') : null,
    servicesInferred: inferred,
    config: {
      ...config,
      dialect: config.dialect ?? 'mysql',
      services: services.map((s) => ({ ...s, dialect: dialects.get(s.name) ?? null })),
      rules,
    },
  };
}

/** Every fact but SQL of the files inside services: what the dialect decision reads. */
async function serviceFacts(
  /** The tree the files are read from, or the repository root on disk. */
  source: string | SourceTree,
  cwd: string,
  files: string[],
  serviceOf: (file: string) => string | undefined,
  config: NilecareConfig,
): Promise<FileFacts[]> {
  const out: FileFacts[] = [];
  const sqlCallees = config.sqlCallees ?? [];
  for (const file of files) {
    if (!serviceOf(file)) continue;
    const read = typeof source === 'string' ? readSourceFile(path.join(cwd, file), source) : readSourceFile(file, source);
    if (!read.ok) continue;
    if (needsScriptAnalysers(file, read.text, sqlCallees)) await loadScriptAnalysers();
    out.push(extractFileFacts(file, read.text, { sqlCallees }));
  }
  return out;
}

/** `map` of a project-relative path; undefined for a path outside the project. */
function mapInside<T>(relative: string | undefined, map: (relative: string) => T): T | undefined {
  return relative === undefined ? undefined : map(relative);
}
