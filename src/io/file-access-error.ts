/**
 * The one error type of the file-access layer. Its message is a single line, `<path>: <reason>`,
 * and never quotes the file's content: a refused file may be a link to someone's secrets
 * (`/proc/self/environ`), so the reason says what the file is, not what it holds.
 */
export type FileAccessProblem =
  /** Inside the repository by name, but it (or a folder on its way) is a symbolic link that leads elsewhere. */
  | 'outside-repository'
  /** Reached through a symbolic link where none is accepted (the cache, a file about to be written). */
  | 'symlink'
  /** A folder where a file was expected. */
  | 'folder'
  /** A device, FIFO or socket: reading one can block forever or never end (`/dev/zero`). */
  | 'not-regular'
  | 'too-large'
  /** Anything the operating system refused: permissions, a full disk, a read-only file system… */
  | 'io';

export class FileAccessError extends Error {
  override name = 'FileAccessError';

  constructor(
    /** The path as shown to the user: repository-relative when inside it, absolute otherwise. */
    readonly file: string,
    readonly problem: FileAccessProblem,
    /** What went wrong, in words, without the path. */
    readonly reason: string,
    /** The errno code, for `io` problems (`EACCES`, `ENOSPC`, …). */
    readonly code?: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EISDIR: 'is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  ENOENT: 'no such file or folder',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many levels of symbolic links',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  EBUSY: 'the file is busy',
  EXDEV: 'cannot move the file across devices',
  EFBIG: 'the file is too large for the file system',
};

/** Words for an errno code; unknown codes are shown as they are. */
export function describeErrorCode(code: string | undefined): string {
  if (!code) return 'unknown error';
  return REASONS[code] ?? code;
}

/** Wraps an operating-system error as a one-line FileAccessError (the OS message repeats the path and the syscall). */
export function ioError(file: string, error: unknown, doing: string): FileAccessError {
  if (error instanceof FileAccessError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return new FileAccessError(file, 'io', `cannot ${doing}: ${describeErrorCode(code)}`, code);
}
