/**
 * Which settings name a database a service connects to, and which values can be one. A database
 * is read only from connection context: environment keys that name an SQL (or Mongo) database,
 * and `database` / `db` options of objects that configure a connection. Redis and cache indexes
 * (`REDIS_DB=0`), health payloads (`{ database: 'connected' }`) and display labels
 * (`'Shared MySQL (nilecare)'`) sit next to the same words and name nothing.
 */
import type { ConfigProperty, DatabaseKind, ImportFact } from '../analysis/facts.js';
import { driverEngine, packageOfSpecifier } from '../analysis/database-packages.js';

/** Env keys that name a database: DB_NAME, DB_DATABASE, MYSQL_DATABASE, POSTGRES_DB, PG_DATABASE, PGDATABASE, TYPEORM_DATABASE, MONGO_DB… */
const DB_NAME_KEY = /^(?:[A-Z0-9]+_)*(?:DB|DATABASE)(?:_NAME)?$|^PGDATABASE$|^[A-Z0-9_]*DB_NAME$/;
/** Env keys that hold a connection URL; Spring's relaxed binding of `spring.datasource.url` is `SPRING_DATASOURCE_URL` (Quarkus' `…_DATASOURCE_JDBC_URL`). */
const DB_URL_KEY = /(?:^|_)(?:DATABASE|DB|MONGO(?:DB)?|POSTGRES(?:QL)?|PG|MYSQL|DATASOURCE(?:_JDBC)?)_?(?:URL|URI)$/;
/** Env keys that name a database server: DB_HOST, MYSQL_HOST, PGHOST, POSTGRES_HOST, DATABASE_HOST… */
const DB_HOST_KEY = /^(?:[A-Z0-9]+_)*(?:DB|DATABASE|MYSQL|MARIADB|PG|POSTGRES|POSTGRESQL|MONGO|MONGODB)_?HOST(?:NAME)?$/;
/** Env keys that set the PostgreSQL schema a connection works in: DB_SCHEMA, PG_SCHEMA, DATABASE_SCHEMA, PGOPTIONS (`-c search_path=…`). */
const DB_SCHEMA_KEY = /^(?:[A-Z0-9]+_)*(?:DB|DATABASE|PG|POSTGRES|POSTGRESQL)_?SCHEMA(?:_NAME)?$|^(?:[A-Z0-9]+_)*(?:DB_|PG_?)?SEARCH_PATH$/;
const PG_OPTIONS_KEY = /^PG_?OPTIONS$/;

/**
 * Stores whose keys look like a database setting but whose "database" is no SQL one: Redis and
 * cache indexes, search engines, time-series and other NoSQL stores. A key naming one of these
 * anywhere (`REDIS_DB`, `CACHE_DB_NAME`, `ELASTIC_DATABASE`) names none of ours.
 */
const OTHER_STORE =
  /(?:^|_)(?:REDIS|IOREDIS|VALKEY|KEYDB|CACHE|MEMCACHED?|KV|BULL|QUEUE|ELASTIC(?:SEARCH)?|ES|OPENSEARCH|INFLUX(?:DB)?|NEO4J|CASSANDRA|SCYLLA|DYNAMO(?:DB)?|COUCH(?:DB|BASE)?|FIREBASE|FIRESTORE|ETCD|CLICKHOUSE|SQLITE|LEVEL(?:DB)?|RETHINK(?:DB)?|ARANGO(?:DB)?|RAVEN(?:DB)?|VECTOR|CHROMA|QDRANT|PINECONE|MILVUS|WEAVIATE|TYPESENSE|MEILI(?:SEARCH)?|SOLR|LOKI|PROMETHEUS)(?:_|$)/;

/** The engine a key names, when it says (`PG_DATABASE`, `MYSQL_DATABASE`, `MONGO_DB`). */
export function kindFromKey(key: string): DatabaseKind {
  const upper = key.toUpperCase();
  if (/(^|_)(PG|POSTGRES|POSTGRESQL|TIMESCALE)/.test(upper)) return 'postgresql';
  if (/(^|_)(MYSQL|MARIADB)/.test(upper)) return 'mysql';
  if (/MONGO/.test(upper)) return 'mongodb';
  return 'unknown';
}

/**
 * Keys of a database no data lives in: Prisma's shadow database (`SHADOW_DATABASE_URL`, which `prisma migrate dev`
 * creates and wipes on every run) and the test suite's (`TEST_DATABASE_URL`, `DB_NAME_TEST`, `E2E_DATABASE_URL`).
 * They are no service's database, so two services naming the same one share nothing.
 */
export function isScratchDatabaseKey(key: string): boolean {
  return key
    .toUpperCase()
    .split(/[_.-]/)
    .some((word) => SCRATCH_WORDS.has(word));
}

const SCRATCH_WORDS: ReadonlySet<string> = new Set(['SHADOW', 'TEST', 'TESTS', 'TESTING', 'E2E']);

/** Whether an env key names the database a service connects to (SQL, or Mongo marked as such). */
export function isDatabaseNameKey(key: string): boolean {
  const upper = key.toUpperCase();
  return DB_NAME_KEY.test(upper) && !OTHER_STORE.test(upper);
}

/** Whether an env key holds a connection URL of a database. */
export function isDatabaseUrlKey(key: string): boolean {
  const upper = key.toUpperCase();
  return DB_URL_KEY.test(upper) && !OTHER_STORE.test(upper);
}

export function isDatabaseHostKey(key: string): boolean {
  return DB_HOST_KEY.test(key.toUpperCase());
}

/** Env keys that name a database server's port, beside its host key: DB_PORT, MYSQL_PORT, PGPORT, POSTGRES_PORT… */
export function isDatabasePortKey(key: string): boolean {
  const upper = key.toUpperCase();
  return upper.endsWith('PORT') && DB_HOST_KEY.test(`${upper.slice(0, -4)}HOST`);
}

/** Whether an env key sets the schema of a PostgreSQL connection; `PGOPTIONS` only through its `search_path`. */
export function schemaKeyKind(key: string): 'schema' | 'options' | undefined {
  const upper = key.toUpperCase();
  if (PG_OPTIONS_KEY.test(upper)) return 'options';
  return DB_SCHEMA_KEY.test(upper) && !OTHER_STORE.test(upper) ? 'schema' : undefined;
}

/** A value that is a placeholder rather than a name (`${DB_NAME}`, `<db>`, `your_db_here`). */
export function isPlaceholderValue(value: string): boolean {
  return value === '' || /[${}<>]/.test(value) || /^your[_-]|changeme|_here$/i.test(value);
}

/**
 * Database names that generators and templates write for the user to replace: `sequelize init`'s
 * `database_development` / `database_test` / `database_production`, `prisma init`'s `.env` URL
 * (`postgresql://johndoe:randompassword@localhost:5432/mydb`) and the stock names of documentation
 * examples. Left as generated in two services they are the template's name, not a database the
 * services were given: never evidence of one, let alone of a shared one.
 */
const SCAFFOLD_DATABASE =
  /^(?:database_(?:development|test|production)|mydb|mydatabase|my_database|dbname|db_name|database_name|your_?database)$/i;

/** Whether a database name is a generator's or template's stand-in (see SCAFFOLD_DATABASE). */
export function isScaffoldDatabaseName(value: string): boolean {
  return SCAFFOLD_DATABASE.test(value);
}

/**
 * Database names a framework's project generator writes into the dotenv files it creates, for the user to replace:
 * `laravel new`'s `.env.example` / `.env` (`DB_DATABASE=laravel`, Laravel 5–10; `homestead` before 5.8, Homestead's
 * box), AdonisJS's `lucid`. Stand-ins where the generator leaves them, in a dotenv file; a compose file, a manifest
 * or code that names one chose it.
 */
const FRAMEWORK_DOTENV_DATABASE = /^(?:laravel|homestead|lucid)$/i;

/** Whether a database name in a dotenv file is a framework generator's stand-in (see FRAMEWORK_DOTENV_DATABASE). */
export function isFrameworkDotenvDatabaseName(value: string): boolean {
  return FRAMEWORK_DOTENV_DATABASE.test(value);
}

/**
 * A name a database can have as configured: letters, digits, `_`, `$` and `-` (`ms-billing`),
 * at most 64 characters, not digits alone (those are Redis or Mongo indexes, ports, counts).
 * Spaces, parentheses, dots and slashes make a label or a file path, not a database.
 */
export function isDatabaseIdentifier(value: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9_$-]{0,63}$/.test(value) && !/^\d+$/.test(value);
}

/** A database name a setting can hold: no placeholder, a valid identifier. */
export function isDatabaseName(value: string): boolean {
  return !isPlaceholderValue(value) && isDatabaseIdentifier(value);
}

/** Object keys that name a database in connection options. */
export const DATABASE_PROPERTIES = new Set(['database', 'db', 'dbName', 'dbname']);

/** Keys whose presence beside a `database` option makes the object connection settings. */
const CONNECTION_SIBLINGS = new Set([
  'host',
  'hostname',
  'port',
  'user',
  'username',
  'password',
  'connectionString',
  'socketPath',
  'url',
  'uri',
]);

/**
 * Calls whose options object configures an SQL or Mongo connection: drivers (`mysql.createPool`,
 * `new Pool`, `new Client`, `postgres(…)`), ORMs and query builders (`new Sequelize`,
 * `new DataSource`, `TypeOrmModule.forRoot`, `knex(…)`, `MikroORM.init`, `drizzle(…)`), Mongo clients.
 */
const DRIVER_CALLEE =
  /(?:^|[.\s])(?:createPool|createPoolCluster|createConnection|createClientPool|Pool|Client|Sequelize|DataSource|forRoot(?:Async)?|knex|Knex|init|drizzle|postgres|pgp|pgPromise|MongoClient|PrismaClient|Kysely|PostgresDialect|MysqlDialect|connect)$/;
/** Clients of other stores: their `db` / `database` option is an index or a keyspace (`new Redis({ db: 0 })`). */
const OTHER_STORE_CALLEE = /redis|valkey|bull|queue|cache|memcache|elastic|influx|neo4j|cassandra|dynamo|couch|firebase/i;
/** Responses and log lines: `res.json({ database: 'connected' })`, `logger.info({ database })` report, they configure nothing. */
const REPORTING_CALLEE = /(?:^|\.)(?:json|jsonp|send|render|end|write|emit|log|info|warn|error|debug|trace)$/;

/** Whether an option is in an object passed to an SQL or Mongo driver or ORM (`postgres(url, { connection: { search_path } })`), not another store's. */
export function isDriverOption(property: ConfigProperty): boolean {
  const callee = property.callee?.trim();
  return !!callee && DRIVER_CALLEE.test(callee) && !OTHER_STORE_CALLEE.test(callee) && !REPORTING_CALLEE.test(callee);
}

/**
 * Whether a `database` / `db` option belongs to connection settings: its object is passed to a
 * driver or ORM, or holds host / user / port / password siblings; and nothing says it is a Redis,
 * cache or other store's option (`new Redis({ db: 0 })`, `createClient({ database: 2 })`).
 */
export function isConnectionProperty(property: ConfigProperty, all: readonly ConfigProperty[]): boolean {
  if (property.envName && OTHER_STORE.test(property.envName.toUpperCase())) return false;
  const callee = property.callee;
  if (callee && (OTHER_STORE_CALLEE.test(callee) || REPORTING_CALLEE.test(callee))) return false;
  // node-redis and many cache clients: `createClient({ url, database: 2 })`.
  if (callee && /(?:^|[.\s])createClient$/.test(callee)) return false;
  if (callee && DRIVER_CALLEE.test(callee.trim())) return true;
  const object = property.objectSpan;
  if (!object) return false;
  return all.some(
    (other) =>
      other !== property &&
      CONNECTION_SIBLINGS.has(other.key) &&
      other.objectSpan?.start === object.start &&
      other.objectSpan.end === object.end,
  );
}

export function kindFromCallee(callee: string | undefined): DatabaseKind {
  if (!callee) return 'unknown';
  if (/mongo/i.test(callee)) return 'mongodb';
  if (/mysql|createPool|createConnection/i.test(callee)) return 'mysql';
  if (/\bPool\b|\bClient\b|pg|postgres/i.test(callee)) return 'postgresql';
  return 'unknown';
}

/**
 * The engine a connection call (`createPool({ database })`, `new Pool({ … })`) opens, from the
 * drivers its file imports: the one engine imported decides; the callee's name only chooses among
 * several. A file that imports modules but no driver calls a wrapper (`createPool` from a workspace
 * helper around `pg`), whose name says nothing of the engine: mysql2's `createPool` is no evidence
 * there. A file that imports nothing at all leaves the name as the only clue.
 */
export function kindOfConnectionCall(callee: string | undefined, imports: readonly ImportFact[]): DatabaseKind {
  const engines = new Set<DatabaseKind>();
  for (const imported of imports) {
    const engine = driverEngine(packageOfSpecifier(imported.specifier));
    if (engine === 'mysql' || engine === 'postgresql' || engine === 'mongodb') engines.add(engine);
  }
  if (engines.size === 1) return [...engines][0];
  return engines.size === 0 && imports.length > 0 ? 'unknown' : kindFromCallee(callee);
}
