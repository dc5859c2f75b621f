import path from 'node:path';
import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import type { FileFacts, Range } from '../src/analysis/facts.js';
import { isMigrationPath } from '../src/model/build-model.js';
import type { ProjectModel, Service } from '../src/model/model.js';
import type { Fix } from '../src/engine/fix.js';
import { migrationNamer } from './support/next-migration.js';

/**
 * Names a migration tool can order. Each is tested against the file name and against
 * `<parent folder>/<file name>` (Prisma keeps the timestamp on the folder).
 */
export const DEFAULT_MIGRATION_PATTERNS = [
  // Flyway versioned and undo migrations: V1__init.sql, V1.2__add_mfa.sql, U1__init.sql
  '^[VU]\\d+(?:[._]\\d+)*__\\w[\\w.-]*\\.sql$',
  // Flyway repeatable migrations: R__refresh_views.sql
  '^R__\\w[\\w.-]*\\.sql$',
  // Date-time stamps (the audit's recommendation, knex, sequelize, golang-migrate, dbmate):
  // 20251015_100000_create_auth_tables.sql, 20251015100000-create-x.js
  '^(?:19|20)\\d{6}[_-]?\\d{6}[_-]\\w[\\w.-]*\\.(?:sql|[cm]?[jt]s)$',
  // Unix seconds or milliseconds (typeorm, node-pg-migrate): 1697360000000-CreateX.ts
  '^1\\d{9}(?:\\d{3})?[_-]\\w[\\w.-]*\\.(?:sql|[cm]?[jt]s)$',
  // Prisma: 20251015100000_init/migration.sql
  '^(?:19|20)\\d{12}_\\w[\\w-]*/migration\\.sql$',
];

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

/** The candidate names a pattern is tested against. */
function namesOf(filePath: string): string[] {
  const base = path.posix.basename(filePath);
  const parent = path.posix.basename(path.posix.dirname(filePath));
  return parent && parent !== '.' ? [base, `${parent}/${base}`] : [base];
}

export function compilePatterns(sources: readonly string[]): RegExp[] {
  return sources.map((source) => new RegExp(source));
}

export function matchesMigrationPattern(filePath: string, patterns: readonly RegExp[]): boolean {
  const names = namesOf(filePath);
  return patterns.some((pattern) => names.some((name) => pattern.test(name)));
}

/**
 * Files a migration-naming check applies to: every .sql file in a migrations folder of the
 * service, and scripts there whose name starts with a digit (knex, sequelize, typeorm
 * migrations); other scripts (a runner, a config) are tooling, not migrations.
 */
export function isMigrationCandidate(file: Pick<FileFacts, 'path' | 'kind'>, service: Service | undefined): boolean {
  if (!service || !isMigrationPath(file.path, service)) return false;
  if (file.kind === 'sql') return true;
  if (file.kind !== 'script') return false;
  const base = path.posix.basename(file.path);
  return /^\d/.test(base) && !/\.(?:test|spec)\.[cm]?[jt]sx?$/.test(base);
}

/** The effective patterns of this rule as configured in the project (shared with service-without-migrations). */
export function configuredMigrationPatterns(project: ProjectModel): RegExp[] {
  const entry = project.config.rules?.['migration-file-name'];
  if (Array.isArray(entry) && entry[1]) {
    const parsed = options.safeParse(entry[1]);
    if (parsed.success && parsed.data.patterns.length > 0) return compilePatterns(parsed.data.patterns);
  }
  return compilePatterns(DEFAULT_MIGRATION_PATTERNS);
}

export interface MigrationVersion {
  /** `versioned` for V-prefixed, numbered and timestamped files; `undo` for Flyway U-files. */
  kind: 'versioned' | 'undo';
  /** Normalised: leading zeros dropped per part, trailing `.0` parts dropped, `_` read as `.`. */
  version: string;
  /** Lower-cased description without direction (`.up`, `_down`) or extension. */
  description: string;
}

const EXTENSIONS = /(?:\.(?:sql|[cm]?[jt]sx?))+$/i;
const DIRECTION = /(?:[._-](?:up|down))$/i;

function normaliseVersion(raw: string): string {
  const parts = raw.split(/[._]/).map((part) => part.replace(/^0+(?=\d)/, ''));
  while (parts.length > 1 && /^0+$/.test(parts[parts.length - 1])) parts.pop();
  return parts.join('.');
}

function normaliseDescription(raw: string): string {
  return raw
    .replace(EXTENSIONS, '')
    .replace(DIRECTION, '')
    .replace(/[^a-z0-9]+/gi, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}

/** The version a migration file name declares, if any (Flyway V/U, numbers, timestamps). */
export function migrationVersion(filePath: string): MigrationVersion | undefined {
  let base = path.posix.basename(filePath);
  // Prisma: the folder carries the timestamp and name.
  if (base === 'migration.sql') base = path.posix.basename(path.posix.dirname(filePath));
  const flyway = /^([VU])(\d+(?:[._]\d+)*)__(.*)$/.exec(base);
  if (flyway) {
    return {
      kind: flyway[1] === 'U' ? 'undo' : 'versioned',
      version: normaliseVersion(flyway[2]),
      description: normaliseDescription(flyway[3]),
    };
  }
  const dateTime = /^((?:19|20)\d{6})[_-]?(\d{6})(?:[_-](.*))?$/.exec(base.replace(EXTENSIONS, ''));
  if (dateTime) return { kind: 'versioned', version: `${dateTime[1]}${dateTime[2]}`, description: normaliseDescription(dateTime[3] ?? '') };
  const numbered = /^(\d+(?:\.\d+)*)(?:[_-]+(.*))?$/.exec(base.replace(EXTENSIONS, ''));
  if (numbered) return { kind: 'versioned', version: normaliseVersion(numbered[1]), description: normaliseDescription(numbered[2] ?? '') };
  return undefined;
}

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

/** The first line of a file, for findings about the file as a whole. */
export function firstLineRange(file: FileFacts): Range {
  const next = file.lineStarts.length > 1 ? file.lineStarts[1] : undefined;
  // The runner may have released the text; the line table still bounds the line.
  const length = file.text
    ? file.text.slice(0, next ?? file.text.length).replace(/\r?\n$|\r$/, '').length
    : next !== undefined
      ? next - 1
      : 0;
  return { line: 1, column: 1, endLine: 1, endColumn: length + 1 };
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

/**
 * Renames a misnamed migration to the next free name in its folder's own scheme. The folder's other
 * misnamed files take their names first, in order, so that every suggestion of one run is distinct.
 */
function renameSuggestion(project: ProjectModel, file: FileFacts, service: Service, patterns: readonly RegExp[]): Fix | undefined {
  if (path.posix.basename(file.path) === 'migration.sql') return undefined; // Prisma: the folder carries the name.
  const folder = path.posix.dirname(file.path);
  const siblings = project.files.filter((f) => path.posix.dirname(f.path) === folder);
  const namer = migrationNamer(siblings.map((f) => f.path));
  const misnamed = siblings
    .filter((f) => isMigrationCandidate(f, service) && !matchesMigrationPattern(f.path, patterns))
    .map((f) => f.path)
    .sort();
  for (const sibling of misnamed) {
    const { description, extension } = descriptionOf(path.posix.basename(sibling));
    const name = namer.forExisting(sibling, description, extension);
    if (sibling !== file.path) continue;
    const to = `${folder}/${name}`;
    if (!matchesMigrationPattern(to, patterns)) return undefined;
    return { description: `Rename to '${name}'.`, changes: [{ kind: 'rename', file: file.path, to }] };
  }
  return undefined;
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
    const custom = context.options.patterns.length > 0;
    const patterns = compilePatterns(custom ? context.options.patterns : DEFAULT_MIGRATION_PATTERNS);
    return {
      file(event) {
        const { file, service } = event;
        if (!isMigrationCandidate(file, service) || matchesMigrationPattern(file.path, patterns)) return;
        const name = path.posix.basename(file.path);
        const example = context.options.example ?? (custom ? undefined : suggestedName(file.path));
        const help =
          'Name versioned migrations `V<version>__<description>.sql` (Flyway) or `<yyyyMMdd_HHmmss>_<description>.sql`, and run them with a migration tool that records what it applied.';
        if (example === undefined) {
          context.report({
            messageId: 'patternMismatch',
            data: { file: name, patterns: context.options.patterns.map((p) => `'${p}'`).join(', ') },
            at: { range: firstLineRange(file) },
            help,
            fingerprintText: name,
          });
          return;
        }
        const rename = custom || !service ? undefined : renameSuggestion(context.project, file, service, patterns);
        context.report({
          messageId: 'unversioned',
          data: { file: name, example },
          at: { range: firstLineRange(file) },
          ...(rename ? { suggest: [rename] } : {}),
          help,
          fingerprintText: name,
        });
      },
    };
  },
});
