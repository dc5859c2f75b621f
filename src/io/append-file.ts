/**
 * Appends to a file the tool itself wrote and just read (the facts cache), under the same rules as
 * write-file-atomic.ts: never through a link (O_NOFOLLOW at the file, no linked folder on the way
 * where the scope forbids one), only to a regular file, and only to the very file that was read
 * (same device and inode, as the read's open descriptor gave them: readRegularFileAndIdentity): a
 * file swapped in since is not appended to. Not atomic: a run killed
 * mid-write leaves a partial last line, which the reader must treat as damaged (the cache does: a
 * damaged line is a miss). Returns false, writing nothing, when any check fails; the caller then
 * rewrites the file atomically instead.
 */
import { closeSync, constants, fstatSync, openSync, realpathSync, writeSync } from 'node:fs';
import type { FileIdentity } from './read-regular-file.js';
import { containmentProblem, locate, type PathScope } from './repository-paths.js';

export function appendToSameFile(file: string, data: string | Uint8Array, scope: PathScope, expected: FileIdentity): boolean {
  const located = locate(file, scope);
  let fd: number | undefined;
  try {
    if (containmentProblem(located, realpathSync.native(located.absolute), scope)) return false;
    fd = openSync(located.absolute, constants.O_WRONLY | constants.O_APPEND | constants.O_NOFOLLOW);
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.dev !== expected.dev || stats.ino !== expected.ino) return false;
    // One write call: concurrent appenders (two runs) interleave whole lines, not parts of them.
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    return writeSync(fd, bytes, 0, bytes.length) === bytes.length;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
