/**
 * Databases whose names a connection computes at run time from the service it runs as: a shared
 * helper opens `new Pool({ database: `sg_${subgraph}` })` with the subgraph's name from the
 * environment, and the repository's SQL creates `sg_accounts`, `sg_products`, … (`\c sg_accounts`,
 * `USE sg_accounts`, `CREATE DATABASE sg_accounts`). Neither alone names a service's database: the
 * template leaves the name open, the script names no service.
 *
 * Together they do, for a service that names no database in its settings: when the template's
 * constant text around the service's own name (`sg_` + `accounts`) is a database the SQL
 * declares, the service connects to it. The template must be in the service's files or in a module
 * they import (the shared helper), and in connection settings. Nothing is guessed beyond that:
 * without a declared database of exactly that name the service stays without one.
 */
import type { FileFacts } from '../analysis/facts.js';
import { spanToRange } from '../analysis/text.js';
import { connectedDatabase, createdDatabase } from './current-database.js';
import { DATABASE_PROPERTIES, isConnectionProperty, kindFromCallee } from './database-settings.js';
import type { DatabaseConnection, Service } from './model.js';
import type { ModuleResolver } from './module-resolver.js';
import { isTestFile } from './paths.js';
import { serviceSnakeName } from './service-names.js';

export interface ComputedDatabasesInput {
  services: readonly Service[];
  files: readonly FileFacts[];
  serviceOf: (path: string) => Service | undefined;
  modules: ModuleResolver;
}

interface Template {
  file: FileFacts;
  prefix: string;
  suffix: string;
  property: NonNullable<FileFacts['script']>['configProperties'][number];
}

/**
 * Adds to each service without a relational database the ones its computed connection names.
 * Run after the services' settings are read (they win), before ownership is decided.
 */
export function assignComputedDatabases(input: ComputedDatabasesInput): void {
  const { services, files, serviceOf, modules } = input;
  const declared = declaredDatabases(files);
  if (declared.size === 0) return;
  const templates = new Map<string, Template[]>();
  for (const file of files) {
    const found = templatesOf(file);
    if (found.length > 0) templates.set(file.path, found);
  }
  if (templates.size === 0) return;
  const filesOf = new Map<Service, FileFacts[]>();
  for (const file of files) {
    const service = serviceOf(file.path);
    if (!service || isTestFile(file.path)) continue;
    const own = filesOf.get(service);
    if (own) own.push(file);
    else filesOf.set(service, [file]);
  }
  for (const service of services) {
    if (service.databases.some((d) => d.kind !== 'mongodb')) continue;
    const own = filesOf.get(service) ?? [];
    // The service's own templates, and those of the modules its files import (the shared helper).
    const reachable = new Set<string>();
    for (const file of own) {
      if (templates.has(file.path)) reachable.add(file.path);
      for (const imported of file.script?.imports ?? []) {
        const target = modules.resolve(file.path, imported.specifier)?.file;
        if (target && templates.has(target)) reachable.add(target);
      }
    }
    const names = nameVariants(service.name);
    const added = new Map<string, DatabaseConnection>();
    for (const path of [...reachable].sort()) {
      for (const template of templates.get(path)!) {
        for (const variant of names) {
          const database = declared.get(`${template.prefix}${variant}${template.suffix}`.toLowerCase());
          if (!database || added.has(database.toLowerCase())) continue;
          const kind = kindFromCallee(template.property.callee);
          added.set(database.toLowerCase(), {
            name: database,
            kind: kind === 'unknown' ? (service.dialect ?? 'unknown') : kind,
            sources: [
              {
                file: path,
                range: spanToRange(template.file.lineStarts, template.property.valueSpan),
                key: `${template.property.key} '${template.prefix}…${template.suffix}' for '${service.name}'`,
                origin: 'computed',
              },
            ],
          });
        }
      }
    }
    service.databases.push(...added.values());
  }
}

/** `database` options whose value is computed around one value, in connection settings of a file that is no test. */
function templatesOf(file: FileFacts): Template[] {
  const properties = file.script?.configProperties ?? [];
  if (isTestFile(file.path)) return [];
  return properties
    .filter((p) => p.computed && DATABASE_PROPERTIES.has(p.key) && p.path.length <= 1 && isConnectionProperty(p, properties))
    .map((property) => ({ file, property, prefix: property.computed!.prefix, suffix: property.computed!.suffix }));
}

/** How a service's name may stand in a database name: as written, without `-service`, snake_case. */
function nameVariants(name: string): string[] {
  const lower = name.toLowerCase();
  return [...new Set([lower, lower.replace(/[-_]?service$/, ''), serviceSnakeName(name)])].filter((v) => v !== '');
}

/** Databases the repository's SQL files create or connect to (`CREATE DATABASE x`, `USE x`, psql `\c x`), by lower-cased name. */
export function declaredDatabases(files: readonly FileFacts[]): Map<string, string> {
  const out = new Map<string, string>();
  const note = (name: string | undefined) => {
    if (name && !out.has(name.toLowerCase())) out.set(name.toLowerCase(), name);
  };
  for (const file of files) {
    if (!file.sql || isTestFile(file.path)) continue;
    for (const statement of file.sql.statements) {
      note(connectedDatabase(statement));
      note(createdDatabase(statement));
    }
  }
  return out;
}
