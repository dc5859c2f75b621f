/**
 * The facts cache finds its entries in the file's bytes and decodes an entry's facts only when a
 * run asks for them: byte offsets, not character offsets, so paths and facts outside ASCII (a
 * two-byte `ü`, a four-byte emoji) must come back exactly, also after an entry's stamp is
 * rewritten and after entries are appended.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileFactsCache } from '../../src/analysis/facts-cache.js';
import type { FileFacts } from '../../src/analysis/facts.js';
import type { FileStamp } from '../../src/io/file-stamp.js';

const root = mkdtempSync(path.join(tmpdir(), 'nilecare-cache-entries-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const facts = (file: string, hash: string, message: string): FileFacts => ({
  path: file,
  kind: 'other',
  hash,
  lineStarts: [0, 7],
  text: '',
  comments: [],
  problems: [{ message, fileSpan: { start: 0, end: 1 } }],
});
// Modified long before any save: trusted by its stamp alone.
const stamp = (ino: number): FileStamp => ({ dev: 1, ino, size: 10, mtimeMs: 1_000_000, ctimeMs: 1_000_000 });
const open = (location: string) => {
  const cache = FileFactsCache.open({ base: root, location, toolVersion: '1.0.0' });
  cache.prepare('settings');
  return cache;
};

describe('entries outside ASCII', () => {
  const names = ['src/über/naïve.txt', 'src/😀/emoji-✓.txt', 'src/plain.txt'];

  it('come back exactly: by stamp, by hash, after a new stamp is stored and after an append', () => {
    const location = path.join(root, 'facts');
    const first = open(location);
    names.forEach((name, i) => first.set(facts(name, `hash-${i}`, `problème ${i} — 😀`), stamp(i + 1)));
    first.save();

    const second = open(location);
    names.forEach((name, i) => {
      expect(second.getUnchanged(name, stamp(i + 1))).toEqual(
        expect.objectContaining({ path: name, hash: `hash-${i}`, problems: [expect.objectContaining({ message: `problème ${i} — 😀` })] }),
      );
    });
    // Same content, another stamp (the file was touched): the entry is stored again with the new stamp.
    expect(second.get(names[0], 'hash-0', stamp(40))?.problems[0].message).toBe('problème 0 — 😀');
    second.save();

    const third = open(location);
    expect(third.getUnchanged(names[0], stamp(1))).toBeUndefined();
    expect(third.get(names[0], 'hash-0', stamp(40))?.path).toBe(names[0]);
    expect(third.getUnchanged(names[1], stamp(2))?.problems[0].message).toBe('problème 1 — 😀');
    // One changed file: appended, not rewritten.
    third.get(names[1], 'hash-1', stamp(2));
    third.get(names[2], 'hash-2', stamp(3));
    third.set(facts(names[2], 'hash-new', 'ünïcode again'), stamp(30));
    const before = readFileSync(location);
    third.save();
    const after = readFileSync(location);
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    expect(after.length).toBeGreaterThan(before.length);

    const fourth = open(location);
    expect(fourth.get(names[2], 'hash-2')).toBeUndefined();
    expect(fourth.get(names[2], 'hash-new')?.problems[0].message).toBe('ünïcode again');
    expect(fourth.get(names[0], 'hash-0')?.path).toBe(names[0]);
  });

  it('a line without tabs, an empty line or a cut-off last line is a miss, and the other entries still count', () => {
    const location = path.join(root, 'damaged');
    const cache = open(location);
    cache.set(facts(names[0], 'hash-0', 'kept'), stamp(1));
    cache.set(facts(names[1], 'hash-1', 'cut'), stamp(2));
    cache.save();
    const [header, kept, cut] = readFileSync(location, 'utf8').split('\n');
    writeFileSync(location, [header, 'no tabs at all ü', '', kept, cut.slice(0, cut.length - 5)].join('\n'));
    const reopened = open(location);
    expect(reopened.get(names[0], 'hash-0')?.problems[0].message).toBe('kept');
    expect(reopened.get(names[1], 'hash-1')).toBeUndefined();
  });
});
