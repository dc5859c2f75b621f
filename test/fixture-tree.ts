import { execFileSync } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
  listedFixtures ??= execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '.'], {
    cwd: fixtures,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
    .split('\0')
    .filter(Boolean);
  const listed = listedFixtures.filter((file) => file.startsWith(prefix)).map((file) => file.slice(prefix.length));
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
