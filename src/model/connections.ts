import type { ConfigProperty, DatabaseKind, EnvFileEntry, FileFacts, K8sManifest, Span } from '../analysis/facts.js';
import { parseConnectionUrl as parseUrl } from '../analysis/connection-url.js';
import { spanToRange } from '../analysis/text.js';
import type { DatabaseConnection, SettingSource } from './model.js';

/** Env keys that name a database: DB_NAME, DB_DATABASE, MYSQL_DATABASE, POSTGRES_DB, PG_DATABASE, PGDATABASE, MONGO_DB… */
const DB_NAME_KEY = /^(?:[A-Z0-9]+_)*(?:DB|DATABASE)(?:_NAME)?$|^PGDATABASE$|^[A-Z0-9_]*DB_NAME$/;
/** Env keys that hold a connection URL. */
const DB_URL_KEY = /(?:^|_)(?:DATABASE|DB|MONGO(?:DB)?|POSTGRES(?:QL)?|PG|MYSQL)_?(?:URL|URI)$/;
/** Object keys that name a database in connection options. */
const DB_PROPERTY = new Set(['database', 'db', 'dbName', 'dbname']);

const SCHEME_KIND: Record<string, DatabaseKind> = {
  mysql: 'mysql',
  mysql2: 'mysql',
  mariadb: 'mysql',
  postgres: 'postgresql',
  postgresql: 'postgresql',
  'mongodb+srv': 'mongodb',
  mongodb: 'mongodb',
};

function kindFromKey(key: string): DatabaseKind {
  const upper = key.toUpperCase();
  if (/(^|_)(PG|POSTGRES|POSTGRESQL|TIMESCALE)/.test(upper) || upper === 'PGDATABASE') return 'postgresql';
  if (/(^|_)(MYSQL|MARIADB)/.test(upper)) return 'mysql';
  if (/MONGO/.test(upper)) return 'mongodb';
  return 'unknown';
}

function kindFromCallee(callee: string | undefined): DatabaseKind {
  if (!callee) return 'unknown';
  if (/mysql|createPool|createConnection/i.test(callee)) return /mongo/i.test(callee) ? 'mongodb' : 'mysql';
  if (/\bPool\b|\bClient\b|pg|postgres/i.test(callee)) return 'postgresql';
  if (/mongo/i.test(callee)) return 'mongodb';
  return 'unknown';
}

/**
 * Database name, engine and host of a connection URL, e.g. `postgres://u:p@h:5432/app?sslmode=require`,
 * split as drivers split it (src/analysis/connection-url.ts): nothing of the userinfo is ever a name.
 */
export function parseConnectionUrl(text: string): { name?: string; kind: DatabaseKind; host?: string } | undefined {
  const url = parseUrl(text);
  const kind = url && SCHEME_KIND[url.scheme];
  if (!url || !kind) return undefined;
  return { name: url.database, kind, ...(url.host ? { host: url.host } : {}) };
}

/** Env keys that name a database server: DB_HOST, MYSQL_HOST, PGHOST, POSTGRES_HOST, DATABASE_HOST… */
const DB_HOST_KEY = /^(?:[A-Z0-9]+_)*(?:DB|DATABASE|MYSQL|MARIADB|PG|POSTGRES|POSTGRESQL|MONGO|MONGODB)_?HOST(?:NAME)?$/;

/** A value that is a placeholder rather than a database name (`${DB_NAME}`, `<db>`, `your_db_here`). */
function isPlaceholderValue(value: string): boolean {
  return value === '' || /[${}<>]/.test(value) || /^your[_-]|changeme|_here$/i.test(value);
}

interface Found {
  name: string;
  kind: DatabaseKind;
  source: SettingSource;
  /** The server it is on, when the same settings say (a URL's host, a DB_HOST beside the DB_NAME). */
  host?: string;
}

/**
 * Every database a set of files (one service's) connects to: .env entries, code
 * defaults (`process.env.PG_DATABASE || 'app'`), `database:` options, connection
 * URLs, Kubernetes ConfigMaps (and Secrets' `stringData`), literal `env` values of
 * Kubernetes workloads and docker-compose environments. The code default is real
 * configuration too.
 */
export function findConnections(
  files: readonly FileFacts[],
  externalEntries: Array<{ file: FileFacts; entries: NonNullable<FileFacts['env']>; origin: 'compose' | 'manifest' }> = [],
): DatabaseConnection[] {
  const found: Found[] = [];
  const add = (
    file: FileFacts,
    span: Span,
    key: string,
    name: string,
    kind: DatabaseKind,
    origin: SettingSource['origin'],
    host?: string,
  ) => {
    if (isPlaceholderValue(name)) return;
    found.push({
      name,
      kind,
      source: { file: file.path, range: spanToRange(file.lineStarts, span), key, origin },
      ...(host ? { host } : {}),
    });
  };
  // One group of settings (an env file, a compose service's environment, a manifest): a DB_NAME
  // is on the server its group's host key of the same engine names, when exactly one does.
  const fromEnvEntries = (file: FileFacts, described: NonNullable<FileFacts['env']>, origin: SettingSource['origin']) => {
    // Secrets (values the facts describe instead of keeping) name no database nor host.
    const entries = described.filter((e): e is typeof e & { value: string } => e.value !== undefined);
    const hosts = entries
      .filter((e) => DB_HOST_KEY.test(e.key.toUpperCase()) && !isPlaceholderValue(e.value))
      .map((e) => ({ kind: kindFromKey(e.key), host: e.value.trim().toLowerCase() }));
    const hostFor = (kind: DatabaseKind) => {
      const candidates = new Set(hosts.filter((h) => h.kind === kind || h.kind === 'unknown' || kind === 'unknown').map((h) => h.host));
      return candidates.size === 1 ? [...candidates][0] : undefined;
    };
    for (const entry of entries) {
      const key = entry.key.toUpperCase();
      if (DB_NAME_KEY.test(key)) add(file, entry.valueSpan, entry.key, entry.value, kindFromKey(key), origin, hostFor(kindFromKey(key)));
      else if (DB_URL_KEY.test(key) || /^[a-z0-9+]+:\/\//i.test(entry.value)) {
        const url = parseConnectionUrl(entry.value);
        if (url?.name) add(file, entry.valueSpan, entry.key, url.name, url.kind, 'connection-url', url.host);
      }
    }
  };
  for (const file of files) {
    if (file.env) fromEnvEntries(file, file.env, 'env-file');
    // A ConfigMap's data is the environment it injects (`envFrom`) and a workload's `env` is that environment itself: both count like an env file.
    for (const manifest of file.k8s ?? []) fromEnvEntries(file, manifestSettings(manifest), 'manifest');
    const script = file.script;
    if (!script) continue;
    const coveredSpans = new Set<number>();
    for (const property of script.configProperties) {
      if (!DB_PROPERTY.has(property.key) || property.path.length > 1) continue;
      if (property.valueKind !== 'string' && property.valueKind !== 'env-default') continue;
      if (property.value === undefined) continue;
      const kind = property.envName ? kindFromKey(property.envName) : 'unknown';
      const origin = property.valueKind === 'env-default' ? 'code-default' : 'config';
      add(
        file,
        property.valueSpan,
        property.envName ?? property.key,
        property.value,
        kind !== 'unknown' ? kind : kindFromCallee(property.callee),
        origin,
        siblingHost(script.configProperties, property),
      );
      coveredSpans.add(property.valueSpan.start);
    }
    for (const envDefault of script.envDefaults) {
      const key = envDefault.name.toUpperCase();
      if (envDefault.valueKind !== 'string' || envDefault.value === undefined) continue;
      if (DB_NAME_KEY.test(key)) {
        if (!coveredSpans.has(envDefault.fileSpan.start))
          add(file, envDefault.fileSpan, envDefault.name, envDefault.value, kindFromKey(key), 'code-default');
      } else if (DB_URL_KEY.test(key)) {
        const url = parseConnectionUrl(envDefault.value);
        if (url?.name) add(file, envDefault.fileSpan, envDefault.name, url.name, url.kind, 'connection-url', url.host);
      }
    }
    for (const literal of script.connectionStrings) {
      const url = parseConnectionUrl(literal.value);
      if (url?.name) add(file, literal.fileSpan, 'connection string', url.name, url.kind, 'connection-url', url.host);
    }
  }
  for (const { file, entries, origin } of externalEntries) fromEnvEntries(file, entries, origin);
  return mergeConnections(found);
}

/**
 * The plain-text literal entries of a manifest (ConfigMap and Secret `stringData` entries, workload
 * `env` values): a Secret's base64 `data` is not decoded for this, templates are no names, and
 * `valueFrom` references never became entries.
 */
export function manifestSettings(manifest: K8sManifest): EnvFileEntry[] {
  return manifest.entries.filter((entry) => entry.encoding === 'plain' && !entry.templated);
}

/** The literal `host` beside a `database` option in the same object (`createPool({ host: 'billing-db', database: 'app' })`). */
function siblingHost(properties: readonly ConfigProperty[], database: ConfigProperty): string | undefined {
  const span = database.objectSpan;
  if (!span) return undefined;
  const host = properties.find(
    (p) =>
      (p.key === 'host' || p.key === 'hostname') &&
      p.objectSpan?.start === span.start &&
      p.objectSpan.end === span.end &&
      (p.valueKind === 'string' || p.valueKind === 'env-default'),
  );
  const value = host?.value?.trim().toLowerCase();
  return value && !isPlaceholderValue(value) && /^[\w.-]+$/.test(value) ? value : undefined;
}

/**
 * One connection per database name. Its `hosts` are known only when every setting naming it
 * also says which server: a setting without a host could point anywhere.
 */
function mergeConnections(found: Found[]): DatabaseConnection[] {
  const byName = new Map<string, DatabaseConnection & { unplaced: boolean }>();
  for (const item of found) {
    const key = item.name.toLowerCase();
    let connection = byName.get(key);
    if (!connection) byName.set(key, (connection = { name: item.name, kind: item.kind, sources: [], hosts: [], unplaced: false }));
    connection.sources.push(item.source);
    if (connection.kind === 'unknown') connection.kind = item.kind;
    if (!item.host) connection.unplaced = true;
    else if (!connection.hosts!.includes(item.host)) connection.hosts!.push(item.host);
  }
  return [...byName.values()].map(({ unplaced, hosts, ...connection }) =>
    unplaced || hosts!.length === 0 ? connection : { ...connection, hosts: hosts!.sort() },
  );
}
