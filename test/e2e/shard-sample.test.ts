/**
 * `--shard k/n` on the sample monorepo, the runs beyond the unit suite's three shards (test/robustness/shard.test.ts):
 * 1 and 7 shards (some empty) still partition the run, and each shard's SARIF from the CLI names its slice and adds
 * up to the full SARIF. Fourteen lints of the whole sample, four of them CLI runs that analyse every file: in the
 * e2e project (`npm run test:e2e`).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureTree } from '../fixture-tree.js';
import { cli, repoRoot } from '../robustness/helpers.js';
import { expectShardsPartitionTheRun } from '../robustness/shard-partition.js';

const sample = path.join(repoRoot, 'fixtures/sample-monorepo');
/** The sample's files as our checkout lists them, in memory: no `git ls-files` per run. */
const sampleTree = fixtureTree(sample);

describe('--shard k/n on the sample monorepo', () => {
  it('the sample monorepo: 1 shard is the full run, 7 shards (some empty) still partition it', async () => {
    await expectShardsPartitionTheRun({ cwd: sampleTree.root, tree: sampleTree }, 1);
    await expectShardsPartitionTheRun({ cwd: sampleTree.root, tree: sampleTree }, 7);
  });

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
});
