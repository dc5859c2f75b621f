import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { isCase, isTemplateHole, NAME_CASES, toCase } from '../src/model/naming.js';
import { compileGlobs, globString } from './support/glob.js';
import { judgedName, qualifiedTable, renameFindingExtras, storedName } from './support/rename-migration.js';
import { undoesEarlierRename } from '../src/model/name-history.js';

const options = z.strictObject({
  case: z
    .enum(['snake_case', 'camelCase'])
    .default('snake_case')
    .describe('Spelling of column names, and of table names unless `tableCase` is set (`camelCase`: `createdAt`, `userId`)'),
  tableCase: z
    .enum(NAME_CASES)
    .optional()
    .describe('Spelling of table names when it differs from `case` (TypeORM: snake_case tables, camelCase columns; Prisma: PascalCase)'),
  exempt: z
    .array(globString)
    .default([])
    .describe(
      'Names (or globs) of tables and columns that keep their spelling, or `table.column` for one column, e.g. tables owned by a third-party tool',
    ),
});

export default defineRule({
  meta: {
    id: 'identifier-case',
    category: 'naming',
    description: 'Require snake_case table and column names (or the case the schema adopts)',
    rationale:
      'MySQL folds table names to lower case on some platforms and not others, PostgreSQL folds unquoted identifiers and then needs quotes for mixed case forever; snake_case is the one spelling that behaves the same everywhere and matches the rest of the schema.',
    defaultSeverity: 'warn',
    messages: {
      table: "Table name '{{name}}' is not {{case}}; expected '{{expected}}'.",
      column: "Column '{{name}}' of table '{{table}}' is not {{case}}; expected '{{expected}}'.",
    },
    options,
    examples: {
      invalid: [
        {
          filename: 'services/billing/migrations/V3__invoice_notes.sql',
          code: 'CREATE TABLE billing_invoice_notes (id CHAR(36) PRIMARY KEY, noteText TEXT);',
        },
        {
          filename: 'services/clinical/src/migrations/1712232000000-LegacyImport.ts',
          code: 'await queryRunner.query(`ALTER TABLE "product" ADD "legacy_sku" character varying(32)`);',
          options: { case: 'camelCase', tableCase: 'snake_case' },
        },
      ],
      valid: [
        {
          filename: 'services/billing/migrations/V3__invoice_notes.sql',
          code: 'CREATE TABLE billing_invoice_notes (id CHAR(36) PRIMARY KEY, note_text TEXT);',
        },
        {
          filename: 'services/clinical/src/migrations/1712232000000-LegacyImport.ts',
          code: 'await queryRunner.query(`ALTER TABLE "product" ADD "legacySku" character varying(32)`);',
          options: { case: 'camelCase', tableCase: 'snake_case' },
        },
      ],
    },
  },
  create(context) {
    const columnCase = context.options.case;
    const tableCase = context.options.tableCase ?? columnCase;
    // `name` patterns exempt tables and columns of that name; `table.column` patterns one column.
    const matcher = (patterns: string[]) => (patterns.length > 0 ? compileGlobs(patterns, { nocase: true }) : () => false);
    const exempt = matcher(context.options.exempt.filter((pattern) => !pattern.includes('.')));
    const exemptColumn = matcher(context.options.exempt.filter((pattern) => pattern.includes('.')));
    return {
      tableDefinition(event) {
        const { table, statement } = event;
        const stored = (span: { start: number; end: number }, name: string) => storedName(context.project, event, statement, span, name);
        const tableName = stored(table.span, qualifiedTable(table));
        const checkTableName = (name: string, qualified: string, span: { start: number; end: number }) => {
          if (isCase(name, tableCase) || isTemplateHole(name) || exempt(name)) return;
          const expected = toCase(name, tableCase);
          if (!expected || expected === name) return;
          // A later migration that renamed or dropped the table leaves nothing to report here.
          const extras = renameFindingExtras(context.project, event, { kind: 'table', table: stored(span, qualified), to: expected });
          if (!extras) return;
          context.report({
            messageId: 'table',
            data: { name, expected, case: tableCase },
            at: { range: event.locate(span) },
            help: `Rename the table to '${expected}' (and update the code that names it).`,
            ...extras,
          });
        };
        // ALTER TABLE names a table declared elsewhere; its spelling is reported at the CREATE.
        const judged = (name: string) => judgedName(context.project, event, statement, name);
        if (table.kind === 'create') checkTableName(judged(table.name), qualifiedTable(table), table.span);
        // …but a rename (`ALTER TABLE t RENAME TO n`, `RENAME TABLE t TO n`) declares the new name here.
        if (
          table.renamedTo &&
          !undoesEarlierRename(event.file, statement, { object: 'table', table: table.name, to: table.renamedTo.name })
        ) {
          const renamed = { name: table.renamedTo.name, qualifier: table.renamedTo.qualifier ?? table.qualifier };
          checkTableName(judged(table.renamedTo.name), qualifiedTable(renamed), table.renamedTo.span);
        }
        for (const column of table.columns) {
          if (
            isCase(judged(column.name), columnCase) ||
            isTemplateHole(column.name) ||
            exempt(column.name) ||
            exemptColumn(`${table.name}.${column.name}`)
          )
            continue;
          // A rename back to an old name (a migration's down half) restores it; the up half was judged.
          if (
            table.kind === 'alter' &&
            undoesEarlierRename(event.file, statement, { object: 'column', table: table.name, to: column.name })
          )
            continue;
          const expected = toCase(column.name, columnCase);
          if (!expected || expected === column.name) continue;
          const from = stored(column.span, column.name);
          const extras = renameFindingExtras(context.project, event, { kind: 'column', table: tableName, from, to: expected });
          if (!extras) continue;
          context.report({
            messageId: 'column',
            data: { name: column.name, table: table.name, expected, case: columnCase },
            at: { range: event.locate(column.span) },
            help:
              columnCase === 'snake_case'
                ? `Rename the column to '${expected}'; map it to a camelCase property in code instead of in the schema.`
                : `Rename the column to '${expected}', like the schema's other ${columnCase} columns.`,
            ...extras,
          });
        }
      },
    };
  },
});
