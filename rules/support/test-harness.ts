import type { ProjectModel, Service } from '../../src/model/model.js';
import { inTestSources } from '../../src/model/migrations.js';

/** Where an import of a file leads: the service holding the module it names, if any. */
export type ImportTarget = (file: string, specifier: string) => Service | undefined;

/**
 * A test harness: a service that keeps no tables of its own (none it creates, no `tables` in the config) and that only
 * test code outside it imports — a workspace's test network (atproto's `@atproto/dev-env`), which starts the real
 * services for their tests and seeds them with made-up accounts. Its users treat it as a test framework: importing it
 * from tests couples no services (no-cross-service-import), and its code is test code (no-hardcoded-credentials). One
 * production file outside it importing it makes it no harness. `targetOf` resolves an import as the asking rule does.
 */
export function testHarnesses(project: ProjectModel, targetOf?: ImportTarget): (service: Service) => boolean {
  const resolve: ImportTarget =
    targetOf ??
    ((file, specifier) => {
      const target = project.resolveModule(file, specifier);
      return target === undefined ? undefined : project.serviceOf(target.file ?? target.path);
    });
  const known = new Map<Service, boolean>();
  return (service) => {
    const cached = known.get(service);
    if (cached !== undefined) return cached;
    let imported = false;
    let productionImport = false;
    if (service.createdTables.length === 0 && service.ownedPatterns.length === 0) {
      for (const file of project.files) {
        const owner = project.serviceOf(file.path);
        if (owner === service || !file.script) continue;
        if (!file.script.imports.some((i) => resolve(file.path, i.specifier) === service)) continue;
        if (!inTestSources(file.path, owner)) {
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
