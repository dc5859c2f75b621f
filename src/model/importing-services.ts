/**
 * Which services run a module outside every service. A shared package's helper
 * (`enqueue(client, …)` writing to `outbox`) runs inside whichever service calls it, on that
 * service's connection: its queries are that service's queries, not the shared folder's. The
 * services that import the module — directly, or through other modules outside every service
 * (`@shop/common`'s index re-exporting `./outbox`) — are the ones that run it. Test files do not
 * count: a test importing a helper deploys nothing.
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

/**
 * `(path) => services running the module at path`, sorted by name; empty for a module no service
 * imports (a reporting app, a script) and for a module inside a service (its own code). The import
 * graph is built on the first call.
 */
export function importingServicesResolver(
  files: readonly FileFacts[],
  serviceOf: (path: string) => Service | undefined,
  modules: ModuleResolver,
): (path: string) => readonly RunningService[] {
  let importers: Map<string, Array<{ file: FileFacts; range: Range }>> | undefined;
  const cache = new Map<string, RunningService[]>();
  const graph = () => {
    if (importers) return importers;
    importers = new Map();
    for (const file of files) {
      if (isTestFile(file.path)) continue;
      for (const fact of file.script?.imports ?? []) {
        const target = modules.resolve(file.path, fact.specifier)?.file;
        if (!target || target === file.path) continue;
        const list = importers.get(target) ?? [];
        if (!list.some((i) => i.file === file)) list.push({ file, range: spanToRange(file.lineStarts, fact.fileSpan) });
        importers.set(target, list);
      }
    }
    return importers;
  };
  return (path) => {
    if (serviceOf(path)) return [];
    const known = cache.get(path);
    if (known) return known;
    const byService = new Map<Service, RunningService>();
    // Breadth first through modules outside every service; a service's file ends the walk there.
    const seen = new Set([path]);
    let frontier = [path];
    while (frontier.length > 0) {
      const next: string[] = [];
      for (const target of frontier) {
        for (const importer of graph().get(target) ?? []) {
          const service = serviceOf(importer.file.path);
          if (service) {
            const found = byService.get(service);
            if (!found || importer.file.path < found.import.file)
              byService.set(service, { service, import: { file: importer.file.path, range: importer.range } });
          } else if (!seen.has(importer.file.path)) {
            seen.add(importer.file.path);
            next.push(importer.file.path);
          }
        }
      }
      frontier = next;
    }
    const running = [...byService.values()].sort((a, b) => (a.service.name < b.service.name ? -1 : 1));
    cache.set(path, running);
    return running;
  };
}
