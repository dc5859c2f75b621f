/**
 * Placeholder identifiers for template holes whose value is unknown. The SQL
 * analyser owns the format (`__nl_hole_<index>__`) and skips table names that
 * start with `HOLE_PREFIX`.
 */
export { HOLE_PREFIX, holePlaceholder } from '../sql/index.js';
