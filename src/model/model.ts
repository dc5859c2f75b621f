import type {
  DatabaseKind,
  Dialect,
  FileFacts,
  OrmEntityUse,
  OrmTableRef,
  Range,
  SnakeCaseMapper,
  UnparsedEngine,
} from '../analysis/facts.js';
import type { ResolvedModule } from './module-resolver.js';
import type { RunningService } from './importing-services.js';
import type { ServiceImports } from './service-imports.js';
import type { NilecareConfig } from '../config/schema.js';
import type { ServiceDialect } from './service-dialect.js';
import type { Migrations } from './migrations.js';
import type { NameHistory } from './name-history.js';
import type { ManifestScriptSecret, UnreadManifest } from './packages.js';
import type { RoutineResolution } from './routines.js';
import type { ModelData } from './model-data.js';
import type { OutsidePackage } from './outside-packages.js';

/** Where a setting was read, so findings can point at it. */
export interface SettingSource {
  file: string;
  range: Range;
  /** e.g. `DB_NAME`, `database`, `PG_DATABASE`, `DATABASE_URL`, `services[0].databases[1]`. */
  key: string;
  /** `config`: an option object in code; `lint-config`: an entry of this linter's config file. */
  /** `computed`: a name a connection builds at run time around the service's own name, matching a database the SQL declares. */
  /** `service-name`: the service's own connection names no database, and the one the SQL declares is named like the service. */
  origin:
    | 'config'
    | 'env-file'
    | 'manifest'
    | 'code-default'
    | 'connection-url'
    | 'compose'
    | 'pm2'
    | 'lint-config'
    | 'computed'
    | 'service-name';
  /**
   * Where the service takes this setting from a file outside its own: the call loading the env file
   * (`dotenv.config({ path })`), the import of the shared module holding it, the compose `extends:`
   * naming the service it extends, the compose value interpolating it (`${APP_DB_NAME}`).
   */
  via?: SettingVia;
}

export interface SettingVia {
  file: string;
  range: Range;
  /** `helm`: a chart template hands the value (in a values file) to the container's env variable. */
  how: 'dotenv' | 'script' | 'import' | 'extends' | 'interpolation' | 'helm';
}

export interface DatabaseConnection {
  name: string;
  kind: DatabaseKind;
  sources: SettingSource[];
  /** The servers (lower-cased hosts) it is on, when every setting naming it says; absent when unknown. */
  hosts?: string[];
  /**
   * The PostgreSQL schemas (lower-cased) the service's settings put its connection in (Prisma
   * `?schema=`, `search_path`, `currentSchema`, a `schema:` / `searchPath` option), `public` standing
   * for a setting that names none; absent when no setting names a schema other than `public`.
   */
  schemas?: string[];
  /**
   * Schemas (lower-cased) later on the connection's search path than `schemas`: where an unqualified
   * name its own schemas lack is still found (`search_path=orders,public`; PostgreSQL's default
   * `public` for a connection confined to its schemas by its tables alone). Reaching a table there
   * puts the connection in that schema too (see table-schemas.ts). Absent when none.
   */
  searchedSchemas?: string[];
}

export interface TableDeclaration {
  table: string;
  /** Database / schema the table lives in, when known. */
  database?: string;
  file: string;
  range: Range;
  via: 'migration' | 'schema' | 'orm' | 'prisma';
  /** Set when a rename (`ALTER TABLE a RENAME TO b`, `RENAME TABLE a TO b`) declared this name: the old name as written. */
  renamedFrom?: string;
  /**
   * A TypeORM entity: TypeORM creates its table only by schema sync, so it is a creation only when its
   * service's connection synchronizes (`'connection'`); `@Entity({ synchronize: false })` never (`'never'`).
   */
  schemaSync?: 'connection' | 'never';
}

/**
 * A CREATE TABLE in a service's tests (`kind: 'test'`) or its scripts, docs or fixtures (`'auxiliary'`) of a
 * table another service creates for real: a stub of it (schema-stubs.ts), which makes the service no owner.
 */
export interface SchemaStub {
  service: Service;
  declaration: TableDeclaration;
  kind: 'test' | 'auxiliary';
}

export interface Service {
  name: string;
  /** Repo-relative posix globs of the service's folders. */
  roots: string[];
  dialect?: Dialect;
  /** How `dialect` was decided when the run inferred it: the evidence, or that none (or both engines) was found. */
  dialectDecision?: ServiceDialect;
  databases: DatabaseConnection[];
  /** Table name prefixes the service is expected to use (naming rule). */
  prefixes: string[];
  /**
   * Why `prefixes` are what they are when a run without any config learned them from the tables the services create
   * (`the prefix its tables use`, `the default for 'orders': its tables share no prefix, …`): the note `init` writes
   * beside them. Absent when a config sets them (or keeps the `<service>_` default).
   */
  prefixesLearned?: string;
  /** Owned-table patterns from config (exact names or globs like `auth_*`, optionally `db.table`). */
  ownedPatterns: string[];
  /**
   * Tables this service's own SQL (migrations, schema files, ORM definitions) creates, as they
   * stand after its migrations: a table it renames is listed under its new name only.
   */
  createdTables: TableDeclaration[];
  /** Globs (repo-relative) of the service's migration folders. */
  migrations: string[];
  /** The snake_case identifier mapper the service's query builder is built with, if any (identifier-case.ts). */
  snakeCaseMapper?: SnakeCaseMapper;
  /**
   * The folders of the service's Django apps that commit migrations: their migrations are the history of their tables,
   * so those apps' models modules declare nothing more (ddl-events.ts `apiTableRefsOf`). Absent when none.
   */
  migratedDjangoApps?: readonly string[];
  /**
   * The bookkeeping tables the service's migration runners record applied migrations in under a name of the project's
   * (a knexfile's `migrations: { tableName: 'migration' }`, umzug's Sequelize storage `tableName` / `modelName`),
   * lower-cased: the tool's tables in the service's database, as `knex_migrations` is (table-names.ts). Absent when none.
   */
  migrationTables?: readonly string[];
}

export type TableResolution =
  | { kind: 'owned'; owner: Service; database?: string; via: OwnershipSource; declaration?: TableDeclaration }
  | { kind: 'ambiguous'; owners: Array<{ service: Service; declaration?: TableDeclaration }> }
  | {
      kind: 'unknown';
      /**
       * The accessing service runs on this engine (ClickHouse, DynamoDB, BigQuery…) and nothing in the repository
       * declares a table on it: its schema lives elsewhere (infrastructure code, a console), so no name can be checked.
       */
      undeclaredEngine?: UnparsedEngine;
      /**
       * A declaration of the name outside every service (a root Prisma schema, root migrations) that no service owns:
       * the table exists, only its owner is unknown (`init` marks it TODO).
       */
      unowned?: TableDeclaration;
    };

export type OwnershipSource = 'config' | 'created' | 'database' | 'prefix' | 'schema-database';

export interface TableLookup {
  name: string;
  qualifier?: string;
  /**
   * The database or schema the statement naming the table runs in (`USE ops`, `\c ops`,
   * `SET search_path TO ops`, a `schemaFiles` entry's database): a name without a qualifier means
   * the table there first, and is looked up as written only when that database holds no such table.
   */
  context?: string;
}

/** What an ORM entity or Prisma delegate use means: its table, that table's owner, and how the use led there. */
export interface EntityUseResolution {
  /** The use as a table reference: the definition's table, with the use's action and position. */
  ref: OrmTableRef;
  /** The table resolved from the defining service (an entity of another service is that service's table). */
  resolution: TableResolution;
  /** The symbol's definition: the entity class, model or table object mapping it to the table. */
  definition: { symbol: string; file: string; range: Range; service?: Service };
  /** The import in the using file that led to the definition, when one did. */
  import?: { file: string; range: Range; specifier: string };
}

/** The read-only repository model every rule sees. */
export interface ProjectModel {
  readonly cwd: string;
  readonly config: NilecareConfig;
  /** The config file as written (repo-relative path and text), when the run read one: suggestions edit it. */
  readonly configSource?: { readonly file: string; readonly text: string };
  readonly services: readonly Service[];
  /** Every file's facts, including files outside the linted selection (changed-files mode). */
  readonly files: readonly FileFacts[];
  serviceOf(path: string): Service | undefined;
  serviceByName(name: string): Service | undefined;
  /**
   * Resolves a table as seen from `from` (bare names try `from`'s own tables and databases first).
   * Tables count under their current names. `inFile`, the path of the referencing file, lets a
   * migration see the names its service's tables had at that point: the migrations before a
   * rename, and the rename itself, still name the old table.
   */
  resolveTable(ref: TableLookup, from?: Service, inFile?: string): TableResolution;
  /** The database a `schemaFiles` entry of the config gives the file at `path`: where its SQL starts. */
  fileDatabase(path: string): string | undefined;
  /** Every declaration of a table across services, for ownership-conflict reporting. */
  declarationsOf(table: string, database?: string): readonly TableDeclaration[];
  /**
   * Where a module specifier of `fromFile` points in the repository: relative imports and the
   * nearest tsconfig's `paths` / `baseUrl`. Undefined for packages and paths outside the repository.
   */
  resolveModule(fromFile: string, specifier: string): ResolvedModule | undefined;
  /**
   * The run's one resolution of imports to the services holding the modules they name (service-imports.ts): every
   * file's imports from its facts summary, so asking about the whole repository decodes no cached facts.
   */
  imports: ServiceImports;
  /**
   * The services that run a module outside every service (a shared package's helper): those whose
   * files import it, directly or through other modules outside every service. Empty for a
   * service's own module and for one no service imports.
   */
  servicesImporting(path: string): readonly RunningService[];
  /**
   * The nearest package (a folder with a package.json, not the repository root's) holding a file outside every
   * service, with the services that depend on it by name; undefined for a file no such package holds.
   */
  outsidePackageOf(path: string): OutsidePackage | undefined;
  /** The table an ORM entity / model use of `file` means, through its import; undefined when no single table fits. */
  resolveEntityUse(file: FileFacts, use: OrmEntityUse): EntityUseResolution | undefined;
  /** Databases whose name several services connect to. */
  sharedDatabases(): Array<{ database: string; services: Array<{ service: Service; connection: DatabaseConnection }> }>;
  /**
   * Tables the files outside every service declare (a root `database/` folder of schema files, shared ORM
   * entities), as they stand after those files' renames and drops: the same replay as services' tables.
   */
  readonly declarationsOutsideServices: readonly TableDeclaration[];
  /** What counts as a migration, whether its name is versioned, and its version. */
  readonly migrations: Migrations;
  /** What each folder's up migrations rename and drop, as the table-history replay logged it (see name-history.ts). */
  readonly nameHistory: NameHistory;
  /** package.json files that are not JSON (a merge conflict left in them), located: their dependencies were not read. */
  readonly unreadManifests: readonly UnreadManifest[];
  /** Credentials written into package.json scripts (a migrate script's inline URL), described: see packages.ts. */
  readonly scriptSecrets: readonly ManifestScriptSecret[];
  /** The stubs services' tests, scripts and docs create of other services' tables: no declaration of theirs, no design to judge. */
  readonly schemaStubs: readonly SchemaStub[];
  /** Whether `file`'s CREATE of `table` (any case) is a stub, or a copy in the service's tests, scripts or docs of a table its schema creates. */
  isSchemaStub(file: string, table: string): boolean;
  /**
   * Who owns a stored routine a statement calls (`CALL sp_x(…)`), as seen from the calling service: its own,
   * another service's (the one whose schema declares it), several others', or none the repository declares.
   */
  resolveRoutine(call: { name: string; qualifier?: string }, from: Service | undefined): RoutineResolution;
  /** What the resolvers above are made from, as plain data (model-data.ts); absent in a model made by hand. */
  readonly modelData?: ModelData;
}
