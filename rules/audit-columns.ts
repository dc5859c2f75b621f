import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { qualifiedName } from '../src/model/table-names.js';
import { hasProvableColumnList, toSnakeCase } from './support/naming.js';
import { compileGlobs, globString } from './support/glob.js';

const options = z.strictObject({
  columns: z.array(z.string()).default(['created_by', 'updated_by']).describe('Audit columns a created table must have'),
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
      ],
      valid: [
        {
          filename: 'services/clinical/migrations/V4__notes.sql',
          code: 'CREATE TABLE clinical_notes (\n  id UUID PRIMARY KEY,\n  body TEXT NOT NULL,\n  created_by UUID NOT NULL,\n  updated_by UUID\n);',
        },
      ],
    },
  },
  create(context) {
    const { columns: required, tables, services } = context.options;
    const everywhere = tables.length === 0 && services.length === 0;
    const tableMatches = tables.length > 0 ? compileGlobs(tables, { nocase: true }) : () => false;
    const known = new Set(required.map((name) => name.toLowerCase()));
    return {
      tableDefinition(event) {
        const { table, statement, service } = event;
        if (table.kind !== 'create') return;
        const applies =
          everywhere ||
          tableMatches(table.name) ||
          tableMatches(qualifiedName(table)) ||
          (service !== undefined && services.includes(service.name));
        if (!applies) return;
        const present = new Set<string>();
        for (const column of table.columns) {
          const snake = toSnakeCase(column.name);
          present.add(snake);
          if (!known.has(snake) || column.name === snake) continue;
          context.report({
            messageId: 'misspelled',
            data: { column: column.name, table: table.name, expected: snake },
            at: { range: event.locate(column.span) },
            help: `Rename the column to '${snake}'.`,
          });
        }
        if (!hasProvableColumnList(table, statement)) return;
        for (const column of required) {
          if (present.has(column.toLowerCase())) continue;
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
