/**
 * The shared frame of "does this service run on engine X" (MariaDB, CockroachDB): a short list of places a
 * reader can check, each said once, and the service's package.json dependencies as the first source.
 */
import type { PackageIndex } from './packages.js';

/** Evidence items kept: enough to show why. */
export const KEPT_EVIDENCE = 3;

export interface EvidenceList {
  readonly items: string[];
  /** Adds a place, once, while fewer than KEPT_EVIDENCE are kept. */
  add: (detail: string) => void;
  /** Whether enough is kept: the caller stops looking. */
  full: () => boolean;
}

export function evidenceList(): EvidenceList {
  const items: string[] = [];
  return {
    items,
    add: (detail) => {
      if (items.length < KEPT_EVIDENCE && !items.includes(detail)) items.push(detail);
    },
    full: () => items.length >= KEPT_EVIDENCE,
  };
}

/** Each dependency of the folders' package.json files that `names` accepts, as `name in folder/package.json`. */
export function dependencyEvidence(
  folders: readonly string[],
  packages: PackageIndex,
  names: (name: string) => boolean,
  evidence: EvidenceList,
): void {
  for (const folder of folders) {
    const read = packages.manifest(folder);
    if (!read?.ok) continue;
    for (const name of [...read.manifest.dependencies, ...read.manifest.otherDependencies])
      if (names(name)) evidence.add(`${name} in ${folder ? `${folder}/` : ''}package.json`);
  }
}
