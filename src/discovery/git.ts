/**
 * The change sets `--changed-since` and `--staged` lint, read from git. Paths come back
 * relative to `cwd` (which may be a folder inside the work tree), posix, sorted.
 */
import { execFileSync } from 'node:child_process';

/** Not a git work tree, git missing, or a ref that does not resolve; the CLI exits 2. */
export class GitError extends Error {
  override name = 'GitError';
}

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') throw new GitError('git is not installed or not on PATH');
    const detail =
      String(failure.stderr ?? '')
        .trim()
        .split('\n')[0] || failure.message;
    throw new GitError(`git ${args.join(' ')} failed: ${detail}`);
  }
}

function assertWorkTree(cwd: string, flag: string): void {
  let inside: string;
  try {
    inside = git(cwd, ['rev-parse', '--is-inside-work-tree']).trim();
  } catch (error) {
    if (/not installed/.test((error as Error).message)) throw error;
    throw new GitError(`${flag} needs a git work tree, and ${cwd} is not inside one`);
  }
  if (inside !== 'true') throw new GitError(`${flag} needs a git work tree, and ${cwd} is not inside one`);
}

/** `-z` output: NUL-separated paths, immune to quoting of unusual names. */
function paths(output: string): string[] {
  return output.split('\0').filter(Boolean);
}

/**
 * Files added, copied, modified or renamed on this branch since it left `ref`
 * (`git diff ref...HEAD`), plus uncommitted changes and untracked files.
 */
export function changedSince(cwd: string, ref: string): string[] {
  assertWorkTree(cwd, '--changed-since');
  try {
    git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  } catch {
    throw new GitError(`--changed-since: '${ref}' is not a commit, branch or tag in this repository`);
  }
  const diff = ['diff', '--name-only', '--diff-filter=ACMR', '--relative', '-z', '--no-renames'];
  let committed: string;
  try {
    committed = git(cwd, [...diff, `${ref}...HEAD`, '--']);
  } catch (error) {
    throw new GitError(
      `--changed-since ${ref}: ${(error as Error).message.replace(/^git .*? failed: /, '')} (a shallow clone may need 'git fetch --unshallow')`,
    );
  }
  const uncommitted = git(cwd, [...diff, 'HEAD', '--']);
  const untracked = git(cwd, ['ls-files', '--others', '--exclude-standard', '-z', '--', '.']);
  return unique([...paths(committed), ...paths(uncommitted), ...paths(untracked)]);
}

/** Files staged for the next commit (what a pre-commit hook checks). */
export function stagedFiles(cwd: string): string[] {
  assertWorkTree(cwd, '--staged');
  return unique(paths(git(cwd, ['diff', '--cached', '--name-only', '--diff-filter=ACMR', '--relative', '-z', '--no-renames', '--'])));
}

function unique(list: string[]): string[] {
  return [...new Set(list)].sort();
}
