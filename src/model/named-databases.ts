/**
 * A service named like a database the repository's SQL declares (`orders` and `CREATE DATABASE orders; \c orders`),
 * whose own connection names no database (`new Pool({ database: process.env.PGDATABASE })`, a `connectionString`
 * read from the environment): the database is set where it is deployed, and the only evidence of which one it is,
 * is that name. Together with the connection that is evidence enough: the service connects to it.
 *
 * Nothing is guessed beyond that: the service must name no relational database in its settings, its own files (not
 * tests) must open a connection whose database is not written, the declared database's name must be the service's
 * (as written, without `-service`, snake_case, or either side without a `_db` / `-db` / `_database` ending), no
 * other service may connect to it already, and no other service's name may fit it too.
 */
import type { ConfigProperty, FileFacts } from '../analysis/facts.js';
import { spanToRange } from '../analysis/text.js';
import { declaredDatabases } from './computed-databases.js';
import { DATABASE_PROPERTIES, isConnectionProperty, kindFromCallee } from './database-settings.js';
import type { DatabaseConnection, Service } from './model.js';
import { isTestFile } from './paths.js';
import { serviceSnakeName } from './service-names.js';

export interface NamedDatabasesInput {
  services: readonly Service[];
  files: readonly FileFacts[];
  serviceOf: (path: string) => Service | undefined;
}

/** Options that name where a connection goes: its database, or a URL that would carry it. */
const DESTINATION_KEYS = new Set([...DATABASE_PROPERTIES, 'connectionString', 'url', 'uri']);

/** `orders` for `orders`, `orders-service`, `orders_db`, `orders-database`; snake_case. */
function nameKey(name: string): string {
  return serviceSnakeName(name.toLowerCase().replace(/[-_](?:db|database)$/, ''));
}

/**
 * The connection options of `file` whose destination is not written in it: the database (or URL) is read from the
 * environment without a default, or computed. A literal, or an environment default, names its database elsewhere.
 */
function unnamedConnections(file: FileFacts): ConfigProperty[] {
  const properties = file.script?.configProperties ?? [];
  return properties.filter(
    (p) =>
      DESTINATION_KEYS.has(p.key) &&
      p.path.length === 0 &&
      (p.valueKind === 'env' || p.valueKind === 'other') &&
      !p.computed &&
      isConnectionProperty(p, properties),
  );
}

/** Adds to each service without a relational database the declared database named like it, when its own connection names none. */
export function assignNamedDatabases(input: NamedDatabasesInput): void {
  const { services, files, serviceOf } = input;
  const declared = declaredDatabases(files);
  if (declared.size === 0) return;
  const connected = new Set(services.flatMap((s) => s.databases.filter((d) => d.kind !== 'mongodb').map((d) => d.name.toLowerCase())));
  // A database two services' names fit is nobody's by name.
  const fitting = new Map<string, Service[]>();
  for (const service of services) {
    const key = nameKey(service.name);
    if (key !== '') fitting.set(key, [...(fitting.get(key) ?? []), service]);
  }
  const connections = new Map<Service, { file: FileFacts; property: ConfigProperty }>();
  for (const file of files) {
    if (isTestFile(file.path)) continue;
    const service = serviceOf(file.path);
    if (!service || connections.has(service)) continue;
    const [property] = unnamedConnections(file);
    if (property) connections.set(service, { file, property });
  }
  for (const [lower, database] of declared) {
    if (connected.has(lower)) continue;
    const candidates = fitting.get(nameKey(database)) ?? [];
    if (candidates.length !== 1) continue;
    const [service] = candidates;
    if (service.databases.some((d) => d.kind !== 'mongodb')) continue;
    const connection = connections.get(service);
    if (!connection) continue;
    const kind = kindFromCallee(connection.property.callee);
    const added: DatabaseConnection = {
      name: database,
      kind: kind === 'unknown' || kind === 'mongodb' ? (service.dialect ?? 'unknown') : kind,
      sources: [
        {
          file: connection.file.path,
          range: spanToRange(connection.file.lineStarts, connection.property.valueSpan),
          key: `${connection.property.key} (unwritten) of '${service.name}', named like '${database}'`,
          origin: 'service-name',
        },
      ],
    };
    service.databases.push(added);
  }
}
