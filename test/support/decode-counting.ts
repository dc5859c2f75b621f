/**
 * What the one-file path decodes (issue 16): a warm run's report stays the same when it reads every cached entry, so
 * the guards (test/e2e/cache-one-file-*.test.ts) count the entries decoded instead, over repositories on disk (stamps
 * need the disk).
 */
import { mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileFactsCache } from '../../src/analysis/facts-cache.js';
import { lazyFacts } from '../../src/analysis/facts-codec.js';
import { lint, type LintOptions } from '../../src/lint.js';

/** `files` in a new temporary folder named after `prefix`, every file modified long before a cache's save (trusted by its stamp). */
export function writtenStale(prefix: string, files: Record<string, string>): string {
  const cwd = mkdtempSync(path.join(tmpdir(), prefix));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(cwd, file)), { recursive: true });
    writeFileSync(path.join(cwd, file), text);
  }
  const then = new Date(Date.now() - 3_600_000);
  for (const entry of readdirSync(cwd, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) utimesSync(path.join(entry.parentPath, entry.name), then, then);
  return cwd;
}

/** The lazily decoded facts' class: its `decoded` is called by every field read, and decodes on the first. */
export const lazyClass = Object.getPrototypeOf(
  lazyFacts(
    'probe',
    'probe',
    { kind: 'other' },
    () => undefined,
    () => undefined,
  ),
) as { decoded(this: { path: string }): unknown };

/** A run with the cache at `location`, saved after it, and the paths whose cached facts it decoded. */
export async function countedRun(cwd: string, location: string, options: Partial<LintOptions> = {}) {
  const decoded = new Set<string>();
  const decode = lazyClass.decoded;
  lazyClass.decoded = function (this: { path: string }) {
    decoded.add(this.path);
    return decode.call(this);
  };
  try {
    const cache = FileFactsCache.open({ base: cwd, location, toolVersion: '1.0.0' });
    const run = await lint({ cwd, factsCache: cache, ...options });
    cache.save();
    return { run, cache, decoded: [...decoded].sort() };
  } finally {
    lazyClass.decoded = decode;
  }
}
