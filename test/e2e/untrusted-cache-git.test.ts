/**
 * Issue 13 row 3 where git decides: a cache committed to the repository (named, at the default
 * location, or kept anywhere discovery lists it) is never read or written; an untracked one is;
 * and whether git tracks it is asked of git only where a repository can be, or told by the files
 * discovery listed with git. Real temporary repositories. The control (the forged cache does work
 * when nothing stops it) and the cases without git are in test/robustness/untrusted-cache.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitTracking, mayBeInWorkTree } from '../../src/discovery/git.js';
import { untrackedByListing } from '../../src/analysis/facts-cache.js';
import { tempDir } from '../temp-dirs.js';
import { DEFAULT_CACHE, expectWarning, forgeCache, git, summary } from '../robustness/forged-cache.js';
import { cli, expectNormalFinding, jsonDiagnostics, makeRepo, NORMAL_FILE } from '../robustness/helpers.js';

describe('row 3: a committed cache is never read', () => {
  for (const [name, location] of [
    ['named with --cache-location (the old default, .nilecare-lint-cache)', '.nilecare-lint-cache'],
    ['at the default location, force-added to git', DEFAULT_CACHE],
  ] as const) {
    it(`${name}: the run ignores it, says why, and still fails`, async () => {
      const root = makeRepo();
      const file = path.join(root, location);
      mkdirSync(path.dirname(file), { recursive: true });
      await forgeCache(root, file);
      git(root, 'init', '-q');
      git(root, 'add', '-f', '-A');
      git(root, 'commit', '-q', '-m', 'forged cache');
      const args = location === DEFAULT_CACHE ? [] : ['--cache-location', file];
      const outcome = await cli(['--cwd', root, '-f', 'json', '--cache', ...args]);
      expect(outcome.code, outcome.stderr).toBe(1);
      expectNormalFinding(jsonDiagnostics(outcome.stdout));
      expectWarning(
        outcome,
        `The cache ${location} is tracked by git, so whoever changes the repository controls it: not read or written. ` +
          `Remove it from git (git rm --cached ${location}) and ignore it.`,
      );
      // Not written either: the committed file stays as committed.
      execFileSync('git', ['diff', '--exit-code', '--quiet'], { cwd: root });
    });
  }

  it('an untracked cache at the default location is read: a warm run hits it', async () => {
    const root = makeRepo();
    git(root, 'init', '-q');
    const cold = await cli(['--cwd', root, '-f', 'json', '--cache']);
    expect(readFileSync(path.join(root, DEFAULT_CACHE), 'utf8')).toContain(JSON.stringify(NORMAL_FILE));
    const warm = await cli(['--cwd', root, '-f', 'json', '--cache']);
    expect(warm.stdout).toBe(cold.stdout);
    const { notices, warnings } = summary(warm.stdout);
    expect([...notices, ...warnings].filter((n) => /cache/i.test(n))).toEqual([]);
    expect(warm.stderr).toBe('');
  });
});

describe('row 3: whether git tracks the cache, asked of git only where a repository can be', () => {
  it('outside every work tree no git is asked; GIT_DIR and GIT_WORK_TREE place one anywhere, and git is asked then', () => {
    // A repository that tracks `facts`, whose .git is then moved away: only the environment leads git to it.
    const work = tempDir('nilecare-tracked-elsewhere-');
    writeFileSync(path.join(work, 'facts'), 'x\n');
    git(work, 'init', '-q');
    git(work, 'add', 'facts');
    git(work, 'commit', '-q', '-m', 'a committed cache');
    const gitDir = path.join(tempDir('nilecare-git-dir-'), 'repo.git');
    renameSync(path.join(work, '.git'), gitDir);
    const file = path.join(work, 'facts');
    expect(mayBeInWorkTree(work, {})).toBe(false);
    expect(gitTracking(file)).toBe('untracked');
    const saved = { GIT_DIR: process.env.GIT_DIR, GIT_WORK_TREE: process.env.GIT_WORK_TREE };
    try {
      Object.assign(process.env, { GIT_DIR: gitDir, GIT_WORK_TREE: work });
      expect(mayBeInWorkTree(work, process.env)).toBe(true);
      expect(gitTracking(file)).toBe('tracked');
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    // With the .git back in place, found by walking up from a folder below it.
    renameSync(gitDir, path.join(work, '.git'));
    mkdirSync(path.join(work, 'deep/er'), { recursive: true });
    expect(mayBeInWorkTree(path.join(work, 'deep/er'), {})).toBe(true);
    expect(gitTracking(file)).toBe('tracked');
  });
});

describe('row 3: whether git tracks the cache, told by the files discovery listed with git', () => {
  /** A repository whose git tracks `cache/facts` (so asking git would say tracked). */
  function trackedCache(): { root: string; file: string } {
    const root = tempDir('nilecare-listing-');
    mkdirSync(path.join(root, 'cache'));
    const file = path.join(root, 'cache/facts');
    writeFileSync(file, 'x\n');
    git(root, 'init', '-q');
    git(root, 'add', 'cache/facts');
    return { root, file };
  }

  it('a cache below the listing root that the listing does not name is untracked, without asking git', () => {
    const { root, file } = trackedCache();
    expect(gitTracking(file)).toBe('tracked');
    // git would say tracked: only the listing can have given this answer.
    expect(untrackedByListing(file, { root, files: ['src/a.ts'] })).toBe('untracked');
    expect(untrackedByListing(file, { root: path.join(root, 'cache'), files: [] })).toBe('untracked');
  });

  it('git is asked whenever the listing cannot tell', () => {
    const { root, file } = trackedCache();
    // Listed: tracked, or untracked and not ignored.
    expect(untrackedByListing(file, { root, files: ['cache/facts'] })).toBeUndefined();
    // Listed in another case: a case-insensitive file system may have checked out the tracked name this way.
    expect(untrackedByListing(file, { root, files: ['Cache/FACTS'] })).toBeUndefined();
    // Outside the listed folder.
    expect(untrackedByListing(file, { root: path.join(root, 'src'), files: [] })).toBeUndefined();
    expect(untrackedByListing(path.join(root, 'nothing-here'), { root, files: [] })).toBeUndefined();
    // In another repository below the root (a nested one, a submodule): the listing does not cover it.
    mkdirSync(path.join(root, 'cache/.git'));
    expect(untrackedByListing(file, { root, files: [] })).toBeUndefined();
    // A name git may store in another Unicode form.
    const accented = path.join(root, 'caché');
    writeFileSync(accented, 'x\n');
    expect(untrackedByListing(accented, { root, files: [] })).toBeUndefined();
  });

  it('a lint run over a repository that tracks its cache still sets it aside when discovery lists it', async () => {
    const root = makeRepo();
    const file = path.join(root, 'kept/facts');
    mkdirSync(path.dirname(file), { recursive: true });
    await forgeCache(root, file);
    git(root, 'init', '-q');
    git(root, 'add', '-f', '-A');
    git(root, 'commit', '-q', '-m', 'forged cache');
    const outcome = await cli(['--cwd', root, '-f', 'json', '--cache', '--cache-location', file]);
    expect(outcome.code, outcome.stderr).toBe(1);
    expectNormalFinding(jsonDiagnostics(outcome.stdout));
    expectWarning(
      outcome,
      'The cache kept/facts is tracked by git, so whoever changes the repository controls it: not read or written. ' +
        'Remove it from git (git rm --cached kept/facts) and ignore it.',
    );
  });
});
