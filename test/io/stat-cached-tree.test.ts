import { mkdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileAccessError } from '../../src/io/file-access-error.js';
import { diskTree, memoryTree, type SourceTree } from '../../src/io/source-tree.js';
import { statCachedTree } from '../../src/io/stat-cached-tree.js';
import { tempDir } from '../temp-dirs.js';

const scope = { maxBytes: 1024 };

/** The disk tree, counting the reads that reach it. */
function countingDisk(root: string): { tree: SourceTree; reads: string[] } {
  const disk = diskTree(root);
  const reads: string[] = [];
  return {
    reads,
    tree: {
      ...disk,
      read: (file, s) => {
        reads.push(file);
        return disk.read(file, s);
      },
    },
  };
}

describe('statCachedTree', () => {
  it('reads a file once while its status is unchanged, again after any change', () => {
    const root = tempDir('nilecare-stat-tree-');
    writeFileSync(path.join(root, 'a.sql'), 'CREATE TABLE a (id INT);\n');
    const { tree, reads } = countingDisk(root);
    const cached = statCachedTree(tree);
    expect(cached.read('a.sql', scope)?.toString()).toBe('CREATE TABLE a (id INT);\n');
    expect(cached.read('./a.sql', scope)?.toString()).toBe('CREATE TABLE a (id INT);\n');
    expect(reads).toEqual(['a.sql']);
    // Same size, new content: the modification time tells.
    writeFileSync(path.join(root, 'a.sql'), 'CREATE TABLE b (id INT);\n');
    utimesSync(path.join(root, 'a.sql'), new Date(2030, 0, 1), new Date(2030, 0, 1));
    expect(cached.read('a.sql', scope)?.toString()).toBe('CREATE TABLE b (id INT);\n');
    expect(reads).toEqual(['a.sql', 'a.sql']);
    cached.forget('a.sql');
    cached.read('a.sql', scope);
    expect(reads).toHaveLength(3);
  });

  it('a file replaced by a link, a folder or nothing gets exactly what the safe reader says', () => {
    const root = tempDir('nilecare-stat-tree-');
    const outside = tempDir('nilecare-stat-tree-outside-');
    writeFileSync(path.join(root, 'a.sql'), 'CREATE TABLE a (id INT);\n');
    writeFileSync(path.join(root, 'b.sql'), 'CREATE TABLE b (id INT);\n');
    writeFileSync(path.join(outside, 'secret.sql'), 'CREATE TABLE s (id INT);\n');
    const cached = statCachedTree(diskTree(root));
    const outcome = (tree: SourceTree) => {
      try {
        return tree.read('a.sql', scope)?.toString() ?? 'nothing';
      } catch (error) {
        return error instanceof FileAccessError ? `refused: ${error.reason}` : `crashed: ${(error as Error).message}`;
      }
    };
    expect(outcome(cached)).toBe('CREATE TABLE a (id INT);\n');
    rmSync(path.join(root, 'a.sql'));
    symlinkSync(path.join(outside, 'secret.sql'), path.join(root, 'a.sql'));
    expect(outcome(cached)).toMatch(/^refused: /);
    expect(outcome(cached)).toBe(outcome(diskTree(root)));
    rmSync(path.join(root, 'a.sql'));
    symlinkSync(path.join(root, 'b.sql'), path.join(root, 'a.sql'));
    expect(outcome(cached)).toBe(outcome(diskTree(root)));
    rmSync(path.join(root, 'a.sql'));
    expect(outcome(cached)).toBe('nothing');
    mkdirSync(path.join(root, 'a.sql'));
    expect(outcome(cached)).toMatch(/^refused: .*folder/);
  });

  it('keeps the size limit of each read', () => {
    const root = tempDir('nilecare-stat-tree-');
    writeFileSync(path.join(root, 'big.sql'), 'x'.repeat(600));
    const cached = statCachedTree(diskTree(root));
    expect(cached.read('big.sql', scope)?.length).toBe(600);
    expect(() => cached.read('big.sql', { maxBytes: 100 })).toThrow(FileAccessError);
  });

  it('only caches a tree on disk', () => {
    expect(() => statCachedTree(memoryTree({ 'a.sql': '' }))).toThrow(/only a tree on disk/);
  });
});
