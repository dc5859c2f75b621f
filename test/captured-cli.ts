import type { CliIo } from '../src/cli.js';

/**
 * A CLI run with its streams captured, whichever build of the CLI runs: the source's (test/cli-run.ts)
 * or the shipped dist/ (test/built-cli.ts). Types only from the CLI, so neither loads the other's graph.
 */
export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  env?: NodeJS.ProcessEnv;
  /** Pretend stdout is a terminal. */
  isTTY?: boolean;
  /** How the run's file listings are answered (test/cli-run.ts: fixtures/ from one git listing per worker). */
  listingCache?: CliIo['listingCache'];
  /** The files the run reads and writes (src/commands/cli-files.ts): the disk when unset. */
  files?: CliIo['files'];
}

/** Calls `runCli` with `argv` as given and an io that keeps what it prints. */
export async function runCapturing(
  runCli: (argv: string[], io: CliIo) => Promise<number>,
  argv: string[],
  options: CliRunOptions = {},
): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    isTTY: options.isTTY ?? false,
    env: options.env ?? {},
    ...(options.listingCache && { listingCache: options.listingCache }),
    ...(options.files && { files: options.files }),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
