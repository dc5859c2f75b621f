/**
 * The linter kept warm for an editor (`nilecare-lint lsp`): the unsaved buffers of the open
 * files stand in for the disk (an overlay tree), and the facts of every file are kept in memory
 * between runs, so a run after an edit re-analyses only what changed — the edited buffer, a file
 * changed on disk — and rebuilds the model (ownership, schemas, migrations) from all facts. A new
 * `CREATE TABLE` in a migration buffer therefore changes the findings of every other file at once.
 *
 * Most edits change no declaration (a query typed into a handler): when the client watches the
 * disk for us (`watched`) and nothing changed there since the last run, an edit of a code or SQL
 * buffer whose facts keep the model's inputs (declaration-signature.ts) keeps the whole project —
 * listing, every other file's facts, the model — and only the rules run again, on the new facts.
 * Any other change takes the full path.
 */
import path from 'node:path';
import { MemoryFactsCache } from './analysis/memory-facts-cache.js';
import { insideRoot, locateProject, type ProjectLocation } from './config/locate.js';
import type { Severity } from './engine/types.js';
import { FileAccessError } from './io/file-access-error.js';
import { diskTree, overlayTree, readTreeText, type SourceTree } from './io/source-tree.js';
import { statCachedTree, type StatCachedTree } from './io/stat-cached-tree.js';
import {
  analyseFileAgain,
  analyseProject,
  checkProject,
  PreparedConfigs,
  reviseProject,
  type AnalysedProject,
  type LintRun,
} from './lint.js';
import type { ListingCache } from './discovery/discover.js';
import type { FileFacts } from './analysis/facts.js';
import { declarationSignature, type SignatureContext } from './model/declaration-signature.js';
import { fileKindOf } from './discovery/file-kind.js';

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
  /** `kept`: the project of the last run with the edited files' facts swapped in; `full`: analysed again. */
  path: 'kept' | 'full';
  /**
   * A project file's text as this run read it (project-relative path): a fix's offsets point into
   * it. Undefined for a file that is not there or cannot be read.
   */
  textOf(file: string): string | undefined;
}

export interface EditorLintOptions {
  /** Also compute each finding's suggestions (code actions need them; some parse the file again). */
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

/** The file kinds whose edit may keep the project: the others (config, .env, compose, manifests, Prisma) feed the model wholesale. */
const KEEPABLE_KINDS = new Set(['script', 'sql']);

/** What the last run saw: its project, and the buffers it read in place of the disk. */
interface LastRun {
  project: AnalysedProject;
  root: string;
  configFile: string | undefined;
  overrides: ReadonlyMap<string, string>;
  /** Declaration signatures of the files edited since the project was analysed, as they were then. */
  signatures: Map<string, string>;
}

export class EditorSession {
  private readonly buffers = new Map<string, string>();
  /** The client tells us of every change on disk (`filesChanged`): a run may then trust what the last one read. */
  private watched = false;
  private diskChanged = true;
  private last: LastRun | undefined;
  private readonly cache = new MemoryFactsCache();
  private readonly listing = new SessionListing();
  /** The rules in force and their options, worked out again only when the config's text changes (see createLinter). */
  private readonly configs = new PreparedConfigs();
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
    this.diskChanged = true;
  }

  /** The client watches the project's files and reports each change (`filesChanged`): runs after an edit may skip the disk. */
  watchedByClient(watched: boolean): void {
    this.watched = watched;
    this.diskChanged = true;
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
    this.diskChanged = true;
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
    const overrides = new Map<string, string>();
    for (const [file, text] of this.buffers) {
      const relative = insideRoot(root, file);
      if (relative) overrides.set(relative, text);
    }
    if (this.disk?.root !== root) this.disk = statCachedTree(diskTree(root));
    const tree = overlayTree(root, Object.fromEntries(overrides), { disk: this.disk });
    const wanted = files.filter((file) => insideRoot(root, file));
    // Taken before any await: a change reported during this run is for the next one.
    const diskChanged = this.diskChanged;
    this.diskChanged = false;
    const kept = diskChanged ? undefined : await this.keptProject(location, overrides, tree, wanted, options);
    let project: AnalysedProject;
    if (kept) project = kept;
    else {
      try {
        project = await analyseProject(
          {
            cwd: this.settings.cwd,
            configPath: this.settings.configPath,
            tree,
            files: wanted,
            ruleOverrides: this.settings.ruleOverrides,
            factsCache: this.cache,
            listingCache: this.listing,
            suggestions: options.suggestions,
            timing: options.timing,
          },
          false,
          this.configs,
        );
      } catch (error) {
        // Nothing is kept from a run that failed (a broken config): the next one starts over.
        this.last = undefined;
        this.diskChanged = true;
        throw error;
      }
      this.cache.prune();
    }
    this.last = {
      project,
      root,
      configFile: location.configFile,
      overrides,
      signatures: kept && this.last ? this.last.signatures : new Map<string, string>(),
    };
    const run = await checkProject(project);
    return this.editorRun(run, tree, kept ? 'kept' : 'full');
  }

  /**
   * The last run's project with the edited buffers' facts swapped in, when that is what a full
   * run would build: the client watches the disk and reported no change, the project is where it
   * was, and every buffer changed since is a listed code or SQL file whose declarations are as
   * they were. Undefined when a full run is needed.
   */
  private async keptProject(
    location: ProjectLocation,
    overrides: ReadonlyMap<string, string>,
    tree: SourceTree,
    wanted: string[],
    options: EditorLintOptions,
  ): Promise<AnalysedProject | undefined> {
    const last = this.last;
    if (!this.watched || !last) return undefined;
    if (last.root !== location.projectRoot || last.configFile !== location.configFile) return undefined;
    const { project } = last;
    const factsOf = new Map(project.model.files.map((facts) => [facts.path, facts]));
    const replaced = new Map<string, FileFacts>();
    for (const relative of new Set([...overrides.keys(), ...last.overrides.keys()])) {
      const now = overrides.get(relative) ?? this.diskText(relative);
      const before = last.overrides.get(relative) ?? factsOf.get(relative)?.text ?? this.diskText(relative);
      if (now === before) continue;
      const previous = factsOf.get(relative);
      if (!previous || previous.unread || !KEEPABLE_KINDS.has(fileKindOf(relative))) return undefined;
      const facts = await analyseFileAgain(project, relative, tree, this.cache);
      const context: SignatureContext = {
        model: project.model,
        dialects: project.dialects,
        learnsNaming: !project.loaded,
        inferredServices: project.serviceDiscovery !== undefined,
      };
      // Compared with the file as the project was analysed, not as the last edit left it.
      let then = last.signatures.get(relative);
      if (then === undefined) last.signatures.set(relative, (then = declarationSignature(previous, context)));
      if (declarationSignature(facts, context) !== then) return undefined;
      replaced.set(relative, facts);
    }
    return reviseProject(project, { tree, files: wanted, replaced, timing: options.timing, suggestions: options.suggestions });
  }

  /** A file's text on disk, unchanged since the last run (nobody said otherwise); undefined when there is none to read. */
  private diskText(relative: string): string | undefined {
    if (!this.disk) return undefined;
    try {
      return readTreeText(this.disk, relative, { maxBytes: MAX_EDITED_BYTES });
    } catch (error) {
      if (error instanceof FileAccessError) return undefined;
      throw error;
    }
  }

  private editorRun(run: LintRun, tree: SourceTree, path: EditorRun['path']): EditorRun {
    const read = new Map(run.model.files.map((facts) => [facts.path, facts]));
    return {
      run,
      location: run.location,
      path,
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
