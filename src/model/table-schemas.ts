/**
 * One PostgreSQL database, a schema per service, shown by the tables rather than the connection:
 * Drizzle's `pgSchema('members').table(…)`, TypeORM's `@Entity({ schema })`, knex's `withSchema`,
 * Prisma's `@@schema`, `CREATE TABLE "members"."members"` in a migration. The connection itself stays
 * in `public` (no `?schema=`, no `search_path`), yet the services' tables never meet. A service all of
 * whose tables live in schemas no other service declares tables in works in those schemas: its
 * connections that name no schema are confined to them, so sharing the database name is no evidence
 * of sharing tables (see database-evidence.ts).
 */
import type { FileFacts } from '../analysis/facts.js';
import { apiTableRefsOf } from './ddl-events.js';
import { DEFAULT_SCHEMA } from './connections.js';
import { sameEngine, separateServers } from './database-evidence.js';
import type { DatabaseConnection, Service } from './model.js';

export function confineToTableSchemas(services: readonly Service[]): void {
  const declaredBy = new Map<string, Set<Service>>();
  for (const service of services)
    for (const declaration of service.createdTables) {
      const schema = declaration.database?.toLowerCase();
      if (schema === undefined) continue;
      const users = declaredBy.get(schema) ?? new Set<Service>();
      users.add(service);
      declaredBy.set(schema, users);
    }
  for (const service of services) {
    if (service.dialect !== 'postgresql' || service.createdTables.length === 0) continue;
    const schemas = new Set<string>();
    let placed = true;
    for (const declaration of service.createdTables) {
      const schema = declaration.database?.toLowerCase();
      if (schema === undefined) placed = false;
      else schemas.add(schema);
    }
    // One unqualified table, or a schema another service also declares tables in: nothing shows isolation.
    if (!placed || [...schemas].some((schema) => declaredBy.get(schema)!.size > 1 || schema === 'public')) continue;
    for (const connection of service.databases) {
      if (connection.schemas || (connection.kind !== 'postgresql' && connection.kind !== 'unknown')) continue;
      // Tables qualified with the database's own name say nothing about schemas.
      if (schemas.has(connection.name.toLowerCase())) continue;
      connection.schemas = [...schemas].sort();
      // Nothing set a search path: PostgreSQL's default one still ends in public (see reachSearchedSchemas).
      connection.searchedSchemas = [DEFAULT_SCHEMA];
    }
  }
}

/**
 * A connection in its own schema whose search path goes on to others (`search_path=orders,public`, or
 * PostgreSQL's default `public` behind a connection confined by its tables alone) is isolated only while
 * the service's accesses stay in its schemas. An unqualified name the service does not declare itself,
 * which another service on the same database declares in one of those later schemas, is found there: the
 * connection is in that schema too, and shares it with that service (no-shared-database, ambiguous owners).
 */
export function reachSearchedSchemas(
  services: readonly Service[],
  files: readonly FileFacts[],
  serviceOf: (path: string) => Service | undefined,
): void {
  const searching = services.filter((s) => s.databases.some((d) => d.searchedSchemas));
  if (searching.length === 0) return;
  /** `schema\0table` (lower case) → the services declaring that table in that schema. */
  const declaredIn = new Map<string, Set<Service>>();
  for (const service of services)
    for (const declaration of service.createdTables) {
      // A declaration's database is the service's own database when the table was not qualified.
      const qualifier = declaration.database?.toLowerCase();
      const inDatabase = qualifier === undefined || service.databases.some((d) => d.name.toLowerCase() === qualifier);
      const schema = inDatabase ? unqualifiedSchema(service) : qualifier;
      if (schema === undefined) continue;
      const key = `${schema}\0${declaration.table.toLowerCase()}`;
      declaredIn.set(key, (declaredIn.get(key) ?? new Set()).add(service));
    }
  const names = unqualifiedNames(files, serviceOf, new Set(searching));
  for (const service of searching) {
    const own = new Set(service.createdTables.map((d) => d.table.toLowerCase()));
    const reached = [...(names.get(service) ?? [])].filter((name) => !own.has(name));
    for (const connection of service.databases) {
      if (!connection.searchedSchemas) continue;
      for (const schema of connection.searchedSchemas) {
        const shows = reached.some((name) =>
          [...(declaredIn.get(`${schema}\0${name}`) ?? [])].some((other) => other !== service && onSameDatabase(connection, other)),
        );
        if (shows && !connection.schemas?.includes(schema)) connection.schemas = [...(connection.schemas ?? []), schema].sort();
      }
    }
  }
}

/** The schema a service's unqualified tables are created in: its one connection's first schema, public when no setting names one. */
function unqualifiedSchema(service: Service): string | undefined {
  const relational = service.databases.filter((d) => d.kind === 'postgresql' || d.kind === 'unknown');
  if (relational.every((d) => !d.schemas)) return DEFAULT_SCHEMA;
  return relational.length === 1 ? relational[0].schemas![0] : undefined;
}

function onSameDatabase(connection: DatabaseConnection, other: Service): boolean {
  return other.databases.some(
    (d) => d.name.toLowerCase() === connection.name.toLowerCase() && sameEngine(d.kind, connection.kind) && !separateServers(d, connection),
  );
}

/** The unqualified table names (lower case) each of `wanted`'s files reaches in SQL or through a query builder. */
function unqualifiedNames(
  files: readonly FileFacts[],
  serviceOf: (path: string) => Service | undefined,
  wanted: ReadonlySet<Service>,
): Map<Service, Set<string>> {
  const names = new Map<Service, Set<string>>();
  for (const file of files) {
    const service = serviceOf(file.path);
    if (!service || !wanted.has(service)) continue;
    const set = names.get(service) ?? new Set<string>();
    names.set(service, set);
    for (const analysis of [file.sql, ...(file.embeddedAnalyses ?? [])])
      for (const statement of analysis?.statements ?? [])
        for (const ref of statement.tableRefs) if (ref.qualifier === undefined) set.add(ref.name.toLowerCase());
    for (const ref of apiTableRefsOf(file, service))
      if (ref.qualifier === undefined && ref.database === undefined) set.add(ref.name.toLowerCase());
  }
  return names;
}
