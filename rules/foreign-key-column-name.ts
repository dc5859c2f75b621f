import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import type { Span, SqlForeignKey, SqlTableDef } from '../src/analysis/facts.js';
import { entityForms, isCase, isTemplateHole, toCase, toSnakeCase } from '../src/model/naming.js';
import { judgedName, qualifiedTable, renameFindingExtras, storedName } from './support/rename-migration.js';
import { perScope, primaryKeyOf, primaryKeysIn, scopeOf } from './support/primary-keys.js';

const options = z.strictObject({
  allowRoleNames: z
    .boolean()
    .default(true)
    .describe('Accept `*_by` columns (`created_by`) and self-references (`parent_id`) that do not name the referenced entity'),
  checkIdColumns: z
    .boolean()
    .default(true)
    .describe(
      'Also flag reference columns spelled against `case` that carry no FOREIGN KEY constraint (`…Id` in snake_case, `…_id` in camelCase; cross-service references usually have none)',
    ),
  case: z
    .enum(['snake_case', 'camelCase'])
    .default('snake_case')
    .describe("Spelling of foreign key columns: `user_id`, or `userId` in camelCase (TypeORM's `{relation}Id`)"),
});

export { singularForms } from '../src/model/naming.js';

/** `settlement_state_change` → itself, `state_change`, `change`: the entity and its last words. */
function lastWords(entity: string): string[] {
  const words = entity.split('_');
  return words.map((_, i) => words.slice(i).join('_')).filter(Boolean);
}

/** A camelCase reference column: `patientId`, `invoiceID`. */
const CAMEL_ID = /^[a-z][a-zA-Z0-9]*(?:Id|ID)$/;
/** A snake_case reference column: `patient_id`. */
const SNAKE_ID = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*_id$/;

export default defineRule({
  meta: {
    id: 'foreign-key-column-name',
    category: 'naming',
    description: 'Require foreign key columns named `{entity}_id` (or `{entity}Id`) after the table they reference',
    rationale:
      'A column called `user_id` says what it points at without opening the schema; `owner_id` or `patientId` make every join a lookup, and camelCase columns need quoting in PostgreSQL and mapping in every ORM.',
    defaultSeverity: 'warn',
    messages: {
      notSnakeCase: "Foreign key column '{{column}}' is not {{case}}; expected '{{expected}}'.",
      idColumnNotSnakeCase: "Reference column '{{column}}' is not {{case}}; expected '{{expected}}'.",
      entityMismatch:
        "Foreign key column '{{column}}' does not name the table it references, '{{referenced}}'; expected '{{expected}}' or a role-prefixed '{{roleForm}}'.",
    },
    options,
    examples: {
      invalid: [
        {
          filename: 'services/auth/migrations/V2__sessions.sql',
          code: 'CREATE TABLE auth_sessions (id CHAR(36) PRIMARY KEY, owner_id CHAR(36) NOT NULL, FOREIGN KEY (owner_id) REFERENCES auth_users(id));',
        },
        {
          filename: 'services/auth/migrations/V2__sessions.sql',
          code: 'CREATE TABLE auth_sessions (id CHAR(36) PRIMARY KEY, user_id CHAR(36) NOT NULL, FOREIGN KEY (user_id) REFERENCES auth_users(id));',
          options: { case: 'camelCase' },
        },
      ],
      valid: [
        {
          filename: 'services/auth/migrations/V2__sessions.sql',
          code: 'CREATE TABLE auth_sessions (id CHAR(36) PRIMARY KEY, user_id CHAR(36) NOT NULL, FOREIGN KEY (user_id) REFERENCES auth_users(id));',
        },
        {
          filename: 'services/auth/migrations/V2__sessions.sql',
          code: 'CREATE TABLE auth_sessions (id CHAR(36) PRIMARY KEY, userId CHAR(36) NOT NULL, FOREIGN KEY (userId) REFERENCES auth_users(id));',
          options: { case: 'camelCase' },
        },
      ],
    },
  },
  create(context) {
    const { allowRoleNames, checkIdColumns, case: nameCase } = context.options;
    const spelled = (name: string) => toCase(name, nameCase);
    const misspelledId = nameCase === 'snake_case' ? CAMEL_ID : SNAKE_ID;
    const prefixes = [...new Set(context.project.services.flatMap((service) => service.prefixes))];
    const keysByScope = perScope((scope) => primaryKeysIn(context.project, true, scope));

    /** Span of the column's definition in this statement, else of the constraint. */
    function columnSpan(table: SqlTableDef, column: string, fallback?: SqlForeignKey): Span | undefined {
      const def = table.columns.find((c) => c.name === column);
      return def?.span ?? fallback?.nameSpan ?? fallback?.span;
    }

    return {
      tableDefinition(event) {
        const { table, statement } = event;
        const reported = new Set<string>();
        // A shared primary key (`profiles.id … PRIMARY KEY REFERENCES users (id)`, a one-to-one extension table) is the
        // table's own key: primary-key-name's concern, whose `id` this rule's `user_id` would contradict. Its key is
        // declared in this statement or, for pg_dump's `ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY`, in the table's CREATE.
        let key = primaryKeyOf(table);
        if (key.length === 0 && table.kind === 'alter' && table.foreignKeys.length > 0) {
          key = keysByScope(scopeOf(event)).get(table.name.toLowerCase()) ?? [];
        }
        const ownKey = key.length === 1 ? key[0].toLowerCase() : undefined;
        /** The rename migration's suggestion for a column; undefined when a later migration renamed or dropped it. */
        const extrasFor = (column: string, span: Span, to: string) =>
          renameFindingExtras(context.project, event, {
            kind: 'column',
            table: storedName(context.project, event, statement, table.span, qualifiedTable(table)),
            from: storedName(context.project, event, statement, span, column),
            to,
          });

        for (const foreignKey of table.foreignKeys) {
          const single = foreignKey.columns.length === 1;
          for (const column of foreignKey.columns) {
            if (isTemplateHole(column) || reported.has(column) || column.toLowerCase() === ownKey) continue;
            const snake = toSnakeCase(column);
            // Composite keys name their columns after the referenced key's parts; only single columns name an entity.
            const mismatch = single ? entityMismatch(table, foreignKey, snake) : undefined;
            if (!mismatch && isCase(judgedName(context.project, event, statement, column), nameCase)) continue;
            const span = columnSpan(table, column, foreignKey);
            if (!span) continue;
            reported.add(column);
            if (mismatch) {
              const { referenced } = mismatch;
              const expected = spelled(mismatch.expected);
              const full = spelled(mismatch.full);
              const role = spelled(`${snake.replace(/_id$/, '')}_${mismatch.expected}`);
              const roleForm = nameCase === 'snake_case' ? `*_${expected}` : `*${toCase(mismatch.expected, 'PascalCase')}`;
              // Only a column this statement defines is renamed: a constraint's column list names one defined earlier.
              const extras = table.columns.some((c) => c.name === column) ? extrasFor(column, span, expected) : {};
              if (!extras) continue;
              context.report({
                messageId: 'entityMismatch',
                data: { column, referenced, expected, roleForm },
                at: { range: event.locate(span) },
                help:
                  full === expected
                    ? `Rename it to '${expected}', or keep the role and add the entity ('${role}').`
                    : `Rename it to '${expected}' or '${full}', or keep the role and add the entity ('${role}').`,
                ...extras,
              });
            } else {
              const expected = spelled(column);
              const extras = table.columns.some((c) => c.name === column) ? extrasFor(column, span, expected) : {};
              if (!extras) continue;
              context.report({
                messageId: 'notSnakeCase',
                data: { column, expected, case: nameCase },
                at: { range: event.locate(span) },
                help: `Rename the column to '${expected}'.`,
                ...extras,
              });
            }
          }
        }

        if (!checkIdColumns) return;
        for (const column of table.columns) {
          // The table's own key is primary-key-name's concern.
          if (reported.has(column.name) || column.primaryKey || !misspelledId.test(column.name)) continue;
          reported.add(column.name);
          const expected = spelled(column.name);
          const extras = extrasFor(column.name, column.span, expected);
          if (!extras) continue;
          context.report({
            messageId: 'idColumnNotSnakeCase',
            data: { column: column.name, expected, case: nameCase },
            at: { range: event.locate(column.span) },
            help: `Rename the column to '${expected}'.`,
            ...extras,
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
      // The referenced key in words, as the column is read (`contactTypeId` → `contact_type_id`).
      const written = foreignKey.referencedColumns[0] ?? 'id';
      const key = toSnakeCase(written);
      const selfReference = referenced.toLowerCase() === table.name.toLowerCase();
      if (allowRoleNames && (selfReference || /_by$/.test(column))) return undefined;
      // A reference to a natural key (`currency_code REFERENCES currencies(currency_code)`) may reuse its name.
      if (key !== 'id' && (column === key || column.endsWith(`_${key}`))) return undefined;
      // The table's entity in words, as written (`contactType` → `contact_type`, never `contacttype`).
      const entities = entityForms(referenced, prefixes);
      if (column.endsWith('_id')) {
        const stem = column.slice(0, -'_id'.length);
        // `user`, `approver_user`, `auth_user`, `item` for `invoice_items` (the entity's last words), and a role before
        // them (`current_state_change` for `settlement_state_change`).
        const named = (words: string) => stem === words || stem.endsWith(`_${words}`);
        if (entities.some((entity) => lastWords(entity).some(named))) return undefined;
      }
      // A key that already carries its entity (zabbix's `hosts.hostid`, `{entity}id`) is the expected name as it is.
      const glued = (entity: string) => key === `${entity}id` && written === key;
      const name = (entity: string) =>
        key === 'id' ? `${entity}_id` : key.startsWith(`${entity}_`) || glued(entity) ? key : `${entity}_${key}`;
      return { referenced, expected: name(entities[0]), full: name(entityForms(referenced, [])[0]) };
    }
  },
});
