/**
 * Facts as the in-memory caches keep them (the language server's, and the one `diff` shares
 * between a pull request's two states): without the text, which the run re-reads anyway.
 */
import { factsFields, type FileFacts } from './facts.js';

export type StoredFacts = Omit<FileFacts, 'text'>;

export function storedFacts(facts: FileFacts): StoredFacts {
  return factsFields(facts);
}

/**
 * A copy of stored facts that the run may change where lint() changes facts it took from a
 * cache: re-analysing the SQL of a file in another dialect replaces `sql`, `embeddedAnalyses`,
 * `comments` and `secretSpans` (top-level, on this copy) and masks embedded SQL sites in place
 * and appends to `problems` — those are copied. Everything else is shared and only read
 * (test/analysis/shared-facts-cache.test.ts runs both states over deeply frozen facts).
 */
export function reusableFacts(stored: StoredFacts): StoredFacts {
  const script = stored.script && { ...stored.script, embeddedSql: stored.script.embeddedSql.map((site) => ({ ...site })) };
  return { ...stored, problems: [...stored.problems], ...(script ? { script } : {}) };
}
