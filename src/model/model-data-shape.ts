/**
 * The shape of the project model's data as `encodeModelData` writes it (src/model/model-data.ts),
 * checked before anything is made of it. The data is stored in the facts cache, a file anything may
 * have written (a crash, a hand edit, another build): resolvers and rules trust the model completely,
 * so a stored model that has not exactly this shape is none, and the model is built — never a run
 * that fails on a field of the wrong type. As for facts entries (src/analysis/facts-codec.ts), every
 * object is closed and typed against its interface, so a field added there and not here is a compile
 * error. Services and declarations appear as references (`{"$s": i}`, `{"$d": j}`) and maps as
 * `{"$map": entries}` here; the references' bounds are checked when they are resolved.
 */
import type { Range, SnakeCaseMapper } from '../analysis/facts.js';
import { shapes, type Check } from '../analysis/facts-codec.js';
import type { EntityDefinition, EntityIndex, Relation, RepositoryAlias } from './entity-resolver.js';
import type { RunningService } from './importing-services.js';
import type { DatabaseConnection, SchemaStub, Service, SettingSource, SettingVia, TableDeclaration } from './model.js';
import type { ModelData } from './model-data.js';
import type { ModuleIndex } from './module-resolver.js';
import type { OutsidePackage } from './outside-packages.js';
import type { NameHistory } from './name-history.js';
import type { RoutineDeclaration } from './routines.js';
import type { DialectEvidence, ServiceDialect } from './service-dialect.js';
import type { LoggedNames, NameChange, RetiredDeclaration } from './table-history.js';
import type { ToolMigrations } from './tool-migrations.js';
import type { WorkspacePackage } from './workspace-packages.js';
import type { PackageEntries } from '../analysis/package-manifest.js';

const { string, boolean, count, literal, oneOf, arrayOf, recordOf, object, isPlainObject, span, ormOrigin, dialect } = shapes;

/** A whole number, negative too (replay positions). */
const integer: Check = (v) => typeof v === 'number' && Number.isInteger(v);
const nullOr =
  (check: Check): Check =>
  (v) =>
    v === null || check(v);
/** A JSON array of exactly these items. */
const tuple =
  (...items: Check[]): Check =>
  (v) =>
    Array.isArray(v) && v.length === items.length && items.every((check, i) => check(v[i]));
const anyOf =
  (...checks: Check[]): Check =>
  (v) =>
    checks.some((check) => check(v));
/** `{"<key>": index}`, a reference `encodeModelData` wrote. */
const reference =
  (key: '$s' | '$d'): Check =>
  (v) =>
    isPlainObject(v) && Object.keys(v).length === 1 && count(v[key]);
const serviceRef = reference('$s');
const declarationRef = reference('$d');
/** `{"$map": [[key, value], …]}`; a value written as null stands for undefined. */
const mapOf =
  (key: Check, value: Check): Check =>
  (v) =>
    isPlainObject(v) && Object.keys(v).length === 1 && arrayOf(tuple(key, value))(v.$map);

const range = object<Range>({ line: count, column: count, endLine: count, endColumn: count }, {});
const engine = oneOf<NonNullable<ServiceDialect['engines']>[number]>({ mysql: true, postgresql: true, ...shapes.unparsedEngines });

const declaration = object<TableDeclaration>(
  { table: string, file: string, range, via: oneOf<TableDeclaration['via']>({ migration: true, schema: true, orm: true, prisma: true }) },
  {
    database: string,
    renamedFrom: string,
    schemaSync: oneOf<NonNullable<TableDeclaration['schemaSync']>>({ connection: true, never: true }),
  },
);

const settingVia = object<SettingVia>(
  {
    file: string,
    range,
    how: oneOf<SettingVia['how']>({ dotenv: true, script: true, import: true, extends: true, interpolation: true, helm: true }),
  },
  {},
);
const settingSource = object<SettingSource>(
  {
    file: string,
    range,
    key: string,
    origin: oneOf<SettingSource['origin']>({
      config: true,
      'env-file': true,
      manifest: true,
      'code-default': true,
      'connection-url': true,
      compose: true,
      pm2: true,
      'lint-config': true,
      computed: true,
      'service-name': true,
    }),
  },
  { via: settingVia },
);
const databaseConnection = object<DatabaseConnection>(
  {
    name: string,
    kind: oneOf<DatabaseConnection['kind']>({ mysql: true, postgresql: true, mongodb: true, unknown: true }),
    sources: arrayOf(settingSource),
  },
  { hosts: arrayOf(string), schemas: arrayOf(string), searchedSchemas: arrayOf(string) },
);

const dialectEvidence = object<DialectEvidence>(
  {
    dialect: engine,
    source: oneOf<DialectEvidence['source']>({
      config: true,
      dependency: true,
      prisma: true,
      'orm-options': true,
      import: true,
      connection: true,
      'lock-file': true,
      'sql-syntax': true,
      'sql-parse': true,
    }),
    detail: string,
  },
  {},
);
/** A service's dialect decision (also the stored model's record of them, src/stored-model.ts). */
export const serviceDialectShape = object<ServiceDialect>(
  {
    basis: oneOf<ServiceDialect['basis']>({
      config: true,
      declared: true,
      connection: true,
      'lock-file': true,
      'sql-syntax': true,
      'sql-parse': true,
      mixed: true,
      none: true,
    }),
    evidence: arrayOf(dialectEvidence),
  },
  {
    dialect,
    unparsedEngine: oneOf(shapes.unparsedEngines),
    engines: arrayOf(engine),
    mariadb: arrayOf(string),
    cockroach: arrayOf(string),
  },
);
const snakeCaseMapper = object<SnakeCaseMapper>(
  { plugin: oneOf<SnakeCaseMapper['plugin']>({ kysely: true, knex: true }), fileSpan: span },
  { upperCase: boolean, underscoreBeforeDigits: boolean, underscoreBetweenUppercaseLetters: boolean },
);
/** A service as written: its created tables are declaration indexes. */
const service = object<Service>(
  {
    name: string,
    roots: arrayOf(string),
    databases: arrayOf(databaseConnection),
    prefixes: arrayOf(string),
    ownedPatterns: arrayOf(string),
    createdTables: arrayOf(count),
    migrations: arrayOf(string),
  },
  {
    dialect,
    dialectDecision: serviceDialectShape,
    prefixesLearned: string,
    snakeCaseMapper,
    migratedDjangoApps: arrayOf(string),
    migrationTables: arrayOf(string),
  },
);

const retired = object<RetiredDeclaration>({ declaration: declarationRef, since: integer, until: integer }, {});
const nameChange = anyOf(
  object<Extract<NameChange, { object: 'table' }>>({ object: literal('table'), table: string }, { to: string }),
  object<Extract<NameChange, { object: 'column' | 'constraint' }>>(
    { object: oneOf({ column: true, constraint: true }), table: string, name: string },
    { to: string },
  ),
  object<Extract<NameChange, { object: 'index' }>>({ object: literal('index'), name: string }, { table: string, to: string }),
);
const loggedNames = object<LoggedNames>({ path: string, changes: arrayOf(nameChange) }, {});
const packageEntries = object<PackageEntries>({}, { main: string, module: string, types: string, exports: recordOf(arrayOf(string)) });
const entityDefinition = object<EntityDefinition>(
  { library: string, symbol: string, table: string, file: string, range },
  { qualifier: string, service: serviceRef },
);
const repositoryAlias = object<RepositoryAlias>(
  { symbol: string, entity: string, file: string },
  { origin: ormOrigin, originRange: range, service: serviceRef },
);
const relation = object<Relation>(
  { library: string, owner: string, name: string, fileSpan: span, file: string, range },
  { target: string, targetOrigin: ormOrigin, table: string, qualifier: string, service: serviceRef, targetOriginRange: range },
);

const rest = object<Record<RestKey, unknown>>(
  {
    databaseOwners: mapOf(string, nullOr(serviceRef)),
    tablesNotInferred: arrayOf(string),
    orphans: arrayOf(declarationRef),
    stubs: arrayOf(
      object<SchemaStub>(
        { service: serviceRef, declaration: declarationRef, kind: oneOf<SchemaStub['kind']>({ test: true, auxiliary: true }) },
        {},
      ),
    ),
    stubKeys: arrayOf(string),
    nameHistory: object<NameHistory>({ folders: mapOf(string, arrayOf(loggedNames)) }, {}),
    tools: object<ToolMigrations>(
      {
        ordered: mapOf(string, string),
        folders: arrayOf(string),
        companions: mapOf(string, nullOr(string)),
        databases: arrayOf(object<ToolMigrations['databases'][number]>({ folder: string, database: string }, {})),
      },
      {},
    ),
    migrationPatterns: arrayOf(string),
    migrationRunners: arrayOf(serviceRef),
    numberedMigrationFolders: arrayOf(string),
    modules: object<ModuleIndex>(
      {
        paths: arrayOf(string),
        tsconfigs: arrayOf(tuple(string, shapes.tsconfigFacts)),
        workspaces: arrayOf(object<WorkspacePackage>({ name: string, folder: string }, { entries: packageEntries })),
      },
      {},
    ),
    entities: object<EntityIndex>(
      {
        definitions: arrayOf(entityDefinition),
        repositories: arrayOf(repositoryAlias),
        prismaModels: arrayOf(entityDefinition),
        relations: arrayOf(relation),
        reexports: arrayOf(tuple(string, arrayOf(shapes.reexportFact))),
      },
      {},
    ),
    // null: the run that stored the model never asked (importing-services.ts), so a run taking it makes it when asked.
    runningServices: nullOr(
      mapOf(
        string,
        arrayOf(object<RunningService>({ service: serviceRef, import: object<RunningService['import']>({ file: string, range }, {}) }, {})),
      ),
    ),
    routines: arrayOf(object<RoutineDeclaration>({ name: string, service: serviceRef, file: string, range }, { qualifier: string })),
    outsidePackages: arrayOf(object<OutsidePackage>({ folder: string, dependents: arrayOf(serviceRef) }, {})),
  },
  {},
);

/** The keys of `rest` in the encoded body: every field of the data but its services and history, written apart. */
type RestKey = Exclude<keyof ModelData, 'services' | 'history'>;

/** Whether `body` (the parsed text of `encodeModelData`) has exactly the shape it writes, version aside. */
export const encodedModelShape: Check = object<Record<'version' | 'declarations' | 'services' | 'retired' | 'history' | 'rest', unknown>>(
  {
    version: count,
    declarations: arrayOf(declaration),
    services: arrayOf(service),
    retired: arrayOf(arrayOf(retired)),
    history: arrayOf(tuple(string, nullOr(serviceRef), integer, count)),
    rest,
  },
  {},
);
