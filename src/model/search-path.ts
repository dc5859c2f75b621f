/**
 * PostgreSQL search paths as connection settings and scripts write them: libpq `options`
 * (`-c search_path=billing,public`), `SET search_path TO …`, knex `searchPath`, Prisma `?schema=`.
 * The first schema of a path is where unqualified tables are created and looked up first.
 */

/** The search path libpq `options` (`-c search_path=billing,public`, `-csearch_path=billing`) set: its first schema. */
export function searchPathOption(options: string): string | undefined {
  return searchPathOptionSchemas(options)[0];
}

/** Every schema of the search path libpq `options` set, in order (none when they set no search path). */
export function searchPathOptionSchemas(options: string): string[] {
  const match = /(?:^|\s)-c\s*search_path\s*=\s*(\S+)/i.exec(options);
  return match ? searchPathSchemas(match[1]) : [];
}

/**
 * The first schema of a search path. `$user` is the role's own schema, which names nothing the
 * repository shows, so it is skipped (`"$user", public` → `public`).
 */
export function firstSchema(searchPath: string): string | undefined {
  return searchPathSchemas(searchPath)[0];
}

/**
 * Every schema of a search path, in order, `$user` skipped. After the first, they are where an
 * unqualified name the first lacks is still found (`orders,public` reaches public's tables).
 */
export function searchPathSchemas(searchPath: string): string[] {
  const schemas: string[] = [];
  for (const part of searchPath.split(',')) {
    const schema = part
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .replace(/^'(.*)'$/, '$1');
    if (!schema || schema === '$user') continue;
    schemas.push(schema);
  }
  return schemas;
}
