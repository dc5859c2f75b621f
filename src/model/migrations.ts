/**
 * What counts as a migration, and what version it carries: the one place that knows, for the
 * table history (migrations are replayed first, in version order) and for every rule about
 * migrations (their names, their versions, whether a service has any).
 */
import path from 'node:path';
import { isEngineWord } from '../analysis/engine-names.js';
import { factsSummary, type FileFacts, type MigrationRunnerSettings } from '../analysis/facts.js';
import { compileFolderGlob, compileGlobs, hasGlobSyntax, trimFolderPattern, type GlobMatcher } from '../config/glob.js';
import type { JoinedInHistory } from './django-history.js';
import type { Service } from './model.js';
import { isTestFile } from './paths.js';
import { withinService } from './schema-stubs.js';
import { isMigrationToolTable } from './table-names.js';
import { isToolMigration, NO_TOOL_MIGRATIONS, type ToolMigrations } from './tool-migrations.js';

/**
 * A calendar date with an optional time of day, the version most tools stamp: compact (`20231215`, `2024082715`,
 * `202408271511`, `20240827151100`: 8, 10, 12 or 14 digits) or with separators (`2023-12-15`, `2024_02_01`,
 * `2024.01.10`, then `T10-00`, `-09-39`, `_100000`, `.10.00.00`), to the millisecond with ISO 8601's `Z` (Kysely's
 * `new Date().toISOString().replace(/[^a-z0-9]/gi, '')`: `20230309T045948368Z`, Bluesky's services). The month, day, hour,
 * minute and second are checked, so a 13-digit number or a sequence is never read as one.
 */
const DATE_TIME =
  '(?:19|20)\\d{2}(?<dateSeparator>[-_.]?)(?:0[1-9]|1[0-2])\\k<dateSeparator>(?:0[1-9]|[12]\\d|3[01])(?:[-_.T]?(?:[01]\\d|2[0-3])(?:[-_.:]?[0-5]\\d(?:[-_.:]?[0-5]\\d(?:\\.?\\d{3}Z)?)?)?)?(?!\\d)';
/**
 * A release (semver, with an optional pre-release) followed by a timestamp: Logto's `1.0.0-1678199795`,
 * `1.0.0_rc.0-1674987042`, and its early ones, numbered within the release (`1.0.0_beta.10-1`, `1.0.0_rc.0-1674032095.1`).
 */
const RELEASE_TIMESTAMP = '\\d+\\.\\d+\\.\\d+(?:[-_][0-9A-Za-z.]+?)?-\\d+(?:\\.\\d+)?';

/**
 * A dotted release of three parts or more at the start of a name (`1.0.21`, `1.16.11`, `2.8.0.1`): a version, ordered
 * numerically per part (`1.16.11` after `1.2.2`), see `releaseOrderKey`.
 */
const RELEASE_NAME_SOURCE = '\\d+\\.\\d+\\.\\d+(?:\\.\\d+)*';

/**
 * Names a migration tool can order. Each is tested against the file name and against
 * `<parent folder>/<file name>` (Prisma keeps the timestamp on the folder).
 */
export const DEFAULT_MIGRATION_PATTERNS: readonly string[] = [
  // Flyway versioned and undo migrations: V1__init.sql, V1.2__add_mfa.sql, U1__init.sql
  '^[VU]\\d+(?:[._]\\d+)*__\\w[\\w.-]*\\.sql$',
  // Flyway repeatable migrations: R__refresh_views.sql
  '^R__\\w[\\w.-]*\\.sql$',
  // A leading date or date-time (see DATE_TIME): the audit's 20251015_100000_create_auth_tables.sql, knex's and
  // sequelize's 20251015100000-create-x.js and 20231215_init.js, Kysely's 2023-09-01T10-00_init.ts, knex-migrator's
  // 2022-05-03-09-39-name.js, umzug's 2024.01.10T10.00.00.create-users.js, Directus's 20201028A-name.js (a letter
  // orders one day's), MikroORM's Migration20240110103000.ts (the class is named after the file, 12 or 14 digits),
  // Atlas's bare 20240301120000.sql
  `^(?:Migration)?${DATE_TIME}[A-Z]?(?:[-_.]\\w[\\w.-]*)?\\.(?:sql|[cm]?[jt]s)$`,
  // Unix seconds or milliseconds (typeorm, node-pg-migrate): 1697360000000-CreateX.ts
  '^1\\d{9}(?:\\d{3})?[_-]\\w[\\w.-]*\\.(?:sql|[cm]?[jt]s)$',
  // A release, then a timestamp: Logto's alterations, 1.0.0-1678199795-add-verification-status-table.ts,
  // 1.0.0_rc.0-1674987042-drop-settings.ts (ordered by release, then by the timestamp)
  `^${RELEASE_TIMESTAMP}-\\w[\\w.-]*\\.(?:sql|[cm]?[jt]s)$`,
  // The folder carries the version (a date-time, a timestamp or a sequence) and the name: Prisma Migrate's
  // 20251015100000_init/migration.sql and 01_init/migration.sql (it records each applied folder in _prisma_migrations),
  // Hasura's 1700000000000_create_table_x/up.sql and down.sql, Diesel's 2024-03-01-120000_create_users/up.sql
  '^(?:\\d+|(?:19|20)\\d{2}-\\d{2}-\\d{2}-\\d{6})_\\w[\\w-]*/(?:migration|up|down)\\.sql$',
  // golang-migrate, dbmate-style pairs: 000001_create_users.up.sql / .down.sql
  '^\\d+_\\w[\\w.-]*\\.(?:up|down)\\.sql$',
  // Kysely's and Laravel's underscore dates, a sequence or a time after them: 2024_02_01_000_merchants.ts, 2024_02_01_000000_x.sql
  '^(?:19|20)\\d{2}_\\d{2}_\\d{2}_\\d+_\\w[\\w.-]*\\.(?:sql|[cm]?[jt]s)$',
  // postgrator: 001.do.create-users.sql and its down migration 001.undo.create-users.sql (the description is optional)
  '^\\d+\\.(?:do|undo)\\.(?:\\w[\\w.-]*\\.)?(?:sql|[cm]?js)$',
  // drizzle-kit, in its default `out` folder: drizzle/0000_sturdy_wolverine.sql (meta/_journal.json orders them)
  '^drizzle/\\d{4}_\\w[\\w-]*\\.sql$',
  // graphile-migrate: migrations/committed/000001.sql (or 000001-name.sql), each hashing its predecessor
  '^committed/\\d{6}(?:-[\\w.-]+)?\\.sql$',
  // graphile-migrate's migration being written, migrations/current.sql: committed (and numbered) by the tool, never renamed by hand
  '^migrations/current\\.sql$',
  // yoyo (Python): 0001.create-users.sql and its rollback 0001.create-users.rollback.sql
  '^\\d+\\.\\w[\\w-]*(?:\\.rollback)?\\.sql$',
  // A module's release (see MODULE_RELEASE): EverShop's modules/<module>/migration/Version-1.0.3.js, Version-1.0.10.ts
  '^Version-\\d+\\.\\d+\\.\\d+\\.[cm]?[jt]s$',
];

/**
 * A migration named by its module's release, `Version-<major>.<minor>.<patch>`: EverShop's migrator runs each module's
 * `migration/Version-X.Y.Z.js` newer than the version its `migration` table records for that module, in semver order
 * (`1.0.10` after `1.0.9`). Each module's folder is a sequence of its own: twelve modules each have a `Version-1.0.0.js`.
 */
const MODULE_RELEASE = /^Version-(\d+\.\d+\.\d+)\.[cm]?[jt]s$/;

/**
 * A sequence number alone (`001_positions.sql`) orders nothing unless a tool applies the files in
 * that order and records what it ran (the audit's `001_initial_schema.sql`, run by hand, does not):
 * accepted by default only in a service that runs its migrations itself (see `migrationRunners`).
 */
const NUMBERED = /^\d+[_-]\w[\w.-]*\.(?:sql|[cm]?[jt]s)$/;

/**
 * The product's release, then an optional description (see RELEASE_NAME_SOURCE): blocklet-server's core migrations
 * `1.0.21-update-config.js`, `1.0.25.js`, `1.16.11-component-status.js`, run past the installed release in release order.
 * Versioned with the default patterns, except in Logto's `alterations/`, whose tool needs a timestamp after the release.
 */
const RELEASE_NAMED_FILE = new RegExp(`^${RELEASE_NAME_SOURCE}(?:[-_]\\w[\\w.-]*)?\\.(?:sql|[cm]?[jt]s)$`);

/**
 * Flyway SQL callbacks: named after the event they run on (`afterMigrate.sql`, `beforeEachMigrate__vacuum.sql`),
 * run on every `flyway migrate` (or clean, info…) and never versioned. They sit beside the migrations but are
 * not migrations: renaming one `V1__…` would turn a hook into a one-off change.
 */
const FLYWAY_CALLBACK =
  /^(?:before(?:Migrate|Repeatables|EachMigrate|EachMigrateStatement|Undo|EachUndo|EachUndoStatement|Clean|Info|Validate|Baseline|Repair|CreateSchema|Connect)|after(?:EachMigrateStatement|EachMigrateStatementError|EachMigrate|EachMigrateError|Migrate|MigrateApplied|Versioned|MigrateError|EachUndoStatement|EachUndoStatementError|EachUndo|EachUndoError|Undo|UndoError|Clean|CleanError|Info|InfoError|Validate|ValidateError|Baseline|BaselineError|Repair|RepairError|Connect)|createSchema)(?:__[\w.-]+)?\.sql$/;

/** A Flyway callback script (see FLYWAY_CALLBACK): SQL of its service, not a migration. */
export function isFlywayCallback(filePath: string): boolean {
  return FLYWAY_CALLBACK.test(path.posix.basename(filePath));
}

/** Folders migration tools read by default. */
const MIGRATION_FOLDER = /(^|\/)(migrations?|db\/migrate|flyway|liquibase)\//i;
/**
 * drizzle-kit's default `out`: the SQL it generates there (its code, `src/drizzle/schema.ts`, is no migration), and its
 * `0000_<name>.sql` files in a folder below it, one `out` per database (`drizzle/manage/`, `drizzle/runtime/`, each with its
 * own `meta/_journal.json`: HELDOUT15 #8).
 */
const DRIZZLE_OUT = /(^|\/)(drizzle)\/(?:[^/]+\.sql|[^/]+\/\d{4}_\w[\w-]*\.sql)$/i;
/** drizzle-kit's SQL in an `out` folder per database (DRIZZLE_OUT's second form): named as the tool names it, so versioned. */
const DRIZZLE_DATABASE_MIGRATION = /(?:^|\/)drizzle\/[^/]+\/\d{4}_\w[\w-]*\.sql$/i;
/** A drizzle-kit `out` folder per database (DRIZZLE_OUT): `drizzle/<database>/`, a sequence of its own. */
const DRIZZLE_DATABASE_OUT = /(?:^|\/)drizzle\/[^/]+$/i;

/**
 * Migrations another language's tool writes, names and runs in name order (the files src/discovery/schema-code.ts
 * reads): versioned whatever the project's patterns say, as their tool generates the name. Only the migrations
 * themselves: EF Core's `.Designer.cs` halves and model snapshot, and Rails' other Ruby, are not.
 */
const CODE_MIGRATIONS: ReadonlyArray<{ folder: RegExp; name: (base: string) => boolean }> = [
  // Rails: db/migrate/20240110120000_create_users.rb (Active Record runs `<digits>_<name>.rb`), a second database's db/<name>_migrate/
  { folder: /(?:^|\/)db\/[^/]*migrate\/$/, name: (base) => base.endsWith('.rb') && /^\d+_/.test(base) },
  // Laravel: database/migrations/2024_01_15_000000_create_products_table.php (the migrator runs every `*_*.php` there, by name)
  { folder: /(?:^|\/)database\/migrations\//, name: (base) => base.endsWith('.php') && base.includes('_') },
  // EF Core: Migrations/20240201093000_InitialCreate.cs (`dotnet ef migrations add` stamps the class's id)
  { folder: /(?:^|\/)Migrations\//, name: (base) => /^\d{14}_\w+\.cs$/.test(base) },
  // Django: <app>/migrations/0001_initial.py (`makemigrations` numbers each app's; `migrate` runs them in that order, see tool-migrations.ts)
  { folder: /(?:^|\/)migrations\/$/, name: (base) => /^\d{4,}_\w+\.py$/.test(base) },
];

/** A migration of another language's tool (see CODE_MIGRATIONS), by its path. */
export function isCodeMigration(filePath: string): boolean {
  const slash = filePath.lastIndexOf('/');
  const folder = filePath.slice(0, slash + 1);
  const base = filePath.slice(slash + 1);
  return CODE_MIGRATIONS.some((tool) => tool.name(base) && tool.folder.test(folder));
}

/** The usual migration folder in `filePath` (`services/a/db/migrations/`), with its index, for discovery. */
export function migrationFolderMatch(filePath: string): RegExpExecArray | null {
  return MIGRATION_FOLDER.exec(filePath) ?? DRIZZLE_OUT.exec(filePath);
}

/** Compiled once per service: this is asked for every file of every service. */
const migrationMatchers = new WeakMap<Service, { match: GlobMatcher; replacesDefaults: boolean }>();

/**
 * A path inside a `migrations` folder of its service: the configured migration globs, else the
 * usual folder names and what migration tools' own files declare (a Sqitch plan's `deploy/`
 * scripts, a Liquibase changelog's includes, Flyway's `locations`; never Sqitch's `revert/` or
 * `verify/` scripts, which are not applied forward). Configured folders inside the service's
 * roots replace the usual names there; folders only outside them (a root `migrations/<service>/`)
 * add to them.
 */
export function isMigrationPath(filePath: string, service: Service | undefined, tools: ToolMigrations = NO_TOOL_MIGRATIONS): boolean {
  if (service && service.migrations.length > 0) {
    let compiled = migrationMatchers.get(service);
    if (!compiled) {
      const folders = service.migrations.map(trimFolderPattern);
      // A folder (`services/auth/db/changes`) means everything below it.
      compiled = {
        match: compileGlobs(folders.flatMap((g) => [g, `${g}/**`])),
        replacesDefaults: folders.some((f) => insideRoots(f, service)),
      };
      migrationMatchers.set(service, compiled);
    }
    if (compiled.match(filePath)) return true;
    if (compiled.replacesDefaults) return false;
  }
  if (tools.companions.has(filePath)) return false;
  if (inTestSources(filePath, service)) return false;
  return (
    migrationFolderMatch(filePath) !== null ||
    isToolMigration(tools, filePath) ||
    isCodeMigration(filePath) ||
    RELEASE_ALTERATION.test(filePath) ||
    engineUpgrade(filePath) !== undefined
  );
}

/**
 * Roundcube's upgrade scripts (`SQL/postgres/2011092800.sql`: a date and a two-digit serial, in a folder named for its
 * engine), which `bin/updatedb.sh` runs in name order past the version its `system` table keeps: each engine folder's
 * migrations, a sequence per engine (MigrationVersion.engine).
 */
const ENGINE_UPGRADE = /(?:^|\/)([^/]+)\/(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d\d\.sql$/i;

/** ENGINE_UPGRADE's match, when the folder is named for an engine (src/analysis/engine-names.ts). */
function engineUpgrade(filePath: string): RegExpExecArray | undefined {
  const m = ENGINE_UPGRADE.exec(filePath);
  return m && isEngineWord(m[1]) ? m : undefined;
}

/**
 * Where an engine folder's upgrade script (ENGINE_UPGRADE) replays: by its version among every engine's (the folder left
 * out: `SQL/2011092800.sql`), as the engines' scripts of one version are one upgrade written per engine; undefined for any
 * other file. The table a version's scripts drop was in use in each engine's scripts before it.
 */
export function engineUpgradeOrderKey(filePath: string): string | undefined {
  const m = engineUpgrade(filePath);
  if (!m) return undefined;
  const folderStart = m.index + (m[0].startsWith('/') ? 1 : 0);
  return filePath.slice(0, folderStart) + filePath.slice(folderStart + m[1].length + 1);
}

/** A release-named migration (RELEASE_NAME_SOURCE), the release in group 1; never Logto's release-and-timestamp names. */
const RELEASE_NAMED = new RegExp(`^(${RELEASE_NAME_SOURCE})(?=[-_.])`);
const RELEASE_TIMESTAMP_NAME = new RegExp(`^${RELEASE_TIMESTAMP}(?:-|\\.[cm]?[jt]s$|\\.sql$)`);

/**
 * Where a release-named migration (`1.16.11-component-status.js`) replays among its folder's: by its release read
 * numerically per part, so `1.16.11` comes after `1.2.2` as the runner applies them, not by name; undefined for any other file.
 */
export function releaseOrderKey(filePath: string): string | undefined {
  const slash = filePath.lastIndexOf('/');
  const base = filePath.slice(slash + 1);
  const m = RELEASE_NAMED.exec(base);
  if (!m || RELEASE_TIMESTAMP_NAME.test(base)) return undefined;
  const padded = m[1]
    .split('.')
    .map((part) => part.padStart(9, '0'))
    .join('.');
  return `${filePath.slice(0, slash + 1)}${padded}${base.slice(m[1].length)}`;
}

/** Logto's alterations (`packages/schemas/alterations/1.0.0-1678199795-name.ts`): its migrations, which `logto db alteration deploy` runs. */
const RELEASE_ALTERATION = new RegExp(`(?:^|/)alterations/${RELEASE_TIMESTAMP}-[^/]+\\.(?:sql|[cm]?[jt]s)$`);

/**
 * A path in the service's test sources: Maven's and Gradle's `src/test/resources/db/migration` (Flyway adds it to
 * the main location in tests only), a testcontainers or H2 schema, `test/fixtures/migrations`. Migrations there
 * build a throw-away database for the tests, stubbing the tables the service's queries need, another service's
 * among them: they are no part of the service's history (never replayed, never judged as migrations) and their
 * CREATE TABLEs are stubs (schema-stubs.ts), not the service's tables. Configured `migrations` folders still count.
 */
export function inTestSources(filePath: string, service: Service | undefined): boolean {
  return isTestFile(service ? withinService(filePath, service) : filePath);
}

/** Whether a configured folder (or glob) lies in one of the service's roots: its fixed part is below one. */
function insideRoots(folder: string, service: Service): boolean {
  const parts = folder.split('/');
  const firstGlob = parts.findIndex(hasGlobSyntax);
  const fixed = firstGlob < 0 ? parts : parts.slice(0, firstGlob);
  // `**/migrations` may be anywhere, in the roots too.
  if (fixed.length === 0) return true;
  const probe = `${fixed.join('/')}/-`;
  return service.roots.some((root) => {
    const clean = trimFolderPattern(root);
    return clean === '' || clean === '.' || compileFolderGlob(clean)(probe);
  });
}

/**
 * A migration file: every .sql file in a migrations folder of its service but Flyway's callbacks, and
 * scripts there whose name starts with a digit (knex, sequelize, typeorm migrations); other scripts (a
 * runner, a config) are tooling, not migrations.
 */
export function isMigrationFile(
  file: Pick<FileFacts, 'path' | 'kind'>,
  service: Service | undefined,
  tools: ToolMigrations = NO_TOOL_MIGRATIONS,
): boolean {
  // The file's kind and name first: rules ask this of every file of the project, and most are no candidate at all.
  return !!service && isMigrationCandidate(file, tools) && isMigrationPath(file.path, service, tools);
}

/** What isMigrationFile asks of the file itself, wherever it lies. */
function isMigrationCandidate(file: Pick<FileFacts, 'path' | 'kind'>, tools: ToolMigrations): boolean {
  if (file.kind === 'sql') return !isFlywayCallback(file.path);
  // A Liquibase changelog with changeSets of its own: its changes are migrations, versioned by their ids.
  if (file.kind === 'other')
    return isChangelogMigration(file.path, tools) || isAlembicRevision(file.path, tools) || isCodeMigration(file.path);
  if (file.kind !== 'script') return false;
  const base = path.posix.basename(file.path);
  return (/^(?:\d|Migration\d)/.test(base) || MODULE_RELEASE.test(base)) && !/\.(?:test|spec)\.[cm]?[jt]sx?$/.test(base);
}

/** An Alembic revision the tools order (see tool-migrations.ts): versioned by its `revision` id, whatever its file name. */
function isAlembicRevision(filePath: string, tools: ToolMigrations): boolean {
  return tools.ordered.has(filePath) && filePath.endsWith('.py');
}

/** A changelog the tools order (see tool-migrations.ts): no SQL or code file, so a Liquibase changelog with changeSets. */
function isChangelogMigration(filePath: string, tools: ToolMigrations): boolean {
  return tools.ordered.has(filePath) && /\.(?:ya?ml|json|xml)$/i.test(filePath);
}

export interface MigrationVersion {
  /** `versioned` for V-prefixed, numbered and timestamped files; `undo` for Flyway U-files and postgrator `.undo.` files. */
  kind: 'versioned' | 'undo';
  /** Normalised: leading zeros dropped per part, trailing `.0` parts dropped, `_` read as `.`. */
  version: string;
  /** Lower-cased description without direction (`.up`, `_down`) or extension. */
  description: string;
  /**
   * The engine a folder of its path names (`db/mysql/migrations/01_init/migration.sql` is `mysql`): a service's set of
   * migrations for one engine is a sequence of its own, beside its sets for others. Absent when no folder names one.
   */
  engine?: string;
  /**
   * A Rails plugin's or engine's own migrations (`plugins/<name>/db/migrate/`, `vendor/plugins/<name>/db/migrate/`,
   * `extra/<name>/db/migrate/`, `engines/<name>/db/migrate/`), the folder up to its name: Redmine's plugin migrator
   * records them as `1-<name>` and Rails engines copy theirs, so their versions are a sequence of their own beside the
   * app's `db/migrate/`; a module's release-named migrations (EverShop's `modules/<module>/migration/Version-1.0.0.js`, see
   * MODULE_RELEASE), their folder; a Python migration's folder (a Django app's `<app>/migrations/`, a sqlalchemy-migrate
   * repository's `versions/`): those tools number each folder on its own. Absent for the app's own.
   */
  sequence?: string;
}

// eslint-disable-next-line regexp/no-super-linear-backtracking -- a file name: at most 255 bytes
const DATE_TIME_STAMP = new RegExp(`^(${DATE_TIME})([A-Z](?![A-Za-z\\d]))?(?:[-_.]+(.*))?$`);
const RELEASE_TIMESTAMP_STAMP = new RegExp(`^(${RELEASE_TIMESTAMP})(?:-(.*))?$`);

/** File names whose folder carries the version: Prisma's `migration.sql`, Hasura's `up.sql` / `down.sql`. */
const FOLDER_VERSIONED = /^(?:migration|up|down)\.sql$/;
const EXTENSIONS = /(?:\.(?:sql|[cm]?[jt]sx?|rb|php|cs|py))+$/i;
const DIRECTION = /(?:[._-](?:up|down))$/i;

/** `001` → `1`, `1_2` → `1.2`, `2.0` → `2`. */
export function normaliseVersion(raw: string): string {
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

/**
 * The version a migration file name declares, if any (Flyway V/U, numbers, timestamps, dates, a release and a timestamp),
 * with its release folder (`versions/5.0/…` is `5.0/…`) and the engine its folders name: a folder named for an engine
 * (`db/mysql/migrations/`, `migrations/sqlite/`, `db/clickhouse/`, src/analysis/engine-names.ts) holds the migrations of one
 * engine, when a service keeps a set per engine it runs on (Prisma Migrate's per-provider sets, TypeORM's per-driver folders).
 */
export function migrationVersion(filePath: string): MigrationVersion | undefined {
  let folder = path.posix.dirname(filePath);
  let base = path.posix.basename(filePath);
  // Prisma (`migration.sql`) and Hasura (`up.sql`, `down.sql`): the folder carries the timestamp and name.
  if (FOLDER_VERSIONED.test(base)) {
    base = path.posix.basename(folder);
    folder = path.posix.dirname(folder);
  }
  const moduleRelease = MODULE_RELEASE.exec(base);
  // A module's releases (EverShop): the module's folder is their sequence.
  if (moduleRelease) return { kind: 'versioned', version: normaliseVersion(moduleRelease[1]), description: '', sequence: folder };
  const named = nameVersion(base);
  if (!named) return undefined;
  // knex-migrator's versions/5.0/, versions/1.25/: each release's folder is a sequence of its own, first by release.
  const release = path.posix.basename(folder);
  const version = RELEASE_FOLDER.test(release) ? { ...named, version: `${release}/${named.version}` } : named;
  const engine = folder.split('/').find(isEngineWord);
  const plugin = PLUGIN_MIGRATIONS.exec(folder);
  // Python's migration tools number per folder: Django per app (`("billing", "0003_other")` is the key, and
  // `lava_results_app/migrations/0003_…` is another app's third), sqlalchemy-migrate per repository, yoyo per folder it is
  // given; Alembic orders by the revision ids inside the files. A number is only ever shared within its own folder.
  // drizzle-kit numbers each `out` folder from 0000 (`drizzle/manage/0000_…` beside `drizzle/runtime/0000_…`).
  const sequence = plugin ? plugin[1] : filePath.endsWith('.py') || DRIZZLE_DATABASE_OUT.test(folder) ? folder : undefined;
  return {
    ...version,
    ...(engine ? { engine: engine.toLowerCase() } : {}),
    ...(sequence !== undefined ? { sequence } : {}),
  };
}

/** A Rails plugin's or engine's migrations folder (MigrationVersion.sequence): the part up to the plugin's name. */
const PLUGIN_MIGRATIONS = /^((?:.*\/)?(?:plugins|engines|extra)\/[^/]+)\/db\/migrate(?:\/|$)/;

/** A release's folder (`5.0`, `1.25`, `v2.1`): knex-migrator keeps each release's migrations in `versions/<release>/`. */
const RELEASE_FOLDER = /^v?\d+(?:\.\d+)+$/;
/** The version the file name (or a version folder's name) declares. */
function nameVersion(base: string): MigrationVersion | undefined {
  const flyway = /^([VU])(\d+(?:[._]\d+)*)__(.*)$/.exec(base);
  if (flyway) {
    return {
      kind: flyway[1] === 'U' ? 'undo' : 'versioned',
      version: normaliseVersion(flyway[2]),
      description: normaliseDescription(flyway[3]),
    };
  }
  // postgrator: 001.do.create-users.sql, 001.undo.create-users.sql
  const postgrator = /^(\d+)\.(do|undo)(?:\.(.*))?$/.exec(base.replace(EXTENSIONS, ''));
  if (postgrator) {
    return {
      kind: postgrator[2] === 'undo' ? 'undo' : 'versioned',
      version: normaliseVersion(postgrator[1]),
      description: normaliseDescription(postgrator[3] ?? ''),
    };
  }
  // yoyo: 0001.create-users.sql, its rollback 0001.create-users.rollback.sql (an undo of the same version)
  const yoyo = /^(\d+)\.(\w[\w-]*)(\.rollback)?\.sql$/.exec(base);
  if (yoyo) return { kind: yoyo[3] ? 'undo' : 'versioned', version: normaliseVersion(yoyo[1]), description: normaliseDescription(yoyo[2]) };
  // MikroORM names the file after its class: Migration20240110103000.ts, Migration202408271511.ts
  const stem = base.replace(EXTENSIONS, '').replace(/^Migration(?=\d)/, '');
  // Kysely / Laravel: 2024_02_01_000_merchants, read as the date and its sequence (20240201000), not as '2024'; Laravel's
  // own first migrations are dated 0001_01_01 (0001_01_01_000000_create_users_table, …_000001_create_cache_table).
  const underscoreDate = /^(\d{4})_(\d{2})_(\d{2})_(\d+)_(.*)$/.exec(stem);
  if (underscoreDate) {
    const [, year, month, day, sequence, description] = underscoreDate;
    return { kind: 'versioned', version: `${year}${month}${day}${sequence}`, description: normaliseDescription(description) };
  }
  // A date-time stamp (DATE_TIME): compact as written (20231215, 202408271511, 20240827151100, Directus's 20201028A with
  // the letter that orders one day's); with separators read to the second (2023-09-01T10-00 is 20230901100000,
  // knex-migrator's 2022-05-03-09-39 is 20220503093900), so a later time is a later version, not '2023' twice.
  const dateTime = DATE_TIME_STAMP.exec(stem);
  if (dateTime) {
    const [, stamp, , letter = '', description = ''] = dateTime; // (the second group is DATE_TIME's separator)
    const digits = stamp.replace(/\D/g, '');
    const version = `${/\D/.test(stamp) ? digits.padEnd(14, '0') : digits}${letter}`;
    return { kind: 'versioned', version, description: normaliseDescription(description) };
  }
  // Logto: 1.0.0-1678199795-add-verification-status-table, the release and the timestamp together.
  const release = RELEASE_TIMESTAMP_STAMP.exec(stem);
  if (release) return { kind: 'versioned', version: release[1], description: normaliseDescription(release[2] ?? '') };
  // eslint-disable-next-line regexp/no-super-linear-backtracking -- a file name: at most 255 bytes
  const numbered = /^(\d+(?:\.\d+)*)(?:[_-]+(.*))?$/.exec(stem);
  if (numbered) return { kind: 'versioned', version: normaliseVersion(numbered[1]), description: normaliseDescription(numbered[2] ?? '') };
  return undefined;
}

/**
 * Sibling sets of migrations a runner chooses one of at run time (`migrationGroups`): each set's folder, and the
 * migrations of a folder beside them that the sets' migrations import (shared code, no set of its own).
 */
export interface MigrationGroups {
  folders: ReadonlySet<string>;
  shared: ReadonlySet<string>;
  /** A set folder a migration runner is pointed at → its runner's sequence (`runnerSequences`). */
  runners: ReadonlyMap<string, string>;
}

const NO_GROUPS: MigrationGroups = { folders: new Set(), shared: new Set(), runners: new Map() };

/** The folder of a migration's set: its own, or its version folder's parent (Prisma's `<version>_<name>/migration.sql`). */
function setFolder(filePath: string): string {
  const folder = path.posix.dirname(filePath);
  return FOLDER_VERSIONED.test(path.posix.basename(filePath)) ? path.posix.dirname(folder) : folder;
}

const SCRIPT_EXTENSION = /\.[cm]?[jt]s$/;

/**
 * Sets of migrations kept side by side, one per database or tenant, of which a runner of the same service chooses one at
 * run time: blocklet-server's `packages/models/lib/migrations/{server,blocklet,service,certificate-manager,connect}/`, which
 * its umzug reads as `glob: [\`migrations/${group}/*.js\`, { cwd: __dirname }]` with one SequelizeStorage per database file.
 * Each set is a sequence of its own (MigrationVersion.sequence), as an engine's folder is: its versions are recorded in
 * its own database. The evidence is the runner's path with a variable folder (ScriptFacts.folderTemplates) whose fixed
 * part is the sets' parent folder (from the module's folder, or ending the parent's path when relative to the working
 * directory), and two folders or more holding migrations there; two sibling folders alone are no evidence (a real
 * duplicate in one sequence is still one). A folder beside the sets every migration of which the sets' migrations import
 * (blocklet's `migrations/common/`, `require("../common/20250117000000-notification-receiver")`) is shared code the runner
 * never chooses: its files have no version of their own.
 */
export function migrationGroups(
  files: readonly Pick<FileFacts, 'path' | 'kind' | 'script'>[],
  serviceOf: (path: string) => Service | undefined,
  tools: ToolMigrations = NO_TOOL_MIGRATIONS,
): MigrationGroups {
  const templates = new Map<Service, Array<{ from: string; prefix: string; relativeTo: 'file' | 'cwd' }>>();
  for (const file of files) {
    // Facts decoded on first read tell it by their summary: a one-file run decodes no module that builds no such path.
    const summary = factsSummary(file);
    if (summary && !summary.folderTemplates) continue;
    const found = file.script?.folderTemplates;
    const service = found && found.length > 0 ? serviceOf(file.path) : undefined;
    if (!service) continue;
    const list = templates.get(service) ?? [];
    for (const t of found!) list.push({ from: file.path, prefix: t.prefix, relativeTo: t.relativeTo });
    templates.set(service, list);
  }
  const runners = runnerSequences(files, serviceOf, tools);
  if (templates.size === 0) return runners.size === 0 ? NO_GROUPS : { ...NO_GROUPS, runners };
  // parent folder → set folder → its migrations
  const sets = new Map<string, Map<string, Array<Pick<FileFacts, 'path' | 'script'>>>>();
  const owners = new Map<string, Service>();
  for (const file of files) {
    const service = serviceOf(file.path);
    if (!service || !templates.has(service) || !isMigrationFile(file, service, tools)) continue;
    const folder = setFolder(file.path);
    const parent = path.posix.dirname(folder);
    if (parent === '.' || parent === folder) continue;
    const children = sets.get(parent) ?? new Map<string, Array<Pick<FileFacts, 'path' | 'script'>>>();
    children.set(folder, [...(children.get(folder) ?? []), file]);
    sets.set(parent, children);
    owners.set(parent, service);
  }
  const folders = new Set<string>();
  const shared = new Set<string>();
  for (const [parent, children] of sets) {
    if (children.size < 2) continue;
    const chooses = templates.get(owners.get(parent)!)!.some((t) => {
      if (t.relativeTo === 'file') return path.posix.join(path.posix.dirname(t.from), t.prefix) === parent;
      const fixed = t.prefix.replace(/^(?:\.\.\/)+/, '');
      return parent === fixed || parent.endsWith(`/${fixed}`);
    });
    if (!chooses) continue;
    // What each set's migrations import from a sibling folder, by path without its extension.
    const importedFromOthers = new Set<string>();
    for (const [folder, migrations] of children)
      for (const migration of migrations)
        for (const i of migration.script?.imports ?? []) {
          if (!i.specifier.startsWith('.')) continue;
          const target = path.posix.join(path.posix.dirname(migration.path), i.specifier).replace(SCRIPT_EXTENSION, '');
          if (path.posix.dirname(target) !== folder) importedFromOthers.add(target);
        }
    for (const [folder, migrations] of children) {
      if (migrations.every((m) => importedFromOthers.has(m.path.replace(SCRIPT_EXTENSION, ''))))
        for (const m of migrations) shared.add(m.path);
      else folders.add(folder);
    }
  }
  return { folders, shared, runners };
}

/**
 * The migration folders runners are pointed at (ScriptFacts.migrationRunners), each a sequence of its own: process-engine's
 * repository packages each run an umzug over `path.join(__dirname, 'migrations')`, numbered from `01_…` in every package of
 * one service, as a knexfile's `directory` or a Sequelize CLI's `migrations-path` is one sequence. Returns each set folder
 * (setFolder) a runner reads → the runner's sequence: its folders, sorted and joined, so one runner reading two folders
 * (knex's `directory: ['./db/migrations', './db/patches']`) keeps them one sequence, and two runners over one folder (a
 * knexfile's environments) agree. A folder from the module (`__dirname`) is joined to the module's folder; one from the
 * working directory to the nearest folder of the module's path (its own first: knex's CLI runs in the knexfile's folder)
 * below which it holds migrations. A folder no runner is pointed at keeps its service's sequence.
 */
function runnerSequences(
  files: readonly Pick<FileFacts, 'path' | 'kind' | 'script'>[],
  serviceOf: (path: string) => Service | undefined,
  tools: ToolMigrations,
): Map<string, string> {
  const found: Array<{ from: string; folders: MigrationRunnerSettings[] }> = [];
  for (const file of files) {
    // Facts decoded on first read tell it by their summary: a one-file run decodes no module configuring no runner.
    const summary = factsSummary(file);
    if (summary && !summary.migrationRunners) continue;
    const runners = file.script?.migrationRunners?.filter((r) => r.folders.length > 0);
    if (runners && runners.length > 0) found.push({ from: file.path, folders: runners });
  }
  const sequences = new Map<string, string>();
  if (found.length === 0) return sequences;
  const setFolders = new Set<string>();
  for (const file of files) if (isMigrationFile(file, serviceOf(file.path), tools)) setFolders.add(setFolder(file.path));
  const holds = (folder: string, below: boolean) =>
    [...setFolders].filter((set) => set === folder || (below && set.startsWith(`${folder}/`)));
  for (const { from, folders: runners } of found) {
    const moduleFolder = path.posix.dirname(from);
    for (const runner of runners) {
      const read = runner.folders.flatMap((folder) => {
        const bases = folder.base === 'module' ? [moduleFolder] : ancestors(moduleFolder);
        for (const base of bases) {
          const joined = path.posix.join(base === '.' ? '' : base, folder.path);
          if (joined.startsWith('..')) continue;
          const sets = holds(joined, folder.below === true);
          if (sets.length > 0) return sets;
        }
        return [];
      });
      if (read.length === 0) continue;
      const key = [...new Set(read)].sort().join('|');
      for (const set of read) {
        const earlier = sequences.get(set);
        if (earlier === undefined || key < earlier) sequences.set(set, key);
      }
    }
  }
  return sequences;
}

/** `a/b/c`, `a/b`, `a`, `.`: a folder and every folder above it. */
function ancestors(folder: string): string[] {
  const out: string[] = [];
  for (let f = folder; ; f = path.posix.dirname(f)) {
    out.push(f);
    if (f === '.' || f === '/' || f === '') return out;
  }
}

/** The project's migration conventions, as the model offers them to rules. */
export interface Migrations {
  /** The configured name patterns (sources), empty when the defaults apply. */
  readonly configuredPatterns: readonly string[];
  /** A migration file of its service (see `isMigrationFile`). */
  isMigration(file: Pick<FileFacts, 'path' | 'kind'>): boolean;
  /** Inside a migrations folder of its service (see `isMigrationPath`). */
  inMigrationFolder(filePath: string): boolean;
  /** The name matches a pattern a migration tool can order: the configured ones, else the defaults. */
  isVersionedName(filePath: string): boolean;
  /**
   * The version a migration file declares (`migrationVersion`), with its set's folder as its sequence where a runner
   * chooses one of sibling sets (`migrationGroups`), or the sequence of the runner pointed at its folder; undefined for the
   * shared code beside such sets.
   */
  versionOf(filePath: string): MigrationVersion | undefined;
  /**
   * Whether two migration files of one folder are one Django app's history (`django-history.ts`): one comes after the
   * other, a merge migration after both, or a squashed one replaces the other. False for any other pair.
   */
  joinedInHistory: JoinedInHistory;
}

/**
 * `runners`: the services that run their migrations themselves (`migrationRunners`), whose numbered
 * files the default patterns accept; `numberedFolders`: the folders whose script migrations are a numbered
 * sequence (`numberedScriptFolders`), whose numbered scripts they accept; configured patterns are the whole definition.
 */
export function createMigrations(
  patternSources: readonly string[],
  serviceOf: (path: string) => Service | undefined,
  runnerServices: Iterable<Service> = [],
  tools: ToolMigrations = NO_TOOL_MIGRATIONS,
  numberedFolders: Iterable<string> = [],
  groupsOf: () => MigrationGroups = () => NO_GROUPS,
  joinedInHistory: JoinedInHistory = () => false,
): Migrations {
  let groups: MigrationGroups | undefined;
  const patterns = (patternSources.length > 0 ? patternSources : DEFAULT_MIGRATION_PATTERNS).map((source) => new RegExp(source));
  // Configured patterns are the whole definition; the defaults add numbered files a service's own runner orders.
  const custom = patternSources.length > 0;
  const runners = custom ? new Set<Service>() : new Set(runnerServices);
  const sequences = custom ? new Set<string>() : new Set(numberedFolders);
  return {
    configuredPatterns: [...patternSources],
    isMigration: (file) => isMigrationFile(file, serviceOf(file.path), tools),
    inMigrationFolder: (filePath) => isMigrationPath(filePath, serviceOf(filePath), tools),
    isVersionedName: (filePath) => {
      // A Sqitch plan or a Liquibase changelog orders the file, whatever its name; a changelog's own changeSets carry ids.
      if (
        (!custom && tools.ordered.has(filePath)) ||
        isChangelogMigration(filePath, tools) ||
        isAlembicRevision(filePath, tools) ||
        isCodeMigration(filePath)
      )
        return true;
      const names = candidateNames(filePath);
      if (patterns.some((pattern) => names.some((name) => pattern.test(name)))) return true;
      if (NUMBERED_SCRIPT.test(names[0]) && sequences.has(path.posix.dirname(filePath))) return true;
      if (!custom && DRIZZLE_DATABASE_MIGRATION.test(filePath)) return true;
      if (!custom && RELEASE_NAMED_FILE.test(names[0]) && !/(?:^|\/)alterations\//.test(filePath)) return true;
      const service = serviceOf(filePath);
      return service !== undefined && runners.has(service) && NUMBERED.test(names[0]);
    },
    versionOf: (filePath) => {
      const version = migrationVersion(filePath);
      if (!version) return undefined;
      groups ??= groupsOf();
      if (groups.shared.has(filePath)) return undefined;
      if (version.sequence !== undefined) return version;
      const folder = setFolder(filePath);
      if (groups.folders.has(folder)) return { ...version, sequence: folder };
      const runner = groups.runners.get(folder);
      return runner !== undefined ? { ...version, sequence: runner } : version;
    },
    joinedInHistory,
  };
}

/** A script migration named by a plain number (`1_create_queues.cjs`, `001-create-payments.js`), the number in group 1. */
const NUMBERED_SCRIPT = /^(\d+)[_-]\w[\w.-]*\.[cm]?[jt]s$/;
/** A Unix timestamp in seconds or milliseconds (typeorm, node-pg-migrate): a time, not a sequence number. */
const EPOCH_STAMP = /^1\d{9}(?:\d{3})?[_-]/;

/**
 * Folders whose script migrations are a numbered sequence: knex, sequelize-cli (umzug) and db-migrate apply the
 * migration scripts of a folder in file-name order and record each by its name, so sidequest's `1_create_queues.cjs`,
 * `2_create_jobs_table.cjs`, `3_…` are versioned when every script migration of the folder is numbered so (no date or
 * Unix timestamp among them: in a folder mixing `20240101120000_x.js` with `1_x.js`, `1_x.js` is no part of the folder's
 * scheme) and their names sort in their numbers' order (`10_x.js` sorts before `2_x.js`: the tool would run it first).
 * Not SQL files: a tool that reads them says so (`migrationRunners`); the audit's `001_initial_schema.sql` is run by hand.
 */
export function numberedScriptFolders(
  files: readonly Pick<FileFacts, 'path' | 'kind'>[],
  serviceOf: (path: string) => Service | undefined,
  tools: ToolMigrations = NO_TOOL_MIGRATIONS,
): string[] {
  const byFolder = new Map<string, string[]>();
  for (const file of files) {
    if (file.kind !== 'script' || !isMigrationFile(file, serviceOf(file.path), tools)) continue;
    const folder = path.posix.dirname(file.path);
    const names = byFolder.get(folder);
    if (names) names.push(path.posix.basename(file.path));
    else byFolder.set(folder, [path.posix.basename(file.path)]);
  }
  const numbered: string[] = [];
  for (const [folder, names] of byFolder) {
    const numbers = names.sort().map((name) => {
      const stem = name.replace(EXTENSIONS, '');
      const match = NUMBERED_SCRIPT.exec(name);
      return match && !DATE_TIME_STAMP.test(stem) && !EPOCH_STAMP.test(name) ? Number(match[1]) : undefined;
    });
    if (numbers.every((n, i) => n !== undefined && (i === 0 || n >= numbers[i - 1]!))) numbered.push(folder);
  }
  return numbered.sort();
}

/** A module of the service that is its own migration runner (`src/migrate.js`, `scripts/run-migrations.ts`), applying its numbered files in order. */
const RUNNER_MODULE = /^(?:migrate|migrator|run-migrations|migration-runner)\.[cm]?[jt]s$/i;

/** Whether the script is named like a migration runner (`src/migrate.js`, `run-migrations.ts`): tooling, not the application. */
export function isMigrationRunnerModule(filePath: string): boolean {
  return RUNNER_MODULE.test(path.posix.basename(filePath));
}

/**
 * Modules that apply a folder of migrations in order and record each one applied (knex-migrator: its `init/` and each
 * `versions/<release>/`; postgres-migrations and its fork pg-node-migrations: `<id>_<name>.sql`, ids consecutive from 0 or 1).
 */
const MIGRATOR_MODULE =
  /^(?:drizzle-orm\/(?:[\w-]+\/)*migrator|@mikro-orm\/migrations|node-pg-migrate|postgrator|umzug|db-migrate|knex-migrator|@databases\/(?:pg|mysql)-migrations|pg-node-migrations|postgres-migrations)$/;

/**
 * Packages that apply a folder of migrations in order and record each one, when a service's package.json names them
 * (a dependency or a devDependency): a command-line tool is run from a script, never imported (drizzle-kit's `migrate`
 * and the `0000_<name>.sql` files `drizzle-kit generate` writes into a configured `out` folder, `node-pg-migrate up`,
 * postgrator-cli), and a bundled service's imports may be out of sight.
 */
const MIGRATOR_PACKAGE =
  /^(?:drizzle-kit|@mikro-orm\/migrations|node-pg-migrate|postgrator(?:-cli)?|umzug|db-migrate|knex-migrator|@databases\/(?:pg|mysql)-migrations|pg-node-migrations|postgres-migrations)$/;

/**
 * Services that run their migrations themselves: their code imports a migrator (drizzle-orm's
 * `migrate`, umzug, postgrator, node-pg-migrate…), has a runner module of its own (`src/migrate.js`,
 * as hand-rolled node-pg runners, postgres-migrations and shmig setups do), annotates its migrations
 * for sql-migrate or goose (`-- +migrate Up`, src/analysis/migration-annotations.ts), or keeps a migration history
 * table (a runner that creates or reads `schema_migrations`, `pgmigrations`, …). Such a runner applies
 * its numbered files in order and records them, which is all a version is for.
 */
export function migrationRunners(
  files: readonly FileFacts[],
  serviceOf: (path: string) => Service | undefined,
  tools: ToolMigrations,
  services: readonly Service[] = [],
  dependenciesOf: (folder: string) => readonly string[] | undefined = () => undefined,
): Set<Service> {
  const runners = new Set<Service>();
  for (const service of services)
    if (service.roots.some((root) => !hasGlobSyntax(root) && dependenciesOf(rootFolder(root))?.some((name) => MIGRATOR_PACKAGE.test(name))))
      runners.add(service);
  for (const file of files) {
    const service = serviceOf(file.path);
    if (!service || runners.has(service)) continue;
    if (file.script?.imports.some((i) => MIGRATOR_MODULE.test(i.specifier))) runners.add(service);
    else if (file.kind === 'script' && isMigrationRunnerModule(file.path) && !isMigrationPath(file.path, service, tools))
      runners.add(service);
    else if (file.kind === 'sql' && file.toolAnnotated && isMigrationPath(file.path, service, tools)) runners.add(service);
    else if (!isMigrationPath(file.path, service, tools) && keepsMigrationHistory(file)) runners.add(service);
  }
  return runners;
}

/** A root as the package index names its folder: `./apps/sync/` is `apps/sync`, the repository's root `''`. */
function rootFolder(root: string): string {
  const folder = trimFolderPattern(root);
  return folder === '.' ? '' : folder;
}

/** SQL of the file (outside migrations) that names a migration tool's history table. */
function keepsMigrationHistory(file: FileFacts): boolean {
  const analyses = [...(file.sql ? [file.sql] : []), ...(file.embeddedAnalyses ?? [])];
  return analyses.some((analysis) => analysis.statements.some((statement) => statement.tableRefs.some(isMigrationToolTable)));
}

/**
 * The names a pattern is tested against: the file name, and `<parent folder>/<file name>`. An upper-case
 * `.SQL` extension (Windows tools write them; Flyway and the databases do not care) is tested as `.sql`.
 */
function candidateNames(filePath: string): string[] {
  const written = path.posix.basename(filePath);
  const base = /\.sql$/i.test(written) ? `${written.slice(0, -4)}.sql` : written;
  const parent = path.posix.basename(path.posix.dirname(filePath));
  return parent && parent !== '.' ? [base, `${parent}/${base}`] : [base];
}
