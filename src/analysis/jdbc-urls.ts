/**
 * JDBC URLs a file names, by the engine their subprotocol says: `jdbc:sqlserver://` (and jTDS's `jdbc:jtds:sqlserver://`),
 * `jdbc:oracle:thin:@` (any Oracle driver type), `jdbc:postgresql:`, `jdbc:mysql:`, `jdbc:mariadb:`, `jdbc:sqlite:`. A
 * Spring Boot `application.properties` / `.yml`, a Flyway or Liquibase config, an env file or a compose environment
 * naming one says which engine the service connects to, even where its build file names no driver (one a parent POM or
 * a platform BOM brings). Lines that are comments (`#`, `!`, `//`, `--`, `<!--`) are skipped: a URL left there is an
 * alternative, not the connection. Linear, never throws.
 */
import type { Dialect, JdbcUrl, UnparsedEngine } from './facts.js';

/** A file naming more than this many is no configuration (a corpus of examples, a log): the rest are not kept. */
const MAX_URLS = 16;

const SUBPROTOCOL = /\bjdbc:(jtds:sqlserver|sqlserver|oracle|postgresql|mysql|mariadb|sqlite):/gi;

const ENGINES: Record<string, Dialect | UnparsedEngine> = {
  sqlserver: 'sqlserver',
  'jtds:sqlserver': 'sqlserver',
  oracle: 'oracle',
  postgresql: 'postgresql',
  mysql: 'mysql',
  mariadb: 'mysql',
  sqlite: 'sqlite',
};

const COMMENT_LEAD = ['#', '!', '//', '/*', '--', '<!--', '*', ';'];

/** Whether the line starting at `start` is a comment: its first non-blank characters open one. */
export function isCommentLine(text: string, start: number): boolean {
  let i = start;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return COMMENT_LEAD.some((lead) => text.startsWith(lead, i));
}

/**
 * The matches of a global `pattern` in `text` that do not stand on a comment line (isCommentLine), in order. One pass:
 * each line's start is found once, and a line is tested only when a match falls on it.
 */
export function* matchesOutsideCommentLines(text: string, pattern: RegExp): Generator<RegExpExecArray> {
  let scanned = 0;
  let lineStart = 0;
  let comment: boolean | undefined;
  for (const match of text.matchAll(pattern)) {
    for (; scanned < match.index; scanned++)
      if (text.charCodeAt(scanned) === 10) {
        lineStart = scanned + 1;
        comment = undefined;
      }
    comment ??= isCommentLine(text, lineStart);
    if (!comment) yield match;
  }
}

/** The JDBC URLs of `text` outside comment lines, at most MAX_URLS; empty when none. One pass over the text. */
export function jdbcUrlsOf(text: string): JdbcUrl[] {
  if (!/jdbc:/i.test(text)) return [];
  const out: JdbcUrl[] = [];
  for (const match of matchesOutsideCommentLines(text, SUBPROTOCOL)) {
    const subprotocol = match[1].toLowerCase();
    out.push({ engine: ENGINES[subprotocol], subprotocol, span: { start: match.index, end: match.index + match[0].length } });
    if (out.length >= MAX_URLS) break;
  }
  return out;
}
