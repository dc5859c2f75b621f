import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { qualifiedName } from '../src/model/table-names.js';
import type { Service, TableResolution } from '../src/model/model.js';
import { compileGlobs, globString } from './support/glob.js';
import { qualifiedTable, renameFindingExtras, storedName } from './support/rename-migration.js';
import { undoesEarlierRename } from '../src/model/name-history.js';
import { usesPrefix } from '../src/model/table-prefixes.js';

const options = z.strictObject({
  exempt: z
    .array(globString)
    .default([])
    .describe(
      'Tables (names or globs, optionally `db.table`) that may go without the prefix, e.g. tool tables such as `flyway_schema_history`',
    ),
});

export default defineRule({
  meta: {
    id: 'table-prefix',
    category: 'naming',
    description: "Require tables a service creates or renames to carry that service's table prefix",
    rationale:
      'While services still share a database, the prefix is the only thing that tells a reader, a DBA or a migration script which service owns a table; unprefixed tables such as `invoices` are how ownership gets lost and cross-service queries creep in.',
    defaultSeverity: 'warn',
    messages: {
      missingPrefix: "Table '{{table}}' created by service '{{service}}' does not start with the prefix '{{prefix}}'.",
      missingPrefixes: "Table '{{table}}' created by service '{{service}}' does not start with any of the prefixes {{prefixes}}.",
      renamedWithoutPrefix:
        "Service '{{service}}' renames table '{{from}}' to '{{table}}', which does not start with the prefix '{{prefix}}'.",
      renamedWithoutPrefixes:
        "Service '{{service}}' renames table '{{from}}' to '{{table}}', which does not start with any of the prefixes {{prefixes}}.",
      missingLearnedPrefix:
        "Table '{{table}}' created by service '{{service}}' does not start with the prefix '{{prefix}}', learned without a config as {{why}}.",
      renamedWithoutLearnedPrefix:
        "Service '{{service}}' renames table '{{from}}' to '{{table}}', which does not start with the prefix '{{prefix}}', learned without a config as {{why}}.",
    },
    options,
    examples: {
      invalid: [
        { filename: 'services/billing/migrations/V1__invoices.sql', code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);' },
        { filename: 'services/billing/migrations/V7__rename_invoices.sql', code: 'ALTER TABLE billing_invoices RENAME TO invoices;' },
      ],
      valid: [
        { filename: 'services/billing/migrations/V1__invoices.sql', code: 'CREATE TABLE billing_invoices (id CHAR(36) PRIMARY KEY);' },
        { filename: 'services/billing/migrations/V7__rename_invoices.sql', code: 'ALTER TABLE invoices RENAME TO billing_invoices;' },
      ],
    },
  },
  create(context) {
    const exempt = context.options.exempt.length > 0 ? compileGlobs(context.options.exempt, { nocase: true }) : () => false;
    /** The service's non-empty prefixes, a test for a name lacking all of them, and the message fields listing them. */
    const prefixesOf = (service: Service) => {
      const prefixes = service.prefixes.filter((prefix) => prefix.length > 0);
      const lacksPrefix = (name: { name: string; qualifier?: string }) => {
        if (prefixes.some((prefix) => usesPrefix(name.name, prefix))) return false;
        return !exempt(name.name) && !exempt(qualifiedName(name));
      };
      const several = prefixes.length > 1;
      // Without a config the prefix is the one `init` would write, and the finding says why (its note there).
      const learned = !several && service.prefixesLearned !== undefined;
      const listed: Record<string, string> = several
        ? { prefixes: prefixes.map((prefix) => `'${prefix}'`).join(', ') }
        : learned
          ? { prefix: prefixes[0], why: service.prefixesLearned! }
          : { prefix: prefixes[0] };
      const missing = several ? 'missingPrefixes' : learned ? 'missingLearnedPrefix' : 'missingPrefix';
      const renamedId = several ? 'renamedWithoutPrefixes' : learned ? 'renamedWithoutLearnedPrefix' : 'renamedWithoutPrefix';
      return { prefixes, lacksPrefix, listed, missing, renamedId } as const;
    };
    return {
      tableDeclaration(event) {
        const { service, table } = event;
        // Views are not tables: SQL views are not held to the prefix either.
        if (!service || event.view) return;
        const { prefixes, lacksPrefix, listed, missing, renamedId } = prefixesOf(service);
        if (prefixes.length === 0 || !lacksPrefix(table)) return;
        if (event.kind === 'entity') {
          // An entity mapping a table the service's migrations create repeats their name: the CREATE is reported.
          const name = table.name.toLowerCase();
          if (service.createdTables.some((d) => d.table.toLowerCase() === name && d.via !== 'orm' && d.via !== 'prisma')) return;
        }
        if (event.kind === 'rename') {
          const from = event.renamedFrom!;
          if (renamedWithinOtherService(context.project.resolveTable(from, service, event.file.path), service)) return;
          const extras = renameFindingExtras(context.project, event, {
            kind: 'table',
            table: qualifiedTable(table),
            to: `${prefixes[0]}${table.name}`,
          });
          if (!extras) return;
          context.report({
            messageId: renamedId,
            data: { table: table.name, from: from.name, service: service.name, ...listed },
            at: { range: event.range },
            help: `Rename it to '${prefixes[0]}${table.name}' instead (or another name starting with the prefix), or list it in 'exempt' if a tool owns it.`,
            ...extras,
          });
          return;
        }
        context.report({
          messageId: missing,
          data: { table: table.name, service: service.name, ...listed },
          at: { range: event.range },
          help: `Rename it to '${prefixes[0]}${table.name}' (or another name starting with the prefix), or list it in 'exempt' if a tool owns it.`,
        });
      },
      tableDefinition(event) {
        const { table, service, statement } = event;
        // Without an owning service there is no prefix to expect. A temporary table lives for
        // one session and declares nothing another service could mistake.
        if (!service || table.temporary) return;
        const { prefixes, lacksPrefix, listed, missing, renamedId } = prefixesOf(service);
        if (prefixes.length === 0) return;

        // A CREATE names the table; a plain ALTER names one declared elsewhere, checked there.
        if (table.kind === 'create' && lacksPrefix(table)) {
          const stored = storedName(context.project, event, statement, table.span, qualifiedTable(table));
          const extras = renameFindingExtras(context.project, event, { kind: 'table', table: stored, to: `${prefixes[0]}${table.name}` });
          if (extras) {
            context.report({
              messageId: missing,
              data: { table: table.name, service: service.name, ...listed },
              at: { range: event.locate(table.span) },
              help: `Rename it to '${prefixes[0]}${table.name}' (or another name starting with the prefix), or list it in 'exempt' if a tool owns it.`,
              ...extras,
            });
          }
        }

        // A rename (`ALTER TABLE t RENAME TO n`, `RENAME TABLE t TO n`) names the table anew.
        const { renamedTo } = table;
        if (!renamedTo || renamedWithinOtherService(context.project.resolveTable(table, service, event.file.path), service)) return;
        // A rename back to an old name (a migration's down half) restores it; the up half was judged.
        if (undoesEarlierRename(event.file, statement, { object: 'table', table: table.name, to: renamedTo.name })) return;
        // PostgreSQL keeps a renamed table in its schema, so `exempt` patterns see the old qualifier.
        const renamed = { name: renamedTo.name, qualifier: renamedTo.qualifier ?? table.qualifier };
        if (!lacksPrefix(renamed)) return;
        const extras = renameFindingExtras(context.project, event, {
          kind: 'table',
          table: storedName(context.project, event, statement, renamedTo.span, qualifiedTable(renamed)),
          to: `${prefixes[0]}${renamedTo.name}`,
        });
        if (!extras) return;
        context.report({
          messageId: renamedId,
          data: { table: renamedTo.name, from: table.name, service: service.name, ...listed },
          at: { range: event.locate(renamedTo.span) },
          help: `Rename it to '${prefixes[0]}${renamedTo.name}' instead (or another name starting with the prefix), or list it in 'exempt' if a tool owns it.`,
          ...extras,
        });
      },
    };
  },
});

/**
 * Whether the renamed table belongs to other services only: its name then follows their
 * prefix, and `no-cross-service-query` already reports the rename itself.
 */
function renamedWithinOtherService(resolution: TableResolution, service: Service): boolean {
  if (resolution.kind === 'owned') return resolution.owner !== service;
  if (resolution.kind === 'ambiguous') return !resolution.owners.some((o) => o.service === service);
  return false;
}
