import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import type { SqlColumnDef } from '../src/analysis/facts.js';
import { qualifiedName } from '../src/model/table-names.js';
import { hasProvableColumnList, toCase, toSnakeCase } from '../src/model/naming.js';
import { compileGlobs, globString } from './support/glob.js';
import { columnSpellings, misspelledColumnReports } from './support/column-spellings.js';
import { judgedColumns } from './support/rename-migration.js';
import { queryDesignedEngine } from './support/engine.js';
import { laterAddedColumns } from '../src/model/name-history.js';

const options = z.strictObject({
  required: z
    .array(z.string())
    .default(['created_at', 'updated_at'])
    .describe('Timestamp columns every created table must have, spelled as `case` says (`created_at` is `createdAt` in camelCase)'),
  case: z
    .enum(['snake_case', 'camelCase'])
    .default('snake_case')
    .describe('Spelling of the required columns and of `deleted_at`, for schemas whose columns are camelCase (`createdAt`, `deletedAt`)'),
  exempt: z
    .array(globString)
    .default([])
    .describe('Tables (names or globs, optionally `db.table`) without the required columns, e.g. append-only logs or join tables'),
});

const SOFT_DELETE_COLUMN = 'deleted_at';
/** Flag columns that record a soft delete; the standard is a nullable `deleted_at` timestamp. */
const SOFT_DELETE_FLAGS = new Set(['is_deleted', 'deleted', 'is_removed', 'removed']);

function isBooleanLike(column: SqlColumnDef): boolean {
  const type = column.dataType.toUpperCase();
  if (type === 'BOOLEAN' || type === 'BOOL') return true;
  if (type === 'TINYINT' || type === 'BIT') return column.typeArgs.length === 0 || column.typeArgs[0].trim() === '1';
  return false;
}

export default defineRule({
  meta: {
    id: 'timestamp-columns',
    category: 'naming',
    description: 'Require `created_at` / `updated_at` columns and `deleted_at` for soft deletes',
    rationale:
      'Sync jobs, caches and audits across services rely on every row saying when it was created and last changed under the same names; a boolean `is_deleted` loses when a row was deleted, which the retention and sync jobs need.',
    defaultSeverity: 'warn',
    messages: {
      missing: "Table '{{table}}' has no '{{column}}' column.",
      misspelled: "Column '{{column}}' of table '{{table}}' should be named '{{expected}}'.",
      softDeleteFlag: "Column '{{column}}' of table '{{table}}' marks soft deletes with a flag; use a nullable '{{expected}}' timestamp.",
    },
    options,
    examples: {
      invalid: [
        {
          filename: 'services/billing/migrations/V2__accounts.sql',
          code: 'CREATE TABLE billing_accounts (\n  id CHAR(36) PRIMARY KEY,\n  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP\n);',
        },
        {
          filename: 'services/clinical/src/migrations/1709641200000-Init.ts',
          code: 'await queryRunner.query(`CREATE TABLE "address" ("id" uuid PRIMARY KEY, "created_at" TIMESTAMP NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP NOT NULL DEFAULT now())`);',
          options: { case: 'camelCase' },
        },
      ],
      valid: [
        {
          filename: 'services/billing/migrations/V2__accounts.sql',
          code: 'CREATE TABLE billing_accounts (\n  id CHAR(36) PRIMARY KEY,\n  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,\n  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n  deleted_at TIMESTAMP NULL\n);',
        },
        {
          filename: 'services/clinical/src/migrations/1709641200000-Init.ts',
          code: 'await queryRunner.query(`CREATE TABLE "address" ("id" uuid PRIMARY KEY, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP NOT NULL DEFAULT now())`);',
          options: { case: 'camelCase' },
        },
      ],
    },
  },
  create(context) {
    const nameCase = context.options.case;
    // Columns are matched by their words (`createdAt` and `created_at` are one column), then held to one spelling.
    const required = context.options.required.map((name) => toCase(name, nameCase));
    const softDeleteColumn = toCase(SOFT_DELETE_COLUMN, nameCase);
    const exempt = context.options.exempt.length > 0 ? compileGlobs(context.options.exempt, { nocase: true }) : () => false;
    const known = new Map([...required, softDeleteColumn].map((name) => [toSnakeCase(name), name]));
    return {
      tableDefinition(event) {
        const { table, statement } = event;
        // A temporary table is session scratch space, not a table whose rows are synced or audited; nor is a wide-column or
        // analytics store's, designed for its queries (support/engine.ts).
        if (table.temporary || exempt(table.name) || exempt(qualifiedName(table)) || queryDesignedEngine(event)) return;
        const { present, misspelled, others } = columnSpellings(judgedColumns(context.project, event, statement, table.columns), known);
        for (const report of misspelledColumnReports(table.name, misspelled, (span) => event.locate(span))) context.report(report);
        for (const { column, snake } of others) {
          if (!SOFT_DELETE_FLAGS.has(snake) || !isBooleanLike(column)) continue;
          context.report({
            messageId: 'softDeleteFlag',
            data: { column: column.name, table: table.name, expected: softDeleteColumn },
            at: { range: event.locate(column.span) },
            help: `Replace it with '${softDeleteColumn} TIMESTAMP NULL' (NULL while the row is live) and filter on '${softDeleteColumn} IS NULL'.`,
          });
        }
        if (!hasProvableColumnList(table, statement)) return;
        // Columns a later ALTER TABLE … ADD COLUMN gives the table (the same migration's, or a later one's) are its too.
        let added: Set<string> | undefined;
        const addedLater = (column: string) =>
          table.kind === 'create' &&
          [...(added ??= laterAddedColumns(context.project, event.file, statement, table.name))].some(
            (name) => toSnakeCase(name) === column,
          );
        for (const column of required) {
          if (present.has(toSnakeCase(column)) || addedLater(toSnakeCase(column))) continue;
          context.report({
            messageId: 'missing',
            data: { table: table.name, column },
            at: { range: event.locate(table.span) },
            help:
              toSnakeCase(column) === 'updated_at'
                ? `Add '${column} TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP' (PostgreSQL: a trigger sets it).`
                : `Add '${column} TIMESTAMP DEFAULT CURRENT_TIMESTAMP'.`,
          });
        }
      },
    };
  },
});
