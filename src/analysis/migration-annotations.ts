/**
 * rubenv/sql-migrate (`-- +migrate Up`) and goose (`-- +goose Up`) annotate the up half of each migration: both tools
 * apply a folder's numbered files (`1_orders.sql`, `00001_orders.sql`) in their number's order and record each one
 * (`gorp_migrations`, `goose_db_version`). Read once at analysis (`FileFacts.toolAnnotated`), so a warm run does not
 * read every cached .sql migration again to ask.
 */

/** The annotation at a line's start; one quantifier per run of spaces. */
export const TOOL_ANNOTATION = /^--[ \t]*\+(?:migrate|goose)[ \t]+Up\b/im;

export function isToolAnnotatedSql(text: string): boolean {
  return TOOL_ANNOTATION.test(text);
}
