/**
 * `--shard k/n`: the shards of a run partition its files, so the union of shards 1..n is the
 * full run (same diagnostics, same fingerprints), and each shard's SARIF names its slice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareDiagnostics } from '../../src/engine/runner.js';
import type { Diagnostic } from '../../src/engine/types.js';
import { SharedFactsMemory } from '../../src/analysis/shared-facts-cache.js';
import type { SourceTree } from '../../src/io/source-tree.js';
import { lint, shardOf, type LintRun } from '../../src/lint.js';
import { generateMonorepo } from '../../bench/generate.js';
import { fixtureTree } from '../fixture-tree.js';
import { cli, repoRoot } from './helpers.js';

const sample = path.join(repoRoot, 'fixtures/sample-monorepo');
/** The sample's files as our checkout lists them, in memory: no `git ls-files` per run. */
const sampleTree = fixtureTree(sample);
let generated: string;

beforeAll(() => {
  generated = mkdtempSync(path.join(tmpdir(), 'nilecare-shard-'));
  generateMonorepo({ root: generated, tsFiles: 60, services: 5, seed: 7 });
});

afterAll(() => {
  rmSync(generated, { recursive: true, force: true });
});

const canonical = (diagnostics: readonly Diagnostic[]) => [...diagnostics].sort(compareDiagnostics).map((d) => JSON.stringify(d));

/** One full run per repository, shared by the cases that shard it differently. */
const fullRuns = new Map<string, Promise<LintRun>>();
/**
 * Per repository, the facts of its files, analysed by the first run and taken from memory by the
 * others (as `nilecare-lint diff` shares them between its two runs): what a shard selects and
 * reports is what is tested, not the analysis of each file, done once.
 */
const facts = new Map<string, SharedFactsMemory>();

async function expectShardsPartitionTheRun(
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

describe('--shard k/n', () => {
  it('the sample monorepo: the union of 3 shards is the full run', async () => {
    await expectShardsPartitionTheRun({ cwd: sampleTree.root, tree: sampleTree }, 3);
  });

  it('the sample monorepo: 1 shard is the full run, 7 shards (some empty) still partition it', async () => {
    await expectShardsPartitionTheRun({ cwd: sampleTree.root, tree: sampleTree }, 1);
    await expectShardsPartitionTheRun({ cwd: sampleTree.root, tree: sampleTree }, 7);
  });

  it('a generated repository: the union of 4 shards is the full run, and every shard gets a fair share', async () => {
    await expectShardsPartitionTheRun({ cwd: generated }, 4, (shard, full) => {
      expect(shard.filesLinted).toBeGreaterThan(full.filesLinted / 8);
      expect(shard.filesLinted).toBeLessThan(full.filesLinted / 2);
    });
  }, 60_000);

  it('SARIF of each shard carries its own automationDetails.id, and the shards add up to the full SARIF', async () => {
    const fullOut = await cli(['--cwd', sample, '--format', 'sarif']);
    const full = JSON.parse(fullOut.stdout);
    // A full run leaves the id to upload-sarif's category input.
    expect(full.runs[0].automationDetails).toBeUndefined();
    const fingerprints = (log: { runs: Array<{ results: Array<{ partialFingerprints?: Record<string, string>; ruleId: string }> }> }) =>
      log.runs[0].results.map((r) => `${r.ruleId} ${JSON.stringify(r.partialFingerprints ?? {})}`);
    const union: string[] = [];
    for (let index = 1; index <= 3; index++) {
      const outcome = await cli(['--cwd', sample, '--format', 'sarif', '--shard', `${index}/3`]);
      expect([0, 1]).toContain(outcome.code);
      const log = JSON.parse(outcome.stdout);
      expect(log.runs[0].automationDetails.id).toBe(`nilecare-lint/shard-${index}-of-3/`);
      union.push(...fingerprints(log));
    }
    expect(union.sort()).toEqual(fingerprints(full).sort());
  });

  it('a malformed --shard is a usage error (exit 2)', async () => {
    for (const value of ['0/3', '4/3', 'a/b', '1/0', '2']) {
      const outcome = await cli(['--cwd', sample, '--shard', value]);
      expect(outcome.code, value).toBe(2);
      expect(outcome.stderr).toMatch(/--shard/);
    }
  });

  it('shard assignment is stable: it depends only on the path and the shard count', () => {
    expect(shardOf('services/billing/src/a.ts', 4)).toBe(shardOf('services/billing/src/a.ts', 4));
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[shardOf(`services/s${i % 40}/src/file-${i}.ts`, 4) - 1]++;
    for (const c of counts) expect(c).toBeGreaterThan(800);
  });
});
