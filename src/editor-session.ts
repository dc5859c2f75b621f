/**
 * The linter kept warm for an editor (`nilecare-lint lsp`): the unsaved buffers of the open
 * files stand in for the disk (an overlay tree), and the facts of every file are kept in memory
 * between runs, so a run after an edit re-analyses only what changed — the edited buffer, a file
 * changed on disk — and rebuilds the model (ownership, schemas, migrations) from all facts. A new
 * `CREATE TABLE` in a migration buffer therefore changes the findings of every other file at once.
 */
import path from 'node:path';
import { MemoryFactsCache } from './analysis/memory-facts-cache.js';
import { insideRoot, locateProject, type ProjectLocation } from './config/locate.js';
import type { Severity } from './engine/types.js';
import { FileAccessError } from './io/file-access-error.js';
import { diskTree, overlayTree, readTreeText } from './io/source-tree.js';
import { statCachedTree, type StatCachedTree } from './io/stat-cached-tree.js';
import { lint, type LintRun } from './lint.js';
import type { ListingCache } from './discovery/discover.js';

export interface EditorSettings {
  /** The folder the editor opened: the config is searched from here upward, as from the CLI's working directory. */
  cwd: string;
  /** A config file (absolute, or relative to `cwd`) instead of the search. */
  configPath?: string;
  /** Severity overrides, as `--rule`. */
  ruleOverrides?: Record<string, Severity | 'off'>;
}

export interface EditorRun {
  run: LintRun;
  location: ProjectLocation;
  /**
   * A project file's text as this run read it (project-relative path): a fix's offsets point into
   * it. Undefined for a file that is not there or cannot be read.
   */
  textOf(file: string): string | undefined;
}

export interface EditorLintOptions {
  /** Also compute each finding's suggestions (code actions need them; some load ts-morph). */
  suggestions?: boolean;
  /** Measure phases and rules (the run's `timings`), for the latency benchmark. */
  timing?: boolean;
}

/** The largest file a fix may edit without the linter having read it (the config is a few KB). */
const MAX_EDITED_BYTES = 8 * 1024 * 1024;

/**
 * How long a file listing is reused when nobody said files changed: an editor whose client
 * watches no files still sees a file created outside it within this time.
 */
const LISTING_MAX_AGE_MS = 2000;

/** The listing of the last run, until files are created or deleted (`filesChanged`) or it ages. */
class SessionListing implements ListingCache {
  private kept = new Map<string, { files: readonly string[]; at: number }>();
  get(key: string): readonly string[] | undefined {
    const entry = this.kept.get(key);
    return entry && performance.now() - entry.at < LISTING_MAX_AGE_MS ? entry.files : undefined;
  }
  set(key: string, files: readonly string[]): void {
    this.kept.set(key, { files, at: performance.now() });
  }
  clear(): void {
    this.kept.clear();
  }
}

export class EditorSession {
  private readonly buffers = new Map<string, string>();
  private readonly cache = new MemoryFactsCache();
  private readonly listing = new SessionListing();
  /** File contents kept between runs, per project root (a config created elsewhere can move the root). */
  private disk: StatCachedTree | undefined;
  private settings: EditorSettings;
  /** Runs share the facts cache: one at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(settings: EditorSettings) {
    this.settings = { ...settings, cwd: path.resolve(settings.cwd) };
  }

  configure(settings: Omit<EditorSettings, 'cwd'>): void {
    this.settings = { ...settings, cwd: this.settings.cwd };
  }

  /** An open file's current text (absolute path); it replaces the disk's until `close`. */
  setBuffer(file: string, text: string): void {
    this.buffers.set(path.resolve(file), text);
  }

  close(file: string): void {
    this.buffers.delete(path.resolve(file));
  }

  /** Files were created, deleted or changed on disk (the editor's file watcher): list the project again on the next run. */
  filesChanged(): void {
    this.listing.clear();
  }

  /**
   * Lints `files` (absolute) with the open buffers in place of the disk; every other file of the
   * project is read from disk, its facts taken from memory when its content is unchanged. Files
   * outside the project are not linted. `suggestions` also computes each finding's suggestions.
   */
  lint(files: readonly string[], options: EditorLintOptions = {}): Promise<EditorRun> {
    const next = this.queue.then(() => this.run(files, options));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async run(files: readonly string[], options: EditorLintOptions): Promise<EditorRun> {
    // Located on every run: a config file created or removed moves the project.
    const location = locateProject({ cwd: this.settings.cwd, configPath: this.settings.configPath });
    const root = location.projectRoot;
    const overrides: Record<string, string> = {};
    for (const [file, text] of this.buffers) {
      const relative = insideRoot(root, file);
      if (relative) overrides[relative] = text;
    }
    if (this.disk?.root !== root) this.disk = statCachedTree(diskTree(root));
    const tree = overlayTree(root, overrides, { disk: this.disk });
    const run = await lint({
      cwd: this.settings.cwd,
      configPath: this.settings.configPath,
      tree,
      files: files.filter((file) => insideRoot(root, file)),
      ruleOverrides: this.settings.ruleOverrides,
      factsCache: this.cache,
      listingCache: this.listing,
      suggestions: options.suggestions,
      timing: options.timing,
    });
    this.cache.prune();
    const read = new Map(run.model.files.map((facts) => [facts.path, facts]));
    return {
      run,
      location: run.location,
      textOf: (file) => {
        const facts = read.get(file);
        if (facts && !facts.unread) return facts.text;
        try {
          return readTreeText(tree, file, { maxBytes: MAX_EDITED_BYTES });
        } catch (error) {
          if (error instanceof FileAccessError) return undefined;
          throw error;
        }
      },
    };
  }
}
