/**
 * Each service's SQL dialect, decided before any of its SQL is parsed, from every piece of
 * evidence the repository holds, strongest first:
 *
 * 1. the config (`services[].dialect`);
 * 2. what the service declares: its drivers and engine-specific ORM packages in package.json (or in
 *    another language's manifest: go.mod, requirements.txt / pyproject.toml, pom.xml / build.gradle, a .csproj),
 *    Prisma `provider`, ORM connection options (TypeORM/MikroORM `type`, also in `ormconfig.json` / `.yml`, knex `client`,
 *    Sequelize/drizzle-kit `dialect`), imports of drivers and engine-specific entry points;
 *    then its connection settings (URL schemes, `PG*` / `MYSQL_*` keys);
 * 3. drivers its dependencies pull in (lock files: a company wrapper around `pg`);
 * 4. the syntax of its own SQL: one-dialect features per file, majority of files;
 * 5. after parsing, statements that fail in the dialect used and parse in the other
 *    (`refineFromParses`), for a service nothing else described.
 *
 * The first level with evidence decides. Evidence of both engines at one level (a service moving
 * from MySQL to PostgreSQL) leaves the service without one dialect: each file is then read in the
 * dialect its path or syntax shows, as for SQL outside services.
 */
import path from 'node:path';
import type { Dialect, FileFacts } from '../analysis/facts.js';
import {
  embeddedDialect,
  leanDialect,
  pathEngine,
  sniffSqlDialect,
  sqlFileDialect,
  sqliteMarkOf,
  type DialectSettings,
} from '../analysis/dialect.js';
import {
  ENGINE_OPTION_KEYS,
  driverEngine,
  importDialect,
  optionValueDialect,
  packageDialect,
  UNPARSED_ENGINE_NAMES,
  type UnparsedEngine,
} from '../analysis/database-packages.js';
import { spanToRange } from '../analysis/text.js';
import { parsedDialectOf, unparsedEngineOf, type ServiceConfig } from '../config/schema.js';
import { findConnections } from './connections.js';
import { DOTNET_PROJECT, foreignDrivers, type ForeignDriver } from './foreign-drivers.js';
import { EGG_INFO_REQUIRES, eggInfoRoot, foldersOfListing } from './egg-info.js';
import { cockroachEvidence } from './cockroach-evidence.js';
import { mariadbEvidence } from './mariadb-evidence.js';
import { unparsedEngineEvidence } from './unparsed-engine.js';
import { connectionDriverSettings, jdbcUrlSettings } from './engine-evidence.js';
import type { PackageIndex } from './packages.js';
import { transitiveDrivers, type WorkspaceGraph } from './transitive-drivers.js';
import { isTestFile } from './paths.js';
import { trimFolderPattern } from '../config/glob.js';

export type DialectSource =
  'config' | 'dependency' | 'prisma' | 'orm-options' | 'import' | 'connection' | 'lock-file' | 'sql-syntax' | 'sql-parse';

export interface DialectEvidence {
  /** A dialect parsed here, or an engine whose SQL is read by tokens only. */
  dialect: Dialect | UnparsedEngine;
  source: DialectSource;
  /** What was seen, e.g. `pg in package.json`, `type: 'postgres' in src/data-source.ts:4`. */
  detail: string;
}

export interface ServiceDialect {
  dialect?: Dialect;
  /** The service runs on an engine the linter has no parser for: its SQL is read by tokens only (no dialect then). */
  unparsedEngine?: UnparsedEngine;
  /** What decided: a level above, `mixed` when one level names both engines, `none` when nothing does. */
  basis: 'config' | 'declared' | 'connection' | 'lock-file' | 'sql-syntax' | 'sql-parse' | 'mixed' | 'none';
  /** The evidence of the deciding level (and of both engines when mixed), a few items per source. */
  evidence: DialectEvidence[];
  /**
   * Every engine the service's declarations (drivers, ORM options, Prisma, imports, engines without a
   * parser here) and connection settings name, and the deciding level's, sorted: `['mysql', 'postgresql']`
   * for a service moving engines, `['mysql', 'sqlite']` for MySQL with SQLite for tests. Where the config decides,
   * its dialect, its files' path engines and the engines without a parser here it declares, when they are more than it.
   * Absent when nothing names one.
   */
  engines?: Array<Dialect | UnparsedEngine>;
  /**
   * Where the service says it runs on MariaDB (mariadb-evidence.ts), when its dialect is MySQL or
   * undecided: its SQL may then use MariaDB's syntax. Absent when nothing says so.
   */
  mariadb?: string[];
  /**
   * Where the service says it runs on CockroachDB (cockroach-evidence.ts), when its dialect is PostgreSQL or
   * undecided: CockroachDB's own syntax (`UPSERT INTO`) is valid there. Absent when nothing says so.
   */
  cockroach?: string[];
}

export interface DialectInput {
  services: readonly ServiceConfig[];
  /** Facts of every file, SQL not yet analysed (embedded SQL texts are known). */
  files: readonly FileFacts[];
  serviceOf: (path: string) => string | undefined;
  packages: PackageIndex;
  /** The workspace packages' dependencies: a driver a workspace helper brings is as good as a lock file's. */
  workspaces?: WorkspaceGraph;
  /** A service's package.json folder below its root (`services/orders/api` of `services/orders`): its declared drivers count. */
  packageFolders?: ReadonlyMap<string, string>;
  /** Every file discovery listed, of any kind: a folder's .NET project files (`Billing.csproj`) are found here. */
  listed?: readonly string[];
}

const LITERAL_ROOT = /^[^*?{[]+$/;
/**
 * The dialect a parser reads a service's SQL in: its own (setting or evidence), else the config's default dialect when a
 * parser here reads that engine (a default of `sqlserver` names none). Rules ask here rather than read `config.dialect`.
 */
export function parsedDialectFor(
  service: { dialect?: Dialect } | undefined,
  config: { dialect?: Parameters<typeof parsedDialectOf>[0] },
): Dialect | undefined {
  return service?.dialect ?? parsedDialectOf(config.dialect);
}

/** Evidence items kept per source: enough to show why, not every import of `pg`. */
const PER_SOURCE = 3;

export function decideServiceDialects(input: DialectInput): Map<string, ServiceDialect> {
  const filesByService = new Map<string, FileFacts[]>();
  for (const file of input.files) {
    const name = input.serviceOf(file.path);
    if (!name || isTestFile(file.path)) continue;
    const list = filesByService.get(name) ?? [];
    list.push(file);
    filesByService.set(name, list);
  }
  const projectsIn = new Map<string, string[]>();
  let listedFolders: Set<string> | undefined;
  for (const file of input.listed ?? []) {
    const folder = DOTNET_PROJECT.test(file)
      ? path.posix.dirname(file) === '.'
        ? ''
        : path.posix.dirname(file)
      : EGG_INFO_REQUIRES.test(file)
        ? eggInfoRoot(file, input.packages, (listedFolders ??= foldersOfListing(input.listed ?? [])))
        : undefined;
    if (folder === undefined) continue;
    const list = projectsIn.get(folder) ?? [];
    list.push(file);
    projectsIn.set(folder, list);
  }
  const foreignOf = new Map<string, ForeignDriver[]>();
  const foreign = (folder: string): ForeignDriver[] => {
    let found = foreignOf.get(folder);
    if (!found) foreignOf.set(folder, (found = foreignDrivers(input.packages, folder, projectsIn.get(folder))));
    return found;
  };
  const out = new Map<string, ServiceDialect>();
  for (const service of input.services) {
    // A SQL file whose path names its engine (`SQL/postgres/…`, `mysql.initial.sql`) is read in that engine whatever the
    // service's: it is evidence that the service runs on several engines, not a vote for one.
    const perEngine = new Set<Dialect | UnparsedEngine>();
    const files = (filesByService.get(service.name) ?? []).filter((file) => {
      const engine = file.kind === 'sql' ? fileEngineOfPath(file.path, service, undefined) : undefined;
      if (engine) perEngine.add(engine);
      return !engine;
    });
    const folders = service.roots
      .filter((root) => LITERAL_ROOT.test(root))
      .map(trimFolderPattern)
      // `.` is the repository root (a one-package repository's service): its package.json is the root's.
      .map((root) => packageFolderOfFile(root === '.' ? '' : root, input.packages));
    const below = input.packageFolders?.get(service.name);
    if (below !== undefined && !folders.includes(below)) folders.push(below);
    const withMariadb = (decision: ServiceDialect): ServiceDialect => {
      if (decision.unparsedEngine) return decision;
      if (decision.dialect === 'postgresql' || decision.dialect === undefined) {
        const cockroach = cockroachEvidence(folders, files, input.packages);
        if (cockroach.length > 0) decision = { ...decision, cockroach };
        if (decision.dialect === 'postgresql') return decision;
      }
      const mariadb = mariadbEvidence(folders, files, input.packages);
      return mariadb.length > 0 ? { ...decision, mariadb } : decision;
    };
    if (service.dialect) {
      // The engines without a parser here it declares still count (a MySQL service shipping SQLite's PRAGMA behind a client check, parse-error).
      const declared = new Set<Dialect | UnparsedEngine>([service.dialect, ...perEngine]);
      for (const e of unparsedEngineEvidence(folders, files, input.packages, foreign)) declared.add(e.engine);
      const engines = declared.size > 1 ? { engines: [...declared].sort() } : {};
      const evidence: DialectEvidence[] = [{ dialect: service.dialect, source: 'config', detail: 'set in the config' }];
      const unparsed = unparsedEngineOf(service.dialect);
      // `"dialect": "sqlserver"`: read by that engine's tokens, as a service whose driver says SQL Server is.
      if (unparsed) out.set(service.name, { unparsedEngine: unparsed, basis: 'config', evidence, ...engines });
      else out.set(service.name, withMariadb({ dialect: parsedDialectOf(service.dialect), basis: 'config', evidence, ...engines }));
      continue;
    }
    const levels: Array<[ServiceDialect['basis'], () => DialectEvidence[]]> = [
      ['declared', () => declaredEvidence(folders, files, input.packages, foreign)],
      ['connection', () => connectionLevelEvidence(files)],
      ['lock-file', () => lockFileEvidence(folders, input.packages, input.workspaces)],
      ['sql-syntax', () => syntaxEvidence(files)],
    ];
    let decided: ServiceDialect = { basis: 'none', evidence: [] };
    const named = new Set<Dialect | UnparsedEngine>();
    let connectionsRead = false;
    for (const [basis, gather] of levels) {
      const evidence = gather();
      if (basis === 'connection') connectionsRead = true;
      for (const e of evidence) named.add(e.dialect);
      if (evidence.length === 0) {
        // Declaring no MySQL or PostgreSQL driver, but SQL Server's or SQLite's: no parser of ours reads its SQL.
        if (basis === 'declared') {
          const unparsed = unparsedEngineDecision(folders, files, input.packages, foreign);
          if (unparsed) {
            decided = unparsed;
            break;
          }
        }
        // Connecting through no MySQL or PostgreSQL URL, but through SQL Server's, Oracle's or SQLite's JDBC URL.
        if (basis === 'connection') {
          const unparsed = unparsedConnectionDecision(files);
          if (unparsed) {
            decided = unparsed;
            break;
          }
        }
        continue;
      }
      decided = decide(basis, evidence);
      break;
    }
    // Both engines declared: its connection settings, the level below, name the one it runs on here (as `init` writes it).
    if (decided.basis === 'mixed' && !connectionsRead) decided = connectionTieBreak(files, decided) ?? decided;
    // The weaker levels a declaration outranks still name engines the service talks to: SQLite beside
    // mysql2, a MySQL URL beside pg. (Lock files and SQL syntax only guess; they count when they decide.)
    for (const e of unparsedEngineEvidence(folders, files, input.packages, foreign)) named.add(e.engine);
    if (!connectionsRead) for (const e of connectionLevelEvidence(files)) named.add(e.dialect);
    for (const url of jdbcUrlSettings(files)) named.add(url.engine);
    for (const engine of perEngine) named.add(engine);
    if (named.size > 0) decided = { ...decided, engines: [...named].sort() };
    out.set(service.name, withMariadb(decided));
  }
  return out;
}

/** The one engine without a parser here that the service declares; undefined when it declares none, or several. */
function unparsedEngineDecision(
  folders: string[],
  files: readonly FileFacts[],
  packages: PackageIndex,
  foreign: (folder: string) => readonly ForeignDriver[],
): ServiceDialect | undefined {
  // A driver only devDependencies list is the tests' database: it names an engine (`engines`), never the service's.
  const found = unparsedEngineEvidence(folders, files, packages, foreign).filter((e) => !e.dev);
  if (found.length === 0) return undefined;
  const engines = new Set(found.map((e) => e.engine));
  if (engines.size !== 1) return undefined;
  const evidence = trim(found.map((e) => ({ dialect: e.engine, source: 'dependency' as const, detail: e.detail })));
  return { unparsedEngine: found[0].engine, basis: 'declared', evidence };
}

/** The one engine without a parser here that the service's JDBC URLs name; undefined when they name none, or several. */
function unparsedConnectionDecision(files: readonly FileFacts[]): ServiceDialect | undefined {
  const found = jdbcUrlSettings(files).filter(
    (url): url is { engine: UnparsedEngine; detail: string } => url.engine !== 'mysql' && url.engine !== 'postgresql',
  );
  const engines = new Set(found.map((url) => url.engine));
  if (engines.size !== 1) return undefined;
  const evidence = trim(found.map((url) => ({ dialect: url.engine, source: 'connection' as const, detail: url.detail })));
  return { unparsedEngine: found[0].engine, basis: 'connection', evidence };
}

/**
 * The connection level: the engines of the databases the settings name (`connectionEvidence`) and of the JDBC URLs
 * that name MySQL or PostgreSQL (`jdbc:postgresql://…` in a Flyway config, or naming no database), a URL said once.
 */
function connectionLevelEvidence(files: readonly FileFacts[]): DialectEvidence[] {
  const out = connectionEvidence(files);
  const places = new Set(out.map((e) => e.detail.slice(e.detail.lastIndexOf(' in ') + 4)));
  for (const url of jdbcUrlSettings(files)) {
    if (url.engine !== 'mysql' && url.engine !== 'postgresql') continue;
    if (!places.has(url.detail.slice(url.detail.lastIndexOf(' in ') + 4)))
      out.push({ dialect: url.engine, source: 'connection', detail: url.detail });
  }
  return out;
}

/**
 * A service whose declarations name both engines (jackson's `pg` and `mysql2`, for whatever engine its deployer picks):
 * the engine its connection settings name when they decide one (every SQL database they name of that engine: its code's
 * default `postgresql://…` URL), else none. The declarations naming both stay in the evidence.
 */
function connectionTieBreak(files: readonly FileFacts[], mixed: ServiceDialect): ServiceDialect | undefined {
  const evidence = connectionLevelEvidence(files);
  const decided = evidence.length > 0 ? decide('connection', evidence) : undefined;
  if (!decided?.dialect) return undefined;
  const named = decided.evidence.map((e) => e.detail).join(', ');
  const both = mixed.evidence.map((e) => e.detail).join('; ');
  return {
    dialect: decided.dialect,
    basis: 'connection',
    evidence: [
      { dialect: decided.dialect, source: 'connection', detail: `its connection settings (${named}); it names both engines: ${both}` },
    ],
  };
}

/**
 * A root that is a file (a Moleculer service file) declares its drivers in the package.json of the
 * project holding it: the nearest folder above with one, the repository root last.
 */
function packageFolderOfFile(root: string, packages: PackageIndex): string {
  if (packages.tree.entry(root) !== 'file') return root;
  for (let dir = path.posix.dirname(root); ; dir = path.posix.dirname(dir)) {
    const folder = dir === '.' ? '' : dir;
    if (packages.manifest(folder) !== undefined || folder === '') return folder;
  }
}

/** One dialect when the evidence names one; `mixed` (no dialect) when it names both. */
function decide(basis: ServiceDialect['basis'], evidence: DialectEvidence[]): ServiceDialect {
  const dialects = new Set(evidence.map((e) => e.dialect));
  const kept = trim(evidence);
  const [only] = dialects;
  if (dialects.size === 1 && (only === 'mysql' || only === 'postgresql')) return { dialect: only, basis, evidence: kept };
  return { basis: 'mixed', evidence: kept };
}

function trim(evidence: DialectEvidence[]): DialectEvidence[] {
  const seen = new Set<string>();
  const counts = new Map<string, number>();
  return evidence.filter((e) => {
    if (seen.has(e.detail)) return false;
    seen.add(e.detail);
    const key = `${e.source}\0${e.dialect}`;
    const n = counts.get(key) ?? 0;
    counts.set(key, n + 1);
    return n < PER_SOURCE;
  });
}

const where = (file: FileFacts, span: { start: number; end: number }) => `${file.path}:${spanToRange(file.lineStarts, span).line}`;

function declaredEvidence(
  folders: string[],
  files: readonly FileFacts[],
  packages: PackageIndex,
  foreign: (folder: string) => readonly ForeignDriver[],
): DialectEvidence[] {
  const out: DialectEvidence[] = [];
  for (const folder of folders) {
    // A service in another language (go.mod, pyproject.toml, a .csproj…) names its driver there; SQL Server's,
    // Oracle's or SQLite's count only where no MySQL or PostgreSQL driver is declared (unparsedEngineDecision).
    for (const found of foreign(folder))
      if (found.engine === 'mysql' || found.engine === 'postgresql')
        out.push({ dialect: found.engine, source: 'dependency', detail: `${found.driver} in ${found.file}` });
    const read = packages.manifest(folder);
    if (!read?.ok) continue;
    // A driver only devDependencies list beside one the package ships is the tests' database (cnpmjs.org's `pg` and
    // `sqlite3` for its test matrix, `mysql` for the registry): the shipped one is the service's.
    const devOnly = new Set(read.manifest.devOnly ?? []);
    const named = [...read.manifest.dependencies, ...read.manifest.otherDependencies].filter((name) => packageDialect(name) !== undefined);
    const shipped = named.filter((name) => !devOnly.has(name));
    for (const name of shipped.length > 0 ? shipped : named)
      out.push({ dialect: packageDialect(name)!, source: 'dependency', detail: `${name} in ${folder ? `${folder}/` : ''}package.json` });
  }
  for (const file of files) {
    for (const source of file.prismaDatasources ?? []) {
      const dialect = prismaProviderDialect(source.provider);
      if (dialect && source.providerSpan)
        out.push({ dialect, source: 'prisma', detail: `provider = "${source.provider}" in ${where(file, source.providerSpan)}` });
    }
    // Laravel's config/database.php default counts only where no env file sets DB_CONNECTION (connectionDriverSettings).
    if (file.ormConfig?.library !== 'laravel')
      for (const engine of file.ormConfig?.engines ?? []) {
        const dialect = optionValueDialect(engine.type);
        if (dialect)
          out.push({ dialect, source: 'orm-options', detail: `${engine.key ?? 'type'}: '${engine.type}' in ${where(file, engine.span)}` });
      }
    const script = file.script;
    if (!script) continue;
    for (const property of script.configProperties) {
      if (!ENGINE_OPTION_KEYS.has(property.key) || property.value === undefined) continue;
      if (property.valueKind !== 'string' && property.valueKind !== 'env-default') continue;
      const dialect = optionValueDialect(property.value);
      if (dialect)
        out.push({ dialect, source: 'orm-options', detail: `${property.key}: '${property.value}' in ${where(file, property.valueSpan)}` });
    }
    for (const imported of script.imports) {
      const dialect = importDialect(imported.specifier);
      if (dialect) out.push({ dialect, source: 'import', detail: `'${imported.specifier}' imported in ${where(file, imported.fileSpan)}` });
    }
  }
  out.push(...driverSettingEvidence(files));
  return out;
}

/** A framework's `DB_CONNECTION` (Laravel's `pgsql`, `mysql`, `mariadb`; AdonisJS's `pg`), where it names MySQL or PostgreSQL. */
function driverSettingEvidence(files: readonly FileFacts[]): DialectEvidence[] {
  return connectionDriverSettings(files).flatMap((setting) => {
    const dialect = optionValueDialect(setting.value);
    return dialect ? [{ dialect, source: 'orm-options' as const, detail: setting.detail }] : [];
  });
}

/** Prisma providers with a SQL dialect this tool parses (CockroachDB speaks PostgreSQL's). */
function prismaProviderDialect(provider: string | undefined): Dialect | undefined {
  if (provider === 'postgresql' || provider === 'postgres' || provider === 'cockroachdb') return 'postgresql';
  if (provider === 'mysql') return 'mysql';
  return undefined;
}

/**
 * Engines of the databases the service's settings name (URL schemes, `PG*` / `MYSQL_*` keys).
 * A database named only by `DB_NAME` could be on either engine, so the settings decide only when
 * every SQL database they name has a known engine.
 */
function connectionEvidence(files: readonly FileFacts[]): DialectEvidence[] {
  const out: DialectEvidence[] = [];
  const connections = findConnections(files).filter((c) => c.kind !== 'mongodb');
  if (connections.some((c) => c.kind === 'unknown')) return [];
  for (const connection of connections) {
    if (connection.kind !== 'mysql' && connection.kind !== 'postgresql') continue;
    const source = connection.sources[0];
    out.push({ dialect: connection.kind, source: 'connection', detail: `${source.key} in ${source.file}:${source.range.line}` });
  }
  return out;
}

function lockFileEvidence(folders: string[], packages: PackageIndex, workspaces: WorkspaceGraph | undefined): DialectEvidence[] {
  const out: DialectEvidence[] = [];
  for (const folder of folders) {
    const read = packages.manifest(folder);
    if (!read?.ok) continue;
    const isSqlDriver = (name: string) => {
      const engine = driverEngine(name);
      return engine === 'mysql' || engine === 'postgresql';
    };
    for (const { chain, file } of transitiveDrivers(folder, read.manifest.dependencies, packages, workspaces, isSqlDriver))
      out.push({ dialect: packageDialect(chain[chain.length - 1])!, source: 'lock-file', detail: `${chain.join(' → ')} in ${file}` });
  }
  return out;
}

/** One vote per file: a .sql file's lean, or `$1` placeholders / backticks in the SQL a script embeds. */
function syntaxEvidence(files: readonly FileFacts[]): DialectEvidence[] {
  const votes: DialectEvidence[] = [];
  for (const file of files) {
    if (file.kind === 'sql' && !file.unread) {
      // SQLite's own file (AUTOINCREMENT, PRAGMA) is read by SQLite's tokens (sqlFileEngine): its DATETIME is no MySQL vote.
      if (sqliteMarkOf(file.text) === 'strict') continue;
      const lean = sniffSqlDialect(file.text);
      const dialect = leanDialect(lean);
      if (dialect) votes.push({ dialect, source: 'sql-syntax', detail: `${file.path} (${lean[dialect].join(', ')})` });
    } else if (file.script && file.script.embeddedSql.length > 0) {
      // A client check's branch (`if (client.includes('mysql'))`) is one engine's among several: no vote.
      const unguarded = file.script.embeddedSql.filter((site) => !site.engine);
      const pg = unguarded.some((site) => /\$\d|::[a-z]/i.test(site.text));
      const mysql = unguarded.some((site) => site.text.includes('`'));
      if (pg !== mysql)
        votes.push({
          dialect: pg ? 'postgresql' : 'mysql',
          source: 'sql-syntax',
          detail: `${file.path} (${pg ? '$1 placeholders' : 'backticks'})`,
        });
    }
  }
  const pg = votes.filter((v) => v.dialect === 'postgresql');
  const mysql = votes.filter((v) => v.dialect === 'mysql');
  // The majority of files decides; the minority is kept out of the evidence, a tie decides nothing.
  if (pg.length === mysql.length) return votes.length === 0 ? [] : votes;
  const [won, lost] = pg.length > mysql.length ? [pg, mysql] : [mysql, pg];
  return [
    ...won.slice(0, PER_SOURCE - 1),
    {
      dialect: won[0].dialect,
      source: 'sql-syntax',
      detail: `${won.length} of ${won.length + lost.length} files with one-dialect SQL`,
    },
  ];
}

/** The path of a file below the most specific of its service's literal roots (the whole path outside every service). */
export function pathBelowRoot(relative: string, service: Pick<ServiceConfig, 'roots'> | undefined): string {
  let below = relative;
  for (const pattern of service?.roots ?? []) {
    if (!LITERAL_ROOT.test(pattern)) continue;
    const root = trimFolderPattern(pattern);
    if (root === '' || root === '.') continue;
    if (relative.startsWith(`${root}/`) && relative.length - root.length - 1 < below.length) below = relative.slice(root.length + 1);
  }
  return below;
}

/**
 * The engine a file's own path names (`SQL/postgres/…`, `schema.sqlite3.sql`, `db/clickhouse/…`, `dialects/mssql.js`),
 * below its service's root: it comes before the service's dialect, as a multi-engine project keeps one folder or
 * file per engine. A SQL file's path always counts; code's only for an engine its service declares (directus'
 * `dialects/sqlite.js` beside `sqlite3` in its package.json): a folder named `oracle/` says less of the code in it.
 */
export function fileEngineOfPath(
  relative: string,
  service: ServiceConfig | undefined,
  decision: ServiceDialect | undefined,
): Dialect | UnparsedEngine | undefined {
  const sql = SQL_FILE.test(relative);
  if (!sql && !service) return undefined;
  const engine = pathEngine(pathBelowRoot(relative, service));
  if (!engine || sql) return engine;
  return decision?.dialect === engine || decision?.unparsedEngine === engine || decision?.engines?.includes(engine) ? engine : undefined;
}

const SQL_FILE = /\.sql$/i;

/**
 * How much of SQLite's syntax makes a SQL file SQLite's (DialectSettings.sqliteSyntax): any mark where its service names
 * SQLite among its engines (a driver, a knex `client: 'sqlite3'`), an unmistakable one outside every service and in a
 * service whose dialect no declaration, connection setting or config gives; none where one does and SQLite is none of its
 * engines (an AUTOINCREMENT in a MySQL service's migration is its error).
 */
export function sqliteSyntaxOf(service: string | undefined, decision: ServiceDialect | undefined): DialectSettings['sqliteSyntax'] {
  if (decision?.engines?.includes('sqlite')) return 'any';
  if (service === undefined || !decision?.dialect) return 'strict';
  return decision.basis === 'sql-syntax' || decision.basis === 'sql-parse' ? 'strict' : undefined;
}

/**
 * The dialect more services were decided to use than the other, before any SQL was parsed; undefined on a tie or when
 * none was decided. SQL no evidence puts on an engine (outside every service, in a service nothing decides) is read in
 * it, and `init` writes it at the top. A service its statements decided (`sql-parse`) does not count: its vote read its
 * SQL in this dialect, so counting it would make the dialect depend on the parses it steered, and a run reusing earlier
 * analyses decide otherwise than a run without them.
 */
export function mostServicesDialect(decided: ReadonlyMap<string, ServiceDialect>): Dialect | undefined {
  const counts = { mysql: 0, postgresql: 0 };
  for (const decision of decided.values()) if (decision.dialect && decision.basis !== 'sql-parse') counts[decision.dialect]++;
  return counts.postgresql > counts.mysql ? 'postgresql' : counts.mysql > counts.postgresql ? 'mysql' : undefined;
}

/**
 * The one engine without a parser here that a repository's services run on, when no service was decided to use
 * MySQL or PostgreSQL and every service decided to use such an engine uses the same one (every service on SQL
 * Server): SQL outside every service (a root init script) is that engine's too. Undefined otherwise.
 */
export function repositoryUnparsedEngine(decided: ReadonlyMap<string, ServiceDialect>): UnparsedEngine | undefined {
  let engine: UnparsedEngine | undefined;
  for (const decision of decided.values()) {
    if (decision.dialect) return undefined;
    if (!decision.unparsedEngine) continue;
    if (engine && engine !== decision.unparsedEngine) return undefined;
    engine = decision.unparsedEngine;
  }
  return engine;
}

/**
 * After parsing: a service nothing described (`none`) takes the dialect that accepts more of its
 * statements (statements read in the other dialect that fail there and parse in this one count
 * for this one) when that is not the dialect its SQL is read in without a service dialect.
 * `readingOf` gives how a file is read now without its service's dialect (a `schemaFiles` entry's, its path's, the usual
 * dialect of mostServicesDialect). Returns the services that changed; their SQL must be analysed again.
 * Works the same on fresh analyses and on cached ones, so a warm run agrees with a cold one: an analysis counts when it
 * was read as it is read now, or in the dialect the service's own statements chose in an earlier run (`byParseVote`);
 * one read in another dialect (the usual dialect, or the service's declarations, changed since) says nothing of this
 * run, and its service waits until its SQL is read again.
 */
export function refineFromParses(
  decisions: Map<string, ServiceDialect>,
  files: readonly FileFacts[],
  serviceOf: (path: string) => string | undefined,
  readingOf: (path: string) => DialectSettings,
  services: readonly ServiceConfig[] = [],
): string[] {
  const tally = new Map<string, { accepted: Record<Dialect, number>; readAs: Record<Dialect, number> }>();
  const stale = new Set<string>();
  const configs = new Map(services.map((s) => [s.name, s]));
  for (const file of files) {
    const name = serviceOf(file.path);
    if (!name || decisions.get(name)?.basis !== 'none' || stale.has(name)) continue;
    // Read in the engine its path names: no vote for the service's.
    if (fileEngineOfPath(file.path, configs.get(name), decisions.get(name))) continue;
    const analyses = file.sql ? [file.sql] : (file.embeddedAnalyses ?? []);
    if (analyses.length === 0) continue;
    let counts = tally.get(name);
    if (!counts) tally.set(name, (counts = { accepted: { mysql: 0, postgresql: 0 }, readAs: { mysql: 0, postgresql: 0 } }));
    const settings = readingOf(file.path);
    analyses.forEach((analysis, i) => {
      if (!analysis) return;
      const site = file.script?.embeddedSql[i];
      // A query builder's fragment is read by tokens only: it says nothing of which parser accepts the service's SQL; nor
      // does a client check's branch (`if (client.includes('mysql'))`), one engine's among several.
      if (site?.via === 'fragment' || site?.engine || analysis.byTokensOnly || analysis.clientBranch) return;
      const readAs = file.sql ? sqlFileDialect(file.path, () => file.text, settings) : embeddedDialect(site?.text ?? '', settings);
      if (analysis.dialect !== readAs && !analysis.byParseVote) {
        stale.add(name);
        return;
      }
      for (const statement of analysis.statements) {
        if (statement.parse === 'skipped') continue;
        counts.readAs[readAs]++;
        if (statement.dialectSignal) counts.accepted[statement.dialectSignal]++;
        else if (statement.parse === 'full') counts.accepted[analysis.dialect]++;
      }
    });
  }
  for (const name of stale) tally.delete(name);
  const changed: string[] = [];
  for (const [name, { accepted, readAs }] of tally) {
    const winner: Dialect | undefined =
      accepted.postgresql > accepted.mysql ? 'postgresql' : accepted.mysql > accepted.postgresql ? 'mysql' : undefined;
    const usual: Dialect = readAs.postgresql > readAs.mysql ? 'postgresql' : 'mysql';
    if (!winner || winner === usual) continue;
    const engines = decisions.get(name)?.engines;
    const mariadb = winner === 'mysql' ? decisions.get(name)?.mariadb : undefined;
    const cockroach = winner === 'postgresql' ? decisions.get(name)?.cockroach : undefined;
    decisions.set(name, {
      ...(engines ? { engines: [...new Set([...engines, winner])].sort() } : {}),
      ...(mariadb ? { mariadb } : {}),
      ...(cockroach ? { cockroach } : {}),
      dialect: winner,
      basis: 'sql-parse',
      evidence: [
        {
          dialect: winner,
          source: 'sql-parse',
          detail: `${accepted[winner]} of its statements parse as ${winner === 'postgresql' ? 'PostgreSQL' : 'MySQL'}, ${accepted[usual]} as ${usual === 'postgresql' ? 'PostgreSQL' : 'MySQL'}`,
        },
      ],
    });
    changed.push(name);
  }
  return changed;
}

/** One line for init's report: `postgresql (pg in services/a/package.json; …)`. */
export function describeDialect(decision: ServiceDialect | undefined): string {
  if (!decision || decision.basis === 'none') {
    const unknown = 'unknown: no driver, ORM option, Prisma provider, connection URL or one-dialect SQL names it';
    // A multi-engine project's per-engine folders (`SQL/mysql/`, `SQL/postgres/`): each file is read in the engine its path names.
    return decision?.engines?.length
      ? `${unknown}; engines named: ${decision.engines.join(', ')} (a SQL file in a folder or file named for one is read in it)`
      : unknown;
  }
  const details = decision.evidence.map((e) => e.detail).join('; ');
  if (decision.basis === 'mixed') return `both engines: ${details}`;
  if (decision.basis === 'config') {
    const engine = decision.unparsedEngine ? UNPARSED_ENGINE_NAMES[decision.unparsedEngine] : decision.dialect;
    return `${engine}, ${details}${decision.unparsedEngine ? ' — not parsed here: its SQL is read by tokens only' : ''}`;
  }
  if (decision.unparsedEngine)
    return `${UNPARSED_ENGINE_NAMES[decision.unparsedEngine]} from ${details} — not parsed here: its SQL is read by tokens only`;
  // SQLite beside it (uptime-kuma's @louislam/sqlite3 beside mysql2): its SQL files in SQLite's syntax are SQLite's (sqlFileEngine).
  const sqlite = decision.engines?.includes('sqlite') ? `; SQLite too: a SQL file in its syntax is read by SQLite's tokens` : '';
  return `${decision.dialect} from ${details}${sqlite}`;
}
