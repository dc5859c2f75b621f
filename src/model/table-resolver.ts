/**
 * Which service owns a table a query names: the config's claims first, then the declarations
 * (the current ones, and those a later migration retired that the querying file still sees),
 * then a database's configured owner or sole user, then the service prefix.
 */
import type { ConfigOwner } from './config-owners.js';
import { connectsTo, servicesShareDatabase } from './database-evidence.js';
import type { FileHistory } from './declared-tables.js';
import type { SchemaStub, Service, TableDeclaration, TableLookup, TableResolution } from './model.js';
import type { OutsidePackage } from './outside-packages.js';
import { outsideFolder } from './paths.js';
import { stubKindOf } from './schema-stubs.js';
import { DEFAULT_SCHEMAS } from './table-names.js';
import type { UnparsedEngine } from '../analysis/facts.js';

export interface TableResolverInput {
  services: readonly Service[];
  configOwners: readonly ConfigOwner[];
  /** `databases` of the config: lower-cased database name → its owner. */
  databaseOwners: ReadonlyMap<string, Service | undefined>;
  /** Services whose `inferTables: false` keeps what they create from making them owners. */
  inferTables: (service: Service) => boolean;
  /** Declarations outside every service. */
  orphans: readonly TableDeclaration[];
  history: ReadonlyMap<string, FileHistory>;
  /** Stubs of other services' tables in services' tests, scripts and docs. */
  stubs?: readonly SchemaStub[];
  /** Whether a service's files import another service's code (service-reach.ts): its handle reaches that service's tables. */
  reaches?: (from: Service, to: Service) => boolean;
  /** The package outside every service holding a file (outside-packages.ts), with the services depending on it. */
  outsidePackageOf?: (file: string) => OutsidePackage | undefined;
}

export interface TableResolver {
  resolveTable: (ref: TableLookup, from?: Service, inFile?: string) => TableResolution;
  declarationsOf: (table: string, database?: string) => TableDeclaration[];
}

interface Owner {
  service: Service;
  database?: string;
  via: 'config' | 'created' | 'database' | 'prefix' | 'schema-database';
  declaration?: TableDeclaration;
}

const lower = (value: string | undefined) => value?.toLowerCase();

/** Reads every service's `createdTables` once: build it after they are complete. */
export function createTableResolver(input: TableResolverInput): TableResolver {
  const { services, configOwners, databaseOwners, history } = input;
  /** The service a declaration makes an owner: its creator (unless `inferTables: false`), or for SQL outside services the owner of its database. */
  const ownerOfDeclaration = (creator: Service | undefined, declaration: TableDeclaration) =>
    creator
      ? input.inferTables(creator)
        ? creator
        : undefined
      : declaration.database
        ? databaseOwners.get(declaration.database.toLowerCase())
        : undefined;

  const declarationsByTable = new Map<string, Array<{ service?: Service; declaration: TableDeclaration }>>();
  const index = (creator: Service | undefined, declaration: TableDeclaration) => {
    const key = declaration.table.toLowerCase();
    const list = declarationsByTable.get(key) ?? [];
    list.push({ service: ownerOfDeclaration(creator, declaration), declaration });
    declarationsByTable.set(key, list);
  };
  for (const service of services) for (const declaration of service.createdTables) index(service, declaration);
  for (const declaration of input.orphans) index(undefined, declaration);
  // Engines on which the repository declares a table (its SQL, an ORM, a config claim): a name there can be checked.
  const declaredEngines = new Set<UnparsedEngine | undefined>(
    services.filter((s) => s.createdTables.length > 0 || configOwners.some((o) => o.service === s)).map(engineOf),
  );

  const orphans = new Set(input.orphans);
  const createdNames = new Map<Service, Set<string>>(
    services.map((service) => [service, new Set(service.createdTables.map((d) => d.table.toLowerCase()))]),
  );
  const createdBy = (service: Service, name: string) => createdNames.get(service)?.has(name) ?? false;
  const claims = (service: Service, name: string) => configOwners.some((o) => o.service === service && o.match(name));
  const orphansByFile = new Map<string, TableDeclaration[]>();
  for (const declaration of input.orphans) {
    const list = orphansByFile.get(declaration.file);
    if (list) list.push(declaration);
    else orphansByFile.set(declaration.file, [declaration]);
  }
  const copies = new Map<string, boolean>();
  /**
   * Whether a file lies in a package of its own (a package.json outside every service) that `service` does not depend
   * on: what it declares is that package's, never a copy of the service's schema (BuilderBot's MySQL adapter creating
   * and querying its `history` beside the older bot database's own `history`, HELDOUT14 #27).
   */
  const ownPackageFile = (file: string, service: Service) => {
    const found = input.outsidePackageOf?.(file);
    return found !== undefined && !found.dependents.includes(service);
  };
  /**
   * Whether a file outside every service is a copy of `service`'s schema: most of its tables are ones the service creates or
   * the config gives it (a root `database/schema.sql` of the services' tables). Zabbix's schema.sql beside Redmine is not
   * (2 of its 173 tables share a name with Redmine's): a product of its own, whose `users` is its own table.
   */
  const copyOf = (file: string, service: Service) => {
    const key = `${file}\0${service.name}`;
    let copy = copies.get(key);
    if (copy === undefined) {
      const declared = orphansByFile.get(file) ?? [];
      const theirs = declared.filter((d) => createdBy(service, d.table.toLowerCase()) || claims(service, d.table.toLowerCase()));
      copy = theirs.length * 2 > declared.length && !ownPackageFile(file, service);
      copies.set(key, copy);
    }
    return copy;
  };
  /**
   * A declaration of `name` outside every service, in the folder of `inFile`, that is a table of its own beside a service's
   * `name`: it names no database and no database owner takes it (two declarations are one table only when both say where
   * they live), and its file is no copy of the schema of a service creating `name`.
   */
  const foreignOrphan = (name: string, qualifier: string | undefined, inFile: string | undefined) => {
    if (inFile === undefined || qualifier) return undefined;
    const folder = outsideFolder(inFile);
    const beside = (declarationsByTable.get(name) ?? []).filter(
      (d) => !d.service && !d.declaration.database && orphans.has(d.declaration) && outsideFolder(d.declaration.file) === folder,
    );
    if (beside.length === 0) return undefined;
    const creators = services.filter((service) => createdBy(service, name));
    if (creators.length === 0) return undefined;
    return beside.find((d) => !creators.some((creator) => copyOf(d.declaration.file, creator)))?.declaration;
  };

  /** Declarations of `name` renamed away or dropped after `inFile` (or by it): that file still names the old table. */
  const formerDeclarations = (name: string, inFile: string | undefined) => {
    const seen = inFile === undefined ? undefined : history.get(inFile);
    if (!seen) return [];
    return seen.retired
      .filter((r) => r.since <= seen.index && seen.index <= r.until && r.declaration.table.toLowerCase() === name)
      .map((r) => ({ service: ownerOfDeclaration(seen.creator, r.declaration), declaration: r.declaration }));
  };

  const ownersOf = (name: string, qualifier: string | undefined, from: Service | undefined, inFile: string | undefined): Owner[] => {
    // Code beside an outside file's own table (zabbix's schema.sql and data.sql) means that table: nobody's, whatever a
    // service of that name creates, unless the config gives it to a service that does not create one itself.
    const own = from === undefined ? foreignOrphan(name, qualifier, inFile) : undefined;
    let configured = configOwners.filter((o) => {
      if (own && createdBy(o.service, name)) return false;
      if (!o.match(name)) return false;
      if (!o.database) return true;
      if (qualifier) return qualifier === o.database;
      // `db.*` claims bare names only for code that connects to `db`.
      return from ? connectsTo(from, o.database) || from === o.service : false;
    });
    // An exact name is a more specific claim than a glob.
    if (configured.some((o) => o.exact)) configured = configured.filter((o) => o.exact);
    if (configured.length > 0)
      return uniqueOwners(configured.map((o) => ({ service: o.service, database: o.database, via: 'config' as const })));
    if (own) return [];
    const declared = [...(declarationsByTable.get(name) ?? []), ...formerDeclarations(name, inFile)].filter(
      (d) => d.service && (!qualifier || !d.declaration.database || d.declaration.database.toLowerCase() === qualifier),
    );
    if (declared.length > 0) {
      return uniqueOwners(
        declared.map((d) => ({
          service: d.service!,
          database: d.declaration.database,
          via: 'created' as const,
          declaration: d.declaration,
        })),
      );
    }
    if (qualifier) {
      const owner = databaseOwners.get(qualifier);
      if (owner) return [{ service: owner, database: qualifier, via: 'database' }];
      const users = services.filter((s) => connectsTo(s, qualifier));
      if (users.length === 1) return [{ service: users[0], database: qualifier, via: 'schema-database' }];
    }
    const prefixed = services.filter((s) => s.prefixes.some((p) => p && name.startsWith(p.toLowerCase())));
    if (prefixed.length === 1) return [{ service: prefixed[0], via: 'prefix' }];
    return [];
  };

  const stubsByTable = new Map<string, SchemaStub[]>();
  for (const stub of input.stubs ?? []) {
    const key = stub.declaration.table.toLowerCase();
    stubsByTable.set(key, [...(stubsByTable.get(key) ?? []), stub]);
  }
  /**
   * The stub `inFile` uses: the one it creates itself, or for a test file of `from`, one its tests create. A
   * test's rows go to its throw-away database; the service's own code still reads the owner's table.
   */
  const stubUsed = (name: string, qualifier: string | undefined, from: Service | undefined, inFile: string | undefined) => {
    if (!from || inFile === undefined) return undefined;
    const candidates = (stubsByTable.get(name) ?? []).filter(
      (stub) => stub.service === from && (!qualifier || lower(stub.declaration.database) === qualifier),
    );
    if (candidates.length === 0) return undefined;
    return (
      candidates.find((stub) => stub.declaration.file === inFile) ??
      (stubKindOf(inFile, from) === 'test' ? candidates.find((stub) => stub.kind === 'test') : undefined)
    );
  };

  /** A declaration outside every service of `name` that no service owns (no database owner claims it). */
  const unownedDeclaration = (name: string, qualifier: string | undefined) =>
    (declarationsByTable.get(name) ?? []).find(
      (d) =>
        !d.service &&
        orphans.has(d.declaration) &&
        (!qualifier || !d.declaration.database || d.declaration.database.toLowerCase() === qualifier),
    )?.declaration;

  const resolveQualified = (ref: TableLookup, from?: Service, inFile?: string): TableResolution => {
    const name = ref.name.toLowerCase();
    let qualifier = lower(ref.qualifier);
    if (qualifier && DEFAULT_SCHEMAS.has(qualifier)) qualifier = undefined;
    const stub = stubUsed(name, qualifier, from, inFile);
    if (stub) return owned({ service: stub.service, database: stub.declaration.database, via: 'created', declaration: stub.declaration });
    // The table the service's own migration runner records its migrations in (a knexfile's `tableName: 'migration'`): the
    // tool creates it in the service's database, whatever another service names a table of its own (HELDOUT14 #18).
    if (from?.migrationTables?.includes(name)) return owned({ service: from, via: 'created' });
    let candidates = ownersOf(name, qualifier, from, inFile);
    if (candidates.length === 0) {
      const unowned = unownedDeclaration(name, qualifier);
      if (unowned) return { kind: 'unknown', unowned };
    }
    if (from) {
      // Tables are per engine: a ClickHouse `events` is not PostgreSQL's, a Cassandra `users` no MySQL table.
      const engine = engineOf(from);
      const sameEngine = candidates.filter((c) => engineOf(c.service) === engine);
      // Unless the service imports the other engine's service and uses its handle: the dev network (PostgreSQL) that
      // starts the PDS (SQLite) reads `this.pds.ctx.accountManager.db.db.selectFrom('email_token')`, the PDS's table.
      const reaches = input.reaches;
      candidates = sameEngine.length === 0 && reaches ? candidates.filter((c) => reaches(from, c.service)) : sameEngine;
      if (candidates.length === 0)
        return engine && !declaredEngines.has(engine) ? { kind: 'unknown', undeclaredEngine: engine } : { kind: 'unknown' };
    }
    if (candidates.length === 0) return { kind: 'unknown' };
    if (from) {
      const own = candidates.find((c) => c.service === from);
      if (own && (!qualifier || candidates.length === 1 || connectsTo(from, qualifier) || own.database?.toLowerCase() === qualifier)) {
        return owned(own);
      }
      if (!qualifier && candidates.length > 1) {
        const reachable = candidates.filter(
          (c) => (c.database && connectsTo(from, c.database.toLowerCase())) || servicesShareDatabase(from, c.service),
        );
        if (reachable.length > 0) candidates = reachable;
      }
    }
    if (qualifier && candidates.length > 1) {
      // `orders.audit_log`, or `audit_log` after `\c orders`, where several services claim `audit_log` by its bare name:
      // the table of the service whose database `orders` is (the one connecting to it, or its owner in the config).
      const there = candidates.filter(
        (c) =>
          lower(c.database) === qualifier ||
          (!c.database && (connectsTo(c.service, qualifier) || databaseOwners.get(qualifier) === c.service)),
      );
      if (there.length === 1) return owned(there[0]);
    }
    if (candidates.length === 1) return owned(candidates[0]);
    return { kind: 'ambiguous', owners: candidates.map((c) => ({ service: c.service, declaration: c.declaration })) };
  };

  return {
    resolveTable: (ref, from, inFile) => {
      const context = lower(ref.context);
      if (!ref.qualifier && context && !DEFAULT_SCHEMAS.has(context)) {
        // After `USE ops`, `orders` is ops.orders: it matches `ops.orders` patterns and declarations in ops.
        const inContext = resolveQualified({ name: ref.name, qualifier: context }, from, inFile);
        if (inContext.kind === 'ambiguous' || (inContext.kind === 'owned' && (inContext.via === 'config' || inContext.via === 'created'))) {
          return inContext;
        }
        // Only the database's owner claims it: no table of that name is known in ops. A table of that name declared
        // elsewhere is the one the script means (the audit's `USE payment_system; … REFERENCES invoices(id)`, billing's
        // invoices); taking ops' owner instead would make a cross-service reference silently the script's own.
        const asWritten = resolveQualified(ref, from, inFile);
        if (asWritten.kind === 'owned' && asWritten.via === 'created') return asWritten;
        if (inContext.kind !== 'unknown') return inContext;
        return asWritten;
      }
      return resolveQualified(ref, from, inFile);
    },
    declarationsOf: (table, database) =>
      (declarationsByTable.get(table.toLowerCase()) ?? [])
        .map((d) => d.declaration)
        .filter((d) => !database || !d.database || d.database.toLowerCase() === database.toLowerCase()),
  };
}

/** The engine without a parser here that the service runs on (its tables are that engine's); undefined for MySQL, PostgreSQL or undecided. */
function engineOf(service: Service): UnparsedEngine | undefined {
  return service.dialectDecision?.unparsedEngine;
}

function owned(owner: Owner): TableResolution {
  return { kind: 'owned', owner: owner.service, database: owner.database, via: owner.via, declaration: owner.declaration };
}

/** One owner per service, keeping the first (config before created, earliest declaration). */
function uniqueOwners(owners: Owner[]): Owner[] {
  const seen = new Set<Service>();
  return owners.filter((o) => (seen.has(o.service) ? false : (seen.add(o.service), true)));
}
