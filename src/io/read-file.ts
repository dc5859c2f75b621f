import { FileAccessError } from './file-access-error.js';
import { readRegularFile } from './read-regular-file.js';
import type { SourceTree } from './source-tree.js';
import { decodeText } from './text-encoding.js';

/** Files larger than this are not parsed: they are generated or vendored, and would dominate run time. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
 * SQL files may be larger: a seed or a dump is mostly bulk data, which the SQL analyser scans
 * without parsing (see analysis/sql/bulk.ts), so it costs time and memory linear in its size.
 * Above this, the file is an `unanalysed-file` finding rather than read.
 */
export const MAX_SQL_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Why (part of) a file was not analysed. Such a problem is an `unanalysed-file` finding, an
 * error in a service's folder: otherwise padding a file past the size limit, or breaking a YAML
 * document, would turn a failing run into a passing one.
 */
export type UnanalysedReason = 'too-large' | 'unreadable' | 'binary' | 'rejected-document' | 'lfs-pointer';

/** A problem with the whole file, at a span of its text (the same shape as the analysers' syntax problems). */
export interface ReadProblem {
  message: string;
  fileSpan: { start: number; end: number };
  unanalysed?: UnanalysedReason;
}

export interface ReadSourceOptions {
  /**
   * Source code (TypeScript/JavaScript, SQL, Prisma): always decoded and analysed, NUL bytes
   * included. TypeScript and the databases accept a NUL in a comment or a string, so "looks
   * binary" would let an author switch analysis off with one byte. Other files (YAML, .env)
   * keep git's binary heuristic.
   */
  code?: boolean;
  /** Default MAX_FILE_BYTES. */
  maxBytes?: number;
}

export type ReadOutcome =
  | {
      ok: true;
      text: string;
      problems: ReadProblem[];
      /** A NUL in the first 8 KB (git's "binary"); for code files, which are analysed anyway. */
      binaryLike: boolean;
    }
  | { ok: false; problem: ReadProblem & { unanalysed: UnanalysedReason } };

/**
 * Reads a source file of the repository at `root` (a folder, or any source tree) as text: refuses huge files and anything but
 * a regular file inside the repository (never reading past the limit) and Git LFS pointers; decodes
 * as text-encoding.ts says (UTF-16 with a byte-order mark, UTF-8, otherwise latin-1); strips the
 * BOM; refuses binaries unless the file is code.
 */
export function readSourceFile(file: string, root: string | SourceTree, options: ReadSourceOptions = {}): ReadOutcome {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  let buffer: Buffer | undefined;
  try {
    buffer = typeof root === 'string' ? readRegularFile(file, { root, maxBytes }) : root.read(file, { maxBytes });
  } catch (error) {
    if (!(error instanceof FileAccessError)) throw error;
    const reason = error.problem === 'too-large' ? 'too-large' : 'unreadable';
    const message =
      error.problem === 'io'
        ? `cannot read file (${error.code ?? 'error'})`
        : `file ${error.reason.replace(/; not read$/, '')}; not analysed`;
    return { ok: false, problem: { unanalysed: reason, message, fileSpan: { start: 0, end: 0 } } };
  }
  if (buffer === undefined) {
    return { ok: false, problem: { unanalysed: 'unreadable', message: 'cannot read file (ENOENT)', fileSpan: { start: 0, end: 0 } } };
  }
  if (isLfsPointer(buffer)) {
    return {
      ok: false,
      problem: {
        unanalysed: 'lfs-pointer',
        message: 'a Git LFS pointer, not the file: its content was not fetched (run `git lfs pull`), so nothing it defines is known',
        fileSpan: { start: 0, end: LFS_VERSION_LINE.length },
      },
    };
  }
  const utf16 = utf16Encoding(buffer);
  if (utf16) return { ok: true, text: decodeText(buffer).text, problems: [], binaryLike: false };
  const binaryLike = looksBinary(buffer);
  if (binaryLike && !options.code) {
    return {
      ok: false,
      problem: { unanalysed: 'binary', message: 'binary content; not analysed', fileSpan: { start: 0, end: 0 } },
    };
  }
  // Not valid UTF-8 is read as latin-1 (see text-encoding.ts): no byte is replaced, so no rule judges U+FFFD.
  return { ok: true, text: decodeText(buffer).text, problems: [], binaryLike };
}

/** The first line of a Git LFS pointer file (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md). */
const LFS_VERSION_LINE = 'version https://git-lfs.github.com/spec/v1';
/** Pointer files are smaller than this (the spec's limit). */
const LFS_POINTER_MAX_BYTES = 1024;

/**
 * A Git LFS pointer checked out in place of the file (`actions/checkout` without `lfs: true`):
 * its text is no SQL or code, and the file it stands for was never read.
 */
function isLfsPointer(buffer: Uint8Array): boolean {
  if (buffer.length >= LFS_POINTER_MAX_BYTES || buffer.length <= LFS_VERSION_LINE.length) return false;
  const next = buffer[LFS_VERSION_LINE.length];
  if (next !== 0x0a && next !== 0x0d) return false;
  return Buffer.from(buffer.buffer, buffer.byteOffset, LFS_VERSION_LINE.length).toString('latin1') === LFS_VERSION_LINE;
}

/**
 * UTF-16 is recognised by its byte-order mark only, as editors and compilers do (TypeScript's
 * `sys.readFile` too): UTF-16 text puts a NUL beside every ASCII character, so without this it
 * would be "binary" and a cross-service query saved as UTF-16 would go unseen.
 */
function utf16Encoding(buffer: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (buffer.length < 2) return undefined;
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return 'utf-16le';
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** A NUL byte in the first 8 KB means binary, the heuristic git uses. */
export function looksBinary(buffer: Uint8Array): boolean {
  // indexOf is a native memchr: 5× faster than a JS loop over every file's first 8 KB.
  return (buffer.length > 8000 ? buffer.subarray(0, 8000) : buffer).indexOf(0) !== -1;
}
