import path from 'node:path';
import { memoryFiles, type MemoryFiles } from '../src/commands/cli-files.js';
import { runCliInProcess, type CliOutcome } from './cli-run.js';
import { filesUnder, fixtureFacts, fixtureTree } from './fixture-tree.js';

/**
 * The CLI over a repository held in memory (src/commands/cli-files.ts): what it reads is `files`, what it writes
 * (init's config, `--output`) lands in `files.written` and is read by the runs after it. Its subject is the command
 * line — flags, exit codes, output, files written — not the disk, which test/e2e covers (links, permissions, atomic
 * writes, git, the real bin). `--cwd` is relative to the tree's root (`/repo` unless given).
 */
export type { CliOutcome, MemoryFiles };

/** A repository in memory: path → text, its root `/repo`. */
export function repoInMemory(files: Record<string, string | Uint8Array>, options: { root?: string } = {}): MemoryFiles {
  return memoryFiles(files, { root: options.root ?? '/repo', facts: fixtureFacts });
}

/** A folder of fixtures/ in memory as a lint of it in this checkout lists it (test/fixture-tree.ts), facts from the worker's memory. */
export function fixtureInMemory(folder: string): MemoryFiles {
  return memoryFiles(fixtureTree(folder), { facts: fixtureFacts });
}

/**
 * A folder (of fixtures/) as a copy of it in a temporary folder outside git would be: every file under it, listed by a
 * walk, without the files named in `leaveOut`, at `/memory/<its name>` (nothing there on disk: a run that read the
 * disk would find nothing); facts from the worker's fixture memory.
 */
export function fixtureCopyInMemory(folder: string, leaveOut: readonly string[] = []): MemoryFiles {
  const files = filesUnder(folder);
  for (const file of leaveOut) delete files[file];
  return memoryFiles(files, { root: path.posix.join('/memory', path.basename(folder)), facts: fixtureFacts });
}

/** Runs the CLI with `argv` over `files`, its streams captured. */
export function cliInMemory(files: MemoryFiles, argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliOutcome> {
  return runCliInProcess(argv, { env, files });
}

/** What the run wrote at `file` (relative to the root, or absolute), or undefined. */
export function writtenText(files: MemoryFiles, file: string): string | undefined {
  return files.readText(files.resolve(file), { root: files.resolve('.'), maxBytes: 64 * 1024 * 1024 });
}
