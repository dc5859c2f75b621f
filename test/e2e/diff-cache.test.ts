/**
 * `diff --cache`: the base's own versions of the changed files are kept in a cache file of their
 * own beside the working tree's, under the same secret key, so a repeated diff analyses nothing;
 * the report is the same with and without the cache.
 */
import { readdirSync, readFileSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE_CACHE_SUFFIX } from '../../src/commands/diff.js';
import { hashText } from '../../src/io/hash.js';
import { tempDir } from '../temp-dirs.js';
import { cli, writeFile } from '../workflow/helpers.js';
import { gitAt, scenarioRepo } from './diff-scenario.js';

const TWO_STATES = 120_000;

let root = '';
beforeAll(() => {
  ({ root } = scenarioRepo());
});

/** Path → content hash of each entry of a cache file, and its header's key. */
function cacheEntries(file: string): { key: string; entries: Map<string, string> } {
  const [header, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
  const entries = new Map<string, string>();
  for (const line of lines) {
    // hash, stamp (empty when unknown), JSON path, facts
    const [hash, , name] = line.split('\t');
    entries.set(JSON.parse(name) as string, hash);
  }
  return { key: (JSON.parse(header) as { secretKey: string }).secretKey, entries };
}

describe('diff --cache keeps the base versions of changed files', () => {
  it(
    'in <cache>.diff-base under the working tree cache key; the report equals the uncached one, run after run',
    async () => {
      const repo = 'services/billing/src/repo.ts';
      writeFile(root, repo, 'export const invoices = () => db.query("SELECT * FROM billing_invoices WHERE id = ?");\n');
      const folder = tempDir('nilecare-diff-cache-');
      const args = ['diff', 'query', '--format', 'json'];
      const plain = await cli(root, args);
      expect(plain.stderr).toBe('');
      const cached = [];
      for (let run = 0; run < 2; run++) cached.push(await cli(root, [...args, '--cache', '--cache-location', `${folder}/`]));
      for (const outcome of cached) expect(outcome).toEqual(plain);

      const head = cacheEntries(path.join(folder, '.nilecare-lint-cache'));
      const base = cacheEntries(path.join(folder, `.nilecare-lint-cache${BASE_CACHE_SUFFIX}`));
      expect(base.key).toBe(head.key);
      // The base's repo.ts (as of `query`) differs from the working tree's: its facts are kept here.
      expect(base.entries.get(repo)).toBe(hashText(gitAt(root, 'show', `query:${repo}`)));
      expect(head.entries.get(repo)).toBe(hashText(readFileSync(path.join(root, repo), 'utf8')));
      // A file both states hold alike comes from the working tree's run: not stored twice.
      const same = 'services/payment/migrations/V1__payments.sql';
      expect(gitAt(root, 'diff', '--name-only', 'query', '--', same)).toBe('');
      expect(head.entries.has(same)).toBe(true);
      expect(base.entries.has(same)).toBe(false);
      gitAt(root, 'checkout', '--', repo);
    },
    TWO_STATES,
  );

  it(
    'keeps the working tree cache’s file stamps, so that a warm lint --cache after a diff reads no unchanged file (nor does the diff)',
    async () => {
      // Older than the racy window: their stamps may be stored (facts-cache.ts).
      const past = new Date(Date.now() - 60_000);
      const age = (dir: string): void => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          if (entry.name === '.git') continue;
          const file = path.join(dir, entry.name);
          if (entry.isDirectory()) age(file);
          else utimesSync(file, past, past);
        }
      };
      age(root);
      const folder = tempDir('nilecare-diff-stamps-');
      const cacheArgs = ['--cache', '--cache-location', `${folder}/`];
      await cli(root, ['--format', 'json', ...cacheArgs]);
      const stamps = () => {
        const [, ...lines] = readFileSync(path.join(folder, '.nilecare-lint-cache'), 'utf8').trimEnd().split('\n');
        return new Map(lines.map((line) => line.split('\t')).map(([, stamp, name]) => [JSON.parse(name) as string, stamp]));
      };
      const same = 'services/payment/migrations/V1__payments.sql';
      expect(stamps().get(same)).not.toBe('');
      await cli(root, ['diff', 'query', '--format', 'json', ...cacheArgs]);
      await cli(root, ['diff', 'query', '--format', 'json', ...cacheArgs]);
      expect(stamps().get(same)).not.toBe('');
      expect([...stamps().values()].filter((stamp) => stamp === '')).toEqual([]);
    },
    TWO_STATES,
  );
});
