import { factsSummary, type FileFacts, type SqlTableDef } from '../../src/analysis/facts.js';
import type { ProjectModel, Service } from '../../src/model/model.js';

/** The primary key a table definition declares: its `PRIMARY KEY (…)` constraint, else its columns marked `PRIMARY KEY`. */
export function primaryKeyOf(table: SqlTableDef): string[] {
  if (table.primaryKey.length > 0) return table.primaryKey;
  return table.columns.filter((column) => column.primaryKey).map((column) => column.name);
}

/** Whose SQL a table's other DDL is looked for in: its service's files, or only its own file outside every service. */
export function scopeOf(event: { file: FileFacts; service?: Service }): string {
  return event.service ? `service\0${event.service.name}` : `file\0${event.file.path}`;
}

/**
 * The files whose SQL (their own or embedded) may define tables, per scope (see `scopeOf`): a file decoded on first
 * read whose summary shows no table definition is not among them, and none is decoded to be placed.
 */
const tableDefFiles = new WeakMap<ProjectModel, Map<string, FileFacts[]>>();

/** Each table definition of the project's SQL (files and embedded SQL) in `scope`: only that scope's files are decoded. */
function forEachTableDef(project: ProjectModel, scope: string, visit: (table: SqlTableDef) => void): void {
  let byScope = tableDefFiles.get(project);
  if (!byScope) {
    byScope = new Map();
    for (const file of project.files) {
      const summary = factsSummary(file);
      if (summary && !summary.tableDefinitions) continue;
      const service = project.serviceOf(file.path);
      const fileScope = scopeOf({ file, ...(service ? { service } : {}) });
      const files = byScope.get(fileScope);
      if (files) files.push(file);
      else byScope.set(fileScope, [file]);
    }
    tableDefFiles.set(project, byScope);
  }
  for (const file of byScope.get(scope) ?? [])
    for (const analysis of [file.sql, ...(file.embeddedAnalyses ?? [])])
      for (const statement of analysis?.statements ?? []) for (const table of statement.tables) visit(table);
}

/** `compute` of a scope, once per scope. */
export function perScope<T>(compute: (scope: string) => T): (scope: string) => T {
  const computed = new Map<string, T>();
  return (scope) => {
    if (!computed.has(scope)) computed.set(scope, compute(scope));
    return computed.get(scope)!;
  };
}

/**
 * The primary keys tables get in `scope` (see `scopeOf`), by lower-cased bare table name: the first one each table
 * gets from `ALTER TABLE t ADD [CONSTRAINT c] PRIMARY KEY (…)` (pg_dump's and Rails' structure.sql's way), and with
 * `withCreates` also from a `CREATE TABLE` (a column's `PRIMARY KEY` or the table's constraint), which wins.
 */
export function primaryKeysIn(project: ProjectModel, withCreates: boolean, scope: string): Map<string, string[]> {
  const tables = new Map<string, string[]>();
  forEachTableDef(project, scope, (table) => {
    const key = table.kind === 'alter' ? table.primaryKey : withCreates ? primaryKeyOf(table) : [];
    if (key.length === 0) return;
    const name = table.name.toLowerCase();
    if (!tables.has(name) || (table.kind === 'create' && withCreates)) tables.set(name, key);
  });
  return tables;
}

/**
 * The named foreign key constraints in `scope` (see `scopeOf`), as `<table>\0<constraint>` lower-cased (bare table name):
 * MySQL keeps an index for each foreign key under the constraint's name (`participantcurrency_ledgeraccounttypeid_foreign`,
 * a dump's `KEY fk_orders_user (user_id)`), whose name is the constraint's, judged once, on the constraint.
 */
export function foreignKeyNamesIn(project: ProjectModel, scope: string): Set<string> {
  const names = new Set<string>();
  forEachTableDef(project, scope, (table) => {
    for (const foreignKey of table.foreignKeys)
      if (foreignKey.name !== undefined) names.add(`${table.name}\0${foreignKey.name}`.toLowerCase());
  });
  return names;
}
