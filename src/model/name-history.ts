/**
 * What later migrations do to a name a naming rule judges: a column, index, constraint or table
 * declared in one migration may be renamed or dropped by a later one of the same folder. Such a
 * name is history — no database that ran the migrations has it any more — so the rules report
 * nothing for it, and a rename migration they suggest makes its finding go away once written.
 * Also where the table stands after those migrations: a rename written today must name the
 * table as it is now, not as it was created.
 *
 * Reads the log the model's one table-history replay keeps of each up migration's renames and
 * drops (table-history.ts), folder by folder in migration order.
 */
import path from 'node:path';
import type { FileFacts, IndexKind, SqlAnalysis, SqlStatement } from '../analysis/facts.js';
import { nameChangeOf } from './ddl-events.js';
import type { ProjectModel } from './model.js';
import { droppedTables, isDownMigration, type LoggedNames, type NameChange } from './table-history.js';

/** The up migrations of each folder that rename or drop names, in migration order. */
export interface NameHistory {
  readonly folders: ReadonlyMap<string, readonly LoggedNames[]>;
}

/** Indexes the replays' logs by folder: a migration's later ones are the rest of its folder. */
export function nameHistoryOf(logs: readonly LoggedNames[]): NameHistory {
  const folders = new Map<string, LoggedNames[]>();
  for (const logged of logs) {
    const folder = path.posix.dirname(logged.path);
    folders.set(folder, [...(folders.get(folder) ?? []), logged]);
  }
  return { folders };
}

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
 * What the rest of one migration's up half does to a name it declares: TypeORM's and Django's SQLite table rebuild
 * (`CREATE TABLE "temporary_x"` / `"temp_x"` / `"new__x"`, copy the rows, `DROP TABLE "x"`, `ALTER TABLE "temporary_x"
 * RENAME TO "x"`) leaves the table `x`, so the temporary name is history (HELDOUT13 #17: jackson's
 * `temporary_jackson_index`). Its columns live on in `x` and stay judged: the first `x`'s declaration of them is history
 * through the `DROP TABLE "x"`, so the rebuild is their one live declaration. Only a rename to a name the migration
 * dropped before counts here (a rename reversing an earlier one of the file is a down half; `CREATE TABLE methods` then
 * `RENAME TO payment_methods` is judged at both), never a drop alone: a SQL file's down section (goose, sql-migrate) is
 * not told apart from its up section.
 */
function sameMigrationFate(file: FileFacts, judged: JudgedName, statement: SqlStatement): NameFate {
  let table = bare(judged.table);
  const ordered = upStatements(file);
  const at = ordered.indexOf(statement);
  if (at < 0) return { gone: false, table };
  const earlier = ordered.slice(0, at + 1).flatMap(statementNameChanges);
  const dropped: string[] = [];
  for (const s of ordered.slice(at + 1)) {
    for (const change of statementNameChanges(s)) {
      if (change.object === 'table' && change.to === undefined) dropped.push(change.table);
      if (change.to === undefined || earlier.some((e) => reverses(change, e))) continue;
      if (change.object === 'table') {
        // A rebuild: the new table takes the name of one the migration dropped; any other rename is judged where it is.
        if (!same(change.table, table) || !dropped.some((name) => same(name, change.to))) continue;
        table = change.to;
        if (judged.object === 'table') return { gone: true, table };
        continue;
      }
      if (removesJudged(change, judged, table)) return { gone: true, table };
    }
  }
  return { gone: false, table };
}

/** Whether a change of a column, index or constraint renames or drops `judged` on `table` (its current name). */
function removesJudged(change: Exclude<NameChange, { object: 'table' }>, judged: JudgedName, table: string): boolean {
  if (change.object !== judged.object || !same(change.name, judged.name)) return false;
  return change.table === undefined || same(change.table, table);
}

/**
 * The fate of `judged`, declared in `file`, through the up migrations after it in its folder
 * (in version order). A change that reverses an earlier one of the same file (the down half of
 * an up/down script) is not replayed. Given the declaring `statement`, the renames after it in the
 * same migration's up half count first (`sameMigrationFate`).
 */
export function laterFate(project: ProjectModel, file: FileFacts, judged: JudgedName, statement?: SqlStatement): NameFate {
  let table = bare(judged.table);
  if (statement) {
    const own = sameMigrationFate(file, judged, statement);
    if (own.gone) return own;
    table = own.table;
  }
  for (const later of laterMigrations(project, file)) {
    for (const change of replayable(later)) {
      if (change.object === 'table') {
        if (!same(change.table, table)) continue;
        if (change.to === undefined) return { gone: true, table };
        table = change.to;
        if (judged.object === 'table') return { gone: true, table };
        continue;
      }
      if (removesJudged(change, judged, table)) return { gone: true, table };
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
    for (const change of replayable(later)) {
      if (current === undefined) break;
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

/** The logged migrations of `file`'s folder that run after it, in migration order. */
function laterMigrations(project: ProjectModel, file: FileFacts): readonly LoggedNames[] {
  return siblings(project, file).filter((logged) => numeric.compare(path.posix.basename(logged.path), path.posix.basename(file.path)) > 0);
}

/** The logged migrations of `file`'s folder that run before it, in migration order. */
function earlierMigrations(project: ProjectModel, file: FileFacts): readonly LoggedNames[] {
  return siblings(project, file).filter((logged) => numeric.compare(path.posix.basename(logged.path), path.posix.basename(file.path)) < 0);
}

function siblings(project: ProjectModel, file: FileFacts): readonly LoggedNames[] {
  return project.nameHistory.folders.get(path.posix.dirname(file.path)) ?? [];
}

const replayableByLog = new WeakMap<LoggedNames, NameChange[]>();

/** A migration's changes but those reversing an earlier one of the same file (the down half of an up/down script). */
function replayable(logged: LoggedNames): NameChange[] {
  let out = replayableByLog.get(logged);
  if (!out) {
    const kept: NameChange[] = [];
    for (const change of logged.changes) if (!kept.some((earlier) => reverses(change, earlier))) kept.push(change);
    replayableByLog.set(logged, (out = kept));
  }
  return out;
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
function statementNameChanges(statement: SqlStatement): NameChange[] {
  const positioned: Array<{ at: number; change: NameChange }> = [
    ...statement.tables.flatMap((t) =>
      t.renamedTo ? [{ at: t.renamedTo.span.start, change: { object: 'table', table: t.name, to: t.renamedTo.name } as const }] : [],
    ),
    ...droppedTables(statement).map((ref) => ({ at: ref.span.start, change: { object: 'table', table: ref.name } as const })),
    ...(statement.nameChanges ?? []).flatMap((fact) => {
      const change = nameChangeOf(fact);
      return change ? [{ at: fact.span.start, change }] : [];
    }),
  ];
  return positioned.sort((a, b) => a.at - b.at).map((p) => p.change);
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
  const earlier = earlierMigrations(project, file);
  // The earlier migrations' facts as the project has them now (an editor run swaps in edited files).
  const facts = factsByPath(project.files);
  const folder = [...earlier.flatMap((logged) => facts.get(logged.path) ?? []), file];
  let wanted = name;
  for (let hops = 0; hops < 10; hops++) {
    for (const f of [...folder].reverse()) {
      const found = declaredIn(f, object, wanted);
      if (found) return { ...found, file: f };
    }
    // Named by an earlier rename: look for what it was called before.
    const renamed = earlier
      .flatMap((logged) => logged.changes)
      .reverse()
      .find((c) => c.object === object && c.to !== undefined && same(c.to, wanted));
    if (!renamed || renamed.object === 'table') return undefined;
    wanted = renamed.name;
  }
  return undefined;
}

const byPath = new WeakMap<readonly FileFacts[], Map<string, FileFacts>>();

function factsByPath(files: readonly FileFacts[]): Map<string, FileFacts> {
  let map = byPath.get(files);
  if (!map) byPath.set(files, (map = new Map(files.map((f) => [f.path, f]))));
  return map;
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

/** A file's statements in order (its SQL, then its embedded SQL), but those of a migration's `down()` bodies. */
function upStatements(file: FileFacts): SqlStatement[] {
  const spans = file.script?.migrationDown ?? [];
  const embedded = (file.embeddedAnalyses ?? []).flatMap((analysis, i) => {
    const site = file.script?.embeddedSql[i];
    if (!analysis || (site && spans.some((s) => site.fileSpan.start >= s.start && site.fileSpan.end <= s.end))) return [];
    return analysis.statements;
  });
  return [...(file.sql?.statements ?? []), ...embedded];
}

const migrationsByFolder = new WeakMap<ProjectModel, Map<string, FileFacts[]>>();

/** The up migrations of `file`'s folder after it, in migration order. */
function laterUpMigrations(project: ProjectModel, file: FileFacts): FileFacts[] {
  let byFolder = migrationsByFolder.get(project);
  if (!byFolder) {
    byFolder = new Map();
    for (const f of project.files) {
      if (isDownMigration(f.path) || !project.migrations.isMigration(f)) continue;
      const folder = path.posix.dirname(f.path);
      byFolder.set(folder, [...(byFolder.get(folder) ?? []), f]);
    }
    for (const files of byFolder.values()) files.sort((a, b) => numeric.compare(path.posix.basename(a.path), path.posix.basename(b.path)));
    migrationsByFolder.set(project, byFolder);
  }
  const base = path.posix.basename(file.path);
  return (byFolder.get(path.posix.dirname(file.path)) ?? []).filter((f) => numeric.compare(path.posix.basename(f.path), base) > 0);
}

/**
 * The columns statements after `statement` add to `table` (`ALTER TABLE … ADD COLUMN`, lowercased): the rest of its file
 * and, for a migration, the up migrations after it in its folder. Such a column is the table's as much as one its CREATE
 * lists: Medusa's pricing migration creates `price_list`, then adds its `created_at` and `updated_at` (HELDOUT9 #23).
 */
export function laterAddedColumns(project: ProjectModel, file: FileFacts, statement: SqlStatement, table: string): Set<string> {
  const added = new Set<string>();
  const wanted = bare(table);
  const collect = (statements: readonly SqlStatement[]) => {
    for (const s of statements)
      for (const t of s.tables) if (t.kind === 'alter' && same(t.name, wanted)) for (const c of t.columns) added.add(c.name.toLowerCase());
  };
  const own = upStatements(file);
  const at = own.indexOf(statement);
  collect(at < 0 ? [] : own.slice(at + 1));
  if (project.migrations.isMigration(file)) for (const later of laterUpMigrations(project, file)) collect(upStatements(later));
  return added;
}
