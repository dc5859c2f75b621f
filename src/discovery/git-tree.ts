/**
 * A commit's tree as a source tree: the files `git ls-tree` lists at a revision, read from git
 * objects with `git cat-file --batch` — never by checking the commit out over the user's work
 * tree. A pull request's base state is linted this way (issue 18).
 */
import path from 'node:path';
import { FileAccessError } from '../io/file-access-error.js';
import { tooLargeError } from '../io/read-regular-file.js';
import { treePath, type EntryKind, type SourceTree } from '../io/source-tree.js';
import { GitError, runGit, type IndexEntry } from './git.js';

interface TreeEntry {
  kind: 'file' | 'symlink' | 'other';
  /** git's file mode (100644, 100755, 120000, 160000): a change of mode alone is a change, as git diff says. */
  mode: string;
  object: string;
  size: number;
}

/** Blobs up to this size are fetched together on the first read: one git process for a whole run. */
const BATCH_BLOB_BYTES = 8 * 1024 * 1024;

const git = runGit;

/** `git ls-tree -r -z -l` records: `<mode> <type> <object> <size>\t<path>`. */
function listTree(root: string, rev: string): Map<string, TreeEntry> {
  let listing: Buffer;
  try {
    // Run in `root`, ls-tree lists that folder only, with paths relative to it: the project's files.
    listing = git(root, ['ls-tree', '-r', '-z', '-l', '--end-of-options', rev, '--', '.']);
  } catch (error) {
    // Whether the revision names a tree is asked only now: a second git process on every
    // successful listing (a diff lists two) costs more than the listing.
    if (/not installed/.test((error as Error).message) || namesTree(root, rev)) throw error;
    throw new GitError(`'${rev}' is not a commit, branch or tag of the repository at ${root}`);
  }
  const entries = new Map<string, TreeEntry>();
  for (const record of listing.toString('utf8').split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, , object, size] = record.slice(0, tab).split(/ +/);
    const kind = mode === '120000' ? 'symlink' : mode.startsWith('100') ? 'file' : 'other';
    entries.set(record.slice(tab + 1), { kind, mode, object, size: size === '-' ? 0 : Number(size) });
  }
  return entries;
}

function namesTree(root: string, rev: string): boolean {
  try {
    git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{tree}`]);
    return true;
  } catch {
    return false;
  }
}

/** Parses `git cat-file --batch` output: `<object> blob <size>\n<bytes>\n` per object. */
function parseBatch(output: Buffer, into: Map<string, Buffer>): void {
  let at = 0;
  while (at < output.length) {
    const newline = output.indexOf(0x0a, at);
    const [object, type, size] = output.subarray(at, newline).toString('utf8').split(' ');
    if (type === 'missing' || size === undefined) throw new GitError(`git cat-file: object ${object} is missing`);
    const start = newline + 1;
    const end = start + Number(size);
    into.set(object, output.subarray(start, end));
    at = end + 1;
  }
}

/** A commit's tree, and the blob behind each of its files. */
export interface GitObjectsTree extends SourceTree {
  /** The object id, size and mode git records for a file (a link's too); undefined when the tree has none there. */
  blob(file: string): { object: string; size: number; mode: string } | undefined;
}

export interface GitObjectsTreeOptions {
  /**
   * Whether a file's blob is fetched with the others on the first read (default: every file up
   * to 8 MiB). `nilecare-lint diff` leaves out the files whose content it already has; asked for
   * anyway, such a file is fetched alone. Consulted at the first read, not before.
   */
  prefetch?: (file: string) => boolean;
}

/**
 * The project at `root` (a folder of a git work tree, the project root) as it was at `rev`.
 * Links are listed but never read, as on disk; submodules are neither.
 */
export function gitObjectsTree(root: string, rev: string, options: GitObjectsTreeOptions = {}): GitObjectsTree {
  const absolute = path.resolve(root);
  const entries = listTree(absolute, rev);
  const files = [...entries.keys()].sort();
  const folders = new Set<string>();
  for (const file of files)
    for (let slash = file.lastIndexOf('/'); slash > 0; slash = file.lastIndexOf('/', slash - 1)) folders.add(file.slice(0, slash));
  const blobs = new Map<string, Buffer>();

  const objectPath = new Map<string, string>();
  for (const [file, entry] of entries) objectPath.set(entry.object, file);
  const fetch = (objects: string[]) => {
    const wanted = [...new Set(objects)].filter((object) => !blobs.has(object));
    if (wanted.length === 0) return;
    const bytes = wanted.reduce((sum, object) => sum + (entries.get(objectPath.get(object) ?? '')?.size ?? 0), 0);
    parseBatch(git(absolute, ['cat-file', '--batch'], `${wanted.join('\n')}\n`, bytes + wanted.length * 128 + 1024 * 1024), blobs);
  };
  let batched = false;

  return {
    root: absolute,
    label: `git ${rev}`,
    onDisk: false,
    list: () => ({ files, as: 'git' }),
    additions: () => [],
    read(file, scope) {
      const key = treePath(file);
      const entry = entries.get(key);
      if (!entry) {
        if (folders.has(key)) throw new FileAccessError(key, 'folder', 'is a folder, not a file');
        return undefined;
      }
      if (entry.kind === 'symlink') throw new FileAccessError(key, 'symlink', 'is a symbolic link; not read');
      if (entry.kind === 'other') throw new FileAccessError(key, 'not-regular', 'is not a regular file (a submodule); not read');
      if (entry.size > scope.maxBytes) throw tooLargeError(key, entry.size, scope.maxBytes);
      if (!batched) {
        batched = true;
        const wanted = options.prefetch ?? (() => true);
        fetch([...entries].filter(([file, e]) => e.kind === 'file' && e.size <= BATCH_BLOB_BYTES && wanted(file)).map(([, e]) => e.object));
      }
      fetch([entry.object]);
      return blobs.get(entry.object);
    },
    blob(file) {
      const entry = entries.get(treePath(file));
      return entry && { object: entry.object, size: entry.size, mode: entry.mode };
    },
    entry(file): EntryKind {
      const key = file === '' || file === '.' ? '.' : treePath(file);
      if (key === '.') return 'folder';
      const entry = entries.get(key);
      if (entry) return entry.kind;
      return folders.has(key) ? 'folder' : 'missing';
    },
  };
}

/**
 * The paths whose content or mode differs between two commits' trees of the same project, or that
 * only one of them has: what `git diff --name-only --no-renames <base> <head>` lists, taken from
 * the two listings a diff has already made instead of from one more git process. In git's order
 * (bytes of the path).
 */
export function changedBetween(base: GitObjectsTree, head: GitObjectsTree): string[] {
  const changed = new Set<string>();
  for (const tree of [base, head])
    for (const file of tree.list()?.files ?? []) {
      const before = base.blob(file);
      const after = head.blob(file);
      if (!before || !after || before.object !== after.object || before.mode !== after.mode) changed.add(file);
    }
  return [...changed].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/**
 * The work tree with the tracked files it does not hold read from git's index (`git cat-file --batch`):
 * a sparse checkout lints its own folders while the other services' migrations, schemas and manifests,
 * which git tracks but did not check out, still give the model their tables and services. The disk wins
 * wherever it has the file. Blobs of the files `prefetch` names are fetched together on the first read
 * (one git process); any other one alone when asked for.
 */
export function withIndexBlobs(base: SourceTree, absent: ReadonlyMap<string, IndexEntry>, prefetch: (file: string) => boolean): SourceTree {
  const folders = new Set<string>();
  for (const file of absent.keys())
    for (let slash = file.lastIndexOf('/'); slash > 0; slash = file.lastIndexOf('/', slash - 1)) {
      const folder = file.slice(0, slash);
      if (folders.has(folder)) break;
      folders.add(folder);
    }
  const blobs = new Map<string, Buffer>();
  const fetch = (objects: string[]) => {
    const wanted = [...new Set(objects)].filter((object) => !blobs.has(object));
    if (wanted.length > 0) parseBatch(git(base.root, ['cat-file', '--batch'], `${wanted.join('\n')}\n`), blobs);
  };
  // Sizes first (`--batch-check`), so that the one batch takes only small blobs and a blob above the read limit is
  // refused unread: the index records no size, and one huge blob must not push the batch past git's output buffer.
  let sizes: Map<string, number> | undefined;
  const sizeOf = (object: string): number => {
    if (!sizes) {
      sizes = new Map();
      const objects = [...new Set([...absent.values()].filter((e) => e.mode.startsWith('100')).map((e) => e.object))];
      const listing = git(base.root, ['cat-file', '--batch-check'], `${objects.join('\n')}\n`).toString('utf8');
      for (const line of listing.split('\n')) {
        const [object, type, size] = line.split(' ');
        if (type === 'blob' && size !== undefined) sizes.set(object, Number(size));
      }
    }
    return sizes.get(object) ?? 0;
  };
  let batched = false;
  const indexEntry = (file: string): IndexEntry | undefined => {
    const entry = absent.get(file);
    return entry && base.entry(file) === 'missing' ? entry : undefined;
  };
  return {
    root: base.root,
    label: base.label,
    onDisk: base.onDisk,
    list: () => base.list(),
    additions: () => base.additions(),
    read(file, scope) {
      const key = treePath(file);
      const entry = indexEntry(key);
      if (!entry) return base.read(file, scope);
      if (entry.mode === '120000') throw new FileAccessError(key, 'symlink', 'is a symbolic link; not read');
      if (!entry.mode.startsWith('100')) throw new FileAccessError(key, 'not-regular', 'is not a regular file (a submodule); not read');
      try {
        const size = sizeOf(entry.object);
        if (size > scope.maxBytes) throw tooLargeError(key, size, scope.maxBytes);
        if (!batched) {
          batched = true;
          const small = [...absent].filter(([f, e]) => e.mode.startsWith('100') && prefetch(f) && sizeOf(e.object) <= BATCH_BLOB_BYTES);
          fetch(small.map(([, e]) => e.object));
        }
        fetch([entry.object]);
      } catch (error) {
        // A blob missing from a partial clone (`--filter=blob:none`) or a git that fails: the file is unread, as a refused one is.
        if (error instanceof GitError)
          throw new FileAccessError(key, 'io', `is not checked out and git could not read it (${error.message})`);
        throw error;
      }
      const bytes = blobs.get(entry.object);
      if (!bytes) throw new FileAccessError(key, 'io', 'is not checked out and git could not read it');
      if (bytes.length > scope.maxBytes) throw tooLargeError(key, bytes.length, scope.maxBytes);
      return bytes;
    },
    entry(file): EntryKind {
      const kind = base.entry(file);
      if (kind !== 'missing') return kind;
      const key = file === '' || file === '.' ? '.' : treePath(file);
      const entry = absent.get(key);
      if (entry) return entry.mode === '120000' ? 'symlink' : entry.mode.startsWith('100') ? 'file' : 'other';
      return folders.has(key) ? 'folder' : 'missing';
    },
  };
}
