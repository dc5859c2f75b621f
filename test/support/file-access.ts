import { readdirSync } from 'node:fs';
import { FileAccessError } from '../../src/io/file-access-error.js';

/** The FileAccessError `run` throws; any other error is rethrown, and a `run` that succeeds fails the test. */
export function refusal(run: () => unknown): FileAccessError {
  try {
    run();
  } catch (error) {
    if (error instanceof FileAccessError) return error;
    throw error;
  }
  throw new Error('expected a FileAccessError, but the read or write succeeded');
}

/** Files of a folder other than `keep`: temporary files left behind. */
export const leftovers = (folder: string, keep: string[]) => readdirSync(folder).filter((name) => !keep.includes(name));
