/**
 * Code that belongs to no service (a reporting app, a shared library, a script folder) still
 * couples to a service when it queries that service's tables. It is named by the package that holds
 * it, else its leading folders (`outsideAccessor` in src/model/accesses.ts, which map's access edges use too).
 */
import { compileGlobs, trimFolderPattern } from './glob.js';
import type { ProjectModel } from '../../src/model/model.js';
import { isTestFile } from '../../src/model/paths.js';

/**
 * Whether a file's table references are reported as code outside every service: not tests, not in a
 * service, and not in a `sharedPackages` folder when those are allowed to query. (Of SQL files, only
 * query files act for their folder — src/model/query-files.ts; the others act for the owner of what
 * they declare.)
 */
export function outsideCodeChecker(project: ProjectModel, allowSharedPackages: boolean): (path: string) => boolean {
  const shared = (project.config.sharedPackages ?? []).map(trimFolderPattern);
  const inShared = shared.length > 0 ? compileGlobs(shared.flatMap((glob) => [glob, `${glob}/**`])) : () => false;
  return (path) => !project.serviceOf(path) && !isTestFile(path) && !(allowSharedPackages && inShared(path));
}
