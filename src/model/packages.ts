/**
 * The repository's package.json files and lock files, read on demand and once per run. Service
 * discovery and the dialect decision both ask for them; a lock file of a workspace root serves
 * every package below it. Files are read under their real paths only (no symbolic link on the
 * way: a link could lead to another package's manifest or out of the repository) and with caps.
 */
import path from 'node:path';
import { FileAccessError } from '../io/file-access-error.js';
import { diskTree, readTreeText, type SourceTree } from '../io/source-tree.js';
import { LOCK_FILE_NAMES, lockFileKind, parseLockFile, type DependencyGraph } from '../analysis/lockfiles.js';
import { parsePackageManifest, type PackageManifest, type ScriptSecret } from '../analysis/package-manifest.js';
import type { SecretKey } from '../analysis/secrets.js';
import type { Range } from '../analysis/facts.js';
import { JsoncSyntaxError, parseJson } from '../config/jsonc.js';

/** A package.json is a few KB; anything near this is not a manifest worth reading. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;
/** Lock files of large monorepos reach tens of MB; past this they are skipped (the cost would dominate a run). */
export const MAX_LOCK_FILE_BYTES = 48 * 1024 * 1024;

export interface LockGraph {
  /** Repo-relative path of the lock file. */
  file: string;
  graph: DependencyGraph;
}

export type ManifestRead =
  | { ok: true; manifest: PackageManifest }
  /** `notJson`: the file is there but does not parse (a merge conflict left in it): its folder's own files still count. */
  | { ok: false; reason: string; notJson?: true }
  | undefined;

/**
 * A package.json that is there but is not JSON (a merge conflict left in it): where it fails, for a
 * located `unanalysed-file` finding that every output format carries, and the notice that says the same.
 */
export interface UnreadManifest {
  /** Repo-relative path of the package.json. */
  readonly file: string;
  /** The merge-conflict marker (`<<<<<<<`), else the character where the JSON parser stopped. */
  readonly range: Range;
  /** Why, quoting nothing of the file: `not valid JSON (a merge-conflict marker)`. */
  readonly detail: string;
  /** The run's notice about it (in `problems`), which the finding replaces when it is reported. */
  readonly notice: string;
}

/** A credential of a package.json script (see `ScriptSecret`), in `file` (repo-relative). */
export interface ManifestScriptSecret extends ScriptSecret {
  readonly file: string;
}

export class PackageIndex {
  private readonly manifests = new Map<string, ManifestRead>();
  private readonly locks = new Map<string, LockGraph | undefined>();
  /** Folders whose package.json is a marker, not a package (see `isMarker`). */
  private readonly markers = new Set<string>();
  /** Manifests and lock files that could not be read, with why (too large, a link…), for the run's notices. */
  readonly problems: string[] = [];
  /** The manifests among them that are not JSON, located. */
  readonly unreadManifests: UnreadManifest[] = [];

  /** Where manifests and lock files are read: the disk at a folder, or any source tree. */
  readonly tree: SourceTree;

  /** The run's key for secret fingerprints (src/analysis/secrets.ts): its scripts' credentials are described with it. */
  private readonly secretKey: SecretKey | undefined;

  constructor(root: string | SourceTree, options: { secretKey?: SecretKey } = {}) {
    this.tree = typeof root === 'string' ? diskTree(root) : root;
    this.secretKey = options.secretKey;
  }

  /**
   * The credentials written into the scripts of every manifest read so far (a run reads the root's and every
   * package.json discovery lists), by file: described when read, no value kept.
   */
  scriptSecrets(): ManifestScriptSecret[] {
    const out: ManifestScriptSecret[] = [];
    for (const folder of [...this.manifests.keys()].sort()) {
      const read = this.manifests.get(folder);
      const file = folder ? `${folder}/package.json` : 'package.json';
      if (read?.ok) for (const secret of read.manifest.scriptSecrets ?? []) out.push({ file, ...secret });
    }
    return out;
  }

  /**
   * Whether the folder's package.json is a marker (`{"type": "commonjs"}`, see `PackageManifest.marker`): no package,
   * so `manifest` reads it as none, and discovery takes no folder boundary from it.
   */
  isMarker(folder: string): boolean {
    this.manifest(folder);
    return this.markers.has(folder);
  }

  /** The package.json of a repo-relative folder (`''` for the root): undefined when there is none, or only a marker. */
  manifest(folder: string): ManifestRead {
    if (this.manifests.has(folder)) return this.manifests.get(folder);
    let read: ManifestRead;
    const file = folder ? `${folder}/package.json` : 'package.json';
    try {
      const text = readTreeText(this.tree, file, { maxBytes: MAX_MANIFEST_BYTES, symlinks: 'never' });
      if (text !== undefined) {
        const manifest = parsePackageManifest(text, this.secretKey);
        if (manifest?.marker) this.markers.add(folder);
        else if (manifest) read = { ok: true, manifest };
        else {
          const broken = notJson(text);
          read = {
            ok: false,
            reason: broken
              ? `its package.json is not valid JSON${broken.marker ? ` (${broken.marker})` : ''}`
              : 'its package.json is not a JSON object',
            ...(broken ? { notJson: true as const } : {}),
          };
          // Never silent: a manifest that does not parse changes which folders are services and which drivers count.
          if (broken) {
            const { line, column } = broken.range;
            const detail = `not valid JSON (${broken.marker ?? broken.reason})`;
            const notice = `${file}:${line}:${column}: ${detail}; its dependencies were not used to find services or infer drivers; its folder's own files still were`;
            this.problems.push(notice);
            this.unreadManifests.push({ file, range: broken.range, detail, notice });
          }
        }
      }
    } catch (error) {
      if (!(error instanceof FileAccessError)) throw error;
      read = { ok: false, reason: `its package.json ${error.reason}` };
      // A manifest a pull request turned into a link or a device changes what the run infers: say so.
      this.problems.push(`${error.message} (its dependencies were not used to find services or infer drivers)`);
    }
    this.manifests.set(folder, read);
    return read;
  }

  /** The lock files in `folder` and every folder above it, nearest first. */
  lockGraphsFor(folder: string): LockGraph[] {
    const out: LockGraph[] = [];
    for (let dir = folder; ; dir = path.posix.dirname(dir)) {
      const current = dir === '.' ? '' : dir;
      for (const name of LOCK_FILE_NAMES) {
        const graph = this.lockGraph(current ? `${current}/${name}` : name);
        if (graph) out.push(graph);
      }
      if (current === '') break;
    }
    return out;
  }

  private lockGraph(file: string): LockGraph | undefined {
    if (this.locks.has(file)) return this.locks.get(file);
    let result: LockGraph | undefined;
    try {
      const text = readTreeText(this.tree, file, { maxBytes: MAX_LOCK_FILE_BYTES, symlinks: 'never' });
      if (text !== undefined) result = { file, graph: parseLockFile(lockFileKind(path.posix.basename(file))!, text) };
    } catch (error) {
      if (!(error instanceof FileAccessError)) throw error;
      this.problems.push(`${error.message} (its dependencies were not used to infer drivers)`);
    }
    this.locks.set(file, result);
    return result;
  }
}

/**
 * Undefined when the text is JSON; else where it is not: at a git merge-conflict marker (`<<<<<<< HEAD`)
 * when one makes it so, else at the character the parser stopped at, with the parser's words (which quote nothing).
 */
function notJson(text: string): { range: Range; marker?: string; reason: string } | undefined {
  try {
    parseJson(text);
    return undefined;
  } catch (error) {
    if (!(error instanceof JsoncSyntaxError)) throw error;
    const marker = text.split('\n').findIndex((line) => line.startsWith('<<<<<<<') || line.startsWith('>>>>>>>'));
    if (marker >= 0)
      return {
        range: { line: marker + 1, column: 1, endLine: marker + 1, endColumn: 8 },
        marker: 'a merge-conflict marker',
        reason: error.message,
      };
    const { line, column } = error;
    return { range: { line, column, endLine: line, endColumn: column + 1 }, reason: error.message };
  }
}
