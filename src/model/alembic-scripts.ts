/**
 * Alembic's script directories, as an `alembic.ini` names them (read as text, never run): each section that sets
 * `script_location` (`[alembic]`, or one section per database for `alembic -n <name>`) is one script directory, whose
 * revisions live in its `versions/` folder, or in the folders `version_locations` lists instead (Alembic reads only
 * those when it is set), and below them too with `recursive_version_locations = true`. A location is a path relative
 * to the folder Alembic runs in (the ini's, as projects run it), `%(here)s` the ini's folder, or `package:path`, a
 * folder of an installed Python package (`myapp:db/migrations`), found here as the repository folder that ends so,
 * nearest the ini. So `%(here)s/alembic_migrations` (OpenStack Barbican), `%(here)s` with the ini inside the script
 * directory (Glance) and `myapp:migrations` all name revisions, whatever the folder is called.
 *
 * A script directory needs no ini of its own: an `env.py` that imports Alembic beside a `versions/` folder is what
 * `alembic init` writes and what Alembic runs (OpenStack Neutron's sub-projects ship `<pkg>/db/migration/alembic_migrations/` with no
 * `alembic.ini`: neutron's CLI finds it through an entry point). Its revisions are those of its `versions/` folder.
 * Where no `version_locations` is written, the sub-folders of `versions/` hold revisions too: Alembic's branch layout
 * (`versions/<release>/{expand,contract}/`) is listed by the project's own code (Neutron's `_set_version_locations`),
 * and nothing else keeps Python modules there.
 */
import path from 'node:path';

export interface AlembicScriptDirectory {
  /** The ini and its section: the revisions of one script directory form one chain. */
  readonly ini: string;
  readonly section: string;
  /** The script directory (`env.py`, the helper modules its revisions import). */
  readonly scriptFolder: string;
  /** Repository folders (posix, no trailing slash) holding its revisions. */
  readonly versionFolders: readonly string[];
  /** `recursive_version_locations = true`: the folders below them hold revisions too. */
  readonly recursive: boolean;
  /**
   * The default `versions/` (no `version_locations`): its sub-folders hold revisions too, Alembic's branch layout the
   * project's code lists (see the module comment).
   */
  readonly branches: boolean;
}

/** Alembic's config file, by the name `alembic init` writes (`alembic.ini`), or Mailman's `alembic.cfg` its code loads. */
export function isAlembicIni(filePath: string): boolean {
  const base = path.posix.basename(filePath);
  return base === 'alembic.ini' || base === 'alembic.cfg';
}

/**
 * A revision file of a script directory: a `.py` module directly in one of its version folders (below them when
 * recursive, or below its default `versions/`), but `__init__.py` and editor lock files (`.#x.py`), which Alembic skips.
 */
export function isAlembicRevisionOf(directory: AlembicScriptDirectory, filePath: string): boolean {
  const base = path.posix.basename(filePath);
  if (!base.endsWith('.py') || base.startsWith('__init__') || base.startsWith('.#')) return false;
  const folder = path.posix.dirname(filePath);
  return directory.versionFolders.some((f) => folder === f || ((directory.recursive || directory.branches) && folder.startsWith(`${f}/`)));
}

/**
 * A helper module of the script directory (Glance's `alembic_migrations/add_images_tables.py`, which its first revision
 * imports and runs): its operations run inside a revision, so they belong to the history, before the revisions that
 * change what they create. Not `env.py` (Alembic's runner) nor `__init__.py`.
 */
export function isAlembicHelperOf(directory: AlembicScriptDirectory, filePath: string): boolean {
  const base = path.posix.basename(filePath);
  return (
    path.posix.dirname(filePath) === directory.scriptFolder &&
    base.endsWith('.py') &&
    base !== 'env.py' &&
    !base.startsWith('__init__') &&
    !isAlembicRevisionOf(directory, filePath)
  );
}

/** The script directories `text`, the `alembic.ini` at `iniPath`, names; `folders` are the repository's (io/source-tree.ts foldersOf). */
export function alembicScriptDirectories(iniPath: string, text: string, folders: ReadonlySet<string>): AlembicScriptDirectory[] {
  const here = path.posix.dirname(iniPath);
  const out: AlembicScriptDirectory[] = [];
  for (const [section, settings] of iniSections(text)) {
    const script = settings.get('script_location');
    if (script === undefined) continue;
    const scriptFolder = location(script, here, folders);
    if (scriptFolder === undefined) continue;
    const listed = settings.get('version_locations');
    const separator = settings.get('version_path_separator') ?? settings.get('path_separator');
    const versionFolders =
      listed === undefined || listed.trim() === ''
        ? [joinFolder(scriptFolder, 'versions')]
        : splitLocations(listed, separator)
            .map((entry) => location(entry, here, folders))
            .filter((f): f is string => f !== undefined);
    out.push({
      ini: iniPath,
      section,
      scriptFolder,
      versionFolders,
      recursive: /^(?:true|yes|on|1)$/i.test(settings.get('recursive_version_locations') ?? ''),
      branches: listed === undefined || listed.trim() === '',
    });
  }
  return out;
}

/** Alembic's runner: an `env.py` that imports Alembic (`from alembic import context`). */
const ALEMBIC_IMPORT = /^[ \t]*(?:from[ \t]+alembic[ \t.]|import[ \t]+alembic\b)/m;

/** Whether `filePath`, `text`, is the `env.py` of a script directory (see unnamedAlembicScriptDirectories). */
export function isAlembicEnv(filePath: string, text: string): boolean {
  return path.posix.basename(filePath) === 'env.py' && ALEMBIC_IMPORT.test(text);
}

/**
 * The script directories no ini names (see the module comment): the folder of each of `envs` (an `env.py` that imports
 * Alembic: isAlembicEnv) not already one of `named`'s, whose `versions/` folder is one of `folders`; `section` is
 * empty and `ini` the `env.py`.
 */
export function unnamedAlembicScriptDirectories(
  envs: Iterable<string>,
  folders: ReadonlySet<string>,
  named: readonly AlembicScriptDirectory[] = [],
): AlembicScriptDirectory[] {
  const out: AlembicScriptDirectory[] = [];
  for (const env of [...envs].sort()) {
    const scriptFolder = path.posix.dirname(env);
    const versions = joinFolder(scriptFolder, 'versions');
    if (!folders.has(versions) || named.some((d) => d.scriptFolder === scriptFolder)) continue;
    if (out.some((d) => d.scriptFolder === scriptFolder)) continue;
    out.push({ ini: env, section: '', scriptFolder, versionFolders: [versions], recursive: false, branches: true });
  }
  return out;
}

/** `version_locations` split as Alembic splits it: by its separator setting, else by spaces and commas. */
function splitLocations(value: string, separator: string | undefined): string[] {
  const by: RegExp | string =
    separator === undefined
      ? /[\s,]+/
      : ({ space: / +/, newline: /\r?\n/, os: ':', ':': ':', ';': ';' }[separator.trim().toLowerCase()] ?? /[\s,]+/);
  return value
    .split(by)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** A location as a repository folder: `%(here)s/x`, `x` (beside the ini), `package.sub:x`; undefined outside the repository. */
function location(raw: string, here: string, folders: ReadonlySet<string>): string | undefined {
  const value = raw.trim().replace(/%\(here\)s/g, here === '.' ? '.' : here);
  const packaged = /^([A-Za-z_][\w.]*):(?![\\/])(.*)$/.exec(value);
  if (packaged) return packageFolder(packaged[1].replace(/\./g, '/'), packaged[2], here, folders);
  if (value === '' || path.posix.isAbsolute(value) || value.includes('\\')) return undefined;
  // `%(here)s` made the value repository-relative already; a bare relative path is relative to the ini's folder.
  const joined = raw.includes('%(here)s') ? path.posix.normalize(value) : joinFolder(here, value);
  return joined.startsWith('..') ? undefined : withoutSlashes(joined);
}

/** The repository folder that is `<package>/<rest>`, the one nearest the ini when several are (`src/myapp/…` beside it). */
function packageFolder(packagePath: string, rest: string, here: string, folders: ReadonlySet<string>): string | undefined {
  const suffix = withoutSlashes(path.posix.normalize(rest === '' ? packagePath : `${packagePath}/${rest}`));
  if (suffix.startsWith('..')) return undefined;
  const candidates = [...folders].filter((f) => f === suffix || f.endsWith(`/${suffix}`));
  const shared = (f: string) => {
    const a = here === '.' ? [] : here.split('/');
    const b = f.split('/');
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  };
  return candidates.sort((a, b) => shared(b) - shared(a) || a.length - b.length || (a < b ? -1 : 1))[0];
}

const joinFolder = (dir: string, relative: string) => withoutSlashes(path.posix.normalize(dir === '.' ? relative : `${dir}/${relative}`));
const withoutSlashes = (folder: string) => folder.replace(/\/+$/, '') || '.';

/**
 * An ini file's sections (names as written) and their keys (lower-cased): `key = value` or `key: value`, indented
 * lines continuing the value before (as Python's configparser reads them), `#` and `;` lines comments.
 */
function iniSections(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(line) || line.trim() === '') {
      if (line.trim() === '') last = undefined;
      continue;
    }
    if (/^[ \t]/.test(line) && current && last !== undefined) {
      current.set(last, `${current.get(last)}\n${line.trim()}`);
      continue;
    }
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      current = sections.get(header[1].trim()) ?? new Map<string, string>();
      sections.set(header[1].trim(), current);
      last = undefined;
      continue;
    }
    // The key runs to the first `=` or `:` (no lazy key beside `\s*`: quadratic on a long line of blanks).
    const setting = /^([^=:\s][^=:]*)[=:]\s?(.*)$/.exec(line);
    if (setting && current) {
      last = setting[1].trimEnd().toLowerCase();
      current.set(last, setting[2].trim());
    }
  }
  return sections;
}
