/**
 * Migrations a tool's own files declare, where neither the folder nor the file name says so:
 *
 * - Sqitch: `sqitch.plan` lists the changes in deploy order; `deploy/<change>.sql` beside it are the
 *   migrations, in plan order; `revert/` and `verify/` scripts are never applied forward.
 * - Liquibase: a changelog (`databaseChangeLog` in YAML, XML or JSON) includes SQL files (`include`
 *   `file`, `includeAll` `path`, `sqlFile` `path`, nested changelogs) in changelog order; a
 *   formatted-SQL file (`--liquibase formatted sql` on its first line) is a changelog itself.
 * - Flyway: `flyway.conf` / `flyway.toml` name the folders Flyway reads (`locations`, by default
 *   `sql/` beside the config, the CLI's own default); the `V<version>__` names there order them.
 *
 * Tool files are read as text only (never run). Paths are repo-relative posix paths.
 */
import path from 'node:path';
import type { FileFacts } from '../analysis/facts.js';

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
}

export const NO_TOOL_MIGRATIONS: ToolMigrations = { ordered: new Map(), folders: [], companions: new Map() };

/** The files that configure a migration tool, read for its migrations (discovery lists them). */
export function isMigrationToolFile(filePath: string): boolean {
  const base = path.posix.basename(filePath);
  return base === 'sqitch.plan' || base === 'flyway.conf' || base === 'flyway.toml' || isChangelogName(base);
}

/** Liquibase changelogs as projects name them: `db.changelog-master.yaml`, `changelog.xml`, `changelog-1.0.json`. */
function isChangelogName(base: string): boolean {
  return /changelog/i.test(base) && /\.(?:ya?ml|xml|json)$/i.test(base);
}

/** A Liquibase formatted-SQL file: `--liquibase formatted sql` on its first line (Liquibase's own test). */
export function isLiquibaseFormattedSql(text: string): boolean {
  return /^\uFEFF?[ \t]*--[ \t]*liquibase[ \t]+formatted[ \t]+sql\b/i.test(text);
}

/** Whether `filePath` is a migration of a tool: ordered by its plan or changelog, or in a folder its config names. */
export function isToolMigration(tools: ToolMigrations, filePath: string): boolean {
  return tools.ordered.has(filePath) || tools.folders.some((folder) => filePath.startsWith(`${folder}/`));
}

/** What the tool files among `files` say (see the module comment). */
export function toolMigrationsOf(files: readonly Pick<FileFacts, 'path' | 'text' | 'kind' | 'unread'>[]): ToolMigrations {
  const sqlFiles = files.filter((f) => f.kind === 'sql').map((f) => f.path);
  const byPath = new Map(files.map((f) => [f.path, f]));
  const ordered = new Map<string, string>();
  const folders: string[] = [];
  const companions = new Map<string, string | undefined>();
  for (const file of files) {
    if (file.unread || !isMigrationToolFile(file.path)) continue;
    const base = path.posix.basename(file.path);
    const dir = path.posix.dirname(file.path);
    if (base === 'sqitch.plan') sqitchPlan(file.path, file.text, sqlFiles, ordered, companions);
    else if (base === 'flyway.conf' || base === 'flyway.toml') folders.push(...flywayLocations(dir, file.text, base.endsWith('.toml')));
    else if (isChangelogText(file.text)) liquibaseChangelog(file.path, byPath, sqlFiles, ordered);
  }
  // A formatted-SQL file no changelog read here includes (one in a format the linter does not list) is still one.
  for (const file of files)
    if (file.kind === 'sql' && !file.unread && !ordered.has(file.path) && isLiquibaseFormattedSql(file.text))
      ordered.set(file.path, `${path.posix.dirname(file.path)}/${path.posix.basename(file.path)}`);
  return { ordered, folders: [...new Set(folders)], companions };
}

/** Keys that sort by `<anchor>` then by position: `0000000012` compares as the number it is. */
const rankKey = (anchor: string, rank: number) => `${anchor}#${String(rank).padStart(10, '0')}`;

/**
 * `sqitch.plan`: one change per line (`name [deps] timestamp planner <email> # note`), after the
 * `%pragma` lines; `@tag` lines and `#` comments order nothing. A reworked change appears again
 * later: its current script is `deploy/<name>.sql`, applied at its last place.
 */
function sqitchPlan(
  planPath: string,
  text: string,
  sqlFiles: readonly string[],
  ordered: Map<string, string>,
  companions: Map<string, string | undefined>,
): void {
  const top = path.posix.dirname(planPath);
  const prefix = top === '.' ? '' : `${top}/`;
  const changes: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const name = /^[ \t]*([^\s%@#[\]][^\s[\]]*)/.exec(line)?.[1];
    if (name) changes.push(name);
  }
  const present = new Set(sqlFiles);
  changes.forEach((name, rank) => {
    const deploy = `${prefix}deploy/${name}.sql`;
    if (present.has(deploy)) ordered.set(deploy, rankKey(planPath, rank));
  });
  for (const file of sqlFiles) {
    const companion = /^(?:revert|verify)\/(.+)$/.exec(file.slice(prefix.length));
    if (file.startsWith(prefix) && companion) companions.set(file, ordered.get(`${prefix}deploy/${companion[1]}`));
  }
}

/**
 * Flyway's `locations` (`flyway.locations=filesystem:sql,filesystem:db/other` in flyway.conf,
 * `locations = ["filesystem:sql"]` in flyway.toml), resolved against the config's folder (its
 * parent for the CLI's `conf/flyway.conf`); `sql` when none is set, Flyway's CLI default.
 * `classpath:` locations are Java resources (`db/migration`), which the usual folder names cover.
 */
function flywayLocations(dir: string, text: string, toml: boolean): string[] {
  const base = path.posix.basename(dir) === 'conf' ? path.posix.dirname(dir) : dir;
  const setting = toml
    ? /^[ \t]*locations[ \t]*=[ \t]*\[([^\]\n]*)\]/m.exec(text)?.[1]
    : /^[ \t]*flyway\.locations[ \t]*[=:]([^\r\n]*)/m.exec(text)?.[1];
  const locations = setting === undefined ? ['sql'] : setting.split(',').map((l) => l.trim().replace(/^["']|["']$/g, ''));
  const out: string[] = [];
  for (const location of locations) {
    // classpath: is Java resources; s3:, gcs: and other schemes are not in the repository.
    const relative = location.replace(/^filesystem:/, '').replace(/\/+$/, '');
    if (/^[a-z][\w+.-]*:/i.test(relative)) continue;
    if (relative === '' || path.posix.isAbsolute(relative)) continue;
    const folder = path.posix.normalize(base === '.' ? relative : `${base}/${relative}`);
    if (!folder.startsWith('..')) out.push(folder);
  }
  return out;
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
    for (const entry of changelogEntries(text)) {
      if (entry.folder) {
        const folder = resolveInclude(file, entry.path.replace(/\/+$/, ''), [...byPath.keys()], true);
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
  };
  walk(changelog);
}

interface ChangelogEntry {
  path: string;
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
      if (value) entries.push({ path: value[1] ?? value[2], folder: m[1] === 'includeAll' });
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
      entries.push({ path: m[3], folder: folder && m[2] === 'path' });
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
