/**
 * The check of `--shard k/n` that test/robustness/shard.test.ts (the sample monorepo) and
 * test/e2e/shard-generated.test.ts (a generated repository) run: the shards of a run partition its
 * files, so the union of shards 1..n is the full run (same diagnostics, same fingerprints).
 */
import { expect } from 'vitest';
import { compareDiagnostics } from '../../src/engine/runner.js';
import type { Diagnostic } from '../../src/engine/types.js';
import { SharedFactsMemory } from '../../src/analysis/shared-facts-cache.js';
import type { SourceTree } from '../../src/io/source-tree.js';
import { lint, shardOf, type LintRun } from '../../src/lint.js';

const canonical = (diagnostics: readonly Diagnostic[]) => [...diagnostics].sort(compareDiagnostics).map((d) => JSON.stringify(d));

/** One full run per repository, shared by the cases that shard it differently. */
const fullRuns = new Map<string, Promise<LintRun>>();
/**
 * Per repository, the facts of its files, analysed by the first run and taken from memory by the
 * others (as `nilecare-lint diff` shares them between its two runs): what a shard selects and
 * reports is what is tested, not the analysis of each file, done once.
 */
const facts = new Map<string, SharedFactsMemory>();

/** Lints `where` whole and in `count` shards; `eachShard` checks each shard against the full run. */
export async function expectShardsPartitionTheRun(
  where: { cwd: string; tree?: SourceTree },
  count: number,
  eachShard?: (shard: LintRun, full: LintRun) => void,
): Promise<void> {
  const { cwd } = where;
  if (!facts.has(cwd)) facts.set(cwd, new SharedFactsMemory());
  const run = (shard?: { index: number; count: number }) => lint({ ...where, shard, factsCache: facts.get(cwd)!.cache() });
  if (!fullRuns.has(cwd)) fullRuns.set(cwd, run());
  const full = await fullRuns.get(cwd)!;
  expect(full.internalErrors).toEqual([]);
  expect(full.diagnostics.length).toBeGreaterThan(0);
  const union: Diagnostic[] = [];
  let filesLinted = 0;
  for (let index = 1; index <= count; index++) {
    const shard = await run({ index, count });
    expect(shard.internalErrors).toEqual([]);
    // Every diagnostic of a shard is on a file of that shard.
    for (const d of shard.diagnostics) expect(shardOf(d.file, count), d.file).toBe(index);
    eachShard?.(shard, full);
    union.push(...shard.diagnostics);
    filesLinted += shard.filesLinted;
  }
  expect(filesLinted).toBe(full.filesLinted);
  expect(canonical(union)).toEqual(canonical(full.diagnostics));
  expect(new Set(union.map((d) => d.fingerprint))).toEqual(new Set(full.diagnostics.map((d) => d.fingerprint)));
}
