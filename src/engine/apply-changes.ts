/**
 * Applies fixes to file texts, in memory: the fixer (`--fix`), `--fix-dry-run` and the tests
 * share it, so what a dry run shows is what a fix writes.
 *
 * As in ESLint, the fixes of one pass never overlap: they are taken in the order of their first
 * edit, and one that touches text an earlier one changes (or a file an earlier one creates or
 * renames) waits for the next pass, when the findings are computed anew on the changed text.
 */
import type { FileChange, Fix, TextEdit } from './fix.js';

/** What a pass did, by repo-relative path. Unchanged files are absent. */
export interface AppliedChanges {
  /** New text of edited and created files. */
  texts: Map<string, string>;
  /** Renames, old path → new path; a renamed file's text (edited or not) is under its new path in `texts` only when edited. */
  renames: Map<string, string>;
  /** The fixes applied, in order. */
  applied: Fix[];
  /** Fixes left for a later pass because they overlap an applied one. */
  deferred: Fix[];
}

export class ChangeError extends Error {}

/**
 * Applies every fix that does not overlap an earlier one. `read` gives a file's current text
 * (undefined when it does not exist): the text the linter read, which the offsets refer to.
 */
export function applyFixes(fixes: readonly Fix[], read: (file: string) => string | undefined): AppliedChanges {
  const ordered = [...fixes].sort((a, b) => firstOffset(a) - firstOffset(b));
  const claimed = new Map<string, TextEdit[]>();
  const wholeFiles = new Set<string>();
  const applied: Fix[] = [];
  const deferred: Fix[] = [];
  for (const fix of ordered) {
    if (fix.changes.some((change) => conflicts(change, claimed, wholeFiles))) {
      deferred.push(fix);
      continue;
    }
    for (const change of fix.changes) claim(change, claimed, wholeFiles);
    applied.push(fix);
  }
  const texts = new Map<string, string>();
  const renames = new Map<string, string>();
  for (const [file, edits] of claimed) {
    const text = read(file);
    if (text === undefined) throw new ChangeError(`cannot edit ${file}: it does not exist`);
    texts.set(file, applyEdits(text, edits));
  }
  for (const fix of applied)
    for (const change of fix.changes) {
      if (change.kind === 'create') {
        if (read(change.file) !== undefined) throw new ChangeError(`cannot create ${change.file}: it exists`);
        texts.set(change.file, change.text);
      } else if (change.kind === 'rename') {
        if (read(change.file) === undefined) throw new ChangeError(`cannot rename ${change.file}: it does not exist`);
        if (read(change.to) !== undefined) throw new ChangeError(`cannot rename ${change.file} to ${change.to}: the target exists`);
        renames.set(change.file, change.to);
      }
    }
  return { texts, renames, applied, deferred };
}

/** Applies edits to one text; they must not overlap (two insertions at one offset keep their order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((edit, index) => ({ edit, index })).sort((a, b) => a.edit.start - b.edit.start || a.index - b.index);
  let out = '';
  let at = 0;
  for (const { edit } of sorted) {
    if (edit.start < at || edit.end < edit.start || edit.end > text.length)
      throw new ChangeError(`edit ${edit.start}-${edit.end} is out of order or outside the text (length ${text.length})`);
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

function firstOffset(fix: Fix): number {
  const offsets = fix.changes.flatMap((change) => (change.kind === 'edit' ? change.edits.map((edit) => edit.start) : [-1]));
  return offsets.length > 0 ? Math.min(...offsets) : -1;
}

/** Overlap, ESLint's way: edits touching or sharing an offset conflict, so an insertion never lands inside a replacement. */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function conflicts(change: FileChange, claimed: Map<string, TextEdit[]>, wholeFiles: Set<string>): boolean {
  const files = change.kind === 'rename' ? [change.file, change.to] : [change.file];
  if (files.some((file) => wholeFiles.has(file))) return true;
  if (change.kind !== 'edit') return files.some((file) => claimed.has(file));
  const taken = claimed.get(change.file) ?? [];
  return change.edits.some((edit) => taken.some((other) => overlaps(edit, other)));
}

function claim(change: FileChange, claimed: Map<string, TextEdit[]>, wholeFiles: Set<string>): void {
  if (change.kind === 'edit') {
    const taken = claimed.get(change.file) ?? [];
    taken.push(...change.edits);
    claimed.set(change.file, taken);
  } else if (change.kind === 'create') wholeFiles.add(change.file);
  else {
    wholeFiles.add(change.file);
    wholeFiles.add(change.to);
  }
}
