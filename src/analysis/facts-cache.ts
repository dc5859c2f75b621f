/**
 * `--cache`: the facts of each file (minus its text, which is read from the file anyway),
 * keyed by path and content hash, so a warm run parses only changed files. Line tables are
 * kept: parsing them back is several times cheaper than rescanning the text.
 *
 * One file, one line per entry — `<hash>\t<path as JSON>\t<facts as JSON>` — under a header
 * line naming the tool version and a digest of the config and analysis settings; any
 * difference in either empties the cache. Entries are parsed only when their hash matches,
 * and entries not touched by a run are dropped when it saves, so deleted files do not linger.
 * A missing, unreadable or corrupt cache is an empty one: the cache can only cost a cold run.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FileFacts } from './facts.js';
import { newSecretKey, type SecretKey } from './secrets.js';

export const DEFAULT_CACHE_LOCATION = '.nilecare-lint-cache';
// Bump when the shape of FileFacts changes, or what the parsers put in it: old entries would lack the new facts.
const FORMAT = 'nilecare-lint-facts/12';

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
  get(path: string, hash: string): FileFacts | undefined;
  set(facts: FileFacts): void;
  /**
   * The key to fingerprint secrets with (src/analysis/secrets.ts): the stored facts' fingerprints
   * were made with it, so files analysed now must use it too for "the same value elsewhere" to
   * match across cached and fresh files.
   */
  readonly secretKey?: SecretKey;
}

export class FileFactsCache implements FactsCache {
  private entries = new Map<string, Entry>();
  private readonly touched = new Map<string, Entry>();
  private settings = '';
  private storedSettings: string | undefined;
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
    private readonly toolVersion: string,
  ) {}

  /**
   * Opens the cache at `location` (repo-relative or absolute). A location that is an existing
   * folder, or ends with a slash, holds the cache as `.nilecare-lint-cache` inside it.
   */
  static open(cwd: string, location: string, toolVersion: string): FileFactsCache {
    let file = path.resolve(cwd, location);
    if (/[\\/]$/.test(location) || isDirectory(file)) file = path.join(file, DEFAULT_CACHE_LOCATION);
    const cache = new FileFactsCache(file, toolVersion);
    cache.load();
    return cache;
  }

  private load(): void {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return;
    }
    const lines = text.split('\n');
    let header: Header;
    try {
      header = JSON.parse(lines[0]) as Header;
    } catch {
      return;
    }
    if (header.format !== FORMAT || header.toolVersion !== this.toolVersion) return;
    if (typeof header.secretKey === 'string' && /^[A-Za-z0-9_-]{43}$/.test(header.secretKey))
      this.secretKey = Buffer.from(header.secretKey, 'base64url');
    else return;
    this.storedSettings = header.settings;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i];
      const firstTab = line.indexOf('\t');
      const secondTab = firstTab < 0 ? -1 : line.indexOf('\t', firstTab + 1);
      if (secondTab < 0) continue;
      try {
        const filePath = JSON.parse(line.slice(firstTab + 1, secondTab)) as string;
        this.entries.set(filePath, { hash: line.slice(0, firstTab), line, factsAt: secondTab + 1 });
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

  get(filePath: string, hash: string): FileFacts | undefined {
    const entry = this.entries.get(filePath);
    if (!entry || entry.hash !== hash) {
      this.misses++;
      return undefined;
    }
    try {
      const facts = JSON.parse(entry.line.slice(entry.factsAt)) as FileFacts;
      this.touched.set(filePath, entry);
      this.hits++;
      return facts;
    } catch {
      this.misses++;
      return undefined;
    }
  }

  set(facts: FileFacts): void {
    // Serialised now: later stages may share or extend these objects.
    const { text: _text, ...stored } = facts;
    const json = JSON.stringify(stored);
    const prefix = `${facts.hash}\t${JSON.stringify(facts.path)}\t`;
    this.touched.set(facts.path, { hash: facts.hash, line: prefix + json, factsAt: prefix.length });
  }

  /** Writes the entries this run used or created (atomically: a temp file, then a rename). */
  save(): void {
    const header: Header = {
      format: FORMAT,
      toolVersion: this.toolVersion,
      settings: this.settings,
      secretKey: Buffer.from(this.secretKey).toString('base64url'),
    };
    const paths = [...this.touched.keys()].sort();
    const body = [JSON.stringify(header), ...paths.map((p) => this.touched.get(p)!.line)].join('\n');
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${body}\n`);
    renameSync(temp, this.file);
  }
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
