/**
 * The V8 code cache folder is bounded (src/io/code-cache.ts, MAX_CACHE_FILES): every TypeScript
 * install, node version or flag set writes its own file, and without pruning the folder only grows.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_CACHE_FILES, pruneCodeCache } from '../../src/io/code-cache.js';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'nilecare-code-cache-prune-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** A cache-file-shaped name for `i`, last used `ageMinutes` ago. */
function cacheFile(i: number, ageMinutes: number): string {
  const name = `${i.toString(16).padStart(32, '0')}.bin`;
  const file = path.join(folder, name);
  writeFileSync(file, 'x', { mode: 0o600 });
  const used = new Date(Date.now() - ageMinutes * 60_000);
  utimesSync(file, used, used);
  return name;
}

describe('pruning the code cache', () => {
  it(`keeps the ${MAX_CACHE_FILES} most recently used cache files and deletes the others`, () => {
    const names = Array.from({ length: MAX_CACHE_FILES + 3 }, (_, i) => cacheFile(i, i));
    pruneCodeCache(folder);
    expect(readdirSync(folder).sort()).toEqual(names.slice(0, MAX_CACHE_FILES).sort());
  });

  it('leaves a folder at or under the bound alone', () => {
    const names = Array.from({ length: MAX_CACHE_FILES }, (_, i) => cacheFile(i, i));
    pruneCodeCache(folder);
    expect(readdirSync(folder).sort()).toEqual(names.sort());
  });

  it('never deletes what it did not write: other names, folders, links, files others may write', () => {
    const names = Array.from({ length: MAX_CACHE_FILES }, (_, i) => cacheFile(i, i));
    const old = new Date(Date.now() - 86_400_000);
    const other = ['notes.txt', 'abc.bin', `${'f'.repeat(32)}.bin.tmp`];
    for (const name of other) {
      writeFileSync(path.join(folder, name), 'keep');
      utimesSync(path.join(folder, name), old, old);
    }
    mkdirSync(path.join(folder, `${'e'.repeat(32)}.bin`));
    const target = path.join(folder, 'target');
    writeFileSync(target, 'keep');
    symlinkSync(target, path.join(folder, `${'d'.repeat(32)}.bin`));
    const shared = cacheFile(0xc0ffee, 10_000);
    chmodSync(path.join(folder, shared), 0o666);
    pruneCodeCache(folder);
    expect(readdirSync(folder).sort()).toEqual(
      [...names, ...other, `${'e'.repeat(32)}.bin`, 'target', `${'d'.repeat(32)}.bin`, shared].sort(),
    );
  });
});
