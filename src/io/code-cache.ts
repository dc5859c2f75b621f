/**
 * Loads a large CommonJS module (TypeScript: 9 MB; the CLI's own CommonJS bundle, dist/cli/cli.cjs:
 * 2.8 MB, see bin/nilecare-lint.js) with V8's code cache, so a run does not compile it again:
 * node 20 has no `module.enableCompileCache()`, so this is the `vm.Script` `cachedData` way. The
 * cache is written when the process ends, after the run used the module: V8 then includes the
 * functions compiled lazily during the run (the parser, the scanner), the ones every later run needs.
 *
 * Trust (SECURITY.md, "The V8 code cache"). Cached data is bytecode that V8 runs, checked by V8
 * only against the source's length, its own version and its flags: whoever can write the cache
 * file can run code in the linter. So it is never kept where a repository's author can put files
 * (the repository, its node_modules): it lives in the user's own cache folder (`$XDG_CACHE_HOME`
 * or `~/.cache`), read only when that folder and the file belong to the user running the linter
 * and nobody else may write them, never through a link, and written atomically with mode 0600.
 * Its name is a digest of the module file's path, size and modification time (of the very file
 * read: its descriptor's), the content digest our bundle carries on its first line, node's version
 * and architecture, and the flags node runs with: another TypeScript, another build of the bundle,
 * another node or other flags is another file. A file V8 rejects (`cachedDataRejected`)
 * is replaced. Anything else — no home, a read-only disk, a folder others may write — and the module
 * is compiled as without a cache: the cache can only save time, never change a result.
 * `NILECARE_LINT_NO_CODE_CACHE` (any value) turns it off.
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  futimesSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  unlinkSync,
  type Stats,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { createFolders } from './create-folders.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** Set to any value to compile without the cache (measurements, a suspected cache problem). */
export const NO_CODE_CACHE_ENV = 'NILECARE_LINT_NO_CODE_CACHE';
/** Cached data larger than this is not read: TypeScript's, with the parser compiled, is ~5 MB. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;
/**
 * Cache files kept in the folder: each TypeScript install, node version or flag set writes its own
 * (~5 MB), so without a bound the folder only grows (336 MB seen on a development machine). A file
 * a run reads is touched, so the ones in use are the newest and survive. Twelve: a lint run alone keeps four
 * (the CLI's lint variant, TypeScript, node-sql-parser, yaml), and the CLI has six command variants.
 */
export const MAX_CACHE_FILES = 12;
const CACHE_FILE_NAME = /^[0-9a-f]{32}\.bin$/;
/**
 * The first line of our own bundle (scripts/bundle-cli.mjs): the digest of its content, part of the
 * key. npm gives every file it installs the same modification time, so two builds of the bundle
 * with the same size would otherwise share a key, and V8 would run the older one's compiled code.
 */
const BUNDLE_DIGEST = /^\/\/ nilecare-lint bundle sha256:([0-9a-f]{64})\n/;
/** node's CommonJS wrapper around a module's source (`wrap`). */
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const WRAPPER_TAIL = '\n});';
/** The characters of a module's source its key reads (BUNDLE_DIGEST). */
const HEAD_LENGTH = 128;
/** The module source read for compiling: TypeScript is 9 MB. */
const MAX_SOURCE_BYTES = 64 * 1024 * 1024;

/** The user's folder for code caches, or undefined when it is turned off. */
export function codeCacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env[NO_CODE_CACHE_ENV] !== undefined) return undefined;
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'nilecare-lint', 'v8-code-cache');
}

/**
 * `require(specifier)` from `fromUrl`, with the module's compiled code taken from and saved to the
 * code cache in `folder`. Falls back to a plain `require` whenever the cache cannot be used.
 * `variant` names what the process does with the module (the CLI's command), part of the key: V8
 * saves what the first run compiled and the file is then kept, so a cache written by `map` would
 * leave every later lint run compiling the linting code (~0.07 s at 600 files).
 */
export function requireWithCodeCache<T>(specifier: string, fromUrl: string, folder = codeCacheFolder(), variant = ''): T {
  const require = createRequire(fromUrl);
  if (folder === undefined || typeof process.getuid !== 'function') return require(specifier) as T;
  let file: string;
  let module: { wrapped: string; head: string; stats: Stats } | undefined;
  try {
    file = require.resolve(specifier);
    module = readModule(file);
  } catch {
    return require(specifier) as T;
  }
  if (!module) return require(specifier) as T;
  const cacheFile = path.join(folder, `${cacheKey(file, module.stats, module.head, variant)}.bin`);
  const cachedData = readPrivate(folder, cacheFile);
  let script: vm.Script;
  try {
    script = new vm.Script(module.wrapped, { filename: file, ...(cachedData ? { cachedData } : {}) });
  } catch {
    return require(specifier) as T;
  }
  const exports = runAsCommonJs(script, file);
  if (!cachedData || script.cachedDataRejected) {
    // After the run, so the cache holds what the run compiled; sync because 'exit' handlers must be.
    process.once('exit', () => {
      try {
        createFolders(folder, { mode: 0o700 });
        if (!isPrivate(lstatSync(folder))) return;
        writeFileAtomic(cacheFile, script.createCachedData(), { root: folder, origin: 'command-line', symlinks: 'never' }, { mode: 0o600 });
        pruneCodeCache(folder);
      } catch {
        // No cache this time: the next run compiles again.
      }
    });
  }
  return exports as T;
}

/**
 * The module's source in node's CommonJS wrapper (see `wrap`), its first characters (for the bundle's digest) and the
 * status of the very file it was read from (not a link). The wrapper is written around the file's bytes before they
 * become a string: `wrap` of a string read first copies TypeScript's 9 MB twice more (decoded, then the concatenation
 * flattened for V8), and a run pays for each copy in fresh memory (BENCHMARKS.md, fourteenth session). An ASCII file
 * (TypeScript, dist/cli/yaml.cjs) is turned into a string as Latin-1, which for ASCII is the same text, without UTF-8 decoding.
 */
function readModule(file: string): { wrapped: string; head: string; stats: Stats } | undefined {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > MAX_SOURCE_BYTES) return undefined;
    const bytes = Buffer.allocUnsafe(WRAPPER_HEAD.length + stats.size + WRAPPER_TAIL.length);
    bytes.write(WRAPPER_HEAD, 0, 'latin1');
    let length = 0;
    while (length < stats.size) {
      const read = readSync(fd, bytes, WRAPPER_HEAD.length + length, stats.size - length, null);
      if (read === 0) break;
      length += read;
    }
    const end = WRAPPER_HEAD.length + length;
    if (bytes[WRAPPER_HEAD.length] === 0x23 && bytes[WRAPPER_HEAD.length + 1] === 0x21) {
      // A `#!` line: `wrap` takes it out, as node does.
      const source = bytes.toString('utf8', WRAPPER_HEAD.length, end);
      return { wrapped: wrap(source), head: source.slice(0, HEAD_LENGTH), stats };
    }
    bytes.write(WRAPPER_TAIL, end, 'latin1');
    const whole = bytes.subarray(0, end + WRAPPER_TAIL.length);
    const wrapped = whole.toString(isAscii(whole) ? 'latin1' : 'utf8');
    return { wrapped, head: wrapped.slice(WRAPPER_HEAD.length, WRAPPER_HEAD.length + HEAD_LENGTH), stats };
  } finally {
    closeSync(fd);
  }
}

/**
 * The cache file's name: the module file (path, size, modification time) and the node that compiles
 * it (version, architecture, flags), so a change of any is another file. V8 checks its own version
 * and flags again when it reads the data, and rejects a mismatch.
 */
function cacheKey(file: string, stats: Stats, head: string, variant: string): string {
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join('\0');
  const key = [file, stats.size, stats.mtimeMs, process.version, process.arch, createHash('sha256').update(flags).digest('hex')];
  const digest = BUNDLE_DIGEST.exec(head)?.[1];
  if (digest) key.push(digest);
  if (variant) key.push(`variant:${variant}`);
  return createHash('sha256').update(key.join('\0')).digest('hex').slice(0, 32);
}

/** The cache file's bytes when the folder and the file are the user's alone, else undefined. */
function readPrivate(folder: string, file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    if (!isPrivate(lstatSync(folder))) return undefined;
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const stats = fstatSync(fd);
    if (!stats.isFile() || !isPrivate(stats) || stats.size > MAX_CACHE_BYTES) return undefined;
    const data = readFileSync(fd);
    touch(fd);
    return data;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Marks a cache file as used now, so pruning keeps it (see MAX_CACHE_FILES). */
function touch(fd: number): void {
  try {
    const now = new Date();
    futimesSync(fd, now, now);
  } catch {
    // Read-only disk: the file may be pruned earlier, nothing else.
  }
}

/**
 * Deletes all but the MAX_CACHE_FILES most recently used cache files of `folder` (a private folder:
 * the caller checked). Only files named as this module names them, regular and the user's own.
 */
export function pruneCodeCache(folder: string): void {
  const files: { file: string; used: number }[] = [];
  for (const name of readdirSync(folder)) {
    if (!CACHE_FILE_NAME.test(name)) continue;
    const file = path.join(folder, name);
    try {
      const stats = lstatSync(file);
      if (stats.isFile() && isPrivate(stats)) files.push({ file, used: stats.mtimeMs });
    } catch {
      // Gone meanwhile (another run pruned it).
    }
  }
  files.sort((a, b) => b.used - a.used);
  for (const { file } of files.slice(MAX_CACHE_FILES)) {
    try {
      unlinkSync(file);
    } catch {
      // Another run deleted it first.
    }
  }
}

/** Not a link, owned by this user, writable by nobody else. */
function isPrivate(stats: Stats): boolean {
  return !stats.isSymbolicLink() && stats.uid === process.getuid!() && (stats.mode & 0o022) === 0;
}

/** node's CommonJS wrapper: the same function `require` would compile. */
function wrap(source: string): string {
  return `${WRAPPER_HEAD}${source.replace(/^#!.*/, '')}${WRAPPER_TAIL}`;
}

function runAsCommonJs(script: vm.Script, file: string): unknown {
  const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
  const fn = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: unknown,
    filename: string,
    dirname: string,
  ) => void;
  fn.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  return module.exports;
}
