/**
 * `--shard k/n`: the shards of a run partition its files, so the union of shards 1..n is the
 * full run (same diagnostics, same fingerprints). In the e2e project (`npm run test:e2e`): the sample in 1 and 7
 * shards and each shard's SARIF through the CLI (test/e2e/shard-sample.test.ts: 14 more lints of the sample), and a
 * generated repository of 60 files, sharded for fair shares (test/e2e/shard-generated.test.ts).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shardOf } from '../../src/lint.js';
import { fixtureTree } from '../fixture-tree.js';
import { cli, repoRoot } from './helpers.js';
import { expectShardsPartitionTheRun } from './shard-partition.js';

const sample = path.join(repoRoot, 'fixtures/sample-monorepo');
/** The sample's files as our checkout lists them, in memory: no `git ls-files` per run. */
const sampleTree = fixtureTree(sample);

describe('--shard k/n', () => {
  it('the sample monorepo: the union of 3 shards is the full run', async () => {
    await expectShardsPartitionTheRun({ cwd: sampleTree.root, tree: sampleTree }, 3);
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
