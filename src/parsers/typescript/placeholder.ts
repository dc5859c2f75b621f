/**
 * Placeholder identifiers for template holes whose value is unknown.
 *
 * TODO: use `holePlaceholder` from `../sql/index.js` once it exists there (the SQL
 * analyser owns the format and recognises `HOLE_PREFIX`); the format must stay
 * exactly `__nl_hole_<index>__`.
 */
export const HOLE_PREFIX = '__nl_hole_';

export function holePlaceholder(index: number): string {
  return `${HOLE_PREFIX}${index}__`;
}
