/**
 * Which table an ORM symbol means where it is used (`getRepository(Order)`, `@InjectRepository(E)`,
 * `Invoice.findAll()`, `this.prismaService.invoice.findMany()`), and whose definition it is.
 *
 * The symbol is followed through its import to the module that declares it — a relative path,
 * a barrel, an alias (`Address as OrderAddress`), a tsconfig path alias — so two services' classes
 * named alike each resolve to their own. A Prisma delegate belongs to the schema of the service
 * its client comes from. Only when the import leads nowhere in the repository (a package, a
 * dynamic registry) is the symbol looked up by name: the using service's own definition first,
 * else the only table the name ever maps to.
 */
import path from 'node:path';
import type { FileFacts, OrmEntityUse, Range } from '../analysis/facts.js';
import { spanToRange } from '../analysis/text.js';
import type { Service } from './model.js';
import type { ModuleResolver } from './module-resolver.js';

export interface EntityDefinition {
  library: string;
  symbol: string;
  table: string;
  qualifier?: string;
  file: string;
  range: Range;
  service?: Service;
}

export interface EntityResolution {
  definition: EntityDefinition;
  /** The import in the using file that led to the definition, when it did. */
  import?: { file: string; range: Range; specifier: string };
}

export type EntityResolver = (file: FileFacts, use: OrmEntityUse) => EntityResolution | undefined;

const lower = (s: string) => s.toLowerCase();

export function createEntityResolver(
  files: readonly FileFacts[],
  serviceOf: (path: string) => Service | undefined,
  modules: ModuleResolver,
): EntityResolver {
  /** Entity / model / table-object definitions by file, and by lower-cased symbol. */
  const byFile = new Map<string, EntityDefinition[]>();
  const bySymbol = new Map<string, EntityDefinition[]>();
  /** Prisma models by lower-cased model name (the delegate is the model name, first letter lower-cased). */
  const prismaByModel = new Map<string, EntityDefinition[]>();
  const add = <K>(map: Map<K, EntityDefinition[]>, key: K, definition: EntityDefinition) => {
    const list = map.get(key);
    if (list) list.push(definition);
    else map.set(key, [definition]);
  };
  for (const file of files) {
    const service = serviceOf(file.path);
    for (const entity of file.script?.ormEntities ?? []) {
      const definition: EntityDefinition = {
        library: entity.library,
        symbol: entity.symbol,
        table: entity.table,
        qualifier: entity.qualifier,
        file: file.path,
        range: spanToRange(file.lineStarts, entity.fileSpan),
        service,
      };
      add(byFile, file.path, definition);
      add(bySymbol, lower(entity.symbol), definition);
    }
    for (const model of file.prisma ?? []) {
      add(prismaByModel, lower(model.model), {
        library: 'prisma',
        symbol: model.model,
        table: model.table,
        qualifier: model.schema,
        file: file.path,
        range: spanToRange(file.lineStarts, model.span),
        service,
      });
    }
  }

  /** The one table `candidates` all map to (one definition standing for it), preferring `library`'s own definitions. */
  const single = (candidates: readonly EntityDefinition[], library: string): EntityDefinition | undefined => {
    const own = library === '*' ? candidates : candidates.filter((d) => d.library === library);
    const pool = own.length > 0 ? own : candidates;
    const tables = new Set(pool.map((d) => lower(`${d.qualifier ?? ''}.${d.table}`)));
    return tables.size === 1 ? pool[0] : undefined;
  };

  /** By name alone: the using service's definition first, else the only table the name maps to. */
  const byName = (candidates: readonly EntityDefinition[], library: string, service: Service | undefined) => {
    const own = candidates.filter((d) => d.service === service);
    return single(own.length > 0 ? own : candidates, library);
  };

  /** Definitions of `name` in the module an import resolved to: the file itself, else its folder, else its service. */
  const inModule = (target: { path: string; file?: string }, name: string, candidates: readonly EntityDefinition[], library: string) => {
    if (target.file) {
      const inFile = (byFile.get(target.file) ?? []).filter((d) => lower(d.symbol) === name);
      const found = single(inFile, library);
      if (found) return found;
    }
    // A barrel (`entities/index.ts`) or a folder re-exporting its entities: the definitions below it.
    const folder = target.file && !/(?:^|\/)index\.[cm]?[jt]sx?$/.test(target.file) ? path.posix.dirname(target.file) : target.path;
    const below = candidates.filter((d) => folder === '' || d.file.startsWith(`${folder}/`));
    const found = single(below, library);
    if (found) return found;
    const service = serviceOf(target.file ?? target.path);
    return service
      ? single(
          candidates.filter((d) => d.service === service),
          library,
        )
      : undefined;
  };

  return (file, use) => {
    const service = serviceOf(file.path);
    const origin = use.origin;
    const target = origin ? modules.resolve(file.path, origin.specifier) : undefined;
    const imported =
      origin && target ? { file: file.path, range: spanToRange(file.lineStarts, origin.fileSpan), specifier: origin.specifier } : undefined;

    if (use.library === 'prisma') {
      const models = prismaByModel.get(lower(use.symbol)) ?? [];
      if (target) {
        // The client's module decides whose schema: the service it lies in (or the code outside every service).
        const clientService = serviceOf(target.file ?? target.path);
        const found = single(
          models.filter((d) => d.service === clientService),
          'prisma',
        );
        if (found) return { definition: found, import: imported };
      }
      const found = byName(models, 'prisma', service);
      return found ? { definition: found } : undefined;
    }

    const name = lower(use.symbol);
    const local = single(
      (byFile.get(file.path) ?? []).filter((d) => lower(d.symbol) === name),
      use.library,
    );
    if (local) return { definition: local };
    if (origin && target) {
      const importedName = origin.imported === 'default' || origin.imported === '*' ? name : lower(origin.imported);
      const found = inModule(target, importedName, bySymbol.get(importedName) ?? [], use.library);
      if (found) return { definition: found, import: imported };
    }
    const found = byName(
      bySymbol.get(origin && origin.imported !== 'default' && origin.imported !== '*' ? lower(origin.imported) : name) ?? [],
      use.library,
      service,
    );
    return found ? { definition: found } : undefined;
  };
}
