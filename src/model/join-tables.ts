/**
 * The join tables of TypeORM many-to-many relations (ScriptFacts.ormJoinTables): `@ManyToMany(() => Category)
 * @JoinTable() categories` on `Post` makes TypeORM create `post_categories_category` (or `@JoinTable({ name })`'s) beside
 * the owning entity's table, in the same database and by the same means (schema sync, or the migrations it generates).
 * So the join table is the service's whose entity table it accompanies — only where that entity creates its table
 * (a mapping of another service's table, an unsynchronized connection, creates neither), and only where nothing
 * else declares the name: a migration that creates it (what `migration:generate` writes) already says whose it is.
 * NocoBase's `belongsToMany` through tables are the same: created beside the collection declaring the field, unless a
 * collection of that name is defined (orm/nocobase.ts records them with their name).
 */
import type { FileFacts, OrmJoinTable } from '../analysis/facts.js';
import { spanToRange } from '../analysis/text.js';
import { typeormTableName } from '../analysis/typescript/orm/naming.js';
import type { EntityResolver } from './entity-resolver.js';
import type { Service, TableDeclaration } from './model.js';
import { ownQualifier } from './table-names.js';

export interface JoinTableContext {
  serviceOf(path: string): Service | undefined;
  entities: EntityResolver;
  /** True when a service's own DDL or entity, SQL outside the services, or a config claim declares `table`. */
  declaredElsewhere(table: string): boolean;
}

/** Per service, one declaration per join table of its own entities' many-to-many relations that nothing else declares. */
export function joinTableDeclarations(files: readonly FileFacts[], context: JoinTableContext): Map<Service, TableDeclaration[]> {
  const result = new Map<Service, TableDeclaration[]>();
  const seen = new Set<string>();
  for (const file of files) {
    const joins = file.script?.ormJoinTables;
    if (!joins?.length) continue;
    const service = context.serviceOf(file.path);
    if (!service) continue;
    for (const join of joins) {
      const owner = ownerDeclaration(file, join, service);
      if (!owner) continue;
      const table = joinTableName(file, join, owner.entityTable, context.entities);
      if (table === undefined) continue;
      const database = ownQualifier(join.qualifier) ?? owner.declaration.database;
      const key = `${service.name}\0${(database ?? '').toLowerCase()}\0${table.toLowerCase()}`;
      if (seen.has(key) || context.declaredElsewhere(table)) continue;
      seen.add(key);
      const declarations = result.get(service) ?? [];
      declarations.push({
        table,
        database,
        file: file.path,
        range: spanToRange(file.lineStarts, join.fileSpan),
        via: 'orm',
        ...(owner.declaration.schemaSync ? { schemaSync: owner.declaration.schemaSync } : {}),
      });
      result.set(service, declarations);
    }
  }
  return result;
}

/** The owning entity's table in this file, and the service's declaration of it: absent when that entity creates nothing. */
function ownerDeclaration(
  file: FileFacts,
  join: OrmJoinTable,
  service: Service,
): { entityTable: string; declaration: TableDeclaration } | undefined {
  const entity = file.script?.ormEntities.find(
    (e) => e.symbol === join.owner && (e.library === 'typeorm' || e.library === 'nocobase') && !e.view && !e.mapsOnly,
  );
  if (!entity || entity.unsynchronized) return undefined;
  const table = entity.table.toLowerCase();
  const declaration = service.createdTables.find((d) => d.file === file.path && d.via === 'orm' && d.table.toLowerCase() === table);
  return declaration ? { entityTable: entity.table, declaration } : undefined;
}

/**
 * `@JoinTable({ name })`'s, else TypeORM's DefaultNamingStrategy.joinTableName: snakeCase(`<owner's table>_<property>_<target's
 * table>`), the property's dots (an embedded's) as underscores. Undefined when the target's entity is not found.
 */
function joinTableName(file: FileFacts, join: OrmJoinTable, ownerTable: string, entities: EntityResolver): string | undefined {
  if (join.name !== undefined) return join.name;
  if (join.target === undefined) return undefined;
  const found = entities(file, {
    library: 'typeorm',
    symbol: join.target,
    action: 'other',
    fileSpan: join.fileSpan,
    ...(join.targetOrigin ? { origin: join.targetOrigin } : {}),
  });
  if (!found || found.definition.library !== 'typeorm') return undefined;
  return namedJoinTable(join, ownerTable, found.definition.table);
}

/** `@JoinTable({ name })`'s, else TypeORM's default name for the join table of `join` between the two tables. */
function namedJoinTable(join: OrmJoinTable, ownerTable: string, targetTable: string): string {
  return join.name ?? typeormTableName(`${ownerTable}_${join.property.replace(/\./g, '_')}_${targetTable}`);
}

/**
 * The table holding the foreign keys of the many-to-many relation `property` of entity class `owner` declared in `file`:
 * its join table, beside the owner's table (`ownerTable`, with its qualifier), to the target's (`targetTable`, as the
 * relation's use resolved it). Undefined when the file records no join table for it (`@JoinTable({ synchronize: false })`:
 * TypeORM makes neither the table nor its keys).
 */
export function joinTableOfRelation(
  file: FileFacts,
  owner: string,
  property: string,
  ownerTable: { name: string; qualifier?: string },
  targetTable: string,
): { name: string; qualifier?: string } | undefined {
  const join = file.script?.ormJoinTables?.find((j) => j.owner === owner && j.property === property);
  if (!join) return undefined;
  const qualifier = join.qualifier ?? ownerTable.qualifier;
  return { name: namedJoinTable(join, ownerTable.name, targetTable), ...(qualifier === undefined ? {} : { qualifier }) };
}
