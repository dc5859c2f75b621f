/**
 * Every table reference of a file, resolved: which table it names in the database the statement
 * runs in (`USE ops`, `SET search_path`), who performs the access (the file's service, or for DDL
 * outside services the owner of the table it declares or a trigger fires on), who owns the table, and — for ORM entity
 * and model uses — which definition the symbol means. The runner turns these into rule events;
 * `map` and `diff` read the cross-service ones as access edges. One resolution for both, so a
 * finding and an edge can never disagree about a table's owner.
 */
import { joinTableOfRelation } from './join-tables.js';
import type {
  FileFacts,
  OrmTableRef,
  Range,
  SqlAnalysis,
  SqlForeignKey,
  SqlStatement,
  SqlTableDef,
  SqlTableRef,
  Span,
  Dialect,
} from '../analysis/facts.js';
import { sqlLocator } from '../analysis/locate.js';
import { spanToRange } from '../analysis/text.js';
import { startsLikeSqlStatement } from '../analysis/typescript/sql-detect.js';
import { namespaceTracker } from './current-database.js';
import { apiTableRefsOf } from './ddl-events.js';
import { holeTableRefs } from './hole-tables.js';
import { importedKyselyInstance } from './kysely-instances.js';
import type { ProjectModel, Service, TableLookup, TableResolution } from './model.js';
import type { RunningService } from './importing-services.js';
import type { RoutineResolution } from './routines.js';
import { outsideFolder } from './paths.js';
import { isQueryFile, queryFileService } from './query-files.js';
import { namesTemporaryTable, temporaryTablesOf } from './temporary-tables.js';
import { scriptTablesOf } from './script-tables.js';

export type TableRefSource = 'sql-file' | 'embedded-sql' | 'orm';

export interface ResolvedReference {
  ref: SqlTableRef | OrmTableRef;
  source: TableRefSource;
  range: Range;
  resolution: TableResolution;
  /** The statement holding the reference (absent for ORM references). */
  statement?: SqlStatement;
  /** For references inside DDL (FK targets, view bodies, trigger bodies): the table or view being declared, or the trigger's table. */
  declaringTable?: { name: string; qualifier?: string };
  /** The service that performs the access: the file's service, or the declaring table's owner. */
  accessor?: Service;
  /** An unqualified name of SQL whose WITH list a hole of unknown value fills (EmbeddedSql.openCtes): maybe a CTE. */
  mayNameCte?: true;
  /** For a use of an ORM entity, model or table object: the symbol, its definition and the import that led there. */
  entity?: {
    symbol: string;
    definition: { file: string; range: Range; symbol: string };
    import?: { file: string; range: Range };
  };
}

export interface ResolvedForeignKey {
  table: SqlTableDef;
  foreignKey: SqlForeignKey;
  /** Resolution of the referenced table. */
  resolution: TableResolution;
  /** Owner of the declaring table (the file's service when it has one). */
  accessor?: Service;
  range: Range;
}

/** One SQL statement of a file with its references and foreign keys resolved. */
export interface ResolvedStatement {
  statement: SqlStatement;
  dialect: Dialect;
  embedded: boolean;
  /**
   * An expression built with an SQL tag (Drizzle's sql`now()`) or a query builder's fragment (`whereRaw('EXISTS (…)')`), not a
   * statement, or a piece of another statement's text (EmbeddedSql.spliced): its references count, its syntax is not a statement's.
   */
  fragment: boolean;
  locate: (span: Span) => Range;
  references: ResolvedReference[];
  /** Foreign keys of the tables the statement declares, but a stub's (schema-stubs.ts). */
  foreignKeys: ResolvedForeignKey[];
  /** Tables (lower-cased) the statement creates, alters or indexes as the file's stubs of another service's: no design of the file's service to judge. */
  stubs: ReadonlySet<string>;
  /** The stored procedures the statement calls (`CALL sp_x(…)`), each with its owner as the accessor sees it. */
  calls: ResolvedRoutineCall[];
}

/** A call of a stored routine, resolved: who calls it (the statement's accessor) and whose schema declares it. */
export interface ResolvedRoutineCall {
  call: { name: string; qualifier?: string };
  range: Range;
  accessor?: Service;
  resolution: RoutineResolution;
}

/** The statements of one SQL text of `file` (its own SQL, or the embedded SQL at `siteIndex`), resolved. */
export function resolveSqlAnalysis(
  model: ProjectModel,
  file: FileFacts,
  service: Service | undefined,
  analysis: SqlAnalysis,
  siteIndex?: number,
): ResolvedStatement[] {
  const site = siteIndex === undefined ? undefined : file.script?.embeddedSql[siteIndex];
  const locate = sqlLocator(file, site);
  const embedded = site !== undefined;
  const fragment =
    site?.via === 'fragment' || site?.spliced === true || (site?.via === 'tagged-template' && !startsLikeSqlStatement(site.text));
  // Bare names mean the database the script is in at each statement (`USE ops`, `SET search_path`).
  const namespaceAt = namespaceTracker(model.fileDatabase(file.path));
  const temporary = temporaryTablesOf(file);
  const scriptTables = scriptTablesOf(file);
  // A query file in a folder named after a service is that service's (query-files.ts).
  const namedService = service || embedded ? undefined : queryFileService(file, model.services);
  return analysis.statements.map((statement) => {
    const context = namespaceAt(statement);
    // A reference whose SQL names its own database (a pg_cron job's schedule_in_database) means the table there.
    const inContext = (table: { name: string; qualifier?: string; database?: string }): TableLookup => {
      const where = table.database ?? context;
      return where ? { name: table.name, qualifier: table.qualifier, context: where } : table;
    };
    // A trigger's body runs as part of its table's writes: it acts for the table's owner.
    const declaringTable = statement.tables[0] ?? statement.views[0] ?? statement.trigger;
    const declaringOwner = declaringTable ? ownerOf(model, inContext(declaringTable), service, file.path) : undefined;
    const accessor = service ?? declaringOwner ?? namedService;
    // Names built from holes whose values are known (a conditional's branches, an imported constant) are references too.
    const holeRefs = site ? holeTableRefs(model, file, site, statement) : [];
    const written =
      holeRefs.length > 0 ? [...statement.tableRefs, ...holeRefs].sort((a, b) => a.span.start - b.span.start) : statement.tableRefs;
    // A session's temporary table is no schema table: nobody owns it, nobody else can reach it.
    const tableRefs = temporary.size > 0 ? written.filter((ref) => !namesTemporaryTable(ref, temporary)) : written;
    const references = tableRefs.map((ref): ResolvedReference => {
      let resolution = model.resolveTable(inContext(ref), accessor, file.path);
      // A table the script itself made, or drops, at this point of its run (a rebuild's copy, a down's recreated table).
      if (resolution.kind === 'unknown' && accessor && scriptTables(siteIndex, ref))
        resolution = { kind: 'owned', owner: accessor, via: 'created' };
      return {
        ref,
        source: embedded ? 'embedded-sql' : 'sql-file',
        range: locate(ref.span),
        statement,
        declaringTable,
        accessor,
        resolution,
        ...(site?.openCtes && ref.qualifier === undefined ? { mayNameCte: true as const } : {}),
      };
    });
    // (Outside every service too: a library's tests create fixtures of their own, schema-stubs.ts.)
    const stubs = new Set(
      [...statement.tables.map((t) => t.name), ...statement.indexes.map((i) => i.table)]
        .filter((name) => model.isSchemaStub(file.path, name))
        .map((name) => name.toLowerCase()),
    );
    const foreignKeys = statement.tables.flatMap((table) => {
      if (stubs.has(table.name.toLowerCase())) return [];
      const owner = service ?? ownerOf(model, inContext(table), undefined, file.path);
      // A copy of another service's table (its DDL bundled into this file): the foreign key is that service's design.
      if (service && table.kind === 'create' && table.foreignKeys.length > 0) {
        const tableOwner = table === declaringTable ? declaringOwner : ownerOf(model, inContext(table), service, file.path);
        if (tableOwner !== undefined && tableOwner !== service) return [];
      }
      return table.foreignKeys.map((foreignKey): ResolvedForeignKey => ({
        table,
        foreignKey,
        resolution: model.resolveTable(inContext(foreignKey.references), owner, file.path),
        accessor: owner,
        range: locate(foreignKey.references.span),
      }));
    });
    const calls = (statement.calls ?? []).map((call): ResolvedRoutineCall => ({
      call,
      range: locate(call.span),
      accessor,
      resolution: model.resolveRoutine(call, accessor),
    }));
    return { statement, dialect: analysis.dialect, embedded, fragment, locate, references, foreignKeys, stubs, calls };
  });
}

/** The ORM references of a script (query builders, repositories, delegates) and its entity / model uses, resolved. */
export function resolveOrmReferences(model: ProjectModel, file: FileFacts, service: Service | undefined): ResolvedReference[] {
  const script = file.script;
  const apiRefs = apiTableRefsOf(file, service);
  if (!script && apiRefs.length === 0) return [];
  const range = (span: Span) => spanToRange(file.lineStarts, span);
  // A session's temporary table the file's SQL creates (`tx.raw('CREATE TEMP TABLE t … ON COMMIT DROP')`) is no schema table for its builder calls either.
  const temporary = temporaryTablesOf(file);
  const refs = apiRefs.flatMap((ref): OrmTableRef[] => {
    if (namesTemporaryTable(ref, temporary)) return [];
    if (!ref.instance) return [ref];
    // A query builder imported from another module: its `new Kysely(…)` names the database; an
    // import nothing shows to be a Kysely instance is no query builder at all.
    const instance = importedKyselyInstance(model, file, ref.instance.origin);
    if (!instance) return ref.instance.unconfirmed ? [] : [ref];
    return [instance.database && !ref.database ? { ...ref, database: instance.database } : ref];
  });
  const out: ResolvedReference[] = refs.map((ref) => ({
    ref,
    source: 'orm',
    range: range(ref.fileSpan),
    accessor: service,
    // A connection that names its database means the table there first, as after `USE db`.
    resolution: model.resolveTable(
      ref.database ? { name: ref.name, qualifier: ref.qualifier, context: ref.database } : ref,
      service,
      file.path,
    ),
    ...(ref.declaringTable ? { declaringTable: ref.declaringTable } : {}),
  }));
  for (const use of script?.ormEntityUses ?? []) {
    const found = model.resolveEntityUse(file, use);
    if (!found) continue;
    const { definition } = found;
    const { declaringClass, joinProperty } = use;
    const entityTable = declaringClass === undefined ? undefined : entityTableOf(file, declaringClass);
    // A many-to-many relation's foreign keys are its join table's, not the declaring entity's table's.
    const declaringTable =
      entityTable && declaringClass !== undefined && joinProperty !== undefined
        ? joinTableOfRelation(file, declaringClass, joinProperty, entityTable, found.ref.name)
        : entityTable;
    out.push({
      ref: found.ref,
      source: 'orm',
      range: range(use.fileSpan),
      accessor: service,
      resolution: found.resolution,
      entity: {
        symbol: use.symbol,
        definition: { file: definition.file, range: definition.range, symbol: definition.symbol },
        ...(found.import ? { import: { file: found.import.file, range: found.import.range } } : {}),
      },
      ...(declaringTable ? { declaringTable } : {}),
    });
  }
  return out;
}

/**
 * The table of the entity class `symbol` the file declares: a relation decorator's foreign key is a foreign key of it
 * (`@ManyToOne(() => Customer)` on a member of `Wallet`, compiled or written, is one of wallet's).
 */
function entityTableOf(file: FileFacts, symbol: string): { name: string; qualifier?: string } | undefined {
  const entity = file.script?.ormEntities.find((e) => e.symbol === symbol && !e.view);
  return entity ? { name: entity.table, ...(entity.qualifier === undefined ? {} : { qualifier: entity.qualifier }) } : undefined;
}

/**
 * The owners an access of a resolved table crosses to: the owner, unless it is the accessor; each of several owners
 * when the accessor is none of them (no-cross-service-query's `…OfSeveral` findings, one finding on an edge to each).
 */
function accessesOf(
  resolution: Extract<TableResolution, { kind: 'owned' | 'ambiguous' }>,
  accessor: Service | undefined,
): Array<{ owner: Service; ofSeveral?: true }> {
  if (resolution.kind === 'owned') return resolution.owner === accessor ? [] : [{ owner: resolution.owner }];
  if (resolution.owners.some((o) => o.service === accessor)) return [];
  const owners = [...new Set(resolution.owners.map((o) => o.service))];
  return owners.length === 1 ? [{ owner: owners[0] }] : owners.map((owner) => ({ owner, ofSeveral: true as const }));
}

/** A service that runs code outside every service and, from its side, reaches a table another service owns. */
export interface CrossingRunner extends RunningService {
  /** The table as the running service resolves it: another service's, or several others' none of them it. */
  resolution: Extract<TableResolution, { kind: 'owned' | 'ambiguous' }>;
}

/**
 * How a table reference in code outside every service is performed. Code that services import (a
 * shared package's helper) runs on each importing service's connection: `running` lists them, and
 * `crossing` those for which the table, resolved from their side, is another service's (a shared
 * `outbox` writer every importer has its own `outbox` for crosses nowhere). Code no service
 * imports (a reporting app, a script) runs as itself: `running` is empty and the folder is the accessor.
 */
export function outsideAccess(
  model: ProjectModel,
  ref: { name: string; qualifier?: string },
  path: string,
): { running: readonly RunningService[]; crossing: CrossingRunner[] } {
  const running = model.servicesImporting(path);
  const crossing: CrossingRunner[] = [];
  for (const runner of running) {
    const resolution = model.resolveTable({ name: ref.name, qualifier: ref.qualifier }, runner.service, path);
    if (resolution.kind === 'owned' && resolution.owner !== runner.service) crossing.push({ ...runner, resolution });
    else if (resolution.kind === 'ambiguous' && !resolution.owners.some((o) => o.service === runner.service))
      crossing.push({ ...runner, resolution });
  }
  return { running, crossing };
}

/**
 * The folder naming code outside every service: its nearest package (`packages/backends/backend`, a folder with a
 * package.json), else the leading folders of its path (`outsideFolder`: `reporting/dashboard`, `scripts`).
 */
export function outsideAccessor(model: ProjectModel, path: string): string | undefined {
  return model.outsidePackageOf(path)?.folder ?? outsideFolder(path);
}

/**
 * Whether code outside every service that reaches a table is the table's owners' own code: it lies in a package that
 * every service owning the table depends on, and no other service does — the SQL library the owners extend (the engine
 * backends' shared `SQLBackend`, each backend creating its own `sidequest_jobs`), a data-access package of one service.
 * A package some other service depends on, or one not every owner depends on, stays code of its own (its folder).
 */
export function isOwnersLibrary(model: ProjectModel, resolution: TableResolution, path: string): boolean {
  if (resolution.kind !== 'owned' && resolution.kind !== 'ambiguous') return false;
  const dependents = model.outsidePackageOf(path)?.dependents ?? [];
  if (dependents.length === 0) return false;
  const owners = new Set(resolution.kind === 'owned' ? [resolution.owner] : resolution.owners.map((o) => o.service));
  return dependents.length === owners.size && dependents.every((service) => owners.has(service));
}

function ownerOf(model: ProjectModel, table: TableLookup, from: Service | undefined, inFile: string): Service | undefined {
  const resolution = model.resolveTable(table, from, inFile);
  return resolution.kind === 'owned' ? resolution.owner : undefined;
}

/**
 * A query reads or writes the owner's table, a grant hands out privileges on it (GRANT / REVOKE:
 * access given to someone, often the granting service's own user, not taken), a foreign key ties
 * a table to it.
 */
export type AccessKind = 'query' | 'grant' | 'foreign-key';

/** One access of a table owned by another service than the one performing it. */
export interface TableAccess {
  /** The service performing the access; absent for code outside every service, which `folder` names. */
  accessor?: Service;
  /** For code outside every service: the folder holding it (`packages/common`, `scripts`). */
  folder?: string;
  /** The table as written: bare name and qualifier. */
  table: string;
  qualifier?: string;
  owner: Service;
  kind: AccessKind;
  file: string;
  range: Range;
  /**
   * The table has several owners, none of them the accessor (a table every engine backend creates, read from code of
   * none of them): one access per owner, all of the one reference and its one finding.
   */
  ofSeveral?: true;
}

/**
 * Every access of a table owned by another service, in every file of the project: references
 * (queries, grants) and foreign keys whose table has a single owner that is not the accessor.
 * Code outside every service accesses as its folder; its SQL files act for the owner of what they
 * declare, except query files (query-files.ts), which access as their folder too. Table creation and `REFERENCES` clauses are declarations, not accesses.
 */
export function crossServiceAccesses(model: ProjectModel): TableAccess[] {
  const out: TableAccess[] = [];
  for (const file of model.files) {
    const service = model.serviceOf(file.path);
    const folder = service ? undefined : outsideAccessor(model, file.path);
    const queryFile = folder !== undefined && isQueryFile(file);
    const addReference = (r: ResolvedReference) => {
      const { ref, resolution } = r;
      // A foreign key a migration builder declares is one like a SQL `REFERENCES`, of the table it declares.
      if (ref.action === 'references' && r.source === 'orm' && r.declaringTable && r.accessor && resolution.kind === 'owned') {
        if (resolution.owner !== r.accessor) {
          const { owner } = resolution;
          out.push({
            accessor: r.accessor,
            table: ref.name,
            qualifier: ref.qualifier,
            owner,
            kind: 'foreign-key',
            file: file.path,
            range: r.range,
          });
        }
        return;
      }
      if (ref.action === 'create' || ref.action === 'references') return;
      // Code outside every service that services import runs as each of them (see outsideAccess).
      if (!r.accessor && folder && r.source !== 'sql-file' && ref.action !== 'grant') {
        const { running, crossing } = outsideAccess(model, ref, file.path);
        if (running.length > 0) {
          for (const runner of crossing)
            for (const access of accessesOf(runner.resolution, runner.service))
              out.push({
                ...access,
                accessor: runner.service,
                table: ref.name,
                qualifier: ref.qualifier,
                kind: 'query',
                file: file.path,
                range: r.range,
              });
          return;
        }
      }
      if (resolution.kind !== 'owned' && resolution.kind !== 'ambiguous') return;
      const kind: AccessKind = ref.action === 'grant' ? 'grant' : 'query';
      const base = { table: ref.name, qualifier: ref.qualifier, kind, file: file.path, range: r.range };
      if (r.accessor) {
        for (const access of accessesOf(resolution, r.accessor)) out.push({ ...base, ...access, accessor: r.accessor });
      } else if (folder && (r.source !== 'sql-file' || queryFile) && kind !== 'grant' && !isOwnersLibrary(model, resolution, file.path)) {
        for (const access of accessesOf(resolution, undefined)) out.push({ ...base, ...access, folder });
      }
    };
    const addStatements = (statements: readonly ResolvedStatement[]) => {
      for (const { references, foreignKeys } of statements) {
        references.forEach(addReference);
        for (const { foreignKey, resolution, accessor, range } of foreignKeys) {
          if (!accessor || resolution.kind !== 'owned' || resolution.owner === accessor) continue;
          const { name, qualifier } = foreignKey.references;
          out.push({ accessor, table: name, qualifier, owner: resolution.owner, kind: 'foreign-key', file: file.path, range });
        }
      }
    };
    if (file.sql) addStatements(resolveSqlAnalysis(model, file, service, file.sql));
    file.embeddedAnalyses?.forEach((analysis, index) => {
      if (analysis) addStatements(resolveSqlAnalysis(model, file, service, analysis, index));
    });
    resolveOrmReferences(model, file, service).forEach(addReference);
  }
  return out;
}
