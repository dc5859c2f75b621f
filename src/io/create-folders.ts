import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Creates `folder` and its missing parents one level at a time, from `existing` (an ancestor known to
 * be a folder; found here when not given) down. Not `mkdirSync(folder, { recursive: true })`: Node's
 * recursive mkdir never returns where a parent exists but refuses children with ENOENT
 * (`--cache-location /proc/x/y`, `XDG_CACHE_HOME=/proc/x` spun forever). Throws the first error.
 */
export function createFolders(folder: string, options: { existing?: string; mode?: number } = {}): void {
  let existing = options.existing;
  if (existing === undefined) {
    existing = folder;
    while (!statSync(existing, { throwIfNoEntry: false })?.isDirectory()) {
      const parent = path.dirname(existing);
      if (parent === existing) break;
      existing = parent;
    }
  }
  const missing: string[] = [];
  for (let dir = folder; dir !== existing && path.dirname(dir) !== dir; dir = path.dirname(dir)) missing.unshift(dir);
  for (const dir of missing) {
    try {
      mkdirSync(dir, options.mode === undefined ? undefined : { mode: options.mode });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && statSync(dir, { throwIfNoEntry: false })?.isDirectory()) continue;
      throw error;
    }
  }
}
