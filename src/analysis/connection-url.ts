/**
 * Connection URLs (`postgres://user:password@host:5432/db?sslmode=require`) split into the parts
 * the linter uses: the database, the server, the query settings — and where the password is, so
 * that it can be described and never repeated.
 *
 * The split follows the drivers (WHATWG `URL`, which node-postgres' pg-connection-string and mysql2
 * use, and mongodb-connection-string-url) where they accept the URL, with one deliberate
 * difference: the userinfo ends at the *last* `@` before the query, not at the first `/`. A password
 * with a raw `/` (`postgres://app:hunter2/TailSecret99@db:5432/billing`) makes WHATWG give up (the
 * port is not a number), and a parser that stops at the first `/` reads `TailSecret99@db:5432` as a
 * database name and prints a part of the password. Whoever wrote such a URL meant `hunter2/TailSecret99`
 * as the password and `billing` as the database; reading it that way keeps the secret inside the
 * userinfo, where nothing is printed. An `@` after a query's `?key=` (`?user=ops@example.com`) is
 * a query value, never the end of a userinfo.
 *
 * Linear in the length of the text, never throws.
 */
import type { Span } from './facts.js';

export interface ConnectionUrlParam {
  /** The key as written (`sslmode`, `ssl-mode`, `useSSL`). */
  key: string;
  /** The value as written, not decoded. */
  value: string;
  /** `key=value` in the URL text. */
  span: Span;
  /** The value alone in the URL text. */
  valueSpan: Span;
}

export interface ConnectionUrl {
  /** Lower-cased scheme without a `jdbc:` prefix: `postgres`, `mysql`, `mongodb+srv`, `redis`. */
  scheme: string;
  /** The userinfo's user, as written (not decoded); absent when there is no userinfo. */
  user?: string;
  /** Where the userinfo's password is in the URL text; absent when there is none or it is empty. */
  password?: Span;
  /** The server, lower-cased and without its port, when the URL names exactly one. */
  host?: string;
  /** That server's port, when the URL writes one. */
  port?: string;
  /** The first path segment, `%`-decoded: the database of SQL drivers, MongoDB's default database. */
  database?: string;
  /** Where the database name is written in the URL text. */
  databaseSpan?: Span;
  /** The query's `key=value` settings, in order (`&` or `;` between them). */
  params: ConnectionUrlParam[];
}

const SCHEME = /^(?:jdbc:)?([A-Za-z][A-Za-z0-9+.-]*):\/\//;
/** One `host`, `host:port`, `[v6]` or `[v6]:port`; `%` for escapes, `$ { }` for template holes (no single host, still a URL). */
const HOST_PORT = /^(?:[\w.%~-]+|\[[0-9A-Fa-f:.]+\])(?::\d*)?$/;
const TEMPLATE_HOLE = /\$\{|\{\{/;

/** The parts of `text` when it starts with `scheme://` (after leading white space); undefined otherwise. */
export function parseConnectionUrl(text: string): ConnectionUrl | undefined {
  const lead = text.length - text.trimStart().length;
  const scheme = SCHEME.exec(text.slice(lead));
  if (!scheme) return undefined;
  const authorityStart = lead + scheme[0].length;
  // The URL ends at white space: a literal may hold a command line around it.
  let end = text.length;
  for (let i = authorityStart; i < text.length; i++) {
    if (/\s/.test(text[i])) {
      end = i;
      break;
    }
  }
  const url: ConnectionUrl = { scheme: scheme[1].toLowerCase(), params: [] };
  // SQL Server's JDBC form: `sqlserver://host:1433;databaseName=app;user=sa;password=…`, properties after the server.
  if (url.scheme === 'sqlserver') {
    const semi = text.indexOf(';', authorityStart);
    if (semi >= 0 && semi < end) return sqlServerUrl(text, semi, end);
  }

  const queryStart = firstQuery(text, authorityStart, end);
  const at = text.lastIndexOf('@', queryStart - 1);
  let hostStart = authorityStart;
  if (at >= authorityStart) {
    const colon = text.indexOf(':', authorityStart);
    const userEnd = colon >= 0 && colon < at ? colon : at;
    url.user = text.slice(authorityStart, userEnd);
    if (userEnd === colon && colon + 1 < at) url.password = { start: colon + 1, end: at };
    hostStart = at + 1;
  }

  let hostEnd = end;
  for (let i = hostStart; i < end; i++) {
    const ch = text[i];
    if (ch === '/' || ch === '?' || ch === '#') {
      hostEnd = i;
      break;
    }
  }
  const hostPort = text.slice(hostStart, hostEnd);
  const hosts = hostPort.split(',');
  const valid = hostPort === '' || TEMPLATE_HOLE.test(hostPort) || hosts.every((h) => HOST_PORT.test(h));
  // Drivers reject a server they cannot read (`app:hunter2` as host and port): such a URL names no database either.
  if (!valid) return url;
  if (hosts.length === 1 && hostPort !== '' && HOST_PORT.test(hostPort)) {
    const port = /:(\d+)$/.exec(hostPort)?.[1];
    if (port) url.port = port;
    url.host = hostPort
      .replace(/:\d*$/, '')
      .replace(/^\[(.*)\]$/, '$1')
      .toLowerCase();
  }

  const pathEnd = Math.min(indexOrEnd(text, '?', hostEnd, end), indexOrEnd(text, '#', hostEnd, end));
  if (text[hostEnd] === '/') {
    const segmentEnd = indexOrEnd(text, '/', hostEnd + 1, pathEnd);
    const database = decodeSegment(text.slice(hostEnd + 1, segmentEnd));
    if (database) {
      url.database = database;
      url.databaseSpan = { start: hostEnd + 1, end: segmentEnd };
    }
  }
  if (text[pathEnd] === '?') url.params = queryParams(text, pathEnd + 1, indexOrEnd(text, '#', pathEnd, end));
  return url;
}

/** SQL Server JDBC properties, by what they name (case-insensitive: `databaseName`, `userName`, `portNumber`). */
const SQLSERVER_DATABASE = /^(?:databasename|database)$/i;
const SQLSERVER_USER = /^(?:user|username)$/i;
const SQLSERVER_HOST = /^servername$/i;
const SQLSERVER_PORT = /^(?:portnumber|port)$/i;

/**
 * `sqlserver://[host][\instance][:port][;key=value]*` (Microsoft's JDBC driver, also what node's mssql and jackson
 * take): the server before the first `;` (read as any URL's), then `;`-separated properties, a value in `{…}` may hold
 * `;`. `password` is the password (never a param), `user` / `userName` the user, `databaseName` the database.
 */
function sqlServerUrl(text: string, semi: number, end: number): ConnectionUrl {
  const url = parseConnectionUrl(text.slice(0, semi)) ?? { scheme: 'sqlserver', params: [] };
  let i = semi + 1;
  while (i < end) {
    // Each segment is scanned once: its `;`, then its `=` within it.
    const next = indexOrEnd(text, ';', i, end);
    const at = text.slice(i, next).indexOf('=');
    if (at < 0) {
      i = next + 1;
      continue;
    }
    const eq = i + at;
    const keyStart = i;
    const key = text.slice(keyStart, eq).trim();
    let valueSpan: Span;
    if (text[eq + 1] === '{') {
      const close = text.indexOf('}', eq + 2);
      if (close < 0 || close >= end) break;
      valueSpan = { start: eq + 2, end: close };
      i = indexOrEnd(text, ';', close, end) + 1;
    } else {
      valueSpan = { start: eq + 1, end: next };
      i = next + 1;
    }
    const value = text.slice(valueSpan.start, valueSpan.end);
    if (/^password$/i.test(key)) {
      if (url.password === undefined && valueSpan.end > valueSpan.start) url.password = valueSpan;
      continue;
    }
    if (SQLSERVER_USER.test(key)) url.user ??= value;
    else if (SQLSERVER_DATABASE.test(key) && value !== '') {
      url.database = value;
      url.databaseSpan = valueSpan;
    } else if (SQLSERVER_HOST.test(key) && url.host === undefined && /^[\w.-]+$/.test(value)) url.host = value.toLowerCase();
    else if (SQLSERVER_PORT.test(key) && url.port === undefined && /^\d{1,5}$/.test(value)) url.port = value;
    url.params.push({ key, value, span: { start: keyStart, end: valueSpan.end }, valueSpan });
  }
  return url;
}

/**
 * Where the query starts: the first `?` that begins a `key=` setting (a `?` inside a password is
 * followed by more userinfo and an `@`, not by `key=`), or the end.
 */
function firstQuery(text: string, from: number, end: number): number {
  for (let i = text.indexOf('?', from); i >= 0 && i < end; i = text.indexOf('?', i + 1)) {
    for (let j = i + 1; j < end; j++) {
      const ch = text[j];
      if (ch === '=') return i;
      if (ch === '@' || ch === '?' || ch === '&' || ch === '/' || ch === '#') break;
    }
  }
  return end;
}

function indexOrEnd(text: string, ch: string, from: number, end: number): number {
  const i = text.indexOf(ch, from);
  return i < 0 || i > end ? end : i;
}

function queryParams(text: string, start: number, end: number): ConnectionUrlParam[] {
  const params: ConnectionUrlParam[] = [];
  let pairStart = start;
  for (let i = start; i <= end; i++) {
    if (i < end && text[i] !== '&' && text[i] !== ';') continue;
    const eq = text.indexOf('=', pairStart);
    if (eq > pairStart && eq < i) {
      params.push({
        key: text.slice(pairStart, eq),
        value: text.slice(eq + 1, i),
        span: { start: pairStart, end: i },
        valueSpan: { start: eq + 1, end: i },
      });
    }
    pairStart = i + 1;
  }
  return params;
}

/** `%xx`-decoded, or as written when the escapes are malformed (`db%zz` must not end a run). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The parts of a connection string in any of the forms drivers take: a URL (`parseConnectionUrl`), go-sql-driver/mysql's
 * DSN (`user:password@tcp(host:3306)/db?parseTime=true`, that driver's only form), libpq's key/value conninfo
 * (`host=db port=5432 user=app password=… dbname=app sslmode=require`: lib/pq, pgx, psycopg, PgBouncer) and ADO.NET's
 * (`Host=db;Database=app;Username=app;Password=…` for Npgsql, `Server=db;Database=app;User Id=app;Password=…` for SQL Server
 * and MySQL's connectors). `form` says which; `scheme` is the engine's URL scheme (`mysql`, `postgres`) where the form
 * implies one, `sqlserver` or `ado.net` otherwise. The whole `text` (trimmed) must be the connection string: a
 * sentence with `password=` in it is not one. Undefined otherwise; linear, never throws.
 */
export function parseConnectionString(text: string): (ConnectionUrl & { form: ConnectionStringForm }) | undefined {
  if (text.includes('://')) {
    const url = parseConnectionUrl(text);
    return url && { ...url, form: 'url' };
  }
  return parseMysqlDsn(text) ?? parseConninfo(text) ?? parseAdoNet(text);
}

export type ConnectionStringForm = 'url' | 'mysql-dsn' | 'conninfo' | 'ado.net';

/** The text without its leading and trailing white space, and where that starts. */
function trimmed(text: string): { start: number; end: number } {
  const start = text.length - text.trimStart().length;
  return { start, end: Math.max(start, text.trimEnd().length) };
}

/** go-sql-driver/mysql's protocols (`tcp(host:port)`, `unix(/path)`). */
const MYSQL_NET = /^(?:tcp6?|udp6?|unix|unixgram|unixpacket|pipe|memory)$/;

/**
 * `[user[:password]@]net(address)/dbname[?params]`. The address is required here (a bare `user:pw@/db` is too
 * ambiguous in configuration text); the userinfo ends at the last `@` before the protocol, as the driver reads it.
 */
function parseMysqlDsn(text: string): (ConnectionUrl & { form: ConnectionStringForm }) | undefined {
  const { start, end } = trimmed(text);
  const close = text.indexOf(')/', start);
  if (close < 0 || close >= end) return undefined;
  for (let i = start; i < end; i++) if (/\s/.test(text[i])) return undefined;
  const open = text.lastIndexOf('(', close);
  if (open < start) return undefined;
  const at = text.lastIndexOf('@', open);
  const netStart = at >= start ? at + 1 : start;
  if (!MYSQL_NET.test(text.slice(netStart, open))) return undefined;
  const url: ConnectionUrl & { form: ConnectionStringForm } = { scheme: 'mysql', params: [], form: 'mysql-dsn' };
  if (at >= start) {
    const colon = text.indexOf(':', start);
    const userEnd = colon >= 0 && colon < at ? colon : at;
    url.user = text.slice(start, userEnd);
    if (userEnd === colon && colon + 1 < at) url.password = { start: colon + 1, end: at };
  }
  const address = text.slice(open + 1, close);
  if (text.slice(netStart, open).startsWith('tcp')) {
    const hostPort = /^([\w.-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/.exec(address);
    if (hostPort) {
      url.host = hostPort[1].replace(/^\[(.*)\]$/, '$1').toLowerCase();
      if (hostPort[2]) url.port = hostPort[2];
    }
  }
  const dbStart = close + 2;
  const dbEnd = indexOrEnd(text, '?', dbStart, end);
  const database = decodeSegment(text.slice(dbStart, dbEnd));
  if (database) {
    url.database = database;
    url.databaseSpan = { start: dbStart, end: dbEnd };
  }
  if (text[dbEnd] === '?') url.params = queryParams(text, dbEnd + 1, end);
  return url;
}

/** libpq's connection keywords (PostgreSQL 17, "Parameter Key Words"); pgx and psycopg take the same. */
const LIBPQ_KEYS = new Set([
  'host',
  'hostaddr',
  'port',
  'dbname',
  'user',
  'password',
  'passfile',
  'require_auth',
  'channel_binding',
  'connect_timeout',
  'client_encoding',
  'options',
  'application_name',
  'fallback_application_name',
  'keepalives',
  'keepalives_idle',
  'keepalives_interval',
  'keepalives_count',
  'tcp_user_timeout',
  'replication',
  'gssencmode',
  'sslmode',
  'requiressl',
  'sslnegotiation',
  'sslcompression',
  'sslcert',
  'sslkey',
  'sslpassword',
  'sslcertmode',
  'sslrootcert',
  'sslcrl',
  'sslcrldir',
  'sslsni',
  'requirepeer',
  'ssl_min_protocol_version',
  'ssl_max_protocol_version',
  'krbsrvname',
  'gsslib',
  'gssdelegation',
  'service',
  'target_session_attrs',
  'load_balance_hosts',
]);

interface KeyValue {
  key: string;
  value: string;
  span: Span;
  valueSpan: Span;
}

/**
 * `key=value` pairs separated by white space (`key = value` too); a value in single quotes may hold white space and
 * `\'`. Every key must be libpq's (or, as pgx's pool takes, a lower-case word beside two of them), and one of them
 * `host`, `dbname` or `password`: anything else is a sentence, not a conninfo.
 */
function parseConninfo(text: string): (ConnectionUrl & { form: ConnectionStringForm }) | undefined {
  const { start, end } = trimmed(text);
  if (text.indexOf('=', start) < 0) return undefined;
  const pairs: KeyValue[] = [];
  let i = start;
  while (i < end) {
    const keyStart = i;
    while (i < end && /[a-z_0-9]/.test(text[i])) i++;
    const keyEnd = i;
    if (keyEnd === keyStart) return undefined;
    while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text[i] !== '=') return undefined;
    i++;
    while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
    let valueSpan: Span;
    if (text[i] === "'") {
      const valueStart = i + 1;
      i = valueStart;
      while (i < end && text[i] !== "'") i += text[i] === '\\' ? 2 : 1;
      if (i >= end) return undefined;
      valueSpan = { start: valueStart, end: i };
      i++;
    } else {
      const valueStart = i;
      while (i < end && !/\s/.test(text[i])) i++;
      valueSpan = { start: valueStart, end: i };
    }
    pairs.push({
      key: text.slice(keyStart, keyEnd),
      value: text.slice(valueSpan.start, valueSpan.end),
      span: { start: keyStart, end: valueSpan.end },
      valueSpan,
    });
    if (i < end && !/\s/.test(text[i])) return undefined;
    while (i < end && /\s/.test(text[i])) i++;
  }
  const known = pairs.filter((p) => LIBPQ_KEYS.has(p.key));
  if (pairs.length < 2 || known.length < 2 || !known.some((p) => p.key === 'host' || p.key === 'dbname' || p.key === 'password'))
    return undefined;
  if (pairs.some((p) => !LIBPQ_KEYS.has(p.key) && !/^[a-z][a-z_]*$/.test(p.key))) return undefined;
  return fromPairs(pairs, 'postgres', 'conninfo', {
    host: (k) => k === 'host',
    port: (k) => k === 'port',
    database: (k) => k === 'dbname',
    user: (k) => k === 'user',
    password: (k) => k === 'password',
  });
}

/** ADO.NET keywords (case-insensitive, inner spaces as written: `User Id`, `Initial Catalog`), by what they name. */
const ADO_SERVER = /^(?:host|server|data source|datasource|address|addr|network address)$/;
const ADO_DATABASE = /^(?:database|initial catalog|db)$/;
const ADO_USER = /^(?:username|user name|user id|userid|uid|user)$/;
const ADO_PASSWORD = /^(?:password|pwd)$/;
/** Keywords only SQL Server's client takes: `Initial Catalog`, `Integrated Security`, `TrustServerCertificate`, `MultipleActiveResultSets`. */
const ADO_SQLSERVER =
  /^(?:initial catalog|integrated security|trusted_connection|trustservercertificate|trust server certificate|multipleactiveresultsets|multiple active result sets|data source)$/;
/** Npgsql's own: `Host` with `Username`, `Search Path`, `SSL Mode`. */
const ADO_NPGSQL = /^(?:host|username|search path|ssl mode|sslmode|include error detail)$/;

/**
 * `Key=Value;Key=Value` (spaces around either, a trailing `;`, a value in double or single quotes): every segment a
 * `key=value` whose key is words of letters, a server keyword among them and a database or password keyword.
 */
function parseAdoNet(text: string): (ConnectionUrl & { form: ConnectionStringForm }) | undefined {
  const { start, end } = trimmed(text);
  if (text.indexOf(';', start) < 0 || text.indexOf('=', start) < 0) return undefined;
  const pairs: KeyValue[] = [];
  let i = start;
  while (i < end) {
    while (i < end && /\s/.test(text[i])) i++;
    if (i >= end) break;
    const keyStart = i;
    const eq = text.indexOf('=', i);
    if (eq < 0 || eq >= end) return undefined;
    const key = text.slice(keyStart, eq).trim();
    if (!/^[A-Za-z][A-Za-z_]*(?: [A-Za-z_]+)*$/.test(key)) return undefined;
    i = eq + 1;
    while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
    let valueSpan: Span;
    const quote = text[i];
    if (quote === '"' || quote === "'") {
      const close = text.indexOf(quote, i + 1);
      if (close < 0 || close >= end) return undefined;
      valueSpan = { start: i + 1, end: close };
      i = close + 1;
      while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
      if (i < end && text[i] !== ';') return undefined;
    } else {
      const semi = indexOrEnd(text, ';', i, end);
      let valueEnd = semi;
      while (valueEnd > i && /\s/.test(text[valueEnd - 1])) valueEnd--;
      valueSpan = { start: i, end: valueEnd };
      i = semi;
    }
    pairs.push({
      key: key.toLowerCase(),
      value: text.slice(valueSpan.start, valueSpan.end),
      span: { start: keyStart, end: valueSpan.end },
      valueSpan,
    });
    if (text[i] === ';') i++;
  }
  if (pairs.length < 2 || !pairs.some((p) => ADO_SERVER.test(p.key))) return undefined;
  if (!pairs.some((p) => ADO_DATABASE.test(p.key) || ADO_PASSWORD.test(p.key))) return undefined;
  const scheme = pairs.some((p) => ADO_NPGSQL.test(p.key))
    ? 'postgres'
    : pairs.some((p) => ADO_SQLSERVER.test(p.key))
      ? 'sqlserver'
      : 'ado.net';
  return fromPairs(pairs, scheme, 'ado.net', {
    host: (k) => ADO_SERVER.test(k),
    port: (k) => k === 'port',
    database: (k) => ADO_DATABASE.test(k),
    user: (k) => ADO_USER.test(k),
    password: (k) => ADO_PASSWORD.test(k),
  });
}

/** A connection string's parts from its key/value pairs: the password apart (never a param), every other pair a param. */
function fromPairs(
  pairs: readonly KeyValue[],
  scheme: string,
  form: ConnectionStringForm,
  is: Record<'host' | 'port' | 'database' | 'user' | 'password', (key: string) => boolean>,
): ConnectionUrl & { form: ConnectionStringForm } {
  const url: ConnectionUrl & { form: ConnectionStringForm } = { scheme, params: [], form };
  for (const pair of pairs) {
    if (is.password(pair.key)) {
      if (pair.valueSpan.end > pair.valueSpan.start) url.password = pair.valueSpan;
      continue;
    }
    if (is.user(pair.key)) url.user = pair.value;
    else if (is.database(pair.key) && pair.value !== '') {
      url.database = pair.value;
      url.databaseSpan = pair.valueSpan;
    } else if (is.host(pair.key)) {
      // `tcp:sql.internal,1433` (SQL Server), one host of a list is no single server.
      const host = pair.value.replace(/^tcp:/i, '');
      const comma = /^([\w.-]+),(\d{1,5})$/.exec(host);
      if (comma) {
        url.host = comma[1].toLowerCase();
        url.port ??= comma[2];
      } else if (/^[\w.-]+$/.test(host)) url.host = host.toLowerCase();
    } else if (is.port(pair.key) && /^\d{1,5}$/.test(pair.value)) url.port = pair.value;
    url.params.push({ key: pair.key, value: pair.value, span: pair.span, valueSpan: pair.valueSpan });
  }
  return url;
}

/** A cheap screen before `parseConnectionString`: a URL, a DSN's `)/`, or a `=` with a separator (conninfo, ADO.NET). */
export function mayBeConnectionString(value: string): boolean {
  return value.includes('://') || value.includes(')/') || (value.includes('=') && (value.includes(' ') || value.includes(';')));
}
