/**
 * The database (MySQL) or schema (PostgreSQL) that bare table names of an SQL script mean at
 * each statement: `USE db;` and psql's `\c db` switch databases, `SET search_path TO s, …` and
 * `SET SCHEMA 's'` switch the schema new tables go to and bare names are looked up in first.
 */
import type { SqlStatement } from '../analysis/facts.js';
import { firstSchema } from './search-path.js';
import { DEFAULT_SCHEMAS } from './table-names.js';

/** Comments a statement's text may start with (the splitter keeps them with the statement they precede). */
const LEADING_COMMENTS = /^(?:\s+|--[^\n]*(?:\n|$)|#[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/;
const USE_OR_CONNECT = /^(?:USE\s+[`"]?([\w$-]+)[`"]?|\\c(?:onnect)?\s+["']?([\w$-]+))/i;
const SET_SEARCH_PATH = /^SET\s+(?:(?:SESSION|LOCAL)\s+)?(?:search_path\s*(?:TO|=)\s*([^;]+)|SCHEMA\s+'([^']+)')/i;

/**
 * What a statement switches the current namespace to: a name, `null` when it switches back to
 * the default schema (`SET search_path TO public`), undefined when it switches nothing.
 */
export function namespaceSwitch(statement: Pick<SqlStatement, 'text'>): string | null | undefined {
  const text = statementHead(statement);
  const use = USE_OR_CONNECT.exec(text);
  if (use) return use[1] ?? use[2];
  const set = SET_SEARCH_PATH.exec(text);
  if (!set) return undefined;
  const schema = set[2] ?? firstSchema(set[1].trim());
  return schema && !DEFAULT_SCHEMAS.has(schema.toLowerCase()) ? schema : null;
}

/** The database a `USE db` or psql `\c db` statement connects to; not a schema switch. */
export function connectedDatabase(statement: Pick<SqlStatement, 'text'>): string | undefined {
  const use = USE_OR_CONNECT.exec(statementHead(statement));
  return use ? (use[1] ?? use[2]) : undefined;
}

/** A statement's text without the comments it starts with. */
export function statementHead(statement: Pick<SqlStatement, 'text'>): string {
  return statement.text.replace(LEADING_COMMENTS, '');
}

const CREATE_DATABASE = /^CREATE\s+DATABASE\s+(?:IF\s+NOT\s+EXISTS\s+)?[`"]?([\w$-]+)/i;
const CREATE_DATABASE_OR_SCHEMA = /^CREATE\s+(?:DATABASE|SCHEMA)\s+(?:IF\s+NOT\s+EXISTS\s+)?[`"]?([\w$-]+)/i;

/** `CREATE DATABASE [IF NOT EXISTS] db`; with `orSchema`, also `CREATE SCHEMA db` (a database in MySQL). */
export function createdDatabase(statement: Pick<SqlStatement, 'text'>, orSchema = false): string | undefined {
  return (orSchema ? CREATE_DATABASE_OR_SCHEMA : CREATE_DATABASE).exec(statementHead(statement))?.[1];
}

/** Follows a script's switches: the namespace of each statement in turn, starting from `initial`. */
export function namespaceTracker(initial: string | undefined): (statement: Pick<SqlStatement, 'text'>) => string | undefined {
  let current = initial;
  return (statement) => {
    const next = namespaceSwitch(statement);
    if (next === null) current = undefined;
    else if (next !== undefined) current = next;
    return current;
  };
}
