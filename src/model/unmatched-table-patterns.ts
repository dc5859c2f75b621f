/**
 * `services[].tables` entries that match no table of the repository: a claim on nothing, usually a
 * typo (`invoice` for `invoices`), after which ownership silently falls back to inference. Each is
 * named with the closest table name, as a mistyped rule id or service name is.
 */
import { factsSummary } from '../analysis/facts.js';
import { namedTables } from '../analysis/facts-summary.js';
import type { NilecareConfig } from '../config/schema.js';
import { closestName } from '../config/closest-name.js';
import { compileGlob, hasGlobSyntax } from '../config/glob.js';
import type { ProjectModel } from './model.js';
import { runsOnMongo } from './document-collections.js';

export interface UnmatchedTablePattern {
  /** Where the entry is in the config: `['services', i, 'tables', j]`. */
  keyPath: Array<string | number>;
  pattern: string;
  service: string;
  /** The known table name closest to an exact pattern, when one is close. */
  closest?: string;
  /** The service runs on MongoDB: the entry likely names a collection, which is no table the linter reads. */
  mongo?: true;
}

/**
 * Every table name the repository declares or names in a query, lower-cased. Each file's names come from its facts
 * summary when its facts are decoded on first read: a warm one-file run under a config with `tables` decodes none.
 */
export function knownTableNames(model: ProjectModel): Set<string> {
  const names = new Set<string>();
  const add = (name: string) => names.add(name.toLowerCase());
  for (const service of model.services) for (const declaration of service.createdTables) add(declaration.table);
  for (const declaration of model.declarationsOutsideServices) add(declaration.table);
  for (const file of model.files) {
    const summary = factsSummary(file);
    for (const name of summary ? (summary.namedTables ?? []) : namedTables(file)) names.add(name);
  }
  return names;
}

/** The configured `tables` patterns no known table name matches (qualified patterns by their table part). */
export function unmatchedTablePatterns(config: NilecareConfig, model: ProjectModel): UnmatchedTablePattern[] {
  const entries = (config.services ?? []).flatMap((service, i) =>
    (service.tables ?? []).map((pattern, j) => ({ service: service.name, pattern, i, j })),
  );
  if (entries.length === 0) return [];
  const known = knownTableNames(model);
  const unmatched: UnmatchedTablePattern[] = [];
  const mongo = new Map<string, boolean>();
  const onMongo = (name: string): boolean => {
    if (!mongo.has(name)) {
      const service = model.serviceByName(name);
      mongo.set(
        name,
        service !== undefined &&
          runsOnMongo(
            service,
            model.files.filter((f) => model.serviceOf(f.path) === service),
          ),
      );
    }
    return mongo.get(name)!;
  };
  for (const { service, pattern, i, j } of entries) {
    const dot = pattern.indexOf('.');
    const table = (dot > 0 ? pattern.slice(dot + 1) : pattern).toLowerCase();
    const glob = hasGlobSyntax(table);
    const match = glob ? compileGlob(table) : (name: string) => name === table;
    if (anyOf(known, match)) continue;
    const closest = glob ? undefined : closestName(table, known);
    unmatched.push({
      keyPath: ['services', i, 'tables', j],
      pattern,
      service,
      ...(closest ? { closest } : {}),
      ...(onMongo(service) ? { mongo: true as const } : {}),
    });
  }
  return unmatched;
}

function anyOf(names: ReadonlySet<string>, match: (name: string) => boolean): boolean {
  for (const name of names) if (match(name)) return true;
  return false;
}
