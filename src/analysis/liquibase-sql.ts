/**
 * A Liquibase formatted-SQL file: `--liquibase formatted sql` on its first line (Liquibase's own test). It is
 * a migration on its own (src/model/tool-migrations.ts); read when the file is analysed and kept in its facts
 * (`liquibaseFormatted`), so a warm run does not read every cached .sql file again to ask.
 */
export function isLiquibaseFormattedSql(text: string): boolean {
  return /^\uFEFF?[ \t]*--[ \t]*liquibase[ \t]+formatted[ \t]+sql\b/i.test(text);
}
