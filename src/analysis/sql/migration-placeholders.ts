/**
 * Placeholders a migration tool replaces before the SQL runs: Flyway's `${name}` (the built-ins
 * `${flyway:defaultSchema}`, `${flyway:user}`, … and `flyway.placeholders.*`) and Liquibase's
 * changelog parameters `${name}`. `${` is no SQL in either engine, so a .sql file holding one is a
 * template, and the statement the database sees is the one with the placeholder replaced.
 *
 * Each placeholder is bound in place, keeping every offset: as a qualifier (`${flyway:defaultSchema}.orders`)
 * it is the schema the tool is configured with, the service's own, so it is blanked and the table is
 * read bare (`orders`, as the service's other statements name it); elsewhere (`TO ${appUser}`) it
 * stands for a name, and becomes an identifier of the same length (`__appUser_`).
 *
 * PostgreSQL's extension scripts (`<ext>--<version>.sql` beside `<ext>.control`) hold the placeholders
 * CREATE / ALTER EXTENSION substitutes before running them: `@extschema@` (the extension's schema),
 * `@extowner@`, `@database_owner@` and, since PostgreSQL 16, `@extschema:<dep>@` (a required
 * extension's schema). They are bound the same way: `@extschema@.part_config` is read bare, and
 * `OWNER TO @extowner@` names a role (`_extowner_`). Only these names are read: `@` is otherwise an
 * operator (PostgreSQL) or a variable's sigil (MySQL).
 */

import type { SqlAnalysis } from '../facts.js';

/** `${name}`, its name bounded (Flyway and Liquibase names are short), with the qualifier dot after it if any. */
const PLACEHOLDER = /\$\{[A-Za-z_][\w:.-]{0,200}\}(\.(?=["`\w]))?/g;

/** PostgreSQL's extension-script placeholders, with the qualifier dot after one if any. */
const EXTENSION_PLACEHOLDER = /@(?:extschema(?::[A-Za-z_][\w-]{0,62})?|extowner|database_owner)@(\.(?=["\w]))?/g;

/** `text` with its migration-tool placeholders bound in place (same length); `text` itself when it has none. */
export function bindMigrationPlaceholders(text: string): string {
  const bind = (placeholder: string, qualifies: string | undefined): string =>
    qualifies ? ' '.repeat(placeholder.length) : placeholder.replace(/\W/g, '_');
  let bound = text;
  if (bound.includes('${')) bound = bound.replace(PLACEHOLDER, bind);
  if (bound.includes('@e') || bound.includes('@d')) bound = bound.replace(EXTENSION_PLACEHOLDER, bind);
  return bound;
}

/**
 * `analysis` of the bound text without the table references whose name was a placeholder in `original`: a per-table
 * template (Logto's `_after_each.sql`, `alter table ${name} enable row level security`, run once per table) names no
 * table of its own, and `__name_` is none (HELDOUT9 #18). A placeholder qualifier is blanked, so `orders` stays.
 */
export function withoutPlaceholderTables(analysis: SqlAnalysis, original: string): SqlAnalysis {
  const named = (span: { start: number; end: number }) => original.slice(span.start, span.end).includes('${');
  if (!analysis.statements.some((s) => s.tableRefs.some((r) => named(r.span)))) return analysis;
  return {
    ...analysis,
    statements: analysis.statements.map((s) =>
      s.tableRefs.some((r) => named(r.span)) ? { ...s, tableRefs: s.tableRefs.filter((r) => !named(r.span)) } : s,
    ),
  };
}
