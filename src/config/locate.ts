/**
 * Where a run stands: the working directory, the config file, the project root every config
 * path is relative to, and the repository root output paths are relative to. Config discovery
 * works like ESLint's and ruff's: search upward from the working directory, stopping at the
 * git root (the filesystem root outside git).
 */
import path from 'node:path';
import { entryKind } from '../io/read-regular-file.js';
import { CONFIG_FILE_NAMES } from './file-names.js';

export interface ProjectLocation {
  /** The directory command-line paths are relative to (the process's, or `--cwd`). */
  cwd: string;
  /** The config file in use (absolute), when there is one. */
  configFile?: string;
  /**
   * The folder the model is built from and every config path (`roots`, `migrations`, `ignores`,
   * …) is relative to: the config file's folder, else the git root, else the working directory.
   */
  projectRoot: string;
  /** The top of the git work tree holding the project, when there is one. */
  gitRoot?: string;
  /** Output paths are relative to this in every format: the git root, else the project root. */
  repositoryRoot: string;
}

export interface LocateOptions {
  cwd: string;
  /** `--config`, relative to `cwd` or absolute: no search when given. */
  configPath?: string;
  /** A config object given directly (API, `init`): the working directory is its project root. */
  inlineConfig?: boolean;
}

export function locateProject(options: LocateOptions): ProjectLocation {
  const cwd = path.resolve(options.cwd);
  if (options.configPath !== undefined) {
    const configFile = path.resolve(cwd, options.configPath);
    const projectRoot = path.dirname(configFile);
    const gitRoot = findGitRoot(projectRoot);
    return { cwd, configFile, projectRoot, gitRoot, repositoryRoot: gitRoot ?? projectRoot };
  }
  const gitRoot = findGitRoot(cwd);
  if (options.inlineConfig) return { cwd, projectRoot: cwd, gitRoot, repositoryRoot: gitRoot ?? cwd };
  const configFile = findConfigUpward(cwd, gitRoot);
  const projectRoot = configFile ? path.dirname(configFile) : (gitRoot ?? cwd);
  return { cwd, configFile, projectRoot, gitRoot, repositoryRoot: gitRoot ?? projectRoot };
}

/**
 * The nearest folder at or above `dir` holding `.git` (a folder, or the file a worktree or a
 * submodule has). Looked up on disk rather than by running git: a run without git installed
 * still knows where the repository ends.
 */
export function findGitRoot(dir: string): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const entry = entryKind(path.join(current, '.git'), { root: current });
    if (entry === 'folder' || entry === 'file') return current;
    if (path.dirname(current) === current) return undefined;
  }
}

/** The first config file in `dir` or a folder above it, not above `stopAt` (nor the filesystem root). */
export function findConfigUpward(dir: string, stopAt: string | undefined): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(current, name);
      // A folder named like a config is no config; a symlink is left to the reader, which refuses what it must.
      const entry = entryKind(candidate, { root: current });
      if (entry !== 'missing' && entry !== 'folder') return candidate;
    }
    if (current === stopAt || path.dirname(current) === current) return undefined;
  }
}

/** `file` (absolute) relative to `root`, posix, or undefined when it lies outside `root`. */
export function insideRoot(root: string, file: string): string | undefined {
  const relative = path.relative(root, file);
  if (relative === '') return '';
  if (relative.startsWith('..') && (relative === '..' || relative.startsWith(`..${path.sep}`))) return undefined;
  if (path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}
