/**
 * Every read of the tool goes through here: the repository is written by whoever opened the
 * pull request, so a committed file may be a link to `/dev/zero` (a read never ends), a FIFO
 * (a read never starts), or a link to `/proc/self/environ` or `~/.npmrc` (a read leaks).
 * Only regular files are read, never more than a cap, and a path inside the repository must
 * stay inside it (see repository-paths.ts).
 */
import path from 'node:path';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { FileAccessError, ioError } from './file-access-error.js';
import { containmentProblem, locate, type LocatedPath, type PathScope } from './repository-paths.js';

export interface ReadScope extends PathScope {
  /** Larger files are refused (`too-large`); the size is checked on the open file, and the read stops there too. */
  maxBytes: number;
}

export type EntryKind = 'missing' | 'file' | 'folder' | 'symlink' | 'other';

const MIB = 1024 * 1024;

function sizeText(bytes: number): string {
  return bytes >= MIB ? `${(bytes / MIB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** What is at `file` itself (a link is `symlink`, not followed); for "does it exist" questions. */
export function entryKind(file: string, scope: Pick<PathScope, 'root'>): EntryKind {
  return entryWithStats(file, scope).kind;
}

/** What is at `file` itself, and the `lstat` that said so (none when missing). */
export function entryWithStats(file: string, scope: Pick<PathScope, 'root'>): { kind: EntryKind; stats?: Stats } {
  // locate()'s absolute path, without what it adds for messages (the relative form): discovery asks this of every file.
  return entryWithStatsAt(path.resolve(scope.root, file));
}

/** entryWithStats of an absolute, normalised path. */
export function entryWithStatsAt(absolute: string): { kind: EntryKind; stats?: Stats } {
  let stats: Stats | undefined;
  try {
    // Nothing there is an answer, not an error: without throwIfNoEntry an absent file costs a thrown ENOENT, ~3 times the
    // lstat itself, and most of what is asked (manifests a service may have, go.mod, pom.xml…) is absent.
    stats = lstatSync(absolute, { throwIfNoEntry: false });
  } catch {
    // A file where the path wants a folder (ENOTDIR), a folder not readable.
    return { kind: 'missing' };
  }
  return stats ? { kind: kindOf(stats), stats } : { kind: 'missing' };
}

function kindOf(stats: Stats): EntryKind {
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isDirectory()) return 'folder';
  return stats.isFile() ? 'file' : 'other';
}

/** What `file` is once links are followed (`missing` for a dangling link): a question about metadata, never about content. */
export function resolvedKind(file: string): Exclude<EntryKind, 'symlink'> {
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch {
    return 'missing';
  }
  if (stats.isDirectory()) return 'folder';
  return stats.isFile() ? 'file' : 'other';
}

/** Is `file` an existing folder (links followed only where the scope allows)? Never throws. */
export function isFolder(file: string, scope: PathScope): boolean {
  const located = locate(file, scope);
  try {
    const real = realpathSync.native(located.absolute);
    if (containmentProblem(located, real, scope)) return false;
    return statSync(real).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The file's bytes, or undefined when nothing is there (a dangling link counts as nothing).
 * Throws FileAccessError, one line and without the content, for anything else.
 */
export function readRegularFile(file: string, scope: ReadScope): Buffer | undefined {
  return readRegularFileAndIdentity(file, scope)?.bytes;
}

/** Which file a read read: its device and inode. */
export interface FileIdentity {
  dev: number;
  ino: number;
}

/**
 * The file's bytes and the identity of the very file they were read from, taken from the open
 * descriptor: a path looked up again after the read may name a file swapped in since (a rename
 * over it), whose identity would then vouch for bytes it does not hold. Undefined when nothing is there.
 */
export function readRegularFileAndIdentity(file: string, scope: ReadScope): { bytes: Buffer; identity: FileIdentity } | undefined {
  const located = locate(file, scope);
  const target = resolveForRead(located, scope);
  if (target === undefined) return undefined;
  // Opened without blocking (a FIFO swapped in after the check cannot hang the open), and never
  // through a final link inside the repository: `target` is already the resolved path there.
  let fd: number;
  try {
    fd = openSync(target, constants.O_RDONLY | constants.O_NONBLOCK | (located.inside ? constants.O_NOFOLLOW : 0));
  } catch (error) {
    throw ioError(located.shown, error, 'read it');
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw notRegular(located, stats);
    if (stats.size > scope.maxBytes) throw tooLarge(located, stats.size, scope.maxBytes);
    return { bytes: readAtMost(fd, located, scope.maxBytes, stats.size), identity: { dev: stats.dev, ino: stats.ino } };
  } catch (error) {
    throw ioError(located.shown, error, 'read it');
  } finally {
    closeSync(fd);
  }
}

/** The file as UTF-8 text without a byte-order mark; undefined when nothing is there. */
export function readTextFile(file: string, scope: ReadScope): string | undefined {
  const bytes = readRegularFile(file, scope);
  if (bytes === undefined) return undefined;
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The path to open, after the checks that need no open file; undefined when nothing is there. */
function resolveForRead(located: LocatedPath, scope: ReadScope): string | undefined {
  if (!located.inside && (scope.origin ?? 'repository') === 'repository') {
    throw new FileAccessError(located.shown, 'outside-repository', 'is outside the repository; not read');
  }
  let real = located.absolute;
  let stats: Stats;
  try {
    if (located.inside) real = realpathSync.native(located.absolute);
    stats = statSync(real);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw ioError(located.shown, error, 'read it');
  }
  const problem = containmentProblem(located, real, scope);
  if (problem === 'outside-repository') {
    throw new FileAccessError(
      located.shown,
      problem,
      'is a symbolic link (or lies in a linked folder) that leads outside the repository; not read',
    );
  }
  if (problem === 'symlink') throw new FileAccessError(located.shown, problem, 'is reached through a symbolic link; not read');
  if (stats.isDirectory()) throw new FileAccessError(located.shown, 'folder', 'is a folder, not a file');
  // Checked before opening: opening a device can have effects of its own (a tape rewinds, a watchdog arms).
  if (!stats.isFile()) throw notRegular(located, stats);
  if (stats.size > scope.maxBytes) throw tooLarge(located, stats.size, scope.maxBytes);
  return real;
}

function notRegular(located: LocatedPath, stats: Stats): FileAccessError {
  const what = stats.isFIFO()
    ? 'a FIFO'
    : stats.isSocket()
      ? 'a socket'
      : stats.isCharacterDevice() || stats.isBlockDevice()
        ? 'a device'
        : 'special';
  return new FileAccessError(located.shown, 'not-regular', `is not a regular file (${what}); not read`);
}

/** The refusal of a file over the size limit, worded the same by every source of files. */
export function tooLargeError(shown: string, size: number, max: number): FileAccessError {
  return new FileAccessError(shown, 'too-large', `is ${sizeText(size)}, over the ${sizeText(max)} limit; not read`);
}

function tooLarge(located: LocatedPath, size: number, max: number): FileAccessError {
  return tooLargeError(located.shown, size, max);
}

/** Reads to the end, but never past `max`: some files report a size of 0 and have content (`/proc`). */
function readAtMost(fd: number, located: LocatedPath, max: number, expected: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  let chunkSize = Math.min(Math.max(expected, 64 * 1024), max + 1);
  for (;;) {
    const chunk = Buffer.allocUnsafe(chunkSize);
    const read = readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) break;
    total += read;
    if (total > max) throw tooLarge(located, total, max);
    chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
    chunkSize = Math.min(64 * 1024, max + 1 - total);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}
