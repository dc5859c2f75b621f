import type { SqlColumnDef } from '../analysis/facts.js';

/**
 * BOOLEAN, BOOL, and the MySQL spellings TINYINT(1) and BIT(1): the columns boolean-column-name
 * checks and the ones `init` (and a run without config) learns the flag convention from.
 */
export function isBooleanColumn(column: SqlColumnDef): boolean {
  const type = column.dataType.toUpperCase();
  if (type === 'BOOLEAN' || type === 'BOOL') return true;
  const width = column.typeArgs[0]?.trim();
  if (type === 'TINYINT') return width === '1';
  if (type === 'BIT') return width === undefined || width === '1';
  return false;
}
