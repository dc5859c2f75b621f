/**
 * Issue 13 row 3: a cache is only as trustworthy as whoever wrote it. A cache committed to the
 * repository was written by the pull request's author: its header (tool version, settings
 * digest) and content hashes match, and it can hold clean facts for a file with findings. It is
 * never read, wherever it is and however it is reached. And a cache whose entries have the
 * wrong shape is a set of cache misses, not a crash of every rule.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitTracking, mayBeInWorkTree } from '../../src/discovery/git.js';
import { untrackedByListing } from '../../src/analysis/facts-cache.js';
import { hashText } from '../../src/io/hash.js';
import { tempDir } from '../temp-dirs.js';
import { cli, expectNormalFinding, jsonDiagnostics, makeRepo, NORMAL_FILE, NORMAL_TEXT, type JsonReport } from './helpers.js';

const DEFAULT_CACHE = 'node_modules/.cache/nilecare-lint/facts';
const CLEAN_TEXT =
  "import { pool } from './db.js';\n\nexport const byId = (id: string) => pool.query('SELECT * FROM invoices WHERE id = ?', [id]);\n";

function git(root: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: root, stdio: 'ignore' });
}

/**
 * A cache at `location` (absolute) that claims NORMAL_FILE, with its real content hash, has the
 * facts of a clean version of it: built by the tool itself, as an attacker would.
 */
async function forgeCache(root: string, location: string): Promise<void> {
  writeFileSync(path.join(root, NORMAL_FILE), CLEAN_TEXT);
  const clean = await cli(['--cwd', root, '--cache', '--cache-location', location]);
  expect(clean.code, clean.stderr).toBe(0);
  writeFileSync(path.join(root, NORMAL_FILE), NORMAL_TEXT);
  const forged = readFileSync(location, 'utf8').replaceAll(hashText(CLEAN_TEXT), hashText(NORMAL_TEXT));
  expect(forged).toContain(hashText(NORMAL_TEXT));
  writeFileSync(location, forged);
}

/** The run's notices and warnings (a cache that is not used is a warning: the user asked for one). */
function summary(stdout: string): { notices: string[]; warnings: string[] } {
  return (JSON.parse(stdout) as JsonReport).summary;
}

/** A warning in the report and the same line on stderr, where a CI log shows it whatever the format. */
function expectWarning(outcome: { stdout: string; stderr: string }, warning: string): void {
  expect(summary(outcome.stdout).warnings).toContain(warning);
  expect(outcome.stderr).toContain(`nilecare-lint: warning: ${warning}\n`);
}

describe('row 3: a committed cache is never read', () => {
  it('the forged cache does work when nothing stops it (so the tests below can fail)', async () => {
    const root = makeRepo();
    const location = path.join(root, 'untracked-cache');
    await forgeCache(root, location);
    const fooled = await cli(['--cwd', root, '-f', 'json', '--cache', '--cache-location', location]);
    expect(fooled.code).toBe(0);
    expect(jsonDiagnostics(fooled.stdout).filter((d) => d.file === NORMAL_FILE && d.ruleId === 'no-cross-service-query')).toEqual([]);
  });

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

  it('reached through a committed link (node_modules -> a tracked folder): not read', async () => {
    const root = makeRepo();
    const real = path.join(root, 'vendor-cache/.cache/nilecare-lint/facts');
    mkdirSync(path.dirname(real), { recursive: true });
    await forgeCache(root, real);
    symlinkSync('vendor-cache', path.join(root, 'node_modules'));
    const outcome = await cli(['--cwd', root, '-f', 'json', '--cache']);
    expect(outcome.code, outcome.stderr).toBe(1);
    expectNormalFinding(jsonDiagnostics(outcome.stdout));
    expectWarning(outcome, `The cache is not used: ${DEFAULT_CACHE}: is reached through a symbolic link; not read.`);
  });

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

describe('row 3: wrong-shaped entries are cache misses', () => {
  it('entries with the right hashes and facts of the wrong shape: the same report as a cold run, no internal error', async () => {
    const root = makeRepo({
      files: {
        'services/billing/.env': 'DB_HOST=billing-db\nDB_NAME=billing_db\n',
        'services/billing/migrations/V1__invoices.sql': 'CREATE TABLE invoices (id CHAR(36) PRIMARY KEY, total INT);\n',
        'services/payment/src/db.ts': "export const pool = createPool({ host: process.env.DB_HOST, database: 'payment_db' });\n",
        'deploy/payment.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: payment\ndata:\n  DB_NAME: payment_db\n',
      },
    });
    const location = path.join(root, 'cache');
    const cold = await cli(['--cwd', root, '-f', 'json', '--cache', '--cache-location', location]);
    const shapes = [
      '{}',
      '[]',
      'null',
      '{"sql":42,"script":"x","env":{"a":1},"lineStarts":"no","comments":7,"problems":null}',
      '{"script":{"envDefaults":7,"queries":"x"},"sql":[{"text":1}]}',
    ];
    const lines = readFileSync(location, 'utf8').split('\n');
    let n = 0;
    const forged = lines.map((line, i) => {
      const second = line.indexOf('\t', line.indexOf('\t') + 1);
      return i === 0 || second < 0 ? line : `${line.slice(0, second + 1)}${shapes[n++ % shapes.length]}`;
    });
    expect(n).toBeGreaterThan(3);
    writeFileSync(location, forged.join('\n'));
    const outcome = await cli(['--cwd', root, '-f', 'json', '--cache', '--cache-location', location]);
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(cold.code);
    expect(outcome.stdout).toBe(cold.stdout);
  });

  it('an entry whose facts name another file, or another hash, is a miss', async () => {
    const root = makeRepo();
    const location = path.join(root, 'cache');
    const cold = await cli(['--cwd', root, '-f', 'json', '--cache', '--cache-location', location]);
    const text = readFileSync(location, 'utf8');
    // Every entry's facts claim to be the normal file's: a forged model, if they were believed.
    const forged = text.replace(/"path":"[^"]+"/g, `"path":${JSON.stringify(NORMAL_FILE)}`);
    expect(forged).not.toBe(text);
    writeFileSync(location, forged);
    const outcome = await cli(['--cwd', root, '-f', 'json', '--cache', '--cache-location', location]);
    expect(outcome.stdout).toBe(cold.stdout);
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
