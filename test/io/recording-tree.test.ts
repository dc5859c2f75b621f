/**
 * The recording tree (src/io/recording-tree.ts): what a stored model was built from besides the listed files, asked
 * again. Same content, same answers; a changed, removed, added or oversized file is a different answer.
 */
import { describe, expect, it } from 'vitest';
import { FileAccessError } from '../../src/io/file-access-error.js';
import { recordingTree, sameAnswers } from '../../src/io/recording-tree.js';
import { memoryTree } from '../../src/io/source-tree.js';

const files = { 'package.json': '{"name":"root"}', 'services/a/package.json': '{"dependencies":{"pg":"^8"}}' };

function recorded(tree = memoryTree(files)) {
  const recording = recordingTree(tree);
  recording.read('package.json', { maxBytes: 1024 });
  recording.read('services/a/package.json', { maxBytes: 1024, symlinks: 'never' });
  recording.read('services/b/package.json', { maxBytes: 1024 });
  expect(recording.entry('services/a/Dockerfile')).toBe('missing');
  expect(() => recording.read('package.json', { maxBytes: 4 })).toThrow(FileAccessError);
  // Asked twice, recorded once.
  recording.read('package.json', { maxBytes: 1024 });
  return recording.answers();
}

describe('recordingTree', () => {
  it('records each question once, with a digest of its answer, and the same tree answers the same', () => {
    const answers = recorded();
    expect(answers.map((answer) => answer.slice(0, 2))).toEqual([
      ['read', 'package.json'],
      ['read', 'services/a/package.json'],
      ['read', 'services/b/package.json'],
      ['entry', 'services/a/Dockerfile'],
      ['read', 'package.json'],
    ]);
    expect(answers[2][4]).toBe('-');
    expect(answers[4][4]).toBe('!too-large');
    expect(JSON.stringify(answers)).not.toContain('"pg"');
    expect(sameAnswers(memoryTree(files), answers)).toBe(true);
  });

  it('a changed, removed or added file answers differently', () => {
    const answers = recorded();
    expect(sameAnswers(memoryTree({ ...files, 'services/a/package.json': '{"dependencies":{"mysql2":"^3"}}' }), answers)).toBe(false);
    expect(sameAnswers(memoryTree({ 'package.json': files['package.json'] }), answers)).toBe(false);
    expect(sameAnswers(memoryTree({ ...files, 'services/b/package.json': '{}' }), answers)).toBe(false);
    expect(sameAnswers(memoryTree({ ...files, 'services/a/Dockerfile': 'FROM node:20\n' }), answers)).toBe(false);
    expect(sameAnswers(memoryTree({ ...files, 'package.json': '{"name":"r"}' }), answers)).toBe(false);
  });
});
