/**
 * The default table names ORMs give an entity class without an explicit name, ported from the
 * libraries so quirks match: TypeORM's `DefaultNamingStrategy.tableName` (its `snakeCase`) and
 * MikroORM's `UnderscoreNamingStrategy.classToTableName`.
 */

/** TypeORM 0.3 `snakeCase`: `OrderNote` → `order_note`, `HTMLPage` → `html_page`, `Item2Tag` → `item2_tag`. */
export function typeormTableName(className: string): string {
  return className
    .replace(/([A-Z])([A-Z])([a-z])/g, '$1_$2$3')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** MikroORM `UnderscoreNamingStrategy.underscore`: `ReviewVote` → `review_vote`, `HTMLPage` → `htmlpage`. */
export function mikroOrmTableName(className: string): string {
  return className.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}
