/**
 * `--cache`: the facts of each file (minus its text, which is read from the file anyway),
 * keyed by path and content hash, so a warm run parses only changed files. Line tables are
 * kept: parsing them back is several times cheaper than rescanning the text.
 *
 * One file, one line per entry — `<hash>\t<stat>\t<path as JSON>\t<summary as JSON>\t<facts as JSON>` (facts-codec.ts; the
 * summary, facts-summary.ts, tells what the scans over every file would find, so a warm run decodes only what is asked)
 * — under a header line naming the tool version and a digest of the analysis settings (what
 * the extractors read of the config); any difference in either empties the cache. A run that changed a few entries appends
 * them (see save()): a later line for a path overrides an earlier one.
 *
 * `<stat>` is what the file system said of the file when its content had that hash (device,
 * inode, size, modification and change times; src/io/file-stamp.ts): a warm run that finds the same
 * stamp takes the facts without reading or hashing the file, as git trusts its index. Like git,
 * it does not trust a stamp whose modification time is not clearly older than the moment the
 * cache was saved (a file changed again within the file system's time granularity would keep
 * its stamp): such a file is read and hashed, as is every file without a stamp. Entries are parsed only when their hash
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
 * Whether git tracks it is settled before any entry, key or setting read from it is used: from
 * the files discovery listed with git when the cache lies in that listing's repository (see
 * untrackedByListing), else by asking git.
 */
import path from 'node:path';
import { gitTracking } from '../discovery/git.js';
import { appendToSameFile } from '../io/append-file.js';
import { FileAccessError } from '../io/file-access-error.js';
import { entryKind, isFolder, readRegularFileAndIdentity, type FileIdentity } from '../io/read-regular-file.js';
import { gitEntryBetween, locate, realPathOf, type PathScope } from '../io/repository-paths.js';
import { writeFileAtomic } from '../io/write-file-atomic.js';
import type { FileStamp } from '../io/file-stamp.js';
import { decodeFacts, encodeFacts, factsSummaryShape, lazyFacts } from './facts-codec.js';
import type { FactsSummary, FileFacts, TableReferences } from './facts.js';
import { summariseFacts } from './facts-summary.js';
import { newSecretKey, type SecretKey } from './secrets.js';

/** Where the cache lives unless `--cache-location` says otherwise, relative to the repository root. */
export const DEFAULT_CACHE_LOCATION = 'node_modules/.cache/nilecare-lint/facts';
/** The cache's file name in a folder named by `--cache-location`. */
export const CACHE_FILE_IN_FOLDER = '.nilecare-lint-cache';
/** The largest cache read: above this, JavaScript cannot hold it as one string anyway. */
export const MAX_CACHE_BYTES = 500 * 1024 * 1024;
// Bump when the shape of FileFacts changes, or what the parsers put in it: old entries would lack the new facts.
const FORMAT = 'nilecare-lint-facts/92';
/**
 * A stamp is trusted only when the file's modification time is older than the cache's save by
 * this much: more than the coarsest time granularity of common file systems (FAT: 2 s).
 */
const RACY_MS = 3000;
/** The entry holding the stored model: a path no file has (discovery lists no path with a NUL). */
const MODEL_ENTRY = '\u0000model';

interface Entry {
  hash: string;
  /** The file's stamp when it had this hash (`fileStamp`), or '' when unknown. */
  stamp: string;
  /** The stamp's modification time, ms. */
  mtimeMs: number;
  /**
   * The line as stored (without its newline), reused verbatim on save: a view of the cache file as
   * read, so entries nobody asks for are never decoded (at 10,000 files, turning the whole 44 MB into
   * one string cost more than anything else the one-file run did).
   */
  line: Buffer;
  /** Byte offset of the path's JSON in `line`, after the stamp's tab. */
  pathAt: number;
  /** Byte offset of the summary JSON in `line`, the facts JSON after it and a tab (the stored model's record and data, in its entry). */
  factsAt: number;
}

interface Header {
  format: string;
  toolVersion: string;
  settings: string;
  /** The key of the secrets' fingerprints in the stored facts (base64url), see `secretKey`. */
  secretKey?: string;
  /** When the cache was written (ms since the epoch): stamps of files modified later are not trusted. */
  savedAt?: number;
}

function stampText(stamp: FileStamp): string {
  return `${stamp.dev}:${stamp.ino}:${stamp.size}:${stamp.mtimeMs}:${stamp.ctimeMs}`;
}

/**
 * The files `git ls-files --cached --others` listed below `root` (project-relative, as discovery
 * lists them): every file git tracks there is among them.
 */
export interface GitListing {
  root: string;
  files: readonly string[];
}

/** What lint() needs of a facts cache; FileFactsCache is the on-disk one. */
export interface FactsCache {
  /**
   * Called once before any get/set with a digest of everything besides a file's content that
   * its facts depend on (the config's SQL callees and secret names); a change empties the cache. `listing`:
   * what discovery has just listed with git, when it did (it can tell whether git tracks the cache).
   */
  prepare?(settings: string, listing?: GitListing): void;
  get(path: string, hash: string, stamp?: FileStamp): Omit<FileFacts, 'text'> | undefined;
  /**
   * The facts of a file whose stamp is the one stored with them, taken without its content;
   * undefined when the stamp differs or cannot be trusted (then read the file and `get` by hash).
   */
  getUnchanged?(path: string, stamp: FileStamp, lazy?: boolean): Omit<FileFacts, 'text'> | undefined;
  /**
   * Whether facts `getUnchanged` gave decoded on first use (`lazy`) turned out damaged when a run read them: they read
   * as a file without facts, so that run's findings do not stand (lint() runs again without `lazy`, and such an entry
   * is then a miss).
   */
  readonly damaged?: boolean;
  /** `references`: what the model reads of the file's tables, stored in its summary (absent: not known there). */
  set(facts: FileFacts, stamp?: FileStamp, references?: TableReferences): void;
  /**
   * The project model a run stored under `key` (src/stored-model.ts), as stored; undefined when none is, or under
   * another key. Kept with the facts, under the same trust: a run that reads the facts may read it. It is saved
   * again only when the run keeps it (`keepModel`) or stores another (`setModel`): the facts of every file the
   * cache holds beside a stored model are then either those it was built from or were compared with them.
   */
  getModel?(key: string): StoredModelText | undefined;
  /** The stored model read by `getModel` was this run's: saved with the facts. */
  keepModel?(): void;
  /** Stores the project model (record and data, neither with a newline, the record with no tab) under `key`, in place of any stored before. */
  setModel?(key: string, text: StoredModelText): void;
  /**
   * What the cache held of `path` when the run began, whatever its content hash (the file's earlier content, when
   * it changed since): the hash, and the facts decoded on demand (undefined when they do not decode).
   */
  previous?(path: string): { hash: string; facts: () => Omit<FileFacts, 'text'> | undefined } | undefined;
  /**
   * The key to fingerprint secrets with (src/analysis/secrets.ts): the stored facts' fingerprints
   * were made with it, so files analysed now must use it too for "the same value elsewhere" to
   * match across cached and fresh files.
   */
  readonly secretKey?: SecretKey;
  /** The cache's own file (absolute), when it is one: a listing of the repository may hold it. */
  readonly file?: string;
  /** What the user should know about the cache that needs no action (rebuilt, and why); shown with the run's notices. */
  readonly notices?: readonly string[];
  /** Why the cache the user asked for is not used at all (tracked by git, a link, a device); the run's warnings, on stderr too. */
  readonly warnings?: readonly string[];
}

/** A stored model as text: the record a run reads first, and the data, turned into text only when asked for. */
export interface StoredModelText {
  record: string;
  data: () => string;
}

export class FileFactsCache implements FactsCache {
  private entries = new Map<string, Entry>();
  private readonly touched = new Map<string, Entry>();
  /** Summaries by their text (see summaryOf); null: the text is no summary. */
  private readonly summaries = new Map<string, FactsSummary | null>();
  private settings = '';
  private storedSettings: string | undefined;
  private savedAt = 0;
  /** The cache file as read (device and inode), when changed entries may be appended to it; see save(). */
  private appendTo: FileIdentity | undefined;
  /** Entry lines in the file as read: appended lines repeat paths, the last one counting. */
  private storedLines = 0;
  /** Whether save() has anything to write: an entry set, re-stamped or dropped, or new settings. */
  private changed = true;
  /** Why this cache is neither read nor written, when it is not. */
  private disabledBecause: string | undefined;
  /** A cache file was read whose tracking by git is not settled yet: nothing read from it may be used before (settleTracking). */
  private trackingPending = false;
  /** The key the caller required (open's `secretKey`), kept when the file read is set aside. */
  private readonly requiredKey: SecretKey | undefined;
  readonly notices: string[] = [];
  readonly warnings: string[] = [];
  hits = 0;
  misses = 0;
  /** An entry taken by its stamp did not decode when a run first read it (see lazyFacts): that run's findings cannot stand. */
  damaged = false;
  /** Of the hits, those taken by their stamp alone, without reading the file. */
  stampHits = 0;
  private key: SecretKey;

  private constructor(
    /** The cache file. */
    readonly file: string,
    private readonly scope: PathScope,
    private readonly toolVersion: string,
    requiredKey: SecretKey | undefined,
  ) {
    this.requiredKey = requiredKey;
    this.key = requiredKey ?? newSecretKey();
  }

  /**
   * Random, drawn when the cache is created and kept in its header. Never derived from the
   * repository: its author cannot compute fingerprints of guesses. The cache is the only place
   * it is kept — whoever reads the cache can test guesses against its fingerprints, as they could
   * against any hash of the values, which is why the cache must stay untracked and local — and
   * the stored facts hold no secret value (describe-secrets.ts). A tracked cache's key is not
   * taken: its author chose it.
   */
  get secretKey(): SecretKey {
    this.settleTracking();
    return this.key;
  }

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
    const cache = new FileFactsCache(file, scope, toolVersion, options.secretKey);
    cache.load(options.secretKey);
    return cache;
  }

  /** The cache file as shown in messages. */
  get shownFile(): string {
    return locate(this.file, this.scope).shown;
  }

  private load(requiredKey: SecretKey | undefined): void {
    if (entryKind(this.file, this.scope) === 'missing') return;
    // Read now, used only once git is known not to track the file (settleTracking): reading a forged file is harmless.
    this.trackingPending = true;
    let read: ReturnType<typeof readRegularFileAndIdentity>;
    try {
      read = readRegularFileAndIdentity(this.file, { ...this.scope, maxBytes: MAX_CACHE_BYTES });
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
    if (read === undefined) return;
    const bytes = hasByteOrderMark(read.bytes) ? read.bytes.subarray(3) : read.bytes;
    const headerEnd = lineEnd(bytes, 0);
    let header: Header;
    try {
      header = JSON.parse(bytes.toString('utf8', 0, headerEnd)) as Header;
    } catch {
      return;
    }
    if (typeof header !== 'object' || header === null || header.format !== FORMAT || header.toolVersion !== this.toolVersion) return;
    if (typeof header.secretKey !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(header.secretKey)) return;
    const storedKey = Buffer.from(header.secretKey, 'base64url');
    if (requiredKey && !storedKey.equals(requiredKey)) return;
    this.key = storedKey;
    this.storedSettings = header.settings;
    this.savedAt = typeof header.savedAt === 'number' && Number.isFinite(header.savedAt) ? header.savedAt : 0;
    let lines = 0;
    const tabs = new TabFinder(bytes);
    for (let start = headerEnd + 1; start <= bytes.length;) {
      const end = lineEnd(bytes, start);
      lines++;
      // Only the hash, stamp and path are decoded now; the facts when a run asks for them.
      const firstTab = tabs.before(start, end);
      const secondTab = firstTab < 0 ? -1 : tabs.before(firstTab + 1, end);
      const thirdTab = secondTab < 0 ? -1 : tabs.before(secondTab + 1, end);
      if (thirdTab >= 0) {
        try {
          const filePath = JSON.parse(bytes.toString('utf8', secondTab + 1, thirdTab)) as unknown;
          const stamp = bytes.toString('utf8', firstTab + 1, secondTab);
          const mtimeMs = stampMtime(stamp);
          if (typeof filePath === 'string')
            this.entries.set(filePath, {
              hash: bytes.toString('utf8', start, firstTab),
              stamp: Number.isFinite(mtimeMs) ? stamp : '',
              mtimeMs,
              line: bytes.subarray(start, end),
              pathAt: secondTab + 1 - start,
              factsAt: thirdTab + 1 - start,
            });
        } catch {
          // A damaged line costs one re-parse.
        }
      }
      start = end + 1;
    }
    this.changed = false;
    // Lines after the header, counted as splitting the text at each newline would (the empty one after the last newline too).
    this.storedLines = lines - 1;
    // A file that does not end a line (a run killed while appending) is rewritten, never appended to.
    // The identity is the read's own (its descriptor's): a cache renamed over this one since holds other
    // entries, perhaps under another key or settings, and must not get ours appended as if we had read it.
    if (bytes.length > 0 && bytes[bytes.length - 1] === NEWLINE) this.appendTo = read.identity;
  }

  /**
   * Whether git tracks the cache file read, settled once: from `listing` when it can tell (it
   * spares a git process), else from git. A tracked file (or one git cannot tell about) is set
   * aside — entries, key and settings — and never written.
   */
  private settleTracking(listing?: GitListing): void {
    if (!this.trackingPending) return;
    this.trackingPending = false;
    const tracking = (listing && untrackedByListing(this.file, listing)) ?? gitTracking(this.file);
    if (tracking === 'untracked') return;
    this.disabledBecause = tracking;
    this.entries.clear();
    this.storedSettings = undefined;
    this.appendTo = undefined;
    this.key = this.requiredKey ?? newSecretKey();
    this.warnings.push(
      tracking === 'tracked'
        ? `The cache ${this.shownFile} is tracked by git, so whoever changes the repository controls it: not read or written. ` +
            `Remove it from git (git rm --cached ${this.shownFile}) and ignore it.`
        : `git cannot tell whether it tracks the cache ${this.shownFile} (the repository is owned by another user): not read or written.`,
    );
  }

  /** Called by lint() before any get/set; different settings than the stored ones empty the cache. */
  prepare(settings: string, listing?: GitListing): void {
    this.settleTracking(listing);
    this.settings = settings;
    if (this.storedSettings !== settings) {
      this.entries.clear();
      this.changed = true;
    }
  }

  get(filePath: string, hash: string, stamp?: FileStamp): Omit<FileFacts, 'text'> | undefined {
    this.settleTracking();
    const entry = this.entries.get(filePath);
    const facts = entry && entry.hash === hash ? decodeFacts(factsText(entry), filePath, hash) : undefined;
    if (!entry || !facts) {
      this.misses++;
      return undefined;
    }
    const text = stamp ? stampText(stamp) : '';
    if (text !== entry.stamp) {
      // Same content, new stamp (touched, checked out again): keep the new one for the next run.
      this.touched.set(filePath, withStamp(entry, text, stamp?.mtimeMs ?? NaN));
      this.changed = true;
    } else this.touched.set(filePath, entry);
    this.hits++;
    return facts;
  }

  getUnchanged(filePath: string, stamp: FileStamp, lazy = false): Omit<FileFacts, 'text'> | undefined {
    this.settleTracking();
    const entry = this.entries.get(filePath);
    if (!entry || entry.stamp === '' || entry.stamp !== stampText(stamp) || !(entry.mtimeMs < this.savedAt - RACY_MS)) return undefined;
    const summary = lazy ? this.summaryOf(entry) : undefined;
    const facts = summary
      ? lazyFacts(
          filePath,
          entry.hash,
          summary,
          () => decodeFacts(factsText(entry), filePath, entry.hash),
          () => (this.damaged = true),
        )
      : decodeFacts(factsText(entry), filePath, entry.hash);
    if (!facts) return undefined;
    this.touched.set(filePath, entry);
    this.hits++;
    this.stampHits++;
    return facts;
  }

  /**
   * The summary stored with an entry's facts, when it reads as one. Parsed once per text: most summaries repeat (6,044
   * of 10,251 entries at the realistic profile's 10,000 files are `{"kind":"script","tables":[]}`, 1,335 texts in all),
   * and every caller only reads them.
   */
  private summaryOf(entry: Entry): FactsSummary | undefined {
    const tab = entry.line.indexOf(TAB, entry.factsAt);
    if (tab < 0) return undefined;
    const text = entry.line.toString('utf8', entry.factsAt, tab);
    let summary = this.summaries.get(text);
    if (summary === undefined) {
      try {
        const value = JSON.parse(text) as unknown;
        summary = factsSummaryShape(value) ? value : null;
      } catch {
        summary = null;
      }
      this.summaries.set(text, summary);
    }
    return summary ?? undefined;
  }

  getModel(key: string): StoredModelText | undefined {
    this.settleTracking();
    const entry = this.entries.get(MODEL_ENTRY);
    if (!entry || entry.hash !== key) return undefined;
    const tab = entry.line.indexOf(TAB, entry.factsAt);
    if (tab < 0) return undefined;
    return { record: entry.line.toString('utf8', entry.factsAt, tab), data: () => entry.line.toString('utf8', tab + 1) };
  }

  keepModel(): void {
    const entry = this.entries.get(MODEL_ENTRY);
    if (entry && !this.touched.has(MODEL_ENTRY)) this.touched.set(MODEL_ENTRY, entry);
  }

  previous(filePath: string): { hash: string; facts: () => Omit<FileFacts, 'text'> | undefined } | undefined {
    this.settleTracking();
    const entry = filePath === MODEL_ENTRY ? undefined : this.entries.get(filePath);
    return entry && { hash: entry.hash, facts: () => decodeFacts(factsText(entry), filePath, entry.hash) };
  }

  setModel(key: string, text: StoredModelText): void {
    const data = text.data();
    if (/[\t\n]/.test(key) || /[\t\n]/.test(text.record) || data.includes('\n'))
      throw new Error('a stored model is one line, its key one field, its record one more');
    const prefix = `${key}\t\t`;
    const pathJson = `${JSON.stringify(MODEL_ENTRY)}\t`;
    const pathAt = Buffer.byteLength(prefix, 'utf8');
    this.touched.set(MODEL_ENTRY, {
      hash: key,
      stamp: '',
      mtimeMs: NaN,
      line: Buffer.from(`${prefix}${pathJson}${text.record}\t${data}`, 'utf8'),
      pathAt,
      factsAt: pathAt + Buffer.byteLength(pathJson, 'utf8'),
    });
    this.changed = true;
  }

  set(facts: FileFacts, stamp?: FileStamp, references?: TableReferences): void {
    // Serialised now: later stages may share or extend these objects.
    const text = stamp ? stampText(stamp) : '';
    const prefix = `${facts.hash}\t${text}\t`;
    const pathJson = `${JSON.stringify(facts.path)}\t`;
    const summary = JSON.stringify({ ...summariseFacts(facts), ...references });
    const line = Buffer.from(`${prefix}${pathJson}${summary}\t${encodeFacts(facts)}`, 'utf8');
    const pathAt = Buffer.byteLength(prefix, 'utf8');
    this.touched.set(facts.path, {
      hash: facts.hash,
      stamp: text,
      mtimeMs: stamp?.mtimeMs ?? NaN,
      line,
      pathAt,
      factsAt: pathAt + Buffer.byteLength(pathJson, 'utf8'),
    });
    this.changed = true;
  }

  /**
   * Writes the entries this run used or created (atomically, never through a link). Throws
   * FileAccessError when it cannot; a cache that git tracks is left alone.
   */
  save(): void {
    this.settleTracking();
    if (this.disabledBecause) return;
    const dropped = [...this.entries.keys()].some((p) => !this.touched.has(p));
    // Nothing new and nothing to drop: the file on disk says it all (a warm run writes nothing).
    if (!this.changed && !dropped) return;
    const now = Date.now();
    // A file modified this recently may change again within its time granularity, keeping its stamp:
    // its stamp is not stored (git "smudges" such racily clean entries the same way).
    const line = (entry: Entry) => (entry.stamp !== '' && !(entry.mtimeMs < now - RACY_MS) ? withStamp(entry, '', NaN) : entry).line;
    if (this.appendTo && !dropped && this.storedSettings === this.settings) {
      // A few changed entries (a pre-commit run: one file) are appended, not the whole file rewritten: at 10,000
      // files that rewrite was a quarter of the run. The header's savedAt stays the older one, so appended stamps
      // are not trusted until the file is rewritten (safe: such a file is read and hashed). Once appended lines
      // would be a fifth of the file, it is rewritten without the lines they override.
      const fresh = [...this.touched].filter(([p, entry]) => this.entries.get(p) !== entry).map(([, entry]) => entry);
      if (this.storedLines + fresh.length <= this.touched.size * 1.2 + 8) {
        if (fresh.length === 0 || appendToSameFile(this.file, joinLines(fresh.map(line)), this.scope, this.appendTo)) {
          this.storedLines += fresh.length;
          this.entries = new Map(this.touched);
          this.changed = false;
          return;
        }
      }
    }
    const header: Header = {
      format: FORMAT,
      toolVersion: this.toolVersion,
      settings: this.settings,
      secretKey: Buffer.from(this.secretKey).toString('base64url'),
      savedAt: now,
    };
    const paths = [...this.touched.keys()].sort();
    writeFileAtomic(
      this.file,
      joinLines([Buffer.from(JSON.stringify(header), 'utf8'), ...paths.map((p) => line(this.touched.get(p)!))]),
      this.scope,
    );
    this.appendTo = undefined;
  }
}

/**
 * 'untracked' when `listing` shows that git does not track `file`: the file lies below the listing's
 * root, in the same repository (no `.git` between them: a nested repository or a submodule is
 * listed as one entry, if at all), and no listed path is its path. Undefined — ask git — whenever the
 * listing cannot tell: outside the root, another repository, a path git may store in another case or
 * Unicode form, or a path it lists (tracked, or untracked and not ignored).
 */
export function untrackedByListing(file: string, listing: GitListing): 'untracked' | undefined {
  const real = realPathOf(file);
  const root = realPathOf(listing.root);
  if (real === undefined || root === undefined) return undefined;
  const relative = path.relative(root, real);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  const posix = relative.split(path.sep).join('/');
  if (!/^[\x20-\x7e]+$/.test(posix)) return undefined;
  if (gitEntryBetween(path.dirname(real), root)) return undefined;
  const lower = posix.toLowerCase();
  return listing.files.some((listed) => listed.length === lower.length && listed.toLowerCase() === lower) ? undefined : 'untracked';
}

/** The entry with another stamp. */
function withStamp(entry: Entry, stamp: string, mtimeMs: number): Entry {
  const prefix = Buffer.from(`${entry.hash}\t${stamp}\t`, 'utf8');
  const shift = prefix.length - entry.pathAt;
  return {
    hash: entry.hash,
    stamp,
    mtimeMs,
    line: Buffer.concat([prefix, entry.line.subarray(entry.pathAt)]),
    pathAt: entry.pathAt + shift,
    factsAt: entry.factsAt + shift,
  };
}

const NEWLINE = 0x0a;
const TAB = 0x09;

/** The facts JSON of an entry, decoded now that a run asks for it ('' when the line has no summary before it). */
function factsText(entry: Entry): string {
  const tab = entry.line.indexOf(TAB, entry.factsAt);
  return tab < 0 ? '' : entry.line.toString('utf8', tab + 1);
}

/** Where the line starting at `start` ends: its newline, or the end of the bytes. */
function lineEnd(bytes: Buffer, start: number): number {
  const at = bytes.indexOf(NEWLINE, start);
  return at < 0 ? bytes.length : at;
}

/**
 * The tabs of `bytes`, asked for in order (each `start` at or after the previous one's): the first tab from `start`
 * when it comes before `end`, else -1. A search past `end` (a line without tabs) is remembered, not repeated for the
 * next lines, so the whole file is scanned once at most; and no view of each line is made to search it (at 10,000
 * entries those views were most of the index's cost).
 */
class TabFinder {
  /** The first tab at or after the last search's start (the length of the bytes when there is none). */
  private next = -1;
  constructor(private readonly bytes: Buffer) {}
  before(start: number, end: number): number {
    if (this.next < start) {
      const at = this.bytes.indexOf(TAB, start);
      this.next = at < 0 ? this.bytes.length : at;
    }
    return this.next < end ? this.next : -1;
  }
}

/** The modification time of a stored stamp (`fileStamp`'s fourth field; NaN when there is none). */
function stampMtime(stamp: string): number {
  let at = -1;
  for (let field = 0; field < 3; field++) {
    at = stamp.indexOf(':', at + 1);
    if (at < 0) return NaN;
  }
  const end = stamp.indexOf(':', at + 1);
  return Number(end < 0 ? stamp.slice(at + 1) : stamp.slice(at + 1, end));
}

function hasByteOrderMark(bytes: Buffer): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** The lines, each ended by a newline, as one buffer to write. */
function joinLines(lines: readonly Buffer[]): Buffer {
  const newline = Buffer.from('\n');
  return Buffer.concat(lines.flatMap((line) => [line, newline]));
}
