import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import type { RelatedLocation, TableReferenceEvent } from '../src/engine/types.js';
import { accessVerb, qualifiedName } from '../src/model/table-names.js';
import { compileGlobs, globString } from './support/glob.js';
import { statementIdentity } from './support/statement-identity.js';

const options = z.strictObject({
  allow: z.array(globString).default([]).describe('Tables (names or globs) any service may access, e.g. shared reference data'),
});

export default defineRule({
  meta: {
    id: 'no-cross-service-query',
    category: 'architecture',
    description: 'Disallow queries on tables owned by another service',
    rationale:
      "A service that reads or writes another service's table couples their deployments and schemas, bypasses the owner's invariants, and breaks as soon as the databases are separated. Granting privileges on that table (`GRANT … ON`) opens the same door for a database user.",
    defaultSeverity: 'error',
    messages: {
      foreignTable: "Service '{{service}}' {{verb}} table '{{table}}' owned by service '{{owner}}'.",
      foreignTableOfSeveral: "Service '{{service}}' {{verb}} table '{{table}}', which only {{owners}} create.",
      foreignGrant: "Service '{{service}}' grants or revokes privileges on table '{{table}}' owned by service '{{owner}}'.",
      foreignGrantOfSeveral: "Service '{{service}}' grants or revokes privileges on table '{{table}}', which only {{owners}} create.",
    },
    options,
    examples: {
      invalid: [
        {
          filename: 'services/billing/src/invoice.repo.ts',
          code: "await pool.execute('SELECT * FROM clinical_data.patients WHERE id = ?', [id]);",
        },
        { filename: 'services/payment/migrations/V3__grants.sql', code: "GRANT SELECT, UPDATE ON invoices TO 'payment_svc'@'%';" },
      ],
      valid: [
        { filename: 'services/billing/src/invoice.repo.ts', code: "await pool.execute('SELECT * FROM invoices WHERE id = ?', [id]);" },
        { filename: 'services/billing/migrations/V2__grants.sql', code: "GRANT SELECT ON invoices TO 'reporting'@'%';" },
      ],
    },
  },
  create(context) {
    const allowed = context.options.allow.length > 0 ? compileGlobs(context.options.allow, { nocase: true }) : () => false;
    return {
      tableReference(event) {
        const { ref, resolution, accessor } = event;
        if (!accessor || ref.action === 'create' || ref.action === 'references') return;
        if (allowed(ref.name) || allowed(qualifiedName(ref))) return;
        const fingerprintText = `${statementIdentity(event.statement, 'span' in ref ? ref.span.start : 0)}\0${qualifiedName(ref)}`;
        const grant = ref.action === 'grant';
        if (resolution.kind === 'ambiguous') {
          // Several services create the table, none of them the accessor: whichever it is, it is foreign.
          if (resolution.owners.some((o) => o.service === accessor)) return;
          const names = resolution.owners.map((o) => `'${o.service.name}'`).sort();
          const owners = `services ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
          const table = qualifiedName(ref);
          context.report({
            ...(grant
              ? { messageId: 'foreignGrantOfSeveral', data: { service: accessor.name, table, owners } }
              : { messageId: 'foreignTableOfSeveral', data: { service: accessor.name, verb: accessVerb(ref.action), table, owners } }),
            at: { range: event.range },
            help: `Find out which service's '${ref.name}' this code means, then use that service's API or events; if it is neither, the table is missing from this service's database.`,
            fingerprintText,
          });
          return;
        }
        if (resolution.kind !== 'owned' || resolution.owner === accessor) return;
        const owner = resolution.owner.name;
        if (grant) {
          // A privilege on the owner's table hands out direct access to it, usually to the granting service's own user.
          context.report({
            messageId: 'foreignGrant',
            data: { service: accessor.name, table: qualifiedName(ref), owner },
            at: { range: event.range },
            help: `Leave the privileges on '${owner}''s tables to '${owner}': remove this statement and reach the data through its API or events.`,
            fingerprintText,
          });
          return;
        }
        const writes = ref.action !== 'select';
        context.report({
          messageId: 'foreignTable',
          data: { service: accessor.name, verb: accessVerb(ref.action), table: qualifiedName(ref), owner },
          at: { range: event.range },
          help: writes
            ? `Ask '${owner}' to make this change through its API or an event it consumes; one transaction cannot span two services' databases.`
            : `Get this data from '${owner}' through its API, or keep a local copy fed by its events.`,
          related: entityLocations(event, qualifiedName(ref)),
          fingerprintText,
        });
      },
    };
  },
});

/** For an access through an ORM entity or model: where the file imports it (or its Prisma client), and where it maps to the table. */
function entityLocations(event: TableReferenceEvent, table: string): RelatedLocation[] | undefined {
  const { entity } = event;
  if (!entity) return undefined;
  const related: RelatedLocation[] = [];
  if (entity.import) {
    const what =
      'library' in event.ref && event.ref.library === 'prisma' ? `the Prisma client of '${entity.symbol}'` : `'${entity.symbol}'`;
    related.push({ file: entity.import.file, range: entity.import.range, message: `${what} is imported here` });
  }
  const { definition } = entity;
  related.push({ file: definition.file, range: definition.range, message: `'${definition.symbol}' maps to table '${table}' here` });
  return related;
}
