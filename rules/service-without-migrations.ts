import { defineRule } from '../src/engine/define-rule.js';
import type { FileFacts } from '../src/analysis/facts.js';
import type { ReportTarget } from '../src/engine/types.js';
import { declaresOnlyCollections } from '../src/model/document-collections.js';

/** A file whose content was read and analysed without problems (binary, unreadable and oversized files are `unread`). */
function readable(file: FileFacts): boolean {
  return !file.unread && file.problems.length === 0;
}

export default defineRule({
  meta: {
    id: 'service-without-migrations',
    category: 'migrations',
    description: 'Require every service that owns tables to have versioned migrations',
    rationale:
      'A service whose tables come from a hand-run `schema.sql` (or from nowhere) has no record of which schema each environment has, no ordered way to change it and no rollback. Versioned migrations applied by a tool on deploy keep every database on a known version.',
    defaultSeverity: 'warn',
    messages: {
      noMigrations: "Service '{{service}}' owns tables but has no versioned migrations.",
    },
    examples: {
      invalid: [{ filename: 'services/billing/database/schema.sql', code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);' }],
      valid: [
        { filename: 'services/billing/migrations/V1__create_invoices.sql', code: 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY);' },
      ],
    },
  },
  create(context) {
    return {
      project() {
        const { project } = context;
        // Versioned means what migration-file-name accepts: the project's migration patterns.
        const { migrations } = project;
        const filesOf = new Map<string, string[]>();
        for (const file of project.files) {
          const service = project.serviceOf(file.path);
          if (!service) continue;
          const list = filesOf.get(service.name) ?? [];
          list.push(file.path);
          filesOf.set(service.name, list);
        }
        const fileByPath = new Map(project.files.map((f) => [f.path, f]));
        for (const service of project.services) {
          if (service.ownedPatterns.length === 0 && service.createdTables.length === 0) continue;
          const files = (filesOf.get(service.name) ?? []).sort();
          // MongoDB collections (Prisma provider mongodb, TypeORM type 'mongodb') have no SQL schema to migrate.
          if (
            declaresOnlyCollections(
              service,
              files.map((p) => fileByPath.get(p)!),
            )
          )
            continue;
          const versioned = files.some((p) => {
            const file = fileByPath.get(p)!;
            return migrations.isMigration(file) && migrations.isVersionedName(p);
          });
          if (versioned) continue;
          // Point at the first CREATE TABLE of the service, else at the first line of its first readable file (looked
          // for only then: whether a file is readable is in its facts, which a warm one-file run would decode).
          const declaration = service.createdTables[0];
          let at: ReportTarget | undefined;
          if (declaration) at = { file: declaration.file, range: declaration.range };
          else {
            const anchor = files.map((p) => fileByPath.get(p)!).find(readable) ?? fileByPath.get(files[0]);
            if (anchor) at = { file: anchor.path, wholeFile: true };
          }
          if (!at) continue;
          context.report({
            messageId: 'noMigrations',
            data: { service: service.name },
            at,
            help: `Create the tables of '${service.name}' in Flyway-style versioned migrations (\`migrations/V1__create_tables.sql\`, \`V2__…\`) and apply them with a migration tool on deploy.`,
            fingerprintText: service.name,
          });
        }
      },
    };
  },
});
