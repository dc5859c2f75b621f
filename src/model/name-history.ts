/**
 * What later migrations do to a name a naming rule judges: a column, index, constraint or table
 * declared in one migration may be renamed or dropped by a later one of the same folder. Such a
 * name is history — no database that ran the migrations has it any more — so the rules report
 * nothing for it, and a rename migration they suggest makes its finding go away once written.
 * Also where the table stands after those migrations: a rename written today must name the
 * table as it is now, not as it was created.
 *
 * Reads the statements' DDL facts: tables renamed (`renamedTo`) and dropped (`drop` references),
 * and the columns, indexes and constraints renamed and dropped (`nameChanges`).
 */
import path from 'node:path';
import type { FileFacts, IndexKind, SqlAnalysis, SqlNameChange, SqlStatement } from '../analysis/facts.js';
import type { ProjectModel } from './model.js';
import { droppedTables, isDownMigration } from './table-history.js';

/** One rename (`to` set) or drop (`to` absent) a statement makes. Names are bare (no qualifier). */
export type NameChange =
  | { object: 'table'; table: string; to?: string }
  | { object: 'column' | 'constraint'; table: string; name: string; to?: string }
  /** PostgreSQL's `ALTER INDEX` / `DROP INDEX` name no table: index names are unique in their schema. */
  | { object: 'index'; table?: string; name: string; to?: string };

/** A name as a rule sees it in a migration: the object and the table it belongs to (for a table, its own name). */
export interface JudgedName {
  object: 'table' | 'column' | 'index' | 'constraint';
  table: string;
  /** The column, index or constraint name; absent for a table. */
  name?: string;
}

export interface NameFate {
  /** A later migration renamed or dropped the name (or its table). */
  gone: boolean;
  /** The table's name after the later migrations' renames. */
  table: string;
}

const same = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
const numeric = new Intl.Collator('en', { numeric: true });

/**
 * The fate of `judged`, declared in `file`, through the up migrations after it in its folder
 * (in version order). A change that reverses an earlier one of the same file (the down half of
 * an up/down script) is not replayed.
 */
export function laterFate(project: ProjectModel, file: FileFacts, judged: JudgedName): NameFate {
  let table = bare(judged.table);
  for (const later of laterMigrations(project, file)) {
    const replayed: NameChange[] = [];
    for (const change of changesOf(later)) {
      if (replayed.some((earlier) => reverses(change, earlier))) continue;
      replayed.push(change);
      if (change.object === 'table') {
        if (!same(change.table, table)) continue;
        if (change.to === undefined) return { gone: true, table };
        table = change.to;
        if (judged.object === 'table') return { gone: true, table };
        continue;
      }
      if (change.object !== judged.object || !same(change.name, judged.name)) continue;
      if (change.table !== undefined && !same(change.table, table)) continue;
      return { gone: true, table };
    }
  }
  return { gone: false, table };
}

/**
 * A table and some of its columns as the up migrations after `file` in its folder leave them:
 * the table's current name (undefined once dropped) and each column's (undefined once dropped).
 * What a name that lists columns (an index's) should say today.
 */
export function currentNames(project: ProjectModel, file: FileFacts, table: string, columns: readonly string[]) {
  let current: string | undefined = bare(table);
  const names: Array<string | undefined> = [...columns];
  for (const later of laterMigrations(project, file)) {
    const replayed: NameChange[] = [];
    for (const change of changesOf(later)) {
      if (current === undefined) break;
      if (replayed.some((earlier) => reverses(change, earlier))) continue;
      replayed.push(change);
      if (change.object === 'table') {
        if (same(change.table, current)) current = change.to;
      } else if (change.object === 'column' && same(change.table, current)) {
        names.forEach((name, i) => {
          if (same(name, change.name)) names[i] = change.to;
        });
      }
    }
  }
  return { table: current, columns: names };
}

function bare(table: string): string {
  return table.slice(table.lastIndexOf('.') + 1);
}

function reverses(change: NameChange, earlier: NameChange): boolean {
  if (change.to === undefined || earlier.to === undefined || change.object !== earlier.object) return false;
  if (change.object === 'table') return same(change.table, earlier.to) && same(change.to, earlier.table);
  return 'name' in earlier && same(change.name, earlier.to) && same(change.to, earlier.name);
}

const migrationsByFolder = new WeakMap<ProjectModel, Map<string, FileFacts[]>>();

/** The up migrations of `file`'s folder that run after it. */
function laterMigrations(project: ProjectModel, file: FileFacts): FileFacts[] {
  let folders = migrationsByFolder.get(project);
  if (!folders) {
    folders = new Map();
    for (const f of project.files) {
      if (!project.migrations.isMigration(f) || isDownMigration(f.path)) continue;
      const folder = path.posix.dirname(f.path);
      folders.set(folder, [...(folders.get(folder) ?? []), f]);
    }
    for (const list of folders.values()) list.sort((a, b) => numeric.compare(path.posix.basename(a.path), path.posix.basename(b.path)));
    migrationsByFolder.set(project, folders);
  }
  const siblings = folders.get(path.posix.dirname(file.path)) ?? [];
  const base = path.posix.basename(file.path);
  return siblings.filter((f) => numeric.compare(path.posix.basename(f.path), base) > 0);
}

const changesByFile = new WeakMap<FileFacts, Array<{ statement: SqlStatement; changes: NameChange[] }>>();

/** The file's statements in order (its SQL, then its embedded SQL), each with its renames and drops. */
function statementChanges(file: FileFacts): Array<{ statement: SqlStatement; changes: NameChange[] }> {
  let out = changesByFile.get(file);
  if (!out) {
    const analyses: SqlAnalysis[] = [...(file.sql ? [file.sql] : []), ...(file.embeddedAnalyses ?? []).filter(Boolean)];
    out = analyses.flatMap((analysis) =>
      analysis.statements
        .filter((s) => s.parse !== 'skipped')
        .map((statement) => ({ statement, changes: statementNameChanges(statement) })),
    );
    changesByFile.set(file, out);
  }
  return out;
}

/** The renames and drops of one statement, in statement order: its tables' and its other names'. */
export function statementNameChanges(statement: SqlStatement): NameChange[] {
  const positioned: Array<{ at: number; change: NameChange }> = [
    ...statement.tables.flatMap((t) =>
      t.renamedTo ? [{ at: t.renamedTo.span.start, change: { object: 'table', table: t.name, to: t.renamedTo.name } as const }] : [],
    ),
    ...droppedTables(statement).map((ref) => ({ at: ref.span.start, change: { object: 'table', table: ref.name } as const })),
    ...(statement.nameChanges ?? []).flatMap((change) => {
      const replayed = fromFacts(change);
      return replayed ? [{ at: change.span.start, change: replayed }] : [];
    }),
  ];
  return positioned.sort((a, b) => a.at - b.at).map((p) => p.change);
}

/** Column and constraint changes always name their table (they come from `ALTER TABLE t …`). */
function fromFacts({ object, table, name, to }: SqlNameChange): NameChange | undefined {
  const renamed = to === undefined ? {} : { to };
  if (object === 'index') return { object, ...(table === undefined ? {} : { table }), name, ...renamed };
  return table === undefined ? undefined : { object, table, name, ...renamed };
}

/**
 * Every rename and drop of the file: its SQL's, then its ORM schema calls' (knex `renameTable` /
 * `dropTable`, TypeORM `queryRunner.renameTable` / `dropTable`) in source order. The ORM APIs'
 * column and index renames are not in the facts, and are not replayed.
 */
function changesOf(file: FileFacts): NameChange[] {
  const orm = [...(file.script?.ormRefs ?? [])]
    .sort((a, b) => a.fileSpan.start - b.fileSpan.start)
    .flatMap((ref): NameChange[] => {
      if (ref.renamedTo) return [{ object: 'table', table: ref.name, to: ref.renamedTo.name }];
      return ref.action === 'drop' ? [{ object: 'table', table: ref.name }] : [];
    });
  return [...statementChanges(file).flatMap((s) => s.changes), ...orm];
}

/**
 * Whether `statement` renames a column or table back to the name an earlier statement of the same
 * file renamed away: the down half of an up/down migration, which restores an old name rather
 * than choosing one, so the naming rules judge the up half only.
 */
export function undoesEarlierRename(
  file: FileFacts,
  statement: SqlStatement,
  renamed: { object: NameChange['object']; table: string; to: string },
): boolean {
  const all = statementChanges(file);
  const at = all.findIndex((s) => s.statement === statement);
  if (at < 0) return false;
  const here = all[at].changes.find(
    (c) => c.object === renamed.object && same(c.to, renamed.to) && (renamed.object !== 'column' || same(c.table, bare(renamed.table))),
  );
  return here !== undefined && all.slice(0, at).some((earlier) => earlier.changes.some((c) => reverses(here, c)));
}

/** How an index or constraint was declared: its kind, table and columns. */
export interface IndexDeclaration {
  kind: Exclude<IndexKind, 'primary'> | 'foreignKey';
  table: string;
  columns: string[];
  /** The migration that declared it. */
  file: FileFacts;
}

/**
 * The declaration of the index or constraint a rename in `file` names `name`: the last `CREATE
 * INDEX`, inline index or named constraint of that name in the migrations of the folder up to
 * `file`, following earlier renames back to it. Undefined when none declares it (a name from
 * outside the folder, or an ORM-generated index).
 */
export function indexDeclaration(
  project: ProjectModel,
  file: FileFacts,
  object: 'index' | 'constraint',
  name: string,
): IndexDeclaration | undefined {
  const folder = [...earlierMigrations(project, file), file];
  let wanted = name;
  for (let hops = 0; hops < 10; hops++) {
    for (const f of [...folder].reverse()) {
      const found = declaredIn(f, object, wanted);
      if (found) return { ...found, file: f };
    }
    // Named by an earlier rename: look for what it was called before.
    const renamed = folder
      .flatMap((f) => (f === file ? [] : changesOf(f)))
      .reverse()
      .find((c) => c.object === object && c.to !== undefined && same(c.to, wanted));
    if (!renamed || renamed.object === 'table') return undefined;
    wanted = renamed.name;
  }
  return undefined;
}

function declaredIn(file: FileFacts, object: 'index' | 'constraint', name: string): Omit<IndexDeclaration, 'file'> | undefined {
  const analyses: SqlAnalysis[] = [...(file.sql ? [file.sql] : []), ...(file.embeddedAnalyses ?? []).filter(Boolean)];
  let found: Omit<IndexDeclaration, 'file'> | undefined;
  for (const statement of analyses.flatMap((a) => a.statements)) {
    if (object === 'index') {
      for (const index of [...statement.indexes, ...statement.tables.flatMap((t) => t.indexes)]) {
        if (index.kind !== 'primary' && same(index.name, name)) found = { kind: index.kind, table: index.table, columns: index.columns };
      }
    } else {
      for (const table of statement.tables) {
        for (const key of table.foreignKeys) {
          if (same(key.name, name)) found = { kind: 'foreignKey', table: table.name, columns: key.columns };
        }
      }
    }
  }
  return found;
}

function earlierMigrations(project: ProjectModel, file: FileFacts): FileFacts[] {
  laterMigrations(project, file); // builds the folder index
  const siblings = migrationsByFolder.get(project)?.get(path.posix.dirname(file.path)) ?? [];
  const base = path.posix.basename(file.path);
  return siblings.filter((f) => numeric.compare(path.posix.basename(f.path), base) < 0);
}
