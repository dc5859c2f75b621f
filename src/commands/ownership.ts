import { compileGlob } from '../config/glob.js';
import type { DatabaseKind, Range } from '../analysis/facts.js';
import type { Diagnostic } from '../engine/types.js';
import type { DatabaseConnection, ProjectModel, Service } from '../model/model.js';
import { sameDatabase, separateSchemas, tableConflicts } from '../model/database-evidence.js';
import { createdDatabase, namespaceSwitch } from '../model/current-database.js';
import { ownQualifier } from '../model/table-names.js';
import { crossServiceAccesses, type AccessKind, type TableAccess } from '../model/accesses.js';

/**
 * The data behind `nilecare-lint map`: who owns which database and table, and which
 * service reaches into which other service's tables. A plain, JSON-serialisable object
 * built from one lint run; `map-render.ts` turns it into text.
 *
 * JSON shape (`map --format json`), version 1:
 *
 *     { "version": 1,
 *       "services":  [{ "name", "roots": [..], "dialect"?, "engines"?: [..], "databases": [..], "patterns": [..],
 *                       "tables": [{ "name", "database"?, "via", "file"?, "line"? }] }],
 *       "databases": [{ "name", "kind", "owner"?, "ownerVia"?, "services": [..], "sharedBy"?: [..], "apartBy"?, "declaredIn": [..] }],
 *       "edges":     [{ "from", "table", "owner", "count", "suppressed", "rules": { ruleId: n },
 *                       "kinds": { "query"?: n, "grant"?: n, "foreign-key"?: n },
 *                       "locations": [{ "ruleId", "kind", "file", "line", "column", "suppressed"? }] }],
 *       "conflicts": [{ "table", "services": [..] }],
 *       "unowned":   [{ "name", "database"?, "via", "file", "line" }] }
 *
 * Everything is sorted (services and databases by name, tables by name, edges by accessor,
 * owner, table; locations by file, line, column) so the output diffs cleanly in CI.
 */
export interface OwnershipMap {
  version: 1;
  services: ServiceOwnership[];
  databases: DatabaseOwnership[];
  edges: AccessEdge[];
  /** Tables created by the SQL of several services: every creator claims them. */
  conflicts: Array<{ table: string; services: string[] }>;
  /** Tables declared in SQL outside every service whose owner could not be resolved. */
  unowned: OwnedTable[];
}

export interface ServiceOwnership {
  name: string;
  roots: string[];
  dialect?: string;
  /**
   * Every engine the service's evidence names (`mysql`, `postgresql`, `sqlite`, `sqlserver`, `oracle`),
   * present when that is more than its dialect: both engines of a service moving from one to the other
   * (no dialect then), MySQL beside SQLite. Absent for a service on one engine, with or without a parser here.
   */
  engines?: string[];
  /** Databases the service connects to (config, .env files, code defaults, URLs). */
  databases: string[];
  /** Owned-table patterns from the config (`tables`). */
  patterns: string[];
  tables: OwnedTable[];
}

export type TableVia = 'migration' | 'schema' | 'orm' | 'prisma' | 'database' | 'referenced';

export interface OwnedTable {
  name: string;
  database?: string;
  /**
   * Why the service owns it: its migrations / schema files / ORM entities / Prisma models
   * create it, it is declared in a database the service owns (`database`), or it is only
   * known because another service accesses it and the config assigns it (`referenced`).
   */
  via: TableVia;
  file?: string;
  line?: number;
}

export interface DatabaseOwnership {
  name: string;
  kind: DatabaseKind;
  /** Owner from `databases` in the config, or the only service connecting to it. */
  owner?: string;
  ownerVia?: 'config' | 'sole-connection';
  /** Services whose settings name this database. */
  services: string[];
  /**
   * Present when schemas or servers keep some of `services` apart: those that really share it
   * (empty when each has its own), and what keeps the others apart.
   */
  sharedBy?: string[];
  apartBy?: 'schema' | 'server';
  /** SQL files outside services that declare it (`CREATE DATABASE`, `USE db`). */
  declaredIn: string[];
}

/** The services that share the database (not those its schemas or servers keep apart). */
export function sharingServices(database: Pick<DatabaseOwnership, 'services' | 'sharedBy'>): string[] {
  return database.sharedBy ?? database.services;
}

/** How a database without an owner is used: shared, kept apart by schema or server, or unused. */
export function unownedUse(database: Pick<DatabaseOwnership, 'services' | 'sharedBy' | 'apartBy'>): string {
  if (sharingServices(database).length > 1) return 'shared, no owner';
  if (database.services.length > 1) return database.apartBy === 'schema' ? 'a schema per service' : 'a server per service';
  return 'no owner';
}

export interface AccessEdge {
  /** The accessing service. */
  from: string;
  /** Bare table name (without database qualifier). */
  table: string;
  owner: string;
  /** All findings on this edge, suppressed ones included. */
  count: number;
  suppressed: number;
  rules: Record<string, number>;
  /** The findings by kind of access: they add up to `count`. */
  kinds: Partial<Record<EdgeKind, number>>;
  locations: EdgeLocation[];
}

/** See AccessKind in src/model/accesses.ts. */
export type EdgeKind = AccessKind;

export interface EdgeLocation {
  ruleId: string;
  kind: EdgeKind;
  file: string;
  line: number;
  column: number;
  suppressed?: boolean;
}

/** The rule that reports each kind of access: its findings decide which accesses are edges (allow-lists, rules turned off) and which are suppressed. */
export const REPORTED_BY: Readonly<Record<EdgeKind, string>> = {
  query: 'no-cross-service-query',
  grant: 'no-cross-service-query',
  'foreign-key': 'no-cross-service-foreign-key',
};

/** Rules whose findings are cross-service access edges. */
export const EDGE_RULES: ReadonlySet<string> = new Set(Object.values(REPORTED_BY));

/**
 * The model's cross-service accesses that a finding reports, each with its finding. An access is
 * an edge when its rule reports it at its place: the model says who accesses which table of whom,
 * the rules' options say which of those are violations.
 */
export function reportedAccesses(
  model: ProjectModel,
  diagnostics: readonly Diagnostic[],
): Array<{ access: TableAccess; finding: Diagnostic }> {
  // `diff` asks twice per state (the ownership map, then the edges): resolving every file's references is the cost.
  const byDiagnostics = reported.get(model) ?? new WeakMap<readonly Diagnostic[], Array<{ access: TableAccess; finding: Diagnostic }>>();
  reported.set(model, byDiagnostics);
  const known = byDiagnostics.get(diagnostics);
  if (known) return known;
  const out = pairAccesses(model, diagnostics);
  byDiagnostics.set(diagnostics, out);
  return out;
}

const reported = new WeakMap<ProjectModel, WeakMap<readonly Diagnostic[], Array<{ access: TableAccess; finding: Diagnostic }>>>();

function pairAccesses(model: ProjectModel, diagnostics: readonly Diagnostic[]): Array<{ access: TableAccess; finding: Diagnostic }> {
  const key = (ruleId: string, file: string, range: Range) =>
    `${ruleId}\0${file}\0${range.line}:${range.column}:${range.endLine}:${range.endColumn}`;
  const findings = new Map<string, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    if (!EDGE_RULES.has(diagnostic.ruleId)) continue;
    const id = key(diagnostic.ruleId, diagnostic.file, diagnostic);
    findings.set(id, [...(findings.get(id) ?? []), diagnostic]);
  }
  const out: Array<{ access: TableAccess; finding: Diagnostic }> = [];
  let previous: { access: TableAccess; finding: Diagnostic } | undefined;
  for (const access of crossServiceAccesses(model)) {
    // A reference of a table several services own is one finding on an edge to each owner (the accesses follow each other).
    if (access.ofSeveral && previous?.access.ofSeveral && samePlace(previous.access, access) && previous.access.owner !== access.owner) {
      out.push((previous = { access, finding: previous.finding }));
      continue;
    }
    // One finding per place: two accesses at one place (an ORM call and its entity) are one edge location.
    const finding = findings.get(key(REPORTED_BY[access.kind], access.file, access.range))?.shift();
    previous = finding ? { access, finding } : undefined;
    if (previous) out.push(previous);
  }
  return out;
}

function samePlace(a: TableAccess, b: TableAccess): boolean {
  return (
    a.file === b.file &&
    a.kind === b.kind &&
    a.range.line === b.range.line &&
    a.range.column === b.range.column &&
    a.range.endLine === b.range.endLine &&
    a.range.endColumn === b.range.endColumn &&
    (a.accessor?.name ?? a.folder) === (b.accessor?.name ?? b.folder)
  );
}

/**
 * How many findings the edges carry: a finding on a table several services own is on an edge to each of them, and
 * counts once.
 */
export function edgeFindingCount(edges: readonly AccessEdge[]): number {
  const places = new Set<string>();
  for (const edge of edges)
    for (const l of edge.locations) places.add(`${edge.from}\0${l.ruleId}\0${l.file}\0${l.line}:${l.column}\0${edge.table.toLowerCase()}`);
  return places.size;
}

// ---------------------------------------------------------------------------------------
// SQL outside every service: the root `database/**/schema/*.sql` of many monorepos
// ---------------------------------------------------------------------------------------

export interface RootSqlFacts {
  /** Logical databases the files create or switch to, with the files that name them. */
  databases: Map<string, { name: string; files: Set<string> }>;
  /** Tables those files create, in the database current at that point. */
  tables: Array<{ name: string; database?: string; file: string; range: Range }>;
  /** Files that create tables without naming any database. */
  filesWithoutDatabase: string[];
}

/** A qualifier that names a database, not the default schema. */
const databaseQualifier = ownQualifier;

/** Databases and tables declared by `.sql` files that belong to no service. */
export function rootSqlFacts(model: ProjectModel): RootSqlFacts {
  const schemaFiles = (model.config.schemaFiles ?? []).map((entry) => ({
    match: compileGlob(entry.files),
    database: entry.database,
  }));
  const databases: RootSqlFacts['databases'] = new Map();
  const withoutDatabase = new Set<string>();
  const noteDatabase = (name: string, file: string) => {
    const key = name.toLowerCase();
    const entry = databases.get(key) ?? { name, files: new Set<string>() };
    entry.files.add(file);
    databases.set(key, entry);
  };
  for (const file of model.files) {
    if (!file.sql || model.serviceOf(file.path)) continue;
    let current = schemaFiles.find((m) => m.match(file.path))?.database;
    if (current) noteDatabase(current, file.path);
    for (const statement of file.sql.statements) {
      const created = createdDatabase(statement, true);
      if (created) noteDatabase(created, file.path);
      const switched = namespaceSwitch(statement);
      if (switched) noteDatabase(switched, file.path);
      if (switched !== undefined) current = switched ?? undefined;
      // Views are declared like tables (as the model's table history does): a `schema.view` pattern owns one.
      for (const table of [...statement.tables.filter((t) => t.kind === 'create' && !t.temporary), ...statement.views]) {
        const qualifier = databaseQualifier(table.qualifier);
        if (qualifier) noteDatabase(qualifier, file.path);
        if (!(qualifier ?? current)) withoutDatabase.add(file.path);
      }
    }
  }
  // The tables are the model's: its one table history replays these files' renames and drops too.
  const sqlFiles = new Set(model.files.filter((f) => f.sql && !model.serviceOf(f.path)).map((f) => f.path));
  const tables = model.declarationsOutsideServices
    .filter((d) => sqlFiles.has(d.file))
    .map((d) => ({ name: d.table, database: d.database, file: d.file, range: d.range }));
  return { databases, tables, filesWithoutDatabase: [...withoutDatabase].sort() };
}

// ---------------------------------------------------------------------------------------
// The map
// ---------------------------------------------------------------------------------------

const byName = <T extends { name: string }>(a: T, b: T) => compare(a.name, b.name);

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The services that connect to a database of one name, and which of them really share it. */
export interface DatabaseUsers {
  name: string;
  kind: DatabaseKind;
  services: Service[];
  /**
   * The services that share it with another by the evidence rule the lint uses (same server where
   * known, same PostgreSQL schema): fewer than `services` when schemas or servers keep some apart,
   * empty when each service has its own.
   */
  sharedBy: Service[];
  /** What keeps the others apart, when some are: their schemas, else their servers. */
  apartBy?: 'schema' | 'server';
}

/** Databases each service connects to, keyed by lower-cased name. */
export function connectionsByDatabase(services: readonly Service[]): Map<string, DatabaseUsers> {
  const out = new Map<string, DatabaseUsers>();
  const connectionsOf = new Map<string, Array<{ service: Service; connection: DatabaseConnection }>>();
  for (const service of services) {
    for (const connection of service.databases) {
      const key = connection.name.toLowerCase();
      const entry = out.get(key) ?? { name: connection.name, kind: connection.kind, services: [], sharedBy: [] };
      if (entry.kind === 'unknown') entry.kind = connection.kind;
      if (!entry.services.includes(service)) entry.services.push(service);
      out.set(key, entry);
      connectionsOf.set(key, [...(connectionsOf.get(key) ?? []), { service, connection }]);
    }
  }
  for (const [key, entry] of out) {
    const connections = connectionsOf.get(key)!;
    const pairs = connections
      .flatMap((a, i) => connections.slice(i + 1).map((b) => [a, b] as const))
      .filter(([a, b]) => a.service !== b.service);
    entry.sharedBy = entry.services.filter((service) =>
      pairs.some(([a, b]) => (a.service === service || b.service === service) && sameDatabase(a.connection, b.connection)),
    );
    if (entry.services.length > 1 && entry.sharedBy.length < entry.services.length)
      entry.apartBy = pairs.some(([a, b]) => !sameDatabase(a.connection, b.connection) && separateSchemas(a.connection, b.connection))
        ? 'schema'
        : 'server';
  }
  return out;
}

/** `db.table` → { table, qualifier } (the last dot separates them). */
export function splitQualified(name: string): { table: string; qualifier?: string } {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? { table: name.slice(dot + 1), qualifier: name.slice(0, dot) } : { table: name };
}

/**
 * `{ engines }` when the service's evidence names an engine besides its dialect (or any without one). A service on
 * one engine without a parser here (Oracle, SQL Server, SQLite: its SQL read by that engine's tokens) is on one engine.
 */
function severalEngines(service: Service): { engines?: string[] } {
  const engines = service.dialectDecision?.engines ?? [];
  const one = service.dialect ?? service.dialectDecision?.unparsedEngine;
  if (engines.length === 0 || (engines.length === 1 && engines[0] === one)) return {};
  return { engines: [...engines] };
}

/** Builds the ownership map from a finished run's model and diagnostics. */
export function buildOwnershipMap(model: ProjectModel, diagnostics: readonly Diagnostic[]): OwnershipMap {
  const services = new Map<string, ServiceOwnership>();
  const tableKeys = new Map<string, Set<string>>();
  const addTable = (service: string, table: OwnedTable) => {
    const keys = tableKeys.get(service) ?? new Set<string>();
    tableKeys.set(service, keys);
    const key = `${table.database?.toLowerCase() ?? ''}.${table.name.toLowerCase()}`;
    const bare = `.${table.name.toLowerCase()}`;
    // One row per table: a qualified row replaces nothing, a bare `referenced` row is dropped when any row exists.
    if (keys.has(key) || (table.via === 'referenced' && [...keys].some((k) => k.endsWith(bare)))) return;
    keys.add(key);
    services.get(service)?.tables.push(table);
  };

  for (const service of model.services) {
    services.set(service.name, {
      name: service.name,
      roots: [...service.roots],
      dialect: service.dialect,
      ...severalEngines(service),
      databases: [...new Set(service.databases.map((d) => d.name))].sort(compare),
      patterns: [...service.ownedPatterns],
      tables: [],
    });
  }
  for (const service of model.services) {
    for (const declaration of service.createdTables) {
      addTable(service.name, {
        name: declaration.table,
        database: declaration.database,
        via: declaration.via,
        file: declaration.file,
        line: declaration.range.line,
      });
    }
  }

  const root = rootSqlFacts(model);
  const unowned: OwnedTable[] = [];
  for (const table of root.tables) {
    const resolution = model.resolveTable({ name: table.name, qualifier: table.database }, undefined, table.file);
    const row: OwnedTable = { name: table.name, database: table.database, via: 'database', file: table.file, line: table.range.line };
    if (resolution.kind === 'owned') addTable(resolution.owner.name, row);
    else unowned.push(row);
  }

  const edges = new Map<string, AccessEdge>();
  for (const { access, finding } of reportedAccesses(model, diagnostics)) {
    const from = access.accessor?.name ?? access.folder!;
    const owner = access.owner.name;
    const { table, qualifier } = access;
    const id = `${from}\0${owner}\0${table.toLowerCase()}`;
    const edge = edges.get(id) ?? { from, table, owner, count: 0, suppressed: 0, rules: {}, kinds: {}, locations: [] };
    edges.set(id, edge);
    edge.count += 1;
    edge.rules[finding.ruleId] = (edge.rules[finding.ruleId] ?? 0) + 1;
    edge.kinds[access.kind] = (edge.kinds[access.kind] ?? 0) + 1;
    const location: EdgeLocation = {
      ruleId: finding.ruleId,
      kind: access.kind,
      file: access.file,
      line: access.range.line,
      column: access.range.column,
    };
    if (finding.suppressed) {
      edge.suppressed += 1;
      location.suppressed = true;
    }
    edge.locations.push(location);
    if (services.has(owner)) addTable(owner, { name: table, database: qualifier, via: 'referenced' });
  }

  const connections = connectionsByDatabase(model.services);
  const configured = new Map(Object.entries(model.config.databases ?? {}).map(([db, owner]) => [db.toLowerCase(), { db, owner }]));
  const databaseKeys = new Set([...connections.keys(), ...root.databases.keys(), ...configured.keys()]);
  const databases: DatabaseOwnership[] = [...databaseKeys].map((key) => {
    const connection = connections.get(key);
    const users = (connection?.services ?? []).map((s) => s.name).sort(compare);
    const fromConfig = configured.get(key);
    const entry: DatabaseOwnership = {
      name: connection?.name ?? root.databases.get(key)?.name ?? fromConfig!.db,
      kind: connection?.kind ?? 'unknown',
      services: users,
      ...(connection?.apartBy ? { sharedBy: connection.sharedBy.map((s) => s.name).sort(compare), apartBy: connection.apartBy } : {}),
      declaredIn: [...(root.databases.get(key)?.files ?? [])].sort(compare),
    };
    if (fromConfig) {
      entry.owner = fromConfig.owner;
      entry.ownerVia = 'config';
    } else if (users.length === 1) {
      entry.owner = users[0];
      entry.ownerVia = 'sole-connection';
    }
    return entry;
  });

  for (const service of services.values()) {
    service.tables.sort((a, b) => compare(a.name.toLowerCase(), b.name.toLowerCase()) || compare(a.database ?? '', b.database ?? ''));
  }
  const sortedEdges = [...edges.values()].sort(
    (a, b) => compare(a.from, b.from) || compare(a.owner, b.owner) || compare(a.table.toLowerCase(), b.table.toLowerCase()),
  );
  for (const edge of sortedEdges)
    edge.locations.sort((a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.ruleId, b.ruleId));

  return {
    version: 1,
    services: [...services.values()].sort(byName),
    databases: databases.sort(byName),
    edges: sortedEdges,
    conflicts: tableConflicts(model.services),
    unowned: unowned.sort(byName),
  };
}

// ---------------------------------------------------------------------------------------
// Summary: findings per rule and per service, for tracking them down to zero in CI
// ---------------------------------------------------------------------------------------

/**
 * JSON shape (`map --summary --format json`):
 *
 *     { "total": n, "errors": n, "warnings": n, "suppressed": n,
 *       "rules":    [{ "rule", "errors", "warnings", "suppressed", "total" }],
 *       "services": [{ "service", "total", "suppressed", "rules": { ruleId: n } }] }
 *
 * `total` counts active (unsuppressed) findings; suppressed ones are counted apart.
 * Findings in files outside every service count under `(no service)` unless the rule
 * names the accessing service in its data.
 */
export interface FindingSummary {
  total: number;
  errors: number;
  warnings: number;
  suppressed: number;
  rules: Array<{ rule: string; errors: number; warnings: number; suppressed: number; total: number }>;
  services: Array<{ service: string; total: number; suppressed: number; rules: Record<string, number> }>;
}

export const NO_SERVICE = '(no service)';

export function summarizeFindings(
  model: ProjectModel,
  diagnostics: readonly Diagnostic[],
  ruleIds: readonly string[] = [],
): FindingSummary {
  const rules = new Map<string, FindingSummary['rules'][number]>();
  for (const rule of ruleIds) rules.set(rule, { rule, errors: 0, warnings: 0, suppressed: 0, total: 0 });
  const perService = new Map<string, FindingSummary['services'][number]>();
  for (const service of model.services) perService.set(service.name, { service: service.name, total: 0, suppressed: 0, rules: {} });
  const summary: FindingSummary = { total: 0, errors: 0, warnings: 0, suppressed: 0, rules: [], services: [] };

  for (const diagnostic of diagnostics) {
    const rule = rules.get(diagnostic.ruleId) ?? { rule: diagnostic.ruleId, errors: 0, warnings: 0, suppressed: 0, total: 0 };
    rules.set(diagnostic.ruleId, rule);
    const named = diagnostic.data?.service;
    const serviceName =
      typeof named === 'string' && model.serviceByName(named) ? named : (model.serviceOf(diagnostic.file)?.name ?? NO_SERVICE);
    const service = perService.get(serviceName) ?? { service: serviceName, total: 0, suppressed: 0, rules: {} };
    perService.set(serviceName, service);
    if (diagnostic.suppressed) {
      rule.suppressed += 1;
      service.suppressed += 1;
      summary.suppressed += 1;
      continue;
    }
    rule.total += 1;
    summary.total += 1;
    if (diagnostic.severity === 'error') {
      rule.errors += 1;
      summary.errors += 1;
    } else {
      rule.warnings += 1;
      summary.warnings += 1;
    }
    service.total += 1;
    service.rules[diagnostic.ruleId] = (service.rules[diagnostic.ruleId] ?? 0) + 1;
  }
  summary.rules = [...rules.values()].sort((a, b) => compare(a.rule, b.rule));
  summary.services = [...perService.values()].sort((a, b) => compare(a.service, b.service));
  return summary;
}
