/**
 * The one resolution of the repository's imports to services: where each module specifier of a file points (relative
 * paths, the nearest tsconfig's `paths` / `baseUrl`, workspace package names: module-resolver.ts) and the service
 * holding that module. no-cross-service-import, the test-harness check of rules/support/test-harness.ts and the reach
 * of one service into another's tables (service-reach.ts) all read it, so an import means the same service to each.
 *
 * Every file's specifiers come from the summary the facts cache keeps beside its facts (FactsSummary.imports), facts
 * at hand give their own: a warm one-file run that asks for the whole repository's imports (the cross-engine fallback
 * of table-resolver.ts, a service without tables asking whether only tests import it) decodes no cached facts.
 * Resolved once per run, on the first question that needs every file.
 */
import { factsSummary, type FileFacts } from '../analysis/facts.js';
import type { Service } from './model.js';
import type { ModuleResolver, ResolvedModule } from './module-resolver.js';

export interface ResolvedImport {
  specifier: string;
  /** Where the specifier points in the repository; undefined for packages and paths outside it. */
  target?: ResolvedModule;
  /** The service holding `target` (its file when the repository has it, else the path it names). */
  service?: Service;
}

/** A file's imports, each specifier once, resolved; with the service the file belongs to. */
export interface FileImports {
  path: string;
  owner?: Service;
  imports: readonly ResolvedImport[];
}

export interface ServiceImports {
  /** Where `specifier`, imported by `fromFile`, points and the service holding it. */
  resolve(fromFile: string, specifier: string): ResolvedImport;
  /** Every file of the run that imports something, in the run's order. */
  files(): readonly FileImports[];
}

/** The specifiers `file` imports, each once: from its facts summary when its facts are decoded on first read. */
export function importSpecifiers(file: Pick<FileFacts, 'script'>): readonly string[] {
  const summary = factsSummary(file);
  if (summary) return summary.imports ?? [];
  const imports = file.script?.imports;
  if (!imports || imports.length === 0) return [];
  return [...new Set(imports.map((fact) => fact.specifier))];
}

export function serviceImportsOf(
  files: readonly Pick<FileFacts, 'path' | 'script'>[],
  serviceOf: (path: string) => Service | undefined,
  modules: ModuleResolver,
): ServiceImports {
  const resolve = (fromFile: string, specifier: string): ResolvedImport => {
    const target = modules.resolve(fromFile, specifier);
    const service = target ? serviceOf(target.file ?? target.path) : undefined;
    return { specifier, ...(target ? { target } : {}), ...(service ? { service } : {}) };
  };
  let all: FileImports[] | undefined;
  const build = () => {
    const out: FileImports[] = [];
    for (const file of files) {
      const specifiers = importSpecifiers(file);
      if (specifiers.length === 0) continue;
      const owner = serviceOf(file.path);
      out.push({ path: file.path, ...(owner ? { owner } : {}), imports: specifiers.map((specifier) => resolve(file.path, specifier)) });
    }
    return out;
  };
  return { resolve, files: () => (all ??= build()) };
}
