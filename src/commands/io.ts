import type { Argv, Options } from 'yargs';
import type { ListingCache } from '../discovery/discover.js';
import type { CliFiles } from './cli-files.js';

/** Where a command writes and what it knows of its terminal: process streams in the CLI, buffers in tests. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  /** Waits for stdout to take everything written; the stdout failure, if any (the process streams only). */
  settle?: () => Promise<{ code: string } | undefined>;
  /** All of stdin (`--stdin`), refused above `maxBytes`; absent where there is none to read. */
  stdin?: (maxBytes: number) => Promise<Buffer>;
  env: NodeJS.ProcessEnv;
  /**
   * Answers file listings instead of git or a walk, for a host that already knows them: the test
   * suite, whose in-process CLI runs on fixtures/ would otherwise each fork a `git ls-files` of
   * this repository. Unset in the CLI process: every run lists afresh.
   */
  listingCache?: ListingCache;
  /**
   * The files the run reads and writes (cli-files.ts): the disk when unset, as in the CLI process; a tree in memory
   * and a sink for what the command writes (the test suite's CLI tests).
   */
  files?: CliFiles;
}

/**
 * How a command meets the CLI: its builder hands its options to `declare` (yargs runs builders
 * before validating), its handler passes the work to `selected` once the options are valid.
 */
export interface CommandHooks {
  declare: (y: Argv, options: Record<string, Options>) => Argv;
  /** `run` does the work and returns the exit code; the CLI calls it after parsing, with the run's streams. */
  selected: (run: (io: CliIo) => Promise<number>) => void;
}
