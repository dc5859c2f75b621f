/**
 * A tree on disk whose file contents are kept between runs of a long-lived process (the language
 * server): a file is read again only when `lstat` says it changed (inode, size, modification or
 * change time differ), so a run after an edit costs one `lstat` per unchanged file instead of the
 * safe reader's realpath, stat, open, fstat, read and close. The first read of each content goes
 * through the safe reader (read-regular-file.ts): a file replaced by a link, a folder or a device
 * has a new inode or change time, and is read, and refused, through it again.
 */
import { lstatSync, type Stats } from 'node:fs';
import path from 'node:path';
import { treePath, type SourceTree } from './source-tree.js';

interface Kept {
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  bytes: Buffer;
}

export interface StatCachedTree extends SourceTree {
  /** Forgets what is kept (a file the editor says changed is read again anyway; this frees the memory). */
  forget(file?: string): void;
}

const same = (kept: Kept, stats: Stats) =>
  kept.ino === stats.ino && kept.size === stats.size && kept.mtimeMs === stats.mtimeMs && kept.ctimeMs === stats.ctimeMs;

export function statCachedTree(disk: SourceTree): StatCachedTree {
  if (!disk.onDisk) throw new Error(`only a tree on disk can be cached by file status, not a ${disk.label} tree`);
  const kept = new Map<string, Kept>();
  const statOf = (file: string): Stats | undefined => {
    try {
      return lstatSync(path.join(disk.root, file), { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
  };
  return {
    root: disk.root,
    label: disk.label,
    onDisk: true,
    list: () => disk.list(),
    additions: () => disk.additions(),
    entry: (file) => disk.entry(file),
    read(file, scope) {
      const key = treePath(file);
      // Taken before the read: a change while reading leaves a status that no longer matches.
      const before = statOf(key);
      const entry = kept.get(key);
      if (entry && before?.isFile() && same(entry, before) && entry.bytes.length <= scope.maxBytes) return entry.bytes;
      kept.delete(key);
      const bytes = disk.read(key, scope);
      if (bytes !== undefined && before?.isFile())
        kept.set(key, { ino: before.ino, size: before.size, mtimeMs: before.mtimeMs, ctimeMs: before.ctimeMs, bytes });
      return bytes;
    },
    forget(file) {
      if (file === undefined) kept.clear();
      else kept.delete(treePath(file));
    },
  };
}
