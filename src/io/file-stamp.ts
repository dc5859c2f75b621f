/**
 * What the file system says of a file — device, inode, size, modification and change times — to
 * tell that it has not changed without reading it, as git's index does (`--cache`, facts-cache.ts).
 *
 * Only a plain file reached through real folders gets a stamp: the safe reader
 * (read-regular-file.ts) refuses a link, a device, a path leading out of the repository, and a
 * file without a stamp is read through it as usual, so a stamp never lets the run take a file the
 * reader would refuse. A linked folder is not judged here (the reader follows one that stays
 * inside): its files are simply read, as without a cache. Each folder's real path is asked once.
 */
import { lstatSync, realpathSync, type Stats } from 'node:fs';
import path from 'node:path';

export interface FileStamp {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

/** The stamp of a project-relative posix path under `root`, or undefined when it must be read to be trusted. */
export type Stamper = (relative: string) => FileStamp | undefined;

/** The stamp of a regular file's status. */
export function stampOf(stats: Stats): FileStamp {
  return { dev: stats.dev, ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs };
}

/**
 * `known` holds stamps taken earlier in the run (discovery's check that each listed file is a regular
 * file, diskTree's `stamps`): taken before the file is read, so a change in between leaves a stamp that
 * no longer matches, and the next run reads the file — one `lstat` per file instead of two.
 */
export function fileStamper(root: string, known?: ReadonlyMap<string, FileStamp>): Stamper {
  const realRoot = realPath(root);
  /** Folder (project-relative) → whether it is where it says, no link on the way. */
  const folders = new Map<string, boolean>();
  // path.join of a normalised base and a clean project-relative path (discovery's, and their folders) is the two joined
  // by a slash: so joined where the separator is posix, where path.join per folder and file was most of this function's
  // own time at 10,000 files.
  const joined = (base: string) => {
    if (path.sep !== '/') return (relative: string) => path.join(base, relative);
    const normal = path.normalize(base);
    const prefix = normal.endsWith('/') ? normal : `${normal}/`;
    return (relative: string) => `${prefix}${relative}`;
  };
  const underRoot = joined(root);
  const underRealRoot = realRoot === undefined ? undefined : joined(realRoot);
  const realFolder = (folder: string): boolean => {
    let known = folders.get(folder);
    if (known === undefined) {
      known = underRealRoot !== undefined && realPath(underRoot(folder)) === underRealRoot(folder);
      folders.set(folder, known);
    }
    return known;
  };
  return (relative) => {
    const slash = relative.lastIndexOf('/');
    if (slash > 0 && !realFolder(relative.slice(0, slash))) return undefined;
    const taken = known?.get(relative);
    if (taken) return taken;
    try {
      const stats = lstatSync(underRoot(relative), { throwIfNoEntry: false });
      return stats?.isFile() ? stampOf(stats) : undefined;
    } catch {
      return undefined;
    }
  };
}

function realPath(file: string): string | undefined {
  try {
    return realpathSync.native(file);
  } catch {
    return undefined;
  }
}

/** The size of the regular file at `file` (links not followed), or undefined when it is missing or not a regular file. */
export function regularFileSize(file: string): number | undefined {
  try {
    const stats = lstatSync(file);
    return stats.isFile() ? stats.size : undefined;
  } catch {
    return undefined;
  }
}
