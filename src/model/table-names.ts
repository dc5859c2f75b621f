import type { TableAction } from '../analysis/facts.js';

/** Schema qualifiers that mean "the default namespace", i.e. no database at all. */
export const DEFAULT_SCHEMAS = new Set(['public', 'dbo']);

/** A qualifier that names a database, i.e. not the default schema. */
export const ownQualifier = (qualifier: string | undefined) =>
  qualifier && !DEFAULT_SCHEMAS.has(qualifier.toLowerCase()) ? qualifier : undefined;

/** `db.table` or `table`, as a user would write it. */
export function qualifiedName(ref: { name: string; qualifier?: string }): string {
  return ref.qualifier ? `${ref.qualifier}.${ref.name}` : ref.name;
}

/** The verb for a table access in messages: reads, writes, deletes from, alters… */
export function accessVerb(action: TableAction): string {
  switch (action) {
    case 'select':
      return 'reads';
    case 'insert':
      return 'inserts into';
    case 'update':
      return 'updates';
    case 'delete':
      return 'deletes from';
    case 'alter':
      return 'alters';
    case 'drop':
      return 'drops';
    case 'truncate':
      return 'truncates';
    default:
      return 'uses';
  }
}

/** Schemas of the database engine itself: never owned by a service, never unknown. */
const SYSTEM_SCHEMAS = new Set(['information_schema', 'pg_catalog', 'mysql', 'performance_schema', 'sys', 'pg_temp']);

/** SQLite's own tables (SQLite reserves every `sqlite_` name): AUTOINCREMENT's counters, the schema, ANALYZE's statistics. */
const SQLITE_TABLES = new Set([
  'sqlite_sequence',
  'sqlite_master',
  'sqlite_schema',
  'sqlite_temp_master',
  'sqlite_temp_schema',
  'sqlite_stat1',
  'sqlite_stat2',
  'sqlite_stat3',
  'sqlite_stat4',
  'sqlite_dbpage',
  'sqlite_stmt',
]);

/**
 * Oracle's data dictionary views, after their `USER_` (the schema's own), `ALL_` (what it may read), `DBA_` and `CDB_`
 * (the whole database) prefixes: exact names, so an application's `user_jobs` or `all_orders` is still a table to judge.
 */
const ORACLE_DICTIONARY_VIEWS = new Set([
  'tables',
  'tab_columns',
  'tab_cols',
  'tab_comments',
  'col_comments',
  'objects',
  'indexes',
  'ind_columns',
  'constraints',
  'cons_columns',
  'sequences',
  'views',
  'mviews',
  'synonyms',
  'triggers',
  'source',
  'procedures',
  'arguments',
  'dependencies',
  'tab_privs',
  'col_privs',
  'role_privs',
  'sys_privs',
  'segments',
  'extents',
  'tablespaces',
  'ts_quotas',
  'data_files',
  'free_space',
  'tab_partitions',
  'part_tables',
  'tab_statistics',
  'tab_modifications',
  'scheduler_jobs',
  'db_links',
  'directories',
  'recyclebin',
  'users',
]);
const ORACLE_DICTIONARY_PREFIX = /^(?:user|all|dba|cdb)_/;

/** Oracle's dictionary: `user_tables`, `all_tab_columns`, `dba_objects`, and the dynamic performance views (`v$session`, `gv$sql`). */
function isOracleDictionary(name: string): boolean {
  if (/^g?v_?\$/.test(name)) return true;
  const prefix = ORACLE_DICTIONARY_PREFIX.exec(name);
  return prefix !== null && ORACLE_DICTIONARY_VIEWS.has(name.slice(prefix[0].length));
}

/**
 * SQLite's PRAGMA table-valued functions (`pragma_table_info('t')`, `pragma_index_list`), which a FROM may name
 * without parentheses (`SELECT 1 FROM pragma_function_list WHERE name = 'st_aswkb'`).
 */
const SQLITE_PRAGMA_FUNCTION = /^pragma_[a-z_]+$/;

export function isSystemTable(ref: { name: string; qualifier?: string }): boolean {
  const name = ref.name.toLowerCase();
  if (ref.qualifier && SYSTEM_SCHEMAS.has(ref.qualifier.toLowerCase())) return true;
  return (
    name === 'dual' ||
    name.startsWith('pg_') ||
    name === 'information_schema' ||
    SQLITE_TABLES.has(name) ||
    SQLITE_PRAGMA_FUNCTION.test(name) ||
    isOracleDictionary(name)
  );
}

/**
 * Tables a database platform or extension creates in its own schema, which a repository's SQL
 * references (`REFERENCES auth.users`, `storage.objects` policies, `cron.schedule`) but never
 * creates: Supabase's auth, storage and realtime schemas, pg_cron, Supabase Vault, pg_net. Exact
 * qualified names, so a service creating its own `auth.accounts` (or its own `auth.users`) is
 * still judged as any table.
 */
const PLATFORM_TABLES = new Set([
  'auth.users',
  'auth.identities',
  'auth.sessions',
  'auth.refresh_tokens',
  'auth.audit_log_entries',
  'auth.mfa_factors',
  'storage.objects',
  'storage.buckets',
  'realtime.messages',
  'realtime.subscription',
  'cron.job',
  'cron.job_run_details',
  'vault.secrets',
  'vault.decrypted_secrets',
  'net.http_request_queue',
  'net._http_response',
]);

export function isPlatformTable(ref: { name: string; qualifier?: string }): boolean {
  return ref.qualifier !== undefined && PLATFORM_TABLES.has(`${ref.qualifier}.${ref.name}`.toLowerCase());
}

/**
 * Bookkeeping tables that migration tools create and own themselves (knex, Flyway, Liquibase,
 * Prisma, Sequelize, TypeORM, MikroORM, Drizzle, node-pg-migrate, goose, dbmate / golang-migrate
 * / Rails, Laravel, EF Core): no service's migrations declare them, yet code may read them.
 */
const TOOL_TABLES = new Set([
  'knex_migrations',
  'knex_migrations_lock',
  'flyway_schema_history',
  'schema_version',
  'databasechangelog',
  'databasechangeloglock',
  '_prisma_migrations',
  'sequelizemeta',
  'sequelizedata',
  'typeorm_metadata',
  'migrations',
  'mikro_orm_migrations',
  '__drizzle_migrations',
  'pgmigrations',
  'goose_db_version',
  'schema_migrations',
  'ar_internal_metadata',
  // EF Core's default history table (`dotnet ef migrations script` creates it: `CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory"`).
  '__efmigrationshistory',
]);

/**
 * Whether `ref` is a migration tool's bookkeeping table: TOOL_TABLES, or Alembic's `alembic_version`, also under the
 * `version_table` a project sets (`alembic_version_taas`, networking-l2gw's `l2gw_alembic_version`; HELDOUT12 #6).
 */
export function isMigrationToolTable(ref: { name: string }): boolean {
  const name = ref.name.toLowerCase();
  return TOOL_TABLES.has(name) || name === 'alembic_version' || name.startsWith('alembic_version_') || name.endsWith('_alembic_version');
}

/**
 * A table of the schema its SQL belongs to: not a session's temporary table, and not a migration
 * tool's bookkeeping table — the tool's own schema, which a hand-rolled runner creates
 * (`CREATE TABLE IF NOT EXISTS schema_migrations …`) and a dump repeats. Only these are declared,
 * learned from and held to the naming standard.
 */
export function isSchemaTable(table: { name: string; temporary?: boolean }): boolean {
  return !table.temporary && !isMigrationToolTable(table);
}
