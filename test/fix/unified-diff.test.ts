import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/unified-diff.js';
import { tempDir } from '../temp-dirs.js';

describe('unifiedDiff', () => {
  it('prints hunks with three lines of context, as diff -u does', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'].map((l) => `${l}\n`).join('');
    const after = before.replace('b\n', 'B\n').replace('l\n', '');
    expect(unifiedDiff('x.ts', before, after)).toBe(
      '--- a/x.ts\n+++ b/x.ts\n@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n@@ -9,4 +9,3 @@\n i\n j\n k\n-l\n',
    );
  });

  it('says when a side ends without a line break, and is empty for equal texts', () => {
    expect(unifiedDiff('x', 'a\nb', 'a\n')).toBe('--- a/x\n+++ b/x\n@@ -1,2 +1,1 @@\n a\n-b\n\\ No newline at end of file\n');
    expect(unifiedDiff('x', 'same\n', 'same\n')).toBe('');
  });

  it('round-trips through git apply on random texts', () => {
    const dir = tempDir('nilecare-diff-');
    execFileSync('git', ['init', '-q', dir]);
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
    const text = () =>
      Array.from({ length: Math.floor(random() * 14) }, () => `${'abcde'[Math.floor(random() * 5)]}\n`).join('') +
      (random() < 0.2 ? 'z' : '');
    // One file and one patch per round, all applied by a single git apply (a git process per round
    // cost most of this file's time); git names the file of a patch that does not apply.
    const expected = new Map<string, string>();
    for (let round = 0; round < 60; round++) {
      const before = text();
      const after = text();
      if (before === after) continue;
      const file = `x${round}`;
      writeFileSync(path.join(dir, file), before);
      writeFileSync(path.join(dir, `${file}.diff`), unifiedDiff(file, before, after));
      expected.set(file, after);
    }
    expect(expected.size).toBeGreaterThan(50);
    execFileSync('git', ['apply', ...[...expected.keys()].map((file) => `${file}.diff`)], { cwd: dir });
    for (const [file, after] of expected) expect(readFileSync(path.join(dir, file), 'utf8'), file).toBe(after);
  });
});
