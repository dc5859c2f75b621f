import { readdirSync } from 'node:fs';

export interface WalkOptions {
  /** Folder names never entered, at any depth (`node_modules`, `.git`). */
  skipFolders: readonly string[];
  /** Folders deeper than this below the start are not read (1: only the start's own entries). Default: no limit. */
  maxDepth?: number;
}

/**
 * Every regular file under `root`, as sorted posix paths relative to it: dot files included,
 * links (to files or folders) never followed nor listed, unreadable folders skipped. Which
 * files count is decided by the caller with the one glob engine (src/config/glob.ts); a walk
 * needs no pattern matching of its own.
 */
export function walkFiles(root: string, options: WalkOptions): string[] {
  const skip = new Set(options.skipFolders);
  const maxDepth = options.maxDepth ?? Infinity;
  const files: string[] = [];
  const visit = (dir: string, prefix: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      // A folder that vanished or cannot be read lists nothing, as a shell glob would.
      return;
    }
    for (const entry of entries) {
      if (entry.isFile()) files.push(prefix + entry.name);
      else if (entry.isDirectory() && !skip.has(entry.name) && depth < maxDepth)
        visit(`${dir}/${entry.name}`, `${prefix}${entry.name}/`, depth + 1);
    }
  };
  visit(root, '', 1);
  return files.sort();
}
