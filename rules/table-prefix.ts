import picomatch from 'picomatch';
import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { qualifiedName } from '../src/engine/table-names.js';

const options = z.strictObject({
  exempt: z
    .array(z.string())
    .default([])
    .describe('Tables (names or globs, optionally `db.table`) that may go without the prefix, e.g. tool tables such as `flyway_schema_history`'),
});

export default defineRule({
  meta: {
    id: 'table-prefix',
    category: 'naming',
    description: 'Require tables created by a service to carry that service\'s table prefix',
    rationale:
      'While services still share a database, the prefix is the only thing that tells a reader, a DBA or a migration script which service owns a table; unprefixed tables such as `invoices` are how ownership gets lost and cross-service queries creep in.',
    defaultSeverity: 'warn',
    messages: {
      missingPrefix: "Table '{{table}}' created by service '{{service}}' does not start with the prefix '{{prefix}}'.",
      missingPrefixes: "Table '{{table}}' created by service '{{service}}' does not start with any of the prefixes {{prefixes}}.",
    },
    options,
    examples: {
      invalid: [{ filename: 'services/billing/migrations/V1__invoices.sql', code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);' }],
      valid: [{ filename: 'services/billing/migrations/V1__invoices.sql', code: 'CREATE TABLE billing_invoices (id CHAR(36) PRIMARY KEY);' }],
    },
  },
  create(context) {
    const exempt = context.options.exempt.length > 0 ? picomatch(context.options.exempt, { nocase: true }) : () => false;
    return {
      tableDefinition(event) {
        const { table, service } = event;
        // Only the CREATE decides the name; without an owning service there is no prefix to expect.
        // A temporary table lives for one session and declares nothing another service could mistake.
        if (table.kind !== 'create' || table.temporary || !service) return;
        const prefixes = service.prefixes.filter((prefix) => prefix.length > 0);
        if (prefixes.length === 0) return;
        const name = table.name.toLowerCase();
        if (prefixes.some((prefix) => name.startsWith(prefix.toLowerCase()))) return;
        if (exempt(table.name) || exempt(qualifiedName(table))) return;
        const suggestion = `${prefixes[0]}${table.name}`;
        const help = `Rename it to '${suggestion}' (or another name starting with the prefix), or list it in 'exempt' if a tool owns it.`;
        const at = { range: event.locate(table.span) };
        if (prefixes.length === 1) {
          context.report({ messageId: 'missingPrefix', data: { table: table.name, service: service.name, prefix: prefixes[0] }, at, help });
        } else {
          const quoted = prefixes.map((prefix) => `'${prefix}'`);
          context.report({ messageId: 'missingPrefixes', data: { table: table.name, service: service.name, prefixes: quoted.join(', ') }, at, help });
        }
      },
    };
  },
});
