/**
 * Replays the DDL of one owner (a service, or the SQL outside every service) in migration
 * order, so that table renames move declarations: `ALTER TABLE a RENAME TO b` retires the
 * declarations of `a` and declares `b` at the rename, a migration's `DROP TABLE a` retires
 * them; a later `CREATE TABLE a` declares `a` again. The same walk logs what each up migration
 * renames and drops — tables, columns, indexes, constraints — for the naming rules, which ask
 * what later migrations did to a name (name-history.ts). Pure: the model builds the events and
 * reads the result.
 */
import path from 'node:path';
import type { Range, SqlStatement, SqlTableRef } from '../analysis/facts.js';
import type { TableDeclaration } from './model.js';

/** One rename (`to` set) or drop (`to` absent) a migration makes. Names are bare (no qualifier). */
export type NameChange =
  | { object: 'table'; table: string; to?: string }
  | { object: 'column' | 'constraint'; table: string; name: string; to?: string }
  /** PostgreSQL's `ALTER INDEX` / `DROP INDEX` name no table: index names are unique in their schema. */
  | { object: 'index'; table?: string; name: string; to?: string };

export type DdlEvent =
  | { kind: 'create'; declaration: TableDeclaration }
  /** A column, index or constraint renamed or dropped: changes no table, only names (tables' are `rename` and `drop`). */
  | { kind: 'name'; change: Exclude<NameChange, { object: 'table' }> }
  | {
      kind: 'rename';
      /** The old name and the new one, as written (bare). */
      from: string;
      to: string;
      /** The database the old name is looked up in: its qualifier, else the `USE`d one. */
      fromDatabase?: string;
      /** The new name's own qualifier (or, without one, the old name's: a rename stays in its database). */
      toDatabase?: string;
      /** Where the new name lives when neither qualifier nor a renamed declaration says (the owner's only database). */
      contextDatabase?: string;
      /** The old name as written, qualifier included. */
      renamedFrom: string;
      file: string;
      /** The new name's range. */
      range: Range;
      via: TableDeclaration['via'];
    }
  /**
   * A copy of each table alive at this point that the migrations of the same set created (the same script directory or
   * repository, by the order key's anchor, else the same folder: the database the revision reflects, not a second one
   * the service keeps), named `<prefix><table><suffix>` (FileFacts.tableCopies: Nova's shadow tables); a table of the
   * family itself is not copied again.
   */
  | { kind: 'copyEach'; prefix: string; suffix: string; file: string; range: Range; via: TableDeclaration['via'] }
  | {
      kind: 'drop';
      /** The dropped name as written (bare), and its qualifier, else the `USE`d database. */
      table: string;
      database?: string;
    };

export interface DdlFile {
  path: string;
  /** Inside a migrations folder: replayed first, in version order. */
  migration: boolean;
  /** Sorts the migration in its tool's order (a Sqitch plan, a Liquibase changelog) in place of its path. */
  orderKey?: string;
  /** A tool's script that undoes or checks a migration (Sqitch's `revert/`, `verify/`): like a down migration, never replayed. */
  reverts?: boolean;
  /**
   * The engine whose set of migrations it is (`SQL/postgres/2011092800.sql`, `db/mysql/migrations/…`; MigrationVersion.engine):
   * its drops and renames change that set's tables only, and a table its service's migrations for every engine share (created
   * where no engine folder names one) only once every set has dropped it. Absent for a migration every engine runs.
   */
  sequence?: string;
  /** A migration file of its service: unless a down or undo file, its renames and drops are logged in `names`. */
  logsNames?: boolean;
  events: DdlEvent[];
}

/** What one up migration renames and drops, in its order. */
export interface LoggedNames {
  path: string;
  changes: NameChange[];
}

export interface RetiredDeclaration {
  declaration: TableDeclaration;
  /** Replay positions (indexes into `TableHistory.order`) of the first and last file it existed in. */
  since: number;
  until: number;
}

export interface TableHistory {
  /** Declarations alive after the last file: the creates in their input order, then the renames' new names. */
  current: TableDeclaration[];
  /** Declarations a rename moved away or a drop removed. */
  retired: RetiredDeclaration[];
  /** File paths in replay order. */
  order: string[];
  /** The files that log names, in replay order. */
  names: LoggedNames[];
}

const lower = (value: string | undefined) => value?.toLowerCase();
const numeric = new Intl.Collator('en', { numeric: true });

/**
 * Migrations first, by the version their path carries (`V2__` before `V10__`, timestamps,
 * Prisma's timestamped folders) or in their tool's order (`orderKey`), then every other file by path. A down migration comes right
 * after its up migration (`000001_x.down.sql` after `000001_x.up.sql`, Hasura's `down.sql` after
 * `up.sql`): it names the tables as they stand once its up half ran, not before it.
 */
export function replayOrder(a: DdlFile, b: DdlFile): number {
  if (a.migration !== b.migration) return a.migration ? -1 : 1;
  const [keyA, keyB] = a.migration ? [a.orderKey ?? a.path, b.orderKey ?? b.path] : [a.path, b.path];
  if (a.migration) {
    const [downA, downB] = [isDownMigration(a.path), isDownMigration(b.path)];
    if (downA || downB) {
      const byUp = numeric.compare(upPath(keyA, downA), upPath(keyB, downB));
      if (byUp !== 0) return byUp;
      if (downA !== downB) return downA ? 1 : -1;
    }
  }
  return numeric.compare(keyA, keyB) || (keyA < keyB ? -1 : keyA > keyB ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

/** The path of the up migration a down migration reverses (the direction word swapped), for ordering. */
function upPath(filePath: string, down: boolean): string {
  if (!down) return filePath;
  const folder = filePath.slice(0, filePath.lastIndexOf('/') + 1);
  const base = filePath.slice(folder.length);
  return (
    folder +
    base
      .replace(/^U(?=\d)/, 'V')
      .replace(/^(\d+)\.undo\./, '$1.do.')
      .replace(/(^|[._-])down(?=\.)/i, '$1up')
      .replace(/\.rollback(?=\.sql$)/, '')
  );
}

/**
 * Flyway undo (`U3__x.sql`), postgrator undo (`3.undo.x.sql`) and down files (`3_x.down.sql`,
 * Hasura's `down.sql`) reverse their up migration.
 */
export function isDownMigration(filePath: string): boolean {
  const base = path.posix.basename(filePath);
  return (
    /^U\d+(?:[._]\d+)*__/.test(base) ||
    /^\d+\.undo\./.test(base) ||
    /(?:^|[._-])down(?:\.[a-z]+)+$/i.test(base) ||
    // yoyo's rollback: 0001.create-users.rollback.sql
    /^\d+\.[\w-]+\.rollback\.sql$/.test(base)
  );
}

/** The tables a `DROP TABLE` statement drops. Temporary tables are never declared, so `DROP TEMPORARY TABLE` drops none. */
export function droppedTables(statement: SqlStatement): SqlTableRef[] {
  if (statement.kind !== 'drop' || /^\s*DROP\s+TEMPORARY\b/i.test(statement.text)) return [];
  return statement.tableRefs.filter((ref) => ref.action === 'drop');
}

/** Unknown databases match any: the model matches qualified references the same way. */
const sameDatabase = (a: string | undefined, b: string | undefined) => !a || !b || a.toLowerCase() === b.toLowerCase();

/**
 * Replays `files`. A rename applies only to a table of this owner: one it declares (now or in
 * a later file, such as boot code that creates it) or one `claims` says it owns (config
 * `tables`). Renaming anybody else's table changes no ownership; the rules report the ALTER.
 * Renames in down files, and a rename undoing an earlier one of its file (the down half of
 * an up/down migration), are not replayed.
 *
 * A drop retires the declarations of the name alive at that point, so only this owner's
 * tables. Drops count only in (up) migrations: elsewhere path order is not time order, and
 * reset scripts or test teardown drop what the code goes on using. A drop of a table created
 * earlier in its own file is the down half of an up/down migration and is not replayed.
 */
export function replayDdl(files: readonly DdlFile[], claims: (name: string, database?: string) => boolean): TableHistory {
  const ordered = [...files].sort(replayOrder);
  const creates = files.flatMap((f) => f.events.flatMap((e) => (e.kind === 'create' ? [e.declaration] : [])));
  const since = new Map<TableDeclaration, number>();
  const retired: RetiredDeclaration[] = [];
  const added: TableDeclaration[] = [];
  let alive: TableDeclaration[] = [];

  const names: LoggedNames[] = [];
  // Per-engine sets of migrations (DdlFile.sequence): the set each declaration was created in, and which sets dropped a
  // declaration every set shares.
  const sequences = new Set(files.flatMap((f) => (f.migration && f.sequence ? [f.sequence] : [])));
  const sequenceOf = new Map<TableDeclaration, string>();
  const droppedBy = new Map<TableDeclaration, Set<string>>();
  const droppedBeforeCreated = new Set<string>();
  const createdNames = new Set<string>();
  /** Whether a drop or rename in `file` changes `declaration`: one of its own set, or one every set shares once all dropped it. */
  const changes = (file: DdlFile, declaration: TableDeclaration, drop: boolean): boolean => {
    if (!file.sequence) return true;
    const own = sequenceOf.get(declaration);
    if (own !== undefined) return own === file.sequence;
    if (!drop) return false;
    const by = droppedBy.get(declaration) ?? new Set<string>();
    by.add(file.sequence);
    droppedBy.set(declaration, by);
    return [...sequences].every((s) => by.has(s));
  };

  // The set of migrations each file belongs to (a copyEach copies its own set's tables): its tool's order key up to the
  // rank (`<script directory>#0000000012`), else its folder.
  const setOf = new Map(
    files.map((f) => [
      f.path,
      f.orderKey !== undefined && f.orderKey.includes('#') ? f.orderKey.slice(0, f.orderKey.indexOf('#')) : path.posix.dirname(f.path),
    ]),
  );
  ordered.forEach((file, index) => {
    const down = file.reverts === true || isDownMigration(file.path);
    const renamedHere: Array<{ from: string; to: string }> = [];
    const createdHere = new Set<TableDeclaration>();
    // Every rename and drop, whoever owns the name: a name history follows names, not ownership.
    if (file.logsNames && !down) names.push({ path: file.path, changes: file.events.flatMap(nameChangeOf) });
    for (const event of file.events) {
      if (event.kind === 'name') continue;
      if (event.kind === 'create') {
        // A name a migration dropped before anything created it existed before the first migration (roundcube's SQLite
        // upgrade `DROP TABLE messages; CREATE TABLE messages …` of a table its older installs created): so did this one.
        since.set(event.declaration, droppedBeforeCreated.has(event.declaration.table.toLowerCase()) ? 0 : index);
        createdNames.add(event.declaration.table.toLowerCase());
        if (file.migration && file.sequence) sequenceOf.set(event.declaration, file.sequence);
        createdHere.add(event.declaration);
        // A down or revert script's table exists while it runs, not after the up migrations.
        if (down) retired.push({ declaration: event.declaration, since: index, until: index });
        else alive.push(event.declaration);
        continue;
      }
      if (event.kind === 'copyEach') {
        if (!file.migration || down) continue;
        const [prefix, suffix] = [event.prefix.toLowerCase(), event.suffix.toLowerCase()];
        const ofFamily = (table: string) =>
          table.length > prefix.length + suffix.length && table.toLowerCase().startsWith(prefix) && table.toLowerCase().endsWith(suffix);
        const set = setOf.get(file.path);
        for (const original of alive.filter((d) => !ofFamily(d.table) && setOf.get(d.file) === set)) {
          const table = `${event.prefix}${original.table}${event.suffix}`;
          if (alive.some((d) => d.table.toLowerCase() === table.toLowerCase() && sameDatabase(d.database, original.database))) continue;
          const declaration: TableDeclaration = {
            table,
            database: original.database,
            file: event.file,
            range: event.range,
            via: event.via,
          };
          alive.push(declaration);
          added.push(declaration);
          since.set(declaration, index);
          createdNames.add(table.toLowerCase());
        }
        continue;
      }
      if (event.kind === 'drop') {
        if (!file.migration || down) continue;
        const dropped = alive.filter(
          (d) => d.table.toLowerCase() === event.table.toLowerCase() && sameDatabase(d.database, event.database),
        );
        if (dropped.length === 0 && !createdNames.has(event.table.toLowerCase())) droppedBeforeCreated.add(event.table.toLowerCase());
        if (dropped.some((d) => createdHere.has(d))) continue;
        // Another engine's set keeps its own tables (roundcube's SQL/mysql/ and SQL/postgres/ drop `messages` each).
        const retiredHere = dropped.filter((d) => changes(file, d, true));
        alive = alive.filter((d) => !retiredHere.includes(d));
        for (const declaration of retiredHere) retired.push({ declaration, since: since.get(declaration) ?? index, until: index });
        continue;
      }
      const from = event.from.toLowerCase();
      const to = event.to.toLowerCase();
      if (renamedHere.some((r) => r.from === to && r.to === from)) continue;
      const named = (d: TableDeclaration) => d.table.toLowerCase() === from && sameDatabase(d.database, event.fromDatabase);
      const moved = alive.filter((d) => named(d) && changes(file, d, false));
      if (down) {
        // Not replayed, but the rest of the script names the table as it renamed it (a revert's view on the old name).
        for (const d of moved)
          retired.push({ declaration: { ...d, table: event.to, database: event.toDatabase ?? d.database }, since: index, until: index });
        continue;
      }
      const createdLater = creates.some((d) => !since.has(d) && named(d));
      if (moved.length === 0 && !createdLater && !claims(from, lower(event.fromDatabase))) continue;
      renamedHere.push({ from, to });
      alive = alive.filter((d) => !moved.includes(d));
      for (const declaration of moved) retired.push({ declaration, since: since.get(declaration) ?? index, until: index });
      const databases = moved.length > 0 ? moved.map((d) => event.toDatabase ?? d.database) : [event.toDatabase ?? event.contextDatabase];
      for (const database of new Set(databases)) {
        const declaration: TableDeclaration = {
          table: event.to,
          database,
          file: event.file,
          range: event.range,
          via: event.via,
          renamedFrom: event.renamedFrom,
        };
        alive.push(declaration);
        added.push(declaration);
        since.set(declaration, index);
        // The new name is of the set that renamed it: that set's later drop of it ends it (flowise's engine folders each
        // rename `organization` to `temp_organization` and drop it in the same migration).
        if (file.migration && file.sequence) sequenceOf.set(declaration, file.sequence);
      }
    }
  });

  const current = new Set(alive);
  return {
    current: [...creates, ...added].filter((d) => current.has(d)),
    retired,
    order: ordered.map((f) => f.path),
    names,
  };
}

function nameChangeOf(event: DdlEvent): NameChange[] {
  if (event.kind === 'name') return [event.change];
  if (event.kind === 'rename') return [{ object: 'table', table: event.from, to: event.to }];
  return event.kind === 'drop' ? [{ object: 'table', table: event.table }] : [];
}
