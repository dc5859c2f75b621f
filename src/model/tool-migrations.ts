/**
 * Migrations a tool's own files declare, where neither the folder nor the file name says so:
 *
 * - Sqitch: `sqitch.plan` lists the changes in deploy order; `deploy/<change>.sql` beside it are the
 *   migrations, in plan order; `revert/` and `verify/` scripts are never applied forward. A
 *   `sqitch.conf` may move them (`top_dir`, `plan_file`, `deploy_dir`, `revert_dir`, `verify_dir`, in
 *   `[core]` or its engine's section). A reworked change's earlier versions are `deploy/<change>@<tag>.sql`.
 * - Liquibase: a changelog (`databaseChangeLog` in YAML, XML or JSON) includes SQL files (`include`
 *   `file`, `includeAll` `path`, `sqlFile` `path`, nested changelogs) in changelog order; a
 *   formatted-SQL file (`--liquibase formatted sql` on its first line) is a changelog itself; a
 *   changelog holding changeSets of its own (`createTable`, … — src/analysis/liquibase-changes.ts)
 *   is a migration too, at its place in that order.
 * - Flyway: `flyway.conf` / `flyway.toml` name the folders Flyway reads (`locations`, by default
 *   `sql/` beside the config, the CLI's own default); the `V<version>__` names there order them, and
 *   the database of `flyway.url` is the one their SQL runs in.
 *
 * - Cloudflare D1: a wrangler config's `[[d1_databases]]` (src/analysis/wrangler-config.ts) apply the `.sql` files of their
 *   `migrations_dir` (`migrations` beside the config by default) in file-name order, `0001_users.sql` first, and record
 *   each in `d1_migrations`: `wrangler d1 migrations create` names them so.
 * - Alembic: the revisions of each script directory an `alembic.ini` names (`script_location`, `version_locations`:
 *   src/model/alembic-scripts.ts) or an `env.py` importing Alembic beside a `versions/` folder makes, else of an `alembic/versions/` (Flask-Migrate: `migrations/versions/`) folder,
 *   ordered by their `down_revision` chain (each names the revision it follows; file names are often hashes); a
 *   revision off the chain (a merge point) comes after it, by path.
 * - Django: each app's `migrations/0001_initial.py`, `0002_….py` (see `djangoMigrations`).
 * - sqlalchemy-migrate: the `versions/<number>_<name>.py` modules beside a `migrate.cfg` naming a `repository_id`, in
 *   their number's order (src/model/migrate-repositories.ts).
 *
 * Tool files are read as text only (never run). Paths are repo-relative posix paths.
 */
import { withoutTrailingSlashes } from '../io/repository-paths.js';
import path from 'node:path';
import type { FileFacts } from '../analysis/facts.js';
import { isDjangoMigrationPath, mayBeDjangoMigration } from '../analysis/django-migrations.js';
import {
  alembicScriptDirectories,
  isAlembicEnv,
  isAlembicHelperOf,
  isAlembicIni,
  isAlembicRevisionOf,
  unnamedAlembicScriptDirectories,
} from './alembic-scripts.js';
import { foldersOf } from '../io/source-tree.js';
import { isMigrateConfig, migrateRepositoryId, migrateVersionNumber } from './migrate-repositories.js';

export interface ToolMigrations {
  /** Files a plan or changelog applies, with a key that sorts them in the tool's order (for the replay). */
  readonly ordered: ReadonlyMap<string, string>;
  /** Folders a tool's config points at (Flyway `locations`): the migrations there are the tool's. */
  readonly folders: readonly string[];
  /**
   * The tool's scripts that are never applied forward (Sqitch's `revert/` and `verify/`), with the
   * order key of the change they belong to: they name the tables as that change left them.
   */
  readonly companions: ReadonlyMap<string, string | undefined>;
  /**
   * The database a tool's config names for the SQL of its folders (Flyway's `flyway.url`): where
   * those files run when they say no `USE`, as a `schemaFiles` entry would say.
   */
  readonly databases: ReadonlyArray<{ folder: string; database: string }>;
}

export const NO_TOOL_MIGRATIONS: ToolMigrations = { ordered: new Map(), folders: [], companions: new Map(), databases: [] };

/** The database `tools` name for the SQL file at `filePath`, if a tool's config names one for its folder. */
export function toolDatabaseOf(tools: ToolMigrations, filePath: string): string | undefined {
  return tools.databases.find((d) => filePath.startsWith(`${d.folder}/`))?.database;
}

/** The files that configure a migration tool, read for its migrations (discovery lists them). */
export function isMigrationToolFile(filePath: string): boolean {
  const base = path.posix.basename(filePath);
  return (
    base === 'sqitch.plan' ||
    base === 'sqitch.conf' ||
    base === 'flyway.conf' ||
    base === 'flyway.toml' ||
    isAlembicIni(filePath) ||
    isMigrateConfig(filePath) ||
    isChangelogName(base)
  );
}

/** Liquibase changelogs as projects name them: `db.changelog-master.yaml`, `changelog.xml`, `changelog-1.0.json`. */
function isChangelogName(base: string): boolean {
  return /changelog/i.test(base) && /\.(?:ya?ml|xml|json)$/i.test(base);
}

export { isLiquibaseFormattedSql } from '../analysis/liquibase-sql.js';

/** Whether `filePath` is a migration of a tool: ordered by its plan or changelog, or in a folder its config names. */
export function isToolMigration(tools: ToolMigrations, filePath: string): boolean {
  return tools.ordered.has(filePath) || tools.folders.some((folder) => filePath.startsWith(`${folder}/`));
}

/** What the tool files among `files` say (see the module comment). */
export function toolMigrationsOf(
  files: readonly Pick<FileFacts, 'path' | 'text' | 'kind' | 'unread' | 'liquibaseFormatted' | 'd1Databases'>[],
): ToolMigrations {
  const sqlFiles = files.filter((f) => f.kind === 'sql').map((f) => f.path);
  const byPath = new Map(files.map((f) => [f.path, f]));
  const ordered = new Map<string, string>();
  const folders: string[] = [];
  const databases: Array<{ folder: string; database: string }> = [];
  const companions = new Map<string, string | undefined>();
  const sqitchLayouts = new Map<string, SqitchLayout>();
  for (const file of files)
    if (!file.unread && path.posix.basename(file.path) === 'sqitch.conf') {
      const layout = sqitchLayout(file.path, file.text);
      if (!sqitchLayouts.has(layout.plan)) sqitchLayouts.set(layout.plan, layout);
    }
  for (const file of files) {
    if (file.unread || !isMigrationToolFile(file.path)) continue;
    const base = path.posix.basename(file.path);
    const dir = path.posix.dirname(file.path);
    if (base === 'sqitch.plan')
      sqitchPlan(file.text, sqitchLayouts.get(file.path) ?? defaultSqitchLayout(dir), sqlFiles, ordered, companions);
    else if (base === 'flyway.conf' || base === 'flyway.toml') {
      const toml = base.endsWith('.toml');
      const locations = flywayLocations(dir, file.text, toml, files);
      folders.push(...locations);
      const database = flywayDatabase(file.text, toml);
      if (database) for (const folder of locations) databases.push({ folder, database });
    } else if (isChangelogText(file.text)) liquibaseChangelog(file.path, byPath, sqlFiles, ordered);
  }
  d1Migrations(files, sqlFiles, ordered, folders);
  // Before Alembic's: a repository's `versions/` under a `migrations/` folder (Nova's `legacy_migrations/versions/`) is
  // sqlalchemy-migrate's, numbered, whatever its path looks like.
  migrateRepositories(files, ordered);
  alembicRevisions(files, ordered);
  djangoMigrations(files, ordered);
  // A formatted-SQL file no changelog read here includes (one in a format the linter does not list) is still one.
  for (const file of files)
    if (file.kind === 'sql' && !file.unread && !ordered.has(file.path) && file.liquibaseFormatted)
      ordered.set(file.path, `${path.posix.dirname(file.path)}/${path.posix.basename(file.path)}`);
  return { ordered, folders: [...new Set(folders)], companions, databases };
}

/** The `.sql` files directly in each D1 database's migrations folder, in file-name order (wrangler reads no subfolder). */
function d1Migrations(
  files: readonly Pick<FileFacts, 'path' | 'd1Databases'>[],
  sqlFiles: readonly string[],
  ordered: Map<string, string>,
  folders: string[],
): void {
  for (const file of files) {
    const dir = path.posix.dirname(file.path);
    for (const d1 of file.d1Databases ?? []) {
      const relative = withoutTrailingSlashes(d1.migrationsDir ?? 'migrations');
      if (relative === '' || path.posix.isAbsolute(relative)) continue;
      const folder = path.posix.normalize(dir === '.' ? relative : `${dir}/${relative}`);
      if (folder.startsWith('..') || folders.includes(folder)) continue;
      folders.push(folder);
      for (const sql of sqlFiles)
        if (path.posix.dirname(sql) === folder && /\.sql$/i.test(sql)) ordered.set(sql, `${folder}/${path.posix.basename(sql)}`);
    }
  }
}

/** An Alembic revision: a module in the `versions/` folder of an `alembic/` (or Flask-Migrate `migrations/`) folder. */
export const ALEMBIC_REVISION = /(?:^|\/)(?:alembic|migrations?)\/versions\/(?!__init__\.py$)[^/]+\.py$/;
/** `revision = "0002"`, `down_revision: Union[str, None] = "0001"`, `down_revision = None` at a line's start. */
const REVISION_LINE = /^(down_revision|revision)[ \t]*(?::[^=\n]*)?=[ \t]*(?:['"]([\w-]+)['"]|None\b)/;

/**
 * Orders each script directory's revisions by their chain (see the module comment): the directories `alembic.ini`
 * files name, then each other `alembic/versions/` folder.
 */
function alembicRevisions(files: readonly Pick<FileFacts, 'path' | 'text' | 'unread'>[], ordered: Map<string, string>): void {
  const sets = new Map<string, Array<Pick<FileFacts, 'path' | 'text' | 'unread'>>>();
  const inis = files.filter((f) => !f.unread && isAlembicIni(f.path));
  // The path first: a cached file's text is read from disk when asked for.
  const envs = files.filter((f) => !f.unread && path.posix.basename(f.path) === 'env.py' && isAlembicEnv(f.path, f.text));
  const folders = inis.length === 0 && envs.length === 0 ? new Set<string>() : foldersOf(files.map((f) => f.path));
  const named = inis.flatMap((ini) => alembicScriptDirectories(ini.path, ini.text, folders));
  const directories = [
    ...named,
    ...unnamedAlembicScriptDirectories(
      envs.map((f) => f.path),
      folders,
      named,
    ),
  ];
  const helpers = new Map<string, string[]>();
  for (const file of files) {
    if (file.unread || ordered.has(file.path)) continue;
    const directory = directories.find((d) => isAlembicRevisionOf(d, file.path));
    const anchor = directory ? directory.versionFolders[0] : ALEMBIC_REVISION.test(file.path) ? path.posix.dirname(file.path) : undefined;
    if (anchor !== undefined) listOf(sets, anchor).push(file);
    const helperOf = directory ? undefined : directories.find((d) => isAlembicHelperOf(d, file.path));
    if (helperOf) listOf(helpers, helperOf.versionFolders[0]).push(file.path);
  }
  for (const [anchor, set] of sets) orderRevisions(anchor, set, ordered, helpers.get(anchor)?.sort() ?? []);
}

/** One script directory's revisions in chain order, from the root revisions (no or an unknown `down_revision`). */
function orderRevisions(
  anchor: string,
  files: ReadonlyArray<Pick<FileFacts, 'path' | 'text'>>,
  ordered: Map<string, string>,
  helpers: readonly string[],
): void {
  const revisions: Array<{ path: string; revision?: string; down?: string }> = [];
  for (const file of files) {
    const entry: { path: string; revision?: string; down?: string } = { path: file.path };
    for (const line of file.text.split('\n')) {
      const match = REVISION_LINE.exec(line);
      if (!match) continue;
      if (match[1] === 'revision') entry.revision ??= match[2];
      else entry.down ??= match[2] ?? '';
    }
    revisions.push(entry);
  }
  const byRevision = new Map(revisions.filter((r) => r.revision).map((r) => [r.revision!, r]));
  const next = new Map<string, typeof revisions>();
  for (const r of revisions) if (r.down) next.set(r.down, [...(next.get(r.down) ?? []), r]);
  const queue = revisions.filter((r) => !r.down || !byRevision.has(r.down)).sort((a, b) => (a.path < b.path ? -1 : 1));
  // The script directory's helper modules first: the revisions that import them run them, the first ones mostly.
  const placed: string[] = [...helpers];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const r = queue.shift()!;
    if (seen.has(r.path)) continue;
    seen.add(r.path);
    placed.push(r.path);
    if (r.revision) queue.push(...(next.get(r.revision) ?? []).sort((a, b) => (a.path < b.path ? -1 : 1)));
  }
  for (const r of [...revisions].sort((a, b) => (a.path < b.path ? -1 : 1))) if (!seen.has(r.path)) placed.push(r.path);
  placed.forEach((file, rank) => ordered.set(file, rankKey(anchor, rank)));
}

/**
 * Django's migrations (`<app>/migrations/0001_initial.py` declaring `class Migration`): `migrate` applies each app's in
 * their number's order, and an app's `dependencies` on another's come first. Ordered here by number, then by app, within
 * the project (the folder holding the apps): every app's `0001_initial` before any `0002`, as the dependencies of
 * generated migrations mostly run.
 */
function djangoMigrations(files: readonly Pick<FileFacts, 'path' | 'text' | 'unread'>[], ordered: Map<string, string>): void {
  for (const file of files) {
    // The path first: a cached file's text is read from disk when asked for, and only a Django migration's is needed.
    if (file.unread || ordered.has(file.path) || !isDjangoMigrationPath(file.path) || !mayBeDjangoMigration(file.path, file.text)) continue;
    const app = path.posix.dirname(path.posix.dirname(file.path));
    const number = /^\d+/.exec(path.posix.basename(file.path))![0];
    ordered.set(file.path, `${path.posix.dirname(app)}#django#${number.padStart(10, '0')}#${path.posix.basename(app)}`);
  }
}

/**
 * sqlalchemy-migrate's versions (`migrate_repo/versions/073_newton.py`): each repository's in their number's order, as
 * `migrate upgrade` runs them.
 */
function migrateRepositories(files: readonly Pick<FileFacts, 'path' | 'text' | 'unread'>[], ordered: Map<string, string>): void {
  const configs = files.filter((f) => !f.unread && isMigrateConfig(f.path) && migrateRepositoryId(f.text) !== undefined).map((f) => f.path);
  if (configs.length === 0) return;
  for (const file of files) {
    if (file.unread || ordered.has(file.path)) continue;
    for (const config of configs) {
      const number = migrateVersionNumber(config, file.path);
      if (number === undefined) continue;
      ordered.set(file.path, `${path.posix.dirname(file.path)}#migrate#${number.padStart(20, '0')}`);
      break;
    }
  }
}

/** Keys that sort by `<anchor>` then by position: `0000000012` compares as the number it is. */
const rankKey = (anchor: string, rank: number) => `${anchor}#${String(rank).padStart(10, '0')}`;

/** Where a Sqitch project keeps its plan and its scripts (repository paths, no trailing slash). */
interface SqitchLayout {
  plan: string;
  deploy: string;
  revert: string;
  verify: string;
}

const joinPath = (dir: string, relative: string) => path.posix.normalize(dir === '.' ? relative : `${dir}/${relative}`);

/** Sqitch's defaults: the plan and the `deploy/`, `revert/`, `verify/` folders in the top directory. */
function defaultSqitchLayout(top: string): SqitchLayout {
  return {
    plan: joinPath(top, 'sqitch.plan'),
    deploy: joinPath(top, 'deploy'),
    revert: joinPath(top, 'revert'),
    verify: joinPath(top, 'verify'),
  };
}

/**
 * A `sqitch.conf` (git-config syntax): `top_dir`, `plan_file`, `deploy_dir`, `revert_dir` and
 * `verify_dir` of `[core]`, overridden by the section of the engine `[core] engine` names; each
 * relative to the folder Sqitch runs in, the config's. Unset, they follow `top_dir` (default `.`).
 */
function sqitchLayout(confPath: string, text: string): SqitchLayout {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of text.split(/\r?\n/)) {
    const header = /^[ \t]*\[([^\]\n]*)\]/.exec(line)?.[1].trim();
    if (header !== undefined) {
      // `[core]`, `[engine "pg"]`: the subsection keeps its case, the section does not.
      const space = header.search(/\s/);
      const name =
        space < 0 ? header.toLowerCase() : `${header.slice(0, space).toLowerCase()} ${header.slice(space).trim().replace(/^"|"$/g, '')}`;
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      continue;
    }
    const setting = /^[ \t]*([\w-]+)[ \t]*=([^\n]*)/.exec(line);
    if (setting && current) current.set(setting[1].toLowerCase(), settingValue(setting[2]));
  }
  const core = sections.get('core');
  const engine = core?.get('engine');
  const setting = (key: string) => (engine ? sections.get(`engine ${engine}`)?.get(key) : undefined) ?? core?.get(key);
  const dir = path.posix.dirname(confPath);
  const inside = (value: string | undefined, fallback: string) =>
    value && !path.posix.isAbsolute(value) && !path.posix.normalize(value).startsWith('..')
      ? joinPath(dir, withoutTrailingSlashes(value))
      : fallback;
  const top = inside(setting('top_dir'), dir);
  const defaults = defaultSqitchLayout(top);
  return {
    plan: inside(setting('plan_file'), defaults.plan),
    deploy: inside(setting('deploy_dir'), defaults.deploy),
    revert: inside(setting('revert_dir'), defaults.revert),
    verify: inside(setting('verify_dir'), defaults.verify),
  };
}

/** A git-config value: quoted as written, else up to a `#` or `;` comment. */
function settingValue(raw: string): string {
  const value = raw.trim();
  if (value.startsWith('"')) {
    const end = value.indexOf('"', 1);
    return end < 0 ? value.slice(1) : value.slice(1, end);
  }
  const comment = value.search(/[#;]/);
  return (comment < 0 ? value : value.slice(0, comment)).trim();
}

/**
 * `sqitch.plan`: one change per line (`name [deps] timestamp planner <email> # note`), after the
 * `%pragma` lines; `@tag` lines and `#` comments order nothing. A reworked change appears again
 * later: its current script is `deploy/<name>.sql`, applied at its last place; each earlier place
 * applies the version Sqitch kept as `deploy/<name>@<tag>.sql`, the tag the first of those between
 * that place and the next whose script exists (Sqitch's own choice), else the first.
 */
function sqitchPlan(
  text: string,
  layout: SqitchLayout,
  sqlFiles: readonly string[],
  ordered: Map<string, string>,
  companions: Map<string, string | undefined>,
): void {
  const entries: Array<{ change: string } | { tag: string }> = [];
  for (const line of text.split(/\r?\n/)) {
    const tag = /^[ \t]*@([^\s[\]@#]+)/.exec(line)?.[1];
    if (tag) {
      entries.push({ tag });
      continue;
    }
    const name = /^[ \t]*([^\s%@#[\]][^\s[\]@]*)/.exec(line)?.[1];
    if (name) entries.push({ change: name });
  }
  const present = new Set(sqlFiles);
  const lastPlace = new Map<string, number>();
  entries.forEach((entry, index) => 'change' in entry && lastPlace.set(entry.change, index));
  let rank = 0;
  entries.forEach((entry, index) => {
    if (!('change' in entry)) return;
    let script = entry.change;
    if (lastPlace.get(entry.change) !== index) {
      // The tags between this place and the change's next one.
      const tags: string[] = [];
      for (let next = index + 1; next < entries.length; next++) {
        const later = entries[next];
        if ('change' in later && later.change === entry.change) break;
        if ('tag' in later) tags.push(later.tag);
      }
      if (tags.length === 0) return;
      script = `${entry.change}@${tags.find((tag) => present.has(`${layout.deploy}/${entry.change}@${tag}.sql`)) ?? tags[0]}`;
    }
    const deploy = `${layout.deploy}/${script}.sql`;
    if (present.has(deploy)) ordered.set(deploy, rankKey(layout.plan, rank));
    rank++;
  });
  for (const folder of [layout.revert, layout.verify])
    for (const file of sqlFiles)
      if (file.startsWith(`${folder}/`)) companions.set(file, ordered.get(`${layout.deploy}/${file.slice(folder.length + 1)}`));
}

/**
 * Flyway's `locations` (`flyway.locations=filesystem:sql,filesystem:db/other` in flyway.conf,
 * `locations = ["filesystem:sql"]` in flyway.toml); `sql` when none is set, Flyway's CLI default.
 * Flyway reads a `filesystem:` path from the folder it runs in: the config's folder (its parent for
 * the CLI's `conf/flyway.conf`) or, where nothing of the repository lies there, the repository root
 * (`flyway -configFiles=migrations/billing/flyway.conf` run from the root, with
 * `filesystem:./migrations/billing`). `classpath:` locations are Java resources (`db/migration`),
 * which the usual folder names cover.
 */
function flywayLocations(dir: string, text: string, toml: boolean, files: ReadonlyArray<Pick<FileFacts, 'path'>>): string[] {
  const base = path.posix.basename(dir) === 'conf' ? path.posix.dirname(dir) : dir;
  const setting = toml
    ? /^[ \t]*locations[ \t]*=[ \t]*\[([^\]\n]*)\]/m.exec(text)?.[1]
    : /^[ \t]*flyway\.locations[ \t]*[=:]([^\r\n]*)/m.exec(text)?.[1];
  const locations = setting === undefined ? ['sql'] : setting.split(',').map((l) => l.trim().replace(/^["']|["']$/g, ''));
  const holdsFiles = (folder: string) => files.some((f) => f.path.startsWith(`${folder}/`));
  const out: string[] = [];
  for (const location of locations) {
    // classpath: is Java resources; s3:, gcs: and other schemes are not in the repository.
    const relative = withoutTrailingSlashes(location.replace(/^filesystem:/, ''));
    if (/^[a-z][\w+.-]*:/i.test(relative)) continue;
    if (relative === '' || path.posix.isAbsolute(relative)) continue;
    const beside = path.posix.normalize(base === '.' ? relative : `${base}/${relative}`);
    const fromRoot = path.posix.normalize(relative);
    const folder = !holdsFiles(beside) && !fromRoot.startsWith('..') && holdsFiles(fromRoot) ? fromRoot : beside;
    if (!folder.startsWith('..')) out.push(folder);
  }
  return out;
}

/**
 * The database Flyway's JDBC URL names (`flyway.url=jdbc:mysql://host:3306/nile_billing?useSSL=true`,
 * `url = "jdbc:postgresql://host/orders"` in flyway.toml), when it is a name and not a placeholder.
 */
function flywayDatabase(text: string, toml: boolean): string | undefined {
  const url = toml
    ? /^[ \t]*url[ \t]*=[ \t]*["']([^"'\n]*)["']/m.exec(text)?.[1]
    : /^[ \t]*flyway\.url[ \t]*[=:]([^\r\n]*)/m.exec(text)?.[1];
  const match = url && /^jdbc:(?:mysql|mariadb|postgresql):\/\/[^/?#\s]*\/([^/?#;\s]+)/i.exec(url.trim());
  const database = match ? match[1] : undefined;
  return database && /^[A-Za-z_][\w$-]{0,63}$/.test(database) ? database : undefined;
}

/** A Liquibase changelog: its root element or key. */
function isChangelogText(text: string): boolean {
  return /databaseChangeLog/.test(text);
}

/**
 * The SQL files a changelog applies, in its order: `include` `file`, `sqlFile` `path` (a file, or a
 * nested changelog read in place), `includeAll` `path` (a folder: its files by name). Paths are
 * relative to the changelog (`relativeToChangelogFile`) or to Liquibase's search path, which the
 * linter does not know: a path no file has beside the changelog is matched by its ending.
 */
function liquibaseChangelog(
  changelog: string,
  byPath: ReadonlyMap<string, Pick<FileFacts, 'path' | 'text' | 'kind' | 'unread'>>,
  sqlFiles: readonly string[],
  ordered: Map<string, string>,
): void {
  let rank = 0;
  const visited = new Set<string>();
  const walk = (file: string) => {
    if (visited.has(file)) return;
    visited.add(file);
    const text = byPath.get(file)?.text ?? '';
    // Its own changeSets run where the first of them is written, among the files it includes (one place per file).
    const changeSetAt = /\bchangeSet\b/.exec(text)?.index ?? -1;
    const placeChangeSets = () => {
      if (changeSetAt >= 0 && !ordered.has(file)) ordered.set(file, rankKey(changelog, rank++));
    };
    for (const entry of changelogEntries(text)) {
      if (changeSetAt >= 0 && changeSetAt < entry.at) placeChangeSets();
      if (entry.folder) {
        const folder = resolveInclude(file, withoutTrailingSlashes(entry.path), [...byPath.keys()], true);
        if (folder === undefined) continue;
        for (const sql of sqlFiles.filter((f) => f.startsWith(`${folder}/`)).sort())
          if (!ordered.has(sql)) ordered.set(sql, rankKey(changelog, rank++));
        continue;
      }
      const target = resolveInclude(file, entry.path, [...byPath.keys()], false);
      if (target === undefined) continue;
      if (target.endsWith('.sql')) {
        if (!ordered.has(target)) ordered.set(target, rankKey(changelog, rank++));
      } else if (isChangelogText(byPath.get(target)?.text ?? '')) walk(target);
    }
    placeChangeSets();
  };
  walk(changelog);
}

interface ChangelogEntry {
  path: string;
  /** Where the entry is written. */
  at: number;
  /** `includeAll`: a folder. */
  folder: boolean;
}

/**
 * The included paths of a changelog, in document order. YAML and JSON: the `file` / `path` keys;
 * XML: the `file` / `path` attributes of `include`, `includeAll` and `sqlFile`. Read by tokens
 * (keys and attributes), never parsed as a whole: a changelog also holds change sets.
 */
function changelogEntries(text: string): ChangelogEntry[] {
  const entries: ChangelogEntry[] = [];
  if (/^\s*</.test(text)) {
    // XML: each element's attributes up to its own `>`, found once.
    const element = /<(include|includeAll|sqlFile)\b/g;
    for (let m = element.exec(text); m; m = element.exec(text)) {
      const end = text.indexOf('>', element.lastIndex);
      if (end < 0) break;
      const attributes = text.slice(element.lastIndex, end);
      const value = /\b(?:file|path)[ \t\r\n]*=[ \t\r\n]*(?:"([^"]*)"|'([^']*)')/.exec(attributes);
      if (value) entries.push({ path: value[1] ?? value[2], at: m.index, folder: m[1] === 'includeAll' });
      element.lastIndex = end;
    }
    return entries;
  }
  // YAML (`file: changes/001.sql`) and JSON (`"file": "changes/001.sql"`); `includeAll` marks the next `path`.
  const key = /(includeAll)|["']?\b(file|path)["']?[ \t]*:[ \t]*["']?([^"'\s,}#]+)/g;
  let folder = false;
  for (let m = key.exec(text); m; m = key.exec(text)) {
    if (m[1]) folder = true;
    else {
      entries.push({ path: m[3], at: m.index, folder: folder && m[2] === 'path' });
      folder = false;
    }
  }
  return entries;
}

/** The repository path an included `target` names, from the changelog `from`. */
function resolveInclude(from: string, target: string, paths: readonly string[], folder: boolean): string | undefined {
  const clean = target.replace(/^classpath\*?:/, '').replace(/^\/+/, '');
  const beside = path.posix.normalize(`${path.posix.dirname(from)}/${clean}`);
  const exists = (candidate: string) => (folder ? paths.some((p) => p.startsWith(`${candidate}/`)) : paths.includes(candidate));
  if (!beside.startsWith('..') && exists(beside)) return beside;
  // Relative to the search path (`src/main/resources`, the changelog's root): the file whose path ends so.
  if (clean === '' || clean.startsWith('..')) return undefined;
  if (folder) {
    const match = paths.find((p) => p.includes(`/${clean}/`) || p.startsWith(`${clean}/`));
    if (!match) return undefined;
    const at = match.startsWith(`${clean}/`) ? 0 : match.indexOf(`/${clean}/`) + 1;
    return match.slice(0, at + clean.length);
  }
  return paths.find((p) => p === clean || p.endsWith(`/${clean}`));
}

/** The list `map` keeps under `key`, made empty on first ask: appending is then O(1), not a copy per item. */
function listOf<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}
