/**
 * Appending to the facts cache: only to the very file that was read, never through a link; a
 * refusal writes nothing (the cache is then rewritten atomically).
 */
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appendToSameFile } from '../../src/io/append-file.js';

const root = mkdtempSync(path.join(tmpdir(), 'nilecare-append-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const scope = { root, origin: 'command-line' as const, symlinks: 'never' as const };
const identity = (file: string) => {
  const stats = lstatSync(file);
  return { dev: stats.dev, ino: stats.ino };
};

describe('appendToSameFile', () => {
  it('appends to the file that was read', () => {
    const file = path.join(root, 'cache');
    writeFileSync(file, 'a\n');
    expect(appendToSameFile(file, 'b\n', scope, identity(file))).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('a\nb\n');
  });

  it('refuses a file replaced since it was read (another inode), a link, and a file in a linked folder', () => {
    const file = path.join(root, 'replaced');
    writeFileSync(file, 'old\n');
    const read = identity(file);
    writeFileSync(`${file}.new`, 'new\n');
    renameSync(`${file}.new`, file);
    expect(appendToSameFile(file, 'x\n', scope, read)).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('new\n');

    const target = path.join(root, 'target');
    writeFileSync(target, 't\n');
    const link = path.join(root, 'link');
    symlinkSync(target, link);
    expect(appendToSameFile(link, 'x\n', scope, identity(target))).toBe(false);

    mkdirSync(path.join(root, 'real'));
    const inner = path.join(root, 'real/cache');
    writeFileSync(inner, 'i\n');
    symlinkSync(path.join(root, 'real'), path.join(root, 'linked'));
    expect(appendToSameFile(path.join(root, 'linked/cache'), 'x\n', scope, identity(inner))).toBe(false);
    expect(readFileSync(target, 'utf8') + readFileSync(inner, 'utf8')).toBe('t\ni\n');
  });

  it('refuses a missing file', () => {
    expect(appendToSameFile(path.join(root, 'none'), 'x\n', scope, { dev: 0, ino: 0 })).toBe(false);
  });
});
