/**
 * A Django app's migration history as its migrations' `dependencies` and `replaces` draw it (FileFacts.djangoMigration):
 * Django keys a migration by its app and name, not its number, and refuses to migrate an app whose history has two
 * leaves ("Conflicting migrations detected"), which `makemigrations --merge` resolves with a migration depending on both.
 * Two migrations of one app that share a number are therefore one history when one comes after the other, a later one
 * comes after both (the merge), or one is a squashed migration that replaces the other.
 */
import path from 'node:path';
import type { FileFacts } from '../analysis/facts.js';
import { djangoAppLabel, isDjangoMigrationPath } from '../analysis/django-migrations.js';

/** Whether two migration files of one folder are joined in their Django app's history; false for any other pair. */
export type JoinedInHistory = (a: string, b: string) => boolean;

export function djangoHistory(files: readonly FileFacts[]): JoinedInHistory {
  const folders = new Map<string, FolderHistory | undefined>();
  const historyOf = (folder: string) => {
    if (!folders.has(folder)) folders.set(folder, folderHistory(files.filter((f) => path.posix.dirname(f.path) === folder)));
    return folders.get(folder);
  };
  return (a, b) => {
    const folder = path.posix.dirname(a);
    if (folder !== path.posix.dirname(b) || !isDjangoMigrationPath(a) || !isDjangoMigrationPath(b)) return false;
    const history = historyOf(folder);
    if (!history) return false;
    const [x, y] = [nameOf(a), nameOf(b)];
    const [afterX, afterY] = [history.after(x), history.after(y)];
    if (afterX.has(y) || afterY.has(x)) return true;
    for (const later of afterX) if (later !== x && later !== y && afterY.has(later)) return true;
    return false;
  };
}

const nameOf = (file: string) => path.posix.basename(file).replace(/\.py$/, '');

interface FolderHistory {
  /** Every migration of the app that comes after `name` or replaces it, transitively (a migration in a cycle included). */
  after(name: string): ReadonlySet<string>;
}

/**
 * Names kept in remembered answers of one folder before they are forgotten: a history is a chain, so remembering every
 * migration's answer would take the square of its length (a hostile app's 50,000 migrations, 1.25 billion names).
 */
const REMEMBERED_NAMES = 1_000_000;

/**
 * The folder's history as its migrations' links to the migrations of the same app they come after or replace. The
 * app's label is its folder's name, or the label its migrations' dependencies on each other use (an AppConfig
 * `label`). Undefined when no migration there names another of the folder. Each answer is a walk with an explicit
 * stack, never a recursion, so no chain is too deep; a dependency cycle (never valid in Django) stops where the walk
 * has been.
 */
function folderHistory(files: readonly FileFacts[]): FolderHistory | undefined {
  const migrations = files.filter((f) => isDjangoMigrationPath(f.path));
  const names = new Set(migrations.map((f) => nameOf(f.path)));
  const label = migrations.length > 0 ? appLabel(migrations, names) : undefined;
  if (label === undefined) return undefined;
  // earlier → the migrations that name it: the links read backwards, from a migration to those after it.
  const laterOf = new Map<string, string[]>();
  for (const file of migrations) {
    const links = file.djangoMigration;
    const name = nameOf(file.path);
    for (const key of [...(links?.dependencies ?? []), ...(links?.replaces ?? [])])
      if (key.app.toLowerCase() === label && names.has(key.name)) {
        const later = laterOf.get(key.name) ?? [];
        later.push(name);
        laterOf.set(key.name, later);
      }
  }
  const remembered = new Map<string, ReadonlySet<string>>();
  let rememberedNames = 0;
  return {
    after(name) {
      const known = remembered.get(name);
      if (known) return known;
      const all = new Set<string>();
      const stack = [name];
      for (let next = stack.pop(); next !== undefined; next = stack.pop())
        for (const later of laterOf.get(next) ?? [])
          if (!all.has(later)) {
            all.add(later);
            stack.push(later);
          }
      if (rememberedNames + all.size > REMEMBERED_NAMES) {
        remembered.clear();
        rememberedNames = 0;
      }
      remembered.set(name, all);
      rememberedNames += all.size;
      return all;
    },
  };
}

/** The label the folder's migrations give their own app: the folder's name when a dependency uses it, else the one most used. */
function appLabel(migrations: readonly FileFacts[], names: ReadonlySet<string>): string | undefined {
  const folderLabel = djangoAppLabel(migrations[0].path);
  const counts = new Map<string, number>();
  for (const file of migrations)
    for (const key of file.djangoMigration?.dependencies ?? [])
      if (names.has(key.name)) counts.set(key.app.toLowerCase(), (counts.get(key.app.toLowerCase()) ?? 0) + 1);
  if (folderLabel !== undefined && counts.has(folderLabel)) return folderLabel;
  let best: string | undefined;
  for (const [label, count] of counts) if (best === undefined || count > counts.get(best)!) best = label;
  return best;
}
