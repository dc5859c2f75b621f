import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { factsSummary, type FileFacts } from '../src/analysis/facts.js';
import type { ProjectModel, Service } from '../src/model/model.js';
import { isMigrationToolTable, isPlatformTable, isSystemTable, qualifiedName } from '../src/model/table-names.js';
import { compileGlobs, globString } from './support/glob.js';

const options = z.strictObject({
  ignore: z.array(globString).default([]).describe('Tables (names or globs) that are known to exist outside the repository'),
});

export default defineRule({
  meta: {
    id: 'unknown-table',
    category: 'correctness',
    description: 'Report tables that no service owns or creates',
    rationale:
      'A table that no config entry, migration or schema file declares has no owner, so cross-service access to it cannot be checked; it is often a typo, a dropped table or an undeclared dependency.',
    defaultSeverity: 'warn',
    messages: {
      unknownTable: "Table '{{table}}' used by service '{{service}}' is not owned or created by any service.",
    },
    options,
    examples: {
      invalid: [{ filename: 'services/billing/src/report.ts', code: "await db.query('SELECT * FROM legacy_totals');" }],
      valid: [{ filename: 'services/billing/src/report.ts', code: "await db.query('SELECT * FROM invoices');" }],
    },
  },
  create(context) {
    const ignored = context.options.ignore.length > 0 ? compileGlobs(context.options.ignore, { nocase: true }) : () => false;
    let sequences: ReadonlySet<string> | undefined;
    let ctes: ReadonlyMap<Service, ReadonlyMap<string, ReadonlySet<string>>> | undefined;
    return {
      tableReference(event) {
        const { ref, accessor, resolution } = event;
        if (!accessor || resolution.kind !== 'unknown' || ref.action === 'create') return;
        // On an engine whose tables the repository never declares (DynamoDB tables in CloudFormation, a BigQuery dataset), no name can be checked.
        if (resolution.undeclaredEngine) return;
        // Declared outside every service (a root Prisma schema, root migrations) with no owner: the table exists; the run's notice and init name it.
        if (resolution.unowned) return;
        // A statement whose WITH list a hole of unknown value fills (`WITH ${failJobsBody(…)} … FROM results`) may declare it.
        if (event.mayNameCte) return;
        if (isSystemTable(ref) || isPlatformTable(ref) || isMigrationToolTable(ref) || ignored(ref.name) || ignored(qualifiedName(ref)))
          return;
        const text = event.statement?.text;
        // `DROP TABLE IF EXISTS t` drops a table if there is one: a clean-up of what an old version may have left, no use (HELDOUT10 #16).
        if (ref.action === 'drop' && text !== undefined && DROP_IF_EXISTS.test(text)) return;
        // A migration tool's drop (Alembic's op.drop_table, knex's dropTable) fails on a missing table, so it says the
        // table existed until then, as a plain SQL DROP TABLE does (src/model/script-tables.ts): a drop is no use of it.
        if (ref.action === 'drop' && event.statement === undefined) return;
        // SQL Server's trigger pseudo-tables: the rows the triggering statement deleted or inserted (HELDOUT10 #17).
        if (!ref.qualifier && TRIGGER_PSEUDO_TABLES.has(ref.name.toLowerCase()) && text !== undefined && CREATE_TRIGGER.test(text)) return;
        // PostgreSQL takes a sequence's name in `ALTER TABLE s OWNER TO …` (as pg_dump writes it): a relation, not a table.
        sequences ??= sequenceNames(context.project.files);
        if (sequences.has(ref.name.toLowerCase())) return;
        // A CTE a query builder in another file of the service declares (`withRecursive('ancestor(uri, height)', …)` in a
        // helper that returns the builder): the caller's `.selectFrom('ancestor')` reads it (HELDOUT14 #6). In the
        // declaring file the extractor already knows where the name is the CTE (builder-names.ts).
        ctes ??= builderCteNames(context.project);
        const declaring = ref.qualifier ? undefined : ctes.get(accessor)?.get(ref.name.toLowerCase());
        if (declaring && [...declaring].some((file) => file !== event.file.path)) return;
        context.report({
          messageId: 'unknownTable',
          data: { table: qualifiedName(ref), service: accessor.name },
          at: { range: event.range },
          help: `Add '${ref.name}' to the owning service's \`tables\` in the config, or add the migration that creates it.`,
          fingerprintText: `${event.statement?.text ?? ''}\0${qualifiedName(ref)}`,
        });
      },
    };
  },
});

const DROP_IF_EXISTS = /\bDROP\s+(?:TEMPORARY\s+)?TABLE\s+IF\s+EXISTS\b/i;
const CREATE_TRIGGER = /\b(?:CREATE|ALTER)\s+(?:OR\s+(?:ALTER|REPLACE)\s+)?TRIGGER\b/i;
const TRIGGER_PSEUDO_TABLES = new Set(['inserted', 'deleted']);

/** Lower-cased names of the sequences the repository's SQL creates (`CREATE SEQUENCE`), in files and embedded SQL. */
function sequenceNames(files: readonly FileFacts[]): ReadonlySet<string> {
  const names = new Set<string>();
  for (const file of files) {
    // A file decoded on first read tells its sequences without being decoded (FactsSummary).
    const summary = factsSummary(file);
    if (summary) {
      for (const name of summary.sequences ?? []) names.add(name);
      continue;
    }
    for (const analysis of [file.sql, ...(file.embeddedAnalyses ?? [])])
      for (const statement of analysis?.statements ?? [])
        for (const sequence of statement.sequences ?? []) names.add(sequence.name.toLowerCase());
  }
  return names;
}

/** Per service, the lower-cased names of the CTEs its files' query builders declare (ScriptFacts.builderCtes), with the declaring files. */
function builderCteNames(project: ProjectModel): ReadonlyMap<Service, ReadonlyMap<string, ReadonlySet<string>>> {
  const names = new Map<Service, Map<string, Set<string>>>();
  for (const file of project.files) {
    // A file decoded on first read tells its CTEs without being decoded (FactsSummary).
    const summary = factsSummary(file);
    const declared = summary ? summary.builderCtes : file.script?.builderCtes;
    if (!declared) continue;
    const service = project.serviceOf(file.path);
    if (!service) continue;
    const byName = names.get(service) ?? new Map<string, Set<string>>();
    for (const name of declared) byName.set(name, (byName.get(name) ?? new Set()).add(file.path));
    names.set(service, byName);
  }
  return names;
}
