/**
 * Tables declared outside every service (a root Prisma schema or migrations no app can be joined with, a schema
 * file naming no database) that no service owns. They exist, so no use of them is an unknown table; only their
 * owner is unknown, which the run says once and `init` marks TODO.
 */
import type { ProjectModel } from './model.js';

export interface UnownedTable {
  /** `table`, or `database.table` where the declaration names its database. */
  name: string;
  /** Every file declaring it, sorted. */
  files: string[];
}

export function unownedDeclaredTables(model: Pick<ProjectModel, 'declarationsOutsideServices' | 'resolveTable'>): UnownedTable[] {
  const byName = new Map<string, UnownedTable>();
  for (const declaration of model.declarationsOutsideServices) {
    const lookup = { name: declaration.table, ...(declaration.database ? { qualifier: declaration.database } : {}) };
    // As seen from its own file: a product's own `users` beside a service's (table-resolver.ts, foreignOrphan).
    if (model.resolveTable(lookup, undefined, declaration.file).kind !== 'unknown') continue;
    const name = declaration.database ? `${declaration.database}.${declaration.table}` : declaration.table;
    const entry = byName.get(name.toLowerCase());
    if (!entry) byName.set(name.toLowerCase(), { name, files: [declaration.file] });
    else if (!entry.files.includes(declaration.file)) entry.files.push(declaration.file);
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...byName.values()].map((t) => ({ ...t, files: [...t.files].sort(order) })).sort((a, b) => order(a.name, b.name));
}
