/**
 * Which services run a module outside every service. A shared package's helper
 * (`enqueue(client, …)` writing to `outbox`) runs inside whichever service calls it, on that
 * service's connection: its queries are that service's queries, not the shared folder's. The
 * services that import the module — directly, or through other modules outside every service
 * (`@shop/common`'s index re-exporting `./outbox`) — are the ones that run it. Test files do not
 * count: a test importing a helper deploys nothing.
 *
 * An import that names what it takes (`const { getOrder } = require('@acme/data')`, `import {
 * getOrder } from …`) runs only the modules those names lead to: through the barrel's re-exports
 * (`export * from`, `export { x } from`, `module.exports = { ...require('./orders') }`) to the module
 * that exports the name, and whatever that module imports. A per-domain data package behind one
 * index then runs, in each service, the domains it calls, not every module of the package. An
 * import of the whole module (a namespace, a plain `require`, a default import that is not a
 * declared `export default`) runs everything the module leads to, and so does a name the model
 * cannot place (exports are known for modules that query: ScriptFacts.exports).
 */
import type { FileFacts, Range } from '../analysis/facts.js';
import { spanToRange } from '../analysis/text.js';
import type { Service } from './model.js';
import type { ModuleResolver } from './module-resolver.js';
import { isTestFile } from './paths.js';

/** A service that runs a module, and the import in its own file that leads there (first by path). */
export interface RunningService {
  service: Service;
  import: { file: string; range: Range };
}

/** How many re-exports deep a name is followed (barrel of barrels of …). */
const MAX_DEPTH = 8;

/**
 * `(path) => services running the module at path`, sorted by name; empty for a module no service
 * imports (a reporting app, a script) and for a module inside a service (its own code). `running`
 * is the map `runningServices` makes, asked for on the first call of a path outside every service.
 */
export function importingServicesResolver(
  running: () => ReadonlyMap<string, readonly RunningService[]>,
  serviceOf: (path: string) => Service | undefined,
): (path: string) => readonly RunningService[] {
  return (path) => (serviceOf(path) ? [] : (running().get(path) ?? []));
}

/** Every module outside every service that some service runs, with the services running it (sorted by name). */
export function runningServices(
  files: readonly FileFacts[],
  serviceOf: (path: string) => Service | undefined,
  modules: ModuleResolver,
): Map<string, RunningService[]> {
  const byPath = new Map(files.map((f) => [f.path, f]));
  /** A module outside every service that `from` imports as `specifier`. */
  const outside = (from: string, specifier: string): string | undefined => {
    const target = modules.resolve(from, specifier)?.file;
    return target && target !== from && !serviceOf(target) && byPath.has(target) ? target : undefined;
  };
  const reached = new Map<string, Set<string>>();
  const reach = (target: string, names: readonly string[] | undefined): Set<string> => {
    const key = names ? `${target}\n${[...names].sort().join(',')}` : target;
    let out = reached.get(key);
    if (!out) {
      out = new Set();
      if (names) reachNamed(target, names, out);
      else reachWhole(target, out);
      reached.set(key, out);
    }
    return out;
  };

  /** The module and everything it imports, through modules outside every service. */
  const reachWhole = (file: string, out: Set<string>): void => {
    const stack = [file];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (out.has(current)) continue;
      out.add(current);
      if (isTestFile(current)) continue;
      for (const fact of byPath.get(current)?.script?.imports ?? []) {
        const next = outside(current, fact.specifier);
        if (next && !out.has(next)) stack.push(next);
      }
    }
  };

  /** A module whose own export is used: it, and what it imports other than the modules it only passes on. */
  const runLocal = (file: string, out: Set<string>): void => {
    if (out.has(file)) return;
    out.add(file);
    const script = byPath.get(file)?.script;
    const passedOn = new Set((script?.reexports ?? []).filter((r) => r.exported === '*' && r.specifier).map((r) => r.specifier));
    for (const fact of script?.imports ?? []) {
      if (fact.kind === 'export' || passedOn.has(fact.specifier)) continue;
      const next = outside(file, fact.specifier);
      if (next) reachWhole(next, out);
    }
  };

  type Definition = { file: string; whole: boolean };
  /** The modules that define what `file` exports as `name`; undefined when none is known to. */
  const locate = (file: string, name: string, depth: number): Definition[] | undefined => {
    if (depth > MAX_DEPTH) return undefined;
    const script = byPath.get(file)?.script;
    if (script?.exports?.includes(name)) return [{ file, whole: false }];
    const found: Definition[] = [];
    for (const r of script?.reexports ?? []) {
      if (r.exported !== '*' && r.exported !== name) continue;
      const target = r.specifier === undefined ? file : outside(file, r.specifier);
      if (!target) continue;
      if (r.exported === '*') {
        if (r.specifier !== undefined) found.push(...(locate(target, name, depth + 1) ?? []));
      } else if (r.imported === '*') found.push({ file: target, whole: true });
      else if (target !== file || r.imported !== name)
        // the re-export says the name is there, whether or not its exports are known
        found.push(...(locate(target, r.imported, depth + 1) ?? [{ file: target, whole: false }]));
    }
    return found.length > 0 ? found : undefined;
  };

  /** A name no module is known to export: every module that may (exports unknown) on its way runs. */
  const unplaced = (file: string, name: string, out: Set<string>, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    const script = byPath.get(file)?.script;
    if (!script?.exports) runLocal(file, out);
    for (const r of script?.reexports ?? []) {
      if (r.specifier === undefined || (r.exported !== '*' && r.exported !== name)) continue;
      const target = outside(file, r.specifier);
      if (!target) continue;
      if (r.exported !== '*' && r.imported === '*') reachWhole(target, out);
      else unplaced(target, r.exported === '*' ? name : r.imported, out, depth + 1);
    }
  };

  const reachNamed = (file: string, names: readonly string[], out: Set<string>): void => {
    for (const name of names) {
      const definitions = locate(file, name, 0);
      if (definitions) for (const d of definitions) (d.whole ? reachWhole : runLocal)(d.file, out);
      // CommonJS interop: a default import of a module with no `export default` is its module.exports
      else if (name === 'default') reachWhole(file, out);
      else unplaced(file, name, out, 0);
    }
  };

  const result = new Map<string, Map<Service, RunningService>>();
  for (const file of files) {
    const service = serviceOf(file.path);
    if (!service || isTestFile(file.path)) continue;
    for (const fact of file.script?.imports ?? []) {
      const target = outside(file.path, fact.specifier);
      if (!target) continue;
      for (const path of reach(target, fact.names)) {
        const byService = result.get(path) ?? new Map<Service, RunningService>();
        const found = byService.get(service);
        if (!found || file.path < found.import.file)
          byService.set(service, { service, import: { file: file.path, range: spanToRange(file.lineStarts, fact.fileSpan) } });
        result.set(path, byService);
      }
    }
  }
  const sorted = new Map<string, RunningService[]>();
  for (const [path, byService] of result)
    sorted.set(
      path,
      [...byService.values()].sort((a, b) => (a.service.name < b.service.name ? -1 : 1)),
    );
  return sorted;
}
