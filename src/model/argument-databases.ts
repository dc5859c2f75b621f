/**
 * Databases a service names by passing them to a shared connection factory (Moleculer's
 * `mixins: [DbMixin("orders_db")]`, the mixin opening `createPool({ database })`), found by
 * discovery in the service's file. A literal argument is only a candidate (the template's own
 * `DbService("users")` passes a MongoDB collection): it becomes the service's database when the
 * repository's SQL declares a database of exactly that name (`CREATE DATABASE orders_db`,
 * `USE orders_db`), and only for a service whose settings name no relational database.
 */
import type { FileFacts } from '../analysis/facts.js';
import { declaredDatabases } from './computed-databases.js';
import type { DatabaseConnection, Service } from './model.js';
import type { DatabaseArgument } from './moleculer-services.js';

export function assignArgumentDatabases(
  services: readonly Service[],
  files: readonly FileFacts[],
  argumentsOf: ReadonlyMap<string, readonly DatabaseArgument[]>,
): void {
  if (argumentsOf.size === 0) return;
  const declared = declaredDatabases(files);
  for (const service of services) {
    if (service.databases.some((d) => d.kind !== 'mongodb')) continue;
    const added = new Map<string, DatabaseConnection>();
    for (const argument of argumentsOf.get(service.name) ?? []) {
      const database = declared.get(argument.value.toLowerCase());
      if (!database || added.has(database.toLowerCase())) continue;
      added.set(database.toLowerCase(), {
        name: database,
        kind: service.dialect ?? 'unknown',
        sources: [
          {
            file: argument.file,
            range: { line: argument.line, column: argument.column, endLine: argument.endLine, endColumn: argument.endColumn },
            key: argument.call,
            origin: 'computed',
          },
        ],
      });
    }
    service.databases.push(...added.values());
  }
}
