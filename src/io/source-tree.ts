/**
 * The files a run reads, wherever they are: the disk (the default), a map of path → text (tests,
 * the API), the disk with some files replaced (an editor's unsaved buffers, `--stdin`), or a
 * commit's tree (a pull request's base). The pipeline lists, reads and asks "what is there" only
 * through this, so each source gives the same findings for the same content.
 */
import { withoutTrailingSlashes } from './repository-paths.js';
import path from 'node:path';
import { FileAccessError } from './file-access-error.js';
import { stampOf, type FileStamp } from './file-stamp.js';
import { entryWithStats, entryWithStatsAt, readRegularFile, tooLargeError, type EntryKind, type ReadScope } from './read-regular-file.js';

export type { EntryKind };

/** How a tree that is not the disk lists its files, which decides how ignore files apply. */
export interface TreeListing {
  /** Project-relative posix paths, sorted. */
  files: readonly string[];
  /**
   * `git`: these are the files git tracks (a commit's tree), source whatever `.gitignore` says;
   * `walk`: plain files, to which the `.gitignore` files among them apply, as on a disk outside git.
   */
  as: 'git' | 'walk';
}

export interface SourceTree {
  /** Absolute folder the project-relative paths start at: the project root of a run. */
  readonly root: string;
  /** For messages: `disk`, `memory`, `overlay`, `git <rev>`. */
  readonly label: string;
  /**
   * Whether the root is a real folder the tree reads through (the disk, an overlay): git and
   * the real path of folders may then be asked about it.
   */
  readonly onDisk: boolean;
  /** The tree's own file list; undefined for a tree on disk, which discovery lists with git or a walk. */
  list(): TreeListing | undefined;
  /** Files a tree on disk adds to what the disk holds (an overlay's new, unsaved files), sorted. */
  additions(): readonly string[];
  /**
   * A regular file's bytes; undefined when there is none. Throws FileAccessError, as the disk
   * reader does, for a folder, a link, anything over `maxBytes`.
   */
  read(file: string, scope: Omit<ReadScope, 'root'>): Buffer | undefined;
  /** What is at `file` itself, a link not followed; folders of a listed tree are those holding a file. */
  entry(file: string): EntryKind;
}

/**
 * The repository on disk, read through the safety rules of read-regular-file.ts. With `stamps`, each
 * regular file `entry` is asked about leaves its stamp there (see fileStamper's `known`).
 */
export function diskTree(root: string, options: { stamps?: Map<string, FileStamp> } = {}): SourceTree {
  const absolute = path.resolve(root);
  const rootSlash = absolute.endsWith('/') ? absolute : `${absolute}/`;
  const { stamps } = options;
  return {
    root: absolute,
    label: 'disk',
    onDisk: true,
    list: () => undefined,
    additions: () => [],
    read: (file, scope) => readRegularFile(file, { ...scope, root: absolute }),
    entry(file) {
      // A listed path is already clean (treePath's form): joined as it is, where path.resolve per file of a 10,000-file
      // listing was a tenth of discovery (BENCHMARKS.md, twenty-second session).
      const { kind, stats } =
        path.sep === '/' && isTreePath(file) ? entryWithStatsAt(`${rootSlash}${file}`) : entryWithStats(file, { root: absolute });
      if (stamps && kind === 'file' && stats) stamps.set(file, stampOf(stats));
      return kind;
    },
  };
}

/** Normalises a path a caller gave to a tree: project-relative, posix, no `./`, never leaving the root. */
export function treePath(file: string): string {
  // Most paths come from a listing and are already in that form (a run asks the tree about each many times).
  if (isTreePath(file)) return file;
  const posix = file.split(path.sep).join('/');
  const clean = withoutTrailingSlashes(path.posix.normalize(posix).replace(/^\.\//, ''));
  if (clean === '..' || clean.startsWith('../') || path.posix.isAbsolute(clean) || clean === '.' || clean === '')
    throw new Error(`'${file}' is not a path inside the tree (paths are relative to its root, without '..')`);
  return clean;
}

const DOT = 46;

/** Already what treePath returns: posix segments, none empty, `.` or `..` (so no leading, trailing or doubled slash). */
function isTreePath(file: string): boolean {
  if (file === '' || (path.sep !== '/' && file.includes(path.sep))) return false;
  for (let start = 0; ;) {
    const slash = file.indexOf('/', start);
    const end = slash === -1 ? file.length : slash;
    if (end === start) return false;
    if (file.charCodeAt(start) === DOT && (end === start + 1 || (end === start + 2 && file.charCodeAt(start + 1) === DOT))) return false;
    if (slash === -1) return true;
    start = slash + 1;
  }
}

/** Bytes of a text, refused over `maxBytes` with the disk reader's message. */
function bytesWithin(file: string, content: string | Uint8Array, maxBytes: number): Buffer {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  if (bytes.length > maxBytes) throw tooLargeError(file, bytes.length, maxBytes);
  return bytes;
}

/**
 * The folders holding the given files, every level (posix, no trailing slash; the root is none): a tree's `entry`,
 * discovery's check that a config path names a folder, Alembic's script locations.
 */
export function foldersOf(files: Iterable<string>): Set<string> {
  const folders = new Set<string>();
  for (const file of files) {
    for (let slash = file.lastIndexOf('/'); slash > 0; slash = file.lastIndexOf('/', slash - 1)) {
      const folder = file.slice(0, slash);
      if (folders.has(folder)) break;
      folders.add(folder);
    }
  }
  return folders;
}

/**
 * Files held in memory, path → text (or bytes): nothing is read from disk, and nothing needs to
 * exist at `root`, which only names the project in paths and messages.
 */
export function memoryTree(files: Readonly<Record<string, string | Uint8Array>>, options: { root?: string } = {}): SourceTree {
  const content = new Map<string, string | Uint8Array>();
  for (const [file, text] of Object.entries(files)) {
    const key = treePath(file);
    if (content.has(key)) throw new Error(`'${file}' is given twice (as '${key}')`);
    content.set(key, text);
  }
  const folders = foldersOf(content.keys());
  const sorted = [...content.keys()].sort();
  for (const file of sorted)
    if (folders.has(file)) throw new Error(`'${file}' is both a file and a folder holding ${sorted.find((f) => f.startsWith(`${file}/`))}`);
  return {
    root: path.resolve(options.root ?? '/nilecare-memory'),
    label: 'memory',
    onDisk: false,
    list: () => ({ files: sorted, as: 'walk' }),
    additions: () => [],
    read(file, scope) {
      const key = treePath(file);
      const text = content.get(key);
      if (text === undefined) {
        if (folders.has(key)) throw new FileAccessError(key, 'folder', 'is a folder, not a file');
        return undefined;
      }
      return bytesWithin(key, text, scope.maxBytes);
    },
    entry(file) {
      const key = file === '' || file === '.' ? '.' : treePath(file);
      if (key === '.') return 'folder';
      return content.has(key) ? 'file' : folders.has(key) ? 'folder' : 'missing';
    },
  };
}

/**
 * The disk at `root` with some files replaced or added (an editor's unsaved buffers, `--stdin`):
 * every other file is read from disk, listed by git or a walk as usual.
 */
export function overlayTree(
  root: string,
  overrides: Readonly<Record<string, string | Uint8Array>>,
  options: {
    /**
     * The files under the buffers (default: `diskTree(root)`); the language server keeps contents between runs
     * (stat-cached-tree.ts); the CLI in memory gives its memory tree.
     */
    disk?: SourceTree;
  } = {},
): SourceTree {
  const disk = options.disk ?? diskTree(root);
  if (disk.root !== path.resolve(root))
    throw new Error(`the disk tree's root (${disk.root}) is not the overlay's root (${path.resolve(root)})`);
  const content = new Map<string, string | Uint8Array>();
  for (const [file, text] of Object.entries(overrides)) content.set(treePath(file), text);
  const added = () => [...content.keys()].filter((file) => disk.entry(file) === 'missing').sort();
  const addedFolders = () => foldersOf(added());
  return {
    root: disk.root,
    label: 'overlay',
    // Over a tree that is not the disk (a memory tree), the buffers are listed with its files.
    onDisk: disk.onDisk,
    list() {
      const listing = disk.list();
      return listing && { files: [...new Set([...listing.files, ...content.keys()])].sort(), as: listing.as };
    },
    additions: () => (disk.list() ? [] : added()),
    read(file, scope) {
      const key = treePath(file);
      const text = content.get(key);
      if (text === undefined) return disk.read(file, scope);
      // An unsaved buffer stands for a file of the repository: one where the disk has a link or
      // a folder is refused as the disk reader would refuse it.
      const onDisk = disk.entry(key);
      if (onDisk === 'symlink') throw new FileAccessError(key, 'symlink', 'is reached through a symbolic link; not read');
      if (onDisk === 'folder') throw new FileAccessError(key, 'folder', 'is a folder, not a file');
      return bytesWithin(key, text, scope.maxBytes);
    },
    entry(file) {
      const onDisk = disk.entry(file);
      if (onDisk !== 'missing') return onDisk;
      const key = treePath(file);
      return content.has(key) ? 'file' : addedFolders().has(key) ? 'folder' : 'missing';
    },
  };
}

/** A text file of a tree (UTF-8, BOM stripped), undefined when there is none; refusals throw as `read` does. */
export function readTreeText(tree: SourceTree, file: string, scope: Omit<ReadScope, 'root'>): string | undefined {
  const bytes = tree.read(file, scope);
  if (bytes === undefined) return undefined;
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * A small file of the tree read while finding services (no links followed), undefined when it is absent or cannot be
 * read here: the refusal is reported when the file itself is analysed, so the search goes on without it.
 */
export function readTreeTextIfReadable(tree: SourceTree, file: string, maxBytes: number): string | undefined {
  try {
    return readTreeText(tree, file, { maxBytes, symlinks: 'never' });
  } catch (error) {
    if (!(error instanceof FileAccessError)) throw error;
    return undefined;
  }
}
