/**
 * Which services' code a service's files import, directly or through the services those import: a test network that
 * imports `@atproto/pds` and starts it holds the PDS's own database handle (`this.pds.ctx.accountManager.db.db`), and a
 * service's tests that import that network reach every service it starts. Imports resolve as everywhere in the model
 * (relative paths, tsconfig paths, workspace package names); test files count, since a test's handle reaches the
 * imported service's tables as any code does. Built on the first question, once, from the run's one import resolution
 * (service-imports.ts: the facts summaries, so a warm one-file run reaching the cross-engine fallback decodes nothing).
 */
import type { Service } from './model.js';
import type { ServiceImports } from './service-imports.js';

/** `(from, to) => whether from's files import to's code, directly or through services in between`; false for `from === to`. */
export function serviceReachResolver(imports: ServiceImports): (from: Service, to: Service) => boolean {
  let reach: Map<Service, Set<Service>> | undefined;
  const build = () => {
    const edges = new Map<Service, Set<Service>>();
    for (const { owner, imports: resolved } of imports.files()) {
      if (!owner) continue;
      for (const { service: imported } of resolved)
        if (imported && imported !== owner) edges.set(owner, (edges.get(owner) ?? new Set()).add(imported));
    }
    const out = new Map<Service, Set<Service>>();
    for (const start of edges.keys()) {
      const seen = new Set<Service>();
      const stack = [...(edges.get(start) ?? [])];
      while (stack.length > 0) {
        const next = stack.pop()!;
        if (seen.has(next)) continue;
        seen.add(next);
        for (const further of edges.get(next) ?? []) if (!seen.has(further)) stack.push(further);
      }
      seen.delete(start);
      out.set(start, seen);
    }
    return out;
  };
  return (from, to) => (reach ??= build()).get(from)?.has(to) ?? false;
}
