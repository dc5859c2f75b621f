import { createHash } from 'node:crypto';
import type { Dialect, FileFacts, SqlAnalysis } from '../facts.js';
import { parseComposeFile } from '../parsers/compose.js';
import { parseEnvFile } from '../parsers/env.js';
import { parsePrismaSchema } from '../parsers/prisma.js';
import { analyzeSql } from '../parsers/sql/index.js';
import { sqlComments } from '../parsers/sql-comments.js';
import { computeLineStarts } from '../parsers/text.js';
import { extractScript, scriptMayHaveFacts } from '../parsers/typescript/index.js';
import { fileKindOf } from './file-kind.js';

export interface AnalyzeSettings {
  /** Dialect of the service owning the file, or the configured default; undefined when unknown. */
  serviceDialect?: Dialect;
  defaultDialect: Dialect;
  sqlCallees: string[];
}

export function hashText(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** Parses one file once and returns its facts; the ASTs are dropped here. Never throws. */
export function analyzeFile(path: string, text: string, settings: AnalyzeSettings): FileFacts {
  const kind = fileKindOf(path);
  const facts: FileFacts = { path, kind, hash: hashText(text), lineStarts: computeLineStarts(text), text, comments: [], problems: [] };
  try {
    switch (kind) {
      case 'script': {
        if (!scriptMayHaveFacts(text)) break;
        const { script, comments } = extractScript(path, text, { sqlCallees: settings.sqlCallees });
        facts.script = script;
        facts.comments = comments;
        facts.embeddedAnalyses = script.embeddedSql.map((site) => analyzeSql(site.text, embeddedDialect(site.text, settings)));
        break;
      }
      case 'sql': {
        const dialect = sqlFileDialect(path, text, settings);
        facts.sql = analyzeSql(text, dialect);
        facts.comments = sqlComments(text, dialect);
        break;
      }
      case 'env':
        facts.env = parseEnvFile(text);
        break;
      case 'prisma':
        facts.prisma = parsePrismaSchema(text);
        break;
      case 'compose':
        facts.compose = parseComposeFile(text);
        break;
      default:
        break;
    }
  } catch (error) {
    // A defect in an extractor must cost one file, not the run.
    facts.problems.push({ message: `internal error while analysing: ${(error as Error).message}`, fileSpan: { start: 0, end: 0 } });
  }
  return facts;
}

const PG_PATH = /(^|[/_.-])(postgres|postgresql|pg|psql|timescale(db)?)([/_.-]|$)/i;
const MYSQL_PATH = /(^|[/_.-])(mysql|mariadb)([/_.-]|$)/i;
const PG_SYNTAX = /\$\$|\b(?:BIG|SMALL)?SERIAL\b|\bJSONB\b|::[a-z]|\bCREATE\s+EXTENSION\b|\bplpgsql\b|\bTIMESTAMPTZ\b|\bBYTEA\b/i;
const MYSQL_SYNTAX = /\bAUTO_INCREMENT\b|\bENGINE\s*=|\bDELIMITER\b|`|\bUNSIGNED\b/i;

/** Path hints beat syntax sniffing, which beats the service's driver, which beats the default. */
export function sqlFileDialect(path: string, text: string, settings: AnalyzeSettings): Dialect {
  if (PG_PATH.test(path)) return 'postgresql';
  if (MYSQL_PATH.test(path)) return 'mysql';
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const pg = PG_SYNTAX.test(sample);
  const mysql = MYSQL_SYNTAX.test(sample);
  if (pg && !mysql) return 'postgresql';
  if (mysql && !pg) return 'mysql';
  return settings.serviceDialect ?? settings.defaultDialect;
}

/** `$1` placeholders mean PostgreSQL, backticks mean MySQL; otherwise the service's dialect. */
export function embeddedDialect(sql: string, settings: AnalyzeSettings): Dialect {
  if (settings.serviceDialect) return settings.serviceDialect;
  if (/\$\d/.test(sql) || /::[a-z]/i.test(sql)) return 'postgresql';
  return settings.defaultDialect;
}

export type { SqlAnalysis };
