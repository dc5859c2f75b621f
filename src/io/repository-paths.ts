import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * Where a path comes from, which decides how far it may lead:
 * - `repository`: a name the tool chose or the repository's content supplied (the config it found,
 *   a service's package.json, a source file, the default suppressions file). It must resolve
 *   inside the repository root, symbolic links included.
 * - `command-line`: a path the user typed (`-o`, `-c`, `--cache-location`, `--suppressions-location`).
 *   It may point anywhere — that is the user's choice — but when it names a place inside the
 *   repository, a committed symbolic link there still may not lead out of it.
 */
export type PathOrigin = 'repository' | 'command-line';

export interface PathScope {
  /** The repository root (absolute or relative to the working directory). */
  root: string;
  /** Default `repository`. */
  origin?: PathOrigin;
  /**
   * `inside-root` (default): symbolic links are followed when they stay inside the repository.
   * `never`: no symbolic link anywhere between the root and the file (the cache: a link could
   * put a file git tracks, and so the pull request's author controls, where the cache is read).
   */
  symlinks?: 'inside-root' | 'never';
}

export interface LocatedPath {
  absolute: string;
  /** For messages: repository-relative (posix) when inside the root, absolute otherwise. */
  shown: string;
  /** Lexically inside the root (before any link is resolved). */
  inside: boolean;
}

/** True when `file` is `folder` or below it; both absolute and normalised. */
export function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

export function locate(file: string, scope: PathScope): LocatedPath {
  const root = path.resolve(scope.root);
  const absolute = path.resolve(root, file);
  const inside = isInside(absolute, root);
  const shown = inside ? path.relative(root, absolute).split(path.sep).join('/') || '.' : absolute;
  return { absolute, shown, inside };
}

const realRoots = new Map<string, string>();

/** The root with its own links resolved (a repository under a linked /tmp is still one repository); once per root and process. */
export function realRoot(root: string): string {
  const absolute = path.resolve(root);
  let real = realRoots.get(absolute);
  if (real === undefined) {
    real = realpathSync.native(absolute);
    realRoots.set(absolute, real);
  }
  return real;
}

/**
 * Why `real` (the resolved form of `located.absolute`, an existing path) may not be used, or
 * undefined when it may. Only paths inside the root are checked: outside it, the user chose.
 */
export function containmentProblem(located: LocatedPath, real: string, scope: PathScope): 'outside-repository' | 'symlink' | undefined {
  if (!located.inside) return undefined;
  const rootReal = realRoot(scope.root);
  if (!isInside(real, rootReal)) return 'outside-repository';
  if (scope.symlinks === 'never' && real !== path.join(rootReal, path.relative(path.resolve(scope.root), located.absolute)))
    return 'symlink';
  return undefined;
}

/** `file` with every link resolved, or undefined when it does not exist. */
export function realPathOf(file: string): string | undefined {
  try {
    return realpathSync.native(file);
  } catch {
    return undefined;
  }
}

/**
 * The nearest folder at or above `dir` holding a `.git` entry of any kind (a folder, the file a
 * worktree or submodule has, a link): where git could find a repository by walking up from `dir`.
 * An entry that cannot be looked at counts as none: git cannot read it either.
 */
export function gitEntryAbove(dir: string): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    try {
      if (lstatSync(path.join(current, '.git'), { throwIfNoEntry: false })) return current;
    } catch {
      // A folder we may not look into: neither may git.
    }
    if (path.dirname(current) === current) return undefined;
  }
}

/**
 * Whether a folder from `dir` up to, not including, `root` holds a `.git` entry (a nested repository, worktree or
 * submodule) or cannot be looked at: either way a listing of `root` cannot speak for files below it.
 * `root` must be an ancestor of `dir`.
 */
export function gitEntryBetween(dir: string, root: string): boolean {
  for (let current = dir; current !== root; current = path.dirname(current)) {
    if (path.dirname(current) === current) return true;
    try {
      if (lstatSync(path.join(current, '.git'), { throwIfNoEntry: false })) return true;
    } catch {
      return true;
    }
  }
  return false;
}

/**
 * `path` without its trailing slashes. A loop, not `replace(/\/+$/, '')`: that regex retries from
 * every slash of a run that does not end the text, quadratic on repository text (80,000 slashes
 * and a letter: 2.3 s).
 */
export function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47) end--;
  return end === path.length ? path : path.slice(0, end);
}
