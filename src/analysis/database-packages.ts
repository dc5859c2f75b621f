/**
 * Which npm packages reach a database, and which SQL dialect a package, an import or an ORM
 * option names. Exact names only: `@opentelemetry/instrumentation-pg` instruments pg, it is no
 * driver; `@acme/db-client` counts only through what its lock file entry depends on.
 */
import type { Dialect, UnparsedEngine } from './facts.js';

export type { UnparsedEngine };

export type DataEngine = Dialect | UnparsedEngine | 'mongodb';

/** How a report names an engine the linter does not parse. */
export const UNPARSED_ENGINE_NAMES: Record<UnparsedEngine, string> = {
  sqlserver: 'SQL Server',
  sqlite: 'SQLite',
  oracle: 'Oracle',
  clickhouse: 'ClickHouse',
  duckdb: 'DuckDB',
  snowflake: 'Snowflake',
  bigquery: 'BigQuery',
  cassandra: 'Cassandra',
  dynamodb: 'DynamoDB',
};

/** Drivers: a package that opens connections to one engine. */
const DRIVERS: Record<string, DataEngine> = {
  pg: 'postgresql',
  'pg-native': 'postgresql',
  'pg-pool': 'postgresql',
  'pg-promise': 'postgresql',
  postgres: 'postgresql',
  slonik: 'postgresql',
  '@neondatabase/serverless': 'postgresql',
  '@vercel/postgres': 'postgresql',
  '@databases/pg': 'postgresql',
  mysql: 'mysql',
  mysql2: 'mysql',
  mariadb: 'mysql',
  '@planetscale/database': 'mysql',
  '@databases/mysql': 'mysql',
  mongodb: 'mongodb',
  mongoose: 'mongodb',
  sqlite3: 'sqlite',
  'better-sqlite3': 'sqlite',
  '@libsql/client': 'sqlite',
  'sql.js': 'sqlite',
  mssql: 'sqlserver',
  tedious: 'sqlserver',
  msnodesqlv8: 'sqlserver',
  oracledb: 'oracle',
  // Analytics stores beside the services' OLTP databases: SQL of their own, no parser here.
  '@clickhouse/client': 'clickhouse',
  '@clickhouse/client-web': 'clickhouse',
  clickhouse: 'clickhouse',
  duckdb: 'duckdb',
  'duckdb-async': 'duckdb',
  '@duckdb/node-api': 'duckdb',
  'snowflake-sdk': 'snowflake',
  '@google-cloud/bigquery': 'bigquery',
  // Wide-column and key-value stores whose query languages look like SQL (CQL, PartiQL): never a SQL database's tables.
  'cassandra-driver': 'cassandra',
  '@aws-sdk/client-dynamodb': 'dynamodb',
  '@aws-sdk/lib-dynamodb': 'dynamodb',
  // Deno's own drivers, as packageOfSpecifier names them (`jsr:@db/postgres@0.19`, `https://deno.land/x/mysql@v2.12.1/mod.ts`).
  'jsr:@db/postgres': 'postgresql',
  'deno.land/x/postgres': 'postgresql',
  'deno.land/x/postgresjs': 'postgresql',
  'deno.land/x/mysql': 'mysql',
  'jsr:@db/sqlite': 'sqlite',
  'deno.land/x/sqlite': 'sqlite',
};

/** ORMs, query builders and migration tools that own a schema; some name the engine in their package. */
const DATA_LIBRARIES: Record<string, DataEngine | undefined> = {
  typeorm: undefined,
  '@nestjs/typeorm': undefined,
  sequelize: undefined,
  'sequelize-typescript': undefined,
  '@nestjs/sequelize': undefined,
  '@prisma/client': undefined,
  prisma: undefined,
  knex: undefined,
  objection: undefined,
  bookshelf: undefined,
  kysely: undefined,
  'drizzle-orm': undefined,
  '@mikro-orm/core': undefined,
  '@mikro-orm/postgresql': 'postgresql',
  '@mikro-orm/mysql': 'mysql',
  '@mikro-orm/mariadb': 'mysql',
  '@mikro-orm/mongodb': 'mongodb',
  '@mikro-orm/sqlite': 'sqlite',
  '@mikro-orm/better-sqlite': 'sqlite',
  '@mikro-orm/mssql': 'sqlserver',
  'node-pg-migrate': 'postgresql',
  'db-migrate-pg': 'postgresql',
  'db-migrate-mysql': 'mysql',
  // Graphile's tools open their own pg pools on the DATABASE_URL they are given: a job queue, a GraphQL server, migrations.
  'graphile-worker': 'postgresql',
  postgraphile: 'postgresql',
  'graphile-migrate': 'postgresql',
  '@nestjs/mongoose': 'mongodb',
};

/**
 * SQLite's native drivers are forked and republished under a scope with their name kept (`@louislam/sqlite3`,
 * uptime-kuma's; `@vscode/sqlite3`, `@gristlabs/sqlite3`): the fork is the driver. Only these names, never `@types/`.
 */
const SCOPED_FORK = /^@(?!types\/)[\w.-]+\/((?:better-)?sqlite3)$/;

/** The driver a package is: itself, or the driver a scoped fork republishes. */
function driverName(name: string): string {
  return SCOPED_FORK.exec(name)?.[1] ?? name;
}

/** The engine a driver package connects to; undefined for any other package. */
export function driverEngine(name: string): DataEngine | undefined {
  const driver = driverName(name);
  return Object.hasOwn(DRIVERS, driver) ? DRIVERS[driver] : undefined;
}

/** A driver, ORM, query builder or schema-migration package: its user keeps data. */
export function isDataPackage(name: string): boolean {
  return Object.hasOwn(DRIVERS, driverName(name)) || Object.hasOwn(DATA_LIBRARIES, name);
}

/** The engine a driver or engine-specific ORM package names (undefined also for an engine-neutral ORM). */
function packageEngine(name: string): DataEngine | undefined {
  const driver = driverName(name);
  return Object.hasOwn(DRIVERS, driver) ? DRIVERS[driver] : Object.hasOwn(DATA_LIBRARIES, name) ? DATA_LIBRARIES[name] : undefined;
}

/** The SQL dialect a package commits its user to (a driver, or an engine-specific ORM package). */
export function packageDialect(name: string): Dialect | undefined {
  const engine = packageEngine(name);
  return engine === 'mysql' || engine === 'postgresql' ? engine : undefined;
}

/** The engine without a parser here that a driver or engine-specific ORM package commits its user to. */
export function packageUnparsedEngine(name: string): UnparsedEngine | undefined {
  const engine = packageEngine(name);
  return engine === undefined || engine === 'mysql' || engine === 'postgresql' || engine === 'mongodb' ? undefined : engine;
}

/**
 * ADO.NET provider invariant names, as a .NET Framework `web.config` / `app.config` connection string's `providerName`
 * writes them (`providerName="System.Data.SqlClient"`), lower-cased: the engine each connects to. `System.Data.OleDb` and
 * `System.Data.Odbc` reach any engine and name none.
 */
const ADO_PROVIDERS: Record<string, Dialect | UnparsedEngine> = {
  'system.data.sqlclient': 'sqlserver',
  'microsoft.data.sqlclient': 'sqlserver',
  npgsql: 'postgresql',
  'mysql.data.mysqlclient': 'mysql',
  mysqlconnector: 'mysql',
  'oracle.manageddataaccess.client': 'oracle',
  'oracle.dataaccess.client': 'oracle',
  'system.data.sqlite': 'sqlite',
  'microsoft.data.sqlite': 'sqlite',
};

function adoProviderEngine(value: string): Dialect | UnparsedEngine | undefined {
  return Object.hasOwn(ADO_PROVIDERS, value) ? ADO_PROVIDERS[value] : undefined;
}

/**
 * The engine without a parser here that an ORM option value (`'mssql'`, `'sqlite'`, Prisma's `sqlserver`…), Laravel's
 * `DB_CONNECTION=sqlsrv` or an ADO.NET `providerName` (`System.Data.SqlClient`) names.
 */
export function optionValueUnparsedEngine(value: string): UnparsedEngine | undefined {
  const v = value.trim().toLowerCase();
  const provider = adoProviderEngine(v);
  if (provider) return provider === 'mysql' || provider === 'postgresql' ? undefined : provider;
  if (/^(?:mssql|sqlserver|sqlsrv|tedious)$/.test(v)) return 'sqlserver';
  if (/^(?:sqlite3?|sqlite-pooled|better-sqlite3|libsql|sqljs)$/.test(v)) return 'sqlite';
  if (/^(?:oracle|oracledb)$/.test(v)) return 'oracle';
  return undefined;
}

/** `pg` for `pg`, `mysql2` for `mysql2/promise`, `@mikro-orm/postgresql` for itself. */
export function packageOfSpecifier(specifier: string): string {
  const deno = denoPackage(specifier);
  if (deno !== undefined) return deno;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** A Deno registry module: `https://deno.land/x/postgres@v0.19.3/mod.ts` (its name before the version). */
const DENO_LAND = /^https:\/\/deno\.land\/x\/([\w-]+)/;

/**
 * The package a Deno specifier names: `npm:postgres@3.4.4` and `npm:@neondatabase/serverless@0.9/x` are the npm
 * packages `postgres` and `@neondatabase/serverless` (version and entry point dropped); a JSR package keeps its
 * registry (`jsr:@db/postgres@0.19` is `jsr:@db/postgres`), a deno.land/x module too (`deno.land/x/mysql`).
 * Undefined for any other specifier.
 */
function denoPackage(specifier: string): string | undefined {
  const registry = specifier.startsWith('npm:') ? 'npm:' : specifier.startsWith('jsr:') ? 'jsr:' : undefined;
  if (registry !== undefined) {
    const rest = specifier.slice(registry.length).replace(/^\//, '');
    const parts = rest.split('/');
    const scoped = rest.startsWith('@');
    const name = scoped ? `${parts[0]}/${(parts[1] ?? '').split('@')[0]}` : parts[0].split('@')[0];
    return registry === 'npm:' ? name : `jsr:${name}`;
  }
  const land = DENO_LAND.exec(specifier);
  return land ? `deno.land/x/${land[1]}` : undefined;
}

/** Drizzle's engine-specific entry points (`drizzle-orm/pg-core`, `drizzle-orm/mysql2`…). */
const DRIZZLE_ENTRY =
  /^drizzle-orm\/(?:(pg-core|node-postgres|postgres-js|neon-http|neon-serverless|vercel-postgres|pglite|aws-data-api\/pg)|(mysql-core|mysql2|planetscale-serverless|tidb-serverless))$/;

/** The dialect an import commits a file to: a driver, an engine-specific ORM package or entry point. */
export function importDialect(specifier: string): Dialect | undefined {
  const drizzle = DRIZZLE_ENTRY.exec(specifier);
  if (drizzle) return drizzle[1] ? 'postgresql' : 'mysql';
  return packageDialect(packageOfSpecifier(specifier));
}

/** ORM option keys whose value names the engine: TypeORM/MikroORM `type`, knex `client`, Sequelize and drizzle-kit `dialect`. */
export const ENGINE_OPTION_KEYS = new Set(['type', 'client', 'dialect', 'driver']);

/**
 * The dialect an ORM option value names (`'postgres'`, `'pg'`, `'mysql2'`, `'aurora-mysql'`…), or Laravel's
 * `DB_CONNECTION` (`pgsql`, `mysql`, `mariadb`), or an ADO.NET `providerName` (`Npgsql`, `MySql.Data.MySqlClient`).
 */
export function optionValueDialect(value: string): Dialect | undefined {
  const v = value.trim().toLowerCase();
  const provider = adoProviderEngine(v);
  if (provider) return provider === 'mysql' || provider === 'postgresql' ? provider : undefined;
  if (/^(?:pg|pg-native|pgsql|postgres|postgresql|cockroachdb|aurora-postgres(?:ql)?)$/.test(v)) return 'postgresql';
  if (/^(?:mysql2?|mariadb|aurora-mysql)$/.test(v)) return 'mysql';
  return undefined;
}

/** Front-end frameworks: a package using one is a user interface unless it also keeps data itself. */
const FRONT_END = new Set([
  'react-dom',
  'react-scripts',
  'next',
  'vue',
  'nuxt',
  '@angular/core',
  'svelte',
  '@sveltejs/kit',
  'solid-js',
  'preact',
  'react-native',
  'expo',
  'gatsby',
  '@remix-run/react',
  'astro',
  '@vitejs/plugin-react',
  '@vitejs/plugin-vue',
]);

export function isFrontEndPackage(name: string): boolean {
  return FRONT_END.has(name);
}
