/**
 * `--shard k/n` on a generated repository (60 TypeScript files in 5 services, migrations, decoys):
 * the union of 4 shards is the full run, and every shard gets a fair share of the files. In the e2e
 * project (`npm run test:e2e`) for its generated repository (0.8 s of a quiet `npm test`); the
 * sample monorepo's shards are test/robustness/shard.test.ts (3) and test/e2e/shard-sample.test.ts (1, 7, and the SARIF).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMonorepo } from '../../bench/generate.js';
import { expectShardsPartitionTheRun } from '../robustness/shard-partition.js';

let generated: string;

beforeAll(() => {
  generated = mkdtempSync(path.join(tmpdir(), 'nilecare-shard-'));
  generateMonorepo({ root: generated, tsFiles: 60, services: 5, seed: 7 });
});

afterAll(() => {
  rmSync(generated, { recursive: true, force: true });
});

describe('--shard k/n, a generated repository', () => {
  it('the union of 4 shards is the full run, and every shard gets a fair share', async () => {
    await expectShardsPartitionTheRun({ cwd: generated }, 4, (shard, full) => {
      expect(shard.filesLinted).toBeGreaterThan(full.filesLinted / 8);
      expect(shard.filesLinted).toBeLessThan(full.filesLinted / 2);
    });
  }, 60_000);
});
