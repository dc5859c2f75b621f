/**
 * `--cache` on a generated repository (three services of eight TypeScript files, migrations, decoys,
 * planted findings): a warm run prints exactly what the cold run printed. In the e2e project (`npm run
 * test:e2e`) for its generated repository; the cache's behaviour on the sample monorepo and small
 * repositories is test/e2e/cache.test.ts.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMonorepo } from '../../bench/generate.js';
import { cli } from '../workflow/helpers.js';

let temp: string;
beforeAll(() => {
  temp = mkdtempSync(path.join(tmpdir(), 'nilecare-cache-gen-'));
  // The generator's least: the variety (repositories, migrations, decoys, planted findings) is what a
  // byte-for-byte comparison needs, not the size.
  generateMonorepo({ root: path.join(temp, 'repo'), tsFiles: 24, services: 3, seed: 11 });
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('cold and warm runs print the same report, byte for byte', () => {
  it('a generated repository (24 TypeScript files, migrations, decoys)', async () => {
    const cwd = path.join(temp, 'repo');
    const location = path.join(temp, 'facts');
    const args = ['--cache', '--cache-location', location, '--format', 'json'];
    const cold = await cli(cwd, args);
    expect(existsSync(location)).toBe(true);
    const warm = await cli(cwd, args);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.code).toBe(cold.code);
    expect(JSON.parse(warm.stdout).results.length).toBeGreaterThan(0);
  }, 120_000);
});
