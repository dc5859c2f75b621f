import type { Dialect } from './facts.js';

/** What the dialect decision needs to know about the file's service and the config. */
export interface DialectSettings {
  serviceDialect?: Dialect;
  defaultDialect: Dialect;
}

const PG_PATH = /(^|[/_.-])(postgres|postgresql|pg|psql|timescale(db)?)([/_.-]|$)/i;
const MYSQL_PATH = /(^|[/_.-])(mysql|mariadb)([/_.-]|$)/i;
const PG_SYNTAX = /\$\$|\b(?:BIG|SMALL)?SERIAL\b|\bJSONB\b|::[a-z]|\bCREATE\s+EXTENSION\b|\bplpgsql\b|\bTIMESTAMPTZ\b|\bBYTEA\b/i;
const MYSQL_SYNTAX = /\bAUTO_INCREMENT\b|\bENGINE\s*=|\bDELIMITER\b|`|\bUNSIGNED\b/i;

/** Path hints beat syntax sniffing, which beats the service's driver, which beats the default. */
export function sqlFileDialect(path: string, text: string, settings: DialectSettings): Dialect {
  if (PG_PATH.test(path)) return 'postgresql';
  if (MYSQL_PATH.test(path)) return 'mysql';
  // Comments are prose: a backtick or `$$` in one says nothing about the file's dialect.
  const sample = withoutComments(text.length > 200_000 ? text.slice(0, 200_000) : text);
  const pg = PG_SYNTAX.test(sample);
  const mysql = MYSQL_SYNTAX.test(sample);
  if (pg && !mysql) return 'postgresql';
  if (mysql && !pg) return 'mysql';
  return settings.serviceDialect ?? settings.defaultDialect;
}

/** `$1` placeholders mean PostgreSQL, backticks mean MySQL; otherwise the service's dialect. */
export function embeddedDialect(sql: string, settings: DialectSettings): Dialect {
  if (settings.serviceDialect) return settings.serviceDialect;
  if (/\$\d/.test(sql) || /::[a-z]/i.test(sql)) return 'postgresql';
  return settings.defaultDialect;
}

/** Drops line comments (`--`, `#` at line start) and block comments; quotes are not tracked, which is fine for sniffing. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?(?:\*\/|$)|--[^\n\r]*|^[ \t]*#[^\n\r]*/gm, ' ');
}
