/**
 * The architecture of one state of a repository, as `nilecare-lint diff` compares it: every
 * cross-service access (accessor → table → owner, of a kind), the databases several services
 * share, who owns each table, the tables nobody owns, and the findings. Built from one finished
 * lint run; `architecture-diff.ts` compares two.
 */
import type { Diagnostic } from '../engine/types.js';
import type { LintRun } from '../lint.js';
import type { ProjectModel } from '../model/model.js';
import { buildOwnershipMap, compare, NO_SERVICE, reportedAccesses, type EdgeKind } from './ownership.js';

/** One access of a service to another service's table: a finding of a cross-service rule. */
export interface Access {
  from: string;
  table: string;
  owner: string;
  kind: EdgeKind;
  file: string;
  line: number;
  column: number;
  /** The finding's fingerprint: the same access in both states has the same one, wherever its line moved. */
  fingerprint: string;
  suppressed: boolean;
}

/** A service connecting to a database other services connect to, as no-shared-database reports it. */
export interface DatabaseUse {
  database: string;
  service: string;
  file: string;
  line: number;
  suppressed: boolean;
}

export interface TableOwner {
  table: string;
  /** Sorted; several when tables of this name belong to several services. */
  owners: string[];
  file?: string;
  line?: number;
}

export interface UnownedTable {
  table: string;
  database?: string;
  file: string;
  line: number;
}

/** A finding that is not suppressed, with the service it is counted under. */
export interface Finding {
  ruleId: string;
  severity: Diagnostic['severity'];
  service: string;
  file: string;
  line: number;
  column: number;
  message: string;
  fingerprint: string;
}

/** A table its owner's migrations rename (`ALTER TABLE a RENAME TO b`, `RENAME TABLE a TO b`, an ORM `renameTable`). */
export interface TableRename {
  owner: string;
  /** The old name, as written. */
  from: string;
  /** The name the table stands under now. */
  to: string;
}

export interface ArchitectureState {
  accesses: Access[];
  /** Every rename of a table that still stands under its new name: accesses to the old and the new name are one edge. */
  renames: TableRename[];
  sharedDatabases: DatabaseUse[];
  /**
   * Keyed by the lower-cased bare table name: a table that moves to another service usually moves
   * to its database too, and is still the one table to a reviewer.
   */
  owners: Map<string, TableOwner>;
  unowned: UnownedTable[];
  findings: Finding[];
}

/** Lower-cased `database.table` (an empty database when unknown): one table in both states. */
export function tableKey(table: { table: string; database?: string }): string {
  return `${table.database?.toLowerCase() ?? ''}.${table.table.toLowerCase()}`;
}

/** The state of a finished run. */
export function architectureState(run: Pick<LintRun, 'model' | 'diagnostics'>): ArchitectureState {
  const { model, diagnostics } = run;
  const map = buildOwnershipMap(model, diagnostics);
  const owners = new Map<string, TableOwner>();
  for (const service of map.services) {
    for (const row of service.tables) {
      const key = row.name.toLowerCase();
      const entry = owners.get(key) ?? { table: row.name, owners: [], file: row.file, line: row.line };
      if (!entry.owners.includes(service.name)) entry.owners.push(service.name);
      entry.owners.sort(compare);
      owners.set(key, entry);
    }
  }
  return {
    accesses: accessesOf(run),
    renames: model.services.flatMap((service) =>
      service.createdTables.flatMap((d) => (d.renamedFrom ? [{ owner: service.name, from: d.renamedFrom, to: d.table }] : [])),
    ),
    sharedDatabases: databaseUsesOf(diagnostics),
    owners,
    unowned: map.unowned.map((row) => ({ table: row.name, database: row.database, file: row.file ?? '', line: row.line ?? 1 })),
    findings: findingsOf(model, diagnostics),
  };
}

/**
 * The cross-service accesses of a run: the model's accesses (accessor, table, owner, kind) that
 * their rule reports, with that finding's fingerprint and suppression (the same edges as `map`).
 * The one place that says where edges come from.
 */
export function accessesOf(run: Pick<LintRun, 'diagnostics' | 'model'>): Access[] {
  return reportedAccesses(run.model, run.diagnostics).map(({ access, finding }) => ({
    from: access.accessor?.name ?? access.folder!,
    table: access.table,
    owner: access.owner.name,
    kind: access.kind,
    file: access.file,
    line: access.range.line,
    column: access.range.column,
    fingerprint: finding.fingerprint,
    suppressed: finding.suppressed !== undefined,
  }));
}

function databaseUsesOf(diagnostics: readonly Diagnostic[]): DatabaseUse[] {
  return diagnostics.flatMap((d) =>
    d.ruleId === 'no-shared-database' && d.data && typeof d.data.database === 'string' && typeof d.data.service === 'string'
      ? [{ database: d.data.database, service: d.data.service, file: d.file, line: d.line, suppressed: d.suppressed !== undefined }]
      : [],
  );
}

/** Unsuppressed findings, each under the service it names (cross-service rules) or the one holding its file, as `map --summary` counts them. */
function findingsOf(model: ProjectModel, diagnostics: readonly Diagnostic[]): Finding[] {
  return diagnostics.flatMap((d) => {
    if (d.suppressed) return [];
    const named = d.data?.service;
    const service = typeof named === 'string' && model.serviceByName(named) ? named : (model.serviceOf(d.file)?.name ?? NO_SERVICE);
    return [
      {
        ruleId: d.ruleId,
        severity: d.severity,
        service,
        file: d.file,
        line: d.line,
        column: d.column,
        message: d.message,
        fingerprint: d.fingerprint,
      },
    ];
  });
}
