import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import type { ForeignKeyEvent, TableReferenceEvent } from '../src/engine/types.js';
import { qualifiedName } from '../src/model/table-names.js';
import { allowEntrySuggestion, reportUnusedAllowEntries } from './support/allow-entry.js';
import { compileGlobs, globString } from './support/glob.js';
import { suggestions } from './support/text-fixes.js';

const options = z.strictObject({
  allow: z
    .array(
      z.strictObject({
        table: globString.describe('The referenced table: a name or glob, `database.table` to name its database; case-insensitive'),
        service: z.string().min(1).optional().describe('Only the foreign keys of this service (any service when absent)'),
        reason: z.string().trim().min(1).describe('Why this foreign key is agreed, for whoever reads the config next'),
      }),
    )
    .default([])
    .describe(
      'Agreed foreign keys to other services\' tables, each with its reason: `{ "table": "patients", "service": "billing", "reason": "…" }`. An entry that allows nothing is reported on the config',
    ),
});

export default defineRule({
  meta: {
    id: 'no-cross-service-foreign-key',
    category: 'architecture',
    description: "Disallow foreign keys that reference another service's table",
    rationale:
      'A foreign key across a service boundary ties two schemas together at the database level: neither service can move to its own database, and deletes in one service fail or cascade into another.',
    defaultSeverity: 'error',
    messages: {
      foreignKey: "Table '{{table}}' of service '{{service}}' has a foreign key to '{{referenced}}' owned by service '{{owner}}'.",
      unusedAllow: "Allow entry for table '{{table}}' allows no foreign key; remove it.",
    },
    options,
    examples: {
      invalid: [
        {
          filename: 'services/billing/migrations/V1__claims.sql',
          code: 'CREATE TABLE claims (id CHAR(36) PRIMARY KEY, patient_id CHAR(36), FOREIGN KEY (patient_id) REFERENCES clinical_data.patients(id));',
        },
      ],
      valid: [
        {
          filename: 'services/billing/migrations/V1__claims.sql',
          code: 'CREATE TABLE claims (id CHAR(36) PRIMARY KEY, invoice_id CHAR(36), FOREIGN KEY (invoice_id) REFERENCES invoices(id));',
        },
      ],
    },
  },
  create(context) {
    const { allow } = context.options;
    const entries = allow.map((entry) => ({ ...entry, matches: compileGlobs([entry.table], { nocase: true }), used: false }));
    const report = (
      { resolution, accessor, range }: Pick<ForeignKeyEvent, 'resolution' | 'accessor' | 'range'>,
      table: { name: string; qualifier?: string },
      foreignKey: { columns: string[]; references: { name: string; qualifier?: string } },
    ) => {
      if (!accessor || resolution.kind !== 'owned' || resolution.owner === accessor) return;
      const referenced = qualifiedName(foreignKey.references);
      const allowedBy = entries.filter(
        (e) => (e.service === undefined || e.service === accessor.name) && (e.matches(foreignKey.references.name) || e.matches(referenced)),
      );
      for (const entry of allowedBy) entry.used = true;
      if (allowedBy.length > 0) return;
      const owner = resolution.owner.name;
      const column = foreignKey.columns[0] === undefined ? 'the referencing column' : `'${foreignKey.columns[0]}'`;
      context.report({
        messageId: 'foreignKey',
        data: { table: qualifiedName(table), service: accessor.name, referenced: qualifiedName(foreignKey.references), owner },
        at: { range },
        help: `Drop the constraint and keep ${column} as a plain indexed column; validate the reference through the API or events of '${owner}'.`,
        fingerprintText: `${qualifiedName(table)}\0${foreignKey.columns.join(',')}\0${referenced}`,
        // No code change keeps an agreed foreign key: the suggestion records it in the config, with its reason.
        suggest: suggestions(
          allowEntrySuggestion(
            context.project,
            'no-cross-service-foreign-key',
            'error',
            { table: referenced, service: accessor.name },
            `foreign keys of '${accessor.name}' to table`,
          ),
        ),
      });
    };
    const onForeignKey = (event: ForeignKeyEvent) => report(event, event.table, event.foreignKey);
    // A foreign key a migration builder declares (knex `.references().inTable()`, Sequelize
    // `references: { model }`, TypeORM `TableForeignKey`): the reference carries the table holding it.
    const onTableReference = (event: TableReferenceEvent) => {
      if (event.source !== 'orm' || event.ref.action !== 'references' || !event.declaringTable) return;
      report(event, event.declaringTable, { columns: [], references: event.ref });
    };
    // Without allow entries there is nothing to find unused, and the rule is a per-file one: a run
    // that reuses an earlier run's findings (diff's base) then need not visit every file for it.
    if (entries.length === 0) return { foreignKey: onForeignKey, tableReference: onTableReference };
    return {
      foreignKey: onForeignKey,
      tableReference: onTableReference,
      project() {
        // Reported on the config, which the run reports on only when it covers the whole repository.
        reportUnusedAllowEntries(
          context,
          entries,
          'The foreign key it allowed is gone, or the entry names another table: remove the entry, or correct its `table` / `service`.',
          (index) => `unusedAllow\0${entries[index].table}\0${entries[index].service ?? ''}`,
        );
      },
    };
  },
});
