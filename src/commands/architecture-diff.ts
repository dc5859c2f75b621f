/**
 * What a change does to the architecture: two states (architecture-state.ts) compared. Edges are
 * (accessor, table, owner, kind); an access is the same in both states when its finding's
 * fingerprint is (rule, file, normalised statement, occurrence: line moves do not matter, a moved
 * or renamed file makes its accesses new). Everything is sorted, so the report diffs cleanly.
 */
import type { EdgeKind } from './ownership.js';
import type { FailOn } from './diff-formats.js';
import { compare } from './ownership.js';
import type { Access, ArchitectureState, DatabaseUse, Finding, TableOwner, TableRename, UnownedTable } from './architecture-state.js';
import { tableKey } from './architecture-state.js';

export interface AccessLocation {
  file: string;
  line: number;
  column: number;
  suppressed: boolean;
}

export interface EdgeChange {
  from: string;
  table: string;
  owner: string;
  kind: EdgeKind;
  /** Accesses on this edge in the base and in the head. */
  baseCount: number;
  headCount: number;
  /** Accesses only the head has (head locations) and only the base has (base locations). */
  added: AccessLocation[];
  removed: AccessLocation[];
  /** Every access of the edge, in the head for an added or changed edge, in the base for a removed one, is suppressed. */
  suppressed: boolean;
}

/** An edge whose table its owner renamed: the accesses to the old name in the base are those to the new one in the head. */
export interface RenamedEdge extends EdgeChange {
  /** The table's name in the base. */
  renamedFrom: string;
}

export interface SharedDatabaseChange {
  database: string;
  /** The services sharing it: in the head for an added entry, in the base for a removed one. */
  services: string[];
  /** Services that started (added) or stopped (removed) sharing it. */
  changed: string[];
  /** Added: it was not shared in the base. Removed: it is not shared in the head. */
  whole: boolean;
  /** Where the changed services connect to it (head for added, base for removed). */
  locations: Array<{ service: string; file: string; line: number; suppressed: boolean }>;
  /** Every finding of the changed services on it is suppressed. */
  suppressed: boolean;
}

export interface OwnerChange {
  table: string;
  from: string[];
  to: string[];
  /** Where the head declares it, when it does. */
  file?: string;
  line?: number;
}

export interface FindingCount {
  added: number;
  removed: number;
}

export interface ArchitectureDiff {
  /** `renamed`: a removed edge to a table and an added one to the name its owner renamed it to, in the head. */
  edges: { added: EdgeChange[]; removed: EdgeChange[]; changed: EdgeChange[]; renamed: RenamedEdge[] };
  sharedDatabases: { added: SharedDatabaseChange[]; removed: SharedDatabaseChange[] };
  owners: OwnerChange[];
  unowned: { added: UnownedTable[]; removed: UnownedTable[] };
  findings: {
    added: Finding[];
    removed: Finding[];
    rules: Array<{ rule: string } & FindingCount>;
    services: Array<{ service: string } & FindingCount>;
  };
}

export function compareStates(base: ArchitectureState, head: ArchitectureState): ArchitectureDiff {
  return {
    edges: pairRenames(compareEdges(base.accesses, head.accesses), head.renames),
    sharedDatabases: compareSharing(base.sharedDatabases, head.sharedDatabases),
    owners: compareOwners(base.owners, head.owners),
    unowned: compareUnowned(base.unowned, head.unowned),
    findings: compareFindings(base.findings, head.findings),
  };
}

/** Why the change fails under `failOn`, one line each; empty when it passes. */
export function failures(diff: ArchitectureDiff, failOn: FailOn): string[] {
  if (failOn === 'never') return [];
  if (failOn === 'added-findings') {
    const count = diff.findings.added.length;
    return count > 0 ? [`${count} new finding${count === 1 ? '' : 's'}`] : [];
  }
  const out: string[] = [];
  const edges = diff.edges.added.filter((edge) => !edge.suppressed).length;
  if (edges > 0) out.push(`${edges} new cross-service edge${edges === 1 ? '' : 's'}`);
  const shared = diff.sharedDatabases.added.filter((change) => !change.suppressed).length;
  if (shared > 0) out.push(`${shared} new shared database${shared === 1 ? '' : 's'}`);
  return out;
}

// ---------------------------------------------------------------------------------------

const edgeId = (a: Pick<Access, 'from' | 'owner' | 'table' | 'kind'>) => `${a.from}\0${a.owner}\0${a.table.toLowerCase()}\0${a.kind}`;
const KIND_ORDER: Record<EdgeKind, number> = { query: 0, grant: 1, 'foreign-key': 2 };

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

const location = (a: Access): AccessLocation => ({ file: a.file, line: a.line, column: a.column, suppressed: a.suppressed });
const byLocation = (a: AccessLocation, b: AccessLocation) => compare(a.file, b.file) || a.line - b.line || a.column - b.column;

function compareEdges(base: readonly Access[], head: readonly Access[]): Omit<ArchitectureDiff['edges'], 'renamed'> {
  const before = groupBy(base, edgeId);
  const after = groupBy(head, edgeId);
  const out: Omit<ArchitectureDiff['edges'], 'renamed'> = { added: [], removed: [], changed: [] };
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(id) ?? [];
    const is = after.get(id) ?? [];
    const wasPrints = new Set(was.map((a) => a.fingerprint));
    const isPrints = new Set(is.map((a) => a.fingerprint));
    const added = is.filter((a) => !wasPrints.has(a.fingerprint)).map(location);
    const removed = was.filter((a) => !isPrints.has(a.fingerprint)).map(location);
    if (added.length === 0 && removed.length === 0) continue;
    const sample = is[0] ?? was[0];
    const current = is.length > 0 ? is : was;
    const change: EdgeChange = {
      from: sample.from,
      table: sample.table,
      owner: sample.owner,
      kind: sample.kind,
      baseCount: was.length,
      headCount: is.length,
      added: added.sort(byLocation),
      removed: removed.sort(byLocation),
      suppressed: current.every((a) => a.suppressed),
    };
    if (was.length === 0) out.added.push(change);
    else if (is.length === 0) out.removed.push(change);
    else out.changed.push(change);
  }
  const byEdge = (a: EdgeChange, b: EdgeChange) =>
    compare(a.from, b.from) ||
    compare(a.owner, b.owner) ||
    compare(a.table.toLowerCase(), b.table.toLowerCase()) ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  out.added.sort(byEdge);
  out.removed.sort(byEdge);
  out.changed.sort(byEdge);
  return out;
}

/**
 * An added edge to a table the head's owner renamed, and a removed edge of the same accessor, owner and kind to
 * its old name, are one edge renamed: the accessor reads the same table as before. Neither is counted as new.
 */
function pairRenames(edges: Omit<ArchitectureDiff['edges'], 'renamed'>, renames: readonly TableRename[]): ArchitectureDiff['edges'] {
  const oldNames = new Map<string, string[]>();
  for (const rename of renames) {
    const key = `${rename.owner}\0${rename.to.toLowerCase()}`;
    oldNames.set(key, [...(oldNames.get(key) ?? []), rename.from.toLowerCase()]);
  }
  const removed = [...edges.removed];
  const added: EdgeChange[] = [];
  const renamed: RenamedEdge[] = [];
  for (const edge of edges.added) {
    const was = oldNames.get(`${edge.owner}\0${edge.table.toLowerCase()}`) ?? [];
    const at = removed.findIndex(
      (old) => old.from === edge.from && old.owner === edge.owner && old.kind === edge.kind && was.includes(old.table.toLowerCase()),
    );
    if (at < 0) {
      added.push(edge);
      continue;
    }
    const [old] = removed.splice(at, 1);
    renamed.push({ ...edge, renamedFrom: old.table, baseCount: old.baseCount, removed: old.removed });
  }
  return { added, removed, changed: edges.changed, renamed };
}

function compareSharing(base: readonly DatabaseUse[], head: readonly DatabaseUse[]): ArchitectureDiff['sharedDatabases'] {
  const before = groupBy(base, (use) => use.database.toLowerCase());
  const after = groupBy(head, (use) => use.database.toLowerCase());
  const one = (from: Map<string, DatabaseUse[]>, to: Map<string, DatabaseUse[]>): SharedDatabaseChange[] => {
    const out: SharedDatabaseChange[] = [];
    for (const [key, uses] of to) {
      const services = [...new Set(uses.map((u) => u.service))].sort(compare);
      const earlier = new Set((from.get(key) ?? []).map((u) => u.service));
      const changed = services.filter((service) => !earlier.has(service));
      if (changed.length === 0) continue;
      const locations = uses
        .filter((u) => changed.includes(u.service))
        .map((u) => ({ service: u.service, file: u.file, line: u.line, suppressed: u.suppressed }))
        .sort((a, b) => compare(a.service, b.service) || compare(a.file, b.file) || a.line - b.line);
      out.push({
        database: uses[0].database,
        services,
        changed,
        whole: earlier.size === 0,
        locations,
        suppressed: locations.every((l) => l.suppressed),
      });
    }
    return out.sort((a, b) => compare(a.database.toLowerCase(), b.database.toLowerCase()));
  };
  return { added: one(before, after), removed: one(after, before) };
}

function compareOwners(base: ReadonlyMap<string, TableOwner>, head: ReadonlyMap<string, TableOwner>): OwnerChange[] {
  const out: OwnerChange[] = [];
  for (const [key, now] of head) {
    const was = base.get(key);
    if (!was || was.owners.join('\0') === now.owners.join('\0')) continue;
    out.push({ table: now.table, from: was.owners, to: now.owners, file: now.file, line: now.line });
  }
  return out.sort((a, b) => compare(a.table.toLowerCase(), b.table.toLowerCase()));
}

function compareUnowned(base: readonly UnownedTable[], head: readonly UnownedTable[]): ArchitectureDiff['unowned'] {
  const baseKeys = new Set(base.map(tableKey));
  const headKeys = new Set(head.map(tableKey));
  const sort = (list: UnownedTable[]) => list.sort((a, b) => compare(tableKey(a), tableKey(b)) || compare(a.file, b.file));
  return {
    added: sort(head.filter((t) => !baseKeys.has(tableKey(t)))),
    removed: sort(base.filter((t) => !headKeys.has(tableKey(t)))),
  };
}

function compareFindings(base: readonly Finding[], head: readonly Finding[]): ArchitectureDiff['findings'] {
  const basePrints = new Set(base.map((f) => f.fingerprint));
  const headPrints = new Set(head.map((f) => f.fingerprint));
  const byPlace = (a: Finding, b: Finding) =>
    compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.ruleId, b.ruleId);
  const added = head.filter((f) => !basePrints.has(f.fingerprint)).sort(byPlace);
  const removed = base.filter((f) => !headPrints.has(f.fingerprint)).sort(byPlace);
  const count = (key: (f: Finding) => string) => {
    const counts = new Map<string, FindingCount>();
    for (const f of added) counts.set(key(f), { added: (counts.get(key(f))?.added ?? 0) + 1, removed: counts.get(key(f))?.removed ?? 0 });
    for (const f of removed) counts.set(key(f), { added: counts.get(key(f))?.added ?? 0, removed: (counts.get(key(f))?.removed ?? 0) + 1 });
    return [...counts].sort(([a], [b]) => compare(a, b));
  };
  return {
    added,
    removed,
    rules: count((f) => f.ruleId).map(([rule, c]) => ({ rule, ...c })),
    services: count((f) => f.service).map(([service, c]) => ({ service, ...c })),
  };
}
