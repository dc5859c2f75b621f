import type { ProjectModel, Service } from '../../src/model/model.js';
import { inTestSources } from '../../src/model/migrations.js';
import type { ResolvedImport } from '../../src/model/service-imports.js';

/** Which service an import of a file leads to, as a rule reads the model's resolution of it (`project.imports`). */
export type ImportTarget = (imported: ResolvedImport) => Service | undefined;

/**
 * A test harness: a service that keeps no tables of its own (none it creates, no `tables` in the config) and that only
 * test code outside it imports — a workspace's test network (atproto's `@atproto/dev-env`), which starts the real
 * services for their tests and seeds them with made-up accounts. Its users treat it as a test framework: importing it
 * from tests couples no services (no-cross-service-import), and its code is test code (no-hardcoded-credentials). One
 * production file outside it importing it makes it no harness. `targetOf` reads an import as the asking rule does
 * (by default: the service holding the module); the imports are the model's one resolution of them, which a warm
 * one-file run answers from the facts summaries, decoding no other file.
 */
export function testHarnesses(
  project: ProjectModel,
  targetOf: ImportTarget = (imported) => imported.service,
): (service: Service) => boolean {
  const known = new Map<Service, boolean>();
  return (service) => {
    const cached = known.get(service);
    if (cached !== undefined) return cached;
    let imported = false;
    let productionImport = false;
    if (service.createdTables.length === 0 && service.ownedPatterns.length === 0) {
      for (const { path, owner, imports } of project.imports.files()) {
        if (owner === service) continue;
        if (!imports.some((imported) => targetOf(imported) === service)) continue;
        if (!inTestSources(path, owner)) {
          productionImport = true;
          break;
        }
        imported = true;
      }
    }
    const harness = imported && !productionImport;
    known.set(service, harness);
    return harness;
  };
}
