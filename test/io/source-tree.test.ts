import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileAccessError } from '../../src/io/file-access-error.js';
import { readSourceFile } from '../../src/io/read-file.js';
import { withoutTrailingSlashes } from '../../src/io/repository-paths.js';
import { diskTree, memoryTree, overlayTree, readTreeText, treePath } from '../../src/io/source-tree.js';
import { tempDir } from '../temp-dirs.js';

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof FileAccessError) return `${error.problem}: ${error.message}`;
    throw error;
  }
  throw new Error('expected a FileAccessError');
};

describe('memoryTree', () => {
  const tree = memoryTree({ 'src/a.ts': 'export {};\n', './src/b/c.sql': new Uint8Array([0x53, 0x45]), 'big.sql': 'x'.repeat(2048) });

  it('lists its files sorted, as a walk', () => {
    expect(tree.list()).toEqual({ files: ['big.sql', 'src/a.ts', 'src/b/c.sql'], as: 'walk' });
    expect(tree.onDisk).toBe(false);
  });

  it('reads text and bytes; a missing file is undefined', () => {
    expect(readTreeText(tree, 'src/a.ts', { maxBytes: 100 })).toBe('export {};\n');
    expect(tree.read('src/b/c.sql', { maxBytes: 100 })?.toString('utf8')).toBe('SE');
    expect(tree.read('src/none.ts', { maxBytes: 100 })).toBeUndefined();
  });

  it('refuses a folder and a file over the limit, in the disk reader’s words', () => {
    expect(refusal(() => tree.read('src/b', { maxBytes: 100 }))).toBe('folder: src/b: is a folder, not a file');
    expect(refusal(() => tree.read('big.sql', { maxBytes: 1024 }))).toBe('too-large: big.sql: is 2 KB, over the 1 KB limit; not read');
    expect(readSourceFile('big.sql', memoryTree({ 'big.sql': `\uFEFF${'x'.repeat(10)}` }))).toEqual({
      ok: true,
      text: 'x'.repeat(10),
      problems: [],
      binaryLike: false,
    });
  });

  it('knows files and the folders holding them', () => {
    expect(['.', 'src', 'src/b', 'src/a.ts', 'src/b/c.sql', 'sr', 'src/b/c'].map((p) => tree.entry(p))).toEqual([
      'folder',
      'folder',
      'folder',
      'file',
      'file',
      'missing',
      'missing',
    ]);
  });
});

describe('treePath', () => {
  /** The normalisation as written before paths already in form were returned as they are. */
  const normalised = (file: string): string => {
    const clean = withoutTrailingSlashes(path.posix.normalize(file.split(path.sep).join('/')).replace(/^\.\//, ''));
    if (clean === '..' || clean.startsWith('../') || path.posix.isAbsolute(clean) || clean === '.' || clean === '')
      throw new Error(`'${file}' is not a path inside the tree (paths are relative to its root, without '..')`);
    return clean;
  };
  const outcome = (normalise: (file: string) => string, file: string) => {
    try {
      return normalise(file);
    } catch (error) {
      return `throws ${(error as Error).message}`;
    }
  };

  it('gives every path of up to three segments what the normalisation gives, clean ones as they are', () => {
    const segments = ['', '.', '..', 'a', 'b.c', '.env', '..a', 'a..', '...'];
    let paths = [''];
    const all: string[] = [];
    for (let depth = 1; depth <= 3; depth++) {
      paths = paths.flatMap((prefix) => segments.map((segment) => (depth === 1 ? segment : `${prefix}/${segment}`)));
      all.push(...paths);
    }
    expect(all.length).toBe(9 + 81 + 729);
    expect(all.map((file) => outcome(treePath, file))).toEqual(all.map((file) => outcome(normalised, file)));
    expect(['a/b.c/.env', '..a/...', '.env'].map(treePath)).toEqual(['a/b.c/.env', '..a/...', '.env']);
    expect(['./a', 'a//b', 'a/./b', 'a/b/../c', 'a/'].map(treePath)).toEqual(['a', 'a/b', 'a/b', 'a/c', 'a']);
  });
});

describe('overlayTree', () => {
  it('reads the disk except where a buffer replaces a file or adds one', () => {
    const root = tempDir('nilecare-overlay-');
    mkdirSync(path.join(root, 'src'));
    writeFileSync(path.join(root, 'src/a.ts'), 'disk a\n');
    writeFileSync(path.join(root, 'src/b.ts'), 'disk b\n');
    const tree = overlayTree(root, { 'src/b.ts': 'buffer b\n', 'src/new/c.ts': 'buffer c\n' });
    const text = (file: string) => readTreeText(tree, file, { maxBytes: 100 });
    expect([text('src/a.ts'), text('src/b.ts'), text('src/new/c.ts')]).toEqual(['disk a\n', 'buffer b\n', 'buffer c\n']);
    expect(tree.list()).toBeUndefined();
    expect(tree.additions()).toEqual(['src/new/c.ts']);
    expect([tree.entry('src/new'), tree.entry('src/new/c.ts'), tree.entry('src/a.ts')]).toEqual(['folder', 'file', 'file']);
  });

  it('a buffer for a path the disk holds as a link or a folder is refused, as the disk reader refuses it', () => {
    const root = tempDir('nilecare-overlay-');
    mkdirSync(path.join(root, 'src'));
    writeFileSync(path.join(root, 'src/real.ts'), 'x\n');
    symlinkSync('real.ts', path.join(root, 'src/link.ts'));
    const tree = overlayTree(root, { 'src/link.ts': 'buffer\n', src: 'buffer\n' });
    expect(refusal(() => tree.read('src/link.ts', { maxBytes: 100 }))).toMatch(/^symlink: src\/link\.ts: /);
    expect(refusal(() => tree.read('src', { maxBytes: 100 }))).toBe('folder: src: is a folder, not a file');
  });
});

describe('diskTree', () => {
  it('is the file-access layer: links leading out of the repository are refused', () => {
    const base = tempDir('nilecare-disk-tree-');
    const root = path.join(base, 'repo');
    mkdirSync(root);
    writeFileSync(path.join(base, 'secret'), 'TOKEN\n');
    symlinkSync('../secret', path.join(root, 'leak.ts'));
    const tree = diskTree(root);
    expect(tree.list()).toBeUndefined();
    expect(tree.entry('leak.ts')).toBe('symlink');
    expect(refusal(() => tree.read('leak.ts', { maxBytes: 100 }))).toMatch(/^outside-repository: leak\.ts: /);
  });
});
