/**
 * Whether a file's SQL is CockroachDB's: where PostgreSQL's parser rejects a statement of it, CockroachDB's own syntax
 * (`DEFAULT current_timestamp()`, `DROP INDEX "t"@"idx" CASCADE`, `UPSERT INTO`) is read by tokens and counted, never a
 * parse error. The nearest engine name in the file's path below its service's root decides first, as it decides the
 * dialect (a multi-engine project's `migration/cockroachdb/` beside `migration/postgres/`, jackson's TypeORM migrations
 * generated once per engine): a folder named `cockroach` / `cockroachdb` says CockroachDB, a folder named for another
 * engine (`postgres/`) says not; a path naming no engine takes its service's evidence (cockroach-evidence.ts).
 */
import { isEngineWord } from '../analysis/engine-names.js';
import type { ServiceDialect } from './service-dialect.js';
import { pathBelowRoot } from './service-dialect.js';

const COCKROACH_WORD = /^cockroach(?:db)?\d*$/i;

/** The engine words of the nearest part of a path that has any (the file's name split at `.`, folders at `_ - .`), as pathEngine reads them. */
function nearestEngineWords(relative: string): string[] {
  const parts = relative.split('/').filter((part) => part.length > 0);
  for (let i = parts.length - 1; i >= 0; i--) {
    const words = i === parts.length - 1 ? parts[i].replace(/\.[^.]*$/, '').split('.') : parts[i].split(/[_.-]+/);
    const named = words.filter(isEngineWord);
    if (named.length > 0) return named;
  }
  return [];
}

/** Whether the file at `path` (repository-relative) holds CockroachDB's SQL: its path says so, or its service runs on CockroachDB. */
export function onCockroach(
  path: string,
  service: { roots: string[]; dialectDecision?: Pick<ServiceDialect, 'cockroach'> } | undefined,
): boolean {
  const named = nearestEngineWords(pathBelowRoot(path, service));
  if (named.length > 0) return named.every((word) => COCKROACH_WORD.test(word));
  return !!service?.dialectDecision?.cockroach;
}
