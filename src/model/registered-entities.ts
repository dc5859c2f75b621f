/**
 * Tables of entities that shared code defines (an Nx `libs/database`, a `packages/entities`
 * folder that is no service) belong to the services that register those entities with their ORM
 * connection (`entities: [Order]`, `TypeOrmModule.forFeature([Order])`, or by path:
 * `entities: ['dist/libs/db/**\/*.entity.js']`, also in an `ormconfig.json` / `ormconfig.yml`): with `synchronize` or
 * its own migrations tool, that service's database is where the table lives.
 *
 * This is the weakest ownership evidence, so it applies only to a table no service otherwise
 * declares: when a service's migration, schema file or own entity creates the table, or the
 * config claims it, a registration elsewhere is how another service reads it, not ownership.
 * An entity that a service defines itself is that service's already; registering another
 * service's entity never makes it one's own.
 */
import path from 'node:path';
import type { FileFacts, OrmEntityGlob, Span } from '../analysis/facts.js';
import { compileGlobs, GlobSyntaxError, hasGlobSyntax, trimFolderPattern, type GlobMatcher } from '../config/glob.js';
import { spanToRange } from '../analysis/text.js';
import type { EntityResolver } from './entity-resolver.js';
import type { Service, TableDeclaration } from './model.js';
import { ownQualifier } from './table-names.js';

export interface RegistrationContext {
  serviceOf(path: string): Service | undefined;
  entities: EntityResolver;
  /** True when a service's own DDL or entity, SQL outside the services, or a config claim declares `table` (in any database). */
  declaredElsewhere(table: string): boolean;
  /** The database the service's ORM tables live in, when only one candidate exists. */
  soleDatabase(service: Service): string | undefined;
}

/** Per registering service, one declaration per table of a shared entity it registers (its first registration, in path order). */
export function registeredSharedTables(files: readonly FileFacts[], context: RegistrationContext): Map<Service, TableDeclaration[]> {
  const result = new Map<Service, TableDeclaration[]>();
  const seen = new Set<string>();
  const add = (service: Service, entity: { table: string; qualifier?: string }, file: FileFacts, span: Span) => {
    const { table, qualifier } = entity;
    const database = ownQualifier(qualifier) ?? context.soleDatabase(service);
    const key = `${service.name}\0${(database ?? '').toLowerCase()}\0${table.toLowerCase()}`;
    if (seen.has(key) || context.declaredElsewhere(table)) return;
    seen.add(key);
    const declarations = result.get(service) ?? [];
    declarations.push({ table, database, file: file.path, range: spanToRange(file.lineStarts, span), via: 'orm' });
    result.set(service, declarations);
  };
  // Entity files outside every service, for registrations by path.
  const sharedEntityFiles = files.filter((f) => f.script?.ormEntities.length && !context.serviceOf(f.path));
  for (const file of files) {
    const script = file.script;
    // Globs come from connection options in code and from TypeORM's `ormconfig.json` / `ormconfig.yml`.
    const globs = [...(script?.ormEntityGlobs ?? []), ...(file.ormConfig?.entityGlobs ?? [])];
    if (!script?.ormRegistrations && globs.length === 0) continue;
    const service = context.serviceOf(file.path);
    if (!service) continue;
    for (const registration of script?.ormRegistrations ?? []) {
      const found = context.entities(file, { ...registration, action: 'other' });
      if (found && !found.definition.service) add(service, found.definition, file, registration.fileSpan);
    }
    for (const glob of globs) {
      const matches = entityGlobMatcher(glob, file.path, service.roots);
      if (!matches) continue;
      for (const entityFile of sharedEntityFiles)
        if (matches(entityFile.path))
          for (const entity of entityFile.script!.ormEntities) if (!entity.mapsOnly) add(service, entity, file, glob.fileSpan);
    }
  }
  return result;
}

/** Build output folders a registered glob names, whose sources live under `src/` or beside them. */
const OUTPUT_SEGMENT = /(^|\/)(?:dist|build|out)\//;
const OUTPUT_EXTENSION: Record<string, string> = { '.js': '.ts', '.mjs': '.mts', '.cjs': '.cts' };

/**
 * The source files an `entities` glob registers, as a matcher of repo-relative paths: read from
 * the registering file's folder (`__dirname`), or from the working directory (the service's folder,
 * or the repository root where a monorepo tool runs every app from there); a build output folder
 * in it (`dist/`) stands for `src/` or for the folder itself, a `.js` extension for `.ts`.
 */
export function entityGlobMatcher(glob: OrmEntityGlob, file: string, roots: readonly string[]): GlobMatcher | undefined {
  const bases =
    glob.relativeTo === 'file'
      ? [path.posix.dirname(file)]
      : [...roots.map(trimFolderPattern).filter((r) => r !== '' && r !== '.' && !hasGlobSyntax(r)), '.'];
  const patterns = new Set<string>();
  for (const base of bases) {
    const joined = path.posix.normalize(path.posix.join(base, glob.pattern));
    if (joined.startsWith('../') || joined === '..') continue;
    const sources = [joined];
    if (OUTPUT_SEGMENT.test(joined)) sources.push(joined.replace(OUTPUT_SEGMENT, '$1src/'), joined.replace(OUTPUT_SEGMENT, '$1'));
    for (const source of sources) {
      // From the repository root, a glob must name a folder first: `**/*.entity.ts` there would register every service's entities.
      if (base === '.' && hasGlobSyntax(source.split('/')[0])) continue;
      patterns.add(source);
      const ext = /\.[cm]?js$/.exec(source)?.[0];
      if (ext) patterns.add(source.slice(0, -ext.length) + OUTPUT_EXTENSION[ext]);
    }
  }
  if (patterns.size === 0) return undefined;
  try {
    return compileGlobs([...patterns]);
  } catch (error) {
    if (error instanceof GlobSyntaxError) return undefined; // a glob TypeORM's engine reads but ours cannot: registers nothing
    throw error;
  }
}
