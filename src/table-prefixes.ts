/**
 * Whether a repository's services prefix their table names (`auth_users`, `auth_sessions`), decided
 * by majority, and the prefixes table-prefix then expects of each service. `init` writes these into
 * the config; a run without any config applies them the same way, so a repository whose services do
 * not prefix their tables is not told to on its first run.
 */
import type { ProjectModel } from './model/model.js';
import { defaultPrefix } from './model/build-model.js';

/**
 * Share of the services with tables whose tables must agree before `init` calls the repository's
 * table prefixes a convention either way; in between the repository is mixed and keeps the defaults.
 */
export const PREFIX_THRESHOLD = 0.75;

export interface PrefixConvention {
  /** `prefixed`: services prefix their tables; `unprefixed`: they do not; `mixed` or `unknown` (no tables): defaults kept. */
  kind: 'prefixed' | 'unprefixed' | 'mixed' | 'unknown';
  /** Services whose tables share a prefix, and services with tables at all. */
  prefixed: number;
  of: number;
}

export function decidePrefixConvention(prefixed: number, of: number): PrefixConvention {
  if (of === 0) return { kind: 'unknown', prefixed, of };
  const share = prefixed / of;
  const kind = share >= PREFIX_THRESHOLD ? 'prefixed' : share <= 1 - PREFIX_THRESHOLD ? 'unprefixed' : 'mixed';
  return { kind, prefixed, of };
}

/** `auth_` for `auth_users`; undefined when the name has no `word_` head. */
export function headSegment(table: string): string | undefined {
  const match = /^([a-z0-9]+_)[a-z0-9_]+$/i.exec(table);
  return match ? match[1].toLowerCase() : undefined;
}

/**
 * The head a service's tables share: all of them, or, from 4 tables on, at least PREFIX_THRESHOLD of
 * them, so one table created without the prefix (`stock_audit` beside `inv_items`, `inv_stock`,
 * `inv_reservations`) is reported as the departure it is instead of hiding the convention.
 */
export function serviceHead(tables: readonly string[]): string | undefined {
  const counts = new Map<string | undefined, number>();
  for (const table of tables) {
    const head = headSegment(table);
    counts.set(head, (counts.get(head) ?? 0) + 1);
  }
  let best: [string | undefined, number] = [undefined, 0];
  for (const entry of counts) if (entry[1] > best[1]) best = entry;
  const [head, count] = best;
  if (head === undefined) return undefined;
  if (count === tables.length) return head;
  return tables.length >= 4 && count / tables.length >= PREFIX_THRESHOLD ? head : undefined;
}

/**
 * The prefixes each service is expected to use, by service name: the head its tables share (serviceHead);
 * where services do not prefix their tables (by majority), none for those whose tables share none;
 * otherwise, and where two services share a head, the default `<service>_`.
 */
export function learnTablePrefixes(model: ProjectModel): { convention: PrefixConvention; prefixes: Map<string, string[]> } {
  const heads = new Map<string, string | undefined>();
  for (const service of model.services) {
    const created = [...new Set(service.createdTables.map((d) => d.table.toLowerCase()))];
    if (created.length === 0) continue;
    heads.set(service.name, serviceHead(created));
  }
  const uses = new Map<string, number>();
  for (const head of heads.values()) if (head) uses.set(head, (uses.get(head) ?? 0) + 1);
  const convention = decidePrefixConvention([...heads.values()].filter((h) => h !== undefined).length, heads.size);
  const prefixes = new Map<string, string[]>();
  for (const service of model.services) {
    const head = heads.get(service.name);
    if (head && uses.get(head) === 1) prefixes.set(service.name, [head]);
    else if (!head && convention.kind === 'unprefixed') prefixes.set(service.name, []);
    else prefixes.set(service.name, [defaultPrefix(service.name)]);
  }
  return { convention, prefixes };
}
