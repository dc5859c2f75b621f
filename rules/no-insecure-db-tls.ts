import { defineRule } from '../src/engine/define-rule.js';
import { spanInLiteral, spanInValue } from './support/redact.js';
import { isTestFile } from '../src/model/paths.js';
import { isDatabaseHostKey, isDatabaseUrlKey } from '../src/model/database-settings.js';
import { isDriverPackageCode } from '../src/model/driver-code.js';
import type { ConfigProperty, EnvFileEntry, FileFacts, Span } from '../src/analysis/facts.js';
import { replaceSpan, replaceWithin, suggestions } from './support/text-fixes.js';

type UrlFinding = 'tlsOffInUrl' | 'noVerifyInUrl' | 'plaintextFallbackInUrl';

/**
 * TLS settings of connection URLs, by lower-cased `key=value`: libpq/node-postgres `sslmode`,
 * MySQL `ssl-mode`, JDBC-style `useSSL`, and MongoDB's `tls`/`ssl` flags. `sslmode=prefer`
 * is not reported: drivers disagree on it (node-postgres verifies, libpq encrypts when it can).
 */
const URL_SETTINGS: Record<string, UrlFinding> = {
  'sslmode=disable': 'tlsOffInUrl',
  'ssl-mode=disabled': 'tlsOffInUrl',
  'sslmode=disabled': 'tlsOffInUrl',
  'ssl=false': 'tlsOffInUrl',
  'ssl=0': 'tlsOffInUrl',
  'tls=false': 'tlsOffInUrl',
  'usessl=false': 'tlsOffInUrl',
  'sslmode=no-verify': 'noVerifyInUrl',
  'tlsallowinvalidcertificates=true': 'noVerifyInUrl',
  'tlsinsecure=true': 'noVerifyInUrl',
  'sslvalidate=false': 'noVerifyInUrl',
  'sslmode=allow': 'plaintextFallbackInUrl',
};

/**
 * The value that keeps each weak URL setting's meaning but requires TLS: encryption without the
 * CA certificate (`require`), which may still refuse to connect, hence a suggestion, not a fix.
 */
const SECURE_VALUE: Record<string, string> = {
  'sslmode=disable': 'require',
  'sslmode=disabled': 'require',
  'sslmode=allow': 'require',
  'ssl-mode=disabled': 'REQUIRED',
  'ssl=false': 'true',
  'ssl=0': '1',
  'tls=false': 'true',
  'usessl=false': 'true',
};

/** `sslmode=disable` → `sslmode=require`, the key as written. */
function secureSetting(setting: string): string | undefined {
  const value = SECURE_VALUE[setting.toLowerCase()];
  return value === undefined ? undefined : `${setting.slice(0, setting.indexOf('='))}=${value}`;
}

/** A bare libpq sslmode value (`PGSSLMODE=disable`) that `require` replaces. */
const WEAK_SSLMODE_VALUE = /^(?:disable|disabled|allow)$/i;

/** Every TLS-weakening `key=value` in the query of a connection URL, with its span in the text. */
function weakUrlSettings(url: string): Array<{ setting: string; finding: UrlFinding; start: number; end: number }> {
  const query = url.indexOf('?');
  if (!/^\s*[a-z][a-z0-9+.-]*:\/\//i.test(url) || query < 0) return [];
  const found: Array<{ setting: string; finding: UrlFinding; start: number; end: number }> = [];
  for (const match of url.slice(query).matchAll(/[?&;]([A-Za-z_-]+)=([^&;#\s]*)/g)) {
    const setting = `${match[1]}=${match[2]}`;
    const finding = URL_SETTINGS[setting.toLowerCase()];
    if (!finding) continue;
    const start = query + match.index + 1;
    found.push({ setting, finding, start, end: start + setting.length });
  }
  return found;
}

/** ADO.NET keywords naming the server (`Server`, `Data Source`, `Host`, `Address`), lower-cased with single inner spaces. */
const ADO_SERVER_KEYS = new Set(['server', 'data source', 'datasource', 'host', 'address', 'addr', 'network address']);

/**
 * TLS settings of ADO.NET connection strings (SQL Server's Microsoft.Data.SqlClient, Npgsql, MySqlConnector), by
 * lower-cased keyword with single inner spaces and lower-cased value: `Encrypt=False` (and `Optional`, its name since
 * SqlClient 4) sends in the clear; `TrustServerCertificate=True` encrypts but accepts any certificate; Npgsql's and
 * MySQL's `SSL Mode=Disable` / `None` is plaintext.
 */
const ADO_SETTINGS: Record<string, Record<string, UrlFinding>> = {
  encrypt: { false: 'tlsOffInUrl', no: 'tlsOffInUrl', optional: 'tlsOffInUrl' },
  trustservercertificate: { true: 'noVerifyInUrl', yes: 'noVerifyInUrl' },
  'trust server certificate': { true: 'noVerifyInUrl', yes: 'noVerifyInUrl' },
  sslmode: { disable: 'tlsOffInUrl', disabled: 'tlsOffInUrl', none: 'tlsOffInUrl' },
  'ssl mode': { disable: 'tlsOffInUrl', disabled: 'tlsOffInUrl', none: 'tlsOffInUrl' },
};

/** The value that turns each weak ADO.NET setting around (which may refuse to connect: a suggestion, not a fix). */
const ADO_SECURE_VALUE: Record<string, string> = {
  encrypt: 'True',
  trustservercertificate: 'False',
  'trust server certificate': 'False',
  sslmode: 'Require',
  'ssl mode': 'Require',
};

interface AdoSetting {
  /** `key=value` as written. */
  setting: string;
  /** The keyword, lower-cased with single inner spaces. */
  key: string;
  value: string;
  start: number;
  end: number;
}

/**
 * The `Key=Value` segments of an ADO.NET connection string (`Server=sql.internal;Database=Ledger;Encrypt=False`), with
 * their spans in the text; none unless the text is one (no `://`, a `;`, every segment a `key=value` with a word key,
 * a server keyword among them). Quoted values are not unquoted: a TLS switch is never quoted. Linear.
 */
function adoSettings(text: string): AdoSetting[] {
  if (text.includes('://') || !text.includes(';')) return [];
  const found: AdoSetting[] = [];
  let from = 0;
  while (from <= text.length) {
    const semi = text.indexOf(';', from);
    const end = semi < 0 ? text.length : semi;
    const raw = text.slice(from, end);
    const lead = raw.length - raw.trimStart().length;
    const segment = raw.trim();
    if (segment !== '') {
      const eq = segment.indexOf('=');
      if (eq <= 0) return [];
      const key = segment.slice(0, eq).trim().toLowerCase().replace(/\s+/g, ' ');
      if (!/^[a-z][a-z_ ]*$/.test(key)) return [];
      const start = from + lead;
      found.push({ setting: segment, key, value: segment.slice(eq + 1).trim(), start, end: start + segment.length });
    }
    if (semi < 0) break;
    from = semi + 1;
  }
  return found.length >= 2 && found.some((s) => ADO_SERVER_KEYS.has(s.key)) ? found : [];
}

/**
 * The one server an ADO.NET string names, lower-cased, without `tcp:`, its `,port` and its `\\instance`: `.`, `(local)`
 * and `(localdb)` are SQL Server's names for the same machine.
 */
function adoIsLocal(settings: readonly AdoSetting[], path: string, ownContainers: ReadonlySet<string>): boolean {
  const server = settings.find((s) => ADO_SERVER_KEYS.has(s.key));
  if (!server) return false;
  const host = server.value
    .toLowerCase()
    .replace(/^(?:tcp|np|lpc):/, '')
    .replace(/,\d*$/, '')
    .replace(/\\.*$/, '');
  if (host === '.' || host === '(local)' || host === '(localdb)' || LOOPBACK_HOST.test(host) || ownContainers.has(host)) return true;
  return isExampleFile(path) && /^[a-z0-9_-]+$/.test(host);
}

/** The loopback interface and Docker Desktop's host: traffic to them never crosses a network. */
const LOOPBACK_HOST = /^(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\]|0\.0\.0\.0|host\.docker\.internal)$/;

/**
 * The one server a connection URL names, lower-cased, without its port; undefined for several or none. The URL is
 * read as the facts keep it (a password masked with `*`, so an `@` before the server ends the userinfo).
 */
function urlHost(url: string): string | undefined {
  const scheme = /^\s*(?:jdbc:)?[a-z][a-z0-9+.-]*:\/\//i.exec(url);
  if (!scheme) return undefined;
  let end = url.length;
  for (let i = scheme[0].length; i < url.length; i++)
    if (url[i] === '/' || url[i] === '?' || url[i] === '#') {
      end = i;
      break;
    }
  const authority = url.slice(scheme[0].length, end);
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  if (hostPort === '' || hostPort.includes(',')) return undefined;
  return hostPort.replace(/:\d*$/, '').toLowerCase();
}

/** `.env.example`, `.env.sample`, `.env.template`, `example.env`, `.env.dist`: templates developers copy to run locally. */
function isExampleFile(path: string): boolean {
  return /(?:^|[._-])(?:example|examples|sample|template|tmpl|dist)(?:[._-]|$)/i.test(path.slice(path.lastIndexOf('/') + 1));
}

/**
 * A URL to a server on the same machine or, in an example file, on the developer's compose network (a one-word host,
 * `db`, `postgres`): TLS protects nothing there and a local server has no certificate, so `sslmode=disable` is the
 * setting that works (golang-migrate's and pgx's docs write it, as Cloud SQL's proxy on 127.0.0.1 takes it). A
 * deployed file's one-word host is a cluster service, across nodes: still reported.
 */
function isLocalServer(url: string, path: string, ownContainers: ReadonlySet<string>): boolean {
  const host = urlHost(url);
  if (host === undefined) return false;
  return LOOPBACK_HOST.test(host) || ownContainers.has(host) || (isExampleFile(path) && /^[a-z0-9_-]+$/.test(host));
}

/**
 * Database images whose container serves the stack's clients on the compose network: the official PostgreSQL image
 * and the ones built on it (PostGIS, TimescaleDB, pgvector, Bitnami's), MySQL, MariaDB, Percona, MongoDB, SQL Server.
 * The PostgreSQL and MariaDB images ship no TLS and the others a self-signed certificate, so a client of the same
 * compose file must say `sslmode=disable` (lib/pq and golang-migrate default to `require`) or trust the certificate.
 */
const COMPOSE_DATABASE_IMAGE =
  /^(?:postgres|postgis\/postgis|timescale\/timescaledb|pgvector\/pgvector|mysql|mariadb|percona|percona\/percona-server|mongo|bitnami\/(?:postgresql|mysql|mariadb|mongodb)|mssql\/server|azure-sql-edge)$/;

/** An image reference's repository without registry, `library/`, tag or digest: `docker.io/library/postgres:16-alpine` → `postgres`. */
function imageRepository(image: string): string {
  let name = image.toLowerCase();
  const digest = name.indexOf('@');
  if (digest >= 0) name = name.slice(0, digest);
  const tag = name.lastIndexOf(':');
  if (tag > name.lastIndexOf('/')) name = name.slice(0, tag);
  const parts = name.split('/');
  // A first part with a dot or a port, or `localhost`, is a registry (`mcr.microsoft.com/mssql/server`).
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost')) parts.shift();
  if (parts.length > 1 && parts[0] === 'library') parts.shift();
  return parts.join('/');
}

/**
 * The services of a compose file that run a database image (lower-cased names): a host naming one is the stack's own
 * database container, reached over the compose network on the same machine — traffic that never crosses a network.
 */
function composeDatabaseContainers(file: FileFacts): ReadonlySet<string> {
  const out = new Set<string>();
  for (const service of file.compose ?? [])
    if (service.image && COMPOSE_DATABASE_IMAGE.test(imageRepository(service.image))) out.add(service.service.toLowerCase());
  return out;
}

/** No own containers: a setting outside a compose file. */
const NO_CONTAINERS: ReadonlySet<string> = new Set();

/** `PGSSLMODE`, `DB_SSLMODE`, `DATABASE_SSL_MODE`: variables that hold a bare libpq sslmode. */
function isSslModeVariable(name: string): boolean {
  return /(?:^|_)SSL_?MODE$/i.test(name) || /^PGSSLMODE$/i.test(name);
}

/** `.env.test`, `test.env`: settings for a throwaway test database. */
function isTestEnvFile(path: string): boolean {
  return /(?:^|[._-])test(?:[._-]|$)/i.test(path.slice(path.lastIndexOf('/') + 1));
}

/** Calls whose options object configures a database client (`mysql.createPool`, `new Pool`, `new Sequelize`). */
const DATABASE_CALLEE =
  /(?:^|[.\s])(?:createPool|createConnection|createPoolCluster|Pool|ConnectionPool|Client|Sequelize|knex|Knex|DataSource|createDataSource|MongoClient|connect|createConnections|forRoot|forRootAsync|PrismaClient|drizzle|postgres|Redis|createClient|Cluster)$/;
/** Keys that sit beside `ssl` in a database options object; not `port`, which every server has. */
const DATABASE_KEY = new Set([
  'host',
  'hostname',
  'database',
  'db',
  'dbName',
  'user',
  'username',
  'password',
  'connectionString',
  'connectionLimit',
  'dialect',
  'socketPath',
]);
/** Keys whose object is a database connection: knex `connection`, Sequelize `dialectOptions`. */
const DATABASE_PARENT = new Set([
  'connection',
  'dialectOptions',
  'db',
  'database',
  'datasource',
  'dataSource',
  'typeorm',
  'mysql',
  'postgres',
  'pg',
  'sequelize',
  'knex',
  'mongo',
  'mongodb',
]);

/** Two spans cover the same text. */
function sameSpan(a: Span | undefined, b: Span | undefined): boolean {
  return !!a && !!b && a.start === b.start && a.end === b.end;
}

function isDatabaseOptions(property: ConfigProperty, all: readonly ConfigProperty[]): boolean {
  if (property.callee && DATABASE_CALLEE.test(property.callee)) return true;
  const parent = property.path[property.path.length - 1];
  if (parent && DATABASE_PARENT.has(parent)) return true;
  // A sibling connection key: held by the same object literal (not a nested or neighbouring one).
  return all.some((other) => other !== property && DATABASE_KEY.has(other.key) && sameSpan(other.objectSpan, property.objectSpan));
}

export default defineRule({
  meta: {
    id: 'no-insecure-db-tls',
    category: 'security',
    description: 'Disallow database and TLS settings that turn off encryption or certificate checks',
    rationale:
      '`rejectUnauthorized: false`, `sslmode=no-verify` and `NODE_TLS_REJECT_UNAUTHORIZED=0` keep the padlock but accept any certificate, so anyone on the network path can read and change the traffic, credentials included; `sslmode=disable` and `ssl: false` send it in the clear.',
    defaultSeverity: 'error',
    // High: whoever sits on the network path reads or alters credentials and data (CWE-295, CWE-319).
    securitySeverity: 7.5,
    messages: {
      certificateCheckOff: "'rejectUnauthorized: false' accepts any server certificate, so the connection can be intercepted.",
      serverCertificateTrusted: "'trustServerCertificate: true' accepts any server certificate, so the connection can be intercepted.",
      sslOff: "Database option '{{key}}: false' sends credentials and data unencrypted.",
      tlsOffInUrl: "Connection setting '{{setting}}' sends credentials and data unencrypted.",
      noVerifyInUrl: "Connection setting '{{setting}}' accepts any server certificate, so the connection can be intercepted.",
      plaintextFallbackInUrl: "Connection setting '{{setting}}' connects without TLS unless the server insists on it.",
      processWideCheckOff: "'NODE_TLS_REJECT_UNAUTHORIZED=0' turns off certificate checks for every TLS connection of the process.",
    },
    examples: {
      invalid: [
        {
          filename: 'services/clinical/src/db.ts',
          code: 'export const pool = new Pool({ host: process.env.PG_HOST, ssl: { rejectUnauthorized: false } });',
        },
      ],
      valid: [
        {
          filename: 'services/clinical/src/db.ts',
          code: "export const pool = new Pool({ host: process.env.PG_HOST, ssl: { ca: readFileSync('/etc/ssl/rds-ca.pem', 'utf8') } });",
        },
      ],
    },
  },
  create(context) {
    // The compose file's database containers while its entries are read (see composeEntry): hosts whose traffic stays local.
    let ownContainers = NO_CONTAINERS;
    const containersByFile = new Map<string, ReadonlySet<string>>();
    const reportUrl = (
      file: FileFacts,
      value: string,
      toFile: (span: Span) => Span | undefined,
      fallback: Span,
      source: string,
      // Where the file holds the value's text, when the span reported differs (a quoted .env or compose value).
      toText: (span: Span) => Span | undefined = toFile,
    ) => {
      if (isLocalServer(value, file.path, ownContainers)) return;
      for (const weak of weakUrlSettings(value)) {
        const exact = toFile(weak);
        const text = toText(weak);
        const span = exact ?? fallback;
        const secure = secureSetting(weak.setting);
        context.report({
          messageId: weak.finding,
          data: { setting: weak.setting },
          at: { span },
          suggest: suggestions(
            text && secure ? replaceSpan(file, text, weak.setting, secure, `Replace '${weak.setting}' with '${secure}'.`) : undefined,
          ),
          severity: weak.finding === 'plaintextFallbackInUrl' ? 'warn' : undefined,
          help:
            weak.finding === 'noVerifyInUrl'
              ? "Verify the server: use 'sslmode=verify-full' and give the driver the server's CA certificate."
              : "Require TLS with certificate checks, e.g. 'sslmode=verify-full' with the server's CA certificate.",
          fingerprintText: `${source}\0${weak.setting.toLowerCase()}`,
        });
      }
    };

    // An ADO.NET connection string's TLS switches (`Encrypt=False`, `TrustServerCertificate=True`).
    const reportAdo = (...[file, value, toFile, fallback, source, toText = toFile]: Parameters<typeof reportUrl>) => {
      const settings = adoSettings(value);
      if (settings.length === 0 || adoIsLocal(settings, file.path, ownContainers)) return;
      for (const weak of settings) {
        const finding = ADO_SETTINGS[weak.key]?.[weak.value.toLowerCase()];
        if (!finding) continue;
        const text = toText(weak);
        const secureValue = ADO_SECURE_VALUE[weak.key];
        const secure = `${weak.setting.slice(0, weak.setting.indexOf('=') + 1)}${secureValue}`;
        context.report({
          messageId: finding,
          data: { setting: weak.setting },
          at: { span: toFile(weak) ?? fallback },
          suggest: suggestions(
            text ? replaceSpan(file, text, weak.setting, secure, `Replace '${weak.setting}' with '${secure}'.`) : undefined,
          ),
          help:
            finding === 'noVerifyInUrl'
              ? "Verify the server: remove 'TrustServerCertificate=True' and make the client trust the server's certificate (its CA in the machine's store)."
              : "Require TLS with certificate checks: 'Encrypt=True' (or 'Strict'), the server's certificate trusted by the client.",
          fingerprintText: `${source}\0${weak.key}=${weak.value.toLowerCase()}`,
        });
      }
    };

    /** A connection string's TLS settings, whichever form it has: URL query settings and ADO.NET switches. */
    const reportConnectionString = (...args: Parameters<typeof reportUrl>) => {
      reportUrl(...args);
      reportAdo(...args);
    };

    /** `hosts`: the servers the entry's environment names (a compose service's `PGHOST`, its URLs' hosts), for a bare sslmode. */
    const reportEnvEntry = (file: FileFacts, entry: EnvFileEntry, hosts?: readonly string[]) => {
      const valueSpan = entry.valueSpan;
      // A secret's value is not kept, and holds no TLS setting.
      if (entry.value === undefined) return;
      if (entry.key === 'NODE_TLS_REJECT_UNAUTHORIZED' && entry.value.trim() === '0') {
        context.report({
          messageId: 'processWideCheckOff',
          at: { span: { start: entry.keySpan.start, end: valueSpan.end } },
          help: "Remove it; give the client that needs it the server's CA certificate instead.",
          fingerprintText: entry.key,
        });
      } else if (isSslModeVariable(entry.key) && /^(?:disable|disabled|no-verify|allow)$/i.test(entry.value.trim())) {
        if (hosts && hosts.length > 0 && hosts.every((host) => ownContainers.has(host))) return;
        const setting = `${entry.key}=${entry.value.trim()}`;
        const finding = URL_SETTINGS[`sslmode=${entry.value.trim().toLowerCase()}`] ?? 'tlsOffInUrl';
        const weakValue = entry.value.trim();
        context.report({
          messageId: finding,
          data: { setting },
          at: { span: { start: entry.keySpan.start, end: valueSpan.end } },
          suggest: suggestions(
            WEAK_SSLMODE_VALUE.test(weakValue)
              ? replaceWithin(file, valueSpan, weakValue, 'require', `Replace '${setting}' with '${entry.key}=require'.`)
              : undefined,
          ),
          severity: finding === 'plaintextFallbackInUrl' ? 'warn' : undefined,
          help: "Use 'verify-full' and give the driver the server's CA certificate.",
          fingerprintText: setting.toLowerCase(),
        });
      } else {
        const toFile = (s: Span) => ({ start: valueSpan.start + s.start, end: valueSpan.start + s.end });
        reportConnectionString(file, entry.value, toFile, valueSpan, entry.key, spanInValue(file, valueSpan, entry.value));
      }
    };

    /** Settings for a throwaway test database are not deployed. */
    const deployed = (file: FileFacts) => !isTestFile(file.path) && !isTestEnvFile(file.path);
    return {
      envEntry({ file, entry }) {
        if (deployed(file)) reportEnvEntry(file, entry);
      },
      // A URL (or a bare sslmode beside a host) to a database container of the same compose file is the stack's own traffic.
      composeEntry({ file, entry, composeService }) {
        if (!deployed(file)) return;
        let containers = containersByFile.get(file.path);
        if (!containers) containersByFile.set(file.path, (containers = composeDatabaseContainers(file)));
        const environment = file.compose?.find((service) => service.service === composeService)?.entries ?? [];
        const hosts = environment.flatMap((other) => {
          if (other.value === undefined) return [];
          if (isDatabaseHostKey(other.key)) return [other.value.trim().toLowerCase()];
          const host = isDatabaseUrlKey(other.key) ? urlHost(other.value) : undefined;
          return host === undefined ? [] : [host];
        });
        ownContainers = containers;
        try {
          reportEnvEntry(file, entry, hosts);
        } finally {
          ownContainers = NO_CONTAINERS;
        }
      },
      // `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'` in code: set for the whole process, whatever the deployment says.
      envWrite({ file, write }) {
        if (!deployed(file) || write.value === undefined) return;
        const value = write.value.trim();
        if (write.name === 'NODE_TLS_REJECT_UNAUTHORIZED' && value === '0') {
          context.report({
            messageId: 'processWideCheckOff',
            at: { node: write },
            help: "Remove the assignment; give the client that needs it the server's CA certificate instead.",
            fingerprintText: `${write.name}\0write`,
          });
        } else if (isSslModeVariable(write.name) && /^(?:disable|disabled|no-verify|allow)$/i.test(value)) {
          const finding = URL_SETTINGS[`sslmode=${value.toLowerCase()}`] ?? 'tlsOffInUrl';
          context.report({
            messageId: finding,
            data: { setting: `${write.name}=${value}` },
            at: { node: write },
            suggest: suggestions(
              WEAK_SSLMODE_VALUE.test(value)
                ? replaceWithin(file, write.fileSpan, value, 'require', `Set '${write.name}' to 'require'.`)
                : undefined,
            ),
            severity: finding === 'plaintextFallbackInUrl' ? 'warn' : undefined,
            help: "Use 'verify-full' and give the driver the server's CA certificate.",
            fingerprintText: `${write.name}\0write`,
          });
        }
      },
      configProperty(event) {
        const { property, file } = event;
        if (property.valueKind !== 'boolean' || isTestFile(file.path)) return;
        // A driver's own code (a driver's package outside every service that no service runs) implements the TLS modes and
        // option defaults its users choose from: `case 'no-verify': return { rejectUnauthorized: false }` configures no
        // connection. The same code in any other file outside the services (`scripts/`) is an application's, reported.
        if (
          property.optionCode &&
          !event.service &&
          isDriverPackageCode(file.path) &&
          context.project.servicesImporting(file.path).length === 0
        )
          return;
        if (property.key === 'rejectUnauthorized' && property.value === 'false') {
          context.report({
            messageId: 'certificateCheckOff',
            at: { range: event.valueRange },
            suggest: suggestions(replaceSpan(file, property.valueSpan, 'false', 'true', "Set 'rejectUnauthorized: true'.")),
            help: "Give the driver the server's CA certificate (`ssl: { ca }`) and keep certificate checks on.",
            fingerprintText: `${property.callee ?? ''}\0${[...property.path, property.key].join('.')}`,
          });
        } else if (property.key === 'trustServerCertificate' && property.value === 'true') {
          context.report({
            messageId: 'serverCertificateTrusted',
            at: { range: event.valueRange },
            suggest: suggestions(replaceSpan(file, property.valueSpan, 'true', 'false', "Set 'trustServerCertificate: false'.")),
            help: "Give the driver the server's CA certificate (tedious `options: { cryptoCredentialsDetails: { ca } }`) and keep certificate checks on.",
            fingerprintText: `${property.callee ?? ''}\0${[...property.path, property.key].join('.')}`,
          });
        } else if ((property.key === 'ssl' || property.key === 'tls' || property.key === 'encrypt') && property.value === 'false') {
          if (!isDatabaseOptions(property, file.script?.configProperties ?? [])) return;
          context.report({
            messageId: 'sslOff',
            data: { key: property.key },
            at: { range: event.valueRange },
            severity: 'warn',
            help: 'Turn TLS on for every environment that crosses a network (`ssl: { ca }`), or drive it from configuration that defaults to on.',
            fingerprintText: `${property.callee ?? ''}\0${[...property.path, property.key].join('.')}`,
          });
        }
      },
      // An ASP.NET Core `appsettings*.json`'s `ConnectionStrings` (the test environment's files are not read).
      ormConfigEntry({ file, library, entry }) {
        if (library !== 'dotnet' || !deployed(file) || entry.value === undefined) return;
        reportConnectionString(file, entry.value, spanInValue(file, entry.valueSpan, entry.value), entry.valueSpan, entry.key);
      },
      connectionString(event) {
        const { literal, file } = event;
        if (isTestFile(file.path)) return;
        const toFile = (s: Span) => spanInLiteral(file, literal.fileSpan, literal.value, s);
        reportConnectionString(file, literal.value, toFile, literal.fileSpan, 'url');
      },
      envDefault(event) {
        const { envDefault, file } = event;
        if (isTestFile(file.path) || envDefault.valueKind === 'other' || envDefault.value === undefined) return;
        const value = envDefault.value.trim();
        if (envDefault.name === 'NODE_TLS_REJECT_UNAUTHORIZED' && value === '0') {
          context.report({
            messageId: 'processWideCheckOff',
            at: { range: event.range },
            help: "Remove it; give the client that needs it the server's CA certificate instead.",
            fingerprintText: `${envDefault.name}\0${envDefault.shape}`,
          });
        } else if (isSslModeVariable(envDefault.name) && /^(?:disable|disabled|no-verify|allow)$/i.test(value)) {
          const finding = URL_SETTINGS[`sslmode=${value.toLowerCase()}`] ?? 'tlsOffInUrl';
          context.report({
            messageId: finding,
            data: { setting: `${envDefault.name}=${value}` },
            at: { range: event.range },
            suggest: suggestions(
              WEAK_SSLMODE_VALUE.test(value)
                ? replaceWithin(event.file, envDefault.fileSpan, value, 'require', `Default '${envDefault.name}' to 'require'.`)
                : undefined,
            ),
            severity: finding === 'plaintextFallbackInUrl' ? 'warn' : undefined,
            help: "Default to 'verify-full' and give the driver the server's CA certificate.",
            fingerprintText: `${envDefault.name}\0${envDefault.shape}`,
          });
        }
      },
    };
  },
});
