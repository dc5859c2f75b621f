import { execFileSync } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FactsCache } from '../src/analysis/facts-cache.js';
import { SharedFactsMemory } from '../src/analysis/shared-facts-cache.js';
import type { ListingCache } from '../src/discovery/discover.js';
import { memoryTree, type SourceTree } from '../src/io/source-tree.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = path.join(repoRoot, 'fixtures');

/**
 * Every file under `root` as the disk walk sees it (no node_modules, .git, nor links), as bytes,
 * keyed by its path relative to `root`.
 */
export function filesUnder(root: string): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (/(^|\/)(node_modules|\.git)\//.test(file)) continue;
    files[file] = readFileSync(path.join(root, file));
  }
  return files;
}

/** What `git ls-files` lists under fixtures/ (tracked files, untracked ones .gitignore leaves), asked once per worker. */
let listedFixtures: string[] | undefined;
const fixturesListing = () =>
  (listedFixtures ??= execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '.'], {
    cwd: fixtures,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
    .split('\0')
    .filter(Boolean));
const contents = new Map<string, Record<string, Buffer>>();

/**
 * A folder of fixtures/ in memory, listed as a lint of that folder in our checkout lists it — by
 * git: tracked files whatever .gitignore says, links and deleted files listed but never read. The
 * files are read once per worker (fixtures are not written to), and git is asked once, where a
 * lint of the folder on disk forks a `git ls-files` from the test worker every time. For tests
 * about what is linted, not how a folder is listed (test/workflow/in-memory.test.ts and the
 * discovery tests cover that).
 */
export function fixtureTree(folder: string): SourceTree {
  const absolute = path.resolve(folder);
  const prefix = `${path.relative(fixtures, absolute).split(path.sep).join('/')}/`;
  if (prefix.startsWith('..') || path.isAbsolute(prefix)) throw new Error(`${folder} is not a folder of fixtures/`);
  const listed = fixturesListing()
    .filter((file) => file.startsWith(prefix))
    .map((file) => file.slice(prefix.length));
  let files = contents.get(absolute);
  if (!files) {
    files = {};
    for (const file of listed) {
      const full = path.join(absolute, file);
      // Only regular files have content: a link or a deleted file is listed and found not to be one, as on disk.
      if (lstatSync(full, { throwIfNoEntry: false })?.isFile()) files[file] = readFileSync(full);
    }
    contents.set(absolute, files);
  }
  const tree = memoryTree(files, { root: path.join('/in-memory/fixtures', prefix) });
  const sorted = [...new Set(listed)].sort();
  return { ...tree, list: () => ({ files: sorted, as: 'git' }) };
}

/**
 * For lint() runs on a folder of fixtures/ on disk (`listingCache: fixtureListings`): discovery's
 * `git ls-files` of that folder answered from the one listing of fixtures/ above. Each lint of a
 * folder inside this repository otherwise runs git from the test worker: ~50 ms of CPU each (git
 * reading this repository's index and looking for untracked files; the spawn itself ~5 ms). The run still reads the disk
 * and asks git anything else; folders outside fixtures/ (temporary repositories) are left to git.
 */
export const fixtureListings: ListingCache = {
  get(key) {
    const [kind, folder, includeIgnored, ...rest] = key.split('\0');
    // discover.ts keys `git\0<folder>\0<includeIgnored>` and `walk\0<folder>`: another shape means it changed, and this would silently stop serving.
    const known = kind === 'git' ? includeIgnored !== undefined && rest.length === 0 : kind === 'walk' && includeIgnored === undefined;
    if (!known || !folder || !path.isAbsolute(folder)) throw new Error(`fixtureListings: unexpected listing key ${JSON.stringify(key)}`);
    // With ignored files included git lists another set (--exclude=node_modules): not kept here.
    if (kind !== 'git' || includeIgnored !== 'false') return undefined;
    const relative = path.relative(fixtures, folder).split(path.sep).join('/');
    if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    const prefix = relative === '' ? '' : `${relative}/`;
    // Sorted and unique, as discover.ts keeps git's answer.
    return [...new Set(fixturesListing().filter((file) => file.startsWith(prefix)))].map((file) => file.slice(prefix.length)).sort();
  },
  set() {},
};

const fixtureFactsMemory = new SharedFactsMemory();

/**
 * For lint() runs on fixtures whose findings, model or map a test reads (not the facts cache itself,
 * nor how facts are stored): each fixture file's facts analysed once per worker, keyed as `nilecare-lint
 * diff` keys its two states' (the settings digest lint() prepares, path, content hash), so a run
 * under other analysis settings analyses again. facts-codec, the acceptance files and map-golden
 * each linted the same ~700 fixture files. A change that breaks analysis breaks the facts of the
 * first run in the worker, which every later run reads (checked: an extractor made to skip
 * repository files fails layouts-init and map-golden, whichever of them runs second). A copy of a
 * case in a temporary folder has the same paths and contents, so the same facts.
 */
export const fixtureFacts = (): FactsCache => fixtureFactsMemory.cache();
