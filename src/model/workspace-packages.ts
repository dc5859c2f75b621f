/**
 * The repository's workspace packages by name: the folders the root package.json's `workspaces`
 * (npm, yarn) or `pnpm-workspace.yaml`'s `packages` name, with their package.json `name` and what an
 * importer by that name loads (`main`, `types`, `exports`). An import of `@acme/billing-db` resolves
 * to the folder holding the package, as the package manager's link in node_modules would, without
 * tsconfig `paths`.
 */
import path from 'node:path';
import { compileGlobs } from '../config/glob.js';
import { FileAccessError } from '../io/file-access-error.js';
import { readTreeText } from '../io/source-tree.js';
import { parsePnpmWorkspace, type PackageEntries } from '../analysis/package-manifest.js';
import type { PackageIndex } from './packages.js';

export interface WorkspacePackage {
  name: string;
  /** Repo-relative folder of its package.json. */
  folder: string;
  entries?: PackageEntries;
}

/** pnpm-workspace.yaml is a few lines; anything near this is not one. */
const MAX_PNPM_WORKSPACE_BYTES = 256 * 1024;

/** The `workspaces` / `packages` globs of the repository root: npm and yarn, then pnpm. */
export function workspacePatterns(packages: PackageIndex): string[] {
  const root = packages.manifest('');
  const patterns = root?.ok ? [...(root.manifest.workspacePatterns ?? [])] : [];
  let text: string | undefined;
  try {
    text = readTreeText(packages.tree, 'pnpm-workspace.yaml', { maxBytes: MAX_PNPM_WORKSPACE_BYTES, symlinks: 'never' });
  } catch (error) {
    if (!(error instanceof FileAccessError)) throw error;
    packages.problems.push(`${error.message} (its workspace packages were not used to resolve imports)`);
  }
  if (text !== undefined) {
    const pnpm = parsePnpmWorkspace(text);
    if (pnpm) patterns.push(...pnpm);
    else packages.problems.push('pnpm-workspace.yaml is not valid YAML (its workspace packages were not used to resolve imports)');
  }
  return patterns.map((p) => p.replace(/^\.\//, '').replace(/\/+$/, '')).filter((p) => p !== '' && !p.startsWith('/'));
}

/**
 * The named packages among `manifests` (repo-relative package.json paths) whose folders the
 * workspace globs match. A name two folders claim is left out: an import of it is ambiguous.
 */
export function workspacePackages(manifests: readonly string[], packages: PackageIndex): WorkspacePackage[] {
  const patterns = workspacePatterns(packages);
  if (patterns.length === 0) return [];
  const positive = patterns.filter((p) => !p.startsWith('!'));
  const excluded = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  let included: (folder: string) => boolean;
  let isExcluded: (folder: string) => boolean;
  try {
    included = compileGlobs(positive);
    isExcluded = compileGlobs(excluded);
  } catch {
    packages.problems.push(
      `the workspace globs (${patterns.join(', ')}) could not be read; workspace packages were not used to resolve imports`,
    );
    return [];
  }
  const byName = new Map<string, WorkspacePackage | null>();
  for (const file of manifests) {
    const folder = path.posix.dirname(file);
    if (folder === '.' || !included(folder) || isExcluded(folder)) continue;
    const read = packages.manifest(folder);
    const name = read?.ok ? read.manifest.name : undefined;
    if (!read?.ok || !name) continue;
    byName.set(name, byName.has(name) ? null : { name, folder, ...(read.manifest.entries ? { entries: read.manifest.entries } : {}) });
  }
  return [...byName.values()].filter((p): p is WorkspacePackage => p !== null).sort((a, b) => (a.name < b.name ? -1 : 1));
}
