/**
 * Facts kept in memory across several runs of one process, so that two states of a repository
 * (a pull request's base and head, `nilecare-lint diff`) analyse each distinct file content
 * once: a file the change did not touch has the same path and hash in both states, and its facts
 * are the same object, neither parsed nor decoded again.
 *
 * Entries are keyed by the settings digest lint() prepares (what the extractors read of the
 * config: SQL callees, secret names), path and content hash, so a change to the config between the
 * states never hands one state facts analysed under the other's settings (each file's SQL is
 * checked against the dialects its state decided). In front of an optional persistent cache
 * (`--cache`): a memory miss asks it, and what a run analyses is stored in both.
 */
import type { FactsCache } from './facts-cache.js';
import type { FileStamp } from '../io/file-stamp.js';
import { reusableFacts, storedFacts, type StoredFacts } from './stored-facts.js';
import { newSecretKey, type SecretKey } from './secrets.js';

export class SharedFactsMemory {
  /** Settings digest → `path\0hash` → facts. The digest (the whole config) is long: hashed once per run, not per file. */
  private readonly bySettings = new Map<string, Map<string, StoredFacts>>();
  hits = 0;

  /**
   * `secretKey`: the key every run fingerprints secrets with (the persistent cache's, when one is
   * used), so that "the same value elsewhere" matches across files analysed in different runs.
   */
  constructor(readonly secretKey: SecretKey = newSecretKey()) {}

  /** A cache for one run: this memory, then `behind` (the persistent cache) when given. */
  cache(behind?: FactsCache): FactsCache {
    let entries = new Map<string, StoredFacts>();
    const hit = () => this.hits++;
    const settingsEntries = (digest: string) => {
      const found = this.bySettings.get(digest) ?? new Map<string, StoredFacts>();
      this.bySettings.set(digest, found);
      return found;
    };
    return {
      secretKey: this.secretKey,
      notices: behind?.notices,
      warnings: behind?.warnings,
      prepare(digest, listing) {
        entries = settingsEntries(digest);
        behind?.prepare?.(digest, listing);
      },
      get(path, hash, stamp) {
        const key = `${path}\0${hash}`;
        const stored = entries.get(key);
        if (stored) {
          hit();
          return reusableFacts(stored);
        }
        const found = behind?.get(path, hash, stamp);
        if (found) entries.set(key, found);
        return found && reusableFacts(found);
      },
      // The persistent cache's stamps, as lint --cache uses them: an unchanged file is neither read
      // nor hashed. Its facts carry the hash they were stored under, which is how a later state's
      // run finds them here.
      ...(behind?.getUnchanged && {
        getUnchanged(path: string, stamp: FileStamp) {
          const found = behind.getUnchanged?.(path, stamp);
          if (found && found.hash !== '') entries.set(`${path}\0${found.hash}`, found);
          return found && reusableFacts(found);
        },
      }),
      set(facts, stamp, references) {
        entries.set(`${facts.path}\0${facts.hash}`, storedFacts(facts));
        behind?.set(facts, stamp, references);
      },
    };
  }
}
