/**
 * `--cache`: a warm run prints exactly what a cold run prints, parses only what changed,
 * and starts over when the tool version, the config or the analysis settings change.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileFactsCache } from '../../src/analysis/facts-cache.js';
import { lint } from '../../src/lint.js';
import { generateMonorepo } from '../../bench/generate.js';
import { cli, workflowConfig, writeFile } from './helpers.js';

const sample = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/sample-monorepo');
const temps: string[] = [];
const temp = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

let generated: string;
beforeAll(() => {
  generated = temp('nilecare-cache-gen-');
  generateMonorepo({ root: generated, tsFiles: 50, services: 6, seed: 11 });
});

describe('cold and warm runs print the same report, byte for byte', () => {
  for (const [name, root] of [
    ['fixtures/sample-monorepo', () => sample],
    ['a generated repository (50 TypeScript files, migrations, decoys)', () => generated],
  ] as const) {
    it(
      name,
      async () => {
        const cwd = root();
        const location = path.join(temp('nilecare-cache-'), 'facts');
        const args = ['--cache', '--cache-location', location];
        const cold = await cli(cwd, [...args, '--format', 'json']);
        expect(existsSync(location)).toBe(true);
        const warm = await cli(cwd, [...args, '--format', 'json']);
        expect(warm.stdout).toBe(cold.stdout);
        expect(warm.code).toBe(cold.code);
        expect(JSON.parse(warm.stdout).results.length).toBeGreaterThan(0);
        if (cwd === sample) {
          const coldSarif = await cli(cwd, ['--format', 'sarif']);
          const warmSarif = await cli(cwd, [...args, '--format', 'sarif']);
          expect(warmSarif.stdout).toBe(coldSarif.stdout);
        }
      },
      120_000,
    );
  }
});

describe('what the cache reuses', () => {
  async function run(cwd: string, location: string, version = '1.0.0', config = workflowConfig) {
    const cache = FileFactsCache.open({ base: cwd, location, toolVersion: version });
    const result = await lint({ cwd, config, factsCache: cache });
    cache.save();
    return { cache, result };
  }

  it('a warm run parses nothing; a changed file is parsed again, alone', async () => {
    const cwd = temp('nilecare-cache-repo-');
    cpSync(sample, cwd, { recursive: true });
    const location = path.join(cwd, '.nilecare-lint-cache');
    const cold = await run(cwd, location);
    expect(cold.cache.hits).toBe(0);
    const files = cold.cache.misses;
    expect(files).toBeGreaterThan(10);

    const warm = await run(cwd, location);
    expect([warm.cache.hits, warm.cache.misses]).toEqual([files, 0]);

    writeFile(
      cwd,
      'services/billing-service/src/services/InvoiceService.ts',
      "export const x = () => db.query('SELECT * FROM payments');\n",
    );
    const edited = await run(cwd, location);
    expect([edited.cache.hits, edited.cache.misses]).toEqual([files - 1, 1]);
  });

  it('a new tool version or a changed config starts over', async () => {
    const cwd = sample;
    const location = path.join(temp('nilecare-cache-'), 'facts');
    const { cache } = await run(cwd, location);
    const files = cache.misses;
    expect((await run(cwd, location, '1.0.1')).cache.hits).toBe(0);
    expect((await run(cwd, location, '1.0.1')).cache.hits).toBe(files);
    const changed = { ...workflowConfig, sqlCallees: ['runQuery'] };
    expect((await run(cwd, location, '1.0.1', changed)).cache.hits).toBe(0);
    expect((await run(cwd, location, '1.0.1', changed)).cache.hits).toBe(files);
  });

  it('stores no file text (line tables yes), and a folder location holds the cache inside it', async () => {
    const dir = temp('nilecare-cache-dir-');
    await cli(sample, ['--cache', '--cache-location', `${dir}/`]);
    const stored = readFileSync(path.join(dir, '.nilecare-lint-cache'), 'utf8');
    expect(stored).not.toContain('"text":"import');
    expect(stored).toContain('"lineStarts":[0,');
    expect(stored.split('\n')[0]).toMatch(/^\{"format":"nilecare-lint-facts\/\d+","toolVersion":"[^"]+","settings":/);
  });

  it('a damaged cache costs a cold run, not a failure', async () => {
    const location = path.join(temp('nilecare-cache-'), 'facts');
    const cold = await cli(sample, ['--format', 'json']);
    writeFile(path.dirname(location), 'facts', '{"format":"nilecare-lint-facts/1"\nnot json at all\n');
    const damaged = await cli(sample, ['--format', 'json', '--cache', '--cache-location', location]);
    expect(damaged.stdout).toBe(cold.stdout);
    expect(damaged.stderr).toBe('');
  });
});
