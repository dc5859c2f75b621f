import type { ConfigProperty, DatabaseKind, EnvFileEntry, FileFacts, K8sManifest, Span } from '../analysis/facts.js';
import { mayBeConnectionString, parseConnectionString, type ConnectionUrlParam } from '../analysis/connection-url.js';
import { spanToRange } from '../analysis/text.js';
import { isSpringConfig } from '../analysis/yaml-settings.js';
import { searchPathOptionSchemas, searchPathSchemas } from './search-path.js';
import type { RolePlacement } from './role-search-paths.js';
import {
  DATABASE_PROPERTIES,
  isConnectionProperty,
  isDatabaseHostKey,
  isDatabasePortKey,
  isDatabaseName,
  isDatabaseNameKey,
  isDatabaseUrlKey,
  isDriverOption,
  isPlaceholderValue,
  isFrameworkDotenvDatabaseName,
  isScaffoldDatabaseName,
  isScratchDatabaseKey,
  kindFromKey,
  kindOfConnectionCall,
  schemaKeyKind,
} from './database-settings.js';
import type { DatabaseConnection, SettingSource, SettingVia } from './model.js';

/**
 * Keys that hold a connection string in a form other than a URL (`MYSQL_DSN`, `DATABASE_DSN`, `PG_CONNINFO`,
 * `ConnectionStrings__Default`, `DB_CONNECTION_STRING`): read as one when their value parses as one.
 */
function isDsnKey(key: string): boolean {
  return /(?:^|[_.])(?:DSN|CONNINFO)$/i.test(key) || /connection_?strings?(?:__|:|$)/i.test(key);
}

/** The schema PostgreSQL puts unqualified names in when nothing else is set. */
export const DEFAULT_SCHEMA = 'public';

const SCHEME_KIND: Record<string, DatabaseKind> = {
  mysql: 'mysql',
  mysql2: 'mysql',
  mariadb: 'mysql',
  postgres: 'postgresql',
  postgresql: 'postgresql',
  'mongodb+srv': 'mongodb',
  mongodb: 'mongodb',
  // ADO.NET strings of SQL Server's client, or of one that could be MySQL's or SQL Server's: the service's dialect decides.
  sqlserver: 'unknown',
  'ado.net': 'unknown',
};

/**
 * Database name, engine, host and (PostgreSQL) schema of a connection URL, e.g.
 * `postgres://u:p@h:5432/app?schema=billing`, or of a Go MySQL DSN, a libpq conninfo or an ADO.NET connection string
 * (`user:pw@tcp(h:3306)/app`, `host=h dbname=app`, `Host=h;Database=app`), split as drivers split it (src/analysis/connection-url.ts):
 * nothing of the userinfo is ever a name. The schema is Prisma's `?schema=`, pgjdbc's
 * `?currentSchema=` or libpq's `?options=-c search_path=…`.
 */
export function parseConnectionUrl(
  text: string,
): { name?: string; kind: DatabaseKind; host?: string; schema?: string; searched?: string[]; user?: string } | undefined {
  const url = mayBeConnectionString(text) ? parseConnectionString(text) : undefined;
  const libsql = url && libsqlDatabase(url.scheme, url.host, url.port);
  if (libsql) return libsql;
  // SQLAlchemy's `dialect+driver` schemes (`postgresql+asyncpg`, `mysql+pymysql`) name the dialect first.
  const kind = url && (schemeKind(url.scheme) ?? schemeKind(url.scheme.slice(0, Math.max(0, url.scheme.indexOf('+')))));
  if (!url || !kind) return undefined;
  const path = kind === 'postgresql' ? schemaPathOfQuery(url.params) : [];
  const user = url.user ? decodeQueryComponent(url.user).toLowerCase() : '';
  return {
    name: url.database,
    kind,
    ...(url.host ? { host: serverOf(url.host, url.port) } : {}),
    ...placementOfPath(path),
    ...(/^[\w$]+$/.test(user) ? { user } : {}),
  };
}

/**
 * A libSQL server's one database: Turso's `libsql://<db>-<org>.turso.io` (also reached as `https://…turso.io`, `wss://…`),
 * or a self-hosted sqld at a domain (`libsql://db.acme.internal`). The host is the database: named by its first label,
 * on that host, so two services on one URL share it. A host without a dot (`localhost`, a compose service) is a local
 * server, and an IP address names no database: named by nothing.
 */
function libsqlDatabase(scheme: string, host: string | undefined, port: string | undefined): ReturnType<typeof parseConnectionUrl> {
  const lower = scheme.toLowerCase();
  const server = host?.toLowerCase();
  if (!server || !server.includes('.') || server.startsWith('[') || /^[\d.]+$/.test(server)) return undefined;
  if (lower !== 'libsql' && !(/^(?:https?|wss?)$/.test(lower) && server.endsWith('.turso.io'))) return undefined;
  const name = server.slice(0, server.indexOf('.'));
  return { name, kind: 'unknown', host: serverOf(server, port) };
}

function schemeKind(scheme: string): DatabaseKind | undefined {
  return Object.hasOwn(SCHEME_KIND, scheme) ? SCHEME_KIND[scheme] : undefined;
}

/**
 * A server's identity in `hosts`: its host, and its port when one is known (`localhost:5433`, `[::1]:5433`):
 * two containers published on one machine are two servers. See `separateServers`.
 */
export function serverOf(host: string, port: string | undefined): string {
  if (!port || !/^\d{1,5}$/.test(port)) return host;
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** The schemas of a URL's search path, in order: Prisma's `?schema=` names one, `search_path` / `options` may name several. */
function schemaPathOfQuery(params: readonly ConnectionUrlParam[]): string[] {
  for (const param of params) {
    const key = decodeQueryComponent(param.key).toLowerCase();
    const value = decodeQueryComponent(param.value);
    if (key === 'schema' || key === 'currentschema' || key === 'search_path') return searchPathSchemas(value);
    if (key === 'options') {
      const path = searchPathOptionSchemas(value);
      if (path.length > 0) return path;
    }
  }
  return [];
}

/** A search path as a placement: its first schema, and the later ones (lower-cased) where names are still found. */
function placementOfPath(path: readonly string[]): { schema?: string; searched?: string[] } {
  if (path.length === 0) return {};
  const searched = [...new Set(path.slice(1).map((s) => s.toLowerCase()))].filter((s) => s !== path[0].toLowerCase());
  return { schema: path[0], ...(searched.length > 0 ? { searched } : {}) };
}

/** A query key or value as a driver reads it: `+` is a space, `%xx` decoded (left as written when malformed). */
function decodeQueryComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

interface Found {
  name: string;
  kind: DatabaseKind;
  source: SettingSource;
  /** The server it is on, when the same settings say (a URL's host, a DB_HOST beside the DB_NAME). */
  host?: string;
  /** The PostgreSQL schema the same settings put it in (`?schema=`, `search_path`, a `schema:` option). */
  schema?: string;
  /** The schemas later on the same search path (`search_path=orders,public`: `public`). */
  searched?: string[];
}

type EnvEntries = NonNullable<FileFacts['env']>;

/**
 * Every database a set of files (one service's) connects to, read from connection context only:
 * .env entries and code defaults (`process.env.PG_DATABASE || 'app'`) of keys that name a
 * database, `database:` options of connection settings, connection URLs, Kubernetes ConfigMaps
 * (and Secrets' `stringData`), literal `env` values of Kubernetes workloads, docker-compose
 * environments, PM2 apps' `env` blocks and a Cloudflare Worker's D1 `database_name`s. The code default is real configuration too. Values that cannot be a database
 * name (Redis indexes, status words, labels) and generators' stand-ins (`database_development`,
 * Prisma's `mydb`; in a dotenv file, Laravel's `laravel`) are never one; see database-settings.ts. Example files (`.env.example`,
 * `.env.sample`, `.env.template`) count: they list the settings every deployment is given, and a
 * shared `DB_NAME` is usually documented there first; only their placeholders and stand-ins do not.
 * A config keyed by environment counts without its `test` environment (the test suite's database).
 */
export function findConnections(
  files: readonly FileFacts[],
  externalEntries: Array<{
    file: FileFacts;
    entries: EnvEntries;
    origin: 'compose' | 'pm2' | 'manifest' | 'env-file';
    /** The whole environment the entries are part of (a compose service's `environment:` and `env_file:` files, a PM2 app's `env` under its `env_<name>`): where hosts and schemas are read. */
    environment?: EnvEntries;
    /** How the service comes to read the entries (the `dotenv.config` call loading the file). */
    via?: SettingVia;
    /**
     * A compose service's environment: its compose project (the file's `name:`, else its folder) and the services of
     * its file. A host naming one of them is that project's container, a server no other project reaches.
     */
    composeProject?: { project: string; services: ReadonlySet<string> };
  }> = [],
  shared: {
    /** Modules outside the service that it runs (a shared config package it imports), each with the import leading there. */
    imported?: ReadonlyArray<{ file: FileFacts; via: SettingVia }>;
    /** Variables the service's own env files set: a shared module's code default does not apply to them. */
    ownKeys?: ReadonlySet<string>;
    /** The search path of each login role the repository's SQL sets up (role-search-paths.ts): a URL's user without a schema of its own works there. */
    roleSearchPaths?: ReadonlyMap<string, RolePlacement>;
  } = {},
): DatabaseConnection[] {
  const found: Found[] = [];
  const add = (
    file: FileFacts,
    span: Span,
    key: string,
    name: string,
    kind: DatabaseKind,
    origin: SettingSource['origin'],
    placement: Placement = {},
  ) => {
    if (!isDatabaseName(name) || isScaffoldDatabaseName(name)) return;
    // A URL naming no schema logs in as a role whose search path the repository's SQL sets (`ALTER ROLE orders SET search_path TO orders`).
    const role = placement.schema === undefined && placement.user ? shared.roleSearchPaths?.get(placement.user) : undefined;
    if (role) placement = { ...placement, schema: role.schema, searched: role.searched };
    // A dotenv file's `DB_DATABASE=laravel`: left as `laravel new` wrote it.
    if (origin === 'env-file' && file.env && isFrameworkDotenvDatabaseName(name)) return;
    found.push({
      name,
      kind,
      source: { file: file.path, range: spanToRange(file.lineStarts, span), key, origin, ...(placement.via ? { via: placement.via } : {}) },
      ...(placement.host ? { host: placement.host } : {}),
      ...(placement.schema && kind !== 'mysql' && kind !== 'mongodb' ? { schema: placement.schema } : {}),
      ...(placement.schema && placement.searched && kind !== 'mysql' && kind !== 'mongodb' ? { searched: placement.searched } : {}),
    });
  };
  // One group of settings (an env file, a compose service's environment, a manifest): a DB_NAME
  // is on the server, and in the schema, its group's keys of the same engine name, when exactly one is named.
  const fromEnvEntries = (
    file: FileFacts,
    described: EnvEntries,
    origin: SettingSource['origin'],
    environment = described,
    via?: SettingVia,
    composeProject?: { project: string; services: ReadonlySet<string> },
  ) => {
    const scoped = (server: string | undefined) => (server === undefined ? undefined : inComposeProject(server, composeProject));
    // Secrets (values the facts describe instead of keeping) name no database nor host.
    const literal = (list: EnvEntries) => list.filter((e): e is typeof e & { value: string } => e.value !== undefined);
    // A shadow or test database's settings (`SHADOW_DATABASE_URL`, `TEST_DB_HOST`) are no connection's, nor place one.
    const entries = literal(described).filter((e) => !isScratchDatabaseKey(e.key));
    const settings = literal(environment).filter((e) => !isScratchDatabaseKey(e.key));
    const hosts = settings
      .filter((e) => isDatabaseHostKey(e.key) && !isPlaceholderValue(e.value))
      .map((e) => ({ kind: kindFromKey(e.key), value: e.value.trim().toLowerCase() }));
    const ports = settings
      .filter((e) => isDatabasePortKey(e.key) && /^\d{1,5}$/.test(e.value.trim()))
      .map((e) => ({ kind: kindFromKey(e.key), value: e.value.trim() }));
    const schemas = settings.flatMap((e) => {
      const which = schemaKeyKind(e.key);
      const path = which === 'options' ? searchPathOptionSchemas(e.value) : which === 'schema' ? searchPathSchemas(e.value) : [];
      const { schema, searched } = placementOfPath(path);
      return schema && isDatabaseName(schema) ? [{ kind: kindFromKey(e.key), value: schema.toLowerCase(), searched }] : [];
    });
    const single = (list: Array<{ kind: DatabaseKind; value: string }>, kind: DatabaseKind) => {
      const candidates = new Set(list.filter((h) => h.kind === kind || h.kind === 'unknown' || kind === 'unknown').map((h) => h.value));
      return candidates.size === 1 ? [...candidates][0] : undefined;
    };
    for (const entry of entries) {
      if (isDatabaseNameKey(entry.key)) {
        const kind = kindFromKey(entry.key);
        const schema = single(schemas, kind);
        const searched = schema === undefined ? undefined : schemas.find((s) => s.value === schema)?.searched;
        const host = single(hosts, kind);
        const server = host === undefined ? undefined : serverOf(host, single(ports, kind));
        add(file, entry.valueSpan, entry.key, entry.value, kind, origin, { host: scoped(server), schema, searched, via });
      } else if (isDatabaseUrlKey(entry.key) || /^(?:jdbc:)?[a-z0-9+]+:\/\//i.test(entry.value) || isDsnKey(entry.key)) {
        const url = parseConnectionUrl(entry.value);
        if (url?.name) add(file, entry.valueSpan, entry.key, url.name, url.kind, 'connection-url', { ...url, host: scoped(url.host), via });
      }
    }
  };
  // TypeORM's ormconfig.json / .yml and the Sequelize CLI's config/config.json: a connection's `url` (which
  // TypeORM prefers), else its `database` on its `host`, in its `schema`; its engine is its `type` / `dialect`.
  const fromOrmConnection = (file: FileFacts, connection: NonNullable<NonNullable<FileFacts['ormConfig']>['connections']>[number]) => {
    const setting = (key: string) => {
      const entry = connection.entries.find((e) => e.key === key);
      return entry?.value !== undefined && !isPlaceholderValue(entry.value.trim()) ? { ...entry, value: entry.value.trim() } : undefined;
    };
    const schemaOption = setting('schema')?.value;
    const schema = schemaOption && isDatabaseName(schemaOption) ? schemaOption.toLowerCase() : undefined;
    const url = setting('url') ?? setting('uri') ?? setting('connectionString');
    const parsed = url && parseConnectionUrl(url.value);
    if (url && parsed?.name) {
      const placement = parsed.schema ? { schema: parsed.schema, searched: parsed.searched } : { schema };
      add(file, url.valueSpan, 'url', parsed.name, parsed.kind, 'connection-url', { host: parsed.host, ...placement });
      return;
    }
    // CloudFormation names an RDS cluster's database `DatabaseName`, an instance's `DBName` (serverless.yml resources).
    const database = setting('database') ?? setting('DatabaseName') ?? setting('DBName');
    if (!database) return;
    const host = setting('host')?.value.toLowerCase();
    const kind = (connection.type ? engineOf(connection.type) : undefined) ?? 'unknown';
    add(file, database.valueSpan, 'database', database.value, kind, 'config', {
      host: host && /^[\w.-]+$/.test(host) ? serverOf(host, setting('port')?.value) : undefined,
      schema,
    });
  };
  // A code default (`process.env.DB_NAME ?? 'app'`) applies only where the variable is unset: the
  // variables the service's compose environment sets are not (their values count instead). Manifests
  // keep the default beside their value: a manifest outside the folder is matched to the service by name only.
  const deployed = new Set(externalEntries.filter((g) => g.origin !== 'manifest').flatMap((g) => g.entries.map((e) => e.key)));
  const fromFile = (file: FileFacts, via?: SettingVia, unset: ReadonlySet<string> = deployed) => {
    if (file.env) fromEnvEntries(file, file.env, 'env-file');
    // A Dockerfile's ENV is the image's environment: read as an env file is.
    if (file.dockerEnv) fromEnvEntries(file, file.dockerEnv, 'env-file');
    // A connection (Sequelize environment) named `test` is the test suite's throwaway database.
    for (const connection of file.ormConfig?.connections ?? [])
      if (connection.environment) fromEnvEntries(file, connection.entries, 'env-file');
      else if (!TEST_ENVIRONMENT.test(connection.name ?? '')) fromOrmConnection(file, connection);
    // Spring Boot's `spring.datasource.url` (a JDBC URL) in the service's application.yml or application.properties; a `test` profile's is the test suite's.
    if (isSpringConfig(file.path) && !/[-.]test(?:ing)?\.(?:ya?ml|properties)$/i.test(file.path))
      for (const setting of file.yamlSettings ?? []) {
        const url = setting.value === undefined ? undefined : parseConnectionUrl(setting.value.trim());
        if (url?.name)
          add(file, setting.valueSpan, [...setting.path, setting.key].join('.'), url.name, url.kind, 'connection-url', { ...url, via });
      }
    // A ConfigMap's data is the environment it injects (`envFrom`) and a workload's `env` is that environment itself: both count like an env file.
    for (const manifest of file.k8s ?? []) fromEnvEntries(file, manifestSettings(manifest), 'manifest');
    // A Cloudflare Worker's D1 binding: `database_name` names the database in the account (any environment's binding), so
    // two Workers binding one name share it. D1 has no server a repository names, and no engine kind of its own here.
    for (const d1 of file.d1Databases ?? [])
      if (d1.databaseName !== undefined) add(file, d1.databaseNameSpan ?? d1.span, 'database_name', d1.databaseName, 'unknown', 'config');
    const script = file.script;
    if (!script) return;
    const coveredSpans = new Set<number>();
    for (const property of script.configProperties) {
      if (!DATABASE_PROPERTIES.has(property.key) || !(property.path.length <= 1 || isNamedConnection(property.path))) continue;
      // `test: { database }` of a config keyed by environment (sequelize-cli's config.js) is the test suite's database.
      if (property.path.length === 1 && TEST_ENVIRONMENT.test(property.path[0])) continue;
      if (property.valueKind !== 'string' && property.valueKind !== 'env-default') continue;
      if (property.value === undefined || !isConnectionProperty(property, script.configProperties)) continue;
      if (
        property.valueKind === 'env-default' &&
        property.envName &&
        (unset.has(property.envName) || isScratchDatabaseKey(property.envName))
      )
        continue;
      const fromKey = property.envName ? kindFromKey(property.envName) : 'unknown';
      const kind =
        fromKey !== 'unknown'
          ? fromKey
          : (driverKind(script.configProperties, property) ?? kindOfConnectionCall(property.callee, script.imports));
      add(
        file,
        property.valueSpan,
        property.envName ?? property.key,
        property.value,
        kind,
        property.valueKind === 'env-default' ? 'code-default' : 'config',
        { host: siblingHost(script.configProperties, property), ...optionSchema(script.configProperties, property), via },
      );
      coveredSpans.add(property.valueSpan.start);
    }
    for (const envDefault of script.envDefaults) {
      if (envDefault.valueKind !== 'string' || envDefault.value === undefined || unset.has(envDefault.name)) continue;
      if (isScratchDatabaseKey(envDefault.name)) continue;
      if (isDatabaseNameKey(envDefault.name)) {
        if (!coveredSpans.has(envDefault.fileSpan.start))
          add(file, envDefault.fileSpan, envDefault.name, envDefault.value, kindFromKey(envDefault.name), 'code-default', { via });
      } else if (isDatabaseUrlKey(envDefault.name)) {
        const url = parseConnectionUrl(envDefault.value);
        if (url?.name) add(file, envDefault.fileSpan, envDefault.name, url.name, url.kind, 'connection-url', { ...url, via });
      }
    }
    for (const literal of script.connectionStrings) {
      // dblink's connection is another database's, reached through this service's own connection.
      if (literal.dblink) continue;
      const url = parseConnectionUrl(literal.value);
      if (url?.name) add(file, literal.fileSpan, 'connection string', url.name, url.kind, 'connection-url', { ...url, via });
    }
  };
  for (const file of files) fromFile(file);
  // A shared module's defaults apply where neither the deployment nor the service's own env files set the variable.
  const unsetInService = new Set([...deployed, ...(shared.ownKeys ?? [])]);
  for (const { file, via } of shared.imported ?? []) fromFile(file, via, unsetInService);
  for (const { file, entries, origin, environment, via, composeProject } of externalEntries)
    fromEnvEntries(file, entries, origin, environment, via, composeProject);
  const connections = mergeConnections(found);
  const path = codeSearchPath(files);
  const unplaced = connections.filter((c) => !c.schemas && (c.kind === 'postgresql' || c.kind === 'unknown'));
  // Two databases without a schema: nothing says which one the code's search path is set on.
  if (path && unplaced.length === 1) {
    unplaced[0].schemas = [path.schema];
    if (path.searched) unplaced[0].searchedSchemas = path.searched;
  }
  return connections;
}

/**
 * A server as `hosts` holds it: a host that is a service of the compose file the setting is in (`db`, `postgres`) is
 * that project's container, written `db:5432|<project>` (see `separateServers`); any other host as it is.
 */
function inComposeProject(server: string, scope: { project: string; services: ReadonlySet<string> } | undefined): string {
  if (!scope) return server;
  const host = server.startsWith('[') ? server : server.replace(/:\d+$/, '');
  return scope.services.has(host) ? `${server}|${scope.project}` : server;
}

/** The schemas a driver option puts a connection in: pg's `options: '-c search_path=…'`, knex's `searchPath`, postgres.js' `search_path`, `schema` / `currentSchema`. */
function optionValueSchema(key: string, value: string): { schema?: string; searched?: string[] } {
  if (key === 'options') return placementOfPath(searchPathOptionSchemas(value));
  if (key === 'searchPath' || key === 'search_path') return placementOfPath(searchPathSchemas(value));
  return key === 'schema' || key === 'currentSchema' ? { schema: value } : {};
}

/**
 * The one schema the service's code sets on a connection whose database it does not name there
 * (the database comes from a URL in the environment): postgres.js
 * `postgres(process.env.DATABASE_URL, { connection: { search_path: 'orders' } })`, pg
 * `new Pool({ connectionString, options: '-c search_path=orders' })`, knex `searchPath`, TypeORM's
 * `schema` beside `url`. Only in options passed to a driver or ORM. Undefined when the code sets
 * none, or several (two pools in two schemas).
 */
function codeSearchPath(files: readonly FileFacts[]): { schema: string; searched?: string[] } | undefined {
  const schemas = new Map<string, string[] | undefined>();
  for (const file of files) {
    const properties = file.script?.configProperties ?? [];
    for (const p of properties) {
      const value = literalValue(p);
      if (value === undefined || !isDriverOption(p)) continue;
      const { schema, searched } = optionValueSchema(p.key, value);
      if (!schema || !isDatabaseName(schema)) continue;
      // Beside a literal database (or inside its settings) the schema placed that connection already.
      if (properties.some((d) => DATABASE_PROPERTIES.has(d.key) && literalValue(d) !== undefined && encloses(p.objectSpan, d.objectSpan)))
        continue;
      schemas.set(schema.toLowerCase(), searched);
    }
  }
  if (schemas.size !== 1) return undefined;
  const [[schema, searched]] = schemas;
  return { schema, ...(searched ? { searched } : {}) };
}

/**
 * Options of one entry of a map of named connections, which an app opens side by side (not one per
 * environment): AdonisJS Lucid's `connections: { pg: { connection: { database } }, catalog_ro: { … } }`,
 * the same shape in knex wrappers and Laravel-style configs. A connection named like the test
 * environment is the test suite's.
 */
function isNamedConnection(path: readonly string[]): boolean {
  const at = path.lastIndexOf('connections');
  if (at < 0) return false;
  const rest = path.slice(at + 1);
  const named = rest.length === 1 || (rest.length === 2 && rest[1] === 'connection');
  return named && !TEST_ENVIRONMENT.test(rest[0]);
}

/** An environment (a Sequelize CLI config's key) that is the test suite's: its database is throwaway. */
const TEST_ENVIRONMENT = /^test(?:ing)?$/i;

interface Placement {
  host?: string;
  schema?: string;
  searched?: string[];
  via?: SettingVia;
  /** The role a URL logs in as (lower-cased): its search path places a connection that names no schema. */
  user?: string;
}

/**
 * The plain-text literal entries of a manifest (ConfigMap and Secret `stringData` entries, workload
 * `env` values): a Secret's base64 `data` is not decoded for this, templates are no names, and
 * `valueFrom` references never became entries.
 */
export function manifestSettings(manifest: K8sManifest): EnvFileEntry[] {
  return manifest.entries.filter((entry) => entry.encoding === 'plain' && !entry.templated);
}

const sameSpan = (a: Span | undefined, b: Span | undefined) => !!a && !!b && a.start === b.start && a.end === b.end;
const encloses = (outer: Span | undefined, inner: Span | undefined) =>
  !!outer && !!inner && outer.start <= inner.start && inner.end <= outer.end;

const literalValue = (p: ConfigProperty) =>
  (p.valueKind === 'string' || p.valueKind === 'env-default') && p.value !== undefined ? p.value.trim() : undefined;

/** The literal `host` beside a `database` option in the same object (`createPool({ host: 'billing-db', database: 'app' })`). */
function siblingHost(properties: readonly ConfigProperty[], database: ConfigProperty): string | undefined {
  const host = properties.find((p) => (p.key === 'host' || p.key === 'hostname') && sameSpan(p.objectSpan, database.objectSpan));
  const value = host && literalValue(host)?.toLowerCase();
  return value && !isPlaceholderValue(value) && /^[\w.-]+$/.test(value) ? value : undefined;
}

/**
 * The schema a `database` option's connection works in: a `schema` / `currentSchema` option
 * (TypeORM, Sequelize, pgjdbc-style), pg's `options: '-c search_path=…'` or knex's `searchPath`,
 * in the same object or an enclosing one (knex keeps `searchPath` beside `connection: { database }`).
 * The nearest wins.
 */
function optionSchema(properties: readonly ConfigProperty[], database: ConfigProperty): { schema?: string; searched?: string[] } {
  let best: { schema: string; searched?: string[]; size: number } | undefined;
  for (const p of properties) {
    if (!encloses(p.objectSpan, database.objectSpan)) continue;
    const value = literalValue(p);
    if (value === undefined) continue;
    const { schema, searched } = optionValueSchema(p.key, value);
    if (!schema || !isDatabaseName(schema)) continue;
    const size = p.objectSpan!.end - p.objectSpan!.start;
    if (!best || size < best.size) best = { schema: schema.toLowerCase(), searched, size };
  }
  return best ? { schema: best.schema, ...(best.searched ? { searched: best.searched } : {}) } : {};
}

const DRIVER_KIND: Array<[RegExp, DatabaseKind]> = [
  [/^(?:postgres(?:ql)?|pg|pg-native|cockroachdb|aurora-postgres|redshift)$/i, 'postgresql'],
  [/^(?:mysql2?|mariadb|aurora-mysql)$/i, 'mysql'],
  [/^mongo(?:db)?$/i, 'mongodb'],
];

/** The engine a driver name (`postgres`, `pg`, `mysql2`, `mariadb`, `mongodb`) stands for. */
function engineOf(driver: string): DatabaseKind | undefined {
  return DRIVER_KIND.find(([pattern]) => pattern.test(driver))?.[1];
}

/** The engine a `type` / `client` / `dialect` option beside (or around) a `database` option names: TypeORM, knex, Sequelize. */
function driverKind(properties: readonly ConfigProperty[], database: ConfigProperty): DatabaseKind | undefined {
  for (const p of properties) {
    if ((p.key !== 'type' && p.key !== 'client' && p.key !== 'dialect') || !encloses(p.objectSpan, database.objectSpan)) continue;
    const value = literalValue(p);
    const kind = value === undefined ? undefined : engineOf(value);
    if (kind) return kind;
  }
  return undefined;
}

/**
 * One connection per database name. Its `hosts` are known only when every setting naming it
 * also says which server: a setting without a host could point anywhere. Its `schemas` are the
 * PostgreSQL schemas its settings put it in, a setting naming none counting as the default one;
 * absent when none names any other.
 */
function mergeConnections(found: Found[]): DatabaseConnection[] {
  const byName = new Map<string, DatabaseConnection & { unplaced: boolean; schemaSet: Set<string>; searchedSet: Set<string> }>();
  for (const item of found) {
    const key = item.name.toLowerCase();
    let connection = byName.get(key);
    if (!connection)
      byName.set(
        key,
        (connection = {
          name: item.name,
          kind: item.kind,
          sources: [],
          hosts: [],
          unplaced: false,
          schemaSet: new Set(),
          searchedSet: new Set(),
        }),
      );
    connection.sources.push(item.source);
    if (connection.kind === 'unknown') connection.kind = item.kind;
    if (!item.host) connection.unplaced = true;
    else if (!connection.hosts!.includes(item.host)) connection.hosts!.push(item.host);
    connection.schemaSet.add(item.schema ?? DEFAULT_SCHEMA);
    for (const schema of item.searched ?? []) connection.searchedSet.add(schema);
  }
  return [...byName.values()].map(({ unplaced, hosts, schemaSet, searchedSet, ...connection }) => {
    const schemas = connection.kind === 'mysql' || connection.kind === 'mongodb' ? [] : [...schemaSet].sort();
    const placed = unplaced || hosts!.length === 0 ? connection : { ...connection, hosts: hosts!.sort() };
    if (!schemas.some((s) => s !== DEFAULT_SCHEMA)) return placed;
    const searched = [...searchedSet].filter((s) => !schemas.includes(s)).sort();
    return { ...placed, schemas, ...(searched.length > 0 ? { searchedSchemas: searched } : {}) };
  });
}
