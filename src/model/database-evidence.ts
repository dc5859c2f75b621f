/**
 * When the repository shows that two services use the same database, and that two same-named
 * tables are one table. Only evidence counts: the same database name, on the same server where
 * both sides name their servers, in the same PostgreSQL schema where schemas are set, on engines
 * that can be the same. A database whose name is unknown (computed at run time, never written
 * down) is the same as no other.
 */
import type { DatabaseKind } from '../analysis/facts.js';
import { DEFAULT_SCHEMA } from './connections.js';
import type { DatabaseConnection, Service, TableDeclaration } from './model.js';

/** Same name on two engines is two databases; an unknown engine may be either. */
export function sameEngine(a: DatabaseKind, b: DatabaseKind): boolean {
  return a === b || a === 'unknown' || b === 'unknown';
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '0.0.0.0', 'host.docker.internal']);

/**
 * `localhost:5433` → host and port; `[::1]:5433` → `::1` and port; a host written without a port has none;
 * `db:5432|./services/orders` → the container `db` of that compose project (connections.ts, `inComposeProject`).
 */
function splitServer(written: string): { host: string; port?: string; loopback: boolean; project?: string } {
  const bar = written.indexOf('|');
  const server = bar < 0 ? written : written.slice(0, bar);
  const project = bar < 0 ? undefined : written.slice(bar + 1);
  const colon = server.lastIndexOf(':');
  const tail = server.slice(colon + 1);
  const head = server.slice(0, colon);
  const ported = colon > 0 && tail !== '' && [...tail].every((c) => c >= '0' && c <= '9') && (!head.includes(':') || head.startsWith('['));
  const host = ported ? head.replace(/^\[(.*)\]$/, '$1') : server;
  const loopback = project === undefined && (LOOPBACK.has(host) || LOOPBACK.has(`[${host}]`));
  return { host, ...(ported ? { port: tail } : {}), loopback, ...(project === undefined ? {} : { project }) };
}

/**
 * Same name on two servers is two databases — but only when both sides say which servers. A
 * server is its host and, when both sides write one, its port: `localhost:5433` and `localhost:5434`
 * are two containers, `localhost` and `localhost:5433` may be one. "This machine" (`localhost`)
 * is one server in two services' dev settings, and may be any server the other side names, unless
 * its own side also names its real server (its compose settings): then that one is compared.
 * A compose service's container (`db` of the file the setting is in) is a server of that compose project
 * only: two projects' `db` are two containers, while a host another file names without defining it (an
 * external network's `db`) may be either.
 */
export function separateServers(a: Pick<DatabaseConnection, 'hosts'>, b: Pick<DatabaseConnection, 'hosts'>): boolean {
  if (!a.hosts || !b.hosts) return false;
  const left = a.hosts.map(splitServer);
  const right = b.hosts.map(splitServer);
  const named = (side: typeof left) => side.some((s) => !s.loopback);
  const portsAgree = (x: { port?: string }, y: { port?: string }) => !x.port || !y.port || x.port === y.port;
  const maybeOne = (x: (typeof left)[number], y: (typeof left)[number]) => {
    if (x.loopback && y.loopback) return portsAgree(x, y);
    if (x.loopback) return !named(left); // a published port of a server the other side names
    if (y.loopback) return !named(right);
    if (x.project !== undefined && y.project !== undefined && x.project !== y.project) return false;
    return x.host === y.host && portsAgree(x, y);
  };
  return !left.some((x) => right.some((y) => maybeOne(x, y)));
}

/**
 * One PostgreSQL database, a schema per service (`?schema=orders`, `search_path=catalog`): the
 * services' tables never meet. A connection that names no schema works in `public`.
 */
export function separateSchemas(a: Pick<DatabaseConnection, 'schemas'>, b: Pick<DatabaseConnection, 'schemas'>): boolean {
  const left = a.schemas ?? [DEFAULT_SCHEMA];
  const right = b.schemas ?? [DEFAULT_SCHEMA];
  return !left.some((schema) => right.includes(schema));
}

/** Whether two connections reach the same database: same name and engine, not told apart by server or schema. */
export function sameDatabase(a: DatabaseConnection, b: DatabaseConnection): boolean {
  return a.name.toLowerCase() === b.name.toLowerCase() && sameEngine(a.kind, b.kind) && !separateServers(a, b) && !separateSchemas(a, b);
}

/** The service's connection a namespace (a database name, or the schema a connection is confined to) means. */
export function connectionFor(service: Service, namespace: string): DatabaseConnection | undefined {
  const wanted = namespace.toLowerCase();
  return (
    service.databases.find((d) => d.name.toLowerCase() === wanted) ?? service.databases.find((d) => d.schemas?.includes(wanted) ?? false)
  );
}

/** Whether `service` reaches the namespace (database or schema) `namespace`. */
export function connectsTo(service: Service, namespace: string): boolean {
  return connectionFor(service, namespace) !== undefined;
}

/** Whether two services have a database in common (by the evidence above). */
export function servicesShareDatabase(a: Service, b: Service): boolean {
  return a.databases.some((d) => b.databases.some((e) => sameDatabase(d, e)));
}

/** Databases several services connect to, each with the services that reach it, by name. */
export function sharedDatabases(
  services: readonly Service[],
): Array<{ database: string; services: Array<{ service: Service; connection: DatabaseConnection }> }> {
  const groups = new Map<string, Array<{ service: Service; connection: DatabaseConnection }>>();
  for (const service of services) {
    for (const connection of service.databases) {
      const key = connection.name.toLowerCase();
      const list = groups.get(key) ?? [];
      if (!list.some((entry) => entry.service === service)) list.push({ service, connection });
      groups.set(key, list);
    }
  }
  return [...groups.values()]
    .filter((users) => users.some((u, i) => users.some((o, j) => j > i && sameDatabase(u.connection, o.connection))))
    .map((users) => ({ database: users[0].connection.name, services: users }))
    .sort((a, b) => a.database.localeCompare(b.database));
}

/**
 * Whether two services' declarations of a same-named table are one table: both say where it
 * lives (a qualifier, `USE db`, `SET search_path`, or the service's one database), it is the same
 * place, and the services' own connections to it, where they have them, are not told apart.
 */
export function sameTable(
  a: { service: Service; declaration: Pick<TableDeclaration, 'database'> },
  b: { service: Service; declaration: Pick<TableDeclaration, 'database'> },
): boolean {
  const dbA = a.declaration.database?.toLowerCase();
  const dbB = b.declaration.database?.toLowerCase();
  if (!dbA || !dbB || dbA !== dbB) return false;
  const connectionA = connectionFor(a.service, dbA);
  const connectionB = connectionFor(b.service, dbB);
  return !connectionA || !connectionB || sameDatabase(connectionA, connectionB);
}

/**
 * Table names that more than one service creates as one table: the declarations are in the same
 * database or schema by the evidence rule of database-evidence.ts (a table of one name in two
 * schemas, or in databases whose names are unknown, is two tables).
 */
export function tableConflicts(services: readonly Service[]): Array<{ table: string; services: string[] }> {
  const creators = new Map<string, { table: string; declared: Array<{ service: Service; declaration: TableDeclaration }> }>();
  for (const service of services) {
    for (const declaration of service.createdTables) {
      const key = declaration.table.toLowerCase();
      const entry = creators.get(key) ?? { table: declaration.table, declared: [] };
      entry.declared.push({ service, declaration });
      creators.set(key, entry);
    }
  }
  const conflicts: Array<{ table: string; services: string[] }> = [];
  for (const { table, declared } of creators.values()) {
    const clashing = new Set<string>();
    for (const a of declared)
      for (const b of declared) if (a.service !== b.service && sameTable(a, b)) clashing.add(a.service.name).add(b.service.name);
    if (clashing.size > 1) conflicts.push({ table, services: [...clashing].sort(byCodeUnits) });
  }
  return conflicts.sort((a, b) => byCodeUnits(a.table, b.table));
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
