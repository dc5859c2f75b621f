/**
 * The facts cache `diff --cache` shares with lint: a cache opened under another key starts empty.
 * The diff runs themselves, on a scratch git repository, are in test/e2e/diff-cache.test.ts.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileFactsCache } from '../../src/analysis/facts-cache.js';
import { tempDir } from '../temp-dirs.js';

describe('diff --cache keeps the base versions of changed files', () => {
  it('a cache opened with another key is emptied: facts fingerprinted under two keys would not match', () => {
    const folder = tempDir('nilecare-diff-cache-key-');
    const file = path.join(folder, 'facts');
    const first = FileFactsCache.open({ base: folder, location: file, toolVersion: 't' });
    first.prepare('settings');
    first.set({ path: 'a.sql', kind: 'sql', hash: 'h', lineStarts: [0], text: '', comments: [], problems: [] });
    first.save();
    const sameKey = FileFactsCache.open({ base: folder, location: file, toolVersion: 't', secretKey: first.secretKey });
    sameKey.prepare('settings');
    expect(sameKey.get('a.sql', 'h')).toBeDefined();
    const otherKey = new Uint8Array(32).fill(7);
    const other = FileFactsCache.open({ base: folder, location: file, toolVersion: 't', secretKey: otherKey });
    other.prepare('settings');
    expect(other.get('a.sql', 'h')).toBeUndefined();
    expect(Buffer.from(other.secretKey).equals(Buffer.from(otherKey))).toBe(true);
    expect(existsSync(file)).toBe(true);
  });
});
