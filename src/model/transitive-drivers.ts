/**
 * Drivers a package reaches only through what it depends on: a company wrapper (`@acme/db-client`
 * → `pg`, seen in a lock file) or a workspace helper (`@shop/common` → `pg`, seen in that
 * package's own package.json). Discovery takes them as evidence that the package keeps data, the
 * dialect decision as evidence of its engine. Both sources are read, whatever the lock file:
 * yarn v1 never lists workspace packages, pnpm lists them only as `link:` importers, and a
 * repository may commit no lock at all.
 */
import { reachablePackages, type DependencyGraph } from '../analysis/lockfiles.js';
import type { PackageIndex } from './packages.js';
import { workspaceDependencyGraph, type WorkspacePackage } from './workspace-packages.js';

/** The workspace packages' dependencies by name, and where each one's package.json is. */
export interface WorkspaceGraph {
  graph: DependencyGraph;
  folderOf: ReadonlyMap<string, string>;
}

export function workspaceGraph(workspaces: readonly WorkspacePackage[], packages: PackageIndex): WorkspaceGraph {
  return {
    graph: workspaceDependencyGraph(workspaces, packages),
    folderOf: new Map(workspaces.map((w) => [w.name, w.folder])),
  };
}

export interface DriverChain {
  /** From a direct dependency to the driver: `['@shop/common', 'pg']`. */
  chain: string[];
  /** Where the chain was read: a lock file, or the package.json of the last workspace package on it. */
  file: string;
  via: 'lock-file' | 'workspace-package';
}

/**
 * The drivers (`wanted`) the folder's production dependencies reach, one shortest chain each. A
 * chain one lock file holds whole is credited to it; otherwise to the package.json of the last
 * workspace package on it, which names the next link.
 */
export function transitiveDrivers(
  folder: string,
  dependencies: readonly string[],
  packages: PackageIndex,
  workspaces: WorkspaceGraph | undefined,
  wanted: (name: string) => boolean,
): DriverChain[] {
  const locks = packages.lockGraphsFor(folder);
  const graphs = [...locks.map((g) => g.graph), ...(workspaces ? [workspaces.graph] : [])];
  if (graphs.length === 0) return [];
  const out: DriverChain[] = [];
  for (const [, chain] of reachablePackages(graphs, dependencies, wanted)) {
    const lock = locks.find((g) => holdsChain(g.graph, chain));
    if (lock) {
      out.push({ chain, file: lock.file, via: 'lock-file' });
      continue;
    }
    const declaring = chain
      .slice(0, -1)
      .reverse()
      .find((name) => workspaces?.folderOf.has(name));
    if (declaring) out.push({ chain, file: `${workspaces!.folderOf.get(declaring)}/package.json`, via: 'workspace-package' });
    // Links from two lock files (a nested workspace's and the root's): the nearest is named.
    else if (locks.length > 0) out.push({ chain, file: locks[0].file, via: 'lock-file' });
  }
  return out;
}

function holdsChain(graph: DependencyGraph, chain: readonly string[]): boolean {
  return chain.slice(1).every((name, i) => graph.get(chain[i])?.has(name));
}
