import { readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import { GENERATED_YAML, SOURCE_GLOBS } from './file-kind.js';

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

export interface DiscoverOptions {
  cwd: string;
  /** Extra ignore globs from config and CLI. */
  ignores: string[];
  /** Skip dist/, build/, … and .gitignore'd files (default true). */
  defaultIgnores: boolean;
}

export interface Discovery {
  /** Repo-relative posix paths, sorted. */
  files: string[];
  /** Files skipped by default ignores and .gitignore (not counting node_modules, which is never walked). */
  skipped: number;
}

/** Lists every file the linter reads. Never follows symlinked folders (loops), never throws on unreadable dirs. */
export function discoverFiles(options: DiscoverOptions): Discovery {
  const { cwd } = options;
  const always = ['**/node_modules/**', '**/.git/**', ...GENERATED_YAML];
  const all = fg.sync(SOURCE_GLOBS, {
    cwd,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    suppressErrors: true,
    ignore: [...always, ...options.ignores],
  });
  if (!options.defaultIgnores) return { files: [...new Set(all)].sort(), skipped: 0 };
  const gitignore = loadGitignores(cwd);
  const unique = new Set(all);
  const files: string[] = [];
  let skipped = 0;
  for (const file of unique) {
    if (isInIgnoredDir(file) || gitignore(file) || isCompiledBesideSource(file, unique)) skipped++;
    else files.push(file);
  }
  return { files: files.sort(), skipped };
}

const IGNORED_DIR = new RegExp(`(^|/)(${DEFAULT_IGNORED_DIRS.map((d) => d.replace('.', '\\.')).join('|')})/`);

/** `x.js` next to `x.ts` is the compiler's output, committed by mistake: it repeats every finding. */
export function isCompiledBesideSource(file: string, all: ReadonlySet<string>): boolean {
  const match = /^(.*)\.([cm]?)js$/.exec(file);
  if (!match) return false;
  const [, stem, flavour] = match;
  return all.has(`${stem}.${flavour}ts`) || (flavour === '' && all.has(`${stem}.tsx`));
}

export function isInIgnoredDir(file: string): boolean {
  return IGNORED_DIR.test(file);
}

/** Every .gitignore in the tree, each applying to its own folder, like git. */
function loadGitignores(cwd: string): (file: string) => boolean {
  const ignoreFiles = fg.sync('**/.gitignore', {
    cwd,
    dot: true,
    suppressErrors: true,
    followSymbolicLinks: false,
    ignore: ['**/node_modules/**', '**/.git/**'],
  });
  const matchers: Array<{ dir: string; ig: Ignore }> = [];
  for (const ignoreFile of ignoreFiles) {
    try {
      matchers.push({ dir: path.posix.dirname(ignoreFile), ig: ignore().add(readFileSync(path.join(cwd, ignoreFile), 'utf8')) });
    } catch {
      // An unreadable .gitignore ignores nothing.
    }
  }
  return (file) =>
    matchers.some(({ dir, ig }) => {
      if (dir === '.') return ig.ignores(file);
      if (!file.startsWith(`${dir}/`)) return false;
      return ig.ignores(file.slice(dir.length + 1));
    });
}
