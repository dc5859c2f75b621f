/**
 * The packages outside every service (a folder with a package.json no service holds: a shared SQL
 * library, a reporting app) and the services that depend on each by name. Code outside every service
 * is named by its nearest package — `packages/backends/backend` for its `src/sql-backend.js`, not the
 * folder of the services beside it — and a package only the owners of a table depend on is their
 * code when it reaches that table (see `ownersLibrary` in accesses.ts): the engine backends'
 * shared `SQLBackend` that each of them extends queries their own `sidequest_jobs`.
 */
import path from 'node:path';
import type { Service } from './model.js';

/** What the model reads of one package.json: its folder, its name, and every package it names as a dependency of any kind. */
export interface ManifestSummary {
  folder: string;
  name?: string;
  dependsOn: readonly string[];
}

export interface OutsidePackage {
  /** Repo-relative folder of its package.json (never the repository root). */
  folder: string;
  /** The services one of whose package.json files names it (`dependencies`, `devDependencies`, `peerDependencies`…), sorted by name. */
  dependents: readonly Service[];
}

/** Every package outside every service but the repository root's, sorted by folder, with the services depending on it. */
export function outsidePackagesOf(
  manifests: readonly ManifestSummary[],
  serviceOf: (path: string) => Service | undefined,
): OutsidePackage[] {
  const dependentsOf = new Map<string, Set<Service>>();
  for (const manifest of manifests) {
    const service = serviceOf(manifestPath(manifest.folder));
    if (!service) continue;
    for (const name of manifest.dependsOn) dependentsOf.set(name, (dependentsOf.get(name) ?? new Set()).add(service));
  }
  return manifests
    .filter((m) => m.folder !== '' && !serviceOf(manifestPath(m.folder)))
    .map((m) => ({
      folder: m.folder,
      dependents: [...((m.name !== undefined ? dependentsOf.get(m.name) : undefined) ?? [])].sort((a, b) => (a.name < b.name ? -1 : 1)),
    }))
    .sort((a, b) => (a.folder < b.folder ? -1 : 1));
}

/** `(path) => the nearest package above a file outside every service`, undefined when no package but the root's holds it. */
export function outsidePackageResolver(packages: readonly OutsidePackage[]): (file: string) => OutsidePackage | undefined {
  const byFolder = new Map(packages.map((p) => [p.folder, p]));
  return (file) => {
    for (let dir = path.posix.dirname(file); dir !== '.' && dir !== '' && dir !== '/'; dir = path.posix.dirname(dir)) {
      const found = byFolder.get(dir);
      if (found) return found;
    }
    return undefined;
  };
}

function manifestPath(folder: string): string {
  return folder === '' ? 'package.json' : `${folder}/package.json`;
}
