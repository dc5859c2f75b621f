/**
 * The files a command of the CLI reads and writes: the disk in the CLI process (`diskFiles`), or a tree
 * held in memory with a sink for what the command writes (`memoryFiles`: the test suite, a host that
 * holds the repository). The commands reach files only through this at their edge (`--cwd`, where the
 * project stands, what lint() reads, init's merge, the report or config written), so a run in memory
 * takes the same code path as a run on disk; `write` is also what lint() writes the suppressions file with.
 * `--print-config` and `--fix` read the tree `source` gives, `--fix` writes with `write`. Not here: `--cache` and
 * git (`--changed-since`, `--staged`) read and write the disk (test/e2e covers them there).
 */
import path from 'node:path';
import type { FactsCache } from '../analysis/facts-cache.js';
import { locateProject, insideRoot, type LocateOptions, type ProjectLocation } from '../config/locate.js';
import { CONFIG_FILE_NAMES } from '../config/file-names.js';
import { FileAccessError } from '../io/file-access-error.js';
import { entryKind, isFolder, readTextFile, type EntryKind, type ReadScope } from '../io/read-regular-file.js';
import { foldersOf, memoryTree, readTreeText, treePath, type SourceTree } from '../io/source-tree.js';
import { writeFileAtomic, type FileWriter } from '../io/write-file-atomic.js';

export interface CliFiles {
  /** A path the user typed (`--cwd`), absolute: from the process's folder on disk, from the tree's root in memory. */
  resolve(value: string): string;
  /** What an absolute path names, a link followed as for a path typed on the command line. */
  kind(file: string): 'file' | 'folder' | 'missing';
  /** What is at an absolute path itself, a link not followed (`root`: the folder it is asked within). */
  entry(file: string, root: string): EntryKind;
  /** Where a run in `cwd` stands: its config file, project and repository roots. */
  locate(options: LocateOptions): ProjectLocation;
  /** What lint() reads: no tree for the disk (discovery lists it with git or a walk), and facts the host already holds. */
  source(): { tree?: SourceTree; factsCache?: FactsCache };
  /** A text file (absolute path), undefined when there is none; refusals throw FileAccessError. */
  readText(file: string, scope: ReadScope): string | undefined;
  /** Writes a file (absolute path) whole; refusals throw FileAccessError. Also lint()'s writer (the suppressions file, --fix). */
  write: FileWriter;
}

/** The disk, as the CLI process reads and writes it. */
export const diskFiles: CliFiles = {
  resolve: (value) => path.resolve(value),
  kind(file) {
    if (isFolder(file, { root: file, origin: 'command-line' })) return 'folder';
    return entryKind(file, { root: file }) === 'missing' ? 'missing' : 'file';
  },
  entry: (file, root) => entryKind(file, { root }),
  locate: (options) => locateProject(options),
  source: () => ({}),
  readText: (file, scope) => readTextFile(file, scope),
  write: (file, data, scope) => writeFileAtomic(file, data, scope),
};

export interface MemoryFiles extends CliFiles {
  /** What the commands wrote, by absolute path, in order; files inside the root are also read by later runs. */
  readonly written: Map<string, string | Uint8Array>;
}

/**
 * `base` (a tree, or path → text under `root`, default `/repo`) in memory: the whole project, its config at
 * the root (no search above it, as lint() reads a memory tree). What a command writes inside the root
 * replaces or adds that file for the runs after it; `facts` gives each run a facts cache (a host's memory).
 */
export function memoryFiles(
  base: SourceTree | Readonly<Record<string, string | Uint8Array>>,
  options: { root?: string; facts?: () => FactsCache } = {},
): MemoryFiles {
  const tree = isTree(base) ? base : memoryTree(base, { root: options.root ?? '/repo' });
  const root = path.resolve(tree.root);
  const written = new Map<string, string | Uint8Array>();
  const inside = new Map<string, string | Uint8Array>();
  const layered = writtenOver(tree, inside);
  const relative = (file: string) => insideRoot(root, path.resolve(root, file));
  return {
    written,
    resolve: (value) => path.resolve(root, value),
    kind(file) {
      const key = relative(file);
      if (key === undefined) return 'missing';
      const entry = key === '' ? 'folder' : layered.entry(key);
      return entry === 'folder' ? 'folder' : entry === 'missing' ? 'missing' : 'file';
    },
    entry(file) {
      const key = relative(file);
      if (key === undefined) return 'missing';
      return key === '' ? 'folder' : layered.entry(key);
    },
    locate(located) {
      const cwd = path.resolve(root, located.cwd);
      if (relative(cwd) === undefined) throw new Error(`cwd ${cwd} lies outside the memory tree's root (${root})`);
      const configFile = located.inlineConfig
        ? undefined
        : located.configPath !== undefined
          ? path.resolve(cwd, located.configPath)
          : CONFIG_FILE_NAMES.map((name) => path.join(root, name)).find((file) => layered.entry(path.basename(file)) !== 'missing');
      return { cwd, ...(configFile ? { configFile } : {}), projectRoot: root, repositoryRoot: root };
    },
    source: () => ({ tree: layered, ...(options.facts ? { factsCache: options.facts() } : {}) }),
    readText(file, scope) {
      const key = relative(file);
      if (key === undefined || key === '') throw new FileAccessError(file, 'outside-repository', 'is outside the memory tree; not read');
      return readTreeText(layered, key, scope);
    },
    write(file, data) {
      const absolute = path.resolve(root, file);
      const key = relative(absolute);
      if (key !== undefined && key !== '' && layered.entry(key) === 'folder')
        throw new FileAccessError(key, 'folder', 'is a folder, not a file');
      written.set(absolute, data);
      if (key !== undefined && key !== '') inside.set(key, data);
    },
  };
}

function isTree(base: SourceTree | Readonly<Record<string, string | Uint8Array>>): base is SourceTree {
  return typeof (base as SourceTree).read === 'function' && typeof (base as SourceTree).entry === 'function';
}

/** `tree` with the files in `written` (tree paths → text) added or replaced; listed as `tree` is. */
function writtenOver(tree: SourceTree, written: ReadonlyMap<string, string | Uint8Array>): SourceTree {
  return {
    root: tree.root,
    label: tree.label,
    onDisk: tree.onDisk,
    list() {
      const listing = tree.list();
      if (!listing || written.size === 0) return listing;
      return { files: [...new Set([...listing.files, ...written.keys()])].sort(), as: listing.as };
    },
    additions: () => tree.additions(),
    read(file, scope) {
      const data = written.get(treePath(file));
      if (data === undefined) return tree.read(file, scope);
      return typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
    },
    entry(file) {
      const key = file === '' || file === '.' ? '.' : treePath(file);
      if (key !== '.' && written.has(key)) return 'file';
      const entry = tree.entry(file);
      if (entry !== 'missing' || written.size === 0) return entry;
      return foldersOf(written.keys()).has(key) ? 'folder' : 'missing';
    },
  };
}
