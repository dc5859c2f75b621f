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
