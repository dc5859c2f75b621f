/**
 * Lock files as a dependency graph by package name: which packages each package depends on.
 * A driver that reaches a service through a company wrapper (`@acme/db-client` → `pg`) shows
 * only here. Each format is read as data with a single linear pass (no YAML or JSON schema
 * library for the large ones, nothing resolved or run); versions are ignored, so two versions
 * of one package share a node, which can only add edges the service might use.
 */

export type LockFileKind = 'package-lock' | 'pnpm-lock' | 'yarn-lock';

/** Package name → names of the packages it depends on (`dependencies`, `optionalDependencies`). */
export type DependencyGraph = Map<string, Set<string>>;

/** The lock file kind of a file name, if it is one. */
export function lockFileKind(fileName: string): LockFileKind | undefined {
  if (fileName === 'package-lock.json' || fileName === 'npm-shrinkwrap.json') return 'package-lock';
  if (fileName === 'pnpm-lock.yaml') return 'pnpm-lock';
  if (fileName === 'yarn.lock') return 'yarn-lock';
  return undefined;
}

export const LOCK_FILE_NAMES = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock'];

/** The graph of a lock file's text; an empty graph when the text is not of that format. */
export function parseLockFile(kind: LockFileKind, text: string): DependencyGraph {
  switch (kind) {
    case 'package-lock':
      return parsePackageLock(text);
    case 'pnpm-lock':
      return parsePnpmLock(text);
    case 'yarn-lock':
      return parseYarnLock(text);
  }
}

function addEdges(graph: DependencyGraph, from: string, to: Iterable<string>): void {
  let edges = graph.get(from);
  if (!edges) graph.set(from, (edges = new Set()));
  for (const name of to) if (name && name !== from) edges.add(name);
}

const objectKeys = (value: unknown): string[] => (value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : []);

/** npm: v2/v3 `packages` (`node_modules/a/node_modules/b` keys, workspace folders by `name`), v1 nested `dependencies`. */
function parsePackageLock(text: string): DependencyGraph {
  const graph: DependencyGraph = new Map();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return graph;
  }
  if (!json || typeof json !== 'object') return graph;
  const lock = json as { packages?: Record<string, unknown>; dependencies?: Record<string, unknown> };
  if (lock.packages && typeof lock.packages === 'object') {
    for (const [key, value] of Object.entries(lock.packages)) {
      if (!value || typeof value !== 'object') continue;
      const entry = value as Record<string, unknown>;
      const at = key.lastIndexOf('node_modules/');
      const name = at >= 0 ? key.slice(at + 'node_modules/'.length) : typeof entry.name === 'string' ? entry.name : undefined;
      if (!name) continue;
      addEdges(graph, name, [...objectKeys(entry.dependencies), ...objectKeys(entry.optionalDependencies)]);
    }
    return graph;
  }
  // v1: `requires` names what a package depends on; `dependencies` nests the copies installed below it.
  const walk = (deps: unknown, depth: number) => {
    if (depth > 64 || !deps || typeof deps !== 'object') return;
    for (const [name, value] of Object.entries(deps as Record<string, unknown>)) {
      if (!value || typeof value !== 'object') continue;
      const entry = value as Record<string, unknown>;
      addEdges(graph, name, objectKeys(entry.requires));
      walk(entry.dependencies, depth + 1);
    }
  };
  walk(lock.dependencies, 0);
  return graph;
}

/** `'@scope/name'` → `@scope/name`; a trailing `:` dropped. */
function unquoteKey(raw: string): string {
  let key = raw.trim();
  if (key.endsWith(':')) key = key.slice(0, -1).trimEnd();
  if ((key.startsWith("'") && key.endsWith("'")) || (key.startsWith('"') && key.endsWith('"'))) key = key.slice(1, -1);
  return key;
}

/** The package name of a pnpm package key: `/@a/b@1.0.0(peer@2)`, `/@a/b/1.0.0` (v5), `@a/b@1.0.0` (v9). */
function pnpmPackageName(key: string): string | undefined {
  let rest = key.replace(/^\//, '');
  let scope = '';
  if (rest.startsWith('@')) {
    const slash = rest.indexOf('/');
    if (slash < 0) return undefined;
    scope = rest.slice(0, slash + 1);
    rest = rest.slice(slash + 1);
  }
  const name = rest.split(/[@/(]/)[0];
  return name ? scope + name : undefined;
}

const indentOf = (line: string): number => line.length - line.trimStart().length;

/**
 * pnpm (v5–v9): under `packages:` / `snapshots:`, each package key at indent 2, its
 * `dependencies:` / `optionalDependencies:` at indent 4 and their names at indent 6.
 * `importers:` is skipped: a service's direct dependencies come from its package.json.
 */
function parsePnpmLock(text: string): DependencyGraph {
  const graph: DependencyGraph = new Map();
  let section = '';
  let current: string | undefined;
  let inDeps = false;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const indent = indentOf(line);
    if (indent === 0) {
      section = line.trim().replace(/:$/, '');
      current = undefined;
      inDeps = false;
      continue;
    }
    if (section !== 'packages' && section !== 'snapshots') continue;
    if (indent === 2) {
      current = pnpmPackageName(unquoteKey(line));
      if (current && !graph.has(current)) graph.set(current, new Set());
      inDeps = false;
    } else if (indent === 4) {
      inDeps = /^(?:dependencies|optionalDependencies):\s*$/.test(line.trim());
    } else if (indent === 6 && inDeps && current) {
      const colon = line.indexOf(':', line.trimStart().startsWith("'") ? line.indexOf("'", indent + 1) : indent);
      if (colon > 0) addEdges(graph, current, [unquoteKey(line.slice(0, colon))]);
    }
  }
  return graph;
}

/** The package name of one yarn spec: `lodash@^4`, `"@a/b@npm:^1"`, `pg@workspace:…`. */
function yarnSpecName(spec: string): string | undefined {
  const clean = unquoteKey(spec);
  const at = clean.indexOf('@', clean.startsWith('@') ? 1 : 0);
  const name = at > 0 ? clean.slice(0, at) : clean;
  return name || undefined;
}

/**
 * yarn v1 and berry: keys at indent 0 (one or more comma-separated specs), `dependencies:` /
 * `optionalDependencies:` at indent 2, dependency names at indent 4 (`pg "^8"` or `pg: ^8`).
 */
function parseYarnLock(text: string): DependencyGraph {
  const graph: DependencyGraph = new Map();
  let current: string[] = [];
  let inDeps = false;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const indent = indentOf(line);
    if (indent === 0) {
      current = line.trim().endsWith(':')
        ? [
            ...new Set(
              line
                .trim()
                .slice(0, -1)
                .split(',')
                .map(yarnSpecName)
                .filter((n): n is string => !!n && n !== '__metadata'),
            ),
          ]
        : [];
      for (const name of current) if (!graph.has(name)) graph.set(name, new Set());
      inDeps = false;
    } else if (indent === 2) {
      inDeps = /^(?:dependencies|optionalDependencies):\s*$/.test(line.trim());
    } else if (indent === 4 && inDeps) {
      const trimmed = line.trim();
      const match = /^("[^"]+"|'[^']+'|[^\s:"']+)/.exec(trimmed);
      if (!match) continue;
      const name = unquoteKey(match[1]);
      for (const from of current) addEdges(graph, from, [name]);
    }
  }
  return graph;
}

/**
 * The packages matching `wanted` that `roots` reach, each with one shortest chain from a root
 * (`['@acme/db-client', 'pg']`); the walk does not go on through a wanted package. Stops after
 * `maxNodes` packages: a graph is data, not trusted.
 */
export function reachablePackages(
  graphs: readonly DependencyGraph[],
  roots: readonly string[],
  wanted: (name: string) => boolean,
  maxNodes = 20_000,
): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const direct = new Set(roots);
  const parent = new Map<string, string | undefined>();
  const queue: string[] = [];
  for (const root of roots) {
    if (parent.has(root)) continue;
    parent.set(root, undefined);
    queue.push(root);
  }
  const chain = (name: string) => {
    const out: string[] = [];
    for (let at: string | undefined = name; at !== undefined; at = parent.get(at)) out.unshift(at);
    return out;
  };
  for (let head = 0; head < queue.length && parent.size <= maxNodes; head++) {
    const name = queue[head];
    // A root that is itself wanted is a direct dependency, not something a lock file revealed.
    if (wanted(name)) {
      if (!direct.has(name) && !found.has(name)) found.set(name, chain(name));
      continue; // what a wanted package depends on (pg → pg-pool) is its business
    }
    for (const graph of graphs) {
      for (const next of graph.get(name) ?? []) {
        if (parent.has(next)) continue;
        parent.set(next, name);
        queue.push(next);
      }
    }
  }
  return found;
}
