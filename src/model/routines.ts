/**
 * Stored routines and who owns them. A `CREATE PROCEDURE` / `CREATE FUNCTION` in a service's schema (its
 * migrations and schema files, SQL embedded in its migration code) declares a routine of that service: a schema
 * object over its tables, as a view is. A service calling another's procedure (`CALL sp_x(…)`) depends on that
 * service's database exactly as a query of its tables does. Routines in a service's tests, scripts, docs or fixtures
 * (schema-stubs.ts) and outside every service own nothing. A name no service declares is no finding: a routine is
 * not a table, and the repository need not declare every routine its databases hold (a DBA's, an extension's).
 */
import type { FileFacts, Range, SqlAnalysis } from '../analysis/facts.js';
import { sqlLocator } from '../analysis/locate.js';
import type { Service } from './model.js';
import { stubKindOf } from './schema-stubs.js';

export interface RoutineDeclaration {
  /** The routine's name as written (bare). */
  name: string;
  qualifier?: string;
  service: Service;
  file: string;
  range: Range;
}

export type RoutineResolution =
  | { kind: 'own' }
  | { kind: 'owned'; owner: Service; declaration: RoutineDeclaration }
  | { kind: 'ambiguous'; owners: Array<{ service: Service; declaration: RoutineDeclaration }> }
  | { kind: 'unknown' };

/** Resolves a called routine as seen from the calling service (undefined: code outside every service). */
export type RoutineResolver = (call: { name: string; qualifier?: string }, from: Service | undefined) => RoutineResolution;

export function createRoutineResolver(files: readonly FileFacts[], serviceOf: (path: string) => Service | undefined): RoutineResolver {
  return routineResolverOf(routineDeclarationsOf(files, serviceOf));
}

/** The routines each service's schema declares, in file order. */
export function routineDeclarationsOf(files: readonly FileFacts[], serviceOf: (path: string) => Service | undefined): RoutineDeclaration[] {
  const declarations: RoutineDeclaration[] = [];
  const declare = (file: FileFacts, service: Service, analysis: SqlAnalysis, index?: number): void => {
    const locate = sqlLocator(file, index === undefined ? undefined : file.script?.embeddedSql[index]);
    for (const statement of analysis.statements)
      for (const routine of statement.routines ?? [])
        declarations.push({
          name: routine.name,
          ...(routine.qualifier !== undefined ? { qualifier: routine.qualifier } : {}),
          service,
          file: file.path,
          range: locate(routine.span),
        });
  };
  for (const file of files) {
    if (!file.sql && !file.embeddedAnalyses) continue;
    const service = serviceOf(file.path);
    if (!service || stubKindOf(file.path, service) !== undefined) continue;
    if (file.sql) declare(file, service, file.sql);
    file.embeddedAnalyses?.forEach((analysis, index) => {
      if (analysis) declare(file, service, analysis, index);
    });
  }
  return declarations;
}

export function routineResolverOf(declarations: readonly RoutineDeclaration[]): RoutineResolver {
  const byName = new Map<string, RoutineDeclaration[]>();
  for (const declaration of declarations) {
    const key = declaration.name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), declaration]);
  }
  return (call, from) => {
    const qualifier = call.qualifier?.toLowerCase();
    const candidates = (byName.get(call.name.toLowerCase()) ?? []).filter(
      (d) => qualifier === undefined || d.qualifier === undefined || d.qualifier.toLowerCase() === qualifier,
    );
    if (candidates.length === 0) return { kind: 'unknown' };
    if (from && candidates.some((d) => d.service === from)) return { kind: 'own' };
    const owners = new Map<Service, RoutineDeclaration>();
    for (const d of candidates) if (!owners.has(d.service)) owners.set(d.service, d);
    if (owners.size === 1) {
      const [[owner, declaration]] = owners;
      return { kind: 'owned', owner, declaration };
    }
    return { kind: 'ambiguous', owners: [...owners].map(([service, declaration]) => ({ service, declaration })) };
  };
}
