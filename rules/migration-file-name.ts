import path from 'node:path';
import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import type { FileFacts } from '../src/analysis/facts.js';
import type { ProjectModel } from '../src/model/model.js';
import type { Fix } from '../src/engine/fix.js';
import { normaliseVersion } from '../src/model/migrations.js';
import { migrationNamer } from './support/next-migration.js';

/** Timestamp used in suggested names of script migrations (any value of this shape works). */
const EXAMPLE_TIMESTAMP = '20250101000000';

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

const options = z.strictObject({
  patterns: z
    .array(z.string().refine(isValidRegex, { message: 'not a valid regular expression' }))
    .default([])
    .describe(
      'Regular expressions that replace the default name patterns; each is tested against the file name and against `<parent folder>/<file name>`',
    ),
  example: z.string().optional().describe('A valid name shown in messages when `patterns` is set'),
});

/** A valid name close to the file's own: `001_initial_schema.sql` → `V1__initial_schema.sql`. */
export function suggestedName(filePath: string): string {
  const base = path.posix.basename(filePath);
  const extension = /\.[^.]+$/.exec(base)?.[0] ?? '.sql';
  const stem = base.slice(0, base.length - extension.length);
  const prefix = /^[VvUuRr]?(\d+(?:[._]\d+)*)[_-]*/.exec(stem);
  const description =
    (prefix ? stem.slice(prefix[0].length) : stem).replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'description';
  if (extension.toLowerCase() !== '.sql') return `${EXAMPLE_TIMESTAMP}_${description}${extension}`;
  const version = prefix ? normaliseVersion(prefix[1]) : '1';
  return `V${version}__${description}.sql`;
}

/** `001_initial_schema.sql` → `initial_schema`; `CreateUsers.ts` → `CreateUsers`. */
function descriptionOf(base: string): { description: string; extension: string } {
  const extension = /\.[^.]+$/.exec(base)?.[0] ?? '';
  const stem = base.slice(0, base.length - extension.length);
  const prefix = /^[VvUuRr]?\d+(?:[._]\d+)*[_-]*/.exec(stem)?.[0] ?? '';
  const description =
    stem
      .slice(prefix.length)
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'migration';
  return { description, extension };
}

/** Folder → its files, then folder → misnamed file → its new name; built once per project, as every misnamed migration asks. */
const folders = new WeakMap<ProjectModel, Map<string, FileFacts[]>>();
const plans = new WeakMap<ProjectModel, Map<string, Map<string, string>>>();
/** The folders whose migrations are named by the product's release (`1.16.11-component-status.js`). */
const releaseFolders = new WeakMap<Map<string, string>, true>();

/**
 * The new name of each misnamed migration of `folder`, the next free one in the folder's own
 * scheme: the misnamed files take their names in order, so that every suggestion of one run is
 * distinct.
 */
function renamePlan(project: ProjectModel, folder: string): Map<string, string> {
  let byFolder = folders.get(project);
  if (!byFolder) {
    byFolder = new Map();
    for (const file of project.files) {
      const dir = path.posix.dirname(file.path);
      const list = byFolder.get(dir);
      if (list) list.push(file);
      else byFolder.set(dir, [file]);
    }
    folders.set(project, byFolder);
  }
  let planned = plans.get(project);
  if (!planned) plans.set(project, (planned = new Map<string, Map<string, string>>()));
  const known = planned.get(folder);
  if (known) return known;
  const siblings = byFolder.get(folder) ?? [];
  const namer = migrationNamer(siblings.map((f) => f.path));
  const plan = new Map<string, string>();
  const misnamed = siblings
    .filter((f) => project.migrations.isMigration(f) && !project.migrations.isVersionedName(f.path))
    .map((f) => f.path)
    .sort();
  for (const sibling of misnamed) {
    const { description, extension } = descriptionOf(path.posix.basename(sibling));
    plan.set(sibling, namer.forExisting(sibling, description, extension));
  }
  if (namer.scheme === 'release') releaseFolders.set(plan, true);
  planned.set(folder, plan);
  return plan;
}

/**
 * The name a message shows: the plan's in a folder named by releases (`1.17.13-cleanup.js` after `1.17.12-…`: a
 * timestamp there would sort before every release), else the fixed example close to the file's own name.
 */
function exampleName(project: ProjectModel, file: FileFacts): string {
  const plan = renamePlan(project, path.posix.dirname(file.path));
  const planned = releaseFolders.has(plan) ? plan.get(file.path) : undefined;
  return planned ?? suggestedName(file.path);
}

/** Renames a misnamed migration to the name its folder's plan gives it. */
function renameSuggestion(project: ProjectModel, file: FileFacts): Fix | undefined {
  if (path.posix.basename(file.path) === 'migration.sql') return undefined; // Prisma: the folder carries the name.
  const folder = path.posix.dirname(file.path);
  const name = renamePlan(project, folder).get(file.path);
  if (name === undefined) return undefined;
  const to = `${folder}/${name}`;
  if (!project.migrations.isVersionedName(to)) return undefined;
  return { description: `Rename to '${name}'.`, changes: [{ kind: 'rename', file: file.path, to }] };
}

export default defineRule({
  meta: {
    id: 'migration-file-name',
    category: 'migrations',
    description: 'Require migration files to carry a version or timestamp their migration tool can order',
    rationale:
      'A migration tool applies files in version order and records each version it ran. Names like `001_initial_schema.sql` next to `001_initial_schema_mysql.sql` give no reliable order and no history, so environments drift apart; Flyway `V<version>__<description>.sql` or timestamped names make the order explicit.',
    defaultSeverity: 'warn',
    messages: {
      unversioned: "Migration file '{{file}}' is not named as a versioned migration; rename it like '{{example}}'.",
      patternMismatch: "Migration file '{{file}}' matches none of the configured patterns {{patterns}}.",
    },
    options,
    examples: {
      invalid: [
        { filename: 'services/auth/migrations/001_initial_schema.sql', code: 'CREATE TABLE auth_users (id CHAR(36) PRIMARY KEY);' },
      ],
      valid: [
        { filename: 'services/auth/migrations/V1__initial_schema.sql', code: 'CREATE TABLE auth_users (id CHAR(36) PRIMARY KEY);' },
        {
          filename: 'services/auth/migrations/20251015_100000_create_auth_tables.sql',
          code: 'CREATE TABLE auth_users (id CHAR(36) PRIMARY KEY);',
        },
      ],
    },
  },
  create(context) {
    const { migrations } = context.project;
    // The patterns are the project's (src/model/migrations.ts): written here, read by every migration rule.
    const custom = migrations.configuredPatterns.length > 0;
    return {
      file(event) {
        const { file } = event;
        if (!migrations.isMigration(file) || migrations.isVersionedName(file.path)) return;
        const name = path.posix.basename(file.path);
        const example = context.options.example ?? (custom ? undefined : exampleName(context.project, file));
        const help =
          'Name versioned migrations `V<version>__<description>.sql` (Flyway) or `<yyyyMMdd_HHmmss>_<description>.sql`, and run them with a migration tool that records what it applied.';
        if (example === undefined) {
          context.report({
            messageId: 'patternMismatch',
            data: { file: name, patterns: migrations.configuredPatterns.map((p) => `'${p}'`).join(', ') },
            at: { wholeFile: true },
            help,
            fingerprintText: name,
          });
          return;
        }
        const rename = custom ? undefined : renameSuggestion(context.project, file);
        context.report({
          messageId: 'unversioned',
          data: { file: name, example },
          at: { wholeFile: true },
          ...(rename ? { suggest: [rename] } : {}),
          help,
          fingerprintText: name,
        });
      },
    };
  },
});
