/**
 * The table-history events of one file, in source order: tables its SQL creates, renames and
 * drops (`.sql` files and embedded SQL such as `queryRunner.query('CREATE TABLE …')`), tables ORM
 * schema APIs create, rename and drop (knex `schema.createTable`, TypeORM
 * `queryRunner.createTable`, Sequelize `queryInterface.dropTable`), and tables ORM definitions
 * declare (entities, models, Drizzle tables, Prisma models); and the columns, indexes and
 * constraints its SQL renames and drops. DDL inside a code migration's `down` function reverts
 * its `up` half and is left out.
 */
import type { Dialect, FileFacts, OrmTableRef, Range, SqlAnalysis, SqlNameChange } from '../analysis/facts.js';
import { sqlLocator } from '../analysis/locate.js';
import { DJANGO_MODELS, djangoModelsAppFolder } from '../analysis/django-models.js';
import { spanToRange } from '../analysis/text.js';
import type { Service, TableDeclaration } from './model.js';
import { mapTableRefs } from './identifier-case.js';
import { droppedTables, type DdlEvent, type NameChange } from './table-history.js';
import { isSchemaTable, ownQualifier, qualifiedName } from './table-names.js';
import { namespaceTracker } from './current-database.js';

export interface DdlContext {
  /** The file is a migration of its service: DDL there is declared `via: 'migration'`. */
  migration: boolean;
  /** The database a `schemaFiles` entry gives the file. */
  fileDatabase?: string;
  /** The database the service's DDL of `dialect` lives in, when only one candidate exists. */
  soleDatabase(dialect?: Dialect): string | undefined;
  /** The file's service: its query builder's identifier mapper names the tables (identifier-case.ts). */
  service?: Service;
}

export interface FileDdl {
  events: DdlEvent[];
  /** The file holds SQL or ORM table references: it takes part in the replay even without DDL (it sees the names of its time). */
  refersToTables: boolean;
}

/**
 * The tables a file names through an API rather than SQL text: its code's ORM and query-builder
 * calls, and a schema file's declarative changes (a Liquibase changelog's), read alike.
 */
export function apiTableRefsOf(file: FileFacts, service?: Service): readonly OrmTableRef[] {
  if (!file.schemaChanges || supersededByMigrations(file, service)) return mapTableRefs(file.script?.ormRefs ?? [], service);
  return file.script ? [...mapTableRefs(file.script.ormRefs, service), ...file.schemaChanges] : file.schemaChanges;
}

/**
 * A Django app's models module where the app commits migrations: the migrations declare its tables (and their
 * foreign keys) in the order they came, so the models, which say the same of the last one, add nothing to count twice.
 */
function supersededByMigrations(file: FileFacts, service: Service | undefined): boolean {
  if (!service?.migratedDjangoApps || file.schemaChanges?.[0]?.library !== DJANGO_MODELS) return false;
  const app = djangoModelsAppFolder(file.path);
  return app !== undefined && service.migratedDjangoApps.includes(app);
}

export function ddlEventsOf(file: FileFacts, context: DdlContext): FileDdl {
  const via: TableDeclaration['via'] = context.migration ? 'migration' : 'schema';
  // `within` orders the events of one statement (or of one call's embedded SQL) by their own place.
  const positioned: Array<{ at: number; within?: number; event: DdlEvent }> = [];
  const range = (span: { start: number; end: number }): Range => spanToRange(file.lineStarts, span);

  const analyses: Array<{ analysis: SqlAnalysis; locate: (span: { start: number; end: number }) => Range; at: number }> = file.sql
    ? [{ analysis: file.sql, locate: sqlLocator(file), at: 0 }]
    : (file.embeddedAnalyses ?? []).map((analysis, i) => {
        const site = file.script?.embeddedSql[i];
        return { analysis, locate: sqlLocator(file, site), at: site?.fileSpan.start ?? 0 };
      });
  for (const { analysis, locate, at } of analyses) {
    const namespaceAt = namespaceTracker(context.fileDatabase);
    for (const statement of analysis.statements) {
      // Embedded SQL sits at its call; a .sql file's statements at their own offsets.
      const position = file.sql ? statement.span.start : at;
      const push = (event: DdlEvent, within: number) => positioned.push({ at: position, within, event });
      const current = namespaceAt(statement);
      // Views are declared like tables: their owner is the accessor of the tables they read.
      const created = [...statement.tables.filter((t) => t.kind === 'create' && isSchemaTable(t)), ...statement.views];
      for (const table of created) {
        push(
          {
            kind: 'create',
            declaration: {
              table: table.name,
              database: ownQualifier(table.qualifier) ?? current ?? context.soleDatabase(analysis.dialect),
              file: file.path,
              range: locate(table.span),
              via,
            },
          },
          table.span.start,
        );
      }
      for (const ref of droppedTables(statement))
        push({ kind: 'drop', table: ref.name, database: ownQualifier(ref.qualifier) ?? current }, ref.span.start);
      for (const change of statement.nameChanges ?? []) {
        const named = nameChangeOf(change);
        if (named) push({ kind: 'name', change: named }, change.span.start);
      }
      for (const table of statement.tables) {
        if (!table.renamedTo) continue;
        push(
          {
            kind: 'rename',
            from: table.name,
            to: table.renamedTo.name,
            fromDatabase: ownQualifier(table.qualifier) ?? current,
            toDatabase: ownQualifier(table.renamedTo.qualifier) ?? ownQualifier(table.qualifier),
            contextDatabase: current ?? context.soleDatabase(analysis.dialect),
            renamedFrom: qualifiedName(table),
            file: file.path,
            range: locate(table.renamedTo.span),
            via,
          },
          table.renamedTo.span.start,
        );
      }
    }
  }

  const script = file.script;
  const apiRefs = apiTableRefsOf(file, context.service);
  for (const ref of apiRefs) {
    const push = (event: DdlEvent) => positioned.push({ at: ref.fileSpan.start, event });
    const database = ownQualifier(ref.qualifier);
    if (ref.action === 'create') {
      push({
        kind: 'create',
        declaration: {
          table: ref.name,
          database: database ?? context.soleDatabase(),
          file: file.path,
          range: range(ref.fileSpan),
          via,
        },
      });
    } else if (ref.action === 'drop') {
      push({ kind: 'drop', table: ref.name, database });
    } else if (ref.renamedTo) {
      push({
        kind: 'rename',
        from: ref.name,
        to: ref.renamedTo.name,
        fromDatabase: database,
        toDatabase: ownQualifier(ref.renamedTo.qualifier) ?? database,
        contextDatabase: context.soleDatabase(),
        renamedFrom: qualifiedName(ref),
        file: file.path,
        range: range(ref.renamedTo.fileSpan),
        via,
      });
    }
  }
  // Copies of the tables a migration loops over (Nova's shadow tables): taken once the revision's own tables exist, as
  // its helper reflects the database from its upgrade() (after the tables it creates), so after every other event.
  for (const copies of file.tableCopies ?? [])
    positioned.push({
      at: Number.MAX_SAFE_INTEGER,
      within: copies.fileSpan.start,
      event: { kind: 'copyEach', prefix: copies.prefix, suffix: copies.suffix, file: file.path, range: range(copies.fileSpan), via },
    });
  for (const entity of script?.ormEntities ?? []) {
    if (entity.mapsOnly) continue;
    positioned.push({
      at: entity.fileSpan.start,
      event: {
        kind: 'create',
        declaration: {
          table: entity.table,
          database: ownQualifier(entity.qualifier) ?? context.soleDatabase(),
          file: file.path,
          range: range(entity.fileSpan),
          via: 'orm',
          ...(entity.library === 'typeorm' ? { schemaSync: entity.unsynchronized ? ('never' as const) : ('connection' as const) } : {}),
        },
      },
    });
  }
  for (const model of file.prisma ?? []) {
    positioned.push({
      at: model.span.start,
      event: {
        kind: 'create',
        declaration: {
          table: model.table,
          database: ownQualifier(model.schema) ?? context.soleDatabase(),
          file: file.path,
          range: range(model.span),
          via: 'prisma',
        },
      },
    });
  }

  const down = script?.migrationDown ?? [];
  const reverting = (at: number) => down.some((span) => span.start <= at && at < span.end);
  const events = positioned
    .filter((p) => !reverting(p.at))
    .sort((a, b) => a.at - b.at || (a.within ?? 0) - (b.within ?? 0))
    .map((p) => p.event);
  return { events, refersToTables: analyses.length > 0 || apiRefs.length > 0 };
}

/** A column's or constraint's change names its table (it comes from `ALTER TABLE t …`); an index's may not. */
export function nameChangeOf({ object, table, name, to }: SqlNameChange): Exclude<NameChange, { object: 'table' }> | undefined {
  const renamed = to === undefined ? {} : { to };
  if (object === 'index') return { object, ...(table === undefined ? {} : { table }), name, ...renamed };
  return table === undefined ? undefined : { object, table, name, ...renamed };
}
