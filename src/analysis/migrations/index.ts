/**
 * Schema code in the languages the linter does not parse as scripts (the files src/discovery/schema-code.ts lists):
 * one reader per framework, each reading its file by tokens (never run) into the tables it creates, renames, drops
 * and references, as `OrmTableRef`s at the names' text (without quotes), in `FileFacts.schemaChanges` (as a
 * Liquibase changelog's are): the model reads them as it reads a migration builder's calls. A reader takes a file by
 * its path and a cheap look at its text; the first that takes it reads it.
 */
import type { DjangoMigrationLinks, EmbeddedSql, OrmTableRef, TableCopies } from '../facts.js';
import { mayDeclarePythonTables, readPythonSchema } from '../python-schema.js';
import { isEfCoreMigrationFile, parseEfCoreMigration } from './efcore.js';
import { isLaravelMigration, parseLaravelMigration } from './laravel.js';
import { isRailsSchemaFile, parseRailsSchema } from './rails.js';
import { mayBeDjangoMigration, parseDjangoMigration } from '../django-migrations.js';
import { mayDeclareDjangoModels, parseDjangoModels } from '../django-models.js';

/**
 * What a file of schema code yields: its table references, the SQL it runs (a Django migration's `RunSQL`), and the
 * families of copies it creates of the tables it loops over (an Alembic revision's `'shadow_' + table_name`).
 */
export interface SchemaCode {
  tables: OrmTableRef[];
  sql: EmbeddedSql[];
  copies?: TableCopies[];
  /** A Django migration's place in its app's history. */
  django?: DjangoMigrationLinks;
}

export interface SchemaCodeReader {
  /** The `library` of the references it yields. */
  readonly libraries: readonly string[];
  /** Whether the file is this reader's: its path (extension, folder) and, cheaply, its text. */
  accepts(path: string, text: string): boolean;
  /** The file's table references, in source order (and the SQL it runs, when it runs any); never throws. */
  read(text: string, path: string): OrmTableRef[] | SchemaCode;
}

const READERS: readonly SchemaCodeReader[] = [
  // Django migrations (before SQLAlchemy's reader: a migration may name `Table(`): operations and RunSQL.
  { libraries: ['django'], accepts: mayBeDjangoMigration, read: (text, path) => parseDjangoMigration(path, text) },
  // Django models (`<app>/models.py`, `<app>/models/*.py`) of a project that commits no migrations for the app.
  { libraries: ['django-models'], accepts: mayDeclareDjangoModels, read: (text, path) => parseDjangoModels(path, text) },
  // Alembic revisions (their op.execute SQL too), SQLAlchemy models and tables, SQLModel table classes.
  { libraries: ['alembic', 'sqlalchemy', 'sqlmodel'], accepts: mayDeclarePythonTables, read: (text) => readPythonSchema(text) },
  // Rails: Active Record migrations and db/schema.rb (src/analysis/migrations/rails.ts).
  { libraries: ['activerecord'], accepts: isRailsSchemaFile, read: parseRailsSchema },
  // Laravel: database/migrations/*.php (src/analysis/migrations/laravel.ts).
  { libraries: ['laravel'], accepts: isLaravelMigration, read: parseLaravelMigration },
  // EF Core: Migrations/*.cs and the model snapshot (src/analysis/migrations/efcore.ts).
  { libraries: ['efcore'], accepts: isEfCoreMigrationFile, read: parseEfCoreMigration },
];

/** The table references (and SQL) of a file of schema code; undefined when no reader takes it. */
export function readSchemaCode(path: string, text: string): SchemaCode | undefined {
  const reader = READERS.find((candidate) => candidate.accepts(path, text));
  if (!reader) return undefined;
  const read = reader.read(text, path);
  return Array.isArray(read) ? { tables: read, sql: [] } : read;
}
