import type { Dialect, FileFacts, OrmEntityUse, OrmTableRef } from '../analysis/facts.js';
import type { NilecareConfig, ServiceConfig } from '../config/schema.js';
import { assignServiceDatabases, soleDatabase, type ConfigEntryLocator } from './service-databases.js';
import { connectsTo, servicesShareDatabase, sharedDatabases } from './database-evidence.js';
import { DEFAULT_SCHEMAS } from './table-names.js';
import { ddlEventsOf } from './ddl-events.js';
import { createEntityResolver } from './entity-resolver.js';
import { createModuleResolver } from './module-resolver.js';
import type { WorkspacePackage } from './workspace-packages.js';
import { registeredSharedTables } from './registered-entities.js';
import { replayDdl, type DdlFile, type RetiredDeclaration } from './table-history.js';
import { serviceSnakeName } from './service-names.js';
import type { EntityUseResolution, ProjectModel, Service, TableDeclaration, TableLookup, TableResolution } from './model.js';
import type { ServiceDialect } from './service-dialect.js';
import { compileGlob, hasGlobSyntax, trimFolderPattern } from '../config/glob.js';
import { createMigrations, isMigrationPath } from './migrations.js';

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
}

const lower = (value: string | undefined) => value?.toLowerCase();

export function defaultPrefix(serviceName: string): string {
  return `${serviceSnakeName(serviceName)}_`;
}

interface Owner {
  service: Service;
  database?: string;
  via: 'config' | 'created' | 'database' | 'prefix' | 'schema-database';
  declaration?: TableDeclaration;
}

export function buildProjectModel(input: ModelInput): ProjectModel {
  const { config, files } = input;
  const services: Service[] = input.services.map((sc) => ({
    name: sc.name,
    roots: sc.roots.map(trimFolderPattern),
    dialect: sc.dialect ?? input.dialects.get(sc.name) ?? config.dialect,
    ...(input.dialectDecisions?.has(sc.name) ? { dialectDecision: input.dialectDecisions.get(sc.name) } : {}),
    databases: [],
    prefixes: sc.prefixes ?? [defaultPrefix(sc.name)],
    ownedPatterns: sc.tables ?? [],
    createdTables: [],
    migrations: sc.migrations ?? [],
  }));
  const byName = new Map(services.map((s) => [s.name, s]));
  const serviceOf = (path: string) => {
    const name = input.serviceOf(path);
    return name ? byName.get(name) : undefined;
  };

  // --- databases each service connects to -------------------------------------------------
  assignServiceDatabases({ services, configured: input.services, files, serviceOf, locateConfigEntry: input.locateConfigEntry });

  // --- ownership patterns from the config ------------------------------------------------
  const configOwners: Array<{ service: Service; database?: string; exact: boolean; match: (name: string) => boolean }> = [];
  for (const service of services) {
    for (const pattern of service.ownedPatterns) {
      const dot = pattern.indexOf('.');
      const database = dot > 0 ? pattern.slice(0, dot) : undefined;
      const tablePattern = (dot > 0 ? pattern.slice(dot + 1) : pattern).toLowerCase();
      const exact = !hasGlobSyntax(tablePattern);
      const match = exact ? (name: string) => name === tablePattern : compileGlob(tablePattern);
      configOwners.push({ service, database: lower(database), exact, match });
    }
  }

  // --- tables each service's SQL, ORM entities and Prisma models create -------------------
  const schemaFileMatchers = (config.schemaFiles ?? []).map((entry) => ({
    match: compileGlob(entry.files),
    database: entry.database,
  }));
  const fileDatabase = (path: string) => schemaFileMatchers.find((m) => m.match(path))?.database;
  /** DDL per owner; `undefined` collects the SQL outside every service. */
  const ddlFiles = new Map<Service | undefined, DdlFile[]>();
  for (const file of files) {
    const service = serviceOf(file.path);
    const migration = isMigrationPath(file.path, service);
    const { events, refersToTables } = ddlEventsOf(file, {
      migration,
      fileDatabase: fileDatabase(file.path),
      soleDatabase: (dialect) => soleDatabase(service, dialect),
    });
    // Files that only query belong to the replay too: a migration sees the names of its time.
    if (events.length === 0 && !refersToTables) continue;
    const list = ddlFiles.get(service) ?? [];
    list.push({ path: file.path, migration, events });
    ddlFiles.set(service, list);
  }

  // --- renames and drops: replay each owner's DDL in migration order -----------------------
  const databaseOwners = new Map(Object.entries(config.databases ?? {}).map(([db, owner]) => [db.toLowerCase(), byName.get(owner)]));
  const inferTables = new Map(input.services.map((sc) => [sc.name, sc.inferTables !== false]));
  /** The service a declaration makes an owner: its creator (unless `inferTables: false`), or for SQL outside services the owner of its database. */
  const ownerOfDeclaration = (creator: Service | undefined, declaration: TableDeclaration) =>
    creator
      ? inferTables.get(creator.name)
        ? creator
        : undefined
      : declaration.database
        ? databaseOwners.get(declaration.database.toLowerCase())
        : undefined;
  const claimedByConfig = (service: Service | undefined) => (name: string, database?: string) =>
    configOwners.some((o) => o.service === service && o.match(name) && (!o.database || !database || o.database === database));
  const orphanDeclarations: TableDeclaration[] = [];
  /** Per file of an owner whose migrations rename or drop tables: the declarations retired later that it still sees. */
  const history = new Map<string, { creator?: Service; index: number; retired: RetiredDeclaration[] }>();
  for (const [creator, list] of ddlFiles) {
    const events = list.flatMap((f) => f.events);
    let declarations = events.flatMap((e) => (e.kind === 'create' ? [e.declaration] : []));
    if (events.some((e) => e.kind !== 'create')) {
      const replayed = replayDdl(list, claimedByConfig(creator));
      declarations = replayed.current;
      if (replayed.retired.length > 0)
        replayed.order.forEach((file, index) => history.set(file, { creator, index, retired: replayed.retired }));
    }
    if (creator) creator.createdTables.push(...declarations);
    else orphanDeclarations.push(...declarations);
  }

  // --- tables of shared entities: the services that register them, when nothing else declares them
  const modules = createModuleResolver(files, input.workspacePackages);
  const entities = createEntityResolver(files, serviceOf, modules);
  const declaredNames = new Set<string>();
  for (const service of services) for (const declaration of service.createdTables) declaredNames.add(declaration.table.toLowerCase());
  // Entity and Prisma definitions outside every service are what registrations are about; SQL there declares.
  for (const declaration of orphanDeclarations)
    if (declaration.via === 'migration' || declaration.via === 'schema') declaredNames.add(declaration.table.toLowerCase());
  const registered = registeredSharedTables(files, {
    serviceOf,
    entities,
    declaredElsewhere: (table) => declaredNames.has(table.toLowerCase()) || configOwners.some((o) => o.match(table.toLowerCase())),
    soleDatabase: (service) => soleDatabase(service),
  });
  for (const [service, declarations] of registered) service.createdTables.push(...declarations);

  // --- ownership index ---------------------------------------------------------------------
  const declarationsByTable = new Map<string, Array<{ service?: Service; declaration: TableDeclaration }>>();
  const index = (creator: Service | undefined, declaration: TableDeclaration) => {
    const key = declaration.table.toLowerCase();
    const list = declarationsByTable.get(key) ?? [];
    list.push({ service: ownerOfDeclaration(creator, declaration), declaration });
    declarationsByTable.set(key, list);
  };
  for (const service of services) for (const declaration of service.createdTables) index(service, declaration);
  for (const declaration of orphanDeclarations) index(undefined, declaration);
  /** Declarations of `name` renamed away or dropped after `inFile` (or by it): that file still names the old table. */
  const formerDeclarations = (name: string, inFile: string | undefined) => {
    const seen = inFile === undefined ? undefined : history.get(inFile);
    if (!seen) return [];
    return seen.retired
      .filter((r) => r.since <= seen.index && seen.index <= r.until && r.declaration.table.toLowerCase() === name)
      .map((r) => ({ service: ownerOfDeclaration(seen.creator, r.declaration), declaration: r.declaration }));
  };

  const ownersOf = (name: string, qualifier: string | undefined, from: Service | undefined, inFile: string | undefined): Owner[] => {
    let configured = configOwners.filter((o) => {
      if (!o.match(name)) return false;
      if (!o.database) return true;
      if (qualifier) return qualifier === o.database;
      // `db.*` claims bare names only for code that connects to `db`.
      return from ? connectsTo(from, o.database) || from === o.service : false;
    });
    // An exact name is a more specific claim than a glob.
    if (configured.some((o) => o.exact)) configured = configured.filter((o) => o.exact);
    if (configured.length > 0)
      return uniqueOwners(configured.map((o) => ({ service: o.service, database: o.database, via: 'config' as const })));
    const declared = [...(declarationsByTable.get(name) ?? []), ...formerDeclarations(name, inFile)].filter(
      (d) => d.service && (!qualifier || !d.declaration.database || d.declaration.database.toLowerCase() === qualifier),
    );
    if (declared.length > 0) {
      return uniqueOwners(
        declared.map((d) => ({
          service: d.service!,
          database: d.declaration.database,
          via: 'created' as const,
          declaration: d.declaration,
        })),
      );
    }
    if (qualifier) {
      const owner = databaseOwners.get(qualifier);
      if (owner) return [{ service: owner, database: qualifier, via: 'database' }];
      const users = services.filter((s) => connectsTo(s, qualifier));
      if (users.length === 1) return [{ service: users[0], database: qualifier, via: 'schema-database' }];
    }
    const prefixed = services.filter((s) => s.prefixes.some((p) => p && name.startsWith(p.toLowerCase())));
    if (prefixed.length === 1) return [{ service: prefixed[0], via: 'prefix' }];
    return [];
  };

  const resolveTable = (ref: TableLookup, from?: Service, inFile?: string): TableResolution => {
    const context = lower(ref.context);
    if (!ref.qualifier && context && !DEFAULT_SCHEMAS.has(context)) {
      // After `USE ops`, `orders` is ops.orders: it matches `ops.orders` patterns and declarations in ops.
      const inContext = resolveQualified({ name: ref.name, qualifier: context }, from, inFile);
      if (inContext.kind !== 'unknown') return inContext;
    }
    return resolveQualified(ref, from, inFile);
  };

  const resolveQualified = (ref: TableLookup, from?: Service, inFile?: string): TableResolution => {
    const name = ref.name.toLowerCase();
    let qualifier = lower(ref.qualifier);
    if (qualifier && DEFAULT_SCHEMAS.has(qualifier)) qualifier = undefined;
    let candidates = ownersOf(name, qualifier, from, inFile);
    if (candidates.length === 0) return { kind: 'unknown' };
    if (from) {
      const own = candidates.find((c) => c.service === from);
      if (own && (!qualifier || candidates.length === 1 || connectsTo(from, qualifier) || own.database?.toLowerCase() === qualifier)) {
        return owned(own);
      }
      if (!qualifier && candidates.length > 1) {
        const reachable = candidates.filter(
          (c) => (c.database && connectsTo(from, c.database.toLowerCase())) || servicesShareDatabase(from, c.service),
        );
        if (reachable.length > 0) candidates = reachable;
      }
    }
    if (candidates.length === 1) return owned(candidates[0]);
    return { kind: 'ambiguous', owners: candidates.map((c) => ({ service: c.service, declaration: c.declaration })) };
  };

  const declarationsOf = (table: string, database?: string): TableDeclaration[] =>
    (declarationsByTable.get(table.toLowerCase()) ?? [])
      .map((d) => d.declaration)
      .filter((d) => !database || !d.database || d.database.toLowerCase() === database.toLowerCase());

  // --- ORM symbols: entity and model uses resolved through their imports ---------------------
  const resolveEntityUse = (file: FileFacts, use: OrmEntityUse): EntityUseResolution | undefined => {
    const found = entities(file, use);
    if (!found) return undefined;
    const { definition } = found;
    const ref: OrmTableRef = {
      name: definition.table,
      qualifier: definition.qualifier,
      action: use.action,
      library: use.library,
      fileSpan: use.fileSpan,
    };
    // Another service's entity means that service's table, as seen from it.
    const user = serviceOf(file.path);
    const resolution =
      definition.service && definition.service !== user ? resolveTable(ref, definition.service) : resolveTable(ref, user, file.path);
    return {
      ref,
      resolution,
      definition: { symbol: definition.symbol, file: definition.file, range: definition.range, service: definition.service },
      import: found.import,
    };
  };

  return {
    cwd: input.cwd,
    config,
    ...(input.configSource ? { configSource: input.configSource } : {}),
    services,
    files,
    serviceOf,
    serviceByName: (name) => byName.get(name),
    resolveTable,
    fileDatabase,
    declarationsOf,
    resolveModule: (fromFile, specifier) => modules.resolve(fromFile, specifier),
    resolveEntityUse,
    sharedDatabases: () => sharedDatabases(services),
    migrations: createMigrations(input.migrationPatterns ?? [], serviceOf),
    declarationsOutsideServices: orphanDeclarations,
  };
}

function owned(owner: Owner): TableResolution {
  return { kind: 'owned', owner: owner.service, database: owner.database, via: owner.via, declaration: owner.declaration };
}

/** One owner per service, keeping the first (config before created, earliest declaration). */
function uniqueOwners(owners: Owner[]): Owner[] {
  const seen = new Set<Service>();
  return owners.filter((o) => (seen.has(o.service) ? false : (seen.add(o.service), true)));
}
