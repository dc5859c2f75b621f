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
 * Each table definition of the project's SQL (files and embedded SQL) with its scope (see `scopeOf`). A file decoded on
 * first read whose summary shows no table definition is not decoded (FactsSummary).
 */
function forEachTableDef(project: ProjectModel, visit: (scope: string, table: SqlTableDef) => void): void {
  for (const file of project.files) {
    const summary = factsSummary(file);
    if (summary && !summary.tableDefinitions) continue;
    const service = project.serviceOf(file.path);
    const scope = scopeOf({ file, ...(service ? { service } : {}) });
    for (const analysis of [file.sql, ...(file.embeddedAnalyses ?? [])])
      for (const statement of analysis?.statements ?? []) for (const table of statement.tables) visit(scope, table);
  }
}

/**
 * The primary keys tables get, per scope (see `scopeOf`) and lower-cased bare table name: the first one each table
 * gets from `ALTER TABLE t ADD [CONSTRAINT c] PRIMARY KEY (…)` (pg_dump's and Rails' structure.sql's way), and with
 * `withCreates` also from a `CREATE TABLE` (a column's `PRIMARY KEY` or the table's constraint), which wins.
 */
export function primaryKeysByScope(project: ProjectModel, withCreates: boolean): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  forEachTableDef(project, (scope, table) => {
    const key = table.kind === 'alter' ? table.primaryKey : withCreates ? primaryKeyOf(table) : [];
    if (key.length === 0) return;
    let tables = out.get(scope);
    if (!tables) out.set(scope, (tables = new Map<string, string[]>()));
    const name = table.name.toLowerCase();
    if (!tables.has(name) || (table.kind === 'create' && withCreates)) tables.set(name, key);
  });
  return out;
}

/**
 * The named foreign key constraints per scope (see `scopeOf`), as `<table>\0<constraint>` lower-cased (bare table name):
 * MySQL keeps an index for each foreign key under the constraint's name (`participantcurrency_ledgeraccounttypeid_foreign`,
 * a dump's `KEY fk_orders_user (user_id)`), whose name is the constraint's, judged once, on the constraint.
 */
export function foreignKeyNamesByScope(project: ProjectModel): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  forEachTableDef(project, (scope, table) => {
    for (const foreignKey of table.foreignKeys) {
      if (foreignKey.name === undefined) continue;
      let names = out.get(scope);
      if (!names) out.set(scope, (names = new Set<string>()));
      names.add(`${table.name}\0${foreignKey.name}`.toLowerCase());
    }
  });
  return out;
}
