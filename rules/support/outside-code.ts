/**
 * Code that belongs to no service (a reporting app, a shared library, a script folder) still
 * couples to a service when it queries that service's tables. It is named by the folder that holds
 * it: the two leading folders of its path (`packages/common`, `reporting/dashboard`, `apps/admin`),
 * or the one folder of a file directly below a top-level folder (`scripts/backfill.ts` → `scripts`).
 */
import { compileGlobs, trimFolderPattern } from './glob.js';
import type { ProjectModel } from '../../src/model/model.js';
import { isTestFile } from '../../src/model/paths.js';

/** The folder naming code outside every service, or undefined for a file at the repository root. */
export function outsideFolder(path: string): string | undefined {
  const folders = path.split('/').slice(0, -1);
  if (folders.length === 0) return undefined;
  return folders.slice(0, Math.min(2, folders.length)).join('/');
}

/**
 * Whether a file's table references are reported as code outside every service: source code (not
 * SQL files, which act for the owner of what they declare), not tests, not in a service, and not in
 * a `sharedPackages` folder when those are allowed to query.
 */
export function outsideCodeChecker(project: ProjectModel, allowSharedPackages: boolean): (path: string) => boolean {
  const shared = (project.config.sharedPackages ?? []).map(trimFolderPattern);
  const inShared = shared.length > 0 ? compileGlobs(shared.flatMap((glob) => [glob, `${glob}/**`])) : () => false;
  return (path) => !project.serviceOf(path) && !isTestFile(path) && !(allowSharedPackages && inShared(path));
}
