/**
 * A stamp lets a warm `--cache` run take a file's facts without reading it, so only a file the
 * safe reader would read gets one: a plain file reached through real folders.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileStamper, type FileStamp } from '../../src/io/file-stamp.js';
import { diskTree } from '../../src/io/source-tree.js';

const root = mkdtempSync(path.join(tmpdir(), 'nilecare-stamp-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(path.join(root, 'src/deep'), { recursive: true });
writeFileSync(path.join(root, 'src/deep/a.ts'), 'export const a = 1;\n');
writeFileSync(path.join(root, 'top.ts'), 'export {};\n');
symlinkSync(path.join(root, 'src/deep/a.ts'), path.join(root, 'src/link.ts'));
symlinkSync(path.join(root, 'src/deep'), path.join(root, 'linked'));

describe('fileStamper', () => {
  const stampOf = fileStamper(root);

  it('stamps a plain file with what lstat says of it, at the root or below', () => {
    const stats = statSync(path.join(root, 'src/deep/a.ts'));
    expect(stampOf('src/deep/a.ts')).toEqual({
      dev: stats.dev,
      ino: stats.ino,
      size: stats.size,
      mtimeMs: stats.mtimeMs,
      ctimeMs: stats.ctimeMs,
    });
    expect(stampOf('top.ts')?.size).toBe(11);
  });

  it('gives no stamp to a link, a folder, a missing file, or a file reached through a linked folder', () => {
    expect(stampOf('src/link.ts')).toBeUndefined();
    expect(stampOf('src/deep')).toBeUndefined();
    expect(stampOf('src/none.ts')).toBeUndefined();
    // The same file (same inode and times) as src/deep/a.ts: the path, not the file, is refused.
    expect(stampOf('linked/a.ts')).toBeUndefined();
  });

  it('works from a root that is itself reached through a link', () => {
    const alias = `${root}-alias`;
    symlinkSync(root, alias);
    try {
      expect(fileStamper(alias)('src/deep/a.ts')?.size).toBe(20);
      expect(fileStamper(alias)('linked/a.ts')).toBeUndefined();
    } finally {
      rmSync(alias);
    }
  });

  it('takes the stamps discovery took (diskTree entry, one lstat per file), still never through a linked folder', () => {
    const stamps = new Map<string, FileStamp>();
    const tree = diskTree(root, { stamps });
    expect(['src/deep/a.ts', 'src/link.ts', 'src/deep', 'src/none.ts', 'linked/a.ts'].map((file) => tree.entry(file))).toEqual([
      'file',
      'symlink',
      'folder',
      'missing',
      'file',
    ]);
    expect([...stamps.keys()]).toEqual(['src/deep/a.ts', 'linked/a.ts']);
    // A stamp taken earlier is the one given: the file may have changed since, and then the stamp stored with
    // its facts is older than its content, so the next run reads it.
    const earlier = { ...stamps.get('src/deep/a.ts')!, mtimeMs: 1 };
    stamps.set('src/deep/a.ts', earlier);
    const stamper = fileStamper(root, stamps);
    expect(stamper('src/deep/a.ts')).toBe(earlier);
    expect(stamper('linked/a.ts')).toBeUndefined();
    expect(stamper('top.ts')?.size).toBe(11);
  });
});
