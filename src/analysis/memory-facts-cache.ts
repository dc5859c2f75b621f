/**
 * The facts cache of a long-lived process (the language server): path → facts of the content
 * last seen, in memory. A run re-reads every file but re-analyses only those whose content
 * changed, as `--cache` does across processes; nothing is written to disk, so there is nothing
 * for anyone else to forge. Entries of files a run no longer saw are dropped by `prune`.
 */
import type { FactsCache } from './facts-cache.js';
import type { FileFacts } from './facts.js';
import { reusableFacts, storedFacts, type StoredFacts } from './stored-facts.js';
import { newSecretKey, type SecretKey } from './secrets.js';

export class MemoryFactsCache implements FactsCache {
  private readonly entries = new Map<string, StoredFacts>();
  private readonly touched = new Set<string>();
  private settings: string | undefined;
  /** One key for the process's life: fingerprints of cached and fresh files must match. */
  readonly secretKey: SecretKey = newSecretKey();
  hits = 0;
  misses = 0;

  prepare(settings: string): void {
    // A new config or dialect setting changes what every file's facts are.
    if (settings !== this.settings) this.entries.clear();
    this.settings = settings;
    this.touched.clear();
  }

  get(file: string, hash: string): StoredFacts | undefined {
    this.touched.add(file);
    const stored = this.entries.get(file);
    if (!stored || stored.hash !== hash) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // The pipeline changes some of a file's facts in place (problems, embedded SQL sites): never the stored ones.
    return reusableFacts(stored);
  }

  set(facts: FileFacts): void {
    this.touched.add(facts.path);
    this.entries.set(facts.path, reusableFacts(storedFacts(facts)));
  }

  /** Drops the entries of files the last run did not read (deleted, renamed, now ignored). */
  prune(): void {
    for (const file of this.entries.keys()) if (!this.touched.has(file)) this.entries.delete(file);
  }

  get size(): number {
    return this.entries.size;
  }
}
