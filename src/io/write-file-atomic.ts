/**
 * Every write of the tool goes through here (reports, maps, the config `init` writes, the
 * suppressions file, the cache). Two promises:
 *
 * - Never through a symbolic link. The README's CI command writes `report.sarif`; a pull request
 *   that commits `report.sarif -> ~/.bashrc` must not get that file overwritten. A link at the
 *   target is refused (not replaced: a link there is a surprise worth an error), and inside the
 *   repository no folder on the way may be a link that leads out of it.
 * - Atomic. The content goes to a temporary file in the target's folder — an unpredictable name,
 *   created exclusively (O_EXCL | O_NOFOLLOW, so a planted link or file at that name fails the
 *   write instead of redirecting it) — which is flushed to disk and then renamed over the target.
 *   A reader, or a run killed half-way, sees the old file or the new one, never half of one.
 *   The temporary file is removed when the write fails, and when SIGINT, SIGTERM or SIGHUP
 *   arrives during it. Only SIGKILL (an out-of-memory kill, a CI job's timeout) can leave one
 *   behind, never a damaged target; the name carries the writer's pid, so the next write of the
 *   same target removes the temporary files of writers that no longer run.
 *
 * The write is synchronous on purpose: a signal that arrives meanwhile is delivered to the
 * handler below only after the rename, so the file is complete and then the process ends as the
 * signal asks. Once installed, the handler stays: removing it right after a write would drop a
 * signal that arrived during the write (Node delivers it on a later turn of the event loop, after
 * any `setImmediate`), and the process would run on. Alone, it ends the process as the signal's
 * default would; beside the host's own handlers, it only cleans up. In a worker thread (the CLI's, see
 * src/commands/cli-thread.ts) no signal arrives: the main thread is told of each temporary file (watchTemporaries)
 * and removes the ones left once it has stopped the worker, whose write may then end half-way, in the
 * temporary file only.
 *
 * Written by hand rather than with `write-file-atomic`: that package resolves the target's
 * links and writes to where they point, which is exactly what must not happen here.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import path from 'node:path';
import { createFolders } from './create-folders.js';
import { FileAccessError, ioError } from './file-access-error.js';
import { containmentProblem, locate, type LocatedPath, type PathScope } from './repository-paths.js';

export type WriteScope = PathScope;

/** Writes a file whole (absolute path): writeFileAtomic on disk, or a host's sink (lint()'s and runCli's `write`). */
export type FileWriter = (file: string, data: string | Uint8Array, scope: WriteScope) => void;

/**
 * Writes `data` to `file` atomically; throws FileAccessError (one line) when it cannot. The file gets
 * `options.mode` when given (the code cache: 0600, whatever was there), else the mode of the file it
 * replaces, else 0666 less the umask.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, scope: WriteScope, options: { mode?: number } = {}): void {
  const located = locate(file, scope);
  if (!located.inside && (scope.origin ?? 'repository') === 'repository') {
    throw new FileAccessError(located.shown, 'outside-repository', 'is outside the repository; not written');
  }
  const existing = existingTarget(located);
  prepareFolder(located, scope);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const temp = temporaryName(located.absolute);
  liveTemporaries.add(temp);
  temporaryWatcher?.('created', temp);
  ensureSignalHandlers();
  let fd: number | undefined;
  try {
    // Keeps the mode of the file it replaces (a config someone made read-only for the group stays so).
    fd = openSync(
      temp,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      options.mode ?? (existing ? existing.mode & 0o777 : 0o666),
    );
    for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, located.absolute);
    liveTemporaries.delete(temp);
    temporaryWatcher?.('gone', temp);
    removeOrphanedTemporaries(located.absolute);
  } catch (error) {
    if (fd !== undefined) closeQuietly(fd);
    removeQuietly(temp);
    liveTemporaries.delete(temp);
    temporaryWatcher?.('gone', temp);
    throw ioError(located.shown, error, 'write it');
  }
  syncFolder(path.dirname(located.absolute));
}

/** The regular file being replaced, if any; anything else at the target is refused. */
function existingTarget(located: LocatedPath): Stats | undefined {
  let stats: Stats;
  try {
    stats = lstatSync(located.absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw ioError(located.shown, error, 'write it');
  }
  if (stats.isSymbolicLink()) {
    throw new FileAccessError(located.shown, 'symlink', 'is a symbolic link; not written through it (remove the link, or write elsewhere)');
  }
  if (stats.isDirectory()) throw new FileAccessError(located.shown, 'folder', 'is a folder; name a file to write');
  if (!stats.isFile())
    throw new FileAccessError(located.shown, 'not-regular', 'is not a regular file (a device, FIFO or socket); not written');
  return stats;
}

/** Creates the target's folder; inside the repository, only below a folder that really is inside it. */
function prepareFolder(located: LocatedPath, scope: WriteScope): void {
  const folder = path.dirname(located.absolute);
  let existing = folder;
  for (;;) {
    try {
      if (!statSync(existing).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' || path.dirname(existing) === existing) throw ioError(located.shown, error, 'write it');
      existing = path.dirname(existing);
    }
  }
  let real: string;
  try {
    real = realpathSync.native(existing);
  } catch (error) {
    throw ioError(located.shown, error, 'write it');
  }
  const ancestor = { ...located, absolute: existing };
  const problem = containmentProblem(ancestor, real, scope);
  if (problem === 'outside-repository') {
    throw new FileAccessError(located.shown, problem, 'lies in a linked folder that leads outside the repository; not written');
  }
  if (problem === 'symlink') throw new FileAccessError(located.shown, problem, 'lies in a linked folder; not written');
  if (existing === folder) return;
  try {
    createFolders(folder, { existing });
  } catch (error) {
    throw ioError(located.shown, error, 'create its folder');
  }
}

/** Long names leave room for the suffix within the usual 255-byte limit of a file name. */
const temporaryBase = (target: string) => path.basename(target).slice(0, 200);

/**
 * `.<name>.<pid>-<16 random hex>.tmp`: the random part makes it unpredictable (a file planted at
 * the name cannot be waited for), the pid tells a later run whether its writer still runs.
 */
function temporaryName(target: string): string {
  return path.join(path.dirname(target), `.${temporaryBase(target)}.${process.pid}-${randomBytes(8).toString('hex')}.tmp`);
}

/**
 * Removes what writers of `target` killed by SIGKILL left next to it: regular files named as
 * temporaryName() names them, whose pid no longer runs. A live writer's file is left alone (its
 * rename is still to come), and so is one whose pid is alive for another reason.
 */
function removeOrphanedTemporaries(target: string): void {
  const folder = path.dirname(target);
  const prefix = `.${temporaryBase(target)}.`;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(\d+)-[0-9a-f]{16}\.tmp$/.exec(name.slice(prefix.length));
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || processRuns(pid)) continue;
    const file = path.join(folder, name);
    try {
      if (lstatSync(file).isFile()) unlinkSync(file);
    } catch {
      // Removed meanwhile by another run: the same outcome.
    }
  }
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Makes the rename durable; file systems that cannot sync a folder lose nothing but durability. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, constants.O_RDONLY | constants.O_DIRECTORY);
    fsyncSync(fd);
  } catch {
    // Not every file system supports it; the content itself was synced.
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already closed or never usable: nothing left to release.
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Never created, or already gone.
  }
}

// --- Temporary files and signals ---------------------------------------------------------------

const liveTemporaries = new Set<string>();

/**
 * Told of each temporary file before it is created ('created') and once it is renamed or removed ('gone').
 * A linter run in a worker thread (bin/nilecare-lint.js, src/commands/cli-thread.ts) needs it: signals reach only
 * the main thread, so the handlers below never run in the worker, and the main thread removes what is
 * still listed once it has stopped the worker.
 */
export type TemporaryWatcher = (event: 'created' | 'gone', file: string) => void;
let temporaryWatcher: TemporaryWatcher | undefined;

/**
 * Removes temporary files a writer in a worker thread announced and had not renamed: called by the main
 * thread once that worker has stopped. Only names this process's writers give their temporary files are removed.
 */
export function removeTemporaries(files: Iterable<string>): void {
  const marker = `.${process.pid}-`;
  for (const file of files) {
    const name = path.basename(file);
    const at = name.lastIndexOf(marker);
    if (name.startsWith('.') && at > 0 && /^[0-9a-f]{16}\.tmp$/.test(name.slice(at + marker.length))) removeQuietly(file);
  }
}

/** Sets (or with undefined, clears) the one watcher of temporary files. */
export function watchTemporaries(watcher: TemporaryWatcher | undefined): void {
  temporaryWatcher = watcher;
}
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let handlersInstalled = false;

function onSignal(signal: NodeJS.Signals): void {
  for (const temp of liveTemporaries) removeQuietly(temp);
  liveTemporaries.clear();
  handlersInstalled = false;
  for (const each of SIGNALS) process.off(each, onSignal);
  // Alone, we were what kept the signal from ending the process: end it now, as the signal asked.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function ensureSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of SIGNALS) process.on(signal, onSignal);
}
