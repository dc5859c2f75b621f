import { z } from 'zod';
import { allowEntrySuggestion } from './support/allow-entry.js';
import { suggestions } from './support/text-fixes.js';
import { defineRule } from '../src/engine/define-rule.js';
import type { RelatedLocation, TableReferenceEvent } from '../src/engine/types.js';
import { accessVerb, qualifiedName } from '../src/model/table-names.js';
import { compileGlobs, globString } from './support/glob.js';
import { statementIdentity } from './support/statement-identity.js';
import { outsideCodeChecker } from './support/outside-code.js';
import { isQueryFile } from '../src/model/query-files.js';
import { isOwnersLibrary, outsideAccess, outsideAccessor, type CrossingRunner } from '../src/model/accesses.js';

const options = z.strictObject({
  allow: z
    .array(globString)
    .default([])
    .describe('Tables (names or globs) any service may access, e.g. shared reference data; also stored routines any service may call'),
  allowSharedPackages: z
    .boolean()
    .default(false)
    .describe("Code in the config's `sharedPackages` folders may query any service's tables (a data-access library every service uses)"),
});

export default defineRule({
  meta: {
    id: 'no-cross-service-query',
    category: 'architecture',
    description: 'Disallow queries on tables owned by another service',
    rationale:
      "A service that reads or writes another service's table couples their deployments and schemas, bypasses the owner's invariants, and breaks as soon as the databases are separated. Granting privileges on that table (`GRANT … ON`) opens the same door for a database user, and calling a stored procedure another service's schema declares (`CALL sp_x(…)`) couples the caller to that database as a query does.",
    defaultSeverity: 'error',
    messages: {
      foreignTable: "Service '{{service}}' {{verb}} table '{{table}}' owned by service '{{owner}}'.",
      foreignTableOfSeveral: "Service '{{service}}' {{verb}} table '{{table}}', which only {{owners}} create.",
      foreignGrant: "Service '{{service}}' grants or revokes privileges on table '{{table}}' owned by service '{{owner}}'.",
      foreignGrantOfSeveral: "Service '{{service}}' grants or revokes privileges on table '{{table}}', which only {{owners}} create.",
      outsideTable: "Code in '{{service}}', outside every service, {{verb}} table '{{table}}' owned by service '{{owner}}'.",
      outsideTableOfSeveral: "Code in '{{service}}', outside every service, {{verb}} table '{{table}}', which only {{owners}} create.",
      runTable: "Code in '{{folder}}', which service '{{service}}' runs, {{verb}} table '{{table}}' owned by service '{{owner}}'.",
      runTableOfSeveral:
        "Code in '{{folder}}', which service '{{service}}' runs, {{verb}} table '{{table}}', which only {{owners}} create.",
      foreignRoutine: "Service '{{service}}' calls routine '{{routine}}' owned by service '{{owner}}'.",
      foreignRoutineOfSeveral: "Service '{{service}}' calls routine '{{routine}}', which only {{owners}} declare.",
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
    const isOutsideCode = outsideCodeChecker(context.project, context.options.allowSharedPackages);
    /** No code change resolves an agreed exception: the suggestion records it in the config, with its reason. */
    const allowTable = (ref: TableReferenceEvent['ref']) =>
      suggestions(allowEntrySuggestion(context.project, 'no-cross-service-query', 'error', qualifiedName(ref), 'table'));
    /** Code outside every service reaching a service's table: named by its folder, as any accessor would be. */
    const reportOutside = (event: TableReferenceEvent): void => {
      const { ref, resolution } = event;
      const folder = outsideAccessor(context.project, event.file.path);
      if (!folder) return;
      const verb = accessVerb(ref.action);
      const table = qualifiedName(ref);
      const fingerprintText = `${statementIdentity(event.statement, 'span' in ref ? ref.span.start : 0)}\0${table}`;
      // Code the services import runs as each of them, on its connection: checked against each one's own tables.
      const { running, crossing } = outsideAccess(context.project, ref, event.file.path);
      if (running.length > 0) {
        for (const runner of crossing) reportRunner(event, folder, runner, `${fingerprintText}\0${runner.service.name}`);
        return;
      }
      // A package only the table's owners depend on is their code (the SQL library they extend).
      if (resolution.kind === 'unknown' || isOwnersLibrary(context.project, resolution, event.file.path)) return;
      if (resolution.kind === 'ambiguous') {
        const names = resolution.owners.map((o) => `'${o.service.name}'`).sort();
        const owners = `services ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
        context.report({
          messageId: 'outsideTableOfSeveral',
          data: { service: folder, verb, table, owners },
          at: { range: event.range },
          suggest: allowTable(ref),
          help: `Find out which service's '${ref.name}' this code means, then read it through that service's API or events.`,
          fingerprintText,
        });
        return;
      }
      const owner = resolution.owner.name;
      context.report({
        messageId: 'outsideTable',
        data: { service: folder, verb, table, owner },
        at: { range: event.range },
        suggest: allowTable(ref),
        help: `Reach '${owner}''s data through its API or events (a read model fed by its events suits reporting), or move this code into '${owner}'.`,
        related: entityLocations(event, table),
        fingerprintText,
      });
    };
    const reportRunner = (event: TableReferenceEvent, folder: string, runner: CrossingRunner, fingerprintText: string): void => {
      const { ref } = event;
      const verb = accessVerb(ref.action);
      const table = qualifiedName(ref);
      const service = runner.service.name;
      const related = [{ file: runner.import.file, range: runner.import.range, message: `'${service}' imports it here` }];
      if (runner.resolution.kind === 'ambiguous') {
        const names = runner.resolution.owners.map((o) => `'${o.service.name}'`).sort();
        const owners =
          names.length === 1 ? `service ${names[0]}` : `services ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
        context.report({
          messageId: 'runTableOfSeveral',
          data: { folder, service, verb, table, owners },
          at: { range: event.range },
          suggest: allowTable(ref),
          help: `'${service}' has no '${ref.name}' of its own: create it in '${service}''s database, or stop calling this code from '${service}'.`,
          related,
          fingerprintText,
        });
        return;
      }
      const owner = runner.resolution.owner.name;
      context.report({
        messageId: 'runTable',
        data: { folder, service, verb, table, owner },
        at: { range: event.range },
        suggest: allowTable(ref),
        help: `'${service}' has no '${ref.name}' of its own: create it in '${service}''s database, or reach '${owner}''s data through its API or events.`,
        related,
        fingerprintText,
      });
    };
    return {
      routineCall(event) {
        const { call, resolution, accessor } = event;
        // Code outside every service, a routine of the caller's own schema or one no service declares: no service's boundary is crossed.
        if (!accessor || (resolution.kind !== 'owned' && resolution.kind !== 'ambiguous')) return;
        const routine = call.qualifier !== undefined ? `${call.qualifier}.${call.name}` : call.name;
        if (allowed(call.name) || allowed(routine)) return;
        const fingerprintText = `${statementIdentity(event.statement, 0)}\0${routine}`;
        if (resolution.kind === 'ambiguous') {
          const names = resolution.owners.map((o) => `'${o.service.name}'`).sort();
          context.report({
            messageId: 'foreignRoutineOfSeveral',
            data: { service: accessor.name, routine, owners: `services ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` },
            at: { range: event.range },
            help: `Find out which service's '${call.name}' this code means, then use that service's API or events instead of its database.`,
            related: resolution.owners.map(({ service, declaration }) => ({
              file: declaration.file,
              range: declaration.range,
              message: `'${service.name}' declares '${declaration.name}' here`,
            })),
            fingerprintText,
          });
          return;
        }
        const owner = resolution.owner.name;
        context.report({
          messageId: 'foreignRoutine',
          data: { service: accessor.name, routine, owner },
          at: { range: event.range },
          help: `Ask '${owner}' for this through its API or events: its procedure runs on its database, and one call cannot span two services' schemas.`,
          related: [
            {
              file: resolution.declaration.file,
              range: resolution.declaration.range,
              message: `'${owner}' declares '${resolution.declaration.name}' here`,
            },
          ],
          fingerprintText,
        });
      },
      tableReference(event) {
        const { ref, resolution, accessor } = event;
        if (ref.action === 'create' || ref.action === 'references') return;
        if (allowed(ref.name) || allowed(qualifiedName(ref))) return;
        if (!accessor) {
          // SQL files outside services act for the owner of what they declare (their accessor); code and query files act for their folder.
          const actsForFolder = event.source !== 'sql-file' || isQueryFile(event.file);
          if (actsForFolder && ref.action !== 'grant' && isOutsideCode(event.file.path)) reportOutside(event);
          return;
        }
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
            suggest: allowTable(ref),
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
            suggest: allowTable(ref),
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
          suggest: allowTable(ref),
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
