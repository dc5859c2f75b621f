/**
 * A source tree that remembers what was asked of it — each read (with its scope) and each entry
 * question — and what the answer was, as digests: what a result depends on besides the files a
 * run lists, so a later run can tell whether that result still holds by asking again
 * (`sameAnswers`) without keeping the answers themselves.
 */
import { createHash } from 'node:crypto';
import { FileAccessError } from './file-access-error.js';
import type { SourceTree } from './source-tree.js';

/** One question and its answer: `read` of a file (the content's sha1, `-` for none, `!problem` for a refusal), or `entry`. */
export type RecordedAnswer =
  ['read', file: string, maxBytes: number, symlinks: string, answer: string] | ['entry', file: string, kind: string];

export interface RecordingTree extends SourceTree {
  /** Every question asked so far, once each, in the order first asked. */
  answers(): RecordedAnswer[];
}

export function recordingTree(tree: SourceTree): RecordingTree {
  const seen = new Map<string, RecordedAnswer>();
  return {
    root: tree.root,
    label: tree.label,
    onDisk: tree.onDisk,
    list: () => tree.list(),
    additions: () => tree.additions(),
    read(file, scope) {
      const key = `read\0${file}\0${scope.maxBytes}\0${scope.symlinks ?? ''}`;
      try {
        const bytes = tree.read(file, scope);
        if (!seen.has(key)) seen.set(key, ['read', file, scope.maxBytes, scope.symlinks ?? '', digestOf(bytes)]);
        return bytes;
      } catch (error) {
        if (error instanceof FileAccessError && !seen.has(key))
          seen.set(key, ['read', file, scope.maxBytes, scope.symlinks ?? '', `!${error.problem}`]);
        throw error;
      }
    },
    entry(file) {
      const kind = tree.entry(file);
      const key = `entry\0${file}`;
      if (!seen.has(key)) seen.set(key, ['entry', file, kind]);
      return kind;
    },
    answers: () => [...seen.values()],
  };
}

/** Whether `tree` answers every recorded question as it was answered then; the first that differs stops the check. */
export function sameAnswers(tree: SourceTree, answers: readonly RecordedAnswer[]): boolean {
  for (const answer of answers) {
    if (answer[0] === 'entry') {
      if (tree.entry(answer[1]) !== answer[2]) return false;
      continue;
    }
    const [, file, maxBytes, symlinks, then] = answer;
    let now: string;
    try {
      now = digestOf(tree.read(file, { maxBytes, ...(symlinks ? { symlinks: symlinks as 'inside-root' | 'never' } : {}) }));
    } catch (error) {
      if (!(error instanceof FileAccessError)) throw error;
      now = `!${error.problem}`;
    }
    if (now !== then) return false;
  }
  return true;
}

function digestOf(bytes: Buffer | undefined): string {
  return bytes === undefined ? '-' : createHash('sha1').update(bytes).digest('hex');
}
