/**
 * Command-line paths, as ESLint 9 reads them: a file is linted, a folder lints every file the
 * linter reads under it, a glob is expanded. A path that selects nothing is an error (exit 2),
 * never a green run over zero files; a named file that an ignore rule covers is a warning that
 * names the rule.
 */
import path from 'node:path';
import { insideRoot } from '../config/locate.js';
import type { EntryKind, SourceTree } from '../io/source-tree.js';
import { compileGlob, GlobSyntaxError, scanGlob, type GlobMatcher } from '../config/glob.js';
import { isLintableName, type Discovery } from './discover.js';
import { entryKind, resolvedKind } from '../io/read-regular-file.js';

/** A path on the command line that selects no file to lint; the CLI exits 2. */
export class PathPatternError extends Error {
  override name = 'PathPatternError';
  constructor(
    message: string,
    readonly pattern: string,
    /** `missing`: no such file or folder, and no glob: it may be a mistyped command. */
    readonly reason: 'missing' | 'no-match' | 'all-ignored' | 'outside',
  ) {
    super(message);
  }
}

export interface PatternOptions {
  /** Where relative paths start (absolute). */
  cwd: string;
  /** The project root (absolute): discovery paths are relative to it. */
  root: string;
  discovery: Discovery;
  /** Where the files are, when not only on disk (an in-memory tree, unsaved buffers over the disk). */
  tree?: SourceTree;
  /** The paths are a change set (`--affected`): files of other kinds (the config, a package.json) are named without a warning. */
  changeSet?: boolean;
}

export interface PatternSelection {
  /** Project-relative files to lint, sorted. */
  files: string[];
  /** Files named one by one that exist inside the project, of any kind (a change set may name the config). */
  named: string[];
  /** One line per named file that is not linted, saying why. */
  warnings: string[];
}

const READ_KINDS = 'TypeScript/JavaScript, SQL, Prisma, .env, Docker Compose or Kubernetes YAML';

export function expandPatterns(patterns: readonly string[], options: PatternOptions): PatternSelection {
  const { cwd, root, discovery } = options;
  const linted = new Set(discovery.files);
  const selected = new Set<string>();
  const named = new Set<string>();
  const warnings: string[] = [];
  const outside: string[] = [];
  const rootPosix = toPosix(root);

  /** The listed files `matches` takes, all selected; none is an error saying whether ignores hid them. */
  const selectMatching = (pattern: string, matches: (file: string) => boolean, noMatch: string) => {
    const matched = discovery.files.filter(matches);
    if (matched.length === 0) {
      const ignored = discovery.candidates.filter(matches);
      if (ignored.length > 0)
        throw new PathPatternError(
          `All files matched by '${pattern}' are ignored (${ignored[0]}: ${discovery.exclusionOf(ignored[0]) ?? 'ignored'}); use --no-ignore to lint them.`,
          pattern,
          'all-ignored',
        );
      throw new PathPatternError(noMatch, pattern, 'no-match');
    }
    for (const file of matched) selected.add(file);
  };

  for (const pattern of patterns) {
    const absolute = path.resolve(cwd, pattern);
    const { entry, target } = pathEntry(absolute, root, options.tree);

    if (entry === 'symlink' && target === 'folder')
      throw new PathPatternError(
        `'${pattern}' is a symbolic link to a folder; nilecare-lint does not follow linked folders.`,
        pattern,
        'no-match',
      );

    if (target === 'folder') {
      const prefix = insideRoot(root, absolute);
      const rootInside = prefix === undefined && insideRoot(absolute, root) !== undefined;
      if (prefix === undefined && !rootInside)
        throw new PathPatternError(
          `No files matching '${pattern}' were found: it is outside the project (${root}), the folder of the config file or the repository.`,
          pattern,
          'outside',
        );
      const under = (file: string) => rootInside || prefix === '' || file.startsWith(`${prefix}/`);
      selectMatching(
        pattern,
        under,
        `No files matching '${pattern}' were found: the folder holds no file nilecare-lint reads (${READ_KINDS}).`,
      );
      continue;
    }

    if (entry !== 'missing') {
      const relative = insideRoot(root, absolute);
      if (relative === undefined) {
        warnings.push(`${pattern} is outside the project (${root}); not linted.`);
        outside.push(pattern);
        continue;
      }
      named.add(relative);
      if (entry === 'symlink') warnings.push(`${pattern} is a symbolic link; nilecare-lint reads no linked file.`);
      else if (entry !== 'file') warnings.push(`${pattern} is not a regular file; not linted.`);
      else if (linted.has(relative)) selected.add(relative);
      else if (!isLintableName(relative) && discovery.exclusionOf(relative) === undefined) {
        if (!options.changeSet) warnings.push(`${pattern} is not a file nilecare-lint reads (${READ_KINDS}); not linted.`);
      } else {
        const why = discovery.exclusionOf(relative);
        warnings.push(
          why
            ? `${pattern} is ignored by ${why}; use --no-ignore to lint it.`
            : `${pattern} is not listed by ${discovery.listing === 'git' ? 'git ls-files' : 'the file walk'} (inside a nested repository?); not linted.`,
        );
      }
      continue;
    }

    const scan = scanGlob(pattern);
    if (!scan.isGlob) throw new PathPatternError(`No files matching '${pattern}' were found.`, pattern, 'missing');
    if (scan.negated)
      throw new PathPatternError(`'${pattern}': negated patterns are not supported; use --ignore-pattern.`, pattern, 'no-match');
    const base = toPosix(path.resolve(cwd, scan.base || '.'));
    let matches: GlobMatcher;
    try {
      matches = compileGlob(`${base === '/' ? '' : base}/${scan.glob}`);
    } catch (error) {
      if (error instanceof GlobSyntaxError) throw new PathPatternError(error.message, pattern, 'no-match');
      throw error;
    }
    selectMatching(pattern, (file) => matches(`${rootPosix}/${file}`), `No files matching '${pattern}' were found.`);
  }
  // Only files outside the project named: a green run over zero files (an empty SARIF closes every open alert), as a
  // folder outside would be. A change set may name such files beside nothing else (a hook given another project's file).
  if (outside.length > 0 && selected.size === 0 && named.size === 0 && !options.changeSet)
    throw new PathPatternError(
      `No files matching '${outside[0]}' were found: it is outside the project (${root}), the folder of the config file or the repository.`,
      outside[0],
      'outside',
    );
  return { files: [...selected].sort(), named: [...named].sort(), warnings };
}

/** What a command-line path names (`entry`, a link not followed) and what a link leads to (`target`). */
function pathEntry(absolute: string, root: string, tree: SourceTree | undefined): { entry: EntryKind; target: EntryKind } {
  if (!tree || tree.onDisk) {
    const entry = entryKind(absolute, { root });
    if (entry !== 'missing' || !tree) return { entry, target: entry === 'symlink' ? resolvedKind(absolute) : entry };
  }
  // Not on disk: a file of the tree, or a folder holding one; a tree holds nothing outside its root.
  const relative = insideRoot(root, absolute);
  if (relative === undefined) return { entry: 'missing', target: 'missing' };
  const kind = tree.entry(relative === '' ? '.' : relative);
  // A tree does not say where its links lead.
  return { entry: kind, target: kind === 'symlink' ? 'missing' : kind };
}

function toPosix(absolute: string): string {
  return absolute.split(path.sep).join('/');
}
