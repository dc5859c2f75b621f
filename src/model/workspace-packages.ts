/**
 * The repository's workspace packages by name: the folders the root package.json's `workspaces`
 * (npm, yarn), `pnpm-workspace.yaml`'s `packages`, `lerna.json`'s `packages` or `rush.json`'s
 * `projects[].projectFolder` name, with their
 * package.json `name` and what an importer by that name loads (`main`, `types`, `exports`). An
 * import of `@acme/billing-db` resolves to the folder holding the package, as the package manager's
 * link in node_modules would, without tsconfig `paths`. What they depend on is a dependency graph
 * of its own: yarn v1 lock files never list workspace packages, pnpm lists them as `link:`
 * importers, and a repository may commit no lock file at all.
 */
import { withoutTrailingSlashes } from '../io/repository-paths.js';
import path from 'node:path';
import { compileGlobs } from '../config/glob.js';
import { FileAccessError } from '../io/file-access-error.js';
import { readTreeText } from '../io/source-tree.js';
import type { DependencyGraph } from '../analysis/lockfiles.js';
import { parseJsonObject } from '../analysis/json-object.js';
import { JsoncSyntaxError, parseJsonc } from '../config/jsonc.js';
import { parsePnpmWorkspace, type PackageEntries } from '../analysis/package-manifest.js';
import type { PackageIndex } from './packages.js';

export interface WorkspacePackage {
  name: string;
  /** Repo-relative folder of its package.json. */
  folder: string;
  entries?: PackageEntries;
}

/** pnpm-workspace.yaml and lerna.json are a few lines; anything near this is not one. */
const MAX_WORKSPACE_FILE_BYTES = 256 * 1024;
/** Where Lerna looks when lerna.json names no `packages` and no other workspace file does. */
const LERNA_DEFAULT_PACKAGES = ['packages/*'];

/** Read once per run: discovery, the dialect decision and import resolution all ask, and a broken file is one notice. */
const patternsRead = new WeakMap<PackageIndex, string[]>();

/** The `workspaces` / `packages` globs of the repository root: npm and yarn, then pnpm, then Lerna, then Rush's project folders. */
export function workspacePatterns(packages: PackageIndex): string[] {
  const known = patternsRead.get(packages);
  if (known) return known;
  const root = packages.manifest('');
  const patterns = root?.ok ? [...(root.manifest.workspacePatterns ?? [])] : [];
  const pnpmText = readWorkspaceFile(packages, 'pnpm-workspace.yaml');
  if (pnpmText !== undefined) {
    const pnpm = parsePnpmWorkspace(pnpmText);
    if (pnpm) patterns.push(...pnpm);
    else packages.problems.push('pnpm-workspace.yaml is not valid YAML (its workspace packages were not used to resolve imports)');
  }
  const lernaText = readWorkspaceFile(packages, 'lerna.json');
  if (lernaText !== undefined) {
    const lerna = parseLernaPackages(lernaText);
    if (lerna === undefined)
      packages.problems.push('lerna.json is not a JSON object (its workspace packages were not used to resolve imports)');
    else patterns.push(...(lerna.length > 0 ? lerna : patterns.length === 0 ? LERNA_DEFAULT_PACKAGES : []));
  }
  const rushText = readWorkspaceFile(packages, 'rush.json');
  if (rushText !== undefined) {
    const rush = parseRushProjectFolders(rushText);
    if (rush === undefined) packages.problems.push('rush.json is not a JSON object (its projects were not used to resolve imports)');
    else patterns.push(...rush);
  }
  const clean = [
    ...new Set(patterns.map((p) => withoutTrailingSlashes(p.replace(/^\.\//, ''))).filter((p) => p !== '' && !p.startsWith('/'))),
  ];
  patternsRead.set(packages, clean);
  return clean;
}

function readWorkspaceFile(packages: PackageIndex, file: string): string | undefined {
  try {
    return readTreeText(packages.tree, file, { maxBytes: MAX_WORKSPACE_FILE_BYTES, symlinks: 'never' });
  } catch (error) {
    if (!(error instanceof FileAccessError)) throw error;
    packages.problems.push(`${error.message} (its workspace packages were not used to resolve imports)`);
    return undefined;
  }
}

/** lerna.json's `packages` globs (empty when it names none); undefined when the text is not a JSON object. */
function parseLernaPackages(text: string): string[] | undefined {
  const json = parseJsonObject(text);
  if (!json) return undefined;
  const list = json.packages;
  return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
}

/** Characters a folder name may hold that a glob would read as a pattern: such a project folder is matched as no glob. */
const GLOB_CHARACTERS = /[*?[\]{}!()]/;

/**
 * Rush's `projects[].projectFolder` (rush.json, JSON with comments as Rush writes it): each project is a
 * workspace package, linked by Rush's pnpm workspace under the git-ignored `common/temp/`, so an import of
 * its `packageName` loads its folder. The folder's package.json gives the name (Rush requires the two to
 * agree). Undefined when the text is not a JSON object; a folder with glob characters is left out.
 */
function parseRushProjectFolders(text: string): string[] | undefined {
  let json: unknown;
  try {
    json = parseJsonc(text);
  } catch (error) {
    if (error instanceof JsoncSyntaxError) return undefined;
    throw error;
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const projects = (json as Record<string, unknown>).projects;
  if (!Array.isArray(projects)) return [];
  const out: string[] = [];
  for (const project of projects) {
    if (!project || typeof project !== 'object') continue;
    const folder = (project as Record<string, unknown>).projectFolder;
    if (typeof folder === 'string' && folder.trim() !== '' && !GLOB_CHARACTERS.test(folder)) out.push(folder.trim());
  }
  return out;
}

/**
 * What each workspace package depends on in production (its package.json `dependencies`), by
 * name, in the shape of a lock file's graph: `@shop/accounts → @shop/common → pg` is found the
 * same whether or not a lock file lists the workspace packages.
 */
export function workspaceDependencyGraph(workspaces: readonly WorkspacePackage[], packages: PackageIndex): DependencyGraph {
  const graph: DependencyGraph = new Map();
  for (const workspace of workspaces) {
    const read = packages.manifest(workspace.folder);
    if (read?.ok) graph.set(workspace.name, new Set(read.manifest.dependencies.filter((name) => name !== workspace.name)));
  }
  return graph;
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
