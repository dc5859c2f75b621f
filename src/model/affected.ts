/**
 * From a change set to the files to re-check. Ownership and schemas come from the whole
 * repository, so a change to a migration, a schema file or a Prisma schema can create or
 * fix findings in files that did not change: every file referring to a table the changed
 * files declare is re-checked too. A change to the config, an .env, a compose file or a Kubernetes manifest
 * (databases and ownership) re-checks everything.
 */
import { factsSummary, type FileFacts, type TableReferences } from '../analysis/facts.js';
import { apiTableRefsOf } from './ddl-events.js';
import { mappedLibrary, snakeCase } from './identifier-case.js';

export interface AffectedInput {
  /** Facts of every discovered file. */
  files: readonly FileFacts[];
  /** The change set, repo-relative posix paths (may include files the linter does not read). */
  changed: readonly string[];
  /** The config file read, repo-relative, if any. */
  configFile?: string;
}

export interface Affected {
  /** Files to lint, sorted. */
  files: string[];
  /** Why files beyond the change set were added, for a notice. */
  reason?: 'model' | 'tables';
  /** Tables whose declarations changed (lower case). */
  tables: string[];
}

export function affectedFiles(input: AffectedInput): Affected {
  const byPath = new Map(input.files.map((f) => [f.path, f]));
  const changed = input.changed.filter((p) => byPath.has(p) || p === input.configFile);
  if (input.configFile && changed.includes(input.configFile)) return { files: [...byPath.keys()].sort(), reason: 'model', tables: [] };
  const changedFacts = changed.map((p) => byPath.get(p)).filter((f): f is FileFacts => f !== undefined);
  if (changedFacts.some((f) => f.kind === 'env' || f.kind === 'compose' || f.kind === 'k8s'))
    return { files: [...byPath.keys()].sort(), reason: 'model', tables: [] };

  const tables = new Set<string>();
  for (const file of changedFacts) for (const table of declaredTables(file)) tables.add(table);
  // A constant another module's SQL names a table with (`FROM ${TABLES.PATIENTS}`) is that table's name there.
  for (const file of changedFacts) for (const constant of file.script?.exportedStrings ?? []) tables.add(constant.value.toLowerCase());
  const selected = new Set(changedFacts.map((f) => f.path));
  if (tables.size > 0) {
    for (const file of input.files) {
      if (selected.has(file.path)) continue;
      // Which tables a hole's imported constant names is only known with the other module: any may be one of them.
      // A file decoded on first read tells both in its summary, when the run that stored it did (tableReferences).
      const summary = factsSummary(file);
      const refers = summary?.tables
        ? summary.importedNames === true || summary.tables.some((table) => tables.has(table))
        : readsImportedNames(file) || referencedTables(file).some((table) => tables.has(table));
      if (refers) selected.add(file.path);
    }
  }
  const grew = selected.size > changedFacts.length;
  return { files: [...selected].sort(), reason: grew ? 'tables' : undefined, tables: [...tables].sort() };
}

/** Tables a file creates, alters or drops, in SQL (files or embedded), ORM entities or Prisma models. */
export function declaredTables(file: FileFacts): string[] {
  const out: string[] = [];
  for (const analysis of [file.sql, ...(file.embeddedAnalyses ?? [])]) {
    for (const statement of analysis?.statements ?? []) {
      for (const table of statement.tables) out.push(table.name);
      for (const view of statement.views) out.push(view.name);
      for (const ref of statement.tableRefs)
        if (ref.action === 'create' || ref.action === 'alter' || ref.action === 'drop') out.push(ref.name);
    }
  }
  // ORM schema APIs declare tables too (`knex.schema.createTable('t')`, `queryRunner.renameTable('a', 'b')`).
  for (const ref of apiTableRefsOf(file)) {
    if (ref.action === 'create' || ref.action === 'alter' || ref.action === 'drop') out.push(ref.name);
    if (ref.renamedTo) out.push(ref.renamedTo.name);
  }
  // Entity and model names too: other files use them by name (`getRepository(Patient)`).
  for (const entity of file.script?.ormEntities ?? []) out.push(entity.table, entity.symbol);
  // A model's relations too: their uses name them (`order.related('lines')`), not the related model.
  for (const relation of file.script?.ormRelations ?? []) out.push(relation.name);
  for (const model of file.prisma ?? []) out.push(model.table, model.model);
  return out.map((name) => name.toLowerCase());
}

/**
 * Tables a file refers to in any way (queries, foreign keys, ORM calls, entity uses by
 * symbol). Bare names, lower case: matching over-approximates across databases, which
 * costs a few extra files and never misses one.
 */
export function referencedTables(file: FileFacts): string[] {
  const out: string[] = [];
  for (const analysis of [file.sql, ...(file.embeddedAnalyses ?? [])]) {
    for (const statement of analysis?.statements ?? []) {
      for (const ref of statement.tableRefs) out.push(ref.name);
      for (const table of statement.tables) {
        out.push(table.name);
        for (const foreignKey of table.foreignKeys) out.push(foreignKey.references.name);
      }
    }
  }
  // A query builder built with a snake_case mapper reaches the mapped name (identifier-case.ts); both may be meant.
  for (const ref of apiTableRefsOf(file)) out.push(ref.name, ...(mappedLibrary(ref.library) ? [snakeCase(ref.name)] : []));
  // The values a hole's conditional picks between (`FROM ${archived ? 'orders_archive' : 'orders'}`).
  for (const site of file.script?.embeddedSql ?? []) for (const hole of site.holes ?? []) out.push(...(hole.values ?? []));
  for (const use of file.script?.ormEntityUses ?? []) {
    out.push(use.relation ?? use.symbol);
    // An aliased import (`Address as OrderAddress`) names the entity by its declared name.
    if (use.origin && use.origin.imported !== 'default' && use.origin.imported !== '*') out.push(use.origin.imported);
  }
  return out.map((name) => name.toLowerCase());
}

/** What affectedFiles reads of a file, for the facts cache to store in its summary (FactsSummary `tables`, `importedNames`). */
export function tableReferences(file: FileFacts): TableReferences {
  return {
    tables: [...new Set(referencedTables(file))].sort(),
    ...(readsImportedNames(file) ? { importedNames: true as const } : {}),
  };
}

/** Whether the file's SQL names a table with a constant imported from another module. */
function readsImportedNames(file: FileFacts): boolean {
  return file.script?.embeddedSql.some((site) => site.holes?.some((hole) => hole.imports !== undefined)) ?? false;
}
