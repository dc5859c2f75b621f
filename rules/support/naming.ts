import type { SqlStatement, SqlTableDef } from '../../src/analysis/facts.js';
import { HOLE_PREFIX } from '../../src/analysis/facts.js';

/** Lowercase words joined by single underscores; leading underscores are kept (`_prisma_migrations`). */
const SNAKE_CASE = /^_*[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

/**
 * Whether a name comes from an unresolved `${…}` in embedded SQL: its real spelling
 * is unknown, so naming rules neither judge it nor conclude that a column is missing.
 */
export function isTemplateHole(name: string): boolean {
  return name.includes(HOLE_PREFIX);
}

export function isSnakeCase(name: string): boolean {
  return SNAKE_CASE.test(name);
}

/**
 * `patientId` → `patient_id`, `HTTPStatus` → `http_status`, `Created At` → `created_at`.
 * Shared by the naming rules so they all suggest the same spelling.
 */
export function toSnakeCase(name: string): string {
  const lead = /^_*/.exec(name)?.[0] ?? '';
  const words = name
    .slice(lead.length)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return lead + words.map((word) => word.toLowerCase()).join('_');
}

/**
 * Whether a missing column can be proven: only on a fully parsed CREATE TABLE with its
 * column list, none of whose names comes from an unresolved template hole.
 */
export function hasProvableColumnList(table: SqlTableDef, statement: SqlStatement): boolean {
  if (table.kind !== 'create' || statement.parse !== 'full' || table.columns.length === 0) return false;
  return !table.columns.some((column) => isTemplateHole(column.name));
}
