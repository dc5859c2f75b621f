import path from 'node:path';
import { defineRule } from '../src/engine/define-rule.js';
import type { FileFacts } from '../src/analysis/facts.js';
import type { Service } from '../src/model/model.js';
import type { MigrationVersion } from '../src/model/migrations.js';

interface Migration {
  file: FileFacts;
  version: MigrationVersion;
}

export default defineRule({
  meta: {
    id: 'migration-duplicate-version',
    category: 'migrations',
    description: 'Disallow two migrations of one service with the same version',
    rationale:
      'Migration tools order files by version and record each version once: Flyway refuses to run two files with one version, other tools apply them in an arbitrary order or skip one. Two `001_` files in one service leave nobody sure which schema a database has.',
    defaultSeverity: 'error',
    messages: {
      duplicate: "Migration '{{file}}' of service '{{service}}' has version '{{version}}', already used by '{{first}}'.",
    },
  },
  create(context) {
    return {
      project() {
        const { project } = context;
        const groups = new Map<string, { service: Service; migrations: Migration[] }>();
        for (const file of project.files) {
          const service = project.serviceOf(file.path);
          if (!service || !project.migrations.isMigration(file)) continue;
          const version = project.migrations.versionOf(file.path);
          if (!version) continue;
          // Undo files share their versioned file's number by design; they only collide with each other.
          // A Rails plugin's own migrations (`plugins/<name>/db/migrate/`) and each folder of a Python service's (a Django
          // app's `<app>/migrations/`) are sequences of their own.
          const key = `${service.name}\0${version.sequence ?? ''}\0${version.kind}\0${version.version}`;
          const group = groups.get(key) ?? { service, migrations: [] };
          group.migrations.push({ file, version });
          groups.set(key, group);
        }
        const joined = project.migrations.joinedInHistory;
        for (const { service, migrations } of groups.values()) {
          if (migrations.length < 2) continue;
          migrations.sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0));
          for (const [index, migration] of migrations.entries()) {
            // A set of migrations for one engine (db/mysql/…, db/postgresql/…) is a sequence of its own; one no engine
            // folder names (migrations/common/) runs on every engine, beside each set. Two migrations of a Django app that
            // one history joins (one depends on the other, a merge migration on both, a squashed one replaces the other)
            // are how Django's own tools number branches: no collision.
            const first = migrations
              .slice(0, index)
              .find(
                (earlier) =>
                  (!earlier.version.engine || !migration.version.engine || earlier.version.engine === migration.version.engine) &&
                  !joined(earlier.file.path, migration.file.path),
              );
            if (!first) continue;
            // The same migration in another shape (`.up.sql`/`.down.sql`, `.ts` with its compiled `.js`,
            // per-database copies in sibling folders) shares the description too: not a second version.
            if (migration.version.description === first.version.description) continue;
            const firstName = path.posix.basename(first.file.path);
            context.report({
              messageId: 'duplicate',
              data: {
                file: path.posix.basename(migration.file.path),
                service: service.name,
                version: migration.version.version,
                first: firstName,
              },
              at: { file: migration.file.path, wholeFile: true },
              help: `Give this migration the next free version of '${service.name}', or merge it into '${firstName}' if that one was never applied anywhere.`,
              related: [
                {
                  file: first.file.path,
                  wholeFile: true,
                  message: `'${firstName}' uses version '${first.version.version}'`,
                },
              ],
              fingerprintText: `${path.posix.basename(migration.file.path)}\0${first.file.path}`,
            });
          }
        }
      },
    };
  },
});
