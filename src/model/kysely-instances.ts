/**
 * A Kysely instance a file imports (`import { db } from './db'`, or a factory's `createDb()`): what
 * the module that creates it says — whether the export is a `new Kysely(…)` at all, and the database
 * its pool names — so a query on it is looked up in that database first, as for an instance the file
 * creates itself. The import is followed through re-exports (an index barrel's `export { db } from
 * './db'`, `export * from`).
 */
import type { FileFacts, OrmOrigin } from '../analysis/facts.js';
import type { ProjectModel } from './model.js';
import { findExported } from './module-exports.js';

type Instance = NonNullable<NonNullable<FileFacts['script']>['kyselyInstances']>[number];
const byPathOf = new WeakMap<ProjectModel, Map<string, readonly Instance[]>>();

/** The Kysely instance `origin` imports into `file`, or undefined when its module exports none under that name. */
export function importedKyselyInstance(model: ProjectModel, file: FileFacts, origin: OrmOrigin): { database?: string } | undefined {
  if (origin.imported === '*') return undefined;
  const target = model.resolveModule(file.path, origin.specifier)?.file;
  if (!target) return undefined;
  let byPath = byPathOf.get(model);
  if (!byPath) {
    byPath = new Map(model.files.filter((f) => f.script?.kyselyInstances).map((f) => [f.path, f.script!.kyselyInstances!]));
    byPathOf.set(model, byPath);
  }
  const instances = byPath;
  return findExported(model, target, origin.imported, (path, name) => instances.get(path)?.find((i) => i.exported === name));
}
