import { z } from 'zod';
import { allowEntrySuggestion } from './support/allow-entry.js';
import { suggestions } from './support/text-fixes.js';
import { defineRule } from '../src/engine/define-rule.js';
import type { DatabaseKind } from '../src/analysis/facts.js';
import type { ReportTarget } from '../src/engine/types.js';
import type { DatabaseConnection, ProjectModel, Service, SettingSource, SettingVia } from '../src/model/model.js';
import { sameDatabase } from '../src/model/database-evidence.js';
import { serviceSnakeName } from '../src/model/service-names.js';
import { compileGlobs, globString } from './support/glob.js';

const options = z.strictObject({
  allow: z
    .array(globString)
    .default([])
    .describe('Databases (names or globs, case-insensitive) several services may share, e.g. a cache or an event store'),
  ignoreKinds: z
    .array(z.enum(['mysql', 'postgresql', 'mongodb', 'unknown']))
    .default([])
    .describe('Database engines whose sharing is not reported, e.g. `["mongodb"]`'),
});

function compareSources(a: SettingSource, b: SettingSource): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.line - b.range.line || a.range.column - b.range.column;
}

/** Where a service's setting is read: its first source, else (config-declared) its first file. */
function settingLocation(
  project: ProjectModel,
  service: Service,
  connection: DatabaseConnection,
): (ReportTarget & { file: string }) | undefined {
  const [first] = [...connection.sources].sort(compareSources);
  if (first) return { file: first.file, range: first.range };
  const file = project.files.filter((f) => project.serviceOf(f.path) === service).sort((a, b) => (a.path < b.path ? -1 : 1))[0];
  return file ? { file: file.path, wholeFile: true } : undefined;
}

/** How the setting the finding points at reaches the service, when it is not in the service's own files. */
function viaOf(connection: DatabaseConnection): SettingVia | undefined {
  const [first] = [...connection.sources].sort(compareSources);
  return first?.via;
}

function viaMessage(service: string, via: SettingVia): string {
  switch (via.how) {
    case 'dotenv':
      return `'${service}' loads this env file here`;
    case 'script':
      return `'${service}' starts with this env file loaded here`;
    case 'import':
      return `'${service}' imports these settings here`;
    case 'extends':
      return `'${service}' extends the compose service holding this setting here`;
    case 'interpolation':
      return `'${service}' interpolates this value here`;
    case 'helm':
      return `'${service}' gets this value in its environment through its chart's template here`;
  }
}

function listServices(names: string[]): string {
  const quoted = names.map((n) => `'${n}'`);
  if (quoted.length === 1) return `service ${quoted[0]}`;
  return `services ${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

export default defineRule({
  meta: {
    id: 'no-shared-database',
    category: 'architecture',
    description: 'Disallow several services connecting to the same database',
    rationale:
      "Services that share a database cannot be deployed, scaled, backed up or migrated independently, and nothing stops one from reading or changing another's tables. Each service should own its database and expose its data through an API or events.",
    defaultSeverity: 'error',
    messages: {
      sharedDatabase: "Service '{{service}}' shares database '{{database}}' with {{others}}.",
    },
    options,
  },
  create(context) {
    const allowed = context.options.allow.length > 0 ? compileGlobs(context.options.allow, { nocase: true }) : () => false;
    const ignoredKinds = new Set<DatabaseKind>(context.options.ignoreKinds);
    return {
      project() {
        const { project } = context;
        for (const group of project.sharedDatabases()) {
          if (allowed(group.database)) continue;
          const users = group.services.filter((u) => !ignoredKinds.has(u.connection.kind));
          for (const user of users) {
            const others = users
              .filter((o) => o.service !== user.service && sameDatabase(o.connection, user.connection))
              .sort((a, b) => (a.service.name < b.service.name ? -1 : 1));
            if (others.length === 0) continue;
            const at = settingLocation(project, user.service, user.connection);
            if (!at) continue;
            const related = others.flatMap((o) => {
              const [source] = [...o.connection.sources].sort(compareSources);
              return source
                ? [
                    {
                      file: source.file,
                      range: source.range,
                      message: `'${o.service.name}' connects to '${o.connection.name}' here (${source.key})`,
                    },
                  ]
                : [];
            });
            // A setting outside the service's folder (a root .env it loads, a shared module it imports): where it takes it from.
            const via = viaOf(user.connection);
            if (via) related.unshift({ file: via.file, range: via.range, message: viaMessage(user.service.name, via) });
            const ownName = `${group.database}_${serviceSnakeName(user.service.name)}`;
            context.report({
              messageId: 'sharedDatabase',
              data: { service: user.service.name, database: user.connection.name, others: listServices(others.map((o) => o.service.name)) },
              at,
              // An agreed, temporary sharing is recorded in the config with its reason, not in code.
              suggest: suggestions(allowEntrySuggestion(project, 'no-shared-database', 'error', group.database, 'database')),
              help: `Give '${user.service.name}' its own database (e.g. '${ownName}') and reach the other services' data through their APIs or events.`,
              related,
              fingerprintText: `${group.database.toLowerCase()}\0${user.service.name}`,
            });
          }
        }
      },
    };
  },
});
