import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import type { Service, TableDeclaration } from '../src/model/model.js';
import { stubClaims } from '../src/model/schema-stubs.js';
import { sameTable } from '../src/model/database-evidence.js';
import { allowEntrySuggestion, configEntryLocation, reportUnusedAllowEntries } from './support/allow-entry.js';
import { compileGlobs, globString } from './support/glob.js';
import { suggestions } from './support/text-fixes.js';

const options = z.strictObject({
  allow: z
    .array(
      z.strictObject({
        table: globString.describe('The table: a name or glob, `database.table` to name its database; case-insensitive'),
        reason: z.string().trim().min(1).describe('Why several services may create it, for whoever reads the config next'),
      }),
    )
    .default([])
    .describe(
      'Tables several services may create, each with its reason: `{ "table": "outbox_events", "reason": "…" }`. An entry that allows nothing is reported on the config',
    ),
});

export default defineRule({
  meta: {
    id: 'ambiguous-table-owner',
    category: 'architecture',
    description: 'Report tables that more than one service creates in the same database',
    rationale:
      'When two services create the same table in one database, neither owns it: schema changes by one break the other, and the linter cannot tell which access is cross-service. Same-named tables in separate databases or schemas are fine, and so are tables whose databases the repository does not show to be the same.',
    defaultSeverity: 'warn',
    messages: {
      createdTwice: "Table '{{table}}' is created by service '{{service}}' and also by {{others}}.",
      unusedAllow: "Allow entry for table '{{table}}' allows no table created by several services; remove it.",
      configuredStub:
        "The config gives table '{{table}}' to service '{{service}}', whose {{where}} only create a stub of it; it is created by {{others}}.",
    },
    options,
  },
  create(context) {
    const entries = context.options.allow.map((entry) => ({
      ...entry,
      matches: compileGlobs([entry.table], { nocase: true }),
      used: false,
    }));
    return {
      project() {
        const { project } = context;
        const byTable = new Map<string, Declared[]>();
        for (const service of project.services) {
          for (const declaration of service.createdTables) {
            const key = declaration.table.toLowerCase();
            byTable.set(key, [...(byTable.get(key) ?? []), { service, declaration }]);
          }
        }
        for (const declared of byTable.values()) {
          if (new Set(declared.map((d) => d.service)).size < 2) continue;
          const first = declared[0].declaration;
          const resolution = project.resolveTable({ name: first.table, qualifier: first.database });
          if (resolution.kind === 'owned' && resolution.via === 'config') continue;
          for (const entry of declared) {
            const others = declared.filter((other) => other.service !== entry.service && sameTable(entry, other));
            if (others.length === 0) continue;
            const { table, database } = entry.declaration;
            const qualified = database ? `${database}.${table}` : table;
            const allowedBy = entries.filter((e) => e.matches(table) || e.matches(qualified));
            for (const allowEntry of allowedBy) allowEntry.used = true;
            if (allowedBy.length > 0) continue;
            const names = [...new Set(others.map((o) => o.service.name))];
            context.report({
              messageId: 'createdTwice',
              data: { table: entry.declaration.table, service: entry.service.name, others: listServices(names) },
              at: { file: entry.declaration.file, range: entry.declaration.range },
              help: `Decide which service owns '${entry.declaration.table}' (\`services[].tables\` in the config) and drop the other CREATE TABLE, or move one copy to its own database.`,
              related: others.map((o) => ({
                file: o.declaration.file,
                range: o.declaration.range,
                message: `'${o.service.name}' creates '${o.declaration.table}' here`,
              })),
              fingerprintText: `${entry.declaration.table}\0${names.join(',')}`,
              // An agreed shared table needs no code change: the suggestion records it in the config, with its reason.
              suggest: suggestions(allowEntrySuggestion(project, 'ambiguous-table-owner', 'warn', { table: qualified }, 'table')),
            });
          }
        }
        // init wrote a stub into `tables` before it knew better: the claim outranks every inference, so it is said here.
        for (const claim of stubClaims(project)) {
          const { service, pattern: table, stub, creators } = claim;
          const others = listServices([...new Set(creators.map((c) => c.service.name))]);
          context.report({
            messageId: 'configuredStub',
            data: { table, service: service.name, where: stub.kind === 'test' ? 'tests' : 'scripts or docs', others },
            at: configEntryLocation(project, ['services', claim.configIndex, 'tables', claim.patternIndex]) ?? {
              file: stub.declaration.file,
              range: stub.declaration.range,
            },
            help: `A table '${service.name}''s ${stub.kind === 'test' ? 'tests create to run against' : 'scripts or docs create'} is no table of its own, and the config's claim hides every read '${service.name}' makes of it: remove '${table}' from its \`tables\` (\`nilecare-lint init --force\` does).`,
            related: [
              { file: stub.declaration.file, range: stub.declaration.range, message: `the stub of '${table}'` },
              ...creators.map((c) => ({
                file: c.declaration.file,
                range: c.declaration.range,
                message: `'${c.service.name}' creates '${c.declaration.table}' here`,
              })),
            ],
            fingerprintText: `configuredStub\0${service.name}\0${table}`,
          });
        }
        // Reported on the config, which the run reports on only when it covers the whole repository.
        reportUnusedAllowEntries(
          context,
          entries,
          'No two services create this table any more, or the entry names another one: remove the entry, or correct its `table`.',
          (index) => `unusedAllow\0${entries[index].table}`,
        );
      },
    };
  },
});

interface Declared {
  service: Service;
  declaration: TableDeclaration;
}

/** "service 'a'", "services 'a' and 'b'", "services 'a', 'b' and 'c'". */
function listServices(names: string[]): string {
  const quoted = names.map((n) => `'${n}'`);
  if (quoted.length === 1) return `service ${quoted[0]}`;
  return `services ${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
