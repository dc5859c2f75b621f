import { linkComposeMariadb } from './mariadb-evidence.js';
import { factsSummary, type Dialect, type FileFacts } from '../analysis/facts.js';
import { parsedDialectOf, type NilecareConfig, type ServiceConfig } from '../config/schema.js';
import { assignServiceDatabases, soleDatabase, type ConfigEntryLocator } from './service-databases.js';
import { confineToTableSchemas, reachSearchedSchemas } from './table-schemas.js';
import { assignComputedDatabases } from './computed-databases.js';
import { assignNamedDatabases } from './named-databases.js';
import { assignArgumentDatabases } from './argument-databases.js';
import type { DatabaseArgument } from './moleculer-services.js';
import { entityIndexOf, entityResolverOf, type EntityResolver } from './entity-resolver.js';
import { joinTableDeclarations } from './join-tables.js';
import { moduleIndexOf, moduleResolverOf } from './module-resolver.js';
import { importingServicesResolver, runningServices, type RunningService } from './importing-services.js';
import type { WorkspacePackage } from './workspace-packages.js';
import type { ManifestScriptSecret, UnreadManifest } from './packages.js';
import type { PackageManifest } from '../analysis/package-manifest.js';
import { registeredSharedTables } from './registered-entities.js';
import { defaultPrefix } from './service-names.js';
import type { ProjectModel, Service, TableDeclaration } from './model.js';
import type { ServiceDialect } from './service-dialect.js';
import { compileGlob, trimFolderPattern } from '../config/glob.js';
import { migrationRunners, numberedScriptFolders } from './migrations.js';
import { toolDatabaseOf, toolMigrationsOf, type ToolMigrations } from './tool-migrations.js';
import { isDjangoMigrationPath } from '../analysis/django-migrations.js';
import path from 'node:path';
import { claimedByConfig, configOwnersOf, type ConfigOwner } from './config-owners.js';
import { declareTables } from './declared-tables.js';
import { routineDeclarationsOf } from './routines.js';
import { assignSnakeCaseMappers } from './identifier-case.js';
import { projectModelFromData, stubKey, type ModelData } from './model-data.js';
import { outsidePackagesOf, type ManifestSummary } from './outside-packages.js';

export interface ModelInput {
  cwd: string;
  config: NilecareConfig;
  services: ServiceConfig[];
  /** Dialect per service name, already inferred from drivers where the config is silent. */
  dialects: ReadonlyMap<string, Dialect | undefined>;
  /** How each service's dialect was decided (see service-dialect.ts), for reports. */
  dialectDecisions?: ReadonlyMap<string, ServiceDialect>;
  files: readonly FileFacts[];
  serviceOf: (path: string) => string | undefined;
  /** Where each `services[i].databases[j]` entry is in the config file, so findings on pinned databases point there. */
  locateConfigEntry?: ConfigEntryLocator;
  /** The repository's workspace packages by name, for imports of them (`@acme/billing-db`). */
  workspacePackages?: readonly WorkspacePackage[];
  /** The config file as written, for suggestions that add to it. */
  configSource?: { file: string; text: string };
  /** Migration name patterns the project configures (regular expressions); the defaults apply when empty. */
  migrationPatterns?: readonly string[];
  /**
   * The services were inferred (the config names none): a database exactly one service connects to
   * is that service's, as `init` writes it into `databases`, unless the config's `databases` say otherwise.
   */
  inferredServices?: boolean;
  /** Per discovered service, the literals it passes to a connection factory (see argument-databases.ts). */
  databaseArguments?: ReadonlyMap<string, readonly DatabaseArgument[]>;
  /** package.json files that are not JSON, located (see packages.ts). */
  unreadManifests?: readonly UnreadManifest[];
  /** Credentials in package.json scripts (see packages.ts). */
  scriptSecrets?: readonly ManifestScriptSecret[];
  /** The env files the scripts of the package.json in a folder load (`node --env-file=../../.env`), read where a service starts. */
  scriptEnvFiles?: (folder: string) => PackageManifest['envFileLoads'];
  /** Every package.json the run found (folder, name, what it depends on): code outside every service is named by its package. */
  packageManifests?: readonly ManifestSummary[];
  /** Every package the package.json in a folder names (dependencies, devDependencies, …): a service's migration tool. */
  manifestDependencies?: (folder: string) => readonly string[] | undefined;
}

export function buildProjectModel(input: ModelInput): ProjectModel {
  const { config, files } = input;
  const services = servicesOf(input);
  const byName = new Map(services.map((s) => [s.name, s]));
  const serviceOf = (path: string) => {
    const name = input.serviceOf(path);
    return name ? byName.get(name) : undefined;
  };

  // --- the snake_case mapper each service's query builder is built with (CamelCasePlugin, knexSnakeCaseMappers)
  assignSnakeCaseMappers(services, files, serviceOf);

  // --- databases each service connects to -------------------------------------------------
  const moduleIndex = moduleIndexOf(files, input.workspacePackages);
  const modules = moduleResolverOf(moduleIndex);
  let running: ReadonlyMap<string, readonly RunningService[]> | undefined;
  const runningServicesNow = Object.assign(() => (running ??= runningServices(files, serviceOf, modules)), {
    made: () => running !== undefined,
  });
  const servicesImporting = importingServicesResolver(runningServicesNow, serviceOf);
  assignServiceDatabases({
    services,
    configured: input.services,
    files,
    serviceOf,
    locateConfigEntry: input.locateConfigEntry,
    servicesImporting,
    scriptEnvFiles: input.scriptEnvFiles,
  });
  // --- names computed at run time (`sg_${name}`) that the repository's SQL declares, for services naming none
  assignComputedDatabases({ services, files, serviceOf, modules });
  // --- databases passed to a shared factory (`DbMixin("orders_db")`) that the repository's SQL declares
  if (input.databaseArguments) assignArgumentDatabases(services, files, input.databaseArguments);
  // --- a declared database named like a service whose own connection names none (`orders` for `orders`)
  assignNamedDatabases({ services, files, serviceOf });
  // --- a MySQL service whose database host is a compose service running MariaDB
  linkComposeMariadb(services, files);
  // --- a connection nothing types, of a service nothing decides, is on the engine its SQL is parsed in (the config's default)
  typeByDefaultDialect(services, parsedDialectOf(config.dialect));

  // --- ownership patterns from the config ------------------------------------------------
  const configOwners = configOwnersOf(services);

  // --- tables each service's SQL, ORM entities and Prisma models create, after renames and drops
  const schemaFileMatchers = (config.schemaFiles ?? []).map((entry) => ({
    match: compileGlob(entry.files),
    database: entry.database,
  }));
  const tools = toolMigrationsOf(files);
  noteMigratedDjangoApps(tools, serviceOf);
  noteMigrationTables(files, serviceOf);
  // A migration tool's config names the database of its folders' SQL (Flyway's flyway.url), as schemaFiles does.
  const fileDatabase = (path: string) => schemaFileMatchers.find((m) => m.match(path))?.database ?? toolDatabaseOf(tools, path);
  const { orphans, history, names, stubs, copies } = declareTables({
    files,
    serviceOf,
    fileDatabase,
    tools,
    claimedBy: (owner) => claimedByConfig(configOwners, owner),
  });

  // --- tables of shared entities: the services that register them, when nothing else declares them
  const entityIndex = entityIndexOf(files, serviceOf);
  const entities = entityResolverOf(entityIndex, serviceOf, modules);
  claimRegisteredEntities(files, services, orphans, configOwners, serviceOf, entities);
  // --- a schema per service that only its tables show (Drizzle pgSchema, @Entity({ schema }), …)
  confineToTableSchemas(services);
  // --- … as long as the services' accesses stay there (a search path ending in public reaches public's tables)
  reachSearchedSchemas(services, files, serviceOf);

  // --- ownership index ---------------------------------------------------------------------
  const databaseOwners = new Map(Object.entries(config.databases ?? {}).map(([db, owner]) => [db.toLowerCase(), byName.get(owner)]));
  if (input.inferredServices) for (const [db, owner] of soleUsers(services)) if (!databaseOwners.has(db)) databaseOwners.set(db, owner);
  const migrationPatterns = input.migrationPatterns ?? [];
  const data: ModelData = {
    services,
    databaseOwners,
    tablesNotInferred: input.services.filter((sc) => sc.inferTables === false).map((sc) => sc.name),
    orphans,
    history,
    // A stub, or a test's copy of the service's own table: its design is judged where the schema creates it.
    stubKeys: [...new Set([...stubs.map((stub) => stub.declaration), ...copies].map(stubKey))],
    stubs,
    nameHistory: names,
    tools,
    migrationPatterns,
    // Configured patterns are the whole definition; the defaults add numbered files a service's own runner orders.
    migrationRunners:
      migrationPatterns.length > 0 ? [] : [...migrationRunners(files, serviceOf, tools, services, input.manifestDependencies)],
    numberedMigrationFolders: migrationPatterns.length > 0 ? [] : numberedScriptFolders(files, serviceOf, tools),
    modules: moduleIndex,
    entities: entityIndex,
    runningServices: runningServicesNow,
    // --- stored routines: the services whose schemas declare them
    routines: routineDeclarationsOf(files, serviceOf),
    outsidePackages: outsidePackagesOf(input.packageManifests ?? [], serviceOf),
  };
  return projectModelFromData(
    data,
    {
      cwd: input.cwd,
      config,
      ...(input.configSource ? { configSource: input.configSource } : {}),
      files,
      unreadManifests: input.unreadManifests,
      scriptSecrets: input.scriptSecrets,
      serviceOf: input.serviceOf,
    },
    { modules, entities, servicesImporting },
  );
}

/** Each service's Django apps that commit migrations (the folder holding `migrations/`): their models declare nothing more. */
function noteMigratedDjangoApps(tools: ToolMigrations, serviceOf: (path: string) => Service | undefined): void {
  const apps = new Map<Service, Set<string>>();
  for (const file of tools.ordered.keys()) {
    const service = isDjangoMigrationPath(file) ? serviceOf(file) : undefined;
    if (service) apps.set(service, (apps.get(service) ?? new Set()).add(path.posix.dirname(path.posix.dirname(file))));
  }
  // An array, not a Set: services are model data, stored as JSON (model-data.ts).
  for (const [service, folders] of apps) service.migratedDjangoApps = [...folders].sort();
}

/**
 * Each service's migration runners' bookkeeping tables named by the project (ScriptFacts.migrationRunners: a knexfile's
 * `tableName: 'migration'`): its code reading them reads the tool's table in its own database (HELDOUT14 #18).
 */
function noteMigrationTables(files: readonly FileFacts[], serviceOf: (path: string) => Service | undefined): void {
  const tables = new Map<Service, Set<string>>();
  for (const file of files) {
    // Facts decoded on first read tell it by their summary: only modules configuring a runner are read.
    const summary = factsSummary(file);
    if (summary && !summary.migrationRunners) continue;
    const named = file.script?.migrationRunners?.flatMap((runner) => runner.tables) ?? [];
    const service = named.length > 0 ? serviceOf(file.path) : undefined;
    if (!service) continue;
    const set = tables.get(service) ?? new Set<string>();
    for (const table of named) set.add(table.toLowerCase());
    tables.set(service, set);
  }
  // An array, not a Set: services are model data, stored as JSON (model-data.ts).
  for (const [service, names] of tables) service.migrationTables = [...names].sort();
}

/** Relational databases (lower-cased) that exactly one service connects to, with that service. */
function soleUsers(services: readonly Service[]): Map<string, Service> {
  const users = new Map<string, Set<Service>>();
  for (const service of services)
    for (const connection of service.databases) {
      if (connection.kind === 'mongodb') continue;
      const key = connection.name.toLowerCase();
      users.set(key, (users.get(key) ?? new Set()).add(service));
    }
  return new Map([...users].filter(([, set]) => set.size === 1).map(([db, set]) => [db, [...set][0]]));
}

/**
 * A service nothing decides keeps no dialect (servicesOf), but the config's top-level `dialect` is how its SQL is parsed,
 * and so the engine of the databases its settings name without saying which (a bare `DB_NAME` beside a PostgreSQL URL):
 * those connections take it, as the service's own dialect types them where it has one. Not a service on an engine
 * without a parser here: the default is not its engine.
 */
function typeByDefaultDialect(services: readonly Service[], defaultDialect: Dialect | undefined): void {
  if (!defaultDialect) return;
  for (const service of services) {
    if (service.dialect || service.dialectDecision?.unparsedEngine || !service.databases.some((d) => d.kind === 'unknown')) continue;
    service.databases = service.databases.map((d) => (d.kind === 'unknown' ? { ...d, kind: defaultDialect } : d));
  }
}

/** The configured services, with what the config says of them and room for what the files will say. */
function servicesOf(input: ModelInput): Service[] {
  return input.services.map((sc) => ({
    name: sc.name,
    roots: sc.roots.map(trimFolderPattern),
    // A service the config puts on an engine without a parser here (`"dialect": "sqlserver"`) has no dialect; nor has one
    // whose drivers do (SQLite, SQL Server), nor one nothing decides: the config's top-level `dialect` is how SQL no evidence
    // puts on an engine is parsed (sqlSettings' default), not that service's engine. Init writes such a service no dialect
    // and the run without a config decides it none, so the model and `map` say the same with init's config and without.
    dialect: sc.dialect !== undefined ? parsedDialectOf(sc.dialect) : input.dialects.get(sc.name),
    ...(input.dialectDecisions?.has(sc.name) ? { dialectDecision: input.dialectDecisions.get(sc.name) } : {}),
    databases: [],
    prefixes: sc.prefixes ?? [defaultPrefix(sc.name)],
    ownedPatterns: sc.tables ?? [],
    createdTables: [],
    migrations: sc.migrations ?? [],
  }));
}

/**
 * Entities and models shared between services declare their tables for the services that register them; a service's own
 * TypeORM many-to-many relations declare their join tables for it.
 */
function claimRegisteredEntities(
  files: readonly FileFacts[],
  services: readonly Service[],
  orphans: readonly TableDeclaration[],
  configOwners: readonly ConfigOwner[],
  serviceOf: (path: string) => Service | undefined,
  entities: EntityResolver,
): void {
  const declaredNames = new Set<string>();
  for (const service of services) for (const declaration of service.createdTables) declaredNames.add(declaration.table.toLowerCase());
  // Entity and Prisma definitions outside every service are what registrations are about; SQL there declares.
  for (const declaration of orphans)
    if (declaration.via === 'migration' || declaration.via === 'schema') declaredNames.add(declaration.table.toLowerCase());
  const declaredElsewhere = (table: string) =>
    declaredNames.has(table.toLowerCase()) || configOwners.some((o) => o.match(table.toLowerCase()));
  const registered = registeredSharedTables(files, {
    serviceOf,
    entities,
    declaredElsewhere,
    soleDatabase: (service) => soleDatabase(service),
  });
  for (const [service, declarations] of registered) service.createdTables.push(...declarations);
  // The join tables of the services' own many-to-many relations, beside their entities' tables (join-tables.ts).
  for (const [service, declarations] of joinTableDeclarations(files, { serviceOf, entities, declaredElsewhere }))
    service.createdTables.push(...declarations);
}
