/**
 * Which table an ORM symbol means where it is used (`getRepository(Order)`, `@InjectRepository(E)`,
 * `Invoice.findAll()`, `this.prismaService.invoice.findMany()`), and whose definition it is.
 *
 * The symbol is followed through its import to the module that declares it — a relative path,
 * a barrel and its re-exports (renamed, `export * as ns`), an alias (`Address as OrderAddress`), a
 * tsconfig path alias, a workspace package by name — so two services' classes
 * named alike each resolve to their own. A Prisma delegate belongs to the schema of the service
 * its client comes from. Only when the import leads nowhere in the repository (a package, a
 * dynamic registry) is the symbol looked up by name: the using service's own definition first,
 * else the only table the name ever maps to.
 */
import path from 'node:path';
import type { FileFacts, OrmEntityUse, OrmRelationDef, Range, Span } from '../analysis/facts.js';
import { spanToRange } from '../analysis/text.js';
import type { Service } from './model.js';
import type { ModuleResolver, ResolvedModule } from './module-resolver.js';

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

/** A custom repository class bound to an entity (`@EntityRepository(User) class UserRepository`). */
export interface RepositoryAlias {
  symbol: string;
  entity: string;
  origin?: OrmEntityUse['origin'];
  /** Where `origin`'s import is in `file`. */
  originRange?: Range;
  file: string;
  service?: Service;
}

/** A relation a model declares, with where. */
export interface Relation extends OrmRelationDef {
  file: string;
  service?: Service;
  /** The relation's name in `file`. */
  range: Range;
  /** Where `targetOrigin`'s import is in `file`. */
  targetOriginRange?: Range;
}

/**
 * What entity resolution reads of a run, as plain data: every ORM entity, custom repository, model
 * relation and Prisma model with its file, range and service, and each module's re-exports.
 */
export interface EntityIndex {
  definitions: EntityDefinition[];
  repositories: RepositoryAlias[];
  prismaModels: EntityDefinition[];
  relations: Relation[];
  reexports: Array<[path: string, reexports: NonNullable<NonNullable<FileFacts['script']>['reexports']>]>;
}

/** The file a symbol is used in, as resolution reads it: its path, where a use's import is, and (for relations on a variable) its imports. */
interface UsingFile {
  path: string;
  originRange?: Range;
  imports?: NonNullable<FileFacts['script']>['imports'];
}

/** Anything found by symbol: its file and service, and what makes two of them the same thing. */
interface Located {
  symbol: string;
  file: string;
  service?: Service;
}

class SymbolIndex<T extends Located> {
  readonly byFile = new Map<string, T[]>();
  readonly bySymbol = new Map<string, T[]>();
  add(item: T): void {
    for (const [map, key] of [
      [this.byFile, item.file],
      [this.bySymbol, lower(item.symbol)],
    ] as const) {
      const list = map.get(key);
      if (list) list.push(item);
      else map.set(key, [item]);
    }
  }
}

const lower = (s: string) => s.toLowerCase();
/** How many re-exports deep an import is followed (barrel of barrels of …). */
const MAX_REEXPORT_DEPTH = 8;
const isName = (imported: string) => imported !== 'default' && imported !== '*';

/** Every file's ORM definitions, repositories, relations, Prisma models and re-exports, located. */
export function entityIndexOf(files: readonly FileFacts[], serviceOf: (path: string) => Service | undefined): EntityIndex {
  const index: EntityIndex = { definitions: [], repositories: [], prismaModels: [], relations: [], reexports: [] };
  for (const file of files) {
    const script = file.script;
    if (script?.reexports) index.reexports.push([file.path, script.reexports]);
    if (!script?.ormEntities.length && !script?.ormRepositories?.length && !script?.ormRelations?.length && !file.prisma?.length) continue;
    const service = serviceOf(file.path);
    const rangeOf = (span: Span) => spanToRange(file.lineStarts, span);
    for (const relation of script?.ormRelations ?? [])
      index.relations.push({
        ...relation,
        file: file.path,
        service,
        range: rangeOf(relation.fileSpan),
        ...(relation.targetOrigin ? { targetOriginRange: rangeOf(relation.targetOrigin.fileSpan) } : {}),
      });
    for (const entity of script?.ormEntities ?? []) {
      index.definitions.push({
        library: entity.library,
        symbol: entity.symbol,
        table: entity.table,
        qualifier: entity.qualifier,
        file: file.path,
        range: rangeOf(entity.fileSpan),
        service,
      });
    }
    for (const repository of script?.ormRepositories ?? [])
      index.repositories.push({
        ...repository,
        file: file.path,
        service,
        ...(repository.origin ? { originRange: rangeOf(repository.origin.fileSpan) } : {}),
      });
    for (const model of file.prisma ?? []) {
      index.prismaModels.push({
        library: 'prisma',
        symbol: model.model,
        table: model.table,
        qualifier: model.schema,
        file: file.path,
        range: rangeOf(model.span),
        service,
      });
    }
  }
  return index;
}

export function createEntityResolver(
  files: readonly FileFacts[],
  serviceOf: (path: string) => Service | undefined,
  modules: ModuleResolver,
): EntityResolver {
  return entityResolverOf(entityIndexOf(files, serviceOf), serviceOf, modules);
}

/** Resolves uses from the index alone: no other file's facts are read. */
export function entityResolverOf(
  index: EntityIndex,
  serviceOf: (path: string) => Service | undefined,
  modules: ModuleResolver,
): EntityResolver {
  const definitions = new SymbolIndex<EntityDefinition>();
  const repositories = new SymbolIndex<RepositoryAlias>();
  /** Prisma models by lower-cased model name (the delegate is the model name, first letter lower-cased). */
  const prismaByModel = new Map<string, EntityDefinition[]>();
  /** Re-exports by module path, for imports through barrels (`export { Patient as PatientEntity } from …`). */
  const reexportsOf = new Map(index.reexports);
  /** Model relations by name (Lucid `@hasMany(() => X) declare name`, Objection `relationMappings.name`). */
  const relationsByName = new Map<string, Relation[]>();
  for (const relation of index.relations) {
    const list = relationsByName.get(relation.name);
    if (list) list.push(relation);
    else relationsByName.set(relation.name, [relation]);
  }
  for (const definition of index.definitions) definitions.add(definition);
  for (const repository of index.repositories) repositories.add(repository);
  for (const definition of index.prismaModels) {
    const key = lower(definition.symbol);
    prismaByModel.set(key, [...(prismaByModel.get(key) ?? []), definition]);
  }

  /** The one table `candidates` all map to (one definition standing for it), preferring `library`'s own definitions. */
  const singleDefinition = (candidates: readonly EntityDefinition[], library: string): EntityDefinition | undefined => {
    const own = library === '*' ? candidates : candidates.filter((d) => d.library === library);
    const pool = own.length > 0 ? own : candidates;
    const tables = new Set(pool.map((d) => lower(`${d.qualifier ?? ''}.${d.table}`)));
    return tables.size === 1 ? pool[0] : undefined;
  };
  const singleRepository = (candidates: readonly RepositoryAlias[]): RepositoryAlias | undefined =>
    candidates.length === 1 ? candidates[0] : undefined;

  /**
   * What module `file` exports as `name` (lower-cased; `entities.patient` for a member of an
   * exported namespace), in `index`: its own declarations, else through its re-exports — renamed
   * (`export { Patient as PatientEntity } from`), namespaces (`export * as entities from`) and
   * `export * from` — to the file declaring it. Chains are followed a few modules deep.
   */
  const exportedBy = <T extends Located>(index: SymbolIndex<T>, file: string, name: string, depth = 0): T[] => {
    if (depth > MAX_REEXPORT_DEPTH) return [];
    const dot = name.indexOf('.');
    const head = dot < 0 ? name : name.slice(0, dot);
    const rest = dot < 0 ? undefined : name.slice(dot + 1);
    if (rest === undefined) {
      const own = (index.byFile.get(file) ?? []).filter((d) => lower(d.symbol) === head);
      if (own.length > 0) return own;
    }
    for (const reexport of reexportsOf.get(file) ?? []) {
      const exported = lower(reexport.exported);
      if (exported !== '*' && exported !== head) continue;
      const target = reexport.specifier === undefined ? file : modules.resolve(file, reexport.specifier)?.file;
      if (!target) continue;
      let next: string | undefined;
      if (exported === '*')
        next = reexport.specifier === undefined ? undefined : name; // `export * from` passes every name on
      else if (reexport.imported === '*')
        next = rest; // `export * as entities from`: the member is the module's export
      else next = rest === undefined ? lower(reexport.imported) : `${lower(reexport.imported)}.${rest}`;
      if (next === undefined || (target === file && next === name)) continue;
      const found = exportedBy(index, target, next, depth + 1);
      if (found.length > 0) return found;
    }
    return [];
  };

  /**
   * Where `use` (in `file`) finds what its symbol names, in `index`: a declaration in the file itself;
   * else through its import, in the file the import resolves to, else below that module's folder (a
   * barrel), else in that module's service; else, when the import leads nowhere in the repository,
   * by name — the using service's own first, else the only one.
   */
  const lookup = <T extends Located>(
    index: SymbolIndex<T>,
    single: (candidates: readonly T[]) => T | undefined,
    file: UsingFile,
    use: Pick<OrmEntityUse, 'symbol' | 'origin'>,
    target: ResolvedModule | undefined,
  ): { found: T; viaImport: boolean } | undefined => {
    const name = lower(use.symbol);
    const local = single((index.byFile.get(file.path) ?? []).filter((d) => lower(d.symbol) === name));
    if (local) return { found: local, viaImport: false };
    const origin = use.origin;
    const importedName = origin && isName(origin.imported) ? lower(origin.imported) : name;
    // A member of an imported namespace (`entities.patient`) is declared under the member's name.
    const declaredName = importedName.slice(importedName.lastIndexOf('.') + 1);
    const candidates = index.bySymbol.get(declaredName) ?? [];
    if (target) {
      if (target.file) {
        const found = single(exportedBy(index, target.file, importedName));
        if (found) return { found, viaImport: true };
      }
      // A barrel's folder (`entities/index.ts`, whether the specifier named the folder or the file), or the module's siblings.
      const folder = target.file ? path.posix.dirname(target.file) : target.path;
      const below = single(candidates.filter((d) => folder === '' || d.file.startsWith(`${folder}/`)));
      if (below) return { found: below, viaImport: true };
      const targetService = serviceOf(target.file ?? target.path);
      const inService = targetService ? single(candidates.filter((d) => d.service === targetService)) : undefined;
      if (inService) return { found: inService, viaImport: true };
    }
    const service = serviceOf(file.path);
    const own = candidates.filter((d) => d.service === service);
    const found = single(own.length > 0 ? own : candidates);
    return found ? { found, viaImport: false } : undefined;
  };

  /** The one table the relations in `pool` lead to: each relation's model, resolved as its own file imports it, or the table its join names. */
  const relationTarget = (pool: readonly Relation[], use: OrmEntityUse, depth: number): EntityDefinition | undefined => {
    const targets: EntityDefinition[] = [];
    for (const relation of pool) {
      if (relation.target !== undefined) {
        const found = resolve(
          { path: relation.file, originRange: relation.targetOriginRange },
          { library: '*', symbol: relation.target, origin: relation.targetOrigin, action: use.action, fileSpan: use.fileSpan },
          depth + 1,
        );
        if (found) targets.push(found.definition);
      } else if (relation.table !== undefined) {
        targets.push({
          library: relation.library,
          symbol: `${relation.owner}.${relation.name}`,
          table: relation.table,
          qualifier: relation.qualifier,
          file: relation.file,
          range: relation.range,
          service: relation.service,
        });
      }
    }
    return targets.length > 0 ? singleDefinition(targets, '*') : undefined;
  };

  /** Files `file` imports, resolved (for a relation used on a variable: the models the file can hold instances of). */
  const importedFiles = (file: UsingFile): Set<string> => {
    const out = new Set<string>();
    for (const imported of file.imports ?? []) {
      const target = modules.resolve(file.path, imported.specifier)?.file;
      if (target) out.add(target);
    }
    return out;
  };

  /**
   * A relation's use (`this.related('variants')`, `Person.relatedQuery('pets')`, `order.related('lines')`):
   * the related model's table. With the model known, its own relation of that name; else that relation
   * of a model the file declares or imports, else of its own service's models, when they agree on one
   * table. A static `relatedQuery` whose relation is not found stays a use of its model, as it was read before.
   */
  const resolveRelation = (file: UsingFile, use: OrmEntityUse & { relation: string }, depth: number): EntityResolution | undefined => {
    const named = relationsByName.get(use.relation) ?? [];
    if (use.symbol !== '*') {
      const owner = resolve(
        file,
        { library: use.library, symbol: use.symbol, origin: use.origin, action: use.action, fileSpan: use.fileSpan },
        depth + 1,
      );
      const own = owner
        ? named.filter((r) => r.file === owner.definition.file && lower(r.owner) === lower(owner.definition.symbol))
        : named.filter((r) => r.file === file.path && lower(r.owner) === lower(use.symbol));
      const target = relationTarget(own, use, depth);
      if (target) return { definition: target, import: owner?.import };
      return owner;
    }
    const imported = importedFiles(file);
    const seen = named.filter((r) => r.file === file.path || imported.has(r.file));
    const service = serviceOf(file.path);
    const pool = seen.length > 0 ? seen : named.filter((r) => service !== undefined && r.service === service);
    const target = relationTarget(pool, use, depth);
    return target ? { definition: target } : undefined;
  };

  const resolve = (file: UsingFile, use: OrmEntityUse, depth: number): EntityResolution | undefined => {
    if (use.relation !== undefined)
      return depth > MAX_REEXPORT_DEPTH ? undefined : resolveRelation(file, { ...use, relation: use.relation }, depth);
    const origin = use.origin;
    const target = origin ? modules.resolve(file.path, origin.specifier) : undefined;
    const imported =
      origin && target && file.originRange ? { file: file.path, range: file.originRange, specifier: origin.specifier } : undefined;

    if (use.library === 'prisma') {
      const models = prismaByModel.get(lower(use.symbol)) ?? [];
      if (target) {
        // The client's module decides whose schema: the service it lies in (or the code outside every service).
        const clientService = serviceOf(target.file ?? target.path);
        const found = singleDefinition(
          models.filter((d) => d.service === clientService),
          'prisma',
        );
        if (found) return { definition: found, import: imported };
      }
      const service = serviceOf(file.path);
      const own = models.filter((d) => d.service === service);
      const found = singleDefinition(own.length > 0 ? own : models, 'prisma');
      return found ? { definition: found } : undefined;
    }

    const definition = lookup(definitions, (c) => singleDefinition(c, use.library), file, use, target);
    if (definition) return { definition: definition.found, import: definition.viaImport ? imported : undefined };
    // A custom repository stands for its entity, as its own file imports it.
    const repository = depth === 0 ? lookup(repositories, singleRepository, file, use, target) : undefined;
    if (!repository) return undefined;
    const { entity, origin: entityOrigin, originRange } = repository.found;
    const found = resolve({ path: repository.found.file, originRange }, { ...use, symbol: entity, origin: entityOrigin }, depth + 1);
    return found ? { definition: found.definition, import: repository.viaImport ? imported : found.import } : undefined;
  };

  return (file, use) =>
    resolve(
      {
        path: file.path,
        originRange: use.origin && spanToRange(file.lineStarts, use.origin.fileSpan),
        imports: file.script?.imports,
      },
      use,
      0,
    );
}
