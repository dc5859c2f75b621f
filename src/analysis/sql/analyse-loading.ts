import type { Dialect, SqlAnalysis } from '../facts.js';
import { analyzeSql, analyzeSqlIfLoaded, initSqlParsers } from './index.js';

/**
 * Sets `analysis` on each request, loading libpg-query first when one is PostgreSQL, or once a
 * MySQL analysis turns out to need it. When it cannot load, the tolerant analysis stands (as
 * `analyzeSql` gives without it): the statements are still read from tokens.
 */
export async function analyseLoadingParsers(requests: Array<{ text: string; dialect: Dialect; analysis?: SqlAnalysis }>): Promise<void> {
  const load = (dialects: Dialect[]) => initSqlParsers(dialects).catch(() => {});
  if (requests.some((r) => r.dialect === 'postgresql')) await load(['postgresql']);
  const missing: typeof requests = [];
  for (const r of requests) {
    r.analysis = analyzeSqlIfLoaded(r.text, r.dialect);
    if (!r.analysis) missing.push(r);
  }
  if (missing.length === 0) return;
  await load(['postgresql']);
  for (const r of missing) r.analysis = analyzeSql(r.text, r.dialect);
}
