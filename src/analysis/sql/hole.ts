/**
 * Unresolved `${}` holes in SQL templates become identifiers with this prefix: never a
 * table name. Kept in a module of its own so rules can use it without loading the parsers.
 */
export const HOLE_PREFIX = '__nl_hole_';

export function holePlaceholder(index: number): string {
  return `${HOLE_PREFIX}${index}__`;
}
