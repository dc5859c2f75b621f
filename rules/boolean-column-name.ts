import { z } from 'zod';
import { isBooleanColumn } from '../src/model/column-types.js';
import { defineRule } from '../src/engine/define-rule.js';
import { isTemplateHole, toCase, toSnakeCase } from '../src/model/naming.js';
import { qualifiedTable, renameFindingExtras, storedName } from './support/rename-migration.js';

const options = z.strictObject({
  prefixes: z
    .array(z.string().regex(/[A-Za-z0-9]/, 'a prefix needs a letter or digit'))
    .min(1)
    .default(['is_', 'has_', 'can_'])
    .describe(
      'Prefixes a boolean column name may start with, as words (`is_` also accepts `isActive`); the first one is used in suggestions',
    ),
  case: z
    .enum(['snake_case', 'camelCase'])
    .default('snake_case')
    .describe('Spelling of suggested names, for schemas whose columns are camelCase (`isArchived`)'),
});

/** Soft-delete flags belong to `timestamp-columns`, which asks for `deleted_at` instead of a rename. */
const SOFT_DELETE_FLAGS = new Set(['deleted', 'removed']);

export default defineRule({
  meta: {
    id: 'boolean-column-name',
    category: 'naming',
    description: 'Require boolean columns named `is_*`, `has_*` or `can_*`',
    rationale:
      'A prefix makes a flag read as a question (`is_active`, `has_mfa`) and tells a reader the column is boolean without the type; mixing `is_*` with `*_enabled` and bare adjectives makes every query a guess.',
    defaultSeverity: 'warn',
    messages: {
      badName: "Boolean column '{{column}}' of table '{{table}}' should be named '{{expected}}'.",
    },
    options,
    examples: {
      invalid: [
        {
          filename: 'services/auth/migrations/V3__mfa.sql',
          code: 'ALTER TABLE auth_users ADD COLUMN mfa_enabled TINYINT(1) NOT NULL DEFAULT 0;',
        },
        {
          filename: 'services/clinical/src/migrations/1712232000000-Archive.ts',
          code: 'await queryRunner.query(`ALTER TABLE "product" ADD "archived" boolean NOT NULL DEFAULT false`);',
          options: { case: 'camelCase' },
        },
      ],
      valid: [
        {
          filename: 'services/auth/migrations/V3__mfa.sql',
          code: 'ALTER TABLE auth_users ADD COLUMN is_mfa_enabled TINYINT(1) NOT NULL DEFAULT 0;',
        },
        {
          filename: 'services/clinical/src/migrations/1712232000000-Archive.ts',
          code: 'await queryRunner.query(`ALTER TABLE "product" ADD "isArchived" boolean NOT NULL DEFAULT false`);',
          options: { case: 'camelCase' },
        },
      ],
    },
  },
  create(context) {
    // A prefix is a word: `is_`, `is` and `Is` all mean columns starting with the word `is`.
    const prefixes = context.options.prefixes.map((prefix) => `${toSnakeCase(prefix)}_`).filter((prefix) => prefix !== '_');
    const nameCase = context.options.case;
    return {
      tableDefinition(event) {
        const { table, statement } = event;
        const tableName = storedName(context.project, event, statement, table.span, qualifiedTable(table));
        for (const column of table.columns) {
          if (!isBooleanColumn(column) || isTemplateHole(column.name)) continue;
          // Spelling (`isActive`) is identifier-case's finding; here only the words matter.
          const snake = toSnakeCase(column.name);
          if (!snake || prefixes.some((prefix) => snake.startsWith(prefix)) || SOFT_DELETE_FLAGS.has(snake)) continue;
          const expected = toCase(`${prefixes[0]}${snake.replace(/_flag$/, '')}`, nameCase);
          const from = storedName(context.project, event, statement, column.span, column.name);
          const extras = renameFindingExtras(context.project, event, { kind: 'column', table: tableName, from, to: expected });
          if (!extras) continue;
          context.report({
            messageId: 'badName',
            data: { column: column.name, table: table.name, expected },
            at: { range: event.locate(column.span) },
            help: `Rename the column to '${expected}'.`,
            ...extras,
          });
        }
      },
    };
  },
});
