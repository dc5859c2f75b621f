/**
 * A multi-engine service (ghost on MySQL with `better-sqlite3` optional, directus with `sqlite3`, `tedious` and
 * `oracledb`, @n8n/db's `type: 'sqlite-pooled'` beside `type: 'postgres'`) holds SQL for each engine it declares,
 * behind a client check (`if (DatabaseInfo.isSQLite(knex)) knex.raw('PRAGMA foreign_keys = OFF')`). A statement its
 * MySQL or PostgreSQL parser rejects that shows the syntax of another engine the service declares, one without a
 * parser here, is that engine's SQL: no parse warning, counted as `<engine> syntax` in the run's summary.
 *
 * Only a few unmistakable marks per engine, each at a statement's head or a construct no MySQL or PostgreSQL
 * statement has: a real syntax error of the service's own engine stays a parse warning.
 */
import type { UnparsedEngine } from '../analysis/facts.js';
import { UNPARSED_ENGINE_NAMES } from '../analysis/database-packages.js';
import { BRACKET_NAME, SQLITE_STRICT_MARKS } from '../analysis/sqlite-syntax.js';

const MARKS: Partial<Record<UnparsedEngine, readonly RegExp[]>> = {
  sqlite: [...SQLITE_STRICT_MARKS, BRACKET_NAME],
  sqlserver: [
    /^\s*SELECT\s+(?:DISTINCT\s+)?TOP\s*(?:\(\s*)?\d/i,
    /\bOBJECT_ID\s*\(/i,
    /\bN?VARCHAR\s*\(\s*MAX\s*\)/i,
    /\bIDENTITY\s*\(\s*\d+\s*,\s*\d+\s*\)/i,
    /\bGETDATE\s*\(\s*\)/i,
    /\bWITH\s*\(\s*NOLOCK\s*\)/i,
  ],
  oracle: [/^\s*ALTER\s+SESSION\s/i, /\bVARCHAR2\b/i, /\bNVL\s*\(/i, /\bROWNUM\b/i],
  clickhouse: [/\bENGINE\s*=\s*\w*MergeTree\b/i, /^\s*ALTER\s+TABLE\s+[\w.`"]+\s+(?:UPDATE|DELETE)\s/i, /\bLowCardinality\s*\(/i],
};

/** The engine among `engines` (a service's declared ones) whose syntax `statement` shows; undefined when none does. */
export function otherEngineOf(statement: string, engines: readonly string[] | undefined): UnparsedEngine | undefined {
  for (const engine of engines ?? []) {
    const marks = MARKS[engine as UnparsedEngine];
    if (marks?.some((mark) => mark.test(statement))) return engine as UnparsedEngine;
  }
  return undefined;
}

/** The construct name the run's summary counts such a statement under: `SQLite syntax`. */
export function otherEngineConstruct(engine: UnparsedEngine): string {
  return `${UNPARSED_ENGINE_NAMES[engine]} syntax`;
}
