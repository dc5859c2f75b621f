/**
 * The facts cache appends a run's changed entries only to the very file it read. Which file that
 * was must come from the read itself: a cache renamed over the path between the read and a second
 * look at the path (another run saving at the same moment) holds other entries, perhaps under
 * other settings or another secrets key, and appending ours to it would mix the two. The swap is
 * made at the one moment where it decides: when the read closes its descriptor.
 */
import type * as fs from 'node:fs';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { FileFacts } from '../../src/analysis/facts.js';

// Runs after every other file of its worker (vitest.config.ts): it takes fresh copies of src/ here.
vi.resetModules();
const { FileFactsCache } = await import('../../src/analysis/facts-cache.js');

const swap = vi.hoisted(() => ({ when: undefined as (() => void) | undefined }));

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>();
  const closeSync = (fd: number) => {
    actual.closeSync(fd);
    const run = swap.when;
    swap.when = undefined;
    run?.();
  };
  return { ...actual, default: { ...actual, closeSync }, closeSync };
});

const root = mkdtempSync(path.join(tmpdir(), 'nilecare-cache-swap-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const facts = (file: string, hash: string): FileFacts => ({
  path: file,
  kind: 'other',
  hash,
  lineStarts: [0],
  text: '',
  comments: [],
  problems: [],
});

describe('appending to the facts cache after a swap', () => {
  it('never appends to a cache renamed over the one this run read', () => {
    const location = path.join(root, 'facts');
    const first = FileFactsCache.open({ base: root, location, toolVersion: '1.0.0' });
    first.prepare('settings');
    first.set(facts('a.txt', 'hash-a'));
    first.save();

    // Another run's cache, under other settings: it is not the file this run read.
    const other = `${JSON.stringify({ format: 'other-run' })}\nother-entry\n`;
    swap.when = () => {
      writeFileSync(`${location}.other`, other);
      renameSync(`${location}.other`, location);
    };
    const second = FileFactsCache.open({ base: root, location, toolVersion: '1.0.0' });
    expect(swap.when).toBeUndefined();
    second.prepare('settings');
    expect(second.get('a.txt', 'hash-a')).toBeDefined();
    second.set(facts('b.txt', 'hash-b'));
    second.save();

    const saved = readFileSync(location, 'utf8');
    expect(saved).not.toContain('other-entry');
    expect(saved.startsWith(other)).toBe(false);
    // Rewritten whole from what this run knows: its header, both entries.
    const lines = saved.trimEnd().split('\n');
    expect(JSON.parse(lines[0])).toMatchObject({ settings: 'settings', toolVersion: '1.0.0' });
    expect(lines.slice(1).map((line) => JSON.parse(line.split('\t')[2]) as string)).toEqual(['a.txt', 'b.txt']);
  });
});
