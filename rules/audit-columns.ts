import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { qualifiedName } from '../src/model/table-names.js';
import { hasProvableColumnList, toCase, toSnakeCase } from '../src/model/naming.js';
import { compileGlobs, globString } from './support/glob.js';
import { columnSpellings, misspelledColumnReports } from './support/column-spellings.js';
import { judgedColumns } from './support/rename-migration.js';
import { queryDesignedEngine } from './support/engine.js';

const options = z.strictObject({
  columns: z
    .array(z.string())
    .default(['created_by', 'updated_by'])
    .describe('Audit columns a created table must have, spelled as `case` says (`created_by` is `createdBy` in camelCase)'),
  case: z
    .enum(['snake_case', 'camelCase'])
    .default('snake_case')
    .describe('Spelling of the audit columns, for schemas whose columns are camelCase (`createdBy`)'),
  tables: z
    .array(globString)
    .default([])
    .describe('Tables (names or globs, optionally `db.table`) the rule applies to; with `services` also empty it applies to every table'),
  services: z
    .array(z.string())
    .default([])
    .describe('Services whose tables the rule applies to (in addition to `tables`); with `tables` also empty it applies to every table'),
});

export default defineRule({
  meta: {
    id: 'audit-columns',
    category: 'naming',
    description: 'Require `created_by` / `updated_by` audit columns on created tables',
    rationale:
      'Healthcare records must say who created and last changed them; when only some tables carry `created_by` / `updated_by`, audit trails have gaps exactly where they are asked for. Off by default: turn it on for the tables or services that hold regulated data.',
    defaultSeverity: 'off',
    messages: {
      missing: "Table '{{table}}' has no '{{column}}' audit column.",
      misspelled: "Column '{{column}}' of table '{{table}}' should be named '{{expected}}'.",
    },
    options,
    examples: {
      invalid: [
        {
          filename: 'services/clinical/migrations/V4__notes.sql',
          code: 'CREATE TABLE clinical_notes (\n  id UUID PRIMARY KEY,\n  body TEXT NOT NULL,\n  created_by UUID NOT NULL\n);',
        },
        {
          filename: 'services/clinical/migrations/V4__notes.sql',
          code: 'CREATE TABLE clinical_notes (\n  id UUID PRIMARY KEY,\n  "createdBy" UUID NOT NULL\n);',
          options: { case: 'camelCase' },
        },
      ],
      valid: [
        {
          filename: 'services/clinical/migrations/V4__notes.sql',
          code: 'CREATE TABLE clinical_notes (\n  id UUID PRIMARY KEY,\n  body TEXT NOT NULL,\n  created_by UUID NOT NULL,\n  updated_by UUID\n);',
        },
        {
          filename: 'services/clinical/migrations/V4__notes.sql',
          code: 'CREATE TABLE clinical_notes (\n  id UUID PRIMARY KEY,\n  "createdBy" UUID NOT NULL,\n  "updatedBy" UUID\n);',
          options: { case: 'camelCase' },
        },
      ],
    },
  },
  create(context) {
    const { tables, services } = context.options;
    const required = context.options.columns.map((name) => toCase(name, context.options.case));
    const everywhere = tables.length === 0 && services.length === 0;
    const tableMatches = tables.length > 0 ? compileGlobs(tables, { nocase: true }) : () => false;
    // Matched by their words (`createdBy` and `created_by` are one column), then held to one spelling.
    const known = new Map(required.map((name) => [toSnakeCase(name), name]));
    return {
      tableDefinition(event) {
        const { table, statement, service } = event;
        // A wide-column or analytics store's table is designed for its queries, not audited row by row (support/engine.ts).
        if (table.kind !== 'create' || queryDesignedEngine(event)) return;
        const applies =
          everywhere ||
          tableMatches(table.name) ||
          tableMatches(qualifiedName(table)) ||
          (service !== undefined && services.includes(service.name));
        if (!applies) return;
        const { present, misspelled } = columnSpellings(judgedColumns(context.project, event, statement, table.columns), known);
        for (const report of misspelledColumnReports(table.name, misspelled, (span) => event.locate(span))) context.report(report);
        if (!hasProvableColumnList(table, statement)) return;
        for (const column of required) {
          if (present.has(toSnakeCase(column))) continue;
          context.report({
            messageId: 'missing',
            data: { table: table.name, column },
            at: { range: event.locate(table.span) },
            help: `Add '${column}' with the type of your user ids (e.g. CHAR(36)) and set it from the authenticated user in the repository layer.`,
          });
        }
      },
    };
  },
});
