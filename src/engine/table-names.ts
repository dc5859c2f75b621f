import type { TableAction } from '../facts.js';

/** `db.table` or `table`, as a user would write it. */
export function qualifiedName(ref: { name: string; qualifier?: string }): string {
  return ref.qualifier ? `${ref.qualifier}.${ref.name}` : ref.name;
}

/** The verb for a table access in messages: reads, writes, deletes from, alters… */
export function accessVerb(action: TableAction): string {
  switch (action) {
    case 'select':
      return 'reads';
    case 'insert':
      return 'inserts into';
    case 'update':
      return 'updates';
    case 'delete':
      return 'deletes from';
    case 'alter':
      return 'alters';
    case 'drop':
      return 'drops';
    case 'truncate':
      return 'truncates';
    default:
      return 'uses';
  }
}

/** Schemas of the database engine itself: never owned by a service, never unknown. */
const SYSTEM_SCHEMAS = new Set(['information_schema', 'pg_catalog', 'mysql', 'performance_schema', 'sys', 'pg_temp']);

export function isSystemTable(ref: { name: string; qualifier?: string }): boolean {
  const name = ref.name.toLowerCase();
  if (ref.qualifier && SYSTEM_SCHEMAS.has(ref.qualifier.toLowerCase())) return true;
  return name === 'dual' || name.startsWith('pg_') || name === 'information_schema';
}
