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
 */

/** `${name}`, its name bounded (Flyway and Liquibase names are short), with the qualifier dot after it if any. */
const PLACEHOLDER = /\$\{[A-Za-z_][\w:.-]{0,200}\}(\.(?=["`\w]))?/g;

/** `text` with its migration-tool placeholders bound in place (same length); `text` itself when it has none. */
export function bindMigrationPlaceholders(text: string): string {
  if (!text.includes('${')) return text;
  return text.replace(PLACEHOLDER, (placeholder: string, qualifies: string | undefined) =>
    qualifies ? ' '.repeat(placeholder.length) : placeholder.replace(/\W/g, '_'),
  );
}
