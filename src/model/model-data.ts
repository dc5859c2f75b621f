/**
 * The project model as data: what `buildProjectModel` decides from every file's facts — services
 * (databases, created tables, dialect decisions, prefixes), the table history, stubs, migration
 * runners, the module, entity, routine and importing-service indexes — as plain values, and the
 * model's resolvers (`resolveTable`, `resolveEntityUse`, `resolveModule`, `servicesImporting`,
 * `migrations`, `resolveRoutine`, …) made from that data alone. No resolver reads another file's
 * facts, so the data can be written to a file (`encodeModelData`) and a later run can answer as the
 * built model did (`decodeModelData`, then `projectModelFromData`) without the build.
 *
 * Services and table declarations are shared by identity across the data (a declaration is in its
 * service's `createdTables` and in the history; resolutions name the service object), so the encoding
 * writes each once and refers to it by index.
 */
import type { FileFacts } from '../analysis/facts.js';
import { compileGlob } from '../config/glob.js';
import type { NilecareConfig } from '../config/schema.js';
import { configOwnersOf } from './config-owners.js';
import { sharedDatabases } from './database-evidence.js';
import type { FileHistory } from './declared-tables.js';
import { entityResolverOf, type EntityIndex, type EntityResolver } from './entity-resolver.js';
import { djangoHistory } from './django-history.js';
import { createEntityUseResolver } from './entity-uses.js';
import { importingServicesResolver, runningServices, type RunningService } from './importing-services.js';
import { encodedModelShape } from './model-data-shape.js';
import { createMigrations, migrationGroups } from './migrations.js';
import type { ProjectModel, SchemaStub, Service, TableDeclaration } from './model.js';
import { moduleResolverOf, type ModuleIndex, type ModuleResolver } from './module-resolver.js';
import type { NameHistory } from './name-history.js';
import type { ManifestScriptSecret, UnreadManifest } from './packages.js';
import { routineResolverOf, type RoutineDeclaration } from './routines.js';
import { serviceImportsOf } from './service-imports.js';
import { serviceReachResolver } from './service-reach.js';
import { createServiceMatcher } from './services.js';
import { outsidePackageResolver, type OutsidePackage } from './outside-packages.js';
import { createTableResolver } from './table-resolver.js';
import type { RetiredDeclaration } from './table-history.js';
import { toolDatabaseOf, type ToolMigrations } from './tool-migrations.js';

export interface ModelData {
  /** The services, complete: databases, created tables after the replay, dialect decisions, prefixes. */
  readonly services: readonly Service[];
  /** `databases` of the config (and, for inferred services, a database's sole user): lower-cased name → owner. */
  readonly databaseOwners: ReadonlyMap<string, Service | undefined>;
  /** Services whose `inferTables: false` keeps what they create from making them owners. */
  readonly tablesNotInferred: readonly string[];
  /** Declarations outside every service, after their renames and drops. */
  readonly orphans: readonly TableDeclaration[];
  /** By file path: what a file of an owner that renames or drops tables still sees (declared-tables.ts). */
  readonly history: ReadonlyMap<string, FileHistory>;
  readonly stubs: readonly SchemaStub[];
  /** `file\0table` (lower-cased table) of every stub and of every copy a service's tests make of its own tables. */
  readonly stubKeys: readonly string[];
  readonly nameHistory: NameHistory;
  readonly tools: ToolMigrations;
  /** The project's migration name patterns (empty: the defaults). */
  readonly migrationPatterns: readonly string[];
  /** Services that run their migrations themselves (migrations.ts, `migrationRunners`). */
  readonly migrationRunners: readonly Service[];
  /** Folders whose script migrations are a numbered sequence (migrations.ts, `numberedScriptFolders`). */
  readonly numberedMigrationFolders: readonly string[];
  readonly modules: ModuleIndex;
  readonly entities: EntityIndex;
  /**
   * The modules outside every service that services run: made on the first ask (from the files), then data. Absent
   * when a stored model's run never asked: then made from the run's files when asked (`projectModelFromData`).
   */
  readonly runningServices?: RunningServicesOf;
  readonly routines: readonly RoutineDeclaration[];
  /** The packages outside every service and the services depending on each (outside-packages.ts). */
  readonly outsidePackages: readonly OutsidePackage[];
}

/** The thunk of `ModelData.runningServices`; `made` tells whether it has made the map yet (what is stored). */
export type RunningServicesOf = (() => ReadonlyMap<string, readonly RunningService[]>) & { readonly made?: () => boolean };

/** What a model has besides its data: the run's own inputs. */
export interface ModelRun {
  cwd: string;
  config: NilecareConfig;
  configSource?: { file: string; text: string };
  files: readonly FileFacts[];
  unreadManifests?: readonly UnreadManifest[];
  scriptSecrets?: readonly ManifestScriptSecret[];
  /** The service (by name) of a path; by default the services' roots and migration folders decide (services.ts). */
  serviceOf?: (path: string) => string | undefined;
}

/** Resolvers the builder already made from the same data (so they are not made twice). */
export interface PrebuiltResolvers {
  modules: ModuleResolver;
  entities: EntityResolver;
  servicesImporting: (path: string) => readonly RunningService[];
}

/** The model over `data`: every resolver reads `data` alone; `run.files` are only handed on to the rules. */
export function projectModelFromData(data: ModelData, run: ModelRun, prebuilt?: PrebuiltResolvers): ProjectModel {
  const { config } = run;
  const { services } = data;
  const byName = new Map(services.map((s) => [s.name, s]));
  const nameOf = run.serviceOf ?? createServiceMatcher(services);
  const serviceOf = (path: string) => {
    const name = nameOf(path);
    return name ? byName.get(name) : undefined;
  };
  const modules = prebuilt?.modules ?? moduleResolverOf(data.modules);
  const entities = prebuilt?.entities ?? entityResolverOf(data.entities, serviceOf, modules);
  let running: ReadonlyMap<string, readonly RunningService[]> | undefined;
  const servicesImporting =
    prebuilt?.servicesImporting ??
    importingServicesResolver(data.runningServices ?? (() => (running ??= runningServices(run.files, serviceOf, modules))), serviceOf);
  const schemaFileMatchers = (config.schemaFiles ?? []).map((entry) => ({ match: compileGlob(entry.files), database: entry.database }));
  // A migration tool's config names the database of its folders' SQL (Flyway's flyway.url), as schemaFiles does.
  const fileDatabase = (path: string) => schemaFileMatchers.find((m) => m.match(path))?.database ?? toolDatabaseOf(data.tools, path);
  const notInferred = new Set(data.tablesNotInferred);
  const outsidePackageOf = outsidePackageResolver(data.outsidePackages);
  const imports = serviceImportsOf(run.files, serviceOf, modules);
  const { resolveTable, declarationsOf } = createTableResolver({
    services,
    configOwners: configOwnersOf(services),
    databaseOwners: data.databaseOwners,
    inferTables: (service) => !notInferred.has(service.name),
    orphans: data.orphans,
    history: data.history,
    stubs: data.stubs,
    reaches: serviceReachResolver(imports),
    outsidePackageOf,
  });
  const stubKeys = new Set(data.stubKeys);
  return {
    cwd: run.cwd,
    config,
    ...(run.configSource ? { configSource: run.configSource } : {}),
    services,
    files: run.files,
    serviceOf,
    serviceByName: (name) => byName.get(name),
    resolveTable,
    fileDatabase,
    declarationsOf,
    resolveModule: (fromFile, specifier) => modules.resolve(fromFile, specifier),
    imports,
    servicesImporting,
    outsidePackageOf,
    // --- ORM symbols: entity and model uses resolved through their imports
    resolveEntityUse: createEntityUseResolver(entities, serviceOf, resolveTable),
    sharedDatabases: () => sharedDatabases(services),
    migrations: createMigrations(
      data.migrationPatterns,
      serviceOf,
      data.migrationRunners,
      data.tools,
      data.numberedMigrationFolders,
      () => migrationGroups(run.files, serviceOf, data.tools),
      djangoHistory(run.files),
    ),
    declarationsOutsideServices: data.orphans,
    nameHistory: data.nameHistory,
    unreadManifests: run.unreadManifests ?? [],
    scriptSecrets: run.scriptSecrets ?? [],
    schemaStubs: data.stubs,
    isSchemaStub: (file, table) => stubKeys.has(`${file}\0${table.toLowerCase()}`),
    // --- stored routines: the services whose schemas declare them
    resolveRoutine: routineResolverOf(data.routines),
    modelData: data,
  };
}

/** The key a stub or copy of `table` in `file` is known by (`ModelData.stubKeys`). */
export function stubKey(declaration: Pick<TableDeclaration, 'file' | 'table'>): string {
  return `${declaration.file}\0${declaration.table.toLowerCase()}`;
}

/** Bumped whenever ModelData's shape or meaning changes: a stored model of another version is not read. */
export const MODEL_DATA_VERSION = 3;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The data as one JSON text. Services and declarations are written once and referred to by index
 * (`{"$s": i}`, `{"$d": j}`); maps as `{"$map": entries}`. `runningServices` is written only when the run made
 * it (null otherwise): making it only to store it cost a run that builds the model what main's runs never paid.
 */
export function encodeModelData(data: ModelData): string {
  const serviceIds = new Map(data.services.map((service, i) => [service, i]));
  const declarationIds = new Map<TableDeclaration, number>();
  const declare = (declaration: TableDeclaration) => {
    if (!declarationIds.has(declaration)) declarationIds.set(declaration, declarationIds.size);
  };
  for (const service of data.services) service.createdTables.forEach(declare);
  data.orphans.forEach(declare);
  for (const stub of data.stubs) declare(stub.declaration);
  // One retired list is shared by every file of its owner's replay: written once.
  const retiredIds = new Map<readonly RetiredDeclaration[], number>();
  for (const entry of data.history.values())
    if (!retiredIds.has(entry.retired)) {
      retiredIds.set(entry.retired, retiredIds.size);
      for (const retired of entry.retired) declare(retired.declaration);
    }
  const replacer = function (this: unknown, key: string, value: unknown): unknown {
    if (typeof value !== 'object' || value === null) return value;
    const service = serviceIds.get(value as Service);
    if (service !== undefined) return { $s: service };
    const declaration = declarationIds.get(value as TableDeclaration);
    if (declaration !== undefined) return { $d: declaration };
    if (value instanceof Map) return { $map: [...value] };
    if (value instanceof Set) throw new Error('model data holds a Set: encode it as an array');
    return value;
  };
  const body = {
    version: MODEL_DATA_VERSION,
    declarations: [...declarationIds.keys()].map((declaration) => ({ ...declaration })),
    services: data.services.map((service) => ({ ...service, createdTables: service.createdTables.map((d) => declarationIds.get(d)!) })),
    retired: [...retiredIds.keys()],
    history: [...data.history].map(([path, entry]) => [path, entry.creator ?? null, entry.index, retiredIds.get(entry.retired)!]),
    rest: {
      databaseOwners: data.databaseOwners,
      tablesNotInferred: data.tablesNotInferred,
      orphans: data.orphans,
      stubs: data.stubs,
      stubKeys: data.stubKeys,
      nameHistory: data.nameHistory,
      tools: data.tools,
      migrationPatterns: data.migrationPatterns,
      migrationRunners: data.migrationRunners,
      numberedMigrationFolders: data.numberedMigrationFolders,
      modules: data.modules,
      entities: data.entities,
      runningServices: data.runningServices && data.runningServices.made?.() !== false ? data.runningServices() : null,
      routines: data.routines,
      outsidePackages: data.outsidePackages,
    },
  };
  return JSON.stringify(body, replacer);
}

/** The data `encodeModelData` wrote; throws (`stored model: …`) on a text of another version or shape. */
export function decodeModelData(text: string): ModelData {
  return modelDataFromJson(JSON.parse(text));
}

/** The data from the value of `encodeModelData`'s text (parsed as part of a larger JSON text). */
export function modelDataFromJson(parsed: unknown): ModelData {
  const body = parsed as {
    version: number;
    declarations: TableDeclaration[];
    services: Array<Omit<Service, 'createdTables'> & { createdTables: number[] }>;
    retired: Json[][];
    history: Array<[string, Json, number, number]>;
    rest: Record<string, Json>;
  };
  if (!isObject(body) || body.version !== MODEL_DATA_VERSION) throw new Error('stored model: another version');
  if (!encodedModelShape(body)) throw new Error('stored model: not the shape of the data');
  const declarations = body.declarations;
  const services: Service[] = body.services.map((service) => ({
    ...service,
    createdTables: service.createdTables.map((id) => indexed(declarations, id, 'declaration')),
  }));
  const revive = (value: Json): unknown => {
    if (Array.isArray(value)) return value.map(revive);
    if (!isObject(value)) return value;
    if (Object.keys(value).length !== 1) return reviveObject(value);
    if ('$s' in value) return indexed(services, value.$s, 'service');
    if ('$d' in value) return indexed(declarations, value.$d, 'declaration');
    if ('$map' in value) {
      if (!Array.isArray(value.$map)) throw new Error('stored model: a map is no list');
      // JSON writes an undefined value in a list as null: a map's values are never null.
      return new Map(
        value.$map.map((entry): [unknown, unknown] => {
          if (!Array.isArray(entry) || entry.length !== 2) throw new Error('stored model: a map entry is no pair');
          return [revive(entry[0]), entry[1] === null ? undefined : revive(entry[1])];
        }),
      );
    }
    return reviveObject(value);
  };
  const reviveObject = (value: Record<string, Json>) => {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = revive(value[key]);
    return out;
  };
  const retired = body.retired.map((list) => revive(list) as RetiredDeclaration[]);
  const history = new Map<string, FileHistory>(
    body.history.map(([path, creator, index, list]) => [
      path,
      { ...(creator === null ? {} : { creator: revive(creator) as Service }), index, retired: indexed(retired, list, 'history') },
    ]),
  );
  const { runningServices: running, ...rest } = revive(body.rest) as Omit<ModelData, 'services' | 'history' | 'runningServices'> & {
    runningServices: ReadonlyMap<string, readonly RunningService[]> | null;
  };
  return { ...rest, services, history, ...(running === null ? {} : { runningServices: () => running }) };
}

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function indexed<T>(list: readonly T[], id: unknown, what: string): T {
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= list.length)
    throw new Error(`stored model: no ${what} ${String(id)}`);
  return list[id];
}
