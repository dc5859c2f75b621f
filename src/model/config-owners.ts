/**
 * Table ownership the config states (`services[].tables`: `auth_*`, `ops.audit_log`): it
 * outranks every inference, so the replay keeps configured names and the resolver asks it first.
 */
import { compileGlob, hasGlobSyntax } from '../config/glob.js';
import type { Service } from './model.js';

export interface ConfigOwner {
  service: Service;
  /** Lower-cased database of a `db.table` pattern. */
  database?: string;
  /** A plain name, a more specific claim than a glob. */
  exact: boolean;
  /** Tests a lower-cased table name. */
  match: (name: string) => boolean;
}

export function configOwnersOf(services: readonly Service[]): ConfigOwner[] {
  const owners: ConfigOwner[] = [];
  for (const service of services) {
    for (const pattern of service.ownedPatterns) {
      const dot = pattern.indexOf('.');
      const database = dot > 0 ? pattern.slice(0, dot) : undefined;
      const tablePattern = (dot > 0 ? pattern.slice(dot + 1) : pattern).toLowerCase();
      const exact = !hasGlobSyntax(tablePattern);
      const match = exact ? (name: string) => name === tablePattern : compileGlob(tablePattern);
      owners.push({ service, database: database?.toLowerCase(), exact, match });
    }
  }
  return owners;
}

/** Whether the config gives `name` (in `database`, when known) to `service`. */
export function claimedByConfig(owners: readonly ConfigOwner[], service: Service | undefined) {
  return (name: string, database?: string) =>
    owners.some((o) => o.service === service && o.match(name) && (!o.database || !database || o.database === database));
}
