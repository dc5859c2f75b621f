import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import type { Span, SqlForeignKey, SqlTableDef } from '../src/facts.js';
import { isSnakeCase, isTemplateHole, toSnakeCase } from './identifier-case.js';

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
      entityMismatch: "Foreign key column '{{column}}' does not name the table it references, '{{referenced}}'; expected '{{expected}}' or a role-prefixed '*_{{expected}}'.",
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
          for (const column of foreignKey.columns) {
            if (isSnakeCase(column) || isTemplateHole(column) || reported.has(column)) continue;
            const span = columnSpan(table, column, foreignKey);
            if (!span) continue;
            reported.add(column);
            const expected = toSnakeCase(column);
            context.report({
              messageId: 'notSnakeCase',
              data: { column, expected },
              at: { range: event.locate(span) },
              help: `Rename the column to '${expected}'.`,
            });
          }
          // Composite keys name their columns after the referenced key's parts; only single columns are checked.
          if (foreignKey.columns.length !== 1) continue;
          const column = foreignKey.columns[0];
          if (reported.has(column) || isTemplateHole(column)) continue;
          const referenced = foreignKey.references.name;
          const selfReference = referenced.toLowerCase() === table.name.toLowerCase();
          const key = (foreignKey.referencedColumns[0] ?? 'id').toLowerCase();
          if (namesEntity(column.toLowerCase(), referenced, key, selfReference)) continue;
          const span = columnSpan(table, column, foreignKey);
          if (!span) continue;
          reported.add(column);
          const entity = singularForms(stripPrefix(referenced, prefixes))[0];
          const full = singularForms(referenced)[0];
          const expected = `${entity}_${key}`;
          context.report({
            messageId: 'entityMismatch',
            data: { column, referenced, expected },
            at: { range: event.locate(span) },
            help:
              full === entity
                ? `Rename it to '${expected}', or keep the role and add the entity ('${column.replace(/_id$/i, '')}_${expected}').`
                : `Rename it to '${expected}' or '${full}_${key}', or keep the role and add the entity ('${column.replace(/_id$/i, '')}_${expected}').`,
          });
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

    /** Whether `column` (lower case) names the referenced table, allowing roles and prefixes. */
    function namesEntity(column: string, referenced: string, key: string, selfReference: boolean): boolean {
      if (allowRoleNames && (selfReference || /_by$/.test(column))) return true;
      // A reference to a natural key (`currency_code REFERENCES currencies(currency_code)`) may reuse its name.
      if (key !== 'id' && (column === key || column.endsWith(`_${key}`))) return true;
      const entities = [...singularForms(stripPrefix(referenced, prefixes)), ...singularForms(referenced)];
      if (!column.endsWith('_id')) return false;
      const stem = column.slice(0, -'_id'.length);
      // `user`, `approver_user`, `auth_user`, and `item` for `invoice_items` (the entity's last words).
      return entities.some((entity) => stem === entity || stem.endsWith(`_${entity}`) || entity.endsWith(`_${stem}`));
    }
  },
});
