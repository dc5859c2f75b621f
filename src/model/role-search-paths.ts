/**
 * The search path PostgreSQL gives each login role, as the repository's SQL (an init script mounted into
 * `docker-entrypoint-initdb.d`, a migration) sets it up: `ALTER ROLE orders SET search_path TO orders` (or `ALTER USER`,
 * `… IN DATABASE platform SET search_path = …`), else the default `"$user", public`, which puts a role's unqualified
 * names in the schema named after it when the SQL creates one (`CREATE SCHEMA orders AUTHORIZATION orders`,
 * `CREATE SCHEMA AUTHORIZATION orders`, `CREATE SCHEMA orders`). A connection that logs in as the role
 * (`postgres://orders@…/platform`) and names no schema itself works there: schema per service set on the role.
 * Read from statement text as `current-database.ts` reads `SET search_path`.
 */
import type { FileFacts } from '../analysis/facts.js';
import { statementHead } from './current-database.js';
import { searchPathSchemas } from './search-path.js';

/** Where a role's unqualified names go first, and the schemas later on its search path. */
export interface RolePlacement {
  schema: string;
  searched?: string[];
}

/** `ALTER ROLE|USER r [IN DATABASE d] SET search_path TO|= …`: the role and the path as written. */
export const ALTER_ROLE_SEARCH_PATH =
  /^ALTER\s+(?:ROLE|USER)\s+"?([\w$]+)"?\s+(?:IN\s+DATABASE\s+"?[\w$-]+"?\s+)?SET\s+search_path\s*(?:TO|=)\s*([^;]+)/i;
/** `CREATE SCHEMA [IF NOT EXISTS] [s] [AUTHORIZATION r]`: the schema (absent: named after the role) and its owner. */
export const CREATE_SCHEMA = /^CREATE\s+SCHEMA\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:AUTHORIZATION\s+"?([\w$]+)"?|"?([\w$]+)"?)/i;

/** The placement of each role (lower-cased) the repository's SQL sets a search path for or creates a schema named after. */
export function roleSearchPaths(files: readonly FileFacts[]): Map<string, RolePlacement> {
  const paths = new Map<string, string>();
  const ownSchemas = new Set<string>();
  for (const file of files)
    for (const statement of file.sql?.statements ?? []) {
      const head = statementHead(statement);
      const alter = ALTER_ROLE_SEARCH_PATH.exec(head);
      const role = alter?.[1].toLowerCase();
      if (alter && role !== undefined) {
        if (!paths.has(role)) paths.set(role, alter[2].trim());
        continue;
      }
      const schema = CREATE_SCHEMA.exec(head);
      if (schema) ownSchemas.add((schema[1] ?? schema[2]).toLowerCase());
    }
  const out = new Map<string, RolePlacement>();
  for (const [role, written] of paths) {
    // `"$user"` is the schema named after the role, when there is one; PostgreSQL skips it otherwise.
    const path = searchPathSchemas(written.replace(/"?\$user"?/gi, ownSchemas.has(role) ? role : '')).map((s) => s.toLowerCase());
    if (path.length === 0) continue;
    const searched = [...new Set(path.slice(1))].filter((s) => s !== path[0]);
    out.set(role, { schema: path[0], ...(searched.length > 0 ? { searched } : {}) });
  }
  // The default search path, `"$user", public`: the schema named after the role first, then public.
  for (const schema of ownSchemas) if (!out.has(schema) && schema !== 'public') out.set(schema, { schema, searched: ['public'] });
  return out;
}
