/**
 * The table an ORM symbol means where it is used (`repo(Patient)`, `Patient.findAll()`): the
 * entity or model its import leads to, resolved as seen from the service that defines it.
 */
import type { FileFacts, OrmEntityUse, OrmTableRef } from '../analysis/facts.js';
import type { EntityResolver } from './entity-resolver.js';
import type { EntityUseResolution, Service } from './model.js';
import type { TableResolver } from './table-resolver.js';

export function createEntityUseResolver(
  entities: EntityResolver,
  serviceOf: (path: string) => Service | undefined,
  resolveTable: TableResolver['resolveTable'],
): (file: FileFacts, use: OrmEntityUse) => EntityUseResolution | undefined {
  return (file, use) => {
    const found = entities(file, use);
    if (!found) return undefined;
    const { definition } = found;
    const ref: OrmTableRef = {
      name: definition.table,
      qualifier: definition.qualifier,
      action: use.action,
      library: use.library,
      fileSpan: use.fileSpan,
    };
    // Another service's entity means that service's table, as seen from it.
    const user = serviceOf(file.path);
    const resolution =
      definition.service && definition.service !== user ? resolveTable(ref, definition.service) : resolveTable(ref, user, file.path);
    return {
      ref,
      resolution,
      definition: { symbol: definition.symbol, file: definition.file, range: definition.range, service: definition.service },
      import: found.import,
    };
  };
}
