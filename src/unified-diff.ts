/**
 * Unified diffs (`diff -u`, `git diff`), for `--fix-dry-run`: what `--fix` would write, in the
 * form every reviewer and `git apply` reads. Lines are compared with Myers' O((N+M)·D)
 * algorithm, D being the number of changed lines: fixes change few lines of large files.
 */

type Op = { kind: ' ' | '-' | '+'; line: string };

/** Splits keeping each line's break, so a changed line ending shows and `\ No newline` can be said. */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$/gu) ?? [];
}

/** The shortest edit script from `a` to `b` (Myers 1986), as keep/delete/insert operations. */
function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const offset = n + m + 1;
  const v = new Int32Array(2 * offset + 1);
  // trace[d]: the furthest x on each diagonal k before step d.
  const trace: Int32Array[] = [];
  search: for (let d = 0; d <= n + m; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) break search;
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const frontier = trace[d];
    const k = x - y;
    const previousK = k === -d || (k !== d && frontier[offset + k - 1] < frontier[offset + k + 1]) ? k + 1 : k - 1;
    const previousX = d === 0 ? 0 : frontier[offset + previousK];
    const previousY = d === 0 ? 0 : previousX - previousK;
    while (x > previousX && y > previousY) {
      x--;
      y--;
      ops.push({ kind: ' ', line: a[x] });
    }
    if (d === 0) break;
    if (x === previousX) ops.push({ kind: '+', line: b[previousY] });
    else ops.push({ kind: '-', line: a[previousX] });
    x = previousX;
    y = previousY;
  }
  return ops.reverse();
}

/** A `--- a/file` / `+++ b/file` patch of two texts with `context` lines around each change; '' when equal. */
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const ops = diffLines(splitLines(before), splitLines(after));
  const out = [`--- a/${file}\n`, `+++ b/${file}\n`];
  let i = 0;
  while (i < ops.length) {
    if (ops[i].kind === ' ') {
      i++;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` after the last change closer than 2·context.
    let start = Math.max(0, i - context);
    while (start > 0 && ops[start - 1].kind !== ' ') start--;
    let end = i;
    let lastChange = i;
    while (end < ops.length && end - lastChange <= 2 * context) {
      if (ops[end].kind !== ' ') lastChange = end;
      end++;
    }
    end = Math.min(ops.length, lastChange + context + 1);
    const before = ops.slice(0, start);
    const oldStart = before.filter((op) => op.kind !== '+').length + 1;
    const newStart = before.filter((op) => op.kind !== '-').length + 1;
    const hunk = ops.slice(start, end);
    const oldCount = hunk.filter((op) => op.kind !== '+').length;
    const newCount = hunk.filter((op) => op.kind !== '-').length;
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@\n`);
    for (const op of hunk) {
      const bare = op.line.replace(/(?:\r\n|\n|\r)$/u, '');
      out.push(`${op.kind}${bare}\n`);
      if (bare === op.line) out.push('\\ No newline at end of file\n');
    }
    i = end;
  }
  return out.join('');
}

/** `start,count`, where an empty side starts one line earlier (as diff prints `-0,0`). */
function range(start: number, count: number): string {
  return `${count === 0 ? start - 1 : start},${count}`;
}
