/**
 * One PostgreSQL database, a schema per service, shown by the tables rather than the connection:
 * Drizzle's `pgSchema('members').table(…)`, TypeORM's `@Entity({ schema })`, knex's `withSchema`,
 * Prisma's `@@schema`, `CREATE TABLE "members"."members"` in a migration. The connection itself stays
 * in `public` (no `?schema=`, no `search_path`), yet the services' tables never meet. A service all of
 * whose tables live in schemas no other service declares tables in works in those schemas: its
 * connections that name no schema are confined to them, so sharing the database name is no evidence
 * of sharing tables (see database-evidence.ts).
 */
import type { Service } from './model.js';

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
    }
  }
}
