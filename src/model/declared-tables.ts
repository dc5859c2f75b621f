/**
 * The tables each service's SQL, ORM entities and Prisma models create, after its renames and
 * drops: each owner's DDL is replayed in migration order (table-history.ts), and files that see
 * a table before a later migration renamed or dropped it keep seeing the old declaration. The
 * replay's log of what up migrations rename and drop is the naming rules' name history. A
 * migrating service's ORM declaration of a table only another owner creates is a mirror it
 * reads through, not a creation (orm-mirrors.ts); so is a stub its tests, scripts or docs create
 * of a table another service creates (schema-stubs.ts).
 */
import type { FileFacts } from '../analysis/facts.js';
import { spanToRange } from '../analysis/text.js';
import { connectsTo, servicesShareDatabase } from './database-evidence.js';
import { apiTableRefsOf, ddlEventsOf } from './ddl-events.js';
import { engineUpgradeOrderKey, releaseOrderKey, isMigrationFile, isMigrationPath, migrationVersion } from './migrations.js';
import { nameHistoryOf, type NameHistory } from './name-history.js';
import { withoutOrmMirrors, type OwnerDeclarations } from './orm-mirrors.js';
import { isTestFile } from './paths.js';
import { stubKindOf, withinService, type StubKind } from './schema-stubs.js';
import { soleDatabase } from './service-databases.js';
import { replayDdl, type DdlFile, type LoggedNames, type RetiredDeclaration } from './table-history.js';
import type { SchemaStub, Service, TableDeclaration } from './model.js';
import { NO_TOOL_MIGRATIONS, type ToolMigrations } from './tool-migrations.js';

/** What a file of an owner whose migrations rename or drop tables still sees of the declarations retired later. */
export interface FileHistory {
  creator?: Service;
  /** The file's position in its owner's replay. */
  index: number;
  retired: RetiredDeclaration[];
}

export interface DeclaredTablesInput {
  files: readonly FileFacts[];
  serviceOf: (path: string) => Service | undefined;
  /** The database `schemaFiles` assigns to a file. */
  fileDatabase: (path: string) => string | undefined;
  /** Names the config gives the owner: a drop or rename elsewhere does not retire them. */
  claimedBy: (owner: Service | undefined) => (name: string, database?: string) => boolean;
  /** What migration tools' plans, changelogs and configs say (tool-migrations.ts). */
  tools?: ToolMigrations;
}

export interface DeclaredTables {
  /** Declarations of SQL, entities and models outside every service. */
  orphans: TableDeclaration[];
  /** By file path. */
  history: Map<string, FileHistory>;
  /** What the up migrations rename and drop. */
  names: NameHistory;
  /** Stubs the services' tests, scripts and docs create of tables other services create, none of them in `createdTables`. */
  stubs: SchemaStub[];
  /**
   * What the services' tests, scripts and docs create of their own tables (copies of what their schema creates), and what
   * tests outside every service create for themselves alone (fixtures, no design of anyone's).
   */
  copies: TableDeclaration[];
}

/** Fills each service's `createdTables` and returns what lies outside services, with the replay's history. */
export function declareTables(input: DeclaredTablesInput): DeclaredTables {
  const orphans: TableDeclaration[] = [];
  const history = new Map<string, FileHistory>();
  const logged: LoggedNames[] = [];
  const owners: Array<OwnerDeclarations<Service | undefined>> = [];
  const stubFiles = new Map<string, StubKind>();
  const neverSynchronizes = unsynchronizedServices(input);
  // A table only tests create and nothing but tests names is their fixture (orm-mirrors.ts): asked of few tables, made once.
  let namedOutsideTests: Set<string> | undefined;
  const usedOutsideTests = (table: string) => (namedOutsideTests ??= tablesNamedOutsideTests(input)).has(table.toLowerCase());
  for (const [creator, list] of ddlFilesByOwner(input)) {
    if (creator)
      for (const file of list) {
        const kind = file.migration ? undefined : stubKindOf(file.path, creator);
        if (kind) stubFiles.set(file.path, kind);
      }
    const events = list.flatMap((f) => f.events);
    let declarations = events.flatMap((e) => (e.kind === 'create' ? [e.declaration] : []));
    // Without a rename or drop there is nothing to replay, and no name a later migration changes.
    if (events.some((e) => e.kind !== 'create')) {
      const replayed = replayDdl(list, input.claimedBy(creator));
      logged.push(...replayed.names);
      declarations = replayed.current;
      if (replayed.retired.length > 0)
        replayed.order.forEach((file, index) => history.set(file, { creator, index, retired: replayed.retired }));
    }
    const migrates = list.some((f) => f.migration && f.events.some((e) => e.kind === 'create' && e.declaration.via === 'migration'));
    const stub = (declaration: TableDeclaration) => stubFiles.has(declaration.file);
    const noSync = creator !== undefined && neverSynchronizes.has(creator);
    const createsNothing = (declaration: TableDeclaration) =>
      declaration.schemaSync === 'never' || (declaration.schemaSync === 'connection' && noSync);
    const mayMap = (declaration: TableDeclaration, other: Service | undefined) =>
      creator !== undefined &&
      other !== undefined &&
      (servicesShareDatabase(creator, other) || (declaration.database !== undefined && connectsTo(other, declaration.database)));
    const bundled = bundledDeclarations(input.files, list);
    const inTests = (declaration: TableDeclaration) =>
      creator
        ? stubFiles.get(declaration.file) === 'test'
        : !list.some((f) => f.path === declaration.file && f.migration) && isTestFile(declaration.file);
    owners.push({
      owner: creator,
      declarations,
      migrates,
      ormDeclares: creator !== undefined,
      stub,
      fixture: (declaration) => inTests(declaration) && !usedOutsideTests(declaration.table),
      createsNothing,
      mayMap,
      bundled: (declaration) => bundled(declaration),
    });
  }
  const stubs: SchemaStub[] = [];
  const copies: TableDeclaration[] = [];
  for (const [creator, tables] of withoutOrmMirrors(owners)) {
    if (creator) {
      creator.createdTables.push(...tables.declarations);
      copies.push(...tables.copies);
      for (const declaration of tables.stubs) stubs.push({ service: creator, declaration, kind: stubFiles.get(declaration.file)! });
    } else {
      orphans.push(...tables.declarations);
      // Tests outside every service (a library's): their fixtures are no design to judge either.
      copies.push(...tables.stubs);
    }
  }
  return { orphans, history, names: nameHistoryOf(logged), stubs, copies };
}

/**
 * The tables (lower-cased) that code outside tests names: the SQL and ORM references of every file but test code. A table
 * a service's tests create is their fixture only when nothing else names it (the service's code reading a table its
 * tests alone create keeps it: then the test's CREATE is the best evidence of the table there is).
 */
function tablesNamedOutsideTests({ files, serviceOf }: DeclaredTablesInput): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    const service = serviceOf(file.path);
    if (isTestFile(service ? withinService(file.path, service) : file.path)) continue;
    for (const analysis of [...(file.sql ? [file.sql] : []), ...(file.embeddedAnalyses ?? [])])
      for (const statement of analysis?.statements ?? []) for (const ref of statement.tableRefs) names.add(ref.name.toLowerCase());
    for (const ref of apiTableRefsOf(file, service)) names.add(ref.name.toLowerCase());
    for (const entity of file.script?.ormEntities ?? []) names.add(entity.table.toLowerCase());
    for (const model of file.prisma ?? []) names.add(model.table.toLowerCase());
  }
  return names;
}

/** A bundler's region of one source module (rolldown, rollup: `//#region ../../src/plans.ts` … `//#endregion`). */
const REGION = /^[ \t]*\/\/#(region|endregion)\b(.*)$/gm;
/** A region's module from outside the bundled package: its parent folders' code, or a dependency's. */
const FOREIGN_MODULE = /^(?:\.\.\/|node_modules\/)|\/node_modules\//;

/**
 * Whether a declaration lies in another package's code bundled into its file (FOREIGN_MODULE regions): the dashboard
 * that bundles its queue library holds the library's `CREATE TABLE` text, which the library runs, not the dashboard.
 */
function bundledDeclarations(files: readonly FileFacts[], list: readonly DdlFile[]): (declaration: TableDeclaration) => boolean {
  const regions = new Map<string, Array<[number, number]>>();
  const paths = new Set(list.map((f) => f.path));
  for (const file of files) {
    if (!paths.has(file.path) || !file.script || !file.text.includes('//#region')) continue;
    const lines: Array<[number, number]> = [];
    let open: number | undefined;
    for (const m of file.text.matchAll(REGION)) {
      const line = spanToRange(file.lineStarts, { start: m.index, end: m.index }).line;
      if (m[1] === 'region') open = FOREIGN_MODULE.test(m[2].trim()) ? line : undefined;
      else if (open !== undefined) {
        lines.push([open, line]);
        open = undefined;
      }
    }
    if (lines.length > 0) regions.set(file.path, lines);
  }
  if (regions.size === 0) return () => false;
  return (declaration) =>
    regions.get(declaration.file)?.some(([from, to]) => declaration.range.line > from && declaration.range.line < to) === true;
}

/**
 * Services whose TypeORM connections all leave schema sync off (`synchronize: false` or unset, TypeORM's
 * default), in code or in `ormconfig.json` / `.yml`: their entities create no table. A service with no connection options in sight keeps its
 * entities as creations (the connection may be built where the linter cannot read it).
 */
function unsynchronizedServices({ files, serviceOf }: DeclaredTablesInput): Set<Service> {
  const seen = new Map<Service, boolean>();
  const note = (path: string, synchronizes: boolean) => {
    const service = serviceOf(path);
    if (service) seen.set(service, (seen.get(service) ?? false) || synchronizes);
  };
  for (const file of files) {
    for (const connection of file.script?.ormConnections ?? []) note(file.path, connection.synchronizes);
    // TypeORM's own ormconfig.json / .yml (other libraries' connection files never create tables from entities).
    if (file.ormConfig && file.ormConfig.library === undefined)
      for (const synchronizes of file.ormConfig.schemaSync ?? []) note(file.path, synchronizes);
  }
  return new Set([...seen].filter(([, synchronizes]) => !synchronizes).map(([service]) => service));
}

/** DDL per owner; `undefined` collects the SQL outside every service. */
function ddlFilesByOwner({
  files,
  serviceOf,
  fileDatabase,
  tools = NO_TOOL_MIGRATIONS,
}: DeclaredTablesInput): Map<Service | undefined, DdlFile[]> {
  const ddlFiles = new Map<Service | undefined, DdlFile[]>();
  for (const file of files) {
    const service = serviceOf(file.path);
    const migration = isMigrationPath(file.path, service, tools);
    const { events, refersToTables } = ddlEventsOf(file, {
      migration,
      fileDatabase: fileDatabase(file.path),
      soleDatabase: (dialect) => soleDatabase(service, dialect),
      service,
    });
    // Files that only query belong to the replay too: a migration sees the names of its time.
    if (events.length === 0 && !refersToTables) continue;
    const list = ddlFiles.get(service) ?? [];
    // A Sqitch revert or verify script is read right after its change (the names it uses are that change's), never replayed.
    const change = tools.companions.get(file.path);
    const orderKey =
      change === undefined
        ? migration
          ? (tools.ordered.get(file.path) ?? engineUpgradeOrderKey(file.path) ?? releaseOrderKey(file.path))
          : undefined
        : `${change}#${file.path}`;
    // A set of migrations for one engine (`SQL/postgres/2011092800.sql`, `db/mysql/migrations/…`) is a sequence of its own.
    const sequence = migration ? migrationVersion(file.path)?.engine : undefined;
    list.push({
      path: file.path,
      migration: migration || change !== undefined,
      ...(sequence ? { sequence } : {}),
      logsNames: isMigrationFile(file, service, tools),
      events,
      ...(orderKey ? { orderKey } : {}),
      ...(tools.companions.has(file.path) ? { reverts: true } : {}),
    });
    ddlFiles.set(service, list);
  }
  return ddlFiles;
}
