/**
 * What a module exports under a name, followed through its re-exports as TypeScript would: an index
 * barrel's `export * from './tables'`, `export { db } from './db'`, `export { default as TABLES } from
 * …`, `export * as names from …`, and a local name exported as another (`export { T as TABLES }` of an
 * import). `name` may go on into members (`TABLES.PATIENTS`): the first part is the export's name.
 */
import type { FileFacts } from '../analysis/facts.js';
import type { ProjectModel } from './model.js';

/** How many re-exports deep a name is followed (barrel of barrels of …). */
const MAX_DEPTH = 8;

type Reexports = NonNullable<NonNullable<FileFacts['script']>['reexports']>;
const reexportsOf = new WeakMap<ProjectModel, Map<string, Reexports>>();

function reexportIndex(model: ProjectModel): Map<string, Reexports> {
  let index = reexportsOf.get(model);
  if (!index) {
    index = new Map();
    for (const file of model.files) if (file.script?.reexports) index.set(file.path, file.script.reexports);
    reexportsOf.set(model, index);
  }
  return index;
}

/**
 * `own(file, name)` in the module that holds what `file` exports as `name`: `file` itself, else
 * where its re-exports lead. Undefined when no module in the repository has it.
 */
export function findExported<T>(
  model: ProjectModel,
  file: string,
  name: string,
  own: (file: string, name: string) => T | undefined,
  depth = 0,
): T | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const found = own(file, name);
  if (found !== undefined) return found;
  const dot = name.indexOf('.');
  const head = dot < 0 ? name : name.slice(0, dot);
  const rest = dot < 0 ? undefined : name.slice(dot + 1);
  for (const reexport of reexportIndex(model).get(file) ?? []) {
    if (reexport.exported !== '*' && reexport.exported !== head) continue;
    const target = reexport.specifier === undefined ? file : model.resolveModule(file, reexport.specifier)?.file;
    if (!target) continue;
    let next: string | undefined;
    if (reexport.exported === '*')
      next = reexport.specifier === undefined ? undefined : name; // `export * from` passes every name on
    else if (reexport.imported === '*')
      next = rest; // `export * as names from`: the member is the module's export
    else next = rest === undefined ? reexport.imported : `${reexport.imported}.${rest}`;
    if (next === undefined || (target === file && next === name)) continue;
    const value = findExported(model, target, next, own, depth + 1);
    if (value !== undefined) return value;
  }
  return undefined;
}
