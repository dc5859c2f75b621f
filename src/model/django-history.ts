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
  const folders = new Map<string, Map<string, Set<string>> | undefined>();
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
    const before = (later: string, earlier: string) => history.get(later)?.has(earlier) === true;
    if (before(x, y) || before(y, x)) return true;
    for (const [later, earlier] of history) if (later !== x && later !== y && earlier.has(x) && earlier.has(y)) return true;
    return false;
  };
}

const nameOf = (file: string) => path.posix.basename(file).replace(/\.py$/, '');

/**
 * Per migration of the folder, every migration of the same app it comes after or replaces (transitively). The app's
 * label is its folder's name, or the label its migrations' dependencies on each other use (an AppConfig `label`).
 * Undefined when no migration there names another of the folder.
 */
function folderHistory(files: readonly FileFacts[]): Map<string, Set<string>> | undefined {
  const migrations = files.filter((f) => isDjangoMigrationPath(f.path));
  const names = new Set(migrations.map((f) => nameOf(f.path)));
  const label = migrations.length > 0 ? appLabel(migrations, names) : undefined;
  if (label === undefined) return undefined;
  const direct = new Map<string, string[]>();
  for (const file of migrations) {
    const links = file.djangoMigration;
    const own = [...(links?.dependencies ?? []), ...(links?.replaces ?? [])]
      .filter((key) => key.app.toLowerCase() === label && names.has(key.name))
      .map((key) => key.name);
    direct.set(nameOf(file.path), own);
  }
  const earlier = new Map<string, Set<string>>();
  const visit = (name: string, seen: Set<string>): Set<string> => {
    const known = earlier.get(name);
    if (known) return known;
    const all = new Set<string>();
    // A dependency cycle (never valid in Django) stops at the migration already being walked.
    seen.add(name);
    for (const dependency of direct.get(name) ?? []) {
      all.add(dependency);
      if (!seen.has(dependency)) for (const further of visit(dependency, seen)) all.add(further);
    }
    seen.delete(name);
    earlier.set(name, all);
    return all;
  };
  for (const name of direct.keys()) visit(name, new Set());
  return earlier;
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
