/**
 * `--cache`: the facts of each file (minus its text, which is read from the file anyway),
 * keyed by path and content hash, so a warm run parses only changed files. Line tables are
 * kept: parsing them back is several times cheaper than rescanning the text.
 *
 * One file, one line per entry — `<hash>\t<path as JSON>\t<facts as JSON>` (facts-codec.ts) —
 * under a header line naming the tool version and a digest of the config and analysis
 * settings; any difference in either empties the cache. Entries are parsed only when their hash
 * matches, an entry whose facts do not have the exact shape of FileFacts is a miss, and entries
 * not touched by a run are dropped when it saves, so deleted files do not linger. A missing,
 * unreadable or corrupt cache is an empty one: the cache can only cost a cold run.
 *
 * Trust. Version, settings and content hash all match in a cache forged by a pull request's
 * author — with clean facts for a file that has findings, a failing run would pass. So the cache
 * lives outside the committed tree by default (`node_modules/.cache/nilecare-lint/`, the
 * find-cache-dir convention), is never read or written when git tracks it (wherever it is),
 * and is never reached through a symbolic link inside the repository (a link could lead to a
 * tracked file). What is left to trust is the machine's own earlier runs; see SECURITY.md.
 */
import path from 'node:path';
import { gitTracking } from '../discovery/git.js';
import { FileAccessError } from '../io/file-access-error.js';
import { entryKind, isFolder, readTextFile } from '../io/read-regular-file.js';
import { locate, type PathScope } from '../io/repository-paths.js';
import { writeFileAtomic } from '../io/write-file-atomic.js';
import { decodeFacts, encodeFacts } from './facts-codec.js';
import type { FileFacts } from './facts.js';
import { newSecretKey, type SecretKey } from './secrets.js';

/** Where the cache lives unless `--cache-location` says otherwise, relative to the repository root. */
export const DEFAULT_CACHE_LOCATION = 'node_modules/.cache/nilecare-lint/facts';
/** The cache's file name in a folder named by `--cache-location`. */
export const CACHE_FILE_IN_FOLDER = '.nilecare-lint-cache';
/** The largest cache read: above this, JavaScript cannot hold it as one string anyway. */
export const MAX_CACHE_BYTES = 500 * 1024 * 1024;
// Bump when the shape of FileFacts changes, or what the parsers put in it: old entries would lack the new facts.
const FORMAT = 'nilecare-lint-facts/14';

interface Entry {
  hash: string;
  /** The facts line as stored, reused verbatim on save. */
  line: string;
  /** Offset of the facts JSON in `line`. */
  factsAt: number;
}

interface Header {
  format: string;
  toolVersion: string;
  settings: string;
  /** The key of the secrets' fingerprints in the stored facts (base64url), see `secretKey`. */
  secretKey?: string;
}

/** What lint() needs of a facts cache; FileFactsCache is the on-disk one. */
export interface FactsCache {
  /**
   * Called once before any get/set with a digest of everything besides a file's content that
   * its facts depend on (config, dialects, SQL callees); a change empties the cache.
   */
  prepare?(settings: string): void;
  get(path: string, hash: string): Omit<FileFacts, 'text'> | undefined;
  set(facts: FileFacts): void;
  /**
   * The key to fingerprint secrets with (src/analysis/secrets.ts): the stored facts' fingerprints
   * were made with it, so files analysed now must use it too for "the same value elsewhere" to
   * match across cached and fresh files.
   */
  readonly secretKey?: SecretKey;
  /** What the user should know about the cache that needs no action (rebuilt, and why); shown with the run's notices. */
  readonly notices?: readonly string[];
  /** Why the cache the user asked for is not used at all (tracked by git, a link, a device); the run's warnings, on stderr too. */
  readonly warnings?: readonly string[];
}

export class FileFactsCache implements FactsCache {
  private entries = new Map<string, Entry>();
  private readonly touched = new Map<string, Entry>();
  private settings = '';
  private storedSettings: string | undefined;
  /** Why this cache is neither read nor written, when it is not. */
  private disabledBecause: string | undefined;
  readonly notices: string[] = [];
  readonly warnings: string[] = [];
  hits = 0;
  misses = 0;
  /**
   * Random, drawn when the cache is created and kept in its header. Never derived from the
   * repository: its author cannot compute fingerprints of guesses. The cache is the only place
   * it is kept — whoever reads the cache can test guesses against its fingerprints, as they could
   * against any hash of the values, which is why the cache must stay untracked and local — and
   * the stored facts hold no secret value (describe-secrets.ts).
   */
  secretKey: SecretKey = newSecretKey();

  private constructor(
    /** The cache file. */
    readonly file: string,
    private readonly scope: PathScope,
    private readonly toolVersion: string,
  ) {}

  /**
   * Opens the cache at `location` (`--cache-location`, relative to `base` or absolute; the
   * default, relative to `base`, when undefined). A location that is an existing folder, or ends
   * with a slash, holds the cache as `.nilecare-lint-cache` inside it. `root` is the repository
   * root: below it, no link may lie on the way to the cache.
   */
  static open(options: {
    base: string;
    location: string | undefined;
    root?: string;
    toolVersion: string;
    /**
     * Fingerprint secrets with this key, as another cache read in the same process does: facts from
     * both must match ("the same value elsewhere"), so a cache stored under another key is emptied.
     */
    secretKey?: SecretKey;
  }): FileFactsCache {
    const { base, location, toolVersion } = options;
    // No link anywhere below the root on the way to the cache (see the module comment).
    const scope: PathScope = {
      root: options.root ?? base,
      origin: location === undefined ? 'repository' : 'command-line',
      symlinks: 'never',
    };
    let file = path.resolve(base, location ?? DEFAULT_CACHE_LOCATION);
    if (location !== undefined && (/[\\/]$/.test(location) || isFolder(file, scope))) file = path.join(file, CACHE_FILE_IN_FOLDER);
    const cache = new FileFactsCache(file, scope, toolVersion);
    if (options.secretKey) cache.secretKey = options.secretKey;
    cache.load(options.secretKey);
    return cache;
  }

  /** The cache file as shown in messages. */
  get shownFile(): string {
    return locate(this.file, this.scope).shown;
  }

  private load(requiredKey: SecretKey | undefined): void {
    if (entryKind(this.file, this.scope) === 'missing') return;
    const tracking = gitTracking(this.file);
    if (tracking !== 'untracked') {
      this.disabledBecause = tracking;
      this.warnings.push(
        tracking === 'tracked'
          ? `The cache ${this.shownFile} is tracked by git, so whoever changes the repository controls it: not read or written. ` +
              `Remove it from git (git rm --cached ${this.shownFile}) and ignore it.`
          : `git cannot tell whether it tracks the cache ${this.shownFile} (the repository is owned by another user): not read or written.`,
      );
      return;
    }
    let text: string | undefined;
    try {
      text = readTextFile(this.file, { ...this.scope, maxBytes: MAX_CACHE_BYTES });
    } catch (error) {
      if (!(error instanceof FileAccessError)) throw error;
      // An oversized cache is still ours to replace; a link, a device or a folder is not.
      if (error.problem === 'too-large') {
        this.notices.push(`The cache was not read, and is rebuilt: ${error.message}.`);
        return;
      }
      this.disabledBecause = error.problem;
      this.warnings.push(`The cache is not used: ${error.message}.`);
      return;
    }
    if (text === undefined) return;
    const lines = text.split('\n');
    let header: Header;
    try {
      header = JSON.parse(lines[0]) as Header;
    } catch {
      return;
    }
    if (typeof header !== 'object' || header === null || header.format !== FORMAT || header.toolVersion !== this.toolVersion) return;
    if (typeof header.secretKey !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(header.secretKey)) return;
    const storedKey = Buffer.from(header.secretKey, 'base64url');
    if (requiredKey && !storedKey.equals(requiredKey)) return;
    this.secretKey = storedKey;
    this.storedSettings = header.settings;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i];
      const firstTab = line.indexOf('\t');
      const secondTab = firstTab < 0 ? -1 : line.indexOf('\t', firstTab + 1);
      if (secondTab < 0) continue;
      try {
        const filePath = JSON.parse(line.slice(firstTab + 1, secondTab)) as unknown;
        if (typeof filePath === 'string') this.entries.set(filePath, { hash: line.slice(0, firstTab), line, factsAt: secondTab + 1 });
      } catch {
        // A damaged line costs one re-parse.
      }
    }
  }

  /** Called by lint() before any get/set; different settings than the stored ones empty the cache. */
  prepare(settings: string): void {
    this.settings = settings;
    if (this.storedSettings !== settings) this.entries.clear();
  }

  get(filePath: string, hash: string): Omit<FileFacts, 'text'> | undefined {
    const entry = this.entries.get(filePath);
    const facts = entry && entry.hash === hash ? decodeFacts(entry.line.slice(entry.factsAt), filePath, hash) : undefined;
    if (!entry || !facts) {
      this.misses++;
      return undefined;
    }
    this.touched.set(filePath, entry);
    this.hits++;
    return facts;
  }

  set(facts: FileFacts): void {
    // Serialised now: later stages may share or extend these objects.
    const prefix = `${facts.hash}\t${JSON.stringify(facts.path)}\t`;
    const line = prefix + encodeFacts(facts);
    this.touched.set(facts.path, { hash: facts.hash, line, factsAt: prefix.length });
  }

  /**
   * Writes the entries this run used or created (atomically, never through a link). Throws
   * FileAccessError when it cannot; a cache that git tracks is left alone.
   */
  save(): void {
    if (this.disabledBecause) return;
    const header: Header = {
      format: FORMAT,
      toolVersion: this.toolVersion,
      settings: this.settings,
      secretKey: Buffer.from(this.secretKey).toString('base64url'),
    };
    const paths = [...this.touched.keys()].sort();
    const body = [JSON.stringify(header), ...paths.map((p) => this.touched.get(p)!.line)].join('\n');
    writeFileAtomic(this.file, `${body}\n`, this.scope);
  }
}
