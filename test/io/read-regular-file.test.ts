/**
 * The read half of the file-access layer: only regular files, never more than the cap, and a
 * path inside the repository never leads out of it. Device and FIFO cases carry short timeouts:
 * a regression must fail the test, not hang the suite.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryKind, isFolder, readRegularFile, readTextFile } from '../../src/io/read-regular-file.js';
import { readSourceFile } from '../../src/io/read-file.js';
import { tempDir } from '../temp-dirs.js';
import { refusal } from '../support/file-access.js';

const FAST = 5_000;

function repoWithOutside(): { root: string; outside: string } {
  const base = tempDir('nilecare-io-read-');
  const root = path.join(base, 'repo');
  const outside = path.join(base, 'outside');
  mkdirSync(root);
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'private.json'), '{ "AWS_SECRET_ACCESS_KEY": "planted-outside-value" }\n');
  return { root, outside };
}

describe('readRegularFile', () => {
  it('reads a regular file, and a missing file is undefined (a dangling link too)', () => {
    const { root } = repoWithOutside();
    writeFileSync(path.join(root, 'a.json'), '\uFEFF{"a":1}');
    symlinkSync(path.join(root, 'gone.json'), path.join(root, 'dangling.json'));
    expect(readTextFile('a.json', { root, maxBytes: 100 })).toBe('{"a":1}');
    expect(readRegularFile('missing.json', { root, maxBytes: 100 })).toBeUndefined();
    expect(readRegularFile('a.json/below', { root, maxBytes: 100 })).toBeUndefined();
    expect(readRegularFile('dangling.json', { root, maxBytes: 100 })).toBeUndefined();
  });

  it('refuses /dev/zero behind a committed link at once, naming the file', { timeout: FAST }, () => {
    const { root } = repoWithOutside();
    symlinkSync('/dev/zero', path.join(root, 'nilecare-lint-suppressions.json'));
    const error = refusal(() => readRegularFile('nilecare-lint-suppressions.json', { root, maxBytes: 1 << 20 }));
    // /dev is outside the repository: refused before anything is opened.
    expect(error.problem).toBe('outside-repository');
    expect(error.message).toBe(
      'nilecare-lint-suppressions.json: is a symbolic link (or lies in a linked folder) that leads outside the repository; not read',
    );
  });

  it('refuses a device the user names on the command line: only regular files, wherever they are', { timeout: FAST }, () => {
    const { root } = repoWithOutside();
    for (const device of ['/dev/zero', '/dev/full', '/dev/null']) {
      const error = refusal(() => readRegularFile(device, { root, origin: 'command-line', maxBytes: 1 << 20 }));
      expect(error.problem).toBe('not-regular');
      expect(error.message).toBe(`${device}: is not a regular file (a device); not read`);
    }
  });

  it('refuses a FIFO without opening it (an open would wait for a writer forever)', { timeout: FAST }, () => {
    const { root } = repoWithOutside();
    execFileSync('mkfifo', [path.join(root, 'nilecare-lint.config.json')]);
    const error = refusal(() => readRegularFile('nilecare-lint.config.json', { root, maxBytes: 1 << 20 }));
    expect(error.problem).toBe('not-regular');
    expect(error.message).toBe('nilecare-lint.config.json: is not a regular file (a FIFO); not read');
  });

  it('never reads outside the repository through a link, and never quotes what is there', () => {
    const { root, outside } = repoWithOutside();
    symlinkSync(path.join(outside, 'private.json'), path.join(root, 'nilecare-lint.config.json'));
    symlinkSync('/proc/self/environ', path.join(root, 'environ.json'));
    symlinkSync(outside, path.join(root, 'linked'));
    for (const file of ['nilecare-lint.config.json', 'environ.json', 'linked/private.json']) {
      const error = refusal(() => readRegularFile(file, { root, maxBytes: 1 << 20 }));
      expect(error.problem).toBe('outside-repository');
      expect(error.message).not.toMatch(/AWS|planted|SHELL|PATH=/);
    }
    // A path the user typed that names a place in the repository is held to the same rule.
    expect(refusal(() => readRegularFile('environ.json', { root, origin: 'command-line', maxBytes: 1 << 20 })).problem).toBe(
      'outside-repository',
    );
  });

  it('a repository path spelled to leave the root is refused; a command-line path outside is the user’s choice', () => {
    const { root, outside } = repoWithOutside();
    expect(refusal(() => readRegularFile('../outside/private.json', { root, maxBytes: 1 << 20 })).problem).toBe('outside-repository');
    const text = readTextFile(path.join(outside, 'private.json'), { root, origin: 'command-line', maxBytes: 1 << 20 });
    expect(text).toContain('planted-outside-value');
  });

  it('follows a link that stays inside the repository, unless the scope accepts none', () => {
    const { root } = repoWithOutside();
    mkdirSync(path.join(root, 'config'));
    writeFileSync(path.join(root, 'config/lint.json'), '{}');
    symlinkSync('config/lint.json', path.join(root, 'nilecare-lint.config.json'));
    expect(readTextFile('nilecare-lint.config.json', { root, maxBytes: 100 })).toBe('{}');
    const error = refusal(() => readTextFile('nilecare-lint.config.json', { root, maxBytes: 100, symlinks: 'never' }));
    expect(error.problem).toBe('symlink');
    expect(error.message).toBe('nilecare-lint.config.json: is reached through a symbolic link; not read');
  });

  it('caps the size, also of files that report none (/proc)', () => {
    const { root } = repoWithOutside();
    writeFileSync(path.join(root, 'big.json'), 'x'.repeat(2048));
    const error = refusal(() => readRegularFile('big.json', { root, maxBytes: 1024 }));
    expect(error.problem).toBe('too-large');
    expect(error.message).toBe('big.json: is 2 KB, over the 1 KB limit; not read');
    // /proc/self/environ has a size of 0 in stat, and content.
    expect(refusal(() => readRegularFile('/proc/self/environ', { root, origin: 'command-line', maxBytes: 8 })).problem).toBe('too-large');
  });

  it('a folder is named as one', () => {
    const { root } = repoWithOutside();
    mkdirSync(path.join(root, 'reports'));
    expect(refusal(() => readRegularFile('reports', { root, maxBytes: 100 })).message).toBe('reports: is a folder, not a file');
  });

  it('entryKind and isFolder answer without following links out of the repository', () => {
    const { root, outside } = repoWithOutside();
    symlinkSync(outside, path.join(root, 'linked'));
    mkdirSync(path.join(root, 'real'));
    expect(entryKind('linked', { root })).toBe('symlink');
    expect(entryKind('real', { root })).toBe('folder');
    expect(entryKind('none', { root })).toBe('missing');
    expect(isFolder('linked', { root })).toBe(false);
    expect(isFolder('real', { root })).toBe(true);
    expect(isFolder(outside, { root, origin: 'command-line' })).toBe(true);
  });
});

describe('readSourceFile', () => {
  it('a source file linked to a device or outside the repository is a file problem, not a read', { timeout: FAST }, () => {
    const { root, outside } = repoWithOutside();
    symlinkSync('/dev/zero', path.join(root, 'zero.ts'));
    symlinkSync(path.join(outside, 'private.json'), path.join(root, 'private.ts'));
    for (const file of ['zero.ts', 'private.ts']) {
      const outcome = readSourceFile(file, root);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.problem.message).toMatch(/^file is a symbolic link .* outside the repository; not analysed$/);
    }
  });
});
