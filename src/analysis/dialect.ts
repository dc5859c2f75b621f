import { engineOfWord } from './engine-names.js';
import type { Dialect, EmbeddedSql, FileFacts, UnparsedEngine } from './facts.js';
import { sqliteFileMark } from './sqlite-syntax.js';

/** What the dialect decision needs to know about the file's service and the config. */
export interface DialectSettings {
  /** The service's dialect (configured, or inferred from its drivers, ORM options or SQL); undefined when nothing says. */
  serviceDialect?: Dialect;
  /** The service runs on an engine without a parser here: its SQL is read by tokens only. */
  unparsedEngine?: UnparsedEngine;
  defaultDialect: Dialect;
  /** `serviceDialect` is the one its service's statements chose (SqlAnalysis.byParseVote). */
  byParseVote?: true;
  /**
   * How much of SQLite's syntax makes a SQL file SQLite's, read by its tokens (`sqlFileEngine`): `any` mark, a `[bracket]`
   * name too, where its service names SQLite among its engines (uptime-kuma's patch files beside mysql2); only an
   * unmistakable one (`strict`: AUTOINCREMENT, PRAGMA, sqlite_master) outside every service or in a service no declaration
   * puts on an engine. Absent where the file's service, path or `schemaFiles` entry says how it is read.
   */
  sqliteSyntax?: 'any' | 'strict';
}

/**
 * The engine a file's own path names, nearest first: the file's name (`SQL/mysql.initial.sql`,
 * `schema.sqlite3.sql`, `dialects/mssql.js`), then its folders upwards (`SQL/postgres/2016081200.sql`,
 * `mods-config/sql/dhcp/oracle/schema.sql`, `lib/db_ido_pgsql/schema/upgrade/2.8.0.sql`, `db/clickhouse/schema.sql`).
 * A name naming two engines (`mysql-to-pg/`) decides nothing and the search goes on upwards. `relative` is the path
 * below the service's root (the service's own folder name is no evidence of its files); undefined when nothing names one.
 * A folder's name is split at `_`, `-`, `.` (`db_ido_pgsql`, `pgsql-upgrades`), a file's name (without its extension) at
 * `.` only (`mysql.initial.sql`, `schema.sqlite3.sql`, `pgsql.schema.sql`); the words are engines' names as
 * src/analysis/engine-names.ts lists them, never part of another word (`pgadmin`, `oracles`).
 */
export function pathEngine(relative: string): Dialect | UnparsedEngine | undefined {
  const parts = relative.split('/').filter((p) => p.length > 0);
  for (let i = parts.length - 1; i >= 0; i--) {
    const words = i === parts.length - 1 ? parts[i].replace(/\.[^.]*$/, '').split('.') : parts[i].split(/[_.-]+/);
    const engines = new Set(words.flatMap((w) => engineOfWord(w) ?? []));
    if (engines.size === 1) return [...engines][0];
  }
  return undefined;
}

/** The dialect any word of a path names (split at `/`, `_`, `.`, `-`), PostgreSQL first: `schema_postgres.sql`, `mysql/init.sql`. */
function pathDialect(path: string): Dialect | undefined {
  const engines = new Set(path.split(/[/_.-]+/).map(engineOfWord));
  return engines.has('postgresql') ? 'postgresql' : engines.has('mysql') ? 'mysql' : undefined;
}

/**
 * Syntax only one dialect accepts, as written in SQL files. Each pattern is one feature: a file's
 * lean is the number of distinct features of each dialect it uses. Words that both accept (plain
 * SERIAL, `DELIMITER` as an option name, RETURNING inside MySQL's JSON_VALUE) are not here.
 */
const PG_FEATURES: Array<[string, RegExp]> = [
  ['dollar quoting', /\$\$|\$[a-z_]\w*\$/i],
  [':: cast', /::\s*[a-z]/i],
  ['JSONB', /\bJSONB\b/i],
  ['BYTEA', /\bBYTEA\b/i],
  ['TIMESTAMPTZ', /\bTIMESTAMPTZ\b/i],
  ['BIGSERIAL', /\b(?:BIG|SMALL)SERIAL\b/i],
  ['CREATE EXTENSION', /\bCREATE\s+(?:OR\s+REPLACE\s+)?EXTENSION\b/i],
  ['plpgsql', /\bplpgsql\b/i],
  ['CREATE TYPE … AS ENUM', /\bCREATE\s+TYPE\s+[^;]{1,200}?\bAS\s+ENUM\b/i],
  ['TIME ZONE type', /\b(?:TIMESTAMP|TIME)(?:\s*\(\s*\d\s*\))?\s+WITH(?:OUT)?\s+TIME\s+ZONE\b/i],
  ['uuid functions', /\b(?:uuid_generate_v[14]|gen_random_uuid)\s*\(/i],
  ['UUID column', /[\w"]\s+UUID\b(?=\s*(?:PRIMARY|NOT|NULL|DEFAULT|REFERENCES|UNIQUE|CONSTRAINT|,|\)|\[))/i],
  ['ON CONFLICT', /\bON\s+CONFLICT\b/i],
  ['ILIKE', /\bILIKE\b/i],
  ['CONCURRENTLY', /\bINDEX\s+CONCURRENTLY\b/i],
  ['COMMENT ON', /\bCOMMENT\s+ON\s+(?:TABLE|COLUMN|SCHEMA|INDEX)\b/i],
  ['double-quoted table name', /\b(?:TABLE|INTO|FROM|JOIN|REFERENCES)\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?"\w+"/i],
  ['array type', /\b(?:TEXT|INTEGER|INT|VARCHAR|UUID|BIGINT)\s*\[\]/i],
  ['psql meta-command', /^[ \t]*\\(?:c|connect|set|i|ir)\b/m],
];
const MYSQL_FEATURES: Array<[string, RegExp]> = [
  ['backtick identifier', /`/],
  ['AUTO_INCREMENT', /\bAUTO_INCREMENT\b/i],
  ['ENGINE=', /\bENGINE\s*=/i],
  // The client command alone on its line; `COPY … (DELIMITER ';')` and `CREATE TYPE … (delimiter = ',')` are PostgreSQL options.
  ['DELIMITER', /^[ \t]*DELIMITER[ \t]+(?![=('"])\S+[ \t]*$/im],
  ['UNSIGNED', /\bUNSIGNED\b/i],
  ['ON DUPLICATE KEY UPDATE', /\bON\s+DUPLICATE\s+KEY\s+UPDATE\b/i],
  ['INSERT IGNORE', /\bINSERT\s+IGNORE\b/i],
  ['CHARSET', /\b(?:DEFAULT\s+)?CHARSET\s*=|\bCHARACTER\s+SET\s*=/i],
  ['TEXT/BLOB sizes', /\b(?:TINY|MEDIUM|LONG)(?:TEXT|BLOB)\b/i],
  ['TINYINT', /\b(?:TINY|MEDIUM)INT\b/i],
  ['DATETIME', /\bDATETIME\b/i],
  ['ON UPDATE CURRENT_TIMESTAMP', /\bON\s+UPDATE\s+CURRENT_TIMESTAMP\b/i],
  ['INT display width', /\b(?:INT|BIGINT|SMALLINT)\s*\(\s*\d+\s*\)/i],
];

/** Distinct one-dialect features found in SQL text (comments and string literals ignored). */
export interface DialectLean {
  postgresql: string[];
  mysql: string[];
}

/** Reads at most this much of a file: the lean of a dump shows in its first part. */
const SNIFF_MAX_CHARS = 200_000;

const sniffSample = (text: string) => (text.length > SNIFF_MAX_CHARS ? text.slice(0, SNIFF_MAX_CHARS) : text);

/** Which one-dialect features SQL text uses. */
export function sniffSqlDialect(text: string): DialectLean {
  const sample = withoutCommentsAndStrings(sniffSample(text));
  return {
    postgresql: PG_FEATURES.filter(([, re]) => re.test(sample)).map(([name]) => name),
    mysql: MYSQL_FEATURES.filter(([, re]) => re.test(sample)).map(([name]) => name),
  };
}

/** The dialect a lean points to: more distinct features of one than of the other. */
export function leanDialect(lean: DialectLean): Dialect | undefined {
  if (lean.postgresql.length > lean.mysql.length) return 'postgresql';
  if (lean.mysql.length > lean.postgresql.length) return 'mysql';
  return undefined;
}

/**
 * The dialect a .sql file is read in. The service's dialect wins: a `DELIMITER` option or a
 * column named like a keyword must not switch a PostgreSQL service's file to the MySQL parser.
 * Only when nothing says (no service, or one whose evidence names both engines) do the path
 * (`postgres/`, `_mysql`) and then the syntax decide, and last the default. `text` may be a
 * function giving it: a cached file's text is read from disk when asked for, and only the syntax needs it.
 */
export function sqlFileDialect(path: string, text: string | (() => string), settings: DialectSettings): Dialect {
  if (settings.serviceDialect) return settings.serviceDialect;
  return pathDialect(path) ?? leanDialect(sniffSqlDialect(typeof text === 'string' ? text : text())) ?? settings.defaultDialect;
}

/**
 * The engine without a parser here whose tokens read a .sql file: its service's (or the repository's, outside every
 * service), else SQLite where the file's own syntax is SQLite's as far as `settings.sqliteSyntax` allows; undefined when a
 * parser reads it. `text` may be a function giving it (a cached file's text is read only when the syntax is asked).
 */
export function sqlFileEngine(text: string | (() => string), settings: DialectSettings): UnparsedEngine | undefined {
  if (settings.unparsedEngine || !settings.sqliteSyntax) return settings.unparsedEngine;
  const mark = sqliteMarkOf(typeof text === 'string' ? text : text());
  return mark === 'strict' || (mark === 'bracket' && settings.sqliteSyntax === 'any') ? 'sqlite' : undefined;
}

/** The strongest SQLite mark a SQL file's text shows outside comments and strings (sqlite-syntax.ts), in its first part as the lean is read. */
export function sqliteMarkOf(text: string): 'strict' | 'bracket' | undefined {
  return sqliteFileMark(withoutCommentsAndStrings(sniffSample(text)));
}

/** `$1` placeholders mean PostgreSQL, backticks mean MySQL; otherwise the service's dialect. */
export function embeddedDialect(sql: string, settings: DialectSettings): Dialect {
  if (settings.serviceDialect) return settings.serviceDialect;
  if (/\$\d/.test(sql) || /::[a-z]/i.test(sql)) return 'postgresql';
  return settings.defaultDialect;
}

/**
 * How a script's SQL site is read: in `dialect` (the parser's, or the tokenizer's), by the tokens of `unparsedEngine`, or,
 * for the branch of a client check for the other dialect (EmbeddedSql.engine) than the file's SQL is read in, by that
 * dialect's tokens (`clientBranch`). A site a check puts on an engine without a parser is read by that engine's tokens.
 */
export function embeddedReading(
  site: Pick<EmbeddedSql, 'text' | 'engine'>,
  settings: DialectSettings,
): { dialect: Dialect; unparsedEngine?: UnparsedEngine; clientBranch?: Dialect } {
  const dialect = embeddedDialect(site.text, settings);
  const guard = site.engine;
  if (guard === undefined || guard === (settings.unparsedEngine ?? dialect)) {
    return settings.unparsedEngine ? { dialect, unparsedEngine: settings.unparsedEngine } : { dialect };
  }
  return guard === 'mysql' || guard === 'postgresql' ? { dialect: guard, clientBranch: guard } : { dialect, unparsedEngine: guard };
}

/**
 * Drops comments (`--`, `#` at line start, block comments) and the contents of string literals,
 * so prose and data never count as syntax. Quote rules are approximate (no dollar bodies, which
 * are SQL), which is fine for counting features.
 */
function withoutCommentsAndStrings(text: string): string {
  return text.replace(/\/\*[\s\S]*?(?:\*\/|$)|--[^\n\r]*|^[ \t]*#[^\n\r]*|'(?:[^'\\\n]|\\.|'')*'/gm, (m) =>
    m.startsWith("'") ? "''" : ' ',
  );
}

/** Whether a file's SQL was analysed in the dialects `settings` give now (a cached file's may not be). */
export function sqlAnalysedAs(facts: FileFacts, settings: DialectSettings): boolean {
  if (facts.kind === 'sql' && !facts.unread) {
    const engine = sqlFileEngine(() => facts.text, settings);
    return engine
      ? facts.sql?.byTokensOnly === engine
      : !facts.sql?.byTokensOnly &&
          facts.sql?.dialect === sqlFileDialect(facts.path, () => facts.text, settings) &&
          facts.sql.byParseVote === votedFor(settings);
  }
  const sites = facts.script?.embeddedSql ?? [];
  return sites.every((site, i) => {
    const analysis = facts.embeddedAnalyses?.[i];
    const reading = embeddedReading(site, settings);
    if (reading.unparsedEngine) return analysis?.byTokensOnly === reading.unparsedEngine;
    return (
      !analysis?.byTokensOnly &&
      analysis?.clientBranch === reading.clientBranch &&
      analysis?.dialect === reading.dialect &&
      analysis.byParseVote === (reading.clientBranch ? undefined : votedFor(settings))
    );
  });
}

/** SqlAnalysis.byParseVote of SQL read with `settings` (the service's dialect is its statements' choice). */
export function votedFor(settings: DialectSettings): true | undefined {
  return settings.byParseVote && settings.serviceDialect && !settings.unparsedEngine ? true : undefined;
}
