/**
 * Tables of entities that shared code defines (an Nx `libs/database`, a `packages/entities`
 * folder that is no service) belong to the services that register those entities with their ORM
 * connection (`entities: [Order]`, `TypeOrmModule.forFeature([Order])`): with `synchronize` or
 * its own migrations tool, that service's database is where the table lives.
 *
 * This is the weakest ownership evidence, so it applies only to a table no service otherwise
 * declares: when a service's migration, schema file or own entity creates the table, or the
 * config claims it, a registration elsewhere is how another service reads it, not ownership.
 * An entity that a service defines itself is that service's already; registering another
 * service's entity never makes it one's own.
 */
import type { FileFacts } from '../analysis/facts.js';
import { spanToRange } from '../analysis/text.js';
import type { EntityResolver } from './entity-resolver.js';
import type { Service, TableDeclaration } from './model.js';
import { ownQualifier } from './table-names.js';

export interface RegistrationContext {
  serviceOf(path: string): Service | undefined;
  entities: EntityResolver;
  /** True when a service's own DDL or entity, SQL outside the services, or a config claim declares `table` (in any database). */
  declaredElsewhere(table: string): boolean;
  /** The database the service's ORM tables live in, when only one candidate exists. */
  soleDatabase(service: Service): string | undefined;
}

/** Per registering service, one declaration per table of a shared entity it registers (its first registration, in path order). */
export function registeredSharedTables(files: readonly FileFacts[], context: RegistrationContext): Map<Service, TableDeclaration[]> {
  const result = new Map<Service, TableDeclaration[]>();
  const seen = new Set<string>();
  for (const file of files) {
    const registrations = file.script?.ormRegistrations;
    if (!registrations) continue;
    const service = context.serviceOf(file.path);
    if (!service) continue;
    for (const registration of registrations) {
      const found = context.entities(file, { ...registration, action: 'other' });
      if (!found || found.definition.service) continue;
      const { table, qualifier } = found.definition;
      const database = ownQualifier(qualifier) ?? context.soleDatabase(service);
      const key = `${service.name}\0${(database ?? '').toLowerCase()}\0${table.toLowerCase()}`;
      if (seen.has(key) || context.declaredElsewhere(table)) continue;
      seen.add(key);
      const declarations = result.get(service) ?? [];
      declarations.push({ table, database, file: file.path, range: spanToRange(file.lineStarts, registration.fileSpan), via: 'orm' });
      result.set(service, declarations);
    }
  }
  return result;
}
