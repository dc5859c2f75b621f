import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { findGitRoot } from '../config/locate.js';
import { entryKind, readTextFile } from '../io/read-regular-file.js';
import { diskTree, readTreeText, type SourceTree } from '../io/source-tree.js';
import { compileFolderGlob, GlobSyntaxError, hasGlobSyntax } from '../config/glob.js';
import { ConfigError } from '../config/load.js';
import { GENERATED_YAML, SOURCE_GLOBS } from './file-kind.js';
import { isSchemaCodeName } from './schema-code.js';
import { gitIgnoreRule, isPartialClone, skipWorktreeEntries, workTreeFiles, type IndexEntry } from './git.js';
import { walkFiles } from '../io/walk-files.js';

/** Build output and tooling folders: they repeat every finding of the sources they came from. */
export const DEFAULT_IGNORED_DIRS = [
  'node_modules',
  'dist',
  'build',
  'out',
  'coverage',
  '.next',
  '.nuxt',
  '.turbo',
  '.cache',
  '.git',
  'vendor',
];

/** An ignore glob and where it comes from (`ignores[2]`, `--ignore-pattern`), for the warning on a named file it covers. */
export interface LabelledPattern {
  pattern: string;
  source: string;
}

export interface DiscoverOptions {
  /** The project root: every path below is relative to it. */
  cwd: string;
  /** Where the files are (default: the disk at `cwd`); a tree with its own list is not listed by git or a walk. */
  tree?: SourceTree;
  /** Extra ignore globs from config and CLI (relative to `cwd`). */
  ignores: Array<string | LabelledPattern>;
  /** Skip dist/, build/, … and (outside git) .gitignore'd files (default true). */
  defaultIgnores: boolean;
  /** `--no-ignore`: no ignore rule applies (node_modules and .git are still never walked). */
  noIgnore?: boolean;
  /**
   * `git`: the files git lists (tracked ones whatever .gitignore says, untracked ones it does not
   * exclude); `walk`: the file system, with .gitignore files read by the linter. Default: `git`
   * inside a git work tree, falling back to `walk` when git cannot list.
   */
  listing?: 'git' | 'walk';
  /**
   * Keeps the listing (git's, or the walk's) between runs of a long-lived process — the language
   * server, which hears when files are created or deleted — instead of asking git or walking the
   * disk again on every keystroke. Each run still checks every listed file on disk.
   */
  listingCache?: ListingCache;
}

export interface ListingCache {
  get(key: string): readonly string[] | undefined;
  set(key: string, files: readonly string[]): void;
}

export interface Discovery {
  /** Project-relative posix paths of the files to lint, sorted. */
  files: string[];
  /**
   * Files only the user's ignores (config `ignores`, `--ignore-pattern`) keep from `files`, sorted: they
   * are read for the model — the tables their migrations create keep their owner — but never reported
   * in. Ignoring is about reports; the model is cross-file. Files a default ignore also covers are not here.
   */
  modelOnly: string[];
  /** Files skipped by default ignores and .gitignore (not counting node_modules, which is never walked). */
  skipped: number;
  /** How the files were listed. */
  listing: 'git' | 'walk';
  /** Every file listed, of any kind, sorted: config globs are checked against it. */
  listed: string[];
  /** Listed files of a kind the linter reads, before any ignore rule. */
  candidates: string[];
  /**
   * Every package.json listed that no ignore rule covers (config and command-line ignores, the default ignores, .gitignore),
   * sorted, at any depth and whatever its folder holds: each is read for the credentials its scripts hold (a package of
   * scripts alone, with no file the linter reads beside it, included).
   */
  manifests: string[];
  /** The package.json files listed that an ignore rule covers: nothing is reported in them, whoever reads them. */
  ignoredManifests: string[];
  /** Why `file` (project-relative) is not linted — the rule and where it comes from — or undefined when no ignore rule covers it. */
  exclusionOf(file: string): string | undefined;
  /** Notes for the run (git could not list the files). */
  notices: string[];
  /**
   * Tracked files a sparse checkout left out of the work tree (git's skip-worktree entries), with their
   * index blobs: the run reads them from git for the model (services, tables, owners). Those the linter
   * reads are in `modelOnly`, never linted. Empty when every tracked file is on disk.
   */
  notCheckedOut: ReadonlyMap<string, IndexEntry>;
}

/**
 * Whether the linter reads a file of this name (before ignores): a name SOURCE_GLOBS match, in no
 * `node_modules` or `.git` folder, not GENERATED_YAML. Every source glob is a glob of the base name in
 * any folder but the one of `config/*.json` files, so this reads the base name (and, for that one, its folder's) with plain string
 * tests instead of running the glob engine over each listed path: at 10,000 files the glob engine
 * built its DFA states again on every run (~0.1–0.3 s). test/discovery/lintable-names.test.ts holds it
 * equal to the globs.
 */
export function isLintableName(file: string): boolean {
  const slash = file.lastIndexOf('/');
  const base = file.slice(slash + 1);
  return isSourceBaseName(base, file, slash) && !isNeverWalked(file);
}

/** node_modules and .git folders (in any folder) and GENERATED_YAML: never read, whatever the ignore rules say. */
export function isNeverWalked(file: string): boolean {
  return inNeverWalkedFolder(file) || GENERATED_YAML_NAMES.has(file.slice(file.lastIndexOf('/') + 1));
}

/** The base names of GENERATED_YAML (each a name in any folder). */
const GENERATED_YAML_NAMES = new Set(GENERATED_YAML.map((glob) => glob.slice('**/'.length)));
const SCRIPT_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** The source globs that name one file in any folder (`sqitch.plan`, `flyway.conf`, `.env`…), taken from SOURCE_GLOBS as they are added. */
const EXACT_SOURCE_NAMES = new Set(
  SOURCE_GLOBS.flatMap((glob) => {
    const name = glob.slice('**/'.length);
    return glob.startsWith('**/') && !name.includes('/') && !hasGlobSyntax(name) ? [name] : [];
  }),
);

/** A base name (no `/`): the one run before `.json` backtracks once. */
const CONNECTION_JSON = /^(?:db|database|datasource|connection)(?:[-._][^/]*)?\.json$/;

/** SOURCE_GLOBS, name by name (file-kind.ts); `*` may match nothing, as in the globs. */
function isSourceBaseName(base: string, file: string, slash: number): boolean {
  if (EXACT_SOURCE_NAMES.has(base)) return true;
  if (SCRIPT_EXTENSIONS.some((extension) => base.endsWith(extension))) return true;
  if (base.endsWith('.sql') || base.endsWith('.cql') || base.endsWith('.prisma') || base.endsWith('.yml') || base.endsWith('.yaml'))
    return true;
  if (base.length >= 4 && base.slice(-4).toLowerCase() === '.sql') return true;
  if (base.startsWith('.env.') || base.startsWith('env.') || base.endsWith('.env')) return true;
  if (isSchemaCodeName(base, file.slice(0, slash + 1))) return true;
  if (base.endsWith('.tf') || base.endsWith('.tfvars')) return true;
  if (base.startsWith('Dockerfile.') || base.endsWith('.Dockerfile') || base.endsWith('.dockerfile')) return true;
  const json = base.endsWith('.json');
  if (json && base.length >= 'tsconfig.json'.length && base.startsWith('tsconfig')) return true;
  // {db,database,datasource,connection}{,[-._]*}.json: connection settings a service's code may require.
  if (json && CONNECTION_JSON.test(base)) return true;
  // {application,bootstrap,liquibase}*.properties: Spring's and Liquibase's settings.
  if (base.endsWith('.properties') && (base.startsWith('application') || base.startsWith('bootstrap') || base.startsWith('liquibase')))
    return true;
  // supabase/config.toml: a Supabase project's config.
  if (
    base === 'config.toml' &&
    file.endsWith('supabase/', slash + 1) &&
    (slash === 'supabase'.length || file[slash - 'supabase'.length - 1] === '/')
  )
    return true;
  // *connector*.json, {debezium,connectors,kafka-connect}/**/*.json: Kafka Connect connectors' configs.
  if (
    base.endsWith('.json') &&
    (base.slice(0, -'.json'.length).includes('connector') ||
      /(?:^|\/)(?:debezium|connectors|kafka-connect)\//.test(file.slice(0, slash + 1)))
  )
    return true;
  // settings/*.py: a Django project's settings package (settings.py is an exact name).
  if (base.endsWith('.py') && /(?:^|\/)settings\/$/.test(file.slice(0, slash + 1))) return true;
  // config/database.php: a Laravel application's database config.
  if (
    base === 'database.php' &&
    file.endsWith('config/', slash + 1) &&
    (slash === 'config'.length || file[slash - 'config'.length - 1] === '/')
  )
    return true;
  // *.config: a .NET Framework service's web.config / app.config.
  if (base.endsWith('.config')) return true;
  // appsettings*.json: an ASP.NET Core service's settings.
  if (json && base.startsWith('appsettings')) return true;
  // config/*.json in any folder (which covers config/config.json): the folder holding the file is named config.
  if (
    json &&
    slash >= 'config'.length &&
    file.endsWith('config', slash) &&
    (slash === 'config'.length || file[slash - 'config'.length - 1] === '/')
  )
    return true;
  // *changelog*.{xml,json}: 'changelog' before the extension.
  const extension = json ? '.json' : base.endsWith('.xml') ? '.xml' : undefined;
  if (extension === undefined) return false;
  if (base.slice(0, base.length - extension.length).includes('changelog')) return true;
  // **/{changelog,changelogs,liquibase}/**/*.{xml,json}: a folder above the file so named.
  if (/(?:^|\/)(?:changelogs?|liquibase)\//.test(file.slice(0, slash + 1))) return true;
  if (json) return false;
  // MyBatis mappers: **/*{Mapper,Dao,DAO,SqlMap,-mapper,_mapper}.xml, and **/{mapper,mappers,mybatis,sqlmap,sqlmaps}/**/*.xml.
  const stem = base.slice(0, base.length - extension.length);
  if (MAPPER_SUFFIXES.some((suffix) => stem.endsWith(suffix))) return true;
  return /(?:^|\/)(?:mappers?|mybatis|sqlmaps?)\//.test(file.slice(0, slash + 1));
}

const MAPPER_SUFFIXES = ['Mapper', 'Dao', 'DAO', 'SqlMap', '-mapper', '_mapper'];

/** The never-walked folders (node_modules, .git, in any folder): a path segment so named (the file's own name included, as the globs' `a/**` matches `a`). */
function inNeverWalkedFolder(file: string): boolean {
  for (const name of ['node_modules', '.git']) {
    for (let at = file.indexOf(name); at >= 0; at = file.indexOf(name, at + 1)) {
      const end = at + name.length;
      if ((at === 0 || file[at - 1] === '/') && (end === file.length || file[end] === '/')) return true;
    }
  }
  return false;
}

/** Lists every file the linter reads. Never follows symlinked folders (loops, or a way out of the repository), never throws on unreadable dirs. */
export function discoverFiles(options: DiscoverOptions): Discovery {
  const { cwd } = options;
  const tree = options.tree ?? diskTree(cwd);
  const noIgnore = options.noIgnore ?? false;
  const notices: string[] = [];
  const given = tree.list();
  const gitRoot = given || options.listing === 'walk' ? undefined : findGitRoot(cwd);
  let listing = given?.as ?? options.listing ?? (gitRoot ? 'git' : 'walk');
  // Services checked out as git submodules are read like any folder (ESLint reads the files on disk).
  const submodules = gitRoot !== undefined && entryKind(path.join(gitRoot, '.gitmodules'), { root: gitRoot }) === 'file';
  let listed: string[] | undefined = given && [...given.files];
  const remembered = (key: string, list: () => string[]): string[] => {
    const kept = options.listingCache?.get(key);
    if (kept) return [...kept];
    const files = list();
    options.listingCache?.set(key, [...files]);
    return files;
  };
  if (!listed && listing === 'git') {
    try {
      const includeIgnored = noIgnore || !options.defaultIgnores;
      listed = remembered(`git\0${cwd}\0${includeIgnored}`, () => workTreeFiles(cwd, includeIgnored, submodules));
    } catch (error) {
      notices.push(
        `git could not list the files (${(error as Error).message}): they were read from disk, with .gitignore applied by the linter.`,
      );
      listing = 'walk';
    }
  }
  if (!listed) listed = remembered(`walk\0${cwd}`, () => walk(cwd));
  const additions = tree.additions();
  if (additions.length > 0) listed = [...new Set([...listed, ...additions])].sort();
  // A walk of the disk lists regular files only; git and other lists may name links, submodules,
  // or files deleted since: neither is read through (one committed link could point anywhere).
  const walkedDisk = listing === 'walk' && !given;
  const missing: string[] = [];
  const candidates = listed.filter((file) => {
    if (!isLintableName(file)) return false;
    if (walkedDisk) return true;
    const kind = tree.entry(file);
    if (kind === 'missing' && listing === 'git' && !given) missing.push(file);
    return kind === 'file';
  });
  // Tracked files that are not on disk: deleted since, or outside a sparse checkout's cone (skip-worktree).
  const { notCheckedOut, absent } = missing.length > 0 ? sparseCheckoutFiles(cwd, missing, notices) : NOTHING_ABSENT;
  if (absent.length > 0) {
    candidates.push(...absent);
    candidates.sort();
  }
  // What is left of a submodule after --recurse-submodules is its gitlink: one not checked out, whose files are not there.
  if (submodules && listing === 'git' && !given) {
    const entries = new Set(listed);
    for (const folder of submodulePaths(gitRoot, cwd)) {
      if (entries.has(folder))
        notices.push(
          `${folder} is a git submodule that is not checked out: none of its files were read (run 'git submodule update --init ${folder}').`,
        );
    }
  }

  const ignoreRules = options.ignores.map((entry) => {
    const { pattern, source } = typeof entry === 'string' ? { pattern: entry, source: '--ignore-pattern' } : entry;
    return { pattern, source, matches: ignoreGlob(pattern, source) };
  });
  const gitignore = listing === 'walk' ? loadGitignores(tree, given ? listed : undefined) : undefined;
  const useDefaults = options.defaultIgnores && !noIgnore;
  const unique = new Set(candidates);

  const configRule = (file: string) => (noIgnore ? undefined : ignoreRules.find((rule) => rule.matches(file)));
  const defaultRule = (file: string): string | undefined => {
    if (!useDefaults) return undefined;
    const dir = IGNORED_DIR.exec(file)?.[2];
    if (dir) return `the default ignores (${dir}/)`;
    const gitRule = gitignore?.(file);
    if (gitRule) return gitRule;
    const source = compiledFrom(file, unique);
    if (source) return `the default ignores (compiled output of ${source})`;
    return undefined;
  };

  const files: string[] = [];
  const modelOnly: string[] = [];
  let skipped = 0;
  const notOnDisk = new Set(absent);
  for (const file of candidates) {
    if (notOnDisk.has(file)) {
      if (!defaultRule(file)) modelOnly.push(file);
      continue;
    }
    if (configRule(file)) {
      if (!defaultRule(file)) modelOnly.push(file);
      continue;
    }
    if (defaultRule(file)) skipped++;
    else files.push(file);
  }

  const manifests: string[] = [];
  const ignoredManifests: string[] = [];
  for (const file of listed) {
    if (file !== 'package.json' && !file.endsWith('/package.json')) continue;
    if (isNeverWalked(file) || configRule(file) || defaultRule(file)) ignoredManifests.push(file);
    else manifests.push(file);
  }

  const exclusionOf = (file: string): string | undefined => {
    if (isNeverWalked(file)) return 'the built-in ignores (node_modules/, .git/ and pnpm-lock.yaml are never read)';
    const rule = configRule(file);
    if (rule) return `'${rule.pattern}' (${rule.source})`;
    const byDefault = defaultRule(file);
    if (byDefault) return byDefault;
    if (listing === 'git' && !given && !noIgnore && options.defaultIgnores && !unique.has(file)) {
      const found = gitIgnoreRule(cwd, file);
      if (found) return `'${found.pattern}' (${found.source}:${found.line}; git leaves the file untracked)`;
    }
    return undefined;
  };

  return {
    files: files.sort(),
    modelOnly: modelOnly.sort(),
    skipped,
    listing,
    listed,
    candidates,
    manifests: manifests.sort(),
    ignoredManifests: ignoredManifests.sort(),
    exclusionOf,
    notices,
    notCheckedOut,
  };
}

const NOTHING_ABSENT = { notCheckedOut: new Map<string, IndexEntry>(), absent: [] as string[] };

/**
 * The tracked files a sparse checkout keeps off the disk (`git sparse-checkout set services/billing`, a CI
 * job's `sparse-checkout:`): the other services' migrations and manifests, which decide who owns the tables
 * the checked-out code reads. Without them a cross-service read is an unknown table and the run passes.
 * They are read from git's index (never checked out, never fetched: not in a partial clone, whose blobs may
 * be on the remote only) for the model, and not linted; a notice says so. `missing` are the lintable listed
 * files not on disk; returns the skip-worktree entries (any file: package.json too) and which of `missing` they are.
 */
function sparseCheckoutFiles(
  cwd: string,
  missing: readonly string[],
  notices: string[],
): { notCheckedOut: ReadonlyMap<string, IndexEntry>; absent: string[] } {
  let entries: Map<string, IndexEntry>;
  try {
    entries = skipWorktreeEntries(cwd);
  } catch {
    return NOTHING_ABSENT; // git answered the listing a moment ago; a failure now leaves the files out, as before
  }
  const absent = missing.filter((file) => entries.get(file)?.mode.startsWith('100'));
  if (absent.length === 0) return NOTHING_ABSENT;
  const where = summariseFolders(absent);
  if (isPartialClone(cwd)) {
    notices.push(
      `${absent.length} tracked file(s) the linter reads are not checked out (a sparse checkout of a partial clone, whose blobs may be on the remote only), under ${where}: they were not read, so the tables they create have no owner here and cross-service findings on them are missing. Lint a full checkout, or add them with 'git sparse-checkout add'.`,
    );
    return NOTHING_ABSENT;
  }
  notices.push(
    `${absent.length} tracked file(s) the linter reads are not checked out (a sparse checkout), under ${where}: they were read from git's index for ownership and the services' schemas, and are not linted.`,
  );
  return { notCheckedOut: entries, absent };
}

/** `services/patients/, services/catalog/ and 3 more folders`: the first two segments of each path's folder. */
function summariseFolders(files: readonly string[]): string {
  const folders = [...new Set(files.map((file) => `${file.split('/').slice(0, -1).slice(0, 2).join('/')}/`))].sort();
  const shown = folders.slice(0, 4).map((folder) => (folder === '/' ? 'the project root' : folder));
  return folders.length > 4 ? `${shown.join(', ')} and ${folders.length - 4} more folder(s)` : shown.join(', ');
}

/** The `path = …` of each submodule .gitmodules declares, relative to `cwd` (posix). */
function submodulePaths(gitRoot: string, cwd: string): string[] {
  let text: string | undefined;
  try {
    text = readTextFile(path.join(gitRoot, '.gitmodules'), { root: gitRoot, maxBytes: 1024 * 1024 });
  } catch {
    return []; // unreadable: the listing still has every checked-out submodule's files
  }
  if (text === undefined) return [];
  return declaredSubmodules(text).map((declared) => path.relative(cwd, path.join(gitRoot, declared)).split(path.sep).join('/'));
}

/**
 * The `path = …` values of a .gitmodules text, as written (relative to the work tree's top). The value
 * is cut with trim(), not by the pattern: `(.+?)\s*$` retries from every character of a run of spaces,
 * quadratic on a hostile file; trim() also drops a CRLF line's `\r`.
 */
export function declaredSubmodules(text: string): string[] {
  const folders: string[] = [];
  for (const line of text.split('\n')) {
    const declared = /^\s*path\s*=(.*)/.exec(line)?.[1].trim();
    if (declared) folders.push(declared);
  }
  return folders;
}

/** A glob that also covers everything inside the folders it matches (`dist` ignores `dist/a.js`), as .gitignore reads it. */
export function folderGlob(pattern: string): (file: string) => boolean {
  return compileFolderGlob(pattern);
}

/** An ignore glob; one the engine cannot compile (from --ignore-pattern: the config's are checked when it loads) stops the run. */
function ignoreGlob(pattern: string, source: string): (file: string) => boolean {
  try {
    return folderGlob(pattern);
  } catch (error) {
    if (error instanceof GlobSyntaxError) throw new ConfigError(`${source}: ${error.message}`);
    throw error;
  }
}

/** Every file under `cwd` but node_modules and .git, without following symlinked folders. */
function walk(cwd: string): string[] {
  return walkFiles(cwd, { skipFolders: ['node_modules', '.git'] });
}

const IGNORED_DIR = new RegExp(`(^|/)(${DEFAULT_IGNORED_DIRS.map((d) => d.replace('.', '\\.')).join('|')})/`);

/** `x.js` next to `x.ts` is the compiler's output, committed by mistake: it repeats every finding. */
export function isCompiledBesideSource(file: string, all: ReadonlySet<string>): boolean {
  return compiledFrom(file, all) !== undefined;
}

function compiledFrom(file: string, all: ReadonlySet<string>): string | undefined {
  const match = /^(.*)\.([cm]?)js$/.exec(file);
  if (!match) return undefined;
  const [, stem, flavour] = match;
  if (all.has(`${stem}.${flavour}ts`)) return `${stem}.${flavour}ts`;
  if (flavour === '' && all.has(`${stem}.tsx`)) return `${stem}.tsx`;
  return undefined;
}

export function isInIgnoredDir(file: string): boolean {
  return IGNORED_DIR.test(file);
}

/** A .gitignore is a few KB; a larger one is no ignore file worth reading. */
const MAX_GITIGNORE_BYTES = 1024 * 1024;

/**
 * Every .gitignore in the tree (among `listed`, or found on disk), each applying to its own
 * folder, like git; returns the rule that ignores a file.
 */
function loadGitignores(tree: SourceTree, listed: readonly string[] | undefined): (file: string) => string | undefined {
  const ignoreFiles = listed
    ? listed.filter((file) => (file === '.gitignore' || file.endsWith('/.gitignore')) && !isNeverWalked(file))
    : walkFiles(tree.root, { skipFolders: ['node_modules', '.git'] }).filter(
        (file) => file === '.gitignore' || file.endsWith('/.gitignore'),
      );
  const matchers: Array<{ dir: string; file: string; ig: Ignore }> = [];
  for (const ignoreFile of [...ignoreFiles].sort()) {
    try {
      matchers.push({
        dir: path.posix.dirname(ignoreFile),
        file: ignoreFile,
        ig: ignore().add(readTreeText(tree, ignoreFile, { maxBytes: MAX_GITIGNORE_BYTES }) ?? ''),
      });
    } catch {
      // An unreadable .gitignore (a link out of the repository, a device) ignores nothing.
    }
  }
  return (file) => {
    for (const { dir, file: source, ig } of matchers) {
      if (dir !== '.' && !file.startsWith(`${dir}/`)) continue;
      const outcome = ig.test(dir === '.' ? file : file.slice(dir.length + 1));
      if (outcome.ignored) return `'${outcome.rule?.pattern ?? '?'}' (${source})`;
    }
    return undefined;
  };
}
