import type { Dialect, UnparsedEngine } from './facts.js';

/**
 * Database engines' names as a path spells them (`SQL/postgres/…`, `db_ido_pgsql/`, `schema.sqlite3.sql`,
 * `db/cockroachdb/`, `gmysqlbackend/`), in one table for every reader of a path: the engine a file's path names
 * (`pathEngine` in dialect.ts), a SQL file's dialect when its service says none (`sqlFileDialect`), a migration set kept
 * per engine (`migrationVersion`'s engine folder and Roundcube's upgrade scripts, src/model/migrations.ts) and the
 * copies of one design kept per engine (src/engine/design-copies.ts). A version may follow a name (`sqlite3`,
 * `mysql8`, `postgres15`). `engine` is what the name's SQL is read as; an engine without one here (IBM Db2) is still
 * an engine's name, deciding no dialect.
 */
const ENGINE_NAMES: ReadonlyArray<{ engine: Dialect | UnparsedEngine | undefined; names: readonly string[] }> = [
  {
    engine: 'postgresql',
    // CockroachDB (`crdb`) and YugabyteDB speak PostgreSQL's SQL (src/model/cockroach-evidence.ts); TimescaleDB is a
    // PostgreSQL extension; Neon is hosted PostgreSQL (`drizzle/neon/` beside `drizzle/sqlite/`).
    names: [
      'postgres',
      'postgresql',
      'postgresdb',
      'pgsql',
      'pg',
      'psql',
      'timescale',
      'timescaledb',
      'cockroach',
      'cockroachdb',
      'crdb',
      'yugabyte',
      'yugabytedb',
      'neon',
    ],
  },
  // NDB is MySQL Cluster's storage engine (`ndb/` beside `mysql/` in a schema kept per engine). PlanetScale and Vitess,
  // TiDB, SingleStore (once MemSQL) speak MySQL's SQL: jackson's TypeORM sets `migration/planetscale/` beside `mysql/`.
  { engine: 'mysql', names: ['mysql', 'mysqldb', 'mariadb', 'maria', 'ndb', 'planetscale', 'vitess', 'tidb', 'singlestore', 'memsql'] },
  // libSQL (Turso) is SQLite's fork, its SQL SQLite's.
  { engine: 'sqlite', names: ['sqlite', 'sqlitedb', 'libsql', 'turso'] },
  { engine: 'sqlserver', names: ['mssql', 'sqlserver', 'tsql'] },
  { engine: 'oracle', names: ['oracle', 'oracledb'] },
  { engine: 'clickhouse', names: ['clickhouse'] },
  // Aurora is MySQL or PostgreSQL (`aurora/` says which engine family only in its settings).
  { engine: undefined, names: ['db2', 'aurora'] },
];

const BY_NAME = new Map(ENGINE_NAMES.flatMap(({ engine, names }) => names.map((name) => [name, engine] as const)));

/** The entry of a whole word of a path: its name as written (`db2`), or without its version digits (`mysql8`), lower case. */
function entryOf(word: string): { found: boolean; engine: Dialect | UnparsedEngine | undefined } {
  const lower = word.toLowerCase();
  let end = lower.length;
  while (end > 0 && lower.charCodeAt(end - 1) >= 48 && lower.charCodeAt(end - 1) <= 57) end--;
  for (const name of [lower, lower.slice(0, end)]) if (BY_NAME.has(name)) return { found: true, engine: BY_NAME.get(name) };
  return { found: false, engine: undefined };
}

/** Whether a whole word of a path is an engine's name (`pgsql`, `MySQL8`, `cockroachdb`, `db2`); never part of a word (`pgadmin`). */
export function isEngineWord(word: string): boolean {
  return entryOf(word).found;
}

/** The engine a whole word of a path names, when it names one with a dialect or a known unparsed engine. */
export function engineOfWord(word: string): Dialect | UnparsedEngine | undefined {
  return entryOf(word).engine;
}

/**
 * Engines' names that are safe to find inside a longer name (`gmysqlbackend`, `db_ido_pgsql`): the names of five or
 * more letters, longest first. Shorter ones (`pg`, `ndb`, `db2`, `psql`, `tsql`) count only as whole words: `pg` is
 * inside `upgrade`.
 */
export const ENGINE_NAMES_INSIDE_WORDS: readonly string[] = ENGINE_NAMES.flatMap(({ names }) => names)
  .filter((name) => name.length >= 5)
  .sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
