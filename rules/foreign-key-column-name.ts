import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import type { Span, SqlForeignKey, SqlTableDef } from '../src/analysis/facts.js';
import { isSnakeCase, isTemplateHole, toSnakeCase } from './support/naming.js';

const options = z.strictObject({
  allowRoleNames: z
    .boolean()
    .default(true)
    .describe('Accept `*_by` columns (`created_by`) and self-references (`parent_id`) that do not name the referenced entity'),
  checkIdColumns: z
    .boolean()
    .default(true)
    .describe('Also flag camelCase `…Id` columns that carry no FOREIGN KEY constraint (cross-service references usually have none)'),
});

/**
 * Singular forms of a table name, most likely first: `categories` → `category`,
 * `addresses` → `address`, `statuses` → `status`, `users` → `user`. English is not
 * regular, so the looser forms are accepted too but never suggested first.
 */
export function singularForms(name: string): string[] {
  const forms: string[] = [];
  const lower = name.toLowerCase();
  if (/ies$/.test(lower)) forms.push(`${lower.slice(0, -3)}y`);
  if (/(?:ss|us|x|z|ch|sh)es$/.test(lower)) forms.push(lower.slice(0, -2));
  if (/[^s]s$/.test(lower)) forms.push(lower.slice(0, -1));
  forms.push(lower);
  return [...new Set(forms)];
}

/** `auth_users` with prefix `auth_` → `users`; the longest configured prefix wins. */
function stripPrefix(name: string, prefixes: readonly string[]): string {
  const lower = name.toLowerCase();
  const prefix = prefixes
    .filter((p) => p && lower.startsWith(p.toLowerCase()) && lower.length > p.length)
    .sort((a, b) => b.length - a.length)[0];
  return prefix ? lower.slice(prefix.length) : lower;
}

/** A camelCase reference column: `patientId`, `invoiceID`. */
const CAMEL_ID = /^[a-z][a-zA-Z0-9]*(?:Id|ID)$/;

export default defineRule({
  meta: {
    id: 'foreign-key-column-name',
    category: 'naming',
    description: 'Require foreign key columns named `{entity}_id` after the table they reference',
    rationale:
      'A column called `user_id` says what it points at without opening the schema; `owner_id` or `patientId` make every join a lookup, and camelCase columns need quoting in PostgreSQL and mapping in every ORM.',
    defaultSeverity: 'warn',
    messages: {
      notSnakeCase: "Foreign key column '{{column}}' is not snake_case; expected '{{expected}}'.",
      idColumnNotSnakeCase: "Reference column '{{column}}' is not snake_case; expected '{{expected}}'.",
      entityMismatch:
        "Foreign key column '{{column}}' does not name the table it references, '{{referenced}}'; expected '{{expected}}' or a role-prefixed '*_{{expected}}'.",
    },
    options,
    examples: {
      invalid: [
        {
          filename: 'services/auth/migrations/V2__sessions.sql',
          code: 'CREATE TABLE auth_sessions (id CHAR(36) PRIMARY KEY, owner_id CHAR(36) NOT NULL, FOREIGN KEY (owner_id) REFERENCES auth_users(id));',
        },
      ],
      valid: [
        {
          filename: 'services/auth/migrations/V2__sessions.sql',
          code: 'CREATE TABLE auth_sessions (id CHAR(36) PRIMARY KEY, user_id CHAR(36) NOT NULL, FOREIGN KEY (user_id) REFERENCES auth_users(id));',
        },
      ],
    },
  },
  create(context) {
    const { allowRoleNames, checkIdColumns } = context.options;
    const prefixes = [...new Set(context.project.services.flatMap((service) => service.prefixes))];

    /** Span of the column's definition in this statement, else of the constraint. */
    function columnSpan(table: SqlTableDef, column: string, fallback?: SqlForeignKey): Span | undefined {
      const def = table.columns.find((c) => c.name === column);
      return def?.span ?? fallback?.nameSpan ?? fallback?.span;
    }

    return {
      tableDefinition(event) {
        const { table } = event;
        const reported = new Set<string>();

        for (const foreignKey of table.foreignKeys) {
          const single = foreignKey.columns.length === 1;
          for (const column of foreignKey.columns) {
            if (isTemplateHole(column) || reported.has(column)) continue;
            const snake = toSnakeCase(column);
            // Composite keys name their columns after the referenced key's parts; only single columns name an entity.
            const mismatch = single ? entityMismatch(table, foreignKey, snake) : undefined;
            if (!mismatch && isSnakeCase(column)) continue;
            const span = columnSpan(table, column, foreignKey);
            if (!span) continue;
            reported.add(column);
            if (mismatch) {
              const { referenced, expected, full } = mismatch;
              const role = `${snake.replace(/_id$/, '')}_${expected}`;
              context.report({
                messageId: 'entityMismatch',
                data: { column, referenced, expected },
                at: { range: event.locate(span) },
                help:
                  full === expected
                    ? `Rename it to '${expected}', or keep the role and add the entity ('${role}').`
                    : `Rename it to '${expected}' or '${full}', or keep the role and add the entity ('${role}').`,
              });
            } else {
              context.report({
                messageId: 'notSnakeCase',
                data: { column, expected: snake },
                at: { range: event.locate(span) },
                help: `Rename the column to '${snake}'.`,
              });
            }
          }
        }

        if (!checkIdColumns) return;
        for (const column of table.columns) {
          // The table's own key is primary-key-name's concern.
          if (reported.has(column.name) || column.primaryKey || !CAMEL_ID.test(column.name)) continue;
          reported.add(column.name);
          const expected = toSnakeCase(column.name);
          context.report({
            messageId: 'idColumnNotSnakeCase',
            data: { column: column.name, expected },
            at: { range: event.locate(column.span) },
            help: `Rename the column to '${expected}'.`,
          });
        }
      },
    };

    /** The expected names when `column` (snake_case) does not name the table the key references. */
    function entityMismatch(
      table: SqlTableDef,
      foreignKey: SqlForeignKey,
      column: string,
    ): { referenced: string; expected: string; full: string } | undefined {
      const referenced = foreignKey.references.name;
      const key = (foreignKey.referencedColumns[0] ?? 'id').toLowerCase();
      const selfReference = referenced.toLowerCase() === table.name.toLowerCase();
      if (allowRoleNames && (selfReference || /_by$/.test(column))) return undefined;
      // A reference to a natural key (`currency_code REFERENCES currencies(currency_code)`) may reuse its name.
      if (key !== 'id' && (column === key || column.endsWith(`_${key}`))) return undefined;
      const entities = [...singularForms(stripPrefix(referenced, prefixes)), ...singularForms(referenced)];
      if (column.endsWith('_id')) {
        const stem = column.slice(0, -'_id'.length);
        // `user`, `approver_user`, `auth_user`, and `item` for `invoice_items` (the entity's last words).
        if (entities.some((entity) => stem === entity || stem.endsWith(`_${entity}`) || entity.endsWith(`_${stem}`))) return undefined;
      }
      const name = (entity: string) => (key === 'id' ? `${entity}_id` : key.startsWith(`${entity}_`) ? key : `${entity}_${key}`);
      return { referenced, expected: name(entities[0]), full: name(singularForms(referenced)[0]) };
    }
  },
});
