/**
 * The change sets `--changed-since` and `--staged` lint, read from git. Paths come back
 * relative to `cwd` (which may be a folder inside the work tree), posix, sorted.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { gitEntryAbove, realPathOf } from '../io/repository-paths.js';

/** Not a git work tree, git missing, or a ref that does not resolve; the CLI exits 2. */
export class GitError extends Error {
  override name = 'GitError';
}

/**
 * Runs git and returns its stdout; every failure becomes a one-line GitError. `input` is written to
 * its stdin (otherwise stdin is closed).
 */
export function runGit(cwd: string, args: string[], input?: string, maxBuffer = 256 * 1024 * 1024): Buffer {
  try {
    return execFileSync('git', args, { cwd, input, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], maxBuffer });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (failure.code === 'ENOENT') throw new GitError('git is not installed or not on PATH');
    const detail =
      String(failure.stderr ?? '')
        .trim()
        .split('\n')[0] || failure.message;
    throw new GitError(`git ${args.join(' ')} failed: ${detail}`);
  }
}

function git(cwd: string, args: string[]): string {
  return runGit(cwd, args).toString('utf8');
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

/**
 * Every file git knows in `root` (a folder of a work tree), relative to it: tracked files
 * whatever `.gitignore` says, plus untracked ones that `.gitignore`, `.git/info/exclude` and
 * `core.excludesFile` do not exclude — or every untracked file but node_modules when
 * `includeIgnored`. Deleted tracked files are still listed: the caller checks the disk. With
 * `submodules` (the repository has a .gitmodules), the tracked files of checked-out submodules too.
 */
export function workTreeFiles(root: string, includeIgnored: boolean, submodules = false): string[] {
  const untracked = includeIgnored ? ['--exclude=node_modules'] : ['--exclude-standard'];
  if (!submodules) return unique(paths(git(root, ['ls-files', '-z', '--cached', '--others', ...untracked, '--', '.'])));
  // A submodule is one gitlink entry in its parent's index: --recurse-submodules lists the files of the
  // checked-out ones (a submodule not checked out stays one entry). Git allows it with --cached only.
  const tracked = paths(git(root, ['ls-files', '-z', '--cached', '--recurse-submodules', '--', '.']));
  return unique([...tracked, ...paths(git(root, ['ls-files', '-z', '--others', ...untracked, '--', '.']))]);
}

/** A tracked file's entry in git's index: its blob and mode (100644, 100755, 120000 for a link, 160000 for a submodule). */
export interface IndexEntry {
  object: string;
  mode: string;
}

/**
 * The tracked files in `root` (relative to it) that git keeps out of the work tree: a sparse checkout's
 * files outside its cone, or files marked `update-index --skip-worktree`, tagged `S` by `git ls-files -t`.
 * Their content is the index's blob. One git process.
 */
export function skipWorktreeEntries(root: string): Map<string, IndexEntry> {
  const entries = new Map<string, IndexEntry>();
  // `-t -s`: `S <mode> <object> <stage>\t<path>`, NUL-terminated.
  for (const record of paths(git(root, ['ls-files', '-z', '-t', '-s', '--', '.']))) {
    if (!record.startsWith('S ')) continue;
    const tab = record.indexOf('\t');
    const [, mode, object] = record.slice(0, tab).split(' ');
    if (tab > 0 && mode && object) entries.set(record.slice(tab + 1), { object, mode });
  }
  return entries;
}

/**
 * Whether the repository is a partial clone (`git clone --filter=blob:none`): reading a blob it has not
 * fetched would fetch it from the remote, and a lint never goes to the network.
 */
export function isPartialClone(root: string): boolean {
  try {
    return git(root, ['config', '--get', 'extensions.partialClone']).trim() !== '';
  } catch {
    return false; // unset: git exits 1
  }
}

/**
 * The `.gitignore` (or exclude file) rule that keeps an untracked file out of git, as
 * `git check-ignore -v` reports it: `{ source, line, pattern }`, or undefined when none does.
 */
export function gitIgnoreRule(root: string, file: string): { source: string; line: number; pattern: string } | undefined {
  let output: string;
  try {
    output = execFileSync('git', ['check-ignore', '-v', '-z', '--no-index', '--stdin'], {
      cwd: root,
      input: `${file}\0`,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'ignore'],
    });
  } catch {
    // Exit 1: not ignored; anything else: git cannot say.
    return undefined;
  }
  const [source, line, pattern] = output.split('\0');
  if (!source || !pattern) return undefined;
  return { source, line: Number(line), pattern };
}

/**
 * Whether git tracks `file` (an existing file), in whatever repository holds it. Asked of the
 * file's real path, so a link cannot hide a tracked file. `untracked` when git is missing or the
 * file is in no work tree (then nobody committed it); `unknown` when git refuses to look (a
 * repository owned by another user: "dubious ownership").
 */
export function gitTracking(file: string): 'tracked' | 'untracked' | 'unknown' {
  const real = realPathOf(file);
  if (real === undefined) return 'untracked';
  // Asking git costs a process (a fork of this one, tens of ms): not worth it for a file no
  // repository can hold. Git finds one only through a `.git` above the file or its environment.
  if (!mayBeInWorkTree(path.dirname(real), process.env)) return 'untracked';
  try {
    execFileSync('git', ['--literal-pathspecs', 'ls-files', '--error-unmatch', '--', path.basename(real)], {
      cwd: path.dirname(real),
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    return 'tracked';
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { status?: number; stderr?: string };
    // 1: --error-unmatch found no such tracked file; ENOENT: no git.
    if (failure.status === 1 || failure.code === 'ENOENT') return 'untracked';
    return /dubious ownership|safe\.directory/.test(String(failure.stderr ?? '')) ? 'unknown' : 'untracked';
  }
}

/**
 * Whether git could see `dir` as inside a work tree: a `.git` entry (folder, file or link) in it
 * or a folder above it, or GIT_DIR / GIT_WORK_TREE in the environment, which place a repository
 * anywhere. False only when git would answer "not a git repository".
 */
export function mayBeInWorkTree(dir: string, env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.GIT_DIR || env.GIT_WORK_TREE) || gitEntryAbove(dir) !== undefined;
}
