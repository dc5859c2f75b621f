/**
 * What a package.json says about its folder: its dependencies, whether it is a workspace root,
 * whether it runs as a process. Parsed as data only; nothing in it is ever run or resolved.
 */

export interface PackageManifest {
  name?: string;
  /** `dependencies` (what runs in production). */
  dependencies: string[];
  /** `devDependencies`, `optionalDependencies` and `peerDependencies`. */
  otherDependencies: string[];
  /** Script names (`start`, `build`, `migrate`…). */
  scripts: string[];
  /** Declares `workspaces` (npm, yarn): the root of other packages, not a deployable of its own. */
  workspaces: boolean;
}

const names = (value: unknown): string[] => (value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : []);

/** The manifest, or undefined when the text is not a JSON object. */
export function parsePackageManifest(text: string): PackageManifest | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const m = json as Record<string, unknown>;
  return {
    ...(typeof m.name === 'string' ? { name: m.name } : {}),
    dependencies: names(m.dependencies),
    otherDependencies: [...new Set([...names(m.devDependencies), ...names(m.optionalDependencies), ...names(m.peerDependencies)])],
    scripts: names(m.scripts),
    workspaces: Array.isArray(m.workspaces) || (typeof m.workspaces === 'object' && m.workspaces !== null),
  };
}
