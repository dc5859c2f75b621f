/**
 * The report of `nilecare-lint diff`: the architecture diff of two states with what was compared
 * and the verdict. `diff --format json` prints it as it is.
 *
 * JSON shape, version 1 (README, "Pull requests"):
 *
 *     { "version": 1,
 *       "base": { "ref", "commit" }, "head": { "ref", "commit" },      // head ref/commit null: the working tree
 *       "verdict": { "failOn", "fails", "reasons": [..] },
 *       "edges": { "added": [Edge], "removed": [Edge], "changed": [Edge], "renamed": [Edge + "renamedFrom"] },
 *       "sharedDatabases": { "added": [Sharing], "removed": [Sharing] },
 *       "owners": [{ "table", "from": [..], "to": [..], "file"?, "line"? }],
 *       "unowned": { "added": [Table], "removed": [Table] },
 *       "findings": { "added": [Finding], "removed": [Finding],
 *                     "rules": [{ "rule", "added", "removed" }], "services": [{ "service", "added", "removed" }] } }
 *     Edge     = { "from", "table", "owner", "kind": "query"|"grant"|"foreign-key", "baseCount", "headCount",
 *                  "added": [Location], "removed": [Location], "suppressed" }
 *     Location = { "file", "line", "column", "suppressed" }
 *     Sharing  = { "database", "services": [..], "changed": [..], "whole", "locations": [{ "service", "file", "line", "suppressed" }], "suppressed" }
 *     Table    = { "table", "database"?, "file", "line" }
 *     Finding  = { "ruleId", "severity", "service", "file", "line", "column", "message", "fingerprint" }
 *
 * Added locations are in the head, removed ones in the base; paths are relative to the project root. A renamed edge
 * is an edge to a table its owner renamed in the head (`table`), paired with the removed edge to its old name
 * (`renamedFrom`): the same accesses, neither added nor removed.
 */
import { withoutTrailingSlashes } from '../io/repository-paths.js';
import type { ArchitectureDiff } from './architecture-diff.js';
import type { FailOn } from './diff-formats.js';

export interface DiffSide {
  /** The ref as given (`main`, `HEAD~1`); null for the working tree. */
  ref: string | null;
  /** The commit it resolved to; null for the working tree. */
  commit: string | null;
}

export interface DiffReport extends ArchitectureDiff {
  version: 1;
  base: DiffSide;
  head: DiffSide;
  verdict: { failOn: FailOn; fails: boolean; reasons: string[] };
}

/** Where file links in the markdown report point. */
export interface LinkTarget {
  /**
   * `https://github.com/org/repo/blob/` style prefix, followed by `<commit>/<path>`; undefined:
   * links relative to the project root.
   */
  blobBase?: string;
  /** The commit the head's files are at in `blobBase` (GITHUB_SHA for the working tree). */
  headCommit?: string;
  baseCommit?: string;
  /** The project root's path inside the repository (`''` at its root, else ending with `/`). */
  prefix: string;
}

/**
 * Links to GitHub when the Actions variables say where the files are (GITHUB_SERVER_URL,
 * GITHUB_REPOSITORY, GITHUB_SHA), relative ones otherwise.
 */
export function linkTarget(env: NodeJS.ProcessEnv, report: Pick<DiffReport, 'base' | 'head'>, prefix: string): LinkTarget {
  const server = env.GITHUB_SERVER_URL;
  const repository = env.GITHUB_REPOSITORY;
  const sha = env.GITHUB_SHA;
  if (!server || !repository || !sha) return { prefix };
  return {
    blobBase: `${withoutTrailingSlashes(server)}/${repository}/blob/`,
    headCommit: report.head.commit ?? sha,
    baseCommit: report.base.commit ?? undefined,
    prefix,
  };
}

/** A link to `file` at `line` on one side of the diff. */
export function fileLink(target: LinkTarget, side: 'base' | 'head', file: string, line: number): string {
  const encoded = `${target.prefix}${file}`.split('/').map(encodeURIComponent).join('/');
  const commit = side === 'head' ? target.headCommit : target.baseCommit;
  if (target.blobBase && commit) return `${target.blobBase}${commit}/${encoded}#L${line}`;
  return `${file.split('/').map(encodeURIComponent).join('/')}#L${line}`;
}
