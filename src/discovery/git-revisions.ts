/**
 * The commits `nilecare-lint diff` compares, resolved with one clear GitError for each way it
 * can fail: no git, a folder outside every work tree, a ref that names nothing, a shallow clone
 * that lacks the base commit (CI checkouts fetch one commit unless told otherwise).
 */
import { GitError, runGit } from './git.js';

const git = (cwd: string, args: string[]) => runGit(cwd, args).toString('utf8').trim();

/**
 * Throws unless `cwd` is inside a git work tree; returns where `cwd` is inside its repository,
 * as repositoryPrefix does (one git process for both).
 */
export function requireWorkTree(cwd: string, command: string): string {
  let lines: string[] = [];
  try {
    lines = runGit(cwd, ['rev-parse', '--is-inside-work-tree', '--show-prefix']).toString('utf8').split('\n');
  } catch (error) {
    if (/not installed/.test((error as Error).message)) throw error;
  }
  if (lines[0] !== 'true') throw new GitError(`${command} compares git commits, and ${cwd} is not inside a git work tree`);
  return lines[1] ?? '';
}

/** The full commit id `ref` names in the repository at `cwd`. */
export function resolveCommit(cwd: string, ref: string, role: string): string {
  if (ref.startsWith('-')) throw new GitError(`${role} '${ref}' is not a commit, branch or tag (refs do not start with '-')`);
  try {
    return git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  } catch (error) {
    if (/not installed/.test((error as Error).message)) throw error;
  }
  let shallow = false;
  try {
    shallow = git(cwd, ['rev-parse', '--is-shallow-repository']) === 'true';
  } catch {
    // An old git without the flag: the plain message below.
  }
  if (shallow)
    throw new GitError(
      `${role} '${ref}' is not in this shallow clone: fetch it (git fetch --unshallow, or git fetch origin ${ref}; in GitHub Actions, actions/checkout with fetch-depth: 0)`,
    );
  throw new GitError(`${role} '${ref}' is not a commit, branch or tag of the repository at ${cwd}`);
}

/**
 * requireWorkTree and resolveCommit of every ref, in one git process instead of one each (a
 * process is a fork of the whole running tool). Undefined when any of them fails: the caller then
 * asks one at a time, for the error that says which and why.
 */
export function resolveInWorkTree(cwd: string, refs: readonly string[]): { prefix: string; commits: string[] } | undefined {
  // A ref that looks like an option is refused by resolveCommit; the trailing `--` makes git read
  // every other argument as a revision (never as a file of that name) and fail when one is not.
  if (refs.some((ref) => ref.startsWith('-'))) return undefined;
  let lines: string[];
  try {
    lines = runGit(cwd, ['rev-parse', '--is-inside-work-tree', '--show-prefix', ...refs.map((ref) => `${ref}^{commit}`), '--'])
      .toString('utf8')
      .split('\n');
  } catch {
    return undefined;
  }
  const commits = lines.slice(2, 2 + refs.length);
  if (lines[0] !== 'true' || commits.length !== refs.length || !commits.every((commit) => /^[0-9a-f]{40,64}$/.test(commit)))
    return undefined;
  return { prefix: lines[1] ?? '', commits };
}

/** Where `cwd` is inside its repository: `''` at the root, else a path ending with `/`. */
export function repositoryPrefix(cwd: string): string {
  return git(cwd, ['rev-parse', '--show-prefix']);
}

/**
 * The paths under `cwd` (relative to it) whose content differs between the commit `base` and the
 * working tree (staged and unstaged changes; untracked files are in no commit, so they differ by
 * being absent from it). Renames are a deletion and an addition. git compares its index, whose
 * stat data it refreshes first. Between two commits, git-tree.ts's changedBetween compares the
 * listings a diff already has.
 */
export function changedPaths(cwd: string, base: string): string[] {
  const args = ['diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', '--no-textconv', '--relative', base];
  return runGit(cwd, [...args, '--'])
    .toString('utf8')
    .split('\0')
    .filter(Boolean);
}
