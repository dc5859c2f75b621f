import path from 'node:path';
import { regularFileSize } from '../io/file-stamp.js';
import type { Argv, CommandModule, Options } from 'yargs';
import type { CliIo, CommandHooks } from './io.js';
import { DEFAULT_CACHE_LOCATION } from '../analysis/facts-cache.js';
import { diffFormats, failOnChoices, type DiffFormat, type FailOn } from './diff-formats.js';
import { FileAccessError } from '../io/file-access-error.js';
import { writeFileAtomic } from '../io/write-file-atomic.js';
import type { DiffReport } from './diff-report.js';
import type { GitObjectsTree } from '../discovery/git-tree.js';

export interface DiffOptions {
  cwd: string;
  /** The ref the change is compared against (`main`, `origin/main`, `HEAD~1`). */
  base: string;
  /** The changed state; undefined: the working tree (uncommitted and untracked files included). */
  head?: string;
  configPath?: string;
  format: DiffFormat;
  failOn: FailOn;
  output?: string;
  /** Reuse and update the facts cache (`--cache`) for the working tree. */
  cache?: boolean;
  cacheLocation?: string;
  ignorePatterns?: string[];
  noIgnore?: boolean;
}

/**
 * Lints the base and the head, compares their architecture and prints the report. Exit 0: the
 * change passes `--fail-on`; 1: it does not; 2: usage, git or runtime error (then no report, or,
 * after an internal error in a rule, the report of what could be compared).
 */
export async function runDiff(options: DiffOptions, io: Pick<CliIo, 'stdout' | 'stderr' | 'env'>): Promise<number> {
  // Loaded here, not at start-up: `--help` and the other commands need none of the pipeline.
  const [
    { lint, analyseProject, checkProject, priorAnalysis },
    git,
    { gitObjectsTree, changedBetween },
    { SharedFactsMemory },
    { FileFactsCache },
    { locateProject, findGitRoot },
    state,
    compared,
    render,
    report,
  ] = await Promise.all([
    import('../lint.js'),
    import('../discovery/git-revisions.js'),
    import('../discovery/git-tree.js'),
    import('../analysis/shared-facts-cache.js'),
    import('../analysis/facts-cache.js'),
    import('../config/locate.js'),
    import('./architecture-state.js'),
    import('./architecture-diff.js'),
    import('./diff-render.js'),
    import('./diff-report.js'),
  ]);
  const cwd = path.resolve(options.cwd);
  const location = locateProject({ cwd, configPath: options.configPath });
  const root = location.projectRoot;
  // Refs are resolved in the project root's repository: when that is cwd's (always, without a
  // --config elsewhere), one git process checks the work tree and resolves both refs.
  const sameRepository = options.configPath === undefined || findGitRoot(cwd) === location.gitRoot;
  const refs = options.head === undefined ? [options.base] : [options.base, options.head];
  const resolved = sameRepository ? git.resolveInWorkTree(cwd, refs) : undefined;
  const cwdPrefix = resolved?.prefix ?? git.requireWorkTree(cwd, 'nilecare-lint diff');
  const baseCommit = resolved?.commits[0] ?? git.resolveCommit(root, options.base, 'the base');
  const headCommit = options.head === undefined ? undefined : (resolved?.commits[1] ?? git.resolveCommit(root, options.head, 'the head'));

  // The working tree's run uses the persistent cache, as `--cache` does; the base reuses the
  // facts of every file the change did not touch from memory.
  const toolVersion = options.cache && headCommit === undefined ? (await import('../version.js')).toolVersion() : '';
  const disk =
    options.cache && headCommit === undefined
      ? FileFactsCache.open({
          base: options.cacheLocation === undefined ? root : cwd,
          location: options.cacheLocation,
          root: location.repositoryRoot,
          toolVersion,
        })
      : undefined;
  // The base's own versions of the changed files are kept in a cache of their own beside it: lint
  // --cache keeps only the working tree's entries, and without these a warm diff would load the
  // analysers (about a second) for the few files the change touched. Same key: facts of both meet.
  const baseDisk =
    disk &&
    FileFactsCache.open({
      base: root,
      location: `${disk.file}${BASE_CACHE_SUFFIX}`,
      root: location.repositoryRoot,
      toolVersion,
      secretKey: disk.secretKey,
    });
  const memory = new SharedFactsMemory(disk?.secretKey);
  const common = { cwd, ignorePatterns: options.ignorePatterns, noIgnore: options.noIgnore };

  const headTree = headCommit === undefined ? undefined : gitObjectsTree(root, headCommit);
  const headProject = await analyseProject({ ...common, configPath: options.configPath, tree: headTree, factsCache: memory.cache(disk) });
  const headRun = await checkProject(headProject);
  // Files with the same bytes in both states are not fetched from git again: the base run takes
  // their facts (and, when the models are equal, their findings) from the head's run.
  let unchanged: ReadonlySet<string> = new Set();
  const baseTree = gitObjectsTree(root, baseCommit, { prefetch: (file) => !unchanged.has(file) });
  const changed = headTree ? changedBetween(baseTree, headTree) : git.changedPaths(root, baseCommit);
  unchanged = sameInBoth(headRun.model.files, new Set(changed), baseTree, headTree ?? root);
  const baseRun = await lint({
    ...common,
    configPath: configIn(baseTree, root, cwd, options.configPath),
    tree: baseTree,
    factsCache: memory.cache(baseDisk),
    // When the changed files declare what they did in the head, the head's model and dialects are the base's too.
    reuse: { run: headRun, unchanged, changed, analysed: priorAnalysis(headProject) },
  });
  for (const cache of [disk, baseDisk]) {
    try {
      cache?.save();
    } catch (error) {
      if (!(error instanceof FileAccessError)) throw error;
      io.stderr(`nilecare-lint: warning: the cache was not written: ${error.message}\n`);
    }
  }
  for (const [label, run] of [
    ['head', headRun],
    ['base', baseRun],
  ] as const) {
    for (const warning of run.warnings ?? []) io.stderr(`nilecare-lint: warning (${label}): ${warning}\n`);
    for (const error of run.internalErrors) io.stderr(`nilecare-lint: internal error (${label}): ${error}\n`);
  }

  const diff = compared.compareStates(state.architectureState(baseRun), state.architectureState(headRun));
  const reasons = compared.failures(diff, options.failOn);
  const full: DiffReport = {
    version: 1,
    base: { ref: options.base, commit: baseCommit },
    head: { ref: options.head ?? null, commit: headCommit ?? null },
    verdict: { failOn: options.failOn, fails: reasons.length > 0, reasons },
    ...diff,
  };
  const links = report.linkTarget(io.env, full, root === cwd ? cwdPrefix : git.repositoryPrefix(root));
  const text = render.renderDiff(full, options.format, links);
  if (options.output) {
    try {
      writeFileAtomic(path.resolve(cwd, options.output), text, { root: headRun.repositoryRoot ?? root, origin: 'command-line' });
    } catch (error) {
      if (!(error instanceof FileAccessError)) throw error;
      io.stderr(`nilecare-lint diff: ${error.message}\n`);
      return 2;
    }
  } else {
    io.stdout(text);
  }
  if (headRun.internalErrors.length + baseRun.internalErrors.length > 0) return 2;
  return full.verdict.fails ? 1 : 0;
}

/**
 * The head's files whose bytes the base holds too: git lists none of them as changed, and the
 * base's blob is a regular file of the same size as the head's (a clean filter — line endings,
 * LFS — makes git call files equal whose bytes differ; their sizes then differ too).
 */
function sameInBoth(
  files: ReadonlyArray<{ path: string }>,
  changed: ReadonlySet<string>,
  base: GitObjectsTree,
  head: GitObjectsTree | string,
): Set<string> {
  const same = new Set<string>();
  for (const { path: file } of files) {
    if (changed.has(file) || base.entry(file) !== 'file') continue;
    const blob = base.blob(file)!;
    if (typeof head === 'string') {
      if (regularFileSize(path.join(head, file)) !== blob.size) continue;
    } else if (head.blob(file)?.object !== blob.object) continue;
    same.add(file);
  }
  return same;
}

/** Appended to the cache file's name for the file holding the base's versions of changed files. */
export const BASE_CACHE_SUFFIX = '.diff-base';

/**
 * The `--config` file for the base: the same path when the base has it; when the change adds it,
 * none, so the base is linted as it stood (with a config at its root, if any).
 */
function configIn(tree: { entry(file: string): string }, root: string, cwd: string, configPath: string | undefined): string | undefined {
  if (configPath === undefined) return undefined;
  const relative = path.relative(root, path.resolve(cwd, configPath)).split(path.sep).join('/');
  if (relative.startsWith('..') || path.isAbsolute(relative)) return configPath;
  return tree.entry(relative) === 'file' ? configPath : undefined;
}

/** The options of `nilecare-lint diff` (besides the global `--cwd`). */
export const diffOptions = {
  config: { alias: 'c', type: 'string', describe: 'Config file (default: the nearest nilecare-lint.config.json up to the git root)' },
  format: { alias: 'f', choices: [...diffFormats], default: 'stylish', describe: 'Report format' },
  'fail-on': {
    choices: [...failOnChoices],
    default: 'added-edges',
    describe: 'Exit 1 when the change adds a cross-service edge or shared database (added-edges), any finding, or never',
  },
  output: { alias: 'o', type: 'string', describe: 'Write the report to a file' },
  cache: { type: 'boolean', describe: 'Reuse and update the facts cache of the working tree, as lint --cache does' },
  'cache-location': { type: 'string', describe: `Cache file or folder (default: ${DEFAULT_CACHE_LOCATION})` },
  'ignore-pattern': { type: 'string', array: true, nargs: 1, describe: 'Extra globs to ignore (relative to the current folder)' },
  ignore: { type: 'boolean', describe: 'Apply ignore rules; --no-ignore reads what default ignores, .gitignore and ignores skip' },
} satisfies Record<string, Options>;

/** `nilecare-lint diff`, for yargs. */
export function diffCommand(hooks: CommandHooks): CommandModule {
  return {
    command: 'diff <base> [head]',
    describe: 'Report what a change does to the architecture: cross-service edges, shared databases, owners, findings',
    builder: (y: Argv) =>
      hooks
        .declare(y, diffOptions)
        .positional('base', { type: 'string', describe: 'The ref to compare against (a branch, tag or commit: main, origin/main, HEAD~1)' })
        .positional('head', { type: 'string', describe: 'The changed ref (default: the working tree, uncommitted files included)' })
        .epilog(
          'Exit codes: 0 the change passes --fail-on, 1 it adds what --fail-on names, 2 usage, git, config or internal error. The base is read from git objects; the working tree is never checked out.',
        ),
    handler: (args) => {
      const options: DiffOptions = {
        cwd: typeof args.cwd === 'string' ? args.cwd : '.',
        base: String(args.base),
        head: typeof args.head === 'string' ? args.head : undefined,
        configPath: args.config as string | undefined,
        format: args.format as DiffFormat,
        failOn: args['fail-on'] as FailOn,
        output: args.output as string | undefined,
        cache: Boolean(args.cache),
        cacheLocation: args['cache-location'] as string | undefined,
        ignorePatterns: args['ignore-pattern'] as string[] | undefined,
        noIgnore: args.ignore === false,
      };
      hooks.selected((io) => runDiff(options, io));
    },
  };
}
