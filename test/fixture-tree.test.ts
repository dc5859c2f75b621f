/**
 * The test helpers that stand in for git on fixtures/ (test/fixture-tree.ts) answer what git
 * answers: a difference would make the tests that use them lint other files than a run does.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ListingCache } from '../src/discovery/discover.js';
import { workTreeFiles } from '../src/discovery/git.js';
import { lint } from '../src/lint.js';
import { fixtureListings } from './fixture-tree.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

describe('fixtureListings', () => {
  it.each(['', 'sample-monorepo', 'layouts', 'layouts/gitignored-tracked', 'sample-monorepo/services'])(
    "answers git's listing of fixtures/%s",
    (folder) => {
      const absolute = path.join(fixtures, folder);
      const answered = fixtureListings.get(`git\0${absolute}\0false`);
      expect(answered).toEqual(workTreeFiles(absolute, false));
      expect(answered!.length).toBeGreaterThan(0);
    },
  );

  it('leaves folders outside fixtures/, listings with ignored files, and walks to git or the disk', () => {
    expect(fixtureListings.get(`git\0${path.dirname(fixtures)}\0false`)).toBeUndefined();
    expect(fixtureListings.get(`git\0${path.join(fixtures, 'sample-monorepo')}\0true`)).toBeUndefined();
    expect(fixtureListings.get(`walk\0${path.join(fixtures, 'sample-monorepo')}`)).toBeUndefined();
  });

  it('refuses a key of another shape, rather than silently leaving every listing to git', () => {
    expect(() => fixtureListings.get(`git\0${fixtures}`)).toThrow(/unexpected listing key/);
    expect(() => fixtureListings.get(`${fixtures}\0false`)).toThrow(/unexpected listing key/);
  });

  it('is what a lint of a fixture folder asks, and the run is the same as with git', async () => {
    const asked: Array<[string, boolean]> = [];
    const counting: ListingCache = {
      get(key) {
        const answer = fixtureListings.get(key);
        asked.push([key.split('\0')[0], answer !== undefined]);
        return answer;
      },
      set() {},
    };
    const cwd = path.join(fixtures, 'layouts', 'nx-apps');
    const served = await lint({ cwd, config: {}, listingCache: counting });
    expect(asked).toEqual([['git', true]]);
    const plain = await lint({ cwd, config: {} });
    const keys = (run: typeof plain) =>
      run.diagnostics.map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn}`);
    expect(keys(served)).toEqual(keys(plain));
    expect(served.filesLinted).toBe(plain.filesLinted);
    expect(served.filesLinted).toBeGreaterThan(0);
  });
});
