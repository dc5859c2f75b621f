import { FileAccessError } from './file-access-error.js';
import { readRegularFile } from './read-regular-file.js';
import type { SourceTree } from './source-tree.js';

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
export type UnanalysedReason = 'too-large' | 'unreadable' | 'binary' | 'rejected-document';

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

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8', { fatal: false });

/**
 * Reads a source file of the repository at `root` (a folder, or any source tree) as text: refuses huge files and anything but
 * a regular file inside the repository (never reading past the limit); decodes UTF-8 (invalid
 * bytes replaced, with a problem) and UTF-16 with a byte-order mark; strips the BOM; refuses
 * binaries unless the file is code.
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
  const utf16 = utf16Encoding(buffer);
  if (utf16) return { ok: true, text: new TextDecoder(utf16).decode(buffer), problems: [], binaryLike: false };
  const binaryLike = looksBinary(buffer);
  if (binaryLike && !options.code) {
    return {
      ok: false,
      problem: { unanalysed: 'binary', message: 'binary content; not analysed', fileSpan: { start: 0, end: 0 } },
    };
  }
  const problems: ReadProblem[] = [];
  let text: string;
  try {
    text = utf8.decode(buffer);
  } catch {
    text = utf8Lenient.decode(buffer);
    const bad = text.indexOf('\uFFFD');
    problems.push({
      message: 'not valid UTF-8; invalid bytes were replaced',
      fileSpan: { start: Math.max(0, bad), end: Math.max(0, bad) + 1 },
    });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text, problems, binaryLike };
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
