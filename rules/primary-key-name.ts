import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import type { SqlColumnDef } from '../src/analysis/facts.js';
import type { TableDefinitionEvent } from '../src/engine/types.js';
import { entityForms, isCase, isTemplateHole, toCase } from '../src/model/naming.js';
import { qualifiedTable, renameFindingExtras, storedName } from './support/rename-migration.js';
import { queryDesignedEngine } from './support/engine.js';
import { perScope, primaryKeyOf, primaryKeysIn, scopeOf } from './support/primary-keys.js';

const options = z.strictObject({
  name: z
    .string()
    .min(1)
    .default('id')
    .describe(
      'Name of a single-column primary key; `{entity}` stands for the singular table name without its service prefix (`{entity}_id`: `user_id` in `auth_users`; `{entity}Id`: `userId`)',
    ),
  types: z
    .array(z.string())
    .default([])
    .describe("Allowed types of a single-column primary key as written in DDL, e.g. ['CHAR(36)', 'UUID']; empty allows any type"),
  allowComposite: z.boolean().default(true).describe('Allow multi-column primary keys (join tables)'),
});

/** `CHAR(36)`, `UUID`, `DECIMAL(10,2)`: a column's type in one comparable spelling. */
function typeText(column: SqlColumnDef): string {
  const args = column.typeArgs.map((arg) => arg.trim()).join(',');
  return args ? `${column.dataType.toUpperCase()}(${args})` : column.dataType.toUpperCase();
}

function normaliseType(type: string): string {
  return type.toUpperCase().replace(/\s+/g, '');
}

export default defineRule({
  meta: {
    id: 'primary-key-name',
    category: 'naming',
    description: 'Require a single primary key column named `id`',
    rationale:
      "When every table's key is `id`, foreign keys, repositories and event payloads can be written without looking the key up; a stray `uuid` or `user_id` primary key is how joins on the wrong column happen.",
    defaultSeverity: 'warn',
    messages: {
      wrongName: "Primary key column '{{column}}' of table '{{table}}' should be named '{{expected}}'.",
      wrongType: "Primary key column '{{column}}' of table '{{table}}' has type '{{type}}'; expected {{expected}}.",
      composite: "Table '{{table}}' has a composite primary key ({{columns}}); expected a single '{{expected}}' column.",
      missing: "Table '{{table}}' has no primary key.",
    },
    options,
    examples: {
      invalid: [
        {
          filename: 'services/billing/migrations/V1__accounts.sql',
          code: 'CREATE TABLE billing_accounts (account_id CHAR(36) PRIMARY KEY, name VARCHAR(100));',
        },
        {
          filename: 'services/billing/migrations/V1__accounts.sql',
          code: 'CREATE TABLE billing_accounts (id CHAR(36) PRIMARY KEY, name VARCHAR(100));',
          options: { name: '{entity}_id' },
        },
      ],
      valid: [
        {
          filename: 'services/billing/migrations/V1__accounts.sql',
          code: 'CREATE TABLE billing_accounts (id CHAR(36) PRIMARY KEY, name VARCHAR(100));',
        },
        {
          filename: 'services/billing/migrations/V1__accounts.sql',
          code: 'CREATE TABLE billing_accounts (account_id CHAR(36) PRIMARY KEY, name VARCHAR(100));',
          options: { name: '{entity}_id' },
        },
      ],
    },
  },
  create(context) {
    const { name: template, types, allowComposite } = context.options;
    const allowedTypes = new Set(types.map(normaliseType));
    const servicePrefixes = [...new Set(context.project.services.flatMap((service) => service.prefixes))].filter(Boolean);
    const addedKeys = perScope((scope) => primaryKeysIn(context.project, false, scope));
    const allKeys = perScope((scope) => primaryKeysIn(context.project, true, scope));

    /**
     * Under `{entity}…`, a one-to-one table keyed by another entity's key shares that key's name: `ilpPacket.transferId`
     * REFERENCES `transfer (transferId)`, or `transferDuplicateCheck.transferId` beside `transfer`'s own key `transferId`
     * (no constraint). The key names the entity whose row this one extends; `id` keys are judged as before.
     */
    function sharedKey(column: string, event: TableDefinitionEvent): boolean {
      if (!template.includes('{entity}')) return false;
      const { table } = event;
      const lower = column.toLowerCase();
      const names = (other: string) => keyNames(template, other, servicePrefixes).some((name) => name.toLowerCase() === lower);
      const references = table.foreignKeys.some(
        (fk) =>
          fk.columns.length === 1 &&
          fk.columns[0].toLowerCase() === lower &&
          (names(fk.references.name) || fk.referencedColumns[0]?.toLowerCase() === lower),
      );
      if (references) return true;
      const own = table.name.toLowerCase();
      for (const [other, key] of allKeys(scopeOf(event))) {
        if (other !== own && key.length === 1 && key[0].toLowerCase() === lower && names(other)) return true;
      }
      return false;
    }
    return {
      tableDefinition(event) {
        const { table, statement } = event;
        const names = keyNames(template, table.name, servicePrefixes);
        const expected = names[0];
        // A temporary table is session scratch space (`CREATE TEMPORARY TABLE tmp_totals AS …`), not schema; a Cassandra or
        // ClickHouse table's key is designed for its queries (a partition key, a sorting key), no surrogate id.
        if (table.temporary || queryDesignedEngine(event)) return;
        // pg_dump and Rails' structure.sql declare every key after the tables: `ALTER TABLE ONLY t ADD CONSTRAINT t_pkey PRIMARY KEY (id)`.
        let key = primaryKeyOf(table);
        if (key.length === 0 && table.kind === 'create') {
          key = addedKeys(scopeOf(event)).get(table.name.toLowerCase()) ?? [];
        }
        if (key.length === 0) {
          // Only a fully parsed CREATE with its column list proves the key is absent
          // (ALTER adds to an existing table; CREATE … AS SELECT / LIKE copy their columns).
          const complete = table.columns.length > 0 && !table.columns.some((c) => isTemplateHole(c.name));
          if (table.kind === 'create' && statement.parse === 'full' && complete) {
            context.report({
              messageId: 'missing',
              data: { table: table.name },
              at: { range: event.locate(table.span) },
              help: `Add '${expected} ${types[0] ?? 'CHAR(36)'} PRIMARY KEY'.`,
            });
          }
          return;
        }
        if (key.length > 1) {
          if (!allowComposite) {
            context.report({
              messageId: 'composite',
              data: { table: table.name, columns: key.map((column) => `'${column}'`).join(', '), expected },
              at: { range: event.locate(table.span) },
              help: `Add a surrogate '${expected}' key and turn the composite key into a UNIQUE constraint.`,
            });
          }
          return;
        }
        const column = table.columns.find((c) => c.name.toLowerCase() === key[0].toLowerCase());
        // A key over a column this statement does not define (ALTER … ADD PRIMARY KEY) has no token to point at.
        if (!column || isTemplateHole(column.name)) return;
        // Letter case (`Id`) is identifier-case's finding.
        if (!names.some((name) => name.toLowerCase() === column.name.toLowerCase()) && !sharedKey(column.name, event)) {
          const extras = renameFindingExtras(context.project, event, {
            kind: 'column',
            table: storedName(context.project, event, statement, table.span, qualifiedTable(table)),
            from: storedName(context.project, event, statement, column.span, column.name),
            to: expected,
          });
          if (!extras) return;
          context.report({
            messageId: 'wrongName',
            data: { column: column.name, table: table.name, expected },
            at: { range: event.locate(column.span) },
            help: `Rename the key to '${expected}' and keep '${column.name}' as a UNIQUE column if other systems know it.`,
            ...extras,
          });
          return;
        }
        if (allowedTypes.size > 0 && !allowedTypes.has(normaliseType(typeText(column)))) {
          context.report({
            messageId: 'wrongType',
            data: {
              column: column.name,
              table: table.name,
              type: typeText(column),
              expected: types.map((type) => `'${type}'`).join(' or '),
            },
            at: { range: event.locate(column.span) },
            help: `Declare the key as ${types[0]} like the other tables, so references to it share one type.`,
          });
        }
      },
    };
  },
});

/**
 * The accepted names of a table's key: `template` itself, or with `{entity}` replaced by each
 * singular form of the table name, without and with a service prefix (`auth_users` → `user_id`,
 * `auth_user_id`), spelled like the template (`{entity}Id` → `userProfileId`; `contactType` → `contactTypeId`). Most likely first.
 */
function keyNames(template: string, table: string, prefixes: string[]): string[] {
  if (!template.includes('{entity}')) return [template];
  const entities = entityForms(table, prefixes);
  const nameCase = isCase(template.replace('{entity}', 'entity'), 'snake_case') ? 'snake_case' : 'camelCase';
  return [...new Set(entities.map((entity) => toCase(template.replace('{entity}', entity), nameCase)))];
}
